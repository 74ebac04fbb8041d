import type { MessageChannel } from "../templates";
import type { MessageTransport } from "./transport";

/** Sends each message through the transport configured for its channel. */
export function createRoutingTransport(routes: Record<MessageChannel, MessageTransport>): MessageTransport {
	return {
		send: (message) => routes[message.channel].send(message),
	};
}
