import en from "./i18n/en.json";

/*
 * The audit actions in words, for every page that shows audit events: the administrators' log,
 * a user's page, and everyone's own activity. The labels are strings every signed-in person gets
 * (`audit` in the shell dictionaries), not admin strings, because each user reads their own events.
 */

type ActionCatalogue = (typeof en)["actions"];
export type ActionCategory = keyof ActionCatalogue;
/** An action code the portal has a label for, e.g. "auth.sign_in". */
export type KnownAction = {
	[C in ActionCategory]: `${C}.${Extract<keyof ActionCatalogue[C], string>}`;
}[ActionCategory];

/** Categories in the order the action filter lists them (the English catalogue's order). */
export const ACTION_CATEGORIES = Object.keys(en.actions) as ActionCategory[];

/** Every labelled action, grouped by category, in catalogue order. */
export const KNOWN_ACTIONS: ReadonlyMap<ActionCategory, readonly KnownAction[]> = new Map(
	ACTION_CATEGORIES.map((category) => [
		category,
		Object.keys(en.actions[category]).map((name) => `${category}.${name}` as KnownAction),
	]),
);

const KNOWN = new Set<string>([...KNOWN_ACTIONS.values()].flat());

/** True when the portal can name the action in words; others are shown as their raw code. */
export function isKnownAction(action: string): action is KnownAction {
	return KNOWN.has(action);
}
