import { createClient } from "@tessera/api/client";
import { TRPCClientError } from "@trpc/client";
import { it } from "vitest";
import text from "../src/features/admin-applications/i18n/en.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, expectHeading, fill, signInWithRoles, withPage } from "./harness";

/** The tRPC code of a failed call (or "none" when it succeeded). */
async function codeOf(call: Promise<unknown>): Promise<string> {
	try {
		await call;
		return "none";
	} catch (error) {
		if (error instanceof TRPCClientError && typeof error.data?.code === "string") {
			return error.data.code;
		}
		throw error;
	}
}

describeInBrowser("application users and API keys in a browser", (started) => {
	it("creates an application user, issues a key shown once that works, and revokes it", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "applications-keys", async (page) => {
			const admin = await signInWithRoles({ server, baseUrl }, page);
			await server.seedUser({ email: "listed-person@example.com" });
			await page.getByRole("navigation").getByRole("link", { name: en.nav.applications }).click();
			await expectHeading(page, text.title);
			await page.getByText(text.empty).waitFor();

			// Create, with one organisation role.
			await page.getByRole("button", { name: text.newApplication }).click();
			const create = page.getByRole("dialog", { name: text.create.title, exact: true });
			await create.getByLabel(text.create.name, { exact: true }).fill("Billing sync");
			await create.getByLabel(text.create.username, { exact: true }).fill("billing-sync");
			await create.getByRole("checkbox", { name: "User manager", exact: true }).check();
			await create.getByRole("button", { name: text.create.submit }).click();
			await page.getByText(fill(text.created, { name: "Billing sync" })).waitFor();

			const app = await server.db
				.selectFrom("users")
				.select(["id", "user_type", "first_name", "username", "email", "state"])
				.where("tenant_id", "=", admin.tenantId)
				.where("username", "=", "billing-sync")
				.executeTakeFirstOrThrow();
			expect(app).toMatchObject({ user_type: "application", first_name: "Billing sync", email: null, state: "active" });
			const assigned = await server.db
				.selectFrom("role_assignments")
				.innerJoin("roles", "roles.id", "role_assignments.role_id")
				.select(["roles.key", "role_assignments.context_type"])
				.where("role_assignments.user_id", "=", app.id)
				.execute();
			expect(assigned).toEqual([{ key: "user_manager", context_type: "tenant" }]);

			const row = page
				.getByRole("table", { name: text.tableCaption })
				.getByRole("row")
				.filter({ hasText: "Billing sync" });
			await row.getByText("User manager").waitFor();
			await row.getByText(en.states.active).waitFor();

			// The new user's keys open below the table; issue one.
			const keysCard = page.getByRole("region", { name: fill(text.keys.title, { name: "Billing sync" }) });
			await keysCard.getByText(text.keys.none).waitFor();
			await keysCard.getByRole("button", { name: text.keys.issue }).click();
			const issue = page.getByRole("dialog", { name: fill(text.issue.title, { name: "Billing sync" }), exact: true });
			await issue.getByLabel(text.issue.name, { exact: true }).fill("production");
			await issue.getByLabel(text.issue.expiry, { exact: true }).selectOption("90");
			await issue.getByRole("button", { name: text.issue.submit }).click();

			const secretDialog = page.getByRole("dialog", { name: text.secret.title, exact: true });
			await secretDialog.getByText(text.secret.warning).waitFor();
			await secretDialog.getByRole("button", { name: text.secret.copy }).waitFor();
			const secret = (await secretDialog.getByText(/^tsk_[a-z0-9]+_/).textContent()) ?? "";
			expect(secret).toMatch(/^tsk_/);
			// Escape does not close it: the key must be acknowledged.
			await page.keyboard.press("Escape");
			expect(await secretDialog.isVisible()).toBe(true);

			const keyRow = await server.db
				.selectFrom("api_keys")
				.select(["id", "name", "prefix", "key_hash", "expires_at", "revoked_at"])
				.where("user_id", "=", app.id)
				.executeTakeFirstOrThrow();
			expect(keyRow.name).toBe("production");
			expect(secret.startsWith(`tsk_${keyRow.prefix}`)).toBe(true);
			expect(keyRow.key_hash).not.toContain(secret);
			expect(keyRow.expires_at?.getTime()).toBeGreaterThan(Date.now() + 89 * 24 * 3600_000);

			// The key works: the application lists users with it.
			const client = createClient({ url: `${server.url}/trpc`, apiKey: secret });
			const listed = await client.users.list.query({ search: "listed-person" });
			expect(listed.items.map((item) => item.email)).toEqual(["listed-person@example.com"]);

			await secretDialog.getByRole("button", { name: text.secret.done }).click();
			await secretDialog.waitFor({ state: "hidden" });
			// Gone from the page once the dialog is closed.
			expect(await page.content()).not.toContain(secret);
			expect(await page.evaluate(() => document.body.textContent)).not.toContain(secret);

			const keysTable = keysCard.getByRole("table", { name: fill(text.keys.tableCaption, { name: "Billing sync" }) });
			const keyLine = keysTable.getByRole("row").filter({ hasText: "production" });
			await keyLine.getByText(text.keys.status.active, { exact: true }).waitFor();
			await keyLine.getByText(`tsk_${keyRow.prefix}_…`).waitFor();
			await row.getByRole("cell", { name: "1", exact: true }).waitFor();

			// Revoke after confirming: the same call is now refused.
			await keyLine.getByRole("button", { name: fill(text.keys.revokeNamed, { name: "production" }) }).click();
			const confirm = page.getByRole("dialog", {
				name: fill(text.keys.revokeTitle, { name: "production" }),
				exact: true,
			});
			await confirm.getByRole("button", { name: text.keys.revokeConfirm }).click();
			await keysCard.getByText(fill(text.keys.revoked, { name: "production" })).waitFor();
			await keyLine.getByText(text.keys.status.revoked, { exact: true }).waitFor();
			expect(
				await keyLine.getByRole("button", { name: fill(text.keys.revokeNamed, { name: "production" }) }).count(),
			).toBe(0);
			const revoked = await server.db
				.selectFrom("api_keys")
				.select("revoked_at")
				.where("id", "=", keyRow.id)
				.executeTakeFirstOrThrow();
			expect(revoked.revoked_at).not.toBeNull();
			expect(await codeOf(client.users.list.query({ search: "listed-person" }))).toBe("UNAUTHORIZED");
			await row.getByRole("cell", { name: "0", exact: true }).waitFor();
		});
	});

	it("offers only roles the administrator could grant", async () => {
		const { server, browser, baseUrl } = started();
		const tenantId = await server.createTenant("acme");
		const keyAdmin = await server.db
			.insertInto("roles")
			.values({ tenant_id: tenantId, key: "key_keeper", name: "Key keeper", description: "", context_type: "tenant" })
			.returning("id")
			.executeTakeFirstOrThrow();
		await server.db
			.insertInto("role_permissions")
			.values(
				["apikeys.manage", "roles.read", "roles.manage", "users.read"].map((permission) => ({
					role_id: keyAdmin.id,
					permission,
				})),
			)
			.execute();
		await withPage(browser, "applications-grantable", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, { roles: [{ key: "key_keeper" }] });
			await page.goto(`${baseUrl}/admin/applications`);
			await expectHeading(page, text.title);
			await page.getByRole("button", { name: text.newApplication }).click();
			const create = page.getByRole("dialog", { name: text.create.title, exact: true });
			// The auditor role includes audit.read, which this administrator lacks.
			expect(await create.getByRole("checkbox", { name: "Security auditor", exact: true }).isDisabled()).toBe(true);
			expect(await create.getByRole("checkbox", { name: "Member", exact: true }).isDisabled()).toBe(false);
			// Space roles need a space: not offered here. Account roles wait for a primary account,
			// and this administrator holds apikeys.manage in the organisation, where none exist.
			expect(await create.getByRole("checkbox", { name: "Space administrator" }).count()).toBe(0);
			expect(await create.getByLabel(text.create.primaryAccount).count()).toBe(0);
			expect(await create.getByRole("checkbox", { name: "Account administrator" }).isDisabled()).toBe(true);
		});
	});

	it("creates an application user in a chosen primary account, with an account role given there", async () => {
		const { server, browser, baseUrl } = started();
		const tenantId = await server.createTenant("apps-accounts");
		const addAccount = async (name: string, parent: string | null = null) =>
			(
				await server.db
					.insertInto("accounts")
					.values({ tenant_id: tenantId, name, parent_account_id: parent })
					.returning("id")
					.executeTakeFirstOrThrow()
			).id;
		const sales = await addAccount("Sales");
		await addAccount("Sales EMEA", sales);
		await withPage(browser, "applications-account", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, { tenantSlug: "apps-accounts" });
			await page.goto(`${baseUrl}/admin/applications`);
			await expectHeading(page, text.title);
			await page.getByRole("button", { name: text.newApplication }).click();
			const create = page.getByRole("dialog", { name: text.create.title, exact: true });
			const account = create.getByLabel(text.create.primaryAccount, { exact: true });
			await expect
				.poll(() => account.locator("option").allTextContents())
				.toEqual([text.create.noPrimaryAccount, "Sales", "\u00a0\u00a0\u00a0Sales EMEA"]);
			// Without a primary account an account role has nowhere to go.
			const accountAdmin = create.getByRole("checkbox", { name: "Account administrator", exact: true });
			expect(await accountAdmin.isDisabled()).toBe(true);
			await create.getByText(text.create.needsAccount).waitFor();

			await create.getByLabel(text.create.name, { exact: true }).fill("Sales sync");
			await account.selectOption(sales);
			const inSales = create.getByRole("checkbox", {
				name: fill(text.create.accountRole, { role: "Account administrator", account: "Sales" }),
				exact: true,
			});
			await inSales.check();
			await create.getByRole("button", { name: text.create.submit }).click();
			await page.getByText(fill(text.created, { name: "Sales sync" })).waitFor();
			await page
				.getByRole("table", { name: text.tableCaption })
				.getByRole("row")
				.filter({ hasText: "Sales sync" })
				.getByText("Account administrator")
				.waitFor();
		});
		const app = await server.db
			.selectFrom("users")
			.select(["id", "user_type", "primary_account_id"])
			.where("tenant_id", "=", tenantId)
			.where("first_name", "=", "Sales sync")
			.executeTakeFirstOrThrow();
		expect(app).toMatchObject({ user_type: "application", primary_account_id: sales });
		const assigned = await server.db
			.selectFrom("role_assignments")
			.innerJoin("roles", "roles.id", "role_assignments.role_id")
			.select(["roles.key", "role_assignments.context_type", "role_assignments.context_id"])
			.where("role_assignments.user_id", "=", app.id)
			.execute();
		expect(assigned).toEqual([{ key: "account_admin", context_type: "account", context_id: sales }]);
	});

	it("sends a member away from the page and shows no Applications link", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "applications-member", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, { roles: [{ key: "member" }] });
			const nav = page.getByRole("navigation");
			await nav.getByRole("link", { name: en.nav.security, exact: true }).waitFor();
			expect(await nav.getByRole("link", { name: en.nav.applications }).count()).toBe(0);
			await page.goto(`${baseUrl}/admin/applications`);
			await expectHeading(page, en.profile.title);
			expect(new URL(page.url()).pathname).toBe("/");
		});
	});
});
