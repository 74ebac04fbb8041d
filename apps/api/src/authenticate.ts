/**
 * The one authentication gate: tRPC's `authedProcedure` and the CSV export routes both call
 * `authenticateCaller`, so a rule added here holds for every authenticated request.
 */

import { RequiredActionsPendingError, UnauthenticatedError } from "@tessera/core/auth/auth.errors";
import { resolveSession } from "@tessera/core/auth/session.service";
import type { SessionActor } from "@tessera/core/shared/actor";
import { resolveApiKeyCaller } from "./api-key-caller";
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
	// A browser's cookie decides when present: a stray Authorization header never replaces or
	// upgrades a session, and a key is never read alongside a cookie that failed.
	const apiKeyHeader = credentials.unverifiedSessionToken === undefined ? credentials.unverifiedApiKey : undefined;
	const actor =
		apiKeyHeader !== undefined
			? await resolveApiKeyCaller(deps, apiKeyHeader, target.path)
			: await resolveSession(deps, credentials.unverifiedSessionToken);
	if (!actor) throw new UnauthenticatedError();
	// Until the user has done what the administrator or the policy requires (a new password, a
	// second factor…), the session opens only the steps that do it.
	if (actor.requiredActions.length > 0 && !target.allowWithPendingActions) {
		throw new RequiredActionsPendingError(actor.requiredActions);
	}
	return actor;
}
