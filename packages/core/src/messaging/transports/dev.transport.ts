import type { MessageTransport } from "./transport";

/**
 * Delivers nowhere and always succeeds. For development: the message stays readable in the outbox
 * table, which is what the development mailbox shows, and the worker marks it sent as usual.
 */
export function createDevTransport(): MessageTransport {
	return {
		async send() {},
	};
}
