/**
 * Limits that must hold when the calls arrive at once (issue 10, item 3): the code-send cooldown
 * and hourly cap, the per-flow cap of wrong second-factor answers, the per-account failure budget,
 * and the throttle on passkey challenge creation. Every test fires its calls together through the
 * tRPC client (which batches them ten to an HTTP request) and asserts the exact bound.
 */
import { TOTP, URI } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CookieJar, type SeededUser, startTestServer, type TestClient, type TestServer } from "../src/testing";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const MINUTE = 60_000;

/** Settles every call and sorts the outcomes by domain code ("ok" for a success). */
async function tallyOf(calls: Promise<unknown>[]): Promise<Record<string, number>> {
	const outcomes = await Promise.allSettled(calls);
	const tally: Record<string, number> = {};
	for (const outcome of outcomes) {
		const key =
			outcome.status === "fulfilled"
				? "ok"
				: ((outcome.reason as { data?: { domainCode?: string | null } }).data?.domainCode ?? "unknown");
		tally[key] = (tally[key] ?? 0) + 1;
	}
	return tally;
}

async function startSignIn(user: SeededUser): Promise<{ client: TestClient; jar: CookieJar }> {
	const jar: CookieJar = new Map();
	const client = server.client(jar);
	const result = await client.auth.signIn.mutate({
		tenant: user.tenantSlug,
		email: user.email,
		password: user.password,
	});
	expect(result.status).toBe("mfa_required");
	return { client, jar };
}

async function signedInClient(user: SeededUser): Promise<TestClient> {
	const client = server.client();
	const result = await client.auth.signIn.mutate({
		tenant: user.tenantSlug,
		email: user.email,
		password: user.password,
	});
	expect(result.status).toBe("signed_in");
	return client;
}

async function enrolTotp(user: SeededUser): Promise<TOTP> {
	const client = await signedInClient(user);
	const enrolment = await client.security.totp.begin.mutate();
	const totp = URI.parse(enrolment.otpauthUri);
	if (!(totp instanceof TOTP)) throw new Error("not a TOTP URI");
	await client.security.totp.confirm.mutate({ code: totp.generate({ timestamp: server.clock.now().getTime() }) });
	// The next sign-in's code must come from a later step than the one just used.
	server.clock.advance(30_000);
	return totp;
}

/** A code the authenticator shows neither now nor one step either side: certainly wrong. */
function wrongCode(totp: TOTP, index: number): string {
	const now = server.clock.now().getTime();
	const near = new Set([-30_000, 0, 30_000].map((offset) => totp.generate({ timestamp: now + offset })));
	for (let n = index; ; n += 97) {
		const candidate = String(n % 1_000_000).padStart(6, "0");
		if (!near.has(candidate)) return candidate;
	}
}

const sentCodes = (recipient: string) =>
	server.db
		.selectFrom("outbox")
		.select("body")
		.where("recipient", "=", recipient)
		.where("template", "=", "sign_in_code")
		.execute();

const secondFactorAudits = (userId: string) =>
	server.db
		.selectFrom("audit_events")
		.select(["outcome", "details"])
		.where("target_user_id", "=", userId)
		.where("action", "=", "auth.second_factor")
		.execute();

/** Second-factor answers that were actually checked: their failure audit names the flow slot they spent. */
const evaluated = (rows: { outcome: string; details: unknown }[]) =>
	rows.filter((row) => typeof (row.details as { flowFailures?: unknown }).flowFailures === "number").length;

describe("code sends", () => {
	it("10 parallel plus 5 sequential sends in one sign-in deliver exactly one code (the 60 s cooldown)", async () => {
		const user = await server.seedUser();
		const client = await signedInClient(user);
		await client.security.mfa.setChannel.mutate({ channel: "email", enabled: true });
		const { client: login } = await startSignIn(user);

		const parallel = await tallyOf(
			Array.from({ length: 10 }, () => login.auth.flow.sendCode.mutate({ channel: "email" })),
		);
		expect(parallel).toEqual({ ok: 1, "MFA.CODE_RATE_LIMITED": 9 });
		for (let i = 0; i < 5; i++) {
			expect(await tallyOf([login.auth.flow.sendCode.mutate({ channel: "email" })])).toEqual({
				"MFA.CODE_RATE_LIMITED": 1,
			});
		}
		expect(await sentCodes(user.email)).toHaveLength(1);
		const codes = await server.db.selectFrom("one_time_codes").select("id").where("user_id", "=", user.id).execute();
		expect(codes).toHaveLength(1);
	});

	it("the hourly cap of 5 holds when every resend arrives as a burst, across parallel sign-ins", async () => {
		const user = await server.seedUser();
		const client = await signedInClient(user);
		await client.security.mfa.setChannel.mutate({ channel: "email", enabled: true });
		const flows = await Promise.all([startSignIn(user), startSignIn(user)]);

		const delivered: number[] = [];
		for (let round = 0; round < 7; round++) {
			// 20 calls at once: 10 in each of two sign-ins of the same user.
			const tally = await tallyOf(
				flows.flatMap(({ client: login }) =>
					Array.from({ length: 10 }, () => login.auth.flow.sendCode.mutate({ channel: "email" })),
				),
			);
			delivered.push(tally.ok ?? 0);
			expect((tally.ok ?? 0) + (tally["MFA.CODE_RATE_LIMITED"] ?? 0)).toBe(20);
			// Past the cooldown, well inside the hour and the flows' ten minutes.
			server.clock.advance(MINUTE + 1000);
		}
		// One per round (the cooldown is per user and purpose, whichever flow asks) until the cap.
		expect(delivered).toEqual([1, 1, 1, 1, 1, 0, 0]);
		const bodies = (await sentCodes(user.email)).map((row) => row.body.match(/\b(\d{6})\b/)?.[1]);
		expect(bodies).toHaveLength(5);
		expect(bodies.every((code) => code !== undefined)).toBe(true);
	});
});

describe("wrong second-factor answers", () => {
	it("20 parallel wrong codes in one flow: exactly 5 are checked, the flow dies, the rest are refused unchecked", async () => {
		const user = await server.seedUser();
		const totp = await enrolTotp(user);
		const { client: login } = await startSignIn(user);

		const tally = await tallyOf(
			Array.from({ length: 20 }, (_, i) =>
				login.auth.flow.verifyCode.mutate({ method: "totp", code: wrongCode(totp, i) }),
			),
		);
		expect(tally.ok).toBeUndefined();
		// Four wrong answers leave the flow open (INVALID_CODE), the fifth and every refusal end it.
		expect(tally["MFA.INVALID_CODE"]).toBe(4);
		expect(tally["AUTH.LOGIN_FLOW_EXPIRED"]).toBe(16);

		expect(evaluated(await secondFactorAudits(user.id))).toBe(5);
		const flow = await server.db
			.selectFrom("login_flows")
			.select(["code_failures", "consumed_at"])
			.where("user_id", "=", user.id)
			.where("stage", "=", "mfa")
			.executeTakeFirstOrThrow();
		expect(flow.code_failures).toBe(5);
		expect(flow.consumed_at).not.toBeNull();
		// Only checked answers spend the account's budget.
		const row = await server.db
			.selectFrom("users")
			.select("failed_attempts")
			.where("id", "=", user.id)
			.executeTakeFirstOrThrow();
		expect(row.failed_attempts).toBe(5);
	});

	it("a right answer gives its slot back: four wrong then the right code signs in", async () => {
		const user = await server.seedUser();
		const totp = await enrolTotp(user);
		const { client: login } = await startSignIn(user);
		const tally = await tallyOf(
			Array.from({ length: 4 }, (_, i) =>
				login.auth.flow.verifyCode.mutate({ method: "totp", code: wrongCode(totp, i) }),
			),
		);
		expect(tally).toEqual({ "MFA.INVALID_CODE": 4 });
		const done = await login.auth.flow.verifyCode.mutate({
			method: "totp",
			code: totp.generate({ timestamp: server.clock.now().getTime() }),
		});
		expect(done.status).toBe("signed_in");
		const flow = await server.db
			.selectFrom("login_flows")
			.select("code_failures")
			.where("user_id", "=", user.id)
			.where("stage", "=", "mfa")
			.executeTakeFirstOrThrow();
		expect(flow.code_failures).toBe(4);
	});
});

describe("the per-account failure budget", () => {
	it("50 parallel wrong passwords: exactly 10 are checked, the account locks once", async () => {
		const user = await server.seedUser();
		const client = server.client();
		const tally = await tallyOf(
			Array.from({ length: 50 }, (_, i) =>
				client.auth.signIn.mutate({ tenant: user.tenantSlug, email: user.email, password: `wrong-${i}` }),
			),
		);
		expect(tally).toEqual({ "AUTH.INVALID_CREDENTIALS": 50 });
		const audits = await server.db
			.selectFrom("audit_events")
			.select(["action", "details"])
			.where("target_user_id", "=", user.id)
			.execute();
		const reasons = audits
			.filter((row) => row.action === "auth.sign_in")
			.map((row) => (row.details as { reason: string }).reason);
		expect(reasons.filter((reason) => reason === "bad_password")).toHaveLength(10);
		expect(
			reasons.filter((reason) => reason !== "bad_password").every((r) => r === "locked" || r === "attempts_in_flight"),
		).toBe(true);
		expect(audits.filter((row) => row.action === "auth.locked")).toHaveLength(1);
		const row = await server.db
			.selectFrom("users")
			.select(["failed_attempts", "locked_until"])
			.where("id", "=", user.id)
			.executeTakeFirstOrThrow();
		expect(row.failed_attempts).toBe(10);
		expect(row.locked_until).not.toBeNull();
		const notices = await server.db
			.selectFrom("outbox")
			.select("id")
			.where("recipient", "=", user.email)
			.where("template", "=", "account_locked")
			.execute();
		expect(notices).toHaveLength(1);
	});

	it("40 parallel wrong codes over four flows of one user: at most 5 per flow and 10 in all are checked", async () => {
		const user = await server.seedUser();
		const totp = await enrolTotp(user);
		const flows = [];
		for (let i = 0; i < 4; i++) flows.push(await startSignIn(user));

		const tally = await tallyOf(
			flows.flatMap(({ client: login }, f) =>
				Array.from({ length: 10 }, (_, i) =>
					login.auth.flow.verifyCode.mutate({ method: "totp", code: wrongCode(totp, f * 10 + i) }),
				),
			),
		);
		expect(tally.ok).toBeUndefined();
		expect((tally["MFA.INVALID_CODE"] ?? 0) + (tally["AUTH.LOGIN_FLOW_EXPIRED"] ?? 0)).toBe(40);
		expect(evaluated(await secondFactorAudits(user.id))).toBe(10);
		const perFlow = await server.db
			.selectFrom("login_flows")
			.select("code_failures")
			.where("user_id", "=", user.id)
			.where("stage", "=", "mfa")
			.execute();
		expect(perFlow).toHaveLength(4);
		expect(perFlow.every((flow) => flow.code_failures <= 5)).toBe(true);
		const row = await server.db
			.selectFrom("users")
			.select(["failed_attempts", "locked_until"])
			.where("id", "=", user.id)
			.executeTakeFirstOrThrow();
		expect(row.failed_attempts).toBe(10);
		expect(row.locked_until).not.toBeNull();
	});
});

describe("passkey challenge creation", () => {
	let throttled: TestServer;
	beforeAll(async () => {
		throttled = await startTestServer({ rateLimits: { perMinute: 6, perHour: 100 } });
	});
	afterAll(async () => {
		await throttled?.close();
	});

	const challenges = () => throttled.db.selectFrom("webauthn_challenges").select("id").execute();

	it("auth.passkey.options: 30 parallel calls from one address store exactly 6 challenges", async () => {
		const client = throttled.client();
		const tally = await tallyOf(
			Array.from({ length: 30 }, () => client.auth.passkey.options.mutate({ tenant: "acme" })),
		);
		expect(tally).toEqual({ ok: 6, "AUTH.RATE_LIMITED": 24 });
		expect(await challenges()).toHaveLength(6);
	});

	it("auth.flow.passkeyOptions: the same per-address budget, sign-in step included", async () => {
		throttled.clock.advance(MINUTE + 1000);
		const before = (await challenges()).length;
		const user = await throttled.seedUser();
		const jar: CookieJar = new Map();
		const client = throttled.client(jar);
		await client.auth.passkey.options.mutate({ tenant: "acme" });
		// A stored passkey makes it the second factor; options never look at its key material.
		await throttled.db
			.insertInto("passkeys")
			.values({
				tenant_id: user.tenantId,
				user_id: user.id,
				credential_id: "Y3JlZGVudGlhbC1pZA",
				public_key: "unused",
				aaguid: "00000000-0000-0000-0000-000000000000",
				name: "Test key",
				device_type: "multiDevice",
				backed_up: true,
				created_at: throttled.clock.now(),
			})
			.execute();
		const result = await client.auth.signIn.mutate({
			tenant: user.tenantSlug,
			email: user.email,
			password: user.password,
		});
		expect(result.status).toBe("mfa_required");
		// Two of the six spent: 20 parallel calls get four challenges.
		const tally = await tallyOf(Array.from({ length: 20 }, () => client.auth.flow.passkeyOptions.mutate()));
		expect(tally).toEqual({ ok: 4, "AUTH.RATE_LIMITED": 16 });
		expect(await challenges()).toHaveLength(before + 1 + 4);
	});
});
