import { dictionary as de } from "./dictionaries/de";
import { dictionary as enShell } from "./dictionaries/en";
import { adminDictionary as enAdmin } from "./dictionaries/en-admin";
import { signedInDictionary as enSignedIn } from "./dictionaries/en-signed-in";
import { dictionary as nl } from "./dictionaries/nl";

/**
 * Every UI string, per language, as one `translation` namespace. The shared strings live in
 * `i18n/<lang>.json`; each admin area keeps its own strings beside its code, under one top-level
 * key (`t("adminUsers.title")`), so areas can grow without touching each other's files. The
 * portal loads one dictionary per language (`dictionaries/`, see i18n.ts), and English admin
 * strings with the admin pages; this map of all of them is for types and tests.
 */
export const resources = { en: { ...enShell, ...enSignedIn, ...enAdmin }, de, nl };

export type Resources = (typeof resources)["en"];
