import { Button } from "@tessera/ui/button";
import { Dialog } from "@tessera/ui/dialog";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "./error-alert";

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
	/** More to read or choose before confirming (shown above the error). */
	children?: ReactNode;
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
	children,
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
			<div className="portal-stack">
				{children}
				{error ? <ErrorAlert error={error} /> : null}
			</div>
		</Dialog>
	);
}
