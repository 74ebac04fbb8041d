import type { HTMLAttributes } from "react";
import { cn } from "./cn";

export interface VisuallyHiddenProps extends HTMLAttributes<HTMLElement> {
	/** The element to render: a `legend` names a fieldset whose visible heading lives elsewhere. */
	as?: "span" | "legend";
}

/**
 * Text for screen readers only, e.g. the name of an actions column whose header shows nothing.
 * Clipped rather than `display: none`, which would hide it from assistive technology too.
 */
export function VisuallyHidden({ as: Element = "span", className, ...rest }: VisuallyHiddenProps) {
	return <Element {...rest} className={cn("ui-visually-hidden", className)} />;
}
