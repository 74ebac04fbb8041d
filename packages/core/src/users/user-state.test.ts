import type { UserState } from "@tessera/db/schema";
import { USER_STATES } from "@tessera/db/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IllegalStateTransitionError } from "./user.errors";
import { assertTransition, canAct, canTransition } from "./user-state";

const LEGAL: ReadonlyArray<[UserState, UserState]> = [
	["create", "active"],
	["active", "inactive"],
	["inactive", "active"],
	["active", "deleting"],
	["inactive", "deleting"],
	["deleting", "deleted"],
	["deleting", "inactive"],
];

describe("user lifecycle", () => {
	it.each(USER_STATES.flatMap((from) => USER_STATES.map((to) => [from, to] as const)))("%s → %s", (from, to) => {
		const legal = LEGAL.some(([f, t]) => f === from && t === to);
		expect(canTransition(from, to)).toBe(legal);
		if (legal) expect(() => assertTransition(from, to)).not.toThrow();
		else expect(() => assertTransition(from, to)).toThrow(IllegalStateTransitionError);
	});

	it("deleted is final", () => {
		for (const to of USER_STATES) expect(canTransition("deleted", to)).toBe(false);
	});

	it("only active users can act", () => {
		expect(USER_STATES.filter(canAct)).toEqual(["active"]);
	});

	it("random sequences never leave the reference model", () => {
		const model = new Map<UserState, Set<UserState>>();
		for (const [from, to] of LEGAL) model.set(from, (model.get(from) ?? new Set()).add(to));
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...USER_STATES), { maxLength: 30 }), (targets) => {
				let state: UserState = "create";
				for (const to of targets) {
					const allowed = model.get(state)?.has(to) ?? false;
					try {
						assertTransition(state, to);
						expect(allowed).toBe(true);
						state = to;
					} catch (error) {
						expect(error).toBeInstanceOf(IllegalStateTransitionError);
						expect(allowed).toBe(false);
					}
				}
			}),
		);
	});
});
