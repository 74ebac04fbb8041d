import { ZUpdateProfileInput } from "@tessera/core/users/user.schema";
import { describe, expect, it } from "vitest";
import type { Me } from "./hooks/use-me";
import { buildProfileUpdate, profileToFormValues } from "./profile-form-values";

const NOW = new Date("2026-05-01T10:00:00Z");
const FALLBACKS = { language: "de", timeZone: "Europe/Berlin" } as const;

function me(overrides: Partial<Me> = {}): Me {
	return {
		id: "8d5c2b1e-4f7a-4c3b-9a1d-2e6f8b0c1d2e",
		tenantId: "0b7e4c1a-2d3f-4e5a-8b6c-7d8e9f0a1b2c",
		tenantSlug: "acme",
		tenantName: "Acme",
		userType: "human",
		state: "active",
		email: "ada@example.com",
		emailVerified: true,
		phone: "+31612345678",
		phoneVerified: true,
		firstName: "Ada",
		lastName: "Lovelace",
		username: null,
		language: "en-GB",
		timeZone: "Europe/Amsterdam",
		primaryAccountId: null,
		plannedPurgeAt: null,
		twoFactorEnabled: false,
		twoFactorType: null,
		version: 3,
		createdAt: NOW,
		updatedAt: NOW,
		lastSignInAt: null,
		passwordChangedAt: null,
		permissions: [],
		tenantPermissions: [],
		requiredActions: [],
		roles: [],
		...overrides,
	};
}

describe("profile form values", () => {
	it("pre-fills an unset language and time zone with what the portal uses now", () => {
		expect(profileToFormValues(me({ language: null, timeZone: null, phone: null }), FALLBACKS)).toEqual({
			firstName: "Ada",
			lastName: "Lovelace",
			phone: "",
			language: "de",
			timeZone: "Europe/Berlin",
		});
		expect(profileToFormValues(me(), FALLBACKS).language).toBe("en");
	});

	it("sends only the changed fields with the version it read, trimmed, empty as null", () => {
		const base = me();
		const values = { ...profileToFormValues(base, FALLBACKS), firstName: "  Augusta ", lastName: "" };
		expect(buildProfileUpdate(base, values, base.version)).toEqual({
			version: 3,
			firstName: "Augusta",
			lastName: null,
		});
	});

	it("does not resend a phone number typed with spaces, or a regional language of the same tongue", () => {
		const base = me();
		const values = { ...profileToFormValues(base, FALLBACKS), phone: " +31 (6) 1234-5678 " };
		expect(buildProfileUpdate(base, values, base.version)).toEqual({ version: 3 });
	});

	it("builds what core's schema accepts, and what it refuses stays refused on the field", () => {
		const base = me();
		const valid = { ...profileToFormValues(base, FALLBACKS), phone: "+49 151 23456789", language: "nl" as const };
		expect(ZUpdateProfileInput.safeParse(buildProfileUpdate(base, valid, base.version)).success).toBe(true);

		const invalid = { ...valid, phone: "12345" };
		const parsed = ZUpdateProfileInput.safeParse(buildProfileUpdate(base, invalid, base.version));
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([["phone"]]);
	});

	it("shows a zone stored under a legacy name as its current name, and a save stores that name", () => {
		const base = me({ timeZone: "Asia/Calcutta" });
		const values = profileToFormValues(base, FALLBACKS);
		expect(values.timeZone).toBe("Asia/Kolkata");
		const update = buildProfileUpdate(base, values, base.version);
		expect(update).toEqual({ version: 3, timeZone: "Asia/Kolkata" });
		expect(ZUpdateProfileInput.safeParse(update).success).toBe(true);
		// A current name is left alone: nothing to send.
		const current = me({ timeZone: "Asia/Kolkata" });
		expect(buildProfileUpdate(current, profileToFormValues(current, FALLBACKS), 3)).toEqual({ version: 3 });
	});
});
