/**
 * Self-service password reset in the browser: the whole journey in English (forgot → mail →
 * new password → sign-in with the second factor), and the pages in German and Dutch.
 */
import { randomBytes } from "node:crypto";
import { TOTP, URI } from "otpauth";
import type { Browser, Page } from "playwright-core";
import { it } from "vitest";
import resetDe from "../src/features/password-reset/i18n/de.json";
import resetEn from "../src/features/password-reset/i18n/en.json";
import resetNl from "../src/features/password-reset/i18n/nl.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, expectHeading, fill, type Started, saveScreenshot, signIn } from "./harness";

const NEW_PASSWORD = "Lantern-quartz-58-harbour-violet";

const uniqueEmail = (prefix: string) => `${prefix}-${randomBytes(5).toString("hex")}@example.com`;

/** The reset link in the latest email to `email`, moved to the portal under test. */
async function resetLink({ server, baseUrl }: Pick<Started, "server" | "baseUrl">, email: string): Promise<string> {
	const message = await server.lastMessage(email);
	expect(message?.template).toBe("password_reset");
	const url = message?.body.match(/https?:\/\/\S+\/reset-password#token=[A-Za-z0-9_-]+/)?.[0];
	if (!url) {
		throw new Error(`no reset link in the latest message to ${email}`);
	}
	const link = new URL(url);
	return `${baseUrl}${link.pathname}${link.hash}`;
}

/** A fresh browser profile whose browser language is `locale` (the portal follows it). */
async function withLocalePage(
	browser: Browser,
	locale: string,
	name: string,
	journey: (page: Page) => Promise<void>,
): Promise<void> {
	const context = await browser.newContext({ timezoneId: "Europe/Amsterdam", locale });
	const page = await context.newPage();
	page.setDefaultTimeout(15_000);
	try {
		await journey(page);
	} catch (error) {
		await saveScreenshot(page, name);
		throw error;
	} finally {
		await context.close();
	}
}

/** No translation key leaked onto the page as raw text. */
async function expectNoRawKeys(page: Page): Promise<void> {
	const text = (await page.locator("main").textContent()) ?? "";
	expect(text).not.toMatch(/passwordReset\.|errors\.|signIn\.|\{\{/);
}

/** A user with TOTP enrolled through the API, and a generator for their codes. */
async function seedTotpUser(server: Started["server"]) {
	const user = await server.seedUser({ email: uniqueEmail("reset"), language: "en" });
	const client = server.client();
	await client.auth.signIn.mutate({ tenant: user.tenantSlug, email: user.email, password: user.password });
	const enrolment = await client.security.totp.begin.mutate();
	const totp = URI.parse(enrolment.otpauthUri);
	if (!(totp instanceof TOTP)) {
		throw new Error("not a TOTP URI");
	}
	await client.security.totp.confirm.mutate({ code: totp.generate({ timestamp: server.clock.now().getTime() }) });
	return { user, totp };
}

describeInBrowser("password reset in a browser", (started) => {
	it("forgot password → email → new password → back to sign-in, where the second factor is still asked", async () => {
		const { server, browser, baseUrl } = started();
		const { user, totp } = await seedTotpUser(server);

		await withLocalePage(browser, "en-US", "reset-request", async (page) => {
			await page.goto(`${baseUrl}/sign-in`);
			await page.getByRole("link", { name: resetEn.forgotLink }).click();
			await expectHeading(page, resetEn.forgot.title);
			// The default organisation is filled in already.
			expect(await page.getByLabel(resetEn.forgot.organisation, { exact: true }).inputValue()).toBe("acme");
			await page.getByLabel(resetEn.forgot.email, { exact: true }).fill(user.email);
			await page.getByRole("button", { name: resetEn.forgot.submit }).click();
			await page.getByText(fill(resetEn.forgot.sentBody, { email: user.email })).waitFor();

			// An unknown address gets exactly the same page, and no mail.
			await page.goto(`${baseUrl}/forgot-password`);
			const nobody = uniqueEmail("nobody");
			await page.getByLabel(resetEn.forgot.email, { exact: true }).fill(nobody);
			await page.getByRole("button", { name: resetEn.forgot.submit }).click();
			await page.getByText(fill(resetEn.forgot.sentBody, { email: nobody })).waitFor();
			expect(await server.lastMessage(nobody)).toBeUndefined();
		});

		const link = await resetLink(started(), user.email);
		await withLocalePage(browser, "en-US", "reset-complete", async (page) => {
			await page.goto(link);
			await expectHeading(page, resetEn.reset.title);
			await page.getByText(resetEn.reset.mfaNote).waitFor();
			// The token left the address bar (and so the history) as soon as the page read it.
			expect(page.url()).toBe(`${baseUrl}/reset-password`);

			const password = page.getByLabel(en.passwordFields.new, { exact: true });
			const confirmation = page.getByLabel(en.passwordFields.confirm, { exact: true });
			expect(await password.getAttribute("autocomplete")).toBe("new-password");
			await password.fill("short1");
			await confirmation.fill("short1");
			await page.getByRole("meter", { name: en.passwordStrength.label }).waitFor();
			await page.getByRole("button", { name: resetEn.reset.submit }).click();
			// The server's reasons show beside the fields, and the link still works.
			const refused = page.getByRole("alert").filter({ hasText: en.passwordRules.refusedTitle });
			await refused.getByText(fill(en.passwordRules.tooShort, { min: 15 })).waitFor();

			await password.fill(NEW_PASSWORD);
			await confirmation.fill(NEW_PASSWORD);
			await page.getByRole("button", { name: resetEn.reset.submit }).click();

			// Not signed in: back to the sign-in page, with a note.
			await page.waitForURL(/\/sign-in/);
			await page.getByText(resetEn.doneBody).waitFor();
			await signIn(page, { ...user, password: NEW_PASSWORD });
			// The reset did not skip the second factor.
			await page.getByRole("heading", { name: en.signIn.mfa.title.totp }).waitFor();
			server.clock.advance(30_000);
			await page
				.getByLabel(en.signIn.mfa.totpLabel, { exact: true })
				.fill(totp.generate({ timestamp: server.clock.now().getTime() }));
			await page.getByRole("button", { name: en.signIn.mfa.verify }).click();
			await expectHeading(page, en.profile.title);
		});

		await withLocalePage(browser, "en-US", "reset-used", async (page) => {
			// The link worked once.
			await page.goto(link);
			await page.getByText(resetEn.reset.invalidBody).waitFor();
			expect(await page.getByLabel(en.passwordFields.new, { exact: true }).count()).toBe(0);
			await page.getByRole("link", { name: resetEn.reset.requestNew }).click();
			await expectHeading(page, resetEn.forgot.title);
		});
	});

	it("after a reset, an email-code user is told why email does not count, and offered a recovery code instead", async () => {
		const { server, browser, baseUrl } = started();
		const user = await server.seedUser({ email: uniqueEmail("emailcode"), language: "en" });
		const client = server.client();
		await client.auth.signIn.mutate({ tenant: user.tenantSlug, email: user.email, password: user.password });
		await client.security.mfa.setChannel.mutate({ channel: "email", enabled: true });
		await server.client().auth.passwordReset.request.mutate({ tenant: user.tenantSlug, email: user.email });
		const token = new URL(await resetLink(started(), user.email)).hash.replace("#token=", "");
		await server.client().auth.passwordReset.complete.mutate({ token, password: NEW_PASSWORD });

		await withLocalePage(browser, "en-US", "reset-email-held-back", async (page) => {
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, { ...user, password: NEW_PASSWORD });
			await page.getByText(resetEn.emailHeldBackBody).waitFor();
			// The other way it has (recovery codes come with the email factor) is offered instead.
			await page.getByRole("heading", { name: en.signIn.mfa.title.recovery_code }).waitFor();
			expect(await page.getByRole("button", { name: en.signIn.mfa.switchTo.email }).count()).toBe(0);
		});
	});

	it.each([
		["de-DE", resetDe],
		["nl-NL", resetNl],
	] as const)("in %s: the link on sign-in, the request page and a dead link read translated", async (locale, words) => {
		const { server, browser, baseUrl } = started();
		const user = await server.seedUser({ email: uniqueEmail("lang") });
		await withLocalePage(browser, locale, `reset-${locale}`, async (page) => {
			await page.goto(`${baseUrl}/sign-in`);
			await page.getByRole("link", { name: words.forgotLink }).click();
			await expectHeading(page, words.forgot.title);
			await page.getByText(words.forgot.intro).waitFor();
			await expectNoRawKeys(page);
			await page.getByLabel(words.forgot.email, { exact: true }).fill(user.email);
			await page.getByRole("button", { name: words.forgot.submit }).click();
			await page.getByText(fill(words.forgot.sentBody, { email: user.email })).waitFor();
			await expectNoRawKeys(page);

			// The link from the mail opens a translated form.
			await page.goto(await resetLink(started(), user.email));
			await expectHeading(page, words.reset.title);
			await page.getByText(words.reset.mfaNote).waitFor();
			await expectNoRawKeys(page);

			// A link that does not work says so in plain words.
			await page.goto(`${baseUrl}/reset-password#token=${"x".repeat(43)}`);
			await page.getByText(words.reset.invalidTitle).waitFor();
			await page.getByText(words.reset.invalidBody).waitFor();
			await expectNoRawKeys(page);

			// Without a token at all.
			await page.goto(`${baseUrl}/reset-password`);
			await page.getByText(words.reset.missingBody).waitFor();
			await expectNoRawKeys(page);
		});
	});
});
