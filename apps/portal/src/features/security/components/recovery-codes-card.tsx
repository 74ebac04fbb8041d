import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { CheckboxField } from "@tessera/ui/checkbox-field";
import { Dialog } from "@tessera/ui/dialog";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useRegenerateRecoveryCodes } from "../hooks/use-recovery-codes";
import type { SecurityOverview } from "../hooks/use-security-overview";
import { CopyButton } from "./copy-button";

/** Fewer unused codes than this, and the card suggests making new ones. */
const LOW_CODES = 3;

/**
 * Recovery codes: how many are left, and "Generate new codes" (which voids every earlier code,
 * SECURITY M16, and needs a recent re-authentication). The new codes are shown once.
 */
export function RecoveryCodesCard({ overview }: { overview: SecurityOverview }) {
	const { t } = useTranslation();
	const regenerate = useRegenerateRecoveryCodes();
	const [codes, setCodes] = useState<string[] | null>(null);
	const remaining = overview.mfa.recoveryCodesRemaining;

	return (
		<Card title={t("security.recovery.title")} description={t("security.recovery.description")}>
			<div className="portal-stack">
				<p className="portal-flush" data-testid="recovery-codes-remaining">
					{remaining === 0 ? t("security.recovery.none") : t("security.recovery.remaining", { count: remaining })}
				</p>
				{remaining > 0 && remaining <= LOW_CODES && (
					<Alert tone="warning">
						<p>{t("security.recovery.low")}</p>
					</Alert>
				)}
				{!overview.mfa.enabled && (
					<Alert tone="info">
						<p>{t("security.recovery.needsMfa")}</p>
					</Alert>
				)}
				{regenerate.error && <ErrorAlert error={regenerate.error} />}
				<p className="portal-flush portal-muted">{t("security.recovery.warning")}</p>
				<div>
					<Button
						variant="secondary"
						loading={regenerate.isPending}
						onClick={() => regenerate.mutate(undefined, { onSuccess: (answer) => setCodes(answer.codes) })}
					>
						{t("security.recovery.generate")}
					</Button>
				</div>
			</div>
			<RecoveryCodesDialog
				codes={codes}
				onDone={() => {
					// Forget the codes: they are not shown again, and should not linger in memory.
					setCodes(null);
					regenerate.reset();
				}}
			/>
		</Card>
	);
}

function downloadText(fileName: string, text: string) {
	const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
	const link = document.createElement("a");
	link.href = url;
	link.download = fileName;
	link.click();
	// Let the download start before the URL goes away.
	window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The ten new codes, once. The dialog cannot be dismissed with Escape: it closes only after the
 * person confirms they saved the codes (copy and download help with that).
 */
function RecoveryCodesDialog({ codes, onDone }: { codes: string[] | null; onDone: () => void }) {
	const { t } = useTranslation();
	const [saved, setSaved] = useState(false);
	const text = codes ? `${t("security.recovery.fileHeading")}\n\n${codes.join("\n")}\n` : "";

	return (
		<Dialog
			open={codes !== null}
			dismissible={false}
			onClose={onDone}
			title={t("security.recovery.dialogTitle")}
			description={t("security.recovery.dialogDescription")}
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
			<Alert tone="warning">
				<p>{t("security.recovery.oldCodesVoid")}</p>
			</Alert>
			<CheckboxField
				label={t("security.recovery.savedConfirm")}
				checked={saved}
				onChange={(event) => setSaved(event.target.checked)}
			/>
		</Dialog>
	);
}
