import { createRoute } from "@tanstack/react-router";
import { ZSecuritySearch } from "../features/security/security-search";
import { authedRoute } from "./authed";

export const securityRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/security",
	// The open tab lives in the URL, so reload, back/forward and links (the deadline banner's) keep it.
	validateSearch: ZSecuritySearch,
	// Start the page's three queries together; the page renders as soon as the overview is in.
	loader: async ({ context }) => {
		await Promise.all([
			context.trpcUtils.security.overview.prefetch(),
			context.trpcUtils.security.passkeys.list.prefetch(),
			context.trpcUtils.security.sessions.list.prefetch(),
		]);
	},
}).lazy(() => import("./security.lazy").then((module) => module.route));
