import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// STYLE items 7 and 18: one procedure per file, and every schema a procedure declares comes from
// a core `*.schema.ts`, where the portal's forms can share it. Read from the source rather than
// the router: a schema built inline looks the same at runtime as one imported from core.
const routersDir = fileURLToPath(new URL("../src/routers", import.meta.url));
const files = readdirSync(routersDir, { recursive: true, encoding: "utf8" })
	.filter((path) => path.endsWith(".ts"))
	.map((path) => ({ path, source: readFileSync(join(routersDir, path), "utf8") }));

// A builder chain ends in exactly one of these, so each one is one procedure.
const PROCEDURE_END = /\.(query|mutation|subscription)\(/g;
const INLINE_SCHEMA = /\bz\.(object|strictObject|looseObject|record|array)\(/;

describe("router files (STYLE items 7 and 18)", () => {
	it("finds the routers", () => {
		expect(files.length).toBeGreaterThan(70);
	});

	it("defines at most one procedure per file", () => {
		const crowded = files
			.filter(({ source }) => (source.match(PROCEDURE_END)?.length ?? 0) > 1)
			.map(({ path }) => path);
		expect(crowded).toEqual([]);
	});

	it("builds no schema in the API: inputs and outputs come from core", () => {
		const inline = files
			.filter(({ source }) => INLINE_SCHEMA.test(source) || source.includes('from "zod"'))
			.map(({ path }) => path);
		expect(inline).toEqual([]);
	});
});
