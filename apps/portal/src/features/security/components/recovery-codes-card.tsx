import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useRegenerateRecoveryCodes } from "../hooks/use-recovery-codes";
import type { SecurityOverview } from "../hooks/use-security-overview";
import { RecoveryCodesDialog } from "./recovery-codes-dialog";

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
				replacesEarlier
				onDone={() => {
					// Forget the codes: they are not shown again, and should not linger in memory.
					setCodes(null);
					regenerate.reset();
				}}
			/>
		</Card>
	);
}
