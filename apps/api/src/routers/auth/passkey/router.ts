import type { TRPCRouterRecord } from "@trpc/server";
import { options } from "./options";
import { verify } from "./verify";

/** Passwordless sign-in with a discoverable passkey (also the browser's autofill / conditional UI). */
export const passkeySignInRouter = {
	options,
	verify,
} satisfies TRPCRouterRecord;
