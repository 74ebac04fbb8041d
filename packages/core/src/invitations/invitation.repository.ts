import type { ContextType, UserState } from "@tessera/db/schema";
import type { ReadScope } from "../roles/read-scope";
import type { Db, Tx } from "../shared/tx";
import type { InvitationStatus } from "./invitation.schema";

/** The invitation columns core works with (all of them; none is secret except the hash, kept internal). */
export interface InvitationRecord {
	id: string;
	tenant_id: string;
	user_id: string;
	email: string;
	role_id: string | null;
	context_type: ContextType | null;
	context_id: string | null;
	applies_to_sub_accounts: boolean;
	invited_by: string | null;
	created_at: Date;
	expires_at: Date;
	accepted_at: Date | null;
	revoked_at: Date | null;
}

const INVITATION_COLUMNS = [
	"id",
	"tenant_id",
	"user_id",
	"email",
	"role_id",
	"context_type",
	"context_id",
	"applies_to_sub_accounts",
	"invited_by",
	"created_at",
	"expires_at",
	"accepted_at",
	"revoked_at",
] as const;

/** A role of the tenant with the permissions it grants. */
export async function findRoleWithPermissions(db: Db | Tx, tenantId: string, roleId: string) {
	const role = await db
		.selectFrom("roles")
		.select(["id", "key", "name", "context_type"])
		.where("tenant_id", "=", tenantId)
		.where("id", "=", roleId)
		.executeTakeFirst();
	if (!role) return undefined;
	const permissions = await db
		.selectFrom("role_permissions")
		.select("permission")
		.where("role_id", "=", role.id)
		.orderBy("permission")
		.execute();
	return { ...role, permissions: permissions.map((row) => row.permission) };
}

/**
 * Inserts the invited person as a user in state `create`. Returns undefined when the tenant
 * already has a user with this (normalised) email: the unique index decides, so parallel
 * invites of the same address yield exactly one row (SECURITY L06).
 */
export async function insertInvitedUser(
	trx: Tx,
	user: {
		tenantId: string;
		email: string;
		firstName: string | null;
		lastName: string | null;
		language: string | null;
		primaryAccountId: string | null;
		now: Date;
	},
): Promise<string | undefined> {
	const row = await trx
		.insertInto("users")
		.values({
			tenant_id: user.tenantId,
			state: "create",
			email: user.email,
			first_name: user.firstName,
			last_name: user.lastName,
			language: user.language,
			primary_account_id: user.primaryAccountId,
			created_at: user.now,
			updated_at: user.now,
		})
		.onConflict((oc) => oc.columns(["tenant_id", "email"]).where("email", "is not", null).doNothing())
		.returning("id")
		.executeTakeFirst();
	return row?.id;
}

export async function insertInvitation(
	trx: Tx,
	invitation: {
		tenantId: string;
		userId: string;
		email: string;
		tokenHash: string;
		role: { roleId: string; contextType: ContextType; contextId: string; appliesToSubAccounts: boolean } | null;
		invitedBy: string;
		now: Date;
		expiresAt: Date;
	},
): Promise<string> {
	const row = await trx
		.insertInto("invitations")
		.values({
			tenant_id: invitation.tenantId,
			user_id: invitation.userId,
			email: invitation.email,
			token_hash: invitation.tokenHash,
			role_id: invitation.role?.roleId ?? null,
			context_type: invitation.role?.contextType ?? null,
			context_id: invitation.role?.contextId ?? null,
			applies_to_sub_accounts: invitation.role?.appliesToSubAccounts ?? false,
			invited_by: invitation.invitedBy,
			created_at: invitation.now,
			expires_at: invitation.expiresAt,
		})
		.returning("id")
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Locks one invitation of the tenant for the rest of the transaction. */
export function lockInvitationById(
	trx: Tx,
	tenantId: string,
	invitationId: string,
): Promise<InvitationRecord | undefined> {
	return trx
		.selectFrom("invitations")
		.select(INVITATION_COLUMNS)
		.where("tenant_id", "=", tenantId)
		.where("id", "=", invitationId)
		.forUpdate()
		.executeTakeFirst();
}

/** An invitation whose token still works at `now`: not accepted, not revoked, not expired. */
export function findUsableInvitationByTokenHash(
	db: Db | Tx,
	tokenHash: string,
	now: Date,
): Promise<InvitationRecord | undefined> {
	return db
		.selectFrom("invitations")
		.select(INVITATION_COLUMNS)
		.where("token_hash", "=", tokenHash)
		.where("accepted_at", "is", null)
		.where("revoked_at", "is", null)
		.where("expires_at", ">", now)
		.executeTakeFirst();
}

/**
 * Uses the token up, if it still works: one conditional statement, so of any number of parallel
 * accepts exactly one gets the row back (SECURITY L08, R02).
 */
export function consumeInvitationByTokenHash(
	trx: Tx,
	tokenHash: string,
	now: Date,
): Promise<InvitationRecord | undefined> {
	return trx
		.updateTable("invitations")
		.set({ accepted_at: now })
		.where("token_hash", "=", tokenHash)
		.where("accepted_at", "is", null)
		.where("revoked_at", "is", null)
		.where("expires_at", ">", now)
		.returning(INVITATION_COLUMNS)
		.executeTakeFirst();
}

/** Gives the invitation a new token and lifetime; the previous token stops working at once. */
export async function replaceInvitationToken(
	trx: Tx,
	invitationId: string,
	tokenHash: string,
	expiresAt: Date,
): Promise<void> {
	await trx
		.updateTable("invitations")
		.set({ token_hash: tokenHash, expires_at: expiresAt })
		.where("id", "=", invitationId)
		.where("accepted_at", "is", null)
		.execute();
}

/**
 * Deletes a never-activated invited user (state `create` only). Its invitations go with it
 * (foreign key cascade); audit rows keep its id. Returns whether a row was deleted.
 */
export async function deleteInvitedUser(trx: Tx, tenantId: string, userId: string): Promise<boolean> {
	const result = await trx
		.deleteFrom("users")
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.where("state", "=", "create")
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}

/** An invitation with what an administrator sees next to it: the person, the role, the inviter. */
export interface InvitationViewRow {
	id: string;
	user_id: string;
	email: string;
	first_name: string | null;
	last_name: string | null;
	primary_account_id: string | null;
	/** The invited user's state: `create` until the invitation is accepted. */
	user_state: UserState;
	role_id: string | null;
	role_key: string | null;
	role_name: string | null;
	context_type: ContextType | null;
	context_id: string | null;
	applies_to_sub_accounts: boolean;
	invited_by: string | null;
	inviter_first_name: string | null;
	inviter_last_name: string | null;
	inviter_email: string | null;
	created_at: Date;
	expires_at: Date;
	accepted_at: Date | null;
	revoked_at: Date | null;
}

function selectInvitationViews(db: Db | Tx, tenantId: string) {
	return db
		.selectFrom("invitations as i")
		.innerJoin("users as u", (join) => join.onRef("u.tenant_id", "=", "i.tenant_id").onRef("u.id", "=", "i.user_id"))
		.leftJoin("roles as r", (join) => join.onRef("r.tenant_id", "=", "i.tenant_id").onRef("r.id", "=", "i.role_id"))
		.leftJoin("users as inviter", (join) =>
			join.onRef("inviter.tenant_id", "=", "i.tenant_id").onRef("inviter.id", "=", "i.invited_by"),
		)
		.select([
			"i.id",
			"i.user_id",
			"i.email",
			"u.first_name",
			"u.last_name",
			"u.primary_account_id",
			"u.state as user_state",
			"i.role_id",
			"r.key as role_key",
			"r.name as role_name",
			"i.context_type",
			"i.context_id",
			"i.applies_to_sub_accounts",
			"i.invited_by",
			"inviter.first_name as inviter_first_name",
			"inviter.last_name as inviter_last_name",
			"inviter.email as inviter_email",
			"i.created_at",
			"i.expires_at",
			"i.accepted_at",
			"i.revoked_at",
		])
		.where("i.tenant_id", "=", tenantId);
}

export function findInvitationView(
	db: Db | Tx,
	tenantId: string,
	invitationId: string,
): Promise<InvitationViewRow | undefined> {
	return selectInvitationViews(db, tenantId).where("i.id", "=", invitationId).executeTakeFirst();
}

/**
 * One page of the tenant's invitations inside `scope`, newest first, keyset-paginated on
 * (created_at, id). Status is decided against `now`, the one clock core uses.
 */
export function listInvitationViews(
	db: Db,
	tenantId: string,
	options: {
		/** The whole tenant, or invitations touching these accounts or spaces (`scopeFor` invitations.manage). */
		scope: ReadScope;
		status: InvitationStatus | undefined;
		after: { createdAt: Date; id: string } | null;
		limit: number;
		now: Date;
	},
): Promise<InvitationViewRow[]> {
	let query = selectInvitationViews(db, tenantId).where("i.revoked_at", "is", null);
	const scope = options.scope;
	if (!scope.all) {
		const { accountIds, spaceIds } = scope;
		query = query.where((eb) => {
			const conditions = [];
			if (accountIds.length > 0) {
				// The invited person belongs to one of these accounts, or the role is given in one of them
				// or in one of their spaces.
				conditions.push(eb("u.primary_account_id", "in", accountIds));
				conditions.push(eb.and([eb("i.context_type", "=", "account"), eb("i.context_id", "in", accountIds)]));
				conditions.push(
					eb.and([
						eb("i.context_type", "=", "space"),
						eb(
							"i.context_id",
							"in",
							eb
								.selectFrom("spaces")
								.select("spaces.id")
								.where("spaces.tenant_id", "=", tenantId)
								.where("spaces.account_id", "in", accountIds),
						),
					]),
				);
			}
			if (spaceIds.length > 0) {
				conditions.push(eb.and([eb("i.context_type", "=", "space"), eb("i.context_id", "in", spaceIds)]));
			}
			// No context at all: nothing is in scope (`false`, never "everything").
			return conditions.length > 0 ? eb.or(conditions) : eb.val(false);
		});
	}
	if (options.status === "accepted") query = query.where("i.accepted_at", "is not", null);
	if (options.status === "pending")
		query = query.where("i.accepted_at", "is", null).where("i.expires_at", ">", options.now);
	if (options.status === "expired")
		query = query.where("i.accepted_at", "is", null).where("i.expires_at", "<=", options.now);
	const after = options.after;
	if (after) {
		query = query.where((eb) =>
			eb.or([
				eb("i.created_at", "<", after.createdAt),
				eb.and([eb("i.created_at", "=", after.createdAt), eb("i.id", "<", after.id)]),
			]),
		);
	}
	return query.orderBy("i.created_at", "desc").orderBy("i.id", "desc").limit(options.limit).execute();
}
