import type { HTMLAttributes } from "react";
import { cn } from "./cn";

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "danger";

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
	tone?: BadgeTone;
}

/** A short inline label (a status or a flag). Its text is its accessible name. */
export function Badge({ tone = "neutral", className, ...rest }: BadgeProps) {
	return <span {...rest} className={cn("ui-badge", `ui-badge--${tone}`, className)} />;
}
