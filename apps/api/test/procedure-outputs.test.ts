import { describe, expect, it } from "vitest";
import { z } from "zod";
import { appRouter } from "../src/router";

// tRPC v11 keeps the schema given to `.output()` on the procedure's `_def.output` (and validates
// with it in an output middleware); a procedure without `.output()` has none. At runtime
// `_def.procedures` is flat, keyed by the dotted path ("security.passkeys.rename"), though its
// type is the nested record.
const procedures = Object.entries(
	appRouter._def.procedures as unknown as Record<string, { _def: { output?: unknown } }>,
);

describe("procedure outputs (STYLE item 10)", () => {
	it("finds the whole router", () => {
		expect(procedures.length).toBeGreaterThan(70);
	});

	it("declares an output schema on every procedure, so a field added to a row cannot leak", () => {
		const missing = procedures.filter(([, procedure]) => procedure._def.output === undefined).map(([path]) => path);
		expect(missing).toEqual([]);
	});

	it("types every output: no bare record of unknown values", () => {
		const loose = procedures
			.filter(([, { _def }]) => _def.output instanceof z.ZodRecord && _def.output.valueType instanceof z.ZodUnknown)
			.map(([path]) => path);
		expect(loose).toEqual([]);
	});
});
