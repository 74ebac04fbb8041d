import { finishPasswordlessSignIn, startPasswordlessSignIn } from "@tessera/core/auth/login-flow.service";
import { ZAuthenticationResponseJSON } from "@tessera/core/passkeys/passkey.schema";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { credentialProcedure, publicProcedure } from "../../trpc";
import { ZSignInOutput } from "./sign-in.schema";
import { respondToSignIn } from "./sign-in-result";

const ZTenant = z.string().trim().toLowerCase().min(1).max(63);

/** Passwordless sign-in with a discoverable passkey (also the browser's autofill / conditional UI). */
export const passkeySignInRouter = {
	options: publicProcedure
		.input(z.strictObject({ tenant: ZTenant }))
		.output(z.record(z.string(), z.unknown()))
		.mutation(async ({ ctx, input }) => ({ ...(await startPasswordlessSignIn(ctx, input.tenant)) })),

	verify: credentialProcedure
		.input(z.strictObject({ tenant: ZTenant, response: ZAuthenticationResponseJSON }))
		.output(ZSignInOutput)
		.mutation(async ({ ctx, input }) =>
			respondToSignIn(ctx, await finishPasswordlessSignIn(ctx, input.tenant, input.response, ctx.meta)),
		),
} satisfies TRPCRouterRecord;
