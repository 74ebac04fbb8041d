import type { HTMLAttributes } from "react";
import { cn } from "./cn";

export type VisuallyHiddenProps = HTMLAttributes<HTMLSpanElement>;

/**
 * Text for screen readers only, e.g. the name of an actions column whose header shows nothing.
 * Clipped rather than `display: none`, which would hide it from assistive technology too.
 */
export function VisuallyHidden({ className, ...rest }: VisuallyHiddenProps) {
	return <span {...rest} className={cn("ui-visually-hidden", className)} />;
}
