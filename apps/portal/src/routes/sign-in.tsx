import { createRoute, Link, useRouter } from "@tanstack/react-router";
import { Spinner } from "@tessera/ui/spinner";
import { useTranslation } from "react-i18next";
import { AuthPage } from "../components/auth-page";
import { SignInFlow } from "../features/auth/components/sign-in-flow";
import { useAuthConfig } from "../features/auth/hooks/use-auth-config";
import { useSignInFlowState } from "../features/auth/hooks/use-sign-in-flow";
import type { SignInStep } from "../features/auth/sign-in-result";
import { useIsDevMailboxEnabled } from "../features/dev/hooks/use-dev-mailbox";
import { safeRedirectPath } from "../lib/redirect";
import type { RouterOutputs } from "../trpc";
import { rootRoute } from "./root";

interface SignInSearch {
	/** Where to go after signing in (a same-origin path); defaults to the profile. */
	redirect?: string;
}

export const signInRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/sign-in",
	validateSearch: (search: Record<string, unknown>): SignInSearch => ({ redirect: safeRedirectPath(search.redirect) }),
	// Prefetch the default organisation so the form does not jump when it arrives. A failure is
	// fine: the form then asks for the organisation.
	loader: ({ context }) => context.trpcUtils.auth.config.prefetch(),
	component: SignInPage,
});

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
