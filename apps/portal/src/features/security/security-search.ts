import type { z } from "zod";
import { zTabSearch } from "../../lib/url-search";

/** The security page's tabs, in their order; the first is the default (`/security`). */
export const SECURITY_TABS = ["sign-in", "two-step", "sessions"] as const;
export type SecurityTab = (typeof SECURITY_TABS)[number];

/** The security page's view as kept in the URL: `/security?tab=two-step`. */
export const ZSecuritySearch = zTabSearch(SECURITY_TABS);
export type SecuritySearch = z.output<typeof ZSecuritySearch>;
