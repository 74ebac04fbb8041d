/**
 * How long the password rules (length, complexity, blocklist, zxcvbn strength, context words)
 * take per check, after warm-up. Prints figures; asserts nothing. `pnpm --filter @tessera/bench
 * exec tsx src/password-rules.ts`
 */
import { randomBytes } from "node:crypto";
import { checkPasswordRules, warmUpPasswordRules } from "@tessera/core/passwords/password-rules";
import { DEFAULT_TENANT_POLICY } from "@tessera/core/policy/tenant-policy";

const context = {
	tenantName: "Acme Corporation",
	tenantSlug: "acme",
	email: "ada.lovelace@example.com",
	firstName: "Ada",
	lastName: "Lovelace",
};
const warm = performance.now();
warmUpPasswordRules();
console.log(`setup (dictionaries): ${(performance.now() - warm).toFixed(0)} ms`);

const samples = [
	"password123456",
	"AcmeCorporation2025!",
	"correcthorsebatterystaple",
	"P@ssw0rd2025!!!!",
	"Sommer2025Sommer!",
];
for (let i = 0; i < 400; i++) samples.push(randomBytes(12 + (i % 12)).toString("base64url"));
for (let i = 0; i < 100; i++)
	samples.push(
		["quiet", "harbor", "lantern", "marmalade", "copper", "kite", "meadow"]
			.sort(() => Math.random() - 0.5)
			.slice(0, 4)
			.join("-"),
	);

const times = samples.map((password) => {
	const started = performance.now();
	checkPasswordRules(password, DEFAULT_TENANT_POLICY.password, context);
	return performance.now() - started;
});
times.sort((a, b) => a - b);
const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
console.log(
	`checkPasswordRules over ${times.length} passwords: p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`,
);
