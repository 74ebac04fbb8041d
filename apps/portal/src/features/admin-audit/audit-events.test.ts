import { describe, expect, it } from "vitest";
import { detailEntries } from "./audit-events";

describe("detailEntries", () => {
	it("keeps the recorded order and shows plain values as text", () => {
		expect(
			detailEntries({ method: "password", reason: "bad_password", flowFailures: 2, remember: false, note: null }),
		).toEqual([
			{ key: "method", text: "password" },
			{ key: "reason", text: "bad_password" },
			{ key: "flowFailures", text: "2" },
			{ key: "remember", text: "false" },
			{ key: "note", text: "" },
		]);
	});

	it("recognises instants so they can be shown in the viewer's zone", () => {
		const [entry] = detailEntries({ wasLockedUntil: "2026-03-01T10:15:00.000Z" });
		expect(entry?.date?.toISOString()).toBe("2026-03-01T10:15:00.000Z");
		expect(detailEntries({ day: "2026-03-01" })[0]?.date).toBeUndefined();
	});

	it("joins simple lists and indents nested objects", () => {
		expect(detailEntries({ removedMethods: ["totp", "sms"] })).toEqual([{ key: "removedMethods", text: "totp, sms" }]);
		expect(detailEntries({ changes: { firstName: { from: "A", to: "B" } } })[0]?.text).toBe(
			JSON.stringify({ firstName: { from: "A", to: "B" } }, null, 2),
		);
	});

	it("never shows a secret-looking value, also nested", () => {
		expect(
			detailEntries({ password: "hunter2", totpSecret: "JBSW", token: "abc", code: "123456", passkeyId: "p1" }),
		).toEqual([
			{ key: "password", text: null },
			{ key: "totpSecret", text: null },
			{ key: "token", text: null },
			{ key: "code", text: null },
			{ key: "passkeyId", text: "p1" },
		]);
		const nested = detailEntries({ changes: { apiKey: "tk_live", name: "x", inner: [{ secret: "s" }] } })[0]?.text;
		expect(nested).not.toContain("tk_live");
		expect(nested).not.toContain('"s"');
		expect(nested).toContain('"name": "x"');
	});
});
