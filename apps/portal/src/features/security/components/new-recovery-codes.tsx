import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { RecoveryCodesDialog } from "./recovery-codes-dialog";

interface NewRecoveryCodes {
	/** Shows codes the server issued with a newly enabled second factor; null (none issued) is ignored. */
	reveal: (codes: string[] | null) => void;
	/** True while the codes are on screen: the page must stay until the person has saved them. */
	isShowing: boolean;
}

const NewRecoveryCodesContext = createContext<NewRecoveryCodes | null>(null);

/**
 * Holds the recovery codes that came with the first second factor, above the form that enabled
 * it: enabling a factor refreshes the page's data, which can unmount that form (the
 * required-actions wizard moves on), and the codes must still be shown, once.
 */
export function NewRecoveryCodesProvider({ children }: { children: ReactNode }) {
	const [codes, setCodes] = useState<string[] | null>(null);
	const reveal = useCallback((issued: string[] | null) => {
		if (issued) {
			setCodes(issued);
		}
	}, []);
	const value = useMemo(() => ({ reveal, isShowing: codes !== null }), [reveal, codes]);

	return (
		<NewRecoveryCodesContext.Provider value={value}>
			{children}
			<RecoveryCodesDialog
				codes={codes}
				replacesEarlier={false}
				// Forget the codes: they are not shown again, and should not linger in memory.
				onDone={() => setCodes(null)}
			/>
		</NewRecoveryCodesContext.Provider>
	);
}

/** The nearest `NewRecoveryCodesProvider`; without one, issued codes would be lost, so it throws. */
export function useNewRecoveryCodes(): NewRecoveryCodes {
	const value = useContext(NewRecoveryCodesContext);
	if (!value) {
		throw new Error("useNewRecoveryCodes needs a NewRecoveryCodesProvider above it");
	}
	return value;
}
