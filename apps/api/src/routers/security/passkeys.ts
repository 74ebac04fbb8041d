import {
	beginPasskeyRegistration,
	completePasskeyRegistration,
	listOwnPasskeys,
	removeOwnPasskey,
} from "@tessera/core/mfa/mfa-settings.service";
import { ZPasskeyName, ZPasskeyView, ZRegistrationResponseJSON } from "@tessera/core/passkeys/passkey.schema";
import { renamePasskey } from "@tessera/core/passkeys/passkey.service";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { authedProcedure, recentAuthProcedure } from "../../trpc";

export const passkeysRouter = {
	list: authedProcedure
		.meta({ allowWithPendingActions: true })
		.output(z.array(ZPasskeyView))
		.query(({ ctx }) => listOwnPasskeys(ctx, ctx.actor)),

	registrationOptions: recentAuthProcedure
		.meta({ allowWithPendingActions: true })
		.output(z.record(z.string(), z.unknown()))
		.mutation(async ({ ctx }) => ({ ...(await beginPasskeyRegistration(ctx, ctx.actor)) })),

	register: recentAuthProcedure
		.meta({ allowWithPendingActions: true })
		.input(z.strictObject({ name: ZPasskeyName, response: ZRegistrationResponseJSON }))
		.output(ZPasskeyView)
		.mutation(({ ctx, input }) => completePasskeyRegistration(ctx, ctx.actor, input, ctx.meta)),

	rename: authedProcedure
		.input(z.strictObject({ passkeyId: z.uuid(), name: ZPasskeyName }))
		.output(ZPasskeyView)
		.mutation(({ ctx, input }) =>
			renamePasskey(ctx.db, ctx.clock, { tenantId: ctx.actor.tenantId, userId: ctx.actor.userId, ...input }, ctx.meta),
		),

	remove: recentAuthProcedure
		.input(z.strictObject({ passkeyId: z.uuid() }))
		.output(ZPasskeyView)
		.mutation(({ ctx, input }) => removeOwnPasskey(ctx, ctx.actor, input.passkeyId, ctx.meta)),
} satisfies TRPCRouterRecord;
