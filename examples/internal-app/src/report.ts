import type { TesseraClient } from "@tessera/api/client";

/** One row of the report, as the API returns it: typed from the server's router, nothing redeclared. */
type UserListItem = Awaited<ReturnType<TesseraClient["users"]["list"]["query"]>>["items"][number];

const COLUMNS = ["EMAIL", "NAME", "STATE", "MFA"] as const;

function cells(user: UserListItem): [string, string, string, string] {
	const name = [user.firstName, user.lastName].filter((part) => part !== null && part !== "").join(" ");
	const mfa = user.twoFactorEnabled ? (user.twoFactorType ?? "on") : "off";
	// Application users have no email address.
	return [user.email ?? "-", name || "-", user.state, mfa];
}

/**
 * Fetches the first page of users the key's application user may read and lays it out as a
 * plain-text table: a header, one line per user, and a count. Returns the lines, so callers can
 * print them or test them.
 */
export async function listUsersReport(client: TesseraClient, pageSize = 25): Promise<string[]> {
	const page = await client.users.list.query({ sort: "email", direction: "asc", limit: pageSize });
	const rows = [[...COLUMNS], ...page.items.map(cells)];
	const widths = COLUMNS.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
	const lines = rows.map((row) =>
		row
			.map((cell, column) => cell.padEnd(widths[column] ?? 0))
			.join("  ")
			.trimEnd(),
	);
	const total = `${page.total.count}${page.total.capped ? "+" : ""}`;
	lines.push(`${page.items.length} of ${total} users`);
	return lines;
}
