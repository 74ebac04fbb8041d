import { type InputHTMLAttributes, type ReactNode, type Ref, useId } from "react";
import { cn } from "./cn";

export interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "children"> {
	label: ReactNode;
	/** Help text under the label, linked with `aria-describedby`. */
	hint?: ReactNode;
	className?: string;
	ref?: Ref<HTMLInputElement>;
}

/** A native checkbox with its label beside it; the whole label is the click target. */
export function CheckboxField({ label, hint, className, id, ref, ...inputProps }: CheckboxFieldProps) {
	const generatedId = useId();
	const controlId = id ?? generatedId;
	const hintId = hint ? `${controlId}-hint` : undefined;
	return (
		<div className={cn("ui-checkbox", className)}>
			<input
				{...inputProps}
				ref={ref}
				id={controlId}
				type="checkbox"
				aria-describedby={hintId}
				className="ui-checkbox__control"
			/>
			<div>
				<label className="ui-checkbox__label" htmlFor={controlId}>
					{label}
				</label>
				{hint && (
					<p className="ui-field__hint" id={hintId}>
						{hint}
					</p>
				)}
			</div>
		</div>
	);
}
