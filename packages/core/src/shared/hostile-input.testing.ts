/**
 * fast-check arbitraries of input PostgreSQL cannot take, for property tests of the safe-input
 * rule here and for the API's fuzz of every procedure. Test-only: nothing in production imports
 * it. `fc` is re-exported so apps/api's tests use the same fast-check as core (it is a
 * devDependency of core only).
 */
import fc from "fast-check";
import { MAX_INPUT_DEPTH, MAX_SUPPORTED_DATE_MS, MIN_SUPPORTED_DATE_MS } from "./safe-input";

export { fc };

const NUL = String.fromCharCode(0);

/** One UTF-16 code unit of the surrogate range, alone: no UTF-8 encoding exists for it. */
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));

/** A string with a NUL or an unpaired surrogate somewhere in otherwise ordinary text. */
export const unstorableString = fc
	.tuple(fc.string({ maxLength: 20 }), fc.oneof(fc.constant(NUL), loneSurrogate), fc.string({ maxLength: 20 }))
	.filter(([before, , after]) => !/[\uD800-\uDBFF]$/.test(before) && !/^[\uDC00-\uDFFF]/.test(after))
	.map(([before, bad, after]) => `${before}${bad}${after}`);

/** Strings that are fine for PostgreSQL but awkward elsewhere: long, wide, odd, or shaped like attacks. */
export const awkwardString = fc.oneof(
	fc.string({ unit: "grapheme", maxLength: 40 }),
	fc.constantFrom(
		"",
		" ",
		"-".repeat(36),
		"%",
		"_",
		"\\",
		"'; drop table users; --",
		"../../etc/passwd",
		"\u202Eevil",
		"\uFFFD",
		"😀".repeat(50),
		"1.2.3.4",
		"::1",
		"not an address",
		"0",
		"-1",
		"1e309",
		"0000-00-00",
		"+275760-09-13T00:00:00.000Z",
		"__proto__",
		"constructor",
	),
	// Long, yet short enough that a GET carrying it stays under Node's 16 KiB header limit.
	fc.integer({ min: 200, max: 6_000 }).map((length) => "x".repeat(length)),
);

/** Dates PostgreSQL (or the ISO year format) cannot hold, including the invalid Date. */
export const unsupportedDate = fc.oneof(
	fc.constant(new Date(Number.NaN)),
	fc.constant(new Date(-8.64e15)),
	fc.constant(new Date(8.64e15)),
	fc.integer({ min: -8.64e15, max: MIN_SUPPORTED_DATE_MS - 1 }).map((ms) => new Date(ms)),
	fc.integer({ min: MAX_SUPPORTED_DATE_MS + 1, max: 8.64e15 }).map((ms) => new Date(ms)),
);

/** Dates at and near the supported range's edges: must be accepted, and must not break a query. */
export const edgeDate = fc.constantFrom(
	new Date(MIN_SUPPORTED_DATE_MS),
	new Date(MAX_SUPPORTED_DATE_MS),
	new Date(0),
	new Date(-1),
);

export const nonFiniteNumber = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);

/** Numbers a schema may or may not accept: huge, negative, fractional, beyond int4 and int8. */
export const awkwardNumber = fc.oneof(
	fc.constantFrom(0, -0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 0.5),
	fc.integer(),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** An array nested past the walk's depth bound. */
export const tooDeep = fc.integer({ min: MAX_INPUT_DEPTH + 1, max: MAX_INPUT_DEPTH + 20 }).map((depth) => {
	let value: unknown = "bottom";
	for (let i = 0; i < depth; i++) value = [value];
	return value;
});

/** Any value at all, Dates, Maps, Sets and big integers included: what superjson can rebuild. */
export const anyValue = fc.anything({
	maxDepth: 4,
	maxKeys: 6,
	withDate: true,
	withMap: true,
	withSet: true,
	withBigInt: true,
	withNullPrototype: true,
	withSparseArray: true,
	stringUnit: "binary",
});

/** One value PostgreSQL cannot take, of any kind. */
export const unsafeLeaf = fc.oneof(unstorableString, unsupportedDate, nonFiniteNumber);
