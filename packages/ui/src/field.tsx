import type { ReactNode } from "react";
import { cn } from "./cn";

/** Ids that tie a control to its hint and error text. */
export interface FieldIds {
	controlId: string;
	hintId: string | undefined;
	errorId: string | undefined;
	/** Value for the control's `aria-describedby`, or undefined when there is nothing to describe. */
	describedBy: string | undefined;
}

/** Builds the ids shared by a labelled control, its hint and its error message. */
export function fieldIds(baseId: string, hasHint: boolean, hasError: boolean, extraDescribedBy?: string): FieldIds {
	const hintId = hasHint ? `${baseId}-hint` : undefined;
	const errorId = hasError ? `${baseId}-error` : undefined;
	const describedBy = [errorId, hintId, extraDescribedBy].filter(Boolean).join(" ") || undefined;
	return { controlId: baseId, hintId, errorId, describedBy };
}

export interface FieldProps {
	ids: FieldIds;
	/** An id for the label, for controls whose popup is named by it too (a combobox's listbox). */
	labelId?: string;
	label: ReactNode;
	hint?: ReactNode;
	error?: ReactNode;
	className?: string;
	children: ReactNode;
}

/**
 * Label, control, hint and error laid out as one form field. Used by TextField and SelectField;
 * it renders whatever control it is given, so keep the ids in sync with `fieldIds`. Required
 * fields carry no visual marker in the label (it would become part of the accessible name); the
 * control's own `required` attribute tells assistive technology.
 */
export function Field({ ids, labelId, label, hint, error, className, children }: FieldProps) {
	return (
		<div className={cn("ui-field", error ? "ui-field--invalid" : undefined, className)}>
			<label className="ui-field__label" id={labelId} htmlFor={ids.controlId}>
				{label}
			</label>
			{children}
			{hint && (
				<p className="ui-field__hint" id={ids.hintId}>
					{hint}
				</p>
			)}
			{error && (
				<p className="ui-field__error" id={ids.errorId}>
					{error}
				</p>
			)}
		</div>
	);
}
