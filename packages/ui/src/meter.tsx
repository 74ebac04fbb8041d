import { cn } from "./cn";

export type MeterTone = "danger" | "warning" | "success";

export interface MeterProps {
	/** Current level, from 0 to `max`. */
	value: number;
	max: number;
	/** Accessible name of the meter, e.g. "Password strength". */
	label: string;
	/** The level in words, shown beside the bar and announced instead of the number. */
	valueText: string;
	tone: MeterTone;
	className?: string;
}

/** A segmented bar that shows a level (0…max) with its meaning in words next to it. */
export function Meter({ value, max, label, valueText, tone, className }: MeterProps) {
	return (
		<div className={cn("ui-meter", `ui-meter--${tone}`, className)}>
			{/* biome-ignore lint/a11y/useSemanticElements: a native <meter> cannot be styled as segments consistently across browsers. */}
			<div
				className="ui-meter__bar"
				role="meter"
				aria-label={label}
				aria-valuemin={0}
				aria-valuemax={max}
				aria-valuenow={value}
				aria-valuetext={valueText}
			>
				{Array.from({ length: max }, (_, index) => (
					// Segments are fixed positions, never reordered: the index is their identity.
					<span key={index} className={cn("ui-meter__segment", index < value && "is-filled")} />
				))}
			</div>
			<span className="ui-meter__text" aria-hidden="true">
				{valueText}
			</span>
		</div>
	);
}
