import { TWO_FACTOR_TYPES } from "@tessera/db/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
	DEFAULT_TENANT_POLICY,
	MFA_METHODS,
	mergeTenantPolicy,
	parseStoredPolicy,
	readStoredPolicy,
	type TenantPolicy,
	ZTenantPolicy,
	ZTenantPolicyInput,
} from "./tenant-policy";
import { allowedMfaMethodsFor, isMfaRequiredFor } from "./tenant-policy.service";

/** SECURITY.md section 4 and PCI DSS v4.0.1 req. 8, written out rather than imported. */
const PCI_DEFAULTS = {
	password: {
		minLength: 15,
		maxLength: 256,
		pciComplexity: true,
		historyCount: 4,
		maxAgeDays: 90,
		reminderDays: [14, 7, 3, 1],
		minStrengthScore: 3,
	},
	lockout: { threshold: 10, durationMinutes: 30 },
	session: { idleMinutes: 15, absoluteHours: 12, maxConcurrent: 10 },
	mfa: {
		required: "admins",
		requiredForRoles: ["tenant_admin", "user_manager", "account_admin", "security_auditor"],
		gracePeriodDays: 7,
		allowedMethods: ["totp", "sms", "email", "passkey"],
		adminAllowedMethods: ["totp", "passkey"],
	},
	reauth: { windowMinutes: 5 },
	codes: { ttlMinutes: 5, maxAttempts: 5, resendCooldownSeconds: 60, maxSendsPerHour: 5, maxSendsPerDay: 10 },
	lifecycle: { purgeDelayDays: 30, inactiveAfterDays: 90 },
};

/** The issues of a failed parse as "path: message" lines, or [] when it succeeded. */
function issuePaths(input: unknown): string[] {
	const result = ZTenantPolicy.safeParse(input);
	return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
}

describe("defaults", () => {
	it("parsing {} gives the PCI DSS defaults", () => {
		expect(ZTenantPolicy.parse({})).toEqual(PCI_DEFAULTS);
		expect(DEFAULT_TENANT_POLICY).toEqual(PCI_DEFAULTS);
	});

	it("missing sections and fields are filled one by one", () => {
		const policy = ZTenantPolicy.parse({ password: { minLength: 20 }, lockout: {} });
		expect(policy.password).toEqual({ ...PCI_DEFAULTS.password, minLength: 20 });
		expect(policy.lockout).toEqual(PCI_DEFAULTS.lockout);
	});

	it("every parse returns a fresh copy; the defaults cannot be changed", () => {
		const first = ZTenantPolicy.parse({});
		first.mfa.allowedMethods.push("email");
		first.password.reminderDays.length = 0;
		expect(ZTenantPolicy.parse({})).toEqual(PCI_DEFAULTS);
		expect(parseStoredPolicy({})).toEqual(PCI_DEFAULTS);
		expect(Object.isFrozen(DEFAULT_TENANT_POLICY.mfa.allowedMethods)).toBe(true);
	});

	it("MFA methods are the database's two-factor types", () => {
		expect([...MFA_METHODS].sort()).toEqual([...TWO_FACTOR_TYPES].sort());
	});
});

describe("ZTenantPolicy: rules", () => {
	it.each([
		["A03 minLength 12 with MFA for admins only", { password: { minLength: 12 } }, ["password.minLength"]],
		["A03 minLength 14 with MFA for admins only", { password: { minLength: 14 } }, ["password.minLength"]],
		["A03 minLength 12 with MFA for all", { password: { minLength: 12 }, mfa: { required: "all" } }, []],
		[
			"A03 minLength 11 even with MFA for all",
			{ password: { minLength: 11 }, mfa: { required: "all" } },
			["password.minLength"],
		],
		["A04 maxLength below 64", { password: { maxLength: 63 } }, ["password.maxLength"]],
		["A04 maxLength above 256", { password: { maxLength: 257 } }, ["password.maxLength"]],
		["maxLength below minLength", { password: { minLength: 100, maxLength: 64 } }, ["password.maxLength"]],
		["A08 history shorter than 4", { password: { historyCount: 3 } }, ["password.historyCount"]],
		["A09 maxAgeDays null with MFA for admins only", { password: { maxAgeDays: null } }, ["password.maxAgeDays"]],
		["A09 maxAgeDays null with MFA for all", { password: { maxAgeDays: null }, mfa: { required: "all" } }, []],
		["A09 maxAgeDays above 90", { password: { maxAgeDays: 91 } }, ["password.maxAgeDays"]],
		[
			"A09 a reminder on or after expiry",
			{ password: { maxAgeDays: 30, reminderDays: [30, 7] } },
			["password.reminderDays"],
		],
		["A09 the same reminder twice", { password: { reminderDays: [7, 7] } }, ["password.reminderDays"]],
		["A12 lockout after more than 10 failures", { lockout: { threshold: 11 } }, ["lockout.threshold"]],
		["A12 lockout shorter than 30 minutes", { lockout: { durationMinutes: 29 } }, ["lockout.durationMinutes"]],
		["S04 idle timeout above 15 minutes", { session: { idleMinutes: 16 } }, ["session.idleMinutes"]],
		["S05 absolute lifetime above 12 hours", { session: { absoluteHours: 13 } }, ["session.absoluteHours"]],
		["M01 MFA off", { mfa: { required: "off" } }, ["mfa.required"]],
		["M01 an admin role taken off the list", { mfa: { requiredForRoles: ["tenant_admin"] } }, ["mfa.requiredForRoles"]],
		[
			"M01 a custom role added to the list",
			{ mfa: { requiredForRoles: [...PCI_DEFAULTS.mfa.requiredForRoles, "billing_clerk"] } },
			[],
		],
		[
			"M13 email as an admin method",
			{ mfa: { adminAllowedMethods: ["totp", "email"] } },
			["mfa.adminAllowedMethods.1"],
		],
		["M13 no admin method", { mfa: { adminAllowedMethods: [] } }, ["mfa.adminAllowedMethods"]],
		[
			"M13 an admin method the tenant does not offer",
			{ mfa: { allowedMethods: ["passkey", "email"], adminAllowedMethods: ["totp", "passkey"] } },
			["mfa.adminAllowedMethods"],
		],
		["conflict 4: SMS for admins is a tenant's choice", { mfa: { adminAllowedMethods: ["totp", "sms"] } }, []],
		["M08 more than 5 code attempts", { codes: { maxAttempts: 6 } }, ["codes.maxAttempts"]],
		["M09 codes valid longer than 10 minutes", { codes: { ttlMinutes: 11 } }, ["codes.ttlMinutes"]],
		[
			"more sends per hour than per day",
			{ codes: { maxSendsPerHour: 8, maxSendsPerDay: 6 } },
			["codes.maxSendsPerHour"],
		],
		["L03 inactive after more than 90 days", { lifecycle: { inactiveAfterDays: 91 } }, ["lifecycle.inactiveAfterDays"]],
		["a fractional number", { lockout: { threshold: 5.5 } }, ["lockout.threshold"]],
		["a number as a string", { lockout: { threshold: "5" } }, ["lockout.threshold"]],
		["an unknown section", { passwords: {} }, [""]],
		["an unknown field", { password: { minLenght: 20 } }, ["password"]],
	])("%s", (_name, input, paths) => {
		expect(issuePaths(input)).toEqual(paths);
	});
});

describe("ZTenantPolicyInput", () => {
	it("accepts any subset of fields and adds no defaults", () => {
		expect(ZTenantPolicyInput.parse({})).toEqual({});
		const patch = { password: { minLength: 16, maxAgeDays: null }, mfa: { required: "all" } };
		expect(ZTenantPolicyInput.parse(patch)).toEqual(patch);
	});

	it.each([
		["an unknown section", { sessions: { idleMinutes: 5 } }],
		["an unknown field", { password: { minLenght: 20 } }],
		["a field moved to another section", { mfa: { threshold: 5 } }],
		["a field of an older version", { password: { expiryDays: 30 } }],
	])("refuses %s (I01)", (_name, patch) => {
		const result = ZTenantPolicyInput.safeParse(patch);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
	});

	it("checks each field's own bounds", () => {
		expect(ZTenantPolicyInput.safeParse({ lockout: { threshold: 11 } }).success).toBe(false);
		expect(ZTenantPolicyInput.safeParse({ mfa: { adminAllowedMethods: ["email"] } }).success).toBe(false);
	});
});

describe("mergeTenantPolicy", () => {
	it("replaces the fields in the patch, keeps the rest, and leaves its inputs alone", () => {
		const base = ZTenantPolicy.parse({ mfa: { allowedMethods: ["totp", "passkey", "sms"] } });
		const merged = mergeTenantPolicy(base, {
			password: { maxAgeDays: null },
			mfa: { required: "all", allowedMethods: ["passkey", "totp"] },
		});
		expect(merged.password).toEqual({ ...PCI_DEFAULTS.password, maxAgeDays: null });
		expect(merged.mfa).toEqual({ ...PCI_DEFAULTS.mfa, required: "all", allowedMethods: ["passkey", "totp"] });
		expect(merged.lockout).toEqual(PCI_DEFAULTS.lockout);
		expect(base.mfa.allowedMethods).toEqual(["totp", "passkey", "sms"]);
		expect(merged.lockout).not.toBe(base.lockout);
	});
});

describe("parseStoredPolicy", () => {
	it("fills missing keys with defaults", () => {
		expect(parseStoredPolicy({})).toEqual(PCI_DEFAULTS);
		expect(parseStoredPolicy({ lockout: { threshold: 5 } })).toEqual({
			...PCI_DEFAULTS,
			lockout: { threshold: 5, durationMinutes: 30 },
		});
	});

	it("ignores keys from older or newer versions, at any level", () => {
		const stored = {
			version: 1,
			passwordRules: { min: 8 },
			password: { minLength: 16, expiryDays: 45, requireSymbols: true },
			mfa: { enforce: true, required: "all" },
		};
		expect(readStoredPolicy(stored)).toEqual({
			policy: {
				...PCI_DEFAULTS,
				password: { ...PCI_DEFAULTS.password, minLength: 16 },
				mfa: { ...PCI_DEFAULTS.mfa, required: "all" },
			},
			repaired: [],
		});
	});

	it("replaces invalid values by their defaults and says which", () => {
		expect(readStoredPolicy({ lockout: { threshold: 50, durationMinutes: "30" }, session: "short" })).toEqual({
			policy: PCI_DEFAULTS,
			repaired: ["lockout.threshold", "lockout.durationMinutes", "session"],
		});
	});

	it("repairs broken combinations towards the stricter setting", () => {
		const stored = {
			password: { minLength: 12, maxAgeDays: null, reminderDays: [14, 3] },
			mfa: {
				required: "off",
				requiredForRoles: ["billing_clerk"],
				adminAllowedMethods: ["sms"],
				allowedMethods: ["email"],
			},
		};
		const { policy, repaired } = readStoredPolicy(stored);
		expect(policy.password.minLength).toBe(15);
		expect(policy.password.maxAgeDays).toBe(90);
		expect(policy.mfa.required).toBe("admins");
		expect(policy.mfa.requiredForRoles).toEqual([...PCI_DEFAULTS.mfa.requiredForRoles, "billing_clerk"]);
		expect(policy.mfa.adminAllowedMethods).toEqual(["totp", "passkey"]);
		expect(policy.mfa.allowedMethods).toEqual(["email", "totp", "passkey"]);
		expect(repaired).toEqual([
			"password.minLength",
			"password.maxAgeDays",
			"mfa.required",
			"mfa.requiredForRoles",
			"mfa.adminAllowedMethods",
		]);
		// What it returns is always a policy the strict schema accepts.
		expect(ZTenantPolicy.safeParse(policy).success).toBe(true);
	});

	it("never throws, and always returns a valid policy", () => {
		fc.assert(
			fc.property(fc.oneof(fc.anything(), fc.object({ maxDepth: 3 })), (json) => {
				expect(ZTenantPolicy.safeParse(parseStoredPolicy(json)).success).toBe(true);
			}),
			{ numRuns: 300 },
		);
		for (const json of [null, undefined, "", 42, [], [1, 2], { password: null }, { password: [] }]) {
			expect(parseStoredPolicy(json)).toEqual(PCI_DEFAULTS);
		}
	});

	it("keeps a valid stored policy exactly as it is", () => {
		const valid: TenantPolicy = ZTenantPolicy.parse({
			password: { minLength: 12, maxAgeDays: null, pciComplexity: false },
			mfa: { required: "all", adminAllowedMethods: ["passkey"] },
			lockout: { threshold: 5, durationMinutes: 60 },
		});
		expect(readStoredPolicy(JSON.parse(JSON.stringify(valid)))).toEqual({ policy: valid, repaired: [] });
	});
});

describe("isMfaRequiredFor", () => {
	const admins = DEFAULT_TENANT_POLICY;
	const all = ZTenantPolicy.parse({ mfa: { required: "all" } });
	const withCustomRole = ZTenantPolicy.parse({
		mfa: { requiredForRoles: [...PCI_DEFAULTS.mfa.requiredForRoles, "billing_clerk"] },
	});
	// A policy object built by hand, bypassing the schema: the built-in admin roles still need MFA.
	const handBuiltOff: TenantPolicy = { ...admins, mfa: { ...admins.mfa, required: "off", requiredForRoles: [] } };

	it.each([
		["admins: tenant admin", admins, ["tenant_admin"], true],
		["admins: account admin among other roles", admins, ["member", "account_admin"], true],
		["admins: security auditor", admins, ["security_auditor"], true],
		["admins: member", admins, ["member"], false],
		["admins: no roles", admins, [], false],
		["admins: a custom role on the list", withCustomRole, ["billing_clerk"], true],
		["all: member", all, ["member"], true],
		["all: no roles", all, [], true],
		["hand-built off: tenant admin still (M01)", handBuiltOff, ["tenant_admin"], true],
		["hand-built off: member", handBuiltOff, ["member"], false],
	] as [string, TenantPolicy, string[], boolean][])("%s", (_name, policy, roles, expected) => {
		expect(isMfaRequiredFor(policy, roles)).toBe(expected);
	});
});

describe("allowedMfaMethodsFor", () => {
	const defaults = DEFAULT_TENANT_POLICY;
	const smsForAdmins = ZTenantPolicy.parse({ mfa: { adminAllowedMethods: ["sms", "totp"] } });
	const noTotp = ZTenantPolicy.parse({
		mfa: { allowedMethods: ["passkey", "email"], adminAllowedMethods: ["passkey"] },
	});
	const handBuiltEmail: TenantPolicy = {
		...defaults,
		mfa: { ...defaults.mfa, adminAllowedMethods: ["email" as "totp", "totp"] },
	};

	it.each([
		["member gets every allowed method", defaults, ["member"], ["totp", "sms", "email", "passkey"]],
		["admin gets TOTP and passkey only (M13)", defaults, ["tenant_admin"], ["totp", "passkey"]],
		["admin gets SMS where the tenant opted in", smsForAdmins, ["user_manager"], ["totp", "sms"]],
		["admin methods follow the tenant's offer", noTotp, ["tenant_admin"], ["passkey"]],
		["member of that tenant", noTotp, ["member"], ["passkey", "email"]],
		["email never counts for admins, even in a hand-built policy", handBuiltEmail, ["tenant_admin"], ["totp"]],
	] as [string, TenantPolicy, string[], string[]][])("%s", (_name, policy, roles, expected) => {
		expect(allowedMfaMethodsFor(policy, roles)).toEqual(expected);
	});

	it("returns a copy the caller may change", () => {
		allowedMfaMethodsFor(defaults, ["member"]).pop();
		expect(defaults.mfa.allowedMethods).toHaveLength(4);
	});
});
