import { readFile } from "node:fs/promises";
import { DAY } from "@tessera/core/shared/clock";
import { it } from "vitest";
import complianceEn from "../src/features/admin-compliance/i18n/en.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, expectHeading, signInWithRoles, withPage } from "./harness";

const text = complianceEn;

describeInBrowser("compliance report in a browser", (started) => {
	it("shows each shortfall with its people, links them, and downloads the report as an audited CSV", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "compliance-report", async (page) => {
			const tenantSlug = "compliance-co";
			const admin = await signInWithRoles({ server, baseUrl }, page, {
				tenantSlug,
				firstName: "Ada",
				lastName: "Admin",
			});
			const stale = await server.seedUser({
				tenantSlug,
				firstName: "Otto",
				lastName: "Old",
				email: "otto@compliance.example",
			});
			await server.db
				.updateTable("users")
				.set({ password_changed_at: new Date(server.clock.now().getTime() - 100 * DAY) })
				.where("id", "=", stale.id)
				.execute();

			await page.getByRole("navigation").getByRole("link", { name: en.nav.compliance }).click();
			await expectHeading(page, text.title);
			// The administrator has no second factor yet: they are the one admin listed.
			const admins = page.getByRole("region", {
				name: `${text.findings.adminsWithoutMfa.title} (1)`,
			});
			await admins.getByRole("rowheader", { name: "Ada Admin" }).waitFor();
			const expired = page.getByRole("region", { name: `${text.findings.expiredPasswords.title} (1)` });
			await expired.getByRole("link", { name: "Otto Old" }).waitFor();
			await page
				.getByRole("region", { name: `${text.findings.unusedKeys.title} (0)` })
				.getByText(text.clear)
				.waitFor();

			const [download] = await Promise.all([
				page.waitForEvent("download"),
				page.getByRole("link", { name: text.exportCsv }).click(),
			]);
			expect(download.suggestedFilename()).toBe("compliance.csv");
			const csv = await readFile((await download.path()) ?? "", "utf8");
			expect(csv.split("\n")[0]).toMatch(/^finding,user_id,email,/);
			expect(csv).toContain(`expiredPasswords,${stale.id},otto@compliance.example,Otto,Old`);
			const audits = await server.db
				.selectFrom("audit_events")
				.select(["actor_user_id", "details"])
				.where("tenant_id", "=", admin.tenantId)
				.where("action", "=", "compliance.report_exported")
				.execute();
			expect(audits).toEqual([{ actor_user_id: admin.id, details: expect.objectContaining({ format: "csv" }) }]);

			// A person in a finding opens their page.
			await expired.getByRole("link", { name: "Otto Old" }).click();
			await expectHeading(page, "Otto Old");
		});
	});
});
