import { ZRevokeSessionsOutput, ZUserIdInput } from "@tessera/core/users/user-admin.schema";
import { revokeUserSessions } from "@tessera/core/users/user-admin.service";
import { permissionProcedure } from "../../trpc";

/** Ends every session of a user. users.security is checked on the target in core. */
export const revokeSessions = permissionProcedure("users.security")
	.input(ZUserIdInput)
	.output(ZRevokeSessionsOutput)
	.mutation(async ({ ctx, input }) => ({
		revoked: await revokeUserSessions(ctx, ctx.actor, input.userId, ctx.meta),
	}));
