import { TWO_FACTOR_TYPES, USER_STATES, USER_TYPES } from "@tessera/db/schema";
import { z } from "zod";

export const USER_SORT_FIELDS = ["name", "email", "created", "lastSignIn", "state"] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];

/** The longest search text the user list takes; the portal caps what it reads from its URL to it. */
export const USER_SEARCH_MAX_LENGTH = 100;

/** The admin user list's query. Strict: unknown filters are refused, not ignored. */
export const ZListUsersInput = z.strictObject({
	search: z.string().trim().max(USER_SEARCH_MAX_LENGTH).optional(),
	states: z.array(z.enum(USER_STATES)).max(USER_STATES.length).optional(),
	userTypes: z.array(z.enum(USER_TYPES)).max(USER_TYPES.length).optional(),
	roleKeys: z.array(z.string().min(1).max(64)).max(20).optional(),
	mfaEnabled: z.boolean().optional(),
	mfaMethods: z.array(z.enum(TWO_FACTOR_TYPES)).max(TWO_FACTOR_TYPES.length).optional(),
	/** Holds at least one passkey (true) or none (false), whatever their preferred second factor. */
	hasPasskey: z.boolean().optional(),
	accountId: z.uuid().optional(),
	createdFrom: z.date().optional(),
	createdTo: z.date().optional(),
	sort: z.enum(USER_SORT_FIELDS).default("name"),
	direction: z.enum(["asc", "desc"]).default("asc"),
	/** Opaque; from the previous page's `nextCursor`. */
	cursor: z.string().max(512).optional(),
	limit: z.number().int().min(1).max(100).default(25),
});
export type TListUsersInput = z.output<typeof ZListUsersInput>;

export const ZUserListItem = z.object({
	id: z.uuid(),
	email: z.string().nullable(),
	firstName: z.string().nullable(),
	lastName: z.string().nullable(),
	username: z.string().nullable(),
	state: z.enum(USER_STATES),
	userType: z.enum(USER_TYPES),
	twoFactorEnabled: z.boolean(),
	twoFactorType: z.enum(TWO_FACTOR_TYPES).nullable(),
	primaryAccountId: z.uuid().nullable(),
	createdAt: z.date(),
	lastSignInAt: z.date().nullable(),
	roleKeys: z.array(z.string()),
	version: z.number().int(),
});

export const ZListUsersOutput = z.object({
	items: z.array(ZUserListItem),
	nextCursor: z.string().nullable(),
	/** Exact up to 1,000; beyond that `capped` is true and the count reads "1,000+". */
	total: z.object({ count: z.number().int(), capped: z.boolean() }),
});
export type TListUsersOutput = z.output<typeof ZListUsersOutput>;
