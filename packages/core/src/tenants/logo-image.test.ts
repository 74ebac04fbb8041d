import { describe, expect, it } from "vitest";
import { ValidationError } from "../shared/errors";
import { LOGO_MAX_BYTES } from "./branding.schema";
import { checkLogoImage } from "./logo-image";
import { LOGO_FIXTURES } from "./logo-image.testing";

async function refusal(bytes: Uint8Array) {
	const error = await checkLogoImage(bytes).then(
		() => null,
		(cause: unknown) => cause,
	);
	expect(error).toBeInstanceOf(ValidationError);
	return (error as ValidationError).fieldIssues.logo;
}

describe("logo images", () => {
	it.each([
		["png", "image/png"],
		["jpeg", "image/jpeg"],
		["webp", "image/webp"],
	] as const)("takes a %s by its bytes and serves it as %s", async (fixture, type) => {
		expect((await checkLogoImage(LOGO_FIXTURES[fixture])).type).toBe(type);
	});

	it.each(["svg", "htmlNamedPng", "gif"] as const)("refuses %s, whatever the browser called it", async (fixture) => {
		expect(await refusal(LOGO_FIXTURES[fixture])).toEqual([{ code: "custom", rule: "logo_format" }]);
	});

	it("refuses empty bytes and a PNG signature cut short", async () => {
		expect(await refusal(new Uint8Array())).toEqual([{ code: "custom", rule: "logo_format" }]);
		expect(await refusal(LOGO_FIXTURES.png.slice(0, 4))).toEqual([{ code: "custom", rule: "logo_format" }]);
	});

	it("takes a logo of exactly the cap and refuses one byte more, naming the cap", async () => {
		const atCap = new Uint8Array(LOGO_MAX_BYTES);
		atCap.set(LOGO_FIXTURES.png);
		expect((await checkLogoImage(atCap)).type).toBe("image/png");
		const over = new Uint8Array(LOGO_MAX_BYTES + 1);
		over.set(LOGO_FIXTURES.png);
		expect(await refusal(over)).toEqual([{ code: "too_big", origin: "file", maximum: LOGO_MAX_BYTES }]);
	});

	it("versions a logo by its content: the same image keeps its version, another gets a new one", async () => {
		const first = await checkLogoImage(LOGO_FIXTURES.png);
		expect(first.version).toMatch(/^[0-9a-f]{16}$/);
		expect((await checkLogoImage(new Uint8Array(LOGO_FIXTURES.png))).version).toBe(first.version);
		expect((await checkLogoImage(LOGO_FIXTURES.webp)).version).not.toBe(first.version);
	});
});
