import { SoftAuthenticator } from "@tessera/core/passkeys/testing/soft-authenticator";
import { URI } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import { enrolTotp, signedIn, signIn } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const DAY = 86_400_000;
const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

function auditActionsOf(userId: string) {
	return server.db
		.selectFrom("audit_events")
		.select("action")
		.where("target_user_id", "=", userId)
		.where("action", "like", "mfa.recovery_codes_%")
		.execute();
}

function storedCodesOf(userId: string) {
	return server.db
		.selectFrom("recovery_codes")
		.select(["code_hash", "used_at"])
		.where("user_id", "=", userId)
		.execute();
}

describe("recovery codes come with the first second factor", () => {
	it("the first TOTP brings ten codes, stored hashed, that work at sign-in", async () => {
		const { user, client } = await signedIn(server);
		const begin = await client.security.totp.begin.mutate();
		const totp = URI.parse(begin.otpauthUri);
		if (!("generate" in totp)) throw new Error("not a TOTP URI");
		const answer = await client.security.totp.confirm.mutate({
			code: totp.generate({ timestamp: server.clock.now().getTime() }),
		});
		expect(answer.ok).toBe(true);
		const codes = answer.recoveryCodes ?? [];
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		for (const code of codes) expect(code).toMatch(CODE_SHAPE);

		const stored = await storedCodesOf(user.id);
		expect(stored).toHaveLength(10);
		for (const row of stored) {
			expect(row.code_hash.startsWith("$argon2id$")).toBe(true);
			for (const code of codes) expect(row.code_hash).not.toContain(code.replace(/-/g, ""));
		}
		expect(await auditActionsOf(user.id)).toEqual([{ action: "mfa.recovery_codes_issued" }]);
		expect((await client.security.overview.query()).mfa.recoveryCodesRemaining).toBe(10);

		const login = await signIn(server, user);
		expect(login.result).toMatchObject({ status: "mfa_required", methods: ["totp", "recovery_code"] });
		const done = await login.client.auth.flow.verifyCode.mutate({ method: "recovery_code", code: codes[3] ?? "" });
		expect(done.status).toBe("signed_in");
		expect((await client.security.overview.query()).mfa.recoveryCodesRemaining).toBe(9);
	});

	it("a second factor after that brings none, and the codes held stay valid", async () => {
		const { user, client } = await signedIn(server);
		await enrolTotp(server, client);
		const before = await storedCodesOf(user.id);
		expect(before).toHaveLength(10);

		const answer = await client.security.mfa.setChannel.mutate({ channel: "email", enabled: true });
		expect(answer).toEqual({ ok: true, recoveryCodes: null });
		expect((await storedCodesOf(user.id)).map((row) => row.code_hash).sort()).toEqual(
			before.map((row) => row.code_hash).sort(),
		);
		expect(await auditActionsOf(user.id)).toEqual([{ action: "mfa.recovery_codes_issued" }]);
		// Turning a channel off issues nothing either.
		expect(await client.security.mfa.setChannel.mutate({ channel: "email", enabled: false })).toEqual({
			ok: true,
			recoveryCodes: null,
		});
	});

	it("email codes as the first factor bring codes; a passkey after them brings none", async () => {
		const { user, client } = await signedIn(server);
		const answer = await client.security.mfa.setChannel.mutate({ channel: "email", enabled: true });
		expect(answer.recoveryCodes).toHaveLength(10);
		expect(await storedCodesOf(user.id)).toHaveLength(10);

		const authenticator = new SoftAuthenticator({ origin: server.url });
		const options = await client.security.passkeys.registrationOptions.mutate();
		const passkey = await client.security.passkeys.register.mutate({
			name: "Laptop",
			response: authenticator.createRegistrationResponse(options),
		});
		expect(passkey).toMatchObject({ name: "Laptop", recoveryCodes: null });
	});

	it("a passkey as the first factor brings codes; someone who used up every code gets a fresh set", async () => {
		const { user, client } = await signedIn(server);
		const authenticator = new SoftAuthenticator({ origin: server.url });
		const options = await client.security.passkeys.registrationOptions.mutate();
		const passkey = await client.security.passkeys.register.mutate({
			name: "Phone",
			response: authenticator.createRegistrationResponse(options),
		});
		expect(passkey.recoveryCodes).toHaveLength(10);

		await server.db
			.updateTable("recovery_codes")
			.set({ used_at: server.clock.now() })
			.where("user_id", "=", user.id)
			.execute();
		const answer = await client.security.mfa.setChannel.mutate({ channel: "email", enabled: true });
		expect(answer.recoveryCodes).toHaveLength(10);
		expect((await client.security.overview.query()).mfa.recoveryCodesRemaining).toBe(10);
	});
});

describe("the MFA enrolment deadline", () => {
	it("is account creation plus the grace period, moves with the policy, and sign-in enforces it", async () => {
		await server.createTenant("graceco");
		const admin = await server.seedUser({ tenantSlug: "graceco", roles: [{ key: "tenant_admin" }] });
		const { client: adminClient } = await signIn(server, admin);
		await adminClient.policy.update.mutate({ mfa: { required: "all", gracePeriodDays: 7 } });

		const member = await server.seedUser({ tenantSlug: "graceco", roles: [{ key: "member" }] });
		const { created_at: createdAt } = await server.db
			.selectFrom("users")
			.select("created_at")
			.where("id", "=", member.id)
			.executeTakeFirstOrThrow();
		const first = await signIn(server, member);
		expect(first.result).toMatchObject({ status: "signed_in", requiredActions: [] });
		const overview = await first.client.security.overview.query();
		expect(overview.mfa).toMatchObject({ required: true, enabled: false });
		expect(overview.mfa.enrolBy).toEqual(new Date(createdAt.getTime() + 7 * DAY));

		await adminClient.policy.update.mutate({ mfa: { gracePeriodDays: 14 } });
		expect((await first.client.security.overview.query()).mfa.enrolBy).toEqual(
			new Date(createdAt.getTime() + 14 * DAY),
		);

		server.clock.advance(13 * DAY);
		expect((await signIn(server, member)).result).toMatchObject({ status: "signed_in", requiredActions: [] });
		server.clock.advance(DAY);
		const late = await signIn(server, member);
		expect(late.result).toMatchObject({ status: "signed_in", requiredActions: ["enroll_mfa"] });
		// Past, and still shown: the portal says by when it was due.
		expect((await late.client.security.overview.query()).mfa.enrolBy).toEqual(new Date(createdAt.getTime() + 14 * DAY));

		const totp = await late.client.security.totp.begin.mutate();
		const generator = URI.parse(totp.otpauthUri);
		if (!("generate" in generator)) throw new Error("not a TOTP URI");
		await late.client.security.totp.confirm.mutate({
			code: generator.generate({ timestamp: server.clock.now().getTime() }),
		});
		expect((await late.client.security.overview.query()).mfa.enrolBy).toBeNull();
	});

	it("is null when policy does not require MFA", async () => {
		const { client } = await signedIn(server);
		const overview = await client.security.overview.query();
		expect(overview.mfa).toMatchObject({ required: false, enrolBy: null });
	});
});
