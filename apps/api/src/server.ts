import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import Fastify, { type FastifyInstance } from "fastify";
import { sql } from "kysely";
import { createRequestContextFactory, type ServerDeps } from "./context";
import { registerExports } from "./exports";
import { createAuthRateLimiter, DEFAULT_RATE_LIMITS, type RateLimitSettings } from "./rate-limit";
import { type AppRouter, appRouter } from "./router";
import { setApiKeyFailureLogger } from "./routers/apikeys/key-caller";

/** tRPC calls per HTTP request. Each call still runs (and is rate-limited) on its own. */
export const MAX_BATCH_SIZE = 10;
const BODY_LIMIT_BYTES = 100 * 1024;

export interface ServerOptions extends Omit<ServerDeps, "throttle"> {
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

	await app.register(fastifyTRPCPlugin, {
		prefix: "/trpc",
		trpcOptions: {
			router: appRouter,
			createContext: createRequestContextFactory({
				...options,
				throttle: createAuthRateLimiter(options.rateLimits ?? DEFAULT_RATE_LIMITS),
			}),
			maxBatchSize: MAX_BATCH_SIZE,
			onError({ error, path, ctx }) {
				if (error.code === "INTERNAL_SERVER_ERROR") {
					app.log.error({ err: error.cause ?? error, path, correlationId: ctx?.correlationId }, "procedure failed");
				}
			},
		} satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
	});

	registerExports(app, options);

	app.get("/healthz", async () => ({ status: "ok" }));
	app.get("/readyz", async (_request, reply) => {
		try {
			await sql`select 1`.execute(options.db);
			return { status: "ready" };
		} catch {
			return reply.code(503).send({ status: "database unavailable" });
		}
	});

	const portalDir = options.portalDir;
	if (portalDir && existsSync(join(portalDir, "index.html"))) {
		await app.register(fastifyStatic, { root: portalDir, wildcard: false, index: "index.html" });
		// Client-side routes (/sign-in, /admin/users…) all load the single page.
		app.setNotFoundHandler((request, reply) => {
			if (
				request.method === "GET" &&
				!request.url.startsWith("/trpc") &&
				request.headers.accept?.includes("text/html")
			) {
				return reply.type("text/html").sendFile("index.html");
			}
			return reply.code(404).send({ error: "not found" });
		});
	}

	return app;
}
