import { describeUserAgent } from "@tessera/core/shared/user-agent";
import { it } from "vitest";
import activityEn from "../src/features/activity/i18n/en.json";
import auditLabels from "../src/features/audit/i18n/en.json";
import en from "../src/i18n/en.json";
import { describeInBrowser, expect, expectHeading, signIn, withPage } from "./harness";

const text = activityEn;

describeInBrowser("own activity in a browser", (started) => {
	it("shows a member their sign-in with this browser's device, a failed attempt, and filters by category", async () => {
		const { server, browser, baseUrl } = started();
		await withPage(browser, "activity", async (page) => {
			const tenantSlug = "activity-co";
			const email = "member@activity-co.example";
			// Someone got the password wrong before the member signed in.
			const member = await server.seedUser({ tenantSlug, email, language: "en" });
			await expect(
				server.client().auth.signIn.mutate({ tenant: tenantSlug, email, password: "wrong-password-1" }),
			).rejects.toThrow();
			server.clock.advance(60_000);
			// A neighbour's failed attempt is theirs alone: it never shows on the member's page.
			const neighbour = await server.seedUser({ tenantSlug, email: "neighbour@activity-co.example" });
			await expect(
				server
					.client()
					.auth.signIn.mutate({ tenant: tenantSlug, email: neighbour.email, password: "wrong-password-2" }),
			).rejects.toThrow();
			server.clock.advance(60_000);
			// A plain member (no role): the page is for everyone.
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, member);
			await expectHeading(page, en.profile.title);

			await page.getByRole("navigation").getByRole("link", { name: text.nav, exact: true }).click();
			await expectHeading(page, text.title);

			const table = page.getByRole("table", { name: text.table.caption });
			const rows = table.locator("tbody > tr");
			await expect.poll(() => rows.count()).toBe(2);

			// Newest first: this sign-in, by the member, from this browser, in Amsterdam time.
			const events = await server.db
				.selectFrom("audit_events")
				.select(["occurred_at", "ip", "outcome"])
				.where("target_user_id", "=", member.id)
				.orderBy("occurred_at", "desc")
				.orderBy("id", "desc")
				.execute();
			expect(events.map((event) => event.outcome)).toEqual(["success", "failure"]);
			const { browser: browserName, os } = describeUserAgent(await page.evaluate(() => navigator.userAgent));
			expect(browserName && os).toBeTruthy();
			const device = en.security.sessions.browserOnOs
				.replace("{{browser}}", browserName ?? "")
				.replace("{{os}}", os ?? "");
			const amsterdam = new Intl.DateTimeFormat("en", {
				dateStyle: "medium",
				timeStyle: "short",
				timeZone: "Europe/Amsterdam",
			});
			const signInRow = rows.first();
			await signInRow.getByRole("rowheader", { name: auditLabels.actions.auth.sign_in, exact: true }).waitFor();
			await signInRow.getByText(auditLabels.outcomes.success, { exact: true }).waitFor();
			await signInRow.getByText(text.by.self, { exact: true }).waitFor();
			await signInRow.getByText(device, { exact: true }).waitFor();
			await signInRow.getByText(events[0]?.ip ?? "", { exact: true }).waitFor();
			await signInRow.getByText(amsterdam.format(events[0]?.occurred_at), { exact: true }).waitFor();

			// The failed attempt: nobody was signed in.
			const failedRow = rows.nth(1);
			await failedRow.getByRole("rowheader", { name: auditLabels.actions.auth.sign_in, exact: true }).waitFor();
			await failedRow.getByText(auditLabels.outcomes.failure, { exact: true }).waitFor();
			await failedRow.getByText(text.by.none, { exact: true }).waitFor();

			// Only security changes: none yet, so the empty state, in the URL; clearing shows all again.
			await page.getByLabel(text.filters.category, { exact: true }).selectOption("security");
			await expect.poll(() => new URL(page.url()).searchParams.get("category")).toBe("security");
			await page.getByText(text.emptyFiltered, { exact: true }).waitFor();
			await page.reload();
			await page.getByText(text.emptyFiltered, { exact: true }).waitFor();
			await page.getByRole("button", { name: text.filters.clear, exact: true }).click();
			await expect.poll(() => rows.count()).toBe(2);
			expect(new URL(page.url()).search).toBe("");
		});
	});
});
