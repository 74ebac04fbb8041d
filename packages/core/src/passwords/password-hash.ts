import { availableParallelism } from "node:os";
import { type Algorithm, hash, verify } from "@node-rs/argon2";
import pLimit from "p-limit";

/**
 * argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1). The PHC string records the
 * parameters, so raising them later still verifies old hashes (and can rehash on sign-in).
 * @node-rs/argon2 hashes on libuv's thread pool: the event loop stays free while it works.
 */
const ARGON2ID = 2 as Algorithm; // the library's `Algorithm.Argon2id`, declared as an ambient const enum
export const PASSWORD_HASH_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * At most this many hashes run at once: every core but one. argon2 costs about 15 ms of CPU at
 * these parameters; libuv's four threads hashing at once on a 2-core machine starved the event
 * loop (a health probe's p99 went to 68 ms during sign-in load). Waiting hashes queue; every
 * other request keeps a core.
 */
const hashing = pLimit(Math.max(1, availableParallelism() - 1));

/** Longer inputs are refused before hashing so a megabyte "password" cannot tie up a worker. */
export const MAX_PASSWORD_BYTES = 1024;

/** NFKC, so the same password typed on two keyboards (composed vs decomposed é) is the same password. */
export function normalizePassword(password: string): string {
	return password.normalize("NFKC");
}

export function hashPassword(password: string): Promise<string> {
	return hashing(() => hash(normalizePassword(password), PASSWORD_HASH_OPTIONS));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await hashing(() => verify(passwordHash, normalizePassword(password)));
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/**
 * Burns the same time as a real verification. Used when the email is unknown, so response
 * time does not reveal which addresses have accounts (ASVS 6.3.8).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hashPassword("tessera-dummy-password-never-matches");
	await verifyPassword(await dummyHash, password);
	return false;
}

/**
 * True when a stored hash was made with weaker parameters than today's (an older installation,
 * or raised costs): the next successful sign-in re-hashes it (SECURITY A02).
 */
export function needsRehash(passwordHash: string): boolean {
	const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
	if (!match) return true;
	const [, m, t, p] = match.map(Number);
	return (
		(m ?? 0) < PASSWORD_HASH_OPTIONS.memoryCost ||
		(t ?? 0) < PASSWORD_HASH_OPTIONS.timeCost ||
		(p ?? 0) !== PASSWORD_HASH_OPTIONS.parallelism
	);
}
