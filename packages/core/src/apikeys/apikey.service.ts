/**
 * Application users (seed 002's user type `application`) and their API keys. Every action needs
 * apikeys.manage in the context of the application user (its tenant, or its primary account and,
 * for assignments that say so, that account's ancestors), writes its audit row in the same
 * transaction as the change, and never returns a key's hash. The full key leaves `issueApiKey`
 * once and is stored nowhere.
 */
import type { ContextType } from "@tessera/db/schema";
import { z } from "zod";
import { insertAuditEvent } from "../audit/audit.repository";
import { targetOfUser } from "../roles/authorization.service";
import type { Permission } from "../roles/permissions";
import { type AuthorizationTarget, hasPermission } from "../roles/rbac";
import { ForbiddenError } from "../roles/rbac.errors";
import { scopeFor } from "../roles/read-scope";
import { findGrantsOfUser, findRoleByKey, insertRoleAssignment } from "../roles/role.repository";
import { permissionsMissingAt } from "../roles/role-grant";
import type { Grant, SessionActor } from "../shared/actor";
import { cursorPart, decodeCursor, encodeCursor } from "../shared/cursor";
import type { CoreDeps } from "../shared/deps";
import { ValidationError } from "../shared/errors";
import type { RequestMeta } from "../shared/request";
import { type Db, inTransaction, isUniqueViolation, type Tx } from "../shared/tx";
import { findAccountChain } from "../tenants/account.repository";
import { findUserById, lockUserById, type UserRecord } from "../users/user.repository";
import {
	ApiKeyNotFoundError,
	ApplicationUserNotFoundError,
	ApplicationUsernameTakenError,
	ApplicationUserRetiredError,
	RoleNotGrantableError,
	TooManyApiKeysError,
} from "./apikey.errors";
import {
	type ApiKeyRecord,
	countLiveApiKeysOfUser,
	findApiKeysOfUser,
	findApplicationUserPage,
	findPermissionsOfRole,
	findRolesOfUsers,
	insertApiKey,
	insertApplicationUser,
	lockApiKeyById,
	revokeApiKeyById,
} from "./apikey.repository";
import type {
	ApiKey,
	ApplicationUser,
	IssuedApiKey,
	TCreateApplicationUserInput,
	TIssueApiKeyInput,
	TListApplicationUsersInput,
	TListApplicationUsersOutput,
} from "./apikey.schema";
import { generateApiKey } from "./apikey.token";

/** Live (neither revoked nor expired) keys one application user may hold: two for rotation, plus slack. */
export const MAX_LIVE_KEYS_PER_USER = 10;

const MANAGE: Permission = "apikeys.manage";

export function apiKeyRowToApiKey(row: ApiKeyRecord, now: Date): ApiKey {
	const status =
		row.revoked_at !== null
			? "revoked"
			: row.expires_at !== null && row.expires_at.getTime() <= now.getTime()
				? "expired"
				: "active";
	return {
		id: row.id,
		userId: row.user_id,
		name: row.name,
		prefix: row.prefix,
		status,
		createdAt: row.created_at,
		createdBy: row.created_by,
		expiresAt: row.expires_at,
		lastUsedAt: row.last_used_at,
		revokedAt: row.revoked_at,
	};
}

/**
 * The gate for every action on one application user. Another tenant's user, a human user, or a
 * user the actor cannot even read all behave as non-existent (NOT_FOUND, so ids reveal nothing);
 * a user the actor may read but not manage keys for gives FORBIDDEN.
 */
async function authorizeOnApplicationUser(
	db: Db | Tx,
	actor: SessionActor,
	user: UserRecord | undefined,
): Promise<UserRecord> {
	if (!user || user.tenant_id !== actor.tenantId || user.user_type !== "application") {
		throw new ApplicationUserNotFoundError();
	}
	const grants = await findGrantsOfUser(db, actor.tenantId, actor.userId);
	const context = await targetOfUser(db, user);
	if (hasPermission(grants, MANAGE, context)) return user;
	if (hasPermission(grants, "users.read", context)) throw new ForbiddenError(MANAGE);
	throw new ApplicationUserNotFoundError();
}

/**
 * Nobody grants what they do not hold (SECURITY Z03): assigning a role in a context needs
 * roles.manage there and every permission of the role there too.
 */
async function assertCanGrant(
	trx: Tx,
	grants: readonly Grant[],
	roleKey: string,
	roleId: string,
	at: AuthorizationTarget,
) {
	const permissions = await findPermissionsOfRole(trx, roleId);
	if (!hasPermission(grants, "roles.manage", at) || permissionsMissingAt(grants, permissions, at).length > 0) {
		throw new RoleNotGrantableError(roleKey);
	}
}

/**
 * Creates an application user: active at once, named, with no email, phone or password, so it can
 * never sign in interactively (SECURITY A23); it authenticates only with API keys. Needs
 * apikeys.manage in the tenant or on the chosen primary account. Roles named in `roleKeys` are
 * assigned in the tenant (tenant roles) or the primary account (account roles), each only if the
 * actor could grant it; space roles are assigned in their space through the roles API.
 */
export async function createApplicationUser(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TCreateApplicationUserInput,
	meta: RequestMeta,
): Promise<ApplicationUser> {
	return inTransaction(db, async (trx) => {
		const grants = await findGrantsOfUser(trx, actor.tenantId, actor.userId);
		const accountId = input.primaryAccountId ?? null;
		const accountChain = accountId ? await findAccountChain(trx, actor.tenantId, accountId) : [];
		// An account of another tenant is simply unknown here (findAccountChain is tenant-scoped).
		if (accountId && accountChain.length === 0) {
			throw new ValidationError({ primaryAccountId: ["No such account"] });
		}
		const home: AuthorizationTarget = { tenantId: actor.tenantId, accountChain };
		if (!hasPermission(grants, MANAGE, home)) throw new ForbiddenError(MANAGE);

		const roleKeys = [...new Set(input.roleKeys ?? [])].sort();
		const assignments: { roleId: string; roleKey: string; contextType: ContextType; contextId: string }[] = [];
		for (const roleKey of roleKeys) {
			const role = await findRoleByKey(trx, actor.tenantId, roleKey);
			if (!role) throw new ValidationError({ roleKeys: [`Unknown role "${roleKey}"`] });
			if (role.context_type === "space") {
				throw new ValidationError({ roleKeys: [`"${roleKey}" is a space role; assign it in its space`] });
			}
			if (role.context_type === "tenant") {
				await assertCanGrant(trx, grants, roleKey, role.id, { tenantId: actor.tenantId, accountChain: [] });
				assignments.push({ roleId: role.id, roleKey, contextType: "tenant", contextId: actor.tenantId });
				continue;
			}
			if (!accountId) {
				throw new ValidationError({ roleKeys: [`"${roleKey}" is an account role; choose a primary account`] });
			}
			await assertCanGrant(trx, grants, roleKey, role.id, home);
			assignments.push({ roleId: role.id, roleKey, contextType: "account", contextId: accountId });
		}

		const now = clock.now();
		let userId: string;
		try {
			userId = await insertApplicationUser(trx, {
				tenantId: actor.tenantId,
				firstName: input.name,
				username: input.username ?? null,
				primaryAccountId: accountId,
				now,
			});
		} catch (error) {
			// The transaction is aborted either way; this only names the cause.
			if (isUniqueViolation(error, "users_tenant_username_key")) throw new ApplicationUsernameTakenError();
			throw error;
		}
		for (const assignment of assignments) {
			await insertRoleAssignment(trx, {
				...assignment,
				tenantId: actor.tenantId,
				userId,
				appliesToSubAccounts: false,
				createdBy: actor.userId,
				createdAt: now,
			});
		}
		const roles = assignments.map(({ roleKey, contextType, contextId }) => ({ roleKey, contextType, contextId }));
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: userId,
			action: "user.application_created",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: {
				name: input.name,
				username: input.username ?? null,
				primaryAccountId: accountId,
				roles,
			},
		});
		return {
			id: userId,
			name: input.name,
			username: input.username ?? null,
			state: "active",
			primaryAccountId: accountId,
			roles,
			liveKeyCount: 0,
			createdAt: now,
			version: 1,
		};
	});
}

/** Newest first: where the previous page ended, by creation time and id. */
function afterCursor(cursor: string): { createdAt: Date; id: string } {
	const [createdAt, id] = decodeCursor(cursor, z.tuple([cursorPart.date, cursorPart.uuid]));
	return { createdAt, id };
}

/** The application users the actor may manage, newest first, one keyset page at a time. */
export async function listApplicationUsers(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TListApplicationUsersInput,
): Promise<TListApplicationUsersOutput> {
	// Where the actor manages application users: like the user list's read scope, for apikeys.manage.
	const scope = await scopeFor(db, actor, MANAGE);
	const after = input.cursor ? afterCursor(input.cursor) : null;
	const rows = await findApplicationUserPage(db, actor.tenantId, scope, clock.now(), after, input.limit);
	const page = rows.slice(0, input.limit);
	const roles = await findRolesOfUsers(
		db,
		actor.tenantId,
		page.map((row) => row.id),
	);
	const last = page.at(-1);
	return {
		items: page.map((row) => ({
			id: row.id,
			name: row.first_name ?? "",
			username: row.username,
			state: row.state,
			primaryAccountId: row.primary_account_id,
			roles: roles.get(row.id) ?? [],
			liveKeyCount: Number(row.live_key_count ?? 0),
			createdAt: row.created_at,
			version: row.version,
		})),
		nextCursor: rows.length > input.limit && last ? encodeCursor([last.created_at, last.id]) : null,
	};
}

/**
 * Issues a key for an application user and returns it in full, once; only its SHA-256 and the
 * visible prefix are stored. The user row is locked so the cap on live keys holds under races.
 */
export async function issueApiKey(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TIssueApiKeyInput,
	meta: RequestMeta,
): Promise<IssuedApiKey> {
	const now = clock.now();
	if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
		throw new ValidationError({ expiresAt: ["Must lie in the future"] });
	}
	return inTransaction(db, async (trx) => {
		const user = await authorizeOnApplicationUser(trx, actor, await lockUserById(trx, actor.tenantId, input.userId));
		if (user.state === "deleting" || user.state === "deleted") throw new ApplicationUserRetiredError();
		if ((await countLiveApiKeysOfUser(trx, actor.tenantId, user.id, now)) >= MAX_LIVE_KEYS_PER_USER) {
			throw new TooManyApiKeysError(MAX_LIVE_KEYS_PER_USER);
		}
		// A prefix collision (36^8 space) is rare but possible: draw again rather than fail.
		for (let attempt = 0; attempt < 3; attempt++) {
			const generated = generateApiKey();
			const row = await insertApiKey(trx, {
				tenantId: actor.tenantId,
				userId: user.id,
				name: input.name,
				prefix: generated.prefix,
				keyHash: generated.keyHash,
				createdBy: actor.userId,
				now,
				expiresAt: input.expiresAt ?? null,
			});
			if (!row) continue;
			await insertAuditEvent(trx, {
				tenantId: actor.tenantId,
				occurredAt: now,
				actorUserId: actor.userId,
				targetUserId: user.id,
				action: "apikey.created",
				outcome: "success",
				ip: meta.ip,
				userAgent: meta.userAgent,
				// The prefix identifies the key; neither the key nor its hash is ever logged.
				details: { apiKeyId: row.id, prefix: row.prefix, name: row.name, expiresAt: row.expires_at },
			});
			return { key: generated.key, apiKey: apiKeyRowToApiKey(row, now) };
		}
		throw new Error("could not draw an unused API key prefix");
	});
}

/** The keys of one application user, newest first, revoked and expired ones included. */
export async function listApiKeys(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	userId: string,
): Promise<ApiKey[]> {
	const user = await findUserById(db, actor.tenantId, userId);
	await authorizeOnApplicationUser(db, actor, user);
	const now = clock.now();
	return (await findApiKeysOfUser(db, actor.tenantId, userId)).map((row) => apiKeyRowToApiKey(row, now));
}

/**
 * Revokes a key; it fails authentication from the next request on. Revoking an already revoked
 * key changes nothing and writes no second audit row.
 */
export async function revokeApiKey(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	keyId: string,
	meta: RequestMeta,
): Promise<ApiKey> {
	return inTransaction(db, async (trx) => {
		const key = await lockApiKeyById(trx, actor.tenantId, keyId);
		if (!key) throw new ApiKeyNotFoundError();
		const owner = await findUserById(trx, actor.tenantId, key.user_id);
		try {
			await authorizeOnApplicationUser(trx, actor, owner);
		} catch (error) {
			// Out of reach, the key does not exist either.
			if (error instanceof ApplicationUserNotFoundError) throw new ApiKeyNotFoundError();
			throw error;
		}
		const now = clock.now();
		if (key.revoked_at !== null) return apiKeyRowToApiKey(key, now);
		const revoked = await revokeApiKeyById(trx, actor.tenantId, keyId, now);
		if (!revoked) throw new ApiKeyNotFoundError();
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: key.user_id,
			action: "apikey.revoked",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: { apiKeyId: key.id, prefix: key.prefix, name: key.name },
		});
		return apiKeyRowToApiKey(revoked, now);
	});
}
