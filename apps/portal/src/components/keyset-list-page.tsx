import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { ListPage, type ListPageProps } from "@tessera/ui/list-page";
import { type PageRange, Pagination, pageRange } from "@tessera/ui/pagination";
import { useTranslation } from "react-i18next";
import { hasDomainCode } from "../lib/errors";
import { keysetPaging } from "../lib/keyset-paging";
import { ErrorAlert } from "./error-alert";
import { usePageRangeFormat } from "./use-page-range-format";

/**
 * The keyset-paged lists, named by where their texts live: each has `loading`, `pageExpired`,
 * `firstPage`, `loadFailed`, `empty`, `emptyFiltered`, `filters.clear` and `pagination.*`
 * (checked against the dictionaries by the type of `t`).
 */
export type KeysetListTexts = "activity" | "adminAudit" | "adminUsers";

/** What the page needs of its list query (a tRPC `useQuery` with `keepPreviousData`). */
export interface KeysetListQuery {
	data?: { items: readonly unknown[]; nextCursor: string | null } | undefined;
	error: unknown;
	isPending: boolean;
	isPlaceholderData: boolean;
	refetch: () => unknown;
}

type OwnProps = "isLoading" | "loadingLabel" | "isBusy" | "busyLabel" | "error" | "isEmpty" | "empty" | "pagination";

export interface KeysetListPageProps<S extends { cursor?: string | undefined }> extends Omit<ListPageProps, OwnProps> {
	texts: KeysetListTexts;
	list: KeysetListQuery;
	/** The page's URL state; `cursor` names the page shown. */
	search: S;
	/** The cursors of the pages before this one, kept in the history entry (see `keysetPaging`). */
	previousCursors: readonly string[] | undefined;
	/** Navigates to another view of the list (and to the page cursors that lead to it). */
	show: (next: S, previousCursors?: string[]) => void;
	/** A filter narrows the list: an empty result then offers `withoutFilters`. */
	isFiltered: boolean;
	withoutFilters: S;
	pageSize: { value: number; options: readonly number[]; viewWith: (size: number) => S };
	/** The list's total, when the server counts it. */
	total?: PageRange["total"];
}

/**
 * A list page over keyset pages: loading, a refused page link or another error, an empty
 * result (offering to clear the filters), and previous/next with the page size, in the same
 * words and the same places on every such list.
 */
export function KeysetListPage<S extends { cursor?: string | undefined }>({
	texts,
	list,
	search,
	previousCursors,
	show,
	isFiltered,
	withoutFilters,
	pageSize,
	total,
	children,
	...page
}: KeysetListPageProps<S>) {
	const { t } = useTranslation();
	const formatRange = usePageRangeFormat();
	const itemCount = list.data?.items.length ?? 0;
	const isBusy = list.isPlaceholderData;
	const { goNext, goPrevious, pageNumber } = keysetPaging(search, previousCursors, list.data?.nextCursor, show);
	return (
		<ListPage
			{...page}
			isBusy={isBusy}
			busyLabel={t("app.loading")}
			isLoading={list.isPending}
			loadingLabel={t(`${texts}.loading`)}
			error={
				list.error ? (
					<KeysetListError
						error={list.error}
						onPage={Boolean(search.cursor)}
						pageExpiredTitle={t(`${texts}.pageExpired`)}
						firstPageLabel={t(`${texts}.firstPage`)}
						loadFailedTitle={t(`${texts}.loadFailed`)}
						onFirstPage={() => show({ ...search, cursor: undefined })}
						onRetry={() => void list.refetch()}
					/>
				) : undefined
			}
			isEmpty={itemCount === 0}
			empty={
				<EmptyListAlert
					filtered={isFiltered}
					emptyTitle={t(`${texts}.empty`)}
					emptyFilteredTitle={t(`${texts}.emptyFiltered`)}
					clearLabel={t(`${texts}.filters.clear`)}
					onClear={() => show(withoutFilters)}
				/>
			}
			pagination={
				list.data &&
				!list.error &&
				(itemCount > 0 || search.cursor) && (
					<Pagination
						label={t(`${texts}.pagination.label`)}
						range={pageRange({
							page: pageNumber,
							pageSize: pageSize.value,
							itemCount,
							hasNext: Boolean(list.data.nextCursor),
							total,
						})}
						formatRange={formatRange}
						pageSize={{
							label: t(`${texts}.pagination.pageSize`),
							value: pageSize.value,
							options: pageSize.options,
							onChange: (size) => show(pageSize.viewWith(size)),
						}}
						previousLabel={t(`${texts}.pagination.previous`)}
						nextLabel={t(`${texts}.pagination.next`)}
						hasPrevious={search.cursor !== undefined}
						hasNext={Boolean(list.data.nextCursor)}
						onPrevious={goPrevious}
						onNext={goNext}
						isBusy={isBusy}
					/>
				)
			}
		>
			{children}
		</ListPage>
	);
}

/**
 * Why a keyset-paged list did not load: a page link whose cursor the server refused (outdated
 * or edited: the filters still make sense, so offer the first page), or anything else (retry).
 */
function KeysetListError({
	error,
	onPage,
	pageExpiredTitle,
	firstPageLabel,
	loadFailedTitle,
	onFirstPage,
	onRetry,
}: {
	error: unknown;
	/** The list was showing a later page (a cursor was sent). */
	onPage: boolean;
	pageExpiredTitle: string;
	firstPageLabel: string;
	loadFailedTitle: string;
	onFirstPage: () => void;
	onRetry: () => void;
}) {
	const { t } = useTranslation();
	if (hasDomainCode(error, "VALIDATION") && onPage) {
		return (
			<Alert
				tone="warning"
				title={pageExpiredTitle}
				action={
					<Button variant="secondary" size="sm" onClick={onFirstPage}>
						{firstPageLabel}
					</Button>
				}
			/>
		);
	}
	return (
		<div className="portal-stack portal-stack--sm">
			<ErrorAlert error={error} title={loadFailedTitle} />
			<div>
				<Button variant="secondary" size="sm" onClick={onRetry}>
					{t("common.tryAgain")}
				</Button>
			</div>
		</div>
	);
}

/** An empty list: with filters set, say so and offer to clear them. */
function EmptyListAlert({
	filtered,
	emptyTitle,
	emptyFilteredTitle,
	clearLabel,
	onClear,
}: {
	filtered: boolean;
	emptyTitle: string;
	emptyFilteredTitle: string;
	clearLabel: string;
	onClear: () => void;
}) {
	return (
		<Alert
			tone="info"
			title={filtered ? emptyFilteredTitle : emptyTitle}
			action={
				filtered ? (
					<Button variant="secondary" size="sm" onClick={onClear}>
						{clearLabel}
					</Button>
				) : undefined
			}
		/>
	);
}
