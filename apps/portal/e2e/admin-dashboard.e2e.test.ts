import type { Locator, Page } from "playwright-core";
import { it } from "vitest";
import auditEn from "../src/features/admin-audit/i18n/en.json";
import dashboardEn from "../src/features/admin-dashboard/i18n/en.json";
import usersEn from "../src/features/admin-users/i18n/en.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, expectHeading, fill, type Started, signInWithRoles, withPage } from "./harness";

const text = dashboardEn;
const number = new Intl.NumberFormat("en");
const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });

async function openDashboard(page: Page): Promise<void> {
	const nav = page.getByRole("navigation");
	// The dashboard is the first link of the Administration group, after the account's own pages.
	const admin = nav.getByRole("list", { name: en.nav.groups.admin });
	expect((await admin.getByRole("link").allTextContents())[0]).toBe(en.nav.dashboard);
	await admin.getByRole("link", { name: en.nav.dashboard }).click();
	await expectHeading(page, text.title);
}

/** The value shown for a labelled figure in a card. */
function figure(card: Locator, label: string): Locator {
	return card
		.locator(".admin-dashboard-figure")
		.filter({ has: card.page().getByText(label, { exact: true }) })
		.locator("dd");
}

/** Users of a tenant per state, counted in the database. */
async function statesInDb(server: Started["server"], tenantId: string): Promise<Map<string, number>> {
	const rows = await server.db
		.selectFrom("users")
		.select(["state", (eb) => eb.fn.countAll<string>().as("n")])
		.where("tenant_id", "=", tenantId)
		.groupBy("state")
		.execute();
	return new Map(rows.map((row) => [row.state, Number(row.n)]));
}

describeInBrowser("admin dashboard in a browser", (started) => {
	it("shows the database's counts per card, and a state opens the user list filtered by it", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "dashboard", async (page) => {
			const tenantSlug = "dash-co";
			const seeded: { state: "active" | "inactive" | "create" | "deleting" | "deleted"; count: number }[] = [
				{ state: "active", count: 3 },
				{ state: "inactive", count: 2 },
				{ state: "create", count: 1 },
				{ state: "deleting", count: 1 },
				{ state: "deleted", count: 1 },
			];
			for (const { state, count } of seeded) {
				for (let i = 0; i < count; i++) {
					await server.seedUser({ tenantSlug, state, firstName: `${state}${i}`, roles: [{ key: "member" }] });
				}
			}
			const admin = await signInWithRoles({ server, baseUrl }, page, { tenantSlug });
			await openDashboard(page);

			const byState = await statesInDb(server, admin.tenantId);
			const total = [...byState.values()].reduce((sum, n) => sum + n, 0);
			expect(total).toBe(9);

			const users = page.getByRole("region", { name: text.totals.title });
			await figure(users, text.totals.total).getByText(number.format(total), { exact: true }).waitFor();
			expect(await figure(users, text.totals.applications).textContent()).toBe("0");

			const statesCard = page.getByRole("region", { name: text.states.title });
			const stateList = statesCard.getByRole("list", { name: text.states.listLabel });
			for (const state of ["active", "inactive", "create", "deleting", "deleted"] as const) {
				const count = byState.get(state) ?? 0;
				const item = stateList
					.getByRole("listitem")
					.filter({ has: page.getByRole("link", { name: en.states[state], exact: true }) });
				await item
					.getByText(`${number.format(count)} · ${fill(text.states.share, { percent: percent.format(count / total) })}`)
					.waitFor();
			}

			// No one has a second factor or a passkey yet; nobody is invited.
			const mfa = page.getByRole("region", { name: text.mfa.title });
			expect(await figure(mfa, text.mfa.adoption).textContent()).toBe(percent.format(0));
			expect(await mfa.getByRole("progressbar", { name: text.mfa.adoption }).getAttribute("aria-valuenow")).toBe("0");
			const passkeys = page.getByRole("region", { name: text.passkeys.title });
			expect(await figure(passkeys, text.passkeys.total).textContent()).toBe("0");
			const invitations = page.getByRole("region", { name: text.invitations.title });
			expect(await figure(invitations, text.invitations.pending).textContent()).toBe("0");

			// Everyone was created just now.
			const signups = page.getByRole("region", { name: text.signups.title });
			expect(await figure(signups, text.signups.last7Days).textContent()).toBe(number.format(total));
			// A drawn chart (a named image) and the same 30 days as a table behind a disclosure, today last.
			await signups.getByRole("img", { name: text.signups.chartLabel }).waitFor();
			await signups.getByText(text.showTable).click();
			const days = signups.getByRole("table", { name: text.signups.chartLabel }).locator("tbody > tr");
			expect(await days.count()).toBe(30);
			// The viewer has no time zone of their own, so the days are UTC days.
			const today = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", timeZone: "UTC" }).format(
				new Date(),
			);
			expect(await days.last().getByRole("rowheader").textContent()).toBe(today);
			expect(await days.last().getByRole("cell").textContent()).toBe(number.format(total));
			expect(await days.first().getByRole("cell").textContent()).toBe("0");

			// Roles: every seeded member who is not deleted, and the admin.
			const roles = page.getByRole("region", { name: text.roles.title });
			const memberItem = roles
				.getByRole("listitem")
				.filter({ has: page.getByRole("link", { name: "Member", exact: true }) });
			await memberItem.getByText(number.format(total - 1 - (byState.get("deleted") ?? 0)), { exact: true }).waitFor();

			// A state opens the user list filtered by it.
			await stateList.getByRole("link", { name: en.states.inactive }).click();
			await expectHeading(page, usersEn.title);
			expect(new URL(page.url()).searchParams.get("state")).toBe("inactive");
			const rows = page.getByRole("table", { name: usersEn.table.caption }).locator("tbody > tr");
			await expect.poll(() => rows.count()).toBe(byState.get("inactive"));

			// The total opens the list of every state, the deleted user included, as a removable filter.
			await page.goBack();
			await figure(users, text.totals.total).getByRole("link").click();
			await expectHeading(page, usersEn.title);
			expect(new URL(page.url()).searchParams.get("state")).toBe("all");
			await expect.poll(() => rows.count()).toBe(total);
			const chip = `${usersEn.filters.state}: ${usersEn.filters.stateAll}`;
			await page.getByRole("button", { name: fill(usersEn.filters.remove, { filter: chip }) }).waitFor();

			// "Last 7 days" opens the users created from the sixth local day before today on.
			await page.goBack();
			await figure(signups, text.signups.last7Days).getByRole("link").click();
			await expectHeading(page, usersEn.title);
			const search = new URL(page.url()).searchParams;
			expect(search.get("state")).toBe("all");
			expect(search.get("from")).toBe(new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10));
			await expect.poll(() => rows.count()).toBe(total);
		});
	});

	it("charts sign-ins and two-step verification over time, and a figure opens the audit log filtered by it", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "dashboard-activity", async (page) => {
			const tenantSlug = "dash-activity";
			const user = await server.seedUser({ tenantSlug, firstName: "Guessed" });
			// Two wrong passwords for the user, then an authenticator app.
			for (let i = 0; i < 2; i++) {
				await server
					.client()
					.auth.signIn.mutate({ tenant: tenantSlug, email: user.email, password: "not-the-password" })
					.then(
						() => expect.unreachable("a wrong password signed in"),
						() => undefined,
					);
			}
			await server.db
				.updateTable("users")
				.set({ two_factor_enabled: true, two_factor_type: "totp" })
				.where("id", "=", user.id)
				.execute();
			// The admin's own sign-in is the one sign-in.
			await signInWithRoles({ server, baseUrl }, page, { tenantSlug });
			await openDashboard(page);

			const activity = page.getByRole("region", { name: text.activity.title });
			await figure(activity, text.activity.failures).getByText("2", { exact: true }).waitFor();
			expect(await figure(activity, text.activity.signIns).textContent()).toBe("1");
			expect(await figure(activity, text.activity.lockouts).textContent()).toBe("0");
			await activity.getByRole("img", { name: text.activity.chartLabel }).waitFor();
			await activity.getByText(text.showTable).click();
			const activityTable = activity.getByRole("table", { name: text.activity.chartLabel });
			const activityDays = activityTable.locator("tbody > tr");
			expect(await activityDays.count()).toBe(30);
			expect(await activityTable.locator("thead th").allTextContents()).toEqual([
				text.activity.day,
				text.activity.signIns,
				text.activity.failures,
				text.activity.lockouts,
			]);
			expect(await activityDays.last().getByRole("cell").allTextContents()).toEqual(["1", "2", "0"]);
			expect(await activityDays.first().getByRole("cell").allTextContents()).toEqual(["0", "0", "0"]);

			// Two active people, one with an authenticator app: half, today; nobody before.
			const history = page.getByRole("region", { name: text.mfaHistory.title });
			await history.getByRole("img", { name: text.mfaHistory.adoptionChartLabel }).waitFor();
			await history.getByRole("img", { name: text.mfaHistory.methodsChartLabel }).waitFor();
			for (const toggle of await history.getByText(text.showTable).all()) await toggle.click();
			const adoption = history.getByRole("table", { name: text.mfaHistory.adoptionChartLabel }).locator("tbody > tr");
			expect(await adoption.count()).toBe(30);
			expect(await adoption.last().getByRole("cell").textContent()).toBe(percent.format(0.5));
			expect(await adoption.first().getByRole("cell").textContent()).toBe(percent.format(0));
			const methods = history.getByRole("table", { name: text.mfaHistory.methodsChartLabel });
			expect(await methods.locator("thead th").allTextContents()).toEqual([
				text.mfaHistory.day,
				text.methods.passkey,
				text.methods.totp,
				text.methods.sms,
				text.methods.email,
			]);
			expect(await methods.locator("tbody > tr").last().getByRole("cell").allTextContents()).toEqual([
				"0",
				"1",
				"0",
				"0",
			]);

			// The failures open the audit log filtered by that action, outcome and the same 30 days.
			await figure(activity, text.activity.failures).getByRole("link").click();
			await expectHeading(page, auditEn.title);
			const search = new URL(page.url()).searchParams;
			expect(search.get("action")).toBe("auth.sign_in");
			expect(search.get("outcome")).toBe("failure");
			const utcDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
			expect(search.get("to")).toBe(utcDay(0));
			expect(search.get("from")).toBe(utcDay(-29));
			const events = page
				.getByRole("table", { name: auditEn.table.caption })
				.locator("tbody > tr")
				.filter({ has: page.getByRole("rowheader") });
			await expect.poll(() => events.count()).toBe(2);
		});
	});

	it("gives a member no Dashboard link and sends them away from the page", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "dashboard-member", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, { roles: [{ key: "member" }] });
			const nav = page.getByRole("navigation");
			await nav.getByRole("link", { name: en.nav.security, exact: true }).waitFor();
			expect(await nav.getByRole("link", { name: en.nav.dashboard }).count()).toBe(0);
			await page.goto(`${baseUrl}/admin/dashboard`);
			await expectHeading(page, en.profile.title);
			expect(new URL(page.url()).pathname).toBe("/");
		});
	});
});
