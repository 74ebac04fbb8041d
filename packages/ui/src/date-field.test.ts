import { describe, expect, it } from "vitest";
import { dateOrderOf, datePatternOf, formatDateValue, parseDateText } from "./date-field";

const de = dateOrderOf("de");
const nl = dateOrderOf("nl");
const en = dateOrderOf("en");

describe("date order per locale", () => {
	it("reads the order and separator of each portal language from Intl", () => {
		expect(de).toEqual({ parts: ["day", "month", "year"], separator: "." });
		expect(nl).toEqual({ parts: ["day", "month", "year"], separator: "-" });
		expect(en).toEqual({ parts: ["month", "day", "year"], separator: "/" });
		expect(dateOrderOf("en-GB")).toEqual({ parts: ["day", "month", "year"], separator: "/" });
	});

	it("writes the format hint in the page's letters", () => {
		expect(datePatternOf(de, { day: "TT", month: "MM", year: "JJJJ" })).toBe("TT.MM.JJJJ");
		expect(datePatternOf(nl, { day: "dd", month: "mm", year: "jjjj" })).toBe("dd-mm-jjjj");
		expect(datePatternOf(en, { day: "DD", month: "MM", year: "YYYY" })).toBe("MM/DD/YYYY");
	});

	it("shows a YYYY-MM-DD value the way the locale writes it", () => {
		expect(formatDateValue("2026-03-05", de)).toBe("05.03.2026");
		expect(formatDateValue("2026-03-05", nl)).toBe("05-03-2026");
		expect(formatDateValue("2026-03-05", en)).toBe("03/05/2026");
		expect(formatDateValue("", de)).toBe("");
		expect(formatDateValue("2026-02-30", de)).toBe("");
	});
});

describe("parsing a typed date", () => {
	it("reads the locale's order into the same YYYY-MM-DD value the filters keep", () => {
		expect(parseDateText("05.03.2026", de)).toEqual({ ok: true, value: "2026-03-05" });
		expect(parseDateText(" 5.3.2026 ", de)).toEqual({ ok: true, value: "2026-03-05" });
		expect(parseDateText("05-03-2026", nl)).toEqual({ ok: true, value: "2026-03-05" });
		expect(parseDateText("3/5/2026", en)).toEqual({ ok: true, value: "2026-03-05" });
		expect(parseDateText("29.02.2028", de)).toEqual({ ok: true, value: "2028-02-29" });
		expect(parseDateText("", de)).toEqual({ ok: true, value: "" });
	});

	it("refuses days that do not exist instead of rolling them over", () => {
		expect(parseDateText("31.02.2026", de)).toEqual({ ok: false, reason: "noSuchDay" });
		expect(parseDateText("29-02-2026", nl)).toEqual({ ok: false, reason: "noSuchDay" });
		expect(parseDateText("13/01/2026", en)).toEqual({ ok: false, reason: "noSuchDay" });
		expect(parseDateText("00.01.2026", de)).toEqual({ ok: false, reason: "noSuchDay" });
	});

	it("refuses another order, separator or a short year rather than guessing", () => {
		for (const text of ["2026-03-05", "05/03/2026", "05.03.26", "05.03", "5.3.2026.", "a.b.cdef", "05..03.2026"]) {
			expect({ text, result: parseDateText(text, de) }).toEqual({ text, result: { ok: false, reason: "format" } });
		}
		expect(parseDateText("2026-03-05", nl)).toEqual({ ok: false, reason: "format" });
		expect(parseDateText("05.03.2026", en)).toEqual({ ok: false, reason: "format" });
	});

	it("reads back every day it writes", () => {
		for (const order of [de, nl, en]) {
			for (const value of ["2026-01-01", "2026-12-31", "2024-02-29", "1999-07-04"]) {
				expect(parseDateText(formatDateValue(value, order), order)).toEqual({ ok: true, value });
			}
		}
	});
});
