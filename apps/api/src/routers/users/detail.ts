import { ZUserIdInput, ZUserSecurityDetail } from "@tessera/core/users/user-admin.schema";
import { getUserSecurityDetail } from "@tessera/core/users/user-admin.service";
import { permissionProcedure } from "../../trpc";

/** User detail with security information (MFA, passkeys, sessions, password age, lockout, roles, audit). */
export const detail = permissionProcedure("users.read")
	.input(ZUserIdInput)
	.output(ZUserSecurityDetail)
	.query(({ ctx, input }) => getUserSecurityDetail(ctx, ctx.actor, input.userId));
