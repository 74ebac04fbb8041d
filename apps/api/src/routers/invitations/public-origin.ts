import type { ContextInner } from "../../context";

/**
 * The public origin links in emails point to. The request context carries the whole `Config`
 * at runtime, but `ContextInner` types only part of it; this reads the origin without widening
 * that type and fails closed (a 500, nothing queued) if it is ever missing.
 */
export function publicOriginOf(ctx: Pick<ContextInner, "config">): string {
	const config: object = ctx.config;
	if ("publicOrigin" in config && typeof config.publicOrigin === "string") return config.publicOrigin;
	throw new Error("publicOrigin is missing from the request context's config");
}
