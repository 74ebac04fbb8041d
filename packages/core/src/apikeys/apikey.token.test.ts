import { describe, expect, it } from "vitest";
import { API_KEY_PATTERN } from "./apikey.format";
import { generateApiKey, hashApiKey, parseApiKey } from "./apikey.token";

describe("API key format", () => {
	it("is tsk_<8-char prefix>_<43-char base64url secret>, hashed with SHA-256 over the whole key", () => {
		const { key, prefix, keyHash } = generateApiKey();
		expect(key).toMatch(API_KEY_PATTERN);
		expect(key).toHaveLength(56);
		expect(key.startsWith(`tsk_${prefix}_`)).toBe(true);
		expect(Buffer.from(key.slice(13), "base64url")).toHaveLength(32);
		expect(keyHash).toMatch(/^[0-9a-f]{64}$/);
		expect(keyHash).toBe(hashApiKey(key));
		expect(parseApiKey(key)).toEqual({ prefix });
	});

	it("draws a different key every time", () => {
		const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
		expect(keys.size).toBe(200);
	});

	it.each([
		"",
		"tsk_xxx",
		"tsk_ABCDEFGH_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"tsk_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"tsk_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"tsk_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=",
		"tsk_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
		"xsk_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		" tsk_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	])("refuses the malformed key %j without a lookup", (candidate) => {
		expect(parseApiKey(candidate)).toBeNull();
	});
});
