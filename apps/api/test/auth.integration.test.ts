import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import { expectError, liveSessionsOf, signedIn, unsafeInput } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

describe("password sign-in", () => {
	it("signs in with a good password and the session reads `me`", async () => {
		const user = await server.seedUser({ email: "Ada@Example.com", firstName: "Ada" });
		const client = server.client();
		const result = await client.auth.signIn.mutate({
			tenant: "acme",
			email: "ada@example.com",
			password: user.password,
		});
		expect(result).toEqual({ status: "signed_in", userId: user.id, requiredActions: [] });
		const me = await client.me.get.query();
		expect(me).toMatchObject({
			id: user.id,
			email: "ada@example.com",
			firstName: "Ada",
			tenantSlug: "acme",
			state: "active",
		});
		expect(me.lastSignInAt).toBeInstanceOf(Date);
	});

	it("accepts the email in any case and with surrounding spaces", async () => {
		const user = await server.seedUser({ email: "grace@example.com" });
		const client = server.client();
		await client.auth.signIn.mutate({ tenant: "ACME", email: "  Grace@EXAMPLE.com ", password: user.password });
		expect((await client.me.get.query()).id).toBe(user.id);
	});

	it("answers a wrong password, an unknown email and an unknown tenant identically", async () => {
		const user = await server.seedUser();
		const attempts = [
			{ tenant: "acme", email: user.email, password: `${user.password}x` },
			{ tenant: "acme", email: "nobody@example.com", password: user.password },
			{ tenant: "no-such-tenant", email: user.email, password: user.password },
			{ tenant: "acme", email: user.email, password: user.password.toUpperCase() },
		];
		const errors = [];
		for (const attempt of attempts) {
			const error = await expectError(
				server.client().auth.signIn.mutate(attempt),
				"UNAUTHORIZED",
				"AUTH.INVALID_CREDENTIALS",
			);
			errors.push({
				message: error.message,
				code: error.data?.code,
				httpStatus: error.data?.httpStatus,
				domainCode: error.data?.domainCode,
			});
		}
		for (const error of errors) expect(error).toEqual(errors[0]);
		expect(errors[0]?.httpStatus).toBe(401);
	});

	it.each(["inactive", "deleting", "deleted", "create"] as const)(
		"refuses a %s user with the same generic error",
		async (state) => {
			const user = await server.seedUser({ state });
			await expectError(
				server.client().auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password }),
				"UNAUTHORIZED",
				"AUTH.INVALID_CREDENTIALS",
			);
		},
	);

	it("audits failures and successes, without the password", async () => {
		const user = await server.seedUser();
		await expectError(
			server.client().auth.signIn.mutate({ tenant: "acme", email: user.email, password: "wrong-wrong-wrong" }),
			"UNAUTHORIZED",
		);
		await server.client().auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password });
		const rows = await server.db
			.selectFrom("audit_events")
			.select(["action", "outcome", "details", "ip"])
			.where("target_user_id", "=", user.id)
			.orderBy("id")
			.execute();
		expect(rows.map((r) => [r.action, r.outcome])).toEqual([
			["auth.sign_in", "failure"],
			["auth.sign_in", "success"],
		]);
		expect(rows[0]?.details).toMatchObject({ reason: "bad_password" });
		expect(rows[0]?.ip).toBe("127.0.0.1");
		expect(JSON.stringify(rows)).not.toContain(user.password);
	});

	it("refuses sign-in input of the wrong shape with BAD_REQUEST", async () => {
		const client = server.client();
		await expectError(
			client.auth.signIn.mutate(unsafeInput({ tenant: "acme", email: 42, password: true })),
			"BAD_REQUEST",
		);
		await expectError(
			client.auth.signIn.mutate(unsafeInput({ tenant: "acme", email: "a@b.c", password: "x", remember: true })),
			"BAD_REQUEST",
		);
	});
});

describe("sessions", () => {
	it("sets an HttpOnly, Secure, SameSite=Lax, host-only __Host- cookie and stores only its hash", async () => {
		const user = await server.seedUser();
		const response = await fetch(`${server.url}/trpc/auth.signIn`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ json: { tenant: "acme", email: user.email, password: user.password } }),
		});
		expect(response.status).toBe(200);
		const cookie = response.headers.getSetCookie()[0] ?? "";
		expect(cookie).toMatch(/^__Host-tessera_session=[A-Za-z0-9_-]{43};/);
		expect(cookie).toMatch(/; HttpOnly/i);
		expect(cookie).toMatch(/; Secure/i);
		expect(cookie).toMatch(/; SameSite=Lax/i);
		expect(cookie).toMatch(/; Path=\//i);
		expect(cookie).not.toMatch(/Domain=/i);
		const token = cookie.split(";")[0]?.split("=")[1] ?? "";
		const stored = await server.db.selectFrom("sessions").select("token_hash").where("user_id", "=", user.id).execute();
		expect(stored).toHaveLength(1);
		expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(stored[0]?.token_hash).not.toContain(token);
	});

	it("`me` without a session is UNAUTHORIZED", async () => {
		await expectError(server.client().me.get.query(), "UNAUTHORIZED", "AUTH.UNAUTHENTICATED");
	});

	it("a forged or malformed cookie is UNAUTHORIZED", async () => {
		const jar = new Map<string, string>();
		const client = server.client(jar);
		jar.set("__Host-tessera_session", "A".repeat(43));
		await expectError(client.me.get.query(), "UNAUTHORIZED");
		jar.set("__Host-tessera_session", "' or 1=1 --");
		await expectError(client.me.get.query(), "UNAUTHORIZED");
	});

	it("sign-out ends the session on the server and audits it: the old cookie is useless", async () => {
		const user = await server.seedUser();
		const jar = new Map<string, string>();
		const client = server.client(jar);
		await client.auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password });
		const stolen = jar.get("__Host-tessera_session") ?? "";
		expect(stolen).not.toBe("");
		await client.auth.signOut.mutate();
		expect(jar.has("__Host-tessera_session")).toBe(false);
		const replay = server.client(new Map([["__Host-tessera_session", stolen]]));
		await expectError(replay.me.get.query(), "UNAUTHORIZED");
		// And it is on record, like the sign-in.
		const signOuts = await server.db
			.selectFrom("audit_events")
			.select(["actor_user_id", "outcome"])
			.where("target_user_id", "=", user.id)
			.where("action", "=", "auth.sign_out")
			.execute();
		expect(signOuts).toEqual([{ actor_user_id: user.id, outcome: "success" }]);
	});

	it("gives every sign-in a new session id", async () => {
		const user = await server.seedUser();
		const jar = new Map<string, string>();
		const client = server.client(jar);
		await client.auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password });
		const first = jar.get("__Host-tessera_session");
		await client.auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password });
		expect(jar.get("__Host-tessera_session")).not.toBe(first);
	});

	it("expires after 15 idle minutes, measured on the server's clock", async () => {
		const user = await server.seedUser();
		const client = server.client();
		await client.auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password });
		server.clock.advance(14 * 60_000);
		await client.me.get.query(); // activity resets the idle timer
		server.clock.advance(14 * 60_000);
		await client.me.get.query();
		server.clock.advance(15 * 60_000 + 1000);
		await expectError(client.me.get.query(), "UNAUTHORIZED");
	});

	it("expires 12 hours after sign-in however active it is", async () => {
		const user = await server.seedUser();
		const client = server.client();
		await client.auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password });
		for (let elapsed = 0; elapsed < 12 * 60; elapsed += 10) {
			server.clock.advance(10 * 60_000);
			if (elapsed + 10 < 12 * 60) await client.me.get.query();
		}
		server.clock.advance(60_000);
		await expectError(client.me.get.query(), "UNAUTHORIZED");
	});

	it("keeps at most 10 sessions per user: the 11th sign-in ends the oldest", async () => {
		const user = await server.seedUser();
		const first = server.client();
		await first.auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password });
		for (let i = 0; i < 10; i++) {
			server.clock.advance(1000);
			await server.client().auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password });
		}
		await expectError(first.me.get.query(), "UNAUTHORIZED");
		const live = await liveSessionsOf(server, user.id);
		expect(live).toHaveLength(10);
	});

	it("ends at once when the user is made inactive", async () => {
		const user = await server.seedUser();
		const client = server.client();
		await client.auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password });
		await client.me.get.query();
		await server.db.updateTable("users").set({ state: "inactive" }).where("id", "=", user.id).execute();
		await expectError(client.me.get.query(), "UNAUTHORIZED");
	});
});

describe("hash upgrades", () => {
	it("re-hashes a password stored with weaker argon2 parameters at the next successful sign-in", async () => {
		const user = await server.seedUser({ password: "an-older-Password-77-stored" });
		// The same password hashed as an older installation would have (m = 4 MiB, t = 1).
		const weak = "$argon2id$v=19$m=4096,t=1,p=1$GdQhvRHxSRhwiKfFRRUp6w$KfRY27Ob2ra/QeuwAROwmlF9QzfzBj+Mhs6pP9VWeOY";
		await server.db
			.updateTable("password_credentials")
			.set({ password_hash: weak })
			.where("user_id", "=", user.id)
			.execute();
		await server.client().auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password });
		const stored = await server.db
			.selectFrom("password_credentials")
			.select("password_hash")
			.where("user_id", "=", user.id)
			.executeTakeFirstOrThrow();
		expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		await server.client().auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password });
	});
});

describe("password rules before sign-in", () => {
	it("states the organisation's rules, and the defaults for one that does not exist", async () => {
		const admin = await signedIn(server, { tenantSlug: "rules-co", roles: [{ key: "tenant_admin" }] });
		await admin.client.policy.update.mutate({ password: { pciComplexity: false, historyCount: 6 } });
		const anonymous = server.client();
		expect(await anonymous.auth.passwordPolicy.query({ tenant: "Rules-Co" })).toMatchObject({
			pciComplexity: false,
			historyCount: 6,
		});
		const unknown = await anonymous.auth.passwordPolicy.query({ tenant: "no-such-organisation" });
		expect(unknown).toEqual(await anonymous.auth.passwordPolicy.query({ tenant: "acme" }));
		expect(unknown).toMatchObject({ minLength: 15, pciComplexity: true, historyCount: 4 });
	});
});
