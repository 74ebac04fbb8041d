/**
 * Self-service password reset (issue 10, item 1; SECURITY A12, A16–A19, A22).
 *
 * A request mails a single-use link (256-bit token, only its SHA-256 stored, 30 minutes; a newer
 * link voids the older ones). Completing it sets a password that meets policy and history, ends
 * every session, lifts a lockout (the mailbox confirmed who it is), audits and notifies. It does
 * NOT sign anyone in: the person signs in with the new password and passes their second factor as
 * usual, and after a reset by link an email code no longer counts as that factor (see
 * `allowedMfaMethodsFor`). So a reset never skips MFA.
 */
import { createHash, randomBytes } from "node:crypto";
import { insertAuditEvent } from "../audit/audit.repository";
import { enqueueMessage } from "../messaging/outbox.service";
import { maskEmail } from "../messaging/templates";
import { loadMfaState } from "../mfa/mfa-status.service";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import { authorizeOnUser } from "../roles/authorization.service";
import type { SessionActor } from "../shared/actor";
import { HOUR, MINUTE } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { withResponseFloor } from "../shared/response-floor";
import { inTransaction, type Tx } from "../shared/tx";
import { findTenantById, findTenantBySlug } from "../tenants/tenant.repository";
import { UserNotFoundError } from "../users/user.errors";
import { clearLockout, findUserByEmail, findUserById, lockUserById, type UserRecord } from "../users/user.repository";
import { canAct } from "../users/user-state";
import { PasswordResetLinkInvalidError, PasswordResetUnavailableError } from "./auth.errors";
import { assertPasswordMeetsRules, assertPasswordNotRecent, storeNewPassword } from "./password-change.service";
import {
	consumePasswordResetToken,
	countPasswordResetsSince,
	findUsablePasswordResetToken,
	insertPasswordResetToken,
	markPasswordResetByLink,
	voidPasswordResetTokens,
} from "./password-reset.repository";
import type {
	TCompletePasswordResetInput,
	TCompletePasswordResetOutput,
	TLookupPasswordResetOutput,
	TRequestPasswordResetInput,
} from "./password-reset.schema";

/** SECURITY A18: a reset link lives 30 minutes. */
export const PASSWORD_RESET_TTL_MINUTES = 30;
const PASSWORD_RESET_TTL_MS = PASSWORD_RESET_TTL_MINUTES * MINUTE;

/** Self-service reset mails per account and hour; more requests answer the same and send nothing. */
/**
 * Every reset request answers after at least this long, whether a link was sent or not (A16):
 * the known-address path writes a token and a message, which a loaded PostgreSQL made measurably
 * slower (a 20 ms median gap at load 4 on 2 cores) than the unknown one.
 */
export const RESET_REQUEST_FLOOR_MS = 250;

export const MAX_PASSWORD_RESETS_PER_HOUR = 3;

/** Where the link opens. The token sits in the fragment, so it never reaches a server log (like invitations). */
export const PASSWORD_RESET_PATH = "/reset-password";

/** An id no user has: the unknown-address path runs the same queries against it. */
const NOBODY = "00000000-0000-0000-0000-000000000000";

export interface PasswordResetOrigin {
	/** The portal's public origin; the link in the email points there. */
	publicOrigin: string;
}

/** 256 bits from the CSPRNG, base64url (43 characters). Only its SHA-256 is stored. */
function generateResetToken(): string {
	return randomBytes(32).toString("base64url");
}

function hashResetToken(token: string): string {
	return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The link in the email: `${origin}/reset-password#token=…`. */
export function passwordResetUrl(publicOrigin: string, token: string): string {
	const url = new URL(PASSWORD_RESET_PATH, publicOrigin);
	url.hash = `token=${token}`;
	return url.toString();
}

/** Only people who can sign in, with an address to mail, can reset a password. */
export function canReceivePasswordReset(user: UserRecord | undefined): user is UserRecord & { email: string } {
	return user !== undefined && user.user_type === "human" && canAct(user.state) && user.email !== null;
}

/**
 * Stores a new token for `user` (voiding the older ones: SECURITY A18) and queues the email, in
 * the caller's transaction, which holds the user's row lock.
 */
async function issueResetLink(
	deps: CoreDeps,
	trx: Tx,
	user: UserRecord & { email: string },
	token: string,
	origin: PasswordResetOrigin,
	requestedBy: string | null,
): Promise<void> {
	const now = deps.clock.now();
	await voidPasswordResetTokens(trx, user.id, now);
	await insertPasswordResetToken(trx, {
		tenantId: user.tenant_id,
		userId: user.id,
		tokenHash: hashResetToken(token),
		requestedBy,
		now,
		expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
	});
	await enqueueMessage(trx, deps.clock, {
		tenantId: user.tenant_id,
		userId: user.id,
		channel: "email",
		recipient: user.email,
		template: "password_reset",
		params: { url: passwordResetUrl(origin.publicOrigin, token), minutes: PASSWORD_RESET_TTL_MINUTES },
		language: user.language,
	});
}

/**
 * "Forgot password?". Always answers `{ ok: true }`: an unknown organisation or address, a user
 * who cannot sign in, and an account over its hourly cap get exactly what a real request gets,
 * after comparable work (a token is generated and hashed, the same lookups and lock run against
 * an id nobody has), so neither the body nor the timing tells whether the account exists
 * (SECURITY A16). Only a user who can sign in, within MAX_PASSWORD_RESETS_PER_HOUR, gets a mail.
 * The per-address throttle is the caller's (the API's credential throttle).
 */
export async function requestPasswordReset(
	deps: CoreDeps,
	input: TRequestPasswordResetInput,
	origin: PasswordResetOrigin,
	meta: RequestMeta,
): Promise<{ ok: true }> {
	return withResponseFloor(RESET_REQUEST_FLOOR_MS, () => handleResetRequest(deps, input, origin, meta));
}

async function handleResetRequest(
	deps: CoreDeps,
	input: TRequestPasswordResetInput,
	origin: PasswordResetOrigin,
	meta: RequestMeta,
): Promise<{ ok: true }> {
	const token = generateResetToken();
	const tenant = await findTenantBySlug(deps.db, input.tenant);
	const found = tenant ? await findUserByEmail(deps.db, tenant.id, input.email) : undefined;
	await inTransaction(deps.db, async (trx) => {
		const now = deps.clock.now();
		// The cap is counted under the user's row lock, so parallel requests cannot all slip under it.
		const user = canReceivePasswordReset(found) ? await lockUserById(trx, found.tenant_id, found.id) : undefined;
		if (!user) await lockUserById(trx, tenant?.id ?? NOBODY, NOBODY);
		const recent = await countPasswordResetsSince(trx, user?.id ?? NOBODY, new Date(now.getTime() - HOUR));
		const audit = (outcome: "success" | "failure", details: Record<string, unknown>) =>
			tenant
				? insertAuditEvent(trx, {
						tenantId: tenant.id,
						occurredAt: now,
						actorUserId: null,
						targetUserId: user?.id ?? null,
						action: "auth.password_reset_requested",
						outcome,
						ip: meta.ip,
						userAgent: meta.userAgent,
						details,
					})
				: Promise.resolve();
		if (!canReceivePasswordReset(user)) {
			await voidPasswordResetTokens(trx, NOBODY, now);
			hashResetToken(token);
			// The typed address is not recorded: it may be someone's password typed in the wrong field.
			await audit("failure", { reason: found ? `not_eligible_${found.state}` : "unknown_address" });
			return;
		}
		if (recent >= MAX_PASSWORD_RESETS_PER_HOUR) {
			await voidPasswordResetTokens(trx, NOBODY, now);
			hashResetToken(token);
			await audit("failure", { reason: "too_many_requests", limit: MAX_PASSWORD_RESETS_PER_HOUR });
			return;
		}
		await issueResetLink(deps, trx, user, token, origin, null);
		await audit("success", { requestedBy: "self" });
	});
	return { ok: true };
}

/**
 * An administrator sends a user the same reset link (SECURITY A11: they start a reset, they
 * never set or learn the password). Needs users.security on the user, checked in core with the
 * privilege hierarchy (`authorizeOnUser`). Audited as `user.password_reset_sent`.
 */
export async function sendPasswordResetByAdmin(
	deps: CoreDeps,
	actor: SessionActor,
	userId: string,
	origin: PasswordResetOrigin,
	meta: RequestMeta,
): Promise<{ ok: true }> {
	const token = generateResetToken();
	await inTransaction(deps.db, async (trx) => {
		const user = await lockUserById(trx, actor.tenantId, userId);
		if (!user) throw new UserNotFoundError();
		await authorizeOnUser(trx, actor, "users.security", user);
		if (!canReceivePasswordReset(user)) throw new PasswordResetUnavailableError();
		await issueResetLink(deps, trx, user, token, origin, actor.userId);
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: deps.clock.now(),
			actorUserId: actor.userId,
			targetUserId: user.id,
			action: "user.password_reset_sent",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: { expiresInMinutes: PASSWORD_RESET_TTL_MINUTES },
		});
	});
	return { ok: true };
}

/** The open token and its user, or the one error for every link that does not work. */
async function requireUsableReset(deps: CoreDeps, token: string) {
	const reset = await findUsablePasswordResetToken(deps.db, hashResetToken(token), deps.clock.now());
	if (!reset) throw new PasswordResetLinkInvalidError();
	const user = await findUserById(deps.db, reset.tenant_id, reset.user_id);
	if (!canReceivePasswordReset(user)) throw new PasswordResetLinkInvalidError();
	return { reset, user };
}

/**
 * What the reset page shows before the new password is typed. Unknown, used, voided and expired
 * links all give the same error. The address is masked: the link may have been forwarded.
 */
export async function lookupPasswordReset(deps: CoreDeps, token: string): Promise<TLookupPasswordResetOutput> {
	const { reset, user } = await requireUsableReset(deps, token);
	const tenant = await findTenantById(deps.db, user.tenant_id);
	if (!tenant) throw new PasswordResetLinkInvalidError();
	return { tenant: tenant.slug, organisation: tenant.name, email: maskEmail(user.email), expiresAt: reset.expires_at };
}

/**
 * Completes a reset. The password is checked against the policy's rules first. Then, in one
 * transaction: the token is spent by one conditional UPDATE (of parallel completions exactly one
 * succeeds), the password checked against the history (a refusal rolls the whole transaction
 * back, so a refused password leaves the link usable), the password stored with the usual history,
 * every session ended and every other reset link voided (`storeNewPassword`), the lockout lifted
 * (A12: identity confirmed by the mailbox), the reset by link recorded for the second-factor rule
 * (if the user has a second factor to protect), the audit row `auth.password_reset` and the
 * "password changed" notice written. No session is created.
 */
export async function completePasswordReset(
	deps: CoreDeps,
	input: TCompletePasswordResetInput,
	meta: RequestMeta,
): Promise<TCompletePasswordResetOutput> {
	const { user } = await requireUsableReset(deps, input.token);
	const policy = await getTenantPolicy(deps.db, user.tenant_id);
	await assertPasswordMeetsRules(deps, policy, user, input.password);
	const tenant = await findTenantById(deps.db, user.tenant_id);
	if (!tenant) throw new PasswordResetLinkInvalidError();

	await inTransaction(deps.db, async (trx) => {
		const now = deps.clock.now();
		const reset = await consumePasswordResetToken(trx, hashResetToken(input.token), now);
		if (!reset) throw new PasswordResetLinkInvalidError();
		const locked = await lockUserById(trx, reset.tenant_id, reset.user_id);
		if (!canReceivePasswordReset(locked)) throw new PasswordResetLinkInvalidError();
		// History only once the link is ours (see `assertPasswordNotRecent`): a parallel loser has
		// stopped at the claim above. A refusal here rolls the claim back, so the link stays usable.
		await assertPasswordNotRecent(trx, policy, locked, input.password);
		await storeNewPassword(deps, trx, policy, locked, input.password, {
			...meta,
			keepSessionId: null,
			reason: "reset",
		});
		await clearLockout(trx, locked.id);
		// Without any second factor there is nothing an email code could stand in for.
		const state = await loadMfaState(trx, locked.tenant_id, locked.id);
		if (state.enrolled.length > 0) await markPasswordResetByLink(trx, locked.id, now);
	});
	return { ok: true, tenant: tenant.slug };
}
