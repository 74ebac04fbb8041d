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
const DAY = 86_400_000;
/** Browsers the demo's sign-ins came from, so sessions and activity show real device names. */
const USER_AGENTS = [
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
	"Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
];
/** Documentation addresses (RFC 5737): realistic, and no real network's. */
const IPS = ["192.0.2.14", "198.51.100.23", "203.0.113.42", "192.0.2.77", "198.51.100.160"];

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

	/** What happened to each person, decided with their row, so every table tells the same story. */
	interface Story {
		hasPassword: boolean;
		mfa: "email" | "sms" | null;
		failures: number;
		userAgent: string;
		ip: string;
	}
	const rows: NewUserRow[] = [];
	const stories: Story[] = [];
	const usedEmails = new Set<string>([adminEmail]);
	for (let i = 0; i < userCount; i++) {
		const first = pick(FIRST_NAMES);
		const last = pick(LAST_NAMES);
		let email = `${slugify(first)}.${slugify(last)}@example.com`;
		for (let n = 2; usedEmails.has(email); n++) email = `${slugify(first)}.${slugify(last)}${n}@example.com`;
		usedEmails.add(email);
		const state = stateFor(next());
		// An invited person was invited within the invitation's week; everyone else joined over 400 days.
		const created = new Date(
			now.getTime() - (state === "create" ? next() * 5 * DAY : Math.floor(1 + next() * 400) * DAY),
		);
		const scrubbed = state === "deleted";
		// Everyone past the invitation accepted it and chose a password; an invited person has none yet.
		const hasPassword = state !== "create" && !scrubbed;
		const emailVerified = hasPassword;
		const lastSignIn =
			state === "active" && next() < 0.85
				? new Date(Math.max(created.getTime() + DAY, now.getTime() - Math.floor(next() * 60) * DAY - next() * DAY))
				: null;
		// Changed at some point after joining; a few long ago (expired or soon to expire under the 90-day policy).
		const passwordChanged = hasPassword
			? new Date(Math.max(created.getTime() + 3_600_000, now.getTime() - Math.floor(next() * 110) * DAY))
			: null;
		const phone = !scrubbed && next() < 0.4 ? `+3161${String(i).padStart(7, "0")}` : null;
		// About half of the active people have a second factor: codes by email, or by SMS to a verified number.
		const mfa = state === "active" && next() < 0.5 ? (phone && next() < 0.5 ? "sms" : "email") : null;
		stories.push({
			hasPassword,
			mfa,
			failures: state === "active" && next() < 0.12 ? 1 + Math.floor(next() * 6) : 0,
			userAgent: pick(USER_AGENTS),
			ip: pick(IPS),
		});
		rows.push({
			tenant_id: tenant.id,
			state,
			email: scrubbed ? null : email,
			email_verified: emailVerified,
			phone,
			phone_verified: mfa === "sms",
			first_name: scrubbed ? null : first,
			last_name: scrubbed ? null : last,
			username: scrubbed ? null : `${slugify(first)}${i}`,
			language: pick(LANGUAGES),
			time_zone: pick(TIME_ZONES),
			primary_account_id: next() < 0.5 ? (next() < 0.5 ? parent.id : child.id) : null,
			planned_purge_at:
				state === "deleting"
					? new Date(now.getTime() + 20 * DAY)
					: state === "deleted"
						? new Date(now.getTime() - 5 * DAY)
						: null,
			created_at: created,
			updated_at: created,
			last_sign_in_at: lastSignIn,
			password_changed_at: passwordChanged,
			mfa_email_enabled: mfa === "email",
			mfa_sms_enabled: mfa === "sms",
			two_factor_enabled: mfa !== null,
			two_factor_type: mfa,
		});
	}
	const inserted = await db
		.insertInto("users")
		.values(rows)
		.returning(["id", "state", "primary_account_id", "email", "created_at", "last_sign_in_at"])
		.execute();

	// One hash of a random password nobody is told: the demo people exist to be looked at, not signed in as.
	const unknownPasswordHash = await deps.hashPassword(randomBytes(24).toString("base64url"));
	const withPassword = inserted.filter((_, index) => stories[index]?.hasPassword);
	if (withPassword.length > 0) {
		await db
			.insertInto("password_credentials")
			.values(
				withPassword.map((user) => ({
					user_id: user.id,
					tenant_id: tenant.id,
					password_hash: unknownPasswordHash,
					created_at: user.created_at,
					updated_at: user.created_at,
				})),
			)
			.execute();
	}

	// Every invited person has one pending invitation from the administrator, valid for a week.
	const invited = inserted.filter((user) => user.state === "create");
	const invitationIds = new Map<string, string>();
	if (invited.length > 0) {
		const invitations = await db
			.insertInto("invitations")
			.values(
				invited.map((user) => ({
					tenant_id: tenant.id,
					user_id: user.id,
					email: user.email ?? "",
					// Never a token anyone holds: resending from the console issues a real one.
					token_hash: randomBytes(32).toString("hex"),
					role_id: roleId("member"),
					context_type: "tenant" as const,
					context_id: tenant.id,
					invited_by: admin.id,
					created_at: user.created_at,
					expires_at: new Date(user.created_at.getTime() + 7 * DAY),
				})),
			)
			.returning(["id", "user_id"])
			.execute();
		for (const invitation of invitations) invitationIds.set(invitation.user_id, invitation.id);
	}
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

	// The audit history the rows above imply, oldest first: invitations sent and accepted, second
	// factors turned on, failed and successful sign-ins, and the administrator's own sign-in.
	type Event = {
		occurred_at: Date;
		actor_user_id: string | null;
		target_user_id: string;
		action: string;
		outcome: "success" | "failure";
		ip: string | null;
		user_agent: string | null;
		details: string;
	};
	const events: Event[] = [];
	const adminDevice = { ip: IPS[0] ?? null, user_agent: USER_AGENTS[0] ?? null };
	inserted.forEach((user, index) => {
		const story = stories[index];
		if (!story || user.state === "deleted") return;
		const invitedAt = user.created_at;
		const invitationId = invitationIds.get(user.id) ?? null;
		events.push({
			occurred_at: invitedAt,
			actor_user_id: admin.id,
			target_user_id: user.id,
			action: "invitation.created",
			outcome: "success",
			...adminDevice,
			details: JSON.stringify(invitationId ? { invitationId, email: user.email } : { email: user.email }),
		});
		if (!story.hasPassword) return;
		const device = { ip: story.ip, user_agent: story.userAgent };
		const acceptedAt = new Date(invitedAt.getTime() + 3_600_000);
		events.push({
			occurred_at: acceptedAt,
			actor_user_id: user.id,
			target_user_id: user.id,
			action: "invitation.accepted",
			outcome: "success",
			...device,
			details: "{}",
		});
		if (story.mfa) {
			events.push({
				occurred_at: new Date(acceptedAt.getTime() + 600_000),
				actor_user_id: user.id,
				target_user_id: user.id,
				action: "mfa.channel_enabled",
				outcome: "success",
				...device,
				details: JSON.stringify({ channel: story.mfa }),
			});
		}
		if (!user.last_sign_in_at) return;
		for (let attempt = story.failures; attempt > 0; attempt--) {
			events.push({
				occurred_at: new Date(user.last_sign_in_at.getTime() - attempt * 120_000),
				actor_user_id: null,
				target_user_id: user.id,
				action: "auth.sign_in",
				outcome: "failure",
				...device,
				details: "{}",
			});
		}
		events.push({
			occurred_at: user.last_sign_in_at,
			actor_user_id: user.id,
			target_user_id: user.id,
			action: "auth.sign_in",
			outcome: "success",
			...device,
			details: JSON.stringify({ amr: story.mfa ? ["password", story.mfa] : ["password"], requiredActions: [] }),
		});
	});
	events.sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime());
	await db
		.insertInto("audit_events")
		.values(events.map((event) => ({ ...event, tenant_id: tenant.id })))
		.execute();

	return { tenantSlug: "demo", adminEmail, adminPassword, users: userCount + 1 };
}
