import type { MessageChannel } from "../templates";

/** A rendered message on its way out. Bodies hold codes and links: never log them. */
export interface OutgoingMessage {
	channel: MessageChannel;
	recipient: string;
	/** Null for SMS. */
	subject: string | null;
	body: string;
}

/**
 * Delivers one message. Resolves once the provider accepted it; rejects otherwise, and the outbox
 * worker then schedules a retry. Implementations should bound their own time (connect and request
 * timeouts), so a hung provider cannot outlast the worker's lease on the message.
 */
export interface MessageTransport {
	send(message: OutgoingMessage): Promise<void>;
}

/** Thrown when a transport is handed a message for a channel it does not serve (a wiring mistake). */
export class UnsupportedChannelError extends Error {
	override readonly name = "UnsupportedChannelError";
	constructor(
		readonly transport: string,
		readonly channel: MessageChannel,
	) {
		super(`The ${transport} transport cannot send ${channel} messages`);
	}
}
