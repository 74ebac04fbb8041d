import { randomInt } from "node:crypto";
import type { CodeChannel } from "@tessera/db/schema";
import { enqueueMessage } from "../messaging/outbox.service";
import type { TenantPolicy } from "../policy/tenant-policy";
import { DAY, HOUR, MINUTE } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import { inTransaction } from "../shared/tx";
import { CodeRateLimitedError, InvalidCodeError } from "./mfa.errors";
import {
	type CodeBinding,
	consumeCode,
	countCodesSentSince,
	findLatestOpenCode,
	insertCode,
	latestCodeFor,
	lockCodeSending,
	spendCodeAttempt,
	voidOpenCodes,
} from "./mfa.repository";

const TEMPLATE_FOR_PURPOSE = {
	sign_in: "sign_in_code",
	verify_email: "verify_email_code",
	verify_phone: "verify_phone_code",
	reauth: "reauth_code",
} as const;

export interface SendCodeInput extends CodeBinding {
	channel: CodeChannel;
	destination: string;
	language: string | null;
}

/**
 * Sends a fresh 6-digit code (CSPRNG) by SMS or email through the outbox. Enforces the resend
 * cooldown and the hourly and daily caps per user and per destination (SECURITY M11); voids the
 * previous code of the same binding but carries over its failed attempts (M10).
 *
 * The limits are checked and the code is stored in one transaction that first locks the user
 * and the destination, so parallel requests are decided one after another: of ten sent at once,
 * one code goes out and nine are told to wait (issue 10, item 3). A refusal writes nothing.
 */
export async function sendOneTimeCode(
	deps: CoreDeps,
	policy: TenantPolicy["codes"],
	input: SendCodeInput,
): Promise<{ expiresAt: Date }> {
	const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
	return inTransaction(deps.db, async (trx) => {
		await lockCodeSending(trx, input.tenantId, input.userId, input.destination);
		// Read after the lock: time spent waiting for it counts toward the cooldown.
		const now = deps.clock.now();
		const lastHour = await countCodesSentSince(
			trx,
			input.tenantId,
			input.userId,
			input.destination,
			new Date(now.getTime() - HOUR),
		);
		const lastDay = await countCodesSentSince(
			trx,
			input.tenantId,
			input.userId,
			input.destination,
			new Date(now.getTime() - DAY),
		);
		const latestSamePurpose = await latestCodeFor(trx, input.tenantId, input.userId, input.purpose);
		// The cooldown is per purpose (verifying a phone must not delay a sign-in code); the hourly
		// and daily caps count every code to this user or destination.
		if (latestSamePurpose) {
			const wait = Math.ceil(
				(latestSamePurpose.getTime() + policy.resendCooldownSeconds * 1000 - now.getTime()) / 1000,
			);
			if (wait > 0) throw new CodeRateLimitedError(wait);
		}
		if (lastHour.count >= policy.maxSendsPerHour) throw new CodeRateLimitedError(3600);
		if (lastDay.count >= policy.maxSendsPerDay) throw new CodeRateLimitedError(86_400);

		const expiresAt = new Date(now.getTime() + policy.ttlMinutes * MINUTE);
		const carriedAttempts = await voidOpenCodes(trx, input, now);
		await insertCode(trx, {
			...input,
			codeHash: deps.secrets.mac(code),
			attempts: carriedAttempts,
			now,
			expiresAt,
		});
		await enqueueMessage(trx, deps.clock, {
			tenantId: input.tenantId,
			userId: input.userId,
			channel: input.channel,
			recipient: input.destination,
			template: TEMPLATE_FOR_PURPOSE[input.purpose],
			params: { code, minutes: policy.ttlMinutes },
			language: input.language,
		});
		return { expiresAt };
	});
}

/**
 * Checks a code against the latest open code of the binding: it must be unexpired, have attempts
 * left (each try is counted before comparing), match in constant time, and not have been used.
 * Returns the destination it was sent to. Throws InvalidCodeError otherwise.
 */
export async function verifyOneTimeCode(
	deps: CoreDeps,
	policy: TenantPolicy["codes"],
	binding: CodeBinding,
	code: string,
): Promise<{ destination: string; channel: CodeChannel }> {
	const open = await findLatestOpenCode(deps.db, binding);
	if (!open || open.expires_at.getTime() <= deps.clock.now().getTime()) throw new InvalidCodeError();
	const attempts = await spendCodeAttempt(deps.db, open.id, policy.maxAttempts);
	if (attempts === null) throw new InvalidCodeError(0);
	const matches = /^\d{6}$/.test(code) && deps.secrets.verifyMac(code, open.code_hash);
	if (!matches) throw new InvalidCodeError(policy.maxAttempts - attempts);
	if (!(await consumeCode(deps.db, open.id, deps.clock.now()))) throw new InvalidCodeError();
	return { destination: open.destination, channel: open.channel };
}
