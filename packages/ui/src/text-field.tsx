import { type InputHTMLAttributes, type ReactNode, type Ref, useId } from "react";
import { cn } from "./cn";
import { Field, fieldIds } from "./field";

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "children"> {
	label: ReactNode;
	/** Help text under the control, linked with `aria-describedby`. */
	hint?: ReactNode;
	/** Error text; when set the control is `aria-invalid` and describes itself with it. */
	error?: ReactNode;
	/** Content inside the input's frame after the text, e.g. a show/hide password toggle. */
	endAdornment?: ReactNode;
	/** Class for the field wrapper (the input itself always has `ui-input`). */
	className?: string;
	inputClassName?: string;
	ref?: Ref<HTMLInputElement>;
}

/** A labelled text input. Every other input prop (type, autoComplete, name, …) passes through. */
export function TextField({
	label,
	hint,
	error,
	endAdornment,
	className,
	inputClassName,
	id,
	required,
	"aria-describedby": extraDescribedBy,
	...inputProps
}: TextFieldProps) {
	const generatedId = useId();
	const ids = fieldIds(id ?? generatedId, Boolean(hint), Boolean(error), extraDescribedBy);
	const input = (
		<input
			{...inputProps}
			id={ids.controlId}
			required={required}
			aria-invalid={error ? true : undefined}
			aria-describedby={ids.describedBy}
			className={cn("ui-input", inputClassName)}
		/>
	);
	return (
		<Field ids={ids} label={label} hint={hint} error={error} className={className}>
			{endAdornment ? (
				<div className="ui-input-group">
					{input}
					<div className="ui-input-group__end">{endAdornment}</div>
				</div>
			) : (
				input
			)}
		</Field>
	);
}

/**
 * A text field whose text is applied on Enter or on leaving it, not on every keystroke (so a
 * filter typed into is not a string of history entries): what the text means is the caller's.
 */
export function CommitTextField({ onCommit, ...props }: TextFieldProps & { onCommit: () => void }) {
	return (
		<TextField
			autoComplete="off"
			spellCheck={false}
			{...props}
			onBlur={onCommit}
			onKeyDown={(event) => {
				if (event.key === "Enter") {
					event.preventDefault();
					onCommit();
				}
			}}
		/>
	);
}
