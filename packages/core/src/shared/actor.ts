/**
 * Who is calling, and what they may do, for the length of one request. Every layer of core takes
 * this actor, so it lives on the ground floor and depends on nothing of core's own folders.
 */
import type { ContextType, RequiredAction } from "@tessera/db/schema";

/** One permission a user holds, in the context its role was assigned in. */
export interface Grant {
	permission: string;
	contextType: ContextType;
	contextId: string;
	appliesToSubAccounts: boolean;
}

/**
 * Who is calling, as far as every authenticated procedure needs to know. Kept deliberately small.
 * Every field means the same for people (`resolveSession`) and for application users calling
 * with an API key (`authenticateApiKey`), except that for a key caller `sessionId` is the
 * synthetic `apikey:<key id>` (never a session row's uuid) and `authenticatedAt` the epoch.
 */
export interface SessionActor {
	/** How the caller proved who they are: a person's session cookie, or an application user's API key. */
	kind: "session" | "api_key";
	sessionId: string;
	tenantId: string;
	userId: string;
	/** When the user last proved who they are in this session: sensitive changes need it recent. */
	authenticatedAt: Date;
	/** Obligations to complete before the session may do anything else. */
	requiredActions: RequiredAction[];
	/**
	 * What the user's role assignments permit, where: read by the same query that found the session
	 * or the key, so the procedure gate and a list's read scope cost no second round trip. An actor
	 * lives for one request, so a revoked role stops on the very next request (ASVS 8.3.2); checks
	 * that decide on changing roles or act inside a write transaction read grants afresh instead.
	 */
	grants: readonly Grant[];
}
