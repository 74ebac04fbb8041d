import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "./router";

export type { AppRouter };

export interface ClientOptions {
	/** Base URL of the API, e.g. https://tessera.example.com/trpc */
	url: string;
	/**
	 * An application user's API key (`tsk_…`), sent as `Authorization: Bearer <key>` on every
	 * request. For server-side internal apps: read it from the environment or a secret store,
	 * never ship it to a browser or commit it.
	 */
	apiKey?: string;
	/** Extra headers per request (e.g. a cookie). With `apiKey` set, its Authorization header wins. */
	headers?: () => Record<string, string> | Promise<Record<string, string>>;
	/** A fetch implementation (defaults to the global one). */
	fetch?: typeof fetch;
}

/**
 * The typed client internal applications import. Batches up to the server's cap of 10 calls.
 *
 * @example
 * const tessera = createClient({ url: "http://localhost:3000/trpc", apiKey: process.env.TESSERA_API_KEY });
 * const page = await tessera.users.list.query({ limit: 25 });
 */
export function createClient(options: ClientOptions) {
	const { apiKey, headers: extraHeaders } = options;
	const headers =
		apiKey === undefined
			? extraHeaders
			: async () => {
					// Drop any other spelling of the header, so exactly one credential is sent.
					const extra = Object.entries((await extraHeaders?.()) ?? {}).filter(
						([name]) => name.toLowerCase() !== "authorization",
					);
					return { ...Object.fromEntries(extra), authorization: `Bearer ${apiKey}` };
				};
	return createTRPCClient<AppRouter>({
		links: [
			httpBatchLink({
				url: options.url,
				transformer: superjson,
				maxItems: 10,
				headers,
				...(options.fetch ? { fetch: options.fetch } : {}),
			}),
		],
	});
}

export type TesseraClient = ReturnType<typeof createClient>;
