import { Alert } from "@tessera/ui/alert";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { hasDomainCode } from "../../../lib/errors";

export interface ActionDialogProps {
	open: boolean;
	title: string;
	description: ReactNode;
	confirmLabel: string;
	tone?: "primary" | "danger";
	isPending: boolean;
	error: unknown;
	onConfirm: () => void;
	onCancel: () => void;
	children?: ReactNode;
}

/**
 * Asks before an admin action. A version conflict is explained as "changed elsewhere": the page
 * has reloaded the user by then, so confirming again acts on what the admin now sees.
 */
export function ActionDialog({ error, children, ...dialog }: ActionDialogProps) {
	const { t } = useTranslation();
	const isConflict = error !== null && error !== undefined && hasDomainCode(error, "USER.VERSION_CONFLICT");
	return (
		<ConfirmDialog {...dialog} error={isConflict ? undefined : error}>
			{children}
			{isConflict && (
				<Alert tone="warning" title={t("adminUser.profile.conflictTitle")}>
					<p>{t("adminUser.actions.conflict")}</p>
				</Alert>
			)}
		</ConfirmDialog>
	);
}
