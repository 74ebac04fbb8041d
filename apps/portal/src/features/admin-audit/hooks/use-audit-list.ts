import { keepPreviousData } from "@tanstack/react-query";
import { type RouterInputs, type RouterOutputs, trpc } from "../../../trpc";

export type AuditEvent = RouterOutputs["audit"]["list"]["items"][number];

/**
 * One page of the audit log, asked for with an explicit cursor (no infinite query: it would add
 * a `direction` the strict input refuses). While another page or filter loads, the previous rows
 * stay on screen, marked busy.
 */
export function useAuditList(input: RouterInputs["audit"]["list"]) {
	return trpc.audit.list.useQuery(input, { placeholderData: keepPreviousData, staleTime: 10_000 });
}
