import "i18next";
import type { Resources } from "./resources";

// Type-checks every t("…") key against the English resources.
declare module "i18next" {
	interface CustomTypeOptions {
		defaultNS: "translation";
		resources: {
			translation: Resources;
		};
	}
}
