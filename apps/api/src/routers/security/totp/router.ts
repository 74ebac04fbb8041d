import type { TRPCRouterRecord } from "@trpc/server";
import { begin } from "./begin";
import { confirm } from "./confirm";
import { remove } from "./remove";

/** The authenticator app (TOTP) as a second factor. */
export const totpRouter = {
	begin,
	confirm,
	remove,
} satisfies TRPCRouterRecord;
