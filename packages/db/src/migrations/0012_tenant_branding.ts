import { type Kysely, sql } from "kysely";

/**
 * Tenant branding (issue 12): a display name, an accent colour and a logo, shown in the portal's
 * shell and on the sign-in page. Columns on the tenant rather than a jsonb like `policy`: the
 * logo is bytes, and PostgreSQL keeps a large `bytea` out of line (TOAST), so the sign-in and
 * policy reads, which name their columns, never load it. What a valid name, colour or image is
 * lives in packages/core/src/tenants; the checks here only keep the row self-consistent: the
 * logo's bytes, type and version are set and cleared together, and a colour is stored in the one
 * spelling core writes, so every reader can rely on it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable("tenants")
		.addColumn("brand_name", "text")
		.addColumn("brand_accent", "text", (col) => col.check(sql`brand_accent ~ '^#[0-9a-f]{6}$'`))
		.addColumn("brand_logo", "bytea")
		.addColumn("brand_logo_type", "text", (col) =>
			col.check(sql`brand_logo_type in ('image/png', 'image/jpeg', 'image/webp')`),
		)
		.addColumn("brand_logo_version", "text")
		.execute();
	await sql`alter table tenants add constraint tenants_brand_logo_complete check (
		(brand_logo is null) = (brand_logo_type is null) and (brand_logo is null) = (brand_logo_version is null)
	)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table tenants drop constraint if exists tenants_brand_logo_complete`.execute(db);
	await db.schema
		.alterTable("tenants")
		.dropColumn("brand_name")
		.dropColumn("brand_accent")
		.dropColumn("brand_logo")
		.dropColumn("brand_logo_type")
		.dropColumn("brand_logo_version")
		.execute();
}
