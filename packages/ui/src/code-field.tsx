import { TextField, type TextFieldProps } from "./text-field";

export interface CodeFieldProps extends Omit<TextFieldProps, "type" | "inputMode" | "pattern" | "maxLength"> {
	/** How many digits the code has. */
	length?: number;
}

/**
 * The input for a numeric one-time code (authenticator app, SMS, email). A text input, not
 * `type="number"` (which drops leading zeros and adds a spinner), with the numeric keypad on
 * phones and `one-time-code` autofill, so a code from an SMS can be filled in with one tap.
 * Spaces stay allowed, since people type codes as they read them ("123 456"); `maxLength`
 * leaves room for two of them and stops anything longer from being typed at all.
 */
export function CodeField({
	length = 6,
	name = "one-time-code",
	autoComplete = "one-time-code",
	spellCheck = false,
	...rest
}: CodeFieldProps) {
	return (
		<TextField
			{...rest}
			type="text"
			name={name}
			inputMode="numeric"
			autoComplete={autoComplete}
			pattern="[0-9 ]*"
			maxLength={length + 2}
			spellCheck={spellCheck}
		/>
	);
}
