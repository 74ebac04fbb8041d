/**
 * "Your password was reset" travels from the reset page to the sign-in page in session storage:
 * the sign-in route's search stays as it is, and a reload or a shared sign-in link does not
 * show the note again, because it is forgotten once shown.
 */
const KEY = "tessera.passwordReset.done";

function storage(): Storage | null {
	try {
		return window.sessionStorage;
	} catch {
		// Storage can be unavailable (private mode, policy): the note is a courtesy, not a step.
		return null;
	}
}

export function rememberResetDone(): void {
	storage()?.setItem(KEY, "1");
}

export function isResetDone(): boolean {
	return storage()?.getItem(KEY) === "1";
}

export function forgetResetDone(): void {
	storage()?.removeItem(KEY);
}
