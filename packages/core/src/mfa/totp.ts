import { generateSecret, generateURI, verify } from "otplib";

/**
 * TOTP as most authenticator apps implement it: SHA-1, 6 digits, 30-second steps
 * (RFC 6238 §4; app compatibility). 160-bit secrets (RFC 4226 §4 R6; SECURITY M07).
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_SECRET_BYTES = 20;

export function generateTotpSecret(): string {
	return generateSecret({ length: TOTP_SECRET_BYTES });
}

export function totpUri(secret: string, issuer: string, label: string): string {
	return generateURI({ issuer, label, secret, algorithm: "sha1", digits: 6, period: TOTP_PERIOD_SECONDS });
}

/**
 * Checks `code` against the server's clock (never a client-sent time: SECURITY M05), allowing
 * one step of drift either way (M04), and only for steps after `afterStep` (replay: M03).
 * Returns the accepted time step, or null.
 */
export async function matchTotp(
	secret: string,
	code: string,
	now: Date,
	afterStep: number | null,
): Promise<number | null> {
	if (!/^\d{6}$/.test(code)) return null;
	const result = await verify({
		secret,
		token: code,
		algorithm: "sha1",
		digits: 6,
		period: TOTP_PERIOD_SECONDS,
		epoch: Math.floor(now.getTime() / 1000),
		epochTolerance: TOTP_PERIOD_SECONDS,
		...(afterStep === null ? {} : { afterTimeStep: afterStep }),
	});
	// The result type covers HOTP too; only TOTP results carry the matched time step.
	return result.valid && "timeStep" in result ? result.timeStep : null;
}
