import { availableParallelism } from "node:os";
import type { Algorithm } from "@node-rs/argon2";
import { HashThread } from "./hash-thread";

/**
 * argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1). The PHC string records the
 * parameters, so raising them later still verifies old hashes (and can rehash on sign-in).
 */
const ARGON2ID = 2 as Algorithm; // the library's `Algorithm.Argon2id`, declared as an ambient const enum
export const PASSWORD_HASH_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Hashes run on their own threads, one per core but one, each working through its jobs back to
 * back. argon2 costs about 15 ms of CPU at these parameters: libuv's four threads hashing at once
 * on a 2-core machine starved the event loop (a health probe's p99 went to 68 ms during sign-in
 * load), and capping them at one meant each next hash waited for the busy event loop to hear the
 * last one had ended (sign-in reached 0.73 of one thread's rate). Waiting hashes queue on the
 * least busy thread; every other request keeps a core.
 */
const threads = Array.from({ length: Math.max(1, availableParallelism() - 1) }, () => new HashThread());

function leastBusyThread(): HashThread {
	return threads.reduce((best, thread) => (thread.pending < best.pending ? thread : best));
}

/** Longer inputs are refused before hashing so a megabyte "password" cannot tie up a worker. */
export const MAX_PASSWORD_BYTES = 1024;

/** NFKC, so the same password typed on two keyboards (composed vs decomposed é) is the same password. */
export function normalizePassword(password: string): string {
	return password.normalize("NFKC");
}

export async function hashPassword(password: string): Promise<string> {
	const result = await leastBusyThread().run({
		op: "hash",
		password: normalizePassword(password),
		options: PASSWORD_HASH_OPTIONS,
	});
	if (typeof result !== "string") throw new Error("the hashing thread returned no hash");
	return result;
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return (
			(await leastBusyThread().run({ op: "verify", hash: passwordHash, password: normalizePassword(password) })) ===
			true
		);
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
