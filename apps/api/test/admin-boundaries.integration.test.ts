/**
 * Permission and tenant boundaries of EVERY admin procedure (SECURITY Z01, Z02). Each procedure has
 * one entry in BOUNDARY_TABLE: a call with a valid input that targets real objects of tenant A
 * ("acme"). Three callers make that call and must be refused without changing anything:
 *
 * 1. a signed-in member of tenant A who holds no permission;
 * 2. a tenant administrator of tenant B ("globex") using tenant A's ids;
 * 3. an administrator of account X of tenant A, on objects of its sibling account Y.
 *
 * Then a tenant administrator of A makes the same call and succeeds (and, for a mutation, changes
 * what the snapshot reads), so the refusals above were about the caller, not about a wrong input
 * or a snapshot blind to the procedure's effect.
 *
 * A procedure added under an admin namespace without an entry fails the coverage test by name.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { ZBulkStateOutput } from "@tessera/core/users/user-admin.schema";
import { TRPCClientError } from "@trpc/client";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "../src/router";
import { appRouter } from "../src/router";
import { startTestServer, type TestClient, type TestServer } from "../src/testing";
import { createAccount, insertCustomRole, signedIn } from "./helpers";

/** Namespaces whose procedures administer a tenant. `accounts` is listed for when it exists. */
const ADMIN_NAMESPACES = new Set([
	"users",
	"roles",
	"apiKeys",
	"invitations",
	"audit",
	"dashboard",
	"policy",
	"accounts",
]);
/** Public by design: the single-use invitation token is the credential (transport test covers them). */
const TOKEN_PROCEDURES = new Set(["invitations.lookup", "invitations.accept"]);
const PROCEDURES = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
const ADMIN_PROCEDURES = Object.keys(PROCEDURES)
	.filter((path) => ADMIN_NAMESPACES.has(path.split(".")[0] ?? "") && !TOKEN_PROCEDURES.has(path))
	.sort();

/** A string only tenant A's policy contains (a role key that needs MFA), to spot it in B's answers. */
const POLICY_MARKER = "acme_policy_marker";

let server: TestServer;
let tenantA: string;
/** Sibling top-level accounts of tenant A: the account admin manages X; the targets live in Y. */
let accountX: string;
let accountY: string;
let adminA: TestClient;
let memberA: TestClient;
let adminB: TestClient;
let accountAdminX: TestClient;

/** Objects of tenant A, all in account Y, made fresh for each procedure (a call may consume them). */
interface Fixtures {
	/** A member locked out after failures, with TOTP, a recovery code and a live session: every admin action has an effect. */
	target: { id: string; email: string; version: number };
	/** A user in `deleting`, which restore brings back. */
	deleting: { id: string; version: number };
	/** A custom account role, assigned to the target in Y (that assignment is `assignmentId`). */
	role: { id: string; revision: string };
	assignmentId: string;
	/** A custom account role nobody holds: what `roles.assign` grants. */
	grantableRoleId: string;
	invitation: { id: string };
	applicationUser: { id: string };
	apiKeyId: string;
	/** Values not used yet, for procedures that create or change something. */
	fresh: { email: string; roleKey: string; name: string; lockoutThreshold: number };
}

type Call = (client: TestClient, f: Fixtures) => Promise<unknown>;

interface Entry {
	call: Call;
	/**
	 * How tenant B's administrator is kept out. `refused`: the input names tenant A's objects, so
	 * the call fails. `isolated`: the input names nothing of A (a list, an aggregate, creating in
	 * one's own tenant), so it may succeed, but its answer holds no identifier of tenant A and
	 * nothing of tenant A changes.
	 */
	otherTenant: "refused" | "isolated";
	/**
	 * How the administrator of account X is kept away from account Y. `refused`: the call fails.
	 * `hidden`: a list the account admin may read, whose answer holds nothing of account Y.
	 * `{ notApplicable }`: no account is involved, with the reason.
	 */
	siblingAccount: "refused" | "hidden" | { notApplicable: string };
	/** For lists: an identifier tenant A's administrator sees in the answer (so `hidden`/`isolated` is not vacuous). */
	shows?: (f: Fixtures) => string;
	/** Bulk actions report refusals per item in a successful answer instead of failing. */
	refusedInResult?: (result: unknown) => boolean;
	/**
	 * The same call with the account id replaced by one that exists nowhere. Create inputs treat an
	 * account outside the caller's tenant as unknown (BAD_REQUEST, VALIDATION on the field; by design,
	 * see invitations and apikeys integration tests). Such a refusal passes only if it is the very
	 * answer a nonexistent id gets: then it reveals nothing about tenant A.
	 */
	asIfUnknown?: Call;
}

/** Every item refused with not-found or forbidden (a bulk action's way of saying no). */
function everyItemRefused(result: unknown): boolean {
	const items = ZBulkStateOutput.parse(result);
	return (
		items.length > 0 &&
		items.every((item) => !item.ok && ["USER.NOT_FOUND", "AUTHZ.FORBIDDEN"].includes(item.code ?? ""))
	);
}

const ROLES_ARE_TENANT_WIDE = {
	notApplicable: "role definitions belong to the tenant, not to an account; account admins may read them (roles.read)",
};

const BOUNDARY_TABLE: Record<string, Entry> = {
	"users.list": {
		call: (c, f) => c.users.list.query({ search: f.target.email }),
		otherTenant: "isolated",
		siblingAccount: "hidden",
		shows: (f) => f.target.id,
	},
	"users.get": {
		call: (c, f) => c.users.get.query({ userId: f.target.id }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"users.detail": {
		call: (c, f) => c.users.detail.query({ userId: f.target.id }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"users.update": {
		call: (c, f) => c.users.update.mutate({ userId: f.target.id, version: f.target.version, firstName: "Renamed" }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"users.changeState": {
		call: (c, f) => c.users.changeState.mutate({ userId: f.target.id, version: f.target.version, to: "inactive" }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"users.bulkChangeState": {
		call: (c, f) =>
			c.users.bulkChangeState.mutate({ to: "inactive", users: [{ userId: f.target.id, version: f.target.version }] }),
		otherTenant: "refused",
		siblingAccount: "refused",
		refusedInResult: everyItemRefused,
	},
	"users.setRequiredActions": {
		call: (c, f) =>
			c.users.setRequiredActions.mutate({
				userId: f.target.id,
				version: f.target.version,
				actions: ["change_password"],
			}),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"users.resetMfa": {
		call: (c, f) => c.users.resetMfa.mutate({ userId: f.target.id }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"users.revokeSessions": {
		call: (c, f) => c.users.revokeSessions.mutate({ userId: f.target.id }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"users.unlock": {
		call: (c, f) => c.users.unlock.mutate({ userId: f.target.id }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"users.sendPasswordReset": {
		call: (c, f) => c.users.sendPasswordReset.mutate({ userId: f.target.id }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"users.restore": {
		call: (c, f) => c.users.restore.mutate({ userId: f.deleting.id, version: f.deleting.version }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"roles.permissions": {
		call: (c) => c.roles.permissions.query(),
		otherTenant: "isolated",
		siblingAccount: { notApplicable: "the permission catalogue is the same for every tenant and names no object" },
	},
	"roles.list": {
		call: (c) => c.roles.list.query(),
		otherTenant: "isolated",
		siblingAccount: ROLES_ARE_TENANT_WIDE,
		shows: (f) => f.role.id,
	},
	// Where the caller holds a permission: names of accounts and spaces stay within their reach.
	"roles.contexts": {
		call: (c) => c.roles.contexts.query({ permission: "users.read" }),
		otherTenant: "isolated",
		siblingAccount: "hidden",
		shows: () => accountY,
	},
	// What the caller may grant where: the places stay within their reach, like roles.contexts.
	"roles.grantable": {
		call: (c) => c.roles.grantable.query({ purpose: "assign" }),
		otherTenant: "isolated",
		siblingAccount: "hidden",
		shows: () => accountY,
	},
	"roles.get": {
		call: (c, f) => c.roles.get.query({ roleId: f.role.id }),
		otherTenant: "refused",
		siblingAccount: ROLES_ARE_TENANT_WIDE,
	},
	// Creating, editing and deleting a role definition is tenant-wide: roles.manage held only in
	// account X must not reach it (the sibling account plays no part, the account boundary does).
	"roles.create": {
		call: (c, f) =>
			c.roles.create.mutate({
				key: f.fresh.roleKey,
				name: "Boundary",
				contextType: "account",
				permissions: ["users.read"],
			}),
		otherTenant: "isolated",
		siblingAccount: "refused",
	},
	"roles.update": {
		call: (c, f) => c.roles.update.mutate({ roleId: f.role.id, revision: f.role.revision, name: "Renamed" }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"roles.delete": {
		call: (c, f) => c.roles.delete.mutate({ roleId: f.role.id, force: true }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"roles.assignments": {
		call: (c, f) => c.roles.assignments.query({ userId: f.target.id }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"roles.assign": {
		call: (c, f) =>
			c.roles.assign.mutate({
				userId: f.target.id,
				roleId: f.grantableRoleId,
				context: { type: "account", accountId: accountY, appliesToSubAccounts: false },
			}),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"roles.unassign": {
		call: (c, f) => c.roles.unassign.mutate({ assignmentId: f.assignmentId }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"apiKeys.createApplicationUser": {
		call: (c, f) => c.apiKeys.createApplicationUser.mutate({ name: f.fresh.name, primaryAccountId: accountY }),
		asIfUnknown: (c, f) =>
			c.apiKeys.createApplicationUser.mutate({ name: f.fresh.name, primaryAccountId: randomUUID() }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"apiKeys.listApplicationUsers": {
		call: (c) => c.apiKeys.listApplicationUsers.query({ limit: 100 }),
		otherTenant: "isolated",
		siblingAccount: "hidden",
		shows: (f) => f.applicationUser.id,
	},
	"apiKeys.issue": {
		call: (c, f) => c.apiKeys.issue.mutate({ userId: f.applicationUser.id, name: "Another key" }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"apiKeys.list": {
		call: (c, f) => c.apiKeys.list.query({ userId: f.applicationUser.id }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"apiKeys.revoke": {
		call: (c, f) => c.apiKeys.revoke.mutate({ keyId: f.apiKeyId }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"invitations.create": {
		call: (c, f) => c.invitations.create.mutate({ email: f.fresh.email, primaryAccountId: accountY }),
		asIfUnknown: (c, f) => c.invitations.create.mutate({ email: f.fresh.email, primaryAccountId: randomUUID() }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"invitations.list": {
		call: (c) => c.invitations.list.query({ limit: 100 }),
		otherTenant: "isolated",
		siblingAccount: "hidden",
		shows: (f) => f.invitation.id,
	},
	"invitations.resend": {
		call: (c, f) => c.invitations.resend.mutate({ invitationId: f.invitation.id }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	"invitations.revoke": {
		call: (c, f) => c.invitations.revoke.mutate({ invitationId: f.invitation.id }),
		otherTenant: "refused",
		siblingAccount: "refused",
	},
	// The audit log is tenant-wide: audit.read held in account X does not open it.
	"audit.list": {
		call: (c, f) => c.audit.list.query({ targetUserId: f.applicationUser.id }),
		otherTenant: "isolated",
		siblingAccount: "refused",
		shows: (f) => f.applicationUser.id,
	},
	"dashboard.get": {
		call: (c) => c.dashboard.get.query(),
		otherTenant: "isolated",
		siblingAccount: {
			notApplicable: "counts only, no identifiers; its account scope is tested in dashboard.integration.test.ts",
		},
	},
	// The compliance report names people across every account: tenant-wide dashboard.read only.
	"dashboard.compliance": {
		call: (c) => c.dashboard.compliance.query(),
		otherTenant: "isolated",
		siblingAccount: "refused",
		// Tenant A's key never expires, so A's report lists it.
		shows: (f) => f.apiKeyId,
	},
	// The policy is tenant-wide: an account admin holds no policy.manage that could reach it.
	"policy.get": {
		call: (c) => c.policy.get.query(),
		otherTenant: "isolated",
		siblingAccount: "refused",
		shows: () => POLICY_MARKER,
	},
	"policy.update": {
		call: (c, f) => c.policy.update.mutate({ lockout: { threshold: f.fresh.lockoutThreshold } }),
		otherTenant: "isolated",
		siblingAccount: "refused",
	},
};

const COVERED = Object.entries(BOUNDARY_TABLE).filter(([path]) => path in PROCEDURES);

// ---------------------------------------------------------------------------------------------
// Setup: one server for the file; callers sign in once.

beforeAll(async () => {
	server = await startTestServer();
	tenantA = await server.createTenant("acme");
	await server.createTenant("globex");
	accountX = await createAccount(server, tenantA, "Account X");
	accountY = await createAccount(server, tenantA, "Account Y");
	({ client: adminA } = await signedIn(server, { tenantSlug: "acme", roles: [{ key: "tenant_admin" }] }));
	({ client: memberA } = await signedIn(server, {
		tenantSlug: "acme",
		primaryAccountId: accountX,
		roles: [{ key: "member" }],
	}));
	({ client: adminB } = await signedIn(server, { tenantSlug: "globex", roles: [{ key: "tenant_admin" }] }));
	// account_admin has no apikeys.manage; a custom account role adds it in X, so the API-key
	// procedures meet a caller who passes the coarse permission gate and must be stopped at Y.
	await insertCustomRole(server, tenantA, "boundary_key_manager", "account", ["apikeys.manage", "users.read"]);
	({ client: accountAdminX } = await signedIn(server, {
		tenantSlug: "acme",
		primaryAccountId: accountX,
		roles: [
			{ key: "account_admin", contextType: "account", contextId: accountX },
			{ key: "boundary_key_manager", contextType: "account", contextId: accountX },
		],
	}));
	// Tenant A's policy carries a marker tenant B's administrator must never see.
	const policy = await adminA.policy.get.query();
	await adminA.policy.update.mutate({ mfa: { requiredForRoles: [...policy.mfa.requiredForRoles, POLICY_MARKER] } });
});
afterAll(async () => {
	await server?.close();
});

async function freshFixtures(): Promise<Fixtures> {
	const tag = randomBytes(4).toString("hex");
	const now = server.clock.now();
	const hourLater = new Date(now.getTime() + 3_600_000);
	const target = await server.seedUser({ primaryAccountId: accountY, roles: [{ key: "member" }] });
	await server.db
		.updateTable("users")
		.set({ failed_attempts: 3, locked_until: hourLater, two_factor_enabled: true, two_factor_type: "totp" })
		.where("id", "=", target.id)
		.execute();
	await server.db
		.insertInto("totp_credentials")
		.values({
			user_id: target.id,
			tenant_id: tenantA,
			secret_ciphertext: server.secrets.seal("JBSWY3DPEHPK3PXP", `totp:${target.id}`),
			confirmed_at: now,
			created_at: now,
		})
		.execute();
	await server.db
		.insertInto("recovery_codes")
		.values({ user_id: target.id, tenant_id: tenantA, code_hash: randomBytes(32).toString("hex"), created_at: now })
		.execute();
	await server.db
		.insertInto("sessions")
		.values({
			tenant_id: tenantA,
			user_id: target.id,
			token_hash: randomBytes(32).toString("hex"),
			created_at: now,
			last_seen_at: now,
			authenticated_at: now,
			expires_at: hourLater,
			amr: ["password"],
			ip: null,
			user_agent: null,
		})
		.execute();
	const deleting = await server.seedUser({ state: "deleting", primaryAccountId: accountY });

	const roleId = await insertCustomRole(server, tenantA, `boundary_${tag}`, "account", ["users.read"]);
	const grantableRoleId = await insertCustomRole(server, tenantA, `boundary_grant_${tag}`, "account", ["users.read"]);
	const assignment = await server.db
		.insertInto("role_assignments")
		.values({
			tenant_id: tenantA,
			user_id: target.id,
			role_id: roleId,
			context_type: "account",
			context_id: accountY,
		})
		.returning("id")
		.executeTakeFirstOrThrow();
	const role = await adminA.roles.get.query({ roleId });

	const invitation = await adminA.invitations.create.mutate({
		email: `invitee-${tag}@example.com`,
		primaryAccountId: accountY,
	});
	const applicationUser = await adminA.apiKeys.createApplicationUser.mutate({
		name: `App ${tag}`,
		primaryAccountId: accountY,
	});
	const issued = await adminA.apiKeys.issue.mutate({ userId: applicationUser.id, name: "Key" });
	const policy = await adminA.policy.get.query();
	const versionOf = async (id: string) =>
		(await server.db.selectFrom("users").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;

	return {
		target: { id: target.id, email: target.email, version: await versionOf(target.id) },
		deleting: { id: deleting.id, version: await versionOf(deleting.id) },
		role: { id: roleId, revision: role.revision },
		assignmentId: assignment.id,
		grantableRoleId,
		invitation: { id: invitation.id },
		applicationUser: { id: applicationUser.id },
		apiKeyId: issued.apiKey.id,
		fresh: {
			email: `new-${tag}@example.com`,
			roleKey: `boundary_new_${tag}`,
			name: `New app ${tag}`,
			lockoutThreshold: policy.lockout.threshold === 9 ? 8 : 9,
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Snapshot: one digest per table of everything a refused call could change.

/** Tables compared row by row (whole rows) and scoped by their `tenant_id` column. */
const ROW_TABLES = [
	"accounts",
	"spaces",
	"users",
	"password_credentials",
	"totp_credentials",
	"recovery_codes",
	"passkeys",
	"roles",
	"role_assignments",
	"invitations",
	"api_keys",
	"verification_tokens",
] as const;

/**
 * Digests of every row a refused call could change, per table; `tenantId` limits them to one
 * tenant. Sessions are compared by id, owner and revocation only: each request moves its caller's
 * `last_seen_at`. The outbox by count (its worker may update delivery status). Audit events are
 * left out on purpose: recording a refused attempt is allowed, and is not a change of state.
 */
async function snapshot(tenantId: string | null = null): Promise<Record<string, string>> {
	const scoped = (column: string) => (tenantId === null ? sql`true` : sql`${sql.ref(column)} = ${tenantId}`);
	const rowTables = ROW_TABLES.map(
		(table) =>
			sql`union all select ${sql.lit(table)}, x::text from ${sql.table(table)} x where ${scoped("x.tenant_id")}`,
	);
	const result = await sql<{ part: string; digest: string }>`
		select part, md5(string_agg(line, E'\n' order by line)) as digest from (
			select 'tenants' as part, t::text as line from tenants t where ${scoped("t.id")}
			${sql.join(rowTables, sql` `)}
			union all select 'role_permissions', rp::text from role_permissions rp
				join roles r on r.id = rp.role_id where ${scoped("r.tenant_id")}
			union all select 'sessions', concat_ws(',', s.id, s.user_id, s.revoked_at) from sessions s
				where ${scoped("s.tenant_id")}
			union all select 'outbox', count(*)::text from outbox o where ${scoped("o.tenant_id")}
		) lines group by part order by part`.execute(server.db);
	return Object.fromEntries(result.rows.map((row) => [row.part, row.digest]));
}

/** Every identifier of tenant A (and the policy marker): none may appear in tenant B's answers. */
async function identifiersOfTenantA(): Promise<string[]> {
	const [users, roles, accounts, invitations, keys, assignments] = await Promise.all([
		server.db.selectFrom("users").select(["id", "email", "username"]).where("tenant_id", "=", tenantA).execute(),
		server.db.selectFrom("roles").select("id").where("tenant_id", "=", tenantA).execute(),
		server.db.selectFrom("accounts").select("id").where("tenant_id", "=", tenantA).execute(),
		server.db.selectFrom("invitations").select("id").where("tenant_id", "=", tenantA).execute(),
		server.db.selectFrom("api_keys").select(["id", "prefix"]).where("tenant_id", "=", tenantA).execute(),
		server.db.selectFrom("role_assignments").select("id").where("tenant_id", "=", tenantA).execute(),
	]);
	return [
		tenantA,
		POLICY_MARKER,
		...users.flatMap((u) => [u.id, u.email, u.username]),
		...[...roles, ...accounts, ...invitations, ...assignments].map((row) => row.id),
		...keys.flatMap((k) => [k.id, k.prefix]),
	].filter((value): value is string => typeof value === "string" && value.length > 0);
}

/** Every identifier of account Y: its id, its users, their invitations and keys. */
async function identifiersOfAccountY(): Promise<string[]> {
	const users = await server.db
		.selectFrom("users")
		.select(["id", "email", "username"])
		.where("primary_account_id", "=", accountY)
		.execute();
	const ids = users.map((u) => u.id);
	const [invitations, keys] = await Promise.all([
		server.db.selectFrom("invitations").select("id").where("user_id", "in", ids).execute(),
		server.db.selectFrom("api_keys").select(["id", "prefix"]).where("user_id", "in", ids).execute(),
	]);
	return [
		accountY,
		...users.flatMap((u) => [u.id, u.email, u.username]),
		...invitations.map((i) => i.id),
		...keys.flatMap((k) => [k.id, k.prefix]),
	].filter((value): value is string => typeof value === "string" && value.length > 0);
}

function expectNoneOf(result: unknown, identifiers: string[], who: string) {
	const json = JSON.stringify(result);
	const leaked = identifiers.filter((identifier) => json.includes(identifier));
	expect(leaked, `${who} saw identifiers it must not: ${json.slice(0, 500)}`).toEqual([]);
}

/** What a refusal tells the caller; the correlation id differs per request and says nothing. */
function answerOf(error: unknown) {
	if (!(error instanceof TRPCClientError)) return { error: String(error) };
	const { data, message } = error as TRPCClientError<AppRouter>;
	return { message, code: data?.code, domainCode: data?.domainCode, fieldErrors: data?.fieldErrors };
}

/**
 * The call fails with FORBIDDEN or NOT_FOUND; or, for a bulk action, refuses every item; or, for
 * an entry with `asIfUnknown`, fails exactly as it does for an id that exists nowhere.
 */
async function expectRefused(
	entry: Entry,
	call: () => Promise<unknown>,
	unknown: (() => Promise<unknown>) | null,
	who: string,
) {
	const outcome = await call().then(
		(value) => ({ ok: true as const, value }),
		(error: unknown) => ({ ok: false as const, error }),
	);
	if (outcome.ok) {
		if (entry.refusedInResult?.(outcome.value)) return;
		throw new Error(`${who}: expected a refusal, got ${JSON.stringify(outcome.value)}`);
	}
	expect(outcome.error, who).toBeInstanceOf(TRPCClientError);
	const answer = answerOf(outcome.error);
	if (answer.code === "FORBIDDEN" || answer.code === "NOT_FOUND") return;
	if (unknown) {
		const asIfUnknown = await unknown().then(
			(value) => ({ value }),
			(error: unknown) => answerOf(error),
		);
		expect(answer, `${who}: answered unlike for a nonexistent id`).toEqual(asIfUnknown);
		return;
	}
	expect.fail(`${who}: expected FORBIDDEN or NOT_FOUND, got ${JSON.stringify(answer)}`);
}

/** A refused call changes nothing, anywhere. */
async function refusedWithoutChange(entry: Entry, client: TestClient, f: Fixtures, who: string) {
	const before = await snapshot();
	const unknown = entry.asIfUnknown;
	await expectRefused(entry, () => entry.call(client, f), unknown ? () => unknown(client, f) : null, who);
	expect(await snapshot(), `${who} changed something`).toEqual(before);
}

// ---------------------------------------------------------------------------------------------

describe("coverage", () => {
	it("finds the admin procedures", () => {
		expect(ADMIN_PROCEDURES.length).toBeGreaterThanOrEqual(30);
	});

	it("has an entry for every admin procedure, and none for a procedure that does not exist", () => {
		const missing = ADMIN_PROCEDURES.filter((path) => !(path in BOUNDARY_TABLE));
		expect(missing, `admin procedures without an entry in BOUNDARY_TABLE: ${missing.join(", ")}`).toEqual([]);
		const unknown = Object.keys(BOUNDARY_TABLE).filter((path) => !(path in PROCEDURES));
		expect(unknown, `BOUNDARY_TABLE entries for procedures that do not exist: ${unknown.join(", ")}`).toEqual([]);
		expect(COVERED.map(([path]) => path).sort()).toEqual(ADMIN_PROCEDURES);
	});
});

describe.each(COVERED)("%s", (path, entry) => {
	const isQuery = PROCEDURES[path]?._def.type === "query";
	let f: Fixtures;
	beforeAll(async () => {
		f = await freshFixtures();
	});

	it("a member of tenant A without permissions is refused and changes nothing", async () => {
		await refusedWithoutChange(entry, memberA, f, "member of A");
	});

	if (entry.otherTenant === "refused") {
		it("tenant B's administrator with tenant A's ids is refused and changes nothing", async () => {
			await refusedWithoutChange(entry, adminB, f, "admin of B");
		});
	} else {
		it("tenant B's administrator sees nothing of tenant A and changes nothing there", async () => {
			// Tenant B's own data may change (a role it creates, its own policy); tenant A's may not.
			const before = await snapshot(isQuery ? null : tenantA);
			const result = await entry.call(adminB, f);
			expectNoneOf(result, await identifiersOfTenantA(), "admin of B");
			expect(await snapshot(isQuery ? null : tenantA), "admin of B changed something").toEqual(before);
		});
	}

	const sibling = entry.siblingAccount;
	if (sibling === "refused") {
		it("account X's administrator on account Y's objects is refused and changes nothing", async () => {
			await refusedWithoutChange(entry, accountAdminX, f, "admin of account X");
		});
	} else if (sibling === "hidden") {
		it("account X's administrator sees nothing of account Y and changes nothing", async () => {
			const before = await snapshot();
			const result = await entry.call(accountAdminX, f);
			expectNoneOf(result, await identifiersOfAccountY(), "admin of account X");
			expect(await snapshot(), "admin of account X changed something").toEqual(before);
		});
	}
	// Otherwise no account is involved: see `siblingAccount.notApplicable` in the table.

	it("the same call by tenant A's administrator succeeds (a valid input on real objects)", async () => {
		const before = await snapshot();
		const result = await entry.call(adminA, f);
		expect(entry.refusedInResult?.(result) ?? false, JSON.stringify(result)).toBe(false);
		const shows = entry.shows;
		if (shows) expect(JSON.stringify(result)).toContain(shows(f));
		// A mutation's effect is visible to the snapshot, so "changes nothing" above meant something.
		if (!isQuery) expect(await snapshot()).not.toEqual(before);
	});
});
