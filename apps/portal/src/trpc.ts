import type { QueryClient } from "@tanstack/react-query";
import type { AppRouter } from "@tessera/api/router";
import { httpBatchLink } from "@trpc/client";
import { createTRPCQueryUtils, createTRPCReact } from "@trpc/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import superjson from "superjson";

/** React hooks for the API, typed from the server's router (type-only import: no server code ships). */
export const trpc = createTRPCReact<AppRouter>();

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/**
 * The tRPC client. The API serves the portal on the same origin in production and Vite proxies
 * `/trpc` in development, so the URL is relative and the session cookie is same-origin only.
 */
export function createTrpcClient() {
	return trpc.createClient({
		links: [
			httpBatchLink<AppRouter>({
				url: "/trpc",
				transformer: superjson,
				fetch: (url, options) => fetch(url, { ...options, credentials: "same-origin" }),
			}),
		],
	});
}

export type TrpcClient = ReturnType<typeof createTrpcClient>;

/** Query helpers usable outside React (route `beforeLoad`/`loader`), sharing the hooks' cache keys. */
export function createTrpcUtils(queryClient: QueryClient, client: TrpcClient) {
	return createTRPCQueryUtils<AppRouter>({ queryClient, client });
}

export type TrpcUtils = ReturnType<typeof createTrpcUtils>;
