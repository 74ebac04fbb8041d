import { type Language, matchLanguage } from "../../i18n/languages";
import { canonicalTimeZone } from "../../lib/dates";
import type { Me } from "./hooks/use-me";
import type { UpdateProfileInput } from "./hooks/use-update-profile";

/** The editable profile fields, as the form holds them (strings; "" means "not set"). */
export interface ProfileFormValues {
	firstName: string;
	lastName: string;
	phone: string;
	language: Language;
	timeZone: string;
}

export const PROFILE_FIELDS = ["firstName", "lastName", "phone", "language", "timeZone"] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export function isProfileField(value: string): value is ProfileField {
	return (PROFILE_FIELDS as readonly string[]).includes(value);
}

/**
 * Form values for a profile. Unset language and time zone are pre-filled with what the portal
 * currently uses (the UI language, the browser's zone), so saving the form keeps them. A zone
 * stored under a legacy name (Asia/Calcutta) is shown under its current one, which a save stores.
 */
export function profileToFormValues(me: Me, fallbacks: { language: Language; timeZone: string }): ProfileFormValues {
	return {
		firstName: me.firstName ?? "",
		lastName: me.lastName ?? "",
		phone: me.phone ?? "",
		language: matchLanguage(me.language) ?? fallbacks.language,
		timeZone: canonicalTimeZone(me.timeZone ?? fallbacks.timeZone),
	};
}

function textOrNull(value: string): string | null {
	const trimmed = value.trim();
	return trimmed === "" ? null : trimmed;
}

/**
 * The update to send: the version the form was loaded from plus only the fields that differ
 * from that profile, so a save never rewrites values the user did not touch.
 */
export function buildProfileUpdate(me: Me, values: ProfileFormValues, version: number): UpdateProfileInput {
	const update: UpdateProfileInput = { version };
	const firstName = textOrNull(values.firstName);
	if (firstName !== me.firstName) {
		update.firstName = firstName;
	}
	const lastName = textOrNull(values.lastName);
	if (lastName !== me.lastName) {
		update.lastName = lastName;
	}
	// Phone numbers are stored without spaces (E.164), so strip what people type for readability.
	const phone = textOrNull(values.phone.replace(/[\s()-]/g, ""));
	if (phone !== me.phone) {
		update.phone = phone;
	}
	if (values.language !== matchLanguage(me.language)) {
		update.language = values.language;
	}
	if (values.timeZone !== me.timeZone) {
		update.timeZone = values.timeZone;
	}
	return update;
}
