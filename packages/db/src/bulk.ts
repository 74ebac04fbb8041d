import { type Kysely, sql } from "kysely";
import { withoutRequestTimeouts } from "./long-running";
import type { DB } from "./schema";

/**
 * Inserts `count` synthetic users into a tenant for benchmarks, generated inside PostgreSQL
 * (generate_series) in batches, so a million rows take minutes rather than hours. Names are
 * drawn from fixed lists so searches and sorts behave like real data; emails are unique.
 */
export async function insertBulkUsers(
	db: Kysely<DB>,
	tenantId: string,
	count: number,
	options: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<void> {
	// A batch of 100,000 rows may take longer than any request is allowed to.
	await withoutRequestTimeouts(db, (connection) => insertBatches(connection, tenantId, count, options));
}

async function insertBatches(
	db: Kysely<DB>,
	tenantId: string,
	count: number,
	options: { batchSize?: number; onProgress?: (done: number) => void },
): Promise<void> {
	const batchSize = options.batchSize ?? 100_000;
	const runId = Date.now().toString(36);
	for (let start = 0; start < count; start += batchSize) {
		const end = Math.min(count, start + batchSize);
		await sql`
			insert into users (tenant_id, state, email, email_verified, first_name, last_name, username, language,
				time_zone, created_at, updated_at, last_sign_in_at, planned_purge_at)
			select ${tenantId}::uuid,
				s.state,
				'user' || g || '.' || ${runId} || '@bulk.example.com',
				g % 10 <> 0,
				(array['Anna','Lukas','Sophie','Daan','Emma','Noah','Mila','Finn','Julia','Liam','Lotte','Jonas','Sara','Milan','Fatima','Yuki','Chen','Priya','Olga','Mateo'])[1 + g % 20],
				(array['de Vries','Jansen','Müller','Schmidt','Bakker','Visser','Smit','Meyer','Wagner','Becker','van Dijk','Peeters','Hoffmann','Nguyen','García','Rossi','Kowalski','Okafor','Tanaka','Singh','Dubois','Fischer','Kim'])[1 + (g / 20) % 23],
				'u' || g || '_' || ${runId},
				(array['en','de','nl'])[1 + g % 3],
				(array['Europe/Amsterdam','Europe/Berlin','America/New_York','Asia/Tokyo'])[1 + g % 4],
				stamp - ((g % 1000) || ' days')::interval - ((g % 86400) || ' seconds')::interval,
				stamp,
				case when g % 3 = 0 then null else stamp - ((g % 90) || ' days')::interval end,
				case when s.state in ('deleting', 'deleted') then stamp + interval '30 days' end
			-- Milliseconds, as the application writes times (JavaScript Dates): a keyset cursor carries
			-- milliseconds, and a microsecond in the row would sort it past its own cursor.
			from generate_series(${start}::int, ${end - 1}::int) as g
			cross join (select date_trunc('milliseconds', now()) as stamp) t
			cross join lateral (select (array['active','active','active','active','active','active','active','inactive','create','deleting'])[1 + g % 10] as state) s
		`.execute(db);
		options.onProgress?.(end);
	}
	await sql`analyze users`.execute(db);
}
