import type { PasswordContext, PasswordStrengthEstimate } from "@tessera/core/passwords/password-rules";
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

/**
 * zxcvbn's reading of a new password, with the same dictionaries and context words the server
 * uses; null while empty or while the rules load. Only a hint: the server decides.
 */
export function usePasswordStrength(password: string, context: PasswordContext): PasswordStrengthEstimate | null {
	const [estimate, setEstimate] = useState<PasswordStrengthEstimate | null>(null);
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
						setEstimate(module.estimateStrength(password, JSON.parse(contextKey) as PasswordContext));
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
	}, [password, contextKey]);

	return estimate;
}
