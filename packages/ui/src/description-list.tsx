import type { ReactNode } from "react";
import { cn } from "./cn";

export interface DescriptionItem {
	/** Stable key for React. */
	id: string;
	term: ReactNode;
	description: ReactNode;
}

export interface DescriptionListProps {
	items: readonly DescriptionItem[];
	className?: string;
}

/** Read-only term/value pairs as a `<dl>`, in a responsive two-column grid. */
export function DescriptionList({ items, className }: DescriptionListProps) {
	return (
		<dl className={cn("ui-description-list", className)}>
			{items.map((item) => (
				<div key={item.id} className="ui-description-list__item">
					<dt>{item.term}</dt>
					<dd>{item.description}</dd>
				</div>
			))}
		</dl>
	);
}
