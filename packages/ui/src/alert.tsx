import type { HTMLAttributes, ReactNode, Ref } from "react";
import { cn } from "./cn";

export type AlertTone = "info" | "success" | "warning" | "error";

export interface AlertProps extends Omit<HTMLAttributes<HTMLDivElement>, "title"> {
	tone?: AlertTone;
	title?: ReactNode;
	/** A button or link offered with the message, e.g. "Reload latest". */
	action?: ReactNode;
	ref?: Ref<HTMLDivElement>;
}

/**
 * A message box. Warnings and errors are `role="alert"` (announced at once, interrupting);
 * info and success are `role="status"` (announced politely). Pass `role` to override.
 */
export function Alert({ tone = "info", title, action, className, children, role, ...rest }: AlertProps) {
	const defaultRole = tone === "warning" || tone === "error" ? "alert" : "status";
	return (
		<div {...rest} role={role ?? defaultRole} className={cn("ui-alert", `ui-alert--${tone}`, className)}>
			<span className="ui-alert__icon" aria-hidden="true" />
			<div className="ui-alert__body">
				{title && <p className="ui-alert__title">{title}</p>}
				{children && <div className="ui-alert__content">{children}</div>}
			</div>
			{action && <div className="ui-alert__action">{action}</div>}
		</div>
	);
}
