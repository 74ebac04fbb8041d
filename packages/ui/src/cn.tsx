/** A class-name part: falsy values are dropped so conditions can be written inline. */
export type ClassValue = string | false | null | undefined;

/**
 * Joins class names, skipping falsy parts: `cn("ui-button", isActive && "is-active")`.
 * Deliberately tiny: the UI uses plain CSS classes, so there is nothing to merge or dedupe.
 */
export function cn(...parts: ClassValue[]): string {
	return parts.filter(Boolean).join(" ");
}
