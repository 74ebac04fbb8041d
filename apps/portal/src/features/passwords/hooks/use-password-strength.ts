import type { PasswordContext } from "@tessera/core/passwords/password-rules";
import type { PasswordStrengthInput, PasswordStrengthOutput } from "@tessera/core/passwords/password-strength.schema";
import { useEffect, useState } from "react";
import { trpc } from "../../../trpc";

/** The server's reading: zxcvbn's estimate, and what its own rule check would refuse (null without an organisation). */
export type PasswordReading = PasswordStrengthOutput;

/**
 * Pause after the last keystroke before asking: fast typing asks once, and each reading counts
 * against the per-address budget the server keeps for credential checks.
 */
const DEBOUNCE_MS = 300;

/** Longer candidates are refused by the API's schema (and on submit, by the rules themselves). */
const MAX_PASSWORD_LENGTH = 1024;

/**
 * zxcvbn's reading of a new password and, when `context.tenantSlug` names an organisation, the
 * server's own rule check under its policy, asked of the server (its dictionaries are over a
 * megabyte, too much for the browser); null while empty or before the first answer. The last
 * answer stays while the next one is on its way, so the meter does not flicker. Only a hint: the
 * server decides on submit.
 */
export function usePasswordStrength(password: string, context: PasswordContext): PasswordReading | null {
	const client = trpc.useUtils().client;
	const [reading, setReading] = useState<PasswordReading | null>(null);
	// Context objects are rebuilt every render; compare them by value.
	const contextKey = JSON.stringify(context);

	useEffect(() => {
		if (password === "" || password.length > MAX_PASSWORD_LENGTH) {
			setReading(null);
			return;
		}
		let isCurrent = true;
		const timer = window.setTimeout(() => {
			client.auth.passwordStrength
				.mutate({ password, context: JSON.parse(contextKey) as PasswordStrengthInput["context"] })
				.then((answer) => {
					if (isCurrent) setReading(answer);
				})
				.catch(() => {
					// Without an answer (offline, throttled) there is no meter; the server still checks on submit.
					if (isCurrent) setReading(null);
				});
		}, DEBOUNCE_MS);
		return () => {
			isCurrent = false;
			window.clearTimeout(timer);
		};
	}, [client, password, contextKey]);

	return reading;
}
