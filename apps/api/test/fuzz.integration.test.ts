/**
 * Fuzz of every procedure in the router, over real HTTP (issue 8). The walk reads the router
 * itself (`appRouter._def.procedures`), so a procedure added later is covered without editing
 * this file. Each procedure is called by four callers: anonymous, a member without roles, a
 * tenant administrator, and someone between password and email code (a sign-in flow cookie, so
 * the `auth.flow.*` steps read their input too). Inputs:
 *
 * - fixed hostile shapes: for each field its schema names (or common field names when it takes
 *   no input), NUL bytes, lone surrogates, dates PostgreSQL cannot hold, NaN; then values of the
 *   field's own kind that pass that check (36 dashes, 3,000 characters, 2^31, 2^53, dates on the
 *   edges of years 1–9999, forged cursors); whole inputs of the wrong kind (cyclic, 40 deep,
 *   Maps, Sets); wire objects superjson cannot, or must not, rebuild;
 * - fast-check inputs: generated from the procedure's own zod schema (half plausible throughout,
 *   to get past validation, half with hostile leaves), and arbitrary values of any shape.
 *
 * Each caller first sends a plausible input; a caller turned away at the door (not signed in,
 * no permission) gets a short list, the one let in gets the whole list.
 *
 * No answer may be INTERNAL_SERVER_ERROR, and none may come from the database's data-exception
 * safety net rather than from a check in front of the database. The totals are printed (set
 * FUZZ_VERBOSE=1 for a line per procedure; FUZZ_SEED=<n> for other inputs).
 *
 * The walk survives calls that succeed and change state: the callers' own ids are never fed to
 * procedures, `auth.signOut` and `policy.update` run last, and a caller whose session or flow is
 * gone (signed out, revoked, too many wrong codes) gets a fresh one before its next call.
 */
import { resolveSession, startSession } from "@tessera/core/auth/session.service";
import { UNSTORABLE_VALUE_MESSAGE } from "@tessera/core/shared/db-faults";
import {
	anyValue,
	awkwardNumber,
	awkwardString,
	edgeDate,
	fc,
	nonFiniteNumber,
	unsafeLeaf,
	unstorableString,
	unsupportedDate,
} from "@tessera/core/shared/hostile-input.testing";
import { MAX_INPUT_DEPTH, MAX_SUPPORTED_DATE_MS, MIN_SUPPORTED_DATE_MS } from "@tessera/core/shared/safe-input";
import { inTransaction } from "@tessera/core/shared/tx";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flowCookieName, sessionCookieName, usesSecureCookies } from "../src/context";
import { appRouter } from "../src/router";
import { type CookieJar, type SeededUser, startTestServer, type TestServer } from "../src/testing";
import { forgedCursor } from "./helpers";
import { callRaw, type ProcedureType, type RawAnswer, type RawRequest } from "./raw-trpc";

/** Random inputs per procedure (the same for every caller): schema-guided, then any shape. */
const SCHEMA_GUIDED_RUNS = 14;
const ANY_SHAPE_RUNS = 6;
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_801);

/** Answers meaning the caller was stopped before the procedure read its input (not a wrong credential). */
const TURNED_AWAY = new Set([
	"AUTH.UNAUTHENTICATED",
	"AUTH.LOGIN_FLOW_EXPIRED",
	"AUTH.REQUIRED_ACTIONS_PENDING",
	"AUTHZ.FORBIDDEN",
]);

/** Run at the end: a valid call may end the caller's session or change the tenant's policy. */
const LAST = ["policy.update", "auth.signOut"];

/** Field names to try on procedures whose schema names none (no input, or one we cannot read). */
const COMMON_KEYS = [
	"email",
	"tenant",
	"search",
	"cursor",
	"ip",
	"firstName",
	"from",
	"to",
	"createdFrom",
	"id",
	"userId",
	"token",
	"code",
	"name",
];

const NUL = String.fromCharCode(0);
const A_UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

// ---------------------------------------------------------------------------------------------
// Reading a procedure's zod schema (zod v4 keeps its definition in `_zod.def`).

interface ZodDef {
	type: string;
	[key: string]: unknown;
}
interface ZodLike {
	_zod: { def: ZodDef };
}
interface ProcedureLike {
	_def: { type: ProcedureType; inputs: unknown[] };
}

const isZod = (value: unknown): value is ZodLike =>
	typeof value === "object" &&
	value !== null &&
	"_zod" in value &&
	typeof (value as ZodLike)._zod?.def?.type === "string";

/** Wrappers whose inner schema decides the shape. */
function unwrap(schema: ZodLike): ZodLike {
	const def = schema._zod.def;
	if (["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"].includes(def.type)) {
		return isZod(def.innerType) ? unwrap(def.innerType) : schema;
	}
	if (def.type === "pipe" && isZod(def.in)) return unwrap(def.in);
	return schema;
}

interface Check {
	check: string;
	minimum?: number;
	maximum?: number;
	value?: number;
	format?: string;
	pattern?: RegExp;
}
const checksOf = (def: ZodDef): Check[] =>
	((def.checks as ZodLike[] | undefined) ?? []).map((check) => check._zod.def as unknown as Check);

/** Real ids of objects the fuzz may act on (never the callers'), used where a schema wants a uuid. */
const targetIds: string[] = [];
/** Real values for fields by name (the tenant's slug, the target's email), so lookups find something. */
const knownValues = new Map<string, string[]>();

function stringArbitrary(def: ZodDef, field: string): fc.Arbitrary<string> {
	const checks = checksOf(def);
	const format = (def.format as string | undefined) ?? checks.find((c) => c.check === "string_format")?.format;
	const pattern = (def.pattern as RegExp | undefined) ?? checks.find((c) => c.check === "string_format")?.pattern;
	const minLength = checks.find((c) => c.check === "min_length")?.minimum ?? 0;
	const maxLength = Math.min(checks.find((c) => c.check === "max_length")?.maximum ?? 40, 80);
	if (format === "uuid" || format === "guid") {
		return targetIds.length > 0 ? fc.oneof(fc.uuid(), fc.constantFrom(...targetIds)) : fc.uuid();
	}
	const known = knownValues.get(field);
	if (known) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, fc.string({ maxLength }));
	if (format === "email") return fc.emailAddress();
	if (format === "datetime") return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
	if (pattern && format === "regex") {
		try {
			return fc.stringMatching(pattern, { size: "xsmall" });
		} catch {
			// a pattern fast-check cannot generate from: plain strings below
		}
	}
	if (/cursor/i.test(field)) {
		return fc.oneof(
			fc.string(),
			fc
				.tuple(
					fc.oneof(
						fc.string(),
						fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
					),
					fc.uuid(),
				)
				.map(forgedCursor),
		);
	}
	return fc.string({ unit: "grapheme", minLength: Math.min(minLength, maxLength), maxLength });
}

function numberArbitrary(def: ZodDef): fc.Arbitrary<number> {
	const checks = checksOf(def);
	const isInt = checks.some((c) => c.check === "number_format" && /int/.test(c.format ?? ""));
	const min = Math.max(checks.find((c) => c.check === "greater_than")?.value ?? -1_000, -1e9);
	const max = Math.min(checks.find((c) => c.check === "less_than")?.value ?? 1_000_000, 1e9);
	return isInt ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
}

/**
 * Inputs shaped like what the schema accepts, most leaves plausible and some hostile (none with
 * `withHostile` false), so calls get past validation and into the procedure, where a value
 * PostgreSQL cannot take would hurt.
 */
function arbitraryOf(schema: ZodLike, withHostile = true, field = "", depth = 0): fc.Arbitrary<unknown> {
	const def = schema._zod.def;
	const hostile = fc.oneof(unsafeLeaf, awkwardString, awkwardNumber);
	const mixed = (valid: fc.Arbitrary<unknown>) =>
		withHostile ? fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: hostile }) : valid;
	if (depth > 6) return fc.constant(undefined);
	const inner = (child: unknown, name = field) =>
		isZod(child) ? arbitraryOf(child, withHostile, name, depth + 1) : anyValue;
	switch (def.type) {
		case "string":
			return mixed(stringArbitrary(def, field));
		case "number":
			return mixed(numberArbitrary(def));
		case "bigint":
			return mixed(fc.bigInt());
		case "boolean":
			return mixed(fc.boolean());
		case "date":
			return fc.oneof(
				{
					weight: 6,
					arbitrary: fc.date({
						min: new Date(MIN_SUPPORTED_DATE_MS),
						max: new Date(MAX_SUPPORTED_DATE_MS),
						noInvalidDate: true,
					}),
				},
				{ weight: 2, arbitrary: edgeDate },
				...(withHostile ? [{ weight: 2, arbitrary: unsupportedDate }] : []),
			);
		case "enum":
			return mixed(fc.constantFrom(...Object.values(def.entries as Record<string, string | number>)));
		case "literal":
			return mixed(fc.constantFrom(...(def.values as unknown[])));
		case "null":
			return fc.constant(null);
		case "undefined":
		case "void":
			return fc.constant(undefined);
		case "optional":
			return fc.option(inner(def.innerType), { nil: undefined, freq: 3 });
		case "nullable":
			return fc.option(inner(def.innerType), { nil: null, freq: 4 });
		case "default":
		case "prefault":
		case "catch":
		case "readonly":
		case "nonoptional":
			return fc.option(inner(def.innerType), { nil: undefined, freq: 4 });
		case "pipe":
			return inner(def.in);
		case "lazy":
			return typeof def.getter === "function" ? inner((def.getter as () => unknown)()) : anyValue;
		case "array": {
			const maxLength = checksOf(def).find((c) => c.check === "max_length")?.maximum ?? 5;
			return mixed(fc.array(inner(def.element), { maxLength: Math.min(maxLength, 6) }));
		}
		case "tuple":
			return fc.tuple(...(def.items as unknown[]).map((item) => inner(item)));
		case "set":
			return fc.array(inner(def.valueType), { maxLength: 4 }).map((items) => new Set(items));
		case "map":
			return fc
				.array(fc.tuple(inner(def.keyType), inner(def.valueType)), { maxLength: 4 })
				.map((entries) => new Map(entries));
		case "record":
			return fc.dictionary(fc.string({ maxLength: 12 }), inner(def.valueType), { maxKeys: 4 });
		case "object": {
			const shape = def.shape as Record<string, unknown>;
			const record = fc
				.record(Object.fromEntries(Object.entries(shape).map(([key, child]) => [key, inner(child, key)])))
				// WebAuthn responses must repeat their id as rawId (a refinement no generator would hit).
				.map((value: Record<string, unknown>) =>
					"rawId" in shape && typeof value.id === "string" ? { ...value, rawId: value.id } : value,
				);
			if (!withHostile) return record;
			// Now and then one key the schema does not know, with a hostile value.
			return fc.oneof(
				{ weight: 9, arbitrary: record },
				{
					weight: 1,
					arbitrary: fc
						.tuple(record, fc.string({ maxLength: 10 }), hostile)
						.map(([value, key, extra]) => ({ ...value, [key]: extra })),
				},
			);
		}
		case "union":
			return fc.oneof(...(def.options as unknown[]).map((option) => inner(option)));
		case "intersection":
			return inner(def.left);
		default:
			return anyValue;
	}
}

const bases = new WeakMap<ZodLike, Record<string, unknown>>();

/**
 * An input the schema accepts, with as many fields set as found, to spoil one field of at a
 * time: the spoiled value then meets the procedure's own logic, not a refusal of a neighbour.
 * Cursors are left out (a random one is refused by the service before any query runs).
 */
function baseOf(schema: ZodLike | undefined): Record<string, unknown> {
	if (!schema) return {};
	const known = bases.get(schema);
	if (known) return known;
	const parser = schema as unknown as { safeParse(value: unknown): { success: boolean } };
	let best: Record<string, unknown> = {};
	for (const candidate of fc.sample(arbitraryOf(schema, false), { numRuns: 200, seed: SEED })) {
		if (typeof candidate !== "object" || candidate === null || Array.isArray(candidate)) continue;
		const fields = Object.entries(candidate).filter(([key, value]) => value !== undefined && !/cursor/i.test(key));
		if (fields.length <= Object.keys(best).length || !parser.safeParse(Object.fromEntries(fields)).success) continue;
		best = Object.fromEntries(fields);
	}
	bases.set(schema, best);
	return best;
}

// ---------------------------------------------------------------------------------------------
// The inputs.

interface FuzzInput {
	label: string;
	request: Pick<RawRequest, "input" | "wire">;
}

/** Refused by the root check whatever the field expects: every field of every procedure gets them. */
const LEAF_VALUES: [string, unknown][] = [
	["NUL", `value${NUL}`],
	["lone surrogate", "value\uD800"],
	["date: year -271821", new Date(-8.64e15)],
	["NaN", Number.NaN],
];

/** Values that pass the root check but may trip what follows, by the kind of value the field takes. */
const TYPED_VALUES: Record<"string" | "number" | "date" | "other", [string, unknown][]> = {
	string: [
		["36 dashes", "-".repeat(36)],
		["3,000 characters", "x".repeat(3_000)],
		["empty", ""],
		["not an address", "999.1.1.1/99"],
		["low surrogate first", "\uDC00\uD800"],
		["a number", 1e308],
	],
	number: [
		["-1", -1],
		["2^31", 2 ** 31],
		["2^53 + 2", 2 ** 53 + 2],
		["1e308", 1e308],
		["0.5", 0.5],
		["Infinity", Number.POSITIVE_INFINITY],
	],
	date: [
		["date: year 1", new Date(MIN_SUPPORTED_DATE_MS)],
		["date: 9999-12-31", new Date(MAX_SUPPORTED_DATE_MS)],
		["date: year 10000", new Date(MAX_SUPPORTED_DATE_MS + 1)],
		["date: year 275760", new Date(8.64e15)],
	],
	other: [
		["array", [NUL]],
		["object", { nested: `x${NUL}` }],
		["null", null],
		["bigint", 2n ** 70n],
	],
};

/** Cursors as a hostile client would forge them. */
const CURSOR_VALUES: [string, unknown][] = [
	["cursor: 36-dash id", forgedCursor(["ann", "-".repeat(36)])],
	["cursor: dated, 36-dash id", forgedCursor(["2026-01-01T00:00:00.000Z", "-".repeat(36)])],
	["cursor: year 275760", forgedCursor(["+275760-09-13T00:00:00.000Z", A_UUID])],
	["cursor: NUL inside", forgedCursor([`a${NUL}`, A_UUID])],
	["cursor: not base64url", "!!!"],
	["cursor: not JSON", Buffer.from("[1,").toString("base64url")],
	["cursor: zero", "0"],
];

function kindOf(schema: ZodLike | undefined): keyof typeof TYPED_VALUES {
	const type = schema ? unwrap(schema)._zod.def.type : "";
	if (type === "string" || type === "enum" || type === "literal") return "string";
	if (type === "number") return "number";
	if (type === "date") return "date";
	return "other";
}

/** Each field's schema (the first option's, for unions), or common names when none can be read. */
function fieldSchemasOf(schema: ZodLike | undefined): Map<string, ZodLike | undefined> {
	const out = new Map<string, ZodLike | undefined>();
	const collect = (current: ZodLike) => {
		const def = unwrap(current)._zod.def;
		if (def.type === "object") {
			for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) {
				if (!out.has(key)) out.set(key, isZod(child) ? child : undefined);
			}
		} else if (def.type === "union") {
			for (const option of (def.options as unknown[]).filter(isZod)) collect(option);
		} else if (def.type === "intersection") {
			for (const side of [def.left, def.right].filter(isZod)) collect(side);
		}
	};
	if (schema) collect(schema);
	if (out.size === 0) for (const key of COMMON_KEYS) out.set(key, undefined);
	return out;
}

/** Whole inputs of the wrong kind. */
function wholeInputs(): FuzzInput[] {
	let deep: unknown = "bottom";
	for (let i = 0; i < MAX_INPUT_DEPTH + 8; i++) deep = { deeper: deep };
	const cyclic: Record<string, unknown> = { a: 1 };
	cyclic.self = cyclic;
	const manyKeys = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`k${i}`, i]));
	const values: [string, unknown][] = [
		["undefined", undefined],
		["null", null],
		["empty string", ""],
		["NUL", NUL],
		["lone surrogate", "\uD800"],
		["number", 0],
		["NaN", Number.NaN],
		["true", true],
		["empty array", []],
		["array of NUL", [NUL]],
		["empty object", {}],
		["date out of range", new Date(8.64e15)],
		["nested 40 deep", deep],
		["self-referencing", cyclic],
		["1,000 keys", manyKeys],
		["Map with a NUL key", new Map([[NUL, 1]])],
		["Set with NaN", new Set([Number.NaN])],
		["key with NUL", { [`k${NUL}`]: 1 }],
	];
	return values.map(([label, input]) => ({ label: `input: ${label}`, request: { input } }));
}

/** Wire objects superjson cannot rebuild, or must not (prototype paths, unknown types). */
const WIRES: FuzzInput[] = (
	[
		["not an object", "just text"],
		["meta not an object", { json: {}, meta: "garbage" }],
		["bigint of garbage", { json: { a: "x" }, meta: { values: { a: ["bigint"] } } }],
		["set of a number", { json: 5, meta: { values: ["set"] } }],
		["map of garbage", { json: { a: "x" }, meta: { values: { a: ["map"] } } }],
		["regexp of garbage", { json: { a: "(" }, meta: { values: { a: ["regexp"] } } }],
		["URL of garbage", { json: { a: "::" }, meta: { values: { a: ["URL"] } } }],
		["unknown class", { json: { a: {} }, meta: { values: { a: [["class", "Nope"]] } } }],
		["unknown custom", { json: { a: "x" }, meta: { values: { a: [["custom", "Nope"]] } } }],
		["unknown typed array", { json: { a: [1] }, meta: { values: { a: [["typed-array", "Nope"]] } } }],
		["__proto__ path", { json: { a: "2020-01-01" }, meta: { values: { "__proto__.a": ["Date"] } } }],
		["constructor.prototype path", { json: {}, meta: { values: { "constructor.prototype.x": ["Date"] } } }],
		["dangling reference", { json: { a: 1 }, meta: { referentialEqualities: { a: ["b.c.d"] } } }],
		["invalid Date", { json: { a: "not a date" }, meta: { values: { a: ["Date"] } } }],
		["future superjson version", { json: { a: 1 }, meta: { v: 99 } }],
	] as const
).map(([label, wire]) => ({ label: `wire: ${label}`, request: { wire } }));

/**
 * The fixed hostile inputs for one procedure. `full` for a caller the procedure lets in (every
 * field gets the root check's leaves and values of its own kind, plus whole inputs of the wrong
 * kind); `reduced` for one it turns away at the door (the leaves only, to show the root check
 * answers before authentication does).
 */
function fixedInputs(schema: ZodLike | undefined): { full: FuzzInput[]; reduced: FuzzInput[] } {
	const base = baseOf(schema);
	const spoil = (field: string, label: string, value: unknown): FuzzInput => ({
		label: `${field}: ${label}`,
		request: { input: { ...base, [field]: value } },
	});
	const full: FuzzInput[] = [];
	const reduced: FuzzInput[] = [];
	for (const [field, fieldSchema] of fieldSchemasOf(schema)) {
		const leaves = LEAF_VALUES.map(([label, value]) => spoil(field, label, value));
		reduced.push(...leaves.slice(0, 1), ...leaves.slice(2, 3));
		const kind = kindOf(fieldSchema);
		full.push(...leaves, ...TYPED_VALUES[kind].map(([label, value]) => spoil(field, label, value)));
		if (/cursor/i.test(field)) full.push(...CURSOR_VALUES.map(([label, value]) => spoil(field, label, value)));
		if (kind === "date") {
			full.push({
				label: `${field}: invalid Date on the wire`,
				request: { wire: { json: { ...base, [field]: "not a date" }, meta: { values: { [field]: ["Date"] } } } },
			});
		}
	}
	return { full: [...full, ...wholeInputs()], reduced };
}

function randomInputs(schema: ZodLike | undefined, path: string, runs: { guided: number; shapeless: number }) {
	const seed = SEED + [...path].reduce((sum, char) => sum + char.charCodeAt(0), 0);
	// Half plausible throughout (to get past validation into the procedure), half with hostile leaves.
	const plausible = Math.ceil(runs.guided / 2);
	const guided = schema
		? [
				...fc.sample(arbitraryOf(schema, false), { numRuns: plausible, seed }),
				...fc.sample(arbitraryOf(schema), { numRuns: runs.guided - plausible, seed: seed + 2 }),
			]
		: [];
	const shapeless = fc.sample(
		fc.oneof(
			anyValue,
			fc.dictionary(fc.string(), fc.oneof(anyValue, unsafeLeaf, awkwardString, awkwardNumber, nonFiniteNumber)),
			fc.array(fc.oneof(unstorableString, awkwardNumber, unsupportedDate)),
		),
		{ numRuns: runs.shapeless + (schema ? 0 : runs.guided), seed: seed + 1 },
	);
	return [
		...guided.map((input, i): FuzzInput => ({ label: `schema-guided #${i}`, request: { input } })),
		...shapeless.map((input, i): FuzzInput => ({ label: `any shape #${i}`, request: { input } })),
	];
}

// ---------------------------------------------------------------------------------------------
// The walk.

interface Caller {
	name: string;
	jar: CookieJar;
	/** Whether this caller's credential (session or sign-in flow) is gone and must be renewed. */
	isLost(answer: RawAnswer | null): Promise<boolean>;
	renew(): Promise<void>;
}

const rankOf = (path: string) => LAST.indexOf(path) + 1;
const PROCEDURES = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureLike>).sort(
	([a], [b]) => rankOf(a) - rankOf(b) || a.localeCompare(b),
);

let server: TestServer;
let callers: Caller[];

/** Signed in once; a session that ends is replaced by one made in the database (MFA may be on by then). */
async function signedInCaller(name: string, user: SeededUser, sessionCookie: string): Promise<Caller> {
	const jar: CookieJar = new Map();
	await server.client(jar).auth.signIn.mutate({ tenant: user.tenantSlug, email: user.email, password: user.password });
	expect(jar.has(sessionCookie)).toBe(true);
	return {
		name,
		jar,
		async isLost(answer) {
			if (!jar.has(sessionCookie)) return true;
			if (answer?.code !== "UNAUTHORIZED") return false;
			return (await resolveSession(server, jar.get(sessionCookie))) === null;
		},
		async renew() {
			const { token } = await inTransaction(server.db, (trx) =>
				startSession(
					trx,
					server.clock,
					{ tenantId: user.tenantId, userId: user.id, amr: ["password"] },
					{ ip: "127.0.0.1", userAgent: "fuzz" },
				),
			);
			jar.set(sessionCookie, token);
		},
	};
}

/**
 * Between password and second factor: the flow cookie of a user with email codes on, so the
 * sign-in steps (auth.flow.*) read their input too. Wrong codes end the flow and add up to a
 * lockout, so a lost flow is started again with the failure count cleared.
 */
async function midSignInCaller(user: SeededUser, flowCookie: string): Promise<Caller> {
	const jar: CookieJar = new Map();
	const start = async () => {
		await server.db
			.updateTable("users")
			.set({ failed_attempts: 0, locked_until: null })
			.where("id", "=", user.id)
			.execute();
		jar.clear();
		const result = await server
			.client(jar)
			.auth.signIn.mutate({ tenant: user.tenantSlug, email: user.email, password: user.password });
		expect(result.status).toBe("mfa_required");
	};
	await start();
	return {
		name: "signing in",
		jar,
		async isLost(answer) {
			return !jar.has(flowCookie) || answer?.domainCode === "AUTH.LOGIN_FLOW_EXPIRED";
		},
		renew: start,
	};
}

beforeAll(async () => {
	server = await startTestServer();
	const secure = usesSecureCookies(server.url);
	const member = await server.seedUser({ firstName: "Mia", lastName: "Member" });
	const admin = await server.seedUser({ roles: [{ key: "tenant_admin" }], firstName: "Ada", lastName: "Admin" });
	const target = await server.seedUser({ firstName: "Tara", lastName: "Target" });
	const withEmailCodes = await server.seedUser({ firstName: "Flo", lastName: "Flow" });
	const setup = server.client();
	await setup.auth.signIn.mutate({ tenant: "acme", email: withEmailCodes.email, password: withEmailCodes.password });
	await setup.security.mfa.setChannel.mutate({ channel: "email", enabled: true });
	targetIds.push(target.id, target.tenantId);
	knownValues.set("tenant", [target.tenantSlug]);
	knownValues.set("email", [target.email]);
	const nobody: Caller = { name: "anonymous", jar: new Map(), isLost: async () => false, renew: async () => {} };
	callers = [
		nobody,
		await signedInCaller("member", member, sessionCookieName(secure)),
		await signedInCaller("tenant admin", admin, sessionCookieName(secure)),
		await midSignInCaller(withEmailCodes, flowCookieName(secure)),
	];
});
afterAll(async () => {
	await server?.close();
});

/** The database's safety net for data exceptions (class 22): its answer means a check in front was missing. */
function isSafetyNetAnswer(answer: RawAnswer): boolean {
	return Object.values(answer.fieldErrors ?? {})
		.flat()
		.includes(UNSTORABLE_VALUE_MESSAGE);
}

describe("fuzz: every procedure, every caller", () => {
	it("never answers INTERNAL_SERVER_ERROR", { timeout: 300_000 }, async () => {
		const histogram = new Map<string, number>();
		const byProcedure = new Map<string, Map<string, number>>();
		const failures: string[] = [];
		let calls = 0;
		let unsendable = 0;
		let renewals = 0;
		const started = Date.now();

		const send = async (path: string, type: ProcedureType, caller: Caller, { label, request }: FuzzInput) => {
			let wire: unknown;
			try {
				wire = "wire" in request ? request.wire : superjson.serialize(request.input);
			} catch {
				// superjson cannot write an invalid Date; the fixed inputs send those by hand.
				unsendable++;
				return null;
			}
			if (await caller.isLost(null)) {
				await caller.renew();
				renewals++;
			}
			const answer = await callRaw(server.url, path, type, { wire, cookies: caller.jar });
			calls++;
			histogram.set(answer.code, (histogram.get(answer.code) ?? 0) + 1);
			const own = byProcedure.get(path) ?? new Map<string, number>();
			own.set(answer.code, (own.get(answer.code) ?? 0) + 1);
			byProcedure.set(path, own);
			if (answer.status >= 500 || answer.code === "INTERNAL_SERVER_ERROR" || isSafetyNetAnswer(answer)) {
				failures.push(
					`${path} as ${caller.name}, ${label}: ${answer.status} ${answer.code} ${JSON.stringify(answer.fieldErrors)} ` +
						`input=${JSON.stringify(wire)?.slice(0, 300)}`,
				);
			}
			// A session or flow that ended (signed out, revoked, too many wrong codes) is renewed.
			if (await caller.isLost(answer)) {
				await caller.renew();
				renewals++;
			}
			return answer;
		};

		for (const [path, procedure] of PROCEDURES) {
			const schema = procedure._def.inputs.find(isZod);
			const fixed = fixedInputs(schema);
			const full = [
				...fixed.full,
				...randomInputs(schema, path, { guided: SCHEMA_GUIDED_RUNS, shapeless: ANY_SHAPE_RUNS }),
			];
			const reduced = [...fixed.reduced, ...randomInputs(schema, path, { guided: 3, shapeless: 2 })];
			for (const caller of callers) {
				// A caller the procedure turns away before reading input gets the short list.
				const probe = await send(path, procedure._def.type, caller, {
					label: "base",
					request: { input: baseOf(schema) },
				});
				const admitted = probe !== null && !TURNED_AWAY.has(probe.domainCode ?? "");
				// Decoding the wire happens before any procedure runs; once per procedure is enough.
				const inputs = caller === callers[0] ? [...(admitted ? full : reduced), ...WIRES] : admitted ? full : reduced;
				for (const input of inputs) await send(path, procedure._def.type, caller, input);
			}
		}

		const codes = Object.fromEntries([...histogram].sort(([, a], [, b]) => b - a));
		console.log(
			`fuzz: ${PROCEDURES.length} procedures × ${callers.length} callers (${callers.map((c) => c.name).join(", ")}), ` +
				`${calls} calls in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED}; ${unsendable} inputs ` +
				`superjson cannot write skipped; ${renewals} sessions or sign-in flows renewed)\n` +
				`answers by code: ${JSON.stringify(codes)}`,
		);
		if (process.env.FUZZ_VERBOSE) {
			for (const [path, own] of byProcedure) console.log(`  ${path}: ${JSON.stringify(Object.fromEntries(own))}`);
		}
		expect(failures).toEqual([]);
		expect(PROCEDURES.length).toBeGreaterThan(50);
	});
});
