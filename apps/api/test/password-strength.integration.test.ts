import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import { expectError } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const strength = (password: string, context: Record<string, string | null> = {}) =>
	server.client().auth.passwordStrength.mutate({ password, context });

describe("auth.passwordStrength: the strength meter, judged on the server", () => {
	it("reads a weak password as weak and lists what the organisation's policy refuses", async () => {
		const reading = await strength("short1", { tenantSlug: "acme" });
		expect(reading.estimate.score).toBeLessThanOrEqual(1);
		expect(reading.violations?.map((violation) => violation.code)).toContain("TOO_SHORT");
	});

	it("reads a strong passphrase as strong with nothing refused", async () => {
		const reading = await strength("new-Orchard-violin-42-breeze", { tenantSlug: "acme" });
		expect(reading.estimate.score).toBe(4);
		expect(reading.violations).toEqual([]);
	});

	it("counts the words the page sends against the password, as the submit will", async () => {
		const reading = await strength("ada-lovelace-Orchard-violin-42", {
			tenantSlug: "acme",
			email: "ada.lovelace@example.com",
		});
		expect(reading.violations).toContainEqual({ code: "CONTAINS_CONTEXT", sources: ["email"] });
	});

	it("gives only the estimate without an organisation", async () => {
		const reading = await strength("short1");
		expect(reading.violations).toBeNull();
		expect(reading.estimate.score).toBeLessThanOrEqual(1);
	});

	it("answers an unknown organisation as one with the default policy, so it says nothing about which exist", async () => {
		const known = await strength("Summer-2025-pass", { tenantSlug: "acme" });
		const unknown = await strength("Summer-2025-pass", { tenantSlug: "no-such-organisation" });
		expect(unknown).toEqual(known);
	});

	it("takes the password only in a POST body, never in a (logged) URL", async () => {
		const input = encodeURIComponent(JSON.stringify({ json: { password: "short1", context: {} } }));
		const response = await fetch(`${server.url}/trpc/auth.passwordStrength?input=${input}`);
		expect(response.status).toBe(405);
	});

	it("refuses a candidate longer than any password could be, before zxcvbn runs", async () => {
		await expectError(strength("a".repeat(1025)), "BAD_REQUEST");
	});
});

describe("auth.passwordStrength throttling", () => {
	let throttled: TestServer;
	beforeAll(async () => {
		throttled = await startTestServer({ rateLimits: { perMinute: 3, perHour: 100 } });
	});
	afterAll(async () => {
		await throttled?.close();
	});

	it("counts against the per-address budget of the credential checks", async () => {
		const client = throttled.client();
		for (let i = 0; i < 3; i++) {
			await client.auth.passwordStrength.mutate({ password: `candidate-${i}`, context: {} });
		}
		await expectError(
			client.auth.passwordStrength.mutate({ password: "one-too-many", context: {} }),
			"TOO_MANY_REQUESTS",
			"AUTH.RATE_LIMITED",
		);
	});

	it("holds the budget when the readings arrive at once: 10 in parallel, exactly 3 answered", async () => {
		const burst = await startTestServer({ rateLimits: { perMinute: 3, perHour: 100 } });
		try {
			const client = burst.client();
			const calls = Array.from({ length: 10 }, (_, i) =>
				client.auth.passwordStrength.mutate({ password: `burst-${i}`, context: {} }),
			);
			const results = await Promise.allSettled(calls);
			expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
			const refused = calls.filter((_, i) => results[i]?.status === "rejected");
			expect(refused).toHaveLength(7);
			for (const call of refused) await expectError(call, "TOO_MANY_REQUESTS", "AUTH.RATE_LIMITED");
		} finally {
			await burst.close();
		}
	});
});
