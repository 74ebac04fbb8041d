import { it } from "vitest";
import twoStepEn from "../src/features/security/i18n/en.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, expectHeading, fill, openSecurityPage, openTab, signIn, withPage } from "./harness";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describeInBrowser("account security in a browser", (started) => {
	it("asks for a new password after 90 days, shows why a weak one is refused, and signs in with a strong one", async () => {
		const { server, browser, baseUrl } = started();
		const user = await server.seedUser({ password: "quiet-Harbor-lantern-7-marmalade", language: "en" });
		server.clock.advance(91 * DAY);
		await withPage(browser, "expired-password", async (page) => {
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, user);
			await page.getByRole("heading", { name: en.signIn.passwordChange.heading }).waitFor();
			await page.getByText(en.signIn.passwordChange.expired).waitFor();

			const password = page.getByLabel(en.passwordFields.new, { exact: true });
			const confirmation = page.getByLabel(en.passwordFields.confirm, { exact: true });
			// SECURITY A21: a real password field that password managers may fill.
			expect(await password.getAttribute("type")).toBe("password");
			expect(await password.getAttribute("autocomplete")).toBe("new-password");

			// The organisation's rules are listed before anything is typed, the digit rule included.
			const rules = page.getByRole("list", { name: en.passwordRules.requirements.title });
			await rules.getByText(fill(en.passwordRules.requirements.min_length, { min: 15 })).waitFor();
			await rules.getByText(en.passwordRules.requirements.letter_and_digit).waitFor();
			// A strong passphrase without a digit is marked as missing that rule while it is typed.
			await password.fill("correct horse battery staple orbit");
			const digitRule = rules.getByRole("listitem").filter({ hasText: en.passwordRules.requirements.letter_and_digit });
			await expect.poll(() => digitRule.getAttribute("data-state")).toBe("unmet");
			await expect
				.poll(() =>
					rules
						.getByRole("listitem")
						.filter({ hasText: fill(en.passwordRules.requirements.min_length, { min: 15 }) })
						.getAttribute("data-state"),
				)
				.toBe("met");

			await password.fill("short1");
			await confirmation.fill("short1");
			// The strength meter reads the password with the server's own rules (loaded lazily).
			const meter = page.getByRole("meter", { name: en.passwordStrength.label });
			// zxcvbn's 0–4 score is shown as 1–5 segments: "short1" is at most "Weak".
			await expect.poll(async () => Number(await meter.getAttribute("aria-valuenow"))).toBeLessThanOrEqual(2);
			await page.getByRole("button", { name: en.signIn.passwordChange.submit }).click();
			const refused = page.getByRole("alert").filter({ hasText: en.passwordRules.refusedTitle });
			await refused.getByText(fill(en.passwordRules.tooShort, { min: 15 })).waitFor();

			await password.fill("new-Orchard-violin-42-breeze");
			await confirmation.fill("new-Orchard-violin-42-breeze");
			await expect.poll(() => meter.getAttribute("aria-valuetext")).toBe(en.passwordStrength.score4);
			expect(await page.getByText(en.passwordStrength.score4, { exact: true }).isVisible()).toBe(true);
			await page.getByRole("button", { name: en.signIn.passwordChange.submit }).click();
			await expectHeading(page, en.profile.title);
		});
	});

	it("asks to confirm it's you for a stale session, then finishes the action without a second click", async () => {
		const { server, browser, baseUrl } = started();
		const user = await server.seedUser({ language: "en" });
		await withPage(browser, "reauth", async (page) => {
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, user);
			await expectHeading(page, en.profile.title);
			await openSecurityPage(page);
			await openTab(page, twoStepEn.tabs.twoStep);

			// Past the 5-minute window for sensitive changes, but well inside the 15-minute idle
			// timeout; reloading the page keeps the session in use (and the tab, kept in the URL).
			server.clock.advance(6 * MINUTE);
			await page.reload();
			await expectHeading(page, en.security.title);

			await page.getByRole("button", { name: en.security.recovery.generate }).click();
			const confirm = page.getByRole("dialog", { name: en.reauth.title });
			await confirm.waitFor();
			const password = confirm.getByLabel(en.reauth.password, { exact: true });
			expect(await password.getAttribute("autocomplete")).toBe("current-password");

			await password.fill(`${user.password}-typo`);
			await confirm.getByRole("button", { name: en.reauth.confirm }).click();
			await confirm.getByText(en.errors.domain.wrongPassword).waitFor();

			await password.fill(user.password);
			await confirm.getByRole("button", { name: en.reauth.confirm }).click();
			// The codes appear: the original action ran again by itself.
			const codes = page.getByRole("dialog", { name: en.security.recovery.dialogTitle });
			await codes.waitFor();
			expect(await codes.getByRole("listitem").count()).toBe(10);
			expect(await confirm.isVisible()).toBe(false);
		});
	});

	it("moves between the Security page's tabs with the keyboard at 390 px, and a reload keeps the tab", async () => {
		const { server, browser, baseUrl } = started();
		const user = await server.seedUser({ language: "en" });
		await withPage(browser, "security-tabs", async (page) => {
			await page.setViewportSize({ width: 390, height: 844 });
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, user);
			await expectHeading(page, en.profile.title);
			await page.goto(`${baseUrl}/security`);
			await expectHeading(page, en.security.title);
			const tab = (name: string) => page.getByRole("tab", { name, exact: true });
			const tabParam = () => new URL(page.url()).searchParams.get("tab");

			await page.getByRole("region", { name: en.security.password.title }).waitFor();
			await tab(twoStepEn.tabs.signIn).focus();
			await page.keyboard.press("ArrowLeft");
			await expect.poll(tabParam).toBe("sessions");
			await page.getByRole("table", { name: en.security.sessions.title }).waitFor();
			await page.keyboard.press("Home");
			await expect.poll(tabParam).toBeNull();
			await page.keyboard.press("ArrowRight");
			await expect.poll(tabParam).toBe("two-step");
			await page.getByRole("region", { name: en.security.mfa.title }).waitFor();
			expect(await page.getByRole("region", { name: en.security.password.title }).count()).toBe(0);
			expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

			await page.reload();
			await expectHeading(page, en.security.title);
			await page.getByRole("region", { name: en.security.mfa.title }).waitFor();
			expect(await tab(twoStepEn.tabs.twoStep).getAttribute("aria-selected")).toBe("true");
		});
	});

	it("opens a tab past the edge of a phone's tab list scrolled into view (German, 360 px)", async () => {
		const { server, browser, baseUrl } = started();
		const user = await server.seedUser({ language: "de" });
		await withPage(browser, "security-tab-in-view", async (page) => {
			await page.setViewportSize({ width: 360, height: 800 });
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, user);
			await page.waitForURL((url) => url.pathname !== "/sign-in");
			await page.goto(`${baseUrl}/security?tab=sessions`);
			const selected = page.locator('[role="tab"][aria-selected="true"]');
			await selected.waitFor();
			const view = await selected.evaluate((tab) => {
				const list = tab.closest('[role="tablist"]') as HTMLElement;
				const outer = tab.getBoundingClientRect();
				const inner = list.getBoundingClientRect();
				return {
					overflows: list.scrollWidth > list.clientWidth,
					inView: outer.left >= inner.left - 0.5 && outer.right <= inner.right + 0.5,
				};
			});
			// The list is wider than the phone here, and the chosen tab is the last one: in view all the same.
			expect(view).toEqual({ overflows: true, inView: true });
			expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
		});
	});

	it("signs out every other session: the other browser's next navigation lands on sign-in", async () => {
		const { server, browser, baseUrl } = started();
		const user = await server.seedUser({ language: "en" });
		const other = await browser.newContext({ timezoneId: "Europe/Amsterdam", locale: "en-US" });
		try {
			const pageB = await other.newPage();
			pageB.setDefaultTimeout(15_000);
			await pageB.goto(`${baseUrl}/sign-in`);
			await signIn(pageB, user);
			await expectHeading(pageB, en.profile.title);

			await withPage(browser, "sessions", async (page) => {
				await page.goto(`${baseUrl}/sign-in`);
				await signIn(page, user);
				await expectHeading(page, en.profile.title);
				await openSecurityPage(page);
				await openTab(page, twoStepEn.tabs.sessions);

				const sessions = page.getByRole("table", { name: en.security.sessions.title });
				const rows = sessions.locator("tbody tr");
				await expect.poll(() => rows.count()).toBe(2);
				const current = rows.filter({ hasText: en.security.sessions.thisDevice });
				expect(await current.count()).toBe(1);

				await page.getByRole("button", { name: en.security.sessions.revokeOthers }).click();
				await page.getByText(fill(en.security.sessions.revokedOthers_one, { count: 1 })).waitFor();
				await expect.poll(() => rows.count()).toBe(1);
			});

			await pageB.goto(`${baseUrl}/security`);
			await pageB.waitForURL(/\/sign-in/);
			await pageB.getByLabel(en.signIn.email, { exact: true }).waitFor();
		} finally {
			await other.close();
		}
	});
});
