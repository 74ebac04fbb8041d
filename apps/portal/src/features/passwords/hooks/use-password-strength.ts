import type {
	PasswordContext,
	PasswordStrengthEstimate,
	PasswordViolation,
} from "@tessera/core/passwords/password-rules";
import type { PasswordPolicy } from "@tessera/core/policy/tenant-policy";
import { useEffect, useState } from "react";

type PasswordRules = typeof import("@tessera/core/passwords/password-rules");

let rules: Promise<PasswordRules> | undefined;

/**
 * Loads the password rules (the same module the server checks with) on first use. Its
 * dictionaries are large, so they live in their own chunk and load only when someone starts to
 * choose a password; call this on focus to have them ready by the first keystroke.
 */
export function preloadPasswordRules(): Promise<PasswordRules> {
	rules ??= import("@tessera/core/passwords/password-rules").catch((error: unknown) => {
		// Let a later attempt retry (e.g. after a network hiccup).
		rules = undefined;
		throw error;
	});
	return rules;
}

export interface PasswordReading {
	estimate: PasswordStrengthEstimate;
	/** What `checkPasswordRules`, the server's own check, refuses under the policy; null without a policy. */
	violations: PasswordViolation[] | null;
}

/**
 * zxcvbn's reading of a new password, with the same dictionaries and context words the server
 * uses, and, once the organisation's policy is known, the server's own rule check; null while
 * empty or while the rules load. Only a hint: the server decides.
 */
export function usePasswordStrength(
	password: string,
	context: PasswordContext,
	policy: PasswordPolicy | null = null,
): PasswordReading | null {
	const [estimate, setEstimate] = useState<PasswordReading | null>(null);
	const policyKey = policy ? JSON.stringify(policy) : null;
	// Context objects are rebuilt every render; compare them by value.
	const contextKey = JSON.stringify(context);

	useEffect(() => {
		if (password === "") {
			setEstimate(null);
			return;
		}
		let isCurrent = true;
		// A short pause, so fast typing estimates once instead of on every keystroke.
		const timer = window.setTimeout(() => {
			preloadPasswordRules()
				.then((module) => {
					if (isCurrent) {
						const words = JSON.parse(contextKey) as PasswordContext;
						const rules = policyKey ? (JSON.parse(policyKey) as PasswordPolicy) : null;
						const checked = rules ? module.checkPasswordRules(password, rules, words) : null;
						setEstimate({
							estimate: module.estimateStrength(password, words),
							violations: checked ? (checked.ok ? [] : checked.violations) : null,
						});
					}
				})
				.catch(() => {
					// Without the rules there is no meter; the server still checks the password.
					if (isCurrent) {
						setEstimate(null);
					}
				});
		}, 120);
		return () => {
			isCurrent = false;
			window.clearTimeout(timer);
		};
	}, [password, contextKey, policyKey]);

	return estimate;
}
