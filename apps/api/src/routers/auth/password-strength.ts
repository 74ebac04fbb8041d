import { readPasswordStrength } from "@tessera/core/auth/password-strength.service";
import { ZPasswordStrengthInput, ZPasswordStrengthOutput } from "@tessera/core/passwords/password-strength.schema";
import { credentialProcedure } from "../../trpc";

/**
 * The strength meter of pages that set a password, so the browser needs no dictionaries. Each
 * reading costs a zxcvbn run, so it is throttled per address like the credential checks; it
 * judges only the candidate and the words the page sends, never an account. A mutation only so
 * the candidate travels in a POST body, never in a logged URL; it changes nothing.
 */
export const passwordStrength = credentialProcedure
	.input(ZPasswordStrengthInput)
	.output(ZPasswordStrengthOutput)
	.mutation(({ ctx, input }) => readPasswordStrength(ctx, input));
