import { z } from "zod";

/**
 * Sign-in input. The email is only trimmed and lower-cased (not validated as an address): any
 * string simply fails to match, with the same generic answer as a wrong password.
 */
export const ZSignInInput = z.strictObject({
	tenant: z.string().trim().toLowerCase().min(1).max(63),
	email: z.string().trim().toLowerCase().min(1).max(254),
	// The byte cap (1 KiB) is enforced in core before hashing; this bounds the JSON itself.
	password: z.string().min(1).max(1024),
});
export const ZSignInOutput = z.object({ userId: z.uuid() });
