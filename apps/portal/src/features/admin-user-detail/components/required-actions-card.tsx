import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { CheckboxField } from "@tessera/ui/checkbox-field";
import { VisuallyHidden } from "@tessera/ui/visually-hidden";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RequiredAction, UserDetail, UserMutations } from "../hooks/use-user-detail";
import {
	displayNameOfUser,
	REQUIRED_ACTION_CHOICES,
	sameRequiredActions,
	toggleRequiredAction,
} from "../user-detail-logic";
import { ActionDialog } from "./action-dialog";

/**
 * The steps the user must complete at their next sign-in, switched on or off together and saved
 * with the version the admin saw. Shown to holders of users.security for users who still exist.
 */
export function RequiredActionsCard({
	detail,
	mutation,
}: {
	detail: UserDetail;
	mutation: UserMutations["setRequiredActions"];
}) {
	const { t } = useTranslation();
	// The selection starts from the server's list and follows it until the admin changes something.
	const [draft, setDraft] = useState<RequiredAction[] | null>(null);
	const [isConfirming, setIsConfirming] = useState(false);
	const [saved, setSaved] = useState(false);
	const selected = draft ?? detail.requiredActions;
	const isChanged = !sameRequiredActions(selected, detail.requiredActions);
	const name = displayNameOfUser(detail.user) ?? t("adminUser.unnamed");
	const names = selected.map((action) => t(`adminUser.requiredActions.names.${action}`)).join(", ");
	const addsPasswordChange =
		selected.includes("change_password") && !detail.requiredActions.includes("change_password");

	return (
		<Card title={t("adminUser.requiredActions.title")} description={t("adminUser.requiredActions.description")}>
			<form
				className="portal-stack"
				onSubmit={(event) => {
					event.preventDefault();
					mutation.reset();
					setSaved(false);
					setIsConfirming(true);
				}}
			>
				{saved && <Alert tone="success" role="status" title={t("adminUser.requiredActions.saved")} />}
				<fieldset className="admin-user-fieldset">
					<VisuallyHidden as="legend">{t("adminUser.requiredActions.title")}</VisuallyHidden>
					{REQUIRED_ACTION_CHOICES.map((action) => (
						<CheckboxField
							key={action}
							label={t(`adminUser.requiredActions.names.${action}`)}
							checked={selected.includes(action)}
							onChange={(event) => {
								setSaved(false);
								setDraft(toggleRequiredAction(selected, action, event.target.checked));
							}}
						/>
					))}
				</fieldset>
				<div className="portal-form-actions">
					<Button type="submit" variant="secondary" disabled={!isChanged}>
						{t("adminUser.requiredActions.save")}
					</Button>
				</div>
			</form>
			<ActionDialog
				open={isConfirming}
				title={t("adminUser.requiredActions.confirmTitle", { name })}
				description={
					selected.length > 0
						? t("adminUser.requiredActions.confirmBody", { actions: names })
						: t("adminUser.requiredActions.confirmBodyNone")
				}
				confirmLabel={t("adminUser.requiredActions.confirm")}
				isPending={mutation.isPending}
				error={mutation.error}
				onConfirm={() =>
					mutation.mutate(
						{ userId: detail.user.id, version: detail.user.version, actions: selected },
						{
							onSuccess: () => {
								setIsConfirming(false);
								setDraft(null);
								setSaved(true);
							},
						},
					)
				}
				onCancel={() => setIsConfirming(false)}
			>
				{addsPasswordChange && <p>{t("adminUser.requiredActions.confirmPasswordNote")}</p>}
			</ActionDialog>
		</Card>
	);
}
