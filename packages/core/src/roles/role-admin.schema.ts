/**
 * Inputs and outputs of role administration, shared by the API (procedure `.input()`/`.output()`)
 * and the portal (forms). Inputs are strict: an unknown key is refused, never ignored.
 */
import { CONTEXT_TYPES } from "@tessera/db/schema";
import { z } from "zod";
import { PERMISSION_KEYS } from "./permissions";

// Control characters and bidi overrides make names render misleadingly in admin tables and logs.
const FORBIDDEN_TEXT_CHARS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const codePoints = (value: string) => [...value].length;

// The length check raises a "too_big" issue, not a bare refinement, so a form can say which limit was crossed.
function ZText(max: number) {
	return z
		.string()
		.max(max * 4)
		.transform((value) => value.trim())
		.check((ctx) => {
			if (codePoints(ctx.value) > max) {
				ctx.issues.push({
					code: "too_big",
					origin: "string",
					maximum: max,
					inclusive: true,
					input: ctx.value,
					message: `Must be at most ${max} characters`,
				});
			}
		})
		.refine((value) => !FORBIDDEN_TEXT_CHARS.test(value), "Must not contain control characters");
}

export const ZPermission = z.enum(PERMISSION_KEYS);

/** The longest role key, for forms that suggest or take one. */
export const ROLE_KEY_MAX_LENGTH = 48;

/** A role key: a lower-case slug, stable across renames (built-ins use `tenant_admin` etc.). */
export const ZRoleKey = z
	.string()
	.regex(
		new RegExp(`^[a-z][a-z0-9_-]{1,${ROLE_KEY_MAX_LENGTH - 1}}$`),
		`Use 2–${ROLE_KEY_MAX_LENGTH} lower-case letters, digits, '-' or '_', starting with a letter`,
	);
export const ZRoleName = ZText(80).refine((value) => value.length > 0, "Must not be empty");
export const ZRoleDescription = ZText(500);

/** A set of permissions from the catalogue; each at most once. */
export const ZPermissionSet = z
	.array(ZPermission)
	.max(PERMISSION_KEYS.length)
	.refine((values) => new Set(values).size === values.length, "Each permission may appear only once");

export const ZRoleIdInput = z.strictObject({ roleId: z.uuid() });
export type TRoleIdInput = z.output<typeof ZRoleIdInput>;

export const ZCreateRoleInput = z.strictObject({
	key: ZRoleKey,
	name: ZRoleName,
	description: ZRoleDescription.default(""),
	contextType: z.enum(CONTEXT_TYPES),
	permissions: ZPermissionSet,
});
export type TCreateRoleInput = z.output<typeof ZCreateRoleInput>;

/**
 * Key and context type are fixed once a role exists (assignments depend on them). `revision` is
 * the one the caller read: a role changed in between is refused, never silently overwritten.
 */
export const ZUpdateRoleInput = z
	.strictObject({
		roleId: z.uuid(),
		revision: z.string().min(1).max(64),
		name: ZRoleName.optional(),
		description: ZRoleDescription.optional(),
		permissions: ZPermissionSet.optional(),
	})
	.refine(
		(input) => input.name !== undefined || input.description !== undefined || input.permissions !== undefined,
		"Change at least one of name, description or permissions",
	);
export type TUpdateRoleInput = z.output<typeof ZUpdateRoleInput>;

/** `force` also removes every assignment of the role (each is listed in the audit row). */
export const ZDeleteRoleInput = z.strictObject({ roleId: z.uuid(), force: z.boolean().default(false) });
export type TDeleteRoleInput = z.output<typeof ZDeleteRoleInput>;

/** Where a role is assigned. Only an account assignment can apply to the account's sub-accounts. */
export const ZAssignmentContextInput = z.discriminatedUnion("type", [
	z.strictObject({ type: z.literal("tenant") }),
	z.strictObject({ type: z.literal("account"), accountId: z.uuid(), appliesToSubAccounts: z.boolean().default(false) }),
	z.strictObject({ type: z.literal("space"), spaceId: z.uuid() }),
]);
export type TAssignmentContextInput = z.output<typeof ZAssignmentContextInput>;

export const ZAssignRoleInput = z.strictObject({
	userId: z.uuid(),
	roleId: z.uuid(),
	context: ZAssignmentContextInput,
});
export type TAssignRoleInput = z.output<typeof ZAssignRoleInput>;

export const ZUnassignRoleInput = z.strictObject({ assignmentId: z.uuid() });
export type TUnassignRoleInput = z.output<typeof ZUnassignRoleInput>;

export const ZUserAssignmentsInput = z.strictObject({ userId: z.uuid() });
export type TUserAssignmentsInput = z.output<typeof ZUserAssignmentsInput>;

// Outputs

export const ZPermissionInfo = z.object({ key: ZPermission, description: z.string() });
export const ZPermissionCatalogueOutput = z.array(ZPermissionInfo);
export type TPermissionCatalogueOutput = z.output<typeof ZPermissionCatalogueOutput>;

export const ZRole = z.object({
	id: z.uuid(),
	key: z.string(),
	name: z.string(),
	description: z.string(),
	contextType: z.enum(CONTEXT_TYPES),
	isBuiltin: z.boolean(),
	permissions: z.array(ZPermission),
	assignmentCount: z.number().int(),
	/** Opaque; send it back with an update. Changes whenever name, description or permissions do. */
	revision: z.string(),
	createdAt: z.date(),
});
export type TRole = z.output<typeof ZRole>;
export const ZRoleListOutput = z.array(ZRole);

export const ZRoleAssignment = z.object({
	id: z.uuid(),
	userId: z.uuid(),
	roleId: z.uuid(),
	roleKey: z.string(),
	roleName: z.string(),
	contextType: z.enum(CONTEXT_TYPES),
	contextId: z.uuid(),
	/** The tenant, account or space name; null when the account or space no longer exists. */
	contextLabel: z.string().nullable(),
	appliesToSubAccounts: z.boolean(),
	createdAt: z.date(),
});
export type TRoleAssignment = z.output<typeof ZRoleAssignment>;
export const ZRoleAssignmentListOutput = z.array(ZRoleAssignment);

export const ZDeleteRoleOutput = z.object({ roleId: z.uuid(), removedAssignments: z.number().int() });
export type TDeleteRoleOutput = z.output<typeof ZDeleteRoleOutput>;
