// Runs in a worker thread of `password-hash.ts`'s pool. Plain JavaScript, so it loads the same
// under tsx, vitest and plain Node: a worker thread does not inherit a TypeScript loader.
import { hashSync, verifySync } from "@node-rs/argon2";

/**
 * One argon2id operation, synchronous: this thread does nothing else, and the next task queued
 * for it starts the moment this one returns.
 * @param {{ op: "hash"; password: string; options: import("@node-rs/argon2").Options } | { op: "verify"; hash: string; password: string }} task
 * @returns {string | boolean}
 */
export default function argon2(task) {
	return task.op === "hash" ? hashSync(task.password, task.options) : verifySync(task.hash, task.password);
}
