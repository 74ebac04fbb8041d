import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Dialog } from "@tessera/ui/dialog";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
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
export function ActionDialog({
	open,
	title,
	description,
	confirmLabel,
	tone = "primary",
	isPending,
	error,
	onConfirm,
	onCancel,
	children,
}: ActionDialogProps) {
	const { t } = useTranslation();
	const isConflict = error !== null && error !== undefined && hasDomainCode(error, "USER.VERSION_CONFLICT");
	return (
		<Dialog
			open={open}
			onClose={onCancel}
			title={title}
			description={description}
			footer={
				<>
					<Button variant="secondary" onClick={onCancel}>
						{t("common.cancel")}
					</Button>
					<Button variant={tone} loading={isPending} onClick={onConfirm}>
						{confirmLabel}
					</Button>
				</>
			}
		>
			<div className="portal-stack">
				{children}
				{isConflict ? (
					<Alert tone="warning" title={t("adminUser.profile.conflictTitle")}>
						<p>{t("adminUser.actions.conflict")}</p>
					</Alert>
				) : error ? (
					<ErrorAlert error={error} />
				) : null}
			</div>
		</Dialog>
	);
}
