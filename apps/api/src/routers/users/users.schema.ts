import { ZVersion } from "@tessera/core/users/user.schema";
import { z } from "zod";

export const ZUserIdInput = z.strictObject({ userId: z.uuid() });
export const ZChangeStateInput = z.strictObject({
	userId: z.uuid(),
	version: ZVersion,
	to: z.enum(["active", "inactive", "deleting"]),
});
