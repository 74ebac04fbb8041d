import { createRoute } from "@tanstack/react-router";
import { AuthPage } from "../components/auth-page";
import { AcceptInvitationCard } from "../features/admin-invitations/components/accept-invitation";
import { useFragmentToken } from "../lib/use-fragment-token";
import { rootRoute } from "./root";

/**
 * Where the invitation email's link lands (`/invitation#token=…`): public, since the invited
 * person has no password yet. The token stays in the fragment so it never reaches server logs.
 */
export const invitationRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/invitation",
	component: InvitationPage,
});

function InvitationPage() {
	const token = useFragmentToken();
	return (
		<AuthPage>
			{/* A new token starts over: a fresh lookup, an empty form. */}
			<AcceptInvitationCard key={token ?? ""} token={token} />
		</AuthPage>
	);
}
