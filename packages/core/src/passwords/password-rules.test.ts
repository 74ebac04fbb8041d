import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_TENANT_POLICY, type TenantPolicy } from "../policy/tenant-policy";
import { MAX_PASSWORD_BYTES, normalizePassword } from "./password-hash";
import {
	checkPasswordRules,
	estimateStrength,
	PASSWORD_MAX_BYTES,
	type PasswordContext,
	type PasswordRulesResult,
	type PasswordViolationCode,
} from "./password-rules";

type PasswordPolicy = TenantPolicy["password"];
const PCI: PasswordPolicy = DEFAULT_TENANT_POLICY.password;
/** Only the length rules: isolates A03/A04 from composition and strength. */
const LENGTH_ONLY: PasswordPolicy = { ...PCI, pciComplexity: false, minStrengthScore: 0 };
const NO_COMPLEXITY: PasswordPolicy = { ...PCI, pciComplexity: false };
/** What a tenant enforcing MFA for all may choose (A03: 12). */
const MFA_ALL_MIN_12: PasswordPolicy = { ...PCI, minLength: 12 };

const CONTEXT: PasswordContext = {
	tenantName: "Acme Corporation",
	tenantSlug: "acme-corp",
	email: "jane.doe+work@example.com",
	firstName: "Jane",
	lastName: "Doe",
	username: "jdoe42",
};

const codes = (result: PasswordRulesResult): PasswordViolationCode[] =>
	result.ok ? [] : result.violations.map((violation) => violation.code);

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#%&*-_=+?";
function randomPassword(length: number): string {
	const chars = Array.from({ length }, () => ALPHABET.charAt(randomInt(ALPHABET.length)));
	// PCI complexity is a rule, not a probability: place one letter and one digit.
	chars[randomInt(length)] = "k";
	chars[(chars.indexOf("k") + 1) % length] = "7";
	return chars.join("");
}

describe("checkPasswordRules: table", () => {
	// [requirement, password, policy, expected violation codes (exact, in order); [] = accepted]
	const cases: [string, string, PasswordPolicy, PasswordViolationCode[]][] = [
		// A03: code points after NFKC, not bytes or UTF-16 units.
		["A03 14 × é (28 UTF-8 bytes) is too short", "é".repeat(14), LENGTH_ONLY, ["TOO_SHORT"]],
		["A03 15 × é is long enough", "é".repeat(15), LENGTH_ONLY, []],
		["A03 15 × decomposed é (30 code points typed, 15 after NFKC)", "e\u0301".repeat(15), LENGTH_ONLY, []],
		["A03 14 × decomposed é is still 14 after NFKC", "e\u0301".repeat(14), LENGTH_ONLY, ["TOO_SHORT"]],
		["A03 15 emoji (30 UTF-16 units) are 15 characters", "😀".repeat(15), LENGTH_ONLY, []],
		["A03 14 emoji are too short", "😀".repeat(14), LENGTH_ONLY, ["TOO_SHORT"]],
		["A03 15 different emoji pass even the strength rule", "🦊🐢🍉🚲🎻🌋🧲🪁🦉🍄🛶🧊🎲🪐🦑", { ...NO_COMPLEXITY }, []],
		["A03 14 ASCII characters are too short", "kq7!vzt3#mwp9x", PCI, ["TOO_SHORT"]],
		["A03 15 ASCII characters are enough", "kq7!vzt3#mwp9xa", PCI, []],
		["A03 12 is enough where the tenant enforces MFA for all", "kq7!vzt3#mwp", MFA_ALL_MIN_12, []],
		["A03 11 is not, even then", "kq7!vzt3#mw", MFA_ALL_MIN_12, ["TOO_SHORT"]],
		// A04: long passwords are accepted as they are.
		["A04 128 characters are accepted", randomLike(128), PCI, []],
		["A04 256 characters are the default cap", "x9".repeat(128), LENGTH_ONLY, []],
		["A04 257 characters are too long (refused, never truncated)", `${"x9".repeat(128)}y`, LENGTH_ONLY, ["TOO_LONG"]],
		// A06: blocklist and context words, each with its reason.
		["A06 password123456", "password123456", PCI, ["TOO_SHORT", "COMMON_PASSWORD", "TOO_WEAK"]],
		[
			"A06 password123456 is common even where 12 is enough",
			"password123456",
			MFA_ALL_MIN_12,
			["COMMON_PASSWORD", "TOO_WEAK"],
		],
		["A06 a common password behind digits and symbols", "P@ssw0rd2025!!!!", PCI, ["COMMON_PASSWORD"]],
		["A06 a common German password with a year", "Passwort2025!!!!", PCI, ["COMMON_PASSWORD"]],
		["A06 a shipped-blocklist word with padding", "Wachtwoord#2025!", PCI, ["COMMON_PASSWORD"]],
		[
			"A06 <tenantname>2025! (zxcvbn also counts the name as guessable)",
			"AcmeCorporation2025!",
			PCI,
			["CONTAINS_CONTEXT", "TOO_WEAK"],
		],
		["A06 the tenant name with separators and odd case", "aCmE-cOrPoRaTiOn-2025-xq", PCI, ["CONTAINS_CONTEXT"]],
		["A06 the product name, disguised", "T3ss3ra-Rocks-Loudly-77", PCI, ["CONTAINS_CONTEXT"]],
		// A07: PCI complexity.
		["A07 no digit, complexity on", "correcthorsebatterystaple", PCI, ["NEEDS_LETTER_AND_DIGIT"]],
		["A07 no digit, complexity off (strong enough)", "correcthorsebatterystaple", NO_COMPLEXITY, []],
		["A07 digits only", "804215963375116", PCI, ["NEEDS_LETTER_AND_DIGIT"]],
		["A07 letters of any script count", "ŽluťoučkýKůň7Úpěl", PCI, []],
	];

	it.each(cases)("%s", (_name, password, policy, expected) => {
		expect(codes(checkPasswordRules(password, policy, CONTEXT))).toEqual(expected);
	});
});

/** A fixed, random-looking filler (no dictionary words), so the table stays deterministic. */
function randomLike(length: number): string {
	const source = "vK3#qW9!mZ2@xR7$pL4%tB8^nF6&hJ5*cY1";
	return Array.from({ length }, (_, i) => source.charAt((i * 11 + Math.floor(i / 35)) % source.length)).join("");
}

describe("checkPasswordRules: violations carry their data", () => {
	it("TOO_SHORT names the minimum, TOO_LONG the maximum", () => {
		expect(checkPasswordRules("short7x", PCI, {})).toMatchObject({
			ok: false,
			violations: expect.arrayContaining([{ code: "TOO_SHORT", min: 15 }]),
		});
		expect(checkPasswordRules("a1".repeat(40), { ...PCI, maxLength: 64 }, {})).toEqual({
			ok: false,
			score: 0,
			violations: [{ code: "TOO_LONG", max: 64 }],
		});
	});

	it("TOO_WEAK carries the score, the minimum and zxcvbn's advice", () => {
		const result = checkPasswordRules("aaaaaaaaaaaaaaa1", PCI, {});
		expect(result.ok).toBe(false);
		const weak = result.ok ? undefined : result.violations.find((violation) => violation.code === "TOO_WEAK");
		expect(weak).toMatchObject({ code: "TOO_WEAK", min: 3 });
		expect(weak?.code === "TOO_WEAK" && weak.score).toBeLessThan(3);
		expect(weak?.code === "TOO_WEAK" && typeof weak.warning).toBe("string");
	});

	it("accepted passwords report their score", () => {
		expect(checkPasswordRules("kq7!vzt3#mwp9xa", PCI, CONTEXT)).toEqual({ ok: true, score: 4 });
	});
});

describe("checkPasswordRules: context words (A06)", () => {
	it.each([
		["tenant name", "Globex-Industries", { tenantName: "Globex Industries" }, "tenant"],
		["tenant slug", "my-globex-2025-zq", { tenantSlug: "globex" }, "tenant"],
		["email local part", "marie.curie-1867-zq", { email: "marie.curie@example.org" }, "email"],
		["email local part without its +tag", "mariecurie+1867-zq", { email: "marie.curie+hr@example.org" }, "email"],
		["first name", "Winston-1874-pqzx", { firstName: "Winston" }, "name"],
		["last name", "churchill-1874-pqzx", { lastName: "Churchill" }, "name"],
		["username", "xx-wchurchill-74-q", { username: "w.churchill" }, "username"],
		["extra words (account, space)", "Northwind-Sales-9q", { extraWords: ["Northwind"] }, "other"],
		["the product", "i-like-TESSERA-9q-zx", {}, "product"],
	] as [string, string, PasswordContext, string][])("%s", (_name, password, context, source) => {
		const result = checkPasswordRules(password, NO_COMPLEXITY, context);
		expect(result.ok).toBe(false);
		expect(result.ok ? [] : result.violations).toContainEqual({ code: "CONTAINS_CONTEXT", sources: [source] });
	});

	it("ignores context words shorter than 4 characters", () => {
		const result = checkPasswordRules("ann-kq7!vzt3#mwp9x", PCI, { firstName: "Ann", lastName: "Li" });
		expect(codes(result)).not.toContain("CONTAINS_CONTEXT");
	});

	it("does not refuse a password because of an unrelated email domain", () => {
		const result = checkPasswordRules("example-kq7!vzt3#mw", PCI, { email: "jo@example.com" });
		expect(codes(result)).not.toContain("CONTAINS_CONTEXT");
	});

	it("lists every source found, in a fixed order", () => {
		// "JaneDoe" is both the name and the email's local part (jane.doe).
		const result = checkPasswordRules("JaneDoe@AcmeCorporation1", PCI, CONTEXT);
		expect(result.ok ? [] : result.violations).toContainEqual({
			code: "CONTAINS_CONTEXT",
			sources: ["tenant", "email", "name"],
		});
	});
});

describe("checkPasswordRules: byte cap (I06)", () => {
	it("uses the same cap as the hashing module", () => {
		expect(PASSWORD_MAX_BYTES).toBe(MAX_PASSWORD_BYTES);
	});

	it("refuses more than 1 KiB of UTF-8 before any other check", () => {
		const huge = "é".repeat(1_000_000);
		expect(checkPasswordRules(huge, PCI, CONTEXT)).toEqual({
			ok: false,
			score: 0,
			violations: [{ code: "TOO_MANY_BYTES", maxBytes: 1024 }],
		});
	});

	it("counts bytes, not characters: 513 × é is 1026 bytes", () => {
		expect(codes(checkPasswordRules("é".repeat(513), { ...LENGTH_ONLY, maxLength: 256 }, {}))).toEqual([
			"TOO_MANY_BYTES",
		]);
	});

	it("applies the cap to the normalised form too (NFKC can expand)", () => {
		// U+FDFA expands to 18 code points (33 UTF-8 bytes) under NFKC: 3 bytes typed, 33 hashed.
		const expanding = "\uFDFA".repeat(40);
		expect(new TextEncoder().encode(expanding).length).toBeLessThanOrEqual(1024);
		expect(codes(checkPasswordRules(expanding, LENGTH_ONLY, {}))).toEqual(["TOO_MANY_BYTES"]);
	});
});

describe("checkPasswordRules: properties", () => {
	it("accepts random 20-character strings", () => {
		for (let i = 0; i < 20; i++) {
			const password = randomPassword(20);
			expect(checkPasswordRules(password, PCI, CONTEXT), password).toMatchObject({ ok: true });
		}
	});

	it("is deterministic", () => {
		const first = checkPasswordRules("Summer-in-Amsterdam-2025", PCI, CONTEXT);
		for (let i = 0; i < 5; i++) expect(checkPasswordRules("Summer-in-Amsterdam-2025", PCI, CONTEXT)).toEqual(first);
	});

	it("normalises exactly as the hashing module does (NFKC)", () => {
		const input = "ｆｕｌｌｗｉｄｔｈ１２３４５ café";
		expect(input.normalize("NFKC")).toBe(normalizePassword(input));
	});

	it("imports nothing from Node, so the portal can use it", () => {
		const source = readFileSync(new URL("./password-rules.ts", import.meta.url), "utf8");
		const imports = [...source.matchAll(/ from "([^"]+)"/g)].map((match) => match[1]);
		expect(imports.filter((path) => path?.startsWith("node:") || path?.includes("password-hash"))).toEqual([]);
	});
});

describe("estimateStrength", () => {
	it("gives the meter a score, advice and a crack time", () => {
		const weak = estimateStrength("password", {});
		expect(weak.score).toBe(0);
		expect(weak.warning).toEqual(expect.any(String));
		expect(weak.suggestions.length).toBeGreaterThan(0);
		const strong = estimateStrength("kq7!vzt3#mwp9xa-Lr", CONTEXT);
		expect(strong).toMatchObject({ score: 4, warning: null });
		expect(strong.crackTimeDisplay).toEqual(expect.any(String));
	});

	it("counts context words as guessable", () => {
		const context: PasswordContext = { tenantName: "Quixbrndle Zaggyworth" };
		expect(estimateStrength("QuixbrndleZaggyworth", context).score).toBeLessThan(
			estimateStrength("QuixbrndleZaggyworth", {}).score,
		);
	});

	it("agrees with the score checkPasswordRules reports", () => {
		for (const password of ["correcthorsebatterystaple", "Tr0ub4dor&3-horse", "kq7!vzt3#mwp9xa"]) {
			expect(checkPasswordRules(password, LENGTH_ONLY, CONTEXT).score).toBe(estimateStrength(password, CONTEXT).score);
		}
	});
});
