import { createLazyRoute, useRouter } from "@tanstack/react-router";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../features/profile/hooks/use-me";
import { RequiredActionsWizard } from "../features/required-actions/components/required-actions-wizard";
import { NewRecoveryCodesProvider, useNewRecoveryCodes } from "../features/security/components/new-recovery-codes";

export const route = createLazyRoute("/_authed/required-actions")({ component: RequiredActionsPage });

function RequiredActionsPage() {
	return (
		<NewRecoveryCodesProvider>
			<RequiredActionsSteps />
		</NewRecoveryCodesProvider>
	);
}

function RequiredActionsSteps() {
	const { t } = useTranslation();
	const router = useRouter();
	const me = useMe();
	const { isShowing: isShowingCodes } = useNewRecoveryCodes();
	const isComplete = me.requiredActions.length === 0;

	// Each step refreshes `me`; when the server lists nothing more, the account is ready. Recovery
	// codes that came with the second factor are saved first: they are never shown again.
	useEffect(() => {
		if (isComplete && !isShowingCodes) {
			void router.navigate({ to: "/" });
		}
	}, [isComplete, isShowingCodes, router]);

	return (
		<div className="portal-stack portal-stack--lg portal-narrow">
			<header className="portal-page-header">
				<h1>{t("requiredActions.title")}</h1>
				<p className="portal-muted">{t("requiredActions.subtitle")}</p>
			</header>
			<RequiredActionsWizard me={me} />
		</div>
	);
}
