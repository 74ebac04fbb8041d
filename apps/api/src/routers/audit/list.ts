import { listAuditEvents } from "@tessera/core/admin/audit-log.service";
import { ZListAuditInput, ZListAuditOutput } from "@tessera/core/audit/audit.schema";
import { permissionProcedure } from "../../trpc";

/** Search the tenant's audit log, newest first. Export: GET /export/audit.csv with the same filter. */
export const list = permissionProcedure("audit.read")
	.input(ZListAuditInput)
	.output(ZListAuditOutput)
	.query(({ ctx, input }) => listAuditEvents(ctx, ctx.actor, input));
