/**
 * The API-key branch of `authenticateCaller`: reads the Bearer credential, authenticates it in core,
 * counts failures into log lines, and keeps key callers out of procedures meant for people.
 */

import { InvalidApiKeyError, PeopleOnlyProcedureError } from "@tessera/core/apikeys/apikey.errors";
import {
	type ApiKeyAuthentication,
	ApiKeyFailureCounter,
	type ApiKeyFailureLogger,
	authenticateApiKey,
	authenticateApiKeyWithOwnProfile,
	MALFORMED_KEY,
} from "@tessera/core/apikeys/apikey-auth.service";
import type { SessionActor } from "@tessera/core/shared/actor";
import { systemClock } from "@tessera/core/shared/clock";
import type { OwnProfile } from "@tessera/core/users/user";
import type { AuthenticationDeps } from "./context";

/** One JSON line on stderr, pino-shaped (level 40 = warn), until the server hands over its logger. */
const stderrLogger: ApiKeyFailureLogger = {
	warn(fields, message) {
		process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), ...fields, msg: message })}\n`);
	},
};

let failures = new ApiKeyFailureCounter(stderrLogger, systemClock);

/** Lets the server route failure lines to its own logger (Fastify's `app.log`). */
export function setApiKeyFailureLogger(logger: ApiKeyFailureLogger): void {
	failures = new ApiKeyFailureCounter(logger, systemClock);
}

/** `Bearer <credential>` (scheme case-insensitive, RFC 9110 §11.1), or null. */
export function bearerCredential(header: string): string | null {
	const match = /^Bearer +(\S+) *$/i.exec(header);
	return match?.[1] ?? null;
}

/**
 * Procedures that act on the caller's own sign-in and self-service security: they are for people.
 * Whole namespaces, so a procedure added there later is closed to keys without anyone
 * remembering to mark it; in `me` only reading oneself is open (`me.get`).
 */
export function isPeopleOnlyProcedure(path: string): boolean {
	if (path.startsWith("auth.") || path.startsWith("security.")) return true;
	return path.startsWith("me.") && path !== "me.get";
}

/**
 * Authenticates the request's API key and returns its actor. Any failure is UNAUTHORIZED with one
 * code (APIKEY.INVALID), whatever the reason, and is counted, not audited. A valid key on a
 * people-only procedure is FORBIDDEN (the caller is known, the action is not for it).
 */
export async function resolveApiKeyCaller(
	ctx: AuthenticationDeps,
	header: string,
	path: string,
): Promise<SessionActor> {
	return admit(ctx, path, await authenticate(ctx, header, authenticateApiKey)).actor;
}

/** `resolveApiKeyCaller`, also reading the key user's own profile in the same round trip (`me.get`). */
export async function resolveApiKeyCallerWithOwnProfile(
	ctx: AuthenticationDeps,
	header: string,
	path: string,
): Promise<{ actor: SessionActor; ownProfile: OwnProfile }> {
	return admit(ctx, path, await authenticate(ctx, header, authenticateApiKeyWithOwnProfile));
}

type Refusal = Exclude<ApiKeyAuthentication, { ok: true }>;

async function authenticate<R>(
	ctx: AuthenticationDeps,
	header: string,
	check: (deps: AuthenticationDeps, presented: string) => Promise<R>,
): Promise<R | Refusal> {
	const presented = bearerCredential(header);
	return presented ? check(ctx, presented) : MALFORMED_KEY;
}

/** A refused key is counted and UNAUTHORIZED; an accepted one still stays out of people-only procedures. */
function admit<R extends { ok: true }>(ctx: AuthenticationDeps, path: string, result: R | Refusal): R {
	if (!result.ok) {
		failures.record({ reason: result.reason, tenantId: result.tenantId, ip: ctx.meta.ip });
		throw new InvalidApiKeyError();
	}
	if (isPeopleOnlyProcedure(path)) throw new PeopleOnlyProcedureError();
	return result;
}
