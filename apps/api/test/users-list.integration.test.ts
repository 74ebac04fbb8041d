import { insertBulkUsers } from "@tessera/db/bulk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededUser, startTestServer, type TestClient, type TestServer } from "../src/testing";
import { expectError, unsafeInput } from "./helpers";

let server: TestServer;
let admin: TestClient;
let tenantId: string;
const seeded: SeededUser[] = [];
let accountA: string;
let accountB: string;

beforeAll(async () => {
	server = await startTestServer();
	tenantId = await server.createTenant("listco");
	const accounts = await server.db
		.insertInto("accounts")
		.values([
			{ tenant_id: tenantId, name: "A" },
			{ tenant_id: tenantId, name: "B" },
		])
		.returning("id")
		.execute();
	accountA = accounts[0]?.id ?? "";
	accountB = accounts[1]?.id ?? "";
	const people: [string, string, string, string | null][] = [
		["Ada", "Lovelace", "ada@example.com", accountA],
		["Grace", "Hopper", "grace@navy.example", accountA],
		["Alan", "Turing", "alan@bletchley.example", accountB],
		["Edsger", "Dijkstra", "edsger@tue.example", accountB],
		["Barbara", "Liskov", "barbara%50@mit.example", null],
		["Ken", "Thompson", "ken_t@bell.example", null],
		["Margaret", "Hamilton", "margaret\\nasa@example.com", null],
	];
	for (const [firstName, lastName, email, primaryAccountId] of people) {
		server.clock.advance(60_000);
		seeded.push(await server.seedUser({ tenantSlug: "listco", firstName, lastName, email, primaryAccountId }));
	}
	await server.db
		.updateTable("users")
		.set({ state: "inactive" })
		.where("email", "=", "alan@bletchley.example")
		.execute();
	await server.db
		.updateTable("users")
		.set({ two_factor_enabled: true, two_factor_type: "totp" })
		.where("email", "=", "grace@navy.example")
		.execute();
	const adminUser = await server.seedUser({
		tenantSlug: "listco",
		email: "root@listco.example",
		firstName: "Zed",
		lastName: "Zulu",
		roles: [{ key: "tenant_admin" }],
	});
	admin = server.client();
	await admin.auth.signIn.mutate({ tenant: "listco", email: adminUser.email, password: adminUser.password });
});
afterAll(async () => {
	await server?.close();
});

const emails = (items: { email: string | null }[]) => items.map((item) => item.email);

describe("users.list search", () => {
	it.each([
		["LOVE", ["ada@example.com"]],
		["hopper", ["grace@navy.example"]],
		["bletchley", ["alan@bletchley.example"]],
		["ken_t", ["ken_t@bell.example"]],
	])("finds %s case-insensitively as a substring of email, names or username", async (search, expected) => {
		expect(emails((await admin.users.list.query({ search })).items)).toEqual(expected);
	});

	it.each([
		["%", ["barbara%50@mit.example"]],
		["_", ["ken_t@bell.example"]],
		["\\", ["margaret\\nasa@example.com"]],
		["' OR 1=1--", []],
	])("treats %j literally", async (search, expected) => {
		expect(emails((await admin.users.list.query({ search })).items)).toEqual(expected);
	});
});

describe("users.list filters", () => {
	it("by state, MFA, account, user type, role and creation time", async () => {
		expect(emails((await admin.users.list.query({ states: ["inactive"] })).items)).toEqual(["alan@bletchley.example"]);
		expect(emails((await admin.users.list.query({ mfaEnabled: true })).items)).toEqual(["grace@navy.example"]);
		expect(emails((await admin.users.list.query({ mfaMethods: ["totp"] })).items)).toEqual(["grace@navy.example"]);
		expect(emails((await admin.users.list.query({ accountId: accountB, sort: "email" })).items)).toEqual([
			"alan@bletchley.example",
			"edsger@tue.example",
		]);
		expect((await admin.users.list.query({ userTypes: ["application"] })).items).toEqual([]);
		expect(emails((await admin.users.list.query({ roleKeys: ["tenant_admin"] })).items)).toEqual([
			"root@listco.example",
		]);
		const third = seeded[2];
		const from = await server.db
			.selectFrom("users")
			.select("created_at")
			.where("id", "=", third?.id ?? "")
			.executeTakeFirstOrThrow();
		const page = await admin.users.list.query({
			createdFrom: from.created_at,
			createdTo: new Date(from.created_at.getTime() + 1),
			sort: "created",
		});
		expect(emails(page.items)).toEqual(["alan@bletchley.example"]);
	});

	it("by holding a passkey or not, whatever the preferred second factor, with an exact total", async () => {
		const holders = ["ada@example.com", "edsger@tue.example"];
		const users = await server.db.selectFrom("users").select(["id", "email"]).where("email", "in", holders).execute();
		// Ada holds two passkeys (still one row); Edsger one, while his preferred method stays none.
		const passkeys = [users[0], ...users].map((user, i) => ({
			tenant_id: tenantId,
			user_id: user?.id ?? "",
			credential_id: `list-filter-${i}`,
			public_key: "pk",
			aaguid: "00000000-0000-0000-0000-000000000000",
			name: `Key ${i}`,
			device_type: "multiDevice" as const,
			backed_up: true,
			created_at: new Date(),
		}));
		await server.db.insertInto("passkeys").values(passkeys).execute();
		try {
			const withPasskey = await admin.users.list.query({ hasPasskey: true, sort: "email" });
			expect(emails(withPasskey.items)).toEqual(holders);
			expect(withPasskey.total).toEqual({ count: 2, capped: false });
			const without = await admin.users.list.query({ hasPasskey: false, sort: "email" });
			expect(emails(without.items)).not.toContain("ada@example.com");
			expect(without.total.count).toBe((await admin.users.list.query({})).total.count - 2);
			// With another filter and a search, as the dashboard's link and an admin combine them.
			expect(emails((await admin.users.list.query({ hasPasskey: true, search: "tue" })).items)).toEqual([
				"edsger@tue.example",
			]);
			await expectError(admin.users.list.query(unsafeInput({ hasPasskey: "yes" })), "BAD_REQUEST");
		} finally {
			await server.db.deleteFrom("passkeys").where("credential_id", "like", "list-filter-%").execute();
		}
	});

	it("returns role keys and versions with each row, and an exact total", async () => {
		const page = await admin.users.list.query({ search: "root@" });
		expect(page.items[0]).toMatchObject({ roleKeys: ["tenant_admin"], version: 1, state: "active", userType: "human" });
		expect(page.total).toEqual({ count: 1, capped: false });
	});
});

describe("users.list sorting and keyset pagination", () => {
	it.each(["name", "email", "created", "lastSignIn", "state"] as const)(
		"pages through every user exactly once sorted by %s, both ways",
		async (sort) => {
			for (const direction of ["asc", "desc"] as const) {
				const all = await admin.users.list.query({ sort, direction, limit: 100 });
				const seen: string[] = [];
				let cursor: string | undefined;
				do {
					const page = await admin.users.list.query({ sort, direction, limit: 3, ...(cursor ? { cursor } : {}) });
					seen.push(...page.items.map((item) => item.id));
					cursor = page.nextCursor ?? undefined;
				} while (cursor);
				expect(seen).toEqual(all.items.map((item) => item.id));
				expect(new Set(seen).size).toBe(8);
			}
		},
	);

	it("sorts by name alphabetically by last name", async () => {
		const page = await admin.users.list.query({ sort: "name", limit: 3 });
		expect(page.items.map((item) => item.lastName)).toEqual(["Dijkstra", "Hamilton", "Hopper"]);
	});

	it("refuses bad sorts, oversized pages, forged cursors and unknown filters", async () => {
		await expectError(admin.users.list.query(unsafeInput({ sort: "email;drop table users" })), "BAD_REQUEST");
		await expectError(admin.users.list.query({ limit: 101 }), "BAD_REQUEST");
		await expectError(admin.users.list.query(unsafeInput({ limit: 1e9 })), "BAD_REQUEST");
		await expectError(admin.users.list.query({ cursor: "not-a-cursor" }), "BAD_REQUEST", "VALIDATION");
		await expectError(
			admin.users.list.query({ cursor: Buffer.from('["x","1 or 1=1"]').toString("base64url") }),
			"BAD_REQUEST",
		);
		await expectError(
			admin.users.list.query(unsafeInput({ tenantId: "00000000-0000-4000-8000-000000000000" })),
			"BAD_REQUEST",
		);
	});
});

describe("users.list boundaries", () => {
	it("an account admin sees only their account's users; other tenants' users never appear", async () => {
		const accountAdmin = await server.seedUser({
			tenantSlug: "listco",
			roles: [{ key: "account_admin", contextType: "account", contextId: accountA }],
		});
		const client = server.client();
		await client.auth.signIn.mutate({ tenant: "listco", email: accountAdmin.email, password: accountAdmin.password });
		expect(emails((await client.users.list.query({ sort: "email" })).items)).toEqual([
			"ada@example.com",
			"grace@navy.example",
		]);
		// A filter cannot widen the scope.
		expect((await client.users.list.query({ accountId: accountB })).items).toEqual([]);
		await server.seedUser({ tenantSlug: "acme", email: "outsider@example.com" });
		expect((await admin.users.list.query({ search: "outsider" })).items).toEqual([]);
	});

	it("a member without users.read is refused", async () => {
		const member = await server.seedUser({ tenantSlug: "listco", roles: [{ key: "member" }] });
		const client = server.client();
		await client.auth.signIn.mutate({ tenant: "listco", email: member.email, password: member.password });
		await expectError(client.users.list.query({}), "FORBIDDEN");
	});

	it("counts exactly up to 1,000, then says 1,000+ so a million-user tenant stays fast", async () => {
		const bigTenant = await server.createTenant("bigco");
		// 999 generated users and the admin: exactly the cap.
		await insertBulkUsers(server.db, bigTenant, 999, { batchSize: 1_000 });
		const bigAdmin = await server.seedUser({ tenantSlug: "bigco", roles: [{ key: "tenant_admin" }] });
		const client = server.client();
		await client.auth.signIn.mutate({ tenant: "bigco", email: bigAdmin.email, password: bigAdmin.password });
		expect((await client.users.list.query({ limit: 10 })).total).toEqual({ count: 1_000, capped: false });
		await server.seedUser({ tenantSlug: "bigco" });
		const page = await client.users.list.query({ limit: 10 });
		expect(page.total).toEqual({ count: 1_000, capped: true });
		expect(page.items).toHaveLength(10);
	});
});
