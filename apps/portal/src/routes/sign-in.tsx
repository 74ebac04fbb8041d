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
	// Prefetch the default organisation so the form does not jump when it arrives. A failure is
	// fine: the form then asks for the organisation.
	loader: ({ context }) => context.trpcUtils.auth.config.prefetch(),
}).lazy(() => import("./sign-in.lazy").then((module) => module.route));
