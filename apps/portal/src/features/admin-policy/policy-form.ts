import {
	ADMIN_MFA_METHODS,
	DEFAULT_TENANT_POLICY,
	MFA_METHODS,
	POLICY_FIELD_SCHEMAS,
	POLICY_STANDARDS,
	type TenantPolicy,
	type TTenantPolicyInput,
	ZTenantPolicy,
} from "@tessera/core/policy/tenant-policy";
import { type FieldIssue, fieldIssueOf } from "@tessera/core/shared/errors";
import { z } from "zod";

export type PolicySection = keyof TenantPolicy;
type FieldOf<S extends PolicySection> = keyof TenantPolicy[S] & string;
/** A setting's path, "password.minLength": the API reports a problem under it, and it keys its strings. */
export type PolicyPath = { [S in PolicySection]: `${S}.${FieldOf<S>}` }[PolicySection];

/**
 * How a setting is edited: a whole number within the schema's bounds, an on/off switch, the
 * password expiry (a number that may be switched off), the reminder days (a list), the strength
 * score (a choice of five), who needs MFA (a choice), or a set of methods or roles.
 */
export type FieldKind =
	| "integer"
	| "switch"
	| "expiry"
	| "dayList"
	| "strength"
	| "mfaRequirement"
	| "methods"
	| "adminMethods"
	| "roles";

export interface PolicyField {
	section: PolicySection;
	key: string;
	kind: FieldKind;
	path: PolicyPath;
	standards: readonly string[];
	/** The bounds the API applies (integers, and each reminder day), read from core's schema. */
	bounds: { min: number; max: number } | null;
}

function field<S extends PolicySection>(section: S, key: FieldOf<S>, kind: FieldKind): PolicyField {
	const schema = (POLICY_FIELD_SCHEMAS[section] as Record<string, z.ZodType>)[key];
	return {
		section,
		key,
		kind,
		path: `${section}.${key}` as PolicyPath,
		standards: (POLICY_STANDARDS[section] as Record<string, readonly string[]>)[key] ?? [],
		bounds: schema ? boundsOf(schema) : null,
	};
}

/** The integer bounds of a field's schema (of its items, for a list), unwrapping `nullable`. */
export function boundsOf(schema: z.ZodType): { min: number; max: number } | null {
	let inner: z.ZodType = schema;
	if (inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
	if (inner instanceof z.ZodArray) inner = inner.element as z.ZodType;
	if (!(inner instanceof z.ZodNumber)) return null;
	const { minValue, maxValue } = inner;
	return minValue !== null && maxValue !== null ? { min: minValue, max: maxValue } : null;
}

/** The settings page, section by section, in the order a reader meets them. */
export const POLICY_FORM: readonly { section: PolicySection; fields: readonly PolicyField[] }[] = [
	{
		section: "password",
		fields: [
			field("password", "minLength", "integer"),
			field("password", "maxLength", "integer"),
			field("password", "pciComplexity", "switch"),
			field("password", "minStrengthScore", "strength"),
			field("password", "historyCount", "integer"),
			field("password", "maxAgeDays", "expiry"),
			field("password", "reminderDays", "dayList"),
		],
	},
	{
		section: "mfa",
		fields: [
			field("mfa", "required", "mfaRequirement"),
			field("mfa", "requiredForRoles", "roles"),
			field("mfa", "gracePeriodDays", "integer"),
			field("mfa", "allowedMethods", "methods"),
			field("mfa", "adminAllowedMethods", "adminMethods"),
		],
	},
	{
		section: "session",
		fields: [
			field("session", "idleMinutes", "integer"),
			field("session", "absoluteHours", "integer"),
			field("session", "maxConcurrent", "integer"),
		],
	},
	{ section: "reauth", fields: [field("reauth", "windowMinutes", "integer")] },
	{
		section: "lockout",
		fields: [field("lockout", "threshold", "integer"), field("lockout", "durationMinutes", "integer")],
	},
	{
		section: "codes",
		fields: [
			field("codes", "ttlMinutes", "integer"),
			field("codes", "maxAttempts", "integer"),
			field("codes", "resendCooldownSeconds", "integer"),
			field("codes", "maxSendsPerHour", "integer"),
			field("codes", "maxSendsPerDay", "integer"),
		],
	},
	{
		section: "lifecycle",
		fields: [field("lifecycle", "inactiveAfterDays", "integer"), field("lifecycle", "purgeDelayDays", "integer")],
	},
];

/** The methods each method list offers (the admin list can never hold email, M13). */
export const METHOD_CHOICES = { methods: MFA_METHODS, adminMethods: ADMIN_MFA_METHODS } as const;

export function settingOf(policy: TenantPolicy, target: PolicyField): unknown {
	return (policy[target.section] as Record<string, unknown>)[target.key];
}

export function defaultOf(target: PolicyField): unknown {
	return settingOf(DEFAULT_TENANT_POLICY, target);
}

/** The policy with one field set to `value` (a new object; the draft is never mutated). */
export function withValue(policy: TenantPolicy, target: PolicyField, value: unknown): TenantPolicy {
	return { ...policy, [target.section]: { ...policy[target.section], [target.key]: value } };
}

const sameValue = (a: unknown, b: unknown) =>
	Array.isArray(a) && Array.isArray(b)
		? a.length === b.length && a.every((item, index) => Object.is(item, b[index]))
		: Object.is(a, b);

/** Only the fields the draft changed, as the API's patch: what was not touched is not sent. */
export function patchOf(saved: TenantPolicy, draft: TenantPolicy): TTenantPolicyInput {
	const patch: Record<string, Record<string, unknown>> = {};
	for (const { fields } of POLICY_FORM) {
		for (const target of fields) {
			const value = settingOf(draft, target);
			if (!sameValue(settingOf(saved, target), value)) {
				patch[target.section] = { ...patch[target.section], [target.key]: value };
			}
		}
	}
	return patch as TTenantPolicyInput;
}

/** How many fields the draft changed. */
export function changeCount(saved: TenantPolicy, draft: TenantPolicy): number {
	return Object.values(patchOf(saved, draft)).reduce((count, section) => count + Object.keys(section ?? {}).length, 0);
}

/**
 * The draft checked by the API's own schema (bounds and cross-field rules), each problem under
 * its field's path ("password.minLength"), so it is shown where the field is before anything is
 * sent. An empty object when the draft would be accepted.
 */
export function draftIssues(draft: TenantPolicy): Record<string, FieldIssue[]> {
	const parsed = ZTenantPolicy.safeParse(draft);
	if (parsed.success) return {};
	const issues: Record<string, FieldIssue[]> = {};
	for (const issue of parsed.error.issues) {
		// A list item's problem belongs to the list ("password.reminderDays.1" → the field).
		const path = issue.path.slice(0, 2).map(String).join(".");
		issues[path] = [...(issues[path] ?? []), fieldIssueOf(issue)];
	}
	return issues;
}

/** Reminder days as typed ("14, 7, 3") → numbers; a token that is not a whole number stays NaN. */
export function parseDayList(text: string): number[] {
	return text
		.split(/[\s,;]+/)
		.filter((token) => token !== "")
		.map((token) => (/^\d+$/.test(token) ? Number(token) : Number.NaN));
}
