import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Dialog } from "@tessera/ui/dialog";
import { useTranslation } from "react-i18next";
import { CopyButton } from "../../security/components/copy-button";
import "../admin-applications.css";

/**
 * The new key, shown once. The dialog cannot be dismissed with Escape: it closes only with its
 * button, after which the key is gone from the page and from memory (the parent forgets it).
 */
export function IssuedKeyDialog({
	issued,
	onDone,
}: {
	issued: { key: string; name: string } | null;
	onDone: () => void;
}) {
	const { t } = useTranslation();
	return (
		<Dialog
			open={issued !== null}
			dismissible={false}
			onClose={onDone}
			title={t("adminApplications.secret.title")}
			description={t("adminApplications.secret.description")}
			footer={<Button onClick={onDone}>{t("adminApplications.secret.done")}</Button>}
		>
			{issued && (
				<>
					<p className="portal-flush">{t("adminApplications.secret.label", { name: issued.name })}</p>
					<code className="portal-secret admin-applications-secret">{issued.key}</code>
					<div>
						<CopyButton text={issued.key} label={t("adminApplications.secret.copy")} />
					</div>
					<Alert tone="warning">
						<p>{t("adminApplications.secret.warning")}</p>
					</Alert>
					<p className="portal-flush portal-muted">
						{t("adminApplications.secret.usage")} <code>Authorization: Bearer tsk_…</code>
					</p>
				</>
			)}
		</Dialog>
	);
}
