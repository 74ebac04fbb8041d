import { Button } from "@tessera/ui/button";
import { SelectField } from "@tessera/ui/select-field";
import { useTranslation } from "react-i18next";
import { PAGE_SIZES, type PageSize } from "../audit-search";

export interface AuditPaginationProps {
	pageSize: PageSize;
	onPageSize: (size: number) => void;
	/** A page is loading: clicks wait (its cursor is not known yet), but focus stays on the button. */
	isBusy: boolean;
	/** 1-based page number when known (not after opening a shared link to a later page). */
	page: number | null;
	hasNewer: boolean;
	hasOlder: boolean;
	onNewer: () => void;
	onOlder: () => void;
}

/** Page size and newer/older for the log's keyset paging (no page numbers to jump to). */
export function AuditPagination({
	pageSize,
	onPageSize,
	page,
	hasNewer,
	hasOlder,
	onNewer,
	onOlder,
	isBusy,
}: AuditPaginationProps) {
	const { t } = useTranslation();
	return (
		<nav className="admin-audit-pagination" aria-label={t("adminAudit.pagination.label")}>
			<SelectField
				label={t("adminAudit.pagination.pageSize")}
				className="admin-audit-pagination__size"
				value={String(pageSize)}
				onChange={(event) => onPageSize(Number(event.target.value))}
				options={PAGE_SIZES.map((size) => ({ value: String(size), label: String(size) }))}
			/>
			<div className="portal-inline">
				{page !== null && (
					<span className="admin-audit-pagination__page" aria-live="polite">
						{t("adminAudit.pagination.page", { page })}
					</span>
				)}
				<Button variant="secondary" size="sm" disabled={!hasNewer} onClick={() => !isBusy && onNewer()}>
					{t("adminAudit.pagination.previous")}
				</Button>
				<Button variant="secondary" size="sm" disabled={!hasOlder} onClick={() => !isBusy && onOlder()}>
					{t("adminAudit.pagination.next")}
				</Button>
			</div>
		</nav>
	);
}
