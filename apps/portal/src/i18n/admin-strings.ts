import { adminDictionary } from "./dictionaries/en-admin";
import { i18n } from "./i18n";

// Imported by the admin pages (and the invitation page, which shares their strings): their
// English strings arrive with their chunk, before any of them renders. German and Dutch carry
// them in their own dictionaries, which load only when shown.
i18n.addResourceBundle("en", "translation", adminDictionary, true, false);
