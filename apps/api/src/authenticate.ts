/**
 * The one authentication gate: tRPC's `authedProcedure` and the CSV export routes call
 * `authenticateCaller`, and `ownProfileProcedure` its twin that also reads the caller's profile;
 * both apply `gate`, so a rule added there holds for every authenticated request.
 */

import { RequiredActionsPendingError, UnauthenticatedError } from "@tessera/core/auth/auth.errors";
import { resolveSession, resolveSessionWithOwnProfile } from "@tessera/core/auth/session.service";
import type { SessionActor } from "@tessera/core/shared/actor";
import type { OwnProfile } from "@tessera/core/users/user";
import { resolveApiKeyCaller, resolveApiKeyCallerWithOwnProfile } from "./api-key-caller";
import type { AuthenticationDeps } from "./context";

/** The credentials a request presented, none of them checked yet. */
export interface PresentedCredentials {
	/** The session cookie's value. */
	unverifiedSessionToken: string | undefined;
	/** The raw `Authorization` header (`Bearer tsk_…`). */
	unverifiedApiKey: string | undefined;
}

/** What is being called, as far as the gate cares. */
export interface GateTarget {
	/** The procedure path (`users.list`) or route name; key callers are refused on people-only ones. */
	path: string;
	/** The target completes required actions (or only reads oneself), so a session with some pending may call it. */
	allowWithPendingActions: boolean;
}

/**
 * The gate's rules, whatever is read along with the caller: a browser's cookie decides when
 * present; without one, an API key; pending required actions open only targets that allow them.
 */
async function gate<T extends { actor: SessionActor }>(
	credentials: PresentedCredentials,
	target: GateTarget,
	viaApiKey: (header: string) => Promise<T>,
	viaSession: (token: string | undefined) => Promise<T | null>,
): Promise<T> {
	// A browser's cookie decides when present: a stray Authorization header never replaces or
	// upgrades a session, and a key is never read alongside a cookie that failed.
	const apiKeyHeader = credentials.unverifiedSessionToken === undefined ? credentials.unverifiedApiKey : undefined;
	const caller =
		apiKeyHeader !== undefined ? await viaApiKey(apiKeyHeader) : await viaSession(credentials.unverifiedSessionToken);
	if (!caller) throw new UnauthenticatedError();
	// Until the user has done what the administrator or the policy requires (a new password, a
	// second factor…), the session opens only the steps that do it.
	if (caller.actor.requiredActions.length > 0 && !target.allowWithPendingActions) {
		throw new RequiredActionsPendingError(caller.actor.requiredActions);
	}
	return caller;
}

/**
 * The caller holds a live session of a user who may act (active, not revoked, not idle or past
 * its absolute lifetime), or, without a session cookie, a valid API key of an active application
 * user; otherwise UNAUTHORIZED. A session with pending required actions reaches only targets that
 * allow them (FORBIDDEN with the actions otherwise). Returns the actor, grants included.
 */
export async function authenticateCaller(
	deps: AuthenticationDeps,
	credentials: PresentedCredentials,
	target: GateTarget,
): Promise<SessionActor> {
	const { actor } = await gate(
		credentials,
		target,
		async (header) => ({ actor: await resolveApiKeyCaller(deps, header, target.path) }),
		async (token) => {
			const actor = await resolveSession(deps, token);
			return actor ? { actor } : null;
		},
	);
	return actor;
}

/**
 * `authenticateCaller`, also reading the caller's own profile in the same round trip as the
 * session or key itself (`me.get` runs on every portal page load and on every internal app's
 * start).
 */
export async function authenticateCallerWithOwnProfile(
	deps: AuthenticationDeps,
	credentials: PresentedCredentials,
	target: GateTarget,
): Promise<{ actor: SessionActor; ownProfile: OwnProfile }> {
	return gate(
		credentials,
		target,
		(header) => resolveApiKeyCallerWithOwnProfile(deps, header, target.path),
		(token) => resolveSessionWithOwnProfile(deps, token),
	);
}
