import { Alert } from "@tessera/ui/alert";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getErrorMessage, supportReferenceOf } from "../lib/errors";

/** An error box for a failed action: the translated message and, for an unexpected failure, its reference. */
export function ErrorAlert({ error, title, className }: { error: unknown; title?: ReactNode; className?: string }) {
	const { t } = useTranslation();
	const correlationId = supportReferenceOf(error);
	return (
		<Alert tone="error" title={title} className={className}>
			<p>{getErrorMessage(error, t)}</p>
			{correlationId && <p className="portal-error-detail">{t("errors.reference", { id: correlationId })}</p>}
		</Alert>
	);
}
