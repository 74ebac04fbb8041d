/**
 * Multi-step sign-in. The first factor (password, or a passkey on its own) opens a login flow:
 * a short-lived, single-purpose token that grants only the next step. MFA comes first, then a
 * forced password change; only when every step passed is a session issued (SECURITY M01).
 *
 * Every credential check draws from one failure budget per user, shared by the password and
 * all second factors, reserved before checking so parallel guesses cannot exceed it (A12–A14);
 * credential-attempt.service.ts counts the attempts and applies the lock.
 */
import { createHash, randomBytes } from "node:crypto";
import type { AuthMethod, RequiredAction, UserState } from "@tessera/db/schema";
import { insertAuditEvent } from "../audit/audit.repository";
import type { AuditAction } from "../audit/audit-actions";
import { InvalidCodeError, MethodNotAvailableError } from "../mfa/mfa.errors";
import {
	loadMfaState,
	type MfaMethod,
	type MfaState,
	mfaEnrolmentDeadline,
	usableMethods,
} from "../mfa/mfa-status.service";
import { sendOneTimeCode, verifyOneTimeCode } from "../mfa/one-time-code.service";
import { redeemRecoveryCode } from "../mfa/recovery-codes.service";
import { verifyTotpCode } from "../mfa/totp.service";
import { PasskeyVerificationFailedError } from "../passkeys/passkey.errors";
import type { TAuthenticationResponseJSON } from "../passkeys/passkey.schema";
import {
	finishPasskeyAuthentication,
	passkeyAssertionVerifies,
	startPasskeyAuthentication,
	type WebAuthnConfig,
} from "../passkeys/passkey.service";
import {
	hashPassword,
	MAX_PASSWORD_BYTES,
	needsRehash,
	verifyAgainstDummy,
	verifyPassword,
} from "../passwords/password-hash";
import type { TenantPolicy } from "../policy/tenant-policy";
import { getTenantPolicy, getTenantWithPolicyBySlug } from "../policy/tenant-policy.service";
import { DAY, MINUTE } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { inTransaction } from "../shared/tx";
import { findTenantBySlug } from "../tenants/tenant.repository";
import {
	findUserByEmailWithPassword,
	findUserById,
	lockUserById,
	recordSignIn,
	type UserRecord,
} from "../users/user.repository";
import { canAct } from "../users/user-state";
import { InvalidCredentialsError, LoginFlowExpiredError } from "./auth.errors";
import { type AttemptOutcome, attemptCredential, MAX_FLOW_FAILURES } from "./credential-attempt.service";
import { releaseAttempt } from "./lockout.repository";
import { consumeLoginFlow, findLoginFlowByTokenHash, insertLoginFlow } from "./login-flow.repository";
import { assertPasswordMeetsRules, assertPasswordNotRecent, storeNewPassword } from "./password-change.service";
import { findPasswordCredential, replacePasswordHashIfUnchanged } from "./password-credential.repository";
import { clearPasswordResetMark } from "./password-reset.repository";
import { startSession } from "./session.service";

/** A login flow lives ten minutes; a code or passkey prompt inside it lives five. */
export const LOGIN_FLOW_TTL_MS = 10 * MINUTE;

export type SecondFactor = MfaMethod | "recovery_code";

export type SignInResult =
	| {
			status: "signed_in";
			userId: string;
			session: { token: string; expiresAt: Date };
			requiredActions: RequiredAction[];
	  }
	| { status: "mfa_required"; flow: FlowToken; methods: SecondFactor[]; preferred: SecondFactor | null }
	| { status: "password_change_required"; flow: FlowToken; reason: "expired" | "required" };

export interface FlowToken {
	token: string;
	expiresAt: Date;
}

export interface SignInDeps extends CoreDeps {
	webauthn: WebAuthnConfig;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

async function audit(
	deps: CoreDeps,
	user: { tenant_id: string; id: string },
	action: AuditAction,
	outcome: "success" | "failure",
	meta: RequestMeta,
	details: Record<string, unknown>,
) {
	await insertAuditEvent(deps.db, {
		tenantId: user.tenant_id,
		occurredAt: deps.clock.now(),
		actorUserId: outcome === "success" ? user.id : null,
		targetUserId: user.id,
		action,
		outcome,
		ip: meta.ip,
		userAgent: meta.userAgent,
		details,
	});
}

function passwordExpired(policy: TenantPolicy, user: UserRecord, credentialCreatedAt: Date, now: Date): boolean {
	if (policy.password.maxAgeDays === null) return false;
	const changed = user.password_changed_at ?? credentialCreatedAt;
	return now.getTime() >= changed.getTime() + policy.password.maxAgeDays * DAY;
}

/** What the method rule needs to know about the user's recent history (see `allowedMfaMethodsFor`). */
const circumstancesOf = (user: UserRecord) => ({ passwordResetByEmailLink: user.password_reset_at !== null });

/**
 * Email would count but does not, because the password was just reset by email link: a second
 * factor is still owed, and only a recovery code (or another method) can pay it (SECURITY A17).
 */
function isEmailHeldBack(policy: TenantPolicy, state: MfaState, user: UserRecord): boolean {
	return (
		usableMethods(policy, state).includes("email") &&
		!usableMethods(policy, state, circumstancesOf(user)).includes("email")
	);
}

/** The second factors this user can answer with right now. */
function offeredFactors(policy: TenantPolicy, state: MfaState, user: UserRecord): SecondFactor[] {
	const usable: SecondFactor[] = usableMethods(policy, state, circumstancesOf(user));
	const owed = usable.length > 0 || isEmailHeldBack(policy, state, user);
	return owed && state.recoveryCodesRemaining > 0 ? [...usable, "recovery_code"] : usable;
}

/**
 * Obligations that sign-in hands to the new session: stored ones (an admin asked to verify the
 * email or register a passkey) plus MFA enrolment when policy requires MFA, the user has no
 * allowed method, and the grace period (from account creation) is over.
 */
function requiredActionsAfterSignIn(
	policy: TenantPolicy,
	user: UserRecord,
	state: MfaState,
	now: Date,
): RequiredAction[] {
	const actions = new Set<RequiredAction>(user.required_actions.filter((action) => action !== "change_password"));
	const enrolBy = mfaEnrolmentDeadline(policy, state, user.created_at);
	if (enrolBy && now.getTime() >= enrolBy.getTime()) actions.add("enroll_mfa");
	return [...actions];
}

async function openFlow(
	deps: CoreDeps,
	user: UserRecord,
	stage: "mfa" | "password_change",
	amr: AuthMethod[],
	meta: RequestMeta,
	existingFlowId: string | null,
): Promise<FlowToken> {
	const now = deps.clock.now();
	// Each step gets a fresh token: a token seen at one step is useless at the next. And a step
	// leads on once: of parallel right answers, only the one that ended the step opens the next.
	if (existingFlowId && !(await consumeLoginFlow(deps.db, existingFlowId, now))) throw new LoginFlowExpiredError();
	const token = randomBytes(32).toString("base64url");
	const expiresAt = new Date(now.getTime() + LOGIN_FLOW_TTL_MS);
	await insertLoginFlow(deps.db, {
		tenantId: user.tenant_id,
		userId: user.id,
		tokenHash: hashToken(token),
		stage,
		amr,
		now,
		expiresAt,
		ip: meta.ip,
		userAgent: meta.userAgent?.slice(0, 512) ?? null,
	});
	return { token, expiresAt };
}

interface ContinueOptions {
	/** The tenant's policy, when the caller read it in this request. */
	policy?: TenantPolicy;
	/** When the password was set (null: no password), when the caller read it in this request. */
	passwordSetAt?: Date | null;
	/**
	 * The caller holds one reserved attempt of the failure budget. It is given back when another
	 * step follows; a new session clears the whole budget in the same write instead.
	 */
	attemptReserved?: boolean;
}

/**
 * Decides what follows the factors proven so far (`amr`): a second factor, a password change,
 * or the session. Called after the first factor and after every later step.
 */
async function continueSignIn(
	deps: SignInDeps,
	user: UserRecord,
	amr: AuthMethod[],
	meta: RequestMeta,
	flowId: string | null,
	options: ContinueOptions = {},
): Promise<SignInResult> {
	const policy = options.policy ?? (await getTenantPolicy(deps.db, user.tenant_id));
	const state = await loadMfaState(deps.db, user.tenant_id, user.id);
	const now = deps.clock.now();
	const giveBackAttempt = async () => {
		if (options.attemptReserved) await releaseAttempt(deps.db, user.tenant_id, user.id);
	};

	// A passkey with user verification is already multi-factor (possession + inherence).
	const hasSecondFactor = amr.some((method) => method !== "password");
	const factors = offeredFactors(policy, state, user);
	if (
		!hasSecondFactor &&
		(factors.some((factor) => factor !== "recovery_code") || isEmailHeldBack(policy, state, user))
	) {
		await giveBackAttempt();
		const flow = await openFlow(deps, user, "mfa", amr, meta, flowId);
		const preferred = state.preferred && factors.includes(state.preferred) ? state.preferred : null;
		return { status: "mfa_required", flow, methods: factors, preferred };
	}

	if (amr.includes("password")) {
		const passwordSetAt =
			options.passwordSetAt !== undefined
				? options.passwordSetAt
				: ((await findPasswordCredential(deps.db, user.tenant_id, user.id))?.created_at ?? null);
		const expired = passwordSetAt !== null && passwordExpired(policy, user, passwordSetAt, now);
		if (expired || user.required_actions.includes("change_password")) {
			await giveBackAttempt();
			const flow = await openFlow(deps, user, "password_change", amr, meta, flowId);
			return { status: "password_change_required", flow, reason: expired ? "expired" : "required" };
		}
	}

	const requiredActions = requiredActionsAfterSignIn(policy, user, state, now);
	const signedIn = inTransaction(deps.db, async (trx): Promise<SignInResult> => {
		if (flowId && !(await consumeLoginFlow(trx, flowId, now))) throw new LoginFlowExpiredError();
		// One write: every factor passed, so the failure budget starts afresh. It comes first
		// because it takes the user's row lock, which `startSession` needs for its session cap.
		await recordSignIn(trx, user.tenant_id, user.id, requiredActions, now);
		const session = await startSession(
			trx,
			deps.clock,
			{ tenantId: user.tenant_id, userId: user.id, amr },
			meta,
			policy,
		);
		// A factor other than the mailbox vouched for the person (or they have none to protect):
		// after a reset by link, email codes count again from here on.
		if (user.password_reset_at && (amr.some((m) => m !== "password" && m !== "email") || state.enrolled.length === 0)) {
			await clearPasswordResetMark(trx, user.tenant_id, user.id);
		}
		await insertAuditEvent(trx, {
			tenantId: user.tenant_id,
			occurredAt: now,
			actorUserId: user.id,
			targetUserId: user.id,
			action: "auth.sign_in",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: { amr, requiredActions },
		});
		return {
			status: "signed_in",
			userId: user.id,
			session: { token: session.token, expiresAt: session.expiresAt },
			requiredActions,
		};
	});
	// Should the session not be written, the reserved attempt goes back rather than count as a failure.
	return signedIn.catch(async (error: unknown) => {
		await giveBackAttempt();
		throw error;
	});
}

export interface PasswordSignInInput {
	tenant: string;
	email: string;
	password: string;
}

/**
 * First factor: password. Every failure (unknown organisation or email, wrong password, locked,
 * or a user who cannot act) throws the same InvalidCredentialsError after the same argon2 work,
 * so neither the answer nor its timing tells which accounts exist (SECURITY A01).
 */
export async function signInWithPassword(
	deps: SignInDeps,
	input: PasswordSignInInput,
	meta: RequestMeta,
): Promise<SignInResult> {
	if (new TextEncoder().encode(input.password).length > MAX_PASSWORD_BYTES) throw new InvalidCredentialsError();
	const tenant = await getTenantWithPolicyBySlug(deps.db, input.tenant);
	const found = tenant ? await findUserByEmailWithPassword(deps.db, tenant.tenant.id, input.email) : undefined;
	const user = found?.user;
	const policy = tenant?.policy ?? null;
	const credential = found?.credential;

	if (!user || !policy || !canAct(user.state)) {
		// Nobody whose budget could pay for a check: burn the same time on the dummy hash.
		await verifyAgainstDummy(input.password);
		if (user && policy) {
			await audit(deps, user, "auth.sign_in", "failure", meta, { method: "password", reason: `state_${user.state}` });
		}
		throw new InvalidCredentialsError();
	}
	const outcome = await attemptCredential(
		deps,
		{
			user: { tenantId: user.tenant_id, userId: user.id },
			policy,
			meta,
			kind: { type: "password_sign_in" },
			keepOnSuccess: true,
		},
		async () =>
			credential ? verifyPassword(credential.password_hash, input.password) : verifyAgainstDummy(input.password),
	);
	if (outcome.status !== "verified") {
		// A refused attempt checked nothing: burn the time a check takes, so a locked account cannot be told apart.
		if (outcome.status === "refused") await verifyAgainstDummy(input.password);
		throw new InvalidCredentialsError();
	}
	if (credential && needsRehash(credential.password_hash)) {
		// The password is known to be right just now: store it again at today's cost.
		await replacePasswordHashIfUnchanged(
			deps.db,
			user.id,
			credential.password_hash,
			await hashPassword(input.password),
		);
	}
	return continueSignIn(deps, user, ["password"], meta, null, {
		policy,
		passwordSetAt: credential?.created_at ?? null,
		attemptReserved: true,
	});
}

interface OpenFlow {
	id: string;
	user: UserRecord;
	amr: AuthMethod[];
	stage: "mfa" | "password_change" | "required_actions";
}

/** The flow behind a token, if it is open, unexpired, at `stage`, and its user can still act. */
async function requireFlow(deps: CoreDeps, token: string | undefined, stage: OpenFlow["stage"]): Promise<OpenFlow> {
	// A token of the wrong shape cannot be ours; skip the query.
	if (token === undefined || token.length !== 43) throw new LoginFlowExpiredError();
	const flow = await findLoginFlowByTokenHash(deps.db, hashToken(token));
	if (!flow || flow.consumed_at || flow.stage !== stage || flow.expires_at.getTime() <= deps.clock.now().getTime()) {
		throw new LoginFlowExpiredError();
	}
	const user = await findUserById(deps.db, flow.tenant_id, flow.user_id);
	if (!user || !canAct(user.state)) throw new LoginFlowExpiredError();
	if (user.locked_until && user.locked_until.getTime() > deps.clock.now().getTime()) throw new LoginFlowExpiredError();
	return { id: flow.id, user, amr: flow.amr, stage: flow.stage };
}

export interface FlowState {
	stage: OpenFlow["stage"];
	methods: SecondFactor[];
	preferred: SecondFactor | null;
	/** Where codes for each channel go, masked ("+31 6•••• 5678", "a•••@example.com"). */
	destinations: { sms: string | null; email: string | null };
	/** Email is enrolled but does not count after a reset by email link (see `isEmailHeldBack`). */
	emailHeldBack: boolean;
}

function maskEmail(email: string | null): string | null {
	if (!email) return null;
	const [local = "", domain = ""] = email.split("@");
	return `${local.slice(0, 1)}•••@${domain}`;
}

function maskPhone(phone: string | null): string | null {
	return phone ? `${phone.slice(0, 3)}•••${phone.slice(-4)}` : null;
}

/** What the sign-in page needs to render the current step (also after a reload). */
export async function getFlowState(deps: CoreDeps, token: string | undefined): Promise<FlowState> {
	const flow = await requireFlowAnyStage(deps, token);
	const policy = await getTenantPolicy(deps.db, flow.user.tenant_id);
	const state = await loadMfaState(deps.db, flow.user.tenant_id, flow.user.id);
	const methods = flow.stage === "mfa" ? offeredFactors(policy, state, flow.user) : [];
	return {
		stage: flow.stage,
		methods,
		preferred: state.preferred && methods.includes(state.preferred) ? state.preferred : null,
		destinations: { sms: maskPhone(flow.user.phone), email: maskEmail(flow.user.email) },
		emailHeldBack: flow.stage === "mfa" && isEmailHeldBack(policy, state, flow.user),
	};
}

async function requireFlowAnyStage(deps: CoreDeps, token: string | undefined): Promise<OpenFlow> {
	for (const stage of ["mfa", "password_change"] as const) {
		try {
			return await requireFlow(deps, token, stage);
		} catch (error) {
			if (!(error instanceof LoginFlowExpiredError)) throw error;
		}
	}
	throw new LoginFlowExpiredError();
}

/** Sends a sign-in code by SMS or email, bound to this flow (SECURITY M09). */
export async function sendSignInCode(
	deps: CoreDeps,
	token: string | undefined,
	channel: "sms" | "email",
): Promise<{ expiresAt: Date }> {
	const flow = await requireFlow(deps, token, "mfa");
	const policy = await getTenantPolicy(deps.db, flow.user.tenant_id);
	const state = await loadMfaState(deps.db, flow.user.tenant_id, flow.user.id);
	if (!usableMethods(policy, state, circumstancesOf(flow.user)).includes(channel)) {
		throw new MethodNotAvailableError(channel);
	}
	const destination = channel === "sms" ? flow.user.phone : flow.user.email;
	if (!destination) throw new MethodNotAvailableError(channel);
	return sendOneTimeCode(deps, policy.codes, {
		tenantId: flow.user.tenant_id,
		userId: flow.user.id,
		purpose: "sign_in",
		loginFlowId: flow.id,
		channel,
		destination,
		language: flow.user.language,
	});
}

/**
 * Second factor by code: TOTP, SMS, email or a recovery code. Reserves one of the flow's five
 * wrong-answer slots and an attempt of the user's failure budget before checking, so parallel
 * answers cannot exceed either; five wrong answers end the flow (M08), and the failures also
 * count toward lockout.
 */
export async function verifySignInCode(
	deps: SignInDeps,
	token: string | undefined,
	input: { method: Exclude<SecondFactor, "passkey">; code: string },
	meta: RequestMeta,
): Promise<SignInResult> {
	const flow = await requireFlow(deps, token, "mfa");
	const { user } = flow;
	const policy = await getTenantPolicy(deps.db, user.tenant_id);
	const state = await loadMfaState(deps.db, user.tenant_id, user.id);
	if (!offeredFactors(policy, state, user).includes(input.method)) throw new MethodNotAvailableError(input.method);

	const outcome = await attemptCredential(
		deps,
		{
			user: { tenantId: user.tenant_id, userId: user.id },
			policy,
			meta,
			kind: { type: "second_factor", method: input.method, loginFlowId: flow.id },
		},
		async () => {
			try {
				switch (input.method) {
					case "totp":
						return await verifyTotpCode(deps, user.tenant_id, user.id, input.code);
					case "sms":
					case "email":
						await verifyOneTimeCode(
							deps,
							policy.codes,
							{ tenantId: user.tenant_id, userId: user.id, purpose: "sign_in", loginFlowId: flow.id },
							input.code,
						);
						return true;
					case "recovery_code":
						return (await redeemRecoveryCode(deps, user.tenant_id, user.id, input.code)) !== null;
				}
			} catch (error) {
				if (error instanceof InvalidCodeError) return false;
				throw error;
			}
		},
	);
	await endFlowUnlessVerified(deps, flow, outcome);
	const method: AuthMethod = input.method;
	return continueSignIn(deps, user, [...flow.amr, method], meta, flow.id);
}

/**
 * After a second-factor attempt that did not verify: a refusal (no attempt left) ends the flow;
 * a wrong answer leaves it open until its fifth (M08), and says how many answers remain.
 */
async function endFlowUnlessVerified(deps: CoreDeps, flow: OpenFlow, outcome: AttemptOutcome): Promise<void> {
	if (outcome.status === "verified") return;
	// A refusal ends the flow at once, as its fifth wrong answer would.
	const failures =
		outcome.status === "failed" && outcome.flowFailures !== null ? outcome.flowFailures : MAX_FLOW_FAILURES;
	if (failures >= MAX_FLOW_FAILURES) {
		await consumeLoginFlow(deps.db, flow.id, deps.clock.now());
		throw new LoginFlowExpiredError();
	}
	throw new InvalidCodeError(MAX_FLOW_FAILURES - failures);
}

/** WebAuthn options for answering the second-factor step with a passkey. */
export async function startPasskeySecondFactor(deps: SignInDeps, token: string | undefined) {
	const flow = await requireFlow(deps, token, "mfa");
	return startPasskeyAuthentication(deps.db, deps.clock, deps.webauthn, {
		kind: "second_factor",
		tenantId: flow.user.tenant_id,
		userId: flow.user.id,
		loginFlowId: flow.id,
	});
}

export async function verifyPasskeySecondFactor(
	deps: SignInDeps,
	token: string | undefined,
	response: TAuthenticationResponseJSON,
	meta: RequestMeta,
): Promise<SignInResult> {
	const flow = await requireFlow(deps, token, "mfa");
	const policy = await getTenantPolicy(deps.db, flow.user.tenant_id);
	const outcome = await attemptCredential(
		deps,
		{
			user: { tenantId: flow.user.tenant_id, userId: flow.user.id },
			policy,
			meta,
			kind: { type: "second_factor", method: "passkey", loginFlowId: flow.id },
		},
		() =>
			passkeyAssertionVerifies(
				deps.db,
				deps.clock,
				deps.webauthn,
				{ kind: "second_factor", tenantId: flow.user.tenant_id, userId: flow.user.id, loginFlowId: flow.id },
				response,
				meta,
			),
	);
	await endFlowUnlessVerified(deps, flow, outcome);
	return continueSignIn(deps, flow.user, [...flow.amr, "passkey"], meta, flow.id);
}

/** WebAuthn options for signing in with a passkey alone (discoverable credentials, autofill). */
export async function startPasswordlessSignIn(deps: SignInDeps, tenantSlug: string) {
	const tenant = await findTenantBySlug(deps.db, tenantSlug);
	// An unknown organisation still gets options, so the answer reveals nothing; they can never verify.
	return startPasskeyAuthentication(deps.db, deps.clock, deps.webauthn, {
		kind: "passwordless",
		tenantId: tenant?.id ?? "00000000-0000-0000-0000-000000000000",
	});
}

/**
 * Passwordless sign-in: a discoverable passkey with user verification is a complete
 * multi-factor authentication. A locked user or one who cannot act gets the generic error.
 */
export async function finishPasswordlessSignIn(
	deps: SignInDeps,
	tenantSlug: string,
	response: TAuthenticationResponseJSON,
	meta: RequestMeta,
): Promise<SignInResult> {
	const tenant = await findTenantBySlug(deps.db, tenantSlug);
	if (!tenant) throw new InvalidCredentialsError();
	let userId: string;
	try {
		({ userId } = await finishPasskeyAuthentication(
			deps.db,
			deps.clock,
			deps.webauthn,
			{ kind: "passwordless", tenantId: tenant.id },
			response,
			meta,
		));
	} catch (error) {
		if (error instanceof PasskeyVerificationFailedError) throw new InvalidCredentialsError();
		throw error;
	}
	const user = await findUserById(deps.db, tenant.id, userId);
	const locked = user?.locked_until && user.locked_until.getTime() > deps.clock.now().getTime();
	if (!user || !canAct(user.state as UserState) || locked) {
		if (user)
			await audit(deps, user, "auth.sign_in", "failure", meta, {
				method: "passkey",
				reason: locked ? "locked" : `state_${user.state}`,
			});
		throw new InvalidCredentialsError();
	}
	return continueSignIn(deps, user, ["passkey"], meta, null);
}

/**
 * The only thing a caller with an expired (or admin-reset) password can do: set a new one that
 * meets policy. Then sign-in continues and issues the session (SECURITY A09).
 *
 * The step is spent in the transaction that stores the password: of parallel changes in one
 * sign-in exactly one is stored, and the others change nothing. (Spent only when the session
 * was issued, every one of ten parallel changes was stored and one of them signed in, under a
 * password that was no longer the one that worked.)
 */
export async function changePasswordInFlow(
	deps: SignInDeps,
	token: string | undefined,
	newPassword: string,
	meta: RequestMeta,
): Promise<SignInResult> {
	const flow = await requireFlow(deps, token, "password_change");
	const policy = await getTenantPolicy(deps.db, flow.user.tenant_id);
	await assertPasswordMeetsRules(deps, policy, flow.user, newPassword);
	const user = await inTransaction(deps.db, async (trx) => {
		if (!(await consumeLoginFlow(trx, flow.id, deps.clock.now()))) throw new LoginFlowExpiredError();
		const locked = await lockUserById(trx, flow.user.tenant_id, flow.user.id);
		if (!locked) throw new LoginFlowExpiredError();
		// History only once the step is ours (see `assertPasswordNotRecent`). A refusal rolls the
		// transaction back, and the step with it: the person can try another password.
		await assertPasswordNotRecent(trx, policy, locked, newPassword);
		await storeNewPassword(deps, trx, policy, locked, newPassword, {
			...meta,
			keepSessionId: null,
			reason: flow.user.required_actions.includes("change_password") ? "required" : "expired",
		});
		return locked;
	});
	const fresh = (await findUserById(deps.db, user.tenant_id, user.id)) ?? user;
	// The flow is spent: what follows (the session, as a rule) opens from nothing.
	return continueSignIn(deps, fresh, flow.amr, meta, null);
}
