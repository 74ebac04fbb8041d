import { ZBrandLogoParams } from "@tessera/core/tenants/branding.schema";
import { BRAND_LOGO_ROUTE, readBrandLogo } from "@tessera/core/tenants/branding.service";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "./context";
import { DOMAIN_TO_TRPC, domainErrorOf } from "./errors";

/** A versioned address never changes content (a new logo gets a new version), so it is cached for a year. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * The tenant's logo at the address `branding.get` names. Public, as the sign-in page shows it. It
 * goes out as the type core found in its bytes (PNG, JPEG or WebP), with `nosniff` so a browser
 * never reads it as anything else, and only to this origin's pages. An unknown tenant, an old
 * version or a malformed address is a plain 404.
 */
export function registerBrandLogo(app: FastifyInstance, deps: Pick<ServerDeps, "db">) {
	app.get(BRAND_LOGO_ROUTE, async (request, reply) => {
		const params = ZBrandLogoParams.safeParse(request.params);
		if (!params.success) return reply.code(404).send({ error: "not found" });
		try {
			const logo = await readBrandLogo(deps, params.data.tenantId, params.data.version);
			if (!logo) return reply.code(404).send({ error: "not found" });
			return reply
				.type(logo.type)
				.header("X-Content-Type-Options", "nosniff")
				.header("Cache-Control", IMMUTABLE)
				.header("Content-Disposition", "inline")
				.header("Cross-Origin-Resource-Policy", "same-origin")
				.send(Buffer.from(logo.bytes.buffer, logo.bytes.byteOffset, logo.bytes.byteLength));
		} catch (error) {
			const domain = domainErrorOf(error);
			if (!domain) throw error;
			const status = getHTTPStatusCodeFromError(new TRPCError({ code: DOMAIN_TO_TRPC[domain.code] }));
			return reply.code(status).send({ error: domain.message });
		}
	});
}
