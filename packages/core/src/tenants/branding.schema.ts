/**
 * Tenant branding's inputs and outputs, shared by the API (procedure `.input()`/`.output()`) and
 * the portal (the settings form and the pages that show the brand). Inputs are strict: an unknown
 * key is refused, never ignored. What a logo's bytes may be is checked in `logo-image.ts`.
 */
import { BRAND_LOGO_TYPES } from "@tessera/db/schema";
import { z } from "zod";
import { ZTenantSlug } from "../shared/common.schema";
import { ZName } from "../users/user.schema";
import type { Theme } from "./accent-palette";

/** The longest display name: it stands in the shell's header beside the menu button on a phone. */
export const BRAND_NAME_MAX_LENGTH = 40;

/**
 * The largest logo, in bytes. A logo is shown about 2rem high, which a few kilobytes draw
 * sharply; the cap is what fits the API's 100 KiB request body (SECURITY I06) once base64 has
 * grown it by a third, so an upload is refused by this rule, in words, never by the transport.
 */
export const LOGO_MAX_BYTES = 64 * 1024;

/** A display name: as a person's name is (trimmed, no control characters, empty clears it), shorter. */
export const ZBrandName = ZName.check((ctx) => {
	if (ctx.value !== null && [...ctx.value].length > BRAND_NAME_MAX_LENGTH) {
		ctx.issues.push({
			code: "too_big",
			origin: "string",
			maximum: BRAND_NAME_MAX_LENGTH,
			inclusive: true,
			input: ctx.value,
			message: `Must be at most ${BRAND_NAME_MAX_LENGTH} characters`,
		});
	}
});

/** An sRGB colour as `#rrggbb`, stored lower-cased (the one spelling migration 0012 accepts). */
export const ZAccentColor = z
	.string()
	.trim()
	.regex(/^#[0-9a-fA-F]{6}$/, "Must be a colour written as #rrggbb")
	.transform((value) => value.toLowerCase());

/** The logo as the browser read it: base64 of the file's bytes, at most `LOGO_MAX_BYTES` once decoded. */
export const ZLogoUpload = z.strictObject({
	base64: z.base64().max(Math.ceil(LOGO_MAX_BYTES / 3) * 4),
});

/**
 * A change of branding: the name and colour as they should be (null: the product's own), and the
 * logo to set (`null` removes it; left out, it stays as it is, so saving a new colour does not
 * send the image again).
 */
export const ZBrandingInput = z.strictObject({
	name: ZBrandName.nullable(),
	accentColor: ZAccentColor.nullable(),
	logo: ZLogoUpload.nullable().optional(),
});
export type TBrandingInput = z.input<typeof ZBrandingInput>;
export type BrandingChange = z.output<typeof ZBrandingInput>;

/** The logo route's path parameters (`BRAND_LOGO_ROUTE`): anything else is no logo, never a database error. */
export const ZBrandLogoParams = z.strictObject({ tenantId: z.uuid(), version: z.string().regex(/^[0-9a-f]{16}$/) });

/** Whose branding to read: an organisation by slug, or (left out) the installation's default one. */
export const ZGetBrandingInput = z.strictObject({ tenant: ZTenantSlug.optional() }).optional();

const ZHex = z.string().regex(/^#[0-9a-f]{6}$/);
const ZAccentShade = z.object({ accent: ZHex, accentHover: ZHex, onAccent: ZHex, adjusted: z.boolean() });

/**
 * A tenant's branding as every page shows it. Everything is null for the product's own look, also
 * for an organisation that does not exist: the answer does not tell which slugs are taken.
 */
export const ZBranding = z.object({
	name: z.string().nullable(),
	/** The colour as chosen; `palette` is what each theme shows (see `accentPalette`). */
	accentColor: ZHex.nullable(),
	palette: z
		.object({ light: ZAccentShade, dark: ZAccentShade } satisfies Record<Theme, typeof ZAccentShade>)
		.nullable(),
	/** Where the logo is served, versioned by its content so it can be cached for good. */
	logo: z.object({ url: z.string(), type: z.enum(BRAND_LOGO_TYPES) }).nullable(),
});
export type Branding = z.output<typeof ZBranding>;
