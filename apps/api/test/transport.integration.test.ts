import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../src/router";
import { startTestServer, type TestServer } from "../src/testing";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

/**
 * Procedures callable without a session. The sign-in steps (auth.flow.*) need the flow cookie
 * instead, and are tested below without one; auth.passkey.* start and finish passwordless
 * sign-in; dev.mailbox exists only when the dev mailbox is on. Everything else must refuse.
 */
const PUBLIC = new Set([
	"auth.config",
	"auth.passwordPolicy",
	// The strength meter judges a candidate string only (throttled like sign-in).
	"auth.passwordStrength",
	"auth.signIn",
	"auth.flow.state",
	"auth.flow.sendCode",
	"auth.flow.verifyCode",
	"auth.flow.passkeyOptions",
	"auth.flow.verifyPasskey",
	"auth.flow.changePassword",
	"auth.passkey.options",
	"auth.passkey.verify",
	"dev.mailbox",
	// Accepting an invitation: the single-use token is the credential (throttled like sign-in).
	"invitations.lookup",
	"invitations.accept",
	// Password reset: asking reveals nothing; the single-use token is the credential (throttled like sign-in).
	"auth.passwordReset.request",
	"auth.passwordReset.lookup",
	"auth.passwordReset.complete",
	// The sign-in page shows the organisation's name, colour and logo before anyone signs in.
	"branding.get",
]);

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
	fetch(`${server.url}/trpc/${path}`, {
		method: "POST",
		headers: { "content-type": "application/json", ...headers },
		body,
	});

describe("deny by default", () => {
	const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>);

	it("the router has procedures to check", () => {
		expect(procedures.length).toBeGreaterThanOrEqual(6);
	});

	it.each(procedures.filter(([path]) => !PUBLIC.has(path)))(
		"%s refuses an anonymous caller with 401",
		async (path, procedure) => {
			const response =
				procedure._def.type === "query"
					? await fetch(`${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`)
					: await post(path, JSON.stringify({ json: {} }));
			expect(response.status).toBe(401);
			const body = (await response.json()) as { error: { json: { data: { code: string } } } };
			expect(body.error.json.data.code).toBe("UNAUTHORIZED");
		},
	);
});

describe("sign-in steps without a flow cookie", () => {
	it.each([
		["state", (c: ReturnType<TestServer["client"]>) => c.auth.flow.state.query()],
		["sendCode", (c: ReturnType<TestServer["client"]>) => c.auth.flow.sendCode.mutate({ channel: "email" })],
		[
			"verifyCode",
			(c: ReturnType<TestServer["client"]>) => c.auth.flow.verifyCode.mutate({ method: "totp", code: "123456" }),
		],
		["passkeyOptions", (c: ReturnType<TestServer["client"]>) => c.auth.flow.passkeyOptions.mutate()],
		[
			"changePassword",
			(c: ReturnType<TestServer["client"]>) => c.auth.flow.changePassword.mutate({ newPassword: "x".repeat(20) }),
		],
	] as const)("%s answers UNAUTHORIZED (flow expired)", async (_name, call) => {
		const error = await call(server.client()).then(
			() => null,
			(e: { data?: { code?: string; domainCode?: string } }) => e,
		);
		expect(error?.data).toMatchObject({ code: "UNAUTHORIZED", domainCode: "AUTH.LOGIN_FLOW_EXPIRED" });
	});
});

describe("transport guards", () => {
	it("refuses mutations that are not JSON (cross-site form posts)", async () => {
		for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
			const response = await post("auth.signIn", '{"json":{}}', { "content-type": type });
			expect(response.status).toBe(415);
		}
	});

	it("refuses a browser request from a foreign origin", async () => {
		const response = await post("auth.signIn", '{"json":{}}', { origin: "https://evil.example" });
		expect(response.status).toBe(403);
		expect(response.headers.get("access-control-allow-origin")).toBeNull();
	});

	it("never changes state on GET", async () => {
		const response = await fetch(`${server.url}/trpc/auth.signIn?input=${encodeURIComponent('{"json":{}}')}`);
		expect(response.status).toBe(405);
	});

	it("caps a batch at 10 calls", async () => {
		const paths = Array.from({ length: 11 }, () => "auth.config").join(",");
		const input = encodeURIComponent(
			JSON.stringify(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i, { json: null }]))),
		);
		const tooMany = await fetch(`${server.url}/trpc/${paths}?batch=1&input=${input}`);
		expect(tooMany.status).toBe(400);
		const ten = Array.from({ length: 10 }, () => "auth.config").join(",");
		const tenInput = encodeURIComponent(
			JSON.stringify(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, { json: null }]))),
		);
		expect((await fetch(`${server.url}/trpc/${ten}?batch=1&input=${tenInput}`)).status).toBe(200);
	});

	it("refuses bodies over 100 KiB with 413", async () => {
		const response = await post(
			"auth.signIn",
			JSON.stringify({ json: { tenant: "acme", email: "a@b.c", password: "x".repeat(200_000) } }),
		);
		expect(response.status).toBe(413);
	});

	it("answers malformed JSON with 400, not 500", async () => {
		const response = await post("auth.signIn", '{"json": {');
		expect(response.status).toBe(400);
	});

	it("sends security headers and no-store on API responses", async () => {
		const response = await fetch(`${server.url}/trpc/auth.config`);
		expect(response.status).toBe(200);
		expect(response.headers.get("x-content-type-options")).toBe("nosniff");
		expect(response.headers.get("cache-control")).toBe("no-store");
		const csp = response.headers.get("content-security-policy") ?? "";
		for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
			expect(csp).toContain(directive);
		expect(response.headers.get("referrer-policy")).toBe("no-referrer");
	});

	it("errors carry a code and a correlation id, never a stack or SQL", async () => {
		const response = await post("me.updateProfile", JSON.stringify({ json: { version: 1 } }));
		const text = await response.text();
		expect(text).toMatch(/"correlationId":"[0-9a-f-]{36}"/);
		expect(text).not.toMatch(/stack|at \/|select |kysely|node_modules/i);
	});

	it("reports health and database readiness", async () => {
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		const ready = await fetch(`${server.url}/readyz`);
		expect(ready.status).toBe(200);
		expect(await ready.json()).toEqual({ status: "ready" });
	});

	it("auth.config tells the sign-in page its defaults and nothing about users", async () => {
		const config = await server.client().auth.config.query();
		expect(config).toEqual({ defaultTenant: "acme", languages: ["en", "de", "nl"] });
	});
});
