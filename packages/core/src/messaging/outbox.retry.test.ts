import { describe, expect, it } from "vitest";
import { DAY, HOUR, MINUTE } from "../shared/clock";
import { OUTBOX_MAX_ATTEMPTS, outboxDeliveryDeadline, outboxRetryDelayMs } from "./outbox.retry";

describe("outboxRetryDelayMs", () => {
	it("backs off 30 s, 2 min, 10 min, 30 min, then 1 h", () => {
		const delays = Array.from({ length: OUTBOX_MAX_ATTEMPTS }, (_, i) => outboxRetryDelayMs(i + 1, () => 0));
		expect(delays).toEqual([30_000, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR, HOUR, HOUR, HOUR]);
	});

	it("adds at most 20 % jitter, never goes below the step and never above 1 h", () => {
		expect(outboxRetryDelayMs(1, () => 0.999_999)).toBe(36_000);
		expect(outboxRetryDelayMs(3, () => 0.5)).toBe(11 * MINUTE);
		expect(outboxRetryDelayMs(4, () => 1)).toBe(36 * MINUTE);
		expect(outboxRetryDelayMs(5, () => 1)).toBe(HOUR);
		expect(outboxRetryDelayMs(20, () => 1)).toBe(HOUR);
		for (let attempts = 1; attempts <= OUTBOX_MAX_ATTEMPTS; attempts++) {
			const base = outboxRetryDelayMs(attempts, () => 0);
			const jittered = outboxRetryDelayMs(attempts);
			expect(jittered).toBeGreaterThanOrEqual(base);
			expect(jittered).toBeLessThanOrEqual(Math.min(base * 1.2, HOUR));
		}
	});
});

describe("outboxDeliveryDeadline", () => {
	const createdAt = new Date("2026-01-01T00:00:00Z");

	it("gives code messages the longest lifetime their code may have", () => {
		expect(outboxDeliveryDeadline("sign_in_code", createdAt)).toEqual(new Date(createdAt.getTime() + 10 * MINUTE));
		expect(outboxDeliveryDeadline("reauth_code", createdAt)).toEqual(new Date(createdAt.getTime() + 10 * MINUTE));
		expect(outboxDeliveryDeadline("verify_phone_code", createdAt)).toEqual(new Date(createdAt.getTime() + 10 * MINUTE));
		expect(outboxDeliveryDeadline("verify_email_link", createdAt)).toEqual(new Date(createdAt.getTime() + DAY));
	});

	it("lets notices through however late", () => {
		expect(outboxDeliveryDeadline("password_changed", createdAt)).toBeNull();
		expect(outboxDeliveryDeadline("not_a_template", createdAt)).toBeNull();
	});
});
