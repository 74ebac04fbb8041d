import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/** Where the dev server forwards API calls; the API serves the built portal itself in production. */
const apiUrl = process.env.TESSERA_API_URL ?? "http://localhost:3000";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text assets worth compressing; images and fonts are compressed formats already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;

/**
 * Writes `<file>.br` and `<file>.gz` beside every text asset of the build, at the highest
 * levels (the cost is paid once, here), for the API to serve with `preCompressed`. A variant
 * that is not smaller than the file is not written, so the file itself is sent.
 */
function precompress(): Plugin {
	let outDir = "dist";
	return {
		name: "tessera:precompress",
		apply: "build",
		configResolved(config) {
			outDir = join(config.root, config.build.outDir);
		},
		async closeBundle() {
			const files = (await readdir(outDir, { recursive: true })).filter((file) => COMPRESSIBLE.test(file));
			await Promise.all(
				files.map(async (file) => {
					const path = join(outDir, file);
					const content = await readFile(path);
					const variants: [string, Buffer][] = [
						[
							".br",
							await brotli(content, {
								params: {
									[constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
									[constants.BROTLI_PARAM_SIZE_HINT]: content.length,
								},
							}),
						],
						[".gz", await gzipAsync(content, { level: constants.Z_BEST_COMPRESSION })],
					];
					for (const [extension, compressed] of variants) {
						if (compressed.length < content.length) await writeFile(path + extension, compressed);
					}
				}),
			);
		},
	};
}

/**
 * The build renders with Preact's React-compatible layer: the same components and libraries,
 * about 57 KB gzip less JavaScript on every page than react-dom (issue 11: the sign-in page's
 * initial scripts must stay under 150 KB gzip). Development keeps React for Fast Refresh.
 */
const PREACT_ALIASES = Object.entries({
	"react-dom/client": "preact/compat/client",
	"react-dom": "preact/compat",
	"react/jsx-runtime": "preact/jsx-runtime",
	"react/jsx-dev-runtime": "preact/jsx-runtime",
	react: "preact/compat",
}).map(([find, replacement]) => ({
	// Exact names only (`react` must not catch `react-i18next`), resolved from the portal so the
	// workspace packages that import React get the same copy.
	find: new RegExp(`^${find}$`),
	replacement: fileURLToPath(import.meta.resolve(replacement)),
}));

export default defineConfig(({ command }) => ({
	plugins: [react(), precompress()],
	resolve: command === "build" ? { alias: PREACT_ALIASES } : {},
	server: {
		port: 5173,
		proxy: {
			"/trpc": { target: apiUrl, changeOrigin: false },
			"/healthz": { target: apiUrl, changeOrigin: false },
			"/export": { target: apiUrl, changeOrigin: false },
			"/branding": { target: apiUrl, changeOrigin: false },
		},
	},
	preview: {
		proxy: {
			"/trpc": { target: apiUrl, changeOrigin: false },
			"/healthz": { target: apiUrl, changeOrigin: false },
			"/export": { target: apiUrl, changeOrigin: false },
			"/branding": { target: apiUrl, changeOrigin: false },
		},
	},
	build: {
		outDir: "dist",
		emptyOutDir: true,
		// The API serves dist/ as it is, so a map written here would publish the source. Debug a
		// production build locally with `vite build --sourcemap`.
		sourcemap: false,
	},
}));
