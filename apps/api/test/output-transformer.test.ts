import fc from "fast-check";
import superjson from "superjson";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serializeOutput } from "../src/output-transformer";

/** What goes over the wire: the serialised result as JSON text. */
const wire = (value: unknown) => JSON.stringify(value);
/**
 * The wire read back as data: the same data means the same message. (The order of superjson's
 * annotations follows JavaScript's key order at each level; a reader applies them by path.)
 */
const sent = (value: unknown) => JSON.parse(wire(value));

// Keys a reader of the path format cares about: dots and backslashes (escaped in superjson's
// paths), the prototype's names, digits (array-like paths), and ordinary words.
const key = fc.oneof(
	fc.string({ maxLength: 6 }),
	fc.constantFrom("a.b", "a\\b", "__proto__", "constructor", "0", "1", "toString", ""),
);

const leaf = fc.oneof(
	fc.string({ maxLength: 8 }),
	fc.double(), // includes NaN, ±Infinity and -0
	fc.integer(),
	fc.boolean(),
	fc.constant(null),
	fc.constant(undefined),
	fc.date(), // includes invalid dates
	fc.bigInt(),
	fc.constant(new Map([["k", 1]])),
	fc.constant(new Set([1])),
	fc.constant(/re/g),
);

const { tree } = fc.letrec((tie) => ({
	tree: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("array"), tie("object")),
	array: fc.array(tie("tree"), { maxLength: 4 }),
	object: fc.dictionary(key, tie("tree"), { maxKeys: 5 }),
}));

/** Only what procedure outputs hold: plain objects, arrays, strings, finite numbers, booleans, nulls, Dates. */
const { plainTree } = fc.letrec((tie) => ({
	plainTree: fc.oneof(
		{ depthSize: "small" },
		fc.string({ maxLength: 8 }),
		fc.integer(),
		fc.boolean(),
		fc.constant(null),
		fc.date({ noInvalidDate: true }),
		tie("plainArray"),
		tie("plainObject"),
	),
	plainArray: fc.array(tie("plainTree"), { maxLength: 4 }),
	plainObject: fc.dictionary(fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,6}$/), tie("plainTree"), { maxKeys: 5 }),
}));

afterEach(() => {
	vi.restoreAllMocks();
});

describe("serializeOutput", () => {
	it("writes the message superjson writes, for any tree, and refuses what superjson refuses", () => {
		fc.assert(
			fc.property(tree, (value) => {
				let expected: ReturnType<typeof superjson.serialize>;
				try {
					expected = superjson.serialize(value);
				} catch (refused) {
					// superjson refuses some trees (a `__proto__` key): so must we, in the same words.
					expect(() => serializeOutput(value)).toThrow((refused as Error).message);
					return;
				}
				const fast = serializeOutput(value);
				// The same message, so superjson reads back the same value from either.
				expect(sent(fast)).toStrictEqual(sent(expected));
			}),
			{ numRuns: 5000 },
		);
	});

	it("writes outputs of plain data and Dates itself, without superjson's walk", () => {
		const walk = vi.spyOn(superjson, "serialize");
		fc.assert(
			fc.property(plainTree, (value) => {
				expect(superjson.deserialize(JSON.parse(wire(serializeOutput(value))))).toEqual(value);
			}),
			{ numRuns: 1000 },
		);
		expect(walk).not.toHaveBeenCalled();
	});

	it("leaves to superjson what its own format marks: a shared object, undefined, NaN, a Map, a dotted key", () => {
		const shared = new Date(0);
		const cases: unknown[] = [
			{ a: shared, b: { c: shared } },
			{ list: [1, 2], again: undefined },
			{ n: Number.NaN, z: -0 },
			{ m: new Map([["k", new Date(1)]]) },
			{ "a.b": new Date(2) },
			new Date(3),
			new Date(Number.NaN),
			// Two empty keys make the path ".", which must not be read as the root (a seed found it).
			{ "": { "": new Date(5) } },
			[{ "": new Date(6) }],
		];
		for (const value of cases) {
			expect(sent(serializeOutput(value))).toStrictEqual(sent(superjson.serialize(value)));
		}
		const date = new Date(4);
		expect(superjson.deserialize(JSON.parse(wire(serializeOutput({ a: shared, b: { c: shared }, d: date }))))).toEqual({
			a: shared,
			b: { c: shared },
			d: date,
		});
	});
});
