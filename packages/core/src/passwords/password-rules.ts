/**
 * The rules a new password must meet, as pure functions. The portal imports this file too (its
 * strength meter shows the same verdict the server will give), so nothing here may use Node
 * APIs: UTF-8 is measured with TextEncoder and NFKC with String.prototype.normalize.
 */
import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as deDictionary } from "@zxcvbn-ts/language-de";
import { dictionary as enDictionary, translations as enTranslations } from "@zxcvbn-ts/language-en";
import { dictionary as nlBeDictionary } from "@zxcvbn-ts/language-nl-be";
import type { TenantPolicy } from "../policy/tenant-policy";
import { PASSWORD_BLOCKLIST_EXTRA } from "./password-blocklist";

/**
 * UTF-8 bytes a password may have: the same limit as `MAX_PASSWORD_BYTES` in passwords/password-hash.ts
 * (a test keeps the two equal). Repeated here because that file loads argon2, which the browser
 * cannot (I06: a megabyte password must be refused before anything expensive runs).
 */
export const PASSWORD_MAX_BYTES = 1024;

/** Context words shorter than this are too common to refuse inside a password ("anna", "bo"). */
export const MIN_CONTEXT_WORD_LENGTH = 4;

/** Words about the product itself, refused in every tenant (A06: "product" context word). */
export const PRODUCT_CONTEXT_WORDS: readonly string[] = ["tessera"];

/** Where a refused context word came from, so the form can say "contains your email address". */
export type PasswordContextSource = "product" | "tenant" | "email" | "name" | "username" | "other";

/** One reason a password is refused. A closed union: the API and portal translate each code. */
export type PasswordViolation =
	| { code: "TOO_SHORT"; min: number }
	| { code: "TOO_LONG"; max: number }
	| { code: "TOO_MANY_BYTES"; maxBytes: number }
	| { code: "NEEDS_LETTER_AND_DIGIT" }
	| { code: "COMMON_PASSWORD" }
	| { code: "CONTAINS_CONTEXT"; sources: PasswordContextSource[] }
	| { code: "TOO_WEAK"; score: number; min: number; warning?: string; suggestions?: string[] };

export type PasswordViolationCode = PasswordViolation["code"];

/** `score` is zxcvbn's 0–4; it is 0 when the password was refused before estimation (byte or length cap). */
export type PasswordRulesResult =
	| { ok: true; score: number }
	| { ok: false; score: number; violations: PasswordViolation[] };

/** What is known about the user and tenant, so a password built from it can be refused (A06). */
export interface PasswordContext {
	tenantName?: string | null;
	tenantSlug?: string | null;
	email?: string | null;
	firstName?: string | null;
	lastName?: string | null;
	username?: string | null;
	/** More words to refuse, e.g. account and space names. */
	extraWords?: readonly string[];
}

/** The strength meter's reading. */
export interface PasswordStrengthEstimate {
	score: number;
	warning: string | null;
	suggestions: string[];
	/** How long an offline attack on an argon2 hash would take, in words ("3 years", "centuries"). */
	crackTimeDisplay: string;
}

// zxcvbn estimates only the first this-many UTF-16 units: its matchers grow quadratically with
// length (a random 128-character password took about 3× as long as a 64-character one), and a
// strong 64-character prefix makes the whole password strong. A weak prefix is still refused, so
// the cut errs on the strict side.
const ZXCVBN_MAX_LENGTH = 64;

// ---------------------------------------------------------------------------------------------
// zxcvbn, set up once per process (or page) on first use: building the ranked dictionaries takes
// a few hundred milliseconds, which an import should not cost. `warmUpPasswordRules` pays it early.
// ---------------------------------------------------------------------------------------------

let zxcvbn: ZxcvbnFactory | undefined;

function suffixKeys(dictionary: Record<string, string[]>, suffix: string): Record<string, string[]> {
	// The German and Dutch packages use bare names ("commonWords"), which would overwrite each
	// other; zxcvbn reads the kind of list from the name's prefix, so a suffix keeps its feedback.
	return Object.fromEntries(Object.entries(dictionary).map(([name, words]) => [`${name}-${suffix}`, words]));
}

function getZxcvbn(): ZxcvbnFactory {
	zxcvbn ??= new ZxcvbnFactory({
		dictionary: {
			...commonDictionary,
			...enDictionary,
			...suffixKeys(deDictionary, "de"),
			...suffixKeys(nlBeDictionary, "nl-be"),
		},
		graphs: adjacencyGraphs,
		translations: enTranslations,
		maxLength: ZXCVBN_MAX_LENGTH,
		// Each l33t variant ("p@ssw0rd" read as "password") costs a full dictionary pass. zxcvbn's
		// default of 100 variants cost 50-110 ms per check; 8 cost about a sixth. On generated
		// l33t passwords and passphrases of 15+ characters, 1-2 % scored one step higher than with
		// 100 and none crossed the default bar (score 3).
		l33tMaxSubstitutions: 8,
	});
	return zxcvbn;
}

/** Builds the dictionaries now rather than on the first password check (call at server start). */
export function warmUpPasswordRules(): void {
	getZxcvbn().check("warm-up-Password-1", []);
}

let blocklist: ReadonlySet<string> | undefined;

function getBlocklist(): ReadonlySet<string> {
	blocklist ??= new Set([
		...commonDictionary["passwords-common"].map((word) => word.toLowerCase()),
		...PASSWORD_BLOCKLIST_EXTRA,
	]);
	return blocklist;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const utf8 = new TextEncoder();
const utf8Length = (value: string) => utf8.encode(value).length;
const codePointLength = (value: string) => {
	let count = 0;
	for (const _ of value) count++;
	return count;
};

// Substitutions people use to "strengthen" a word. "1" stands for i or l, so both are tried.
const LEET_I: Record<string, string> = {
	"@": "a",
	"4": "a",
	"8": "b",
	"(": "c",
	"3": "e",
	"9": "g",
	"6": "g",
	"1": "i",
	"!": "i",
	"|": "i",
	"0": "o",
	$: "s",
	"5": "s",
	"7": "t",
	"+": "t",
	"2": "z",
};
const LEET_L: Record<string, string> = { ...LEET_I, "1": "l", "|": "l" };
const unleet = (value: string, table: Record<string, string>) =>
	Array.from(value, (char) => table[char] ?? char).join("");

/** Lower case, separators and symbols removed: "Acme-Corp" and "acme corp" both become "acmecorp". */
const squash = (value: string) =>
	value
		.normalize("NFKC")
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, "");

/** The whole value and each separated part, squashed, each at least MIN_CONTEXT_WORD_LENGTH long. */
function contextWords(value: string | null | undefined): string[] {
	if (!value) return [];
	const words = [squash(value), ...value.split(/[^\p{L}\p{N}]+/u).map(squash)];
	return words.filter((word) => codePointLength(word) >= MIN_CONTEXT_WORD_LENGTH);
}

function contextWordsBySource(context: PasswordContext): [PasswordContextSource, string[]][] {
	// The email's local part (with and without a "+tag"): the part people reuse. The domain is
	// shared by a whole company, and the tenant name and slug already cover it where it matters.
	const email = context.email ?? "";
	const at = email.lastIndexOf("@");
	const local = at === -1 ? email : email.slice(0, at);
	return [
		["product", PRODUCT_CONTEXT_WORDS.flatMap(contextWords)],
		["tenant", [...contextWords(context.tenantName), ...contextWords(context.tenantSlug)]],
		["email", [...contextWords(local), ...contextWords(local.split("+")[0])]],
		["name", [...contextWords(context.firstName), ...contextWords(context.lastName)]],
		["username", contextWords(context.username)],
		["other", (context.extraWords ?? []).flatMap(contextWords)],
	];
}

/** Every context word once, in a fixed order, for zxcvbn's `userInputs`. */
function userInputsOf(context: PasswordContext): string[] {
	return [...new Set(contextWordsBySource(context).flatMap(([, words]) => words))];
}

function isCommonPassword(normalized: string): boolean {
	const list = getBlocklist();
	const lower = normalized.toLowerCase();
	// The "core" is what is left after the digits and symbols people add at either end
	// ("Password123456!", "!!dragon2025"): a common password padded that way is still common.
	const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
	const candidates = [lower, unleet(lower, LEET_I), unleet(lower, LEET_L)];
	if (codePointLength(core) >= MIN_CONTEXT_WORD_LENGTH) {
		candidates.push(core, unleet(core, LEET_I), unleet(core, LEET_L));
	}
	return candidates.some((candidate) => list.has(candidate));
}

function contextSourcesIn(normalized: string, context: PasswordContext): PasswordContextSource[] {
	const lower = normalized.toLowerCase();
	const haystacks = [squash(lower), squash(unleet(lower, LEET_I)), squash(unleet(lower, LEET_L))];
	return contextWordsBySource(context)
		.filter(([, words]) => words.some((word) => haystacks.some((haystack) => haystack.includes(word))))
		.map(([source]) => source);
}

function estimate(normalized: string, context: PasswordContext): ZxcvbnResult {
	return getZxcvbn().check(normalized, userInputsOf(context));
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * Checks a new password against the tenant's password policy. Guarantees:
 * - lengths are Unicode code points of the NFKC form, the string that is hashed (A03, A05);
 * - more than PASSWORD_MAX_BYTES of UTF-8 (raw or normalised) is refused before any other work,
 *   so a huge input costs nothing (I06);
 * - every applicable violation is listed, in a fixed order, except that the byte and length caps
 *   end the check at once (nothing else is worth computing for such input);
 * - the same input always gives the same result (no clock, no randomness).
 * It does not look at the password history; see `isRecentlyUsed`.
 */
export function checkPasswordRules(
	password: string,
	policy: TenantPolicy["password"],
	context: PasswordContext,
): PasswordRulesResult {
	// I06: measured before normalising too, since NFKC of a megabyte string is itself work.
	if (password.length > PASSWORD_MAX_BYTES || utf8Length(password) > PASSWORD_MAX_BYTES) {
		return { ok: false, score: 0, violations: [{ code: "TOO_MANY_BYTES", maxBytes: PASSWORD_MAX_BYTES }] };
	}
	const normalized = password.normalize("NFKC");
	if (utf8Length(normalized) > PASSWORD_MAX_BYTES) {
		return { ok: false, score: 0, violations: [{ code: "TOO_MANY_BYTES", maxBytes: PASSWORD_MAX_BYTES }] };
	}

	const violations: PasswordViolation[] = [];
	const length = codePointLength(normalized);
	// A03 (NIST §3.1.1.2, PCI 8.3.6): code points, so 15 × "é" or 15 emoji are 15 characters.
	if (length < policy.minLength) violations.push({ code: "TOO_SHORT", min: policy.minLength });
	// A04 (ASVS 6.2.9): the cap is at least 64 by schema; nothing is ever truncated, only refused.
	if (length > policy.maxLength) {
		violations.push({ code: "TOO_LONG", max: policy.maxLength });
		return { ok: false, score: 0, violations };
	}
	// A07 (PCI 8.3.6): letters and decimal digits of every script count; a deviation from ASVS 6.2.5.
	if (policy.pciComplexity && !(/\p{L}/u.test(normalized) && /\p{Nd}/u.test(normalized))) {
		violations.push({ code: "NEEDS_LETTER_AND_DIGIT" });
	}
	// A06 (ASVS 6.2.4, 6.2.12; NIST §3.1.1.2): breached/common passwords, also lightly disguised.
	if (isCommonPassword(normalized)) violations.push({ code: "COMMON_PASSWORD" });
	// A06 (ASVS 6.2.11): product, tenant, email and name words, whatever the case and separators.
	const sources = contextSourcesIn(normalized, context);
	if (sources.length > 0) violations.push({ code: "CONTAINS_CONTEXT", sources });

	const result = estimate(normalized, context);
	if (result.score < policy.minStrengthScore) {
		violations.push({
			code: "TOO_WEAK",
			score: result.score,
			min: policy.minStrengthScore,
			...(result.feedback.warning ? { warning: result.feedback.warning } : {}),
			...(result.feedback.suggestions.length > 0 ? { suggestions: result.feedback.suggestions } : {}),
		});
	}
	return violations.length === 0 ? { ok: true, score: result.score } : { ok: false, score: result.score, violations };
}

/**
 * The portal's strength meter: zxcvbn's reading of the NFKC form with the same dictionaries and
 * context words the server uses. Only a hint; `checkPasswordRules` decides. Input beyond the byte
 * cap is cut before estimating, so a pasted megabyte does not freeze the page.
 */
export function estimateStrength(password: string, context: PasswordContext): PasswordStrengthEstimate {
	const result = estimate(password.slice(0, PASSWORD_MAX_BYTES).normalize("NFKC"), context);
	return {
		score: result.score,
		warning: result.feedback.warning,
		suggestions: result.feedback.suggestions,
		crackTimeDisplay: result.crackTimes.offlineSlowHashingXPerSecond.display,
	};
}
