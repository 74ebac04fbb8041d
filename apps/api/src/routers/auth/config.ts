import { ZAuthConfigOutput } from "@tessera/core/auth/auth.schema";
import { SUPPORTED_LANGUAGES } from "@tessera/core/users/user.schema";
import { publicProcedure } from "../../trpc";

/** What the sign-in page needs before anyone is signed in. Reveals nothing about users. */
export const config = publicProcedure
	.output(ZAuthConfigOutput)
	.query(({ ctx }) => ({ defaultTenant: ctx.config.defaultTenant, languages: [...SUPPORTED_LANGUAGES] }));
