import { describe, expect, it } from "vitest";
import { changeList, detailEntries, isLabelledDetailKey, LABELLED_DETAIL_KEYS } from "./audit-events";
import de from "./i18n/de.json";
import en from "./i18n/en.json";
import nl from "./i18n/nl.json";

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
		expect(detailEntries({ settings: { firstName: { a: "A" } } })[0]?.text).toBe(
			JSON.stringify({ firstName: { a: "A" } }, null, 2),
		);
	});

	it("reads a changes detail as one line per field, from → to, lists joined and nulls as a dash", () => {
		expect(
			detailEntries({
				changes: { "lockout.threshold": { from: 10, to: 5 }, "password.maxAgeDays": { from: 90, to: null } },
			}),
		).toEqual([
			{
				key: "changes",
				text: "",
				changes: [
					{ field: "lockout.threshold", from: "10", to: "5" },
					{ field: "password.maxAgeDays", from: "90", to: "—" },
				],
			},
		]);
		expect(changeList({ "mfa.allowedMethods": { from: ["totp", "sms"], to: ["totp"] } })).toEqual([
			{ field: "mfa.allowedMethods", from: "totp, sms", to: "totp" },
		]);
		// Another shape stays JSON, so nothing recorded is dropped.
		expect(changeList({ firstName: "B" })).toBeNull();
		expect(changeList(["a"])).toBeNull();
	});

	it("labels the detail keys core records, in every language", () => {
		for (const dictionary of [en, de, nl]) {
			for (const key of LABELLED_DETAIL_KEYS) expect(dictionary.details.keys[key]).toEqual(expect.any(String));
		}
		expect(isLabelledDetailKey("changes")).toBe(true);
		expect(isLabelledDetailKey("somethingNew")).toBe(false);
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
		const nested = detailEntries({ settings: { apiKey: "tk_live", name: "x", inner: [{ secret: "s" }] } })[0]?.text;
		expect(nested).not.toContain("tk_live");
		expect(nested).not.toContain('"s"');
		expect(nested).toContain('"name": "x"');
	});
});
