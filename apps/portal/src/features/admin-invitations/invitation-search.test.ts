import { describe, expect, it } from "vitest";
import { parseInvitationsSearch } from "./invitation-search";
import { canResend, canRevoke, INVITATION_STATUSES, isInvitationStatus, statusTone } from "./invitation-status";

describe("parseInvitationsSearch", () => {
	it("keeps a known status", () => {
		expect(parseInvitationsSearch({ status: "pending" })).toEqual({ status: "pending" });
		expect(parseInvitationsSearch({ status: "expired" })).toEqual({ status: "expired" });
	});

	it("drops an unknown, oddly typed or missing status instead of sending it to the API", () => {
		expect(parseInvitationsSearch({})).toEqual({});
		expect(parseInvitationsSearch({ status: "revoked" })).toEqual({});
		expect(parseInvitationsSearch({ status: "PENDING" })).toEqual({});
		expect(parseInvitationsSearch({ status: ["pending"] })).toEqual({});
		expect(parseInvitationsSearch({ status: "toString" })).toEqual({});
	});
});

describe("invitation statuses", () => {
	it("lists every status once, each with a tone", () => {
		expect(INVITATION_STATUSES).toEqual(["pending", "accepted", "expired"]);
		expect(INVITATION_STATUSES.map(statusTone)).toEqual(["info", "success", "warning"]);
		expect(isInvitationStatus("constructor")).toBe(false);
	});

	it("offers resend and revoke until the invitation is accepted", () => {
		expect(canResend({ status: "pending" })).toBe(true);
		expect(canResend({ status: "expired" })).toBe(true);
		expect(canResend({ status: "accepted" })).toBe(false);
		expect(canRevoke({ status: "expired" })).toBe(true);
		expect(canRevoke({ status: "accepted" })).toBe(false);
	});
});
