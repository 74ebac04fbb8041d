import { ZBranding, ZGetBrandingInput } from "@tessera/core/tenants/branding.schema";
import { getBranding } from "@tessera/core/tenants/branding.service";
import { publicProcedure } from "../../trpc";

/**
 * An organisation's name, colour and logo, for anyone: the sign-in page shows them before anyone
 * is signed in. Without a slug, the installation's default organisation's (the one the sign-in
 * page signs in to).
 */
export const get = publicProcedure
	.input(ZGetBrandingInput)
	.output(ZBranding)
	.query(({ ctx, input }) => getBranding(ctx, input?.tenant ?? ctx.config.defaultTenant));
