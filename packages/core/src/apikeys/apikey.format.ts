/**
 * API key format: `tsk_<prefix>_<secret>`.
 * - `tsk_` makes a leaked key recognisable to secret scanners and people.
 * - `prefix`: 8 characters of [a-z0-9] (~41 bits), stored and shown so keys can be told apart.
 *   Its alphabet has no `_`, so the separator is unambiguous.
 * - `secret`: 32 bytes from the CSPRNG, base64url without padding (43 characters).
 * Only SHA-256 of the whole key is stored: 256 random bits need no slow hash, and a hash lookup
 * through a unique index gives an attacker no per-byte timing signal about any stored key.
 *
 * Apart from `apikey.token.ts` (which needs node:crypto) so `apikey.schema.ts` stays loadable in
 * the portal, whose forms validate with it.
 */
export const API_KEY_PATTERN = /^tsk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/;
export const API_KEY_LENGTH = 56;
