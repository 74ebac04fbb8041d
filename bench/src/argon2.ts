/**
 * Ceiling for password sign-in on this machine: how many argon2id verifications per second the
 * production parameters allow. Core's hashing runs at most (cores − 1) hashes at once
 * (`passwords/password-hash.ts`), so on a 2-core machine the one-thread figure is the ceiling:
 * sign-in cannot be faster, whatever the HTTP and database layers do. `run.ts` measures it in
 * the same run as the sign-in load and prints the ratio.
 *
 * The ceiling (`measureArgon2Ceiling`) is the library alone: `verifySync` back to back on this
 * thread, with no pool, queue or message in between. The table below also shows core's
 * `verifyPassword` with 1..N verifications in flight at once, i.e. what the pool adds.
 *
 * Usage: tsx src/argon2.ts            (UV_THREADPOOL_SIZE is read once, at the first hash)
 *        UV_THREADPOOL_SIZE=2 tsx src/argon2.ts
 */
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { verifySync } from "@node-rs/argon2";
import { hashPassword, verifyPassword } from "@tessera/core/passwords/password-hash";

const PASSWORD = "correct horse battery staple";
let sample: Promise<string> | undefined;

/** The PHC string of the hash every measurement verifies (its parameters: `m=…,t=…,p=…`). */
export function argon2Sample(): Promise<string> {
	sample ??= hashPassword(PASSWORD);
	return sample;
}

export interface Argon2Figure {
	inFlight: number;
	verificationsPerSecond: number;
	/** Wall time per verification as a caller sees it (queueing included). */
	msEach: number;
}

/** Verifies through core's `verifyPassword` for `seconds`, `inFlight` at once. */
export async function measureArgon2(inFlight: number, seconds: number): Promise<Argon2Figure> {
	const hash = await argon2Sample();
	const deadline = performance.now() + seconds * 1000;
	let done = 0;
	const worker = async () => {
		while (performance.now() < deadline) {
			if (!(await verifyPassword(hash, PASSWORD))) throw new Error("verification failed");
			done++;
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: inFlight }, worker));
	const elapsed = (performance.now() - started) / 1000;
	return { inFlight, verificationsPerSecond: done / elapsed, msEach: (elapsed * 1000 * inFlight) / done };
}

/** The library's own rate on one thread: synchronous verifications back to back, `seconds` long. */
export async function measureArgon2Ceiling(seconds: number): Promise<Argon2Figure> {
	const hash = await argon2Sample();
	const started = performance.now();
	const deadline = started + seconds * 1000;
	let done = 0;
	while (performance.now() < deadline) {
		if (!verifySync(hash, PASSWORD)) throw new Error("verification failed");
		done++;
	}
	const elapsed = (performance.now() - started) / 1000;
	return { inFlight: 1, verificationsPerSecond: done / elapsed, msEach: (elapsed * 1000) / done };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const seconds = Number(process.env.BENCH_DURATION ?? 3);
	const hash = await argon2Sample();
	console.log(
		`argon2id ${hash.split("$")[3]}; ${availableParallelism()} cores; UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? "(default 4)"}`,
	);
	const ceiling = await measureArgon2Ceiling(seconds);
	console.log(
		`  the library alone, one thread: ${ceiling.verificationsPerSecond.toFixed(1)} verifications/s, ${ceiling.msEach.toFixed(1)} ms each`,
	);
	for (const inFlight of [1, 2, 4, 8, 16]) {
		const figure = await measureArgon2(inFlight, seconds);
		console.log(
			`  core's verifyPassword, ${String(inFlight).padStart(2)} in flight: ${figure.verificationsPerSecond.toFixed(1).padStart(6)} verifications/s, ${figure.msEach.toFixed(1)} ms each`,
		);
	}
}
