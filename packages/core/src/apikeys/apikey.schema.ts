/**
 * Inputs and outputs of application users and API keys, shared by the API (procedure inputs and
 * `.output()`) and the portal (forms). Inputs are strict: unknown keys are refused. Outputs list
 * their fields explicitly, so neither the key hash nor any other column can ever reach a caller.
 */
import { CONTEXT_TYPES, USER_STATES } from "@tessera/db/schema";
import { z } from "zod";
import { ZName, ZUsername } from "../users/user.schema";
import { API_KEY_PATTERN } from "./apikey.format";

/** A label for a thing (application user, key): trimmed, 1–100 characters, no control characters. */
const ZLabel = ZName.pipe(z.string({ error: "Required" }));

export const ZCreateApplicationUserInput = z.strictObject({
	/** Shown wherever the user appears (stored as the first name; applications have no last name). */
	name: ZLabel,
	username: ZUsername.optional(),
	/** Decides which account administrators may manage this user and its keys. */
	primaryAccountId: z.uuid().optional(),
	/** Roles granted at creation; each only if the caller holds all of it (roles API for the rest). */
	roleKeys: z.array(z.string().min(1).max(64)).max(20).optional(),
});
export type TCreateApplicationUserInput = z.output<typeof ZCreateApplicationUserInput>;

export const ZListApplicationUsersInput = z.strictObject({
	/** Opaque; from the previous page's `nextCursor`. */
	cursor: z.string().max(512).optional(),
	limit: z.number().int().min(1).max(100).default(50),
});
export type TListApplicationUsersInput = z.output<typeof ZListApplicationUsersInput>;

export const ZApplicationUser = z.object({
	id: z.uuid(),
	name: z.string(),
	username: z.string().nullable(),
	state: z.enum(USER_STATES),
	primaryAccountId: z.uuid().nullable(),
	roles: z.array(
		z.object({
			roleKey: z.string(),
			contextType: z.enum(CONTEXT_TYPES),
			contextId: z.uuid(),
		}),
	),
	/** Keys neither revoked nor expired. */
	liveKeyCount: z.number().int(),
	createdAt: z.date(),
	version: z.number().int(),
});
export type ApplicationUser = z.output<typeof ZApplicationUser>;

export const ZListApplicationUsersOutput = z.object({
	items: z.array(ZApplicationUser),
	nextCursor: z.string().nullable(),
});
export type TListApplicationUsersOutput = z.output<typeof ZListApplicationUsersOutput>;

export const ZIssueApiKeyInput = z.strictObject({
	userId: z.uuid(),
	/** What the key is for ("billing sync"), so a person can decide which one to revoke. */
	name: ZLabel,
	/** Optional; the key stops working at this moment. Must lie in the future. */
	expiresAt: z.date().optional(),
});
export type TIssueApiKeyInput = z.output<typeof ZIssueApiKeyInput>;

export const ZApplicationUserIdInput = z.strictObject({ userId: z.uuid() });
export const ZApiKeyIdInput = z.strictObject({ keyId: z.uuid() });

/** A key as anyone but its one-time recipient sees it: never the secret, never its hash. */
export const ZApiKey = z.object({
	id: z.uuid(),
	userId: z.uuid(),
	name: z.string(),
	/** The visible `tsk_<prefix>_…` part. */
	prefix: z.string(),
	status: z.enum(["active", "expired", "revoked"]),
	createdAt: z.date(),
	createdBy: z.uuid().nullable(),
	expiresAt: z.date().nullable(),
	lastUsedAt: z.date().nullable(),
	revokedAt: z.date().nullable(),
});
export type ApiKey = z.output<typeof ZApiKey>;

/** The keys of one application user, as `apiKeys.list` answers. */
export const ZApiKeyListOutput = z.array(ZApiKey);
export type TApiKeyListOutput = z.output<typeof ZApiKeyListOutput>;

/** The only response that carries a full key, once, at issue time. */
export const ZIssuedApiKey = z.object({
	key: z.string().regex(API_KEY_PATTERN),
	apiKey: ZApiKey,
});
export type IssuedApiKey = z.output<typeof ZIssuedApiKey>;
