import { defineConfig } from "vitest/config";

export default defineConfig({
	test: {
		include: ["src/**/*.test.ts", "e2e/**/*.e2e.test.ts"],
		environment: "node",
		globalSetup: ["e2e/global-setup.ts"],
		// Each browser test file waits mostly on its own server and browser (about a third of a
		// core each), so two files at a time finish the suite in half the time, also on 2 cores.
		maxWorkers: 2,
		// Browser journeys sign in, save and reload through a real server and Chromium; the longest
		// takes about 28 s while the API suite runs beside it on 2 cores, so 2 minutes leaves room.
		testTimeout: 120_000,
		// beforeAll builds the portal (once per run) and starts the API.
		hookTimeout: 180_000,
	},
});
