import { keepPreviousData } from "@tanstack/react-query";
import { type RouterInputs, type RouterOutputs, trpc } from "../../../trpc";

export type ActivityEvent = RouterOutputs["me"]["activity"]["items"][number];

/**
 * One page of the caller's own activity, asked for with an explicit cursor. While another page or
 * category loads, the previous rows stay on screen, marked busy.
 */
export function useOwnActivity(input: RouterInputs["me"]["activity"]) {
	return trpc.me.activity.useQuery(input, { placeholderData: keepPreviousData, staleTime: 10_000 });
}
