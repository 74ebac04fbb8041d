import { type ReactNode, useEffect, useState } from "react";
import { readCalendarDate } from "./calendar-date";
import { CommitTextField } from "./text-field";

/** The parts of a calendar date, in the order a locale writes them. */
export type DatePart = "day" | "month" | "year";

/** How a locale writes a numeric date: the order of its parts and the mark between them. */
export interface DateOrder {
	parts: readonly DatePart[];
	separator: string;
}

/** What a person types for each part in the format hint, in their language ("TT" for Tag). */
export type DatePartLetters = Readonly<Record<DatePart, string>>;

function isDatePart(type: string): type is DatePart {
	return type === "day" || type === "month" || type === "year";
}

/**
 * The numeric date order of a locale, read from `Intl.DateTimeFormat(locale).formatToParts`:
 * de gives day.month.year, nl day-month-year, en month/day/year. Latin digits always, so what is
 * shown is what the parser reads.
 */
export function dateOrderOf(locale: string): DateOrder {
	const parts = new Intl.DateTimeFormat(locale, {
		year: "numeric",
		month: "2-digit",
		day: "2-digit",
		timeZone: "UTC",
		numberingSystem: "latn",
	}).formatToParts(new Date(Date.UTC(2026, 0, 15)));
	const order = parts.map((part) => part.type).filter(isDatePart);
	const separator = parts.find((part) => part.type === "literal")?.value.trim() || "/";
	// A locale that does not write all three parts numerically falls back to ISO order.
	return order.length === 3 ? { parts: order, separator } : { parts: ["year", "month", "day"], separator: "-" };
}

/** The format hint for a locale in the person's letters: "TT.MM.JJJJ", "dd-mm-jjjj", "MM/DD/YYYY". */
export function datePatternOf(order: DateOrder, letters: DatePartLetters): string {
	return order.parts.map((part) => letters[part]).join(order.separator);
}

/** A YYYY-MM-DD value as the locale writes it ("2026-01-15" is "15.01.2026" in de); "" for anything else. */
export function formatDateValue(value: string, order: DateOrder): string {
	const date = readCalendarDate(value);
	if (!date) {
		return "";
	}
	const text: Record<DatePart, string> = {
		day: String(date.day).padStart(2, "0"),
		month: String(date.month).padStart(2, "0"),
		year: String(date.year).padStart(4, "0"),
	};
	return order.parts.map((part) => text[part]).join(order.separator);
}

export type DateParseResult =
	| { ok: true; value: string }
	/** `format`: not written in the locale's order; `noSuchDay`: the order is right, the day does not exist (31.02.). */
	| { ok: false; reason: "format" | "noSuchDay" };

/**
 * Reads a date typed in the locale's order and separator: one or two digits for day and month,
 * four for the year ("5.3.2026" and "05.03.2026" in de). Nothing is guessed: another order,
 * another separator, a two-digit year or a day that does not exist is refused, never rolled over.
 * The value is YYYY-MM-DD; "" stays "" (no date).
 */
export function parseDateText(text: string, order: DateOrder): DateParseResult {
	const trimmed = text.trim();
	if (trimmed === "") {
		return { ok: true, value: "" };
	}
	const pieces = trimmed.split(order.separator).map((piece) => piece.trim());
	if (pieces.length !== 3) {
		return { ok: false, reason: "format" };
	}
	const found: Partial<Record<DatePart, string>> = {};
	for (const [index, part] of order.parts.entries()) {
		const piece = pieces[index] ?? "";
		if (!(part === "year" ? /^\d{4}$/ : /^\d{1,2}$/).test(piece)) {
			return { ok: false, reason: "format" };
		}
		found[part] = piece;
	}
	const value = `${found.year}-${found.month?.padStart(2, "0")}-${found.day?.padStart(2, "0")}`;
	return readCalendarDate(value) ? { ok: true, value } : { ok: false, reason: "noSuchDay" };
}

export interface DateFieldProps {
	label: ReactNode;
	/** The date as YYYY-MM-DD, or "" for none. */
	value: string;
	/** Called with a YYYY-MM-DD date (or "" when cleared) once the typed text is complete and valid. */
	onChange: (value: string) => void;
	/** The language the date is written in (the page's, not the browser's). */
	locale: string;
	/** The letters of the visible format hint, in the page's language. */
	letters: DatePartLetters;
	/** The hint under the field, given the pattern ("TT.MM.JJJJ"). */
	hint: (pattern: string) => ReactNode;
	/** Said when the text is not in the locale's order, given the pattern and an example date in it. */
	formatError: (pattern: string, example: string) => ReactNode;
	/** Said when the day does not exist (31 February), given the text as typed. */
	noSuchDayError: (text: string) => ReactNode;
	name?: string;
	className?: string;
}

/**
 * A date typed and shown the way the page's language writes it, whatever language the browser
 * has: Chromium's `<input type="date">` follows the browser UI ("mm/dd/yyyy" on a German page),
 * and its segments are hard to read out. The format is always visible under the field; the value
 * is applied on Enter or on leaving the field, and a wrong date is said in words and not applied.
 */
export function DateField({
	label,
	value,
	onChange,
	locale,
	letters,
	hint,
	formatError,
	noSuchDayError,
	name,
	className,
}: DateFieldProps) {
	const order = dateOrderOf(locale);
	const shown = formatDateValue(value, order);
	const [text, setText] = useState(shown);
	const [error, setError] = useState<ReactNode>(null);

	// The value changed from outside (URL, "Clear filters", another language): show it anew.
	useEffect(() => {
		setText(shown);
		setError(null);
	}, [shown]);

	const pattern = datePatternOf(order, letters);
	const commit = () => {
		const result = parseDateText(text, order);
		if (!result.ok) {
			const example = formatDateValue(`${new Date().getFullYear()}-12-31`, order);
			setError(result.reason === "format" ? formatError(pattern, example) : noSuchDayError(text.trim()));
			return;
		}
		setError(null);
		setText(formatDateValue(result.value, order));
		if (result.value !== value) {
			onChange(result.value);
		}
	};

	return (
		<CommitTextField
			label={label}
			name={name}
			className={className}
			hint={hint(pattern)}
			error={error ?? undefined}
			value={text}
			onChange={(event) => setText(event.target.value)}
			onCommit={commit}
		/>
	);
}
