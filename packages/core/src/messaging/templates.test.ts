import { describe, expect, it } from "vitest";
import {
	MESSAGE_LANGUAGES,
	MESSAGE_TEMPLATES,
	type MessageChannel,
	type MessageParams,
	type MessageTemplate,
	maskEmail,
	renderMessage,
	resolveMessageLanguage,
} from "./templates";

const SAMPLE_PARAMS: { [K in MessageTemplate]: MessageParams[K] } = {
	sign_in_code: { code: "123456", minutes: 5 },
	verify_email_code: { code: "234567", minutes: 5 },
	verify_email_link: { url: "https://id.example.com/verify-email#t=abc", hours: 24 },
	verify_phone_code: { code: "345678", minutes: 10 },
	reauth_code: { code: "456789", minutes: 5 },
	password_changed: {},
	password_expiry_reminder: { days: 7, date: "2026-03-01" },
	email_changed: { newEmail: "a***@example.com" },
	phone_changed: {},
	mfa_enabled: { method: "totp" },
	mfa_disabled: { method: "sms" },
	passkey_added: { name: "MacBook Touch ID" },
	passkey_removed: { name: "YubiKey 5" },
	recovery_codes_regenerated: {},
	recovery_code_used: { remaining: 7 },
	account_locked: { minutes: 15 },
	invitation: {
		url: "https://id.example.com/invitation#token=abc",
		inviterName: "Grace Hopper",
		organisation: "Acme",
		days: 7,
	},
	account_dormant_warning: { days: 7, date: "2026-03-01" },
	account_reactivated: {},
	password_reset: { url: "https://id.example.com/reset-password#token=abc", minutes: 30 },
};

const CODE_TEMPLATES = ["sign_in_code", "verify_email_code", "verify_phone_code", "reauth_code"] as const;
const CHANNELS: MessageChannel[] = ["email", "sms"];

const render = <T extends MessageTemplate>(template: T, language: string | null, channel: MessageChannel) =>
	renderMessage(template, SAMPLE_PARAMS[template], language, channel);

// GSM 03.38: the basic set counts one septet, the extension set two; anything else forces UCS-2.
const GSM_BASIC = new Set(
	"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
const GSM_EXTENSION = new Set("^{}\\[~]|€\f");
/** Septets the text takes in the GSM alphabet, or null if it needs UCS-2. */
function gsmLength(text: string): number | null {
	let length = 0;
	for (const char of text) {
		if (GSM_BASIC.has(char)) length += 1;
		else if (GSM_EXTENSION.has(char)) length += 2;
		else return null;
	}
	return length;
}

describe.each(MESSAGE_LANGUAGES)("every template in %s", (language) => {
	it.each(MESSAGE_TEMPLATES)("%s renders for both channels, complete and without placeholders", (template) => {
		for (const channel of CHANNELS) {
			const message = render(template, language, channel);
			const texts = [message.body, message.subject ?? ""];
			for (const text of texts) {
				expect(text).not.toMatch(/\$\{|[{}]|undefined|NaN|null|\[object/);
			}
			expect(message.body.trim()).not.toBe("");
			if (channel === "sms") {
				expect(message.subject).toBeNull();
			} else {
				expect(message.subject?.trim()).toBeTruthy();
				expect(message.subject).not.toMatch(/[\r\n]/);
				// Greeting, at least one paragraph, footer.
				expect(message.body.split("\n\n").length).toBeGreaterThanOrEqual(3);
			}
		}
	});
});

describe("translations", () => {
	it.each(MESSAGE_TEMPLATES)("German and Dutch %s differ from English and from each other", (template) => {
		for (const channel of CHANNELS) {
			const english = render(template, "en", channel);
			const german = render(template, "de", channel);
			const dutch = render(template, "nl", channel);
			expect(german.body).not.toBe(english.body);
			expect(dutch.body).not.toBe(english.body);
			expect(dutch.body).not.toBe(german.body);
			if (channel === "email") {
				expect(german.subject).not.toBe(english.subject);
				expect(dutch.subject).not.toBe(english.subject);
			}
		}
	});

	it("the code, the link and the numbers of the params appear in every language", () => {
		for (const language of MESSAGE_LANGUAGES) {
			for (const channel of CHANNELS) {
				for (const template of CODE_TEMPLATES) {
					const { code, minutes } = SAMPLE_PARAMS[template];
					const { body } = render(template, language, channel);
					expect(body).toContain(code);
					expect(body).toContain(`${minutes} `);
				}
				const link = render("verify_email_link", language, channel).body;
				expect(link).toContain("https://id.example.com/verify-email#t=abc");
				expect(link).toContain("24 ");
				expect(render("recovery_code_used", language, channel).body).toContain("7 ");
				expect(render("account_locked", language, channel).body).toContain("15 ");
				expect(render("passkey_added", language, channel).body).toContain("MacBook Touch ID");
				const invitation = render("invitation", language, channel).body;
				expect(invitation).toContain("https://id.example.com/invitation#token=abc");
				expect(invitation).toContain("Grace Hopper");
				expect(invitation).toContain("Acme");
				expect(invitation).toContain("7 ");
			}
		}
	});

	it("uses the singular for one", () => {
		const one = { code: "123456", minutes: 1 };
		expect(renderMessage("sign_in_code", one, "en", "sms").body).toContain("expires in 1 minute.");
		expect(renderMessage("sign_in_code", one, "de", "sms").body).toContain("Er ist 1 Minute gültig.");
		expect(renderMessage("sign_in_code", one, "nl", "sms").body).toContain("De code is 1 minuut geldig.");
		expect(renderMessage("recovery_code_used", { remaining: 1 }, "en", "email").body).toContain(
			"You have 1 recovery code left.",
		);
	});

	it("tells the user when no recovery codes are left", () => {
		expect(renderMessage("recovery_code_used", { remaining: 0 }, "en", "email").body).toContain(
			"You have no recovery codes left.",
		);
		expect(renderMessage("recovery_code_used", { remaining: 0 }, "de", "sms").body).toContain(
			"Keine Codes mehr übrig.",
		);
		expect(renderMessage("recovery_code_used", { remaining: 0 }, "nl", "sms").body).toContain("Geen codes meer over.");
	});

	it("formats the expiry date in the recipient's locale", () => {
		const params = { days: 7, date: "2026-03-01" } as const;
		const body = (language: string) => renderMessage("password_expiry_reminder", params, language, "email").body;
		expect(body("en-US")).toContain("on March 1, 2026.");
		expect(body("en-GB")).toContain("on 1 March 2026.");
		expect(body("de")).toContain("am 1. März 2026.");
		expect(body("nl")).toContain("op 1 maart 2026.");
		expect(() => renderMessage("password_expiry_reminder", { days: 7, date: "2026-02-31" }, "en", "email")).toThrow(
			RangeError,
		);
	});

	it("names the second factor in the recipient's language", () => {
		expect(renderMessage("mfa_enabled", { method: "totp" }, "en", "sms").body).toContain("by authenticator app");
		expect(renderMessage("mfa_enabled", { method: "totp" }, "de", "sms").body).toContain("per Authenticator-App");
		expect(renderMessage("mfa_disabled", { method: "passkey" }, "nl", "sms").body).toContain("via passkey");
	});
});

describe("language choice", () => {
	it("falls back to English for missing, unknown or malformed tags", () => {
		for (const tag of [null, "", "fr", "fr-FR", "zz", "not a tag!", "x-private"]) {
			expect(render("sign_in_code", tag, "email")).toEqual(render("sign_in_code", "en", "email"));
			expect(resolveMessageLanguage(tag).language).toBe("en");
		}
	});

	it("uses the primary subtag: de-CH is German, nl-BE and nl_BE are Dutch, EN-gb is English", () => {
		expect(render("sign_in_code", "de-CH", "sms")).toEqual(render("sign_in_code", "de", "sms"));
		expect(render("sign_in_code", "de-CH", "email").subject).toBe("Ihr Tessera-Anmeldecode");
		expect(resolveMessageLanguage("de-CH")).toEqual({ language: "de", locale: "de-CH" });
		expect(resolveMessageLanguage("nl-BE")).toEqual({ language: "nl", locale: "nl-BE" });
		expect(resolveMessageLanguage("nl_BE")).toEqual({ language: "nl", locale: "nl-BE" });
		expect(resolveMessageLanguage("EN-gb")).toEqual({ language: "en", locale: "en-GB" });
		// Unicode extensions could switch the calendar; only language and region are kept.
		expect(resolveMessageLanguage("de-DE-u-ca-buddhist")).toEqual({ language: "de", locale: "de-DE" });
	});
});

describe("SMS", () => {
	it("code messages fit one GSM-7 SMS (160 septets) in every language", () => {
		for (const language of MESSAGE_LANGUAGES) {
			for (const template of CODE_TEMPLATES) {
				const { body } = render(template, language, "sms");
				const length = gsmLength(body);
				expect(length, `${template}/${language}: ${body}`).not.toBeNull();
				expect(length, `${template}/${language}: ${body}`).toBeLessThanOrEqual(160);
			}
		}
	});

	it("code messages lead with the code sentence, in the form WebOTP-style autofill recognises", () => {
		expect(render("sign_in_code", "en", "sms").body).toBe(
			"Your Tessera sign-in code is 123456. It expires in 5 minutes. Don't share it with anyone.",
		);
	});

	it("notices with short params fit one GSM-7 SMS as well", () => {
		for (const language of MESSAGE_LANGUAGES) {
			for (const template of MESSAGE_TEMPLATES) {
				if (template === "verify_email_link" || template === "invitation" || template === "password_reset") continue; // the link alone can be long
				const { body } = render(template, language, "sms");
				const length = gsmLength(body);
				expect(length, `${template}/${language}: ${body}`).not.toBeNull();
				expect(length, `${template}/${language}: ${body}`).toBeLessThanOrEqual(160);
			}
		}
	});
});

describe("params from users", () => {
	it("masks the new email address even when given in full", () => {
		const message = renderMessage("email_changed", { newEmail: "grace.hopper@example.org" }, "en", "email");
		expect(message.body).toContain("g***@example.org");
		expect(message.body).not.toContain("grace.hopper");
		expect(maskEmail("a***@example.com")).toBe("a***@example.com");
		expect(maskEmail("no-at-sign")).toBe("***");
	});

	it("flattens line breaks and bidi controls in passkey names and caps their length", () => {
		const name = "Laptop\r\n\r\nURGENT: call +1 555 0100\u202Egnp.exe";
		const { body } = renderMessage("passkey_added", { name }, "en", "email");
		expect(body).toContain('"Laptop URGENT: call +1 555 0100 gnp.exe"');
		expect(body).not.toMatch(/[\r\u202E]/);
		const long = renderMessage("passkey_removed", { name: "k".repeat(300) }, "en", "sms").body;
		expect(long).toContain(`"${"k".repeat(61)}..."`);
	});

	it("flattens line breaks in inviter and organisation names", () => {
		const params = {
			url: "https://id.example.com/invitation#token=abc",
			inviterName: "Eve\r\n\r\nURGENT: reply with your password",
			organisation: "Acme\u202E",
			days: 7,
		};
		const message = renderMessage("invitation", params, "en", "email");
		expect(message.body).toContain("Eve URGENT: reply with your password invited you to join Acme on Tessera.");
		expect(message.body).not.toMatch(/[\r\u202E]/);
		expect(message.subject).toBe("You are invited to join Acme on Tessera");
	});
});
