import { randomUUID } from "node:crypto";
import type { Clock } from "@tessera/core/shared/clock";
import type { RequestMeta } from "@tessera/core/shared/request";
import type { DB } from "@tessera/db/schema";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Config } from "./config";

export interface SessionCookie {
	/** The cookie value as the browser sent it: not yet checked against the database. */
	unverifiedToken: string | undefined;
	set(token: string, expiresAt: Date): void;
	clear(): void;
}

/** Everything a procedure may use, and nothing tied to HTTP. Tests build it directly. */
export interface ContextInner {
	db: Kysely<DB>;
	clock: Clock;
	config: Pick<Config, "defaultTenant">;
	meta: RequestMeta;
	session: SessionCookie;
	correlationId: string;
}

export function createContextInner(
	inner: Omit<ContextInner, "correlationId" | "session"> & Partial<Pick<ContextInner, "correlationId" | "session">>,
): ContextInner {
	return {
		correlationId: randomUUID(),
		session: { unverifiedToken: undefined, set() {}, clear() {} },
		...inner,
	};
}

/** Cookie name: `__Host-` makes the browser refuse it unless Secure, host-only and Path=/. */
export function sessionCookieName(secure: boolean): string {
	return secure ? "__Host-tessera_session" : "tessera_session";
}

export interface ServerDeps {
	db: Kysely<DB>;
	clock: Clock;
	config: Config;
}

/** Whether cookies get `Secure`: always, except plain-http origins other than localhost. */
export function usesSecureCookies(publicOrigin: string): boolean {
	const url = new URL(publicOrigin);
	return url.protocol === "https:" || url.hostname === "localhost" || url.hostname === "127.0.0.1";
}

export function createRequestContextFactory(deps: ServerDeps) {
	const secure = usesSecureCookies(deps.config.publicOrigin);
	const cookieName = sessionCookieName(secure);
	return ({ req, res }: { req: FastifyRequest; res: FastifyReply }): ContextInner => ({
		db: deps.db,
		clock: deps.clock,
		config: deps.config,
		correlationId: req.id,
		meta: { ip: req.ip ?? null, userAgent: req.headers["user-agent"]?.slice(0, 512) ?? null },
		session: {
			unverifiedToken: req.cookies[cookieName],
			set(token, expiresAt) {
				res.setCookie(cookieName, token, { httpOnly: true, secure, sameSite: "lax", path: "/", expires: expiresAt });
			},
			clear() {
				res.clearCookie(cookieName, { httpOnly: true, secure, sameSite: "lax", path: "/" });
			},
		},
	});
}
