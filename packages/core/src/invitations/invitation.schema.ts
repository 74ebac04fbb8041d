/**
 * Invitation inputs and outputs, shared by the API (procedure `.input()`/`.output()`) and the
 * portal (forms). Strict objects: unknown keys are refused, never ignored.
 */
import { CONTEXT_TYPES } from "@tessera/db/schema";
import { z } from "zod";
import { ZEmail, ZLanguage, ZName } from "../users/user.schema";

export const INVITATION_STATUSES = ["pending", "accepted", "expired"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** The role an invitation gives on acceptance, in the context where it applies. */
export const ZInvitationRoleInput = z
	.strictObject({
		roleId: z.uuid(),
		contextType: z.enum(CONTEXT_TYPES),
		/** The tenant, account or space id; for `tenant` it must be the inviter's tenant. */
		contextId: z.uuid(),
		appliesToSubAccounts: z.boolean().default(false),
	})
	.refine((role) => !role.appliesToSubAccounts || role.contextType === "account", {
		message: "Only an account role can apply to sub-accounts",
		path: ["appliesToSubAccounts"],
	});

export const ZCreateInvitationInput = z.strictObject({
	email: ZEmail,
	firstName: ZName.nullable().optional(),
	lastName: ZName.nullable().optional(),
	/** The invitee's language (en, de, nl, with region); the email is written in it. */
	language: ZLanguage.nullable().optional(),
	primaryAccountId: z.uuid().nullable().optional(),
	role: ZInvitationRoleInput.nullable().optional(),
});
export type TCreateInvitationInput = z.output<typeof ZCreateInvitationInput>;

export const ZInvitationIdInput = z.strictObject({ invitationId: z.uuid() });
export type TInvitationIdInput = z.output<typeof ZInvitationIdInput>;

export const ZListInvitationsInput = z.strictObject({
	status: z.enum(INVITATION_STATUSES).optional(),
	/** Opaque; from the previous page's `nextCursor`. */
	cursor: z.string().max(256).optional(),
	limit: z.number().int().min(1).max(100).default(25),
});
export type TListInvitationsInput = z.output<typeof ZListInvitationsInput>;

/**
 * An invitation token as it arrives from the link's fragment. Any string up to a sane length is
 * taken: a token of the wrong shape gets the same NOT_FOUND as an unknown one.
 */
export const ZInvitationToken = z.string().min(1).max(256);

export const ZLookupInvitationInput = z.strictObject({ token: ZInvitationToken });

export const ZAcceptInvitationInput = z.strictObject({
	token: ZInvitationToken,
	// The byte cap (1 KiB UTF-8) and every rule are enforced in core; this bounds the JSON itself.
	password: z.string().min(1).max(1024),
	firstName: ZName.nullable().optional(),
	lastName: ZName.nullable().optional(),
});
export type TAcceptInvitationInput = z.output<typeof ZAcceptInvitationInput>;

/** An invitation as administrators see it. The token is never part of it: it exists only in the email. */
export const ZInvitation = z.object({
	id: z.uuid(),
	userId: z.uuid(),
	email: z.string(),
	firstName: z.string().nullable(),
	lastName: z.string().nullable(),
	status: z.enum(INVITATION_STATUSES),
	role: z
		.object({
			id: z.uuid(),
			key: z.string(),
			name: z.string(),
			contextType: z.enum(CONTEXT_TYPES),
			contextId: z.uuid(),
			appliesToSubAccounts: z.boolean(),
		})
		.nullable(),
	primaryAccountId: z.uuid().nullable(),
	invitedBy: z
		.object({
			id: z.uuid(),
			/** "First Last", or the email address when no name is set; null once that user was purged. */
			name: z.string().nullable(),
		})
		.nullable(),
	createdAt: z.date(),
	expiresAt: z.date(),
	acceptedAt: z.date().nullable(),
	/** What the caller may do with it now, by the rules resend and revoke apply. */
	actions: z.object({ resend: z.boolean(), revoke: z.boolean() }),
});
export type Invitation = z.output<typeof ZInvitation>;

export const ZListInvitationsOutput = z.object({
	items: z.array(ZInvitation),
	nextCursor: z.string().nullable(),
});
export type TListInvitationsOutput = z.output<typeof ZListInvitationsOutput>;

export const ZRevokeInvitationOutput = z.object({ ok: z.literal(true), invitationId: z.uuid(), userId: z.uuid() });

/** What the invitee's browser may see before accepting: enough to recognise the invitation. */
export const ZLookupInvitationOutput = z.object({
	/** The tenant's slug, to sign in with once accepted. */
	tenant: z.string(),
	organisation: z.string(),
	/**
	 * Who sent it ("First Last", or their email address when no name is set), as the email
	 * itself says; null once that user was purged.
	 */
	inviter: z.string().nullable(),
	/** Masked (`a***@example.com`): the link may have been forwarded. */
	email: z.string(),
	expiresAt: z.date(),
});
export type TLookupInvitationOutput = z.output<typeof ZLookupInvitationOutput>;

export const ZAcceptInvitationOutput = z.object({ ok: z.literal(true), email: z.string() });
export type TAcceptInvitationOutput = z.output<typeof ZAcceptInvitationOutput>;
