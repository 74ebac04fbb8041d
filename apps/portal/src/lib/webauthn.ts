import {
	type AuthenticationResponseJSON,
	type PublicKeyCredentialCreationOptionsJSON,
	type PublicKeyCredentialRequestOptionsJSON,
	type RegistrationResponseJSON,
	startAuthentication,
	startRegistration,
	WebAuthnAbortService,
} from "@simplewebauthn/browser";

/**
 * The server's WebAuthn options, typed by the procedures' output schemas (core
 * passkey.schema.ts, which mirror @simplewebauthn's JSON types). The one field every ceremony needs
 * is still checked before the browser is asked, so a malformed answer (a proxy's, say) fails here
 * with a clear error instead of deep inside the library.
 */
function assertOptions(options: { challenge: unknown }): void {
	if (typeof options.challenge !== "string" || options.challenge.length === 0) {
		throw new Error("The server sent malformed passkey options");
	}
}

/** Asks the browser for a passkey assertion (sign-in, second factor, re-authentication). */
export function getPasskeyAssertion(
	options: PublicKeyCredentialRequestOptionsJSON,
): Promise<AuthenticationResponseJSON> {
	assertOptions(options);
	return startAuthentication({ optionsJSON: options });
}

/**
 * Starts a passkey request that waits in the browser's autofill list (conditional UI) until the
 * person picks a passkey there. Any later ceremony, or `cancelPasskeyPrompt`, aborts it.
 */
export function getPasskeyAssertionFromAutofill(
	options: PublicKeyCredentialRequestOptionsJSON,
): Promise<AuthenticationResponseJSON> {
	assertOptions(options);
	return startAuthentication({
		optionsJSON: options,
		useBrowserAutofill: true,
	});
}

/** Asks the browser to create a passkey (registration). */
export function createPasskey(options: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON> {
	assertOptions(options);
	return startRegistration({ optionsJSON: options });
}

/** Ends any passkey prompt still waiting (e.g. the autofill request when the password form is used). */
export function cancelPasskeyPrompt(): void {
	WebAuthnAbortService.cancelCeremony();
}

/** True when the browser can offer passkeys in the username field's autofill list. */
export async function isConditionalMediationAvailable(): Promise<boolean> {
	if (typeof window === "undefined" || !window.PublicKeyCredential) {
		return false;
	}
	try {
		return (await window.PublicKeyCredential.isConditionalMediationAvailable?.()) === true;
	} catch {
		return false;
	}
}

/** True when the browser supports passkeys at all. */
export function isWebAuthnSupported(): boolean {
	return typeof window !== "undefined" && typeof window.PublicKeyCredential === "function";
}

const BROWSERS: readonly [RegExp, string][] = [
	[/Edg\//, "Edge"],
	[/OPR\//, "Opera"],
	[/Firefox\//, "Firefox"],
	[/Chrome\/|Chromium\//, "Chrome"],
	[/Safari\//, "Safari"],
];

const SYSTEMS: readonly [RegExp, string][] = [
	[/iPhone|iPad/, "iOS"],
	[/Android/, "Android"],
	[/Mac OS X|Macintosh/, "macOS"],
	[/Windows/, "Windows"],
	[/CrOS/, "ChromeOS"],
	[/Linux/, "Linux"],
];

/**
 * A starting name for a new passkey from the browser and system it is created on, e.g.
 * ["Chrome", "Linux"]. The person can change it; product names are not translated.
 */
export function describeThisDevice(userAgent: string = navigator.userAgent): {
	browser: string | null;
	os: string | null;
} {
	const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
	const os = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
	return { browser, os };
}
