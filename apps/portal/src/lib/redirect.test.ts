import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

describe("safeRedirectPath", () => {
	it("keeps same-origin paths", () => {
		expect(safeRedirectPath("/")).toBe("/");
		expect(safeRedirectPath("/admin/users?page=2")).toBe("/admin/users?page=2");
	});

	it.each(["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/sign-in", 42, null])(
		"drops %s",
		(value) => {
			expect(safeRedirectPath(value)).toBeUndefined();
		},
	);
});
