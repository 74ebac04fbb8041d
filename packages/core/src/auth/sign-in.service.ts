import { insertAuditEvent } from "../audit/audit.repository";
import type { Clock } from "../shared/clock";
import type { RequestMeta } from "../shared/request";
import { type Db, inTransaction } from "../shared/tx";
import { findTenantBySlug } from "../tenants/tenant.repository";
import { findUserByEmail } from "../users/user.repository";
import { canAct } from "../users/user-state";
import { InvalidCredentialsError } from "./auth.errors";
import { MAX_PASSWORD_BYTES, verifyAgainstDummy, verifyPassword } from "./password";
import { startSession } from "./session.service";

export interface PasswordSignInInput {
	tenant: string;
	email: string;
	password: string;
}

/**
 * Password sign-in. Every failure (unknown tenant or email, wrong password, a user who cannot
 * act) throws the same InvalidCredentialsError after the same argon2 work, so neither the answer
 * nor its timing tells an attacker which accounts exist. Failures and successes are audited.
 */
export async function signInWithPassword(
	db: Db,
	clock: Clock,
	input: PasswordSignInInput,
	meta: RequestMeta,
): Promise<{ token: string; userId: string; expiresAt: Date }> {
	if (Buffer.byteLength(input.password, "utf8") > MAX_PASSWORD_BYTES) throw new InvalidCredentialsError();

	const tenant = await findTenantBySlug(db, input.tenant);
	const user = tenant ? await findUserByEmail(db, tenant.id, input.email) : undefined;
	const credential = user
		? await db
				.selectFrom("password_credentials")
				.select("password_hash")
				.where("user_id", "=", user.id)
				.executeTakeFirst()
		: undefined;

	const passwordMatches = credential
		? await verifyPassword(credential.password_hash, input.password)
		: await verifyAgainstDummy(input.password);

	if (!tenant || !user || !passwordMatches || !canAct(user.state)) {
		if (tenant) {
			await insertAuditEvent(db, {
				tenantId: tenant.id,
				occurredAt: clock.now(),
				actorUserId: null,
				targetUserId: user?.id ?? null,
				action: "auth.sign_in",
				outcome: "failure",
				ip: meta.ip,
				userAgent: meta.userAgent,
				// The reason stays in the audit log for administrators; the caller only sees the generic error.
				details: {
					method: "password",
					reason: !user ? "unknown_user" : !passwordMatches ? "bad_password" : `state_${user.state}`,
				},
			});
		}
		throw new InvalidCredentialsError();
	}

	return inTransaction(db, async (trx) => {
		const now = clock.now();
		const session = await startSession(trx, clock, { tenantId: tenant.id, userId: user.id, amr: ["password"] }, meta);
		await trx.updateTable("users").set({ last_sign_in_at: now }).where("id", "=", user.id).execute();
		await insertAuditEvent(trx, {
			tenantId: tenant.id,
			occurredAt: now,
			actorUserId: user.id,
			targetUserId: user.id,
			action: "auth.sign_in",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: { method: "password" },
		});
		return { token: session.token, userId: user.id, expiresAt: session.expiresAt };
	});
}
