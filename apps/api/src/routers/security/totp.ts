import { beginTotpEnrollment, confirmTotpEnrollment, removeTotp } from "@tessera/core/mfa/totp.service";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { recentAuthProcedure } from "../../trpc";

const ok = z.object({ ok: z.literal(true) });

export const totpRouter = {
	/** New secret, otpauth URI and QR code: shown once, inactive until confirmed (SECURITY M07). */
	begin: recentAuthProcedure
		.meta({ allowWithPendingActions: true })
		.output(z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() }))
		.mutation(({ ctx }) => beginTotpEnrollment(ctx, ctx.actor, ctx.webauthn.rpName)),

	confirm: recentAuthProcedure
		.meta({ allowWithPendingActions: true })
		.input(
			z.strictObject({
				code: z
					.string()
					.trim()
					.regex(/^\d{6}$/, "Enter the 6-digit code from your app"),
			}),
		)
		.output(ok)
		.mutation(async ({ ctx, input }) => {
			await confirmTotpEnrollment(ctx, ctx.actor, input.code, ctx.meta);
			return { ok: true as const };
		}),

	remove: recentAuthProcedure.output(ok).mutation(async ({ ctx }) => {
		await removeTotp(ctx, ctx.actor, ctx.meta);
		return { ok: true as const };
	}),
} satisfies TRPCRouterRecord;
