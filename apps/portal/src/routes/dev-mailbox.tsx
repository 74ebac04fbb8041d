import { createRoute } from "@tanstack/react-router";
import { ZTenantSlug } from "@tessera/core/shared/common.schema";
import { z } from "zod";
import { optionalParam, withoutUndefined } from "../lib/url-search";
import { rootRoute } from "./root";

/** `?tenant=acme`: whose mailbox to show; a value that is no tenant slug is dropped. */
const ZMailboxSearch = z.object({ tenant: optionalParam(ZTenantSlug) }).transform(withoutUndefined);

/** Development only: what Tessera would have sent, readable without a mail server. No sign-in needed. */
export const devMailboxRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/dev/mailbox",
	validateSearch: ZMailboxSearch,
}).lazy(() => import("./dev-mailbox.lazy").then((module) => module.route));
