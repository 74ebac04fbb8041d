import { AUDIT_ACTIONS } from "@tessera/core/audit/audit-actions";
import { describe, expect, it } from "vitest";
import { ACTION_CATEGORIES, isKnownAction, KNOWN_ACTIONS } from "./audit-actions";
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
