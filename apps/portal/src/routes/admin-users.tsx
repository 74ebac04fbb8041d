import { createRoute, Link, useLocation } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Spinner } from "@tessera/ui/spinner";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../components/error-alert";
import { BulkStateActions } from "../features/admin-users/components/bulk-state-actions";
import { UsersFilters } from "../features/admin-users/components/users-filters";
import { UsersPagination } from "../features/admin-users/components/users-pagination";
import { UsersTable } from "../features/admin-users/components/users-table";
import { useRoleOptions } from "../features/admin-users/hooks/use-role-options";
import { useUsersList } from "../features/admin-users/hooks/use-users-list";
import {
	exportHref,
	hasFilters,
	pageSizeOf,
	parseUsersSearch,
	sortOf,
	toListInput,
	type UsersSearch,
	withFilter,
	withoutFilters,
	withSort,
} from "../features/admin-users/users-search";
import { hasPermission, PERMISSIONS } from "../features/auth/permissions";
import { useMe } from "../features/profile/hooks/use-me";
import { effectiveTimeZone } from "../lib/dates";
import { hasDomainCode } from "../lib/errors";
import { keysetPaging } from "../lib/keyset-paging";
import { requirePermission } from "./admin-guard";
import { authedRoute } from "./authed";

declare module "@tanstack/react-router" {
	interface HistoryState {
		/**
		 * Cursors of the user-list pages before this one ("" for the first page), for "Previous":
		 * keyset paging only goes forward. Kept in the history entry, so reload and back/forward
		 * keep it; a shared link to a later page goes back to the first page instead.
		 */
		adminUsersPreviousCursors?: string[];
	}
}

export const adminUsersRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/users",
	beforeLoad: requirePermission(PERMISSIONS.usersRead),
	// Search, filters, sort, page size and page live in the URL; anything invalid is dropped.
	validateSearch: (search: Record<string, unknown>): UsersSearch => parseUsersSearch(search),
	component: AdminUsersPage,
});

function AdminUsersPage() {
	const { t, i18n } = useTranslation();
	const me = useMe();
	const search = adminUsersRoute.useSearch();
	const navigate = adminUsersRoute.useNavigate();
	const previousCursors = useLocation({ select: (location) => location.state.adminUsersPreviousCursors });
	const timeZone = effectiveTimeZone(me.timeZone);
	const input = useMemo(() => toListInput(search, timeZone), [search, timeZone]);
	const list = useUsersList(input);
	const canWrite = hasPermission(me, PERMISSIONS.usersWrite);
	const roles = useRoleOptions(hasPermission(me, PERMISSIONS.rolesRead));
	const roleNames = useMemo(() => new Map(roles?.map((role) => [role.key, role.name])), [roles]);
	const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

	const items = list.data?.items ?? [];
	const isBusy = list.isPlaceholderData;
	const numberFormat = new Intl.NumberFormat(i18n.resolvedLanguage ?? i18n.language);

	/** A new view: a new result set, so the selection (of rows no longer shown) starts empty. */
	const show = (next: UsersSearch, cursors?: string[]) => {
		setSelected(new Set());
		void navigate({ search: next, state: (state) => ({ ...state, adminUsersPreviousCursors: cursors }) });
	};

	const { goNext, goPrevious, pageNumber } = keysetPaging(search, previousCursors, list.data?.nextCursor, show);

	const toggle = (userId: string, isSelected: boolean) =>
		setSelected((current) => {
			const next = new Set(current);
			if (isSelected) {
				next.add(userId);
			} else {
				next.delete(userId);
			}
			return next;
		});

	return (
		<div className="portal-stack portal-stack--lg admin-users">
			<header className="portal-page-header admin-users-header">
				<div>
					<h1>{t("adminUsers.title")}</h1>
					<p className="portal-muted">{t("adminUsers.subtitle")}</p>
				</div>
				<div className="portal-inline">
					{/* A plain download link: the API streams the CSV with the same session cookie. */}
					<a className="ui-button ui-button--secondary" href={exportHref(search, timeZone)} download>
						<span className="ui-button__label">{t("adminUsers.export")}</span>
					</a>
					{hasPermission(me, PERMISSIONS.invitationsManage) && (
						<Link to="/admin/invitations" className="ui-button ui-button--primary">
							<span className="ui-button__label">{t("adminUsers.invite")}</span>
						</Link>
					)}
				</div>
			</header>

			<UsersFilters search={search} onChange={(next) => show(next)} roles={roles} />

			<div className="portal-stack">
				<div className="admin-users-summary">
					<p aria-live="polite" className="admin-users-summary__count">
						{list.data &&
							(list.data.total.capped
								? t("adminUsers.totalCapped", { total: numberFormat.format(list.data.total.count) })
								: t("adminUsers.total", {
										count: list.data.total.count,
										formatted: numberFormat.format(list.data.total.count),
									}))}
					</p>
					{isBusy && <Spinner size="sm" label={t("app.loading")} />}
				</div>

				{canWrite && (
					<BulkStateActions
						selected={items.filter((item) => selected.has(item.id))}
						onClearSelection={() => setSelected(new Set())}
					/>
				)}

				{list.isPending && <Spinner label={t("adminUsers.loading")} />}

				{list.error &&
					(hasDomainCode(list.error, "VALIDATION") && search.cursor ? (
						// An outdated or edited page link: the rest of the view still makes sense.
						<Alert
							tone="warning"
							title={t("adminUsers.pageExpired")}
							action={
								<Button variant="secondary" size="sm" onClick={() => show({ ...search, cursor: undefined })}>
									{t("adminUsers.firstPage")}
								</Button>
							}
						/>
					) : (
						<div className="portal-stack portal-stack--sm">
							<ErrorAlert error={list.error} title={t("adminUsers.loadFailed")} />
							<div>
								<Button variant="secondary" size="sm" onClick={() => void list.refetch()}>
									{t("common.tryAgain")}
								</Button>
							</div>
						</div>
					))}

				{list.data && items.length === 0 && !list.error && (
					<Alert
						tone="info"
						title={hasFilters(search) ? t("adminUsers.emptyFiltered") : t("adminUsers.empty")}
						action={
							hasFilters(search) ? (
								<Button variant="secondary" size="sm" onClick={() => show(withoutFilters(search))}>
									{t("adminUsers.filters.clear")}
								</Button>
							) : undefined
						}
					/>
				)}

				{items.length > 0 && !list.error && (
					<UsersTable
						items={items}
						sort={sortOf(search)}
						onSort={(field) => show(withSort(search, field))}
						roleNames={roleNames}
						timeZone={me.timeZone}
						isBusy={isBusy}
						selection={
							canWrite
								? {
										selected,
										onToggle: toggle,
										onToggleAll: (isSelected) =>
											setSelected(isSelected ? new Set(items.map((item) => item.id)) : new Set()),
									}
								: undefined
						}
					/>
				)}

				{list.data && !list.error && (items.length > 0 || search.cursor) && (
					<UsersPagination
						pageSize={pageSizeOf(search)}
						onPageSize={(size) => show(withFilter(search, { size }))}
						page={pageNumber}
						hasPrevious={search.cursor !== undefined}
						hasNext={Boolean(list.data.nextCursor)}
						onPrevious={goPrevious}
						onNext={goNext}
						isBusy={isBusy}
					/>
				)}
			</div>
		</div>
	);
}
