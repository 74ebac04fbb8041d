/**
 * What the portal makes a browser download (issue 11, item 5): builds the portal, serves it from
 * the real API over a fresh database, and opens it in Chromium:
 *   1. the sign-in page, until it is ready to type in (the form is shown and the network is
 *      quiet): every file it loaded, with raw, gzip and brotli sizes and what the server sent,
 *      and the scripts' gzip total against the 150 KB target;
 *   2. the first keystroke in a new-password field (the password change a 91-day-old password
 *      asks for at sign-in): everything that keystroke loads.
 * Prints figures and the load average; asserts nothing. Exits 1 only if the bench itself failed.
 *
 *   node scripts/pnpm.mjs --filter @tessera/bench exec tsx src/portal-size.ts
 *
 * Environment:
 *   CHROMIUM_PATH   the browser (default /usr/bin/chromium)
 *   BENCH_NO_BUILD  set to 1 to measure apps/portal/dist as it is instead of building first
 *   DATABASE_URL    PostgreSQL server for the API's fresh test database (default: PGlite)
 *   BENCH_JSON      write the figures as JSON to this file as well
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { startTestServer } from "@tessera/api/testing";
import { chromium, type Page, type Response } from "playwright-core";
import { loadAverage as load } from "./figures";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PORTAL_DIR = join(ROOT, "apps/portal");
const DIST_DIR = join(PORTAL_DIR, "dist");
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Issue 11: the sign-in page's initial JavaScript, gzip. */
const TARGET_GZIP_BYTES = 150 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

interface FileFigure {
	path: string;
	type: string;
	raw: number;
	gzip: number;
	brotli: number;
	/** What the server sent: its Content-Encoding and the body bytes on the wire. */
	servedEncoding: string;
	servedBytes: number;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function buildPortal(): void {
	const started = performance.now();
	const result = spawnSync(process.execPath, [join(ROOT, "scripts/pnpm.mjs"), "--filter", "@tessera/portal", "build"], {
		cwd: ROOT,
		stdio: ["ignore", "ignore", "inherit"],
		env: { ...process.env, NODE_ENV: "production" },
	});
	if (result.status !== 0) throw new Error(`portal build failed (exit ${result.status})`);
	console.log(`built apps/portal/dist in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** A built file's sizes: the precompressed variants the server sends when they exist, else computed. */
function sizesOf(pathname: string): Pick<FileFigure, "raw" | "gzip" | "brotli"> {
	const file = join(DIST_DIR, pathname === "/" || !pathname.includes(".") ? "index.html" : pathname);
	const content = readFileSync(file);
	const variant = (extension: string, compress: () => Buffer) =>
		existsSync(file + extension) ? statSync(file + extension).size : compress().length;
	return {
		raw: content.length,
		gzip: variant(".gz", () => gzipSync(content, { level: 9 })),
		brotli: variant(".br", () =>
			brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
		),
	};
}

/** Records every response of the page from now on until `stop` is called. */
function recordResponses(page: Page): { stop: () => Promise<{ response: Response; bytes: number }[]> } {
	const seen: Promise<{ response: Response; bytes: number }>[] = [];
	const onResponse = (response: Response) => {
		seen.push(
			response
				.request()
				.sizes()
				.then(
					(sizes) => ({ response, bytes: sizes.responseBodySize }),
					() => ({ response, bytes: 0 }),
				),
		);
	};
	page.on("response", onResponse);
	return {
		stop: async () => {
			page.off("response", onResponse);
			return Promise.all(seen);
		},
	};
}

function figuresOf(responses: { response: Response; bytes: number }[], origin: string): FileFigure[] {
	return responses
		.filter(
			({ response }) => response.url().startsWith(origin) && !new URL(response.url()).pathname.startsWith("/trpc"),
		)
		.map(({ response, bytes }) => {
			const path = new URL(response.url()).pathname;
			return {
				path,
				type: response.request().resourceType(),
				...sizesOf(path),
				servedEncoding: response.headers()["content-encoding"] ?? "identity",
				servedBytes: bytes,
			};
		});
}

function printFiles(title: string, files: FileFigure[]): void {
	console.log(`\n${title}`);
	console.log(
		`  ${"file".padEnd(52)} ${"type".padEnd(10)} ${"raw".padStart(10)} ${"gzip".padStart(10)} ${"brotli".padStart(10)}   served`,
	);
	for (const file of files) {
		console.log(
			`  ${file.path.padEnd(52)} ${file.type.padEnd(10)} ${kb(file.raw).padStart(10)} ${kb(file.gzip).padStart(10)} ${kb(file.brotli).padStart(10)}   ${file.servedEncoding} ${kb(file.servedBytes)}`,
		);
	}
}

function totalOf(files: FileFigure[]) {
	return files.reduce(
		(sum, file) => ({
			files: sum.files + 1,
			raw: sum.raw + file.raw,
			gzip: sum.gzip + file.gzip,
			brotli: sum.brotli + file.brotli,
			served: sum.served + file.servedBytes,
		}),
		{ files: 0, raw: 0, gzip: 0, brotli: 0, served: 0 },
	);
}

async function main(): Promise<void> {
	if (process.env.BENCH_NO_BUILD !== "1" || !existsSync(join(DIST_DIR, "index.html"))) buildPortal();
	const server = await startTestServer({ portalDir: DIST_DIR });
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
	});
	try {
		const context = await browser.newContext({ locale: "en-US" });
		const page = await context.newPage();
		page.setDefaultTimeout(30_000);

		// 1. The sign-in page, until someone could start typing.
		const signInRecording = recordResponses(page);
		await page.goto(`${server.url}/sign-in`, { waitUntil: "networkidle" });
		await page.getByLabel("Email address", { exact: true }).waitFor();
		const signInFiles = figuresOf(await signInRecording.stop(), server.url);
		const scripts = signInFiles.filter((file) => file.type === "script");
		printFiles("sign-in page: every file loaded before interaction", signInFiles);
		const scriptTotal = totalOf(scripts);
		const allTotal = totalOf(signInFiles);
		console.log(
			`  scripts: ${scriptTotal.files} files, raw ${kb(scriptTotal.raw)}, gzip ${kb(scriptTotal.gzip)}, brotli ${kb(scriptTotal.brotli)}, sent ${kb(scriptTotal.served)}` +
				` — target ≤ ${kb(TARGET_GZIP_BYTES)} gzip: ${scriptTotal.gzip <= TARGET_GZIP_BYTES ? "met" : "NOT met"}`,
		);
		console.log(
			`  everything: ${allTotal.files} files, raw ${kb(allTotal.raw)}, gzip ${kb(allTotal.gzip)}, brotli ${kb(allTotal.brotli)}, sent ${kb(allTotal.served)}`,
		);
		console.log(`  load average: ${load()}`);

		// 2. The first keystroke in a new-password field: sign in with a password past its
		// 90-day lifetime, which asks for a new one.
		const user = await server.seedUser({ password: "quiet-Harbor-lantern-7-marmalade", language: "en" });
		server.clock.advance(91 * DAY_MS);
		await page.getByLabel("Email address", { exact: true }).fill(user.email);
		await page.getByLabel("Password", { exact: true }).fill(user.password);
		await page.getByRole("button", { name: "Sign in", exact: true }).click();
		const field = page.getByLabel("New password", { exact: true });
		await field.waitFor();
		await page.waitForLoadState("networkidle");
		const keystrokeRecording = recordResponses(page);
		await field.focus();
		await field.press("a");
		await page.getByRole("meter", { name: "Password strength" }).waitFor();
		await page.waitForLoadState("networkidle");
		const keystroke = await keystrokeRecording.stop();
		const keystrokeFiles = figuresOf(keystroke, server.url);
		const keystrokeCalls = keystroke.filter(({ response }) => new URL(response.url()).pathname.startsWith("/trpc"));
		printFiles("first keystroke in a new-password field: files loaded", keystrokeFiles);
		for (const { response, bytes } of keystrokeCalls) {
			console.log(`  call ${new URL(response.url()).pathname} ${response.status()} ${kb(bytes)} (JSON answer)`);
		}
		const keystrokeTotal = totalOf(keystrokeFiles);
		console.log(
			`  files: ${keystrokeTotal.files}, raw ${kb(keystrokeTotal.raw)}, gzip ${kb(keystrokeTotal.gzip)}, brotli ${kb(keystrokeTotal.brotli)}; calls: ${keystrokeCalls.length}`,
		);
		console.log(`  load average: ${load()}`);

		if (process.env.BENCH_JSON) {
			writeFileSync(
				process.env.BENCH_JSON,
				JSON.stringify(
					{
						signIn: { files: signInFiles, scripts: scriptTotal, all: allTotal, targetGzipBytes: TARGET_GZIP_BYTES },
						firstKeystroke: {
							files: keystrokeFiles,
							total: keystrokeTotal,
							calls: keystrokeCalls.map(({ response, bytes }) => ({
								path: new URL(response.url()).pathname,
								status: response.status(),
								bytes,
							})),
						},
						loadAverage: loadavg(),
					},
					null,
					2,
				),
			);
		}
	} finally {
		await browser.close();
		await server.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
