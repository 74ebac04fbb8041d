#!/usr/bin/env node
// Runs the pnpm version pinned in package.json#packageManager without needing a global pnpm:
// a fresh machine has only Node.js and npm, so we go through npx (from the npm registry).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const root = new URL("../package.json", import.meta.url);
const { packageManager } = JSON.parse(readFileSync(root, "utf8"));
const result = spawnSync("npx", ["--yes", packageManager, ...process.argv.slice(2)], {
	stdio: "inherit",
	shell: process.platform === "win32",
	env: { ...process.env, npm_config_update_notifier: "false" },
});
process.exit(result.status ?? 1);
