import { createHash, randomBytes, randomInt } from "node:crypto";
import { API_KEY_LENGTH, API_KEY_PATTERN } from "./apikey.format";

// The key's format and why: apikey.format.ts.
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
