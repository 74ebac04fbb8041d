import { availableParallelism } from "node:os";
import type { Algorithm } from "@node-rs/argon2";
import { Piscina } from "piscina";

/**
 * argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1). The PHC string records the
 * parameters, so raising them later still verifies old hashes (and can rehash on sign-in).
 */
const ARGON2ID = 2 as Algorithm; // the library's `Algorithm.Argon2id`, declared as an ambient const enum
export const PASSWORD_HASH_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Hashes run on worker threads of their own, at most one per core but one. argon2 costs about
 * 15 ms of CPU at these parameters; libuv's four threads hashing at once on a 2-core machine
 * starved the event loop (a health probe's p99 went to 68 ms during sign-in load), so every
 * other request keeps a core.
 *
 * Each worker is handed its next hash while it still works on the current one
 * (`concurrentTasksPerWorker: 2`; it runs them one after the other). With the hashes on libuv's
 * pool behind a limit of one, the next hash started only when the event loop got round to the
 * last one's callback, so under sign-in load the hashing core sat idle between hashes while the
 * loop served HTTP and database replies (sign-in reached 0.76–0.90 of one thread's hash rate;
 * 0.91–0.95 since). Waiting hashes queue in the pool.
 */
const HASHING_THREADS = Math.max(1, availableParallelism() - 1);

let pool: Piscina<Argon2Task, string | boolean> | undefined;

type Argon2Task =
	| { op: "hash"; password: string; options: typeof PASSWORD_HASH_OPTIONS }
	| { op: "verify"; hash: string; password: string };

function hashing(): Piscina<Argon2Task, string | boolean> {
	pool ??= new Piscina({
		filename: new URL("./argon2.worker.mjs", import.meta.url).href,
		minThreads: HASHING_THREADS,
		maxThreads: HASHING_THREADS,
		concurrentTasksPerWorker: 2,
		// The threads stay for the life of the process; idle ones do not keep it alive.
		idleTimeout: Number.POSITIVE_INFINITY,
	});
	return pool;
}

/** Longer inputs are refused before hashing so a megabyte "password" cannot tie up a worker. */
export const MAX_PASSWORD_BYTES = 1024;

/** NFKC, so the same password typed on two keyboards (composed vs decomposed é) is the same password. */
export function normalizePassword(password: string): string {
	return password.normalize("NFKC");
}

export async function hashPassword(password: string): Promise<string> {
	const hash = await hashing().run({
		op: "hash",
		password: normalizePassword(password),
		options: PASSWORD_HASH_OPTIONS,
	});
	if (typeof hash !== "string") throw new Error("argon2 worker returned no hash");
	return hash;
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return (await hashing().run({ op: "verify", hash: passwordHash, password: normalizePassword(password) })) === true;
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
