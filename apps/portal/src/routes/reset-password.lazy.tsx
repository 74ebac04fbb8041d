import { createLazyRoute } from "@tanstack/react-router";
import { AuthPage } from "../components/auth-page";
import { ResetPasswordCard } from "../features/password-reset/components/reset-password";
import { useFragmentToken } from "../lib/use-fragment-token";

export const route = createLazyRoute("/reset-password")({ component: ResetPasswordPage });

function ResetPasswordPage() {
	const token = useFragmentToken();
	return (
		<AuthPage>
			{/* A new token starts over: a fresh lookup, an empty form. */}
			<ResetPasswordCard key={token ?? ""} token={token} />
		</AuthPage>
	);
}
