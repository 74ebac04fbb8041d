import type { TRPCRouterRecord } from "@trpc/server";
import { list } from "./list";
import { register } from "./register";
import { registrationOptions } from "./registration-options";
import { remove } from "./remove";
import { rename } from "./rename";

/** The caller's own passkeys: list, register, rename, remove. */
export const passkeysRouter = {
	list,
	registrationOptions,
	register,
	rename,
	remove,
} satisfies TRPCRouterRecord;
