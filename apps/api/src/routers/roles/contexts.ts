import { ZAssignableContextsOutput, ZContextsInput } from "@tessera/core/roles/assignable-contexts.schema";
import { listContextsWithPermission } from "@tessera/core/roles/assignable-contexts.service";
import { authedProcedure } from "../../trpc";

/**
 * The tenant, accounts and spaces where the caller holds a permission (roles.manage unless named):
 * the choices for assignment, invitation and filter forms. Core refuses a caller who holds the
 * permission nowhere.
 */
export const contexts = authedProcedure
	.input(ZContextsInput)
	.output(ZAssignableContextsOutput)
	.query(({ ctx, input }) => listContextsWithPermission(ctx, ctx.actor, input.permission));
