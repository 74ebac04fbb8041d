import { defineProject } from "vitest/config";

export default defineProject({
	test: {
		include: ["src/**/*.test.ts", "test/**/*.test.ts"],
		// Integration tests boot a database (PGlite: ~2 s; PostgreSQL: create + migrate).
		testTimeout: 30_000,
		hookTimeout: 60_000,
	},
});
