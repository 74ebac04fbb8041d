import { describe, expect, it } from "vitest";
import { MINUTE, TestClock } from "../shared/clock";
import { ApiKeyFailureCounter } from "./apikey-auth.service";

function counter() {
	const lines: Record<string, unknown>[] = [];
	const clock = new TestClock(new Date("2026-01-01T00:00:00Z"));
	const failures = new ApiKeyFailureCounter({ warn: (fields) => lines.push(fields) }, clock);
	return { lines, clock, failures };
}

describe("ApiKeyFailureCounter", () => {
	it("logs the first failure at once and counts the rest of the minute into the next line", () => {
		const { lines, clock, failures } = counter();
		for (let i = 0; i < 50; i++) failures.record({ reason: "unknown", tenantId: null, ip: "192.0.2.1" });
		expect(lines).toEqual([
			{
				event: "apikey.authentication_failed",
				reason: "unknown",
				tenantId: null,
				count: 1,
				total: 1,
				lastIp: "192.0.2.1",
			},
		]);
		clock.advance(MINUTE);
		failures.record({ reason: "unknown", tenantId: null, ip: "192.0.2.2" });
		expect(lines[1]).toMatchObject({ reason: "unknown", count: 50, total: 51, lastIp: "192.0.2.2" });
	});

	it("keeps tenants and reasons apart, so no line mixes tenants", () => {
		const { lines, failures } = counter();
		failures.record({ reason: "revoked", tenantId: "tenant-a", ip: null });
		failures.record({ reason: "revoked", tenantId: "tenant-b", ip: null });
		failures.record({ reason: "expired", tenantId: "tenant-a", ip: null });
		failures.record({ reason: "revoked", tenantId: "tenant-a", ip: null });
		expect(lines.map((line) => [line.tenantId, line.reason, line.count])).toEqual([
			["tenant-a", "revoked", 1],
			["tenant-b", "revoked", 1],
			["tenant-a", "expired", 1],
		]);
	});
});
