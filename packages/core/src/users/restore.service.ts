import { insertAuditEvent } from "../audit/audit.repository";
import { authorizeOnUser } from "../roles/authorization.service";
import type { Permission } from "../roles/permissions";
import type { SessionActor } from "../shared/actor";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { inTransaction } from "../shared/tx";
import { type User, userRowToUser } from "./user";
import { UserNotDeletingError, UserNotFoundError, VersionConflictError } from "./user.errors";
import { findUserVersion, lockUserById, updateUserIfVersion } from "./user.repository";
import type { TRestoreUserInput } from "./user-admin.schema";
import { assertTransition } from "./user-state";

/** What `restoreUser` needs on the user: the same as deleting them. */
export const RESTORE_PERMISSION = "users.delete" satisfies Permission;

/**
 * An administrator cancels a pending deletion: `deleting` → `inactive`, the planned purge date
 * cleared, before the purge job reaches the user. Needs users.delete on the target. The user
 * stays inactive (nothing was removed, sessions were already ended); making them active again is
 * the separate reactivation, which forces a credential reset (SECURITY L04). A `deleted` user is
 * purged and cannot come back. Lock, authorize, version, transition and audit in one transaction.
 */
export async function restoreUser(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TRestoreUserInput,
	meta: RequestMeta,
): Promise<User> {
	return inTransaction(db, async (trx) => {
		const before = await lockUserById(trx, actor.tenantId, input.userId);
		if (!before) throw new UserNotFoundError();
		await authorizeOnUser(trx, actor, RESTORE_PERMISSION, before);
		if (before.version !== input.version) throw new VersionConflictError(before.version);
		if (before.state !== "deleting") throw new UserNotDeletingError(before.state);
		assertTransition(before.state, "inactive");

		const now = clock.now();
		const after = await updateUserIfVersion(
			trx,
			actor.tenantId,
			input.userId,
			input.version,
			{ state: "inactive", planned_purge_at: null },
			now,
		);
		if (!after) {
			const current = await findUserVersion(trx, actor.tenantId, input.userId);
			if (current === undefined) throw new UserNotFoundError();
			throw new VersionConflictError(current);
		}
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: input.userId,
			action: "user.restored",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: {
				changes: {
					state: { from: before.state, to: after.state },
					planned_purge_at: { from: before.planned_purge_at?.toISOString() ?? null, to: null },
				},
			},
		});
		return userRowToUser(after);
	});
}
