import { describe, expect, it } from "vitest";
import { ZEmail, ZLanguage, ZName, ZPhone, ZTimeZone, ZUpdateProfileInput } from "./user.schema";

describe("ZName", () => {
	it.each([
		["  Ada  ", "Ada"],
		["", null],
		["Zoë O'Brien-Müller", "Zoë O'Brien-Müller"],
		["李小龍", "李小龍"],
	])("accepts %j as %j", (input, output) => {
		expect(ZName.parse(input)).toBe(output);
	});

	it.each([
		["x".repeat(10_000), "10 kB"],
		["a".repeat(101), "101 characters"],
		["Ada\u0000", "NUL"],
		["Ada\r\nAdmin", "CR/LF"],
		["\u202Eevil", "bidi override"],
		["\u001b[31mred", "ANSI escape"],
	])("refuses %s (%s)", (input) => {
		expect(ZName.safeParse(input).success).toBe(false);
	});

	it("counts code points, not UTF-16 units", () => {
		expect(ZName.safeParse("😀".repeat(100)).success).toBe(true);
		expect(ZName.safeParse("😀".repeat(101)).success).toBe(false);
	});
});

describe("ZPhone", () => {
	it.each([
		["+31 6 12345678", "+31612345678"],
		["+49 151 23456789", "+4915123456789"],
		["+1 (415) 555-2671", "+14155552671"],
		["", null],
	])("normalises %j to E.164 %j", (input, output) => {
		expect(ZPhone.parse(input)).toBe(output);
	});

	it.each(["0612345678", "+31 6 1234", "+999 123456789", "phone", "+31612345678; drop table users"])(
		"refuses %j",
		(input) => {
			expect(ZPhone.safeParse(input).success).toBe(false);
		},
	);
});

describe("ZLanguage", () => {
	it.each([
		["en", "en"],
		["de", "de"],
		["nl", "nl"],
		["de-ch", "de-CH"],
		["nl-BE", "nl-BE"],
	])("accepts %j as %j", (input, output) => {
		expect(ZLanguage.parse(input)).toBe(output);
	});

	it.each(["fr", "xx", "english", "", "en_US!", "e".repeat(40)])("refuses %j", (input) => {
		expect(ZLanguage.safeParse(input).success).toBe(false);
	});
});

describe("ZTimeZone", () => {
	it.each([
		"Europe/Amsterdam",
		"America/New_York",
		"Asia/Kolkata",
		"Europe/Kyiv",
		"UTC",
		"Pacific/Chatham",
		"Etc/GMT+5",
	])("accepts %s", (tz) => {
		expect(ZTimeZone.parse(tz)).toBe(tz);
	});
	it.each(["Mars/Olympus", "europe/amsterdam", "GMT+25", "+01:00", "", "Europe/Amsterdam\n", "../../etc/passwd"])(
		"refuses %j",
		(tz) => {
			expect(ZTimeZone.safeParse(tz).success).toBe(false);
		},
	);
});

describe("ZEmail", () => {
	it("trims and lower-cases", () => {
		expect(ZEmail.parse("  Ada.Lovelace@Example.COM ")).toBe("ada.lovelace@example.com");
	});
	it.each(["not-an-email", "a@", `${"a".repeat(250)}@x.io`])("refuses %j", (input) => {
		expect(ZEmail.safeParse(input).success).toBe(false);
	});
});

describe("ZUpdateProfileInput", () => {
	it("accepts a partial edit with a version", () => {
		expect(ZUpdateProfileInput.parse({ version: 3, firstName: "Ada" })).toEqual({ version: 3, firstName: "Ada" });
	});

	it.each([
		["state", "inactive"],
		["tenantId", "00000000-0000-4000-8000-000000000000"],
		["emailVerified", true],
		["phoneVerified", true],
		["role", "tenant_admin"],
		["email", "x@y.io"],
		["primaryAccountId", "00000000-0000-4000-8000-000000000000"],
		["twoFactorEnabled", false],
	])("refuses the unknown key %s (no mass assignment)", (key, value) => {
		const result = ZUpdateProfileInput.safeParse({ version: 1, [key]: value });
		expect(result.success).toBe(false);
	});

	it("requires the version it read", () => {
		expect(ZUpdateProfileInput.safeParse({ firstName: "Ada" }).success).toBe(false);
		expect(ZUpdateProfileInput.safeParse({ version: "1", firstName: "Ada" }).success).toBe(false);
		expect(ZUpdateProfileInput.safeParse({ version: 0 }).success).toBe(false);
	});
});
