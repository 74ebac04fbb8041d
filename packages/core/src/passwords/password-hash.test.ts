import { performance } from "node:perf_hooks";
import { type Algorithm, hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./password-hash";

describe("password hashing", () => {
	it("stores argon2id PHC strings with at least OWASP's parameters", async () => {
		const hash = await hashPassword("correct horse battery staple");
		const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(hash);
		expect(match).not.toBeNull();
		expect(Number(match?.[1])).toBeGreaterThanOrEqual(19_456);
		expect(Number(match?.[2])).toBeGreaterThanOrEqual(2);
		expect(Number(match?.[3])).toBe(1);
	});

	it("salts: the same password never hashes the same twice", async () => {
		expect(await hashPassword("same password here")).not.toBe(await hashPassword("same password here"));
	});

	it("verifies exactly as typed: case and inner spaces matter", async () => {
		const hash = await hashPassword("Tr0ub4dor & 3 horses");
		expect(await verifyPassword(hash, "Tr0ub4dor & 3 horses")).toBe(true);
		expect(await verifyPassword(hash, "tr0ub4dor & 3 horses")).toBe(false);
		expect(await verifyPassword(hash, "Tr0ub4dor &3 horses")).toBe(false);
	});

	it("normalises with NFKC: composed and decomposed é are the same password", async () => {
		const hash = await hashPassword("caf\u00e9 au lait, s'il vous plaît");
		expect(await verifyPassword(hash, "cafe\u0301 au lait, s'il vous plai\u0302t")).toBe(true);
	});

	it("does not truncate long passwords", async () => {
		const long = `${"x".repeat(72)}${"y".repeat(56)}`;
		const hash = await hashPassword(long);
		expect(await verifyPassword(hash, long.slice(0, 72))).toBe(false);
		expect(await verifyPassword(hash, long)).toBe(true);
	});

	it("treats a malformed stored hash as a mismatch, not a crash", async () => {
		expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
	});

	it("answers each of many verifications fired at once with its own result", async () => {
		const stored = await hashPassword("the right one");
		const typed = Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? "the right one" : `wrong ${i}`));
		const results = await Promise.all(typed.map((password) => verifyPassword(stored, password)));
		expect(results).toEqual(typed.map((password) => password === "the right one"));
	});

	it("hashes off the event loop: the calling thread stays mostly idle while verifications run", async () => {
		const stored = await hashPassword("a password to check");
		const before = performance.eventLoopUtilization();
		const results = await Promise.all(Array.from({ length: 8 }, () => verifyPassword(stored, "a password to check")));
		const spent = performance.eventLoopUtilization(before);
		expect(results).toEqual(Array(8).fill(true));
		// Hashing on this thread would keep it busy about all of the time (utilisation near 1).
		expect(spent.utilization).toBeLessThan(0.5);
	});

	it("the dummy verification never matches", async () => {
		expect(await verifyAgainstDummy("tessera-dummy-password-never-matches")).toBe(false);
	});
});

describe("needsRehash", () => {
	it("is false for today's parameters and true for weaker or foreign hashes", async () => {
		expect(needsRehash(await hashPassword("a password of today"))).toBe(false);
		const weak = await hash("old password", {
			algorithm: 2 as Algorithm,
			memoryCost: 4096,
			timeCost: 1,
			parallelism: 1,
		});
		expect(needsRehash(weak)).toBe(true);
		expect(needsRehash("$2b$10$abcdefghijklmnopqrstuv")).toBe(true);
	});
});
