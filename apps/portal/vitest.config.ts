import { defineConfig } from "vitest/config";

export default defineConfig({
	test: {
		include: ["src/**/*.test.ts", "e2e/**/*.e2e.test.ts"],
		environment: "node",
		// Browser journeys sign in, save and reload through a real server and Chromium.
		testTimeout: 60_000,
		// beforeAll builds the portal and starts the API.
		hookTimeout: 180_000,
	},
});
