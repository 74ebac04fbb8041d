import { Link } from "@tanstack/react-router";
import { COMPLIANCE_FINDINGS, type ComplianceFinding } from "@tessera/core/compliance/compliance.schema";
import { Badge } from "@tessera/ui/badge";
import { ButtonLink } from "@tessera/ui/button-link";
import { Card } from "@tessera/ui/card";
import { Spinner } from "@tessera/ui/spinner";
import { Table } from "@tessera/ui/table";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useDateFormat } from "../../../lib/use-date-format";
import { type RouterOutputs, trpc } from "../../../trpc";
import { useRoleName } from "../../admin-roles/hooks/use-role-label";
import { hasPermission, PERMISSIONS } from "../../auth/permissions";
import { useMe } from "../../profile/hooks/use-me";
import "../admin-compliance.css";

type Report = RouterOutputs["dashboard"]["compliance"];
type Row = { key: string; cells: ReactNode[] };
type Person = { userId: string; email: string | null; firstName: string | null; lastName: string | null };

const nameOf = (person: Person) => [person.firstName, person.lastName].filter(Boolean).join(" ") || person.email || "";

/**
 * The compliance report: who and what falls short of the policy today, one section per finding
 * with its count and its first rows, each person linked to their page for whoever may open it;
 * the whole report downloads as CSV or JSON (each download is audited by the server).
 */
export function ComplianceReport() {
	const { t } = useTranslation();
	const report = trpc.dashboard.compliance.useQuery();
	return (
		<div className="portal-stack portal-stack--lg">
			<header className="portal-page-header admin-compliance-header">
				<div>
					<h1>{t("adminCompliance.title")}</h1>
					<p className="portal-muted">{t("adminCompliance.subtitle")}</p>
				</div>
				<div className="admin-compliance-header__export">
					<div className="portal-inline">
						<ButtonLink variant="secondary" href="/export/compliance.csv" download>
							{t("adminCompliance.exportCsv")}
						</ButtonLink>
						<ButtonLink variant="secondary" href="/export/compliance.json" download>
							{t("adminCompliance.exportJson")}
						</ButtonLink>
					</div>
					<p className="portal-muted">{t("adminCompliance.exportHint")}</p>
				</div>
			</header>
			{report.isPending ? (
				<Spinner label={t("adminCompliance.loading")} />
			) : report.isError ? (
				<ErrorAlert error={report.error} />
			) : (
				<Findings report={report.data} />
			)}
		</div>
	);
}

function Findings({ report }: { report: Report }) {
	const { t } = useTranslation();
	const me = useMe();
	const format = useDateFormat(me.timeZone);
	const roleName = useRoleName();
	const canOpenUsers = hasPermission(me, PERMISSIONS.usersRead);
	const when = (date: Date | null) =>
		date ? <time dateTime={date.toISOString()}>{format.dateTime(date)}</time> : t("adminCompliance.never");
	const who = (person: Person) =>
		canOpenUsers ? (
			// Every finding is about how the person signs in (MFA, password age, last sign-in,
			// failures): the link opens the user page on the tab that shows it.
			<Link to="/admin/users/$userId" params={{ userId: person.userId }} search={{ tab: "security" }}>
				{nameOf(person)}
			</Link>
		) : (
			nameOf(person)
		);
	const { thresholds } = report;
	const row = (key: string, cells: ReactNode[]): Row => ({ key, cells });

	const sections: Record<ComplianceFinding, { columns: string[]; rows: Row[]; description: string }> = {
		adminsWithoutMfa: {
			description: t("adminCompliance.findings.adminsWithoutMfa.description"),
			columns: [
				t("adminCompliance.columns.person"),
				t("adminCompliance.columns.roles"),
				t("adminCompliance.columns.lastSignIn"),
			],
			rows: report.adminsWithoutMfa.items.map((item) =>
				row(item.userId, [
					who(item),
					item.roleKeys.map((key) => roleName({ key, name: key })).join(", "),
					when(item.lastSignInAt),
				]),
			),
		},
		expiredPasswords: {
			description: t("adminCompliance.findings.expiredPasswords.description", {
				days: thresholds.passwordMaxAgeDays ?? 0,
			}),
			columns: [
				t("adminCompliance.columns.person"),
				t("adminCompliance.columns.passwordChanged"),
				t("adminCompliance.columns.expired"),
			],
			rows: report.expiredPasswords.items.map((item) =>
				row(item.userId, [who(item), when(item.passwordChangedAt), when(item.expiresAt)]),
			),
		},
		expiringPasswords: {
			description: t("adminCompliance.findings.expiringPasswords.description", { days: thresholds.expiringWithinDays }),
			columns: [
				t("adminCompliance.columns.person"),
				t("adminCompliance.columns.passwordChanged"),
				t("adminCompliance.columns.expires"),
			],
			rows: report.expiringPasswords.items.map((item) =>
				row(item.userId, [who(item), when(item.passwordChangedAt), when(item.expiresAt)]),
			),
		},
		dormantAccounts: {
			description: t("adminCompliance.findings.dormantAccounts.description", {
				days: thresholds.dormantAfterDays,
				deactivated: thresholds.deactivatedAfterDays,
			}),
			columns: [
				t("adminCompliance.columns.person"),
				t("adminCompliance.columns.lastSignIn"),
				t("adminCompliance.columns.deactivates"),
			],
			rows: report.dormantAccounts.items.map((item) =>
				row(item.userId, [who(item), when(item.lastSignInAt), when(item.deactivatesAt)]),
			),
		},
		keysWithoutExpiry: {
			description: t("adminCompliance.findings.keysWithoutExpiry.description"),
			columns: [
				t("adminCompliance.columns.key"),
				t("adminCompliance.columns.application"),
				t("adminCompliance.columns.created"),
				t("adminCompliance.columns.lastUsed"),
			],
			rows: report.keysWithoutExpiry.items.map((item) =>
				row(item.keyId, [
					<code key="key">{`${item.name} (${item.prefix})`}</code>,
					item.applicationName ?? "",
					when(item.createdAt),
					when(item.lastUsedAt),
				]),
			),
		},
		unusedKeys: {
			description: t("adminCompliance.findings.unusedKeys.description", { days: thresholds.keyUnusedDays }),
			columns: [
				t("adminCompliance.columns.key"),
				t("adminCompliance.columns.application"),
				t("adminCompliance.columns.created"),
				t("adminCompliance.columns.lastUsed"),
			],
			rows: report.unusedKeys.items.map((item) =>
				row(item.keyId, [
					<code key="key">{`${item.name} (${item.prefix})`}</code>,
					item.applicationName ?? "",
					when(item.createdAt),
					when(item.lastUsedAt),
				]),
			),
		},
		repeatedFailures: {
			description: t("adminCompliance.findings.repeatedFailures.description", {
				count: thresholds.failureCount,
				days: thresholds.failureDays,
			}),
			columns: [
				t("adminCompliance.columns.person"),
				t("adminCompliance.columns.failures"),
				t("adminCompliance.columns.lastFailure"),
			],
			rows: report.repeatedFailures.items.map((item) =>
				row(item.userId, [who(item), item.failures, when(item.lastFailureAt)]),
			),
		},
	};

	return (
		<>
			<Card title={t("adminCompliance.summary")} bodyClassName="admin-compliance-summary">
				<p className="portal-muted admin-compliance-generated">
					{t("adminCompliance.generatedAt", { time: format.dateTime(report.generatedAt) })}
				</p>
				<ul className="admin-compliance-summary__list">
					{COMPLIANCE_FINDINGS.map((finding) => (
						<li key={finding}>
							<a href={`#finding-${finding}`}>{t(`adminCompliance.findings.${finding}.title`)}</a>
							<Badge tone={report[finding].total > 0 ? "warning" : "success"}>
								{report[finding].total > 0 ? report[finding].total : t("adminCompliance.none")}
							</Badge>
						</li>
					))}
				</ul>
			</Card>
			{COMPLIANCE_FINDINGS.map((finding) => {
				const { total, items } = report[finding];
				const section = sections[finding];
				const title = t(`adminCompliance.findings.${finding}.title`);
				return (
					<Card key={finding} id={`finding-${finding}`} title={`${title} (${total})`} description={section.description}>
						{total === 0 ? (
							<p className="admin-compliance-clear">{t("adminCompliance.clear")}</p>
						) : (
							<>
								<Table caption={title}>
									<thead>
										<tr>
											{section.columns.map((column) => (
												<th key={column} scope="col">
													{column}
												</th>
											))}
										</tr>
									</thead>
									<tbody>
										{section.rows.map(({ key, cells }) => (
											<tr key={key}>
												{cells.map((cell, column) =>
													column === 0 ? (
														<th key={section.columns[column]} scope="row">
															{cell}
														</th>
													) : (
														<td key={section.columns[column]}>{cell}</td>
													),
												)}
											</tr>
										))}
									</tbody>
								</Table>
								{total > items.length && (
									<p className="portal-muted">{t("adminCompliance.more", { shown: items.length, total })}</p>
								)}
							</>
						)}
					</Card>
				);
			})}
		</>
	);
}
