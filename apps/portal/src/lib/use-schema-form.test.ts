import { ZSignInInput } from "@tessera/core/auth/auth.schema";
import { fieldIssueOf } from "@tessera/core/shared/errors";
import { ZEmail, ZUpdateProfileInput } from "@tessera/core/users/user.schema";
import { ZAdminUpdateUserInput } from "@tessera/core/users/user-admin.schema";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import de from "../i18n/de.json";
import en from "../i18n/en.json";
import { describeIssue as describeFieldIssue } from "./field-issues";

const i18n = i18next.createInstance();
const t = i18n.t.bind(i18n);

beforeAll(async () => {
	await i18n.init({
		lng: "en",
		resources: { en: { translation: en }, de: { translation: de } },
		showSupportNotice: false,
	});
});

const describeIssue = (issue: z.core.$ZodIssue, translate: typeof t) =>
	describeFieldIssue(fieldIssueOf(issue), translate);

/** The first issue the schema finds in the value. */
function issueOf(schema: z.ZodType, value: unknown): z.core.$ZodIssue {
	const parsed = schema.safeParse(value);
	if (parsed.success) {
		throw new Error("expected the value to fail");
	}
	const [issue] = parsed.error.issues;
	if (!issue) {
		throw new Error("expected an issue");
	}
	return issue;
}

describe("describeIssue", () => {
	it("words an empty required text as required, whatever core's English says", () => {
		const issue = issueOf(ZSignInInput.shape.password, "");
		expect(describeIssue(issue, t)).toBe(en.validation.required);
	});

	it("names the limits core's schema sets, so the message cannot drift from the rule", () => {
		const tooShort = issueOf(ZAdminUpdateUserInput.shape.username, "ab");
		expect(describeIssue(tooShort, t)).toBe("Use at least 3 characters.");
		const tooLong = issueOf(ZSignInInput.shape.tenant, "a".repeat(64));
		expect(describeIssue(tooLong, t)).toBe("Use at most 63 characters.");
		expect(describeIssue(issueOf(z.number().min(2), 1), t)).toBe("Use 2 or more.");
		expect(describeIssue(issueOf(z.number().max(9), 10), t)).toBe("Use 9 or less.");
	});

	it("tells an email address apart from other formats", () => {
		expect(describeIssue(issueOf(ZEmail, "not an address"), t)).toBe(en.validation.email);
		expect(describeIssue(issueOf(ZAdminUpdateUserInput.shape.username, "-ada"), t)).toBe(en.validation.format);
	});

	it("asks for one of the options when a value is not among them", () => {
		expect(describeIssue(issueOf(z.enum(["a", "b"]), "c"), t)).toBe(en.validation.choice);
	});

	it("falls back to a generic sentence for a schema's own refinements", () => {
		const issue = issueOf(ZUpdateProfileInput.shape.phone, "12345");
		expect(issue.code).toBe("custom");
		expect(describeIssue(issue, t)).toBe(en.validation.invalid);
	});

	it("speaks the UI language", async () => {
		await i18n.changeLanguage("de");
		try {
			expect(describeIssue(issueOf(ZSignInInput.shape.email, ""), t)).toBe(de.validation.required);
		} finally {
			await i18n.changeLanguage("en");
		}
	});
});
