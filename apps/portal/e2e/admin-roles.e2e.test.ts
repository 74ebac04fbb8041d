import type { Page } from "playwright-core";
import { it } from "vitest";
import rolesEn from "../src/features/admin-roles/i18n/en.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, expectHeading, fill, signInWithRoles, withPage } from "./harness";

const text = rolesEn;

async function openRolesPage(page: Page): Promise<void> {
	await page.getByRole("navigation").getByRole("link", { name: en.nav.roles }).click();
	await expectHeading(page, text.title);
}

/** The permission checkbox labelled with the catalogue's (English) description. */
function permissionBox(scope: ReturnType<Page["getByRole"]>, description: string) {
	return scope.getByRole("checkbox", { name: description, exact: true });
}

describeInBrowser("role administration in a browser", (started) => {
	it("creates a custom role, adds a permission, shows built-ins read-only, and deletes it", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "roles-crud", async (page) => {
			const admin = await signInWithRoles({ server, baseUrl }, page);
			await openRolesPage(page);
			const table = page.getByRole("table", { name: text.tableCaption });
			const adminRow = table.getByRole("row").filter({ hasText: "Tenant administrator" });
			await adminRow.getByText(text.builtin, { exact: true }).waitFor();
			// Built-ins offer no edit or delete, only a read-only view.
			expect(
				await adminRow.getByRole("button", { name: fill(text.removeNamed, { name: "Tenant administrator" }) }).count(),
			).toBe(0);
			await adminRow.getByRole("button", { name: fill(text.viewNamed, { name: "Tenant administrator" }) }).click();
			const view = page.getByRole("dialog", {
				name: fill(text.editor.viewTitle, { name: "Tenant administrator" }),
				exact: true,
			});
			await view.getByText(text.editor.builtinReadOnly).waitFor();
			const auditBox = permissionBox(
				view.getByRole("group", { name: text.permissionGroups.audit }),
				text.permissionDescriptions.audit.read,
			);
			expect(await auditBox.isChecked()).toBe(true);
			expect(await auditBox.isDisabled()).toBe(true);
			expect(await view.getByRole("button", { name: text.editor.save }).count()).toBe(0);
			await view.getByRole("button", { name: text.editor.close }).click();
			await view.waitFor({ state: "hidden" });

			// Create: the key follows the name; two permissions.
			await page.getByRole("button", { name: text.newRole }).click();
			const create = page.getByRole("dialog", { name: text.editor.createTitle, exact: true });
			await create.getByLabel(text.editor.name, { exact: true }).fill("Support agent");
			expect(await create.getByLabel(text.editor.key, { exact: true }).inputValue()).toBe("support_agent");
			await create.getByLabel(text.editor.description, { exact: true }).fill("First-line support");
			await permissionBox(create, text.permissionDescriptions.users.read).check();
			await permissionBox(create, text.permissionDescriptions.invitations.manage).check();
			await create.getByText(fill(text.editor.selectedCount, { count: 2, total: 12 })).waitFor();
			await create.getByRole("button", { name: text.editor.create }).click();
			await page.getByText(fill(text.created, { name: "Support agent" })).waitFor();

			const tenantId = admin.tenantId;
			const role = await server.db
				.selectFrom("roles")
				.selectAll()
				.where("tenant_id", "=", tenantId)
				.where("key", "=", "support_agent")
				.executeTakeFirstOrThrow();
			expect(role).toMatchObject({
				name: "Support agent",
				description: "First-line support",
				context_type: "tenant",
				is_builtin: false,
			});
			const permissionsOf = async () =>
				(
					await server.db
						.selectFrom("role_permissions")
						.select("permission")
						.where("role_id", "=", role.id)
						.orderBy("permission")
						.execute()
				).map((row) => row.permission);
			expect(await permissionsOf()).toEqual(["invitations.manage", "users.read"]);

			const row = table.getByRole("row").filter({ hasText: "Support agent" });
			await row.getByText(text.custom, { exact: true }).waitFor();
			await row.getByText(fill(text.permissionCount_other, { count: 2 })).waitFor();

			// Edit: add a third permission.
			await row.getByRole("button", { name: fill(text.editNamed, { name: "Support agent" }) }).click();
			const edit = page.getByRole("dialog", {
				name: fill(text.editor.editTitle, { name: "Support agent" }),
				exact: true,
			});
			expect(await permissionBox(edit, text.permissionDescriptions.users.read).isChecked()).toBe(true);
			await edit.getByText(text.holders.none).waitFor();
			await permissionBox(edit, text.permissionDescriptions.audit.read).check();
			await edit.getByRole("button", { name: text.editor.save }).click();
			await page.getByText(fill(text.saved, { name: "Support agent" })).waitFor();
			expect(await permissionsOf()).toEqual(["audit.read", "invitations.manage", "users.read"]);
			await row.getByText(fill(text.permissionCount_other, { count: 3 })).waitFor();

			// Delete after confirming.
			await row.getByRole("button", { name: fill(text.removeNamed, { name: "Support agent" }) }).click();
			const confirm = page.getByRole("dialog", {
				name: fill(text.deleteDialog.title, { name: "Support agent" }),
				exact: true,
			});
			await confirm.getByText(text.deleteDialog.unassigned).waitFor();
			await confirm.getByRole("button", { name: text.deleteDialog.confirm }).click();
			await page.getByText(fill(text.deleted, { name: "Support agent" })).waitFor();
			await row.waitFor({ state: "detached" });
			expect(
				await server.db.selectFrom("roles").select("id").where("id", "=", role.id).executeTakeFirst(),
			).toBeUndefined();
		});
	});

	it("shows who holds a role, and refuses a conflicting edit with a reload", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "roles-holders-conflict", async (page) => {
			const admin = await signInWithRoles({ server, baseUrl }, page);
			const role = await server.db
				.insertInto("roles")
				.values({
					tenant_id: admin.tenantId,
					key: "billing_clerk",
					name: "Billing clerk",
					description: "",
					context_type: "tenant",
				})
				.returning("id")
				.executeTakeFirstOrThrow();
			await server.db.insertInto("role_permissions").values({ role_id: role.id, permission: "users.read" }).execute();
			const holder = await server.seedUser({
				firstName: "Hilde",
				lastName: "Holder",
				roles: [{ key: "billing_clerk" }],
			});

			await openRolesPage(page);
			const row = page.getByRole("row").filter({ hasText: "Billing clerk" });
			await row.getByRole("button", { name: fill(text.editNamed, { name: "Billing clerk" }) }).click();
			// Only one dialog is open; its title follows the role's name, which changes below.
			const edit = page.getByRole("dialog");
			await edit.getByRole("heading", { name: fill(text.editor.editTitle, { name: "Billing clerk" }) }).waitFor();
			await edit.getByText(fill(text.holders.assignments_one, { count: 1 })).waitFor();
			const link = edit.getByRole("list", { name: text.holders.listLabel }).getByRole("link", { name: "Hilde Holder" });
			expect(await link.getAttribute("href")).toBe(`/admin/users/${holder.id}`);

			// Someone else changes the role meanwhile: the save is refused, not silently merged.
			await server.db.updateTable("roles").set({ name: "Billing clerk (EU)" }).where("id", "=", role.id).execute();
			await permissionBox(edit, text.permissionDescriptions.dashboard.read).check();
			await edit.getByRole("button", { name: text.editor.save }).click();
			await edit.getByText(en.errors.domain.roleRevisionConflict).waitFor();
			await edit.getByRole("button", { name: text.editor.reload }).click();
			await edit.getByRole("heading", { name: fill(text.editor.editTitle, { name: "Billing clerk (EU)" }) }).waitFor();
			expect(await edit.getByLabel(text.editor.name, { exact: true }).inputValue()).toBe("Billing clerk (EU)");
			expect(await permissionBox(edit, text.permissionDescriptions.dashboard.read).isChecked()).toBe(false);
		});
	});

	it("disables permissions the administrator does not hold", async () => {
		const { server, browser, baseUrl } = started();
		const tenantId = await server.createTenant("acme");
		// A custom role that may manage roles but holds neither audit.read nor policy.manage.
		const roleAdmin = await server.db
			.insertInto("roles")
			.values({ tenant_id: tenantId, key: "role_editor", name: "Role editor", description: "", context_type: "tenant" })
			.returning("id")
			.executeTakeFirstOrThrow();
		await server.db
			.insertInto("role_permissions")
			.values(["roles.read", "roles.manage", "users.read"].map((permission) => ({ role_id: roleAdmin.id, permission })))
			.execute();
		// And a role with a permission the editor lacks: they may look at it, not change it.
		const auditors = await server.db
			.insertInto("roles")
			.values({ tenant_id: tenantId, key: "log_readers", name: "Log readers", description: "", context_type: "tenant" })
			.returning("id")
			.executeTakeFirstOrThrow();
		await server.db.insertInto("role_permissions").values({ role_id: auditors.id, permission: "audit.read" }).execute();

		await withPage(browser, "roles-not-held", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, { roles: [{ key: "role_editor" }] });
			await openRolesPage(page);
			await page.getByRole("button", { name: text.newRole }).click();
			const create = page.getByRole("dialog", { name: text.editor.createTitle, exact: true });
			const audit = permissionBox(create, text.permissionDescriptions.audit.read);
			expect(await audit.isDisabled()).toBe(true);
			// The reason is read out with the box (its description).
			expect(await audit.getAttribute("aria-describedby")).toBeTruthy();
			const hintId = (await audit.getAttribute("aria-describedby")) ?? "";
			expect(await page.locator(`[id="${hintId}"]`).textContent()).toContain(text.editor.notHeld);
			expect(await permissionBox(create, text.permissionDescriptions.policy.manage).isDisabled()).toBe(true);
			expect(await permissionBox(create, text.permissionDescriptions.users.read).isDisabled()).toBe(false);
			await create.getByRole("button", { name: en.common.cancel }).click();

			const row = page.getByRole("row").filter({ hasText: "Log readers" });
			expect(await row.getByRole("button", { name: fill(text.removeNamed, { name: "Log readers" }) }).count()).toBe(0);
			await row.getByRole("button", { name: fill(text.viewNamed, { name: "Log readers" }) }).click();
			const view = page.getByRole("dialog", {
				name: fill(text.editor.viewTitle, { name: "Log readers" }),
				exact: true,
			});
			await view.getByText(fill(text.editor.exceedsOwn, { permissions: "audit.read" })).waitFor();
		});
	});

	it("gives a member no Roles link and sends them away from the page", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "roles-member", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, { roles: [{ key: "member" }] });
			const nav = page.getByRole("navigation");
			await nav.getByRole("link", { name: en.nav.security, exact: true }).waitFor();
			expect(await nav.getByRole("link", { name: en.nav.roles }).count()).toBe(0);
			await page.goto(`${baseUrl}/admin/roles`);
			await expectHeading(page, en.profile.title);
			expect(new URL(page.url()).pathname).toBe("/");
		});
	});
});
