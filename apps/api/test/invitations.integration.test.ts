import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import { expectError, roleIdOf, signedIn, TENANT_ADMIN, unsafeInput } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const DAY_MS = 86_400_000;
const STRONG_PASSWORD = "Quartz-lantern-97-meadow-orbit";
const OTHER_STRONG_PASSWORD = "Velvet-compass-41-harbour-tide";

const uniqueEmail = (prefix = "invitee") => `${prefix}-${randomBytes(5).toString("hex")}@example.com`;

/** The token of the latest invitation link sent to `email`, as the invitee's mailbox shows it. */
async function tokenFor(email: string): Promise<string> {
	const message = await server.lastMessage(email);
	expect(message?.template).toBe("invitation");
	const token = message?.body.match(/\/invitation#token=([A-Za-z0-9_-]{43})(?:\s|$)/)?.[1];
	if (!token) throw new Error(`no invitation link in the latest message to ${email}`);
	return token;
}

const userByEmail = (tenantId: string, email: string) =>
	server.db
		.selectFrom("users")
		.select(["id", "state", "email_verified", "first_name", "last_name", "version"])
		.where("tenant_id", "=", tenantId)
		.where("email", "=", email)
		.executeTakeFirst();

const countRows = async (table: "invitations" | "users" | "outbox", column: string, value: string) => {
	const result = await sql<{
		count: string | number;
	}>`select count(*) as count from ${sql.table(table)} where ${sql.ref(column)} = ${value}`.execute(server.db);
	return Number(result.rows[0]?.count ?? 0);
};

describe("invite → email → lookup → accept → sign in", () => {
	it("walks the whole way, with the role applied and the address verified", async () => {
		const { user: admin, client } = await signedIn(server, TENANT_ADMIN);
		const email = uniqueEmail();
		const auditor = await roleIdOf(server, admin.tenantId, "security_auditor");
		const invitation = await client.invitations.create.mutate({
			email: `  ${email.toUpperCase()} `,
			firstName: "Ada",
			lastName: "Lovelace",
			language: "de",
			role: { roleId: auditor, contextType: "tenant", contextId: admin.tenantId },
		});
		expect(invitation).toMatchObject({
			email,
			firstName: "Ada",
			lastName: "Lovelace",
			status: "pending",
			acceptedAt: null,
			role: { id: auditor, key: "security_auditor", contextType: "tenant", contextId: admin.tenantId },
			invitedBy: { id: admin.id, name: "Test User" },
		});
		expect(invitation.expiresAt.getTime() - invitation.createdAt.getTime()).toBe(7 * DAY_MS);
		expect(await userByEmail(admin.tenantId, email)).toMatchObject({ state: "create", email_verified: false });

		// The email: German, a link whose token sits in the fragment (never sent to a server).
		const message = await server.lastMessage(email);
		expect(message?.subject).toContain("Einladung");
		expect(message?.body).toMatch(/^http:\/\/localhost:\d+\/invitation#token=[A-Za-z0-9_-]{43}$/m);
		const token = await tokenFor(email);
		// The token is in no response and no stored row except as its hash.
		expect(JSON.stringify(invitation)).not.toContain(token);
		const stored = await server.db
			.selectFrom("invitations")
			.select("token_hash")
			.where("id", "=", invitation.id)
			.executeTakeFirstOrThrow();
		expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(stored.token_hash).not.toContain(token);

		const invitee = server.client();
		const lookup = await invitee.invitations.lookup.mutate({ token });
		expect(lookup).toEqual({
			tenant: "acme",
			organisation: "acme Inc.",
			inviter: "Test User",
			email: `${email[0]}***@example.com`,
			expiresAt: invitation.expiresAt,
		});

		// A weak password is refused and does not use the token up.
		const weak = await expectError(
			invitee.invitations.accept.mutate({ token, password: "password123456" }),
			"BAD_REQUEST",
			"PASSWORD.POLICY_VIOLATION",
		);
		expect(weak.data?.details?.violations).toBeDefined();
		// So is one built from the invitee's own name (A06).
		await expectError(
			invitee.invitations.accept.mutate({ token, password: "lovelace-lovelace-lovelace" }),
			"BAD_REQUEST",
			"PASSWORD.POLICY_VIOLATION",
		);
		expect((await userByEmail(admin.tenantId, email))?.state).toBe("create");

		const accepted = await invitee.invitations.accept.mutate({
			token,
			password: STRONG_PASSWORD,
			firstName: "Augusta",
		});
		expect(accepted).toEqual({ ok: true, email });
		const after = await userByEmail(admin.tenantId, email);
		expect(after).toMatchObject({
			state: "active",
			email_verified: true,
			first_name: "Augusta",
			last_name: "Lovelace",
		});
		const assignments = await server.db
			.selectFrom("role_assignments")
			.select(["role_id", "context_type", "context_id", "created_by"])
			.where("user_id", "=", invitation.userId)
			.execute();
		expect(assignments).toEqual([
			{ role_id: auditor, context_type: "tenant", context_id: admin.tenantId, created_by: admin.id },
		]);
		// Accepting created no session: the invitee signs in like everyone else.
		expect(await countRows("users", "id", invitation.userId)).toBe(1);
		const sessions = await server.db
			.selectFrom("sessions")
			.select("id")
			.where("user_id", "=", invitation.userId)
			.execute();
		expect(sessions).toEqual([]);
		const signIn = await invitee.auth.signIn.mutate({ tenant: "acme", email, password: STRONG_PASSWORD });
		expect(signIn.status).toBe("signed_in");
		const me = await invitee.me.get.query();
		expect(me).toMatchObject({ email, state: "active", emailVerified: true });
		expect(me.roles.map((role) => role.roleKey)).toEqual(["security_auditor"]);

		// Single use: the second accept and any later lookup get the same NOT_FOUND.
		await expectError(
			server.client().invitations.accept.mutate({ token, password: OTHER_STRONG_PASSWORD }),
			"NOT_FOUND",
			"INVITATION.NOT_FOUND",
		);
		await expectError(server.client().invitations.lookup.mutate({ token }), "NOT_FOUND", "INVITATION.NOT_FOUND");

		const list = await client.invitations.list.query({ status: "accepted" });
		expect(list.items.find((item) => item.id === invitation.id)).toMatchObject({ status: "accepted" });
		const audit = await server.db
			.selectFrom("audit_events")
			.select(["action", "actor_user_id"])
			.where("target_user_id", "=", invitation.userId)
			.where("action", "like", "invitation.%")
			.orderBy("id")
			.execute();
		expect(audit.map((row) => row.action)).toEqual(["invitation.created", "invitation.accepted"]);
		expect(audit[0]?.actor_user_id).toBe(admin.id);
	});

	it("names the inviter as the email does: by address when they have no name, nobody once they are gone", async () => {
		const { user: admin, client } = await signedIn(server, {
			roles: [{ key: "tenant_admin" }],
			firstName: null,
			lastName: null,
		});
		const email = uniqueEmail();
		await client.invitations.create.mutate({ email });
		const token = await tokenFor(email);
		expect((await server.client().invitations.lookup.mutate({ token })).inviter).toBe(admin.email);
		// An invitation whose inviter is gone names nobody.
		await server.db.updateTable("invitations").set({ invited_by: null }).where("email", "=", email).execute();
		expect((await server.client().invitations.lookup.mutate({ token })).inviter).toBeNull();
	});

	it("answers unknown and malformed tokens with the same NOT_FOUND", async () => {
		const anonymous = server.client();
		for (const token of [randomBytes(32).toString("base64url"), "x", "a".repeat(256)]) {
			await expectError(anonymous.invitations.lookup.mutate({ token }), "NOT_FOUND", "INVITATION.NOT_FOUND");
			await expectError(
				anonymous.invitations.accept.mutate({ token, password: STRONG_PASSWORD }),
				"NOT_FOUND",
				"INVITATION.NOT_FOUND",
			);
		}
		await expectError(anonymous.invitations.lookup.mutate({ token: "" }), "BAD_REQUEST");
	});

	it("an expired invitation is NOT_FOUND; a resend renews it", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const email = uniqueEmail();
		const invitation = await client.invitations.create.mutate({ email });
		const token = await tokenFor(email);
		// The clock stays moved: every later test signs in afresh and reads times from the clock.
		server.clock.advance(7 * DAY_MS + 60_000);
		await expectError(server.client().invitations.lookup.mutate({ token }), "NOT_FOUND", "INVITATION.NOT_FOUND");
		await expectError(
			server.client().invitations.accept.mutate({ token, password: STRONG_PASSWORD }),
			"NOT_FOUND",
			"INVITATION.NOT_FOUND",
		);
		const admin = await signedIn(server, TENANT_ADMIN);
		const expired = await admin.client.invitations.list.query({ status: "expired", limit: 100 });
		expect(expired.items.map((item) => item.id)).toContain(invitation.id);
		const renewed = await admin.client.invitations.resend.mutate({ invitationId: invitation.id });
		expect(renewed.status).toBe("pending");
		expect(renewed.expiresAt.getTime()).toBe(server.clock.now().getTime() + 7 * DAY_MS);
		const fresh = await tokenFor(email);
		expect(fresh).not.toBe(token);
		await expectError(server.client().invitations.lookup.mutate({ token }), "NOT_FOUND");
		await server.client().invitations.accept.mutate({ token: fresh, password: STRONG_PASSWORD });
	});

	it("resend voids the previous token", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const email = uniqueEmail();
		const invitation = await client.invitations.create.mutate({ email });
		const first = await tokenFor(email);
		await client.invitations.resend.mutate({ invitationId: invitation.id });
		const second = await tokenFor(email);
		expect(second).not.toBe(first);
		await expectError(server.client().invitations.lookup.mutate({ token: first }), "NOT_FOUND");
		await expectError(
			server.client().invitations.accept.mutate({ token: first, password: STRONG_PASSWORD }),
			"NOT_FOUND",
		);
		await server.client().invitations.accept.mutate({ token: second, password: STRONG_PASSWORD });
		// Accepted invitations cannot be resent or revoked: the person is a user now.
		await expectError(
			client.invitations.resend.mutate({ invitationId: invitation.id }),
			"CONFLICT",
			"INVITATION.ALREADY_ACCEPTED",
		);
		await expectError(
			client.invitations.revoke.mutate({ invitationId: invitation.id }),
			"CONFLICT",
			"INVITATION.ALREADY_ACCEPTED",
		);
	});

	it("revoke ends the link, removes the never-activated user and frees the address", async () => {
		const { user: admin, client } = await signedIn(server, TENANT_ADMIN);
		const email = uniqueEmail();
		const invitation = await client.invitations.create.mutate({ email, firstName: "Rev" });
		const token = await tokenFor(email);
		expect(await client.invitations.revoke.mutate({ invitationId: invitation.id })).toEqual({
			ok: true,
			invitationId: invitation.id,
			userId: invitation.userId,
		});
		await expectError(server.client().invitations.lookup.mutate({ token }), "NOT_FOUND", "INVITATION.NOT_FOUND");
		await expectError(
			server.client().invitations.accept.mutate({ token, password: STRONG_PASSWORD }),
			"NOT_FOUND",
			"INVITATION.NOT_FOUND",
		);
		expect(await userByEmail(admin.tenantId, email)).toBeUndefined();
		expect(await countRows("invitations", "id", invitation.id)).toBe(0);
		const audit = await server.db
			.selectFrom("audit_events")
			.select("action")
			.where("target_user_id", "=", invitation.userId)
			.orderBy("id")
			.execute();
		expect(audit.map((row) => row.action)).toEqual(["invitation.created", "invitation.revoked"]);
		// A second revoke finds nothing; the address can be invited again.
		await expectError(client.invitations.revoke.mutate({ invitationId: invitation.id }), "NOT_FOUND");
		const again = await client.invitations.create.mutate({ email });
		expect(again.userId).not.toBe(invitation.userId);
	});

	it("an address already in the tenant is a CONFLICT, whatever its case", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const existing = await server.seedUser();
		await expectError(
			client.invitations.create.mutate({ email: existing.email.toUpperCase() }),
			"CONFLICT",
			"USER.EMAIL_TAKEN",
		);
	});

	it("refuses unknown keys, a role in the wrong context type and foreign ids, creating nothing", async () => {
		const { user: admin, client } = await signedIn(server, TENANT_ADMIN);
		const email = uniqueEmail();
		await expectError(client.invitations.create.mutate(unsafeInput({ email, state: "active" })), "BAD_REQUEST");
		const accountAdmin = await roleIdOf(server, admin.tenantId, "account_admin");
		await expectError(
			client.invitations.create.mutate({
				email,
				role: { roleId: accountAdmin, contextType: "tenant", contextId: admin.tenantId },
			}),
			"BAD_REQUEST",
			"VALIDATION",
		);
		const otherTenant = await server.createTenant(`other-${randomBytes(3).toString("hex")}`);
		const foreignAccount = await server.db
			.insertInto("accounts")
			.values({ tenant_id: otherTenant, name: "Foreign" })
			.returning("id")
			.executeTakeFirstOrThrow();
		await expectError(
			client.invitations.create.mutate({ email, primaryAccountId: foreignAccount.id }),
			"BAD_REQUEST",
			"VALIDATION",
		);
		await expectError(
			client.invitations.create.mutate({
				email,
				role: { roleId: await roleIdOf(server, otherTenant, "member"), contextType: "tenant", contextId: otherTenant },
			}),
			"BAD_REQUEST",
			"VALIDATION",
		);
		expect(await userByEmail(admin.tenantId, email)).toBeUndefined();
		expect(await server.lastMessage(email)).toBeUndefined();
	});
});

describe("races", () => {
	it("20 parallel accepts of one token: exactly one succeeds", async () => {
		const { user: admin, client } = await signedIn(server, TENANT_ADMIN);
		const email = uniqueEmail();
		const invitation = await client.invitations.create.mutate({
			email,
			role: {
				roleId: await roleIdOf(server, admin.tenantId, "member"),
				contextType: "tenant",
				contextId: admin.tenantId,
			},
		});
		const token = await tokenFor(email);
		const outcomes = await Promise.allSettled(
			Array.from({ length: 20 }, (_, index) =>
				server.client().invitations.accept.mutate({ token, password: `${STRONG_PASSWORD}-${index}` }),
			),
		);
		const ok = outcomes.filter((outcome) => outcome.status === "fulfilled");
		const refused = outcomes.filter((outcome) => outcome.status === "rejected");
		expect(ok).toHaveLength(1);
		expect(refused).toHaveLength(19);
		for (const outcome of refused) {
			expect((outcome.reason as { data?: { code?: string } }).data?.code).toBe("NOT_FOUND");
		}
		const assignments = await server.db
			.selectFrom("role_assignments")
			.select("id")
			.where("user_id", "=", invitation.userId)
			.execute();
		expect(assignments).toHaveLength(1);
		const accepted = await server.db
			.selectFrom("audit_events")
			.select("id")
			.where("target_user_id", "=", invitation.userId)
			.where("action", "=", "invitation.accepted")
			.execute();
		expect(accepted).toHaveLength(1);
	});

	it("parallel accepts with the same password: the losers hear the link is spent, never that the password is reused", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const email = uniqueEmail();
		await client.invitations.create.mutate({ email });
		const token = await tokenFor(email);
		const outcomes = await Promise.allSettled(
			Array.from({ length: 10 }, () => server.client().invitations.accept.mutate({ token, password: STRONG_PASSWORD })),
		);
		expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
		const codes = outcomes.flatMap((outcome) =>
			outcome.status === "rejected" ? [(outcome.reason as { data?: { code?: string } }).data?.code] : [],
		);
		expect(codes).toEqual(Array.from({ length: 9 }, () => "NOT_FOUND"));
	});

	it("20 parallel invites of A@x.io / a@X.io: one user, 19 CONFLICT", async () => {
		const { user: admin, client } = await signedIn(server, TENANT_ADMIN);
		const tag = randomBytes(4).toString("hex");
		const spellings = [`A-${tag}@x.io`, `a-${tag}@X.io`];
		const outcomes = await Promise.allSettled(
			Array.from({ length: 20 }, (_, index) =>
				client.invitations.create.mutate({ email: spellings[index % 2] ?? `a-${tag}@x.io` }),
			),
		);
		expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
		const refused = outcomes.filter((outcome) => outcome.status === "rejected");
		expect(refused).toHaveLength(19);
		for (const outcome of refused) {
			expect((outcome.reason as { data?: { code?: string; domainCode?: string } }).data).toMatchObject({
				code: "CONFLICT",
				domainCode: "USER.EMAIL_TAKEN",
			});
		}
		const email = `a-${tag}@x.io`;
		const users = await server.db
			.selectFrom("users")
			.select("id")
			.where("tenant_id", "=", admin.tenantId)
			.where("email", "=", email)
			.execute();
		expect(users).toHaveLength(1);
		expect(await countRows("invitations", "email", email)).toBe(1);
		expect(await countRows("outbox", "recipient", email)).toBe(1);
	});
});

describe("permissions and boundaries", () => {
	it("an inviter cannot attach a role with permissions they lack: FORBIDDEN, nothing created", async () => {
		const { user: manager, client } = await signedIn(server, { roles: [{ key: "user_manager" }] });
		const email = uniqueEmail();
		const error = await expectError(
			client.invitations.create.mutate({
				email,
				role: {
					roleId: await roleIdOf(server, manager.tenantId, "tenant_admin"),
					contextType: "tenant",
					contextId: manager.tenantId,
				},
			}),
			"FORBIDDEN",
			"INVITATION.ROLE_EXCEEDS_INVITER",
		);
		expect(error.message).toContain("policy.manage");
		expect(await userByEmail(manager.tenantId, email)).toBeUndefined();
		expect(await countRows("invitations", "email", email)).toBe(0);
		expect(await server.lastMessage(email)).toBeUndefined();
		// So is one that differs by a single permission (security_auditor carries audit.read).
		await expectError(
			client.invitations.create.mutate({
				email,
				role: {
					roleId: await roleIdOf(server, manager.tenantId, "security_auditor"),
					contextType: "tenant",
					contextId: manager.tenantId,
				},
			}),
			"FORBIDDEN",
			"INVITATION.ROLE_EXCEEDS_INVITER",
		);
		expect(await userByEmail(manager.tenantId, email)).toBeUndefined();
		// A role inside what they hold is fine.
		const ok = await client.invitations.create.mutate({
			email,
			role: {
				roleId: await roleIdOf(server, manager.tenantId, "user_manager"),
				contextType: "tenant",
				contextId: manager.tenantId,
			},
		});
		expect(ok.status).toBe("pending");
	});

	it("an account administrator invites into their account only, and sees only those invitations", async () => {
		const tenantId = await server.createTenant("acme");
		const [mine, theirs] = await Promise.all(
			["Mine", "Theirs"].map((name) =>
				server.db
					.insertInto("accounts")
					.values({ tenant_id: tenantId, name: `${name} ${randomBytes(2).toString("hex")}` })
					.returning(["id", "name"])
					.executeTakeFirstOrThrow(),
			),
		);
		if (!mine || !theirs) throw new Error("accounts not created");
		const { client } = await signedIn(server, {
			primaryAccountId: mine.id,
			roles: [{ key: "account_admin", contextType: "account", contextId: mine.id }],
		});
		const accountAdmin = await roleIdOf(server, tenantId, "account_admin");
		const inMine = await client.invitations.create.mutate({
			email: uniqueEmail(),
			primaryAccountId: mine.id,
			role: { roleId: accountAdmin, contextType: "account", contextId: mine.id },
		});
		const lookup = await server.client().invitations.lookup.mutate({ token: await tokenFor(inMine.email) });
		expect(lookup.organisation).toBe(mine.name);
		const blocked = uniqueEmail();
		await expectError(
			client.invitations.create.mutate({
				email: blocked,
				role: { roleId: accountAdmin, contextType: "account", contextId: theirs.id },
			}),
			"FORBIDDEN",
			"AUTHZ.FORBIDDEN",
		);
		await expectError(client.invitations.create.mutate({ email: blocked, primaryAccountId: theirs.id }), "FORBIDDEN");
		// No primary account and no role: a tenant-wide invitation, beyond an account administrator.
		await expectError(client.invitations.create.mutate({ email: blocked }), "FORBIDDEN");
		expect(await userByEmail(tenantId, blocked)).toBeUndefined();

		const admin = await signedIn(server, TENANT_ADMIN);
		const inTheirs = await admin.client.invitations.create.mutate({
			email: uniqueEmail(),
			primaryAccountId: theirs.id,
		});
		const tenantWide = await admin.client.invitations.create.mutate({ email: uniqueEmail() });
		const visible = (await client.invitations.list.query({ limit: 100 })).items.map((item) => item.id);
		expect(visible).toEqual([inMine.id]);
		for (const hidden of [inTheirs, tenantWide]) {
			await expectError(client.invitations.resend.mutate({ invitationId: hidden.id }), "NOT_FOUND");
			await expectError(client.invitations.revoke.mutate({ invitationId: hidden.id }), "NOT_FOUND");
		}
		const all = (await admin.client.invitations.list.query({ limit: 100 })).items.map((item) => item.id);
		expect(all).toEqual(expect.arrayContaining([inMine.id, inTheirs.id, tenantWide.id]));
	});

	it("an administrator of another tenant cannot list, resend or revoke: NOT_FOUND, nothing changed", async () => {
		const { client: adminA } = await signedIn(server, TENANT_ADMIN);
		const email = uniqueEmail();
		const invitation = await adminA.invitations.create.mutate({ email });
		const token = await tokenFor(email);
		const before = await server.db
			.selectFrom("invitations")
			.selectAll()
			.where("id", "=", invitation.id)
			.executeTakeFirstOrThrow();

		const { client: adminB } = await signedIn(server, { tenantSlug: "globex", roles: [{ key: "tenant_admin" }] });
		const listed = await adminB.invitations.list.query({ limit: 100 });
		expect(listed.items.map((item) => item.id)).not.toContain(invitation.id);
		await expectError(
			adminB.invitations.resend.mutate({ invitationId: invitation.id }),
			"NOT_FOUND",
			"INVITATION.NOT_FOUND",
		);
		await expectError(
			adminB.invitations.revoke.mutate({ invitationId: invitation.id }),
			"NOT_FOUND",
			"INVITATION.NOT_FOUND",
		);
		const after = await server.db
			.selectFrom("invitations")
			.selectAll()
			.where("id", "=", invitation.id)
			.executeTakeFirstOrThrow();
		expect(after).toEqual(before);
		expect(await tokenFor(email)).toBe(token);
		// Tenant B's invitations live in tenant B; the same address is free there.
		const inB = await adminB.invitations.create.mutate({ email });
		expect(inB.userId).not.toBe(invitation.userId);
	});

	it("a member without invitations.manage gets FORBIDDEN everywhere and changes nothing", async () => {
		const { client: admin } = await signedIn(server, TENANT_ADMIN);
		const invitation = await admin.invitations.create.mutate({ email: uniqueEmail() });
		const { user: member, client } = await signedIn(server, { roles: [{ key: "member" }] });
		const email = uniqueEmail();
		await expectError(client.invitations.create.mutate({ email }), "FORBIDDEN", "AUTHZ.FORBIDDEN");
		await expectError(client.invitations.list.query({}), "FORBIDDEN", "AUTHZ.FORBIDDEN");
		await expectError(client.invitations.resend.mutate({ invitationId: invitation.id }), "FORBIDDEN");
		await expectError(client.invitations.revoke.mutate({ invitationId: invitation.id }), "FORBIDDEN");
		expect(await userByEmail(member.tenantId, email)).toBeUndefined();
		expect(await countRows("invitations", "id", invitation.id)).toBe(1);
	});

	it("anonymous callers reach only lookup and accept", async () => {
		const anonymous = server.client();
		await expectError(anonymous.invitations.create.mutate({ email: uniqueEmail() }), "UNAUTHORIZED");
		await expectError(anonymous.invitations.list.query({}), "UNAUTHORIZED");
		await expectError(
			anonymous.invitations.resend.mutate({ invitationId: "00000000-0000-4000-8000-000000000000" }),
			"UNAUTHORIZED",
		);
		await expectError(
			anonymous.invitations.revoke.mutate({ invitationId: "00000000-0000-4000-8000-000000000000" }),
			"UNAUTHORIZED",
		);
	});
});

describe("list", () => {
	it("pages newest first with a cursor and filters by status", async () => {
		const { client } = await signedIn(server, {
			tenantSlug: `list-${randomBytes(3).toString("hex")}`,
			roles: [{ key: "tenant_admin" }],
		});
		const created = [];
		for (let index = 0; index < 5; index++) {
			created.push(await client.invitations.create.mutate({ email: uniqueEmail(`page${index}`) }));
			server.clock.advance(1000);
		}
		const first = await client.invitations.list.query({ limit: 2 });
		expect(first.items.map((item) => item.id)).toEqual([created[4]?.id, created[3]?.id]);
		expect(first.nextCursor).not.toBeNull();
		const second = await client.invitations.list.query({ limit: 2, cursor: first.nextCursor ?? undefined });
		expect(second.items.map((item) => item.id)).toEqual([created[2]?.id, created[1]?.id]);
		const third = await client.invitations.list.query({ limit: 2, cursor: second.nextCursor ?? undefined });
		expect(third.items.map((item) => item.id)).toEqual([created[0]?.id]);
		expect(third.nextCursor).toBeNull();
		expect((await client.invitations.list.query({ status: "accepted" })).items).toEqual([]);
		expect((await client.invitations.list.query({ status: "pending", limit: 100 })).items).toHaveLength(5);
		await expectError(client.invitations.list.query({ cursor: "not-a-cursor" }), "BAD_REQUEST", "VALIDATION");
		await expectError(client.invitations.list.query({ limit: 1000 }), "BAD_REQUEST");
	});
});
