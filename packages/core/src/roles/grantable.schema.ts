import { CONTEXT_TYPES } from "@tessera/db/schema";
import { z } from "zod";
import { ZAssignableContextsOutput } from "./assignable-contexts.schema";

/**
 * What the roles are to be granted through, each with its own rule (`GRANT_PURPOSES` in
 * grantable.service.ts): assigning on a user's page, an invitation, creating an application user.
 */
export const GRANT_PURPOSES = ["assign", "invite", "applicationUser"] as const;

export const ZGrantableInput = z
	.strictObject({ purpose: z.enum(GRANT_PURPOSES).default("assign") })
	.default({ purpose: "assign" });
export type TGrantableInput = z.output<typeof ZGrantableInput>;

/**
 * Where the caller may grant what. `contexts` are the places the purpose works in (where the
 * caller may hand roles out); `grants` says, for every role of the tenant and every such place
 * of the role's kind, whether the caller may grant it there and, if not, why: `not_manager` (no
 * right to hand roles out there) or `exceeds_own` (the role holds a permission the caller does not
 * hold there). `withSubAccounts`: an account grant may also reach the account's sub-accounts.
 */
export const ZGrantableOutput = z.object({
	contexts: ZAssignableContextsOutput,
	grants: z.array(
		z.object({
			roleId: z.uuid(),
			contextType: z.enum(CONTEXT_TYPES),
			contextId: z.uuid(),
			allowed: z.boolean(),
			reason: z.enum(["not_manager", "exceeds_own"]).nullable(),
			withSubAccounts: z.boolean(),
		}),
	),
});
export type TGrantableOutput = z.output<typeof ZGrantableOutput>;
