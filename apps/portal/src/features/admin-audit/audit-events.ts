/**
 * Keys whose values are never shown, should one ever reach the log: the API records no secrets,
 * but this page must not become the place where one leaks if a future event does.
 */
const SECRET_KEY = /pass(word|phrase)?$|secret|token|hash|otp|private|credential(?!Id)|^code$|codes$|apikey$/i;

export interface DetailEntry {
	key: string;
	/** The value as readable text; null when hidden. */
	text: string | null;
	/** An instant, to be shown in the viewer's time zone. */
	date?: Date;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function describeValue(value: unknown): Omit<DetailEntry, "key"> {
	if (typeof value === "string" && ISO_INSTANT.test(value)) {
		const date = new Date(value);
		if (!Number.isNaN(date.getTime())) {
			return { text: value, date };
		}
	}
	if (typeof value === "string") {
		return { text: value };
	}
	if (value === null || value === undefined) {
		return { text: "" };
	}
	if (typeof value === "number" || typeof value === "boolean") {
		return { text: String(value) };
	}
	if (Array.isArray(value) && value.every((item) => typeof item === "string" || typeof item === "number")) {
		return { text: value.join(", ") };
	}
	return { text: JSON.stringify(redact(value), null, 2) };
}

/** A copy of nested details with secret-looking keys' values replaced. */
function redact(value: unknown): unknown {
	if (Array.isArray(value)) {
		return value.map(redact);
	}
	if (typeof value === "object" && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([key, item]) => [key, SECRET_KEY.test(key) ? "•••" : redact(item)]),
		);
	}
	return value;
}

/**
 * An event's `details` as key/value pairs to read: in recorded order, dates recognised (to show
 * in the viewer's zone), lists joined, nested objects as indented JSON, secret-looking keys hidden.
 */
export function detailEntries(details: Record<string, unknown>): DetailEntry[] {
	return Object.entries(details).map(([key, value]) =>
		SECRET_KEY.test(key) ? { key, text: null } : { key, ...describeValue(value) },
	);
}
