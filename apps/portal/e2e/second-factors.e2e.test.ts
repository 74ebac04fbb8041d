import { Secret, TOTP } from "otpauth";
import type { Page } from "playwright-core";
import { it } from "vitest";
import twoStepEn from "../src/features/security/i18n/en.json";
import en from "../src/i18n/en.json";
import {
	addVirtualAuthenticator,
	countPasskeyRequests,
	describeInBrowser,
	expect,
	expectHeading,
	fill,
	openSecurityPage,
	openTab,
	signIn,
	signOut,
	waitForPasskeyRequest,
	withPage,
} from "./harness";

/**
 * The recovery codes that come with a first second factor: ten, shown in a dialog that stays
 * until the person confirms they saved them. Returns the codes.
 */
async function saveFirstRecoveryCodes(page: Page): Promise<string[]> {
	const dialog = page.getByRole("dialog", { name: twoStepEn.firstCodes.title });
	await dialog.waitFor();
	const codes = await dialog.getByRole("listitem").allTextContents();
	expect(codes).toHaveLength(10);
	for (const code of codes) {
		expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
	}
	const done = dialog.getByRole("button", { name: en.security.recovery.done });
	expect(await done.isDisabled()).toBe(true);
	await dialog.getByLabel(en.security.recovery.savedConfirm).check();
	await done.click();
	await dialog.waitFor({ state: "hidden" });
	return codes;
}

/** Adds a first passkey on the Security page under `name`, and waits for its row in the table. */
async function addPasskey(page: Page, name: string) {
	const card = page.locator("#passkeys");
	await card.getByRole("button", { name: en.security.passkeys.add }).click();
	const nameField = card.getByLabel(en.security.passkeys.nameLabel, { exact: true });
	// The suggested name describes this browser; the person may keep or change it.
	expect(await nameField.inputValue()).toBe("Chrome on Linux");
	await nameField.fill(name);
	await card.getByRole("button", { name: en.security.passkeys.create }).click();
	await saveFirstRecoveryCodes(page);
	await card.getByText(en.security.passkeys.added).waitFor();
	const row = card.getByRole("row").filter({ hasText: name });
	await row.waitFor();
	return row;
}

/** Turns on email codes as the first second factor on the Security page (seeded addresses are verified). */
async function turnOnEmailCodes(page: Page) {
	await openTab(page, twoStepEn.tabs.twoStep);
	await page.getByRole("button", { name: en.security.mfa.turnOnEmail }).click();
	await saveFirstRecoveryCodes(page);
	await page.getByRole("button", { name: en.security.mfa.turnOffEmail }).waitFor();
	await expect.poll(() => page.getByTestId("mfa-status").textContent()).toContain(en.security.mfa.on);
}

describeInBrowser("passkeys and second factors in a browser", (started) => {
	it("registers a passkey on the Security page, then signs in with it and no password", async () => {
		const { server, browser, baseUrl } = started();
		const user = await server.seedUser({ timeZone: "Europe/Amsterdam", language: "en" });
		await withPage(browser, "passkey-passwordless", async (page) => {
			const authenticator = await addVirtualAuthenticator(page);
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, user);
			await expectHeading(page, en.profile.title);
			await openSecurityPage(page);

			const row = await addPasskey(page, "Work laptop");
			// Name, authenticator, created, last used, uses, type, backed up (a virtual platform authenticator).
			const cells = await row.locator("th, td").allTextContents();
			expect(cells[0]).toBe("Work laptop");
			expect(cells[3]).toBe(en.security.passkeys.neverUsed);
			expect(cells[4]).toBe("0");
			expect(cells[5]).toBe(en.security.passkeys.deviceBound);
			expect(cells[6]).toBe(en.common.no);

			// The sign-in page offers passkeys in the email field's autofill list; nobody picks one here.
			await authenticator.setPresence(false);
			const offers = await countPasskeyRequests(page, "conditional");
			await signOut(page);
			await waitForPasskeyRequest(page, "conditional", offers);
			await authenticator.setPresence(true);
			await page.getByRole("button", { name: en.signIn.withPasskey }).click();
			await expectHeading(page, en.profile.title);
			expect(new URL(page.url()).pathname).toBe("/");

			// The passkey now shows one use.
			await openSecurityPage(page);
			const used = page.locator("#passkeys").getByRole("row").filter({ hasText: "Work laptop" });
			await expect.poll(async () => (await used.locator("td").allTextContents())[3]).toBe("1");

			// Autofill (conditional UI): the virtual authenticator answers the offer as soon as the
			// sign-in page makes it, as if the person picked the passkey from the list.
			await signOut(page);
			await expectHeading(page, en.profile.title);
			await openSecurityPage(page);
			await expect.poll(async () => (await used.locator("td").allTextContents())[3]).toBe("2");

			// Rename inline. A name that looks like markup is kept and shown as text (SECURITY W10).
			const dialogs: string[] = [];
			page.on("dialog", (dialog) => {
				dialogs.push(dialog.message());
				void dialog.dismiss();
			});
			const markup = "<img src=x onerror=alert(1)>";
			await page.getByRole("button", { name: fill(en.security.passkeys.renameNamed, { name: "Work laptop" }) }).click();
			const newName = page.getByLabel(en.security.passkeys.newName, { exact: true });
			await newName.fill(markup);
			await newName.press("Enter");
			await newName.waitFor({ state: "detached" });
			const renamed = page.locator("#passkeys").getByRole("rowheader", { name: markup, exact: true });
			await renamed.waitFor();
			expect(await renamed.textContent()).toBe(markup);
			expect(await page.locator("#passkeys img").count()).toBe(0);
			expect(dialogs).toEqual([]);
		});
	});

	it("offers a registered passkey as the second factor after the password, and completes with it", async () => {
		const { server, browser, baseUrl } = started();
		const user = await server.seedUser({ timeZone: "Europe/Amsterdam", language: "en" });
		await withPage(browser, "passkey-second-factor", async (page) => {
			const authenticator = await addVirtualAuthenticator(page);
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, user);
			await expectHeading(page, en.profile.title);
			await openSecurityPage(page);
			await addPasskey(page, "Desk key");
			await openTab(page, twoStepEn.tabs.twoStep);
			await page.getByTestId("mfa-status").waitFor();
			await expect.poll(() => page.getByTestId("mfa-status").textContent()).toContain(en.security.mfa.on);
			// The two-step tab lists passkeys as a method; its link leads back to their card, with focus on it.
			await page.getByRole("link", { name: en.security.mfa.managePasskeys }).click();
			await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("passkeys");
			const signInTab = page.getByRole("tab", { name: twoStepEn.tabs.signIn, exact: true });
			expect(await signInTab.getAttribute("aria-selected")).toBe("true");

			// Nobody picks the passkey from the autofill list: the password form is used, which ends that offer.
			await authenticator.setPresence(false);
			await signOut(page);
			await signIn(page, user);
			// The password alone is not enough any more: the second step offers the passkey first.
			await page.getByRole("heading", { name: en.signIn.mfa.title.passkey }).waitFor();
			// The autofill offer ended with the password step; only the button's request is answered.
			await authenticator.setPresence(true);
			await page.getByRole("button", { name: en.signIn.mfa.usePasskey }).click();
			await expectHeading(page, en.profile.title);

			// Removing it asks first; with no other method left, two-step verification is off again.
			await openSecurityPage(page);
			await page.getByRole("button", { name: fill(en.security.passkeys.removeNamed, { name: "Desk key" }) }).click();
			const confirm = page.getByRole("dialog", { name: fill(en.security.passkeys.removeTitle, { name: "Desk key" }) });
			await confirm.getByRole("button", { name: en.security.passkeys.removeConfirm }).click();
			await page.getByText(en.security.passkeys.none).waitFor();
			await expect.poll(() => page.getByTestId("mfa-status").textContent()).toContain(en.security.mfa.off);
		});
	});

	it("sets up an authenticator app from the secret shown on the page, then signs in with a code", async () => {
		const { server, browser, baseUrl } = started();
		const user = await server.seedUser({ timeZone: "Europe/Amsterdam", language: "en" });
		await withPage(browser, "totp", async (page) => {
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, user);
			await expectHeading(page, en.profile.title);
			await openSecurityPage(page);
			await openTab(page, twoStepEn.tabs.twoStep);

			await page.getByRole("button", { name: en.security.totp.setUp, exact: true }).click();
			// The QR code is an image (server SVG as a data URL, never markup); the key is there to type.
			const qr = page.getByRole("img", { name: en.security.totp.qrAlt });
			await qr.waitFor();
			expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;utf8,/);
			const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
			expect(secret).toMatch(/^[A-Z2-7]{32,}$/);
			// An independent implementation computes the codes, at the server's (test) clock.
			const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
			const codeAt = () => totp.generate({ timestamp: server.clock.now().getTime() });

			await page.getByLabel(en.security.totp.codeLabel, { exact: true }).fill(codeAt());
			await page.getByRole("button", { name: en.security.totp.activate, exact: true }).click();
			// The first second factor brings recovery codes, shown this once.
			const recoveryCodes = await saveFirstRecoveryCodes(page);
			await page.getByText(en.security.totp.enabled).waitFor();
			await page.getByText(fill(en.security.recovery.remaining_other, { count: 10 })).waitFor();
			expect(new Set(recoveryCodes).size).toBe(10);
			await expect.poll(() => page.getByTestId("mfa-status").textContent()).toContain(en.security.mfa.on);

			await signOut(page);
			await signIn(page, user);
			await page.getByRole("heading", { name: en.signIn.mfa.title.totp }).waitFor();
			// A code is accepted once per 30-second step; the set-up used this step's code.
			server.clock.advance(30_000);
			const code = page.getByLabel(en.signIn.mfa.totpLabel, { exact: true });
			expect(await code.getAttribute("autocomplete")).toBe("one-time-code");
			expect(await code.getAttribute("inputmode")).toBe("numeric");
			await code.fill(codeAt());
			await page.getByRole("button", { name: en.signIn.mfa.verify }).click();
			await expectHeading(page, en.profile.title);
		});
	});

	it("generates ten recovery codes, shown once, and signs in with one of them", async () => {
		const { server, browser, baseUrl } = started();
		const user = await server.seedUser({ timeZone: "Europe/Amsterdam", language: "en" });
		await withPage(browser, "recovery-codes", async (page) => {
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, user);
			await expectHeading(page, en.profile.title);
			await openSecurityPage(page);
			await turnOnEmailCodes(page);

			await page.getByRole("button", { name: en.security.recovery.generate }).click();
			const dialog = page.getByRole("dialog", { name: en.security.recovery.dialogTitle });
			await dialog.waitFor();
			const codes = await dialog.getByRole("listitem").allTextContents();
			expect(codes).toHaveLength(10);
			for (const code of codes) {
				expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
			}
			// The dialog stays until the person confirms they saved the codes.
			const done = dialog.getByRole("button", { name: en.security.recovery.done });
			expect(await done.isDisabled()).toBe(true);
			await page.keyboard.press("Escape");
			expect(await dialog.isVisible()).toBe(true);
			await dialog.getByLabel(en.security.recovery.savedConfirm).check();
			await done.click();
			await dialog.waitFor({ state: "hidden" });
			await page.getByText(fill(en.security.recovery.remaining_other, { count: 10 })).waitFor();

			await signOut(page);
			await signIn(page, user);
			await page.getByRole("heading", { name: en.signIn.mfa.title.email }).waitFor();
			await page.getByRole("button", { name: en.signIn.mfa.switchTo.recovery_code }).click();
			await page.getByLabel(en.signIn.mfa.recoveryLabel, { exact: true }).fill(codes[3] ?? "");
			await page.getByRole("button", { name: en.signIn.mfa.verify }).click();
			await expectHeading(page, en.profile.title);

			await openSecurityPage(page);
			await openTab(page, twoStepEn.tabs.twoStep);
			await page.getByText(fill(en.security.recovery.remaining_other, { count: 9 })).waitFor();
		});
	});

	it("signs in with a code sent by email, after a wrong one says how many attempts are left", async () => {
		const { server, browser, baseUrl } = started();
		const user = await server.seedUser({ timeZone: "Europe/Amsterdam", language: "en" });
		await withPage(browser, "email-code", async (page) => {
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, user);
			await expectHeading(page, en.profile.title);
			await openSecurityPage(page);
			await turnOnEmailCodes(page);

			await signOut(page);
			await signIn(page, user);
			await page.getByRole("heading", { name: en.signIn.mfa.title.email }).waitFor();
			// Where the code goes, masked by the server.
			const masked = `${user.email.slice(0, 1)}•••@example.com`;
			await page.getByText(fill(en.signIn.mfa.sendIntro.email, { destination: masked })).waitFor();
			await page.getByRole("button", { name: en.signIn.mfa.sendCode }).click();
			const code = page.getByLabel(en.signIn.mfa.codeLabel, { exact: true });
			await code.waitFor();
			// A resend must wait for the cooldown, which counts down on the button.
			const resend = page.getByRole("button", { name: /Send a new code in \d+ s/ });
			expect(await resend.isDisabled()).toBe(true);

			const sent = await server.lastCode(user.email);
			await code.fill(sent === "000000" ? "111111" : "000000");
			await page.getByRole("button", { name: en.signIn.mfa.verify }).click();
			await page
				.getByRole("alert")
				.filter({ hasText: `${en.errors.domain.invalidCode} ${fill(en.errors.attemptsLeft_other, { count: 4 })}` })
				.waitFor();

			// The development mailbox (linked from the sign-in page) shows the same message.
			const mailbox = await page.context().newPage();
			await mailbox.goto(`${baseUrl}/dev/mailbox?tenant=${user.tenantSlug}`);
			await mailbox.getByRole("heading", { level: 1, name: en.devMailbox.title }).waitFor();
			const newest = mailbox.getByRole("listitem").first();
			await expect.poll(() => newest.locator("pre").textContent()).toContain(sent);
			expect(await newest.textContent()).toContain(fill(en.devMailbox.to, { recipient: user.email }));
			await mailbox.close();

			await code.fill(sent);
			await page.getByRole("button", { name: en.signIn.mfa.verify }).click();
			await expectHeading(page, en.profile.title);
		});
	});

	it("shows the MFA deadline to a user who must enrol, then overdue in the required steps, with codes after enrolling", async () => {
		const { server, browser, baseUrl } = started();
		await server.createTenant("deadline-co");
		const admin = await server.seedUser({ tenantSlug: "deadline-co", roles: [{ key: "tenant_admin" }] });
		const adminClient = server.client();
		await adminClient.auth.signIn.mutate({ tenant: admin.tenantSlug, email: admin.email, password: admin.password });
		await adminClient.policy.update.mutate({ mfa: { required: "all", gracePeriodDays: 1 } });

		const user = await server.seedUser({ tenantSlug: "deadline-co", timeZone: "Europe/Amsterdam", language: "en" });
		const { created_at: createdAt } = await server.db
			.selectFrom("users")
			.select("created_at")
			.where("id", "=", user.id)
			.executeTakeFirstOrThrow();
		// The browser tells "soon" from "overdue" by its own clock, so the deadline moves, not the clock.
		const dueAfter = (created: Date) =>
			new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "Europe/Amsterdam" }).format(
				new Date(created.getTime() + 86_400_000),
			);
		const due = dueAfter(createdAt);
		await withPage(browser, "mfa-deadline", async (page) => {
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, user);
			await expectHeading(page, en.profile.title);
			// A day left: the shell reminds, on every page.
			const banner = page.getByTestId("mfa-deadline-banner");
			expect(await banner.textContent()).toContain(fill(twoStepEn.deadline.bannerSoon, { date: due }));
			// The reminder's link opens the Security page on the tab where two-step verification is set up.
			await banner.getByRole("link", { name: twoStepEn.deadline.bannerLink }).click();
			await expectHeading(page, en.security.title);
			expect(new URL(page.url()).searchParams.get("tab")).toBe("two-step");
			const deadline = page.getByTestId("mfa-deadline");
			await deadline.waitFor();
			expect(await deadline.textContent()).toBe(fill(twoStepEn.deadline.setUpBy, { date: due }));
			const text = (await page.locator("main").textContent()) ?? "";
			expect(text).not.toMatch(/twoStep\.|security\.|\{\{/);

			// Past the deadline, sign-in asks for enrolment first; the wizard says when it was due.
			const backdated = new Date(createdAt.getTime() - 2 * 86_400_000);
			await server.db.updateTable("users").set({ created_at: backdated }).where("id", "=", user.id).execute();
			await signOut(page);
			await signIn(page, user);
			await expectHeading(page, en.requiredActions.title);
			await page.getByText(fill(twoStepEn.deadline.bannerOverdue, { date: dueAfter(backdated) })).waitFor();
			await page.getByRole("button", { name: en.requiredActions.methods.totp }).click();
			const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
			const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
			await page
				.getByLabel(en.security.totp.codeLabel, { exact: true })
				.fill(totp.generate({ timestamp: server.clock.now().getTime() }));
			await page.getByRole("button", { name: en.security.totp.activate, exact: true }).click();
			// The codes are shown before the wizard moves on, and the profile comes only once they are saved.
			await saveFirstRecoveryCodes(page);
			await expectHeading(page, en.profile.title);
			expect(await page.getByTestId("mfa-deadline-banner").count()).toBe(0);
		});
	});
});
