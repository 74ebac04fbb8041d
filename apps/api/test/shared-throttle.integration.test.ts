/**
 * The per-address throttle lives in the database (issue 10, item 8): two API servers on one
 * database draw from one budget, an IPv6 client counts by its /64, an IPv4-mapped address is its
 * IPv4 client, ended windows are cleaned up, and a database fault while counting is a 503.
 */
import { randomBytes } from "node:crypto";
import { TestClock } from "@tessera/core/shared/clock";
import { SecretBox } from "@tessera/core/shared/secret-box";
import { purgeEndedThrottleWindows } from "@tessera/core/shared/throttle.service";
import { connect } from "@tessera/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config";
import { createServer } from "../src/server";
import { startTestServer, type TestServer } from "../src/testing";

const PER_MINUTE = 8;
// Both servers believe X-Forwarded-For from the test's loopback peer, as behind one load balancer.
const BEHIND_PROXY = { TESSERA_TRUSTED_PROXIES: "127.0.0.1" };

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
	a = await startTestServer({ rateLimits: { perMinute: PER_MINUTE, perHour: 1000 }, env: BEHIND_PROXY });
	b = await startTestServer({ rateLimits: { perMinute: PER_MINUTE, perHour: 1000 }, env: BEHIND_PROXY, sharedWith: a });
});
afterAll(async () => {
	await b?.close();
	await a?.close();
});

/** One call that creates a passkey challenge (throttled per address), as the client `ip` would send it. */
const passkeyOptions = (server: TestServer, ip: string) =>
	fetch(`${server.url}/trpc/auth.passkey.options`, {
		method: "POST",
		headers: { "content-type": "application/json", "x-forwarded-for": ip },
		body: JSON.stringify({ json: { tenant: "acme" } }),
	});

/** Fires `count` calls at once, alternating between the two servers; counts the answers by status. */
async function burst(ips: (i: number) => string, count: number): Promise<Record<number, number>> {
	const responses = await Promise.all(
		Array.from({ length: count }, (_, i) => passkeyOptions(i % 2 === 0 ? a : b, ips(i))),
	);
	const statuses: Record<number, number> = {};
	for (const response of responses) statuses[response.status] = (statuses[response.status] ?? 0) + 1;
	return statuses;
}

const nextWindow = () => a.clock.advance(61_000);

describe("one throttle budget across API servers", () => {
	it("two servers on one database share one budget per address, even under 30 parallel calls", async () => {
		expect(await burst(() => "203.0.113.10", 30)).toEqual({ 200: PER_MINUTE, 429: 30 - PER_MINUTE });
		// Another address still has its own budget, on either server.
		expect(await burst(() => "203.0.113.11", 2)).toEqual({ 200: 2 });
		nextWindow();
		expect(await burst(() => "203.0.113.10", 2)).toEqual({ 200: 2 });
	});

	it("an IPv6 client rotating within its /64 shares one budget; the next /64 is another client", async () => {
		nextWindow();
		const rotating = (i: number) => `2001:db8:aa:1:${(i + 1).toString(16)}:${randomBytes(2).toString("hex")}::1`;
		expect(await burst(rotating, 20)).toEqual({ 200: PER_MINUTE, 429: 20 - PER_MINUTE });
		expect(await burst((i) => `2001:db8:aa:2::${i + 1}`, 2)).toEqual({ 200: 2 });
	});

	it("an IPv4-mapped IPv6 address is the IPv4 client it maps", async () => {
		nextWindow();
		const mixed = (i: number) => (i % 2 === 0 ? "198.51.100.7" : "::ffff:198.51.100.7");
		expect(await burst(mixed, 12)).toEqual({ 200: PER_MINUTE, 429: 12 - PER_MINUTE });
	});

	it("ended windows are cleaned up, live ones kept", async () => {
		nextWindow();
		await burst(() => "203.0.113.12", 1);
		const keys = async () => (await a.db.selectFrom("throttles").select("key").execute()).map((row) => row.key);
		expect(await keys()).toContain("auth-m:203.0.113.12");
		expect(await purgeEndedThrottleWindows(a)).toBeGreaterThan(0);
		const left = await keys();
		expect(left).toContain("auth-m:203.0.113.12");
		expect(left).toContain("auth-h:203.0.113.12");
		// The minute windows of the earlier tests ended; nothing but live windows is left.
		const ended = await a.db.selectFrom("throttles").select("key").where("expires_at", "<=", a.clock.now()).execute();
		expect(ended).toEqual([]);
	});
});

describe("a database fault while throttling", () => {
	it("is answered 503 with DB.UNAVAILABLE, not 500", async () => {
		// Nothing listens on port 1: every query of this server fails to connect.
		const unreachable = await connect({
			databaseUrl: "postgres://tessera@127.0.0.1:1/none",
			timeouts: { acquireMs: 1000 },
		});
		const app = await createServer({
			db: unreachable.db,
			clock: new TestClock(),
			secrets: new SecretBox(randomBytes(32)),
			config: { ...loadConfig({ NODE_ENV: "test", PORT: "0", TESSERA_SEED_DEMO: "never" }), defaultTenant: "acme" },
			logger: false,
			ping: unreachable.ping,
			rateLimits: { perMinute: 10, perHour: 100 },
		});
		try {
			const response = await app.inject({
				method: "POST",
				url: "/trpc/auth.signIn",
				headers: { "content-type": "application/json" },
				payload: JSON.stringify({ json: { tenant: "acme", email: "a@example.com", password: "whatever-it-is" } }),
			});
			expect(response.statusCode).toBe(503);
			const body = response.json() as { error: { json: { data: { domainCode: string } } } };
			expect(body.error.json.data.domainCode).toBe("DB.UNAVAILABLE");
		} finally {
			await app.close();
			await unreachable.close();
		}
	});
});
