import { ZPasswordPolicyInput } from "@tessera/core/auth/auth.schema";
import { passwordPolicyOfTenant } from "@tessera/core/auth/password-policy.service";
import { ZPasswordPolicy } from "@tessera/core/policy/tenant-policy";
import { publicProcedure } from "../../trpc";

/** The organisation's password rules, for pages that set a password before anyone is signed in. */
export const passwordPolicy = publicProcedure
	.input(ZPasswordPolicyInput)
	.output(ZPasswordPolicy)
	.query(({ ctx, input }) => passwordPolicyOfTenant(ctx, input.tenant));
