import { z } from "zod";
import { ValidationError } from "./errors";
import { isStorableString, isSupportedDate, SAFE_INPUT_MESSAGES } from "./safe-input";

/**
 * Opaque keyset cursors: the sort values of a page's last row, handed to the client and sent
 * back for the next page. A cursor is input like any other, so decoding validates every element
 * against the shape its query needs (a uuid that PostgreSQL will parse, a date it can hold, text
 * without NUL) and anything else is the caller's mistake, never a database error.
 */

export const INVALID_CURSOR_MESSAGE = "Invalid cursor; start again from the first page";

/** The canonical 8-4-4-4-12 hex spelling; `[0-9a-f-]{36}` would let 36 dashes reach a uuid column. */
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** A decimal id as `String(id)` writes it: no sign, no leading zero, no exponent. */
const DECIMAL_ID = /^[1-9][0-9]{0,15}$/;

/** What one element of a cursor tuple may be; each decodes to what the query compares with. */
export const cursorPart = {
	uuid: z.string().regex(UUID_SHAPE),
	/** An instant as `toISOString()` spells it (UTC, four-digit year), within years 1–9999. */
	date: z.iso
		.datetime()
		.transform((value) => new Date(value))
		.refine(isSupportedDate, SAFE_INPUT_MESSAGES.dateOutOfRange),
	/** A sort key such as a name or an email, in whatever text PostgreSQL can store. */
	text: z.string().max(2048).refine(isStorableString, SAFE_INPUT_MESSAGES.unstorableCharacter),
	positiveInt: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
} as const;

export type CursorValue = string | number | Date;

function invalidCursor(): ValidationError {
	return new ValidationError({ cursor: [INVALID_CURSOR_MESSAGE] });
}

/** A tuple of sort values as base64url JSON; Dates travel as ISO strings. */
export function encodeCursor(values: readonly CursorValue[]): string {
	const json = JSON.stringify(values.map((value) => (value instanceof Date ? value.toISOString() : value)));
	return Buffer.from(json, "utf8").toString("base64url");
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The tuple `encodeCursor` wrote, checked element by element against `schema` (a `z.tuple` of
 * `cursorPart`s). Throws `ValidationError({ cursor })` for anything else: wrong alphabet, bytes
 * that are not UTF-8, not JSON, the wrong length or an element of the wrong shape.
 */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
	// Node's base64url decoder skips characters outside the alphabet instead of refusing them.
	if (!BASE64URL.test(cursor)) throw invalidCursor();
	let value: unknown;
	try {
		value = JSON.parse(utf8.decode(Buffer.from(cursor, "base64url")));
	} catch {
		throw invalidCursor();
	}
	const parsed = schema.safeParse(value);
	if (!parsed.success) throw invalidCursor();
	return parsed.data;
}

/**
 * A cursor that is a single positive id, as plain decimal text. The audit log pages by id, and
 * the portal keeps that cursor readable in its URL, so this form stays as it always was.
 */
export function encodeIdCursor(id: number): string {
	return String(id);
}

/** The id `encodeIdCursor` wrote; `ValidationError({ cursor })` for anything else. */
export function decodeIdCursor(cursor: string): number {
	const id = DECIMAL_ID.test(cursor) ? Number(cursor) : Number.NaN;
	if (!cursorPart.positiveInt.safeParse(id).success) throw invalidCursor();
	return id;
}
