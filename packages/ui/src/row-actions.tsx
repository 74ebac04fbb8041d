import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

export interface RowActionsProps extends HTMLAttributes<HTMLDivElement> {
	children: ReactNode;
}

/**
 * The buttons at the end of a table row or list item, kept on one line and aligned to the end.
 * Give each button a name that says which row it acts on (`aria-label="Revoke ann@example.com"`):
 * read out of context, "Revoke" alone does not.
 */
export function RowActions({ className, children, ...rest }: RowActionsProps) {
	return (
		<div {...rest} className={cn("ui-row-actions", className)}>
			{children}
		</div>
	);
}
