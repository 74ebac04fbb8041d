import type { ButtonHTMLAttributes, MouseEvent, Ref } from "react";
import { cn } from "./cn";
import { Spinner } from "./spinner";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost" | "link";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
	variant?: ButtonVariant;
	size?: "sm" | "md";
	/**
	 * Shows a spinner and marks the button `aria-busy`. Clicks are swallowed while loading
	 * (so a form is not submitted twice), but the button stays focusable: disabling it would
	 * throw keyboard focus back to the document body mid-action.
	 */
	loading?: boolean;
	ref?: Ref<HTMLButtonElement>;
}

/** The classes that make an element look like a button (shared with `ButtonLink`). */
export function buttonClassName({
	variant = "primary",
	size = "md",
	isLoading = false,
	className,
}: {
	variant?: ButtonVariant;
	size?: "sm" | "md";
	isLoading?: boolean;
	className?: string | undefined;
}): string {
	return cn(
		"ui-button",
		`ui-button--${variant}`,
		size === "sm" && "ui-button--sm",
		isLoading && "is-loading",
		className,
	);
}

/** A button. Defaults to `type="button"` so it never submits a form by accident. */
export function Button({
	variant = "primary",
	size = "md",
	loading = false,
	type = "button",
	className,
	children,
	onClick,
	disabled,
	...rest
}: ButtonProps) {
	const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
		if (loading) {
			event.preventDefault();
			return;
		}
		onClick?.(event);
	};
	return (
		<button
			{...rest}
			type={type}
			disabled={disabled}
			aria-busy={loading || undefined}
			aria-disabled={loading || undefined}
			className={buttonClassName({ variant, size, isLoading: loading, className })}
			onClick={handleClick}
		>
			{loading && <Spinner size="sm" className="ui-button__spinner" />}
			<span className="ui-button__label">{children}</span>
		</button>
	);
}
