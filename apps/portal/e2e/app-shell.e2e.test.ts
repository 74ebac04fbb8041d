import { it } from "vitest";
import usersEn from "../src/features/admin-users/i18n/en.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, expectHeading, signInWithRoles, withPage } from "./harness";

describeInBrowser("the app shell in a browser", (started) => {
	it("shows a sidebar on a wide screen and a menu on a phone that opens, follows a link and closes", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "app-shell", async (page) => {
			await page.setViewportSize({ width: 1280, height: 800 });
			await signInWithRoles({ server, baseUrl }, page);
			const nav = page.getByRole("navigation", { name: en.app.mainNavigation });
			const menu = page.getByRole("button", { name: en.app.menu });
			// Wide: the navigation is always there, grouped, and there is no menu button.
			await nav.getByRole("list", { name: en.nav.groups.admin }).getByRole("link", { name: en.nav.users }).waitFor();
			expect(await nav.getByRole("list", { name: en.nav.groups.account }).getByRole("link").count()).toBe(3);
			expect(await menu.isVisible()).toBe(false);

			// A phone: a compact header; the menu opens the navigation and the user area.
			await page.setViewportSize({ width: 390, height: 844 });
			await menu.waitFor();
			expect(await nav.isVisible()).toBe(false);
			expect(await page.getByRole("button", { name: en.header.signOut }).isVisible()).toBe(false);
			await menu.click();
			expect(await menu.getAttribute("aria-expanded")).toBe("true");
			await page.getByRole("button", { name: en.header.signOut }).waitFor();
			await nav.getByRole("link", { name: en.nav.security, exact: true }).click();
			await expectHeading(page, en.security.title);
			// Following a link closes the menu.
			expect(await menu.getAttribute("aria-expanded")).toBe("false");
			expect(await nav.isVisible()).toBe(false);

			// Escape closes it too, and focus goes back to the button.
			await menu.click();
			await nav.waitFor();
			await page.keyboard.press("Escape");
			expect(await menu.getAttribute("aria-expanded")).toBe("false");
			expect(await menu.evaluate((element) => element === document.activeElement)).toBe(true);
			// The page never gets wider than the phone.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

			// A wide table scrolls inside its frame, and each row's name stays at the left edge.
			await page.goto(`${baseUrl}/admin/users`);
			await expectHeading(page, usersEn.title);
			const frame = page.getByRole("group", { name: usersEn.table.caption });
			const name = frame.getByRole("rowheader").first();
			await name.waitFor();
			await frame.evaluate((element) => {
				element.scrollLeft = 400;
			});
			expect(await frame.evaluate((element) => element.scrollLeft)).toBeGreaterThan(100);
			const [frameBox, nameBox] = [await frame.boundingBox(), await name.boundingBox()];
			expect(nameBox && frameBox && Math.abs(nameBox.x - frameBox.x)).toBeLessThan(3);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		});
	});
});
