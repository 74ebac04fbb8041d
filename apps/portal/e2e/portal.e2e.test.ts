import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startTestServer } from "@tessera/api/testing";
import { sql } from "kysely";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import de from "../src/i18n/de.json";
import en from "../src/i18n/en.json";

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const PORTAL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST_DIR = join(PORTAL_DIR, "dist");
const RESULTS_DIR = join(PORTAL_DIR, "test-results");
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
const IS_CI = Boolean(process.env.CI);

// Flags for a root user in a sandbox without outside network: no sandbox, no GPU, and no
// background traffic (which this machine would refuse, noisily, on every start).
const CHROMIUM_ARGS = [
	"--headless=new",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
];

if (!HAS_CHROMIUM && !IS_CI) {
	console.warn(
		`\n*** BROWSER TESTS SKIPPED: chromium not found at ${CHROMIUM_PATH}. ` +
			"Install it (apt-get install chromium) or set CHROMIUM_PATH. CI never skips them. ***\n",
	);
}

// CI must prove the browser journeys, so a missing browser there is a failure, not a skip.
it.runIf(!HAS_CHROMIUM && IS_CI)("has Chromium for the browser tests", () => {
	throw new Error(`Chromium not found at ${CHROMIUM_PATH}: CI must run the browser tests (set CHROMIUM_PATH).`);
});

// Skipped only on a developer machine without Chromium (warned about loudly above); CI fails instead.
describe.skipIf(!HAS_CHROMIUM)("portal in a browser", () => {
	let server: TestServer | undefined;
	let browser: Browser | undefined;

	beforeAll(async () => {
		await buildPortal();
		server = await startTestServer({ portalDir: DIST_DIR });
		browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	});

	/** The server and browser started by beforeAll (which fails the suite if it could not). */
	function started(): { server: TestServer; browser: Browser } {
		if (!server || !browser) {
			throw new Error("beforeAll did not start the server and browser");
		}
		return { server, browser };
	}

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	/**
	 * Runs a journey in a fresh browser profile (Amsterdam time zone, English browser), saving a
	 * screenshot to test-results/ when it fails.
	 */
	async function withPage(name: string, journey: (page: Page) => Promise<void>): Promise<void> {
		const context = await started().browser.newContext({ timezoneId: "Europe/Amsterdam", locale: "en-US" });
		const page = await context.newPage();
		page.setDefaultTimeout(15_000);
		try {
			await journey(page);
		} catch (error) {
			await mkdir(RESULTS_DIR, { recursive: true });
			await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
			throw error;
		} finally {
			await context.close();
		}
	}

	/**
	 * Fills the sign-in form. When the server's default organisation is the user's, the
	 * organisation field stays hidden (as a person would leave it) unless `typeOrganisation` asks
	 * to open it with "Change organisation" and type it.
	 */
	async function signIn(
		page: Page,
		credentials: { tenantSlug: string; email: string; password: string },
		options: { typeOrganisation?: boolean } = {},
	) {
		const organisation = page.getByLabel(en.signIn.organisation, { exact: true });
		const changeOrganisation = page.getByRole("button", { name: en.signIn.changeOrganisation });
		await organisation.or(changeOrganisation).first().waitFor();
		const defaultIsRight = await page
			.getByText(en.signIn.signingInTo.replace("{{tenant}}", credentials.tenantSlug), { exact: true })
			.isVisible();
		if (!defaultIsRight || options.typeOrganisation) {
			if (await changeOrganisation.isVisible()) {
				await changeOrganisation.click();
			}
			await organisation.fill(credentials.tenantSlug);
		}
		await page.getByLabel(en.signIn.email, { exact: true }).fill(credentials.email);
		await page.getByLabel(en.signIn.password, { exact: true }).fill(credentials.password);
		await page.getByRole("button", { name: en.signIn.submit, exact: true }).click();
	}

	it("signs in, saves the profile in the user's time zone and language, and keeps it after reload", async () => {
		const { server } = started();
		const user = await server.seedUser({ firstName: "Augusta", lastName: "King", timeZone: null, language: null });
		await withPage("profile-journey", async (page) => {
			await page.goto(server.url);
			await page.waitForURL(/\/sign-in/);

			await signIn(page, user);
			await page.getByRole("heading", { level: 1, name: en.profile.title }).waitFor();
			expect(new URL(page.url()).pathname).toBe("/");

			// No saved zone: the browser's is offered, and the form is pre-filled with it.
			const notSet = en.profile.timeZoneNotSet.replace("{{timeZone}}", "Europe/Amsterdam");
			await page.getByText(notSet).waitFor();
			expect(await page.getByLabel(en.profile.timeZone, { exact: true }).inputValue()).toBe("Europe/Amsterdam");

			await page.getByLabel(en.profile.firstName, { exact: true }).fill("Ada");
			await page.getByLabel(en.profile.language, { exact: true }).selectOption("de");
			await page.getByRole("button", { name: en.profile.save }).click();

			// The UI switches to German at once, and the header greets the new name.
			await page.getByText(de.profile.saved).waitFor();
			await expect.poll(() => page.getByTestId("current-user-name").textContent()).toBe("Ada King");
			expect(await page.locator("html").getAttribute("lang")).toBe("de");

			await page.reload();
			await page.getByRole("heading", { level: 1, name: de.profile.title }).waitFor();
			expect(await page.getByLabel(de.profile.firstName, { exact: true }).inputValue()).toBe("Ada");
			expect(await page.getByLabel(de.profile.language, { exact: true }).inputValue()).toBe("de");
			expect(await page.getByLabel(de.profile.timeZone, { exact: true }).inputValue()).toBe("Europe/Amsterdam");
			expect(await page.getByText(de.profile.timeZoneNotSet.split(";")[0] ?? "").count()).toBe(0);

			// Signing out leaves the signed-in pages for good.
			await page.getByRole("button", { name: de.header.signOut }).click();
			await page.waitForURL(/\/sign-in/);
			await page.goto(server.url);
			await page.waitForURL(/\/sign-in/);
		});
	});

	it("keeps typed input when the profile was changed elsewhere, and reloads the latest on request", async () => {
		const { server } = started();
		const user = await server.seedUser({ firstName: "Grace", lastName: "Hopper", timeZone: "UTC", language: "en" });
		await withPage("conflict-journey", async (page) => {
			await page.goto(`${server.url}/sign-in`);
			await signIn(page, user);
			const firstName = page.getByLabel(en.profile.firstName, { exact: true });
			expect(await firstName.inputValue()).toBe("Grace");

			// Someone else saves first, behind the page's back.
			await server.db
				.updateTable("users")
				.set({ first_name: "Other", version: sql<number>`version + 1` })
				.where("id", "=", user.id)
				.execute();

			await firstName.fill("Mine");
			await page.getByRole("button", { name: en.profile.save }).click();

			const conflict = page.getByRole("alert").filter({ hasText: en.profile.conflictTitle });
			await conflict.waitFor();
			expect(await firstName.inputValue()).toBe("Mine");

			await conflict.getByRole("button", { name: en.profile.reloadLatest }).click();
			await expect.poll(() => firstName.inputValue()).toBe("Other");
			expect(await conflict.count()).toBe(0);
		});
	});

	it("shows the server's validation errors next to the field they belong to", async () => {
		const { server } = started();
		const user = await server.seedUser({ timeZone: "Europe/Berlin", language: "en" });
		await withPage("field-errors", async (page) => {
			await page.goto(`${server.url}/sign-in`);
			await signIn(page, user);
			const phone = page.getByLabel(en.profile.phone, { exact: true });
			await phone.fill("12345");
			await page.getByRole("button", { name: en.profile.save }).click();

			await page.getByRole("alert").filter({ hasText: en.profile.validationTitle }).waitFor();
			expect(await phone.getAttribute("aria-invalid")).toBe("true");
			const describedBy = (await phone.getAttribute("aria-describedby")) ?? "";
			const description = await page.locator(`[id="${describedBy.split(" ")[0]}"]`).textContent();
			expect(description).toContain(en.fieldErrors.phone);
			expect(await phone.inputValue()).toBe("12345");
		});
	});

	it("shows the generic message for a wrong password and stays on the sign-in page", async () => {
		const { server } = started();
		const user = await server.seedUser();
		await withPage("wrong-password", async (page) => {
			await page.goto(`${server.url}/sign-in`);
			await signIn(page, { ...user, password: `${user.password}-wrong` }, { typeOrganisation: true });
			await page.getByRole("alert").filter({ hasText: en.errors.domain.invalidCredentials }).waitFor();
			expect(new URL(page.url()).pathname).toBe("/sign-in");
			// The password can be revealed to check for typos.
			const password = page.getByLabel(en.signIn.password, { exact: true });
			await page.getByRole("button", { name: en.signIn.showPassword }).click();
			expect(await password.getAttribute("type")).toBe("text");
		});
	});
});

/**
 * Builds the portal into dist/ for the API to serve. Always rebuilds: it takes seconds, and a
 * stale bundle would test old code. NODE_ENV is "test" under vitest, which would make Vite
 * bundle React's development build, so it is set to production for the build only.
 */
async function buildPortal(): Promise<void> {
	const previousNodeEnv = process.env.NODE_ENV;
	process.env.NODE_ENV = "production";
	try {
		await build({
			root: PORTAL_DIR,
			configFile: join(PORTAL_DIR, "vite.config.ts"),
			mode: "production",
			logLevel: "warn",
		});
	} finally {
		if (previousNodeEnv === undefined) {
			delete process.env.NODE_ENV;
		} else {
			process.env.NODE_ENV = previousNodeEnv;
		}
	}
}
