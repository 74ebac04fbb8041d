import activity from "../../features/activity/i18n/en.json";
import audit from "../../features/audit/i18n/en.json";
import dateTime from "../../features/date-time/i18n/en.json";

/**
 * English strings only signed-in pages use (the activity page, the audit labels it shares with
 * the admin pages, the date and time-zone fields): they come with the signed-in layout
 * (`signed-in-strings.ts`), not the sign-in page.
 */
export const signedInDictionary = { activity, audit, dateTime };
