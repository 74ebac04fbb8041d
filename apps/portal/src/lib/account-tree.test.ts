import { describe, expect, it } from "vitest";
import { accountChains, accountTree, accountTreeOptions } from "./account-tree";

const account = (id: string, name: string, parentAccountId: string | null = null) => ({ id, name, parentAccountId });

describe("accountTree", () => {
	it("lists sub-accounts under their parents, each level by name", () => {
		const tree = accountTree([
			account("s", "Sales"),
			account("se", "Sales EMEA", "s"),
			account("b", "Berlin", "se"),
			account("a", "Amsterdam", "se"),
			account("sa", "Sales APAC", "s"),
			account("e", "Engineering"),
		]);
		expect(tree.map((entry) => [entry.name, entry.depth])).toEqual([
			["Engineering", 0],
			["Sales", 0],
			["Sales APAC", 1],
			["Sales EMEA", 1],
			["Amsterdam", 2],
			["Berlin", 2],
		]);
	});

	it("puts an account whose parent is out of reach at the top level", () => {
		const tree = accountTree([account("c", "Child", "hidden"), account("a", "Another")]);
		expect(tree).toEqual([
			{ id: "a", name: "Another", depth: 0 },
			{ id: "c", name: "Child", depth: 0 },
		]);
	});

	it("lists every account once even when parent links form a cycle", () => {
		const tree = accountTree([account("x", "X", "y"), account("y", "Y", "x"), account("z", "Z", "z")]);
		expect(tree.map((entry) => entry.id).sort()).toEqual(["x", "y", "z"]);
	});
});

describe("accountTreeOptions", () => {
	it("indents sub-accounts with non-breaking spaces, which a native option keeps", () => {
		expect(accountTreeOptions([account("p", "Parent"), account("c", "Child", "p")])).toEqual([
			{ value: "p", label: "Parent" },
			{ value: "c", label: "\u00a0\u00a0\u00a0Child" },
		]);
	});
});

describe("accountChains", () => {
	it("walks from an account up to the top of the list, nearest first", () => {
		const chainOf = accountChains([account("a", "A"), account("b", "B", "a"), account("c", "C", "b")]);
		expect(chainOf("c")).toEqual(["c", "b", "a"]);
		expect(chainOf("a")).toEqual(["a"]);
	});

	it("ends with a parent outside the list, and stops at a cycle", () => {
		expect(accountChains([account("b", "B", "hidden")])("b")).toEqual(["b", "hidden"]);
		expect(accountChains([account("x", "X", "y"), account("y", "Y", "x")])("x")).toEqual(["x", "y"]);
	});
});
