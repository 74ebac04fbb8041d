import { createContext, useContext } from "react";

export interface ReauthContextValue {
	/**
	 * Opens the "Confirm it's you" dialog and resolves true once the person has re-authenticated,
	 * false when they cancel. Calls while the dialog is open share it.
	 */
	confirmIdentity: () => Promise<boolean>;
}

export const ReauthContext = createContext<ReauthContextValue | null>(null);

export function useReauth(): ReauthContextValue {
	const value = useContext(ReauthContext);
	if (!value) {
		throw new Error("useReauth must be used inside <ReauthProvider> (the signed-in layout)");
	}
	return value;
}
