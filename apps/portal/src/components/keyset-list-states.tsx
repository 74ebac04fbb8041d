import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { useTranslation } from "react-i18next";
import { hasDomainCode } from "../lib/errors";
import { ErrorAlert } from "./error-alert";

/**
 * Why a keyset-paged list did not load: a page link whose cursor the server refused (outdated
 * or edited: the filters still make sense, so offer the first page), or anything else (retry).
 */
export function KeysetListError({
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
export function EmptyListAlert({
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
