import { type ReactNode, type Ref, type SelectHTMLAttributes, useId } from "react";
import { cn } from "./cn";
import { Field, fieldIds } from "./field";

export interface SelectOption {
	value: string;
	label: string;
	disabled?: boolean;
}

export interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
	label: ReactNode;
	hint?: ReactNode;
	error?: ReactNode;
	/** Options to render; `children` (e.g. `<optgroup>`s) are rendered after them. */
	options?: readonly SelectOption[];
	className?: string;
	selectClassName?: string;
	ref?: Ref<HTMLSelectElement>;
}

/** A labelled native `<select>`, with the same hint and error wiring as TextField. */
export function SelectField({
	label,
	hint,
	error,
	options,
	children,
	className,
	selectClassName,
	id,
	required,
	"aria-describedby": extraDescribedBy,
	...selectProps
}: SelectFieldProps) {
	const generatedId = useId();
	const ids = fieldIds(id ?? generatedId, Boolean(hint), Boolean(error), extraDescribedBy);
	return (
		<Field ids={ids} label={label} hint={hint} error={error} className={className}>
			<div className="ui-select">
				<select
					{...selectProps}
					id={ids.controlId}
					required={required}
					aria-invalid={error ? true : undefined}
					aria-describedby={ids.describedBy}
					className={cn("ui-select__control", selectClassName)}
				>
					{options?.map((option) => (
						<option key={option.value} value={option.value} disabled={option.disabled}>
							{option.label}
						</option>
					))}
					{children}
				</select>
			</div>
		</Field>
	);
}
