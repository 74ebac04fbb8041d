import { readApiError } from "../../../lib/errors";
import { type RouterOutputs, trpc } from "../../../trpc";

export type MailboxMessage = RouterOutputs["dev"]["mailbox"][number];

/** How often the mailbox page looks for new messages. */
const REFRESH_MS = 3000;

/**
 * The messages Tessera would have sent to the organisation's users (development servers only),
 * newest first, refreshed every few seconds. `isDisabled` when the server has the mailbox off
 * (it answers NOT_FOUND).
 */
export function useDevMailbox(tenant: string) {
	const query = trpc.dev.mailbox.useQuery(
		{ tenant },
		{
			enabled: tenant.trim() !== "",
			refetchInterval: (current) => (current.state.error ? false : REFRESH_MS),
			retry: false,
			staleTime: 0,
		},
	);
	const messages = [...(query.data ?? [])].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
	return {
		messages,
		isPending: query.isPending && query.fetchStatus !== "idle",
		isDisabled: query.error !== null && readApiError(query.error).code === "NOT_FOUND",
		error: query.error,
		dataUpdatedAt: query.dataUpdatedAt,
	};
}

/**
 * Whether this server keeps a development mailbox, so the sign-in page can link to it. Asks once;
 * a production server answers NOT_FOUND and the link stays hidden.
 */
export function useIsDevMailboxEnabled(tenant: string | null) {
	const query = trpc.dev.mailbox.useQuery(
		{ tenant: tenant || "default" },
		{ retry: false, staleTime: 5 * 60_000, refetchOnWindowFocus: false },
	);
	return query.isSuccess;
}
