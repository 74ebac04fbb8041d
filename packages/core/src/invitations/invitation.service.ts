import { createHash, randomBytes } from "node:crypto";
import type { ContextType, UserState } from "@tessera/db/schema";
import { z } from "zod";
import { insertAuditEvent } from "../audit/audit.repository";
import { assertPasswordMeetsRules, assertPasswordNotRecent } from "../auth/password-change.service";
import { upsertPasswordCredential } from "../auth/password-credential.repository";
import { enqueueMessage } from "../messaging/outbox.service";
import { maskEmail } from "../messaging/templates";
import { hashPassword } from "../passwords/password-hash";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import { isPermission, type Permission } from "../roles/permissions";
import { type AuthorizationTarget, hasPermission } from "../roles/rbac";
import { ForbiddenError } from "../roles/rbac.errors";
import { scopeFor } from "../roles/read-scope";
import { findGrantsOfUser, insertRoleAssignment } from "../roles/role.repository";
import { decideGrantChange, type GrantDecision, type ResolvedContext } from "../roles/role-grant";
import type { Grant, SessionActor } from "../shared/actor";
import { type Clock, DAY } from "../shared/clock";
import { cursorPart, decodeCursor, encodeCursor } from "../shared/cursor";
import type { CoreDeps } from "../shared/deps";
import { ValidationError } from "../shared/errors";
import type { RequestMeta } from "../shared/request";
import { type Db, inTransaction, type Tx } from "../shared/tx";
import { findAccountChain, findAccountInTenant, findSpaceInTenant } from "../tenants/account.repository";
import { findTenantById } from "../tenants/tenant.repository";
import { EmailTakenError } from "../users/user.errors";
import { findUserById, lockUserById, updateUserIfVersion } from "../users/user.repository";
import { assertTransition } from "../users/user-state";
import { InvitationAlreadyAcceptedError, InvitationNotFoundError, RoleExceedsInviterError } from "./invitation.errors";
import {
	consumeInvitationByTokenHash,
	deleteInvitedUser,
	findInvitationView,
	findRoleWithPermissions,
	findUsableInvitationByTokenHash,
	type InvitationRecord,
	type InvitationViewRow,
	insertInvitation,
	insertInvitedUser,
	listInvitationViews,
	lockInvitationById,
	replaceInvitationToken,
} from "./invitation.repository";
import type {
	Invitation,
	InvitationStatus,
	TAcceptInvitationInput,
	TAcceptInvitationOutput,
	TCreateInvitationInput,
	TListInvitationsInput,
	TListInvitationsOutput,
	TLookupInvitationOutput,
} from "./invitation.schema";

/** SECURITY §4 "Invitation": 7 days, whatever the tenant policy says. */
export const INVITATION_TTL_DAYS = 7;
const INVITATION_TTL_MS = INVITATION_TTL_DAYS * DAY;
const MANAGE: Permission = "invitations.manage";

/** Where the invitee's browser opens the link. The token sits in the fragment, so it never reaches a server log (I08). */
export const INVITATION_PATH = "/invitation";

/** 256 bits from the CSPRNG, base64url (43 characters). Only its SHA-256 is stored. */
function generateInvitationToken(): string {
	return randomBytes(32).toString("base64url");
}

function hashInvitationToken(token: string): string {
	return createHash("sha256").update(token, "utf8").digest("hex");
}

function invitationUrl(publicOrigin: string, token: string): string {
	const url = new URL(INVITATION_PATH, publicOrigin);
	url.hash = `token=${token}`;
	return url.toString();
}

function statusAt(row: { accepted_at: Date | null; expires_at: Date }, now: Date): InvitationStatus {
	if (row.accepted_at) return "accepted";
	return row.expires_at.getTime() > now.getTime() ? "pending" : "expired";
}

function displayName(person: { first_name: string | null; last_name: string | null; email: string | null }) {
	const name = [person.first_name, person.last_name].filter(Boolean).join(" ").trim();
	return name || person.email || null;
}

/** Resend works until the person accepts: an expired invitation is renewed that way. */
function canResendInvitation(invitation: { accepted_at: Date | null }): boolean {
	return invitation.accepted_at === null;
}

/** Revoke withdraws an invitation nobody accepted yet (expired ones included), while its user never activated. */
function canRevokeInvitation(invitation: { accepted_at: Date | null }, userState: UserState): boolean {
	return invitation.accepted_at === null && userState === "create";
}

function viewToInvitation(row: InvitationViewRow, now: Date): Invitation {
	return {
		id: row.id,
		userId: row.user_id,
		email: row.email,
		firstName: row.first_name,
		lastName: row.last_name,
		status: statusAt(row, now),
		role:
			row.role_id && row.role_key && row.role_name && row.context_type && row.context_id
				? {
						id: row.role_id,
						key: row.role_key,
						name: row.role_name,
						contextType: row.context_type,
						contextId: row.context_id,
						appliesToSubAccounts: row.applies_to_sub_accounts,
					}
				: null,
		primaryAccountId: row.primary_account_id,
		invitedBy: row.invited_by
			? {
					id: row.invited_by,
					name: displayName({
						first_name: row.inviter_first_name,
						last_name: row.inviter_last_name,
						email: row.inviter_email,
					}),
				}
			: null,
		createdAt: row.created_at,
		expiresAt: row.expires_at,
		acceptedAt: row.accepted_at,
		actions: { resend: canResendInvitation(row), revoke: canRevokeInvitation(row, row.user_state) },
	};
}

async function loadInvitation(db: Db | Tx, tenantId: string, invitationId: string, now: Date): Promise<Invitation> {
	const view = await findInvitationView(db, tenantId, invitationId);
	if (!view) throw new InvitationNotFoundError();
	return viewToInvitation(view, now);
}

/**
 * The authorization target of a role context: the tenant, an account (with its ancestors) or a
 * space (with its account's chain). Undefined when the id is not one of the tenant's.
 */
async function targetOfContext(
	db: Db | Tx,
	tenantId: string,
	contextType: ContextType,
	contextId: string,
): Promise<AuthorizationTarget | undefined> {
	switch (contextType) {
		case "tenant":
			return contextId === tenantId ? { tenantId, accountChain: [] } : undefined;
		case "account": {
			if (!(await findAccountInTenant(db, tenantId, contextId))) return undefined;
			return { tenantId, accountChain: await findAccountChain(db, tenantId, contextId) };
		}
		case "space": {
			const space = await findSpaceInTenant(db, tenantId, contextId);
			if (!space) return undefined;
			return { tenantId, accountChain: await findAccountChain(db, tenantId, space.account_id), spaceId: space.id };
		}
		default:
			return undefined;
	}
}

/**
 * Whether `grants` may hand `role` out through an invitation at `target`: the one grant rule
 * (`decideGrantChange`) with invitations.manage as the right to hand roles out there, and the
 * invitation's sub-account reach, which the inviter must have too.
 */
function decideInvitationGrant(
	grants: readonly Grant[],
	role: { context_type: ContextType; permissions: readonly string[] },
	target: AuthorizationTarget,
	appliesToSubAccounts: boolean,
): GrantDecision {
	const { tenantId, accountChain, spaceId } = target;
	const context: ResolvedContext | undefined =
		role.context_type === "tenant"
			? { type: "tenant", tenantId }
			: role.context_type === "account"
				? { type: "account", tenantId, accountChain }
				: spaceId
					? { type: "space", tenantId, spaceId, accountChain }
					: undefined;
	if (!context) return { allowed: false, reason: "not_manager" };
	return decideGrantChange({
		operation: "assign",
		actorGrants: grants,
		actorUserId: "",
		// Nobody invites themselves: an invitation always creates a new user.
		assigneeUserId: "invitee",
		// The catalogue is the permissions table (role_permissions references it).
		role: { contextType: role.context_type, permissions: role.permissions.filter(isPermission) },
		context,
		appliesToSubAccounts,
		manager: MANAGE,
	});
}

async function userTarget(
	db: Db | Tx,
	tenantId: string,
	primaryAccountId: string | null,
): Promise<AuthorizationTarget> {
	return {
		tenantId,
		accountChain: primaryAccountId ? await findAccountChain(db, tenantId, primaryAccountId) : [],
	};
}

/**
 * The contexts an existing invitation touches: the invited user (tenant, or their primary
 * account chain) and, when it carries a role, the role's context. Holding invitations.manage in
 * any of them lets an administrator see and manage it; creating it needed all of them.
 */
async function contextsOfInvitation(
	db: Db | Tx,
	invitation: InvitationRecord,
	primaryAccountId: string | null,
): Promise<AuthorizationTarget[]> {
	const targets = [await userTarget(db, invitation.tenant_id, primaryAccountId)];
	if (invitation.context_type && invitation.context_id) {
		const roleTarget = await targetOfContext(db, invitation.tenant_id, invitation.context_type, invitation.context_id);
		if (roleTarget) targets.push(roleTarget);
	}
	return targets;
}

/**
 * Locks an invitation and its invited user, and checks that the actor may manage it. Outside the
 * actor's tenant or reach it does not exist (NOT_FOUND), so ids reveal nothing (SECURITY Z02).
 */
async function lockManagedInvitation(trx: Tx, actor: SessionActor, invitationId: string) {
	const invitation = await lockInvitationById(trx, actor.tenantId, invitationId);
	if (!invitation || invitation.revoked_at) throw new InvitationNotFoundError();
	const user = await lockUserById(trx, actor.tenantId, invitation.user_id);
	if (!user) throw new InvitationNotFoundError();
	const grants = await findGrantsOfUser(trx, actor.tenantId, actor.userId);
	const contexts = await contextsOfInvitation(trx, invitation, user.primary_account_id);
	if (!contexts.some((target) => hasPermission(grants, MANAGE, target))) throw new InvitationNotFoundError();
	return { invitation, user };
}

/** The words the invitation email uses for who invites and to what. */
async function invitationWording(
	db: Db | Tx,
	tenantId: string,
	inviterId: string,
	primaryAccountId: string | null,
): Promise<{ inviterName: string; organisation: string }> {
	const [inviter, tenant, account] = await Promise.all([
		findUserById(db, tenantId, inviterId),
		findTenantById(db, tenantId),
		primaryAccountId ? findAccountInTenant(db, tenantId, primaryAccountId) : Promise.resolve(undefined),
	]);
	const organisation = account?.name ?? tenant?.name ?? "Tessera";
	return { inviterName: (inviter && displayName(inviter)) || organisation, organisation };
}

async function queueInvitationEmail(
	trx: Tx,
	clock: Clock,
	options: {
		tenantId: string;
		userId: string;
		email: string;
		language: string | null;
		token: string;
		publicOrigin: string;
		inviterId: string;
		primaryAccountId: string | null;
	},
): Promise<void> {
	const wording = await invitationWording(trx, options.tenantId, options.inviterId, options.primaryAccountId);
	await enqueueMessage(trx, clock, {
		tenantId: options.tenantId,
		userId: options.userId,
		channel: "email",
		recipient: options.email,
		template: "invitation",
		params: { url: invitationUrl(options.publicOrigin, options.token), days: INVITATION_TTL_DAYS, ...wording },
		language: options.language,
	});
}

export interface InvitationOrigin {
	/** The portal's public origin (`https://id.example.com`); the link in the email points there. */
	publicOrigin: string;
}

/**
 * An administrator invites a person by email. In one transaction: the person becomes a user in
 * state `create` (the tenant's unique email index refuses a second one: CONFLICT, SECURITY L06),
 * an invitation with a 256-bit single-use token (stored as its SHA-256) valid for 7 days, the
 * email with the link, and the audit row.
 *
 * Authorization, against the contexts the invitation touches: invitations.manage on the primary
 * account (or the tenant when there is neither a primary account nor a role), invitations.manage
 * in the role's context, and every permission of that role there (role ≤ inviter, SECURITY L08).
 */
export async function createInvitation(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TCreateInvitationInput,
	origin: InvitationOrigin,
	meta: RequestMeta,
): Promise<Invitation> {
	return inTransaction(db, async (trx) => {
		const tenantId = actor.tenantId;
		const primaryAccountId = input.primaryAccountId ?? null;
		// Ids of another tenant behave as unknown ones (Z02): the lookups are tenant-scoped.
		if (primaryAccountId && !(await findAccountInTenant(trx, tenantId, primaryAccountId))) {
			throw new ValidationError({ primaryAccountId: ["Unknown account"] });
		}
		const roleInput = input.role ?? null;
		let role: Awaited<ReturnType<typeof findRoleWithPermissions>>;
		let roleTarget: AuthorizationTarget | undefined;
		if (roleInput) {
			role = await findRoleWithPermissions(trx, tenantId, roleInput.roleId);
			if (!role) throw new ValidationError({ "role.roleId": ["Unknown role"] });
			// A role is bound to a context type (tenant, account or space) and is assigned only there.
			if (role.context_type !== roleInput.contextType) {
				throw new ValidationError({ "role.contextType": [`This role is assigned in a ${role.context_type} context`] });
			}
			roleTarget = await targetOfContext(trx, tenantId, roleInput.contextType, roleInput.contextId);
			if (!roleTarget) throw new ValidationError({ "role.contextId": [`Unknown ${roleInput.contextType}`] });
		}

		const grants = await findGrantsOfUser(trx, tenantId, actor.userId);
		const required: AuthorizationTarget[] = [];
		if (primaryAccountId || !roleTarget) required.push(await userTarget(trx, tenantId, primaryAccountId));
		if (roleTarget) required.push(roleTarget);
		for (const target of required) {
			if (!hasPermission(grants, MANAGE, target)) throw new ForbiddenError(MANAGE);
		}
		if (role && roleTarget && roleInput) {
			// Nobody hands out more than they hold in that very context, nor reach over sub-accounts
			// they do not have themselves (L08, Z03).
			const decision = decideInvitationGrant(grants, role, roleTarget, roleInput.appliesToSubAccounts);
			if (!decision.allowed) {
				if (decision.reason === "self_escalation" || decision.reason === "exceeds_own") {
					throw new RoleExceedsInviterError(decision.missing);
				}
				throw new ForbiddenError(MANAGE);
			}
		}

		const now = clock.now();
		const userId = await insertInvitedUser(trx, {
			tenantId,
			email: input.email,
			firstName: input.firstName ?? null,
			lastName: input.lastName ?? null,
			language: input.language ?? null,
			primaryAccountId,
			now,
		});
		if (!userId) throw new EmailTakenError();

		const token = generateInvitationToken();
		const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
		const invitationId = await insertInvitation(trx, {
			tenantId,
			userId,
			email: input.email,
			tokenHash: hashInvitationToken(token),
			role: roleInput,
			invitedBy: actor.userId,
			now,
			expiresAt,
		});
		await queueInvitationEmail(trx, clock, {
			tenantId,
			userId,
			email: input.email,
			language: input.language ?? null,
			token,
			publicOrigin: origin.publicOrigin,
			inviterId: actor.userId,
			primaryAccountId,
		});
		await insertAuditEvent(trx, {
			tenantId,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: userId,
			action: "invitation.created",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			// Never the token: it exists only in the email.
			details: {
				invitationId,
				email: input.email,
				primaryAccountId,
				role: roleInput && role ? { ...roleInput, roleKey: role.key } : null,
				expiresAt: expiresAt.toISOString(),
			},
		});
		return loadInvitation(trx, tenantId, invitationId, now);
	});
}

/**
 * Sends the invitation again with a new token and a fresh 7 days; the previous token stops
 * working in the same statement (SECURITY §4: resend voids the previous token). Works on expired
 * invitations too, which is how an expired one is renewed. Accepted ones are refused.
 */
export async function resendInvitation(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	invitationId: string,
	origin: InvitationOrigin,
	meta: RequestMeta,
): Promise<Invitation> {
	return inTransaction(db, async (trx) => {
		const { invitation, user } = await lockManagedInvitation(trx, actor, invitationId);
		if (!canResendInvitation(invitation)) throw new InvitationAlreadyAcceptedError();
		const now = clock.now();
		const token = generateInvitationToken();
		const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
		await replaceInvitationToken(trx, invitation.id, hashInvitationToken(token), expiresAt);
		await queueInvitationEmail(trx, clock, {
			tenantId: invitation.tenant_id,
			userId: invitation.user_id,
			email: invitation.email,
			language: user.language,
			token,
			publicOrigin: origin.publicOrigin,
			inviterId: actor.userId,
			primaryAccountId: user.primary_account_id,
		});
		await insertAuditEvent(trx, {
			tenantId: invitation.tenant_id,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: invitation.user_id,
			action: "invitation.resent",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: {
				invitationId: invitation.id,
				changes: {
					expires_at: { from: invitation.expires_at.toISOString(), to: expiresAt.toISOString() },
				},
			},
		});
		return loadInvitation(trx, invitation.tenant_id, invitation.id, now);
	});
}

/**
 * Withdraws an invitation that was not accepted yet. The invited user never activated and holds
 * nothing but what the administrator typed, so the row is deleted (its invitation goes with it
 * by foreign key), freeing the email address for a new invitation; the audit rows keep its id.
 */
export async function revokeInvitation(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	invitationId: string,
	meta: RequestMeta,
): Promise<{ ok: true; invitationId: string; userId: string }> {
	return inTransaction(db, async (trx) => {
		const { invitation, user } = await lockManagedInvitation(trx, actor, invitationId);
		if (!canRevokeInvitation(invitation, user.state)) throw new InvitationAlreadyAcceptedError();
		const now = clock.now();
		if (!(await deleteInvitedUser(trx, invitation.tenant_id, invitation.user_id))) {
			throw new InvitationNotFoundError();
		}
		await insertAuditEvent(trx, {
			tenantId: invitation.tenant_id,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: invitation.user_id,
			action: "invitation.revoked",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: { invitationId: invitation.id, email: invitation.email, invitedUserDeleted: true },
		});
		return { ok: true as const, invitationId: invitation.id, userId: invitation.user_id };
	});
}

/** Newest first: where the previous page ended, by creation time and id. */
function afterCursor(cursor: string): { createdAt: Date; id: string } {
	const [createdAt, id] = decodeCursor(cursor, z.tuple([cursorPart.date, cursorPart.uuid]));
	return { createdAt, id };
}

/**
 * The invitations the actor may manage, newest first: pending, accepted or expired (filterable),
 * with the invited person, the role, the inviter and the dates. Revoked invitations leave the
 * list with their never-activated user; the audit log keeps them (`invitation.revoked`).
 */
export async function listInvitations(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TListInvitationsInput,
): Promise<TListInvitationsOutput> {
	// Everything with a tenant-wide invitations.manage; otherwise the accounts (with sub-accounts
	// where the assignment says so) and spaces where the actor holds it.
	const scope = await scopeFor(db, actor, MANAGE);
	const now = clock.now();
	const rows = await listInvitationViews(db, actor.tenantId, {
		scope,
		status: input.status,
		after: input.cursor ? afterCursor(input.cursor) : null,
		limit: input.limit + 1,
		now,
	});
	const page = rows.slice(0, input.limit);
	const last = page.at(-1);
	return {
		items: page.map((row) => viewToInvitation(row, now)),
		nextCursor: rows.length > input.limit && last ? encodeCursor([last.created_at, last.id]) : null,
	};
}

/**
 * What the invitee's browser shows before accepting. Unknown, used, revoked and expired tokens
 * all give the same NOT_FOUND. The address is masked: the link may have been forwarded.
 */
export async function lookupInvitation(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	token: string,
): Promise<TLookupInvitationOutput> {
	const invitation = await findUsableInvitationByTokenHash(db, hashInvitationToken(token), clock.now());
	if (!invitation) throw new InvitationNotFoundError();
	const [tenant, user, inviter] = await Promise.all([
		findTenantById(db, invitation.tenant_id),
		findUserById(db, invitation.tenant_id, invitation.user_id),
		invitation.invited_by ? findUserById(db, invitation.tenant_id, invitation.invited_by) : Promise.resolve(undefined),
	]);
	if (!tenant || user?.state !== "create") throw new InvitationNotFoundError();
	const account = user.primary_account_id
		? await findAccountInTenant(db, invitation.tenant_id, user.primary_account_id)
		: undefined;
	return {
		tenant: tenant.slug,
		organisation: account?.name ?? tenant.name,
		// The name the email already showed the invitee, so the page tells them nothing new.
		inviter: inviter ? displayName(inviter) : null,
		email: maskEmail(invitation.email),
		expiresAt: invitation.expires_at,
	};
}

/**
 * Whether the role the invitation carries may still be given: its inviter must still hold every
 * permission of the role in that context, and still be a user who can be active. Otherwise the
 * invitee joins without it (and the audit row says so): a grant cannot outlive its grantor's authority.
 */
async function isRoleStillGrantable(trx: Tx, invitation: InvitationRecord): Promise<boolean> {
	if (!invitation.role_id || !invitation.context_type || !invitation.context_id || !invitation.invited_by) return false;
	const [role, inviter, target] = await Promise.all([
		findRoleWithPermissions(trx, invitation.tenant_id, invitation.role_id),
		findUserById(trx, invitation.tenant_id, invitation.invited_by),
		targetOfContext(trx, invitation.tenant_id, invitation.context_type, invitation.context_id),
	]);
	if (!role || !target || !inviter || (inviter.state !== "active" && inviter.state !== "inactive")) return false;
	const grants = await findGrantsOfUser(trx, invitation.tenant_id, invitation.invited_by);
	return decideInvitationGrant(grants, role, target, invitation.applies_to_sub_accounts).allowed;
}

/**
 * The invitee accepts: chooses a password that meets the tenant's policy, and becomes an active
 * user with a verified email address (opening the link proved the mailbox) and the invited role.
 *
 * The password is checked and hashed first, so a refused password does not use the token up.
 * Then, in one transaction: the token is consumed by one conditional UPDATE (of parallel accepts
 * exactly one succeeds; SECURITY L08, R02), the password stored, the user activated, the role
 * assigned, and the audit row written. No session is created: the person signs in normally.
 */
export async function acceptInvitation(
	deps: CoreDeps,
	input: TAcceptInvitationInput,
	meta: RequestMeta,
): Promise<TAcceptInvitationOutput> {
	const tokenHash = hashInvitationToken(input.token);
	const pending = await findUsableInvitationByTokenHash(deps.db, tokenHash, deps.clock.now());
	if (!pending) throw new InvitationNotFoundError();
	const invited = await findUserById(deps.db, pending.tenant_id, pending.user_id);
	if (invited?.state !== "create") throw new InvitationNotFoundError();
	const firstName = input.firstName === undefined ? invited.first_name : input.firstName;
	const lastName = input.lastName === undefined ? invited.last_name : input.lastName;
	const policy = await getTenantPolicy(deps.db, pending.tenant_id);
	// Checked against the names the user will have, so a password made of them is refused (A06).
	await assertPasswordMeetsRules(
		deps,
		policy,
		{ ...invited, first_name: firstName, last_name: lastName },
		input.password,
	);
	const passwordHash = await hashPassword(input.password);

	return inTransaction(deps.db, async (trx) => {
		const now = deps.clock.now();
		const invitation = await consumeInvitationByTokenHash(trx, tokenHash, now);
		if (!invitation) throw new InvitationNotFoundError();
		const user = await lockUserById(trx, invitation.tenant_id, invitation.user_id);
		if (user?.state !== "create" || !user.email) throw new InvitationNotFoundError();
		assertTransition(user.state, "active");
		// History only once the token is ours: of parallel accepts, the losers stop at the claim above.
		await assertPasswordNotRecent(trx, policy, user, input.password);

		await upsertPasswordCredential(trx, user.tenant_id, user.id, passwordHash, now);
		const after = await updateUserIfVersion(
			trx,
			user.tenant_id,
			user.id,
			user.version,
			{
				state: "active",
				email_verified: true,
				first_name: firstName,
				last_name: lastName,
				password_changed_at: now,
				password_reminder_sent_days: null,
				failed_attempts: 0,
				locked_until: null,
			},
			now,
		);
		// The row is locked: the version cannot have moved.
		if (!after) throw new InvitationNotFoundError();

		const roleApplied = await isRoleStillGrantable(trx, invitation);
		if (roleApplied && invitation.role_id && invitation.context_type && invitation.context_id) {
			await insertRoleAssignment(
				trx,
				{
					tenantId: invitation.tenant_id,
					userId: user.id,
					roleId: invitation.role_id,
					contextType: invitation.context_type,
					contextId: invitation.context_id,
					appliesToSubAccounts: invitation.applies_to_sub_accounts,
					createdBy: invitation.invited_by,
					createdAt: now,
				},
				{ ifMissing: true },
			);
		}
		await insertAuditEvent(trx, {
			tenantId: invitation.tenant_id,
			occurredAt: now,
			actorUserId: user.id,
			targetUserId: user.id,
			action: "invitation.accepted",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: {
				invitationId: invitation.id,
				invitedBy: invitation.invited_by,
				role: invitation.role_id
					? {
							roleId: invitation.role_id,
							contextType: invitation.context_type,
							contextId: invitation.context_id,
							appliesToSubAccounts: invitation.applies_to_sub_accounts,
							applied: roleApplied,
						}
					: null,
				passwordSet: true,
				changes: {
					state: { from: user.state, to: after.state },
					email_verified: { from: user.email_verified, to: after.email_verified },
					...(firstName !== user.first_name ? { first_name: { from: user.first_name, to: firstName } } : {}),
					...(lastName !== user.last_name ? { last_name: { from: user.last_name, to: lastName } } : {}),
				},
			},
		});
		return { ok: true as const, email: user.email };
	});
}
