import { describe, expect, it } from "vitest";
import { TransactionSlots, TransactionSlotTimeoutError, transactionSlotCount } from "./transaction-slots";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("transaction slots", () => {
	it("keeps a fifth of the pool (at least two connections) for reads, and one slot on the smallest pools", () => {
		expect(transactionSlotCount(10)).toBe(8);
		expect(transactionSlotCount(20)).toBe(16);
		expect(transactionSlotCount(3)).toBe(1);
		expect(transactionSlotCount(1)).toBe(1);
	});

	it("never runs more than its size at once, under 50 parallel calls, and serves them in arrival order", async () => {
		const slots = new TransactionSlots(3, 5_000);
		let running = 0;
		let peak = 0;
		const order: number[] = [];
		await Promise.all(
			Array.from({ length: 50 }, (_, index) =>
				slots.run(async () => {
					running++;
					peak = Math.max(peak, running);
					order.push(index);
					await sleep(1);
					running--;
				}),
			),
		);
		expect(peak).toBe(3);
		expect(order).toEqual([...order].sort((a, b) => a - b));
	});

	it("gives up on a waiter after its wait and frees the slot of a failed run", async () => {
		const slots = new TransactionSlots(1, 50);
		let release = () => {};
		const holder = slots.run(() => new Promise<void>((resolve) => (release = resolve)));
		const started = performance.now();
		await expect(slots.run(async () => "never")).rejects.toBeInstanceOf(TransactionSlotTimeoutError);
		expect(performance.now() - started).toBeGreaterThanOrEqual(45);
		release();
		await holder;
		await expect(slots.run(async () => Promise.reject(new Error("rolled back")))).rejects.toThrow("rolled back");
		await expect(slots.run(async () => "next")).resolves.toBe("next");
	});
});
