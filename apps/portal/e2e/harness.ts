/**
 * Shared set-up for the browser journeys: Chromium (a loud skip on a developer machine without
 * it, a failure in CI), one portal build per test run, a real API server over a fresh database,
 * a fresh browser context per journey, and helpers for what every journey does (sign in, sign
 * out, add a virtual passkey authenticator).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { SeededUser, SeedUserInput, TestServer } from "@tessera/api/testing";
import { type Browser, type CDPSession, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import en from "../src/i18n/en.json";

export const PORTAL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST_DIR = join(PORTAL_DIR, "dist");
const RESULTS_DIR = join(PORTAL_DIR, "test-results");
const BUILD_LOCK = join(PORTAL_DIR, ".cache", "e2e-build.lock");
const BUILD_STAMP = join(PORTAL_DIR, ".cache", "e2e-build.stamp");
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

export interface Started {
	server: TestServer;
	browser: Browser;
	/**
	 * Where the portal is opened: `http://localhost:PORT`. Browsers refuse WebAuthn on an IP
	 * address (Chromium: "This is an invalid domain"), so passkey journeys need a host name;
	 * see `serveOnLocalhost`.
	 */
	baseUrl: string;
}

/**
 * Declares a file's browser journeys: one server and one browser for the file, started in
 * `beforeAll`. Skipped only on a developer machine without Chromium (warned about loudly); in CI
 * a missing browser is a failing test instead.
 */
export function describeInBrowser(name: string, journeys: (started: () => Started) => void): void {
	if (!HAS_CHROMIUM && !IS_CI) {
		console.warn(
			`\n*** BROWSER TESTS SKIPPED (${name}): chromium not found at ${CHROMIUM_PATH}. ` +
				"Install it (apt-get install chromium) or set CHROMIUM_PATH. CI never skips them. ***\n",
		);
	}
	// CI must prove the browser journeys, so a missing browser there is a failure, not a skip.
	it.runIf(!HAS_CHROMIUM && IS_CI)(`${name}: has Chromium for the browser tests`, () => {
		throw new Error(`Chromium not found at ${CHROMIUM_PATH}: CI must run the browser tests (set CHROMIUM_PATH).`);
	});

	describe.skipIf(!HAS_CHROMIUM)(name, () => {
		let state: Started | undefined;
		beforeAll(async () => {
			await ensurePortalBuilt();
			const server = await startServer();
			const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
			state = { server, browser, baseUrl: server.url.replace("//127.0.0.1:", "//localhost:") };
		});
		afterAll(async () => {
			await state?.browser.close();
			await state?.server.close();
		});
		journeys(() => {
			if (!state) {
				throw new Error("beforeAll did not start the server and browser");
			}
			return state;
		});
	});
}

/** Config fields the localhost patch touches (the real type lives in apps/api/src/config.ts). */
interface PatchableConfig {
	allowedOrigins: string[];
	webauthn: { rpId: string; origins: string[] };
}

/**
 * Test-harness workaround, kept here so apps/api stays untouched: `startTestServer` sets the
 * WebAuthn RP ID to "127.0.0.1" and allows only the `http://127.0.0.1:PORT` origin, but browsers
 * only run WebAuthn on a domain (and plain http only on localhost). So the config the harness
 * loads is patched: RP ID "localhost", and each origin it allows is also allowed as
 * `http://localhost:PORT`. Everything else (cookies, CSRF checks, the server itself) is as is.
 */
function serveOnLocalhost(config: PatchableConfig): PatchableConfig {
	const alsoOnLocalhost = (origins: string[]) => {
		const push = origins.push.bind(origins);
		origins.push = (...items: string[]) =>
			push(...items, ...items.map((origin) => origin.replace("//127.0.0.1:", "//localhost:")));
	};
	alsoOnLocalhost(config.allowedOrigins);
	alsoOnLocalhost(config.webauthn.origins);
	Object.defineProperty(config.webauthn, "rpId", {
		get: () => "localhost",
		set: () => undefined,
		enumerable: true,
		configurable: true,
	});
	return config;
}

async function startServer(): Promise<TestServer> {
	vi.doMock("../../api/src/config.ts", async (importOriginal) => {
		const actual = await importOriginal<{ loadConfig: (env: NodeJS.ProcessEnv) => PatchableConfig }>();
		return { ...actual, loadConfig: (env: NodeJS.ProcessEnv) => serveOnLocalhost(actual.loadConfig(env)) };
	});
	const { startTestServer } = await import("@tessera/api/testing");
	return startTestServer({ portalDir: DIST_DIR });
}

/**
 * Runs a journey in a fresh browser profile (Amsterdam time zone, English browser), saving a
 * screenshot to test-results/ when it fails.
 */
export async function withPage(browser: Browser, name: string, journey: (page: Page) => Promise<void>): Promise<void> {
	const context = await browser.newContext({ timezoneId: "Europe/Amsterdam", locale: "en-US" });
	const page = await context.newPage();
	page.setDefaultTimeout(15_000);
	try {
		await journey(page);
	} catch (error) {
		await saveScreenshot(page, name);
		throw error;
	} finally {
		await context.close();
	}
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
	await mkdir(RESULTS_DIR, { recursive: true });
	await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
}

export interface VirtualAuthenticator {
	cdp: CDPSession;
	authenticatorId: string;
	/**
	 * Simulated touches on or off, decided when a request starts. On, the authenticator answers
	 * each request at once, even the sign-in page's autofill offer (which a person would have to
	 * pick from a list); a request started while off is never answered, as for a person who
	 * ignores the prompt.
	 */
	setPresence(isPresent: boolean): Promise<void>;
}

/**
 * Gives the page a platform authenticator through the Chrome DevTools Protocol: resident keys,
 * user verification that always succeeds, and presence simulated, so passkey prompts complete
 * without a person.
 */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
	// Count the passkey requests the page makes, by kind ("conditional" is the autofill offer), so
	// a journey can wait until one is pending. Requests start in page code, after fetches, so there
	// is no other signal to wait for.
	await page.addInitScript(() => {
		const counts = window as unknown as { __e2ePasskeyRequests?: Record<string, number> };
		const get = navigator.credentials.get.bind(navigator.credentials);
		navigator.credentials.get = (options?: CredentialRequestOptions) => {
			const kind = options?.mediation === "conditional" ? "conditional" : "modal";
			counts.__e2ePasskeyRequests = {
				...counts.__e2ePasskeyRequests,
				[kind]: (counts.__e2ePasskeyRequests?.[kind] ?? 0) + 1,
			};
			return get(options);
		};
	});
	const cdp = await page.context().newCDPSession(page);
	await cdp.send("WebAuthn.enable");
	const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
		options: {
			protocol: "ctap2",
			transport: "internal",
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			automaticPresenceSimulation: true,
		},
	});
	return {
		cdp,
		authenticatorId,
		setPresence: async (isPresent) => {
			await cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled: isPresent });
		},
	};
}

type PasskeyRequestKind = "conditional" | "modal";

/** How many passkey requests of a kind the page (this document) has made so far. */
export function countPasskeyRequests(page: Page, kind: PasskeyRequestKind): Promise<number> {
	return page.evaluate(
		(which) =>
			(window as unknown as { __e2ePasskeyRequests?: Record<string, number> }).__e2ePasskeyRequests?.[which] ?? 0,
		kind,
	);
}

/**
 * Waits until the page has made more passkey requests of a kind than `before`. The virtual
 * authenticator decides whether to answer when a request starts, so a journey that wants the
 * autofill offer left unanswered waits for it here before switching presence back on.
 */
export async function waitForPasskeyRequest(page: Page, kind: PasskeyRequestKind, before: number): Promise<void> {
	await page.waitForFunction(
		({ which, previous }) =>
			((window as unknown as { __e2ePasskeyRequests?: Record<string, number> }).__e2ePasskeyRequests?.[which] ?? 0) >
			previous,
		{ which: kind, previous: before },
	);
}

/**
 * Fills the sign-in form. When the server's default organisation is the user's, the
 * organisation field stays hidden (as a person would leave it) unless `typeOrganisation` asks
 * to open it with "Change organisation" and type it.
 */
export async function signIn(
	page: Page,
	credentials: { tenantSlug: string; email: string; password: string },
	options: { typeOrganisation?: boolean; text?: Pick<typeof en, "signIn"> } = {},
): Promise<void> {
	const text = (options.text ?? en).signIn;
	const organisation = page.getByLabel(text.organisation, { exact: true });
	const changeOrganisation = page.getByRole("button", { name: text.changeOrganisation });
	await organisation.or(changeOrganisation).first().waitFor();
	const defaultIsRight = await page
		.getByText(text.signingInTo.replace("{{tenant}}", credentials.tenantSlug), { exact: true })
		.isVisible();
	if (!defaultIsRight || options.typeOrganisation) {
		if (await changeOrganisation.isVisible()) {
			await changeOrganisation.click();
		}
		await organisation.fill(credentials.tenantSlug);
	}
	await page.getByLabel(text.email, { exact: true }).fill(credentials.email);
	await page.getByLabel(text.password, { exact: true }).fill(credentials.password);
	await page.getByRole("button", { name: text.submit, exact: true }).click();
}

/**
 * Seeds a user with the given roles (a tenant administrator by default) in English, signs them in
 * through the sign-in page and waits for their profile. New users are inside the MFA grace
 * period, so an administrator needs no second factor yet.
 */
export async function signInWithRoles(
	{ server, baseUrl }: Pick<Started, "server" | "baseUrl">,
	page: Page,
	input: SeedUserInput = {},
): Promise<SeededUser> {
	const user = await server.seedUser({ roles: [{ key: "tenant_admin" }], language: "en", ...input });
	await page.goto(`${baseUrl}/sign-in`);
	await signIn(page, user);
	await expectHeading(page, en.profile.title);
	return user;
}

/**
 * Waits for the page's main heading. When it does not come, the error says where the page is
 * instead (its address, its main heading and any alert), since CI keeps no screenshot.
 */
export async function expectHeading(page: Page, name: string): Promise<void> {
	try {
		await page.getByRole("heading", { level: 1, name, exact: true }).waitFor();
	} catch (error) {
		const shown = async (role: "heading" | "alert") =>
			(
				await page
					.getByRole(role, role === "heading" ? { level: 1 } : {})
					.allInnerTexts()
					.catch(() => [])
			)
				.map((text) => JSON.stringify(text.trim()))
				.join(", ") || "none";
		const where = `at ${page.url()}; main heading: ${await shown("heading")}; alerts: ${await shown("alert")}`;
		throw new Error(`the heading ${JSON.stringify(name)} did not appear, ${where}`, { cause: error });
	}
}

/** Signs out with the header button and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
	await page.getByRole("button", { name: en.header.signOut, exact: true }).click();
	await page.waitForURL(/\/sign-in/);
}

/** Opens the Security page from the navigation. */
export async function openSecurityPage(page: Page): Promise<void> {
	await page.getByRole("navigation").getByRole("link", { name: en.nav.security, exact: true }).click();
	await expectHeading(page, en.security.title);
}

/** Opens a tab of the page (the user page's, the Security page's) by its name, and waits until it is selected. */
export async function openTab(page: Page, name: string): Promise<void> {
	const tab = page.getByRole("tab", { name, exact: true });
	await tab.click();
	await expect.poll(() => tab.getAttribute("aria-selected")).toBe("true");
}

/** The text a translation shows with its `{{variables}}` filled in. */
export function fill(text: string, values: Record<string, string | number>): string {
	return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}

export { expect };

async function readText(path: string): Promise<string | null> {
	try {
		return await readFile(path, "utf8");
	} catch {
		return null;
	}
}

/**
 * Builds the portal into dist/ once per test run. Test files run in parallel workers, so the
 * first to get here takes a lock file (created exclusively), builds and leaves a stamp with the
 * run's id; the others wait for the stamp. A lock left by an interrupted earlier run (another
 * id) is taken over.
 */
async function ensurePortalBuilt(): Promise<void> {
	const runId = inject("e2eRunId");
	await mkdir(dirname(BUILD_LOCK), { recursive: true });
	const deadline = Date.now() + 150_000;
	while ((await readText(BUILD_STAMP)) !== runId) {
		if (Date.now() > deadline) {
			throw new Error("Timed out waiting for another test file to build the portal");
		}
		try {
			await writeFile(BUILD_LOCK, runId, { flag: "wx" });
		} catch {
			const holder = await readText(BUILD_LOCK);
			// "" means the holder has created the file but not written its id yet: it is alive.
			if (holder !== null && holder !== "" && holder !== runId) {
				await rm(BUILD_LOCK, { force: true });
			} else {
				await new Promise((settle) => setTimeout(settle, 250));
			}
			continue;
		}
		try {
			if ((await readText(BUILD_STAMP)) !== runId) {
				await buildPortal();
				await writeFile(BUILD_STAMP, runId);
			}
		} finally {
			await rm(BUILD_LOCK, { force: true });
		}
	}
}

/**
 * Builds the portal into dist/ for the API to serve. Always rebuilds once per run: it takes
 * seconds, and a stale bundle would test old code. NODE_ENV is "test" under vitest, which would
 * make Vite bundle React's development build, so it is set to production for the build only.
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
			// Nobody reads source maps in a test run; skipping them makes the build cheaper.
			build: { sourcemap: false },
		});
	} finally {
		if (previousNodeEnv === undefined) {
			delete process.env.NODE_ENV;
		} else {
			process.env.NODE_ENV = previousNodeEnv;
		}
	}
}
