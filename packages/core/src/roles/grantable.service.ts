import type { SessionActor } from "../shared/actor";
import type { CoreDeps } from "../shared/deps";
import { listPlacesWithPermission, type PlaceWithChain } from "./assignable-contexts.service";
import type { TGrantableInput, TGrantableOutput } from "./grantable.schema";
import { isPermission, type Permission } from "./permissions";
import { ForbiddenError } from "./rbac.errors";
import { findGrantsOfUser } from "./role.repository";
import { findPermissionsOfRoles, findRolesOfTenant } from "./role-admin.repository";
import { decideGrantChange, type ResolvedContext } from "./role-grant";

/**
 * Each purpose as data, as its mutation checks: `gate`, the permission the caller needs somewhere
 * to use the form at all; `place`, where roles can be handed out (the contexts listed); `manager`,
 * what entitles handing a role out in such a place. roles.assign needs roles.manage in the
 * context; invitations.create needs invitations.manage there (L08); apiKeys.createApplicationUser
 * needs apikeys.manage for the user and roles.manage where each role is assigned.
 */
const GRANT_PURPOSES = {
	assign: { gate: "roles.manage", place: "roles.manage", manager: "roles.manage" },
	invite: { gate: "invitations.manage", place: "invitations.manage", manager: "invitations.manage" },
	applicationUser: { gate: "apikeys.manage", place: "roles.manage", manager: "roles.manage" },
} as const satisfies Record<TGrantableInput["purpose"], { gate: Permission; place: Permission; manager: Permission }>;

function resolvedOf(tenantId: string, place: PlaceWithChain): ResolvedContext {
	switch (place.type) {
		case "tenant":
			return { type: "tenant", tenantId };
		case "account":
			return { type: "account", tenantId, accountChain: place.accountChain };
		case "space":
			return { type: "space", tenantId, spaceId: place.id, accountChain: place.accountChain };
	}
}

/**
 * What the caller may grant where, decided by `decideGrantChange` (the rule role assignment
 * enforces) with the purpose's manager permission: forms offer exactly this instead of working it
 * out from the caller's roles. Refused (FORBIDDEN) to a caller who holds the purpose's permission
 * nowhere. Every mutation decides again.
 */
export async function listGrantableRoles(
	{ db }: Pick<CoreDeps, "db">,
	actor: SessionActor,
	input: TGrantableInput,
): Promise<TGrantableOutput> {
	const purpose = GRANT_PURPOSES[input.purpose];
	const grants = await findGrantsOfUser(db, actor.tenantId, actor.userId);
	if (!grants.some((grant) => grant.permission === purpose.gate)) throw new ForbiddenError(purpose.gate);
	const [{ named, places }, roles] = await Promise.all([
		listPlacesWithPermission(db, actor, grants, purpose.place),
		findRolesOfTenant(db, actor.tenantId),
	]);
	const permissionsOf = await findPermissionsOfRoles(
		db,
		roles.map((role) => role.id),
	);
	const decide = (role: (typeof roles)[number], context: ResolvedContext, appliesToSubAccounts: boolean) =>
		decideGrantChange({
			operation: "assign",
			actorGrants: grants,
			actorUserId: actor.userId,
			// Offering is not assigning to oneself: self-escalation is the same refusal as exceeding one's own.
			assigneeUserId: "",
			role: { contextType: role.context_type, permissions: (permissionsOf.get(role.id) ?? []).filter(isPermission) },
			context,
			appliesToSubAccounts,
			manager: purpose.manager,
		});
	const out: TGrantableOutput["grants"] = [];
	for (const place of places) {
		const context = resolvedOf(actor.tenantId, place);
		for (const role of roles) {
			if (role.context_type !== place.type) continue;
			const decision = decide(role, context, false);
			out.push({
				roleId: role.id,
				contextType: place.type,
				contextId: place.id,
				allowed: decision.allowed,
				reason: decision.allowed ? null : decision.reason === "not_manager" ? "not_manager" : "exceeds_own",
				withSubAccounts:
					decision.allowed &&
					input.purpose === "assign" &&
					place.type === "account" &&
					decide(role, context, true).allowed,
			});
		}
	}
	return { contexts: named, grants: out };
}
