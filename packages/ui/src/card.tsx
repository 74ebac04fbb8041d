import { type HTMLAttributes, type ReactNode, type Ref, useId } from "react";
import { cn } from "./cn";

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, "title"> {
	/** Heading of the card; when set the card is a labelled region. */
	title?: ReactNode;
	description?: ReactNode;
	/** Controls shown at the right of the header. */
	actions?: ReactNode;
	/** Heading level for the title (defaults to 2; 1 when the card is the page, as on sign-in pages). */
	headingLevel?: 1 | 2 | 3 | 4;
	footer?: ReactNode;
	/** Extra class of the body, for a page's own layout of what the card holds. */
	bodyClassName?: string;
	ref?: Ref<HTMLElement>;
}

/** A surface that groups related content, optionally with a heading, actions and footer. */
export function Card({
	title,
	description,
	actions,
	headingLevel = 2,
	footer,
	bodyClassName,
	className,
	children,
	...rest
}: CardProps) {
	const headingId = useId();
	const Heading = `h${headingLevel}` as const;
	const hasHeader = Boolean(title || description || actions);
	return (
		<section {...rest} aria-labelledby={title ? headingId : undefined} className={cn("ui-card", className)}>
			{hasHeader && (
				<header className="ui-card__header">
					<div>
						{title && (
							<Heading id={headingId} className="ui-card__title">
								{title}
							</Heading>
						)}
						{description && <p className="ui-card__description">{description}</p>}
					</div>
					{actions && <div className="ui-card__actions">{actions}</div>}
				</header>
			)}
			<div className={cn("ui-card__body", bodyClassName)}>{children}</div>
			{footer && <footer className="ui-card__footer">{footer}</footer>}
		</section>
	);
}
