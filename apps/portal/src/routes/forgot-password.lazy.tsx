import { createLazyRoute } from "@tanstack/react-router";
import { AuthPage } from "../components/auth-page";
import { ForgotPasswordCard } from "../features/password-reset/components/forgot-password";

export const route = createLazyRoute("/forgot-password")({ component: ForgotPasswordPage });

function ForgotPasswordPage() {
	return (
		<AuthPage>
			<ForgotPasswordCard />
		</AuthPage>
	);
}
