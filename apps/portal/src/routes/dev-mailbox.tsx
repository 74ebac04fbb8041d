import { createRoute } from "@tanstack/react-router";
import { ZTenantSlug } from "@tessera/core/shared/common.schema";
import { z } from "zod";
import { applyUserLanguage } from "../i18n/i18n";
import { optionalParam, withoutUndefined } from "../lib/url-search";
import { rootRoute } from "./root";

/** `?tenant=acme`: whose mailbox to show; a value that is no tenant slug is dropped. */
const ZMailboxSearch = z.object({ tenant: optionalParam(ZTenantSlug) }).transform(withoutUndefined);

/**
 * Development only: what Tessera would have sent, readable without a mail server. No sign-in
 * needed; but someone signed in reads the page in their own language and time zone, as on every
 * signed-in page, not in the browser's (a visitor keeps the language picked on the sign-in page).
 */
export const devMailboxRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/dev/mailbox",
	validateSearch: ZMailboxSearch,
	beforeLoad: async ({ context }) => {
		// Not signed in (or the server unreachable, which the page itself then shows): the page
		// stays in the visitor's language, so any failure here only means "no user".
		const me = await context.trpcUtils.me.get.ensureData().catch(() => null);
		if (me) {
			await applyUserLanguage(me.language);
		}
		return { timeZone: me?.timeZone ?? null };
	},
}).lazy(() => import("./dev-mailbox.lazy").then((module) => module.route));
