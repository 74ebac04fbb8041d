import { authorizeAnywhere } from "../roles/authorization.service";
import { scopeFor } from "../roles/read-scope";
import type { SessionActor } from "../shared/actor";
import { toCsv } from "../shared/csv";
import type { CoreDeps } from "../shared/deps";
import { findRoleKeysOfUsers, findUserPage } from "./user-list.repository";
import type { TListUsersInput } from "./user-list.schema";

const HEADER = [
	"id",
	"email",
	"first_name",
	"last_name",
	"username",
	"state",
	"user_type",
	"two_factor_enabled",
	"two_factor_type",
	"roles",
	"created_at",
	"last_sign_in_at",
];

/**
 * The users matching a list filter as CSV, streamed page by page (keyset, 1,000 rows a query), so
 * exporting a million users never holds them in memory. Same scope as the list: only users the
 * actor may read.
 */
export async function* exportUsersCsv(
	{ db }: Pick<CoreDeps, "db">,
	actor: SessionActor,
	filter: Omit<TListUsersInput, "cursor" | "limit">,
): AsyncGenerator<string> {
	authorizeAnywhere(actor, "users.read");
	const scope = await scopeFor(db, actor, "users.read");
	const input: TListUsersInput = { ...filter, limit: 1000 };
	yield toCsv([HEADER]);
	let after: { value: string | Date; id: string } | null = null;
	for (;;) {
		const rows = await findUserPage(db, actor.tenantId, scope, input, after);
		const page = rows.slice(0, input.limit);
		const roles = await findRoleKeysOfUsers(
			db,
			actor.tenantId,
			page.map((row) => row.id),
		);
		yield toCsv(
			page.map((row) => [
				row.id,
				row.email,
				row.first_name,
				row.last_name,
				row.username,
				row.state,
				row.user_type,
				row.two_factor_enabled,
				row.two_factor_type,
				(roles.get(row.id) ?? []).join(" "),
				row.created_at,
				row.last_sign_in_at,
			]),
		);
		const last = page.at(-1);
		if (rows.length <= input.limit || !last) return;
		after = { value: last.sort_value, id: last.id };
	}
}
