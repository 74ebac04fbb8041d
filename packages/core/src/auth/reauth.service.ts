import { verifyTotpCode } from "../mfa/totp.service";
import type { TAuthenticationResponseJSON } from "../passkeys/passkey.schema";
import { passkeyAssertionVerifies, startPasskeyAuthentication, type WebAuthnConfig } from "../passkeys/passkey.service";
import { verifyPassword } from "../passwords/password-hash";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import type { SessionActor } from "../shared/actor";
import { MINUTE } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { ReauthRequiredError, UnauthenticatedError, WrongPasswordError } from "./auth.errors";
import { type AttemptOutcome, attemptCredential } from "./credential-attempt.service";
import { findPasswordCredential } from "./password-credential.repository";
import { rotateSessionToken } from "./session.repository";
import { generateSessionToken, hashSessionToken } from "./session.service";

/**
 * Sensitive changes (password, email, phone, MFA, passkeys, recovery codes) need the user to
 * have proved who they are within the tenant's window (5 minutes by default; SECURITY S09).
 */
export async function assertRecentlyAuthenticated(
	deps: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
): Promise<void> {
	const policy = await getTenantPolicy(deps.db, actor.tenantId);
	if (deps.clock.now().getTime() - actor.authenticatedAt.getTime() > policy.reauth.windowMinutes * MINUTE) {
		throw new ReauthRequiredError();
	}
}

export type ReauthProof = { method: "password"; password: string } | { method: "totp"; code: string };

/** The session's new token (for the cookie) after a re-authentication, with its new expiry. */
export interface RotatedSession {
	token: string;
	expiresAt: Date;
}

async function rotate(
	deps: CoreDeps,
	actor: SessionActor,
	method: "password" | "totp" | "passkey",
): Promise<RotatedSession> {
	const token = generateSessionToken();
	const expiresAt = await rotateSessionToken(
		deps.db,
		actor.sessionId,
		hashSessionToken(token),
		deps.clock.now(),
		method,
	);
	if (!expiresAt) throw new UnauthenticatedError();
	return { token, expiresAt };
}

/**
 * Re-authenticates the session with a password or TOTP code, drawing from the lockout budget
 * like any other check of a secret (credential-attempt.service.ts): a wrong answer counts, and
 * the one that spends the budget locks the account and ends all its sessions.
 */
export async function reauthenticate(
	deps: CoreDeps,
	actor: SessionActor,
	proof: ReauthProof,
	meta: RequestMeta,
): Promise<RotatedSession> {
	const policy = await getTenantPolicy(deps.db, actor.tenantId);
	const outcome = await attemptCredential(
		deps,
		{
			user: { tenantId: actor.tenantId, userId: actor.userId },
			policy,
			meta,
			kind: { type: "reauthentication", method: proof.method },
		},
		async () => {
			if (proof.method === "totp") return verifyTotpCode(deps, actor.tenantId, actor.userId, proof.code);
			const credential = await findPasswordCredential(deps.db, actor.tenantId, actor.userId);
			return credential !== undefined && (await verifyPassword(credential.password_hash, proof.password));
		},
	);
	assertVerified(outcome);
	return rotate(deps, actor, proof.method);
}

/** Wrong, refused or not checked: one answer, whichever (the audit row tells them apart). */
function assertVerified(outcome: AttemptOutcome): void {
	if (outcome.status !== "verified") throw new WrongPasswordError();
}

export function startPasskeyReauth(deps: CoreDeps & { webauthn: WebAuthnConfig }, actor: SessionActor) {
	return startPasskeyAuthentication(deps.db, deps.clock, deps.webauthn, {
		kind: "reauth",
		tenantId: actor.tenantId,
		userId: actor.userId,
		sessionId: actor.sessionId,
	});
}

/**
 * Re-authenticates with a passkey (user verification required), from the same lockout budget as
 * the password and codes. Returns the new session token.
 */
export async function finishPasskeyReauth(
	deps: CoreDeps & { webauthn: WebAuthnConfig },
	actor: SessionActor,
	response: TAuthenticationResponseJSON,
	meta: RequestMeta,
): Promise<RotatedSession> {
	const policy = await getTenantPolicy(deps.db, actor.tenantId);
	const outcome = await attemptCredential(
		deps,
		{
			user: { tenantId: actor.tenantId, userId: actor.userId },
			policy,
			meta,
			kind: { type: "reauthentication", method: "passkey" },
		},
		() =>
			passkeyAssertionVerifies(
				deps.db,
				deps.clock,
				deps.webauthn,
				{ kind: "reauth", tenantId: actor.tenantId, userId: actor.userId, sessionId: actor.sessionId },
				response,
				meta,
			),
	);
	assertVerified(outcome);
	return rotate(deps, actor, "passkey");
}
