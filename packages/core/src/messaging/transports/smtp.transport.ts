import { createTransport } from "nodemailer";
import { type MessageTransport, UnsupportedChannelError } from "./transport";

export interface SmtpTransportOptions {
	/**
	 * `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465` (TLS from
	 * the start). Query parameters set further nodemailer options, e.g. `?requireTLS=true`.
	 */
	url: string;
	/** The sender, e.g. `Tessera <no-reply@example.com>`. */
	from: string;
}

/**
 * Sends email through an SMTP server as plain text. Opens one connection per message, so nothing
 * is held open between batches. Resolves once the server accepted the message; rejects on any
 * refusal or timeout. Every network step is bounded (at most a few tens of seconds in total), well
 * inside the outbox worker's lease.
 */
export function createSmtpTransport(options: SmtpTransportOptions): MessageTransport {
	const transporter = createTransport(
		{
			url: options.url,
			connectionTimeout: 10_000,
			greetingTimeout: 10_000,
			socketTimeout: 15_000,
			// We only ever send rendered text; nodemailer must never read files or URLs for content.
			disableFileAccess: true,
			disableUrlAccess: true,
		},
		{ from: options.from },
	);
	return {
		async send(message) {
			if (message.channel !== "email") throw new UnsupportedChannelError("SMTP", message.channel);
			await transporter.sendMail({
				to: message.recipient,
				subject: message.subject ?? "",
				text: message.body,
			});
		},
	};
}
