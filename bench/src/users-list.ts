/**
 * The admin user list at 100,000 to 1,000,000 users, on real PostgreSQL. Seeds N users (default
 * 1,000,000) with realistic names into a fresh database, then measures every search shape through
 * the API (tRPC over HTTP, session cookie) next to the same service call run directly on the
 * database, prints the EXPLAIN plan of each, and drives the common-term and rare-term searches
 * with autocannon at 50 connections.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm --filter @tessera/bench exec tsx src/users-list.ts [users]
 *
 * Targets (issue 11, item 1): at 1,000,000 users p95 ≤ 50 ms through the API for every shape; at
 * 100,000 users ≥ 150 req/s at c=50 for the common term. Asserts nothing.
 *
 * The names: ~250 first names and ~230 last names drawn independently, so each last name is
 * about 0.4% of users (the issue's "common last name"), and every email is `first.last+n@domain`,
 * so a name is inside the email too. "jansen" is the common term, one user's email local part the
 * rare one.
 *
 * Environment:
 *   BENCH_DB        keep the database under this name: created and seeded on the first run,
 *                   reused as it is afterwards (seeding a million users takes minutes). Without
 *                   it a fresh database is created and dropped at the end.
 *   BENCH_SAMPLES   samples per shape and page (default 40)
 *   BENCH_DURATION  seconds per throughput run (default 10)
 *   BENCH_CONNECTIONS  connections for the throughput runs (default 50)
 *   BENCH_PLANS=0   leave out the EXPLAIN plans
 *   BENCH_JSON      write the figures as JSON to this file as well
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { hashPassword } from "@tessera/core/passwords/password-hash";
import { createTenant } from "@tessera/core/tenants/tenant.service";
import type { TListUsersInput } from "@tessera/core/users/user-list.schema";
import { listUsers } from "@tessera/core/users/user-list.service";
import { migrateToLatest } from "@tessera/db/migrate";
import type { DB } from "@tessera/db/schema";
import autocannon from "autocannon";
import { CompiledQuery, type Kysely, type RootOperationNode, sql } from "kysely";
import { openBenchDatabase, signInBench, startBenchApi } from "./bench-api";
import { loadAverage as load, percentile } from "./figures";

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
	console.error("Set DATABASE_URL to a PostgreSQL server (this benchmark is about real PostgreSQL at scale).");
	process.exit(1);
}
const count = Number.parseInt(process.argv[2] ?? "1000000", 10);
const SAMPLES = Number.parseInt(process.env.BENCH_SAMPLES ?? "40", 10);
const DURATION_S = Number.parseInt(process.env.BENCH_DURATION ?? "10", 10);
const CONNECTIONS = Number.parseInt(process.env.BENCH_CONNECTIONS ?? "50", 10);
const PLANS = process.env.BENCH_PLANS !== "0";
const jsonPath = process.env.BENCH_JSON;

const FIRST_NAMES = unique(
	"James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan Joseph Jessica " +
		"Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Betty Anthony Margaret Mark Sandra Donald Ashley " +
		"Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Dorothy Kevin Carol Brian Amanda George Melissa " +
		"Edward Deborah Ronald Stephanie Timothy Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy " +
		"Nicholas Shirley Eric Angela Jonathan Helen Stephen Anna Larry Brenda Justin Pamela Scott Nicole Brandon Emma " +
		"Benjamin Samantha Samuel Katherine Gregory Christine Frank Debra Alexander Rachel Raymond Catherine Patrick " +
		"Carolyn Jack Janet Dennis Ruth Jerry Maria Lukas Leon Finn Jonas Elias Noah Luca Felix Maximilian Ben Moritz " +
		"Julian Tim Jan Niklas Tobias Florian Sebastian Stefan Sophie Marie Mia Hannah Lena Lea Lina Emilia Leonie " +
		"Johanna Katharina Julia Daan Sem Bram Lars Thijs Jesse Ruben Sven Joris Pieter Lotte Sanne Fleur Femke Anouk " +
		"Eva Maud Isa Noor Tess Roos Ilse Annika Greta Frieda Jürgen Mateo Santiago Diego Alejandro Javier Carlos Lucía " +
		"Sofía Valentina Camila Isabella Giulia Francesca Chiara Marco Giovanni Matteo Alessandro Lorenzo Pierre Louis " +
		"Hugo Chloé Camille Manon Léa Zoé Inès Jules Olga Anastasia Dmitri Ivan Sergei Natalia Katarzyna Piotr Tomasz " +
		"Agnieszka Yuki Haruto Sakura Yui Hiroshi Wei Mei Jing Priya Aarav Ananya Rohan Fatima Aisha Omar Yusuf " +
		"Mohammed Ali Layla Amara Chinedu Kwame Ngozi Zainab Astrid Ingrid Erik Freya Nils Sigrid Aino Eero Oskar Elsa " +
		"Henrik Maja Mats Ebba Viktor Alma Arvid Saga Emil Klara Anton Ida Axel Wilma",
);
const LAST_NAMES = unique(
	"Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson " +
		"Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker " +
		"Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell " +
		"Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy " +
		"Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson " +
		"Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross " +
		"Foster Jimenez Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer " +
		"Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz " +
		"Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Jansen Bakker Janssen Visser " +
		"Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer Dijkstra Smits Kok Jacobs Vermeulen Dubois Durand " +
		"Lefebvre Moreau Laurent Simon Michel Leroy Roux Fournier Rossi Russo Ferrari Esposito Bianchi Romano Colombo " +
		"Ricci Marino Greco Kowalski Nowak Wiśniewski Wójcik Novák Horváth Nagy Popescu Ivanov Petrov Smirnov Kuznetsov " +
		"Andersson Johansson Karlsson Nilsson Hansen Nielsen Larsen Korhonen Virtanen Okafor Adeyemi Mensah Tanaka Suzuki " +
		"Takahashi Watanabe Yamamoto Sato Wang Li Zhang Liu Chen Yang Huang Singh Kumar Sharma",
).concat([
	"de Jong",
	"de Vries",
	"van den Berg",
	"van Dijk",
	"de Boer",
	"de Groot",
	"van Leeuwen",
	"de Wit",
	"de Graaf",
	"van der Meer",
	"van der Linden",
	"de Haan",
]);
const DOMAINS = [
	"example.com",
	"mail.example",
	"post.example.net",
	"corp.example.org",
	"web.example.de",
	"inbox.example.nl",
	"example.co.uk",
	"mx.example.fr",
];

function unique(words: string): string[] {
	return [...new Set(words.split(" "))];
}
/** How a name is written inside an email: ASCII, lower case, no spaces ("Müller" → "muller"). */
function emailSlug(value: string): string {
	return value
		.normalize("NFD")
		.replace(/\p{Diacritic}/gu, "")
		.replace(/ł/g, "l")
		.replace(/[^A-Za-z]/g, "")
		.toLowerCase();
}

const bench = await openBenchDatabase(adminUrl, "list");
const { database, long, name } = bench;

const round = (value: number) => Math.round(value * 10) / 10;

interface Figures {
	p50: number;
	p95: number;
}
interface ShapeResult {
	label: string;
	input: TListUsersInput;
	total: string;
	load: string;
	first: { api: Figures; client: Figures; sql: Figures };
	next: { api: Figures; client: Figures; sql: Figures } | null;
}
interface ThroughputResult {
	label: string;
	connections: number;
	seconds: number;
	rps: number;
	p50: number;
	p99: number;
	non2xx: number;
	errors: number;
	load: string;
}
const report: {
	users: number;
	startedAt: string;
	loadAtStart: string;
	shapes: ShapeResult[];
	throughput: ThroughputResult[];
	plans: Record<string, string[]>;
} = { users: count, startedAt: new Date().toISOString(), loadAtStart: load(), shapes: [], throughput: [], plans: {} };

try {
	const seeded = await sql<{ tenant_id: string; user_id: string }>`
		select t.id as tenant_id, u.id as user_id
		from tenants t join users u on u.tenant_id = t.id and u.email = 'bench-admin@example.com'
		where t.slug = 'bench'`
		.execute(database.db)
		.catch(() => ({ rows: [] }));
	const reuse = bench.kept ? seeded.rows[0] : undefined;
	const password = randomBytes(18).toString("base64url");
	let tenant: { id: string };
	let adminUser: { id: string };
	if (reuse) {
		tenant = { id: reuse.tenant_id };
		adminUser = { id: reuse.user_id };
		await database.db
			.updateTable("password_credentials")
			.set({ password_hash: await hashPassword(password) })
			.where("user_id", "=", adminUser.id)
			.execute();
		const users = await sql<{ n: number }>`select count(*)::int as n from users where tenant_id = ${tenant.id}`.execute(
			database.db,
		);
		console.log(`reusing ${name}: ${users.rows[0]?.n.toLocaleString("en")} users`);
		// A kept database may predate the newest migrations.
		await migrateToLatest(long.db);
		await sql`analyze users`.execute(long.db);
	} else {
		({ tenant, adminUser } = await seed(password));
	}

	// The server's own time per request (first byte in to last byte out), apart from the client's.
	let serverMs = 0;
	const { app, baseUrl } = await startBenchApi(database, (api) =>
		api.addHook("onResponse", async (_request, reply) => {
			serverMs = reply.elapsedTime;
		}),
	);
	const { client, cookie, actor } = await signInBench(database, baseUrl, {
		tenantId: tenant.id,
		userId: adminUser.id,
		email: "bench-admin@example.com",
		password,
	});

	// The rare term: one user's email local part ("anna.jansen+500000"), from the middle of the table.
	const middle = Math.floor(count / 2);
	const rareRow = await sql<{ local: string }>`
		select split_part(email, '@', 1) as local from users
		where tenant_id = ${tenant.id} and username = ${`u${middle}`}`.execute(database.db);
	const rare = rareRow.rows[0]?.local ?? "nobody";
	const common = "jansen";
	const searches: [string, string | undefined][] = [
		["no search", undefined],
		[`common '${common}'`, common],
		[`rare '${rare}'`, rare],
		["no match 'jansen@nowhere'", "jansen@nowhere"],
	];
	const monthAgo = new Date(Date.now() - 30 * 86_400_000);
	const filters: [string, Partial<TListUsersInput>][] = [
		["", {}],
		[" + state active", { states: ["active"] }],
		[" + MFA on", { mfaEnabled: true }],
		[" + role user_manager", { roleKeys: ["user_manager"] }],
		[" + created last 30 days", { createdFrom: monthAgo }],
	];
	const sorts: [TListUsersInput["sort"], TListUsersInput["direction"]][] = [
		["name", "asc"],
		["name", "desc"],
		["email", "asc"],
		["email", "desc"],
		["created", "asc"],
		["created", "desc"],
		["lastSignIn", "asc"],
		["lastSignIn", "desc"],
		["state", "asc"],
		["state", "desc"],
	];
	const base: TListUsersInput = { sort: "name", direction: "asc", limit: 25 };
	const cases: [string, TListUsersInput][] = [];
	// Every search kind in every sort and direction…
	for (const [searchLabel, search] of searches) {
		for (const [sort, direction] of sorts) {
			cases.push([`${searchLabel}, ${sort} ${direction}`, { ...base, sort, direction, ...(search ? { search } : {}) }]);
		}
	}
	// …and with every filter (by name, the sort whose index a search on names would otherwise walk).
	for (const [searchLabel, search] of searches) {
		for (const [filterLabel, filter] of filters.slice(1)) {
			cases.push([`${searchLabel}${filterLabel}`, { ...base, ...filter, ...(search ? { search } : {}) }]);
		}
	}
	// Terms the trigram index cannot narrow: two letters (common and absent), and one every user matches.
	cases.push(
		["short 'li', name asc", { ...base, search: "li" }],
		["short 'li', created desc", { ...base, search: "li", sort: "created", direction: "desc" }],
		["short 'qx' (no match)", { ...base, search: "qx" }],
		["everyone 'example', name asc", { ...base, search: "example" }],
		["everyone 'example', email desc", { ...base, search: "example", sort: "email", direction: "desc" }],
		["search + filter + sort", { ...base, search: "müller", states: ["active"], sort: "created", direction: "desc" }],
	);

	// The fixed cost of any call (HTTP, tRPC, session lookup), to read the table against.
	const floorServer: number[] = [];
	for (let i = 0; i < SAMPLES; i++) {
		await client.me.get.query();
		floorServer.push(serverMs);
	}
	const ms = (values: number[], q: number) => `${percentile(values, q).toFixed(1)} ms`;
	console.log(
		`\n${count.toLocaleString("en")} users; load average ${load()}` +
			`\nme.get for scale: server p50 ${ms(floorServer, 0.5)}, p95 ${ms(floorServer, 0.95)}`,
	);
	console.log(
		"\nAPI = the server's time for the request (tRPC over HTTP, session lookup included);" +
			"\nSQL = the same service call straight on the database (list, count and role queries);" +
			"\npage 1 = first page, page 2 = the keyset continuation from page 1's cursor\n",
	);
	const column = (text: string, width = 8) => text.padStart(width);
	console.log(
		`${"shape".padEnd(48)} ${column("API p50")} ${column("API p95")} ${column("SQL p50")} ${column("SQL p95")} |` +
			` ${column("p2 API50")} ${column("p2 API95")} ${column("p2 SQL95")}  ${column("total", 6)}  load`,
	);
	const figures = (values: number[]): Figures => ({
		p50: round(percentile(values, 0.5)),
		p95: round(percentile(values, 0.95)),
	});
	let worstApiP95 = 0;
	for (const [label, input] of cases) {
		const page1 = await client.users.list.query(input);
		const next = page1.nextCursor ? { ...input, cursor: page1.nextCursor } : null;
		const pages = next ? [input, next] : [input];
		const times = pages.map(() => ({ api: [] as number[], client: [] as number[], sql: [] as number[] }));
		for (let i = 0; i < SAMPLES; i++) {
			for (const [index, pageInput] of pages.entries()) {
				const slot = times[index];
				if (!slot) continue;
				let t = performance.now();
				await client.users.list.query(pageInput);
				slot.client.push(performance.now() - t);
				slot.api.push(serverMs);
				t = performance.now();
				// A fresh actor per call, as each request has: grants are read once per request.
				await listUsers({ db: database.db }, { ...actor }, pageInput);
				slot.sql.push(performance.now() - t);
			}
		}
		const [one, two] = times.map((slot) => ({
			api: figures(slot.api),
			client: figures(slot.client),
			sql: figures(slot.sql),
		}));
		if (!one) continue;
		const total = page1.total.capped ? `${page1.total.count}+` : String(page1.total.count);
		const result: ShapeResult = { label, input, total, load: load(), first: one, next: two ?? null };
		report.shapes.push(result);
		worstApiP95 = Math.max(worstApiP95, one.api.p95, two?.api.p95 ?? 0);
		const cell = (value: number | undefined) => column(value === undefined ? "-" : `${value.toFixed(1)}`);
		console.log(
			`${label.padEnd(48)} ${cell(one.api.p50)} ${cell(one.api.p95)} ${cell(one.sql.p50)} ${cell(one.sql.p95)} |` +
				` ${cell(two?.api.p50)} ${cell(two?.api.p95)} ${cell(two?.sql.p95)}  ${column(total, 6)}  ${result.load}`,
		);
	}
	console.log(
		`\nworst API p95 over every shape and page: ${worstApiP95.toFixed(1)} ms (target ≤ 50 ms at 1,000,000 users)`,
	);

	// Throughput: the API under 50 concurrent connections, autocannon in a worker thread so the
	// client does not share the server's event loop.
	const runLoad = (label: string, input: TListUsersInput) =>
		new Promise<ThroughputResult>((resolve, reject) => {
			const query = encodeURIComponent(JSON.stringify({ json: input }));
			autocannon(
				{
					url: `${baseUrl}/trpc/users.list?input=${query}`,
					headers: { cookie },
					connections: CONNECTIONS,
					duration: DURATION_S,
					workers: 1,
				},
				(error, result) => {
					if (error) return reject(error);
					resolve({
						label,
						connections: CONNECTIONS,
						seconds: DURATION_S,
						rps: round(result.requests.average),
						p50: result.latency.p50,
						p99: result.latency.p99,
						non2xx: result.non2xx,
						errors: result.errors,
						load: load(),
					});
				},
			);
		});
	console.log(
		`\nthroughput through the API, ${CONNECTIONS} connections, ${DURATION_S} s each (target ≥ 150 req/s at 100,000 users for the common term):`,
	);
	for (const [label, input] of [
		[`common '${common}', name asc`, { ...base, search: common }],
		[`rare '${rare}', name asc`, { ...base, search: rare }],
	] as const) {
		const result = await runLoad(label, input);
		report.throughput.push(result);
		console.log(
			`  ${label.padEnd(44)} ${result.rps.toFixed(1).padStart(7)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms` +
				`  non-2xx ${result.non2xx}  errors ${result.errors}  load ${result.load}`,
		);
	}

	if (PLANS) {
		console.log("\nEXPLAIN ANALYZE of the queries the service runs for each shape (first page):");
		for (const [label, input] of cases) {
			const captured: RootOperationNode[] = [];
			const capturing = database.db.withPlugin({
				transformQuery: ({ node }) => {
					captured.push(node);
					return node;
				},
				transformResult: async ({ result }) => result,
			});
			await listUsers({ db: capturing }, actor, input);
			console.log(`-- ${label}`);
			const lines: string[] = [];
			for (const node of captured) {
				const compiled = database.db.getExecutor().compileQuery(node, { queryId: label });
				const plan = await database.db.executeQuery<{ "QUERY PLAN": string }>(
					CompiledQuery.raw(`explain (analyze, costs off, timing off, summary on) ${compiled.sql}`, [
						...compiled.parameters,
					]),
				);
				for (const row of plan.rows) lines.push(row["QUERY PLAN"]);
				lines.push("");
			}
			report.plans[label] = lines;
			for (const line of lines) console.log(`   ${line}`);
		}
	}
	await app.close();
	if (jsonPath) {
		writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
		console.log(`\nfigures written to ${jsonPath}`);
	}
} finally {
	await bench.close();
}

/**
 * Creates the bench tenant with `count` users and a tenant admin who signs in with `password`.
 * User n is `first.last+n@domain` with username `u<n>`; first and last names are drawn
 * independently by hash, so neither follows insertion order (nor each other), as in a real table.
 * Times are whole milliseconds, as the application writes them (JavaScript Dates), so keyset
 * cursors on the date sorts compare exactly.
 */
async function seed(password: string) {
	await migrateToLatest(long.db);
	const tenant = await createTenant({ db: database.db }, { slug: "bench", name: "Bench" });
	const started = performance.now();
	await insertUsers(long.db, tenant.id);
	console.log(`\nseeded ${count.toLocaleString("en")} users in ${((performance.now() - started) / 1000).toFixed(0)} s`);

	const adminUser = await database.db
		.insertInto("users")
		.values({
			tenant_id: tenant.id,
			state: "active",
			email: "bench-admin@example.com",
			email_verified: true,
			first_name: "Bench",
			last_name: "Admin",
			password_changed_at: new Date(),
		})
		.returning("id")
		.executeTakeFirstOrThrow();
	await database.db
		.insertInto("password_credentials")
		.values({ user_id: adminUser.id, tenant_id: tenant.id, password_hash: await hashPassword(password) })
		.execute();
	const role = await database.db
		.selectFrom("roles")
		.select("id")
		.where("tenant_id", "=", tenant.id)
		.where("key", "=", "tenant_admin")
		.executeTakeFirstOrThrow();
	await database.db
		.insertInto("role_assignments")
		.values({
			tenant_id: tenant.id,
			user_id: adminUser.id,
			role_id: role.id,
			context_type: "tenant",
			context_id: tenant.id,
		})
		.execute();
	// Like a database autovacuum has caught up with: statistics, and a visibility map for index-only counts.
	await sql`vacuum (analyze) users`.execute(long.db);
	return { tenant, adminUser };
}

async function insertUsers(db: Kysely<DB>, tenantId: string) {
	const firsts = FIRST_NAMES;
	const lasts = LAST_NAMES;
	const batch = 100_000;
	for (let start = 1; start <= count; start += batch) {
		const end = Math.min(count, start + batch - 1);
		await sql`
			insert into users (tenant_id, state, email, email_verified, first_name, last_name, username, language,
				time_zone, two_factor_enabled, two_factor_type, created_at, updated_at, last_sign_in_at, planned_purge_at)
			select ${tenantId}::uuid, s.state,
				(${sql.val(firsts.map(emailSlug))}::text[])[1 + n.f] || '.' || (${sql.val(lasts.map(emailSlug))}::text[])[1 + n.l]
					|| '+' || g || '@' || (${sql.val(DOMAINS)}::text[])[1 + g % ${DOMAINS.length}],
				g % 10 <> 0,
				(${sql.val(firsts)}::text[])[1 + n.f],
				(${sql.val(lasts)}::text[])[1 + n.l],
				'u' || g,
				(array['en','de','nl'])[1 + g % 3],
				(array['Europe/Amsterdam','Europe/Berlin','America/New_York','Asia/Tokyo'])[1 + g % 4],
				g % 5 < 2,
				case when g % 5 < 2 then (array['totp','passkey','totp','sms','email'])[1 + (g / 5) % 5] end,
				c.created_at,
				c.created_at,
				case when g % 3 = 0 then null else date_trunc('milliseconds', now()) - (abs(hashint4(g + 17)::bigint) % (90 * 86400)) * interval '1 second' end,
				case when s.state in ('deleting', 'deleted') then now() + interval '30 days' end
			from generate_series(${start}::int, ${end}::int) as g
			cross join lateral (select
				abs(hashint4(g)::bigint) % ${firsts.length} as f,
				abs(hashint4(g + 1000003)::bigint) % ${lasts.length} as l) n
			cross join lateral (select (array['active','active','active','active','active','active','active','inactive','create','deleting'])[1 + g % 10] as state) s
			cross join lateral (select date_trunc('milliseconds', now()) - (abs(hashint4(g * 3)::bigint) % (3 * 365 * 86400)) * interval '1 second' as created_at) c
		`.execute(db);
		process.stdout.write(`\rseeding ${end.toLocaleString("en")} / ${count.toLocaleString("en")}`);
	}
	// One user in a hundred is a user manager, for the role filter.
	await sql`
		insert into role_assignments (tenant_id, user_id, role_id, context_type, context_id)
		select u.tenant_id, u.id, r.id, 'tenant', u.tenant_id
		from users u join roles r on r.tenant_id = u.tenant_id and r.key = 'user_manager'
		where u.tenant_id = ${tenantId} and abs(hashint4(substr(u.username, 2)::int + 99)::bigint) % 100 = 0
	`.execute(db);
}
