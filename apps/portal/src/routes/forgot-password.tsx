import { createRoute } from "@tanstack/react-router";
import { AuthPage } from "../components/auth-page";
import { ForgotPasswordCard } from "../features/password-reset/components/forgot-password";
import { rootRoute } from "./root";

/** "Forgot password?": public, asks for the organisation and the address and mails a reset link. */
export const forgotPasswordRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/forgot-password",
	loader: ({ context }) => context.trpcUtils.auth.config.prefetch(),
	component: ForgotPasswordPage,
});

function ForgotPasswordPage() {
	return (
		<AuthPage>
			<ForgotPasswordCard />
		</AuthPage>
	);
}
