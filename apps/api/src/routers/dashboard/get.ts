import { ZDashboard, ZDashboardInput } from "@tessera/core/dashboard/dashboard.schema";
import { getDashboard } from "@tessera/core/dashboard/dashboard.service";
import { permissionProcedure } from "../../trpc";

/** Totals, states, roles, pending invitations, sign-ups, MFA adoption and methods, passkeys. */
export const get = permissionProcedure("dashboard.read")
	.input(ZDashboardInput)
	.output(ZDashboard)
	.query(({ ctx, input }) => getDashboard(ctx, ctx.actor, input));
