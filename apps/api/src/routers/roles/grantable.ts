import { ZGrantableInput, ZGrantableOutput } from "@tessera/core/roles/grantable.schema";
import { listGrantableRoles } from "@tessera/core/roles/grantable.service";
import { authedProcedure } from "../../trpc";

/**
 * Which roles the caller may grant in which contexts, for one purpose (assigning, inviting,
 * creating an application user): the forms offer this instead of deciding it. Core refuses a
 * caller who holds the purpose's permission nowhere.
 */
export const grantable = authedProcedure
	.input(ZGrantableInput)
	.output(ZGrantableOutput)
	.query(({ ctx, input }) => listGrantableRoles(ctx, ctx.actor, input));
