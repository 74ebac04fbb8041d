import type { PasswordPolicy } from "@tessera/core/policy/tenant-policy";
import { trpc } from "../../../trpc";

/** The organisation's password rules (null until known, or without an organisation to ask about). */
export function usePasswordPolicy(tenantSlug: string | null | undefined): PasswordPolicy | null {
	const query = trpc.auth.passwordPolicy.useQuery(
		{ tenant: tenantSlug ?? "" },
		{ enabled: Boolean(tenantSlug), staleTime: 5 * 60_000 },
	);
	return query.data ?? null;
}
