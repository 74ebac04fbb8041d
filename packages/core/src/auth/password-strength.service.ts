import { checkPasswordRules, estimateStrength } from "../passwords/password-rules";
import type { PasswordStrengthInput, PasswordStrengthOutput } from "../passwords/password-strength.schema";
import type { CoreDeps } from "../shared/deps";
import { passwordPolicyOfTenant } from "./password-policy.service";

/**
 * The strength meter's reading of a candidate password: zxcvbn's estimate and, when the page
 * names an organisation, what `checkPasswordRules` would refuse under its policy. It judges the
 * candidate against the words the page sent and nothing else (no account is read), so the only
 * thing it can tell a caller is what they could compute themselves; only a hint, the submit
 * decides.
 */
export async function readPasswordStrength(
	deps: Pick<CoreDeps, "db">,
	{ password, context }: PasswordStrengthInput,
): Promise<PasswordStrengthOutput> {
	const policy = context.tenantSlug ? await passwordPolicyOfTenant(deps, context.tenantSlug) : null;
	const checked = policy ? checkPasswordRules(password, policy, context) : null;
	return {
		estimate: estimateStrength(password, context),
		violations: checked ? (checked.ok ? [] : checked.violations) : null,
	};
}
