import { useEffect, useState } from "react";
import { readInvitationToken, withoutFragment } from "../features/admin-invitations/invitation-token";

/**
 * The single-use token a link carries in its fragment (`#token=…`: invitation and password-reset
 * links), kept in memory only. The fragment never reaches server logs, and it is removed from the
 * address bar at once, so the token is not in the history, a bookmark, a shared screen or a link
 * copied from here. Another such link opened in the same tab changes only the fragment (no page
 * load): its token replaces the first.
 */
export function useFragmentToken(): string | null {
	// Read before the fragment is removed below.
	const [token, setToken] = useState(() => readInvitationToken(window.location.hash));

	useEffect(() => {
		const removeFragment = () => {
			if (window.location.hash) {
				window.history.replaceState(window.history.state, "", withoutFragment(window.location));
			}
		};
		removeFragment();
		const handleHashChange = () => {
			const next = readInvitationToken(window.location.hash);
			if (next) {
				setToken(next);
			}
			removeFragment();
		};
		window.addEventListener("hashchange", handleHashChange);
		return () => window.removeEventListener("hashchange", handleHashChange);
	}, []);

	return token;
}
