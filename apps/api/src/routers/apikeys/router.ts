import type { TRPCRouterRecord } from "@trpc/server";
import { createApplicationUser } from "./create-application-user";
import { issue } from "./issue";
import { list } from "./list";
import { listApplicationUsers } from "./list-application-users";
import { revoke } from "./revoke";

/** Application users and their API keys (seed 002's user type `application`). apikeys.manage throughout. */
export const apikeysRouter = {
	createApplicationUser,
	listApplicationUsers,
	issue,
	list,
	revoke,
} satisfies TRPCRouterRecord;
