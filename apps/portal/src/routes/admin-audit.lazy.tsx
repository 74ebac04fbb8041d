import "../i18n/admin-strings";
import { createLazyRoute, getRouteApi, useLocation } from "@tanstack/react-router";
import { ButtonLink } from "@tessera/ui/button-link";
import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { KeysetListPage } from "../components/keyset-list-page";
import {
	type AuditSearch,
	exportHref,
	hasFilters,
	PAGE_SIZES,
	pageSizeOf,
	toListInput,
	withFilter,
	withoutFilters,
} from "../features/admin-audit/audit-search";
import { AuditFilters } from "../features/admin-audit/components/audit-filters";
import { AuditTable } from "../features/admin-audit/components/audit-table";
import { useAuditList } from "../features/admin-audit/hooks/use-audit-list";
import { hasPermission, PERMISSIONS } from "../features/auth/permissions";
import { useMe } from "../features/profile/hooks/use-me";
import { effectiveTimeZone } from "../lib/dates";

// getRouteApi, not an import of ./admin-audit: the lazy chunk must not pull the route file back in.
const adminAuditRoute = getRouteApi("/_authed/admin/audit");

export const route = createLazyRoute("/_authed/admin/audit")({ component: AdminAuditPage });

function AdminAuditPage() {
	const { t } = useTranslation();
	const me = useMe();
	const search = adminAuditRoute.useSearch();
	const navigate = adminAuditRoute.useNavigate();
	const previousCursors = useLocation({ select: (location) => location.state.adminAuditPreviousCursors });
	const timeZone = effectiveTimeZone(me.timeZone);
	const input = useMemo(() => toListInput(search, timeZone), [search, timeZone]);
	const list = useAuditList(input);
	const exportHintId = useId();

	const show = (next: AuditSearch, cursors?: string[]) => {
		void navigate({ search: next, state: (state) => ({ ...state, adminAuditPreviousCursors: cursors }) });
	};

	return (
		<KeysetListPage
			texts="adminAudit"
			className="admin-audit"
			title={t("adminAudit.title")}
			description={t("adminAudit.subtitle")}
			actions={
				<div className="admin-audit-header__export">
					{/* A plain download link: the API streams the CSV with the same session cookie. */}
					<ButtonLink variant="secondary" href={exportHref(search, timeZone)} download aria-describedby={exportHintId}>
						{t("adminAudit.export")}
					</ButtonLink>
					<span id={exportHintId} className="portal-muted">
						{t("adminAudit.exportHint")}
					</span>
				</div>
			}
			filters={<AuditFilters search={search} onChange={(next) => show(next)} />}
			list={list}
			search={search}
			previousCursors={previousCursors}
			show={show}
			isFiltered={hasFilters(search)}
			withoutFilters={withoutFilters(search)}
			pageSize={{ value: pageSizeOf(search), options: PAGE_SIZES, viewWith: (size) => withFilter(search, { size }) }}
		>
			<AuditTable
				items={list.data?.items ?? []}
				timeZone={me.timeZone}
				canOpenUsers={hasPermission(me, PERMISSIONS.usersRead)}
				onFilter={(changes) => show(withFilter(search, changes))}
				isBusy={list.isPlaceholderData}
			/>
		</KeysetListPage>
	);
}
