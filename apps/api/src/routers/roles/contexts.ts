import { ZAssignableContextsOutput } from "@tessera/core/roles/assignable-contexts.schema";
import { listAssignableContexts } from "@tessera/core/roles/assignable-contexts.service";
import { permissionProcedure } from "../../trpc";

/** The tenant, accounts and spaces where the caller may assign roles (for assignment forms). */
export const contexts = permissionProcedure("roles.manage")
	.output(ZAssignableContextsOutput)
	.query(({ ctx }) => listAssignableContexts(ctx.db, ctx.actor));
