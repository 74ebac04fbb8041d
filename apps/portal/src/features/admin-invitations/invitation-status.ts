import type { BadgeTone } from "@tessera/ui/badge";
import type { RouterInputs, RouterOutputs } from "../../trpc";

export type InvitationView = RouterOutputs["invitations"]["list"]["items"][number];
export type InvitationStatus = InvitationView["status"];
export type InvitationListInput = RouterInputs["invitations"]["list"];

/**
 * Every status the API reports, in the order the filter offers them. The record type makes the
 * compiler fail here when the API adds or renames one.
 */
const STATUS_TONES = {
	pending: "info",
	accepted: "success",
	expired: "warning",
} as const satisfies Record<InvitationStatus, BadgeTone>;

export const INVITATION_STATUSES = Object.keys(STATUS_TONES) as InvitationStatus[];

export function isInvitationStatus(value: unknown): value is InvitationStatus {
	return typeof value === "string" && Object.hasOwn(STATUS_TONES, value);
}

/** The badge colour for a status. */
export function statusTone(status: InvitationStatus): BadgeTone {
	return STATUS_TONES[status];
}
