import { ZOkOutput } from "@tessera/core/shared/common.schema";
import { ZUserIdInput } from "@tessera/core/users/user-admin.schema";
import { resetUserMfa } from "@tessera/core/users/user-admin.service";
import { permissionProcedure } from "../../trpc";

/** Removes a user's second factors. users.security is checked on the target in core. */
export const resetMfa = permissionProcedure("users.security")
	.input(ZUserIdInput)
	.output(ZOkOutput)
	.mutation(async ({ ctx, input }) => {
		await resetUserMfa(ctx, ctx.actor, input.userId, ctx.meta);
		return { ok: true as const };
	});
