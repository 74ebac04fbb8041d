import { AUDIT_ACTIONS } from "@tessera/core/audit/audit-actions";
import { describe, expect, it } from "vitest";
import { ACTION_CATEGORIES, detailEntries, isKnownAction, KNOWN_ACTIONS } from "./audit-events";
import de from "./i18n/de.json";
import en from "./i18n/en.json";
import nl from "./i18n/nl.json";

/** The labels a catalogue has, as action codes ("auth.sign_in"). */
function labelled(catalogue: { actions: Record<string, Record<string, string>> }): string[] {
	return Object.entries(catalogue.actions).flatMap(([category, names]) =>
		Object.entries(names)
			.filter(([, label]) => label.trim() !== "")
			.map(([name]) => `${category}.${name}`),
	);
}

describe("action catalogue", () => {
	it.each([
		["en", en],
		["de", de],
		["nl", nl],
	])("labels every action core records, and nothing else, in %s", (_language, catalogue) => {
		const labels = labelled(catalogue);
		expect(AUDIT_ACTIONS.filter((action) => !labels.includes(action))).toEqual([]);
		expect(labels.filter((action) => !(AUDIT_ACTIONS as readonly string[]).includes(action))).toEqual([]);
	});

	it("names the actions the API records, and not unknown codes", () => {
		for (const action of ["auth.sign_in", "auth.locked", "user.unlocked", "role.assigned", "tenant.policy_updated"]) {
			expect(isKnownAction(action)).toBe(true);
		}
		expect(isKnownAction("auth.teleported")).toBe(false);
		expect(isKnownAction("auth")).toBe(false);
		expect(isKnownAction("")).toBe(false);
	});

	it("groups every action under its category prefix", () => {
		expect(ACTION_CATEGORIES[0]).toBe("auth");
		for (const [category, actions] of KNOWN_ACTIONS) {
			expect(actions.length).toBeGreaterThan(0);
			for (const action of actions) {
				expect(action.startsWith(`${category}.`)).toBe(true);
			}
		}
	});
});

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
