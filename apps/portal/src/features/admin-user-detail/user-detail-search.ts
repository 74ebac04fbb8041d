import type { z } from "zod";
import { zTabSearch } from "../../lib/url-search";

/** The user page's tabs, in their order; the first is the default (`/admin/users/<id>`). */
export const USER_DETAIL_TABS = ["profile", "security", "roles", "activity"] as const;
export type UserDetailTab = (typeof USER_DETAIL_TABS)[number];

/** The user page's view as kept in the URL: `/admin/users/<id>?tab=security`. */
export const ZUserDetailSearch = zTabSearch(USER_DETAIL_TABS);
export type UserDetailSearch = z.output<typeof ZUserDetailSearch>;
