import { trpc } from "../../../trpc";

/** The dashboard's figures; fresh for a minute (they are totals, not live counters). */
export function useDashboard() {
	return trpc.dashboard.get.useQuery(undefined, { staleTime: 60_000 });
}
