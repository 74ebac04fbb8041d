import type { TActivityDevice } from "@tessera/core/audit/own-activity.schema";
import { useTranslation } from "react-i18next";

/**
 * Names a device the way people do: "Firefox 132 on Linux", "Mobile Safari 17 on iOS 17.5 (Apple
 * iPhone)", or "Unknown device" when the user agent told nothing. Sessions and own activity share
 * the shape, both parsed in core by the same helper.
 */
export function useDescribeDevice() {
	const { t } = useTranslation();
	return ({ browser, os, device }: TActivityDevice) => {
		const base =
			browser && os
				? t("security.sessions.browserOnOs", { browser, os })
				: (browser ?? os ?? t("security.sessions.unknownDevice"));
		return device ? `${base} (${device})` : base;
	};
}
