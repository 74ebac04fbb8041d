/**
 * The admin user page in a browser: editing the profile (with the version it read, and a
 * conflict when the row changed behind the form), the lifecycle and security actions, role
 * assignments, and who may see the page at all. Every change is checked in the UI and in the
 * database.
 */
import type { Page } from "playwright-core";
import { it } from "vitest";
import adminUser from "../src/features/admin-user-detail/i18n/en.json";
import adminUsers from "../src/features/admin-users/i18n/en.json";
import auditText from "../src/features/audit/i18n/en.json";
import dateTimeEn from "../src/features/date-time/i18n/en.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, expectHeading, fill, openTab, signInWithRoles, withPage } from "./harness";

/** Confirms the dialog an action opened, by its title and confirm button. */
async function confirmIn(page: Page, title: string, confirmLabel: string): Promise<void> {
	const dialog = page.getByRole("dialog", { name: title });
	await dialog.waitFor();
	await dialog.getByRole("button", { name: confirmLabel, exact: true }).click();
	await dialog.waitFor({ state: "hidden" });
}

describeInBrowser("admin user detail in a browser", (started) => {
	async function userRow(id: string) {
		return started()
			.server.db.selectFrom("users")
			.select(["first_name", "last_name", "state", "version", "required_actions", "planned_purge_at"])
			.where("id", "=", id)
			.executeTakeFirstOrThrow();
	}

	async function liveSessions(userId: string) {
		const rows = await started()
			.server.db.selectFrom("sessions")
			.select("id")
			.where("user_id", "=", userId)
			.where("revoked_at", "is", null)
			.execute();
		return rows.length;
	}

	async function openUser(page: Page, userId: string, heading: string) {
		await page.goto(`${started().baseUrl}/admin/users/${userId}`);
		await expectHeading(page, heading);
	}

	it("edits the first name with the version it read, and reports a change made elsewhere without losing the input", async () => {
		const { server, browser } = started();
		const target = await server.seedUser({ firstName: "Grace", lastName: "Hopper", language: "en" });
		await withPage(browser, "admin-user-edit", async (page) => {
			await signInWithRoles(started(), page);
			await openUser(page, target.id, "Grace Hopper");
			const before = await userRow(target.id);
			await page.getByText(fill(adminUser.profile.version, { version: before.version })).waitFor();

			const firstName = page.getByLabel(adminUser.profile.firstName, { exact: true });
			await firstName.fill("Amazing Grace");
			await page.getByRole("button", { name: adminUser.profile.save }).click();
			await page.getByText(adminUser.profile.saved).waitFor();
			await expectHeading(page, "Amazing Grace Hopper");
			const saved = await userRow(target.id);
			expect(saved).toMatchObject({ first_name: "Amazing Grace", version: before.version + 1 });
			await page.getByText(fill(adminUser.profile.version, { version: saved.version })).waitFor();

			// Someone else changes the row while the form still holds the version it read.
			await server.db
				.updateTable("users")
				.set({ last_name: "Murray", version: saved.version + 1 })
				.where("id", "=", target.id)
				.execute();
			await firstName.fill("Rear Admiral Grace");
			await page.getByRole("button", { name: adminUser.profile.save }).click();
			const conflict = page.getByRole("alert").filter({ hasText: adminUser.profile.conflictTitle });
			await conflict.waitFor();
			expect(await firstName.inputValue()).toBe("Rear Admiral Grace");
			expect(await userRow(target.id)).toMatchObject({ first_name: "Amazing Grace", last_name: "Murray" });

			await conflict.getByRole("button", { name: adminUser.profile.reloadLatest }).click();
			await expect.poll(() => firstName.inputValue()).toBe("Amazing Grace");
			expect(await page.getByLabel(adminUser.profile.lastName, { exact: true }).inputValue()).toBe("Murray");
			await page.getByText(fill(adminUser.profile.version, { version: saved.version + 1 })).waitFor();
		});
	});

	it("sets a user's time zone by typing in the picker, and sets it back to none", async () => {
		const { server, browser } = started();
		const target = await server.seedUser({ firstName: "Indira", lastName: "Zone", timeZone: null, language: "en" });
		const storedZone = async () =>
			(await server.db.selectFrom("users").select("time_zone").where("id", "=", target.id).executeTakeFirstOrThrow())
				.time_zone;
		await withPage(browser, "admin-user-time-zone", async (page) => {
			await signInWithRoles(started(), page);
			await openUser(page, target.id, "Indira Zone");
			const zone = page.getByRole("combobox", { name: adminUser.profile.timeZone, exact: true });
			expect(await zone.inputValue()).toBe(adminUser.profile.notSet);

			// Typed by the city's old name, picked from the one match.
			await zone.fill("Calcutta");
			const options = page.getByRole("listbox", { name: adminUser.profile.timeZone, exact: true }).getByRole("option");
			await expect.poll(() => options.allTextContents()).toEqual(["(UTC+05:30) Kolkata — Asia/Kolkata"]);
			await zone.press("ArrowDown");
			await zone.press("Enter");
			await page.getByRole("button", { name: adminUser.profile.save }).click();
			await page.getByText(adminUser.profile.saved).waitFor();
			expect(await storedZone()).toBe("Asia/Kolkata");

			// "Not set" is the first option of the whole list: the user's device decides again.
			await page.getByRole("button", { name: dateTimeEn.timeZone.showAll }).click();
			await options.first().click();
			expect(await zone.inputValue()).toBe(adminUser.profile.notSet);
			await page.getByRole("button", { name: adminUser.profile.save }).click();
			await expect.poll(storedZone).toBeNull();
		});
	});

	it("switches tabs with the keyboard at 390 px, and keeps the open tab in the URL through reload and back", async () => {
		const { server, browser } = started();
		const target = await server.seedUser({ firstName: "Radia", lastName: "Perlman", language: "en" });
		await withPage(browser, "admin-user-tabs", async (page) => {
			await signInWithRoles(started(), page);
			await page.setViewportSize({ width: 390, height: 844 });
			await openUser(page, target.id, "Radia Perlman");
			const tab = (name: string) => page.getByRole("tab", { name, exact: true });
			const focusedTab = () =>
				page.evaluate(() =>
					document.activeElement?.getAttribute("role") === "tab" ? document.activeElement.textContent : null,
				);
			const tabParam = () => new URL(page.url()).searchParams.get("tab");

			// The list is one tab stop: only the selected tab is in the tab order.
			expect(await page.locator('[role="tab"][tabindex="0"]').allTextContents()).toEqual([adminUser.tabs.profile]);
			await tab(adminUser.tabs.profile).focus();
			await page.keyboard.press("ArrowRight");
			await expect.poll(focusedTab).toBe(adminUser.tabs.security);
			await expect.poll(tabParam).toBe("security");
			await page.getByRole("region", { name: adminUser.security.title }).waitFor();
			expect(await page.getByRole("region", { name: adminUser.profile.title }).count()).toBe(0);
			expect(await tab(adminUser.tabs.security).getAttribute("tabindex")).toBe("0");

			await page.keyboard.press("End");
			await expect.poll(focusedTab).toBe(adminUser.tabs.activity);
			await expect.poll(tabParam).toBe("activity");
			// The last tab is in view, and the tab list does not make the page wider than the screen.
			const inView = await tab(adminUser.tabs.activity).evaluate((element) => {
				const box = element.getBoundingClientRect();
				return box.left >= 0 && box.right <= window.innerWidth;
			});
			expect(inView).toBe(true);
			expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

			// Right from the last tab wraps to the first, the default, which leaves the URL.
			await page.keyboard.press("ArrowRight");
			await expect.poll(focusedTab).toBe(adminUser.tabs.profile);
			await expect.poll(tabParam).toBeNull();
			await page.keyboard.press("ArrowLeft");
			await expect.poll(focusedTab).toBe(adminUser.tabs.activity);
			await page.keyboard.press("Home");
			await expect.poll(focusedTab).toBe(adminUser.tabs.profile);
			await page.keyboard.press("ArrowLeft");
			await expect.poll(tabParam).toBe("activity");
			// Tab leaves the list for the open panel.
			await page.keyboard.press("Tab");
			await expect
				.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-labelledby")))
				.toBe(await tab(adminUser.tabs.activity).getAttribute("id"));

			await page.reload();
			await expectHeading(page, "Radia Perlman");
			await page.getByRole("region", { name: adminUser.audit.title }).waitFor();
			expect(await tab(adminUser.tabs.activity).getAttribute("aria-selected")).toBe("true");

			// Away and back: the page comes back on the tab it was left on.
			await page.getByRole("link", { name: adminUser.backToUsers }).click();
			await expectHeading(page, adminUsers.title);
			await page.goBack();
			await expectHeading(page, "Radia Perlman");
			expect(tabParam()).toBe("activity");
			await page.getByRole("region", { name: adminUser.audit.title }).waitFor();

			// A link can point at a tab (the compliance report links to the Security tab).
			await page.goto(`${started().baseUrl}/admin/users/${target.id}?tab=security`);
			await page.getByRole("region", { name: adminUser.security.title }).waitFor();
			expect(await tab(adminUser.tabs.security).getAttribute("aria-selected")).toBe("true");
		});
	});

	it("deactivates and reactivates, deletes and restores, and requires a new password", async () => {
		const { server, browser } = started();
		const target = await server.seedUser({ firstName: "Alan", lastName: "Turing", language: "en" });
		// The target is signed in somewhere: deactivation must end that session.
		await server
			.client()
			.auth.signIn.mutate({ tenant: target.tenantSlug, email: target.email, password: target.password });
		expect(await liveSessions(target.id)).toBe(1);
		const name = "Alan Turing";

		await withPage(browser, "admin-user-lifecycle", async (page) => {
			await signInWithRoles(started(), page);
			await openUser(page, target.id, name);
			const actions = page.getByRole("region", { name: adminUser.actions.title });
			// Deactivating and deleting lock the person out: they sit apart, in the danger zone.
			const danger = page.getByRole("region", { name: adminUser.dangerZone.title });

			await danger.getByRole("button", { name: adminUser.actions.deactivate.label }).click();
			await confirmIn(page, fill(adminUser.actions.deactivate.title, { name }), adminUser.actions.deactivate.confirm);
			await page.getByText(adminUser.actions.deactivate.done).waitFor();
			expect((await userRow(target.id)).state).toBe("inactive");
			expect(await liveSessions(target.id)).toBe(0);
			await actions.getByRole("button", { name: adminUser.actions.reactivate.label }).waitFor();

			await actions.getByRole("button", { name: adminUser.actions.reactivate.label }).click();
			await confirmIn(page, fill(adminUser.actions.reactivate.title, { name }), adminUser.actions.reactivate.confirm);
			await page.getByText(adminUser.actions.reactivate.done).waitFor();
			expect((await userRow(target.id)).state).toBe("active");

			await danger.getByRole("button", { name: adminUser.actions.delete.label }).click();
			await confirmIn(page, fill(adminUser.actions.delete.title, { name }), adminUser.actions.delete.confirm);
			const deleting = await userRow(target.id);
			expect(deleting.state).toBe("deleting");
			expect(deleting.planned_purge_at).not.toBeNull();
			// The planned purge date is shown, in the viewer's time zone (the browser's: Amsterdam).
			const purgeDate = new Intl.DateTimeFormat("en", {
				dateStyle: "medium",
				timeStyle: "short",
				timeZone: "Europe/Amsterdam",
			}).format(deleting.planned_purge_at ?? undefined);
			await page.getByText(fill(adminUser.actions.delete.done, { date: purgeDate })).waitFor();
			await page.getByText(fill(adminUser.header.purgePlanned, { date: purgeDate })).waitFor();
			await page.getByText(en.states.deleting, { exact: true }).first().waitFor();

			await actions.getByRole("button", { name: adminUser.actions.restore.label }).click();
			await confirmIn(page, fill(adminUser.actions.restore.title, { name }), adminUser.actions.restore.confirm);
			await page.getByText(adminUser.actions.restore.done).waitFor();
			expect(await userRow(target.id)).toMatchObject({ state: "inactive", planned_purge_at: null });

			// Reactivated users already must change their password; clear that, then force it from the page.
			await actions.getByRole("button", { name: adminUser.actions.reactivate.label }).click();
			await confirmIn(page, fill(adminUser.actions.reactivate.title, { name }), adminUser.actions.reactivate.confirm);
			await page.getByText(adminUser.actions.reactivate.done).waitFor();
			// What the user must do at the next sign-in is part of the Security tab.
			await openTab(page, adminUser.tabs.security);
			const required = page.getByRole("region", { name: adminUser.requiredActions.title });
			const changePassword = required.getByLabel(adminUser.requiredActions.names.change_password);
			await expect.poll(() => changePassword.isChecked()).toBe(true);
			await changePassword.uncheck();
			await required.getByRole("button", { name: adminUser.requiredActions.save }).click();
			await confirmIn(page, fill(adminUser.requiredActions.confirmTitle, { name }), adminUser.requiredActions.confirm);
			await required.getByText(adminUser.requiredActions.saved).waitFor();
			expect((await userRow(target.id)).required_actions).toEqual([]);

			await actions.getByRole("button", { name: adminUser.actions.forcePasswordChange.label }).click();
			await confirmIn(
				page,
				fill(adminUser.actions.forcePasswordChange.title, { name }),
				adminUser.actions.forcePasswordChange.confirm,
			);
			await page.getByText(adminUser.actions.forcePasswordChange.done).waitFor();
			expect((await userRow(target.id)).required_actions).toEqual(["change_password"]);
			await page
				.getByText(fill(adminUser.header.requiredActions, { actions: adminUser.requiredActions.names.change_password }))
				.waitFor();
			await expect.poll(() => changePassword.isChecked()).toBe(true);
		});
	});

	it("sends a password reset link from the user page, and it reaches the user's mailbox", async () => {
		const { server, browser } = started();
		const target = await server.seedUser({ firstName: "Ada", lastName: "Byron", language: "en" });
		const name = "Ada Byron";
		await withPage(browser, "admin-user-reset-link", async (page) => {
			await signInWithRoles(started(), page);
			await openUser(page, target.id, name);
			const actions = page.getByRole("region", { name: adminUser.actions.title });
			await actions.getByRole("button", { name: adminUser.actions.sendPasswordReset.label }).click();
			await confirmIn(
				page,
				fill(adminUser.actions.sendPasswordReset.title, { name }),
				adminUser.actions.sendPasswordReset.confirm,
			);
			await page.getByText(adminUser.actions.sendPasswordReset.done).waitFor();
		});
		const message = await server.lastMessage(target.email);
		expect(message?.template).toBe("password_reset");
		expect(message?.body).toMatch(/\/reset-password#token=/);
		const sent = await server.db
			.selectFrom("audit_events")
			.select("action")
			.where("target_user_id", "=", target.id)
			.where("action", "=", "user.password_reset_sent")
			.execute();
		expect(sent).toHaveLength(1);
	});

	it("assigns a role in a chosen account and removes it", async () => {
		const { server, browser } = started();
		const target = await server.seedUser({ firstName: "Katherine", lastName: "Johnson", language: "en" });
		const account = await server.db
			.insertInto("accounts")
			.values({ tenant_id: target.tenantId, name: "Langley", parent_account_id: null })
			.returning("id")
			.executeTakeFirstOrThrow();
		const assignmentsOf = () =>
			server.db
				.selectFrom("role_assignments as ra")
				.innerJoin("roles as r", "r.id", "ra.role_id")
				.select(["r.key", "ra.context_type", "ra.context_id", "ra.applies_to_sub_accounts"])
				.where("ra.user_id", "=", target.id)
				.orderBy("r.key")
				.execute();
		expect(await assignmentsOf()).toEqual([]);

		await withPage(browser, "admin-user-roles", async (page) => {
			await signInWithRoles(started(), page);
			await openUser(page, target.id, "Katherine Johnson");
			await openTab(page, adminUser.tabs.roles);
			const roles = page.getByRole("region", { name: adminUser.roles.title });
			await roles.getByText(adminUser.roles.none).waitFor();

			await roles.getByLabel(adminUser.roles.role, { exact: true }).selectOption({ label: "Account administrator" });
			await roles.getByLabel(adminUser.roles.context, { exact: true }).selectOption({ label: "Langley" });
			await roles.getByLabel(adminUser.roles.subAccounts).check();
			await roles.getByRole("button", { name: adminUser.roles.assign }).click();
			await confirmIn(
				page,
				fill(adminUser.roles.assignConfirmTitle, { role: "Account administrator", name: "Katherine Johnson" }),
				adminUser.roles.assign,
			);
			await roles.getByText(adminUser.roles.assigned).waitFor();
			const where = fill(adminUser.roles.contextLabel, { type: adminUser.roles.contextTypes.account, name: "Langley" });
			await roles.getByRole("cell", { name: where, exact: true }).waitFor();
			expect(await assignmentsOf()).toEqual([
				{ key: "account_admin", context_type: "account", context_id: account.id, applies_to_sub_accounts: true },
			]);

			await roles
				.getByRole("button", { name: fill(adminUser.roles.removeNamed, { role: "Account administrator", where }) })
				.click();
			await confirmIn(
				page,
				fill(adminUser.roles.removeTitle, { role: "Account administrator" }),
				adminUser.roles.removeConfirm,
			);
			await roles.getByText(adminUser.roles.removed).waitFor();
			await roles.getByText(adminUser.roles.none).waitFor();
			expect(await assignmentsOf()).toEqual([]);
		});
	});

	it("moves the user between primary accounts, and names sessions' devices and other admins", async () => {
		const { server, browser, baseUrl } = started();
		const tenantSlug = "detail-accounts";
		const tenantId = await server.createTenant(tenantSlug);
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
		await addAccount("Engineering");
		const target = await server.seedUser({
			tenantSlug,
			firstName: "Mary",
			lastName: "Jackson",
			primaryAccountId: sales,
		});
		const accountOf = async (id: string) =>
			(
				await server.db
					.selectFrom("users")
					.select(["primary_account_id", "version"])
					.where("id", "=", id)
					.executeTakeFirstOrThrow()
			).primary_account_id;

		// The target is signed in on an iPhone.
		await server.client().auth.signIn.mutate({ tenant: tenantSlug, email: target.email, password: target.password });
		await server.db
			.updateTable("sessions")
			.set({
				user_agent:
					"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
			})
			.where("user_id", "=", target.id)
			.execute();
		// Another administrator renamed her: the activity names them.
		const other = await server.seedUser({
			tenantSlug,
			firstName: "Grace",
			lastName: "Admin",
			roles: [{ key: "tenant_admin" }],
		});
		const otherClient = server.client();
		await otherClient.auth.signIn.mutate({ tenant: tenantSlug, email: other.email, password: other.password });
		const { version } = await userRow(target.id);
		await otherClient.users.update.mutate({ userId: target.id, version, lastName: "Jackson-Smith" });
		const session = (await otherClient.users.detail.query({ userId: target.id })).sessions[0];
		expect(session).toMatchObject({
			browser: expect.stringContaining("Safari"),
			os: "iOS 17.4",
			device: "Apple iPhone",
		});

		await withPage(browser, "admin-user-accounts", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, { tenantSlug });
			await openUser(page, target.id, "Mary Jackson-Smith");
			await openTab(page, adminUser.tabs.security);
			const security = page.getByRole("region", { name: adminUser.security.title });
			const software = fill(adminUser.security.browserOnOs, { browser: session?.browser ?? "", os: "iOS 17.4" });
			await security
				.getByRole("rowheader", { name: fill(adminUser.security.onDevice, { software, device: "Apple iPhone" }) })
				.waitFor();
			await openTab(page, adminUser.tabs.activity);
			const audit = page.getByRole("region", { name: adminUser.audit.title });
			await audit.getByRole("cell", { name: "Grace Admin", exact: true }).waitFor();

			await openTab(page, adminUser.tabs.profile);
			const account = page.getByLabel(adminUser.profile.primaryAccount, { exact: true });
			await expect
				.poll(() => account.locator("option").allTextContents())
				.toEqual([adminUser.profile.noPrimaryAccount, "Engineering", "Sales", "\u00a0\u00a0\u00a0Sales EMEA"]);
			expect(await account.inputValue()).toBe(sales);
			await account.selectOption(emea);
			await page.getByRole("button", { name: adminUser.profile.save }).click();
			await page.getByText(adminUser.profile.saved).waitFor();
			expect(await accountOf(target.id)).toBe(emea);
			await page.locator("dd", { hasText: "Sales EMEA" }).first().waitFor();
			// The move is the viewer's own event, named in words: no event code reaches the screen.
			await openTab(page, adminUser.tabs.activity);
			await audit.getByRole("cell", { name: adminUser.audit.actorYou, exact: true }).waitFor();
			await audit.getByRole("rowheader", { name: auditText.actions.user.updated, exact: true }).first().waitFor();
			expect(await audit.locator("code").count()).toBe(0);

			await openTab(page, adminUser.tabs.profile);
			await account.selectOption("");
			await page.getByRole("button", { name: adminUser.profile.save }).click();
			await expect.poll(() => accountOf(target.id)).toBeNull();
		});

		// An administrator of Sales and its sub-accounts may move users only within them, and may
		// not leave anyone without an account.
		const second = await server.seedUser({
			tenantSlug,
			firstName: "Dorothy",
			lastName: "Vaughan",
			primaryAccountId: sales,
		});
		await withPage(browser, "admin-user-accounts-scoped", async (page) => {
			await signInWithRoles({ server, baseUrl }, page, {
				tenantSlug,
				roles: [{ key: "account_admin", contextType: "account", contextId: sales, appliesToSubAccounts: true }],
			});
			await openUser(page, second.id, "Dorothy Vaughan");
			const account = page.getByLabel(adminUser.profile.primaryAccount, { exact: true });
			await expect
				.poll(() => account.locator("option").allTextContents())
				.toEqual([adminUser.profile.noPrimaryAccount, "Sales", "\u00a0\u00a0\u00a0Sales EMEA"]);
			expect(await account.locator("option", { hasText: adminUser.profile.noPrimaryAccount }).isDisabled()).toBe(true);
			await page.getByText(adminUser.profile.primaryAccountHintNoRemove).waitFor();
			await account.selectOption(emea);
			await page.getByRole("button", { name: adminUser.profile.save }).click();
			await page.getByText(adminUser.profile.saved).waitFor();
			expect(await accountOf(second.id)).toBe(emea);
		});
	});

	it("shows the API's refusal when removing the last organisation administrator", async () => {
		const { server, browser } = started();
		const tenantSlug = `solo-${Date.now().toString(36)}`;
		await server.createTenant(tenantSlug);
		await withPage(browser, "admin-user-last-admin", async (page) => {
			const admin = await signInWithRoles(started(), page, { tenantSlug, firstName: "Solo", lastName: "Admin" });
			await openUser(page, admin.id, "Solo Admin");
			await openTab(page, adminUser.tabs.roles);
			const roles = page.getByRole("region", { name: adminUser.roles.title });
			const where = fill(adminUser.roles.contextLabel, {
				type: adminUser.roles.contextTypes.tenant,
				name: `${tenantSlug} Inc.`,
			});
			await roles
				.getByRole("button", { name: fill(adminUser.roles.removeNamed, { role: "Tenant administrator", where }) })
				.click();
			const dialog = page.getByRole("dialog", {
				name: fill(adminUser.roles.removeTitle, { role: "Tenant administrator" }),
			});
			await dialog.getByRole("button", { name: adminUser.roles.removeConfirm }).click();
			await dialog.getByText(en.errors.domain.roleLastTenantAdmin).waitFor();
			const left = await server.db
				.selectFrom("role_assignments")
				.select("id")
				.where("user_id", "=", admin.id)
				.execute();
			expect(left).toHaveLength(1);
		});
	});

	it("shows a user manager a tenant administrator's actions disabled, with the reason, and changes nothing", async () => {
		const { server, browser } = started();
		const target = await server.seedUser({
			firstName: "Grace",
			lastName: "Hopper",
			language: "en",
			roles: [{ key: "tenant_admin" }],
		});
		await server.db.updateTable("users").set({ failed_attempts: 2 }).where("id", "=", target.id).execute();
		const before = await userRow(target.id);
		await withPage(browser, "admin-user-outranked", async (page) => {
			await signInWithRoles(started(), page, { roles: [{ key: "user_manager" }] });
			await openUser(page, target.id, "Grace Hopper");
			const actions = page.getByRole("region", { name: adminUser.actions.title });
			const danger = page.getByRole("region", { name: adminUser.dangerZone.title });
			await actions.getByText(adminUser.actions.refusals.target_outranks_actor).waitFor();
			await danger.getByText(adminUser.actions.refusals.target_outranks_actor).waitFor();
			expect(await actions.getByRole("button", { name: adminUser.actions.unlock.label }).isDisabled()).toBe(true);
			expect(await danger.getByRole("button", { name: adminUser.actions.deactivate.label }).isDisabled()).toBe(true);
			// Delete needs users.delete, which a user manager lacks: not offered at all.
			expect(await page.getByRole("button", { name: adminUser.actions.delete.label }).count()).toBe(0);
			await page.getByText(adminUser.profile.readOnly).waitFor();
			// Counted on the open Security tab: a hidden tab's cards are not in the accessibility tree either way.
			await openTab(page, adminUser.tabs.security);
			await page.getByRole("region", { name: adminUser.security.title }).waitFor();
			expect(await page.getByRole("region", { name: adminUser.requiredActions.title }).count()).toBe(0);
			expect(await userRow(target.id)).toEqual(before);
		});
	});

	it("shows a read-only auditor the page without any action, and an unknown id as not found", async () => {
		const { server, browser } = started();
		const target = await server.seedUser({ firstName: "Hedy", lastName: "Lamarr", language: "en" });
		await withPage(browser, "admin-user-read-only", async (page) => {
			await signInWithRoles(started(), page, { roles: [{ key: "security_auditor" }] });
			await openUser(page, target.id, "Hedy Lamarr");
			// Each tab is checked while it is open: a hidden tab's controls would not be counted anyway.
			await page.getByText(adminUser.profile.readOnly).waitFor();
			expect(await page.getByRole("button", { name: adminUser.profile.save }).count()).toBe(0);
			expect(await page.getByRole("region", { name: adminUser.actions.title }).count()).toBe(0);
			expect(await page.getByRole("region", { name: adminUser.dangerZone.title }).count()).toBe(0);
			await openTab(page, adminUser.tabs.security);
			await page.getByRole("region", { name: adminUser.security.title }).waitFor();
			expect(await page.getByRole("region", { name: adminUser.requiredActions.title }).count()).toBe(0);
			await openTab(page, adminUser.tabs.roles);
			await page.getByRole("region", { name: adminUser.roles.title }).waitFor();
			expect(await page.getByRole("button", { name: adminUser.roles.assign }).count()).toBe(0);
			expect(await page.getByRole("button", { name: adminUser.roles.remove }).count()).toBe(0);
			await openTab(page, adminUser.tabs.activity);
			await page.getByRole("region", { name: adminUser.audit.title }).waitFor();
			expect(await page.getByRole("link", { name: adminUser.backToUsers }).count()).toBe(1);

			await openUser(page, "00000000-0000-4000-8000-000000000000", adminUser.notFoundTitle);
			await page.getByText(adminUser.notFoundBody).waitFor();
		});
	});

	it("keeps a member without users.read away: no link, and the URL leads back to the profile", async () => {
		const { server, browser, baseUrl } = started();
		const target = await server.seedUser({ language: "en" });
		await withPage(browser, "admin-user-forbidden", async (page) => {
			await signInWithRoles(started(), page, { roles: [{ key: "member" }] });
			expect(await page.getByRole("navigation").getByRole("link", { name: en.nav.users }).count()).toBe(0);
			await page.goto(`${baseUrl}/admin/users/${target.id}`);
			await expectHeading(page, en.profile.title);
			expect(new URL(page.url()).pathname).toBe("/");
		});
	});
});
