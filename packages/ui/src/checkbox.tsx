import { type InputHTMLAttributes, useEffect, useRef } from "react";
import { cn } from "./cn";

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "children"> {
	/** Without a visible label the checkbox must be named, e.g. "Select Ann Bakker". */
	"aria-label": string;
	/** The "some but not all" state of a select-all box; a DOM property, not an attribute. */
	indeterminate?: boolean;
}

/**
 * A bare checkbox for where its label is elsewhere or implied, such as a table row's selection
 * box. Use `CheckboxField` wherever a visible label fits.
 */
export function Checkbox({ indeterminate = false, className, ...rest }: CheckboxProps) {
	const ref = useRef<HTMLInputElement>(null);
	useEffect(() => {
		if (ref.current) {
			ref.current.indeterminate = indeterminate;
		}
	}, [indeterminate]);
	return <input {...rest} ref={ref} type="checkbox" className={cn("ui-checkbox__control", className)} />;
}
