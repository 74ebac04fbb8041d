import { defineConfig } from "vitest/config";

/** Lets `npx vitest` at the root run every package's suite; CI runs them per package via turbo. */
export default defineConfig({
	test: {
		projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts"],
	},
});
