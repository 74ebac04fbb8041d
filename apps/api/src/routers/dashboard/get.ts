import { ZDashboard } from "@tessera/core/dashboard/dashboard.schema";
import { getDashboard } from "@tessera/core/dashboard/dashboard.service";
import { permissionProcedure } from "../../trpc";

/** Totals, states, roles, pending invitations, sign-ups, MFA adoption and methods, passkeys. */
export const get = permissionProcedure("dashboard.read")
	.output(ZDashboard)
	.query(({ ctx }) => getDashboard(ctx, ctx.actor));
