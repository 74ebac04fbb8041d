import "../i18n/admin-strings";
import { createLazyRoute } from "@tanstack/react-router";
import { AuthPage } from "../components/auth-page";
import { AcceptInvitationCard } from "../features/admin-invitations/components/accept-invitation";
import { useFragmentToken } from "../lib/use-fragment-token";

export const route = createLazyRoute("/invitation")({ component: InvitationPage });

function InvitationPage() {
	const token = useFragmentToken();
	return (
		<AuthPage>
			{/* A new token starts over: a fresh lookup, an empty form. */}
			<AcceptInvitationCard key={token ?? ""} token={token} />
		</AuthPage>
	);
}
