import { useSyncExternalStore } from "react";
import { SelectField } from "./select-field";

/** What a visitor can choose: follow the system, or one theme always. */
export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/**
 * Where the choice is kept: per browser, not per account, so it also applies before anyone signs
 * in. apps/portal/public/theme.js reads the same key before the first paint (a test holds the two
 * together).
 */
export const THEME_STORAGE_KEY = "tessera.theme";

function isThemeChoice(value: unknown): value is ThemeChoice {
	return typeof value === "string" && (THEME_CHOICES as readonly string[]).includes(value);
}

/** The stored choice; "system" when there is none or storage is off (privacy mode). */
export function readThemeChoice(): ThemeChoice {
	try {
		const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
		return isThemeChoice(stored) ? stored : "system";
	} catch {
		return "system";
	}
}

/**
 * Shows `choice` at once and remembers it. "system" removes `data-theme`, so styles.css follows
 * `prefers-color-scheme` again.
 */
export function applyThemeChoice(choice: ThemeChoice): void {
	if (choice === "system") delete document.documentElement.dataset.theme;
	else document.documentElement.dataset.theme = choice;
	try {
		if (choice === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
		else window.localStorage.setItem(THEME_STORAGE_KEY, choice);
	} catch {
		// Not remembering is acceptable; the page still switches.
	}
	for (const listener of listeners) listener();
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
	listeners.add(listener);
	// Another tab's choice applies here too.
	const onStorage = (event: StorageEvent) => {
		if (event.key !== THEME_STORAGE_KEY) return;
		const choice = readThemeChoice();
		if (choice === "system") delete document.documentElement.dataset.theme;
		else document.documentElement.dataset.theme = choice;
		listener();
	};
	window.addEventListener("storage", onStorage);
	return () => {
		listeners.delete(listener);
		window.removeEventListener("storage", onStorage);
	};
}

/** The visitor's theme choice, kept in step with every control and tab showing it. */
export function useThemeChoice(): ThemeChoice {
	return useSyncExternalStore(subscribe, readThemeChoice, () => "system");
}

export interface ThemeSelectProps {
	/** The field's label, e.g. "Theme". */
	label: string;
	/** Each choice in the reader's language. */
	choiceLabels: Record<ThemeChoice, string>;
	className?: string;
}

/** A labelled select of the theme: System, Light or Dark, applied at once and remembered. */
export function ThemeSelect({ label, choiceLabels, className }: ThemeSelectProps) {
	const choice = useThemeChoice();
	return (
		<SelectField
			className={className}
			label={label}
			value={choice}
			options={THEME_CHOICES.map((value) => ({ value, label: choiceLabels[value] }))}
			onChange={(event) => {
				if (isThemeChoice(event.target.value)) applyThemeChoice(event.target.value);
			}}
		/>
	);
}
