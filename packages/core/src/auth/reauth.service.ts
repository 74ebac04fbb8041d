import { insertAuditEvent } from "../audit/audit.repository";
import { verifyTotpCode } from "../mfa/totp.service";
import { PasskeyVerificationFailedError } from "../passkeys/passkey.errors";
import type { TAuthenticationResponseJSON } from "../passkeys/passkey.schema";
import {
	finishPasskeyAuthentication,
	startPasskeyAuthentication,
	type WebAuthnConfig,
} from "../passkeys/passkey.service";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import { MINUTE } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { ReauthRequiredError, UnauthenticatedError, WrongPasswordError } from "./auth.errors";
import { lockIfExhausted, releaseAttempt, reserveAttempt } from "./lockout.repository";
import { verifyPassword } from "./password";
import { rotateSessionToken } from "./session.repository";
import { generateSessionToken, hashSessionToken, type SessionActor } from "./session.service";

/**
 * Sensitive changes (password, email, phone, MFA, passkeys, recovery codes) need the user to
 * have proved who they are within the tenant's window (5 minutes by default; SECURITY S09).
 */
export async function assertRecentlyAuthenticated(deps: CoreDeps, actor: SessionActor): Promise<void> {
	const policy = await getTenantPolicy(deps.db, actor.tenantId);
	if (deps.clock.now().getTime() - actor.authenticatedAt.getTime() > policy.reauth.windowMinutes * MINUTE) {
		throw new ReauthRequiredError();
	}
}

export type ReauthProof = { method: "password"; password: string } | { method: "totp"; code: string };

/**
 * Re-authenticates the session with a password or TOTP code. A wrong answer counts against the
 * lockout budget. On success the session gets a new token (returned, for the cookie) and a new
 * authentication time.
 */
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

export async function reauthenticate(
	deps: CoreDeps,
	actor: SessionActor,
	proof: ReauthProof,
	meta: RequestMeta,
): Promise<RotatedSession> {
	const policy = await getTenantPolicy(deps.db, actor.tenantId);
	const attempt = await reserveAttempt(
		deps.db,
		actor.tenantId,
		actor.userId,
		deps.clock.now(),
		policy.lockout.threshold,
	);
	let ok = false;
	if (attempt !== null) {
		if (proof.method === "password") {
			const credential = await deps.db
				.selectFrom("password_credentials")
				.select("password_hash")
				.where("user_id", "=", actor.userId)
				.executeTakeFirst();
			ok = credential !== undefined && (await verifyPassword(credential.password_hash, proof.password));
		} else {
			ok = await verifyTotpCode(deps, actor.tenantId, actor.userId, proof.code);
		}
	}
	await insertAuditEvent(deps.db, {
		tenantId: actor.tenantId,
		occurredAt: deps.clock.now(),
		actorUserId: actor.userId,
		targetUserId: actor.userId,
		action: "auth.reauthenticate",
		outcome: ok ? "success" : "failure",
		ip: meta.ip,
		userAgent: meta.userAgent,
		details: { method: proof.method },
	});
	if (!ok) {
		if (attempt !== null) {
			await lockIfExhausted(
				deps.db,
				actor.tenantId,
				actor.userId,
				policy.lockout.threshold,
				new Date(deps.clock.now().getTime() + policy.lockout.durationMinutes * MINUTE),
			);
		}
		throw new WrongPasswordError();
	}
	await releaseAttempt(deps.db, actor.tenantId, actor.userId);
	return rotate(deps, actor, proof.method);
}

export function startPasskeyReauth(deps: CoreDeps & { webauthn: WebAuthnConfig }, actor: SessionActor) {
	return startPasskeyAuthentication(deps.db, deps.clock, deps.webauthn, {
		kind: "reauth",
		tenantId: actor.tenantId,
		userId: actor.userId,
		sessionId: actor.sessionId,
	});
}

/** Re-authenticates with a passkey (user verification required). Returns the new session token. */
export async function finishPasskeyReauth(
	deps: CoreDeps & { webauthn: WebAuthnConfig },
	actor: SessionActor,
	response: TAuthenticationResponseJSON,
	meta: RequestMeta,
): Promise<RotatedSession> {
	try {
		await finishPasskeyAuthentication(
			deps.db,
			deps.clock,
			deps.webauthn,
			{ kind: "reauth", tenantId: actor.tenantId, userId: actor.userId, sessionId: actor.sessionId },
			response,
			meta,
		);
	} catch (error) {
		if (error instanceof PasskeyVerificationFailedError) throw new WrongPasswordError();
		throw error;
	}
	return rotate(deps, actor, "passkey");
}
