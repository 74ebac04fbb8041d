/** What each page query of a "show more" list holds (a tRPC `useQueries` result). */
interface PageQuery<T, E> {
	data?: { items: T[]; nextCursor: string | null } | undefined;
	isPending: boolean;
	error: E | null;
}

/**
 * Pages of a list that grows with "show more": one plain query per loaded cursor (strict API
 * inputs refuse the `direction` field React Query's infinite queries add). Joins them with each
 * item once, since a change meanwhile can shift an item onto the next page too.
 */
export function joinPages<T extends { id: string }, E>(pages: PageQuery<T, E>[]) {
	const first = pages[0];
	const last = pages.at(-1);
	const seen = new Set<string>();
	const items: T[] = [];
	for (const item of pages.flatMap((page) => page.data?.items ?? [])) {
		if (!seen.has(item.id)) {
			seen.add(item.id);
			items.push(item);
		}
	}
	return {
		/** Set once the first page has arrived. */
		items: first?.data ? items : undefined,
		/** True until the first page has arrived. */
		isPending: first?.isPending ?? true,
		error: pages.find((page) => page.error)?.error ?? null,
		nextCursor: last?.data?.nextCursor ?? null,
		isFetchingNextPage: pages.length > 1 && (last?.isPending ?? false),
	};
}
