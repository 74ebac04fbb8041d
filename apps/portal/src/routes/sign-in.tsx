import { createRoute } from "@tanstack/react-router";
import { safeRedirectPath } from "../lib/redirect";
import { rootRoute } from "./root";

interface SignInSearch {
	/** Where to go after signing in (a same-origin path); defaults to the profile. */
	redirect?: string;
}

export const signInRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/sign-in",
	validateSearch: (search: Record<string, unknown>): SignInSearch => ({ redirect: safeRedirectPath(search.redirect) }),
	// Prefetch the default organisation and its branding so neither the form nor the brand jumps
	// when they arrive. A failure is fine: the form then asks for the organisation, the page shows
	// the product's own look.
	loader: ({ context }) =>
		Promise.all([context.trpcUtils.auth.config.prefetch(), context.trpcUtils.branding.get.prefetch(undefined)]),
}).lazy(() => import("./sign-in.lazy").then((module) => module.route));
