import { LOGO_FIXTURES } from "@tessera/core/tenants/logo-image.testing";
import { it } from "vitest";
import brandingEn from "../src/features/admin-branding/i18n/en.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, expectHeading, signInWithRoles, signOut, withPage } from "./harness";

const text = brandingEn;

/** The page's background colour as the browser paints it. */
const bodyBackground = (page: import("playwright-core").Page) =>
	page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describeInBrowser("branding and themes in a browser", (started) => {
	it("lets an administrator set the name, colour and logo, previews them, and shows them in the shell and on the sign-in page", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "branding-settings", async (page) => {
			// The default organisation (acme): the sign-in page shows its branding.
			const admin = await signInWithRoles({ server, baseUrl }, page);
			await page.getByRole("navigation").getByRole("link", { name: en.nav.branding }).click();
			await expectHeading(page, text.title);

			await page.getByLabel(text.fields.name.label, { exact: true }).fill("Northwind Portal");
			await page.getByRole("textbox", { name: text.fields.accentColor.label, exact: true }).fill("#0F766E");
			await page.getByLabel(text.fields.logo.label, { exact: true }).setInputFiles({
				name: "logo.png",
				mimeType: "image/png",
				buffer: Buffer.from(LOGO_FIXTURES.png),
			});
			// The preview shows the draft in both themes before anything is saved; the teal is too
			// dark for the dark theme, which says it uses a lighter shade.
			const preview = page.getByRole("region", { name: text.sections.preview.title });
			await expect.poll(() => preview.getByText("Northwind Portal").count()).toBe(2);
			await preview.getByText(text.preview.adjusted.dark).waitFor();
			expect(await preview.getByText(text.preview.adjusted.light).count()).toBe(0);
			expect(await page.getByTestId("brand-name").textContent()).toBe(en.app.name);

			await page.getByRole("button", { name: text.save, exact: true }).click();
			await page.getByText(text.saved).waitFor();

			// The shell takes the new look at once: name, logo, and the accent on the whole page.
			await expect.poll(() => page.getByTestId("brand-name").textContent()).toBe("Northwind Portal");
			expect(await page.locator(".ui-shell__brand img").getAttribute("src")).toMatch(
				/^\/branding\/.+\/logo\/[0-9a-f]{16}$/,
			);
			expect(
				await page.evaluate(() =>
					getComputedStyle(document.documentElement).getPropertyValue("--ui-brand-accent-light"),
				),
			).toBe("#0f766e");
			expect(await page.title()).toBe("Northwind Portal");

			const audits = await server.db
				.selectFrom("audit_events")
				.select(["actor_user_id", "details"])
				.where("tenant_id", "=", admin.tenantId)
				.where("action", "=", "tenant.branding_updated")
				.execute();
			expect(audits).toHaveLength(1);
			expect(audits[0]?.details).toMatchObject({
				changes: { "branding.name": { from: null, to: "Northwind Portal" } },
			});

			await signOut(page);
			await expectHeading(page, en.signIn.title);
			await expect.poll(() => page.getByTestId("brand-name").textContent()).toBe("Northwind Portal");
			await page.locator(".portal-brand img").waitFor();
			const signInButton = page.getByRole("button", { name: en.signIn.submit, exact: true });
			expect(await signInButton.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
				"rgb(15, 118, 110)",
			);
		});
	});

	it("refuses an SVG logo with a reason, and saves nothing", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "branding-svg", async (page) => {
			const admin = await signInWithRoles({ server, baseUrl }, page, { tenantSlug: "svg-co" });
			await page.goto(`${baseUrl}/admin/branding`);
			await expectHeading(page, text.title);
			await page.getByLabel(text.fields.logo.label, { exact: true }).setInputFiles({
				name: "logo.svg",
				mimeType: "image/svg+xml",
				buffer: Buffer.from(LOGO_FIXTURES.svg),
			});
			await page.getByRole("button", { name: text.save, exact: true }).click();
			await page.getByText(text.errors.logoFormat).waitFor();
			const stored = await server.db
				.selectFrom("tenants")
				.select("brand_logo_version")
				.where("id", "=", admin.tenantId)
				.executeTakeFirstOrThrow();
			expect(stored.brand_logo_version).toBeNull();
		});
	});

	it("switches between light and dark from the shell, keeps the choice across a reload, and applies it before the app runs", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "theme-choice", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, { tenantSlug: "theme-co" });
			const theme = page.getByLabel(en.theme.label, { exact: true });
			const lightBackground = await bodyBackground(page);

			await theme.selectOption({ label: en.theme.dark });
			expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
			expect(await bodyBackground(page)).toBe("rgb(15, 18, 24)");

			await page.reload();
			await expectHeading(page, en.profile.title);
			expect(await theme.inputValue()).toBe("dark");
			expect(await bodyBackground(page)).toBe("rgb(15, 18, 24)");

			// Without the app's script the page is still dark: the choice is applied from <head>,
			// before the first paint, not once React has started.
			await page.route("**/assets/*.js", (route) => route.abort());
			await page.goto(`${baseUrl}/`);
			expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
			expect(await bodyBackground(page)).toBe("rgb(15, 18, 24)");
			await page.unroute("**/assets/*.js");

			await page.goto(`${baseUrl}/`);
			await expectHeading(page, en.profile.title);
			await theme.selectOption({ label: en.theme.light });
			expect(await page.locator("html").getAttribute("data-theme")).toBe("light");
			expect(await bodyBackground(page)).toBe(lightBackground);

			// "As on this device" follows the system again: dark here once the system prefers dark.
			await page.emulateMedia({ colorScheme: "dark" });
			expect(await bodyBackground(page)).toBe(lightBackground);
			await theme.selectOption({ label: en.theme.system });
			expect(await page.locator("html").getAttribute("data-theme")).toBeNull();
			expect(await bodyBackground(page)).toBe("rgb(15, 18, 24)");
		});
	});
});
