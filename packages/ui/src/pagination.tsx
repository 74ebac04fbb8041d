import { Button } from "./button";
import { cn } from "./cn";
import { SelectField } from "./select-field";

/** Which items a page shows, 1-based and inclusive, and how many there are when that is known. */
export interface PageRange {
	first: number;
	last: number;
	/** Absent when the list does not count; `isCapped` when it stopped counting ("1,000+"). */
	total?: { count: number; isCapped: boolean };
}

/**
 * The range a page shows: page 2 of 25 holding 25 items is 26–50. Null when the page number is
 * not known (keyset paging opened from a shared link to a later page) or the page is empty. A
 * list that does not count still has a known total on its last page.
 */
export function pageRange({
	page,
	pageSize,
	itemCount,
	hasNext,
	total,
}: {
	page: number | null;
	pageSize: number;
	itemCount: number;
	hasNext: boolean;
	total?: PageRange["total"] | undefined;
}): PageRange | null {
	if (page === null || itemCount === 0) {
		return null;
	}
	const first = (page - 1) * pageSize + 1;
	const last = first + itemCount - 1;
	const known = total ?? (hasNext ? undefined : { count: last, isCapped: false });
	return known ? { first, last, total: known } : { first, last };
}

export interface PaginationPageSize {
	label: string;
	value: number;
	options: readonly number[];
	onChange: (size: number) => void;
}

export interface PaginationProps {
	/** The navigation landmark's name ("Pages"). */
	label: string;
	/** What this page shows; not shown when null. */
	range: PageRange | null;
	/** Turns the range into text in the reader's language ("26–50 of 1,000+"). */
	formatRange: (range: PageRange) => string;
	previousLabel: string;
	nextLabel: string;
	hasPrevious: boolean;
	hasNext: boolean;
	onPrevious: () => void;
	onNext: () => void;
	/** A page is loading: clicks wait (its cursor is not known yet), but focus stays on the button. */
	isBusy?: boolean;
	/** Offers a page-size choice when given. */
	pageSize?: PaginationPageSize;
	className?: string;
}

/**
 * Previous/next paging with the range shown, for keyset-paged lists (no page numbers to jump
 * to). The range is a live region, so moving a page announces where one now is.
 */
export function Pagination({
	label,
	range,
	formatRange,
	previousLabel,
	nextLabel,
	hasPrevious,
	hasNext,
	onPrevious,
	onNext,
	isBusy = false,
	pageSize,
	className,
}: PaginationProps) {
	return (
		<nav className={cn("ui-pagination", className)} aria-label={label}>
			{pageSize && (
				<SelectField
					label={pageSize.label}
					className="ui-pagination__size"
					value={String(pageSize.value)}
					onChange={(event) => pageSize.onChange(Number(event.target.value))}
					options={pageSize.options.map((size) => ({ value: String(size), label: String(size) }))}
				/>
			)}
			<div className="ui-pagination__controls">
				<span className="ui-pagination__range" aria-live="polite">
					{range ? formatRange(range) : null}
				</span>
				<Button variant="secondary" size="sm" disabled={!hasPrevious} onClick={() => !isBusy && onPrevious()}>
					{previousLabel}
				</Button>
				<Button variant="secondary" size="sm" disabled={!hasNext} onClick={() => !isBusy && onNext()}>
					{nextLabel}
				</Button>
			</div>
		</nav>
	);
}
