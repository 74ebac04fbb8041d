import { createOutboxWorker, type OutboxWorker } from "@tessera/core/messaging/outbox.worker";
import { createDevTransport } from "@tessera/core/messaging/transports/dev.transport";
import { createRoutingTransport } from "@tessera/core/messaging/transports/routing.transport";
import { createSmsGatewayTransport } from "@tessera/core/messaging/transports/sms-gateway.transport";
import { createSmtpTransport } from "@tessera/core/messaging/transports/smtp.transport";
import type { Clock } from "@tessera/core/shared/clock";
import type { DB } from "@tessera/db/schema";
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { Config } from "./config";

/**
 * The outbox worker with the transports the configuration names: SMTP for email and the HTTP
 * gateway for SMS when configured; otherwise the dev transport, which leaves messages readable
 * in the portal's mailbox page.
 */
export function startMessaging(options: {
	db: Kysely<DB>;
	clock: Clock;
	config: Config;
	logger: FastifyBaseLogger;
}): OutboxWorker {
	const { config } = options;
	const dev = createDevTransport();
	const transport = createRoutingTransport({
		email: config.smtpUrl ? createSmtpTransport({ url: config.smtpUrl, from: config.mailFrom }) : dev,
		sms: config.smsGateway ? createSmsGatewayTransport(config.smsGateway) : dev,
	});
	const worker = createOutboxWorker({
		db: options.db,
		clock: options.clock,
		transport,
		logger: options.logger,
		// The mailbox page reads codes and links from the outbox; nothing else ever needs them back.
		keepDeliveredSecrets: config.devMailbox,
	});
	worker.start(1000);
	return worker;
}
