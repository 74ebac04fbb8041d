import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { CheckboxField } from "@tessera/ui/checkbox-field";
import { Dialog } from "@tessera/ui/dialog";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CopyButton } from "./copy-button";

function downloadText(fileName: string, text: string) {
	const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
	const link = document.createElement("a");
	link.href = url;
	link.download = fileName;
	link.click();
	// Let the download start before the URL goes away.
	window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface RecoveryCodesDialogProps {
	codes: string[] | null;
	/** True for "Generate new codes", which voided every earlier code; false for the first set. */
	replacesEarlier: boolean;
	onDone: () => void;
}

/**
 * Ten new codes, once. The dialog cannot be dismissed with Escape: it closes only after the
 * person confirms they saved the codes (copy and download help with that).
 */
export function RecoveryCodesDialog({ codes, replacesEarlier, onDone }: RecoveryCodesDialogProps) {
	const { t } = useTranslation();
	const [saved, setSaved] = useState(false);
	const text = codes ? `${t("security.recovery.fileHeading")}\n\n${codes.join("\n")}\n` : "";

	return (
		<Dialog
			open={codes !== null}
			dismissible={false}
			onClose={onDone}
			title={replacesEarlier ? t("security.recovery.dialogTitle") : t("twoStep.firstCodes.title")}
			description={replacesEarlier ? t("security.recovery.dialogDescription") : t("twoStep.firstCodes.description")}
			footer={
				<Button
					disabled={!saved}
					onClick={() => {
						setSaved(false);
						onDone();
					}}
				>
					{t("security.recovery.done")}
				</Button>
			}
		>
			<ol className="portal-codes" aria-label={t("security.recovery.listLabel")}>
				{codes?.map((code) => (
					<li key={code}>
						<code>{code}</code>
					</li>
				))}
			</ol>
			<div className="portal-inline">
				<CopyButton text={codes?.join("\n") ?? ""} label={t("security.recovery.copy")} />
				<Button variant="secondary" size="sm" onClick={() => downloadText("tessera-recovery-codes.txt", text)}>
					{t("security.recovery.download")}
				</Button>
			</div>
			{replacesEarlier && (
				<Alert tone="warning">
					<p>{t("security.recovery.oldCodesVoid")}</p>
				</Alert>
			)}
			<CheckboxField
				label={t("security.recovery.savedConfirm")}
				checked={saved}
				onChange={(event) => setSaved(event.target.checked)}
			/>
		</Dialog>
	);
}
