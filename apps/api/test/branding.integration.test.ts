import { MINUTE } from "@tessera/core/shared/clock";
import { LOGO_MAX_BYTES } from "@tessera/core/tenants/branding.schema";
import { LOGO_FIXTURES, toBase64 } from "@tessera/core/tenants/logo-image.testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import { expectError, signedIn, signedInToNewTenant, tenantAudits, unsafeInput } from "./helpers";
import { callRaw } from "./raw-trpc";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const tenantAdmin = () => signedInToNewTenant(server, "brand", "tenant_admin");
const brandingAudits = (tenantId: string) => tenantAudits(server, tenantId, "tenant.branding_updated");

const storedBranding = (tenantId: string) =>
	server.db
		.selectFrom("tenants")
		.select(["brand_name", "brand_accent", "brand_logo_version"])
		.where("id", "=", tenantId)
		.executeTakeFirstOrThrow();

describe("reading the branding", () => {
	it("shows the product's own look for an organisation without branding, and for one that does not exist", async () => {
		const { tenantSlug } = await tenantAdmin();
		const anonymous = server.client();
		const none = { name: null, accentColor: null, palette: null, logo: null };
		expect(await anonymous.branding.get.query({ tenant: tenantSlug })).toEqual(none);
		expect(await anonymous.branding.get.query({ tenant: "no-such-organisation" })).toEqual(none);
	});

	it("shows the default organisation's branding when no slug is given (the sign-in page)", async () => {
		// startTestServer's default organisation is acme, where seeded users go unless told otherwise.
		const { client } = await signedIn(server, { roles: [{ key: "tenant_admin" }] });
		await client.branding.update.mutate({ name: "Acme Accounts", accentColor: "#0F766E" });
		const shown = await server.client().branding.get.query();
		expect(shown).toMatchObject({ name: "Acme Accounts", accentColor: "#0f766e" });
		expect(shown.palette?.light).toMatchObject({ accent: "#0f766e", onAccent: "#ffffff", adjusted: false });
		expect(shown.palette?.dark.adjusted).toBe(true);
		await client.branding.update.mutate({ name: null, accentColor: null });
	});
});

describe("changing the branding", () => {
	it("stores name, colour and logo, audits each changed field, and writes nothing for a change that changes nothing", async () => {
		const { tenantId, tenantSlug, user, client } = await tenantAdmin();
		const saved = await client.branding.update.mutate({
			name: "  Northwind  ",
			accentColor: "#E11D48",
			logo: { base64: toBase64(LOGO_FIXTURES.png) },
		});
		expect(saved).toMatchObject({ name: "Northwind", accentColor: "#e11d48", logo: { type: "image/png" } });
		expect(await server.client().branding.get.query({ tenant: tenantSlug })).toEqual(saved);
		const version = (await storedBranding(tenantId)).brand_logo_version;
		expect(await brandingAudits(tenantId)).toEqual([
			{
				actor_user_id: user.id,
				details: {
					changes: {
						"branding.name": { from: null, to: "Northwind" },
						"branding.accentColor": { from: null, to: "#e11d48" },
						"branding.logo": { from: null, to: version },
					},
				},
			},
		]);

		// Saving the same again (the logo left out keeps it) changes and audits nothing.
		expect(await client.branding.update.mutate({ name: "Northwind", accentColor: "#e11d48" })).toEqual(saved);
		expect(await brandingAudits(tenantId)).toHaveLength(1);

		// Removing the logo: its address stops answering.
		await client.branding.update.mutate({ name: "Northwind", accentColor: "#e11d48", logo: null });
		expect((await storedBranding(tenantId)).brand_logo_version).toBeNull();
		expect((await fetch(`${server.url}${saved.logo?.url}`)).status).toBe(404);
	});

	it("needs a recent authentication, as the security policy does", async () => {
		const { tenantId, user, client } = await tenantAdmin();
		server.clock.advance(3 * MINUTE);
		await client.me.get.query();
		server.clock.advance(3 * MINUTE);
		await expectError(
			client.branding.update.mutate({ name: "Phish", accentColor: null }),
			"FORBIDDEN",
			"AUTH.REAUTH_REQUIRED",
		);
		expect((await storedBranding(tenantId)).brand_name).toBeNull();
		await client.security.reauthenticate.mutate({ method: "password", password: user.password });
		await client.branding.update.mutate({ name: "Fine now", accentColor: null });
		expect((await storedBranding(tenantId)).brand_name).toBe("Fine now");
	});

	it("is refused to a member without a tenant-wide policy.manage and to anonymous callers", async () => {
		const { tenantId, tenantSlug } = await tenantAdmin();
		const { client: member } = await signedIn(server, { tenantSlug, roles: [{ key: "user_manager" }] });
		await expectError(member.branding.update.mutate({ name: "Mine", accentColor: null }), "FORBIDDEN");
		await expectError(server.client().branding.update.mutate({ name: "Mine", accentColor: null }), "UNAUTHORIZED");
		expect(await storedBranding(tenantId)).toEqual({ brand_name: null, brand_accent: null, brand_logo_version: null });
		expect(await brandingAudits(tenantId)).toEqual([]);
	});

	it("changes only the administrator's own organisation: another tenant's admin cannot reach this one", async () => {
		const victim = await tenantAdmin();
		const other = await tenantAdmin();
		await other.client.branding.update.mutate({ name: "Other Co", accentColor: "#123456" });
		// No input names a tenant: an attempt to smuggle one in is refused, not applied.
		await expectError(
			other.client.branding.update.mutate(
				unsafeInput({ name: "Taken over", accentColor: null, tenant: victim.tenantSlug, tenantId: victim.tenantId }),
			),
			"BAD_REQUEST",
		);
		expect(await storedBranding(victim.tenantId)).toEqual({
			brand_name: null,
			brand_accent: null,
			brand_logo_version: null,
		});
		expect((await storedBranding(other.tenantId)).brand_name).toBe("Other Co");
	});

	it("answers bad input with 400 naming the field, never 500", async () => {
		const { tenantId, jar } = await tenantAdmin();
		const cases: [unknown, string][] = [
			[{ name: "a".repeat(41), accentColor: null }, "name"],
			[{ name: "Acme\u202E", accentColor: null }, "name"],
			[{ name: "Acme", accentColor: "red" }, "accentColor"],
			[{ name: "Acme", accentColor: "#12345" }, "accentColor"],
			[{ name: "Acme", accentColor: "#123456", logo: { base64: "<svg/>" } }, "logo.base64"],
			[{ name: "Acme", accentColor: "#123456", logo: "data:image/png;base64,AAAA" }, "logo"],
			[{ name: 42, accentColor: null }, "name"],
		];
		for (const [input, field] of cases) {
			const answer = await callRaw(server.url, "branding.update", "mutation", { input, cookies: jar });
			expect({ input, status: answer.status, code: answer.code }).toEqual({ input, status: 400, code: "BAD_REQUEST" });
			expect(Object.keys(answer.fieldErrors ?? {})).toContain(field);
		}
		expect(await brandingAudits(tenantId)).toEqual([]);
	});

	it.each([
		["an SVG (it can carry script)", LOGO_FIXTURES.svg],
		["an HTML page named logo.png", LOGO_FIXTURES.htmlNamedPng],
		["a GIF", LOGO_FIXTURES.gif],
	])("refuses %s as a logo by its bytes", async (_name, bytes) => {
		const { tenantId, client } = await tenantAdmin();
		const error = await expectError(
			client.branding.update.mutate({ name: "Acme", accentColor: null, logo: { base64: toBase64(bytes) } }),
			"BAD_REQUEST",
			"VALIDATION",
		);
		expect(error.data?.fieldIssues?.logo).toEqual([{ code: "custom", rule: "logo_format" }]);
		expect(await storedBranding(tenantId)).toEqual({ brand_name: null, brand_accent: null, brand_logo_version: null });
	});

	it("refuses a logo over the cap with the cap named, as a 400 and not as the transport's 413", async () => {
		const { client } = await tenantAdmin();
		const big = new Uint8Array(LOGO_MAX_BYTES + 1);
		big.set(LOGO_FIXTURES.png);
		const error = await expectError(
			client.branding.update.mutate({ name: null, accentColor: null, logo: { base64: toBase64(big) } }),
			"BAD_REQUEST",
		);
		expect(error.data?.fieldIssues?.logo).toEqual([{ code: "too_big", origin: "file", maximum: LOGO_MAX_BYTES }]);
	});
});

describe("serving the logo", () => {
	it.each([
		["png", "image/png"],
		["jpeg", "image/jpeg"],
		["webp", "image/webp"],
	] as const)("serves a %s as %s, nosniff, cached for good at a versioned address", async (fixture, type) => {
		const { client } = await tenantAdmin();
		const saved = await client.branding.update.mutate({
			name: null,
			accentColor: null,
			logo: { base64: toBase64(LOGO_FIXTURES[fixture]) },
		});
		expect(saved.logo?.url).toMatch(/^\/branding\/[0-9a-f-]{36}\/logo\/[0-9a-f]{16}$/);
		const response = await fetch(`${server.url}${saved.logo?.url}`);
		expect(response.status).toBe(200);
		expect(response.headers.get("content-type")).toBe(type);
		expect(response.headers.get("x-content-type-options")).toBe("nosniff");
		expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(LOGO_FIXTURES[fixture]);
	});

	it("gives a new logo a new address, and the old address no longer answers", async () => {
		const { client } = await tenantAdmin();
		const first = await client.branding.update.mutate({
			name: null,
			accentColor: null,
			logo: { base64: toBase64(LOGO_FIXTURES.png) },
		});
		const second = await client.branding.update.mutate({
			name: null,
			accentColor: null,
			logo: { base64: toBase64(LOGO_FIXTURES.webp) },
		});
		expect(second.logo?.url).not.toBe(first.logo?.url);
		expect((await fetch(`${server.url}${first.logo?.url}`)).status).toBe(404);
		expect((await fetch(`${server.url}${second.logo?.url}`)).status).toBe(200);
	});

	it("answers a malformed or unknown address with 404, not 500", async () => {
		for (const path of [
			"/branding/not-a-uuid/logo/0123456789abcdef",
			"/branding/00000000-0000-4000-8000-000000000000/logo/0123456789abcdef",
			"/branding/00000000-0000-4000-8000-000000000000/logo/%27%3Bdrop",
		]) {
			expect({ path, status: (await fetch(`${server.url}${path}`)).status }).toEqual({ path, status: 404 });
		}
	});
});
