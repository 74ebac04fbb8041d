import { z } from "zod";

/** The longest IP filter the audit log takes (an IPv6 address with a zone fits). */
export const AUDIT_IP_MAX_LENGTH = 64;

export const ZListAuditInput = z.strictObject({
	/** Exact action, or a prefix ending in "." (e.g. "auth." for every authentication event). */
	action: z
		.string()
		.trim()
		.min(1)
		.max(64)
		.regex(/^[a-z_.]+$/, "Letters, dots and underscores")
		.optional(),
	actorUserId: z.uuid().optional(),
	targetUserId: z.uuid().optional(),
	outcome: z.enum(["success", "failure"]).optional(),
	ip: z.string().trim().max(AUDIT_IP_MAX_LENGTH).optional(),
	from: z.date().optional(),
	to: z.date().optional(),
	/** Opaque; from the previous page. */
	cursor: z.string().max(64).optional(),
	limit: z.number().int().min(1).max(100).default(50),
});
export type TListAuditInput = z.output<typeof ZListAuditInput>;

export const ZAuditEvent = z.object({
	id: z.number().int(),
	occurredAt: z.date(),
	action: z.string(),
	outcome: z.enum(["success", "failure"]),
	actorUserId: z.uuid().nullable(),
	actorEmail: z.string().nullable(),
	targetUserId: z.uuid().nullable(),
	targetEmail: z.string().nullable(),
	ip: z.string().nullable(),
	userAgent: z.string().nullable(),
	details: z.record(z.string(), z.unknown()),
});

export const ZListAuditOutput = z.object({ items: z.array(ZAuditEvent), nextCursor: z.string().nullable() });
