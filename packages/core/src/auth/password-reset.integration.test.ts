import { randomBytes } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@tessera/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDevMailbox } from "../messaging/outbox.service";
import { TestClock } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import { SecretBox } from "../shared/secret-box";
import { createTenant } from "../tenants/tenant.service";
import { PasswordResetLinkInvalidError } from "./auth.errors";
import { completePasswordReset, requestPasswordReset } from "./password-reset.service";

const META = { ip: "203.0.113.9", userAgent: "vitest" };
const ORIGIN = { publicOrigin: "https://id.example.com" };
const clock = new TestClock(new Date("2026-03-01T09:00:00Z"));
let database: TestDatabase;
let deps: CoreDeps;
let counter = 0;

/** A person who asked for a reset link, and the token their email carries. */
async function userWithResetLink() {
	const slug = `reset-race-${++counter}`;
	const { id: tenantId } = await createTenant(deps, { slug, name: "Reset Race" });
	const email = `reset${counter}@example.com`;
	await database.db.insertInto("users").values({ tenant_id: tenantId, state: "active", email }).execute();
	await requestPasswordReset(deps, { tenant: slug, email }, ORIGIN, META);
	const mail = (await listDevMailbox(deps, tenantId)).find((message) => message.template === "password_reset");
	const token = mail && /#token=([\w-]+)/.exec(mail.body)?.[1];
	if (!token) throw new Error("no token in the reset email");
	return { slug, token };
}

// A plugin's result hook runs while its statement still holds the connection. On PostgreSQL's
// pool the winner takes another; PGlite has one connection, and the winner could never run. The
// parallel test in apps/api covers PGlite (and PostgreSQL) by firing ten completions at once.
describe.runIf(process.env.DATABASE_URL)("a completion that read the link before another spent it", () => {
	beforeAll(async () => {
		database = await createTestDatabase();
		deps = { db: database.db, clock, secrets: new SecretBox(randomBytes(32)) };
	});
	afterAll(async () => {
		await database?.destroy();
	});

	it.each([
		["the password the other one stored", "Orchard-violin-42-breeze-delta", "Orchard-violin-42-breeze-delta"],
		["another password", "Orchard-violin-42-breeze-delta", "Copper-kite-93-meadow-fresh"],
	])("answers that the link is spent, carrying %s", async (_case, winning, late) => {
		const { slug, token } = await userWithResetLink();
		// The late call's first statement (its read of the link) gets its answer, which is then held
		// back until the other call has spent the link and stored its password.
		let reached!: () => void;
		let release!: () => void;
		const readTheLink = new Promise<void>((resolve) => {
			reached = resolve;
		});
		const gate = new Promise<void>((resolve) => {
			release = resolve;
		});
		let held = false;
		const holding = database.db.withPlugin({
			transformQuery: ({ node }) => node,
			transformResult: async ({ result }) => {
				if (!held) {
					held = true;
					reached();
					await gate;
				}
				return result;
			},
		});
		const lateCall = completePasswordReset({ ...deps, db: holding }, { token, password: late }, META);
		lateCall.catch(() => {});
		await readTheLink;

		await expect(completePasswordReset(deps, { token, password: winning }, META)).resolves.toEqual({
			ok: true,
			tenant: slug,
		});
		release();
		await expect(lateCall).rejects.toBeInstanceOf(PasswordResetLinkInvalidError);
	});
});
