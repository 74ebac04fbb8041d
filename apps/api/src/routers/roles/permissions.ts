import { ZPermissionCatalogueOutput } from "@tessera/core/roles/role-admin.schema";
import { listPermissionCatalogue } from "@tessera/core/roles/role-admin.service";
import { permissionProcedure } from "../../trpc";

/** The permission catalogue with descriptions: what custom roles are built from. */
export const permissions = permissionProcedure("roles.read")
	.output(ZPermissionCatalogueOutput)
	.query(({ ctx }) => listPermissionCatalogue(ctx.actor));
