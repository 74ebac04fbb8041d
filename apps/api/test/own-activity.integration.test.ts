import { ACTIVITY_CATEGORIES } from "@tessera/core/audit/activity-categories";
import type { AuditAction } from "@tessera/core/audit/audit-actions";
import { encodeCursor } from "@tessera/core/shared/cursor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../src/client";
import {
	type CookieJar,
	cookieHeaderOf,
	type SeededUser,
	startTestServer,
	storeCookies,
	type TestServer,
} from "../src/testing";
import { expectError, forgedCursor, signedIn, signedInAs, TENANT_ADMIN, unsafeInput } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0";
const SAFARI_ON_IPHONE =
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/** A typed client that sends `userAgent` as a browser would, with its own cookie jar. */
function browserClient(userAgent: string, jar: CookieJar = new Map()) {
	const client = createClient({
		url: `${server.url}/trpc`,
		fetch: async (input, init) => {
			const headers = new Headers(init?.headers);
			headers.set("user-agent", userAgent);
			if (jar.size > 0) headers.set("cookie", cookieHeaderOf(jar));
			const response = await fetch(input, { ...init, headers });
			storeCookies(jar, response);
			return response;
		},
	});
	return { client, jar };
}

type Client = ReturnType<typeof browserClient>["client"];

/** Signs `user` in from a browser with this user agent; the session must be live. */
async function signInFrom(user: SeededUser, userAgent: string): Promise<Client> {
	const { client } = browserClient(userAgent);
	const result = await client.auth.signIn.mutate({
		tenant: user.tenantSlug,
		email: user.email,
		password: user.password,
	});
	expect(result.status).toBe("signed_in");
	return client;
}

/** A failed sign-in for `user` (wrong password) from a browser with this user agent. */
async function failSignIn(user: SeededUser, userAgent: string): Promise<void> {
	const { client } = browserClient(userAgent);
	await expect(
		client.auth.signIn.mutate({ tenant: user.tenantSlug, email: user.email, password: "not-the-password-1" }),
	).rejects.toThrow();
}

/** Every page of the caller's activity, walked with `nextCursor`. */
async function allPages(client: Client, input: { category?: keyof typeof ACTIVITY_CATEGORIES; limit?: 10 | 25 | 50 }) {
	const pages = [];
	let cursor: string | undefined;
	for (;;) {
		const page = await client.me.activity.query({ ...input, ...(cursor === undefined ? {} : { cursor }) });
		pages.push(page);
		if (page.nextCursor === null) return pages;
		cursor = page.nextCursor;
	}
}

/** The user's events as the database holds them, in the list's order. */
function eventsAbout(user: SeededUser) {
	return server.db
		.selectFrom("audit_events")
		.select(["id", "action", "occurred_at"])
		.where("tenant_id", "=", user.tenantId)
		.where("target_user_id", "=", user.id)
		.orderBy("occurred_at", "desc")
		.orderBy("id", "desc")
		.execute();
}

let tenantCount = 0;
/** A fresh tenant per test, so every assertion on a whole list is exact. */
async function freshTenant(): Promise<string> {
	tenantCount += 1;
	const slug = `activity-${tenantCount}`;
	await server.createTenant(slug);
	return slug;
}

describe("me.activity", () => {
	it("shows the user's own sign-in with its device and address, a failed attempt and a password change, newest first", async () => {
		const tenantSlug = await freshTenant();
		const user = await server.seedUser({ tenantSlug });
		await failSignIn(user, SAFARI_ON_IPHONE);
		server.clock.advance(1_000);
		const client = await signInFrom(user, FIREFOX_ON_LINUX);
		server.clock.advance(1_000);
		await client.security.changePassword.mutate({
			currentPassword: user.password,
			newPassword: "Correct-horse-battery-staple-9",
		});
		server.clock.advance(1_000);

		const { items, nextCursor } = await client.me.activity.query({});

		expect(nextCursor).toBeNull();
		const firefox = { browser: "Firefox 132", os: "Linux", device: null };
		expect(items.map(({ id: _, occurredAt: __, ...item }) => item)).toEqual([
			{ action: "auth.password_changed", outcome: "success", by: "self", ip: "127.0.0.1", device: firefox },
			{ action: "auth.sign_in", outcome: "success", by: "self", ip: "127.0.0.1", device: firefox },
			// Nobody was signed in for a wrong password: the attempt is the user's to see, with its device.
			{
				action: "auth.sign_in",
				outcome: "failure",
				by: "none",
				ip: "127.0.0.1",
				device: { browser: "Mobile Safari 17", os: "iOS 17.5", device: "Apple iPhone" },
			},
		]);
		expect(items.map((item) => item.id)).toEqual((await eventsAbout(user)).map((event) => event.id));
		// Times are the recorded instants (the test clock), as Dates.
		expect(items.at(-1)?.occurredAt).toBeInstanceOf(Date);
		expect(items[0]?.occurredAt.getTime()).toBeGreaterThan(items.at(-1)?.occurredAt.getTime() ?? Infinity);
		// Exactly these fields leave the server: no actor, no target, no user agent, no details.
		for (const item of items) {
			expect(Object.keys(item).sort()).toEqual(["action", "by", "device", "id", "ip", "occurredAt", "outcome"]);
		}
	});

	it("never shows another user's events, of the same tenant or of another one", async () => {
		const tenantSlug = await freshTenant();
		const { user, client } = await signedIn(server, { tenantSlug });
		const neighbour = await server.seedUser({ tenantSlug });
		await failSignIn(neighbour, FIREFOX_ON_LINUX);
		await signInFrom(neighbour, FIREFOX_ON_LINUX);
		// Another tenant: a user there, and a row there that names this user's id as its target
		// (ids are unique, but the tenant is the boundary: a row of another tenant never counts).
		const otherSlug = await freshTenant();
		const stranger = await server.seedUser({ tenantSlug: otherSlug });
		await signInFrom(stranger, FIREFOX_ON_LINUX);
		await server.db
			.insertInto("audit_events")
			.values({
				tenant_id: stranger.tenantId,
				occurred_at: server.clock.now(),
				actor_user_id: stranger.id,
				target_user_id: user.id,
				action: "user.updated",
				outcome: "success",
				ip: "203.0.113.9",
				user_agent: FIREFOX_ON_LINUX,
				details: JSON.stringify({}),
			})
			.execute();

		const { items } = await client.me.activity.query({ limit: 50 });

		expect(items.map((item) => item.id)).toEqual((await eventsAbout(user)).map((event) => event.id));
		expect(items.map((item) => [item.action, item.outcome, item.by])).toEqual([["auth.sign_in", "success", "self"]]);
		// The neighbour's and stranger's views hold only their own events.
		const strangerClient = await signInFrom(stranger, FIREFOX_ON_LINUX);
		const theirs = await strangerClient.me.activity.query({ limit: 50 });
		expect(theirs.items.map((item) => item.id)).toEqual((await eventsAbout(stranger)).map((event) => event.id));
	});

	it("shows an administrator's action on the user as someone else's, without their name, address or device", async () => {
		const tenantSlug = await freshTenant();
		const { user, client } = await signedIn(server, { tenantSlug });
		const admin = await server.seedUser({ ...TENANT_ADMIN, tenantSlug, email: `admin-${tenantSlug}@example.com` });
		const adminClient = await signInFrom(admin, SAFARI_ON_IPHONE);
		server.clock.advance(1_000);
		await adminClient.users.unlock.mutate({ userId: user.id });

		const { items } = await client.me.activity.query({});

		expect(items[0]).toMatchObject({
			action: "user.unlocked",
			outcome: "success",
			by: "other",
			ip: null,
			device: null,
		});
		const answer = JSON.stringify(items);
		expect(answer).not.toContain(admin.id);
		expect(answer).not.toContain(admin.email);
		// The administrator's own activity has their sign-in, never what they did to someone else.
		const theirs = await adminClient.me.activity.query({});
		expect(theirs.items.map((item) => item.action)).toEqual(["auth.sign_in"]);
	});

	it("pages through every event exactly once, in (time, id) order, ties included", async () => {
		const tenantSlug = await freshTenant();
		const { user, client } = await signedIn(server, { tenantSlug });
		// 23 more events, three at a time sharing one instant, so pages split inside a tie.
		const start = server.clock.now().getTime();
		await server.db
			.insertInto("audit_events")
			.values(
				Array.from({ length: 23 }, (_, index) => ({
					tenant_id: user.tenantId,
					occurred_at: new Date(start - 60_000 * Math.floor(index / 3)),
					actor_user_id: user.id,
					target_user_id: user.id,
					action: index % 2 === 0 ? ("auth.sign_out" as const) : ("mfa.totp_enabled" as const),
					outcome: "success" as const,
					ip: "198.51.100.7",
					user_agent: null,
					details: JSON.stringify({}),
				})),
			)
			.execute();

		const pages = await allPages(client, { limit: 10 });

		expect(pages.map((page) => page.items.length)).toEqual([10, 10, 4]);
		const ids = pages.flatMap((page) => page.items.map((item) => item.id));
		expect(ids).toEqual((await eventsAbout(user)).map((event) => event.id));
		expect(new Set(ids).size).toBe(24);
		// No user agent recorded: no device, never a guess.
		expect(pages[1]?.items[0]?.device).toBeNull();
	});

	it("filters by category, and the categories together are the whole list", async () => {
		const tenantSlug = await freshTenant();
		const user = await server.seedUser({ tenantSlug });
		await failSignIn(user, FIREFOX_ON_LINUX);
		const client = await signInFrom(user, FIREFOX_ON_LINUX);
		await expectError(
			client.security.changePassword.mutate({
				currentPassword: "wrong-current-1",
				newPassword: "Unused-passphrase-77",
			}),
			"UNAUTHORIZED",
		);
		await client.security.changePassword.mutate({
			currentPassword: user.password,
			newPassword: "Another-long-passphrase-42",
		});
		await client.me.updateProfile.mutate({ version: (await client.me.get.query()).version, firstName: "Renamed" });
		const admin = await server.seedUser({ ...TENANT_ADMIN, tenantSlug });
		await (await signInFrom(admin, FIREFOX_ON_LINUX)).users.unlock.mutate({ userId: user.id });

		const actionsOf = async (category?: keyof typeof ACTIVITY_CATEGORIES) =>
			(await allPages(client, category === undefined ? {} : { category }))
				.flatMap((page) => page.items)
				.map((item) => item.action);

		expect(await actionsOf("sign_ins")).toEqual(["user.unlocked", "auth.sign_in", "auth.sign_in"]);
		expect(await actionsOf("security")).toEqual(["auth.password_changed", "auth.password_change"]);
		expect(await actionsOf("account")).toEqual(["user.profile_updated"]);
		const all = await actionsOf();
		expect(all).toHaveLength(6);
		for (const [category, actions] of Object.entries(ACTIVITY_CATEGORIES)) {
			const listed = await actionsOf(category as keyof typeof ACTIVITY_CATEGORIES);
			expect(listed.every((action) => (actions as readonly AuditAction[]).includes(action))).toBe(true);
		}
	});

	it("leaves out rows whose action code is no longer in the list, rather than failing", async () => {
		const tenantSlug = await freshTenant();
		const { user, client } = await signedIn(server, { tenantSlug });
		await server.db
			.insertInto("audit_events")
			.values({
				tenant_id: user.tenantId,
				occurred_at: server.clock.now(),
				actor_user_id: user.id,
				target_user_id: user.id,
				action: "auth.renamed_long_ago",
				outcome: "success",
				ip: null,
				user_agent: null,
				details: JSON.stringify({}),
			})
			.execute();

		const { items } = await client.me.activity.query({});

		expect(items.map((item) => item.action)).toEqual(["auth.sign_in"]);
	});

	describe("refuses bad input as BAD_REQUEST, never a server error", () => {
		let client: Client;
		beforeAll(async () => {
			const tenantSlug = await freshTenant();
			const user = await server.seedUser({ tenantSlug });
			client = (await signedInAs(server, user)).client;
		});

		it.each([
			["an unknown category", { category: "everything" }],
			["a category of the wrong type", { category: ["sign_ins"] }],
			["a page size not offered", { limit: 26 }],
			["a page size as text", { limit: "25" }],
			["an unknown field (another user's id)", { userId: "00000000-0000-4000-8000-000000000000" }],
			["a cursor too long", { cursor: "A".repeat(257) }],
		])("%s", async (_name, input) => {
			await expectError(client.me.activity.query(unsafeInput(input)), "BAD_REQUEST");
		});

		it.each([
			["not base64url", "not a cursor!"],
			["not JSON", Buffer.from("{oops", "utf8").toString("base64url")],
			["the wrong length", forgedCursor(["2026-01-01T00:00:00.000Z"])],
			["an id as text", forgedCursor(["2026-01-01T00:00:00.000Z", "1 or 1=1"])],
			["a negative id", forgedCursor(["2026-01-01T00:00:00.000Z", -1])],
			["a fractional id", forgedCursor(["2026-01-01T00:00:00.000Z", 1.5])],
			["an id beyond bigint's safe range", forgedCursor(["2026-01-01T00:00:00.000Z", 2 ** 63])],
			["a date PostgreSQL cannot hold", forgedCursor(["+275760-09-13T00:00:00.000Z", 1])],
			["a date that is not one", forgedCursor(["yesterday", 1])],
			["an object in place of a date", forgedCursor([{ $gt: "" }, 1])],
			["a users-list cursor", encodeCursor(["ann", "00000000-0000-4000-8000-000000000000"])],
		])("a hostile cursor: %s", async (_name, cursor) => {
			await expectError(client.me.activity.query({ cursor }), "BAD_REQUEST", "VALIDATION");
		});

		it("a cursor with a NUL byte", async () => {
			await expectError(client.me.activity.query({ cursor: "abc\u0000" }), "BAD_REQUEST");
		});
	});

	it("needs a session", async () => {
		await expectError(server.client().me.activity.query({}), "UNAUTHORIZED");
	});
});
