/**
 * Input PostgreSQL cannot take is refused at the root, as the caller's mistake naming the field,
 * before any query runs (issue 8). Each case here once answered INTERNAL_SERVER_ERROR (a data
 * exception: 22021 NUL, 22008 date out of range, 22P02 malformed uuid) or was stored altered
 * (invalid UTF-8 as U+FFFD). Every case asserts the root check's own message and path, so a
 * database-side safety net cannot be what makes it pass, and that the database did not change.
 */
import { INVALID_CURSOR_MESSAGE } from "@tessera/core/shared/cursor";
import { MAX_SUPPORTED_DATE_MS, MIN_SUPPORTED_DATE_MS, SAFE_INPUT_MESSAGES } from "@tessera/core/shared/safe-input";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CookieJar, type SeededUser, startTestServer, type TestServer } from "../src/testing";
import { forgedCursor } from "./helpers";
import { callRaw, type RawAnswer, type RawRequest } from "./raw-trpc";

const NUL = String.fromCharCode(0);
const { unstorableCharacter, dateOutOfRange, invalidDate, nonFiniteNumber, tooDeep } = SAFE_INPUT_MESSAGES;

let server: TestServer;
let admin: SeededUser;
let adminJar: CookieJar;

beforeAll(async () => {
	server = await startTestServer();
	admin = await server.seedUser({ roles: [{ key: "tenant_admin" }], firstName: "Ada", lastName: "Admin" });
	adminJar = new Map();
	await server.client(adminJar).auth.signIn.mutate({ tenant: "acme", email: admin.email, password: admin.password });
});
afterAll(async () => {
	await server?.close();
});

/** What a refused call could have changed: users, sessions, credentials and the audit log. */
async function snapshot() {
	const [users, sessions, audit, passwords] = await Promise.all([
		server.db.selectFrom("users").selectAll().orderBy("id").execute(),
		server.db.selectFrom("sessions").select(["id", "last_seen_at", "revoked_at"]).orderBy("id").execute(),
		server.db
			.selectFrom("audit_events")
			.select((eb) => eb.fn.countAll<string>().as("n"))
			.executeTakeFirstOrThrow(),
		server.db.selectFrom("password_credentials").selectAll().orderBy("user_id").execute(),
	]);
	return { users, sessions, audit: Number(audit.n), passwords };
}

/** Calls, then checks the answer names `field` with `message`, and that nothing was written. */
async function expectRefused(
	path: string,
	type: "query" | "mutation",
	request: RawRequest,
	field: string,
	message: string,
): Promise<RawAnswer> {
	const before = await snapshot();
	const answer = await callRaw(server.url, path, type, request);
	expect(answer.status, JSON.stringify(answer.body)).toBe(400);
	expect(answer.code).toBe("BAD_REQUEST");
	expect(answer.domainCode).toBe("VALIDATION");
	expect(answer.fieldErrors).toEqual({ [field]: [message] });
	expect(await snapshot()).toEqual(before);
	return answer;
}

const asAdmin = (input: unknown): RawRequest => ({ input, cookies: adminJar });

describe("NUL bytes (22021)", () => {
	it("in auth.signIn's tenant or email, from an anonymous caller", async () => {
		const base = { tenant: "acme", email: admin.email, password: admin.password };
		await expectRefused(
			"auth.signIn",
			"mutation",
			{ input: { ...base, tenant: `ac${NUL}me` } },
			"tenant",
			unstorableCharacter,
		);
		await expectRefused(
			"auth.signIn",
			"mutation",
			{ input: { ...base, email: `${NUL}${admin.email}` } },
			"email",
			unstorableCharacter,
		);
	});

	it("in users.list search and cursor", async () => {
		await expectRefused("users.list", "query", asAdmin({ search: `ann${NUL}` }), "search", unstorableCharacter);
		await expectRefused("users.list", "query", asAdmin({ cursor: `abc${NUL}` }), "cursor", unstorableCharacter);
	});

	it("in audit.list's ip filter", async () => {
		await expectRefused("audit.list", "query", asAdmin({ ip: `127.0.0.1${NUL}` }), "ip", unstorableCharacter);
	});

	it("inside a cursor's text, once decoded", async () => {
		const cursor = forgedCursor([`zed${NUL}`, "0f8fad5b-d9cb-469f-a165-70867728950e"]);
		await expectRefused("users.list", "query", asAdmin({ sort: "name", cursor }), "cursor", INVALID_CURSOR_MESSAGE);
	});
});

describe("dates outside years 1–9999 (22008)", () => {
	it("in users.list createdFrom", async () => {
		await expectRefused(
			"users.list",
			"query",
			asAdmin({ createdFrom: new Date(-8.64e15) }),
			"createdFrom",
			dateOutOfRange,
		);
		await expectRefused(
			"users.list",
			"query",
			asAdmin({ createdTo: new Date(MAX_SUPPORTED_DATE_MS + 1) }),
			"createdTo",
			dateOutOfRange,
		);
	});

	it("year -300000, which no Date can hold: superjson rebuilds it as an invalid Date", async () => {
		const wire = { json: { createdFrom: "-300000-01-01T00:00:00.000Z" }, meta: { values: { createdFrom: ["Date"] } } };
		await expectRefused("users.list", "query", { wire, cookies: adminJar }, "createdFrom", invalidDate);
	});

	it("in audit.list from and to", async () => {
		await expectRefused("audit.list", "query", asAdmin({ from: new Date(-8.64e15) }), "from", dateOutOfRange);
		await expectRefused("audit.list", "query", asAdmin({ to: new Date(8.64e15) }), "to", dateOutOfRange);
	});

	it("in list cursors (created and last sign-in sorts, applications, invitations)", async () => {
		const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
		for (const date of ["+275760-09-13T00:00:00.000Z", "-271821-04-20T00:00:00.000Z"]) {
			const cursor = forgedCursor([date, id]);
			await expectRefused(
				"users.list",
				"query",
				asAdmin({ sort: "created", cursor }),
				"cursor",
				INVALID_CURSOR_MESSAGE,
			);
			await expectRefused(
				"users.list",
				"query",
				asAdmin({ sort: "lastSignIn", cursor }),
				"cursor",
				INVALID_CURSOR_MESSAGE,
			);
			await expectRefused(
				"apiKeys.listApplicationUsers",
				"query",
				asAdmin({ cursor }),
				"cursor",
				INVALID_CURSOR_MESSAGE,
			);
			await expectRefused("invitations.list", "query", asAdmin({ cursor }), "cursor", INVALID_CURSOR_MESSAGE);
		}
	});

	it("accepts the range's own edges and queries with them", async () => {
		for (const [from, to] of [
			[new Date(MIN_SUPPORTED_DATE_MS), new Date(MAX_SUPPORTED_DATE_MS)],
			[new Date(MAX_SUPPORTED_DATE_MS), new Date(MIN_SUPPORTED_DATE_MS)],
		] as const) {
			const users = await callRaw(server.url, "users.list", "query", asAdmin({ createdFrom: from, createdTo: to }));
			expect(users.code, JSON.stringify(users.body)).toBe("OK");
			const audit = await callRaw(server.url, "audit.list", "query", asAdmin({ from, to }));
			expect(audit.code, JSON.stringify(audit.body)).toBe("OK");
			for (const sort of ["created", "lastSignIn"]) {
				const cursor = forgedCursor([from.toISOString(), "0f8fad5b-d9cb-469f-a165-70867728950e"]);
				const page = await callRaw(server.url, "users.list", "query", asAdmin({ sort, cursor }));
				expect(page.code, JSON.stringify(page.body)).toBe("OK");
			}
		}
	});
});

describe("malformed cursors (22P02)", () => {
	it("a cursor whose id is 36 dashes", async () => {
		const dashes = "-".repeat(36);
		await expectRefused(
			"users.list",
			"query",
			asAdmin({ sort: "name", cursor: forgedCursor(["ann", dashes]) }),
			"cursor",
			INVALID_CURSOR_MESSAGE,
		);
		const dated = forgedCursor(["2026-01-01T00:00:00.000Z", dashes]);
		await expectRefused(
			"users.list",
			"query",
			asAdmin({ sort: "created", cursor: dated }),
			"cursor",
			INVALID_CURSOR_MESSAGE,
		);
		await expectRefused(
			"apiKeys.listApplicationUsers",
			"query",
			asAdmin({ cursor: dated }),
			"cursor",
			INVALID_CURSOR_MESSAGE,
		);
		await expectRefused("invitations.list", "query", asAdmin({ cursor: dated }), "cursor", INVALID_CURSOR_MESSAGE);
	});

	it("an audit cursor that is not a plain positive id", async () => {
		for (const cursor of ["0", "-1", "1e3", "9007199254740993", "1;"]) {
			await expectRefused("audit.list", "query", asAdmin({ cursor }), "cursor", INVALID_CURSOR_MESSAGE);
		}
	});
});

describe("text that is not valid Unicode", () => {
	async function ownRow() {
		return server.db.selectFrom("users").selectAll().where("id", "=", admin.id).executeTakeFirstOrThrow();
	}

	it("a lone surrogate in a first name through me.updateProfile", async () => {
		const before = await ownRow();
		for (const firstName of ["\uD83D", "Ann\uDE00", "\uDE00\uD83D"]) {
			await expectRefused(
				"me.updateProfile",
				"mutation",
				asAdmin({ version: before.version, firstName }),
				"firstName",
				unstorableCharacter,
			);
		}
		expect(await ownRow()).toEqual(before);
	});

	it("invalid UTF-8 bytes in the JSON body of me.updateProfile: refused, not stored as U+FFFD", async () => {
		const before = await ownRow();
		const json = JSON.stringify(superjson.serialize({ version: before.version, firstName: "Xa" }));
		const [head, tail] = json.split("Xa") as [string, string];
		// "X" then 0xFF 0xFE: bytes no UTF-8 text contains.
		const body = Buffer.concat([Buffer.from(`${head}X`), Buffer.from([0xff, 0xfe]), Buffer.from(tail)]);
		const answer = await callRaw(server.url, "me.updateProfile", "mutation", { body, cookies: adminJar });
		expect(answer.status).toBe(400);
		expect(answer.code).toBe("BAD_REQUEST");
		expect(answer.message).toBe("The request body is not valid UTF-8");
		expect(await ownRow()).toEqual(before);
		// The same body, valid, does change the name: the refusal was about the bytes.
		const valid = await callRaw(server.url, "me.updateProfile", "mutation", {
			input: { version: before.version, firstName: "X\uFFFD" },
			cookies: adminJar,
		});
		expect(valid.code, JSON.stringify(valid.body)).toBe("OK");
		expect((await ownRow()).first_name).toBe("X\uFFFD");
	});

	it("a query string that percent-decodes to invalid UTF-8 gets 400, not U+FFFD", async () => {
		const before = await snapshot();
		const answer = await callRaw(server.url, "users.list", "query", { query: "input=%FF", cookies: adminJar });
		expect(answer.status).toBe(400);
		expect(answer.code).toBe("BAD_REQUEST");
		expect(answer.message).toBe("The request URL is not valid UTF-8 once percent-decoded");
		// A lead byte followed by a non-continuation byte, inside an otherwise valid input.
		const wrapped = `input=${encodeURIComponent('{"json":{"search":"')}%C3%28${encodeURIComponent('"}}')}`;
		expect((await callRaw(server.url, "users.list", "query", { query: wrapped, cookies: adminJar })).status).toBe(400);
		expect(await snapshot()).toEqual(before);
	});

	it("a procedure path that tRPC would decode into invalid UTF-8 gets 400, not 500", async () => {
		for (const path of ["users.list%25FF", "%25", "%25E0%25A4%25A"]) {
			const answer = await callRaw(server.url, path, "query", { input: {}, cookies: adminJar });
			expect(answer.status).toBe(400);
		}
		expect((await callRaw(server.url, "%FF", "query", { input: {} })).status).toBe(400);
	});
});

describe("other values superjson can rebuild", () => {
	it("NaN and Infinity", async () => {
		await expectRefused("users.list", "query", asAdmin({ limit: Number.NaN }), "limit", nonFiniteNumber);
		await expectRefused("audit.list", "query", asAdmin({ limit: Number.POSITIVE_INFINITY }), "limit", nonFiniteNumber);
	});

	it("a self-referencing object (superjson's referential equalities)", async () => {
		const cyclic: Record<string, unknown> = { search: "x" };
		cyclic.self = cyclic;
		const wire = superjson.serialize(cyclic);
		expect(wire.meta?.referentialEqualities).toBeDefined();
		const answer = await callRaw(server.url, "users.list", "query", { wire, cookies: adminJar });
		expect(answer.status).toBe(400);
		expect(Object.values(answer.fieldErrors ?? {})).toEqual([[tooDeep]]);
	});

	it("prototype-poisoning keys in a JSON body are refused by the parser (400, not parsed)", async () => {
		const body = '{"json":{"tenant":"acme","email":"a@b.co","password":"x","__proto__":{"isAdmin":true}}}';
		const answer = await callRaw(server.url, "auth.signIn", "mutation", { body });
		expect(answer.status).toBe(400);
		expect(answer.code).toBe("PARSE_ERROR");
	});
});
