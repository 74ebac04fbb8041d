import type { TRPCRouterRecord } from "@trpc/server";
import { changeState } from "./change-state";
import { get } from "./get";
import { list } from "./list";
import { setRequiredActions } from "./set-required-actions";

export const usersRouter = { list, get, changeState, setRequiredActions } satisfies TRPCRouterRecord;
