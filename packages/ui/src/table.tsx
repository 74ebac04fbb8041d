import type { ReactNode, TableHTMLAttributes } from "react";
import { cn } from "./cn";

export interface TableProps extends TableHTMLAttributes<HTMLTableElement> {
	/** What the table lists; read out by screen readers (and shown when `showCaption` is set). */
	caption: ReactNode;
	showCaption?: boolean;
	children: ReactNode;
}

/**
 * A data table (pass `<thead>` and `<tbody>` as children). On narrow screens it scrolls
 * sideways inside a focusable region, so keyboard users can scroll it too.
 */
export function Table({ caption, showCaption = false, className, children, ...rest }: TableProps) {
	return (
		// A group, not a region landmark: the card around a table is usually named like the table,
		// and two landmarks of one name tell a screen reader user nothing (axe landmark-unique).
		// biome-ignore lint/a11y/useSemanticElements: a fieldset groups form controls; this groups a table's scroll area
		<div
			role="group"
			className="ui-table-wrap"
			// biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard (WCAG 2.1.1).
			tabIndex={0}
			aria-label={typeof caption === "string" ? caption : undefined}
		>
			<table {...rest} className={cn("ui-table", className)}>
				<caption className={showCaption ? "ui-table__caption" : "ui-visually-hidden"}>{caption}</caption>
				{children}
			</table>
		</div>
	);
}
