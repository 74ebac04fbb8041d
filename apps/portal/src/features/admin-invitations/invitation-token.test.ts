import { describe, expect, it } from "vitest";
import { readInvitationToken, withoutFragment } from "./invitation-token";

const TOKEN = "q8Zt2c1n3H3YkZ0-_wQ1bX9sY3dUe6rKp0a4GmJv5Lw";

describe("readInvitationToken", () => {
	it("reads the token from the link's fragment, with or without the #", () => {
		expect(readInvitationToken(`#token=${TOKEN}`)).toBe(TOKEN);
		expect(readInvitationToken(`token=${TOKEN}`)).toBe(TOKEN);
		expect(readInvitationToken(`#lang=de&token=${TOKEN}`)).toBe(TOKEN);
	});

	it("decodes a percent-encoded token (a mail client may have encoded it)", () => {
		expect(readInvitationToken("#token=ab%2Dcd")).toBe("ab-cd");
	});

	it("gives null without a usable token", () => {
		expect(readInvitationToken("")).toBeNull();
		expect(readInvitationToken("#")).toBeNull();
		expect(readInvitationToken("#token=")).toBeNull();
		expect(readInvitationToken("#other=1")).toBeNull();
		expect(readInvitationToken(`#token=${"a".repeat(257)}`)).toBeNull();
	});
});

describe("withoutFragment", () => {
	it("keeps path and query, drops the fragment", () => {
		expect(withoutFragment({ pathname: "/invitation", search: "" })).toBe("/invitation");
		expect(withoutFragment({ pathname: "/invitation", search: "?x=1" })).toBe("/invitation?x=1");
	});
});
