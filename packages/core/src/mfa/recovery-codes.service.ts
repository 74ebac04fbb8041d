import { randomBytes } from "node:crypto";
import { type Algorithm, hash, verify } from "@node-rs/argon2";
import { insertAuditEvent } from "../audit/audit.repository";
import type { SessionActor } from "../shared/actor";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { inTransaction, type Tx } from "../shared/tx";
import { notifyUser } from "../users/notify-user";
import { UserNotFoundError } from "../users/user.errors";
import { findNotifiableUser, lockUserById } from "../users/user.repository";
import {
	claimRecoveryCode,
	countUnusedRecoveryCodes,
	findUnusedRecoveryCodes,
	replaceRecoveryCodes,
} from "./mfa.repository";

export const RECOVERY_CODE_COUNT = 10;
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// 80 random bits per code are far below the 112 bits where a fast hash would do, so each code
// gets a salted password hash (NIST 800-63B-4 §3.1.2.1); a cheap one, since ten are tried per use.
const CODE_HASH_OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 4096, timeCost: 2, parallelism: 1 } as const;

/** 80 bits from the CSPRNG as 16 Crockford base32 characters, grouped XXXX-XXXX-XXXX-XXXX. */
export function generateRecoveryCode(): string {
	const bytes = randomBytes(10);
	let bits = 0n;
	for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
	let out = "";
	for (let i = 0; i < 16; i++) {
		out = CROCKFORD[Number(bits & 31n)] + out;
		bits >>= 5n;
	}
	return out.match(/.{4}/g)?.join("-") ?? out;
}

/** Accepts what people type: upper or lower case, spaces or dashes, and Crockford's look-alikes (O→0, I/L→1). */
export function normalizeRecoveryCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

/** Ten fresh codes and their salted hashes: the plain codes are for the person, the hashes for the table. */
async function newRecoveryCodeSet(): Promise<{ codes: string[]; hashes: string[] }> {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
	const hashes = await Promise.all(codes.map((code) => hash(normalizeRecoveryCode(code), CODE_HASH_OPTIONS)));
	return { codes, hashes };
}

/** Stores the hashes in place of every earlier code and records it, inside the caller's transaction. */
async function storeRecoveryCodes(
	trx: Tx,
	actor: SessionActor,
	hashes: string[],
	now: Date,
	meta: RequestMeta,
	action: "mfa.recovery_codes_regenerated" | "mfa.recovery_codes_issued",
): Promise<void> {
	await replaceRecoveryCodes(trx, actor.tenantId, actor.userId, hashes, now);
	await insertAuditEvent(trx, {
		tenantId: actor.tenantId,
		occurredAt: now,
		actorUserId: actor.userId,
		targetUserId: actor.userId,
		action,
		outcome: "success",
		ip: meta.ip,
		userAgent: meta.userAgent,
		details: { count: RECOVERY_CODE_COUNT },
	});
}

/**
 * Replaces all recovery codes with ten new ones and returns them: the only time they are ever
 * visible (SECURITY M14, M16). Earlier codes stop working in the same transaction.
 */
export async function regenerateRecoveryCodes(
	deps: CoreDeps,
	actor: SessionActor,
	meta: RequestMeta,
): Promise<string[]> {
	const { codes, hashes } = await newRecoveryCodeSet();
	await inTransaction(deps.db, async (trx) => {
		const user = await lockUserById(trx, actor.tenantId, actor.userId);
		if (!user) throw new UserNotFoundError();
		const now = deps.clock.now();
		await storeRecoveryCodes(trx, actor, hashes, now, meta, "mfa.recovery_codes_regenerated");
		await notifyUser(trx, deps.clock, user, "recovery_codes_regenerated", {});
	});
	return codes;
}

/**
 * Called in the transaction that enables a second factor, with the user's row locked: a user
 * with no unused recovery code gets ten, returned this once, so losing the new factor does not
 * lock the person out. Someone who still holds unused codes keeps them and gets null: replacing
 * them silently would void codes the person may have stored.
 */
export async function issueRecoveryCodesIfNone(
	trx: Tx,
	actor: SessionActor,
	now: Date,
	meta: RequestMeta,
): Promise<string[] | null> {
	if (Number(await countUnusedRecoveryCodes(trx, actor.tenantId, actor.userId)) > 0) return null;
	const { codes, hashes } = await newRecoveryCodeSet();
	await storeRecoveryCodes(trx, actor, hashes, now, meta, "mfa.recovery_codes_issued");
	return codes;
}

/**
 * Uses one recovery code: finds the matching unused hash and claims it with a conditional
 * update, so of many parallel uses of one code exactly one succeeds (SECURITY M15).
 * Returns the number left, or null when no code matched.
 */
export async function redeemRecoveryCode(
	deps: CoreDeps,
	tenantId: string,
	userId: string,
	input: string,
): Promise<number | null> {
	const code = normalizeRecoveryCode(input);
	if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(code)) return null;
	const unused = await findUnusedRecoveryCodes(deps.db, tenantId, userId);
	for (const candidate of unused) {
		if (await verify(candidate.code_hash, code).catch(() => false)) {
			if (!(await claimRecoveryCode(deps.db, candidate.id, deps.clock.now()))) return null;
			const remaining = unused.length - 1;
			const user = await findNotifiableUser(deps.db, userId);
			if (user) await notifyUser(deps.db, deps.clock, user, "recovery_code_used", { remaining });
			return remaining;
		}
	}
	return null;
}
