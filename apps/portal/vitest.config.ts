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
		// expect.poll waits for the page to catch up (debounced search, a refetch). One second, the
		// default, is too little when the API suite runs beside the browser on 2 cores; Playwright's
		// own waits get 15 s (page.setDefaultTimeout in the harness), and so does polling.
		expect: { poll: { timeout: 15_000, interval: 100 } },
		// beforeAll builds the portal (once per run) and starts the API.
		hookTimeout: 180_000,
	},
});
