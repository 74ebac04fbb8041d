import { describe, expect, it } from "vitest";
import { fc, loneSurrogate, unsafeLeaf, unstorableString, unsupportedDate } from "./hostile-input.testing";
import {
	findUnsafeInput,
	isStorableString,
	MAX_INPUT_DEPTH,
	MAX_SUPPORTED_DATE_MS,
	MIN_SUPPORTED_DATE_MS,
	SAFE_INPUT_MESSAGES,
	ZStorableString,
	ZSupportedDate,
} from "./safe-input";

const NUL = String.fromCharCode(0);

describe("findUnsafeInput: examples", () => {
	it("names the path of a NUL in a nested string, as zod would spell it", () => {
		expect(findUnsafeInput({ filters: { search: `ann${NUL}a` } })).toEqual({
			path: "filters.search",
			message: SAFE_INPUT_MESSAGES.unstorableCharacter,
		});
		expect(findUnsafeInput({ users: [{ id: "ok" }, { id: NUL }] })?.path).toBe("users.1.id");
	});

	it("refuses unpaired surrogates and accepts proper pairs", () => {
		expect(findUnsafeInput({ firstName: "😀 Ann" })).toBeNull();
		for (const bad of ["\uD83D", "a\uD83D", "\uDE00a", "\uDE00\uD83D", "x\uD83Dy"]) {
			expect(findUnsafeInput({ firstName: bad })).toEqual({
				path: "firstName",
				message: SAFE_INPUT_MESSAGES.unstorableCharacter,
			});
		}
	});

	it("accepts dates on the edges of years 1–9999 and refuses one millisecond beyond", () => {
		expect(findUnsafeInput({ from: new Date(MIN_SUPPORTED_DATE_MS), to: new Date(MAX_SUPPORTED_DATE_MS) })).toBeNull();
		expect(findUnsafeInput({ from: new Date(MIN_SUPPORTED_DATE_MS - 1) })).toEqual({
			path: "from",
			message: SAFE_INPUT_MESSAGES.dateOutOfRange,
		});
		expect(findUnsafeInput({ to: new Date(MAX_SUPPORTED_DATE_MS + 1) })?.message).toBe(
			SAFE_INPUT_MESSAGES.dateOutOfRange,
		);
		expect(findUnsafeInput({ createdFrom: new Date(-8.64e15) })?.path).toBe("createdFrom");
		expect(findUnsafeInput({ createdFrom: new Date(Number.NaN) })).toEqual({
			path: "createdFrom",
			message: SAFE_INPUT_MESSAGES.invalidDate,
		});
	});

	it("refuses NaN and infinities, accepts every finite number", () => {
		for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
			expect(findUnsafeInput({ limit: bad })).toEqual({ path: "limit", message: SAFE_INPUT_MESSAGES.nonFiniteNumber });
		}
		expect(findUnsafeInput({ a: 1e308, b: -0, c: Number.MAX_SAFE_INTEGER + 2, d: 10n })).toBeNull();
	});

	it("checks object keys, Map keys and values, and Set members", () => {
		expect(findUnsafeInput({ [`k${NUL}`]: 1 })).toEqual({
			path: "k\uFFFD",
			message: SAFE_INPUT_MESSAGES.unstorableCharacter,
		});
		expect(findUnsafeInput({ m: new Map([[NUL, "v"]]) })?.path).toBe("m.\uFFFD");
		expect(findUnsafeInput({ m: new Map([["k", Number.NaN]]) })).toEqual({
			path: "m.k",
			message: SAFE_INPUT_MESSAGES.nonFiniteNumber,
		});
		expect(findUnsafeInput({ m: new Map([[{ inner: NUL }, "v"]]) })?.path).toBe("m.0.inner");
		expect(findUnsafeInput({ s: new Set(["a", new Date(8.64e15)]) })?.path).toBe("s.1");
	});

	it("reports a problem in the input itself with an empty path", () => {
		expect(findUnsafeInput(NUL)).toEqual({ path: "", message: SAFE_INPUT_MESSAGES.unstorableCharacter });
		expect(findUnsafeInput(undefined)).toBeNull();
		expect(findUnsafeInput(null)).toBeNull();
	});

	it("bounds nesting, so a self-referencing object (superjson can build one) ends the walk", () => {
		let deep: unknown = "x";
		for (let i = 0; i < MAX_INPUT_DEPTH; i++) deep = [deep];
		expect(findUnsafeInput(deep)).toBeNull();
		expect(findUnsafeInput([deep])?.message).toBe(SAFE_INPUT_MESSAGES.tooDeep);
		const cycle: Record<string, unknown> = {};
		cycle.self = cycle;
		expect(findUnsafeInput(cycle)?.message).toBe(SAFE_INPUT_MESSAGES.tooDeep);
	});

	it("counts shared references each time, so a small DAG that expands to millions is refused", () => {
		let node: unknown = "leaf";
		for (let i = 0; i < 25; i++) node = [node, node];
		expect(findUnsafeInput(node)?.message).toBe(SAFE_INPUT_MESSAGES.tooLarge);
	});
});

/** Values built only from what PostgreSQL takes, in every container the walk knows. */
const { safeValue } = fc.letrec<{ safeValue: unknown }>((tie) => ({
	safeValue: fc.oneof(
		{ depthSize: "small", withCrossShrink: true },
		fc.string({ unit: "grapheme" }).filter(isStorableString),
		fc.double({ noNaN: true, noDefaultInfinity: true }),
		fc.date({ min: new Date(MIN_SUPPORTED_DATE_MS), max: new Date(MAX_SUPPORTED_DATE_MS), noInvalidDate: true }),
		fc.boolean(),
		fc.constantFrom(null, undefined),
		fc.bigInt(),
		fc.array(tie("safeValue"), { maxLength: 4 }),
		fc.dictionary(fc.string({ unit: "grapheme", maxLength: 8 }).filter(isStorableString), tie("safeValue"), {
			maxKeys: 4,
		}),
		fc.array(tie("safeValue"), { maxLength: 3 }).map((items) => new Set(items)),
		fc
			.array(fc.tuple(fc.string({ maxLength: 6 }).filter(isStorableString), tie("safeValue")), { maxLength: 3 })
			.map((entries) => new Map(entries)),
	),
}));

/** A path of plain keys that zod would spell the same way (no dots inside a key). */
const plainKey = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,8}$/);

describe("findUnsafeInput: properties", () => {
	it("finds nothing in values built only from storable strings, supported dates and finite numbers", () => {
		fc.assert(fc.property(safeValue, (value) => findUnsafeInput(value) === null));
	});

	it("finds one unsafe leaf wherever it is planted, and names its path", () => {
		fc.assert(
			fc.property(
				fc.array(plainKey, { minLength: 1, maxLength: 6 }),
				unsafeLeaf,
				fc.dictionary(plainKey, safeValue, { maxKeys: 3 }),
				(keys, bad, siblings) => {
					let value: unknown = bad;
					for (const key of [...keys].reverse()) value = { ...siblings, [key]: value };
					const problem = findUnsafeInput(value);
					expect(problem?.path).toBe(keys.join("."));
				},
			),
		);
	});

	it("says which kind of problem it found", () => {
		fc.assert(
			fc.property(unstorableString, (bad) => {
				expect(findUnsafeInput({ v: bad })?.message).toBe(SAFE_INPUT_MESSAGES.unstorableCharacter);
			}),
		);
		fc.assert(
			fc.property(unsupportedDate, (bad) => {
				expect([SAFE_INPUT_MESSAGES.dateOutOfRange, SAFE_INPUT_MESSAGES.invalidDate]).toContain(
					findUnsafeInput({ v: bad })?.message,
				);
			}),
		);
		fc.assert(fc.property(loneSurrogate, (bad) => !isStorableString(bad)));
	});

	it("never throws, whatever the value", () => {
		fc.assert(
			fc.property(
				fc.anything({
					withDate: true,
					withMap: true,
					withSet: true,
					withBigInt: true,
					withNullPrototype: true,
					withTypedArray: true,
					withSparseArray: true,
					withBoxedValues: true,
					withObjectString: true,
					stringUnit: "binary",
				}),
				(value) => {
					findUnsafeInput(value);
				},
			),
		);
	});
});

describe("zod helpers", () => {
	it("carry the rule's own messages", () => {
		expect(ZStorableString.safeParse(`a${NUL}`).error?.issues[0]?.message).toBe(
			SAFE_INPUT_MESSAGES.unstorableCharacter,
		);
		expect(ZStorableString.safeParse("Zoë 😀").success).toBe(true);
		expect(ZSupportedDate.safeParse(new Date(-8.64e15)).error?.issues[0]?.message).toBe(
			SAFE_INPUT_MESSAGES.dateOutOfRange,
		);
		expect(ZSupportedDate.safeParse(new Date(MAX_SUPPORTED_DATE_MS)).success).toBe(true);
	});
});
