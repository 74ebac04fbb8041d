import type { ContextType } from "@tessera/db/schema";
import { TRPCClientError } from "@trpc/client";
import { TOTP, URI } from "otpauth";
import { expect } from "vitest";
import { createClient } from "../src/client";
import type { AppRouter } from "../src/router";
import type { CookieJar, SeededUser, SeedUserInput, TestClient, TestServer } from "../src/testing";

export type ApiError = TRPCClientError<AppRouter>;

/** Awaits a call that must fail, and returns its typed error for further assertions. */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
	const outcome = await promise.then(
		(value) => ({ ok: true as const, value }),
		(error: unknown) => ({ ok: false as const, error }),
	);
	if (outcome.ok) throw new Error(`expected the call to fail, got ${JSON.stringify(outcome.value)}`);
	expect(outcome.error).toBeInstanceOf(TRPCClientError);
	return outcome.error as ApiError;
}

export async function expectError(promise: Promise<unknown>, code: string, domainCode?: string): Promise<ApiError> {
	const error = await failure(promise);
	expect(error.data?.code).toBe(code);
	if (domainCode !== undefined) expect(error.data?.domainCode).toBe(domainCode);
	return error;
}

/**
 * Runs calls fired at once and answers with those that succeeded (by their index in `calls`);
 * every other one must have been refused with `domainCode`, not failed in some other way.
 */
export async function succeededElseRefused<T>(
	calls: Promise<T>[],
	domainCode: string,
): Promise<{ index: number; value: T }[]> {
	const results = await Promise.allSettled(calls);
	for (const result of results) {
		if (result.status === "rejected") expect(result.reason).toMatchObject({ data: { domainCode } });
	}
	return results.flatMap((result, index) => (result.status === "fulfilled" ? [{ index, value: result.value }] : []));
}

/**
 * Sends input the types forbid (wrong types, unknown keys), as an attacker's hand-written
 * request would. The type parameter is inferred from the procedure's input.
 */
export function unsafeInput<T>(value: unknown): T {
	return value as T;
}

// ---------------------------------------------------------------------------------------------
// Fixtures: factories over a running test server, with defaults and overrides, returning what
// they made. Each takes the server first, so a test file keeps its own server and database.

/** What `seedUser` takes for a tenant administrator of the default tenant, the usual admin caller. */
export const TENANT_ADMIN: SeedUserInput = { roles: [{ key: "tenant_admin" }] };

/** Signs an existing user in with their password from a browser of its own (a fresh cookie jar), whatever the outcome. */
export async function signIn(server: TestServer, user: Pick<SeededUser, "tenantSlug" | "email" | "password">) {
	const jar: CookieJar = new Map();
	const client = server.client(jar);
	const result = await client.auth.signIn.mutate({
		tenant: user.tenantSlug,
		email: user.email,
		password: user.password,
	});
	return { client, jar, result };
}

/** Signs an existing user in as `signIn` does, and checks the session is live (no second factor or password change due). */
export async function signedInAs(server: TestServer, user: Pick<SeededUser, "tenantSlug" | "email" | "password">) {
	const { client, jar, result } = await signIn(server, user);
	expect(result.status).toBe("signed_in");
	return { client, jar };
}

/** A new user (`input` as `seedUser` takes it, no role by default) with a live session in their own browser. */
export async function signedIn(
	server: TestServer,
	input: SeedUserInput = {},
): Promise<{ user: SeededUser; client: TestClient; jar: CookieJar }> {
	const user = await server.seedUser(input);
	return { user, ...(await signedInAs(server, user)) };
}

let newTenants = 0;
/**
 * A tenant of its own (slug `<prefix>-<n>`, for tests of tenant-wide settings) and a signed-in
 * user of it holding `roleKey` in the tenant.
 */
export async function signedInToNewTenant(server: TestServer, prefix: string, roleKey: string) {
	const tenantSlug = `${prefix}-${++newTenants}`;
	const tenantId = await server.createTenant(tenantSlug);
	return { tenantId, tenantSlug, ...(await signedIn(server, { tenantSlug, roles: [{ key: roleKey }] })) };
}

/** Who wrote each audit row of `action` in the tenant, with its details, oldest first. */
export function tenantAudits(server: TestServer, tenantId: string, action: string) {
	return server.db
		.selectFrom("audit_events")
		.select(["actor_user_id", "details"])
		.where("tenant_id", "=", tenantId)
		.where("action", "=", action)
		.orderBy("id")
		.execute();
}

/** A typed client that authenticates with an API key instead of a session cookie. */
export function apiKeyClient(server: TestServer, key: string): TestClient {
	return createClient({ url: `${server.url}/trpc`, apiKey: key });
}

/** An account of the tenant, top-level unless `parentId` is given. */
export async function createAccount(
	server: TestServer,
	tenantId: string,
	name: string,
	parentId: string | null = null,
): Promise<string> {
	const row = await server.db
		.insertInto("accounts")
		.values({ tenant_id: tenantId, name, parent_account_id: parentId })
		.returning("id")
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function createSpace(server: TestServer, tenantId: string, accountId: string, name: string) {
	const row = await server.db
		.insertInto("spaces")
		.values({ tenant_id: tenantId, account_id: accountId, name })
		.returning("id")
		.executeTakeFirstOrThrow();
	return row.id;
}

/** The id of the tenant's role with `key` (built-in or custom). */
export async function roleIdOf(server: TestServer, tenantId: string, key: string): Promise<string> {
	const row = await server.db
		.selectFrom("roles")
		.select("id")
		.where("tenant_id", "=", tenantId)
		.where("key", "=", key)
		.executeTakeFirstOrThrow();
	return row.id;
}

/** A custom role inserted directly: fixtures may hold permissions no API caller could grant. */
export async function insertCustomRole(
	server: TestServer,
	tenantId: string,
	key: string,
	contextType: ContextType,
	permissions: string[],
): Promise<string> {
	const role = await server.db
		.insertInto("roles")
		.values({ tenant_id: tenantId, key, name: key, description: "", context_type: contextType })
		.returning("id")
		.executeTakeFirstOrThrow();
	if (permissions.length > 0) {
		await server.db
			.insertInto("role_permissions")
			.values(permissions.map((permission) => ({ role_id: role.id, permission })))
			.execute();
	}
	return role.id;
}

/** Every role-related row of every tenant: what "nothing changed" is checked against. */
export async function roleRowsSnapshot(server: TestServer) {
	const [roles, permissions, assignments, audit] = await Promise.all([
		server.db.selectFrom("roles").selectAll().orderBy("id").execute(),
		server.db.selectFrom("role_permissions").selectAll().orderBy("role_id").orderBy("permission").execute(),
		server.db.selectFrom("role_assignments").selectAll().orderBy("id").execute(),
		server.db
			.selectFrom("audit_events")
			.select((eb) => eb.fn.countAll<number>().as("n"))
			.executeTakeFirstOrThrow(),
	]);
	return { roles, permissions, assignments, audit: Number(audit.n) };
}

/** The ids of the user's sessions that are not revoked. */
export function liveSessionsOf(server: TestServer, userId: string) {
	return server.db
		.selectFrom("sessions")
		.select("id")
		.where("user_id", "=", userId)
		.where("revoked_at", "is", null)
		.execute();
}

/**
 * Enrols TOTP through the API and returns a generator built from the otpauth URI by an
 * independent library, after checking the enrolment is what SECURITY M07 asks for.
 */
export async function enrolTotp(server: TestServer, client: TestClient): Promise<TOTP> {
	const enrolment = await client.security.totp.begin.mutate();
	const totp = URI.parse(enrolment.otpauthUri);
	if (!(totp instanceof TOTP)) throw new Error("not a TOTP URI");
	expect(totp.secret.base32).toBe(enrolment.secret);
	expect(enrolment.secret.length).toBeGreaterThanOrEqual(32); // 160 bits (SECURITY M07)
	expect(enrolment.qrSvg).toMatch(/^<svg/);
	await client.security.totp.confirm.mutate({ code: totp.generate({ timestamp: server.clock.now().getTime() }) });
	return totp;
}

/** A well-formed cursor around any tuple, as a client forging one would write it. */
export const forgedCursor = (tuple: unknown[]) => Buffer.from(JSON.stringify(tuple), "utf8").toString("base64url");
