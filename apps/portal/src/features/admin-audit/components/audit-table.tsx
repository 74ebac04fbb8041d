import "../admin-audit.css";
import { Link } from "@tanstack/react-router";
import { Badge } from "@tessera/ui/badge";
import { Button } from "@tessera/ui/button";
import { Table } from "@tessera/ui/table";
import { VisuallyHidden } from "@tessera/ui/visually-hidden";
import { Fragment, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "../../../lib/use-date-format";
import { POLICY_FORM, type PolicyPath } from "../../admin-policy/policy-form";
import { ActionName } from "../../audit/components/action-name";
import { useActionLabel } from "../../audit/hooks/use-action-label";
import { detailEntries, isLabelledDetailKey } from "../audit-events";
import type { AuditSearch } from "../audit-search";
import type { AuditEvent } from "../hooks/use-audit-list";

const COLUMN_COUNT = 7;

const POLICY_PATHS: ReadonlySet<string> = new Set(
	POLICY_FORM.flatMap(({ fields }) => fields.map((field) => field.path)),
);

/** A changed field that is a policy setting is named as the settings page names it. */
function isPolicyPath(field: string): field is PolicyPath {
	return POLICY_PATHS.has(field);
}

/** Branding changes as core records them (`branding.<field>`), by the field the branding page names. */
const BRANDING_FIELDS = {
	"branding.name": "name",
	"branding.accentColor": "accentColor",
	"branding.logo": "logo",
} as const;

function isBrandingField(field: string): field is keyof typeof BRANDING_FIELDS {
	return Object.hasOwn(BRANDING_FIELDS, field);
}

export interface AuditTableProps {
	items: AuditEvent[];
	timeZone: string | null;
	/** Users' pages are linked only for an admin who may open them. */
	canOpenUsers: boolean;
	/** Narrows the log to one actor or one target (from an event's details). */
	onFilter: (changes: Pick<AuditSearch, "actor" | "target">) => void;
	/** The next page or filter is loading; the rows shown are the previous ones. */
	isBusy: boolean;
}

/** The log's rows, newest first; each event's recorded details open below it. */
export function AuditTable({ items, timeZone, canOpenUsers, onFilter, isBusy }: AuditTableProps) {
	const { t } = useTranslation();
	const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
	const toggle = (id: number) =>
		setOpen((current) => {
			const next = new Set(current);
			if (!next.delete(id)) {
				next.add(id);
			}
			return next;
		});

	return (
		<Table caption={t("adminAudit.table.caption")} aria-busy={isBusy || undefined} className="admin-audit-table">
			<thead>
				<tr>
					<th scope="col">{t("adminAudit.columns.time")}</th>
					<th scope="col">{t("adminAudit.columns.event")}</th>
					<th scope="col">{t("adminAudit.columns.outcome")}</th>
					<th scope="col">{t("adminAudit.columns.actor")}</th>
					<th scope="col">{t("adminAudit.columns.target")}</th>
					<th scope="col">{t("adminAudit.columns.ip")}</th>
					<th scope="col">
						<VisuallyHidden>{t("adminAudit.columns.details")}</VisuallyHidden>
					</th>
				</tr>
			</thead>
			<tbody>
				{items.map((event) => (
					<AuditRow
						key={event.id}
						event={event}
						timeZone={timeZone}
						canOpenUsers={canOpenUsers}
						isOpen={open.has(event.id)}
						onToggle={() => toggle(event.id)}
						onFilter={onFilter}
					/>
				))}
			</tbody>
		</Table>
	);
}

interface AuditRowProps {
	event: AuditEvent;
	timeZone: string | null;
	canOpenUsers: boolean;
	isOpen: boolean;
	onToggle: () => void;
	onFilter: AuditTableProps["onFilter"];
}

function AuditRow({ event, timeZone, canOpenUsers, isOpen, onToggle, onFilter }: AuditRowProps) {
	const { t } = useTranslation();
	const format = useDateFormat(timeZone);
	const actionLabel = useActionLabel();
	const detailsId = useId();
	const label = actionLabel(event.action);
	const time = format.dateTime(event.occurredAt);

	return (
		<Fragment>
			<tr data-outcome={event.outcome} data-open={isOpen || undefined}>
				<td className="portal-nowrap">
					<time dateTime={event.occurredAt.toISOString()}>{time}</time>
				</td>
				<th scope="row" className="admin-audit-table__event">
					<ActionName action={event.action} />
				</th>
				<td>
					<Badge tone={event.outcome === "success" ? "success" : "danger"}>
						{t(`audit.outcomes.${event.outcome}`)}
					</Badge>
				</td>
				<td className="admin-audit-table__user">
					{event.actorUserId === null ? (
						<span className="portal-muted">{t("adminAudit.table.system")}</span>
					) : (
						<UserCell userId={event.actorUserId} email={event.actorEmail} canOpen={canOpenUsers} />
					)}
				</td>
				<td className="admin-audit-table__user">
					{event.targetUserId === null ? (
						<span className="portal-muted">—</span>
					) : (
						<UserCell userId={event.targetUserId} email={event.targetEmail} canOpen={canOpenUsers} />
					)}
				</td>
				<td className="portal-nowrap">{event.ip ?? <span className="portal-muted">—</span>}</td>
				<td className="admin-audit-table__toggle">
					<Button
						variant="ghost"
						size="sm"
						aria-expanded={isOpen}
						aria-controls={detailsId}
						aria-label={t("adminAudit.table.showDetails", { event: label, time })}
						onClick={onToggle}
					>
						<span aria-hidden="true" className="admin-audit-table__chevron">
							{isOpen ? "▾" : "▸"}
						</span>{" "}
						{t("adminAudit.columns.details")}
					</Button>
				</td>
			</tr>
			{isOpen && (
				<tr id={detailsId} className="admin-audit-table__details-row">
					<td colSpan={COLUMN_COUNT}>
						<EventDetails event={event} timeZone={timeZone} onFilter={onFilter} />
					</td>
				</tr>
			)}
		</Fragment>
	);
}

/** A user by email, linked to their page when the admin may open it; the id when the email is gone. */
function UserCell({ userId, email, canOpen }: { userId: string; email: string | null; canOpen: boolean }) {
	const { t } = useTranslation();
	const text = email ?? t("adminAudit.table.unknownUser");
	if (!canOpen || email === null) {
		return <span title={userId}>{text}</span>;
	}
	return (
		<Link to="/admin/users/$userId" params={{ userId }}>
			{text}
		</Link>
	);
}

function EventDetails({
	event,
	timeZone,
	onFilter,
}: {
	event: AuditEvent;
	timeZone: string | null;
	onFilter: AuditTableProps["onFilter"];
}) {
	const { t } = useTranslation();
	const format = useDateFormat(timeZone);
	const entries = detailEntries(event.details);

	return (
		<div className="admin-audit-details">
			<dl className="admin-audit-details__list">
				<div>
					<dt>{t("adminAudit.details.code")}</dt>
					<dd>
						<code>{event.action}</code>
					</dd>
				</div>
				<div>
					<dt>{t("adminAudit.details.eventId")}</dt>
					<dd>
						<code>{event.id}</code>
					</dd>
				</div>
				{event.userAgent && (
					<div>
						<dt>{t("adminAudit.details.userAgent")}</dt>
						<dd className="admin-audit-details__wrap">{event.userAgent}</dd>
					</div>
				)}
			</dl>
			<h3 className="admin-audit-details__heading">{t("adminAudit.details.recorded")}</h3>
			{entries.length === 0 ? (
				<p className="portal-muted">{t("adminAudit.details.none")}</p>
			) : (
				<dl className="admin-audit-details__list">
					{entries.map((entry) => (
						<div key={entry.key}>
							<dt>
								{isLabelledDetailKey(entry.key) ? t(`adminAudit.details.keys.${entry.key}`) : <code>{entry.key}</code>}
							</dt>
							<dd className="admin-audit-details__wrap">
								{entry.changes ? (
									<ul className="admin-audit-details__changes">
										{entry.changes.map((change) => (
											<li key={change.field}>
												{isPolicyPath(change.field) ? (
													t(`adminPolicy.fields.${change.field}.label`)
												) : isBrandingField(change.field) ? (
													t(`adminBranding.fields.${BRANDING_FIELDS[change.field]}.label`)
												) : (
													<code>{change.field}</code>
												)}
												: {t("adminAudit.details.change", { from: change.from, to: change.to })}
											</li>
										))}
									</ul>
								) : entry.text === null ? (
									<Badge tone="neutral">{t("adminAudit.details.hidden")}</Badge>
								) : entry.date ? (
									<time dateTime={entry.date.toISOString()}>{format.dateTime(entry.date)}</time>
								) : entry.text === "" ? (
									<span className="portal-muted">{t("adminAudit.details.empty")}</span>
								) : entry.text.includes("\n") ? (
									<pre className="admin-audit-details__json">{entry.text}</pre>
								) : (
									entry.text
								)}
							</dd>
						</div>
					))}
				</dl>
			)}
			{(event.actorUserId || event.targetUserId) && (
				<div className="portal-inline">
					{event.actorUserId && (
						<Button variant="secondary" size="sm" onClick={() => onFilter({ actor: event.actorUserId ?? undefined })}>
							{t("adminAudit.details.onlyActor")}
						</Button>
					)}
					{event.targetUserId && (
						<Button variant="secondary" size="sm" onClick={() => onFilter({ target: event.targetUserId ?? undefined })}>
							{t("adminAudit.details.onlyTarget")}
						</Button>
					)}
				</div>
			)}
		</div>
	);
}
