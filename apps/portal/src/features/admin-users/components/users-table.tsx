import { Link } from "@tanstack/react-router";
import { Badge, type BadgeTone } from "@tessera/ui/badge";
import { Checkbox } from "@tessera/ui/checkbox";
import { Table } from "@tessera/ui/table";
import { VisuallyHidden } from "@tessera/ui/visually-hidden";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "../../../lib/use-date-format";
import { displayNameOf } from "../../profile/hooks/use-me";
import type { UserListItem } from "../hooks/use-users-list";
import type { SortDirection, SortField, UserState } from "../users-search";

const STATE_TONES: Record<UserState, BadgeTone> = {
	active: "success",
	inactive: "warning",
	create: "info",
	deleting: "danger",
	deleted: "neutral",
};

export interface UsersTableProps {
	items: UserListItem[];
	sort: { field: SortField; direction: SortDirection };
	onSort: (field: SortField) => void;
	/** Role key → name; without it the roles column shows keys. */
	roleNames: ReadonlyMap<string, string>;
	timeZone: string | null;
	/** Row selection for bulk actions; omitted for admins who may not change users. */
	selection?: {
		selected: ReadonlySet<string>;
		onToggle: (userId: string, isSelected: boolean) => void;
		onToggleAll: (isSelected: boolean) => void;
	};
	/** The next page or sort is loading; the rows shown are the previous ones. */
	isBusy: boolean;
}

/** The user list's rows. The name leads to the user's page; sortable headers say how they sort. */
export function UsersTable({ items, sort, onSort, roleNames, timeZone, selection, isBusy }: UsersTableProps) {
	const { t } = useTranslation();
	const format = useDateFormat(timeZone);

	const header = (field: SortField, label: string) => (
		<SortableHeader field={field} label={label} sort={sort} onSort={onSort} />
	);

	return (
		<Table caption={t("adminUsers.table.caption")} aria-busy={isBusy || undefined} className="admin-users-table">
			<thead>
				<tr>
					{selection && (
						<th scope="col" className="admin-users-table__select">
							<SelectAllCheckbox
								count={items.length}
								selectedCount={items.filter((item) => selection.selected.has(item.id)).length}
								onChange={selection.onToggleAll}
							/>
						</th>
					)}
					{header("name", t("adminUsers.columns.name"))}
					{header("email", t("adminUsers.columns.email"))}
					<th scope="col">{t("adminUsers.columns.username")}</th>
					{header("state", t("adminUsers.columns.state"))}
					<th scope="col">{t("adminUsers.columns.type")}</th>
					<th scope="col">{t("adminUsers.columns.mfa")}</th>
					<th scope="col">{t("adminUsers.columns.roles")}</th>
					{header("lastSignIn", t("adminUsers.columns.lastSignIn"))}
					{header("created", t("adminUsers.columns.created"))}
				</tr>
			</thead>
			<tbody>
				{items.map((item) => {
					const name = displayNameOf({ ...item, email: null }) ?? t("adminUsers.table.noName");
					const label = item.email ? `${name} (${item.email})` : name;
					return (
						<tr key={item.id} data-selected={selection?.selected.has(item.id) || undefined}>
							{selection && (
								<td className="admin-users-table__select">
									<Checkbox
										checked={selection.selected.has(item.id)}
										aria-label={t("adminUsers.table.select", { name: label })}
										onChange={(event) => selection.onToggle(item.id, event.target.checked)}
									/>
								</td>
							)}
							<th scope="row">
								<Link to="/admin/users/$userId" params={{ userId: item.id }}>
									{name}
								</Link>
							</th>
							<td className="admin-users-table__email">{item.email ?? <Missing />}</td>
							<td>{item.username ?? <Missing />}</td>
							<td>
								<Badge tone={STATE_TONES[item.state]}>{t(`states.${item.state}`)}</Badge>
							</td>
							<td>{t(`userTypes.${item.userType}`)}</td>
							<td>
								{item.twoFactorEnabled
									? item.twoFactorType
										? t(`adminUsers.mfaMethods.${item.twoFactorType}`)
										: t("adminUsers.table.mfaOn")
									: t("adminUsers.table.mfaOff")}
							</td>
							<td>
								{item.roleKeys.length > 0 ? (
									item.roleKeys.map((key) => roleNames.get(key) ?? key).join(", ")
								) : (
									<Missing />
								)}
							</td>
							<td className="portal-nowrap">
								{item.lastSignInAt ? (
									<time dateTime={item.lastSignInAt.toISOString()}>{format.dateTime(item.lastSignInAt)}</time>
								) : (
									t("adminUsers.table.never")
								)}
							</td>
							{/* The day is what one looks for; the exact time is in the export and on the user's page. */}
							<td className="portal-nowrap">
								<time dateTime={item.createdAt.toISOString()}>{format.date(item.createdAt)}</time>
							</td>
						</tr>
					);
				})}
			</tbody>
		</Table>
	);
}

/** An empty cell, read as "none" rather than silence. */
function Missing(): ReactNode {
	const { t } = useTranslation();
	return (
		<>
			<span aria-hidden="true" className="admin-users-table__missing">
				—
			</span>
			<VisuallyHidden>{t("adminUsers.table.none")}</VisuallyHidden>
		</>
	);
}

function SortableHeader({
	field,
	label,
	sort,
	onSort,
}: {
	field: SortField;
	label: string;
	sort: UsersTableProps["sort"];
	onSort: (field: SortField) => void;
}) {
	const isSorted = sort.field === field;
	const ariaSort = isSorted ? (sort.direction === "asc" ? "ascending" : "descending") : "none";
	return (
		<th scope="col" aria-sort={ariaSort}>
			<button type="button" className="admin-users-sort" onClick={() => onSort(field)}>
				{label}
				<span
					aria-hidden="true"
					className="admin-users-sort__icon"
					data-direction={isSorted ? sort.direction : undefined}
				>
					{isSorted ? (sort.direction === "asc" ? "▲" : "▼") : "↕"}
				</span>
			</button>
		</th>
	);
}

/** "Select all on this page": checked when all are, mixed when some are. */
function SelectAllCheckbox({
	count,
	selectedCount,
	onChange,
}: {
	count: number;
	selectedCount: number;
	onChange: (isSelected: boolean) => void;
}) {
	const { t } = useTranslation();
	return (
		<Checkbox
			indeterminate={selectedCount > 0 && selectedCount < count}
			checked={count > 0 && selectedCount === count}
			disabled={count === 0}
			aria-label={t("adminUsers.table.selectAll")}
			onChange={(event) => onChange(event.target.checked)}
		/>
	);
}
