import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { it } from "vitest";
import deRoles from "../src/features/admin-roles/i18n/de.json";
import enRoles from "../src/features/admin-roles/i18n/en.json";
import deUsers from "../src/features/admin-users/i18n/de.json";
import enUsers from "../src/features/admin-users/i18n/en.json";
import de from "../src/i18n/de.json";
import en from "../src/i18n/en.json";
import {
	describeInBrowser,
	expect,
	expectHeading,
	fill,
	type Started,
	signIn,
	signInWithRoles,
	withPage,
} from "./harness";

const MINUTE = 60_000;

/** Thirty people with varied names and states, created a minute apart in this order. */
const PEOPLE: { firstName: string; lastName: string; state?: "inactive" | "create" }[] = [
	{ firstName: "Anna", lastName: "Bakker" },
	{ firstName: "Bruno", lastName: "Costa" },
	{ firstName: "Chloé", lastName: "Dubois" },
	{ firstName: "Daan", lastName: "Vries", state: "inactive" },
	{ firstName: "Elif", lastName: "Yilmaz" },
	{ firstName: "Finn", lastName: "Hansen" },
	{ firstName: "Greta", lastName: "Müller" },
	{ firstName: "Hugo", lastName: "Lefèvre", state: "inactive" },
	{ firstName: "Ines", lastName: "Silva" },
	{ firstName: "Jonas", lastName: "Berg" },
	{ firstName: "Kira", lastName: "Novak", state: "create" },
	{ firstName: "Lars", lastName: "Olsen", state: "inactive" },
	{ firstName: "Marta", lastName: "Jansen" },
	{ firstName: "Noah", lastName: "Peters" },
	{ firstName: "Omar", lastName: "Haddad" },
	{ firstName: "Paula", lastName: "Romero" },
	{ firstName: "Quinn", lastName: "Walsh" },
	{ firstName: "Rosa", lastName: "Marin", state: "inactive" },
	{ firstName: "Sven", lastName: "Lund" },
	{ firstName: "Tara", lastName: "Singh" },
	{ firstName: "Umar", lastName: "Farouk" },
	{ firstName: "Vera", lastName: "Kovač" },
	{ firstName: "Wim", lastName: "Smit", state: "inactive" },
	{ firstName: "Xenia", lastName: "Ivanova" },
	{ firstName: "Yara", lastName: "Haddad" },
	{ firstName: "Zoe", lastName: "Martens" },
	{ firstName: "Aron", lastName: "Kim" },
	{ firstName: "Bea", lastName: "Visser" },
	{ firstName: "Cas", lastName: "Mulder" },
	{ firstName: "Dina", lastName: "Marx", state: "inactive" },
];

function emailOf(person: { firstName: string; lastName: string }, tenantSlug: string): string {
	const ascii = (text: string) =>
		text
			.normalize("NFD")
			.replace(/[^a-zA-Z]/g, "")
			.toLowerCase();
	return `${ascii(person.firstName)}.${ascii(person.lastName)}@${tenantSlug}.example`;
}

/** Seeds the thirty people in their own organisation; returns their ids by first name. */
async function seedDirectory(server: Started["server"], tenantSlug: string): Promise<Map<string, string>> {
	const ids = new Map<string, string>();
	for (const person of PEOPLE) {
		const user = await server.seedUser({
			tenantSlug,
			firstName: person.firstName,
			lastName: person.lastName,
			email: emailOf(person, tenantSlug),
			state: person.state ?? "active",
			roles: [{ key: "member" }],
		});
		ids.set(person.firstName, user.id);
		server.clock.advance(MINUTE);
	}
	return ids;
}

async function openUsersPage(page: Page): Promise<void> {
	await page.getByRole("navigation").getByRole("link", { name: en.nav.users, exact: true }).click();
	await expectHeading(page, enUsers.title);
	await openFilters(page);
}

/** Unfolds the filters ("Filters" or "Filters (n)"): only the search box is in view at first. */
async function openFilters(page: Page, text: { filters: { toggle: string } } = enUsers): Promise<void> {
	const toggle = page.getByRole("button", { name: new RegExp(`^${text.filters.toggle}( \\(\\d+\\))?$`) });
	if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
}

const usersTable = (page: Page) => page.getByRole("table", { name: enUsers.table.caption });

/** The names in the table's rows, top to bottom. */
function rowNames(page: Page): Promise<string[]> {
	return usersTable(page).getByRole("rowheader").allTextContents();
}

function searchParam(page: Page, name: string): string | null {
	return new URL(page.url()).searchParams.get(name);
}

describeInBrowser("admin user list in a browser", (started) => {
	it("searches, filters and sorts through the URL, keeps the view on reload, and pages forward and back", async () => {
		const { server, browser, baseUrl } = started();
		await seedDirectory(server, "list-view");
		await withPage(browser, "admin-users-view", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, {
				tenantSlug: "list-view",
				firstName: "Ada",
				lastName: "Admin",
			});
			await openUsersPage(page);
			// Thirty people and the admin, by last name.
			await page.getByText(fill(enUsers.total_other, { formatted: "31" }), { exact: true }).waitFor();
			expect((await rowNames(page)).slice(0, 3)).toEqual(["Ada Admin", "Anna Bakker", "Jonas Berg"]);

			// Case-insensitive substring search over names and emails, after a pause in typing.
			await page.getByLabel(enUsers.filters.search, { exact: true }).fill("MAR");
			await expect
				.poll(() => rowNames(page))
				.toEqual(["Umar Farouk", "Omar Haddad", "Marta Jansen", "Rosa Marin", "Zoe Martens", "Dina Marx"]);
			expect(searchParam(page, "q")).toBe("MAR");

			await page.getByLabel(enUsers.filters.state, { exact: true }).selectOption("inactive");
			await expect.poll(() => rowNames(page)).toEqual(["Rosa Marin", "Dina Marx"]);
			expect(searchParam(page, "state")).toBe("inactive");
			// The filter shows as a chip and in the count on the toggle; removing the chip clears it.
			const chip = fill(enUsers.filters.remove, { filter: `${enUsers.filters.state}: ${en.states.inactive}` });
			await page.getByRole("button", { name: fill(enUsers.filters.toggleCount, { count: 1 }) }).waitFor();
			await page.getByRole("button", { name: chip }).click();
			await expect.poll(() => rowNames(page)).toHaveLength(6);
			expect(searchParam(page, "state")).toBeNull();
			expect(await page.getByRole("button", { name: chip }).count()).toBe(0);

			// Newest first on the first click on "Created"; the header says how the column sorts.
			await page.getByRole("button", { name: enUsers.columns.created, exact: true }).click();
			await expect
				.poll(() => rowNames(page))
				.toEqual(["Dina Marx", "Zoe Martens", "Umar Farouk", "Rosa Marin", "Omar Haddad", "Marta Jansen"]);
			const createdHeader = usersTable(page).getByRole("columnheader", { name: enUsers.columns.created, exact: true });
			expect(await createdHeader.getAttribute("aria-sort")).toBe("descending");
			expect(
				await usersTable(page)
					.getByRole("columnheader", { name: enUsers.columns.name, exact: true })
					.getAttribute("aria-sort"),
			).toBe("none");
			expect([searchParam(page, "sort"), searchParam(page, "dir")]).toEqual(["created", "desc"]);

			await page.getByRole("button", { name: enUsers.columns.created, exact: true }).click();
			await expect.poll(() => createdHeader.getAttribute("aria-sort")).toBe("ascending");
			await expect.poll(async () => (await rowNames(page))[0]).toBe("Marta Jansen");

			await page.reload();
			await expectHeading(page, enUsers.title);
			await expect
				.poll(() => rowNames(page))
				.toEqual(["Marta Jansen", "Omar Haddad", "Rosa Marin", "Umar Farouk", "Zoe Martens", "Dina Marx"]);
			expect(await page.getByLabel(enUsers.filters.search, { exact: true }).inputValue()).toBe("MAR");
			expect(await createdHeader.getAttribute("aria-sort")).toBe("ascending");

			// Back restores the previous view (newest first), then the one before it.
			await page.goBack();
			await expect.poll(() => createdHeader.getAttribute("aria-sort")).toBe("descending");
			await expect.poll(async () => (await rowNames(page))[0]).toBe("Dina Marx");

			// Keyset pages of ten: the next page shows other people, Previous the first ones again.
			await page.getByRole("button", { name: enUsers.filters.clear }).first().click();
			await expect.poll(() => rowNames(page)).toHaveLength(25);
			await page.getByLabel(enUsers.pagination.pageSize, { exact: true }).selectOption("10");
			await expect.poll(() => rowNames(page)).toHaveLength(10);
			expect(searchParam(page, "size")).toBe("10");
			const firstPage = await rowNames(page);
			// Clearing the filters kept the sort: newest first, the admin, then the last one seeded.
			expect(firstPage.slice(0, 2)).toEqual(["Ada Admin", "Dina Marx"]);

			await page.getByRole("button", { name: enUsers.pagination.next }).click();
			await page.getByText(fill(en.pagination.rangeOpen, { first: 11, last: 20 })).waitFor();
			await expect.poll(async () => (await rowNames(page))[0] !== firstPage[0]).toBe(true);
			const secondPage = await rowNames(page);
			expect(secondPage).toHaveLength(10);
			expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);
			expect(searchParam(page, "cursor")).toBeTruthy();

			// A reload keeps the page, and still knows the way back.
			await page.reload();
			await expect.poll(() => rowNames(page)).toEqual(secondPage);
			await page.getByRole("button", { name: enUsers.pagination.previous }).click();
			await expect.poll(() => rowNames(page)).toEqual(firstPage);
			expect(searchParam(page, "cursor")).toBeNull();

			// Changing a filter starts again at the first page.
			await page.getByRole("button", { name: enUsers.pagination.next }).click();
			await page.getByText(fill(en.pagination.rangeOpen, { first: 11, last: 20 })).waitFor();
			// After the reloads the filters are folded again.
			await openFilters(page);
			await page.getByLabel(enUsers.filters.state, { exact: true }).selectOption("active");
			await expect.poll(() => searchParam(page, "cursor")).toBeNull();
			await page.getByText(fill(enUsers.total_other, { formatted: "24" }), { exact: true }).waitFor();
		});
	});

	it("deactivates two selected users in bulk, reports a conflicting third, and the database agrees", async () => {
		const { server, browser, baseUrl } = started();
		const ids = await seedDirectory(server, "list-bulk");
		await withPage(browser, "admin-users-bulk", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, { tenantSlug: "list-bulk" });
			await openUsersPage(page);
			await page.getByLabel(enUsers.filters.state, { exact: true }).selectOption("active");
			await expect.poll(async () => (await rowNames(page)).includes("Anna Bakker")).toBe(true);

			const select = (name: string, email: string) =>
				page.getByRole("checkbox", { name: fill(enUsers.table.select, { name: `${name} (${email})` }) }).check();
			await select("Anna Bakker", "anna.bakker@list-bulk.example");
			await select("Bruno Costa", "bruno.costa@list-bulk.example");
			await select("Elif Yilmaz", "elif.yilmaz@list-bulk.example");
			await page.getByText(fill(enUsers.bulk.selected_other, { count: 3 }), { exact: true }).waitFor();

			// Someone else changes Elif meanwhile: her row's version is now outdated.
			await server.db
				.updateTable("users")
				.set((eb) => ({ version: eb("version", "+", 1) }))
				.where("id", "=", ids.get("Elif") ?? "")
				.execute();

			await page.getByRole("button", { name: enUsers.bulk.deactivate, exact: true }).click();
			const dialog = page.getByRole("dialog", { name: fill(enUsers.bulk.deactivateTitle_other, { count: 3 }) });
			await dialog.waitFor();
			await dialog.getByRole("button", { name: fill(enUsers.bulk.deactivateConfirm_other, { count: 3 }) }).click();

			await page
				.getByRole("status")
				.filter({ hasText: fill(enUsers.bulk.deactivated_other, { count: 2 }) })
				.waitFor();
			const failures = page.getByRole("alert").filter({ hasText: fill(enUsers.bulk.failed_one, { count: 1 }) });
			await failures
				.getByText(fill(enUsers.bulk.failure, { name: "Elif Yilmaz", reason: en.errors.domain.versionConflict }))
				.waitFor();
			// The list was read again: the two are no longer active, so they leave this filtered view.
			await expect.poll(async () => (await rowNames(page)).includes("Anna Bakker")).toBe(false);
			expect(await rowNames(page)).toContain("Elif Yilmaz");

			const states = await server.db
				.selectFrom("users")
				.select(["first_name", "state"])
				.where("id", "in", [ids.get("Anna") ?? "", ids.get("Bruno") ?? "", ids.get("Elif") ?? ""])
				.orderBy("first_name")
				.execute();
			expect(states).toEqual([
				{ first_name: "Anna", state: "inactive" },
				{ first_name: "Bruno", state: "inactive" },
				{ first_name: "Elif", state: "active" },
			]);
		});
	});

	it("exports the filtered users only, as CSV", async () => {
		const { server, browser, baseUrl } = started();
		await seedDirectory(server, "list-export");
		await withPage(browser, "admin-users-export", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, { tenantSlug: "list-export" });
			// Straight from a link: the view comes from the URL.
			await page.goto(`${baseUrl}/admin/users?q=mar&state=inactive`);
			await expectHeading(page, enUsers.title);
			await expect.poll(() => rowNames(page)).toEqual(["Rosa Marin", "Dina Marx"]);

			const [download] = await Promise.all([
				page.waitForEvent("download"),
				page.getByRole("link", { name: enUsers.export }).click(),
			]);
			expect(download.suggestedFilename()).toBe("users.csv");
			const csv = await readFile(await download.path(), "utf8");
			const lines = csv.trim().split(/\r?\n/);
			expect(lines[0]).toContain("email");
			expect(lines).toHaveLength(3);
			expect(lines.slice(1).map((line) => line.split(",")[1])).toEqual([
				"rosa.marin@list-export.example",
				"dina.marx@list-export.example",
			]);

			// A page link whose cursor the API refuses keeps the filter and offers the first page.
			await page.goto(`${baseUrl}/admin/users?q=mar&state=inactive&cursor=bm90LWEtY3Vyc29y`);
			const expired = page.getByRole("alert").filter({ hasText: enUsers.pageExpired });
			await expired.getByRole("button", { name: enUsers.firstPage }).click();
			await expect.poll(() => rowNames(page)).toEqual(["Rosa Marin", "Dina Marx"]);
			expect(searchParam(page, "cursor")).toBeNull();
		});
	});

	it("filters by primary account from a tree of the accounts the admin may read", async () => {
		const { server, browser, baseUrl } = started();
		const tenantId = await server.createTenant("list-accounts");
		const addAccount = async (name: string, parent: string | null = null) =>
			(
				await server.db
					.insertInto("accounts")
					.values({ tenant_id: tenantId, name, parent_account_id: parent })
					.returning("id")
					.executeTakeFirstOrThrow()
			).id;
		const sales = await addAccount("Sales");
		const emea = await addAccount("Sales EMEA", sales);
		const berlin = await addAccount("Berlin", emea);
		await addAccount("Engineering");
		const seed = (firstName: string, lastName: string, primaryAccountId: string | null) =>
			server.seedUser({ tenantSlug: "list-accounts", firstName, lastName, primaryAccountId, roles: [] });
		await seed("Anna", "Bakker", sales);
		await seed("Bruno", "Costa", emea);
		await seed("Chloé", "Dubois", berlin);
		await seed("Daan", "Vries", null);
		const indent = (depth: number) => "\u00a0".repeat(3 * depth);

		await withPage(browser, "admin-users-accounts", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, { tenantSlug: "list-accounts" });
			await openUsersPage(page);
			const filter = page.getByLabel(enUsers.filters.account, { exact: true });
			await expect
				.poll(() => filter.locator("option").allTextContents())
				.toEqual([enUsers.filters.any, "Engineering", "Sales", `${indent(1)}Sales EMEA`, `${indent(2)}Berlin`]);
			await page.getByText(enUsers.filters.accountHint, { exact: true }).waitFor();

			// The account itself only, not its sub-accounts, as the hint says; the URL keeps the id.
			await filter.selectOption(sales);
			await expect.poll(() => rowNames(page)).toEqual(["Anna Bakker"]);
			expect(searchParam(page, "account")).toBe(sales);
			const inSales = await server.db
				.selectFrom("users")
				.select(["first_name", "last_name"])
				.where("primary_account_id", "=", sales)
				.execute();
			expect(inSales.map((user) => `${user.first_name} ${user.last_name}`)).toEqual(await rowNames(page));
			await filter.selectOption(emea);
			await expect.poll(() => rowNames(page)).toEqual(["Bruno Costa"]);

			// A link with an account this admin's list does not know still filters, and says so.
			await page.goto(`${baseUrl}/admin/users?account=00000000-0000-4000-8000-00000000dead`);
			await page.getByText(enUsers.emptyFiltered).waitFor();
			// Folded away, the filter still shows as a chip that says what it is.
			const chip = `${enUsers.filters.account}: ${enUsers.filters.accountUnknown}`;
			await page.getByRole("list", { name: enUsers.filters.active }).getByText(chip).waitFor();
			await openFilters(page);
			await expect
				.poll(async () => filter.locator("option:checked").textContent())
				.toBe(enUsers.filters.accountUnknown);
		});

		// An administrator of Sales alone (not its sub-accounts) is offered Sales only.
		await withPage(browser, "admin-users-accounts-scoped", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, {
				tenantSlug: "list-accounts",
				roles: [{ key: "account_admin", contextType: "account", contextId: sales }],
			});
			await openUsersPage(page);
			const filter = page.getByLabel(enUsers.filters.account, { exact: true });
			await expect.poll(() => filter.locator("option").allTextContents()).toEqual([enUsers.filters.any, "Sales"]);
			await filter.selectOption(sales);
			await expect.poll(() => rowNames(page)).toEqual(["Anna Bakker"]);
		});
	});

	it("names built-in roles in the viewer's language in the list and its role filter", async () => {
		const { server, browser, baseUrl } = started();
		const tenantSlug = "users-german";
		await server.seedUser({ tenantSlug, firstName: "Lena", lastName: "Koch", roles: [{ key: "member" }] });
		await server.seedUser({ tenantSlug, firstName: "Tom", lastName: "Gone", state: "deleted" });
		const admin = await server.seedUser({ tenantSlug, language: "de", roles: [{ key: "tenant_admin" }] });
		await withPage(browser, "users-german-roles", async (page) => {
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, admin);
			await expectHeading(page, de.profile.title);
			await page.goto(`${baseUrl}/admin/users`);
			await expectHeading(page, deUsers.title);
			await openFilters(page, deUsers);
			const table = page.getByRole("table", { name: deUsers.table.caption });
			await table.getByRole("cell", { name: deRoles.builtinRoles.member.name, exact: true }).waitFor();
			await table.getByRole("cell", { name: deRoles.builtinRoles.tenant_admin.name, exact: true }).waitFor();
			const filterOptions = await page
				.getByLabel(deUsers.filters.role, { exact: true })
				.locator("option")
				.allTextContents();
			expect(filterOptions).toContain(deRoles.builtinRoles.tenant_admin.name);
			const english = Object.values(enRoles.builtinRoles).map((role) => role.name);
			expect(filterOptions.filter((option) => english.includes(option))).toEqual([]);
			expect(await table.textContent()).not.toContain(enRoles.builtinRoles.tenant_admin.name);
			// Deleted users stay out of the list until asked for.
			const names = () => table.getByRole("rowheader").allTextContents();
			expect(await names()).not.toContain("Tom Gone");
			await page.getByLabel(deUsers.filters.state, { exact: true }).selectOption("deleted");
			await expect.poll(names).toEqual(["Tom Gone"]);
		});
	});

	it("shows a read-only list to an auditor, and no Users page at all to a member", async () => {
		const { server, browser, baseUrl } = started();
		await seedDirectory(server, "list-perms");
		await withPage(browser, "admin-users-auditor", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, {
				tenantSlug: "list-perms",
				roles: [{ key: "security_auditor" }],
			});
			await openUsersPage(page);
			await expect.poll(() => rowNames(page)).toHaveLength(25);
			// Reads users and roles, changes nothing: no selection, no bulk actions, no invitations.
			expect(await usersTable(page).getByRole("checkbox").count()).toBe(0);
			expect(await page.getByRole("link", { name: enUsers.invite }).count()).toBe(0);
			expect(await page.getByRole("link", { name: enUsers.export }).count()).toBe(1);
			// The role filter lists the tenant's roles by name.
			await page.getByLabel(enUsers.filters.role, { exact: true }).selectOption("security_auditor");
			await expect.poll(() => rowNames(page)).toHaveLength(1);
			expect(await usersTable(page).getByRole("cell", { name: "Security auditor" }).count()).toBe(1);
		});
		await withPage(browser, "admin-users-member", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, { tenantSlug: "list-perms", roles: [{ key: "member" }] });
			expect(await page.getByRole("navigation").getByRole("link", { name: en.nav.users }).count()).toBe(0);
			await page.goto(`${baseUrl}/admin/users?state=active`);
			await expectHeading(page, en.profile.title);
			expect(new URL(page.url()).pathname).toBe("/");
		});
	});
});
