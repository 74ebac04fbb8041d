import { createHash, randomBytes, randomInt } from "node:crypto";

/**
 * API key format: `tsk_<prefix>_<secret>`.
 * - `tsk_` makes a leaked key recognisable to secret scanners and people.
 * - `prefix`: 8 characters of [a-z0-9] (~41 bits), stored and shown so keys can be told apart.
 *   Its alphabet has no `_`, so the separator is unambiguous.
 * - `secret`: 32 bytes from the CSPRNG, base64url without padding (43 characters).
 * Only SHA-256 of the whole key is stored: 256 random bits need no slow hash, and a hash lookup
 * through a unique index gives an attacker no per-byte timing signal about any stored key.
 */
export const API_KEY_PATTERN = /^tsk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/;
export const API_KEY_LENGTH = 56;
const PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const PREFIX_LENGTH = 8;

export interface GeneratedApiKey {
	/** The full key: handed to the caller once, never stored. */
	key: string;
	prefix: string;
	keyHash: string;
}

export function hashApiKey(key: string): string {
	return createHash("sha256").update(key, "utf8").digest("hex");
}

export function generateApiKey(): GeneratedApiKey {
	let prefix = "";
	for (let i = 0; i < PREFIX_LENGTH; i++) prefix += PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)];
	const key = `tsk_${prefix}_${randomBytes(32).toString("base64url")}`;
	return { key, prefix, keyHash: hashApiKey(key) };
}

/** The visible prefix of a well-formed key, or null: a key of the wrong shape cannot be ours. */
export function parseApiKey(candidate: string): { prefix: string } | null {
	if (candidate.length !== API_KEY_LENGTH || !API_KEY_PATTERN.test(candidate)) return null;
	return { prefix: candidate.slice(4, 4 + PREFIX_LENGTH) };
}
