import { createLazyRoute, getRouteApi, Link, useRouter } from "@tanstack/react-router";
import { Spinner } from "@tessera/ui/spinner";
import { useTranslation } from "react-i18next";
import { AuthPage } from "../components/auth-page";
import { SignInFlow } from "../features/auth/components/sign-in-flow";
import { useAuthConfig } from "../features/auth/hooks/use-auth-config";
import { useSignInFlowState } from "../features/auth/hooks/use-sign-in-flow";
import type { SignInStep } from "../features/auth/sign-in-result";
import { useIsDevMailboxEnabled } from "../features/dev/hooks/use-dev-mailbox";
import type { RouterOutputs } from "../trpc";

// getRouteApi, not an import of ./sign-in: the lazy chunk must not pull the route file back in.
const signInRoute = getRouteApi("/sign-in");

export const route = createLazyRoute("/sign-in")({ component: SignInPage });

/** Where an open sign-in stands (after a reload mid-way), else the first step. */
function stepFromFlowState(state: RouterOutputs["auth"]["flow"]["state"] | undefined): SignInStep {
	if (state?.stage === "mfa" && state.methods.length > 0) {
		return { kind: "mfa", methods: state.methods, preferred: state.preferred };
	}
	if (state?.stage === "password_change") {
		return { kind: "passwordChange", reason: "required" };
	}
	return { kind: "credentials" };
}

function SignInPage() {
	const { t } = useTranslation();
	const router = useRouter();
	const search = signInRoute.useSearch();
	const config = useAuthConfig();
	const flowState = useSignInFlowState();
	const hasDevMailbox = useIsDevMailboxEnabled(config.defaultTenant);

	return (
		<AuthPage
			footer={
				hasDevMailbox && (
					<p className="portal-auth-page__dev">
						<Link to="/dev/mailbox" search={{ tenant: config.defaultTenant ?? undefined }}>
							{t("devMailbox.link")}
						</Link>
					</p>
				)
			}
		>
			{/* Wait for a fresh answer: a cached step from an earlier sign-in must not be resumed. */}
			{config.isPending || !flowState.isFetchedAfterMount ? (
				<div className="portal-center">
					<Spinner label={t("app.loading")} />
				</div>
			) : (
				<SignInFlow
					defaultTenant={config.defaultTenant}
					initialStep={stepFromFlowState(flowState.data)}
					onSignedIn={(requiredActions) => {
						if (requiredActions.length > 0) {
							void router.navigate({ to: "/required-actions" });
						} else if (search.redirect) {
							// The redirect target was checked to be a same-origin path by validateSearch.
							router.history.push(search.redirect);
						} else {
							void router.navigate({ to: "/" });
						}
					}}
				/>
			)}
		</AuthPage>
	);
}
