import { SUPPORTED_LANGUAGES } from "@tessera/core/users/user.schema";
import { z } from "zod";
import { publicProcedure } from "../../trpc";

/** What the sign-in page needs before anyone is signed in. Reveals nothing about users. */
export const config = publicProcedure
	.output(z.object({ defaultTenant: z.string().nullable(), languages: z.array(z.enum(SUPPORTED_LANGUAGES)) }))
	.query(({ ctx }) => ({ defaultTenant: ctx.config.defaultTenant, languages: [...SUPPORTED_LANGUAGES] }));
