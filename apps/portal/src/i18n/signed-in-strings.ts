import { signedInDictionary } from "./dictionaries/en-signed-in";
import { i18n } from "./i18n";

// Imported by the signed-in layout: its English strings arrive with its chunk, before any signed-in
// page renders. German and Dutch carry them in their own dictionaries, which load only when shown.
i18n.addResourceBundle("en", "translation", signedInDictionary, true, false);
