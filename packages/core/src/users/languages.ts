/**
 * Languages the portal and messages are translated into (BCP 47 primary subtags). A module of its
 * own, so a schema that only names them (sign-in's `auth.config`) does not load the phone-number
 * metadata user.schema.ts needs.
 */
export const SUPPORTED_LANGUAGES = ["en", "de", "nl"] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];
