import { randomUUID } from "node:crypto";
import type { TestProject } from "vitest/node";

/**
 * One id per test run, handed to every test file: browser test files build the portal once per
 * run (the first one builds, the others wait for it; see `ensurePortalBuilt` in harness.ts).
 * Cheap on purpose, because it also runs for unit-test-only runs.
 */
export default function setup(project: TestProject): void {
	project.provide("e2eRunId", randomUUID());
}

declare module "vitest" {
	export interface ProvidedContext {
		e2eRunId: string;
	}
}
