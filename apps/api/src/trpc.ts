import { assertRecentlyAuthenticated } from "@tessera/core/auth/reauth.service";
import { isDomainError } from "@tessera/core/errors";
import { authorizeAnywhere } from "@tessera/core/roles/authorization.service";
import type { Permission } from "@tessera/core/roles/permissions";
import { ValidationError } from "@tessera/core/shared/errors";
import { findUnsafeInput } from "@tessera/core/shared/safe-input";
import { VersionConflictError } from "@tessera/core/users/user.errors";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { authenticateCaller, authenticateCallerWithOwnProfile } from "./authenticate";
import type { ContextInner } from "./context";
import { DOMAIN_TO_TRPC, domainErrorOf } from "./errors";
import { transformer } from "./output-transformer";

/**
 * The input's problems as one ValidationError, whether core found them or the procedure's schema
 * did: field errors (English) and field issues (codes) keyed by input path ("address.city", "_").
 */
function validationErrorOf(cause: unknown): ValidationError | null {
	if (cause instanceof ValidationError) return cause;
	if (cause instanceof ZodError) return ValidationError.fromZod(cause);
	return null;
}

/** Procedure metadata. */
export interface ProcedureMeta {
	/**
	 * Callable while the session still has required actions (enrol MFA, verify email, register a
	 * passkey): the self-service steps that complete them, plus reading oneself and signing out.
	 */
	allowWithPendingActions?: boolean;
}

/**
 * Facts domain errors carry that a client can act on: how long to wait, what is missing, how many
 * things stand in the way. Only these keys leave the server, and none of them is a secret.
 */
const DETAIL_KEYS = [
	"requiredActions",
	"attemptsLeft",
	"retryAfterSeconds",
	"violations",
	"historyCount",
	// Roles and invitations: the permissions the caller would need to hold to grant this.
	"missing",
	"missingPermissions",
	// Deleting a role still in use.
	"assignmentCount",
	"invitationCount",
	// Illegal state transitions and actions refused in a user's current state.
	"from",
	"to",
	"state",
	// API keys: the per-application limit; a role that cannot be granted.
	"limit",
	"roleKey",
] as const;

/** Extra, typed facts some domain errors carry for the client (never secrets). */
function detailsOf(cause: unknown): Record<string, unknown> | null {
	if (!isDomainError(cause)) return null;
	const details: Record<string, unknown> = {};
	for (const key of DETAIL_KEYS) {
		if (key in cause) details[key] = (cause as unknown as Record<string, unknown>)[key];
	}
	return Object.keys(details).length > 0 ? details : null;
}

const t = initTRPC
	.meta<ProcedureMeta>()
	.context<ContextInner>()
	.create({
		transformer,
		// Stack traces never leave the server, whatever NODE_ENV says (ASVS 16.5.1).
		isDev: false,
		errorFormatter({ shape, error, ctx }) {
			const cause = error.cause;
			const validation = validationErrorOf(cause);
			const domainCode = isDomainError(cause) ? cause.code : validation ? "VALIDATION" : null;
			const internal = error.code === "INTERNAL_SERVER_ERROR";
			return {
				...shape,
				message: internal
					? "Something went wrong on our side. Please try again."
					: validation
						? "Some fields are not valid"
						: shape.message,
				data: {
					code: shape.data.code,
					httpStatus: shape.data.httpStatus,
					path: shape.data.path,
					domainCode,
					correlationId: ctx?.correlationId ?? null,
					fieldErrors: validation?.fieldErrors ?? null,
					fieldIssues: validation?.fieldIssues ?? null,
					currentVersion: cause instanceof VersionConflictError ? cause.currentVersion : null,
					details: detailsOf(cause),
				},
			};
		},
	});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Turns a domain error into its mapped TRPCError, and a database fault (a lost connection, a lock
 * or statement timeout, contention that outlived its retries) into the domain error it stands
 * for first; anything else passes through untouched and is reported as a bug.
 */
const mapDomainErrors = t.middleware(async ({ next }) => {
	const result = await next();
	if (!result.ok) {
		const cause = domainErrorOf(result.error.cause);
		if (cause) throw new TRPCError({ code: DOMAIN_TO_TRPC[cause.code], message: cause.message, cause });
	}
	return result;
});

/**
 * Refuses, for every procedure and before its schema runs, input PostgreSQL cannot take: text
 * with NUL or unpaired surrogates, dates outside years 1–9999, NaN or ±Infinity, absurd nesting.
 * One rule at the root rather than a refinement on each field, so no procedure can forget it and
 * such input is the caller's mistake (BAD_REQUEST naming the field), never a database error.
 */
const refuseUnsafeInput = t.middleware(async ({ getRawInput, next }) => {
	const problem = findUnsafeInput(await getRawInput());
	if (problem) {
		const cause = new ValidationError({ [problem.path || "_"]: [problem.message] });
		throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
	}
	return next();
});

/** Slows guessing: a credential check waits its turn in the per-address budget, or fails RATE_LIMITED. */
const throttleByAddress = t.middleware(async ({ ctx, next }) => {
	await ctx.throttle(ctx.meta.ip);
	return next();
});

/** Anyone may call. Input is safe to store; domain errors are mapped; nothing about the caller is known. */
export const publicProcedure = t.procedure.use(refuseUnsafeInput).use(mapDomainErrors);

/**
 * A public procedure that checks a credential (password, code, passkey): throttled per client
 * address before it runs, so guessing is slow even across many accounts (SECURITY A15).
 */
export const credentialProcedure = publicProcedure.use(throttleByAddress);

/**
 * The caller holds a live session of a user who may act (active, not revoked, not idle or past
 * its absolute lifetime), or, without a session cookie, a valid API key of an active application
 * user (`Authorization: Bearer tsk_…`). Narrows `ctx.actor` to non-null; otherwise UNAUTHORIZED.
 * Roles apply per request the same way to both. Key callers are FORBIDDEN on procedures meant
 * for people (sign-in, self-service security, own profile edits). A session with pending
 * required actions reaches only procedures marked `allowWithPendingActions`. The same gate
 * (`authenticateCaller`) guards the CSV export routes.
 */
export const authedProcedure = publicProcedure.use(async ({ ctx, meta, path, next }) => {
	const actor = await authenticateCaller(
		ctx,
		{ unverifiedSessionToken: ctx.session.unverifiedToken, unverifiedApiKey: ctx.unverifiedApiKey },
		{ path, allowWithPendingActions: meta?.allowWithPendingActions === true },
	);
	return next({ ctx: { actor } });
});

/**
 * `authedProcedure` for reading oneself: the gate is the same (`authenticateCaller`'s rules), and
 * `ctx.ownProfile` is the caller's own profile, read for a session in the same round trip as the
 * session (`me.get` runs on every portal page load).
 */
export const ownProfileProcedure = publicProcedure.use(async ({ ctx, meta, path, next }) => {
	const { actor, ownProfile } = await authenticateCallerWithOwnProfile(
		ctx,
		{ unverifiedSessionToken: ctx.session.unverifiedToken, unverifiedApiKey: ctx.unverifiedApiKey },
		{ path, allowWithPendingActions: meta?.allowWithPendingActions === true },
	);
	return next({ ctx: { actor, ownProfile } });
});

/**
 * An authed procedure that checks a credential again (re-authentication by password or code):
 * throttled per client address like `credentialProcedure`, once the session is known.
 */
export const authedCredentialProcedure = authedProcedure.use(throttleByAddress);

/**
 * A sensitive self-service change: the user proved who they are within the reauthentication
 * window (5 minutes by default), otherwise FORBIDDEN with AUTH.REAUTH_REQUIRED.
 */
export const recentAuthProcedure = authedProcedure.use(async ({ ctx, next }) => {
	await assertRecentlyAuthenticated(ctx, ctx.actor);
	return next();
});

/**
 * The caller holds `permission` in at least one context of their tenant. Procedures on a
 * specific target check again in core against the target's own context.
 */
export function permissionProcedure(permission: Permission) {
	return authedProcedure.use(async ({ ctx, next }) => {
		authorizeAnywhere(ctx.actor, permission);
		return next();
	});
}

export { z };
