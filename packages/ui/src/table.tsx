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
		// biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard (WCAG 2.1.1).
		<section className="ui-table-wrap" tabIndex={0} aria-label={typeof caption === "string" ? caption : undefined}>
			<table {...rest} className={cn("ui-table", className)}>
				<caption className={showCaption ? "ui-table__caption" : "ui-visually-hidden"}>{caption}</caption>
				{children}
			</table>
		</section>
	);
}
