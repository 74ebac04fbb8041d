import type { TRPCRouterRecord } from "@trpc/server";
import { get } from "./get";
import { updateProfile } from "./update-profile";

export const meRouter = { get, updateProfile } satisfies TRPCRouterRecord;
