import type { RouterOutputs } from "../../trpc";

/** What every sign-in step answers: signed in, or which step comes next. */
export type SignInResult = RouterOutputs["auth"]["signIn"];
export type SecondFactor = RouterOutputs["auth"]["flow"]["state"]["methods"][number];
export type RequiredAction = Extract<SignInResult, { status: "signed_in" }>["requiredActions"][number];

/** The step the sign-in page shows. */
export type SignInStep =
	| { kind: "credentials" }
	| { kind: "mfa"; methods: SecondFactor[]; preferred: SecondFactor | null }
	| { kind: "passwordChange"; reason: "expired" | "required" };

/**
 * The step to show after an answer, or null when the person is signed in. The flow token itself
 * is an HttpOnly cookie; the page only needs to know which procedure comes next.
 */
export function nextStep(result: SignInResult): SignInStep | null {
	switch (result.status) {
		case "signed_in":
			return null;
		case "mfa_required":
			return { kind: "mfa", methods: result.methods, preferred: result.preferred };
		case "password_change_required":
			return { kind: "passwordChange", reason: result.reason };
	}
}

/** The method to offer first: the preferred one, else the first real factor (recovery codes last). */
export function firstMethod(methods: readonly SecondFactor[], preferred: SecondFactor | null): SecondFactor | null {
	if (preferred && methods.includes(preferred)) {
		return preferred;
	}
	return methods.find((method) => method !== "recovery_code") ?? methods[0] ?? null;
}
