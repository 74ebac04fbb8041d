import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { it } from "vitest";
import auditDe from "../src/features/admin-audit/i18n/de.json";
import auditEn from "../src/features/admin-audit/i18n/en.json";
import auditLabelsDe from "../src/features/audit/i18n/de.json";
import auditLabels from "../src/features/audit/i18n/en.json";
import dateTimeDe from "../src/features/date-time/i18n/de.json";
import de from "../src/i18n/de.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, expectHeading, type Started, signIn, signInWithRoles, withPage } from "./harness";

const text = auditEn;

async function openAuditPage(page: Page): Promise<void> {
	await page.getByRole("navigation").getByRole("link", { name: en.nav.audit }).click();
	await expectHeading(page, text.title);
}

/** The events of a tenant with an outcome, newest first, as the database holds them. */
async function eventsInDb(server: Started["server"], tenantId: string, outcome?: "success" | "failure") {
	let query = server.db
		.selectFrom("audit_events")
		.select(["id", "action", "outcome", "occurred_at"])
		.where("tenant_id", "=", tenantId);
	if (outcome) {
		query = query.where("outcome", "=", outcome);
	}
	return query.orderBy("id", "desc").execute();
}

describeInBrowser("audit log in a browser", (started) => {
	it("lists real events with labels, filters by outcome in the URL across a reload, and exports the filter", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "audit-log", async (page) => {
			const tenantSlug = "audit-co";
			const admin = await signInWithRoles({ server, baseUrl }, page, { tenantSlug, email: "auditor@audit-co.example" });
			const target = await server.seedUser({ tenantSlug, email: "target@audit-co.example" });

			// What happens through the API: two failed sign-ins, a good one, an admin's unlock.
			for (const password of ["wrong-password-1", "wrong-password-2"]) {
				await expect(
					server.client().auth.signIn.mutate({ tenant: tenantSlug, email: target.email, password }),
				).rejects.toThrow();
			}
			await server.client().auth.signIn.mutate({ tenant: tenantSlug, email: target.email, password: target.password });
			const adminClient = server.client();
			await adminClient.auth.signIn.mutate({ tenant: tenantSlug, email: admin.email, password: admin.password });
			await adminClient.users.unlock.mutate({ userId: target.id });

			await openAuditPage(page);
			const table = page.getByRole("table", { name: text.table.caption });
			// Event rows (an opened event's details row has no row header).
			const rows = table.locator("tbody > tr").filter({ has: page.getByRole("rowheader") });
			const all = await eventsInDb(server, admin.tenantId);
			await expect.poll(() => rows.count()).toBe(all.length);

			// Newest first: the unlock, by the admin, about the target, with its label and time in Amsterdam.
			const unlock = all.find((event) => event.action === "user.unlocked");
			expect(unlock).toBeDefined();
			const first = rows.first();
			await first.getByRole("rowheader", { name: auditLabels.actions.user.unlocked }).waitFor();
			await first.getByRole("link", { name: admin.email }).waitFor();
			expect(await first.getByRole("link", { name: target.email }).getAttribute("href")).toBe(
				`/admin/users/${target.id}`,
			);
			const amsterdam = new Intl.DateTimeFormat("en", {
				dateStyle: "medium",
				timeStyle: "short",
				timeZone: "Europe/Amsterdam",
			});
			await first.getByText(amsterdam.format(unlock?.occurred_at), { exact: true }).waitFor();

			// The failed sign-ins: labelled, marked as failures, with no actor.
			const failedRows = rows.filter({ hasText: auditLabels.outcomes.failure });
			expect(await failedRows.count()).toBe(2);
			for (const row of await failedRows.all()) {
				await row.getByRole("rowheader", { name: auditLabels.actions.auth.sign_in, exact: true }).waitFor();
				await row.getByText(text.table.system).waitFor();
				await row.getByText(target.email).waitFor();
			}

			// Details open below the row: the recorded reason, readable.
			const details = failedRows.first().getByRole("button", { name: /^Details/ });
			expect(await details.getAttribute("aria-expanded")).toBe("false");
			await details.click();
			expect(await details.getAttribute("aria-expanded")).toBe("true");
			const detailsRow = page.locator(`[id="${await details.getAttribute("aria-controls")}"]`);
			await detailsRow.getByText("bad_password", { exact: true }).waitFor();
			await detailsRow.getByText("auth.sign_in", { exact: true }).waitFor();

			// Filter by outcome: fewer rows, all failures, kept in the URL and across a reload.
			await page.getByLabel(text.filters.outcome, { exact: true }).selectOption("failure");
			await page.waitForURL(/outcome=failure/);
			const failures = await eventsInDb(server, admin.tenantId, "failure");
			expect(failures.length).toBe(2);
			await expect.poll(() => rows.count()).toBe(failures.length);
			expect(await rows.filter({ hasText: auditLabels.outcomes.success }).count()).toBe(0);
			await page.reload();
			await expectHeading(page, text.title);
			expect(await page.getByLabel(text.filters.outcome, { exact: true }).inputValue()).toBe("failure");
			await expect.poll(() => rows.count()).toBe(failures.length);

			// The export has the filtered events, and only those.
			const [download] = await Promise.all([
				page.waitForEvent("download"),
				page.getByRole("link", { name: text.export }).click(),
			]);
			expect(download.suggestedFilename()).toBe("audit.csv");
			const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r?\n/);
			expect(lines[0]?.startsWith("id,occurred_at,action,outcome")).toBe(true);
			expect(lines.slice(1).map((line) => Number(line.split(",")[0]))).toEqual(failures.map((event) => event.id));
			for (const line of lines.slice(1)) {
				expect(line).toContain(",auth.sign_in,failure,");
			}

			// Clearing the filters shows the whole log again.
			await page.getByRole("button", { name: text.filters.clear }).click();
			await expect.poll(() => rows.count()).toBe(all.length);
			expect(new URL(page.url()).search).toBe("");
		});
	});

	it("takes dates typed the German way in a German page (an English browser), and refuses a day that does not exist", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "audit-german-dates", async (page) => {
			const admin = await server.seedUser({
				tenantSlug: "datum-co",
				email: "pruefer@datum-co.example",
				roles: [{ key: "tenant_admin" }],
				language: "de",
			});
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, admin);
			await expectHeading(page, de.profile.title);
			// One event on 10 January 2026 in Amsterdam (the browser's zone), late in the UTC day
			// before: a filter read in UTC would miss it. The sign-in happened today.
			await server.db
				.insertInto("audit_events")
				.values({
					tenant_id: admin.tenantId,
					occurred_at: new Date("2026-01-09T23:30:00Z"),
					actor_user_id: admin.id,
					target_user_id: null,
					action: "user.unlocked",
					outcome: "success",
					ip: null,
					user_agent: null,
					details: JSON.stringify({}),
				})
				.execute();

			await page.getByRole("navigation").getByRole("link", { name: de.nav.audit }).click();
			await expectHeading(page, auditDe.title);
			const rows = page
				.getByRole("table", { name: auditDe.table.caption })
				.locator("tbody > tr")
				.filter({ has: page.getByRole("rowheader") });
			await expect.poll(() => rows.count()).toBeGreaterThan(1);

			const from = page.getByLabel(auditDe.filters.from, { exact: true });
			const to = page.getByLabel(auditDe.filters.to, { exact: true });
			// The format is shown in German letters, not the browser's "mm/dd/yyyy".
			const describedBy = (await from.getAttribute("aria-describedby")) ?? "";
			expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe("Format: TT.MM.JJJJ");

			// 31 February is refused in words, and the list stays as it was.
			await from.fill("31.02.2026");
			await from.press("Enter");
			await page.getByText(dateTimeDe.dateField.noSuchDay.replace("{{text}}", "31.02.2026"), { exact: true }).waitFor();
			expect(await from.getAttribute("aria-invalid")).toBe("true");
			expect(new URL(page.url()).searchParams.get("from")).toBeNull();

			// An English-order date is no German date: refused too, with the pattern to use.
			await from.fill("01/10/2026");
			await from.press("Enter");
			const badFormat = dateTimeDe.dateField.badFormat
				.replace("{{pattern}}", "TT.MM.JJJJ")
				.replace("{{example}}", `31.12.${new Date().getFullYear()}`);
			await page.getByText(badFormat, { exact: true }).waitFor();

			await from.fill("10.1.2026");
			await from.press("Enter");
			await page.waitForURL(/from=2026-01-10/);
			expect(await from.inputValue()).toBe("10.01.2026");
			await to.fill("10.01.2026");
			await to.press("Enter");
			await page.waitForURL(/to=2026-01-10/);
			await expect.poll(() => rows.count()).toBe(1);
			await rows.first().getByRole("rowheader", { name: auditLabelsDe.actions.user.unlocked }).waitFor();

			// The URL keeps YYYY-MM-DD, and a reload shows it in German again.
			await page.reload();
			await expectHeading(page, auditDe.title);
			expect(await page.getByLabel(auditDe.filters.from, { exact: true }).inputValue()).toBe("10.01.2026");
			await expect.poll(() => rows.count()).toBe(1);
		});
	});

	it("gives a member no Audit log link and sends them away from the page", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "audit-member", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, { roles: [{ key: "member" }] });
			const nav = page.getByRole("navigation");
			await nav.getByRole("link", { name: en.nav.security, exact: true }).waitFor();
			expect(await nav.getByRole("link", { name: en.nav.audit }).count()).toBe(0);
			await page.goto(`${baseUrl}/admin/audit?outcome=failure`);
			await expectHeading(page, en.profile.title);
			expect(new URL(page.url()).pathname).toBe("/");
		});
	});

	it("offers the log only to tenant-wide readers: an account admin (audit.read in one account) gets no link", async () => {
		const { server, browser, baseUrl } = started();
		const tenantId = await server.createTenant("acme");
		const account = await server.db
			.insertInto("accounts")
			.values({ tenant_id: tenantId, name: "Audit scope account" })
			.returning("id")
			.executeTakeFirstOrThrow();
		await withPage(browser, "audit-account-admin", async (page) => {
			const accountAdmin = await signInWithRoles({ server, baseUrl }, page, {
				primaryAccountId: account.id,
				roles: [{ key: "account_admin", contextType: "account", contextId: account.id }],
			});
			const nav = page.getByRole("navigation");
			// The account admin still administers their account's users…
			await nav.getByRole("link", { name: en.nav.users }).waitFor();
			// …but the log names people across accounts, which the API serves tenant-wide only.
			expect(await nav.getByRole("link", { name: en.nav.audit }).count()).toBe(0);
			await page.goto(`${baseUrl}/admin/audit`);
			await expectHeading(page, en.profile.title);
			// The link follows what the API does: it refuses this caller.
			const client = server.client();
			await client.auth.signIn.mutate({
				tenant: accountAdmin.tenantSlug,
				email: accountAdmin.email,
				password: accountAdmin.password,
			});
			const refusal = await client.audit.list.query({}).then(
				() => "served",
				(error: { data?: { code?: string } }) => error.data?.code,
			);
			expect(refusal).toBe("FORBIDDEN");
		});
	});
});
