import { insertAuditEvent } from "../audit/audit.repository";
import type { CoreDeps } from "../shared/deps";
import { inTransaction, type Tx } from "../shared/tx";
import {
	deleteChallengesOfUser,
	deleteMessagesOfUser,
	deleteRowsOfUser,
	findAuditRowsOfUser,
	findPendingContactValues,
	findPurgeSubject,
	lockNextDueUser,
	PURGED_USER_TABLES,
	rewriteAuditDetails,
	scrubDeletingUser,
} from "./purge.repository";

/** What replaces personal data in kept audit rows. */
export const PURGED_MARKER = "[purged]";

/**
 * Keys of audit `details` whose values are personal data of the row's target user: under them
 * every string is replaced, however deep (`changes.email.from`, `changes.first_name.to`, …).
 */
const PERSONAL_DETAIL_KEYS: ReadonlySet<string> = new Set([
	"email",
	"newEmail",
	"new_email",
	"oldEmail",
	"old_email",
	"previousEmail",
	"phone",
	"newPhone",
	"new_phone",
	"first_name",
	"firstName",
	"last_name",
	"lastName",
	"username",
	"name",
	"recipient",
	"destination",
	"language",
	"time_zone",
	"timeZone",
]);

/** Values shorter than this are not searched for inside free text (too likely to hit other words). */
const MIN_NEEDLE_LENGTH = 3;

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Pseudonymises one audit row's `details`: ids, action codes, dates and numbers stay; the
 * user's personal data goes. `byKey` (rows about the user) also clears every string under a
 * personal key; rows where the user only acted keep other people's data and lose only the
 * user's own values (`needles`), matched case-insensitively as whole words inside any string, so
 * "Ada" goes from "Called Ada at…" but an id that happens to contain "ada" is left alone. Pure.
 */
export function pseudonymiseDetails(
	details: unknown,
	options: { needles: readonly string[]; byKey: boolean },
): unknown {
	const needles = [
		...new Set(options.needles.map((needle) => needle.trim()).filter((needle) => needle.length >= MIN_NEEDLE_LENGTH)),
	]
		// Longest first, so an email address is replaced whole before a name inside it.
		.sort((a, b) => b.length - a.length);
	const pattern =
		needles.length > 0
			? new RegExp(`(?<![\\p{L}\\p{N}])(?:${needles.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "giu")
			: null;
	const walk = (value: unknown, redactAll: boolean): unknown => {
		if (typeof value === "string") {
			// An empty string holds nothing to remove, and the database accepts only cuts.
			if (redactAll) return value === "" ? value : PURGED_MARKER;
			return pattern ? value.replace(pattern, PURGED_MARKER) : value;
		}
		if (Array.isArray(value)) return value.map((item) => walk(item, redactAll));
		if (value !== null && typeof value === "object") {
			return Object.fromEntries(
				Object.entries(value).map(([key, item]) => [
					key,
					walk(item, redactAll || (options.byKey && PERSONAL_DETAIL_KEYS.has(key))),
				]),
			);
		}
		return value;
	};
	return walk(details, false);
}

export interface PurgeFailure {
	tenantId: string;
	userId: string;
	error: unknown;
}

export interface PurgeRunResult {
	purged: number;
	failed: PurgeFailure[];
}

/**
 * Purges users whose deletion is due: state `deleting` and a planned purge date that has passed
 * (nothing is touched before it: SECURITY L05). Each user is one transaction that
 *
 * - scrubs the personal data on the user row (email, phone, names, username, language, time zone,
 *   verification and MFA flags) and sets the state `deleted`, keeping the row as a tombstone;
 * - deletes credentials, password history, sessions, sign-in flows, TOTP, recovery codes,
 *   passkeys, WebAuthn challenges, one-time codes, verification tokens, role assignments, API
 *   keys, invitations and the user's queued or sent messages;
 * - pseudonymises the user's audit rows (`details` only; ids, actions and times stay): the one
 *   change the append-only trigger allows, and only once the user row is a tombstone.
 *
 * So a run killed at any point leaves every user either untouched or fully purged, and the next
 * run carries on. Users locked by a parallel run are skipped (`SKIP LOCKED`), so several server
 * processes may run the job at once. A user whose purge fails is reported and left for the next run.
 */
export async function purgeDueUsers(
	deps: Pick<CoreDeps, "db" | "clock">,
	options: { maxUsers?: number } = {},
): Promise<PurgeRunResult> {
	const maxUsers = options.maxUsers ?? 1000;
	const failed: PurgeFailure[] = [];
	let purged = 0;
	while (purged + failed.length < maxUsers) {
		const skip = failed.map((failure) => failure.userId);
		// Set inside the transaction once a user is picked, so a failure can name who it was about.
		const picked: { user?: { tenantId: string; userId: string } } = {};
		try {
			await inTransaction(deps.db, async (trx) => {
				picked.user = undefined;
				const now = deps.clock.now();
				const due = await lockNextDueUser(trx, now, skip);
				if (!due) return;
				picked.user = { tenantId: due.tenant_id, userId: due.id };
				await purgeLockedUser(trx, due.tenant_id, due.id, now);
			});
		} catch (error) {
			if (!picked.user) throw error;
			failed.push({ ...picked.user, error });
			continue;
		}
		if (!picked.user) break;
		purged++;
	}
	return { purged, failed };
}

/** The purge of one user whose row this transaction holds locked and found due. */
async function purgeLockedUser(trx: Tx, tenantId: string, userId: string, now: Date): Promise<void> {
	const user = await findPurgeSubject(trx, tenantId, userId);
	// Pending email or phone changes hold the user's next address: personal data as well.
	const pendingValues = await findPendingContactValues(trx, tenantId, userId);
	const needles = [
		user.email,
		user.phone,
		user.first_name,
		user.last_name,
		user.username,
		...pendingValues.map((row) => row.new_value),
	].filter((value): value is string => typeof value === "string" && value !== "");
	const addresses = [user.email, user.phone, ...pendingValues.map((row) => row.new_value)].filter(
		(value): value is string => typeof value === "string" && value !== "",
	);

	const removed: Record<string, number> = {};

	// Challenges may point at the user only through their sessions or sign-in flows.
	removed.webauthn_challenges = await deleteChallengesOfUser(trx, tenantId, userId);
	for (const table of PURGED_USER_TABLES) {
		removed[table] = await deleteRowsOfUser(trx, table, tenantId, userId);
	}
	// Messages about the user, and any still addressed to one of their addresses.
	removed.outbox = await deleteMessagesOfUser(trx, tenantId, userId, addresses);

	await scrubDeletingUser(trx, tenantId, userId, now);

	const pseudonymised = await pseudonymiseAuditRows(trx, tenantId, userId, needles);

	await insertAuditEvent(trx, {
		tenantId,
		occurredAt: now,
		actorUserId: null,
		targetUserId: userId,
		action: "user.purged",
		outcome: "success",
		ip: null,
		userAgent: null,
		details: {
			plannedPurgeAt: user.planned_purge_at?.toISOString() ?? null,
			removed,
			auditRowsPseudonymised: pseudonymised,
		},
	});
}

/**
 * Rewrites the `details` of the audit rows the user is the target or the actor of. The database
 * checks each rewrite only cuts text to `[purged]` (migration 0007 `tessera_audit_is_redaction`).
 */
async function pseudonymiseAuditRows(
	trx: Tx,
	tenantId: string,
	userId: string,
	needles: readonly string[],
): Promise<number> {
	const rows = await findAuditRowsOfUser(trx, tenantId, userId);
	const changed = rows
		.map((row) => ({
			id: row.id,
			before: JSON.stringify(row.details),
			after: JSON.stringify(pseudonymiseDetails(row.details, { needles, byKey: row.target_user_id === userId })),
		}))
		.filter((row) => row.after !== row.before);
	if (changed.length === 0) return 0;
	await rewriteAuditDetails(
		trx,
		changed.map((row) => ({ id: row.id, details: row.after })),
	);
	return changed.length;
}
