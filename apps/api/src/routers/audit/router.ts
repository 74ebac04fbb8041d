import { listAuditEvents } from "@tessera/core/admin/audit-log.service";
import { ZListAuditInput, ZListAuditOutput } from "@tessera/core/audit/audit.schema";
import type { TRPCRouterRecord } from "@trpc/server";
import { permissionProcedure } from "../../trpc";

export const auditRouter = {
	/** Search the tenant's audit log, newest first. Export: GET /export/audit.csv with the same filter. */
	list: permissionProcedure("audit.read")
		.input(ZListAuditInput)
		.output(ZListAuditOutput)
		.query(({ ctx, input }) => listAuditEvents(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
