import { signInWithPassword } from "@tessera/core/auth/sign-in.service";
import { publicProcedure } from "../../trpc";
import { ZSignInInput, ZSignInOutput } from "./sign-in.schema";

export const signIn = publicProcedure
	.input(ZSignInInput)
	.output(ZSignInOutput)
	.mutation(async ({ ctx, input }) => {
		const result = await signInWithPassword(ctx.db, ctx.clock, input, ctx.meta);
		ctx.session.set(result.token, result.expiresAt);
		return { userId: result.userId };
	});
