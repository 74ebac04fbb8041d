import { randomInt } from "node:crypto";
import { networkInterfaces } from "node:os";
import { enqueueMessage } from "@tessera/core/messaging/outbox.service";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";

/** GET dev.mailbox for the acme tenant, as any HTTP client would. */
async function mailbox(url: string, headers: Record<string, string> = {}) {
	const input = encodeURIComponent(JSON.stringify({ json: { tenant: "acme" } }));
	const response = await fetch(`${url}/trpc/dev.mailbox?input=${input}`, { headers });
	return { status: response.status, text: await response.text() };
}

/** Queues a sign-in code for acme, as a sign-in would, and returns it. */
async function queueCode(server: TestServer) {
	const code = String(randomInt(100_000, 1_000_000));
	await enqueueMessage(server.db, server.clock, {
		tenantId: await server.createTenant("acme"),
		userId: null,
		channel: "email",
		recipient: "someone@example.com",
		template: "sign_in_code",
		params: { code, minutes: 10 },
		language: "en",
	});
	return code;
}

describe("the development mailbox, turned on", () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(async () => {
		await server?.close();
	});

	it("shows the codes Tessera would have sent, to a client on this machine", async () => {
		const code = await queueCode(server);
		const answer = await mailbox(server.url);
		expect(answer.status).toBe(200);
		expect(answer.text).toContain(code);
	});

	it("is not there for a client a trusted proxy says is elsewhere, even through a loopback proxy", async () => {
		const proxied = await startTestServer({ env: { TESSERA_TRUSTED_PROXIES: "127.0.0.1" } });
		try {
			const code = await queueCode(proxied);
			const remote = await mailbox(proxied.url, { "x-forwarded-for": "203.0.113.9" });
			expect(remote.status).toBe(404);
			expect(remote.text).not.toContain(code);
			expect((await mailbox(proxied.url, { "x-forwarded-for": "127.0.0.1" })).status).toBe(200);
		} finally {
			await proxied.close();
		}
	});

	// Needs a second address on this machine that is not loopback (any network interface will do).
	const external = Object.values(networkInterfaces())
		.flat()
		.find((address) => address && address.family === "IPv4" && !address.internal)?.address;
	it.runIf(external)("is not there for a client that reaches the server over the network", async () => {
		const reachable = await startTestServer({ listenOn: "0.0.0.0" });
		try {
			const port = new URL(reachable.url).port;
			const code = await queueCode(reachable);
			const answer = await mailbox(`http://${external}:${port}`);
			expect(answer.status).toBe(404);
			expect(answer.text).not.toContain(code);
		} finally {
			await reachable.close();
		}
	});
});

describe("the development mailbox, left at its default", () => {
	let server: TestServer;
	beforeAll(async () => {
		// What a deployment gets when it sets nothing: no TESSERA_DEV_MAILBOX, no start flag.
		server = await startTestServer({ env: { TESSERA_DEV_MAILBOX: undefined } });
	});
	afterAll(async () => {
		await server?.close();
	});

	it("does not exist, and never shows a queued code", async () => {
		const code = await queueCode(server);
		const answer = await mailbox(server.url);
		expect(answer.status).toBe(404);
		expect(answer.text).not.toContain(code);
	});
});
