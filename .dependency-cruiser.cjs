/**
 * Which code may import which, checked on every `npm test` (`pnpm run check`). No exceptions: a
 * rule that needs one is a design question for packages/core/README.md, not an entry here.
 *
 * - no circular imports, type-only ones included (`tsPreCompilationDeps`), anywhere;
 * - the package floors: db ← core ← api ← portal, and ui imports none of them;
 * - the layers of packages/core (packages/core/README.md): a folder imports only its own layer
 *   and the layers below it, and nothing in a folder imports core's root files (errors.ts).
 */

/** packages/core's layers, bottom first: each may import itself and the layers before it. */
const CORE_LAYERS = [
	["shared"],
	["messaging", "audit", "policy", "passwords", "passkeys"],
	["tenants", "roles", "users", "auth", "mfa"],
	["invitations", "apikeys", "dashboard", "jobs", "admin", "compliance"],
];

const core = (folders) => `^packages/core/src/(${folders.join("|")})/`;

const layerRules = CORE_LAYERS.slice(0, -1).map((folders, index) => ({
	name: `core-layer-${index}-${folders.join("-")}`,
	comment: `packages/core: ${folders.join(", ")} may not import a higher layer (packages/core/README.md)`,
	severity: "error",
	from: { path: core(folders) },
	to: { path: core(CORE_LAYERS.slice(index + 1).flat()) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: "no-circular",
			comment: "Circular imports (type-only ones included) make layers meaningless and load order fragile.",
			severity: "error",
			from: {},
			to: { circular: true },
		},
		{
			name: "not-to-unresolvable",
			comment:
				"An import nothing resolves cannot be checked against the floors (say, core naming @tessera/api, which it does not depend on).",
			severity: "error",
			from: {},
			to: { couldNotResolve: true },
		},
		{
			name: "core-folders-are-known",
			comment: "Every folder of packages/core/src belongs to a layer: add a new one to CORE_LAYERS and the README.",
			severity: "error",
			from: { path: "^packages/core/src/[^/]+/", pathNot: core(CORE_LAYERS.flat()) },
			to: {},
		},
		...layerRules,
		{
			name: "core-folders-not-root",
			comment: "core's root files (errors.ts: every code of every folder) sit above all folders.",
			severity: "error",
			from: { path: "^packages/core/src/[^/]+/" },
			to: { path: "^packages/core/src/[^/]+\\.ts$" },
		},
		{
			name: "db-floor",
			comment: "packages/db is the ground floor: schema, migrations, connections.",
			severity: "error",
			from: { path: "^packages/db/" },
			to: { path: "^(packages/(core|ui)|apps)/" },
		},
		{
			name: "core-floor",
			comment: "packages/core is the domain: no transport, no portal, no components.",
			severity: "error",
			from: { path: "^packages/core/" },
			to: { path: "^(packages/ui|apps)/" },
		},
		{
			name: "api-floor",
			comment: "apps/api is transport over core: it knows nothing of the portal or its components.",
			severity: "error",
			from: { path: "^apps/api/" },
			to: { path: "^(apps/portal|packages/ui)/" },
		},
		{
			name: "ui-primitives",
			comment: "packages/ui is primitives only: no domain, no data, no transport.",
			severity: "error",
			from: { path: "^packages/ui/" },
			to: { path: "^(packages/(core|db)|apps)/" },
		},
	],
	options: {
		// Only the workspace's own files are cruised; packages in node_modules are leaves.
		exclude: { path: "(^|/)(dist|\\.cache|\\.turbo)/" },
		doNotFollow: { path: "node_modules" },
		// Type-only imports are dependencies too: `import type` across a layer is still an arrow.
		tsPreCompilationDeps: true,
		enhancedResolveOptions: {
			// Workspace packages resolve through their package.json `exports` ("./*": "./src/*.ts").
			exportsFields: ["exports"],
			conditionNames: ["import", "types", "default"],
			mainFields: ["module", "main", "types"],
			extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
		},
		moduleSystems: ["es6", "cjs"],
		reporterOptions: {
			text: { highlightFocused: true },
		},
	},
};
