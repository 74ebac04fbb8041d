import type { DB, UserState } from "@tessera/db/schema";
import { type ExpressionBuilder, sql } from "kysely";
import type { ReadScope } from "../roles/read-scope";
import type { Db } from "../shared/tx";
import type { TListUsersInput, UserSortField } from "./user-list.schema";

const SORT_COLUMN = {
	name: "sort_name",
	email: "sort_email",
	created: "created_at",
	lastSignIn: "sort_last_sign_in",
	state: "state",
} as const satisfies Record<UserSortField, string>;

export type SortValue = string | Date;

/** Escapes LIKE wildcards so a search for "50%_off\\" matches those characters literally (I02). */
export function escapeLike(value: string): string {
	return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function filtersFor(tenantId: string, scope: ReadScope, input: TListUsersInput) {
	return (eb: ExpressionBuilder<DB, "users">) => {
		const conditions = [eb("users.tenant_id", "=", tenantId)];
		if (!scope.all) {
			conditions.push(
				scope.accountIds.length > 0
					? eb("users.primary_account_id", "in", scope.accountIds)
					: eb(sql.lit(false), "=", true),
			);
		}
		if (input.search) {
			conditions.push(eb("users.search_text", "ilike", `%${escapeLike(input.search.toLowerCase())}%`));
		}
		if (input.states?.length) conditions.push(eb("users.state", "in", input.states as UserState[]));
		if (input.userTypes?.length) conditions.push(eb("users.user_type", "in", input.userTypes));
		if (input.mfaEnabled !== undefined) conditions.push(eb("users.two_factor_enabled", "=", input.mfaEnabled));
		if (input.mfaMethods?.length) conditions.push(eb("users.two_factor_type", "in", input.mfaMethods));
		if (input.accountId) conditions.push(eb("users.primary_account_id", "=", input.accountId));
		if (input.createdFrom) conditions.push(eb("users.created_at", ">=", input.createdFrom));
		if (input.createdTo) conditions.push(eb("users.created_at", "<", input.createdTo));
		if (input.roleKeys?.length) {
			const roleKeys = input.roleKeys;
			conditions.push(
				eb.exists(
					eb
						.selectFrom("role_assignments as ra")
						.innerJoin("roles as r", "r.id", "ra.role_id")
						.select(sql.lit(1).as("one"))
						.whereRef("ra.user_id", "=", "users.id")
						.where("r.key", "in", roleKeys),
				),
			);
		}
		return eb.and(conditions);
	};
}

/**
 * One page of users, ordered by (sort column, id) and continued after `after` with a row
 * comparison that the (tenant_id, column, id) index answers directly (keyset pagination).
 */
export function findUserPage(
	db: Db,
	tenantId: string,
	scope: ReadScope,
	input: TListUsersInput,
	after: { value: SortValue; id: string } | null,
) {
	const column = SORT_COLUMN[input.sort];
	const direction = input.direction;
	let query = db
		.selectFrom("users")
		.where(filtersFor(tenantId, scope, input))
		.select([
			"users.id",
			"users.email",
			"users.first_name",
			"users.last_name",
			"users.username",
			"users.state",
			"users.user_type",
			"users.two_factor_enabled",
			"users.two_factor_type",
			"users.primary_account_id",
			"users.created_at",
			"users.last_sign_in_at",
			"users.version",
			`users.${column} as sort_value`,
		]);
	if (after) {
		query = query.where((eb) =>
			eb(eb.refTuple(`users.${column}`, "users.id"), direction === "asc" ? ">" : "<", eb.tuple(after.value, after.id)),
		);
	}
	return query
		.orderBy(`users.${column}`, direction)
		.orderBy("users.id", direction)
		.limit(input.limit + 1)
		.execute();
}

/** How many users match, counted up to `cap` + 1 so a million-row tenant is never fully scanned. */
export async function countUsers(
	db: Db,
	tenantId: string,
	scope: ReadScope,
	input: TListUsersInput,
	cap: number,
): Promise<number> {
	const row = await db
		.selectFrom((eb) =>
			eb
				.selectFrom("users")
				.where(filtersFor(tenantId, scope, input))
				.select(sql.lit(1).as("one"))
				.limit(cap + 1)
				.as("matches"),
		)
		.select((eb) => eb.fn.countAll<number>().as("n"))
		.executeTakeFirstOrThrow();
	return row.n;
}

export async function findRoleKeysOfUsers(db: Db, tenantId: string, userIds: string[]): Promise<Map<string, string[]>> {
	const byUser = new Map<string, string[]>();
	if (userIds.length === 0) return byUser;
	const rows = await db
		.selectFrom("role_assignments as ra")
		.innerJoin("roles as r", "r.id", "ra.role_id")
		.select(["ra.user_id", "r.key"])
		.where("ra.tenant_id", "=", tenantId)
		.where("ra.user_id", "in", userIds)
		.orderBy("r.key")
		.execute();
	for (const row of rows) {
		const keys = byUser.get(row.user_id) ?? [];
		if (!keys.includes(row.key)) keys.push(row.key);
		byUser.set(row.user_id, keys);
	}
	return byUser;
}
