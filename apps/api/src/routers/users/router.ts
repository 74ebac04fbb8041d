import type { TRPCRouterRecord } from "@trpc/server";
import { changeState } from "./change-state";
import { get } from "./get";
import { setRequiredActions } from "./set-required-actions";

export const usersRouter = { get, changeState, setRequiredActions } satisfies TRPCRouterRecord;
