import { parseStoredPolicy } from "@tessera/core/policy/tenant-policy";
import { MINUTE } from "@tessera/core/shared/clock";
import { it } from "vitest";
import auditEn from "../src/features/admin-audit/i18n/en.json";
import policyEn from "../src/features/admin-policy/i18n/en.json";
import auditLabels from "../src/features/audit/i18n/en.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, expectHeading, fill, signInWithRoles, withPage } from "./harness";

const text = policyEn;

describeInBrowser("security policy settings in a browser", (started) => {
	it("checks a change against the rules before sending it, asks who it is after the window, saves and audits it", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "policy-settings", async (page) => {
			const tenantSlug = "policy-co";
			const admin = await signInWithRoles({ server, baseUrl }, page, { tenantSlug });
			const storedPolicy = async () =>
				parseStoredPolicy(
					(
						await server.db
							.selectFrom("tenants")
							.select("policy")
							.where("id", "=", admin.tenantId)
							.executeTakeFirstOrThrow()
					).policy,
				);

			await page.getByRole("navigation").getByRole("link", { name: en.nav.policy }).click();
			await expectHeading(page, text.title);
			const threshold = page.getByLabel(text.fields.lockout.threshold.label, { exact: true });
			expect(await threshold.inputValue()).toBe("10");
			// Each setting says its default and the standard behind it.
			await page
				.getByText(fill(text.standards, { list: "PCI DSS 8.3.4" }))
				.first()
				.waitFor();

			await threshold.fill("5");
			await page.getByText(fill(text.unsaved_one, { count: 1 })).waitFor();

			// 12 characters is allowed only with MFA for everyone: refused at the field, nothing sent.
			const minLength = page.getByLabel(text.fields.password.minLength.label, { exact: true });
			await minLength.fill("12");
			await page.getByRole("button", { name: text.save }).click();
			await page.getByText(text.rules.singleFactorMinLength).waitFor();
			expect(await minLength.getAttribute("aria-invalid")).toBe("true");
			await page.getByText(fill(text.invalid_one, { count: 1 })).waitFor();
			expect((await storedPolicy()).lockout.threshold).toBe(10);

			// Requiring MFA for everyone in the same change satisfies the rule.
			await page
				.getByLabel(text.fields.mfa.required.label, { exact: true })
				.selectOption({ label: text.values.mfaRequirement.all });
			await page.getByText(fill(text.unsaved_other, { count: 3 })).waitFor();
			expect(await page.getByText(text.rules.singleFactorMinLength).count()).toBe(0);

			// The sign-in was 6 minutes ago, past the 5-minute window: the save asks who it is first.
			server.clock.advance(6 * MINUTE);
			await page.getByRole("button", { name: text.save }).click();
			const confirm = page.getByRole("dialog", { name: en.reauth.title });
			await confirm.getByLabel(en.reauth.password, { exact: true }).fill(admin.password);
			await confirm.getByRole("button", { name: en.reauth.confirm }).click();
			await page.getByText(text.saved).waitFor();
			await page.getByText(text.noChanges).waitFor();

			const saved = await storedPolicy();
			expect(saved.lockout.threshold).toBe(5);
			expect(saved.password.minLength).toBe(12);
			expect(saved.mfa.required).toBe("all");
			const audits = await server.db
				.selectFrom("audit_events")
				.select(["actor_user_id", "details"])
				.where("tenant_id", "=", admin.tenantId)
				.where("action", "=", "tenant.policy_updated")
				.execute();
			expect(audits).toHaveLength(1);
			expect(audits[0]?.actor_user_id).toBe(admin.id);
			expect(audits[0]?.details).toMatchObject({ changes: { "lockout.threshold": { from: 10, to: 5 } } });

			await page.reload();
			await expectHeading(page, text.title);
			expect(await page.getByLabel(text.fields.lockout.threshold.label, { exact: true }).inputValue()).toBe("5");

			// The audit log names the change in words: the setting as this page names it, from → to.
			await page.getByRole("navigation").getByRole("link", { name: en.nav.audit }).click();
			await expectHeading(page, auditEn.title);
			const event = page
				.getByRole("table", { name: auditEn.table.caption })
				.locator("tbody > tr")
				.filter({ has: page.getByRole("rowheader", { name: auditLabels.actions.tenant.policy_updated, exact: true }) });
			const details = event.getByRole("button", { name: /^Details/ });
			await details.click();
			const recorded = page.locator(`[id="${await details.getAttribute("aria-controls")}"]`);
			await recorded.getByText(auditEn.details.keys.changes, { exact: true }).waitFor();
			await recorded.getByText(`${text.fields.lockout.threshold.label}: 10 → 5`).waitFor();
			await recorded.getByText(`${text.fields.mfa.required.label}: admins → all`).waitFor();
		});
	});

	it("is not offered to an administrator without a tenant-wide policy.manage, and its address leads back to the profile", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "policy-settings-refused", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, { roles: [{ key: "user_manager" }] });
			expect(await page.getByRole("navigation").getByRole("link", { name: en.nav.policy }).count()).toBe(0);
			await page.goto(`${baseUrl}/admin/policy`);
			await expectHeading(page, en.profile.title);
		});
	});
});
