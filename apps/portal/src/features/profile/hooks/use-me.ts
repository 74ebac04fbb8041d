import { type RouterOutputs, trpc } from "../../../trpc";

export type Me = RouterOutputs["me"]["get"];

/**
 * The signed-in user. Only for components under the `_authed` layout, whose `beforeLoad` has
 * already put `me` in the cache, so this never suspends there.
 */
export function useMe(): Me {
	const [me] = trpc.me.get.useSuspenseQuery(undefined, { staleTime: 30_000 });
	return me;
}

/** A name to greet the user by: first and last name, else username, else email, else null. */
export function displayNameOf(me: Pick<Me, "firstName" | "lastName" | "username" | "email">): string | null {
	const fullName = [me.firstName, me.lastName]
		.map((part) => part?.trim())
		.filter(Boolean)
		.join(" ");
	return fullName || me.username || me.email || null;
}
