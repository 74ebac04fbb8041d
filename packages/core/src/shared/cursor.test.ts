import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
	cursorPart,
	decodeCursor,
	decodeIdCursor,
	encodeCursor,
	encodeIdCursor,
	INVALID_CURSOR_MESSAGE,
} from "./cursor";
import { ValidationError } from "./errors";
import { fc } from "./hostile-input.testing";
import { MAX_SUPPORTED_DATE_MS, MIN_SUPPORTED_DATE_MS } from "./safe-input";

const NUL = String.fromCharCode(0);
const DATE_ID = z.tuple([cursorPart.date, cursorPart.uuid]);
const TEXT_ID = z.tuple([cursorPart.text, cursorPart.uuid]);
const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

/** The error a refused cursor must be, exactly: a validation error on the `cursor` field. */
function expectInvalid(decode: () => unknown) {
	let thrown: unknown;
	try {
		decode();
	} catch (error) {
		thrown = error;
	}
	expect(thrown).toBeInstanceOf(ValidationError);
	expect((thrown as ValidationError).fieldErrors).toEqual({ cursor: [INVALID_CURSOR_MESSAGE] });
}

/** A cursor as an attacker would write one: any JSON, base64url-encoded the same way. */
const forge = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

describe("tuple cursors", () => {
	it("round-trip dates, text and ids, in the wire format the lists always used", () => {
		const createdAt = new Date("2026-03-01T12:34:56.789Z");
		const cursor = encodeCursor([createdAt, ID]);
		expect(cursor).toBe(forge([createdAt.toISOString(), ID]));
		expect(decodeCursor(cursor, DATE_ID)).toEqual([createdAt, ID]);
		expect(decodeCursor(encodeCursor(["müller anna a@b.c", ID]), TEXT_ID)).toEqual(["müller anna a@b.c", ID]);
	});

	it("refuse an id of the right length that is not a uuid (36 dashes reached a uuid column: 22P02)", () => {
		expectInvalid(() => decodeCursor(forge(["2026-01-01T00:00:00.000Z", "-".repeat(36)]), DATE_ID));
		expectInvalid(() => decodeCursor(forge(["a", "g".repeat(8) + ID.slice(8)]), TEXT_ID));
	});

	it("refuse dates PostgreSQL or the ISO year cannot hold (22008), and strings that are not ISO instants", () => {
		for (const date of ["+275760-09-13T00:00:00.000Z", "-271821-04-20T00:00:00.000Z", "0000-12-31T23:59:59.999Z"]) {
			expectInvalid(() => decodeCursor(forge([date, ID]), DATE_ID));
		}
		for (const notIso of ["yesterday", "2026-01-01", "1700000000000", ""]) {
			expectInvalid(() => decodeCursor(forge([notIso, ID]), DATE_ID));
		}
		expect(decodeCursor(forge([new Date(MIN_SUPPORTED_DATE_MS).toISOString(), ID]), DATE_ID)[0].getTime()).toBe(
			MIN_SUPPORTED_DATE_MS,
		);
		expect(decodeCursor(forge([new Date(MAX_SUPPORTED_DATE_MS).toISOString(), ID]), DATE_ID)[0].getTime()).toBe(
			MAX_SUPPORTED_DATE_MS,
		);
	});

	it("refuse text with NUL or a lone surrogate (22021), wrong lengths, wrong types and non-JSON", () => {
		expectInvalid(() => decodeCursor(forge([`ann${NUL}`, ID]), TEXT_ID));
		expectInvalid(() => decodeCursor(forge(["\uD800", ID]), TEXT_ID));
		expectInvalid(() => decodeCursor(forge([ID]), TEXT_ID));
		expectInvalid(() => decodeCursor(forge(["a", ID, "extra"]), TEXT_ID));
		expectInvalid(() => decodeCursor(forge([1, ID]), TEXT_ID));
		expectInvalid(() => decodeCursor(forge({ 0: "a", 1: ID }), TEXT_ID));
		expectInvalid(() => decodeCursor(Buffer.from("[not json").toString("base64url"), TEXT_ID));
		expectInvalid(() => decodeCursor("", TEXT_ID));
	});

	it("refuse characters outside base64url and bytes that are not UTF-8", () => {
		// Node's decoder would silently skip the "." and "=" and decode the rest.
		expectInvalid(() => decodeCursor(`${encodeCursor(["a", ID])}.`, TEXT_ID));
		expectInvalid(() => decodeCursor(`${encodeCursor(["a", ID])}==`, TEXT_ID));
		const latin1 = Buffer.concat([Buffer.from('["'), Buffer.from([0xff, 0xfe]), Buffer.from(`","${ID}"]`)]);
		expectInvalid(() => decodeCursor(latin1.toString("base64url"), TEXT_ID));
	});

	it("never throw anything but the cursor's ValidationError, whatever string arrives", () => {
		const check = (cursor: string) => {
			for (const schema of [DATE_ID, TEXT_ID, z.tuple([cursorPart.positiveInt])] as z.ZodType<unknown>[]) {
				try {
					decodeCursor(cursor, schema);
				} catch (error) {
					expect(error).toBeInstanceOf(ValidationError);
					expect((error as ValidationError).fieldErrors).toEqual({ cursor: [INVALID_CURSOR_MESSAGE] });
				}
			}
		};
		fc.assert(fc.property(fc.string({ unit: "binary" }), check));
		fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9_-]*$/), check));
		fc.assert(fc.property(fc.jsonValue(), (value) => check(forge(value))));
		fc.assert(
			fc.property(fc.tuple(fc.oneof(fc.string(), fc.date(), fc.integer()), fc.oneof(fc.uuid(), fc.string())), (tuple) =>
				check(forge(tuple)),
			),
		);
	});

	it("decode exactly what was encoded, for every supported date and uuid", () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date(MIN_SUPPORTED_DATE_MS), max: new Date(MAX_SUPPORTED_DATE_MS), noInvalidDate: true }),
				fc.uuid(),
				(date, id) => {
					expect(decodeCursor(encodeCursor([date, id]), DATE_ID)).toEqual([date, id]);
				},
			),
		);
	});
});

describe("id cursors", () => {
	it("keep the audit log's plain decimal id", () => {
		expect(encodeIdCursor(42)).toBe("42");
		expect(decodeIdCursor("42")).toBe(42);
		expect(decodeIdCursor(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
	});

	it("refuse anything but a positive safe integer in plain decimal", () => {
		for (const bad of ["0", "-1", "01", "1e3", "1.5", " 1", "0x10", "", "9007199254740993", "Infinity", "NaN"]) {
			expectInvalid(() => decodeIdCursor(bad));
		}
		fc.assert(
			fc.property(fc.string({ unit: "binary" }), (cursor) => {
				try {
					const id = decodeIdCursor(cursor);
					expect(Number.isSafeInteger(id) && id >= 1).toBe(true);
				} catch (error) {
					expect(error).toBeInstanceOf(ValidationError);
				}
			}),
		);
	});
});
