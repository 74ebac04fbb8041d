import { z } from "zod";

/**
 * The places where the caller may assign roles: the tenant (when they manage roles tenant-wide),
 * and the accounts and spaces within their roles.manage reach. Names only, nothing else.
 */
export const ZAssignableContextsOutput = z.object({
	tenant: z.object({ id: z.uuid(), name: z.string() }).nullable(),
	accounts: z.array(z.object({ id: z.uuid(), name: z.string(), parentAccountId: z.uuid().nullable() })),
	spaces: z.array(z.object({ id: z.uuid(), name: z.string(), accountId: z.uuid(), accountName: z.string() })),
});
export type TAssignableContextsOutput = z.output<typeof ZAssignableContextsOutput>;
