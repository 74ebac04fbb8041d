// The hashing thread behind password-hash.ts: argon2id jobs arrive as messages and run one after
// another on this thread, so the next hash starts the moment the last ends, without waiting for
// the main thread's event loop to be free (under sign-in load it rarely is). Plain JavaScript, so
// it loads the same under tsx, vitest and node alike.
import { parentPort } from "node:worker_threads";
import { hashSync, verifySync } from "@node-rs/argon2";

parentPort.on("message", (job) => {
	try {
		const result = job.op === "hash" ? hashSync(job.password, job.options) : verifySync(job.hash, job.password);
		parentPort.postMessage({ id: job.id, ok: true, result });
	} catch (error) {
		parentPort.postMessage({ id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) });
	}
});
