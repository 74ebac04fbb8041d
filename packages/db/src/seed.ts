import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, NewUserRow, UserState } from "./schema";

/** What seeding needs from the domain; injected so packages/db does not depend on packages/core. */
export interface SeedDeps {
	createTenant(deps: { db: Kysely<DB> }, input: { slug: string; name: string }): Promise<{ id: string }>;
	hashPassword(password: string): Promise<string>;
}

export interface DemoSeedResult {
	tenantSlug: string;
	adminEmail: string;
	adminPassword: string;
	users: number;
}

const FIRST_NAMES = [
	"Anna",
	"Lukas",
	"Sophie",
	"Daan",
	"Emma",
	"Noah",
	"Mila",
	"Finn",
	"Julia",
	"Liam",
	"Lotte",
	"Jonas",
	"Sara",
	"Milan",
	"Fatima",
	"Mohammed",
	"Yuki",
	"Chen",
	"Priya",
	"Arjun",
	"Olga",
	"Mateo",
	"Isabel",
	"Kwame",
	"Amara",
	"Björn",
	"Zoë",
	"Chloé",
	"Jürgen",
	"Ingrid",
	"Tomás",
	"Aisha",
	"Hannah",
	"Sem",
	"Tess",
	"Felix",
	"Nora",
	"Elif",
	"Kai",
	"Léa",
];
const LAST_NAMES = [
	"de Vries",
	"Jansen",
	"Müller",
	"Schmidt",
	"Bakker",
	"Visser",
	"Smit",
	"Meyer",
	"Wagner",
	"Becker",
	"van Dijk",
	"Janssens",
	"Peeters",
	"Hoffmann",
	"Schulz",
	"Koch",
	"Yılmaz",
	"Nguyen",
	"García",
	"Rossi",
	"Kowalski",
	"Novák",
	"Okafor",
	"Tanaka",
	"Kim",
	"Singh",
	"Haddad",
	"Andersson",
	"O'Brien",
	"Dubois",
	"van den Berg",
	"Mertens",
	"Fischer",
];
const TIME_ZONES = [
	"Europe/Amsterdam",
	"Europe/Berlin",
	"Europe/Brussels",
	"Europe/Zurich",
	"Europe/London",
	"America/New_York",
	"Asia/Tokyo",
	null,
];
const LANGUAGES = ["en", "de", "nl", "de-CH", "nl-BE", null];

/** Deterministic PRNG (mulberry32): the same seed gives the same demo data every time. */
function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
	return { next, pick };
}

const slugify = (value: string) =>
	value
		.normalize("NFKD")
		.replace(/[\u0300-\u036f]/g, "")
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ".")
		.replace(/^\.|\.$/g, "");

function stateFor(roll: number): UserState {
	if (roll < 0.7) return "active";
	if (roll < 0.8) return "inactive";
	if (roll < 0.9) return "create";
	if (roll < 0.95) return "deleting";
	return "deleted";
}

/**
 * The demo tenant: two accounts (one a sub-account of the other) with spaces, built-in roles,
 * an administrator with a freshly generated password, and `users` people across all five states.
 * There is no default password anywhere: the admin's is random per installation.
 */
export async function seedDemo(
	db: Kysely<DB>,
	deps: SeedDeps,
	options: { users?: number } = {},
): Promise<DemoSeedResult> {
	const { next, pick } = prng(2026);
	const userCount = options.users ?? 200;
	const tenant = await deps.createTenant({ db }, { slug: "demo", name: "Demo Organisation" });
	const [parent] = await db
		.insertInto("accounts")
		.values({ tenant_id: tenant.id, name: "Acme Europe", parent_account_id: null })
		.returning("id")
		.execute();
	if (!parent) throw new Error("seed: account not created");
	const [child] = await db
		.insertInto("accounts")
		.values({ tenant_id: tenant.id, name: "Acme Netherlands", parent_account_id: parent.id })
		.returning("id")
		.execute();
	if (!child) throw new Error("seed: sub-account not created");
	await db
		.insertInto("spaces")
		.values([
			{ tenant_id: tenant.id, account_id: parent.id, name: "Finance" },
			{ tenant_id: tenant.id, account_id: parent.id, name: "Engineering" },
			{ tenant_id: tenant.id, account_id: child.id, name: "Amsterdam Office" },
		])
		.execute();

	const roles = await db.selectFrom("roles").select(["id", "key"]).where("tenant_id", "=", tenant.id).execute();
	const roleId = (key: string) => {
		const role = roles.find((r) => r.key === key);
		if (!role) throw new Error(`seed: role ${key} missing`);
		return role.id;
	};

	const adminPassword = randomBytes(15).toString("base64url");
	const adminEmail = "admin@demo.tessera.test";
	const now = new Date();
	const [admin] = await db
		.insertInto("users")
		.values({
			tenant_id: tenant.id,
			state: "active",
			email: adminEmail,
			email_verified: true,
			first_name: "Ada",
			last_name: "Admin",
			username: "admin",
			language: "en",
			time_zone: null,
			password_changed_at: now,
		})
		.returning("id")
		.execute();
	if (!admin) throw new Error("seed: admin not created");
	await db
		.insertInto("password_credentials")
		.values({ user_id: admin.id, tenant_id: tenant.id, password_hash: await deps.hashPassword(adminPassword) })
		.execute();
	await db
		.insertInto("role_assignments")
		.values({
			tenant_id: tenant.id,
			user_id: admin.id,
			role_id: roleId("tenant_admin"),
			context_type: "tenant",
			context_id: tenant.id,
		})
		.execute();

	const rows: NewUserRow[] = [];
	const usedEmails = new Set<string>([adminEmail]);
	for (let i = 0; i < userCount; i++) {
		const first = pick(FIRST_NAMES);
		const last = pick(LAST_NAMES);
		let email = `${slugify(first)}.${slugify(last)}@example.com`;
		for (let n = 2; usedEmails.has(email); n++) email = `${slugify(first)}.${slugify(last)}${n}@example.com`;
		usedEmails.add(email);
		const state = stateFor(next());
		const created = new Date(now.getTime() - Math.floor(next() * 400) * 86_400_000);
		const scrubbed = state === "deleted";
		rows.push({
			tenant_id: tenant.id,
			state,
			email: scrubbed ? null : email,
			email_verified: state !== "create" && next() < 0.9,
			phone: !scrubbed && next() < 0.4 ? `+3161${String(i).padStart(7, "0")}` : null,
			phone_verified: false,
			first_name: scrubbed ? null : first,
			last_name: scrubbed ? null : last,
			username: scrubbed ? null : `${slugify(first)}${i}`,
			language: pick(LANGUAGES),
			time_zone: pick(TIME_ZONES),
			primary_account_id: next() < 0.5 ? (next() < 0.5 ? parent.id : child.id) : null,
			planned_purge_at:
				state === "deleting"
					? new Date(now.getTime() + 20 * 86_400_000)
					: state === "deleted"
						? new Date(now.getTime() - 5 * 86_400_000)
						: null,
			created_at: created,
			updated_at: created,
			last_sign_in_at:
				state === "active" && next() < 0.8 ? new Date(now.getTime() - Math.floor(next() * 60) * 86_400_000) : null,
		});
	}
	const inserted = await db.insertInto("users").values(rows).returning(["id", "state", "primary_account_id"]).execute();

	const assignments = inserted
		.filter((user) => user.state !== "deleted")
		.map((user, index) => {
			if (index < 3) return { role: "user_manager", type: "tenant" as const, context: tenant.id, sub: false };
			if (index < 5) return { role: "security_auditor", type: "tenant" as const, context: tenant.id, sub: false };
			if (index < 8 && user.primary_account_id)
				return { role: "account_admin", type: "account" as const, context: user.primary_account_id, sub: true };
			return { role: "member", type: "tenant" as const, context: tenant.id, sub: false };
		});
	await db
		.insertInto("role_assignments")
		.values(
			assignments.map((a, index) => ({
				tenant_id: tenant.id,
				user_id: inserted.filter((u) => u.state !== "deleted")[index]?.id as string,
				role_id: roleId(a.role),
				context_type: a.type,
				context_id: a.context,
				applies_to_sub_accounts: a.sub,
			})),
		)
		.execute();

	return { tenantSlug: "demo", adminEmail, adminPassword, users: userCount + 1 };
}
