/**
 * Checks a passkey name with the server's own schema (`ZPasskeyName`, SECURITY W10: 1–64 code
 * points, no control or text-direction characters) and returns the normalised name, or null when
 * the server would refuse it. The schema (and zod with it) loads on first use, not with the page.
 */
export async function parsePasskeyName(name: string): Promise<string | null> {
	const { ZPasskeyName } = await import("@tessera/core/passkeys/passkey.schema");
	const parsed = ZPasskeyName.safeParse(name);
	return parsed.success ? parsed.data : null;
}
