import { enqueueMessage } from "../messaging/outbox.service";
import type { MessageTemplate, TemplateParams } from "../messaging/templates";
import type { Clock } from "../shared/clock";
import type { Db, Tx } from "../shared/tx";

/**
 * Queues a security notice to the user's email address (SECURITY A22), in the same transaction
 * as the change it reports. `recipient` overrides the address (notices about an email change go
 * to the previous one). Users without an address (application users) get nothing.
 */
export async function notifyUser<T extends MessageTemplate>(
	trx: Db | Tx,
	clock: Clock,
	user: { tenant_id: string; id: string; email: string | null; language: string | null },
	template: T,
	params: TemplateParams<T>,
	recipient: string | null = user.email,
): Promise<void> {
	if (!recipient) return;
	await enqueueMessage(trx, clock, {
		tenantId: user.tenant_id,
		userId: user.id,
		channel: "email",
		recipient,
		template,
		params,
		language: user.language,
	});
}
