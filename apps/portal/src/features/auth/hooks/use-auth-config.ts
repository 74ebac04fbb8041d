import { trpc } from "../../../trpc";

/** Public sign-in settings: the organisation to pre-fill, if the server has a default. */
export function useAuthConfig() {
	const query = trpc.auth.config.useQuery(undefined, { staleTime: 5 * 60_000 });
	return {
		defaultTenant: query.data?.defaultTenant ?? null,
		isPending: query.isPending,
	};
}
