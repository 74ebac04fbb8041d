import type { TwoFactorType } from "@tessera/db/schema";
import { insertAuditEvent } from "../audit/audit.repository";
import type { AuditAction } from "../audit/audit-actions";
import type { TenantPolicy } from "../policy/tenant-policy";
import { allowedMfaMethodsFor, getTenantPolicy } from "../policy/tenant-policy.service";
import { authorizeInTenant } from "../roles/authorization.service";
import type { SessionActor } from "../shared/actor";
import { DAY } from "../shared/clock";
import { toCsv } from "../shared/csv";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import type { Db } from "../shared/tx";
import {
	findAdminsWithoutMfa,
	findDormantPeople,
	findLiveKeys,
	findPasswordsExpiringBy,
	findRepeatedFailures,
} from "./compliance.repository";
import { COMPLIANCE_FINDINGS, type ComplianceExportFormat, type ComplianceReport } from "./compliance.schema";

/**
 * The report's measures. "Dormant" starts well before the policy deactivates an account, so there
 * is time to act; a key unused for 90 days is PCI DSS 8.2.6's "inactive account"; five failed
 * checks in a week is half the strictest lockout threshold a tenant may not exceed (10).
 */
export const COMPLIANCE_MEASURES = {
	/** Rows per finding on the page; the export holds up to `exported`. */
	listed: 50,
	exported: 10_000,
	dormantAfterDays: 30,
	keyUnusedDays: 90,
	failureDays: 7,
	failureCount: 5,
	/** Without reminder days, "expiring soon" means within two weeks. */
	expiringWithinDays: 14,
} as const;

/** The credential checks a failure of which counts towards "many failures". */
const CREDENTIAL_CHECKS = [
	"auth.sign_in",
	"auth.second_factor",
	"auth.reauthenticate",
] as const satisfies readonly AuditAction[];

const count = (rows: readonly { total: string }[]) => Number(rows[0]?.total ?? 0);
const person = (row: {
	user_id: string;
	email: string | null;
	first_name: string | null;
	last_name: string | null;
}) => ({
	userId: row.user_id,
	email: row.email,
	firstName: row.first_name,
	lastName: row.last_name,
});

async function buildReport(
	db: Db,
	tenantId: string,
	policy: TenantPolicy,
	now: Date,
	limit: number,
): Promise<ComplianceReport> {
	const m = COMPLIANCE_MEASURES;
	const maxAgeDays = policy.password.maxAgeDays;
	const expiringWithinDays = Math.max(0, ...policy.password.reminderDays) || m.expiringWithinDays;
	// Dormancy is flagged no later than the policy acts on it.
	const dormantAfterDays = Math.min(m.dormantAfterDays, policy.lifecycle.inactiveAfterDays);
	const adminRoles = policy.mfa.requiredForRoles;
	const adminMethods: TwoFactorType[] = allowedMfaMethodsFor(policy, adminRoles);
	const ago = (days: number) => new Date(now.getTime() - days * DAY);

	const [admins, expired, expiring, dormant, unexpiring, unused, failures] = await Promise.all([
		findAdminsWithoutMfa(db, tenantId, adminRoles, adminMethods, limit),
		maxAgeDays === null
			? []
			: findPasswordsExpiringBy(db, tenantId, { maxAgeDays, expiresAfter: null, expiresBy: now }, limit),
		maxAgeDays === null
			? []
			: findPasswordsExpiringBy(
					db,
					tenantId,
					{ maxAgeDays, expiresAfter: now, expiresBy: new Date(now.getTime() + expiringWithinDays * DAY) },
					limit,
				),
		findDormantPeople(db, tenantId, ago(dormantAfterDays), limit),
		findLiveKeys(db, tenantId, { withoutExpiry: true }, now, limit),
		findLiveKeys(db, tenantId, { unusedSince: ago(m.keyUnusedDays) }, now, limit),
		findRepeatedFailures(
			db,
			tenantId,
			{ actions: CREDENTIAL_CHECKS, since: ago(m.failureDays), atLeast: m.failureCount },
			limit,
		),
	]);
	const password = (row: (typeof expired)[number]) => ({
		...person(row),
		passwordChangedAt: row.password_changed_at,
		expiresAt: row.expires_at,
	});
	const key = (row: (typeof unexpiring)[number]) => ({
		keyId: row.key_id,
		name: row.name,
		prefix: row.prefix,
		applicationId: row.user_id,
		applicationName: row.owner_name,
		createdAt: row.created_at,
		expiresAt: row.expires_at,
		lastUsedAt: row.last_used_at,
	});
	return {
		generatedAt: now,
		thresholds: {
			passwordMaxAgeDays: maxAgeDays,
			expiringWithinDays,
			dormantAfterDays,
			deactivatedAfterDays: policy.lifecycle.inactiveAfterDays,
			keyUnusedDays: m.keyUnusedDays,
			failureDays: m.failureDays,
			failureCount: m.failureCount,
		},
		adminsWithoutMfa: {
			total: count(admins),
			items: admins.map((row) => ({ ...person(row), roleKeys: row.role_keys, lastSignInAt: row.last_sign_in_at })),
		},
		expiredPasswords: { total: count(expired), items: expired.map(password) },
		expiringPasswords: { total: count(expiring), items: expiring.map(password) },
		dormantAccounts: {
			total: count(dormant),
			items: dormant.map((row) => ({
				...person(row),
				lastSignInAt: row.last_sign_in_at,
				lastActivityAt: row.last_activity_at,
				deactivatesAt: new Date(row.last_activity_at.getTime() + policy.lifecycle.inactiveAfterDays * DAY),
			})),
		},
		keysWithoutExpiry: { total: count(unexpiring), items: unexpiring.map(key) },
		unusedKeys: { total: count(unused), items: unused.map(key) },
		repeatedFailures: {
			total: count(failures),
			items: failures.map((row) => ({ ...person(row), failures: row.failures, lastFailureAt: row.last_failure_at })),
		},
	};
}

/**
 * Who and what falls short of the tenant's policy today: administrators without a second factor
 * that counts for them, expired and soon-expiring passwords, dormant accounts, API keys that never
 * expire or lie unused, and people with many failed sign-ins. It names people across every
 * account, so it is for a tenant-wide dashboard.read (security posture) only.
 */
export async function getComplianceReport(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
): Promise<ComplianceReport> {
	await authorizeInTenant(db, actor, "dashboard.read");
	return buildReport(
		db,
		actor.tenantId,
		await getTenantPolicy(db, actor.tenantId),
		clock.now(),
		COMPLIANCE_MEASURES.listed,
	);
}

const CSV_HEADER = [
	"finding",
	"user_id",
	"email",
	"first_name",
	"last_name",
	"roles",
	"last_sign_in_at",
	"password_changed_at",
	"password_expires_at",
	"last_activity_at",
	"deactivates_at",
	"key_id",
	"key_name",
	"key_prefix",
	"key_created_at",
	"key_expires_at",
	"key_last_used_at",
	"failures",
	"last_failure_at",
];

/** One CSV row per item, every finding in the same columns (blank where a column does not apply). */
function csvRows(report: ComplianceReport): unknown[][] {
	const rows: unknown[][] = [];
	const row = (finding: string, cells: Partial<Record<(typeof CSV_HEADER)[number], unknown>>) =>
		rows.push(CSV_HEADER.map((column) => (column === "finding" ? finding : (cells[column] ?? null))));
	const who = (item: { userId: string; email: string | null; firstName: string | null; lastName: string | null }) => ({
		user_id: item.userId,
		email: item.email,
		first_name: item.firstName,
		last_name: item.lastName,
	});
	for (const finding of COMPLIANCE_FINDINGS) {
		switch (finding) {
			case "adminsWithoutMfa":
				for (const item of report[finding].items)
					row(finding, { ...who(item), roles: item.roleKeys.join(" "), last_sign_in_at: item.lastSignInAt });
				break;
			case "expiredPasswords":
			case "expiringPasswords":
				for (const item of report[finding].items)
					row(finding, {
						...who(item),
						password_changed_at: item.passwordChangedAt,
						password_expires_at: item.expiresAt,
					});
				break;
			case "dormantAccounts":
				for (const item of report[finding].items)
					row(finding, {
						...who(item),
						last_sign_in_at: item.lastSignInAt,
						last_activity_at: item.lastActivityAt,
						deactivates_at: item.deactivatesAt,
					});
				break;
			case "keysWithoutExpiry":
			case "unusedKeys":
				for (const item of report[finding].items)
					row(finding, {
						user_id: item.applicationId,
						first_name: item.applicationName,
						key_id: item.keyId,
						key_name: item.name,
						key_prefix: item.prefix,
						key_created_at: item.createdAt,
						key_expires_at: item.expiresAt,
						key_last_used_at: item.lastUsedAt,
					});
				break;
			case "repeatedFailures":
				for (const item of report[finding].items)
					row(finding, { ...who(item), failures: item.failures, last_failure_at: item.lastFailureAt });
				break;
		}
	}
	return rows;
}

/**
 * The report as a file, with up to `COMPLIANCE_MEASURES.exported` rows per finding: CSV (one row
 * per item, a `finding` column) or JSON (the report itself). Taking personal data out of the
 * product is audited (PCI DSS 10.2.1.2 names exports by administrators), with how much was taken,
 * before the first byte goes out.
 */
export async function* exportComplianceReport(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	format: ComplianceExportFormat,
	meta: RequestMeta,
): AsyncGenerator<string> {
	await authorizeInTenant(db, actor, "dashboard.read");
	const now = clock.now();
	const report = await buildReport(
		db,
		actor.tenantId,
		await getTenantPolicy(db, actor.tenantId),
		now,
		COMPLIANCE_MEASURES.exported,
	);
	await insertAuditEvent(db, {
		tenantId: actor.tenantId,
		occurredAt: now,
		actorUserId: actor.userId,
		targetUserId: null,
		action: "compliance.report_exported",
		outcome: "success",
		ip: meta.ip,
		userAgent: meta.userAgent,
		details: {
			format,
			rows: Object.fromEntries(COMPLIANCE_FINDINGS.map((finding) => [finding, report[finding].items.length])),
		},
	});
	if (format === "json") {
		yield `${JSON.stringify(report, null, 2)}\n`;
		return;
	}
	yield toCsv([CSV_HEADER]);
	yield toCsv(csvRows(report));
}
