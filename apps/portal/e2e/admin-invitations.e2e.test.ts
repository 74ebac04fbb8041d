import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { it } from "vitest";
import inv from "../src/features/admin-invitations/i18n/en.json";
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

const DAY = 24 * 60 * 60_000;
const STRONG_PASSWORD = "Quartz-lantern-97-meadow-orbit";

const uniqueEmail = (prefix: string) => `${prefix}-${randomBytes(5).toString("hex")}@example.com`;

/** The link in the latest invitation email to `email`, moved to the portal under test. */
async function invitationLink(
	{ server, baseUrl }: Pick<Started, "server" | "baseUrl">,
	email: string,
): Promise<string> {
	const message = await server.lastMessage(email);
	expect(message?.template).toBe("invitation");
	const url = message?.body.match(/https?:\/\/\S+\/invitation#token=[A-Za-z0-9_-]+/)?.[0];
	if (!url) {
		throw new Error(`no invitation link in the latest message to ${email}`);
	}
	const link = new URL(url);
	return `${baseUrl}${link.pathname}${link.hash}`;
}

async function openInvitationsPage(page: Page): Promise<void> {
	await page.getByRole("navigation").getByRole("link", { name: en.nav.invitations }).click();
	await expectHeading(page, inv.title);
}

/** The table row of the invitation to `email`. */
function rowOf(page: Page, email: string) {
	return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: email, exact: true }) });
}

/** Signs in an administrator through the API (no browser) and invites `email`. */
async function inviteThroughApi({ server }: Pick<Started, "server">, email: string) {
	const admin = await server.seedUser({ roles: [{ key: "tenant_admin" }] });
	const client = server.client();
	await client.auth.signIn.mutate({ tenant: admin.tenantSlug, email: admin.email, password: admin.password });
	return client.invitations.create.mutate({ email });
}

/** The accept page says the link cannot be used, and offers no form. */
async function expectUnusableLink(page: Page): Promise<void> {
	await page.getByText(inv.accept.invalidBody).waitFor();
	expect(inv.accept.invalidBody).toContain("already used");
	expect(await page.getByLabel(en.passwordFields.new, { exact: true }).count()).toBe(0);
}

describeInBrowser("invitations in a browser", (started) => {
	it("an administrator invites by email; the person chooses a strong password, is signed in, and the link is used up", async () => {
		const { server, browser, baseUrl } = started();
		const email = uniqueEmail("grace");
		await withPage(browser, "invite-form", async (page) => {
			await signInWithRoles(started(), page);
			await openInvitationsPage(page);
			await page.getByRole("button", { name: inv.invite, exact: true }).click();
			const dialog = page.getByRole("dialog", { name: inv.form.title });
			const emailField = dialog.getByLabel(inv.form.email, { exact: true });

			// The procedure's schema refuses a malformed address before sending; its reason shows beside the field.
			await emailField.fill("grace-at-example");
			await dialog.getByRole("button", { name: inv.form.submit }).click();
			await dialog.getByText(en.validation.email).waitFor();
			await dialog.getByText(inv.form.validationTitle).waitFor();
			expect(await emailField.getAttribute("aria-invalid")).toBe("true");

			await emailField.fill(email);
			await dialog.getByLabel(inv.form.firstName, { exact: true }).fill("Grace");
			await dialog.getByLabel(inv.form.lastName, { exact: true }).fill("Hopper");
			await dialog.getByLabel(inv.form.language, { exact: true }).selectOption("en");
			const role = dialog.getByLabel(inv.form.role, { exact: true });
			await expect.poll(() => role.isEnabled()).toBe(true);
			await role.selectOption({ label: fill(inv.form.roleInContext, { role: "Member", place: "acme Inc." }) });
			await dialog.getByRole("button", { name: inv.form.submit }).click();

			await page
				.getByRole("status")
				.filter({ hasText: `Invitation sent to ${email}.` })
				.waitFor();
			expect(await dialog.isVisible()).toBe(false);
			const row = rowOf(page, email);
			await row.getByText(inv.status.pending, { exact: true }).waitFor();
			expect(await row.getByRole("cell", { name: "Grace Hopper" }).count()).toBe(1);
			expect(await row.getByRole("cell", { name: "Member", exact: true }).count()).toBe(1);
			expect(await row.getByRole("cell", { name: "Test User", exact: true }).count()).toBe(1);

			// The same address again: a conflict, said on the field.
			await page.getByRole("button", { name: inv.invite, exact: true }).click();
			await dialog.getByLabel(inv.form.email, { exact: true }).fill(email.toUpperCase());
			await dialog.getByRole("button", { name: inv.form.submit }).click();
			await dialog.getByText(inv.fieldErrors.emailTaken).waitFor();
			await dialog.getByText(en.errors.domain.emailTaken).waitFor();
			await dialog.getByRole("button", { name: en.common.cancel }).click();
		});

		const invited = await server.db
			.selectFrom("users")
			.select(["id", "state", "first_name", "last_name", "language"])
			.where("email", "=", email)
			.executeTakeFirstOrThrow();
		expect(invited).toMatchObject({ state: "create", first_name: "Grace", last_name: "Hopper", language: "en" });
		const invitation = await server.db
			.selectFrom("invitations")
			.select(["id", "accepted_at", "role_id"])
			.where("user_id", "=", invited.id)
			.executeTakeFirstOrThrow();
		expect(invitation.accepted_at).toBeNull();
		expect(invitation.role_id).not.toBeNull();
		const link = await invitationLink(started(), email);

		// The development mailbox shows the link as a link, to open with a click.
		await withPage(browser, "invite-mailbox", async (page) => {
			await page.goto(`${baseUrl}/dev/mailbox?tenant=acme`);
			const message = page.getByRole("article").filter({ hasText: email }).first();
			const anchor = message.getByRole("link", { name: /\/invitation#token=/ });
			await anchor.waitFor();
			const href = await anchor.getAttribute("href");
			expect(href).toBe(await anchor.textContent());
			expect(new URL(href ?? "").hash).toBe(new URL(link).hash);
		});

		await withPage(browser, "invite-accept", async (page) => {
			await page.goto(link);
			await page
				.getByText(fill(inv.accept.introBy, { inviter: "Test User", organisation: "acme Inc." }), { exact: true })
				.waitFor();
			// The token left the address bar (and so the history) as soon as the page read it.
			expect(page.url()).toBe(`${baseUrl}/invitation`);
			// Masked: the link may have been forwarded.
			await page.getByText(`${email[0]}***@example.com`, { exact: true }).waitFor();

			const password = page.getByLabel(en.passwordFields.new, { exact: true });
			const confirmation = page.getByLabel(en.passwordFields.confirm, { exact: true });
			expect(await password.getAttribute("autocomplete")).toBe("new-password");
			await password.fill("short1");
			await confirmation.fill("short1");
			const meter = page.getByRole("meter", { name: en.passwordStrength.label });
			await expect.poll(async () => Number(await meter.getAttribute("aria-valuenow"))).toBeLessThanOrEqual(2);
			await page.getByRole("button", { name: inv.accept.submit }).click();
			const refused = page.getByRole("alert").filter({ hasText: en.passwordRules.refusedTitle });
			await refused.getByText(fill(en.passwordRules.tooShort, { min: 15 })).waitFor();
			// A refused password does not use the link up.
			expect(
				(await server.db.selectFrom("users").select("state").where("id", "=", invited.id).executeTakeFirstOrThrow())
					.state,
			).toBe("create");

			await password.fill(STRONG_PASSWORD);
			await confirmation.fill(STRONG_PASSWORD);
			await expect.poll(() => meter.getAttribute("aria-valuetext")).toBe(en.passwordStrength.score4);
			await page.getByRole("button", { name: inv.accept.submit }).click();
			// Signed in with the new password straight away.
			await expectHeading(page, en.profile.title);
			await expect.poll(() => page.getByTestId("current-user-name").textContent()).toBe("Grace Hopper");
		});

		const activated = await server.db
			.selectFrom("users")
			.select(["state", "email_verified"])
			.where("id", "=", invited.id)
			.executeTakeFirstOrThrow();
		expect(activated).toEqual({ state: "active", email_verified: true });
		const roles = await server.db
			.selectFrom("role_assignments as a")
			.innerJoin("roles as r", "r.id", "a.role_id")
			.select("r.key")
			.where("a.user_id", "=", invited.id)
			.execute();
		expect(roles.map((row) => row.key)).toEqual(["member"]);

		await withPage(browser, "invite-used", async (page) => {
			await page.goto(link);
			await expectUnusableLink(page);
			// The person signs in normally with the password they chose.
			await page.getByRole("link", { name: inv.accept.toSignIn }).click();
			await signIn(page, { tenantSlug: "acme", email, password: STRONG_PASSWORD });
			await expectHeading(page, en.profile.title);
		});
	});

	it("offers every account where the admin may invite, as a tree, and the roles they may give there", async () => {
		const { server, browser } = started();
		const tenantId = await server.createTenant("invite-accounts");
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
		const optionTexts = (select: ReturnType<Page["getByLabel"]>) => select.locator("option").allTextContents();
		const invitedRow = async (email: string) =>
			server.db
				.selectFrom("invitations as i")
				.innerJoin("users as u", "u.id", "i.user_id")
				.leftJoin("roles as r", "r.id", "i.role_id")
				.select(["u.primary_account_id", "r.key", "i.context_type", "i.context_id", "i.applies_to_sub_accounts"])
				.where("i.email", "=", email)
				.executeTakeFirstOrThrow();

		// A tenant administrator holds no account role, yet may invite into every account.
		const first = uniqueEmail("ada");
		await withPage(browser, "invite-accounts-tenant", async (page) => {
			await signInWithRoles(started(), page, { tenantSlug: "invite-accounts" });
			await openInvitationsPage(page);
			await page.getByRole("button", { name: inv.invite, exact: true }).click();
			const dialog = page.getByRole("dialog", { name: inv.form.title });
			const account = dialog.getByLabel(inv.form.primaryAccount, { exact: true });
			await expect
				.poll(() => optionTexts(account))
				.toEqual([inv.form.noPrimaryAccount, "Engineering", "Sales", "\u00a0\u00a0\u00a0Sales EMEA"]);
			const role = dialog.getByLabel(inv.form.role, { exact: true });
			await expect.poll(() => role.isEnabled()).toBe(true);
			const accountAdminIn = (place: string) => fill(inv.form.roleInContext, { role: "Account administrator", place });
			expect(await optionTexts(role)).toEqual(
				expect.arrayContaining([accountAdminIn("Engineering"), accountAdminIn("Sales"), accountAdminIn("Sales EMEA")]),
			);

			await dialog.getByLabel(inv.form.email, { exact: true }).fill(first);
			await account.selectOption(emea);
			await role.selectOption({ label: accountAdminIn("Sales") });
			await dialog.getByLabel(inv.form.appliesToSubAccounts).check();
			await dialog.getByRole("button", { name: inv.form.submit }).click();
			await page
				.getByRole("status")
				.filter({ hasText: `Invitation sent to ${first}.` })
				.waitFor();
			await rowOf(page, first).getByRole("cell", { name: "Account administrator", exact: true }).waitFor();
		});
		expect(await invitedRow(first)).toEqual({
			primary_account_id: emea,
			key: "account_admin",
			context_type: "account",
			context_id: sales,
			applies_to_sub_accounts: true,
		});

		// An administrator of Sales alone: Sales only, and only the roles they hold there.
		const second = uniqueEmail("bob");
		await withPage(browser, "invite-accounts-scoped", async (page) => {
			await signInWithRoles(started(), page, {
				tenantSlug: "invite-accounts",
				roles: [{ key: "account_admin", contextType: "account", contextId: sales }],
			});
			await openInvitationsPage(page);
			await page.getByRole("button", { name: inv.invite, exact: true }).click();
			const dialog = page.getByRole("dialog", { name: inv.form.title });
			const account = dialog.getByLabel(inv.form.primaryAccount, { exact: true });
			await expect.poll(() => optionTexts(account)).toEqual([inv.form.noPrimaryAccount, "Sales"]);
			const role = dialog.getByLabel(inv.form.role, { exact: true });
			await expect.poll(() => role.isEnabled()).toBe(true);
			expect(await optionTexts(role)).toEqual([
				inv.form.noRole,
				fill(inv.form.roleInContext, { role: "Account administrator", place: "Sales" }),
			]);
			await dialog.getByLabel(inv.form.email, { exact: true }).fill(second);
			await account.selectOption(sales);
			await dialog.getByRole("button", { name: inv.form.submit }).click();
			await page
				.getByRole("status")
				.filter({ hasText: `Invitation sent to ${second}.` })
				.waitFor();
		});
		expect(await invitedRow(second)).toEqual({
			primary_account_id: sales,
			key: null,
			context_type: null,
			context_id: null,
			applies_to_sub_accounts: false,
		});
	});

	it("resend sends a new link and ends the old one; revoke ends the link and frees the address", async () => {
		const { server, browser } = started();
		const resentEmail = uniqueEmail("resent");
		const revokedEmail = uniqueEmail("revoked");
		const toResend = await inviteThroughApi(started(), resentEmail);
		const toRevoke = await inviteThroughApi(started(), revokedEmail);
		const firstLink = await invitationLink(started(), resentEmail);
		const revokedLink = await invitationLink(started(), revokedEmail);
		// A day later, so the new link's validity visibly moves.
		server.clock.advance(DAY);

		await withPage(browser, "invite-resend-revoke", async (page) => {
			await signInWithRoles(started(), page);
			await openInvitationsPage(page);
			const resentRow = rowOf(page, resentEmail);
			const validUntilBefore = await resentRow.getByRole("cell").nth(5).textContent();

			// Cancel changes nothing.
			await resentRow.getByRole("button", { name: fill(inv.resend.buttonNamed, { email: resentEmail }) }).click();
			const resendDialog = page.getByRole("dialog", { name: inv.resend.title });
			await resendDialog.getByText(fill(inv.resend.description, { email: resentEmail })).waitFor();
			await resendDialog.getByRole("button", { name: en.common.cancel }).click();
			await resendDialog.waitFor({ state: "hidden" });

			await resentRow.getByRole("button", { name: fill(inv.resend.buttonNamed, { email: resentEmail }) }).click();
			await resendDialog.getByRole("button", { name: inv.resend.confirm }).click();
			await page
				.getByRole("status")
				.filter({ hasText: `A new link was sent to ${resentEmail}` })
				.waitFor();
			await expect.poll(() => resentRow.getByRole("cell").nth(5).textContent()).not.toBe(validUntilBefore);

			const revokedRow = rowOf(page, revokedEmail);
			await revokedRow.getByRole("button", { name: fill(inv.revoke.buttonNamed, { email: revokedEmail }) }).click();
			const revokeDialog = page.getByRole("dialog", { name: inv.revoke.title });
			await revokeDialog.getByRole("button", { name: inv.revoke.confirm }).click();
			await page.getByText(fill(inv.notice.revoked, { email: revokedEmail })).waitFor();
			await revokedRow.waitFor({ state: "detached" });
		});

		// Resend: a second email with another link, 7 days from now.
		const messages = await server.db
			.selectFrom("outbox")
			.select("id")
			.where("recipient", "=", resentEmail)
			.where("template", "=", "invitation")
			.execute();
		expect(messages).toHaveLength(2);
		const secondLink = await invitationLink(started(), resentEmail);
		expect(secondLink).not.toBe(firstLink);
		const renewed = await server.db
			.selectFrom("invitations")
			.select("expires_at")
			.where("id", "=", toResend.id)
			.executeTakeFirstOrThrow();
		expect(renewed.expires_at.getTime()).toBe(toResend.expiresAt.getTime() + DAY);
		// Revoke: the never-activated user and the invitation are gone.
		expect(await server.db.selectFrom("users").select("id").where("id", "=", toRevoke.userId).execute()).toEqual([]);

		await withPage(browser, "invite-old-links", async (page) => {
			await page.goto(firstLink);
			await expectUnusableLink(page);
			await page.goto("about:blank");
			await page.goto(revokedLink);
			await expectUnusableLink(page);
			// The new link, opened in the same tab: only the fragment changes, and the page follows it.
			await page.goto(secondLink);
			await page.getByLabel(en.passwordFields.new, { exact: true }).waitFor();
			expect(page.url()).toMatch(/\/invitation$/);
		});
	});

	it("filters by status in the address and pages through long lists", async () => {
		const { server, browser, baseUrl } = started();
		const admin = await server.seedUser({ roles: [{ key: "tenant_admin" }] });
		const client = server.client();
		await client.auth.signIn.mutate({ tenant: admin.tenantSlug, email: admin.email, password: admin.password });
		const emails = Array.from({ length: 27 }, (_, index) => uniqueEmail(`bulk${String(index).padStart(2, "0")}`));
		for (const email of emails) {
			await client.invitations.create.mutate({ email });
			// The test clock stands still: without a tick all 27 share one creation time and
			// "newest first" falls back to random ids, so the last one would not always lead.
			server.clock.advance(1_000);
		}
		const pending = await client.invitations.list.query({ status: "pending", limit: 100 });
		const accepted = await client.invitations.list.query({ status: "accepted", limit: 100 });

		await withPage(browser, "invite-filter-paging", async (page) => {
			await signInWithRoles(started(), page);
			await page.goto(`${baseUrl}/admin/invitations?status=pending`);
			await expectHeading(page, inv.title);
			const status = page.getByLabel(inv.filter.status, { exact: true });
			expect(await status.inputValue()).toBe("pending");
			// The newest invitation comes first; the first page holds 25.
			await rowOf(page, emails[26] ?? "").waitFor();
			await page.getByText(fill(inv.countMore_other, { count: 25 })).waitFor();
			expect(await page.getByRole("rowheader").count()).toBe(25);
			await page.getByRole("button", { name: inv.showMore }).click();
			await page.getByText(fill(inv.count_other, { count: pending.items.length })).waitFor();
			await rowOf(page, emails[0] ?? "").waitFor();

			await status.selectOption("accepted");
			await page.waitForURL(/status=accepted/);
			await expect.poll(() => page.getByRole("rowheader").count()).toBe(accepted.items.length);
			for (const row of await page
				.getByRole("row")
				.filter({ has: page.getByRole("rowheader") })
				.all()) {
				await row.getByText(inv.status.accepted, { exact: true }).waitFor();
			}

			// An unknown status in the address shows everything instead of failing.
			await page.goto(`${baseUrl}/admin/invitations?status=bogus`);
			await expectHeading(page, inv.title);
			expect(await status.inputValue()).toBe("");
		});
	});

	it("a member without invitations.manage sees no Invitations link and is sent away from the page", async () => {
		const { browser, baseUrl } = started();
		await withPage(browser, "invite-forbidden", async (page) => {
			await signInWithRoles(started(), page, { roles: [{ key: "member" }] });
			await page.getByRole("navigation").getByRole("link", { name: en.nav.profile }).waitFor();
			expect(await page.getByRole("navigation").getByRole("link", { name: en.nav.invitations }).count()).toBe(0);
			await page.goto(`${baseUrl}/admin/invitations`);
			await expectHeading(page, en.profile.title);
			expect(new URL(page.url()).pathname).toBe("/");
		});
	});

	it("an invitation page without a token says the link is incomplete", async () => {
		const { browser, baseUrl } = started();
		await withPage(browser, "invite-no-token", async (page) => {
			await page.goto(`${baseUrl}/invitation`);
			await page.getByText(inv.accept.missingBody).waitFor();
			expect(await page.getByLabel(en.passwordFields.new, { exact: true }).count()).toBe(0);
			await page.getByLabel(en.language.label, { exact: true }).selectOption("de");
			await page.getByRole("heading", { level: 1, name: "Einladung annehmen" }).waitFor();
		});
	});
});
