import type { TRPCRouterRecord } from "@trpc/server";
import { complete } from "./complete";
import { lookup } from "./lookup";
import { request } from "./request";

/** Self-service password reset: `auth.passwordReset.{request,lookup,complete}`. */
export const passwordResetRouter = {
	request,
	lookup,
	complete,
} satisfies TRPCRouterRecord;
