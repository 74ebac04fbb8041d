import type { TRPCRouterRecord } from "@trpc/server";
import { bulkChangeState } from "./bulk-change-state";
import { changeState } from "./change-state";
import { detail } from "./detail";
import { get } from "./get";
import { list } from "./list";
import { resetMfa } from "./reset-mfa";
import { restore } from "./restore";
import { revokeSessions } from "./revoke-sessions";
import { sendPasswordReset } from "./send-password-reset";
import { setRequiredActions } from "./set-required-actions";
import { unlock } from "./unlock";
import { update } from "./update";

export const usersRouter = {
	list,
	get,
	detail,
	update,
	changeState,
	bulkChangeState,
	setRequiredActions,
	resetMfa,
	revokeSessions,
	unlock,
	restore,
	sendPasswordReset,
} satisfies TRPCRouterRecord;
