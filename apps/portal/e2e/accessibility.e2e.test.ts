import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { it } from "vitest";
import activityDE from "../src/features/activity/i18n/de.json";
import activityEN from "../src/features/activity/i18n/en.json";
import activityNL from "../src/features/activity/i18n/nl.json";
import applicationsDE from "../src/features/admin-applications/i18n/de.json";
import applicationsEN from "../src/features/admin-applications/i18n/en.json";
import applicationsNL from "../src/features/admin-applications/i18n/nl.json";
import auditDE from "../src/features/admin-audit/i18n/de.json";
import auditEN from "../src/features/admin-audit/i18n/en.json";
import auditNL from "../src/features/admin-audit/i18n/nl.json";
import brandingDE from "../src/features/admin-branding/i18n/de.json";
import brandingEN from "../src/features/admin-branding/i18n/en.json";
import brandingNL from "../src/features/admin-branding/i18n/nl.json";
import complianceDE from "../src/features/admin-compliance/i18n/de.json";
import complianceEN from "../src/features/admin-compliance/i18n/en.json";
import complianceNL from "../src/features/admin-compliance/i18n/nl.json";
import dashboardDE from "../src/features/admin-dashboard/i18n/de.json";
import dashboardEN from "../src/features/admin-dashboard/i18n/en.json";
import dashboardNL from "../src/features/admin-dashboard/i18n/nl.json";
import invitationsDE from "../src/features/admin-invitations/i18n/de.json";
import invitationsEN from "../src/features/admin-invitations/i18n/en.json";
import invitationsNL from "../src/features/admin-invitations/i18n/nl.json";
import policyDE from "../src/features/admin-policy/i18n/de.json";
import policyEN from "../src/features/admin-policy/i18n/en.json";
import policyNL from "../src/features/admin-policy/i18n/nl.json";
import rolesDE from "../src/features/admin-roles/i18n/de.json";
import rolesEN from "../src/features/admin-roles/i18n/en.json";
import rolesNL from "../src/features/admin-roles/i18n/nl.json";
import usersDE from "../src/features/admin-users/i18n/de.json";
import usersEN from "../src/features/admin-users/i18n/en.json";
import usersNL from "../src/features/admin-users/i18n/nl.json";
import passwordResetDE from "../src/features/password-reset/i18n/de.json";
import passwordResetEN from "../src/features/password-reset/i18n/en.json";
import passwordResetNL from "../src/features/password-reset/i18n/nl.json";
import appDE from "../src/i18n/de.json";
import appEN from "../src/i18n/en.json";
import appNL from "../src/i18n/nl.json";
import { resources } from "../src/i18n/resources";
import { describeInBrowser, expect, expectHeading, saveScreenshot, signIn } from "./harness";

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** A violation as the report lists it: where, which rule, how bad, and the first few elements. */
interface Finding {
	page: string;
	rule: string;
	impact: string | null;
	help: string;
	elements: string[];
}

/** Runs axe-core on the page as it stands: every rule it applies by default (WCAG A/AA and best practice). */
async function axeFindings(page: Page, name: string): Promise<Finding[]> {
	await page.evaluate(await AXE_SOURCE);
	const violations = await page.evaluate(async () => {
		type Result = { id: string; impact: string | null; help: string; nodes: { target: string[]; html: string }[] };
		const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Result[] }> } }).axe;
		return (await axe.run(document)).violations.map(({ id, impact, help, nodes }) => ({
			id,
			impact,
			help,
			elements: nodes.slice(0, 3).map((node) => `${node.target.join(" ")} ${node.html.slice(0, 120)}`),
		}));
	});
	return violations.map(({ id, impact, help, elements }) => ({ page: name, rule: id, impact, help, elements }));
}

const LANGUAGES = {
	en: {
		locale: "en-US",
		activity: activityEN,
		app: appEN,
		applications: applicationsEN,
		audit: auditEN,
		branding: brandingEN,
		compliance: complianceEN,
		dashboard: dashboardEN,
		invitations: invitationsEN,
		passwordReset: passwordResetEN,
		policy: policyEN,
		roles: rolesEN,
		users: usersEN,
	},
	de: {
		locale: "de-DE",
		activity: activityDE,
		app: appDE,
		applications: applicationsDE,
		audit: auditDE,
		branding: brandingDE,
		compliance: complianceDE,
		dashboard: dashboardDE,
		invitations: invitationsDE,
		passwordReset: passwordResetDE,
		policy: policyDE,
		roles: rolesDE,
		users: usersDE,
	},
	nl: {
		locale: "nl-NL",
		activity: activityNL,
		app: appNL,
		applications: applicationsNL,
		audit: auditNL,
		branding: brandingNL,
		compliance: complianceNL,
		dashboard: dashboardNL,
		invitations: invitationsNL,
		passwordReset: passwordResetNL,
		policy: policyNL,
		roles: rolesNL,
		users: usersNL,
	},
} as const;
type Language = keyof typeof LANGUAGES;

/** A page wider than the screen makes a phone user scroll sideways to read it (WCAG 1.4.10 Reflow). */
async function overflowFindings(page: Page, name: string): Promise<Finding[]> {
	const { scrollWidth, innerWidth } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		innerWidth: window.innerWidth,
	}));
	return scrollWidth > innerWidth
		? [
				{
					page: name,
					rule: "reflow",
					impact: "serious",
					help: `The page is ${scrollWidth} px wide on a ${innerWidth} px screen`,
					elements: [],
				},
			]
		: [];
}

/** Every string of a dictionary by its key path ("adminUsers.filters.state" → "State"). */
function flatten(value: unknown, prefix = "", into = new Map<string, string>()): Map<string, string> {
	if (typeof value === "string") into.set(prefix, value);
	else if (value !== null && typeof value === "object") {
		for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
	}
	return into;
}

/**
 * English sentences that a German or Dutch page must not show: every English string of the
 * portal whose translation differs, long enough to be text and not a name (a space, 12+
 * characters, no {{placeholder}}).
 */
function englishOnly(language: "de" | "nl"): string[] {
	const translated = flatten(resources[language]);
	return [...flatten(resources.en)]
		.filter(
			([key, text]) => text.length >= 12 && text.includes(" ") && !text.includes("{{") && translated.get(key) !== text,
		)
		.map(([, text]) => text);
}
const ENGLISH_ONLY = { de: englishOnly("de"), nl: englishOnly("nl") };

/** English text on a page shown in German or Dutch: a string the translation forgot, or a code path that skips i18n. */
async function englishFindings(page: Page, name: string, language: Language): Promise<Finding[]> {
	if (language === "en") return [];
	// Not vacuous: the portal has hundreds of English sentences to look for.
	expect(ENGLISH_ONLY[language].length).toBeGreaterThan(300);
	// innerText, not textContent: only what is rendered for the reader counts, not hidden nodes.
	// biome-ignore lint/performance/useDomNodeTextContent: visible text is the point
	const shown = await page.evaluate(() => document.body.innerText);
	const found = ENGLISH_ONLY[language].filter((text) => shown.includes(text));
	return found.length === 0
		? []
		: [
				{
					page: name,
					rule: "english-text",
					impact: "serious",
					help: "English text on a translated page",
					elements: found.slice(0, 3),
				},
			];
}

/** The pages before sign-in, then those an administrator reaches from the navigation, with their main heading. */
function pagesIn(language: Language, user: { id: string; name: string }) {
	const text = LANGUAGES[language];
	return {
		public: [
			["/sign-in", text.app.signIn.title],
			["/forgot-password", text.passwordReset.forgot.title],
		],
		signedIn: [
			["/", text.app.profile.title],
			["/security", text.app.security.title],
			// Each tab once: a hidden tab's panel is not checked with the page.
			["/security?tab=two-step", text.app.security.title],
			["/security?tab=sessions", text.app.security.title],
			["/activity", text.activity.title],
			["/admin/dashboard", text.dashboard.title],
			["/admin/users", text.users.title],
			[`/admin/users/${user.id}`, user.name],
			[`/admin/users/${user.id}?tab=security`, user.name],
			[`/admin/users/${user.id}?tab=roles`, user.name],
			[`/admin/users/${user.id}?tab=activity`, user.name],
			["/admin/invitations", text.invitations.title],
			["/admin/roles", text.roles.title],
			["/admin/applications", text.applications.title],
			["/admin/audit", text.audit.title],
			["/admin/policy", text.policy.title],
			["/admin/branding", text.branding.title],
			["/admin/compliance", text.compliance.title],
		],
	} as const;
}

/** Where each page is kept as a picture (`test-results/pages/<language>-<width>/…`), for CI to keep as an artefact. */
const SCREENSHOT_DIR = join(import.meta.dirname, "..", "test-results", "pages");

async function keepScreenshot(page: Page, folder: string, path: string): Promise<void> {
	const dir = join(SCREENSHOT_DIR, folder);
	await mkdir(dir, { recursive: true });
	const name =
		path === "/"
			? "profile"
			: path
					.slice(1)
					.replace(/[0-9a-f-]{36}/, "detail")
					.replace("?tab=", "-")
					.replaceAll("/", "-");
	await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

const VIEWPORTS = [
	{ width: 1280, height: 800 },
	{ width: 390, height: 844 },
] as const;

async function inContext<T>(
	browser: Browser,
	locale: string,
	viewport: { width: number; height: number },
	run: (page: Page) => Promise<T>,
	colorScheme: "light" | "dark" = "light",
) {
	// The portal's CSP allows no inline script; axe is injected by the test, not by the page.
	const context = await browser.newContext({
		timezoneId: "Europe/Amsterdam",
		locale,
		viewport,
		colorScheme,
		bypassCSP: true,
	});
	const page = await context.newPage();
	page.setDefaultTimeout(15_000);
	try {
		return await run(page);
	} catch (error) {
		await saveScreenshot(page, `axe-${locale}-${viewport.width}-${colorScheme}`);
		throw error;
	} finally {
		await context.close();
	}
}

const RUNS: { language: Language; width: number; height: number; colorScheme: "light" | "dark" }[] = [
	...(Object.keys(LANGUAGES) as Language[]).flatMap((language) =>
		VIEWPORTS.map((viewport) => ({ language, ...viewport, colorScheme: "light" as const })),
	),
	// The dark theme has colours of its own (and derives its own accent shade): every page once in it.
	{ language: "en", ...VIEWPORTS[0], colorScheme: "dark" },
];

/** The focused element's tag and text, as a screen reader would start reading there. */
function focused(page: Page): Promise<string> {
	return page.evaluate(() => {
		const element = document.activeElement;
		return element ? `${element.tagName.toLowerCase()}: ${element.textContent?.trim() ?? ""}` : "none";
	});
}

describeInBrowser("accessibility in a browser", (started) => {
	it("moves focus to the new page's heading after a navigation, but not while filtering a list", async () => {
		const { server, browser, baseUrl } = started();
		const admin = await server.seedUser({ roles: [{ key: "tenant_admin" }], language: "en" });
		await inContext(browser, "en-US", { width: 1280, height: 800 }, async (page) => {
			await page.goto(`${baseUrl}/sign-in`);
			await signIn(page, admin);
			await expectHeading(page, appEN.profile.title);
			await expect.poll(() => focused(page)).toBe(`h1: ${appEN.profile.title}`);
			await page.getByRole("navigation").getByRole("link", { name: appEN.nav.users, exact: true }).click();
			await expect.poll(() => focused(page)).toBe(`h1: ${usersEN.title}`);
			const search = page.getByLabel(usersEN.filters.search, { exact: true });
			await search.fill("ada");
			await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("ada");
			expect(await search.evaluate((element) => element === document.activeElement)).toBe(true);
		});
	});

	it.each(RUNS)(
		"finds no axe violation of any impact on any page, in $language at $width px in the $colorScheme theme",
		async ({ language, width, height, colorScheme }) => {
			const { server, browser, baseUrl } = started();
			const admin = await server.seedUser({ roles: [{ key: "tenant_admin" }], language });
			const member = await server.seedUser({ firstName: "Mia", lastName: "Jansen", roles: [{ key: "member" }] });
			const pages = pagesIn(language, { id: member.id, name: "Mia Jansen" });
			const folder = colorScheme === "light" ? `${language}-${width}` : `${language}-${width}-${colorScheme}`;
			const findings = await inContext(
				browser,
				LANGUAGES[language].locale,
				{ width, height },
				async (page) => {
					const found: Finding[] = [];
					for (const [path, heading] of pages.public) {
						await page.goto(`${baseUrl}${path}`);
						await expectHeading(page, heading);
						found.push(
							...(await axeFindings(page, path)),
							...(await overflowFindings(page, path)),
							...(await englishFindings(page, path, language)),
						);
						await keepScreenshot(page, folder, path);
					}
					await page.goto(`${baseUrl}/sign-in`);
					await signIn(page, admin, { text: LANGUAGES[language].app });
					await expectHeading(page, pages.signedIn[0][1]);
					for (const [path, heading] of pages.signedIn) {
						await page.goto(`${baseUrl}${path}`);
						await expectHeading(page, heading);
						await page.waitForLoadState("networkidle");
						found.push(
							...(await axeFindings(page, path)),
							...(await overflowFindings(page, path)),
							...(await englishFindings(page, path, language)),
						);
						await keepScreenshot(page, folder, path);
					}
					return found;
				},
				colorScheme,
			);
			console.log(
				`axe in ${language} at ${width} px (${colorScheme}): ${pages.public.length + pages.signedIn.length} pages, ${findings.length} violations` +
					findings
						.map((f) => `\n  ${f.page} ${f.impact} ${f.rule}: ${f.help}\n    ${f.elements.join("\n    ")}`)
						.join(""),
			);
			expect(findings).toEqual([]);
		},
	);
});
