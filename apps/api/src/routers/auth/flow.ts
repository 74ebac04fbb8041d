import {
	changePasswordInFlow,
	getFlowState,
	sendSignInCode,
	startPasskeySecondFactor,
	verifyPasskeySecondFactor,
	verifySignInCode,
} from "@tessera/core/auth/login-flow.service";
import { ZAuthenticationResponseJSON } from "@tessera/core/passkeys/passkey.schema";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { credentialProcedure, publicProcedure } from "../../trpc";
import { ZCodeInput, ZNewPasswordInput, ZSecondFactor, ZSignInOutput } from "./sign-in.schema";
import { respondToSignIn } from "./sign-in-result";

/**
 * The steps between the first factor and a session. Each needs the flow cookie and works only
 * at its own stage; nothing here reads or changes anything else (SECURITY M01).
 */
export const flowRouter = {
	state: publicProcedure
		.output(
			z.object({
				stage: z.enum(["mfa", "password_change", "required_actions"]),
				methods: z.array(ZSecondFactor),
				preferred: ZSecondFactor.nullable(),
				destinations: z.object({ sms: z.string().nullable(), email: z.string().nullable() }),
			}),
		)
		.query(({ ctx }) => getFlowState(ctx, ctx.flow.unverifiedToken)),

	sendCode: credentialProcedure
		.input(z.strictObject({ channel: z.enum(["sms", "email"]) }))
		.output(z.object({ expiresAt: z.date() }))
		.mutation(({ ctx, input }) => sendSignInCode(ctx, ctx.flow.unverifiedToken, input.channel)),

	verifyCode: credentialProcedure
		.input(ZCodeInput)
		.output(ZSignInOutput)
		.mutation(async ({ ctx, input }) =>
			respondToSignIn(ctx, await verifySignInCode(ctx, ctx.flow.unverifiedToken, input, ctx.meta)),
		),

	passkeyOptions: publicProcedure
		.output(z.record(z.string(), z.unknown()))
		.mutation(async ({ ctx }) => ({ ...(await startPasskeySecondFactor(ctx, ctx.flow.unverifiedToken)) })),

	verifyPasskey: credentialProcedure
		.input(z.strictObject({ response: ZAuthenticationResponseJSON }))
		.output(ZSignInOutput)
		.mutation(async ({ ctx, input }) =>
			respondToSignIn(ctx, await verifyPasskeySecondFactor(ctx, ctx.flow.unverifiedToken, input.response, ctx.meta)),
		),

	changePassword: credentialProcedure
		.input(ZNewPasswordInput)
		.output(ZSignInOutput)
		.mutation(async ({ ctx, input }) =>
			respondToSignIn(ctx, await changePasswordInFlow(ctx, ctx.flow.unverifiedToken, input.newPassword, ctx.meta)),
		),
} satisfies TRPCRouterRecord;
