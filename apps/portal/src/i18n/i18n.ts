import i18n, { type BackendModule, type ResourceKey } from "i18next";
import { initReactI18next } from "react-i18next";
import { dictionary as en } from "./dictionaries/en";
import { type Language, matchLanguage, pickLanguage, SUPPORTED_LANGUAGES } from "./languages";

/** Where the language picked on the sign-in page is remembered (it is not personal data). */
const STORAGE_KEY = "tessera.language";

function readStoredLanguage(): string | null {
	try {
		return window.localStorage.getItem(STORAGE_KEY);
	} catch {
		// Storage can be disabled (privacy mode); the browser language is a fine fallback.
		return null;
	}
}

/**
 * The language to use while nobody is signed in: the one picked on the sign-in page,
 * else the browser's first supported language, else English.
 */
export function detectAnonymousLanguage(): Language {
	return pickLanguage([readStoredLanguage(), ...(navigator.languages ?? []), navigator.language]);
}

/** Switches the UI language; `remember` keeps the choice for the next visit (sign-in page). */
export async function changeLanguage(language: Language, options: { remember?: boolean } = {}): Promise<void> {
	if (options.remember) {
		try {
			window.localStorage.setItem(STORAGE_KEY, language);
		} catch {
			// Not remembering is acceptable; the switch itself still happens.
		}
	}
	if (i18n.resolvedLanguage !== language) {
		await i18n.changeLanguage(language);
	}
}

/**
 * Applies a signed-in user's profile language (BCP 47, may be null). A user without a
 * supported language keeps the anonymous choice.
 */
export async function applyUserLanguage(tag: string | null): Promise<void> {
	await changeLanguage(matchLanguage(tag) ?? detectAnonymousLanguage());
}

/** The active UI language, narrowed to the supported set. */
export function currentLanguage(): Language {
	return matchLanguage(i18n.resolvedLanguage) ?? pickLanguage([i18n.language]);
}

/**
 * English ships with the portal: it is the fallback every page needs anyway (its admin strings
 * come with the admin pages, see admin-strings.ts). The others are fetched only when shown, each
 * as one chunk.
 */
const DICTIONARIES: Record<Language, () => Promise<ResourceKey>> = {
	en: async () => en,
	de: () => import("./dictionaries/de").then((module) => module.dictionary),
	nl: () => import("./dictionaries/nl").then((module) => module.dictionary),
};

const dictionaryBackend: BackendModule = {
	type: "backend",
	init() {},
	read(language, _namespace, callback) {
		const supported = matchLanguage(language);
		if (!supported) {
			callback(new Error(`No dictionary for ${language}`), false);
			return;
		}
		DICTIONARIES[supported]().then(
			(dictionary) => callback(null, dictionary),
			(error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
		);
	},
};

/**
 * Initialises i18next with the visitor's language. Resolves once its dictionary is in (at once
 * for English), so render after it and no key ever shows in place of its text; a dictionary that
 * fails to load leaves English, the fallback, in place. Changing language later loads the new
 * dictionary before switching, for the same reason.
 */
export async function initI18n(): Promise<typeof i18n> {
	i18n.on("languageChanged", (language) => {
		document.documentElement.lang = language;
	});
	await i18n
		.use(dictionaryBackend)
		.use(initReactI18next)
		.init({
			resources: { en: { translation: en } },
			// English is bundled above; the backend fetches the others.
			partialBundledLanguages: true,
			lng: detectAnonymousLanguage(),
			fallbackLng: "en",
			supportedLngs: [...SUPPORTED_LANGUAGES],
			showSupportNotice: false,
			interpolation: {
				// React escapes rendered strings already.
				escapeValue: false,
			},
		});
	document.documentElement.lang = i18n.language;
	return i18n;
}

export { i18n };
