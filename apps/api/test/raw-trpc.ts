/**
 * Calls a procedure by path over plain HTTP, the way a hand-written (or hostile) client would:
 * superjson on the wire as tRPC v11 puts it (POST body `{ json, meta }`; GET `?input=` with the
 * same object URL-encoded), the caller's cookies, and the raw answer. For tests that send input
 * the typed client cannot express.
 */
import superjson from "superjson";
import { type CookieJar, cookieHeaderOf, storeCookies } from "../src/testing";

export type ProcedureType = "query" | "mutation" | "subscription";

export interface RawAnswer {
	status: number;
	/** The tRPC error code (`BAD_REQUEST`…), "OK" on success, or `HTTP <status>` for a non-tRPC answer. */
	code: string;
	domainCode: string | null;
	message: string | null;
	fieldErrors: Record<string, string[]> | null;
	body: unknown;
}

export interface RawRequest {
	/** What superjson serialises into the request. */
	input?: unknown;
	/** Sent as is instead of `input` (a wire object, a string, or bytes for a POST body). */
	wire?: unknown;
	body?: string | Uint8Array;
	/** Appended to the URL as is instead of `?input=…`. */
	query?: string;
	cookies?: CookieJar;
	headers?: Record<string, string>;
}

interface TrpcErrorBody {
	error?: {
		json?: {
			message?: string;
			data?: { code?: string; domainCode?: string | null; fieldErrors?: Record<string, string[]> | null };
		};
	};
}

export async function callRaw(baseUrl: string, path: string, type: ProcedureType, request: RawRequest) {
	const headers = new Headers(request.headers);
	if (request.cookies && request.cookies.size > 0) {
		headers.set("cookie", cookieHeaderOf(request.cookies));
	}
	const wire = "wire" in request ? request.wire : superjson.serialize(request.input);
	let response: Response;
	if (type === "mutation") {
		headers.set("content-type", "application/json");
		const body = request.body ?? JSON.stringify(wire);
		response = await fetch(`${baseUrl}/trpc/${path}`, { method: "POST", headers, body });
	} else {
		const query = request.query ?? `input=${encodeURIComponent(JSON.stringify(wire))}`;
		response = await fetch(`${baseUrl}/trpc/${path}?${query}`, { headers });
	}
	if (request.cookies) storeCookies(request.cookies, response);
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// not JSON: keep the text
	}
	const json = (body as TrpcErrorBody | null)?.error?.json;
	const answer: RawAnswer = {
		status: response.status,
		code: response.ok ? "OK" : (json?.data?.code ?? `HTTP ${response.status}`),
		domainCode: json?.data?.domainCode ?? null,
		message: json?.message ?? null,
		fieldErrors: json?.data?.fieldErrors ?? null,
		body,
	};
	return answer;
}
