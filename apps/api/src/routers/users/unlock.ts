import { ZOkOutput } from "@tessera/core/shared/common.schema";
import { ZUserIdInput } from "@tessera/core/users/user-admin.schema";
import { unlockUser } from "@tessera/core/users/user-admin.service";
import { permissionProcedure } from "../../trpc";

/** Lifts a sign-in lockout. users.security is checked on the target in core. */
export const unlock = permissionProcedure("users.security")
	.input(ZUserIdInput)
	.output(ZOkOutput)
	.mutation(async ({ ctx, input }) => {
		await unlockUser(ctx, ctx.actor, input.userId, ctx.meta);
		return { ok: true as const };
	});
