import { isUtf8 } from "node:buffer";
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import { DatabaseBusyError } from "@tessera/core/shared/db-faults";
import { getErrorShape, type TRPC_ERROR_CODE_KEY, TRPCError, transformTRPCResponse } from "@trpc/server";
import { type FastifyTRPCPluginOptions, fastifyRequestHandler } from "@trpc/server/adapters/fastify";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { setApiKeyFailureLogger } from "./api-key-caller";
import { registerBrandLogo } from "./branding-logo";
import { createRequestContextFactory, type ServerDeps } from "./context";
import { registerExports } from "./exports";
import { createAuthRateLimiter, DEFAULT_RATE_LIMITS, type RateLimitSettings } from "./rate-limit";
import { type AppRouter, appRouter } from "./router";

/** tRPC calls per HTTP request. Each call still runs (and is rate-limited) on its own. */
export const MAX_BATCH_SIZE = 10;
const BODY_LIMIT_BYTES = 100 * 1024;

/** Responses smaller than this go out as they are: compressing them saves less than it costs. */
const COMPRESS_THRESHOLD_BYTES = 1024;

/** Vite names built assets `name-<hash>.ext` under `assets/`: their content never changes. */
const HASHED_ASSET = /^[\w.-]+-[\w-]{8,}\.\w+$/;

/** `/readyz` answers 503 when the database has not answered `select 1` within this. */
const READINESS_TIMEOUT_MS = 1_000;

export interface ServerOptions extends Omit<ServerDeps, "throttle"> {
	/** Whether the database answers within the timeout (`Database.ping`, on a connection of its own). */
	ping: (timeoutMs: number) => Promise<boolean>;
	/** Per-address limits on credential checks; defaults to SECURITY's 20/min and 200/h. */
	rateLimits?: RateLimitSettings;
	/** Serve the built portal (index.html + assets) from this folder on the same origin. */
	portalDir?: string | null;
	logger?: boolean;
}

const CSP = [
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data:",
	"connect-src 'self'",
	"object-src 'none'",
	"base-uri 'none'",
	"frame-ancestors 'none'",
	"form-action 'self'",
].join("; ");

/** JSON is UTF-8 (RFC 8259); other bytes are refused rather than decoded into U+FFFD. */
class BodyNotUtf8Error extends Error {
	readonly statusCode = 400;
	readonly code = "TESSERA_BODY_NOT_UTF8";
	constructor() {
		super("The request body is not valid UTF-8");
	}
}

/** An error a tRPC client can read (`error.json.data.code`), for requests refused before tRPC runs. */
function sendTrpcError(reply: FastifyReply, code: TRPC_ERROR_CODE_KEY, message: string) {
	const config = appRouter._def._config;
	const error = new TRPCError({ code, message });
	const shape = getErrorShape({ config, error, type: "unknown", path: undefined, input: undefined, ctx: undefined });
	const body = { ...shape, data: { ...shape.data, correlationId: reply.request.id } };
	return reply.code(shape.data.httpStatus).send(transformTRPCResponse(config, { error: body }));
}

/** Body-parser refusals, in tRPC's words; anything else is left to Fastify's own error handler. */
function trpcCodeOfRequestError(error: FastifyError): TRPC_ERROR_CODE_KEY | null {
	if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
		return "PARSE_ERROR";
	}
	if (error.statusCode === 400) return "BAD_REQUEST";
	if (error.statusCode === 413) return "PAYLOAD_TOO_LARGE";
	if (error.statusCode === 415) return "UNSUPPORTED_MEDIA_TYPE";
	return null;
}

/** Whether percent-decoding gives valid UTF-8 (decodeURIComponent throws URIError otherwise). */
function decodesCleanly(component: string): boolean {
	try {
		decodeURIComponent(component);
		return true;
	} catch {
		return false;
	}
}

/**
 * tRPC under /trpc, mounted as `fastifyTRPCPlugin` does it but without the plugin's own body
 * parser, which decodes any bytes as UTF-8 with replacement: here the root's strict JSON parser
 * stays in force. Requests refused before tRPC runs still get a tRPC-shaped error.
 */
function trpcRoutes(scope: FastifyInstance, options: FastifyTRPCPluginOptions<AppRouter>, done: () => void) {
	scope.setErrorHandler((error: FastifyError, _request, reply) => {
		const code = trpcCodeOfRequestError(error);
		if (!code) throw error;
		return sendTrpcError(reply, code, error.message);
	});
	// `?input=%FF` would reach tRPC as U+FFFD (URLSearchParams replaces invalid UTF-8), and tRPC
	// decodes the procedure path once more itself, where a stray "%" would throw: refuse both here.
	scope.addHook("onRequest", async (request, reply) => {
		const { path } = request.params as { path?: string };
		const query = request.url.includes("?") ? request.url.slice(request.url.indexOf("?") + 1) : "";
		if (!decodesCleanly(path ?? "") || !query.split("&").every(decodesCleanly)) {
			return sendTrpcError(reply, "BAD_REQUEST", "The request URL is not valid UTF-8 once percent-decoded");
		}
	});
	// tRPC answers with a fetch Response, which @fastify/compress would stream through the
	// compressor whatever its size. A JSON answer is complete already: hand it on as text, so the
	// size threshold applies. Streamed answers (JSON Lines) stay streams.
	scope.addHook("onSend", async (_request, reply, payload) => {
		if (!(payload instanceof Response) || payload.headers.get("content-type") !== "application/json") return payload;
		reply.code(payload.status);
		for (const [name, value] of payload.headers) reply.header(name, value);
		return payload.text();
	});
	scope.all<{ Params: { path: string } }>("/:path", async (request, reply) => {
		await fastifyRequestHandler({ ...options.trpcOptions, req: request, res: reply, path: request.params.path });
	});
	done();
}

/**
 * Builds the HTTP server: tRPC under /trpc, health and readiness probes, and (in production)
 * the portal. Transport only: every rule lives in @tessera/core.
 */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
	const { config } = options;
	const app = Fastify({
		logger:
			options.logger === false
				? false
				: { level: config.logLevel, redact: ["req.headers.cookie", "req.headers.authorization"] },
		bodyLimit: BODY_LIMIT_BYTES,
		// Believe X-Forwarded-For only from configured proxies; otherwise the socket peer is the client.
		trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
		genReqId: () => crypto.randomUUID(),
		routerOptions: { maxParamLength: 5000 },
	});

	await app.register(fastifyCookie);
	// Registered before any route: it hooks routes as they are added. Built assets are compressed
	// at build time (served below as they are); request bodies are never decompressed, so the body
	// limit keeps meaning what it says.
	await app.register(fastifyCompress, {
		threshold: COMPRESS_THRESHOLD_BYTES,
		encodings: ["br", "gzip"],
		globalDecompression: false,
	});
	// Fastify's JSON parser decodes the body as UTF-8 with replacement: a first name sent as
	// invalid bytes would be stored as U+FFFD. Refuse such bodies; keep its prototype-poisoning
	// protection (`__proto__` / `constructor.prototype` keys are refused) for the rest.
	const parseJsonSafely = app.getDefaultJsonParser("error", "error");
	app.removeContentTypeParser("application/json");
	app.addContentTypeParser("application/json", { parseAs: "buffer" }, async (request: FastifyRequest, body: Buffer) => {
		if (!isUtf8(body)) throw new BodyNotUtf8Error();
		return new Promise((resolve, reject) => {
			void parseJsonSafely(request, body.toString("utf8"), (error, value) => (error ? reject(error) : resolve(value)));
		});
	});
	// Failed API-key attempts are counted and reported through the server's own logger.
	if (options.logger !== false) setApiKeyFailureLogger(app.log);

	const secure = new URL(config.publicOrigin).protocol === "https:";
	app.addHook("onSend", async (request, reply) => {
		reply.header("X-Content-Type-Options", "nosniff");
		reply.header("Referrer-Policy", "no-referrer");
		reply.header("X-Frame-Options", "DENY");
		reply.header("Content-Security-Policy", CSP);
		reply.header("Cross-Origin-Opener-Policy", "same-origin");
		if (secure) reply.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
		if (request.url.startsWith("/trpc") || request.url.startsWith("/export")) reply.header("Cache-Control", "no-store");
	});

	// CSRF (ASVS 3.5): a state change must be a JSON POST, and a browser's Origin must be ours.
	// Browsers cannot send application/json cross-site without a CORS preflight, which we never grant.
	app.addHook("onRequest", async (request, reply) => {
		if (!request.url.startsWith("/trpc")) return;
		const origin = request.headers.origin;
		if (origin !== undefined && !config.allowedOrigins.includes(origin)) {
			return reply.code(403).send({ error: "origin not allowed" });
		}
		if (request.method === "POST" && !request.headers["content-type"]?.startsWith("application/json")) {
			return reply.code(415).send({ error: "mutations must be sent as application/json" });
		}
	});

	await app.register(trpcRoutes, {
		prefix: "/trpc",
		trpcOptions: {
			router: appRouter,
			createContext: createRequestContextFactory({
				...options,
				throttle: createAuthRateLimiter(options, options.rateLimits ?? DEFAULT_RATE_LIMITS),
			}),
			maxBatchSize: MAX_BATCH_SIZE,
			// A database that is away or busy is worth another try soon; say when (RFC 9110 §10.2.3).
			responseMeta({ errors }) {
				const retryable = errors.some((e) => e.code === "SERVICE_UNAVAILABLE" || e.cause instanceof DatabaseBusyError);
				return retryable ? { headers: { "retry-after": "1" } } : {};
			},
			onError({ error, path, ctx }) {
				if (error.code === "INTERNAL_SERVER_ERROR") {
					app.log.error({ err: error.cause ?? error, path, correlationId: ctx?.correlationId }, "procedure failed");
				}
			},
		} satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
	});

	registerExports(app, options);
	registerBrandLogo(app, options);

	app.get("/healthz", async () => ({ status: "ok" }));
	// Liveness never touches the database: a database outage is not a reason to restart us.
	// Readiness answers within a second either way, on a probe connection of its own.
	app.get("/readyz", async (_request, reply) => {
		if (await options.ping(READINESS_TIMEOUT_MS)) return { status: "ready" };
		return reply.code(503).send({ status: "database unavailable" });
	});

	const portalDir = options.portalDir;
	if (portalDir && existsSync(join(portalDir, "index.html"))) {
		await app.register(fastifyStatic, {
			root: portalDir,
			wildcard: false,
			index: "index.html",
			// The build writes `.br` and `.gz` beside each asset; the best one the browser accepts is sent.
			preCompressed: true,
			cacheControl: false,
			// A source map would publish the portal's source; the build writes none, and none is served.
			allowedPath: (pathname) => !pathname.endsWith(".map"),
			setHeaders: (res, path) => {
				const file = basename(path).replace(/\.(br|gz)$/, "");
				const hashed = basename(join(path, "..")) === "assets" && HASHED_ASSET.test(file);
				// A hashed asset is never rewritten, only replaced by a new name; index.html (and
				// anything else unhashed) is revalidated on every load so a deploy shows at once.
				res.setHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
				res.setHeader("Vary", "Accept-Encoding");
			},
		});
		// Client-side routes (/sign-in, /admin/users…) all load the single page; a missing asset or
		// source map is a plain 404, not the page.
		app.setNotFoundHandler((request, reply) => {
			const pathname = request.url.split("?")[0] ?? "";
			if (
				request.method === "GET" &&
				!request.url.startsWith("/trpc") &&
				!pathname.startsWith("/assets/") &&
				!pathname.endsWith(".map") &&
				request.headers.accept?.includes("text/html")
			) {
				return reply.type("text/html").sendFile("index.html");
			}
			return reply.code(404).send({ error: "not found" });
		});
	}

	return app;
}
