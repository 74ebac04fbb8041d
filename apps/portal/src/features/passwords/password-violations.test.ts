import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import de from "../../i18n/de.json";
import en from "../../i18n/en.json";
import { describeViolation } from "./password-violations";

const i18n = i18next.createInstance();
const t = i18n.t.bind(i18n);

beforeAll(async () => {
	await i18n.init({
		lng: "en",
		resources: { en: { translation: en }, de: { translation: de } },
		showSupportNotice: false,
		interpolation: { escapeValue: false },
	});
});

describe("describeViolation", () => {
	it("names the minimum length", () => {
		expect(describeViolation({ code: "TOO_SHORT", min: 15 }, t, "en")).toBe("Use at least 15 characters.");
	});

	it("lists the context words' sources in the UI language", () => {
		const violation = { code: "CONTAINS_CONTEXT", sources: ["email", "name"] } as const;
		expect(describeViolation({ ...violation, sources: [...violation.sources] }, t, "en")).toBe(
			"Do not use your email address and name in the password.",
		);
		const german = i18n.getFixedT("de");
		expect(describeViolation({ ...violation, sources: [...violation.sources] }, german, "de")).toBe(
			"Verwenden Sie im Passwort keine Wörter aus diesen Angaben: E-Mail-Adresse und Ihr Name.",
		);
	});

	it("still says the password was refused for a rule newer than the portal", () => {
		const future = JSON.parse('{"code":"SOMETHING_NEW"}');
		expect(describeViolation(future, t, "en")).toBe(en.passwordRules.unknown);
	});
});
