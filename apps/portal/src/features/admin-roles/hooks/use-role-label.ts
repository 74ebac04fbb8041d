import { useTranslation } from "react-i18next";
import type { Role } from "../role-form";

const BUILTIN_KEYS = [
	"tenant_admin",
	"user_manager",
	"security_auditor",
	"account_admin",
	"space_admin",
	"member",
] as const;
type BuiltinKey = (typeof BUILTIN_KEYS)[number];

function isKnownBuiltin(key: string): key is BuiltinKey {
	return (BUILTIN_KEYS as readonly string[]).includes(key);
}

/**
 * Names and descriptions to show for a role: built-in roles in the viewer's language (they are
 * Tessera's words), custom roles as their administrators wrote them.
 */
export function useRoleLabel() {
	const { t } = useTranslation();
	return (role: Pick<Role, "key" | "name" | "description" | "isBuiltin">) =>
		role.isBuiltin && isKnownBuiltin(role.key)
			? {
					name: t(`adminRoles.builtinRoles.${role.key}.name`),
					description: t(`adminRoles.builtinRoles.${role.key}.description`),
				}
			: { name: role.name, description: role.description };
}

/**
 * A role's name wherever one is shown (lists, filters, assignments, dialogs): a built-in role in
 * the viewer's language, a custom one as named. Goes by the key alone, which is safe: every
 * tenant holds its built-in roles under these keys, and keys are unique in a tenant.
 */
export function useRoleName() {
	const { t } = useTranslation();
	return (role: { key: string; name: string }): string =>
		isKnownBuiltin(role.key) ? t(`adminRoles.builtinRoles.${role.key}.name`) : role.name;
}
