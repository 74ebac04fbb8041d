import { useEffect, useRef } from "react";
import {
	cancelPasskeyPrompt,
	getPasskeyAssertionFromAutofill,
	isConditionalMediationAvailable,
} from "../../../lib/webauthn";
import { trpc } from "../../../trpc";
import type { SignInResult } from "../sign-in-result";
import { useForgetAnonymousMe } from "./use-sign-in";

interface ConditionalSignInOptions {
	/** Organisation to sign in to; nothing starts without one. */
	tenant: string | null;
	/** Change it to offer autofill again, e.g. after a passkey prompt from a button ended it. */
	generation: number;
	onResult: (result: SignInResult) => void;
	onError: (error: unknown) => void;
}

/**
 * Passkey autofill (WebAuthn conditional UI): when the browser supports it, a passkey request
 * waits in the email field's autofill list from page load. Picking a passkey there signs in.
 * The request ends when the tenant changes, the page unmounts, another passkey prompt starts,
 * or `cancelPasskeyPrompt()` is called (the password form does that before submitting).
 */
export function useConditionalPasskeySignIn({ tenant, generation, onResult, onError }: ConditionalSignInOptions) {
	const utils = trpc.useUtils();
	const forgetAnonymousMe = useForgetAnonymousMe();
	// Callbacks change every render; the request must not restart because of that.
	const latest = useRef({ onResult, onError, forgetAnonymousMe });
	latest.current = { onResult, onError, forgetAnonymousMe };

	useEffect(() => {
		// Read so the linter sees why it is a dependency: a new generation starts a new request.
		void generation;
		if (!tenant) {
			return;
		}
		let isActive = true;
		/**
		 * The offer itself runs in the background: if the browser or server cannot make it (an
		 * unsupported page address, a network hiccup), there is simply no passkey in the
		 * autofill list. Only a passkey the person actually picked can fail visibly.
		 */
		const offer = async () => {
			try {
				if (!(await isConditionalMediationAvailable()) || !isActive) {
					return null;
				}
				const options = await utils.client.auth.passkey.options.mutate({ tenant });
				return isActive ? await getPasskeyAssertionFromAutofill(options) : null;
			} catch {
				return null;
			}
		};
		const run = async () => {
			const response = await offer();
			if (!response || !isActive) {
				return;
			}
			const result = await utils.client.auth.passkey.verify.mutate({ tenant, response });
			await latest.current.forgetAnonymousMe(result);
			if (isActive) {
				latest.current.onResult(result);
			}
		};
		run().catch((error: unknown) => {
			if (isActive) {
				latest.current.onError(error);
			}
		});
		return () => {
			isActive = false;
			cancelPasskeyPrompt();
		};
	}, [tenant, generation, utils]);
}
