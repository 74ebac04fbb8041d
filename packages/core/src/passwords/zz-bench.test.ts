import { randomInt } from "node:crypto";
import { it } from "vitest";
import { DEFAULT_TENANT_POLICY } from "../policy/tenant-policy";
import { checkPasswordRules, warmUpPasswordRules } from "./password-rules";

const A = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#%&*-_=+?";
const rnd = (n: number) => Array.from({ length: n }, () => A.charAt(randomInt(A.length))).join("");
const CONTEXT = {
	tenantName: "Acme Corporation",
	tenantSlug: "acme-corp",
	email: "jane.doe+work@example.com",
	firstName: "Jane",
	lastName: "Doe",
	username: "jdoe42",
};
function stats(label: string, pws: string[]) {
	const t = pws
		.map((p) => {
			const s = performance.now();
			checkPasswordRules(p, DEFAULT_TENANT_POLICY.password, CONTEXT);
			return performance.now() - s;
		})
		.sort((a, b) => a - b);
	const q = (f: number) => (t[Math.floor(f * (t.length - 1))] ?? 0).toFixed(1);
	console.log(label.padEnd(28), "n", t.length, "median", q(0.5), "p90", q(0.9), "p99", q(0.99), "max", q(1));
}
it("bench", () => {
	const s = performance.now();
	warmUpPasswordRules();
	console.log("warm-up ms", (performance.now() - s).toFixed(0));
	const words = [
		"correct",
		"horse",
		"battery",
		"staple",
		"sommer",
		"fiets",
		"haus",
		"garden",
		"river",
		"blue",
		"orange",
		"tiger",
	];
	const phrase = () =>
		Array.from({ length: 4 }, () => words[randomInt(words.length)]).join(["-", " ", ""][randomInt(3)] ?? "") +
		randomInt(100);
	const typical = [
		...Array.from({ length: 100 }, () => rnd(15 + randomInt(10))),
		...Array.from({ length: 100 }, phrase),
		"password123456",
		"AcmeCorporation2025!",
		"P@ssw0rd2025!!!!",
		"Sommer2025Sommer!",
		"😀".repeat(15),
	];
	stats("warm-up pass", typical.slice(0, 20));
	stats("typical (15-24 rnd, phrases)", typical);
	stats(
		"random 40",
		Array.from({ length: 30 }, () => rnd(40)),
	);
	stats(
		"random 64",
		Array.from({ length: 20 }, () => rnd(64)),
	);
	stats(
		"random 128",
		Array.from({ length: 10 }, () => rnd(128)),
	);
	stats(
		"random 256",
		Array.from({ length: 5 }, () => rnd(256)),
	);
	stats("a x 256", ["a".repeat(256)]);
	stats("'x9' x 128", ["x9".repeat(128)]);
}, 120_000);
