import { randomUUID } from "node:crypto";
import type { WebAuthnConfig } from "@tessera/core/passkeys/passkey.service";
import type { Clock } from "@tessera/core/shared/clock";
import type { RequestMeta } from "@tessera/core/shared/request";
import type { SecretBox } from "@tessera/core/shared/secret-box";
import type { DB } from "@tessera/db/schema";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Config } from "./config";
import { isLoopbackAddress } from "./loopback";

export interface TokenCookie {
	/** The cookie value as the browser sent it: not yet checked against the database. */
	unverifiedToken: string | undefined;
	set(token: string, expiresAt: Date): void;
	clear(): void;
}

/** Everything a procedure may use, and nothing tied to HTTP. Tests build it directly. */
export interface ContextInner {
	db: Kysely<DB>;
	clock: Clock;
	secrets: SecretBox;
	webauthn: WebAuthnConfig;
	config: Pick<Config, "defaultTenant" | "devMailbox">;
	meta: RequestMeta;
	/** The session cookie (a signed-in browser). */
	session: TokenCookie;
	/** The login-flow cookie: between the first factor and the session, nothing else. */
	flow: TokenCookie;
	/**
	 * The raw `Authorization` header (`Bearer tsk_…` from an internal app): not yet checked. Read
	 * only when no session cookie is present (see `authedProcedure`).
	 */
	unverifiedApiKey: string | undefined;
	correlationId: string;
	/**
	 * The request came from this machine: the socket peer is loopback and so is the client a
	 * trusted proxy names. What only a local developer may see (the dev mailbox) checks it.
	 */
	fromLoopback: boolean;
	/** Per-address throttle for credential checks. */
	throttle: (address: string | null) => Promise<void>;
}

/** What authenticating a caller needs from the context: the database, the time, the client. */
export type AuthenticationDeps = Pick<ContextInner, "db" | "clock" | "meta">;

const noCookie = (): TokenCookie => ({ unverifiedToken: undefined, set() {}, clear() {} });

export function createContextInner(
	inner: Omit<ContextInner, "correlationId" | "session" | "flow" | "throttle" | "unverifiedApiKey" | "fromLoopback"> &
		Partial<
			Pick<ContextInner, "correlationId" | "session" | "flow" | "throttle" | "unverifiedApiKey" | "fromLoopback">
		>,
): ContextInner {
	return {
		correlationId: randomUUID(),
		fromLoopback: false,
		session: noCookie(),
		flow: noCookie(),
		throttle: async () => {},
		unverifiedApiKey: undefined,
		...inner,
	};
}

/** Cookie names: `__Host-` makes the browser refuse them unless Secure, host-only and Path=/. */
export function sessionCookieName(secure: boolean): string {
	return secure ? "__Host-tessera_session" : "tessera_session";
}
export function flowCookieName(secure: boolean): string {
	return secure ? "__Host-tessera_flow" : "tessera_flow";
}

export interface ServerDeps {
	db: Kysely<DB>;
	clock: Clock;
	config: Config;
	secrets: SecretBox;
	throttle: (address: string | null) => Promise<void>;
}

/** Whether cookies get `Secure`: always, except plain-http origins other than localhost. */
export function usesSecureCookies(publicOrigin: string): boolean {
	const url = new URL(publicOrigin);
	return url.protocol === "https:" || url.hostname === "localhost" || url.hostname === "127.0.0.1";
}

/** Who is calling from where, as the request says (the address as Fastify's trustProxy resolved it). */
export function requestMetaOf(req: FastifyRequest): RequestMeta {
	return { ip: req.ip ?? null, userAgent: req.headers["user-agent"]?.slice(0, 512) ?? null };
}

export function createRequestContextFactory(deps: ServerDeps) {
	const secure = usesSecureCookies(deps.config.publicOrigin);
	const cookie = (req: FastifyRequest, res: FastifyReply, name: string): TokenCookie => ({
		unverifiedToken: req.cookies[name],
		set(token, expiresAt) {
			res.setCookie(name, token, { httpOnly: true, secure, sameSite: "lax", path: "/", expires: expiresAt });
		},
		clear() {
			res.clearCookie(name, { httpOnly: true, secure, sameSite: "lax", path: "/" });
		},
	});
	return ({ req, res }: { req: FastifyRequest; res: FastifyReply }): ContextInner => ({
		db: deps.db,
		clock: deps.clock,
		secrets: deps.secrets,
		webauthn: deps.config.webauthn,
		config: deps.config,
		correlationId: req.id,
		meta: requestMetaOf(req),
		session: cookie(req, res, sessionCookieName(secure)),
		flow: cookie(req, res, flowCookieName(secure)),
		unverifiedApiKey: req.headers.authorization,
		fromLoopback: isLoopbackAddress(req.socket.remoteAddress) && isLoopbackAddress(req.ip),
		throttle: deps.throttle,
	});
}
