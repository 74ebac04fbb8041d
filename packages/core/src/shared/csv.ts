import { stringify } from "csv-stringify/sync";

/**
 * Spreadsheet formula injection: a cell starting with = + - @ (or tab/CR) is run as a formula
 * by Excel and friends. Prefixing a quote makes it text (OWASP "CSV Injection").
 */
function neutralise(value: unknown): string {
	if (value === null || value === undefined) return "";
	const text = value instanceof Date ? value.toISOString() : String(value);
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** CSV lines (RFC 4180 quoting by csv-stringify) for one batch of rows. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
	return stringify(rows.map((row) => row.map(neutralise)));
}
