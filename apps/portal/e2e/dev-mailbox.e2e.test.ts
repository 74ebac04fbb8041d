import { it } from "vitest";
import de from "../src/i18n/de.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, expectHeading, signIn, withPage } from "./harness";

describeInBrowser("development mailbox in a browser", (started) => {
	it("speaks the signed-in user's language, not the browser's, and offers each link to open and to copy", async () => {
		const { server, browser, baseUrl } = started();
		const user = await server.seedUser({ language: "de", timeZone: "Europe/Berlin" });
		await server.client().auth.passwordReset.request.mutate({ tenant: user.tenantSlug, email: user.email });
		await withPage(browser, "mailbox-language", async (page) => {
			const mailbox = `${baseUrl}/dev/mailbox?tenant=${user.tenantSlug}`;
			// Nobody signed in, in an English browser: English.
			await page.goto(mailbox);
			await expectHeading(page, en.devMailbox.title);

			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, user);
			await expectHeading(page, de.profile.title);
			// Opened afresh (as from the link a developer keeps), the page is in the user's German.
			await page.goto(mailbox);
			await expectHeading(page, de.devMailbox.title);
			expect(await page.locator("html").getAttribute("lang")).toBe("de");
			await page.getByText(de.devMailbox.backToSignIn, { exact: true }).waitFor();

			const message = page.getByRole("article").filter({ hasText: user.email }).first();
			const anchor = message.getByRole("link").first();
			await anchor.waitFor();
			const href = (await anchor.getAttribute("href")) ?? "";
			expect(href).toBe(await anchor.textContent());
			// The reset link, whole: its token is in the fragment.
			expect(new URL(href).hash).toMatch(/token=./);

			await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(baseUrl).origin });
			await message.getByRole("button", { name: de.devMailbox.copyLink }).click();
			await message.getByText(de.common.copied, { exact: true }).waitFor();
			expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(href);
		});
	});
});
