import { type Kysely, sql } from "kysely";
import type { DB } from "./schema";

/**
 * Grants the role the application runs as what it needs and nothing more, from a connection of
 * the role that owns the tables (the one that migrates). Idempotent: start-up runs it after
 * every migration, so tables a migration adds are covered too.
 *
 * The audit log gets INSERT, SELECT and UPDATE of `details` only (the purge's pseudonymisation,
 * which the append-only trigger narrows further); no DELETE, no TRUNCATE. Not owning the table,
 * the role can neither drop nor disable that trigger, so the log is tamper-proof against the
 * application itself (PCI DSS 10.3.2). The migration bookkeeping is not the application's.
 */
export async function grantApplicationAccess(owner: Kysely<DB>, role: string): Promise<void> {
	const grantee = sql.id(role);
	await sql`grant usage on schema public to ${grantee}`.execute(owner);
	await sql`grant select, insert, update, delete on all tables in schema public to ${grantee}`.execute(owner);
	await sql`grant usage, select on all sequences in schema public to ${grantee}`.execute(owner);
	await sql`revoke all on audit_events from ${grantee}`.execute(owner);
	await sql`grant select, insert on audit_events to ${grantee}`.execute(owner);
	await sql`grant update (details) on audit_events to ${grantee}`.execute(owner);
	await sql`revoke all on kysely_migration, kysely_migration_lock from ${grantee}`.execute(owner);
}

export type AuditGuard = "role" | "trigger";

/**
 * How firmly this connection's role is kept from rewriting the audit log: `role` when it neither
 * owns `audit_events` nor is a superuser (the trigger binds it and it cannot remove the trigger);
 * `trigger` when it could drop the trigger it is bound by (one role for everything, or PGlite).
 */
export async function auditGuardOf(db: Kysely<DB>): Promise<AuditGuard> {
	const { rows } = await sql<{ guarded: boolean }>`
		select not (r.rolsuper or pg_has_role(current_user, c.relowner, 'USAGE')) as guarded
		from pg_class c, pg_roles r
		where c.oid = 'audit_events'::regclass and r.rolname = current_user`.execute(db);
	return rows[0]?.guarded ? "role" : "trigger";
}

/** The role this connection runs as: the grantee `grantApplicationAccess` needs. */
export async function currentRoleOf(db: Kysely<DB>): Promise<string> {
	const { rows } = await sql<{ role: string }>`select current_user as role`.execute(db);
	const role = rows[0]?.role;
	if (!role) throw new Error("the database did not name the current role");
	return role;
}
