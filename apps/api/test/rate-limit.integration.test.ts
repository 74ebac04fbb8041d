import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";

let server: TestServer;
beforeAll(async () => {
	// The real defaults: 20 attempts a minute per address.
	server = await startTestServer({ rateLimits: { perMinute: 20, perHour: 200 } });
});
afterAll(async () => {
	await server?.close();
});

const signIn = (headers: Record<string, string> = {}) =>
	fetch(`${server.url}/trpc/auth.signIn`, {
		method: "POST",
		headers: { "content-type": "application/json", ...headers },
		body: JSON.stringify({ json: { tenant: "acme", email: "nobody@example.com", password: "whatever-it-is" } }),
	});

describe("per-address throttling of credential checks", () => {
	it("throttles after 20 attempts a minute, however the client rotates X-Forwarded-For, and every batched call counts", async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 25; i++) {
			const response = await signIn({ "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `198.51.100.${i}` });
			statuses.push(response.status);
		}
		expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
		expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
		const last = (await (await signIn()).json()) as {
			error: { json: { data: { domainCode: string; details: { retryAfterSeconds: number } } } };
		};
		expect(last.error.json.data.domainCode).toBe("AUTH.RATE_LIMITED");
		expect(last.error.json.data.details.retryAfterSeconds).toBeGreaterThan(0);

		// A batch of 10 sign-in calls is 10 attempts, not one: all throttled now.
		const body = JSON.stringify(
			Object.fromEntries(
				Array.from({ length: 10 }, (_, i) => [i, { json: { tenant: "acme", email: "x@y.z", password: "p" } }]),
			),
		);
		const batch = await fetch(
			`${server.url}/trpc/${Array.from({ length: 10 }, () => "auth.signIn").join(",")}?batch=1`,
			{
				method: "POST",
				headers: { "content-type": "application/json" },
				body,
			},
		);
		const results = (await batch.json()) as { error?: { json: { data: { code: string } } } }[];
		expect(results).toHaveLength(10);
		expect(results.every((r) => r.error?.json.data.code === "TOO_MANY_REQUESTS")).toBe(true);
	});

	it("does not throttle reading the sign-in configuration", async () => {
		expect((await fetch(`${server.url}/trpc/auth.config`)).status).toBe(200);
	});
});
