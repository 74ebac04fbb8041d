import "../i18n/admin-strings";
import { createLazyRoute, getRouteApi, Link, useLocation } from "@tanstack/react-router";
import { ButtonLink } from "@tessera/ui/button-link";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { KeysetListPage } from "../components/keyset-list-page";
import { useRoleName } from "../features/admin-roles/hooks/use-role-label";
import { BulkStateActions } from "../features/admin-users/components/bulk-state-actions";
import { UsersFilters } from "../features/admin-users/components/users-filters";
import { UsersTable } from "../features/admin-users/components/users-table";
import { useRoleOptions } from "../features/admin-users/hooks/use-role-options";
import { useUsersList } from "../features/admin-users/hooks/use-users-list";
import {
	exportHref,
	hasFilters,
	PAGE_SIZES,
	pageSizeOf,
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

// getRouteApi, not an import of ./admin-users: the lazy chunk must not pull the route file back in.
const adminUsersRoute = getRouteApi("/_authed/admin/users");

export const route = createLazyRoute("/_authed/admin/users")({ component: AdminUsersPage });

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
	const roleName = useRoleName();
	const roleNames = new Map(roles?.map((role) => [role.key, roleName(role)]));
	const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

	const items = list.data?.items ?? [];
	const isBusy = list.isPlaceholderData;
	const numberFormat = new Intl.NumberFormat(i18n.resolvedLanguage ?? i18n.language);

	/** A new view: a new result set, so the selection (of rows no longer shown) starts empty. */
	const show = (next: UsersSearch, cursors?: string[]) => {
		setSelected(new Set());
		void navigate({ search: next, state: (state) => ({ ...state, adminUsersPreviousCursors: cursors }) });
	};

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
		<KeysetListPage
			texts="adminUsers"
			className="admin-users"
			title={t("adminUsers.title")}
			description={t("adminUsers.subtitle")}
			actions={
				<>
					{/* A plain download link: the API streams the CSV with the same session cookie. */}
					<ButtonLink variant="secondary" href={exportHref(search, timeZone)} download>
						{t("adminUsers.export")}
					</ButtonLink>
					{hasPermission(me, PERMISSIONS.invitationsManage) && (
						<ButtonLink render={(props) => <Link to="/admin/invitations" {...props} />}>
							{t("adminUsers.invite")}
						</ButtonLink>
					)}
				</>
			}
			filters={<UsersFilters search={search} onChange={(next) => show(next)} roles={roles} />}
			summary={
				list.data
					? list.data.total.capped
						? t("adminUsers.totalCapped", { total: numberFormat.format(list.data.total.count) })
						: t("adminUsers.total", {
								count: list.data.total.count,
								formatted: numberFormat.format(list.data.total.count),
							})
					: null
			}
			toolbar={
				canWrite && (
					<BulkStateActions
						selected={items.filter((item) => selected.has(item.id))}
						onClearSelection={() => setSelected(new Set())}
					/>
				)
			}
			list={list}
			search={search}
			previousCursors={previousCursors}
			show={show}
			isFiltered={hasFilters(search)}
			withoutFilters={withoutFilters(search)}
			pageSize={{ value: pageSizeOf(search), options: PAGE_SIZES, viewWith: (size) => withFilter(search, { size }) }}
			total={list.data && { count: list.data.total.count, isCapped: list.data.total.capped }}
		>
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
		</KeysetListPage>
	);
}
