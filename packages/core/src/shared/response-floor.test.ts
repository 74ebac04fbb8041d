import { describe, expect, it } from "vitest";
import { withResponseFloor } from "./response-floor";

describe("withResponseFloor", () => {
	it("answers no sooner than the floor, with the work's result", async () => {
		const started = performance.now();
		expect(await withResponseFloor(60, async () => "done")).toBe("done");
		expect(performance.now() - started).toBeGreaterThanOrEqual(59);
	});

	it("pads a failure too, then rethrows it", async () => {
		const started = performance.now();
		await expect(
			withResponseFloor(60, async () => {
				throw new Error("refused");
			}),
		).rejects.toThrow("refused");
		expect(performance.now() - started).toBeGreaterThanOrEqual(59);
	});
});
