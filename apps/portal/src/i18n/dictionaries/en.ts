import passwordReset from "../../features/password-reset/i18n/en.json";
import twoStep from "../../features/security/i18n/en.json";
import shared from "../en.json";

/**
 * The English strings every visitor may need: bundled with the portal, since English is also
 * every other language's fallback. The admin areas' strings come with their pages
 * (`en-admin.ts`, registered by `admin-strings.ts`), and those of signed-in pages with their layout
 * (`en-signed-in.ts`, `signed-in-strings.ts`), so the sign-in page does not carry them.
 */
export const dictionary = { ...shared, passwordReset, twoStep };
