import { z } from "zod";

/**
 * What PostgreSQL (and the JSON we answer with) can take, as one pure rule. Every procedure's
 * decoded input passes through `findUnsafeInput` before its schema runs, so a value the database
 * would reject with a data exception (class 22) is refused as the caller's mistake, naming the
 * field, instead of failing deep inside a query as a server error.
 */

/** 0001-01-01T00:00:00.000Z: PostgreSQL goes further back, but ISO strings and people do not. */
export const MIN_SUPPORTED_DATE_MS = Date.parse("0001-01-01T00:00:00.000Z");
/** 9999-12-31T23:59:59.999Z: the last instant with a four-digit ISO year. */
export const MAX_SUPPORTED_DATE_MS = Date.parse("9999-12-31T23:59:59.999Z");

/**
 * Containers (objects, arrays, Maps, Sets) nested in one another, at most. Real inputs nest four
 * or five levels (a WebAuthn response); superjson can also rebuild self-referencing objects,
 * which only this bound stops.
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * Values visited, counting a shared reference each time it is reached: superjson can make one
 * small object appear a million times (a DAG of repeated references), which JSON.stringify or a
 * schema would then expand. A 100 KiB body holds far fewer genuine values.
 */
export const MAX_INPUT_NODES = 100_000;

export const SAFE_INPUT_MESSAGES = {
	unstorableCharacter: "contains a character that cannot be stored",
	invalidDate: "is not a valid date",
	dateOutOfRange: "is outside the supported date range (years 1–9999)",
	nonFiniteNumber: "must be a finite number",
	tooDeep: "is nested too deeply",
	tooLarge: "has too many values",
} as const;

export interface UnsafeInputProblem {
	/** Where, as zod spells input paths ("filters.search", "users.0.id"); "" is the input itself. */
	path: string;
	message: string;
}

/**
 * NUL (PostgreSQL text cannot hold it: 22021) or a UTF-16 surrogate without its partner (it has
 * no UTF-8 encoding, so the driver would silently store U+FFFD instead of what was sent).
 */
const NUL = String.fromCharCode(0);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE, "g");

/** Whether PostgreSQL can store this string exactly as given. */
export function isStorableString(value: string): boolean {
	return !value.includes(NUL) && !LONE_SURROGATE.test(value);
}

/** Whether this is a valid Date inside years 1–9999 (the range every layer round-trips). */
export function isSupportedDate(value: Date): boolean {
	const time = value.getTime();
	return time >= MIN_SUPPORTED_DATE_MS && time <= MAX_SUPPORTED_DATE_MS;
}

function problemOfLeaf(value: unknown): string | null {
	if (typeof value === "string") return isStorableString(value) ? null : SAFE_INPUT_MESSAGES.unstorableCharacter;
	if (typeof value === "number") return Number.isFinite(value) ? null : SAFE_INPUT_MESSAGES.nonFiniteNumber;
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return SAFE_INPUT_MESSAGES.invalidDate;
		return isSupportedDate(value) ? null : SAFE_INPUT_MESSAGES.dateOutOfRange;
	}
	return null;
}

/** A path segment as it will appear in an error: a broken key must not break the answer's JSON. */
function segmentOf(key: unknown, index: number): string {
	if (typeof key === "string")
		return isStorableString(key) ? key : key.replaceAll(NUL, "\uFFFD").replace(LONE_SURROGATES, "\uFFFD");
	if (typeof key === "number" && Number.isFinite(key)) return String(key);
	return String(index);
}

/**
 * The first value in `input` that PostgreSQL cannot take, with its path, or null when all is
 * well. Walks plain objects (keys too), arrays, Maps, Sets and class instances' own enumerable
 * fields; refuses strings with NUL or lone surrogates, invalid Dates or Dates outside years
 * 1–9999, NaN and ±Infinity, and nesting deeper than `MAX_INPUT_DEPTH`. Pure: never throws.
 */
export function findUnsafeInput(input: unknown): UnsafeInputProblem | null {
	let visited = 0;
	const path: string[] = [];
	const at = (message: string): UnsafeInputProblem => ({ path: path.join("."), message });

	const walk = (value: unknown, depth: number): UnsafeInputProblem | null => {
		visited++;
		if (visited > MAX_INPUT_NODES) return at(SAFE_INPUT_MESSAGES.tooLarge);
		const leaf = problemOfLeaf(value);
		if (leaf) return at(leaf);
		if (typeof value !== "object" || value === null || value instanceof Date) return null;
		if (ArrayBuffer.isView(value) || value instanceof RegExp) return null;
		if (depth >= MAX_INPUT_DEPTH) return at(SAFE_INPUT_MESSAGES.tooDeep);

		const inside = (segment: string, check: () => UnsafeInputProblem | null) => {
			path.push(segment);
			const found = check();
			path.pop();
			return found;
		};

		if (Array.isArray(value)) {
			for (let i = 0; i < value.length; i++) {
				const found = inside(String(i), () => walk(value[i], depth + 1));
				if (found) return found;
			}
			return null;
		}
		if (value instanceof Set) {
			let i = 0;
			for (const item of value) {
				const found = inside(String(i++), () => walk(item, depth + 1));
				if (found) return found;
			}
			return null;
		}
		if (value instanceof Map) {
			let i = 0;
			for (const [key, item] of value) {
				// A Map key is data too: it is checked like any value, then what it maps to.
				const found = inside(segmentOf(key, i++), () => walk(key, depth + 1) ?? walk(item, depth + 1));
				if (found) return found;
			}
			return null;
		}
		for (const [key, item] of Object.entries(value)) {
			// Keys can reach the database as well (a record's keys, a jsonb document's).
			const found = inside(segmentOf(key, 0), () =>
				isStorableString(key) ? walk(item, depth + 1) : at(SAFE_INPUT_MESSAGES.unstorableCharacter),
			);
			if (found) return found;
		}
		return null;
	};

	return walk(input, 0);
}

/** A string PostgreSQL can store: refuses NUL and lone surrogates with the rule's own message. */
export const ZStorableString = z.string().refine(isStorableString, SAFE_INPUT_MESSAGES.unstorableCharacter);

/** A valid Date within years 1–9999. */
export const ZSupportedDate = z.date().refine(isSupportedDate, SAFE_INPUT_MESSAGES.dateOutOfRange);
