/**
 * Ceiling for password sign-in on this machine: how many argon2id verifications per second the
 * production parameters allow, with 1..N verifications in flight at once (libuv thread pool).
 * Sign-in cannot be faster than this, whatever the HTTP and database layers do.
 *
 * Usage: tsx src/argon2.ts            (UV_THREADPOOL_SIZE is read once, at the first hash)
 *        UV_THREADPOOL_SIZE=2 tsx src/argon2.ts
 */
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { hashPassword, verifyPassword } from "@tessera/core/passwords/password-hash";

const SECONDS = Number(process.env.BENCH_DURATION ?? 3);
const password = "correct horse battery staple";
const hash = await hashPassword(password);

console.log(
	`argon2id ${hash.split("$")[3]}; ${availableParallelism()} cores; UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? "(default 4)"}`,
);
for (const inFlight of [1, 2, 4, 8, 16]) {
	const deadline = performance.now() + SECONDS * 1000;
	let done = 0;
	const worker = async () => {
		while (performance.now() < deadline) {
			if (!(await verifyPassword(hash, password))) throw new Error("verification failed");
			done++;
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: inFlight }, worker));
	const elapsed = (performance.now() - started) / 1000;
	console.log(
		`  ${String(inFlight).padStart(2)} in flight: ${(done / elapsed).toFixed(1).padStart(6)} verifications/s, ${((elapsed * 1000 * inFlight) / done).toFixed(1)} ms each`,
	);
}
