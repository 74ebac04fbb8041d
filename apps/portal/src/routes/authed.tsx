import { createRoute, redirect } from "@tanstack/react-router";
import { applyUserLanguage } from "../i18n/i18n";
import { readApiError } from "../lib/errors";
import { rootRoute } from "./root";

/** The page that walks a person through what their organisation requires first. */
const REQUIRED_ACTIONS_PATH = "/required-actions";

/**
 * Pathless layout for every signed-in page. `beforeLoad` loads the session user (from cache
 * when fresh) and hands it to child routes as `context.me`; without a session it sends the
 * visitor to the sign-in page and remembers where they were going. While the server lists
 * required actions (enrol MFA, verify the email…), every page leads to the page that completes
 * them: the API would refuse everything else anyway.
 */
export const authedRoute = createRoute({
	getParentRoute: () => rootRoute,
	id: "_authed",
	beforeLoad: async ({ context, location }) => {
		let me: Awaited<ReturnType<typeof context.trpcUtils.me.get.ensureData>>;
		try {
			me = await context.trpcUtils.me.get.ensureData();
		} catch (error) {
			if (readApiError(error).code === "UNAUTHORIZED") {
				throw redirect({ to: "/sign-in", search: { redirect: location.href } });
			}
			throw error;
		}
		if (me.requiredActions.length > 0 && location.pathname !== REQUIRED_ACTIONS_PATH) {
			throw redirect({ to: REQUIRED_ACTIONS_PATH });
		}
		await applyUserLanguage(me.language);
		return { me };
	},
}).lazy(() => import("./authed.lazy").then((module) => module.route));
