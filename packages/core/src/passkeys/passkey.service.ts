/**
 * Passkeys (WebAuthn): registration, authentication as a second factor, passwordless sign-in and
 * re-authentication, plus the user's own list/rename/remove. What @simplewebauthn/server checks
 * and what this file adds is tabled in SECURITY.md §0; each added check cites its W-requirement.
 */
import { randomBytes } from "node:crypto";
import {
	generateAuthenticationOptions,
	generateRegistrationOptions,
	type PublicKeyCredentialCreationOptionsJSON,
	type PublicKeyCredentialRequestOptionsJSON,
	type VerifiedAuthenticationResponse,
	type VerifiedRegistrationResponse,
	verifyAuthenticationResponse,
	verifyRegistrationResponse,
} from "@simplewebauthn/server";
import type { PasskeyRow } from "@tessera/db/schema";
import { insertAuditEvent } from "../audit/audit.repository";
import { type Clock, MINUTE } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import { ValidationError } from "../shared/errors";
import type { RequestMeta } from "../shared/request";
import { type Db, inTransaction, isUniqueViolation, type Tx } from "../shared/tx";
import { authenticatorNameFor } from "./aaguid";
import {
	PasskeyAlreadyRegisteredError,
	type PasskeyFailureReason,
	PasskeyNotFoundError,
	PasskeyVerificationFailedError,
} from "./passkey.errors";
import {
	type ChallengeBinding,
	consumeWebAuthnChallenge,
	countUsablePasskeysOfUser,
	deleteExpiredWebAuthnChallenges,
	deletePasskeyOfUser,
	findPasskeyByCredentialId,
	flagPasskey,
	insertPasskey,
	insertWebAuthnChallenge,
	isCredentialIdRegistered,
	listPasskeysOfUser,
	lockPasskeyOfUser,
	recordPasskeyUse,
	renamePasskeyOfUser,
	type WebAuthnChallengeRow,
} from "./passkey.repository";
import {
	MAX_CREDENTIAL_ID_BYTES,
	type PasskeyView,
	ZAuthenticationResponseJSON,
	ZPasskeyName,
	ZRegistrationResponseJSON,
} from "./passkey.schema";

/** The relying party as deployed. `origins` is an exact allow-list (W03): no wildcards, no paths. */
export interface WebAuthnConfig {
	/** The registrable domain the passkeys are scoped to, e.g. "tessera.example". */
	rpId: string;
	/** Shown by the authenticator during registration. */
	rpName: string;
	/** Every origin the front end is served from, e.g. ["https://id.tessera.example"]. */
	origins: string[];
}

/**
 * Receives the library's plain error messages and the internal failure reason. Pino-compatible
 * (`request.log` fits). These details go to server logs only, never to the client.
 */
export interface PasskeyLogger {
	warn(details: Record<string, unknown>, message: string): void;
}

/** How a passkey assertion is bound; each kind has its own challenge binding and UV policy. */
export type PasskeyAuthenticationBinding =
	/** Second factor after a password, inside a sign-in flow. UV preferred, not required. */
	| { kind: "second_factor"; tenantId: string; userId: string; loginFlowId: string }
	/** Username-less sign-in (discoverable credentials, conditional UI). UV required (W04). */
	| { kind: "passwordless"; tenantId: string }
	/** Step-up inside a live session before a sensitive change. UV required. */
	| { kind: "reauth"; tenantId: string; userId: string; sessionId: string };

export interface PasskeyAuthenticationResult {
	userId: string;
	passkeyId: string;
	userVerified: boolean;
}

/** W01: 32 random bytes per challenge (WebAuthn asks for ≥ 16). */
export const PASSKEY_CHALLENGE_BYTES = 32;
/** W01: a challenge lives 5 minutes, the WebAuthn ceremony timeout default. */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * MINUTE;
/** ES256 (-7), EdDSA (-8), RS256 (-257): SECURITY.md §4. Passed to both options and verification. */
export const PASSKEY_ALGORITHM_IDS = [-7, -8, -257];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CHALLENGE_CHARS = 128;

// ---------------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------------

export interface StartPasskeyRegistrationInput {
	tenantId: string;
	userId: string;
	/** The session asking; the challenge is valid only for it (W02). */
	sessionId: string;
	userName: string;
	userDisplayName: string;
}

/**
 * Creation options for `navigator.credentials.create()`. Stores a fresh 32-byte challenge bound
 * to this session, user and the "registration" ceremony for 5 minutes, lists the user's passkeys
 * in `excludeCredentials` so the same authenticator is not added twice (W09), and asks for a
 * discoverable credential with "none" attestation. The WebAuthn user.id is the user's uuid bytes.
 * The caller must have required a fresh re-authentication first (W09).
 */
export async function startPasskeyRegistration(
	db: Db,
	clock: Clock,
	webauthn: WebAuthnConfig,
	input: StartPasskeyRegistrationInput,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
	assertWebAuthnConfig(webauthn);
	const existing = await listPasskeysOfUser(db, input.tenantId, input.userId);
	const options = await generateRegistrationOptions({
		rpName: webauthn.rpName,
		rpID: webauthn.rpId,
		userName: input.userName,
		userDisplayName: input.userDisplayName,
		userID: uuidToBytes(input.userId),
		// W01: generated and stored server-side; never taken from the client.
		challenge: new Uint8Array(randomBytes(PASSKEY_CHALLENGE_BYTES)),
		timeout: PASSKEY_CHALLENGE_TTL_MS,
		attestationType: "none",
		// W09: the browser refuses to create a second credential on an authenticator already registered.
		excludeCredentials: existing.map((row) => ({ id: row.credential_id, transports: row.transports })),
		authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
		supportedAlgorithmIDs: PASSKEY_ALGORITHM_IDS,
	});
	const now = clock.now();
	await insertWebAuthnChallenge(db, {
		...registrationBinding(input.tenantId, input.userId, input.sessionId),
		challenge: options.challenge,
		now,
		expiresAt: new Date(now.getTime() + PASSKEY_CHALLENGE_TTL_MS),
	});
	return options;
}

export interface FinishPasskeyRegistrationInput {
	tenantId: string;
	userId: string;
	sessionId: string;
	/** The friendly name the user chose; validated with ZPasskeyName (W10). */
	name: string;
	/** The browser's RegistrationResponseJSON; parsed here with ZRegistrationResponseJSON. */
	response: unknown;
}

/**
 * Verifies a registration response and stores the passkey. Guarantees: the challenge was issued
 * to this session and user for registration, is consumed by this call whatever the outcome, and
 * was not expired (W01, W02); origin and RP ID match exactly (W03); user presence was asserted;
 * the backup flags are consistent (W08); the credential id is not registered to anyone yet and is
 * at most 1023 bytes (W06). The passkey and its `passkey.registered` audit row are written in one
 * transaction. Throws PASSKEY.VERIFICATION_FAILED (details to `logger` and the audit log only),
 * PASSKEY.ALREADY_REGISTERED or VALIDATION (name).
 */
export async function finishPasskeyRegistration(
	db: Db,
	clock: Clock,
	webauthn: WebAuthnConfig,
	input: FinishPasskeyRegistrationInput,
	meta: RequestMeta,
	logger?: PasskeyLogger,
): Promise<PasskeyView> {
	assertWebAuthnConfig(webauthn);
	const name = parseName(input.name);
	const refuse = async (reason: RegistrationRefusal, error?: unknown) => {
		await auditRegistrationFailure(db, clock, input, meta, reason);
		logRefusal(logger, { ceremony: "registration", tenantId: input.tenantId, userId: input.userId, reason }, error);
		return reason === "already_registered"
			? new PasskeyAlreadyRegisteredError()
			: new PasskeyVerificationFailedError(reason);
	};

	const parsed = ZRegistrationResponseJSON.safeParse(input.response);
	const challenge = parsed.success ? readChallenge(parsed.data.response.clientDataJSON) : null;
	if (!parsed.success || challenge === null) throw await refuse("malformed_response");
	const response = parsed.data;

	// W01/W02: one DELETE … RETURNING, before any verification, bound to session + user + ceremony.
	const challengeRow = await consumeIfValidIds(
		db,
		challenge,
		registrationBinding(input.tenantId, input.userId, input.sessionId),
	);
	if (!challengeRow) throw await refuse("challenge_not_found");
	// W01: expired challenges are refused (the row is already gone either way).
	if (challengeRow.expires_at.getTime() <= clock.now().getTime()) throw await refuse("challenge_expired");

	let verification: VerifiedRegistrationResponse;
	try {
		verification = await verifyRegistrationResponse({
			response,
			expectedChallenge: challengeRow.challenge,
			// W03: the exact configured origins and RP ID; the library compares with ===.
			expectedOrigin: webauthn.origins,
			expectedRPID: webauthn.rpId,
			// W04: user presence is always required; UV is "preferred" for adding a key to a signed-in account.
			requireUserPresence: true,
			requireUserVerification: false,
			supportedAlgorithmIDs: PASSKEY_ALGORITHM_IDS,
		});
	} catch (error) {
		throw await refuse("library_rejected", error);
	}
	if (!verification.verified) throw await refuse("not_verified");
	const info = verification.registrationInfo;

	// W08: "backed up" without "backup eligible" is impossible for an honest authenticator.
	if (info.credentialDeviceType === "singleDevice" && info.credentialBackedUp) {
		throw await refuse("backup_state_without_eligibility");
	}
	// The library takes the id from authenticator data and does not compare it with response.id.
	if (info.credential.id !== response.id) throw await refuse("credential_id_mismatch");
	// W06: at most 1023 bytes (WebAuthn §7.1 step 22 limit).
	if (Buffer.from(info.credential.id, "base64url").byteLength > MAX_CREDENTIAL_ID_BYTES) {
		throw await refuse("credential_id_too_long");
	}
	// W06: a credential id registered by anyone (any user, any tenant) is refused.
	if (await isCredentialIdRegistered(db, info.credential.id)) throw await refuse("already_registered");

	let row: PasskeyRow;
	try {
		row = await inTransaction(db, async (trx) => {
			const now = clock.now();
			const inserted = await insertPasskey(trx, {
				tenantId: input.tenantId,
				userId: input.userId,
				credentialId: info.credential.id,
				publicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
				counter: info.credential.counter,
				transports: response.response.transports ?? [],
				aaguid: info.aaguid.toLowerCase(),
				name,
				deviceType: info.credentialDeviceType,
				backedUp: info.credentialBackedUp,
				now,
			});
			await insertAuditEvent(trx, {
				tenantId: input.tenantId,
				occurredAt: now,
				actorUserId: input.userId,
				targetUserId: input.userId,
				action: "passkey.registered",
				outcome: "success",
				ip: meta.ip,
				userAgent: meta.userAgent,
				// Never key material or the credential id.
				details: { passkeyId: inserted.id, name: inserted.name, aaguid: inserted.aaguid },
			});
			return inserted;
		});
	} catch (error) {
		// W06: the unique index settles a race between two registrations of the same credential.
		if (isUniqueViolation(error, "passkeys_credential_id_key")) throw await refuse("already_registered", error);
		throw error;
	}
	return toPasskeyView(row);
}

// ---------------------------------------------------------------------------------------------
// Authentication
// ---------------------------------------------------------------------------------------------

/**
 * Request options for `navigator.credentials.get()`. Stores a fresh 32-byte challenge for 5
 * minutes, bound to the binding's ids and ceremony (W01, W02):
 * - second_factor: "authentication" + user + login flow; allowCredentials = the user's usable
 *   passkeys; UV "preferred".
 * - passwordless: "authentication" with no user, flow or session; empty allowCredentials
 *   (discoverable credentials, conditional UI); UV "required" (W04).
 * - reauth: "reauthentication" + user + session; allowCredentials = the user's; UV "required".
 * Throws PASSKEY.NOT_FOUND when a user-bound ceremony is asked for a user with no usable passkey
 * (an empty allow-list would silently turn it into a discoverable-credential ceremony).
 */
export async function startPasskeyAuthentication(
	db: Db,
	clock: Clock,
	webauthn: WebAuthnConfig,
	binding: PasskeyAuthenticationBinding,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
	assertWebAuthnConfig(webauthn);
	let allowCredentials: { id: string; transports: string[] }[] = [];
	if (binding.kind !== "passwordless") {
		const usable = (await listPasskeysOfUser(db, binding.tenantId, binding.userId)).filter(
			(row) => row.flagged_at === null,
		);
		if (usable.length === 0) throw new PasskeyNotFoundError();
		allowCredentials = usable.map((row) => ({ id: row.credential_id, transports: row.transports }));
	}
	const options = await generateAuthenticationOptions({
		rpID: webauthn.rpId,
		// W01: generated and stored server-side; never taken from the client.
		challenge: new Uint8Array(randomBytes(PASSKEY_CHALLENGE_BYTES)),
		timeout: PASSKEY_CHALLENGE_TTL_MS,
		allowCredentials,
		// W04: UV always required for passwordless and step-up; preferred as a second factor.
		userVerification: binding.kind === "second_factor" ? "preferred" : "required",
	});
	const now = clock.now();
	await insertWebAuthnChallenge(db, {
		...authenticationBinding(binding),
		challenge: options.challenge,
		now,
		expiresAt: new Date(now.getTime() + PASSKEY_CHALLENGE_TTL_MS),
	});
	return options;
}

/**
 * Verifies an assertion for exactly this binding and records the use. Guarantees, in order:
 * the challenge was issued for this binding and ceremony, is consumed whatever the outcome, and
 * was not expired (W01, W02); the credential exists in the tenant, is not flagged, and belongs to
 * the bound user, with a matching userHandle when one is sent and always for passwordless (W05);
 * origin and RP ID match exactly (W03); UP is set, UV is set for passwordless and reauth (W04);
 * the signature is valid (W04); the signature counter did not go backwards (W07: the credential
 * is flagged and `passkey.counter_regression` audited); BE did not change since registration
 * (W08); the new counter is stored with compare-and-set, so of two concurrent uses one loses
 * (W07). Every refusal throws PASSKEY.VERIFICATION_FAILED and writes a
 * `passkey.authentication_failed` audit row. The success audit, user-state checks, lockout and
 * the session are the caller's.
 */
export async function finishPasskeyAuthentication(
	db: Db,
	clock: Clock,
	webauthn: WebAuthnConfig,
	binding: PasskeyAuthenticationBinding,
	response: unknown,
	meta: RequestMeta,
	logger?: PasskeyLogger,
): Promise<PasskeyAuthenticationResult> {
	assertWebAuthnConfig(webauthn);
	const boundUserId = binding.kind === "passwordless" ? null : binding.userId;
	const refuse = async (reason: PasskeyFailureReason, passkey?: PasskeyRow, error?: unknown) => {
		await auditAuthenticationFailure(db, clock, binding, meta, reason, passkey);
		logRefusal(
			logger,
			{ ceremony: binding.kind, tenantId: binding.tenantId, userId: boundUserId, passkeyId: passkey?.id, reason },
			error,
		);
		return new PasskeyVerificationFailedError(reason);
	};

	const parsed = ZAuthenticationResponseJSON.safeParse(response);
	const challenge = parsed.success ? readChallenge(parsed.data.response.clientDataJSON) : null;
	if (!parsed.success || challenge === null) throw await refuse("malformed_response");
	const assertion = parsed.data;

	// W01/W02: one DELETE … RETURNING, before any verification, bound to this exact binding:
	// a registration challenge, another user's, another login flow's or another session's matches nothing.
	const challengeRow = await consumeIfValidIds(db, challenge, authenticationBinding(binding));
	if (!challengeRow) throw await refuse("challenge_not_found");
	// W01: expired challenges are refused (the row is already gone either way).
	if (challengeRow.expires_at.getTime() <= clock.now().getTime()) throw await refuse("challenge_expired");

	const passkey = await findPasskeyByCredentialId(db, binding.tenantId, assertion.id);
	if (!passkey) throw await refuse("unknown_credential");
	// W05: the library does not check ownership. A user-bound ceremony only accepts the user's own credential.
	if (boundUserId !== null && passkey.user_id !== boundUserId) throw await refuse("credential_of_other_user", passkey);
	// W05 (WebAuthn §7.2 step 6): passwordless identifies the user by userHandle, so it must be present
	// and name the credential's owner; in user-bound ceremonies it must match when present.
	const userHandle = assertion.response.userHandle;
	if (binding.kind === "passwordless" && userHandle === undefined) throw await refuse("user_handle_mismatch", passkey);
	if (userHandle !== undefined && !userHandleMatches(userHandle, passkey.user_id)) {
		throw await refuse("user_handle_mismatch", passkey);
	}
	// W07: a credential flagged after a counter regression stays refused until the user replaces it.
	if (passkey.flagged_at !== null) throw await refuse("credential_flagged", passkey);

	let verification: VerifiedAuthenticationResponse;
	try {
		verification = await verifyAuthenticationResponse({
			response: assertion,
			expectedChallenge: challengeRow.challenge,
			// W03: the exact configured origins and RP ID; the library compares with ===.
			expectedOrigin: webauthn.origins,
			expectedRPID: webauthn.rpId,
			credential: {
				id: passkey.credential_id,
				publicKey: new Uint8Array(Buffer.from(passkey.public_key, "base64url")),
				// W07: the library compares counters BEFORE it checks the signature, so flagging on its
				// error would let anyone who knows a credential id get it flagged with an unsigned
				// assertion. Its comparison is disabled here (0 never trips it) and the identical rule
				// runs below, after the signature is proven.
				counter: 0,
				transports: passkey.transports,
			},
			// W04: UP always; UV required for passwordless and reauth, not for a second factor.
			requireUserVerification: binding.kind !== "second_factor",
		});
	} catch (error) {
		throw await refuse("library_rejected", passkey, error);
	}
	// W04: an invalid signature is refused.
	if (!verification.verified) throw await refuse("not_verified", passkey);
	const info = verification.authenticationInfo;

	// W07: the same rule as the library (either counter non-zero and the new one not greater),
	// applied to a signed assertion: refuse, flag the credential as possibly cloned, and audit.
	const storedCounter = passkey.counter;
	if ((info.newCounter > 0 || storedCounter > 0) && info.newCounter <= storedCounter) {
		await inTransaction(db, async (trx) => {
			const now = clock.now();
			await flagPasskey(trx, binding.tenantId, passkey.id, now);
			await insertAuditEvent(trx, {
				tenantId: binding.tenantId,
				occurredAt: now,
				actorUserId: null,
				targetUserId: passkey.user_id,
				action: "passkey.counter_regression",
				outcome: "failure",
				ip: meta.ip,
				userAgent: meta.userAgent,
				details: { passkeyId: passkey.id, storedCounter, receivedCounter: info.newCounter },
			});
		});
		throw await refuse("counter_regression", passkey);
	}
	// W08: backup eligibility is fixed for the life of a credential; a change means another authenticator.
	if (info.credentialDeviceType !== passkey.device_type) throw await refuse("backup_eligibility_changed", passkey);

	// W07: compare-and-set; losing means a concurrent assertion already moved the counter (or flagged it).
	const recorded = await recordPasskeyUse(db, {
		tenantId: binding.tenantId,
		passkeyId: passkey.id,
		expectedCounter: storedCounter,
		newCounter: info.newCounter,
		backedUp: info.credentialBackedUp,
		now: clock.now(),
	});
	if (!recorded) throw await refuse("concurrent_use", passkey);

	return { userId: passkey.user_id, passkeyId: passkey.id, userVerified: info.userVerified };
}

// ---------------------------------------------------------------------------------------------
// The user's passkeys
// ---------------------------------------------------------------------------------------------

export interface UserScope {
	tenantId: string;
	userId: string;
}

/** The user's passkeys as views (no key material), newest first. */
export async function listPasskeys(db: Db, scope: UserScope): Promise<PasskeyView[]> {
	const rows = await listPasskeysOfUser(db, scope.tenantId, scope.userId);
	return rows.map(toPasskeyView);
}

/**
 * How many of the user's passkeys can still sign in, for the caller's MFA policy (e.g. "not the
 * last second factor"). Flagged passkeys (counter regression, W07) are not counted: they can no
 * longer authenticate, so they must not satisfy a policy that needs a working factor.
 */
export function countPasskeys(db: Db | Tx, tenantId: string, userId: string): Promise<number> {
	return countUsablePasskeysOfUser(db, tenantId, userId);
}

/** Whether the user has at least one passkey that can still sign in (flagged ones do not count). */
export async function hasPasskeys(db: Db, tenantId: string, userId: string): Promise<boolean> {
	return (await countPasskeys(db, tenantId, userId)) > 0;
}

/**
 * Renames one of the user's own passkeys. The name is validated (W10) and stored literally.
 * Throws VALIDATION for a bad name and PASSKEY.NOT_FOUND for an id that is not the user's.
 * The change and its `passkey.renamed` audit row (old and new name) commit together.
 */
export async function renamePasskey(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	input: UserScope & { passkeyId: string; name: string },
	meta: RequestMeta,
): Promise<PasskeyView> {
	const name = parseName(input.name);
	if (!UUID.test(input.passkeyId)) throw new PasskeyNotFoundError();
	const row = await inTransaction(db, async (trx) => {
		const before = await lockPasskeyOfUser(trx, input.tenantId, input.userId, input.passkeyId);
		if (!before) throw new PasskeyNotFoundError();
		const after = await renamePasskeyOfUser(trx, input.tenantId, input.userId, input.passkeyId, name);
		if (!after) throw new PasskeyNotFoundError();
		await insertAuditEvent(trx, {
			tenantId: input.tenantId,
			occurredAt: clock.now(),
			actorUserId: input.userId,
			targetUserId: input.userId,
			action: "passkey.renamed",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: { passkeyId: after.id, before: { name: before.name }, after: { name: after.name } },
		});
		return after;
	});
	return toPasskeyView(row);
}

/**
 * Removes one of the user's own passkeys and returns what was removed. The caller enforces the
 * MFA policy first (e.g. not the last second factor; see `countPasskeys`). Throws
 * PASSKEY.NOT_FOUND for an id that is not the user's. Delete and `passkey.removed` audit row
 * commit together.
 */
/**
 * Deletes one of the user's passkeys and audits it, in the caller's transaction: the caller holds
 * the user's row lock and has checked, under it, that the policy's floor still holds (M18).
 */
export async function removePasskey(
	trx: Tx,
	clock: Clock,
	input: UserScope & { passkeyId: string },
	meta: RequestMeta,
): Promise<PasskeyView> {
	if (!UUID.test(input.passkeyId)) throw new PasskeyNotFoundError();
	const removed = await deletePasskeyOfUser(trx, input.tenantId, input.userId, input.passkeyId);
	if (!removed) throw new PasskeyNotFoundError();
	await insertAuditEvent(trx, {
		tenantId: input.tenantId,
		occurredAt: clock.now(),
		actorUserId: input.userId,
		targetUserId: input.userId,
		action: "passkey.removed",
		outcome: "success",
		ip: meta.ip,
		userAgent: meta.userAgent,
		details: { passkeyId: removed.id, name: removed.name, aaguid: removed.aaguid },
	});
	return toPasskeyView(removed);
}

/** Deletes challenges past their expiry; for a periodic job. Returns how many were deleted. */
export function purgeExpiredPasskeyChallenges({ db, clock }: Pick<CoreDeps, "db" | "clock">): Promise<number> {
	return deleteExpiredWebAuthnChallenges(db, clock.now());
}

/** Maps a row to the view the API and portal may see: no public key, credential id or counter. */
export function toPasskeyView(row: PasskeyRow): PasskeyView {
	return {
		id: row.id,
		name: row.name,
		createdAt: row.created_at,
		lastUsedAt: row.last_used_at,
		useCount: row.use_count,
		authenticatorName: authenticatorNameFor(row.aaguid),
		aaguid: row.aaguid,
		deviceType: row.device_type,
		backedUp: row.backed_up,
		flagged: row.flagged_at !== null,
	};
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

type RegistrationRefusal = PasskeyFailureReason | "already_registered";

function registrationBinding(tenantId: string, userId: string, sessionId: string): ChallengeBinding {
	return { tenantId, ceremony: "registration", userId, loginFlowId: null, sessionId };
}

function authenticationBinding(binding: PasskeyAuthenticationBinding): ChallengeBinding {
	switch (binding.kind) {
		case "second_factor":
			return {
				tenantId: binding.tenantId,
				ceremony: "authentication",
				userId: binding.userId,
				loginFlowId: binding.loginFlowId,
				sessionId: null,
			};
		case "passwordless":
			return {
				tenantId: binding.tenantId,
				ceremony: "authentication",
				userId: null,
				loginFlowId: null,
				sessionId: null,
			};
		case "reauth":
			return {
				tenantId: binding.tenantId,
				ceremony: "reauthentication",
				userId: binding.userId,
				loginFlowId: null,
				sessionId: binding.sessionId,
			};
	}
}

/** Consumes the challenge; ids that are not uuids cannot match and would only make PostgreSQL throw. */
async function consumeIfValidIds(
	db: Db,
	challenge: string,
	binding: ChallengeBinding,
): Promise<WebAuthnChallengeRow | undefined> {
	const ids = [binding.tenantId, binding.userId, binding.loginFlowId, binding.sessionId];
	if (!ids.every((id) => id === null || UUID.test(id))) return undefined;
	return consumeWebAuthnChallenge(db, challenge, binding);
}

/**
 * The challenge the client claims to answer, read from clientDataJSON only to find the stored
 * row; the library then compares it with that row. Null when clientDataJSON is not the expected
 * JSON shape.
 */
function readChallenge(clientDataJSON: string): string | null {
	try {
		const data: unknown = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
		if (typeof data !== "object" || data === null || !("challenge" in data)) return null;
		const { challenge } = data;
		return typeof challenge === "string" &&
			challenge.length > 0 &&
			challenge.length <= MAX_CHALLENGE_CHARS &&
			/^[A-Za-z0-9_-]+$/.test(challenge)
			? challenge
			: null;
	} catch {
		return null;
	}
}

function uuidToBytes(uuid: string): Uint8Array<ArrayBuffer> {
	if (!UUID.test(uuid)) throw new Error("WebAuthn user ids are uuids");
	return new Uint8Array(Buffer.from(uuid.replaceAll("-", ""), "hex"));
}

function userHandleMatches(userHandle: string, userId: string): boolean {
	return Buffer.from(userHandle, "base64url").equals(uuidToBytes(userId));
}

function parseName(name: string): string {
	const parsed = ZPasskeyName.safeParse(name);
	if (!parsed.success) throw ValidationError.fromZod(parsed.error, () => "name");
	return parsed.data;
}

/**
 * W03: the origin list must be exact origins. A misconfiguration (wildcard, path, trailing slash)
 * is a deployment bug, so it throws a plain Error rather than weakening the comparison.
 */
function assertWebAuthnConfig(config: WebAuthnConfig): void {
	if (config.origins.length === 0) throw new Error("WebAuthn: at least one origin must be configured");
	for (const origin of config.origins) {
		let parsed: URL;
		try {
			parsed = new URL(origin);
		} catch {
			throw new Error(`WebAuthn: origin "${origin}" is not a URL`);
		}
		// WHATWG URL accepts "*" in a host name, so a wildcard would otherwise pass as a literal origin.
		if (parsed.origin !== origin || origin.includes("*")) {
			throw new Error(`WebAuthn: origin "${origin}" must be an exact origin`);
		}
	}
	if (config.rpId === "" || config.rpId.includes("/") || config.rpId.includes(":")) {
		throw new Error("WebAuthn: rpId must be a bare domain");
	}
}

function logRefusal(logger: PasskeyLogger | undefined, details: Record<string, unknown>, error: unknown): void {
	if (!logger) return;
	const libraryMessage = error instanceof Error ? error.message : undefined;
	logger.warn({ ...details, libraryMessage }, "passkey ceremony refused");
}

async function auditRegistrationFailure(
	db: Db,
	clock: Clock,
	input: FinishPasskeyRegistrationInput,
	meta: RequestMeta,
	reason: RegistrationRefusal,
): Promise<void> {
	await insertAuditEvent(db, {
		tenantId: input.tenantId,
		occurredAt: clock.now(),
		actorUserId: input.userId,
		targetUserId: input.userId,
		action: "passkey.registration_failed",
		outcome: "failure",
		ip: meta.ip,
		userAgent: meta.userAgent,
		details: { reason },
	});
}

async function auditAuthenticationFailure(
	db: Db,
	clock: Clock,
	binding: PasskeyAuthenticationBinding,
	meta: RequestMeta,
	reason: PasskeyFailureReason,
	passkey: PasskeyRow | undefined,
): Promise<void> {
	await insertAuditEvent(db, {
		tenantId: binding.tenantId,
		occurredAt: clock.now(),
		// Only a re-authenticating user is already known to be who they say.
		actorUserId: binding.kind === "reauth" ? binding.userId : null,
		// The account being signed in to; for passwordless, the owner of the presented credential.
		targetUserId: binding.kind === "passwordless" ? (passkey?.user_id ?? null) : binding.userId,
		action: "passkey.authentication_failed",
		outcome: "failure",
		ip: meta.ip,
		userAgent: meta.userAgent,
		details: { ceremony: binding.kind, reason, ...(passkey ? { passkeyId: passkey.id } : {}) },
	});
}

/**
 * `finishPasskeyAuthentication` as a verdict for the credential-attempt budget: true when the
 * assertion verified, false when it was refused; any other error passes through.
 */
export async function passkeyAssertionVerifies(
	...args: Parameters<typeof finishPasskeyAuthentication>
): Promise<boolean> {
	try {
		await finishPasskeyAuthentication(...args);
		return true;
	} catch (error) {
		if (error instanceof PasskeyVerificationFailedError) return false;
		throw error;
	}
}
