import {
	type PasswordRequirement,
	passwordRequirements,
	REQUIREMENT_OF_VIOLATION,
} from "@tessera/core/passwords/password-requirements";
import type { PasswordViolation } from "@tessera/core/passwords/password-rules";
import type { PasswordPolicy } from "@tessera/core/policy/tenant-policy";
import { VisuallyHidden } from "@tessera/ui/visually-hidden";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

function describe(requirement: PasswordRequirement, t: TFunction): string {
	switch (requirement.rule) {
		case "min_length":
			return t("passwordRules.requirements.min_length", { min: requirement.min });
		case "not_recent":
			return t("passwordRules.requirements.not_recent", { count: requirement.count });
		default:
			return t(`passwordRules.requirements.${requirement.rule}`);
	}
}

/**
 * The organisation's rules, listed before anyone types (the same policy the server enforces),
 * each marked met or not while a password is typed, from the server's own check. Rules only the
 * server can judge (earlier passwords) stay unmarked.
 */
export function PasswordRequirements({
	policy,
	violations,
}: {
	policy: PasswordPolicy;
	/** Null before anything is typed (or while the checker loads): nothing is marked yet. */
	violations: PasswordViolation[] | null;
}) {
	const { t } = useTranslation();
	const unmet = new Set(violations?.map((violation) => REQUIREMENT_OF_VIOLATION[violation.code]));
	return (
		<div className="portal-password-requirements">
			<p className="portal-password-requirements__title" id="password-requirements-title">
				{t("passwordRules.requirements.title")}
			</p>
			<ul aria-labelledby="password-requirements-title">
				{passwordRequirements(policy).map((requirement) => {
					const checkable = requirement.rule !== "not_recent";
					const state = violations === null || !checkable ? "open" : unmet.has(requirement.rule) ? "unmet" : "met";
					return (
						<li key={requirement.rule} data-state={state}>
							<span aria-hidden="true">{state === "met" ? "✓" : state === "unmet" ? "✗" : "•"}</span>{" "}
							{describe(requirement, t)}
							{state !== "open" && (
								<VisuallyHidden>
									{" "}
									({state === "met" ? t("passwordRules.requirements.met") : t("passwordRules.requirements.notMet")})
								</VisuallyHidden>
							)}
						</li>
					);
				})}
			</ul>
		</div>
	);
}
