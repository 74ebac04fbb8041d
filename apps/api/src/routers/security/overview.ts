import { getSecurityOverview } from "@tessera/core/mfa/mfa-settings.service";
import { REQUIRED_ACTIONS, TWO_FACTOR_TYPES } from "@tessera/db/schema";
import { z } from "zod";
import { authedProcedure } from "../../trpc";

const ZMethod = z.enum(TWO_FACTOR_TYPES);

export const ZSecurityOverview = z.object({
	password: z.object({
		set: z.boolean(),
		changedAt: z.date().nullable(),
		expiresAt: z.date().nullable(),
		minLength: z.number(),
	}),
	mfa: z.object({
		enabled: z.boolean(),
		required: z.boolean(),
		preferred: ZMethod.nullable(),
		enrolled: z.array(ZMethod),
		usable: z.array(ZMethod),
		allowed: z.array(ZMethod),
		totpPending: z.boolean(),
		sms: z.object({ enabled: z.boolean(), phone: z.string().nullable(), phoneVerified: z.boolean() }),
		email: z.object({ enabled: z.boolean(), email: z.string().nullable(), emailVerified: z.boolean() }),
		recoveryCodesRemaining: z.number(),
	}),
	requiredActions: z.array(z.enum(REQUIRED_ACTIONS)),
	reauthenticatedUntil: z.date(),
});

/** The Security page's data: methods, password age, recovery codes left. No secret is in it. */
export const overview = authedProcedure
	.meta({ allowWithPendingActions: true })
	.output(ZSecurityOverview)
	.query(({ ctx }) => getSecurityOverview(ctx, ctx.actor));
