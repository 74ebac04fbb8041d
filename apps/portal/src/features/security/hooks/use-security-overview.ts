import { type RouterOutputs, trpc } from "../../../trpc";

export type SecurityOverview = RouterOutputs["security"]["overview"];
export type MfaMethod = SecurityOverview["mfa"]["enrolled"][number];

/** The Security page's facts: password age, second factors, recovery codes left. No secrets. */
export function useSecurityOverview() {
	return trpc.security.overview.useQuery(undefined, { staleTime: 10_000 });
}
