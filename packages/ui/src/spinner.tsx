import { cn } from "./cn";

export interface SpinnerProps {
	/**
	 * Accessible text announced to screen readers ("Loading…"). Without it the spinner is
	 * decorative (`aria-hidden`), e.g. inside a button that already carries `aria-busy`.
	 */
	label?: string;
	size?: "sm" | "md" | "lg";
	className?: string;
}

/** A rotating progress indicator; a live `status` region when it has a label. */
export function Spinner({ label, size = "md", className }: SpinnerProps) {
	if (label === undefined) {
		return <span className={cn("ui-spinner", `ui-spinner--${size}`, className)} aria-hidden="true" />;
	}
	return (
		<span className={cn("ui-spinner-wrap", className)} role="status">
			<span className={cn("ui-spinner", `ui-spinner--${size}`)} aria-hidden="true" />
			<span className="ui-visually-hidden">{label}</span>
		</span>
	);
}
