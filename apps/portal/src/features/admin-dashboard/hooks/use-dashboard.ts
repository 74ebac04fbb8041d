import { browserTimeZone } from "../../../lib/dates";
import { trpc } from "../../../trpc";

/**
 * What the dashboard asks for: its days in this device's zone when the profile names none, the
 * zone every other page shows times in, so a day's figure and the list it links to agree.
 */
export const dashboardInput = () => ({ deviceTimeZone: browserTimeZone() });

/** The dashboard's figures; fresh for a minute (they are totals, not live counters). */
export function useDashboard() {
	return trpc.dashboard.get.useQuery(dashboardInput(), { staleTime: 60_000 });
}
