import type { TRPCRouterRecord } from "@trpc/server";
import { changeState } from "./change-state";
import { get } from "./get";

export const usersRouter = { get, changeState } satisfies TRPCRouterRecord;
