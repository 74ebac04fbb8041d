import { createRoute } from "@tanstack/react-router";
import { AuthPage } from "../components/auth-page";
import { ResetPasswordCard } from "../features/password-reset/components/reset-password";
import { useFragmentToken } from "../lib/use-fragment-token";
import { rootRoute } from "./root";

/**
 * Where the reset email's link lands (`/reset-password#token=…`): public. The token stays in the
 * fragment so it never reaches server logs; links carry it the way invitation links do, so the
 * same reader takes it out.
 */
export const resetPasswordRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/reset-password",
	component: ResetPasswordPage,
});

function ResetPasswordPage() {
	const token = useFragmentToken();
	return (
		<AuthPage>
			{/* A new token starts over: a fresh lookup, an empty form. */}
			<ResetPasswordCard key={token ?? ""} token={token} />
		</AuthPage>
	);
}
