import { describe, expect, it } from "vitest";
import { fieldIssueOf } from "../shared/errors";
import { BRAND_NAME_MAX_LENGTH, LOGO_MAX_BYTES, ZAccentColor, ZBrandingInput, ZBrandName } from "./branding.schema";

describe("branding input", () => {
	it("takes a name trimmed, clears it when empty, and caps it in characters, not UTF-16 units", () => {
		expect(ZBrandName.parse("  Acme Portal ")).toBe("Acme Portal");
		expect(ZBrandName.parse("   ")).toBeNull();
		expect(ZBrandName.parse("😀".repeat(BRAND_NAME_MAX_LENGTH))).toBe("😀".repeat(BRAND_NAME_MAX_LENGTH));
		const tooLong = ZBrandName.safeParse("a".repeat(BRAND_NAME_MAX_LENGTH + 1));
		expect(tooLong.success).toBe(false);
		expect(tooLong.error?.issues.map(fieldIssueOf)).toEqual([
			{ code: "too_big", origin: "string", maximum: BRAND_NAME_MAX_LENGTH },
		]);
	});

	it("refuses control characters and text-direction overrides in a name", () => {
		expect(ZBrandName.safeParse("Acme\u202Eevil").success).toBe(false);
		expect(ZBrandName.safeParse("Acme\nPortal").success).toBe(false);
	});

	it("takes a colour only as #rrggbb, stored lower-cased", () => {
		expect(ZAccentColor.parse(" #A1B2C3 ")).toBe("#a1b2c3");
		for (const bad of ["#abc", "a1b2c3", "#a1b2c3ff", "red", "rgb(1,2,3)", "#ggg000", "#a1b2c3;}"]) {
			expect(ZAccentColor.safeParse(bad).success).toBe(false);
		}
	});

	it("refuses unknown keys and a logo that is not base64 or longer than the cap", () => {
		const valid = { name: "Acme", accentColor: "#3547c4" };
		expect(ZBrandingInput.safeParse(valid).success).toBe(true);
		expect(ZBrandingInput.safeParse({ ...valid, logoType: "image/svg+xml" }).success).toBe(false);
		expect(ZBrandingInput.safeParse({ ...valid, logo: { base64: "not base64!" } }).success).toBe(false);
		const justOver = "A".repeat(Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 4);
		expect(ZBrandingInput.safeParse({ ...valid, logo: { base64: justOver } }).success).toBe(false);
		expect(ZBrandingInput.parse({ ...valid, logo: null }).logo).toBeNull();
		expect(ZBrandingInput.parse(valid).logo).toBeUndefined();
	});
});
