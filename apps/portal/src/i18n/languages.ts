/** Languages the portal is translated into, in the order they are offered. */
export const SUPPORTED_LANGUAGES = ["en", "de", "nl"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = "en";

export function isSupportedLanguage(value: unknown): value is Language {
	return typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/**
 * Maps a BCP 47 tag ("de-AT", "nl", "en_GB") to a supported language by its primary subtag,
 * or null when we have no translation for it.
 */
export function matchLanguage(tag: string | null | undefined): Language | null {
	if (!tag) {
		return null;
	}
	const primary = tag.toLowerCase().split(/[-_]/)[0];
	return isSupportedLanguage(primary) ? primary : null;
}

/** The first of the given tags (e.g. `navigator.languages`) that we support, else English. */
export function pickLanguage(tags: readonly (string | null | undefined)[]): Language {
	for (const tag of tags) {
		const match = matchLanguage(tag);
		if (match) {
			return match;
		}
	}
	return DEFAULT_LANGUAGE;
}
