import type { BrandLogoType } from "@tessera/db/schema";
import type { Db, Tx } from "../shared/tx";

/** The branding columns every page reads; never the logo's bytes, which only the image route sends. */
const BRANDING_COLUMNS = ["id", "brand_name", "brand_accent", "brand_logo_type", "brand_logo_version"] as const;

/** A tenant's branding by slug, or undefined. */
export function findBrandingBySlug(db: Db | Tx, slug: string) {
	return db.selectFrom("tenants").select(BRANDING_COLUMNS).where("slug", "=", slug).executeTakeFirst();
}

/**
 * A tenant's branding, locked until the transaction ends, so two administrators saving at once
 * apply (and audit) their changes one after the other instead of recording a wrong "before".
 */
export function lockBranding(trx: Tx, tenantId: string) {
	return trx.selectFrom("tenants").select(BRANDING_COLUMNS).where("id", "=", tenantId).forUpdate().executeTakeFirst();
}

export interface BrandingRow {
	name: string | null;
	accent: string | null;
	/** A new logo, null to remove it, or undefined to leave it as it is. */
	logo?: { bytes: Uint8Array; type: BrandLogoType; version: string } | null;
}

export async function updateBranding(trx: Tx, tenantId: string, row: BrandingRow): Promise<void> {
	await trx
		.updateTable("tenants")
		.set({
			brand_name: row.name,
			brand_accent: row.accent,
			...(row.logo === undefined
				? {}
				: {
						brand_logo: row.logo?.bytes ?? null,
						brand_logo_type: row.logo?.type ?? null,
						brand_logo_version: row.logo?.version ?? null,
					}),
		})
		.where("id", "=", tenantId)
		.executeTakeFirstOrThrow();
}

/** The tenant's logo when `version` is the current one; undefined for an old version or none. */
export function findBrandLogo(db: Db | Tx, tenantId: string, version: string) {
	return db
		.selectFrom("tenants")
		.select(["brand_logo", "brand_logo_type"])
		.where("id", "=", tenantId)
		.where("brand_logo_version", "=", version)
		.executeTakeFirst();
}
