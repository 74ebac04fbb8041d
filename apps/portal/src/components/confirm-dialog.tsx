import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Dialog } from "@tessera/ui/dialog";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getErrorMessage } from "../lib/errors";

export interface ConfirmDialogProps {
	open: boolean;
	title: ReactNode;
	description?: ReactNode;
	confirmLabel: string;
	/** "danger" for actions that remove something. */
	tone?: "primary" | "danger";
	isPending?: boolean;
	/** A failure of the confirmed action, shown inside the dialog where the person is looking. */
	error?: unknown;
	onConfirm: () => void;
	onCancel: () => void;
}

/** Asks before an action that cannot be undone; the action's progress and errors stay in the dialog. */
export function ConfirmDialog({
	open,
	title,
	description,
	confirmLabel,
	tone = "primary",
	isPending = false,
	error,
	onConfirm,
	onCancel,
}: ConfirmDialogProps) {
	const { t } = useTranslation();
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
			{error ? (
				<Alert tone="error">
					<p>{getErrorMessage(error, t)}</p>
				</Alert>
			) : null}
		</Dialog>
	);
}
