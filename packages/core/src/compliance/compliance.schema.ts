/**
 * What `compliance.report` answers and the export contains: the people and keys that fall short of
 * the tenant's policy today, finding by finding, each with how many there are in all.
 */
import { z } from "zod";

/** The findings, in the order the report lists them; the export names each row's finding by these. */
export const COMPLIANCE_FINDINGS = [
	"adminsWithoutMfa",
	"expiredPasswords",
	"expiringPasswords",
	"dormantAccounts",
	"keysWithoutExpiry",
	"unusedKeys",
	"repeatedFailures",
] as const;
export type ComplianceFinding = (typeof COMPLIANCE_FINDINGS)[number];

export const COMPLIANCE_EXPORT_FORMATS = ["csv", "json"] as const;
export type ComplianceExportFormat = (typeof COMPLIANCE_EXPORT_FORMATS)[number];

/** The export takes no filter: it is the whole report. Anything sent is refused, never ignored. */
export const ZComplianceExportFilter = z.strictObject({});

const ZPerson = z.object({
	userId: z.uuid(),
	email: z.string().nullable(),
	firstName: z.string().nullable(),
	lastName: z.string().nullable(),
});

const ZKey = z.object({
	keyId: z.uuid(),
	name: z.string(),
	prefix: z.string(),
	/** The application user the key belongs to, by its name. */
	applicationId: z.uuid(),
	applicationName: z.string().nullable(),
	createdAt: z.date(),
	expiresAt: z.date().nullable(),
	lastUsedAt: z.date().nullable(),
});

const section = <T extends z.ZodType>(item: T) =>
	z.object({
		/** How many there are in all; `items` holds the first of them. */
		total: z.number().int(),
		items: z.array(item),
	});

const ZExpiringPassword = ZPerson.extend({ passwordChangedAt: z.date().nullable(), expiresAt: z.date() });

export const ZComplianceReport = z.object({
	generatedAt: z.date(),
	/** The measures the findings used, so a reader knows what "dormant" or "many failures" meant. */
	thresholds: z.object({
		/** Null when the policy lets passwords live for ever (only with MFA for all). */
		passwordMaxAgeDays: z.number().int().nullable(),
		expiringWithinDays: z.number().int(),
		dormantAfterDays: z.number().int(),
		/** When the dormancy job deactivates an unused account. */
		deactivatedAfterDays: z.number().int(),
		keyUnusedDays: z.number().int(),
		failureDays: z.number().int(),
		failureCount: z.number().int(),
	}),
	adminsWithoutMfa: section(ZPerson.extend({ roleKeys: z.array(z.string()), lastSignInAt: z.date().nullable() })),
	expiredPasswords: section(ZExpiringPassword),
	expiringPasswords: section(ZExpiringPassword),
	dormantAccounts: section(
		ZPerson.extend({ lastSignInAt: z.date().nullable(), lastActivityAt: z.date(), deactivatesAt: z.date() }),
	),
	keysWithoutExpiry: section(ZKey),
	unusedKeys: section(ZKey),
	repeatedFailures: section(ZPerson.extend({ failures: z.number().int(), lastFailureAt: z.date() })),
});
export type ComplianceReport = z.output<typeof ZComplianceReport>;
