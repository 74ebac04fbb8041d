import {
	confirmEmail,
	confirmPhone,
	requestEmailChange,
	requestPhoneChange,
	sendEmailVerificationCode,
} from "@tessera/core/users/contact-verification.service";
import { ZEmail, ZPhone } from "@tessera/core/users/user.schema";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { authedProcedure, recentAuthProcedure } from "../../trpc";

const ZCode = z.strictObject({
	code: z
		.string()
		.trim()
		.regex(/^\d{6}$/, "Enter the 6-digit code"),
});
const sent = z.object({ expiresAt: z.date() });
const ok = z.object({ ok: z.literal(true) });

export const emailRouter = {
	/** Code to the current address, to verify it. */
	sendVerification: authedProcedure
		.meta({ allowWithPendingActions: true })
		.output(sent)
		.mutation(({ ctx }) => sendEmailVerificationCode(ctx, ctx.actor)),
	/** Code to a new address; the switch happens only on confirm (SECURITY L10). */
	requestChange: recentAuthProcedure
		.input(z.strictObject({ email: ZEmail }))
		.output(sent)
		.mutation(({ ctx, input }) => requestEmailChange(ctx, ctx.actor, input.email)),
	confirm: authedProcedure
		.meta({ allowWithPendingActions: true })
		.input(ZCode)
		.output(ok)
		.mutation(async ({ ctx, input }) => {
			await confirmEmail(ctx, ctx.actor, input.code, ctx.meta);
			return { ok: true as const };
		}),
} satisfies TRPCRouterRecord;

export const phoneRouter = {
	requestChange: recentAuthProcedure
		.meta({ allowWithPendingActions: true })
		.input(z.strictObject({ phone: ZPhone.refine((value) => value !== null, "Enter a number") }))
		.output(sent)
		.mutation(({ ctx, input }) => requestPhoneChange(ctx, ctx.actor, input.phone ?? "")),
	confirm: recentAuthProcedure
		.meta({ allowWithPendingActions: true })
		.input(ZCode)
		.output(ok)
		.mutation(async ({ ctx, input }) => {
			await confirmPhone(ctx, ctx.actor, input.code, ctx.meta);
			return { ok: true as const };
		}),
} satisfies TRPCRouterRecord;
