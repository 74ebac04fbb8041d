import { sql } from "kysely";
import type { Page } from "playwright-core";
import { it } from "vitest";
import dateTimeEn from "../src/features/date-time/i18n/en.json";
import de from "../src/i18n/de.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, signIn, withPage as withPageIn } from "./harness";

/** The Amsterdam option as the time-zone field shows it, in winter or in summer. */
const AMSTERDAM = /^\(UTC\+0[12]:00\) Amsterdam — Europe\/Amsterdam$/;
const KOLKATA = "(UTC+05:30) Kolkata — Asia/Kolkata";
const COLOMBO = "(UTC+05:30) Colombo — Asia/Colombo";

describeInBrowser("portal in a browser", (started) => {
	const withPage = (name: string, journey: (page: Page) => Promise<void>) =>
		withPageIn(started().browser, name, journey);

	it("signs in, saves the profile in the user's time zone and language, and keeps it after reload", async () => {
		const { server } = started();
		const user = await server.seedUser({ firstName: "Augusta", lastName: "King", timeZone: null, language: null });
		await withPage("profile-journey", async (page) => {
			await page.goto(server.url);
			await page.waitForURL(/\/sign-in/);

			await signIn(page, user);
			await page.getByRole("heading", { level: 1, name: en.profile.title }).waitFor();
			expect(new URL(page.url()).pathname).toBe("/");

			// No saved zone: the browser's is offered, and the form is pre-filled with it.
			const notSet = en.profile.timeZoneNotSet.replace("{{timeZone}}", "Europe/Amsterdam");
			await page.getByText(notSet).waitFor();
			const zone = page.getByRole("combobox", { name: en.profile.timeZone, exact: true });
			expect(await zone.inputValue()).toMatch(AMSTERDAM);

			await page.getByLabel(en.profile.firstName, { exact: true }).fill("Ada");
			await page.getByLabel(en.profile.language, { exact: true }).selectOption("de");
			await page.getByRole("button", { name: en.profile.save }).click();

			// The UI switches to German at once, and the header greets the new name.
			await page.getByText(de.profile.saved).waitFor();
			await expect.poll(() => page.getByTestId("current-user-name").textContent()).toBe("Ada King");
			expect(await page.locator("html").getAttribute("lang")).toBe("de");

			await page.reload();
			await page.getByRole("heading", { level: 1, name: de.profile.title }).waitFor();
			expect(await page.getByLabel(de.profile.firstName, { exact: true }).inputValue()).toBe("Ada");
			expect(await page.getByLabel(de.profile.language, { exact: true }).inputValue()).toBe("de");
			expect(await page.getByRole("combobox", { name: de.profile.timeZone, exact: true }).inputValue()).toMatch(
				AMSTERDAM,
			);
			expect(await page.getByText(de.profile.timeZoneNotSet.split(";")[0] ?? "").count()).toBe(0);

			// Signing out leaves the signed-in pages for good.
			await page.getByRole("button", { name: de.header.signOut }).click();
			await page.waitForURL(/\/sign-in/);
			await page.goto(server.url);
			await page.waitForURL(/\/sign-in/);
		});
	});

	it("picks a time zone by typing an offset or an old name, with the keyboard only, at 390 px, and saves it", async () => {
		const { server } = started();
		// Stored under its old name, as older systems wrote it.
		const user = await server.seedUser({ timeZone: "Asia/Calcutta", language: "en" });
		await withPage("time-zone-picker", async (page) => {
			await page.setViewportSize({ width: 390, height: 844 });
			await page.goto(`${server.url}/sign-in`);
			await signIn(page, user);
			const zone = page.getByRole("combobox", { name: en.profile.timeZone, exact: true });
			// The old name is shown as today's zone; the list has no second entry for it.
			expect(await zone.inputValue()).toBe(KOLKATA);
			const listbox = page.getByRole("listbox", { name: en.profile.timeZone, exact: true });
			const options = listbox.getByRole("option");

			// By offset: both zones at +05:30, Home and End move between them, Enter picks.
			await zone.fill("+5:30");
			await expect.poll(() => options.allTextContents()).toEqual([COLOMBO, KOLKATA]);
			await zone.press("End");
			expect(await zone.getAttribute("aria-activedescendant")).toBe(await options.nth(1).getAttribute("id"));
			await zone.press("Home");
			expect(await zone.getAttribute("aria-activedescendant")).toBe(await options.nth(0).getAttribute("id"));
			await zone.press("Enter");
			expect(await zone.inputValue()).toBe(COLOMBO);
			expect(await zone.getAttribute("aria-expanded")).toBe("false");

			// Nothing matches: said so; Escape puts the chosen zone back.
			await zone.fill("Atlantis");
			await page.getByText(dateTimeEn.timeZone.noMatches, { exact: true }).waitFor();
			await zone.press("Escape");
			expect(await zone.inputValue()).toBe(COLOMBO);

			// By the city's old name: one option, under its current name, and the list fits the screen.
			await zone.fill("Calcutta");
			await expect.poll(() => options.allTextContents()).toEqual([KOLKATA]);
			const box = await listbox.boundingBox();
			expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
			await zone.press("ArrowDown");
			await zone.press("Enter");
			expect(await zone.inputValue()).toBe(KOLKATA);

			await page.getByRole("button", { name: en.profile.save }).click();
			await page.getByText(en.profile.saved).waitFor();
			const stored = await server.db
				.selectFrom("users")
				.select("time_zone")
				.where("id", "=", user.id)
				.executeTakeFirstOrThrow();
			expect(stored.time_zone).toBe("Asia/Kolkata");
			await page.reload();
			expect(await page.getByRole("combobox", { name: en.profile.timeZone, exact: true }).inputValue()).toBe(KOLKATA);
		});
	});

	it("keeps typed input when the profile was changed elsewhere, and reloads the latest on request", async () => {
		const { server } = started();
		const user = await server.seedUser({ firstName: "Grace", lastName: "Hopper", timeZone: "UTC", language: "en" });
		await withPage("conflict-journey", async (page) => {
			await page.goto(`${server.url}/sign-in`);
			await signIn(page, user);
			const firstName = page.getByLabel(en.profile.firstName, { exact: true });
			expect(await firstName.inputValue()).toBe("Grace");

			// Someone else saves first, behind the page's back.
			await server.db
				.updateTable("users")
				.set({ first_name: "Other", version: sql<number>`version + 1` })
				.where("id", "=", user.id)
				.execute();

			await firstName.fill("Mine");
			await page.getByRole("button", { name: en.profile.save }).click();

			const conflict = page.getByRole("alert").filter({ hasText: en.profile.conflictTitle });
			await conflict.waitFor();
			expect(await firstName.inputValue()).toBe("Mine");

			await conflict.getByRole("button", { name: en.profile.reloadLatest }).click();
			await expect.poll(() => firstName.inputValue()).toBe("Other");
			expect(await conflict.count()).toBe(0);
		});
	});

	it("shows the server's validation errors next to the field they belong to", async () => {
		const { server } = started();
		const user = await server.seedUser({ timeZone: "Europe/Berlin", language: "en" });
		await withPage("field-errors", async (page) => {
			await page.goto(`${server.url}/sign-in`);
			await signIn(page, user);
			const phone = page.getByLabel(en.profile.phone, { exact: true });
			await phone.fill("12345");
			await page.getByRole("button", { name: en.profile.save }).click();

			await page.getByRole("alert").filter({ hasText: en.profile.validationTitle }).waitFor();
			expect(await phone.getAttribute("aria-invalid")).toBe("true");
			const describedBy = (await phone.getAttribute("aria-describedby")) ?? "";
			const description = await page.locator(`[id="${describedBy.split(" ")[0]}"]`).textContent();
			expect(description).toContain(en.fieldErrors.phone);
			expect(await phone.inputValue()).toBe("12345");
		});
	});

	it("shows the generic message for a wrong password and stays on the sign-in page", async () => {
		const { server } = started();
		const user = await server.seedUser();
		await withPage("wrong-password", async (page) => {
			await page.goto(`${server.url}/sign-in`);
			await signIn(page, { ...user, password: `${user.password}-wrong` }, { typeOrganisation: true });
			const alert = page.getByRole("alert").filter({ hasText: en.errors.domain.invalidCredentials });
			await alert.waitFor();
			// An expected refusal is explained by its message: no support reference beside it.
			expect(await alert.textContent()).not.toContain(en.errors.reference.replace("{{id}}", "").trim());
			expect(new URL(page.url()).pathname).toBe("/sign-in");
			// The password can be revealed to check for typos.
			const password = page.getByLabel(en.signIn.password, { exact: true });
			await page.getByRole("button", { name: en.signIn.showPassword }).click();
			expect(await password.getAttribute("type")).toBe("text");
		});
	});
});
