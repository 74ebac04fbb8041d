import type { TRPCRouterRecord } from "@trpc/server";
import { bulkChangeStateProcedure, detail, resetMfa, revokeSessions, unlock, update } from "./admin";
import { changeState } from "./change-state";
import { get } from "./get";
import { list } from "./list";
import { restore } from "./restore";
import { setRequiredActions } from "./set-required-actions";

export const usersRouter = {
	list,
	get,
	detail,
	update,
	changeState,
	bulkChangeState: bulkChangeStateProcedure,
	setRequiredActions,
	resetMfa,
	revokeSessions,
	unlock,
	restore,
} satisfies TRPCRouterRecord;
