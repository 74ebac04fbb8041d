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
	/** A `changes` detail, one line per field (see `changeList`). */
	changes?: { field: string; from: string; to: string }[];
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
	return Object.entries(details).map(([key, value]) => {
		if (SECRET_KEY.test(key)) return { key, text: null };
		const changes = key === "changes" ? changeList(value) : null;
		return changes ? { key, text: "", changes } : { key, ...describeValue(value) };
	});
}

/** Detail keys core records that have a label in every language (`adminAudit.details.keys`). */
export const LABELLED_DETAIL_KEYS = [
	"reason",
	"changes",
	"from",
	"to",
	"before",
	"after",
	"name",
	"email",
	"method",
	"channel",
	"amr",
	"requiredActions",
	"sessionId",
	"otherSessionsEnded",
	"passkeyId",
	"aaguid",
	"storedCounter",
	"receivedCounter",
	"ceremony",
	"apiKeyId",
	"prefix",
	"expiresAt",
	"expiresInMinutes",
	"invitationId",
	"invitedUserDeleted",
	"count",
	"threshold",
	"minutes",
	"current",
	"format",
	"rows",
	"lastActivityAt",
] as const;
export type LabelledDetailKey = (typeof LABELLED_DETAIL_KEYS)[number];

export function isLabelledDetailKey(key: string): key is LabelledDetailKey {
	return (LABELLED_DETAIL_KEYS as readonly string[]).includes(key);
}

/**
 * A `changes` detail (`{ "lockout.threshold": { from: 10, to: 5 } }`, as profile and policy
 * changes record it) as one line per field, or null when the value has another shape.
 */
export function changeList(value: unknown): { field: string; from: string; to: string }[] | null {
	if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
	const lines: { field: string; from: string; to: string }[] = [];
	for (const [field, change] of Object.entries(value)) {
		if (typeof change !== "object" || change === null || !("from" in change) || !("to" in change)) return null;
		const text = (item: unknown): string => {
			if (SECRET_KEY.test(field)) return "•••";
			if (item === null || item === undefined) return "—";
			if (Array.isArray(item)) return item.join(", ");
			return typeof item === "object" ? JSON.stringify(item) : String(item);
		};
		lines.push({ field, from: text(change.from), to: text(change.to) });
	}
	return lines;
}
