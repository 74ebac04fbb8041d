import type { ReactNode } from "react";
import { cn } from "./cn";
import { Spinner } from "./spinner";

export interface ListPageProps {
	title: ReactNode;
	description?: ReactNode;
	/** Buttons and links for the whole list (export, invite, create), beside the title. */
	actions?: ReactNode;
	/** Messages about the page's last action, above the filters. */
	notice?: ReactNode;
	/** The controls that narrow the list. */
	filters?: ReactNode;
	/**
	 * What the list holds ("1,204 users"), announced politely as it changes. Pass null while it
	 * is not known yet: the live region is then already there, so its first value is announced.
	 */
	summary?: ReactNode;
	/** Controls that act on selected rows, between the summary and the list. */
	toolbar?: ReactNode;
	/** True until the first result has arrived: the list shows a spinner instead. */
	isLoading: boolean;
	loadingLabel: string;
	/** True while a new result is on its way and the old one is still shown. */
	isBusy?: boolean;
	busyLabel?: string;
	/** An error in place of the list (and of the empty state). */
	error?: ReactNode;
	/** True when the result holds nothing; `empty` is shown in place of the list. */
	isEmpty?: boolean;
	empty?: ReactNode;
	/** Paging (or "show more") under the list; the caller decides when it makes sense. */
	pagination?: ReactNode;
	/** The list itself (a table or a feed), shown once there is something to show. */
	children?: ReactNode;
	className?: string;
}

/**
 * A page that lists things: the title and its actions, filters, a summary, then exactly one of
 * loading, error, empty or the list, and paging below. Every list page shares this order, so
 * screen-reader and keyboard users find the same landmarks in the same places.
 */
export function ListPage({
	title,
	description,
	actions,
	notice,
	filters,
	summary,
	toolbar,
	isLoading,
	loadingLabel,
	isBusy = false,
	busyLabel,
	error,
	isEmpty = false,
	empty,
	pagination,
	children,
	className,
}: ListPageProps) {
	const hasError = error !== undefined && error !== null && error !== false;
	return (
		<div className={cn("ui-list-page", className)}>
			<header className="ui-list-page__header">
				<div>
					<h1 className="ui-list-page__title">{title}</h1>
					{description && <p className="ui-list-page__description">{description}</p>}
				</div>
				{actions && <div className="ui-list-page__actions">{actions}</div>}
			</header>
			{notice}
			{filters}
			<div className="ui-list-page__body">
				{(summary !== undefined || isBusy) && (
					<div className="ui-list-page__summary">
						<p aria-live="polite" className="ui-list-page__count">
							{summary}
						</p>
						{isBusy && <Spinner size="sm" label={busyLabel} />}
					</div>
				)}
				{toolbar}
				{isLoading && <Spinner label={loadingLabel} />}
				{hasError && error}
				{!isLoading && !hasError && isEmpty && empty}
				{!isLoading && !hasError && !isEmpty && children}
				{pagination}
			</div>
		</div>
	);
}
