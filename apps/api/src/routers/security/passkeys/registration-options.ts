import { beginPasskeyRegistration } from "@tessera/core/mfa/mfa-settings.service";
import { ZPasskeyCreationOptionsJSON } from "@tessera/core/passkeys/passkey.schema";
import { recentAuthProcedure } from "../../../trpc";

/** WebAuthn creation options for a new passkey; the caller's existing ones are excluded (W09). */
export const registrationOptions = recentAuthProcedure
	.meta({ allowWithPendingActions: true })
	.output(ZPasskeyCreationOptionsJSON)
	.mutation(({ ctx }) => beginPasskeyRegistration(ctx, ctx.actor));
