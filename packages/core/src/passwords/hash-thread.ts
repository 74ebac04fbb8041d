import { Worker } from "node:worker_threads";

type Job = { op: "hash"; password: string; options: object } | { op: "verify"; hash: string; password: string };
type Answer = { id: number; ok: true; result: string | boolean } | { id: number; ok: false; message: string };

interface Waiting {
	resolve(result: string | boolean): void;
	reject(error: Error): void;
}

/**
 * One thread that runs argon2id jobs back to back (`argon2-worker.mjs`). Started on the first
 * job; keeps the process alive only while a job is waiting, so a script that hashed once can
 * end. Should the thread die, every job it held fails and the next job starts a new one.
 */
export class HashThread {
	#worker: Worker | null = null;
	#waiting = new Map<number, Waiting>();
	#nextId = 1;

	get pending(): number {
		return this.#waiting.size;
	}

	run(job: Job): Promise<string | boolean> {
		const worker = this.#start();
		const id = this.#nextId++;
		return new Promise((resolve, reject) => {
			this.#waiting.set(id, { resolve, reject });
			if (this.#waiting.size === 1) worker.ref();
			worker.postMessage({ ...job, id });
		});
	}

	#start(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(new URL("./argon2-worker.mjs", import.meta.url));
		worker.unref();
		worker.on("message", (answer: Answer) => {
			const waiting = this.#waiting.get(answer.id);
			if (!waiting) return;
			this.#waiting.delete(answer.id);
			if (this.#waiting.size === 0) worker.unref();
			if (answer.ok) waiting.resolve(answer.result);
			else waiting.reject(new Error(answer.message));
		});
		const fail = (error: Error) => {
			if (this.#worker !== worker) return;
			this.#worker = null;
			const waiting = [...this.#waiting.values()];
			this.#waiting.clear();
			for (const job of waiting) job.reject(error);
		};
		worker.on("error", fail);
		worker.on("exit", (code) => fail(new Error(`the hashing thread exited (code ${code})`)));
		this.#worker = worker;
		return worker;
	}
}
