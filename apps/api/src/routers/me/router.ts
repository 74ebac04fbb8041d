import type { TRPCRouterRecord } from "@trpc/server";
import { activity } from "./activity";
import { get } from "./get";
import { updateProfile } from "./update-profile";

export const meRouter = { get, updateProfile, activity } satisfies TRPCRouterRecord;
