import { useTranslation } from "react-i18next";
import { isKnownAction } from "../audit-actions";

/** The action in words in the UI language; an action the portal does not know shows its code. */
export function useActionLabel() {
	const { t } = useTranslation();
	return (action: string): string => (isKnownAction(action) ? t(`audit.actions.${action}`) : action);
}
