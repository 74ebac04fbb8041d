import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "@tessera/db/testing";
import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MINUTE, TestClock } from "../shared/clock";
import type { Db } from "../shared/tx";
import { claimDueOutboxMessages, redactSettledOutboxMessages } from "./outbox.repository";
import { OUTBOX_MAX_ATTEMPTS } from "./outbox.retry";
import { enqueueMessage, listDevMailbox } from "./outbox.service";
import { createOutboxWorker } from "./outbox.worker";
import { REDACTED_BODY } from "./templates";
import { createDevTransport } from "./transports/dev.transport";
import { createRoutingTransport } from "./transports/routing.transport";
import { createSmsGatewayTransport, SmsGatewayError } from "./transports/sms-gateway.transport";
import { createSmtpTransport } from "./transports/smtp.transport";
import type { MessageTransport, OutgoingMessage } from "./transports/transport";

const START = new Date("2026-01-05T09:00:00.000Z");

let database: TestDatabase;
let db: Db;
let tenantId: string;

beforeAll(async () => {
	database = await createTestDatabase();
	db = database.db;
	tenantId = (await insertTenant()).id;
});
afterAll(async () => {
	await database?.destroy();
});
// Workers claim every tenant's messages: each test starts from an empty outbox.
beforeEach(async () => {
	await db.deleteFrom("outbox").execute();
});

// ---------------------------------------------------------------------------------------------
// Factories and fakes
// ---------------------------------------------------------------------------------------------

async function insertTenant(overrides: { slug?: string; name?: string } = {}): Promise<{ id: string }> {
	return db
		.insertInto("tenants")
		.values({ slug: `msg-${randomUUID().slice(0, 8)}`, name: "Messaging test", ...overrides })
		.returning("id")
		.executeTakeFirstOrThrow();
}

function enqueueSignInCode(
	clock: TestClock,
	overrides: { recipient?: string; code?: string; channel?: "email" | "sms"; language?: string | null } = {},
) {
	return enqueueMessage(db, clock, {
		tenantId,
		userId: null,
		channel: overrides.channel ?? "email",
		recipient: overrides.recipient ?? "ada@example.com",
		template: "sign_in_code",
		params: { code: overrides.code ?? "123456", minutes: 5 },
		language: overrides.language ?? "en",
	});
}

function enqueueNotice(clock: TestClock, recipient = "ada@example.com") {
	return enqueueMessage(db, clock, {
		tenantId,
		userId: null,
		channel: "email",
		recipient,
		template: "password_changed",
		params: {},
		language: "en",
	});
}

const findRow = (id: number) => db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

/** Records what it was asked to send; optionally waits a random few ms first, so concurrent runs interleave. */
class RecordingTransport implements MessageTransport {
	readonly sent: OutgoingMessage[] = [];
	constructor(private readonly maxDelayMs = 0) {}
	async send(message: OutgoingMessage): Promise<void> {
		if (this.maxDelayMs > 0) await sleep(Math.random() * this.maxDelayMs);
		this.sent.push(message);
	}
}

class FailingTransport implements MessageTransport {
	calls = 0;
	constructor(private readonly message: string) {}
	async send(): Promise<void> {
		this.calls++;
		throw new Error(this.message);
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > until) throw new Error("Condition not met in time");
		await sleep(5);
	}
}

// ---------------------------------------------------------------------------------------------
// (a) SMTP
// ---------------------------------------------------------------------------------------------

describe("SMTP delivery", () => {
	interface Received {
		rcptTo: string[];
		mail: ParsedMail;
	}
	const received: Received[] = [];
	const logins: { username: string | null | undefined; password: string | null | undefined }[] = [];
	let smtp: SMTPServer;
	let port: number;

	beforeAll(async () => {
		smtp = new SMTPServer({
			authOptional: true,
			// Plain connection on loopback: no certificate to trust, so STARTTLS is off for the test.
			disabledCommands: ["STARTTLS"],
			allowInsecureAuth: true,
			logger: false,
			onAuth(auth, _session, callback) {
				logins.push({ username: auth.username, password: auth.password });
				callback(null, { user: auth.username ?? undefined });
			},
			onData(stream, session, callback) {
				simpleParser(stream).then(
					(mail) => {
						received.push({ rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
						callback();
					},
					(error: Error) => callback(error),
				);
			},
		});
		await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
		port = (smtp.server.address() as AddressInfo).port;
	});
	afterAll(async () => {
		await new Promise<void>((resolve) => smtp.close(resolve));
	});

	const addresses = (field: AddressObject | AddressObject[] | undefined) =>
		[field ?? []].flat().flatMap((object) => object.value.map((entry) => entry.address));

	it("delivers a rendered email to a real SMTP server and marks it sent", async () => {
		const clock = new TestClock(START);
		const { id } = await enqueueSignInCode(clock, { recipient: "ada@example.com", code: "482913", language: "de-DE" });
		const transport = createRoutingTransport({
			email: createSmtpTransport({
				url: `smtp://tessera:s3cret@127.0.0.1:${port}`,
				from: "Tessera <no-reply@tessera.test>",
			}),
			sms: createDevTransport(),
		});
		const worker = createOutboxWorker({ db, clock, transport });

		expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0 });

		expect(logins).toEqual([{ username: "tessera", password: "s3cret" }]);
		expect(received).toHaveLength(1);
		const [{ rcptTo, mail }] = received as [Received];
		expect(rcptTo).toEqual(["ada@example.com"]);
		expect(addresses(mail.to)).toEqual(["ada@example.com"]);
		expect(addresses(mail.from)).toEqual(["no-reply@tessera.test"]);
		expect(mail.subject).toBe("Ihr Tessera-Anmeldecode");
		expect(mail.text).toContain("Ihr Tessera-Anmeldecode lautet 482913. Er ist 5 Minuten gültig.");
		expect(mail.html).toBe(false);

		const row = await findRow(id);
		expect(row).toMatchObject({ status: "sent", attempts: 1, sent_at: START, last_error: null });
	});

	it("schedules a retry when the SMTP server refuses the recipient", async () => {
		const clock = new TestClock(START);
		const refusing = new SMTPServer({
			authOptional: true,
			disabledCommands: ["STARTTLS"],
			logger: false,
			onRcptTo(_address, _session, callback) {
				callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
			},
		});
		await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
		const refusingPort = (refusing.server.address() as AddressInfo).port;
		try {
			const { id } = await enqueueNotice(clock);
			const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${refusingPort}`, from: "no-reply@tessera.test" });
			const worker = createOutboxWorker({ db, clock, transport, random: () => 0 });
			expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1 });
			const row = await findRow(id);
			expect(row).toMatchObject({
				status: "pending",
				attempts: 1,
				next_attempt_at: new Date(START.getTime() + 30_000),
			});
			expect(row.last_error).toContain("550");
		} finally {
			await new Promise<void>((resolve) => refusing.close(resolve));
		}
	});
});

// ---------------------------------------------------------------------------------------------
// (b) Concurrent workers
// ---------------------------------------------------------------------------------------------

describe("concurrent workers", () => {
	it("two workers running at once deliver each of 50 messages exactly once", async () => {
		const clock = new TestClock(START);
		const ids: number[] = [];
		for (let i = 0; i < 50; i++) ids.push((await enqueueNotice(clock, `user-${i}@example.com`)).id);
		const transport = new RecordingTransport(3);
		const first = createOutboxWorker({ db, clock, transport, batchSize: 7 });
		const second = createOutboxWorker({ db, clock, transport, batchSize: 7 });

		let sent = 0;
		for (let round = 0; round < 20 && sent < 50; round++) {
			const results = await Promise.all([first.runOnce(), second.runOnce()]);
			for (const result of results) {
				expect(result.failed).toBe(0);
				sent += result.sent;
			}
		}

		expect(sent).toBe(50);
		const deliveries = new Map<string, number>();
		for (const message of transport.sent)
			deliveries.set(message.recipient, (deliveries.get(message.recipient) ?? 0) + 1);
		expect(deliveries.size).toBe(50);
		for (let i = 0; i < 50; i++) expect(deliveries.get(`user-${i}@example.com`)).toBe(1);
		const rows = await db.selectFrom("outbox").select(["status", "attempts"]).where("id", "in", ids).execute();
		// One claim each: no message was ever handed to two workers.
		expect(rows).toEqual(Array.from({ length: 50 }, () => ({ status: "sent", attempts: 1 })));
	});

	it("simultaneous claims never return the same message twice", async () => {
		const clock = new TestClock(START);
		for (let i = 0; i < 50; i++) await enqueueNotice(clock, `user-${i}@example.com`);
		const claims = await Promise.all(
			Array.from({ length: 6 }, () => claimDueOutboxMessages(db, { now: clock.now(), leaseMs: MINUTE, limit: 10 })),
		);
		const claimedIds = claims.flat().map((row) => row.id);
		expect(new Set(claimedIds).size).toBe(claimedIds.length);
		expect(claimedIds.length).toBe(50);
	});
});

// ---------------------------------------------------------------------------------------------
// (c) Retries, (d) leases, expiry
// ---------------------------------------------------------------------------------------------

describe("retries", () => {
	it("backs off after each failure and marks the message failed after the last attempt", async () => {
		const clock = new TestClock(START);
		const { id } = await enqueueNotice(clock);
		const transport = new FailingTransport(`Connection refused ${"x".repeat(1_000)}`);
		const worker = createOutboxWorker({ db, clock, transport, random: () => 0 });

		expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1 });
		let row = await findRow(id);
		expect(row).toMatchObject({ status: "pending", attempts: 1, next_attempt_at: new Date(START.getTime() + 30_000) });
		expect(row.last_error?.startsWith("Error: Connection refused")).toBe(true);
		expect(row.last_error).toHaveLength(500);

		// Not due a millisecond before the backoff ends, due exactly when it does.
		clock.advance(30_000 - 1);
		expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 });
		expect(transport.calls).toBe(1);
		clock.advance(1);
		expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1 });
		expect(transport.calls).toBe(2);

		const laterDelays = [2 * MINUTE, 10 * MINUTE, 30 * MINUTE, 60 * MINUTE, 60 * MINUTE, 60 * MINUTE];
		for (const [index, delay] of laterDelays.entries()) {
			row = await findRow(id);
			expect(row.next_attempt_at).toEqual(new Date(clock.now().getTime() + delay));
			clock.advance(delay - 1);
			expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 });
			clock.advance(1);
			expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1 });
			expect(transport.calls).toBe(index + 3);
		}

		row = await findRow(id);
		expect(row).toMatchObject({ status: "failed", attempts: OUTBOX_MAX_ATTEMPTS, sent_at: null });
		clock.advance(7 * 24 * 60 * MINUTE);
		expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 });
		expect(transport.calls).toBe(OUTBOX_MAX_ATTEMPTS);
	});

	it("a send that never answers times out and is retried", async () => {
		const clock = new TestClock(START);
		const { id } = await enqueueNotice(clock);
		const hanging: MessageTransport = { send: () => new Promise(() => {}) };
		const worker = createOutboxWorker({
			db,
			clock,
			transport: hanging,
			sendTimeoutMs: 50,
			leaseMs: MINUTE,
			random: () => 0,
		});
		expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1 });
		expect(await findRow(id)).toMatchObject({
			status: "pending",
			attempts: 1,
			last_error: expect.stringContaining("SendTimeoutError"),
		});
	});

	it("does not send a sign-in code that expired while it waited", async () => {
		const clock = new TestClock(START);
		const { id } = await enqueueSignInCode(clock);
		const transport = new RecordingTransport();
		const worker = createOutboxWorker({ db, clock, transport });
		clock.advance(10 * MINUTE + 1);
		expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1 });
		expect(transport.sent).toEqual([]);
		expect(await findRow(id)).toMatchObject({ status: "failed", last_error: "Expired before it could be delivered" });
	});
});

describe("leases", () => {
	it("a claim that was never settled (crashed worker) becomes due again when its lease ends", async () => {
		const clock = new TestClock(START);
		const { id } = await enqueueNotice(clock);
		const crashed = await claimDueOutboxMessages(db, { now: clock.now(), leaseMs: MINUTE, limit: 10 });
		expect(crashed.map((row) => row.id)).toEqual([id]);

		const transport = new RecordingTransport();
		const worker = createOutboxWorker({ db, clock, transport, leaseMs: MINUTE });
		expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 });
		clock.advance(MINUTE - 1);
		expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 });
		clock.advance(1);
		expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0 });
		expect(transport.sent).toHaveLength(1);
		expect(await findRow(id)).toMatchObject({ status: "sent", attempts: 2 });
	});

	it("hands back messages it could not finish before its lease ends, instead of sending them late", async () => {
		const clock = new TestClock(START);
		const first = await enqueueNotice(clock, "first@example.com");
		const second = await enqueueNotice(clock, "second@example.com");
		// The first send takes 45 s of the 60 s lease; a second send (up to 20 s) could outlast it.
		const slow: MessageTransport = {
			async send() {
				clock.advance(45_000);
			},
		};
		const worker = createOutboxWorker({ db, clock, transport: slow, leaseMs: MINUTE, sendTimeoutMs: 20_000 });
		expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0 });
		expect(await findRow(first.id)).toMatchObject({ status: "sent" });
		expect(await findRow(second.id)).toMatchObject({ status: "pending", attempts: 0, next_attempt_at: clock.now() });
	});
});

// ---------------------------------------------------------------------------------------------
// Worker loop
// ---------------------------------------------------------------------------------------------

describe("worker loop", () => {
	it("refuses a lease too short to finish a send and record it", () => {
		const clock = new TestClock(START);
		const transport = createDevTransport();
		expect(() => createOutboxWorker({ db, clock, transport, leaseMs: 40_000 })).toThrow(RangeError);
		expect(() => createOutboxWorker({ db, clock, transport, leaseMs: 45_000 })).not.toThrow();
		expect(() => createOutboxWorker({ db, clock, transport, batchSize: 0 })).toThrow(RangeError);
	});

	it("start() delivers in the background; stop() waits for the send in flight and hands back the rest", async () => {
		const clock = new TestClock(START);
		const first = await enqueueNotice(clock, "first@example.com");
		const second = await enqueueNotice(clock, "second@example.com");
		let release: () => void = () => {};
		const calls: string[] = [];
		const gated: MessageTransport = {
			send(message) {
				calls.push(message.recipient);
				return new Promise((resolve) => {
					release = resolve;
				});
			},
		};
		const worker = createOutboxWorker({ db, clock, transport: gated });
		worker.start(10);
		await waitFor(() => calls.length === 1);

		let isStopped = false;
		const stopping = worker.stop().then(() => {
			isStopped = true;
		});
		await sleep(20);
		expect(isStopped).toBe(false);
		release();
		await stopping;

		expect(calls).toEqual(["first@example.com"]);
		expect(await findRow(first.id)).toMatchObject({ status: "sent" });
		expect(await findRow(second.id)).toMatchObject({ status: "pending", attempts: 0 });
		// Stopped means stopped: nothing more is claimed.
		await sleep(30);
		expect(calls).toEqual(["first@example.com"]);
		expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 });
	});

	it("keeps running through transport failures and delivers what arrives later", async () => {
		const clock = new TestClock(START);
		await enqueueNotice(clock, "fails@example.com");
		const transport = new RecordingTransport();
		const flaky: MessageTransport = {
			async send(message) {
				if (message.recipient === "fails@example.com") throw new Error("boom");
				await transport.send(message);
			},
		};
		const worker = createOutboxWorker({ db, clock, transport: flaky });
		worker.start(5);
		try {
			await sleep(20);
			await enqueueNotice(clock, "later@example.com");
			await waitFor(() => transport.sent.length === 1);
			expect(transport.sent.map((message) => message.recipient)).toEqual(["later@example.com"]);
		} finally {
			await worker.stop();
		}
	});
});

// ---------------------------------------------------------------------------------------------
// (e) SMS gateway
// ---------------------------------------------------------------------------------------------

describe("SMS gateway transport", () => {
	interface GatewayRequest {
		method: string | undefined;
		path: string | undefined;
		headers: IncomingHttpHeaders;
		body: unknown;
	}
	const requests: GatewayRequest[] = [];
	let answerStatus = 202;
	const gateway = createServer((request, response) => {
		let data = "";
		request.setEncoding("utf8");
		request.on("data", (chunk: string) => {
			data += chunk;
		});
		request.on("end", () => {
			requests.push({ method: request.method, path: request.url, headers: request.headers, body: JSON.parse(data) });
			response.writeHead(answerStatus, { "content-type": "application/json" });
			// Like some real gateways, echo what was sent: the transport must not pass this on.
			response.end(JSON.stringify({ accepted: answerStatus < 300, echo: data }));
		});
	});
	let url: string;

	beforeAll(async () => {
		await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
		url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/v1/messages`;
	});
	afterAll(async () => {
		gateway.closeAllConnections();
		await new Promise<void>((resolve) => gateway.close(() => resolve()));
	});
	beforeEach(() => {
		requests.length = 0;
		answerStatus = 202;
	});

	it("POSTs { to, text } as JSON with the bearer token", async () => {
		const transport = createSmsGatewayTransport({ url, token: "gw-test-token" });
		await transport.send({ channel: "sms", recipient: "+31612345678", subject: null, body: "Je code is 123456." });
		expect(requests).toHaveLength(1);
		const [request] = requests as [GatewayRequest];
		expect(request.method).toBe("POST");
		expect(request.path).toBe("/v1/messages");
		expect(request.headers.authorization).toBe("Bearer gw-test-token");
		expect(request.headers["content-type"]).toBe("application/json");
		expect(request.body).toEqual({ to: "+31612345678", text: "Je code is 123456." });
	});

	it("throws with the status on a non-2xx answer, without the answer's body", async () => {
		answerStatus = 503;
		const transport = createSmsGatewayTransport({ url, token: "gw-test-token" });
		const sending = transport.send({ channel: "sms", recipient: "+31612345678", subject: null, body: "Code 654321" });
		await expect(sending).rejects.toBeInstanceOf(SmsGatewayError);
		await expect(sending).rejects.toMatchObject({ status: 503, message: "SMS gateway answered HTTP 503" });
	});

	it("delivers a queued SMS through the worker; a refused one is retried with no code in last_error", async () => {
		const clock = new TestClock(START);
		const transport = createRoutingTransport({
			email: createDevTransport(),
			sms: createSmsGatewayTransport({ url, token: "gw-test-token" }),
		});
		const worker = createOutboxWorker({ db, clock, transport, random: () => 0 });

		const delivered = await enqueueSignInCode(clock, {
			channel: "sms",
			recipient: "+4915112345678",
			code: "246810",
			language: "nl",
		});
		expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0 });
		expect(requests.map((request) => request.body)).toEqual([
			{
				to: "+4915112345678",
				text: "Je Tessera-inlogcode is 246810. De code is 5 minuten geldig. Deel hem met niemand.",
			},
		]);
		expect(await findRow(delivered.id)).toMatchObject({ status: "sent" });

		answerStatus = 429;
		const refused = await enqueueSignInCode(clock, { channel: "sms", recipient: "+4915112345678", code: "135790" });
		expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1 });
		const row = await findRow(refused.id);
		expect(row).toMatchObject({
			status: "pending",
			attempts: 1,
			last_error: "SmsGatewayError: SMS gateway answered HTTP 429",
		});
	});

	it("gives up after the timeout when the gateway does not answer", async () => {
		const silent = createServer(() => {});
		await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
		try {
			const transport = createSmsGatewayTransport({
				url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`,
				token: "gw-test-token",
				timeoutMs: 100,
			});
			await expect(
				transport.send({ channel: "sms", recipient: "+31612345678", subject: null, body: "x" }),
			).rejects.toMatchObject({ name: "TimeoutError" });
		} finally {
			silent.closeAllConnections();
			await new Promise<void>((resolve) => silent.close(() => resolve()));
		}
	});

	it("refuses plain http to a remote host, an empty token and email messages", async () => {
		expect(() => createSmsGatewayTransport({ url: "http://sms.example.com/send", token: "t" })).toThrow(RangeError);
		expect(() =>
			createSmsGatewayTransport({ url: "http://sms.internal/send", token: "t", allowInsecureHttp: true }),
		).not.toThrow();
		expect(() => createSmsGatewayTransport({ url, token: " " })).toThrow(RangeError);
		const transport = createSmsGatewayTransport({ url, token: "gw-test-token" });
		await expect(
			transport.send({ channel: "email", recipient: "ada@example.com", subject: "Hi", body: "x" }),
		).rejects.toMatchObject({ name: "UnsupportedChannelError" });
		expect(requests).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------
// (f) Transactions, dev mailbox
// ---------------------------------------------------------------------------------------------

describe("enqueueMessage", () => {
	it("writes nothing when the surrounding transaction rolls back, and one row when it commits", async () => {
		const clock = new TestClock(START);
		const input = {
			tenantId,
			userId: null,
			channel: "email",
			recipient: "ada@example.com",
			template: "password_changed",
			params: {},
			language: "en",
		} as const;
		await expect(
			db.transaction().execute(async (trx) => {
				await enqueueMessage(trx, clock, input);
				throw new Error("the password change failed");
			}),
		).rejects.toThrow("the password change failed");
		expect(await db.selectFrom("outbox").selectAll().execute()).toEqual([]);

		await db.transaction().execute((trx) => enqueueMessage(trx, clock, input));
		const rows = await db.selectFrom("outbox").selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			tenant_id: tenantId,
			channel: "email",
			recipient: "ada@example.com",
			template: "password_changed",
			subject: "Your Tessera password was changed",
			status: "pending",
			attempts: 0,
			next_attempt_at: START,
			created_at: START,
		});
	});
});

describe("listDevMailbox", () => {
	it("lists only the tenant's messages, newest first, bodies included, up to the limit", async () => {
		const clock = new TestClock(START);
		const other = await insertTenant();
		await enqueueSignInCode(clock, { code: "111111" });
		clock.advance(1_000);
		await enqueueMessage(db, clock, {
			tenantId: other.id,
			userId: null,
			channel: "email",
			recipient: "other@example.com",
			template: "password_changed",
			params: {},
			language: null,
		});
		clock.advance(1_000);
		await enqueueSignInCode(clock, { code: "222222", channel: "sms", recipient: "+31612345678" });
		clock.advance(1_000);
		const newest = await enqueueNotice(clock);

		const mailbox = await listDevMailbox({ db }, tenantId, 2);
		expect(mailbox.map((message) => message.recipient)).toEqual(["ada@example.com", "+31612345678"]);
		expect(mailbox[0]).toEqual({
			id: newest.id,
			channel: "email",
			recipient: "ada@example.com",
			template: "password_changed",
			subject: "Your Tessera password was changed",
			body: expect.stringContaining("The password of your Tessera account was just changed."),
			status: "pending",
			attempts: 0,
			lastError: null,
			createdAt: new Date(START.getTime() + 3_000),
			sentAt: null,
		});
		expect(mailbox[1]?.body).toContain("222222");
		expect((await listDevMailbox({ db }, tenantId)).length).toBe(3);
		expect((await listDevMailbox({ db }, other.id)).map((message) => message.recipient)).toEqual(["other@example.com"]);
	});
});

describe("secrets at rest", () => {
	const codeBody = (id: number) => findRow(id).then((row) => row.body);

	it("drops the code of a delivered message and keeps the text of a notice", async () => {
		const clock = new TestClock(START);
		const code = await enqueueSignInCode(clock, { code: "482913" });
		const notice = await enqueueNotice(clock);
		const transport = new RecordingTransport();
		const worker = createOutboxWorker({ db, clock, transport });

		expect(await worker.runOnce()).toEqual({ sent: 2, failed: 0 });
		// The transport got the code; the table no longer has it.
		expect(transport.sent.map((message) => message.body).join("\n")).toContain("482913");
		expect(await codeBody(code.id)).toBe(REDACTED_BODY);
		expect(await codeBody(notice.id)).toContain("The password of your Tessera account was just changed.");
		const everything = await db.selectFrom("outbox").select(["body"]).execute();
		expect(everything.some((row) => row.body.includes("482913"))).toBe(false);
	});

	it("drops the code of a message it gives up on", async () => {
		const clock = new TestClock(START);
		const { id } = await enqueueSignInCode(clock, { code: "771204" });
		const worker = createOutboxWorker({ db, clock, transport: new RecordingTransport() });
		clock.advance(10 * MINUTE + 1);
		expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1 });
		expect(await findRow(id)).toMatchObject({ status: "failed", body: REDACTED_BODY });
	});

	it("keeps codes readable for a development mailbox until housekeeping's backstop, a day later", async () => {
		const clock = new TestClock(START);
		const { id } = await enqueueSignInCode(clock, { code: "305118" });
		const pending = await enqueueSignInCode(clock, { code: "900001" });
		const worker = createOutboxWorker({ db, clock, transport: new RecordingTransport(), keepDeliveredSecrets: true });
		expect(await worker.runOnce()).toEqual({ sent: 2, failed: 0 });
		expect(await codeBody(id)).toContain("305118");

		// A pending message is never touched: its code has not been handed over yet.
		await db.updateTable("outbox").set({ status: "pending" }).where("id", "=", pending.id).execute();
		expect(await redactSettledOutboxMessages(db, new Date(START.getTime() - 1))).toBe(0);
		expect(await redactSettledOutboxMessages(db, new Date(START.getTime() + 1))).toBe(1);
		expect(await codeBody(id)).toBe(REDACTED_BODY);
		expect(await codeBody(pending.id)).toContain("900001");
		// Idempotent: a second run finds nothing left.
		expect(await redactSettledOutboxMessages(db, new Date(START.getTime() + 1))).toBe(0);
	});
});
