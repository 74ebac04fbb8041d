import type { SelectOption } from "@tessera/ui/select-field";

/** An account as `roles.contexts` lists it. */
export interface AccountNode {
	id: string;
	name: string;
	parentAccountId: string | null;
}

/** One account in tree order, with how deep it sits below the top of the list. */
export interface AccountTreeEntry {
	id: string;
	name: string;
	depth: number;
}

/** Non-breaking spaces: a native `<option>` strips ordinary leading whitespace, not these. */
const INDENT = "\u00a0\u00a0\u00a0";

/**
 * The accounts as a tree, flattened for a list: every account followed by its sub-accounts, each
 * level sorted by name. An account whose parent is not in the list (outside the admin's reach)
 * stands at the top level, so nothing listed is ever left out, and a cycle in parent links cannot
 * loop (each account appears once).
 */
export function accountTree(accounts: readonly AccountNode[]): AccountTreeEntry[] {
	const known = new Set(accounts.map((account) => account.id));
	const byName = (a: AccountNode, b: AccountNode) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
	const childrenOf = new Map<string | null, AccountNode[]>();
	for (const account of accounts) {
		const parent =
			account.parentAccountId && known.has(account.parentAccountId) && account.parentAccountId !== account.id
				? account.parentAccountId
				: null;
		childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), account]);
	}
	const entries: AccountTreeEntry[] = [];
	const seen = new Set<string>();
	const visit = (parent: string | null, depth: number) => {
		for (const account of [...(childrenOf.get(parent) ?? [])].sort(byName)) {
			if (seen.has(account.id)) {
				continue;
			}
			seen.add(account.id);
			entries.push({ id: account.id, name: account.name, depth });
			visit(account.id, depth + 1);
		}
	};
	visit(null, 0);
	// Accounts only reachable through a cycle have no top: list them at the top level.
	for (const account of [...accounts].sort(byName)) {
		if (!seen.has(account.id)) {
			seen.add(account.id);
			entries.push({ id: account.id, name: account.name, depth: 0 });
			visit(account.id, 1);
		}
	}
	return entries;
}

/** `<select>` options for the accounts, sub-accounts indented under their parents. */
export function accountTreeOptions(accounts: readonly AccountNode[]): SelectOption[] {
	return accountTree(accounts).map((entry) => ({
		value: entry.id,
		label: `${INDENT.repeat(entry.depth)}${entry.name}`,
	}));
}

/**
 * A lookup of each account's chain: the account followed by its ancestors, nearest first, as the
 * server's permission checks walk it. Only the accounts given are known: the chain ends with the
 * first parent outside the list (its id is known, its own parent not), or at a cycle.
 */
export function accountChains(accounts: readonly AccountNode[]): (accountId: string) => string[] {
	const parentOf = new Map(accounts.map((account) => [account.id, account.parentAccountId]));
	return (accountId) => {
		const chain: string[] = [];
		let current: string | null | undefined = accountId;
		while (current && !chain.includes(current)) {
			chain.push(current);
			current = parentOf.get(current);
		}
		return chain;
	};
}
