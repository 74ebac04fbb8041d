import { describe, expect, it } from "vitest";
import { ZInvitationsSearch } from "./invitation-search";
import { INVITATION_STATUSES, isInvitationStatus, statusTone } from "./invitation-status";

describe("ZInvitationsSearch", () => {
	it("keeps a known status", () => {
		expect(ZInvitationsSearch.parse({ status: "pending" })).toEqual({ status: "pending" });
		expect(ZInvitationsSearch.parse({ status: "expired" })).toEqual({ status: "expired" });
	});

	it("drops an unknown, oddly typed or missing status instead of sending it to the API", () => {
		expect(ZInvitationsSearch.parse({})).toEqual({});
		expect(ZInvitationsSearch.parse({ status: "revoked" })).toEqual({});
		expect(ZInvitationsSearch.parse({ status: "PENDING" })).toEqual({});
		expect(ZInvitationsSearch.parse({ status: ["pending"] })).toEqual({});
		expect(ZInvitationsSearch.parse({ status: "toString" })).toEqual({});
	});
});

describe("invitation statuses", () => {
	it("lists every status once, each with a tone", () => {
		expect(INVITATION_STATUSES).toEqual(["pending", "accepted", "expired"]);
		expect(INVITATION_STATUSES.map(statusTone)).toEqual(["info", "success", "warning"]);
		expect(isInvitationStatus("constructor")).toBe(false);
	});
});
