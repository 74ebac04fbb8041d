import type { Db, Tx } from "../shared/tx";
import { verifyPassword } from "./password-hash";
import {
	deletePasswordHistoryBeyond,
	findCurrentPasswordHash,
	findRecentPasswordHashes,
	insertPasswordHistory,
} from "./password-history.repository";

/**
 * Whether `password` is one of the user's last `count` passwords, the current one included
 * (A08, PCI 8.3.7: "not one of the last four" counts the password being replaced). Compares by
 * verifying against each stored argon2id hash (the hashes are salted, so there is nothing to look
 * up). Normalises like sign-in does (NFKC), so a composed and a decomposed "é" are the same
 * password here too. `count` ≤ 0 means no history rule.
 */
export async function isRecentlyUsed(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	password: string,
	count: number,
): Promise<boolean> {
	if (count <= 0) return false;
	// One after the other: `db` may be a transaction, whose single connection runs one query at a time.
	const current = await findCurrentPasswordHash(db, tenantId, userId);
	const previous = await findRecentPasswordHashes(db, tenantId, userId, count - 1);
	const hashes = current === undefined ? previous : [current, ...previous];
	// All at once: the hashing pool takes them as its threads come free, no waiting in between.
	const matches = await Promise.all(hashes.map((hash) => verifyPassword(hash, password)));
	return matches.includes(true);
}

export interface PasswordChangeRecord {
	tenantId: string;
	userId: string;
	/** The hash being replaced; null when the user had no password (nothing to remember). */
	oldHash: string | null;
	now: Date;
	/**
	 * History rows to keep after this change. With a policy of "not one of the last N", that is
	 * N − 1 (`historyRowsToKeep`): the current password is the Nth.
	 */
	keep: number;
}

/** History rows needed for a policy of "not one of the last `historyCount`" (the current one is the last). */
export function historyRowsToKeep(historyCount: number): number {
	return Math.max(historyCount - 1, 0);
}

/**
 * Moves the password being replaced into the history and deletes history beyond `keep` rows, in
 * the caller's transaction (the same one that stores the new hash, so a failed change leaves the
 * history as it was). Old hashes are not kept longer than the policy needs.
 */
export async function recordPasswordChange(trx: Tx, change: PasswordChangeRecord): Promise<void> {
	if (change.oldHash !== null) {
		await insertPasswordHistory(trx, {
			tenantId: change.tenantId,
			userId: change.userId,
			passwordHash: change.oldHash,
			retiredAt: change.now,
		});
	}
	await deletePasswordHistoryBeyond(trx, change.tenantId, change.userId, change.keep);
}
