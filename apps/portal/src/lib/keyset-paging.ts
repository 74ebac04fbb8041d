/**
 * Previous/next over a keyset-paged list whose page lives in the URL (`cursor`). Keyset paging
 * only goes forward, so the cursors of the pages before this one travel in the history entry
 * (`previousCursors`, "" for the first page): reload and back/forward keep them; a shared link to
 * a later page has none, so its page number is unknown (null) and "previous" goes to the first.
 */
export function keysetPaging<S extends { cursor?: string | undefined }>(
	search: S,
	previousCursors: readonly string[] | undefined,
	nextCursor: string | null | undefined,
	show: (next: S, previousCursors?: string[]) => void,
) {
	return {
		pageNumber: search.cursor === undefined ? 1 : previousCursors ? previousCursors.length + 1 : null,
		goNext: () => {
			if (nextCursor) show({ ...search, cursor: nextCursor }, [...(previousCursors ?? []), search.cursor ?? ""]);
		},
		goPrevious: () => {
			const cursors = previousCursors ?? [];
			show({ ...search, cursor: cursors.at(-1) || undefined }, cursors.slice(0, -1));
		},
	};
}
