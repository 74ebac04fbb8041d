import { ZComplianceReport } from "@tessera/core/compliance/compliance.schema";
import { getComplianceReport } from "@tessera/core/compliance/compliance.service";
import { permissionProcedure } from "../../trpc";

/**
 * Who and what falls short of the policy today (admins without MFA, expiring passwords, dormant
 * accounts, idle or unexpiring keys, repeated failures). Core checks dashboard.read tenant-wide.
 */
export const compliance = permissionProcedure("dashboard.read")
	.output(ZComplianceReport)
	.query(({ ctx }) => getComplianceReport(ctx, ctx.actor));
