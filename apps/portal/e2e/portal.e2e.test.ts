import { sql } from "kysely";
import type { Page } from "playwright-core";
import { it } from "vitest";
import de from "../src/i18n/de.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, signIn, withPage as withPageIn } from "./harness";

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
			const zone = page.getByLabel(en.profile.timeZone, { exact: true });
			expect(await zone.inputValue()).toBe("Europe/Amsterdam");
			// Each zone with its offset, under its current name only.
			const zoneLabels = await zone.locator("option").allTextContents();
			expect(zoneLabels).toContainEqual(expect.stringMatching(/^\(UTC\+0[12]:00\) Europe\/Amsterdam$/));
			expect(zoneLabels).toContainEqual(expect.stringMatching(/^\(UTC\+05:30\) Asia\/Kolkata$/));
			expect(zoneLabels.filter((label) => label.includes("Calcutta"))).toEqual([]);

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
			expect(await page.getByLabel(de.profile.timeZone, { exact: true }).inputValue()).toBe("Europe/Amsterdam");
			expect(await page.getByText(de.profile.timeZoneNotSet.split(";")[0] ?? "").count()).toBe(0);

			// Signing out leaves the signed-in pages for good.
			await page.getByRole("button", { name: de.header.signOut }).click();
			await page.waitForURL(/\/sign-in/);
			await page.goto(server.url);
			await page.waitForURL(/\/sign-in/);
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
