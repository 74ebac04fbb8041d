import { z } from "zod";
import { PERMISSION_KEYS } from "./permissions";

/** Which permission the contexts are for; role assignment forms ask for roles.manage (the default). */
export const ZContextsInput = z
	.object({ permission: z.enum(PERMISSION_KEYS).default("roles.manage") })
	.strict()
	.default({ permission: "roles.manage" });
export type TContextsInput = z.input<typeof ZContextsInput>;

/**
 * The places where the caller holds a permission: the tenant (when they hold it tenant-wide), and
 * the accounts and spaces within its reach. Names only, nothing else.
 */
export const ZAssignableContextsOutput = z.object({
	tenant: z.object({ id: z.uuid(), name: z.string() }).nullable(),
	accounts: z.array(z.object({ id: z.uuid(), name: z.string(), parentAccountId: z.uuid().nullable() })),
	spaces: z.array(z.object({ id: z.uuid(), name: z.string(), accountId: z.uuid(), accountName: z.string() })),
});
export type TAssignableContextsOutput = z.output<typeof ZAssignableContextsOutput>;
