import { keepPreviousData } from "@tanstack/react-query";
import { type RouterInputs, type RouterOutputs, trpc } from "../../../trpc";

export type UserListItem = RouterOutputs["users"]["list"]["items"][number];

/**
 * One page of the admin user list. While the next page, sort or filter loads, the previous rows
 * stay on screen (marked busy) instead of the table collapsing to a spinner.
 */
export function useUsersList(input: RouterInputs["users"]["list"]) {
	return trpc.users.list.useQuery(input, { placeholderData: keepPreviousData, staleTime: 10_000 });
}
