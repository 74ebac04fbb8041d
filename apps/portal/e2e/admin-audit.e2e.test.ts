import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { it } from "vitest";
import auditEn from "../src/features/admin-audit/i18n/en.json";
import auditLabels from "../src/features/audit/i18n/en.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, expectHeading, type Started, signInWithRoles, withPage } from "./harness";

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
