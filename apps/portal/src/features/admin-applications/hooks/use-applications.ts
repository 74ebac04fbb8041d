import { useState } from "react";
import { joinPages } from "../../../lib/show-more-pages";
import { type RouterInputs, trpc } from "../../../trpc";

const PAGE_SIZE = 50;

/**
 * The application users the viewer manages keys for, newest first, a page at a time ("show
 * more" appends the next page). Pages are plain queries, one per cursor: the procedure's input
 * is strict, so React Query's infinite queries (which add a `direction` field) do not fit it.
 */
export function useApplicationUsers() {
	const [cursors, setCursors] = useState<string[]>([]);
	const pages = trpc.useQueries((t) =>
		[undefined, ...cursors].map((cursor) =>
			t.apiKeys.listApplicationUsers({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }, { staleTime: 10_000 }),
		),
	);
	const { items, isPending, error, nextCursor, isFetchingNextPage } = joinPages(pages);
	return {
		items: items ?? [],
		isPending,
		error,
		hasNextPage: nextCursor !== null,
		isFetchingNextPage,
		fetchNextPage: () => {
			if (nextCursor !== null) {
				setCursors((current) => (current.includes(nextCursor) ? current : [...current, nextCursor]));
			}
		},
	};
}

/** The keys of one application user: prefix, name, dates, status; never the secret. */
export function useApiKeys(userId: string) {
	return trpc.apiKeys.list.useQuery({ userId }, { staleTime: 10_000 });
}

/**
 * Where the admin may create application users (apikeys.manage): the organisation, when held
 * there, and the accounts within reach, the choices for a new user's primary account.
 */
export function useApplicationContexts() {
	return trpc.roles.contexts.useQuery({ permission: "apikeys.manage" }, { staleTime: 60_000, retry: false });
}

/** Which roles the administrator may give a new application user where (decided by the server). */
export function useApplicationGrantable(enabled: boolean) {
	return trpc.roles.grantable.useQuery({ purpose: "applicationUser" }, { enabled, staleTime: 60_000, retry: false });
}

export type CreateApplicationUserInput = RouterInputs["apiKeys"]["createApplicationUser"];

export function useCreateApplicationUser() {
	const utils = trpc.useUtils();
	return trpc.apiKeys.createApplicationUser.useMutation({
		onSuccess: async () => {
			await Promise.all([utils.apiKeys.invalidate(), utils.roles.list.invalidate()]);
		},
	});
}

/**
 * Issues a key. The answer carries the full key, once: `gcTime: 0` drops the finished mutation
 * (and the key with it) from React Query's cache as soon as nothing observes it, and the caller
 * resets the mutation when the key's dialog closes.
 */
export function useIssueApiKey() {
	const utils = trpc.useUtils();
	return trpc.apiKeys.issue.useMutation({
		gcTime: 0,
		onSuccess: async () => {
			await utils.apiKeys.invalidate();
		},
	});
}

export function useRevokeApiKey() {
	const utils = trpc.useUtils();
	return trpc.apiKeys.revoke.useMutation({
		onSuccess: async () => {
			await utils.apiKeys.invalidate();
		},
	});
}
