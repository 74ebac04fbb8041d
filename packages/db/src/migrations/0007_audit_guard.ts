import { type Kysely, sql } from "kysely";

/**
 * The audit log can only grow (PCI DSS 10.3.2). Before this, a transaction-local setting that any
 * session could switch on let UPDATEs through; now the database itself decides what a change may
 * be, whoever asks:
 *
 * - DELETE and TRUNCATE are refused, always;
 * - an UPDATE may change `details` only, only of a row whose actor or target is a purged user
 *   (state `deleted`: the purge writes the tombstone first, in the same transaction), and only
 *   by replacing parts of its strings with the marker `[purged]`: same keys, same array
 *   lengths, same numbers and flags, each string the old one with spans cut out. So the purge's
 *   pseudonymisation works, and nothing can be added, reworded or moved to another row.
 *
 * The trigger binds every role but the table owner's power to drop it. Run the application as a
 * role that does not own the tables (`DATABASE_OWNER_URL` for migrations; see the README and
 * `grantApplicationAccess`), and not even that is left to it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create function tessera_audit_text_is_redaction(old_text text, new_text text, marker text) returns boolean
		language plpgsql immutable as $$
		declare
			pieces text[];
			rest text;
			pos integer;
			n integer;
		begin
			if new_text = old_text then return true; end if;
			pieces := string_to_array(new_text, marker);
			n := coalesce(array_length(pieces, 1), 0);
			-- No marker: the text was changed, not cut.
			if n < 2 then return false; end if;
			if left(old_text, length(pieces[1])) <> pieces[1] then return false; end if;
			rest := substr(old_text, length(pieces[1]) + 1);
			for i in 2 .. n - 1 loop
				-- Each marker stands for at least one character that was cut; the earliest match leaves the most room.
				pos := strpos(substr(rest, 2), pieces[i]);
				if pos = 0 then return false; end if;
				rest := substr(rest, pos + 1 + length(pieces[i]));
			end loop;
			return length(rest) > length(pieces[n]) and right(rest, length(pieces[n])) = pieces[n];
		end $$`.execute(db);

	await sql`
		create function tessera_audit_is_redaction(old_value jsonb, new_value jsonb) returns boolean
		language plpgsql immutable as $$
		declare
			key text;
		begin
			if jsonb_typeof(old_value) is distinct from jsonb_typeof(new_value) then return false; end if;
			case jsonb_typeof(new_value)
				when 'object' then
					if array(select jsonb_object_keys(old_value) order by 1) <> array(select jsonb_object_keys(new_value) order by 1) then
						return false;
					end if;
					for key in select jsonb_object_keys(new_value) loop
						if not tessera_audit_is_redaction(old_value -> key, new_value -> key) then return false; end if;
					end loop;
					return true;
				when 'array' then
					if jsonb_array_length(old_value) <> jsonb_array_length(new_value) then return false; end if;
					for i in 0 .. jsonb_array_length(new_value) - 1 loop
						if not tessera_audit_is_redaction(old_value -> i, new_value -> i) then return false; end if;
					end loop;
					return true;
				when 'string' then
					return tessera_audit_text_is_redaction(old_value #>> '{}', new_value #>> '{}', '[purged]');
				else
					return new_value = old_value;
			end case;
		end $$`.execute(db);

	await sql`
		create or replace function audit_events_append_only() returns trigger language plpgsql as $$
		begin
			if tg_op = 'UPDATE'
				and (new.id, new.tenant_id, new.occurred_at, new.action, new.outcome) = (old.id, old.tenant_id, old.occurred_at, old.action, old.outcome)
				and new.actor_user_id is not distinct from old.actor_user_id
				and new.target_user_id is not distinct from old.target_user_id
				and new.ip is not distinct from old.ip
				and new.user_agent is not distinct from old.user_agent
				and exists (
					select 1 from users u
					where u.tenant_id = old.tenant_id and u.state = 'deleted'
						and u.id in (old.actor_user_id, old.target_user_id)
				)
				and new.details is distinct from old.details
				and tessera_audit_is_redaction(old.details, new.details)
			then
				return new;
			end if;
			raise exception 'audit_events is append-only' using errcode = 'insufficient_privilege';
		end $$`.execute(db);
	await sql`
		create function audit_events_no_truncate() returns trigger language plpgsql as $$
		begin
			raise exception 'audit_events is append-only' using errcode = 'insufficient_privilege';
		end $$`.execute(db);
	await sql`
		create trigger audit_events_no_truncate before truncate on audit_events
		for each statement execute function audit_events_no_truncate()`.execute(db);
	await sql`revoke update, delete, truncate on audit_events from public`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop trigger if exists audit_events_no_truncate on audit_events`.execute(db);
	await sql`drop function if exists audit_events_no_truncate`.execute(db);
	await sql`
		create or replace function audit_events_append_only() returns trigger language plpgsql as $$
		begin
			if coalesce(current_setting('tessera.audit_maintenance', true), '') <> 'on' then
				raise exception 'audit_events is append-only' using errcode = 'insufficient_privilege';
			end if;
			return case when tg_op = 'DELETE' then old else new end;
		end $$`.execute(db);
	await sql`drop function if exists tessera_audit_is_redaction`.execute(db);
	await sql`drop function if exists tessera_audit_text_is_redaction`.execute(db);
}
