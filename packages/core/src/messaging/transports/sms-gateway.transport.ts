import { type MessageTransport, UnsupportedChannelError } from "./transport";

export interface SmsGatewayTransportOptions {
	/** Where to POST `{ to, text }` as JSON. Must be https unless the host is loopback, see `allowInsecureHttp`. */
	url: string;
	/** Sent as `Authorization: Bearer <token>`. */
	token: string;
	/** Allow plain http to a non-loopback host (a gateway on a private network). Off by default. */
	allowInsecureHttp?: boolean;
	/** Per request, including reading the answer. */
	timeoutMs?: number;
}

/** The gateway answered with a non-2xx status. Carries the status only, never the answer's body. */
export class SmsGatewayError extends Error {
	override readonly name = "SmsGatewayError";
	constructor(readonly status: number) {
		super(`SMS gateway answered HTTP ${status}`);
	}
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Sends SMS through an HTTP gateway: `POST <url>` with JSON `{ to, text }` and a bearer token.
 * Resolves on a 2xx answer; rejects with SmsGatewayError on any other status and with a timeout
 * error after `timeoutMs` (10 s by default).
 */
export function createSmsGatewayTransport(options: SmsGatewayTransportOptions): MessageTransport {
	const url = new URL(options.url);
	if (url.protocol !== "https:" && url.protocol !== "http:") {
		throw new RangeError(`The SMS gateway URL must be http(s), not ${url.protocol}`);
	}
	// The bearer token would cross the network in clear text.
	if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname) && !options.allowInsecureHttp) {
		throw new RangeError("The SMS gateway URL must use https (or set allowInsecureHttp for a private network)");
	}
	if (options.token.trim() === "") throw new RangeError("The SMS gateway token is empty");
	const authorization = `Bearer ${options.token}`;
	const timeoutMs = options.timeoutMs ?? 10_000;

	return {
		async send(message) {
			if (message.channel !== "sms") throw new UnsupportedChannelError("SMS gateway", message.channel);
			const response = await fetch(url, {
				method: "POST",
				headers: { "content-type": "application/json", authorization },
				body: JSON.stringify({ to: message.recipient, text: message.body }),
				signal: AbortSignal.timeout(timeoutMs),
				// A redirect could carry the token and the code somewhere we did not configure.
				redirect: "error",
			});
			// Gateways may echo the text (which holds the code) in their answer, so the body is
			// discarded unread: it must not end up in errors, the outbox's last_error or logs.
			await response.body?.cancel();
			if (!response.ok) throw new SmsGatewayError(response.status);
		},
	};
}
