import { LOGO_MAX_BYTES } from "@tessera/core/tenants/branding.schema";
import { describe, expect, it } from "vitest";
import { changeOf, draftIssues, draftOf, hasChanges, previewColor } from "./branding-form";

const saved = { name: "Acme", accentColor: "#0f766e", palette: null, logo: null };

describe("branding form", () => {
	it("sends the logo only when it changed, and null to remove it", () => {
		expect(changeOf(draftOf(saved))).toEqual({ name: "Acme", accentColor: "#0f766e" });
		expect(changeOf({ ...draftOf(saved), logo: { kind: "removed" } }).logo).toBeNull();
		expect(
			changeOf({ ...draftOf(saved), logo: { kind: "new", dataUrl: "data:image/png;base64,iVBO", size: 3 } }).logo,
		).toEqual({
			base64: "iVBO",
		});
	});

	it("turns an empty colour into the product's own", () => {
		expect(changeOf({ ...draftOf(saved), accentColor: "  " }).accentColor).toBeNull();
	});

	it("finds the problems the API would refuse, by field", () => {
		expect(draftIssues(draftOf(saved))).toEqual({});
		expect(Object.keys(draftIssues({ ...draftOf(saved), accentColor: "teal" }))).toEqual(["accentColor"]);
		expect(draftIssues({ ...draftOf(saved), name: "x".repeat(41) }).name?.[0]).toMatchObject({ code: "too_big" });
		const huge = `data:image/png;base64,${"A".repeat(Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 4)}`;
		expect(Object.keys(draftIssues({ ...draftOf(saved), logo: { kind: "new", dataUrl: huge, size: 0 } }))).toEqual([
			"logo",
		]);
	});

	it("previews only a complete colour, and knows when nothing changed", () => {
		expect(previewColor({ ...draftOf(saved), accentColor: "#ABCDEF" })).toBe("#abcdef");
		expect(previewColor({ ...draftOf(saved), accentColor: "#abc" })).toBeNull();
		expect(hasChanges(saved, draftOf(saved))).toBe(false);
		expect(hasChanges(saved, { ...draftOf(saved), accentColor: "#0F766E" })).toBe(false);
		expect(hasChanges(saved, { ...draftOf(saved), name: "Acme 2" })).toBe(true);
	});
});
