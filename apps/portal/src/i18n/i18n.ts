import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { type Language, matchLanguage, pickLanguage, SUPPORTED_LANGUAGES } from "./languages";
import { resources } from "./resources";

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

/** Initialises i18next synchronously (resources are bundled, so there is nothing to wait for). */
export function initI18n(): typeof i18n {
	i18n.on("languageChanged", (language) => {
		document.documentElement.lang = language;
	});
	void i18n.use(initReactI18next).init({
		resources: {
			en: { translation: resources.en },
			de: { translation: resources.de },
			nl: { translation: resources.nl },
		},
		lng: detectAnonymousLanguage(),
		fallbackLng: "en",
		supportedLngs: [...SUPPORTED_LANGUAGES],
		initAsync: false,
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
