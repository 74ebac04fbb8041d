import type { QueryClient } from "@tanstack/react-query";

/** Procedures anyone may call (sign-in settings and steps, the development mailbox). */
const PUBLIC_ROUTERS = new Set(["auth", "dev"]);

function isPublicQuery(queryKey: readonly unknown[]): boolean {
	// tRPC keys look like [["security", "overview"], { type: "query" }].
	const [path] = queryKey;
	return Array.isArray(path) && typeof path[0] === "string" && PUBLIC_ROUTERS.has(path[0]);
}

/**
 * Forgets every cached answer about the signed-out user (profile, security, admin data) and any
 * mutation state, so nothing of theirs stays in memory for the next person at the keyboard.
 * Public queries stay: the sign-in page is already showing them, and removing a query cancels
 * its request silently, which would leave that page waiting forever.
 */
export function forgetUserData(queryClient: QueryClient): void {
	queryClient.getMutationCache().clear();
	queryClient.removeQueries({ predicate: (query) => !isPublicQuery(query.queryKey) });
}
