import { Button } from "@tessera/ui/button";
import { TextField, type TextFieldProps } from "@tessera/ui/text-field";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

export interface PasswordFieldProps extends Omit<TextFieldProps, "type" | "endAdornment" | "autoComplete"> {
	/** "current-password" for a password the person knows, "new-password" for one they choose. */
	autoComplete: "current-password" | "new-password";
	/** Accessible names of the show/hide toggle, naming this field ("Show new password"). */
	showLabel: string;
	hideLabel: string;
}

/**
 * A password input with a show/hide toggle (SECURITY A21): `type=password` by default, pasting
 * and password managers allowed (the right `autocomplete`, no paste blocking), and the typed
 * text can be revealed to check for typos.
 */
export function PasswordField({ autoComplete, showLabel, hideLabel, id, ...rest }: PasswordFieldProps) {
	const { t } = useTranslation();
	const generatedId = useId();
	const inputId = id ?? generatedId;
	const [isVisible, setIsVisible] = useState(false);
	return (
		<TextField
			{...rest}
			id={inputId}
			type={isVisible ? "text" : "password"}
			autoComplete={autoComplete}
			autoCapitalize="none"
			autoCorrect="off"
			spellCheck={false}
			endAdornment={
				<Button
					variant="ghost"
					size="sm"
					aria-controls={inputId}
					aria-label={isVisible ? hideLabel : showLabel}
					onClick={() => setIsVisible((visible) => !visible)}
				>
					{isVisible ? t("password.hide") : t("password.show")}
				</Button>
			}
		/>
	);
}
