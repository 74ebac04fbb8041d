import { ZOkOutput } from "@tessera/core/shared/common.schema";
import { ZUser } from "@tessera/core/users/user";
import {
	ZAdminUpdateUserInput,
	ZBulkStateInput,
	ZBulkStateOutput,
	ZUserSecurityDetail,
} from "@tessera/core/users/user-admin.schema";
import {
	adminUpdateUser,
	bulkChangeState,
	getUserSecurityDetail,
	resetUserMfa,
	revokeUserSessions,
	unlockUser,
} from "@tessera/core/users/user-admin.service";
import { z } from "zod";
import { permissionProcedure } from "../../trpc";
import { ZUserIdInput } from "./users.schema";

/** User detail with security information (MFA, passkeys, sessions, password age, lockout, roles, audit). */
export const detail = permissionProcedure("users.read")
	.input(ZUserIdInput)
	.output(ZUserSecurityDetail)
	.query(({ ctx, input }) => getUserSecurityDetail(ctx.db, ctx.clock, ctx.actor, input.userId));

export const update = permissionProcedure("users.write")
	.input(ZAdminUpdateUserInput)
	.output(ZUser)
	.mutation(({ ctx, input }) => adminUpdateUser(ctx.db, ctx.clock, ctx.actor, input, ctx.meta));

export const resetMfa = permissionProcedure("users.security")
	.input(ZUserIdInput)
	.output(ZOkOutput)
	.mutation(async ({ ctx, input }) => {
		await resetUserMfa(ctx.db, ctx.clock, ctx.actor, input.userId, ctx.meta);
		return { ok: true as const };
	});

export const revokeSessions = permissionProcedure("users.security")
	.input(ZUserIdInput)
	.output(z.object({ revoked: z.number().int() }))
	.mutation(async ({ ctx, input }) => ({
		revoked: await revokeUserSessions(ctx.db, ctx.clock, ctx.actor, input.userId, ctx.meta),
	}));

export const unlock = permissionProcedure("users.security")
	.input(ZUserIdInput)
	.output(ZOkOutput)
	.mutation(async ({ ctx, input }) => {
		await unlockUser(ctx.db, ctx.clock, ctx.actor, input.userId, ctx.meta);
		return { ok: true as const };
	});

/** Deactivate or reactivate a selection; each user with the version the admin saw. */
export const bulkChangeStateProcedure = permissionProcedure("users.write")
	.input(ZBulkStateInput)
	.output(ZBulkStateOutput)
	.mutation(({ ctx, input }) => bulkChangeState(ctx.db, ctx.clock, ctx.actor, input, ctx.meta));
