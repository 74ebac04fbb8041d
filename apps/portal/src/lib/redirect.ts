/**
 * Accepts a post-sign-in redirect target only when it is a path on this origin. Anything else
 * ("https://evil.example", "//evil.example", "/\\evil.example") is dropped, so the sign-in
 * page cannot be used as an open redirect.
 */
export function safeRedirectPath(value: unknown): string | undefined {
	if (typeof value !== "string" || !value.startsWith("/")) {
		return undefined;
	}
	if (value.startsWith("//") || value.startsWith("/\\") || value.startsWith("/sign-in")) {
		return undefined;
	}
	return value;
}
