import { insertAuditEvent } from "../audit/audit.repository";
import { assertRecentlyAuthenticated } from "../auth/reauth.service";
import { TenantNotFoundError } from "../policy/tenant-policy.errors";
import { authorizeInTenant } from "../roles/authorization.service";
import type { SessionActor } from "../shared/actor";
import type { CoreDeps } from "../shared/deps";
import { ValidationError } from "../shared/errors";
import type { RequestMeta } from "../shared/request";
import { inTransaction } from "../shared/tx";
import { accentPalette } from "./accent-palette";
import {
	type BrandingRow,
	findBrandingBySlug,
	findBrandLogo,
	lockBranding,
	updateBranding,
} from "./branding.repository";
import { type Branding, type TBrandingInput, ZBrandingInput } from "./branding.schema";
import { checkLogoImage } from "./logo-image";

/** Where the API serves a tenant's logo; `brandLogoPath` fills it in. */
export const BRAND_LOGO_ROUTE = "/branding/:tenantId/logo/:version";

/**
 * A logo's address: the version (its content's digest) is part of the path, so the image can be
 * cached for a year and a new logo is a new address, which every page learns from `branding.get`.
 */
export function brandLogoPath(tenantId: string, version: string): string {
	return BRAND_LOGO_ROUTE.replace(":tenantId", encodeURIComponent(tenantId)).replace(
		":version",
		encodeURIComponent(version),
	);
}

/** The product's own look: no name, colour or logo of a tenant. */
export const DEFAULT_BRANDING: Branding = { name: null, accentColor: null, palette: null, logo: null };

type StoredBranding = NonNullable<Awaited<ReturnType<typeof findBrandingBySlug>>>;

function brandingOf(row: StoredBranding): Branding {
	return {
		name: row.brand_name,
		accentColor: row.brand_accent,
		palette: row.brand_accent === null ? null : accentPalette(row.brand_accent),
		logo:
			row.brand_logo_type !== null && row.brand_logo_version !== null
				? { url: brandLogoPath(row.id, row.brand_logo_version), type: row.brand_logo_type }
				: null,
	};
}

/**
 * An organisation's branding, for anyone (the sign-in page shows it before anyone is signed in).
 * Without a slug, or for one no tenant has, the product's own look: the answer does not say
 * whether an organisation exists.
 */
export async function getBranding({ db }: Pick<CoreDeps, "db">, slug: string | null | undefined): Promise<Branding> {
	if (!slug) return DEFAULT_BRANDING;
	const row = await findBrandingBySlug(db, slug);
	return row ? brandingOf(row) : DEFAULT_BRANDING;
}

/**
 * Changes the branding of the administrator's own tenant. It is tenant-wide and shown to everyone
 * signing in, so it is guarded as the security policy is (`changeTenantPolicy`): a tenant-level
 * policy.manage, and a proof of identity within the re-authentication window, so a session left
 * open cannot restyle the sign-in page into a phishing page. Validated (a logo by its bytes),
 * audited in the same transaction with each changed field; a change that changes nothing writes
 * nothing. Answers with the branding after the change.
 */
export async function changeBranding(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TBrandingInput,
	meta: RequestMeta,
): Promise<Branding> {
	await authorizeInTenant(db, actor, "policy.manage");
	await assertRecentlyAuthenticated({ db, clock }, actor);
	// Re-parsed even when the API already did: core must not trust that every caller used the schema.
	const parsed = ZBrandingInput.safeParse(input);
	if (!parsed.success) throw ValidationError.fromZod(parsed.error);
	const { name, accentColor, logo } = parsed.data;
	const change: BrandingRow = {
		name,
		accent: accentColor,
		logo: logo ? await checkLogoImage(Buffer.from(logo.base64, "base64")) : logo,
	};

	return inTransaction(db, async (trx) => {
		const before = await lockBranding(trx, actor.tenantId);
		if (!before) throw new TenantNotFoundError();
		const changes = changedFields(before, change);
		if (Object.keys(changes).length === 0) return brandingOf(before);
		await updateBranding(trx, actor.tenantId, change);
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: clock.now(),
			actorUserId: actor.userId,
			targetUserId: null,
			action: "tenant.branding_updated",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			// Names and colours are public; a logo is recorded by its version, not its bytes.
			details: { changes },
		});
		return brandingOf({
			id: before.id,
			brand_name: change.name,
			brand_accent: change.accent,
			brand_logo_type: change.logo === undefined ? before.brand_logo_type : (change.logo?.type ?? null),
			brand_logo_version: change.logo === undefined ? before.brand_logo_version : (change.logo?.version ?? null),
		});
	});
}

/** The fields a change alters, as `branding.<field>` with from/to, the way policy changes are audited. */
function changedFields(before: StoredBranding, change: BrandingRow): Record<string, { from: unknown; to: unknown }> {
	const changes: Record<string, { from: unknown; to: unknown }> = {};
	if (before.brand_name !== change.name) changes["branding.name"] = { from: before.brand_name, to: change.name };
	if (before.brand_accent !== change.accent) {
		changes["branding.accentColor"] = { from: before.brand_accent, to: change.accent };
	}
	const logoVersion = change.logo === undefined ? before.brand_logo_version : (change.logo?.version ?? null);
	if (before.brand_logo_version !== logoVersion) {
		changes["branding.logo"] = { from: before.brand_logo_version, to: logoVersion };
	}
	return changes;
}

/** A tenant's current logo, for the image route: undefined for an unknown tenant, an old version or none. */
export async function readBrandLogo(
	{ db }: Pick<CoreDeps, "db">,
	tenantId: string,
	version: string,
): Promise<{ bytes: Uint8Array; type: string } | undefined> {
	const row = await findBrandLogo(db, tenantId, version);
	if (!row?.brand_logo || !row.brand_logo_type) return undefined;
	return { bytes: row.brand_logo, type: row.brand_logo_type };
}
