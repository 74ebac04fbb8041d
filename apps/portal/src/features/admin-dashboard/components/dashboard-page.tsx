import "../admin-dashboard.css";
import { Link } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { BarChart } from "@tessera/ui/bar-chart";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { LineChart } from "@tessera/ui/line-chart";
import { Spinner } from "@tessera/ui/spinner";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useRoleName } from "../../admin-roles/hooks/use-role-label";
import { ALL_STATES, type UsersSearch } from "../../admin-users/users-search";
import { hasPermission, hasTenantPermission, PERMISSIONS } from "../../auth/permissions";
import { useMe } from "../../profile/hooks/use-me";
import {
	ACTIVITY_SEARCH,
	activitySeries,
	type Bar,
	type Dashboard,
	MFA_METHODS,
	methodBars,
	roleBars,
	signupDays,
	stateBars,
} from "../dashboard-figures";
import { useDashboard } from "../hooks/use-dashboard";

/** Number formats in the UI language. */
function useFormats() {
	const { i18n } = useTranslation();
	const locale = i18n.resolvedLanguage ?? i18n.language;
	const number = new Intl.NumberFormat(locale);
	const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
	const day = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" });
	return {
		number: (value: number) => number.format(value),
		percent: (value: number) => percent.format(value),
		// A day is a date of the viewer's zone (YYYY-MM-DD): named as it is, not moved again.
		day: (value: string) => day.format(new Date(`${value}T00:00:00.000Z`)),
	};
}

/** The admin dashboard: user totals and security posture, as cards of labelled figures. */
export function DashboardPage() {
	const { t } = useTranslation();
	const dashboard = useDashboard();

	return (
		<div className="portal-stack portal-stack--lg admin-dashboard">
			<header className="portal-page-header admin-dashboard-header">
				<div>
					<h1>{t("adminDashboard.title")}</h1>
					<p className="portal-muted">{t("adminDashboard.subtitle")}</p>
				</div>
				{dashboard.data && (
					<Button variant="secondary" size="sm" loading={dashboard.isFetching} onClick={() => void dashboard.refetch()}>
						{t("adminDashboard.refresh")}
					</Button>
				)}
			</header>

			{dashboard.isPending && <Spinner label={t("adminDashboard.loading")} />}

			{dashboard.error && !dashboard.data && (
				<div className="portal-stack portal-stack--sm">
					<ErrorAlert error={dashboard.error} title={t("adminDashboard.loadFailed")} />
					<div>
						<Button variant="secondary" size="sm" onClick={() => void dashboard.refetch()}>
							{t("common.tryAgain")}
						</Button>
					</div>
				</div>
			)}

			{dashboard.data && <DashboardCards data={dashboard.data} />}
		</div>
	);
}

function DashboardCards({ data }: { data: Dashboard }) {
	const { t } = useTranslation();
	const me = useMe();
	const format = useFormats();
	const roleName = useRoleName();
	const canOpenUsers = hasPermission(me, PERMISSIONS.usersRead);
	// The audit log and the compliance report name people across accounts: tenant-wide readers only.
	const canOpenAudit = hasTenantPermission(me, PERMISSIONS.auditRead);
	const canOpenCompliance = hasTenantPermission(me, PERMISSIONS.dashboardRead);
	// The API counts days in the viewer's zone and names it; "today" must be that zone's today.
	const today = new Intl.DateTimeFormat("en-CA", { timeZone: data.recentSignups.timeZone }).format(new Date());
	const days = signupDays(data.recentSignups.perDay, today);
	const roleNames = new Map(data.roles.map((role) => [role.roleKey, role.roleName]));
	// The days both MFA charts share (fewer than 30 for a tenant counted only since migration 0011).
	const mfaDays = data.mfa.perDay.map((entry) => format.day(entry.day));

	return (
		<>
			{data.scope === "accounts" && <Alert tone="info" title={t("adminDashboard.scopeAccounts")} />}
			<div className="admin-dashboard-grid">
				<Card
					title={t("adminDashboard.totals.title")}
					className="admin-dashboard-card"
					bodyClassName="admin-dashboard-card__body"
				>
					<Figures
						items={[
							[
								"total",
								t("adminDashboard.totals.total"),
								linkTo(canOpenUsers, EVERY_STATE, format.number(data.users.total)),
							],
							[
								"people",
								t("adminDashboard.totals.people"),
								linkTo(
									canOpenUsers,
									{ ...EVERY_STATE, type: "human" },
									format.number(data.users.total - data.users.applications),
								),
							],
							[
								"applications",
								t("adminDashboard.totals.applications"),
								linkTo(canOpenUsers, { ...EVERY_STATE, type: "application" }, format.number(data.users.applications)),
							],
						]}
					/>
				</Card>

				<Card
					title={t("adminDashboard.states.title")}
					description={canOpenUsers ? t("adminDashboard.states.description") : undefined}
					className="admin-dashboard-card"
					bodyClassName="admin-dashboard-card__body"
				>
					<BarList
						label={t("adminDashboard.states.listLabel")}
						bars={stateBars(data.users.byState)}
						name={(state) =>
							canOpenUsers ? (
								<Link to="/admin/users" search={{ state }}>
									{t(`states.${state}`)}
								</Link>
							) : (
								t(`states.${state}`)
							)
						}
						value={(bar) => format.number(bar.count)}
						note={(bar) => t("adminDashboard.states.share", { percent: format.percent(bar.share) })}
					/>
				</Card>

				<Card
					title={t("adminDashboard.mfa.title")}
					description={t("adminDashboard.mfa.description")}
					className="admin-dashboard-card"
					bodyClassName="admin-dashboard-card__body"
					footer={
						canOpenCompliance ? <Link to="/admin/compliance">{t("adminDashboard.mfa.complianceLink")}</Link> : undefined
					}
				>
					<Figures
						items={[
							[
								"adoption",
								t("adminDashboard.mfa.adoption"),
								linkTo(canOpenUsers, MFA_USERS, format.percent(data.mfa.adoption)),
							],
							[
								"enabled",
								t("adminDashboard.mfa.enabled"),
								linkTo(canOpenUsers, MFA_USERS, format.number(data.mfa.enabled)),
							],
						]}
					/>
					<div
						className="admin-dashboard-progress"
						role="progressbar"
						aria-label={t("adminDashboard.mfa.adoption")}
						aria-valuemin={0}
						aria-valuemax={100}
						aria-valuenow={Math.round(data.mfa.adoption * 100)}
						aria-valuetext={format.percent(data.mfa.adoption)}
					>
						<span style={{ width: `${Math.min(100, data.mfa.adoption * 100)}%` }} />
					</div>
					<h3 className="admin-dashboard-subheading">{t("adminDashboard.mfa.methodsTitle")}</h3>
					<BarList
						label={t("adminDashboard.mfa.methodsLabel")}
						bars={methodBars(data.mfa.methods)}
						name={(method) =>
							canOpenUsers ? (
								<Link to="/admin/users" search={{ state: "active", method }}>
									{t(`adminDashboard.methods.${method}`)}
								</Link>
							) : (
								t(`adminDashboard.methods.${method}`)
							)
						}
						value={(bar) => format.number(bar.count)}
					/>
				</Card>

				<Card
					title={t("adminDashboard.passkeys.title")}
					className="admin-dashboard-card"
					bodyClassName="admin-dashboard-card__body"
				>
					<Figures
						items={[
							["total", t("adminDashboard.passkeys.total"), format.number(data.passkeys.total)],
							[
								"users",
								t("adminDashboard.passkeys.users"),
								linkTo(canOpenUsers, { passkey: "on" }, format.number(data.passkeys.usersWithPasskeys)),
							],
						]}
					/>
				</Card>

				<Card
					title={t("adminDashboard.invitations.title")}
					className="admin-dashboard-card"
					bodyClassName="admin-dashboard-card__body"
					footer={
						hasPermission(me, PERMISSIONS.invitationsManage) ? (
							<Link to="/admin/invitations">{t("adminDashboard.invitations.manage")}</Link>
						) : undefined
					}
				>
					<Figures
						items={[["pending", t("adminDashboard.invitations.pending"), format.number(data.pendingInvitations)]]}
					/>
				</Card>

				<Card
					title={t("adminDashboard.signups.title")}
					className="admin-dashboard-card"
					bodyClassName="admin-dashboard-card__body"
				>
					<Figures
						items={[
							[
								"week",
								t("adminDashboard.signups.last7Days"),
								linkTo(canOpenUsers, createdSince(days.at(-7)?.day), format.number(data.recentSignups.last7Days)),
							],
							[
								"month",
								t("adminDashboard.signups.last30Days"),
								linkTo(canOpenUsers, createdSince(days[0]?.day), format.number(data.recentSignups.last30Days)),
							],
						]}
					/>
					<BarChart
						label={t("adminDashboard.signups.chartLabel")}
						points={days.map((entry) => ({ label: format.day(entry.day), value: entry.count }))}
						columns={[t("adminDashboard.signups.columns.day"), t("adminDashboard.signups.columns.count")]}
						tableToggle={t("adminDashboard.showTable")}
						formatValue={format.number}
					/>
				</Card>

				<Card
					title={t("adminDashboard.activity.title")}
					description={t("adminDashboard.activity.description")}
					className="admin-dashboard-card admin-dashboard-card--wide"
					bodyClassName="admin-dashboard-card__body"
				>
					<Figures
						items={(["signIns", "failures", "lockouts"] as const).map((kind) => {
							const range = { from: data.activity.perDay[0]?.day, to: data.activity.perDay.at(-1)?.day };
							return [
								kind,
								t(`adminDashboard.activity.${kind}`),
								canOpenAudit ? (
									<Link to="/admin/audit" search={{ ...ACTIVITY_SEARCH[kind], ...range }}>
										{format.number(data.activity.last30Days[kind])}
									</Link>
								) : (
									format.number(data.activity.last30Days[kind])
								),
							] as const;
						})}
					/>
					<LineChart
						label={t("adminDashboard.activity.chartLabel")}
						labels={data.activity.perDay.map((entry) => format.day(entry.day))}
						series={activitySeries(data.activity.perDay).map(([kind, values]) => ({
							label: t(`adminDashboard.activity.${kind}`),
							values,
						}))}
						labelColumn={t("adminDashboard.activity.day")}
						tableToggle={t("adminDashboard.showTable")}
						formatValue={format.number}
					/>
				</Card>

				<Card
					title={t("adminDashboard.mfaHistory.title")}
					description={t("adminDashboard.mfaHistory.description")}
					className="admin-dashboard-card admin-dashboard-card--wide"
					bodyClassName="admin-dashboard-card__body"
				>
					{data.mfa.perDay.length < data.activity.perDay.length && data.mfa.perDay[0] && (
						<p className="portal-muted">
							{t("adminDashboard.mfaHistory.since", { day: format.day(data.mfa.perDay[0].day) })}
						</p>
					)}
					<LineChart
						label={t("adminDashboard.mfaHistory.adoptionChartLabel")}
						labels={mfaDays}
						series={[
							{ label: t("adminDashboard.mfaHistory.adoption"), values: data.mfa.perDay.map((d) => d.adoption) },
						]}
						labelColumn={t("adminDashboard.mfaHistory.day")}
						tableToggle={t("adminDashboard.showTable")}
						formatValue={format.percent}
						max={1}
						integers={false}
					/>
					<LineChart
						label={t("adminDashboard.mfaHistory.methodsChartLabel")}
						labels={mfaDays}
						series={MFA_METHODS.map((method) => ({
							label: t(`adminDashboard.methods.${method}`),
							values: data.mfa.perDay.map((d) => d.methods[method]),
						}))}
						labelColumn={t("adminDashboard.mfaHistory.day")}
						tableToggle={t("adminDashboard.showTable")}
						formatValue={format.number}
					/>
				</Card>

				<Card
					title={t("adminDashboard.roles.title")}
					description={t("adminDashboard.roles.description")}
					className="admin-dashboard-card"
					bodyClassName="admin-dashboard-card__body"
				>
					{data.roles.length === 0 ? (
						<p className="portal-muted">{t("adminDashboard.roles.none")}</p>
					) : (
						<BarList
							label={t("adminDashboard.roles.listLabel")}
							bars={roleBars(data.roles)}
							name={(key) => {
								const name = roleName({ key, name: roleNames.get(key) ?? key });
								return canOpenUsers ? (
									<Link to="/admin/users" search={{ role: key }}>
										{name}
									</Link>
								) : (
									name
								);
							}}
							value={(bar) => format.number(bar.count)}
						/>
					)}
				</Card>
			</div>
		</>
	);
}

/** The user list of what the totals count: every state, deleted included. */
const EVERY_STATE = { state: ALL_STATES } as const;

/** The user list of what a sign-up figure counts: users of every state created from `day` on. */
function createdSince(day: string | undefined): UsersSearch {
	return day ? { ...EVERY_STATE, from: day } : EVERY_STATE;
}

/** The user list of what the MFA figures count: active people with a second factor. */
const MFA_USERS = { state: "active", type: "human", mfa: "on" } as const;

/** `value` as a link to the user list filtered by `search`, or as it is for a viewer who cannot open it. */
function linkTo(canOpen: boolean, search: UsersSearch, value: string): ReactNode {
	return canOpen ? (
		<Link to="/admin/users" search={search}>
			{value}
		</Link>
	) : (
		value
	);
}

/** Labelled figures: a term and its formatted value (a link to what it counts, where there is one) each. */
function Figures({ items }: { items: readonly (readonly [key: string, label: string, value: ReactNode])[] }) {
	return (
		<dl className="admin-dashboard-figures">
			{items.map(([key, label, value]) => (
				<div key={key} className="admin-dashboard-figure">
					<dt>{label}</dt>
					<dd>{value}</dd>
				</div>
			))}
		</dl>
	);
}

/**
 * Horizontal bars drawn in CSS. The numbers are text in each item (what assistive technology
 * reads); the bar only repeats them visually.
 */
function BarList<K extends string>({
	label,
	bars,
	name,
	value,
	note,
}: {
	label: string;
	bars: Bar<K>[];
	name: (key: K) => ReactNode;
	value: (bar: Bar<K>) => string;
	note?: (bar: Bar<K>) => string;
}) {
	return (
		<ul className="admin-dashboard-bars" aria-label={label}>
			{bars.map((bar) => (
				<li key={bar.key} className="admin-dashboard-bars__item">
					<span className="admin-dashboard-bars__name">{name(bar.key)}</span>
					<span className="admin-dashboard-bars__value">
						{value(bar)}
						{note && <span className="admin-dashboard-bars__note"> · {note(bar)}</span>}
					</span>
					<span className="admin-dashboard-bars__track" aria-hidden="true">
						<span className="admin-dashboard-bars__fill" style={{ width: `${bar.length * 100}%` }} />
					</span>
				</li>
			))}
		</ul>
	);
}
