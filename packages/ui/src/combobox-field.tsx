import { type UseComboboxState, type UseComboboxStateChangeOptions, useCombobox } from "downshift";
import { type ReactNode, useId, useState } from "react";
import { cn } from "./cn";
import { Field, fieldIds } from "./field";

export interface ComboboxOption {
	value: string;
	label: string;
}

export interface ComboboxFieldProps<T extends ComboboxOption> {
	label: ReactNode;
	hint?: ReactNode;
	error?: ReactNode;
	name?: string;
	className?: string;
	/** Every option, in the order the list shows them before anything is typed. */
	options: readonly T[];
	/** The chosen option's value; an empty input shows when no option has it. */
	value: string;
	onChange: (value: string) => void;
	/** The options that match what was typed, best first. Called only for non-empty text. */
	filter: (query: string) => readonly T[];
	/** Shown in the list when nothing matches. */
	noMatches: ReactNode;
	/** The name of the button that opens the list ("Show all time zones"). */
	toggleLabel: string;
	/** What a screen reader hears after the list changes, given how many options it shows. */
	resultsStatus: (count: number) => string;
}

type Changes<T> = Partial<UseComboboxState<T>>;

/**
 * A text box that filters a list as one types (the ARIA 1.2 combobox with a listbox popup, list
 * autocomplete): arrows move through the options, Home and End jump to the first and last, Enter
 * picks one, Escape closes the list. Nothing typed ever becomes the value by itself: leaving the
 * field or pressing Escape puts the chosen option back in the box. Downshift keeps the ARIA state
 * and the active option (aria-activedescendant), which screen readers read out as one moves.
 */
export function ComboboxField<T extends ComboboxOption>({
	label,
	hint,
	error,
	name,
	className,
	options,
	value,
	onChange,
	filter,
	noMatches,
	toggleLabel,
	resultsStatus,
}: ComboboxFieldProps<T>) {
	const baseId = useId();
	const ids = fieldIds(baseId, Boolean(hint), Boolean(error));
	// The listbox is named by the same visible label as the text box.
	const labelId = `${baseId}-label`;
	// What the person typed since the list last opened; none shows every option.
	const [query, setQuery] = useState("");
	const selectedItem = options.find((option) => option.value === value) ?? null;
	const items = query.trim() === "" ? options : filter(query);

	const labelOf = (item: T | null) => item?.label ?? "";
	const stateReducer = (
		state: UseComboboxState<T>,
		{ type, changes }: UseComboboxStateChangeOptions<T>,
	): Changes<T> => {
		switch (type) {
			// Leaving the field keeps the choice (or takes the option moved to with the arrows) and
			// shows its label again: half-typed text is never left behind looking like a value.
			case useCombobox.stateChangeTypes.InputBlur:
				return { ...changes, inputValue: labelOf(changes.selectedItem ?? state.selectedItem) };
			// Escape with the list closed would clear the field; a zone is always required, so it only
			// restores the label.
			case useCombobox.stateChangeTypes.InputKeyDownEscape:
				return { ...changes, selectedItem: state.selectedItem, inputValue: labelOf(state.selectedItem) };
			default:
				return changes;
		}
	};

	const combobox = useCombobox<T>({
		id: baseId,
		inputId: ids.controlId,
		labelId,
		items: [...items],
		selectedItem,
		itemToString: labelOf,
		itemToKey: (item) => item?.value,
		stateReducer,
		getA11yStatusMessage: ({ isOpen }) => (isOpen ? resultsStatus(items.length) : ""),
		onInputValueChange: ({ type, inputValue }) => {
			setQuery(type === useCombobox.stateChangeTypes.InputChange ? (inputValue ?? "") : "");
		},
		onIsOpenChange: ({ isOpen }) => {
			if (!isOpen) {
				setQuery("");
			}
		},
		onSelectedItemChange: ({ selectedItem: chosen }) => {
			if (chosen && chosen.value !== value) {
				onChange(chosen.value);
			}
		},
	});

	return (
		<Field ids={ids} labelId={labelId} label={label} hint={hint} error={error} className={cn("ui-combobox", className)}>
			<div className="ui-combobox__control">
				<input
					{...combobox.getInputProps({
						name,
						"aria-describedby": ids.describedBy,
						"aria-invalid": error ? true : undefined,
						autoComplete: "off",
						spellCheck: false,
						className: "ui-input ui-combobox__input",
					})}
				/>
				<button
					{...combobox.getToggleButtonProps({
						type: "button",
						tabIndex: -1,
						"aria-label": toggleLabel,
						className: "ui-combobox__toggle",
					})}
				>
					<span aria-hidden="true" className="ui-combobox__chevron" />
				</button>
				{/* An empty listbox is no valid listbox: with no match it hides and the note says so. */}
				<ul
					{...combobox.getMenuProps({ className: "ui-combobox__list" })}
					hidden={!combobox.isOpen || items.length === 0}
				>
					{combobox.isOpen &&
						items.map((item, index) => (
							<li
								key={item.value}
								className={cn(
									"ui-combobox__option",
									combobox.highlightedIndex === index ? "ui-combobox__option--active" : undefined,
								)}
								{...combobox.getItemProps({ item, index })}
							>
								{item.label}
							</li>
						))}
				</ul>
				{combobox.isOpen && items.length === 0 && <p className="ui-combobox__empty">{noMatches}</p>}
			</div>
		</Field>
	);
}
