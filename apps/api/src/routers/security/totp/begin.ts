import { ZTotpEnrollmentOutput } from "@tessera/core/mfa/mfa.schema";
import { beginTotpEnrollment } from "@tessera/core/mfa/totp.service";
import { recentAuthProcedure } from "../../../trpc";

/** New secret, otpauth URI and QR code: shown once, inactive until confirmed (SECURITY M07). */
export const begin = recentAuthProcedure
	.meta({ allowWithPendingActions: true })
	.output(ZTotpEnrollmentOutput)
	.mutation(({ ctx }) => beginTotpEnrollment(ctx, ctx.actor, ctx.webauthn.rpName));
