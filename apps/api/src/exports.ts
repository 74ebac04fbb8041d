import { Readable } from "node:stream";
import { exportAuditCsv } from "@tessera/core/admin/audit-log.service";
import { ZListAuditInput } from "@tessera/core/audit/audit.schema";
import { ZComplianceExportFilter } from "@tessera/core/compliance/compliance.schema";
import { exportComplianceReport } from "@tessera/core/compliance/compliance.service";
import type { SessionActor } from "@tessera/core/shared/actor";
import { findUnsafeInput } from "@tessera/core/shared/safe-input";
import { exportUsersCsv } from "@tessera/core/users/user-export.service";
import { ZListUsersInput } from "@tessera/core/users/user-list.schema";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import superjson from "superjson";
import type { ZodType } from "zod";
import { authenticateCaller } from "./authenticate";
import { requestMetaOf, type ServerDeps, sessionCookieName, usesSecureCookies } from "./context";
import { DOMAIN_TO_TRPC, domainErrorOf } from "./errors";

/**
 * Streamed downloads, CSV or JSON by the file's name (a tRPC response is one JSON document; a
 * million rows is not). Same
 * authentication gate as every procedure (`authenticateCaller`), same core scope rules, errors
 * mapped through the same table as tRPC.
 * The filter comes as `?filter=<superjson>` so dates survive the URL.
 */
export function registerExports(app: FastifyInstance, deps: Omit<ServerDeps, "throttle">) {
	const cookie = sessionCookieName(usesSecureCookies(deps.config.publicOrigin));

	async function download<T>(
		request: FastifyRequest<{ Querystring: { filter?: string } }>,
		reply: FastifyReply,
		schema: ZodType<T>,
		filename: string,
		produce: (actor: SessionActor, filter: T) => AsyncGenerator<string>,
	) {
		try {
			const actor = await authenticateCaller(
				{ db: deps.db, clock: deps.clock, meta: requestMetaOf(request) },
				// Downloads are for browsers: an internal app pages through the list procedures instead.
				{ unverifiedSessionToken: request.cookies[cookie], unverifiedApiKey: undefined },
				{ path: `export/${filename}`, allowWithPendingActions: false },
			);
			let raw: unknown = {};
			try {
				raw = request.query.filter ? superjson.parse(request.query.filter) : {};
			} catch {
				return reply.code(400).send({ error: "filter is not valid" });
			}
			// The same root check every tRPC procedure gets: no NUL, no date PostgreSQL cannot hold.
			const unsafe = findUnsafeInput(raw);
			if (unsafe) return reply.code(400).send({ error: "filter is not valid", issues: [unsafe.message] });
			const parsed = schema.safeParse(raw);
			if (!parsed.success)
				return reply
					.code(400)
					.send({ error: "filter is not valid", issues: parsed.error.issues.map((i) => i.message) });
			const lines = produce(actor, parsed.data);
			// Pull the first chunk before answering: permission errors surface as a status, not a broken file.
			const first = await lines.next();
			async function* rest() {
				if (!first.done) yield first.value;
				yield* lines;
			}
			return reply
				.header(
					"content-type",
					filename.endsWith(".json") ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
				)
				.header("content-disposition", `attachment; filename="${filename}"`)
				.header("cache-control", "no-store")
				.send(Readable.from(rest()));
		} catch (error) {
			const domain = domainErrorOf(error);
			if (domain) {
				const status = getHTTPStatusCodeFromError(new TRPCError({ code: DOMAIN_TO_TRPC[domain.code] }));
				return reply.code(status).send({ error: domain.message, domainCode: domain.code });
			}
			throw error;
		}
	}

	const ZUsersFilter = ZListUsersInput.omit({ cursor: true, limit: true });
	app.get<{ Querystring: { filter?: string } }>("/export/users.csv", (request, reply) =>
		download(request, reply, ZUsersFilter, "users.csv", (actor, filter) => exportUsersCsv(deps, actor, filter)),
	);
	const ZAuditFilter = ZListAuditInput.omit({ cursor: true, limit: true });
	app.get<{ Querystring: { filter?: string } }>("/export/audit.csv", (request, reply) =>
		download(request, reply, ZAuditFilter, "audit.csv", (actor, filter) => exportAuditCsv(deps, actor, filter)),
	);
	for (const format of ["csv", "json"] as const) {
		app.get<{ Querystring: { filter?: string } }>(`/export/compliance.${format}`, (request, reply) =>
			download(request, reply, ZComplianceExportFilter, `compliance.${format}`, (actor) =>
				exportComplianceReport(deps, actor, format, requestMetaOf(request)),
			),
		);
	}
}
