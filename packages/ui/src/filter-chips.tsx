import type { ReactNode } from "react";
import { cn } from "./cn";

export interface FilterChip {
	key: string;
	/** What the filter holds, e.g. "State: Inactive". */
	label: ReactNode;
	/** The remove button's accessible name, e.g. "Remove filter State: Inactive". */
	removeLabel: string;
	onRemove: () => void;
}

/**
 * The active filters of a list as chips, each with a button that removes it, so what narrows
 * the list is in view while the filter controls are folded away. Renders nothing without chips.
 */
export function FilterChips({
	label,
	chips,
	className,
}: {
	label: string;
	chips: readonly FilterChip[];
	className?: string;
}) {
	if (chips.length === 0) return null;
	return (
		<ul className={cn("ui-chips", className)} aria-label={label}>
			{chips.map((chip) => (
				<li key={chip.key} className="ui-chip">
					<span>{chip.label}</span>
					<button type="button" className="ui-chip__remove" aria-label={chip.removeLabel} onClick={chip.onRemove}>
						<span aria-hidden="true">×</span>
					</button>
				</li>
			))}
		</ul>
	);
}
