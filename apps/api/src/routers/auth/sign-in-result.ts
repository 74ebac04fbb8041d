import type { TSignInOutput } from "@tessera/core/auth/auth.schema";
import type { SignInResult } from "@tessera/core/auth/login-flow.service";
import type { ContextInner } from "../../context";

/**
 * Turns a sign-in step's result into cookies and the public answer: a session cookie when done
 * (and the flow cookie dropped), otherwise the flow cookie for the next step. Tokens never
 * appear in the response body.
 */
export function respondToSignIn(ctx: ContextInner, result: SignInResult): TSignInOutput {
	switch (result.status) {
		case "signed_in":
			if (ctx.flow.unverifiedToken) ctx.flow.clear();
			ctx.session.set(result.session.token, result.session.expiresAt);
			return { status: "signed_in", userId: result.userId, requiredActions: result.requiredActions };
		case "mfa_required":
			ctx.flow.set(result.flow.token, result.flow.expiresAt);
			return {
				status: "mfa_required",
				methods: result.methods,
				preferred: result.preferred,
				expiresAt: result.flow.expiresAt,
			};
		case "password_change_required":
			ctx.flow.set(result.flow.token, result.flow.expiresAt);
			return { status: "password_change_required", reason: result.reason, expiresAt: result.flow.expiresAt };
	}
}
