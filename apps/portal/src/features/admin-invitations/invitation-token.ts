/** The longest token the API accepts; anything longer cannot be one of ours. */
const MAX_TOKEN_LENGTH = 256;

/**
 * The token from the invitation link's fragment (`#token=…`), or null when there is none. The
 * link keeps it in the fragment so it never reaches a server or proxy log (SECURITY I08); the
 * page reads it here and then removes it from the address bar.
 */
export function readInvitationToken(hash: string): string | null {
	const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
	const token = params.get("token")?.trim();
	return token && token.length <= MAX_TOKEN_LENGTH ? token : null;
}

/** The same address without its fragment, to put in the address bar with `history.replaceState`. */
export function withoutFragment(location: { pathname: string; search: string }): string {
	return `${location.pathname}${location.search}`;
}
