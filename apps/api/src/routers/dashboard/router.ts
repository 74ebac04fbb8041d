import { getDashboard, ZDashboard } from "@tessera/core/dashboard/dashboard.service";
import type { TRPCRouterRecord } from "@trpc/server";
import { permissionProcedure } from "../../trpc";

export const dashboardRouter = {
	/** Totals, states, roles, pending invitations, sign-ups, MFA adoption and methods, passkeys. */
	get: permissionProcedure("dashboard.read")
		.output(ZDashboard)
		.query(({ ctx }) => getDashboard(ctx.db, ctx.clock, ctx.actor)),
} satisfies TRPCRouterRecord;
