import { Button } from "@tessera/ui/button";
import { SelectField } from "@tessera/ui/select-field";
import { useTranslation } from "react-i18next";
import { PAGE_SIZES, type PageSize } from "../users-search";

export interface UsersPaginationProps {
	pageSize: PageSize;
	onPageSize: (size: number) => void;
	/** A page is loading: clicks wait (its cursor is not known yet), but focus stays on the button. */
	isBusy: boolean;
	/** 1-based page number when known (not after opening a shared link to a later page). */
	page: number | null;
	hasPrevious: boolean;
	hasNext: boolean;
	onPrevious: () => void;
	onNext: () => void;
}

/** Page size and previous/next for keyset paging (there are no page numbers to jump to). */
export function UsersPagination({
	pageSize,
	onPageSize,
	page,
	hasPrevious,
	hasNext,
	onPrevious,
	onNext,
	isBusy,
}: UsersPaginationProps) {
	const { t } = useTranslation();
	return (
		<nav className="admin-users-pagination" aria-label={t("adminUsers.pagination.label")}>
			<SelectField
				label={t("adminUsers.pagination.pageSize")}
				className="admin-users-pagination__size"
				value={String(pageSize)}
				onChange={(event) => onPageSize(Number(event.target.value))}
				options={PAGE_SIZES.map((size) => ({ value: String(size), label: String(size) }))}
			/>
			<div className="portal-inline">
				{page !== null && (
					<span className="admin-users-pagination__page" aria-live="polite">
						{t("adminUsers.pagination.page", { page })}
					</span>
				)}
				<Button variant="secondary" size="sm" disabled={!hasPrevious} onClick={() => !isBusy && onPrevious()}>
					{t("adminUsers.pagination.previous")}
				</Button>
				<Button variant="secondary" size="sm" disabled={!hasNext} onClick={() => !isBusy && onNext()}>
					{t("adminUsers.pagination.next")}
				</Button>
			</div>
		</nav>
	);
}
