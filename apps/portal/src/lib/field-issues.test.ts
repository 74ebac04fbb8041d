import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import de from "../i18n/de.json";
import en from "../i18n/en.json";
import { describeServerIssues } from "./field-issues";

const i18n = i18next.createInstance();

beforeAll(async () => {
	await i18n.init({
		lng: "en",
		resources: { en: { translation: en }, de: { translation: de } },
		showSupportNotice: false,
	});
});

describe("describeServerIssues", () => {
	it("words the server's limits in the reader's language, never the server's English", async () => {
		const issues = [{ code: "too_big", origin: "string", maximum: 400 }];
		expect(describeServerIssues(issues, i18n.t)).toBe("Use at most 400 characters.");
		await i18n.changeLanguage("de");
		const german = describeServerIssues(issues, i18n.t);
		await i18n.changeLanguage("en");
		expect(german).toBe(de.validation.tooLong.replace("{{max}}", "400"));
		expect(german).not.toBe("Use at most 400 characters.");
	});

	it("adds nothing when only the form's own sentence applies, and says each thing once", () => {
		expect(describeServerIssues([{ code: "custom" }], i18n.t)).toBeNull();
		expect(
			describeServerIssues(
				[
					{ code: "invalid_format", format: "email" },
					{ code: "invalid_format", format: "email" },
				],
				i18n.t,
			),
		).toBe(en.validation.email);
		expect(describeServerIssues([{ code: "unrecognized_keys" }], i18n.t)).toBe(en.validation.unknownField);
	});
});
