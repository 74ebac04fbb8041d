import type { FieldIssue } from "@tessera/core/shared/errors";
import { useTranslation } from "react-i18next";
import { describeServerIssues } from "../lib/field-issues";

/**
 * A field the server refused: the form's own sentence for it, then what the server's issues add
 * (a limit, a format), worded in the reader's language; nothing more when the sentence says it all.
 */
export function ServerFieldError({ message, issues }: { message: string; issues: readonly FieldIssue[] }) {
	const { t } = useTranslation();
	const detail = describeServerIssues(issues, t);
	return (
		<>
			{message}
			{detail !== null && (
				<>
					{" "}
					<span className="portal-error-detail">{t("fieldErrors.detail", { detail })}</span>
				</>
			)}
		</>
	);
}
