import type { Language } from "../../i18n/languages";
import type { RouterInputs } from "../../trpc";
import type { RoleChoice } from "./grantable-roles";

export type CreateInvitationInput = RouterInputs["invitations"]["create"];

/** What the invite form holds while it is being filled in. */
export interface InviteFormValues {
	email: string;
	firstName: string;
	lastName: string;
	/** "" for the organisation's default language. */
	language: Language | "";
	/** "" for no primary account. */
	primaryAccountId: string;
	/** A `RoleChoice.value`, or "" for no role. */
	role: string;
	appliesToSubAccounts: boolean;
}

export const EMPTY_INVITE_FORM: InviteFormValues = {
	email: "",
	firstName: "",
	lastName: "",
	language: "",
	primaryAccountId: "",
	role: "",
	appliesToSubAccounts: false,
};

/** The form's fields, which the server's field errors are shown beside. */
export const INVITE_FIELDS = ["email", "firstName", "lastName", "language", "primaryAccountId", "role"] as const;
export type InviteField = (typeof INVITE_FIELDS)[number];

/**
 * The create input for the form's values: empty optional fields are left out (the server keeps
 * them unset), and the chosen role is sent with the context it was offered in. The form checks
 * it with the procedure's own schema, `ZCreateInvitationInput`.
 */
export function buildCreateInvitationInput(
	values: InviteFormValues,
	roleChoices: readonly RoleChoice[],
): CreateInvitationInput {
	const input: CreateInvitationInput = { email: values.email.trim() };
	const firstName = values.firstName.trim();
	const lastName = values.lastName.trim();
	if (firstName) {
		input.firstName = firstName;
	}
	if (lastName) {
		input.lastName = lastName;
	}
	if (values.language) {
		input.language = values.language;
	}
	if (values.primaryAccountId) {
		input.primaryAccountId = values.primaryAccountId;
	}
	const role = roleChoices.find((choice) => choice.value === values.role);
	if (role) {
		input.role = {
			roleId: role.roleId,
			contextType: role.contextType,
			contextId: role.contextId,
			// Only an account role can reach sub-accounts; the server refuses it anywhere else.
			appliesToSubAccounts: role.contextType === "account" && values.appliesToSubAccounts,
		};
	}
	return input;
}

/** The form field a server error path belongs to ("role.contextId" → "role"), or null. */
export function inviteFieldOf(path: string): InviteField | null {
	const head = path.split(".")[0];
	return INVITE_FIELDS.find((field) => field === head) ?? null;
}

/** Server field errors split into those shown beside a field and the rest (shown above the form). */
export function groupInviteFieldErrors<T>(fieldErrors: Record<string, T[]>): {
	byField: Partial<Record<InviteField, T[]>>;
	other: [string, T[]][];
} {
	const byField: Partial<Record<InviteField, T[]>> = {};
	const other: [string, T[]][] = [];
	for (const [path, messages] of Object.entries(fieldErrors)) {
		const field = inviteFieldOf(path);
		if (field) {
			byField[field] = [...(byField[field] ?? []), ...messages];
		} else {
			other.push([path, messages]);
		}
	}
	return { byField, other };
}
