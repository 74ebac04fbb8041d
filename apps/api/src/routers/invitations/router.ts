import type { TRPCRouterRecord } from "@trpc/server";
import { accept } from "./accept";
import { create } from "./create";
import { list } from "./list";
import { lookup } from "./lookup";
import { resend } from "./resend";
import { revoke } from "./revoke";

export const invitationsRouter = {
	create,
	list,
	resend,
	revoke,
	lookup,
	accept,
} satisfies TRPCRouterRecord;
