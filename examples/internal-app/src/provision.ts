import type { TesseraClient } from "@tessera/api/client";

export interface ProvisionInput {
	/** The application user's display name, e.g. "Reporting app". */
	name: string;
	/** Roles granted at creation; only roles the administrator holds can be granted. */
	roleKeys: string[];
	/** What the key is for, shown next to its prefix in key lists. */
	keyName: string;
	expiresAt?: Date;
}

/**
 * What an administrator does once per internal app: create its application user and issue a key.
 * `admin` is a client signed in as a person holding apikeys.manage (and the roles to grant).
 * The returned key is shown this one time; store it in the app's secret store.
 */
export async function provisionApplicationUser(admin: TesseraClient, input: ProvisionInput) {
	const user = await admin.apiKeys.createApplicationUser.mutate({ name: input.name, roleKeys: input.roleKeys });
	const { key, apiKey } = await admin.apiKeys.issue.mutate({
		userId: user.id,
		name: input.keyName,
		...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
	});
	return { user, key, apiKey };
}
