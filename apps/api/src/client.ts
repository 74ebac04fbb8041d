import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "./router";

export type { AppRouter };

export interface ClientOptions {
	/** Base URL of the API, e.g. https://tessera.example.com/trpc */
	url: string;
	/** Extra headers per request (e.g. a cookie, or later `Authorization: Bearer <api key>`). */
	headers?: () => Record<string, string> | Promise<Record<string, string>>;
	/** A fetch implementation (defaults to the global one). */
	fetch?: typeof fetch;
}

/**
 * The typed client internal applications import. Batches up to the server's cap of 10 calls.
 *
 * @example
 * const tessera = createClient({ url: "http://localhost:3000/trpc" });
 * const me = await tessera.me.get.query();
 */
export function createClient(options: ClientOptions) {
	return createTRPCClient<AppRouter>({
		links: [
			httpBatchLink({
				url: options.url,
				transformer: superjson,
				maxItems: 10,
				headers: options.headers,
				...(options.fetch ? { fetch: options.fetch } : {}),
			}),
		],
	});
}

export type TesseraClient = ReturnType<typeof createClient>;
