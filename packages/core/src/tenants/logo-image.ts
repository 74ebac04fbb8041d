import { createHash } from "node:crypto";
import { BRAND_LOGO_TYPES, type BrandLogoType } from "@tessera/db/schema";
import { fileTypeFromBuffer } from "file-type/core";
import { ValidationError } from "../shared/errors";
import { LOGO_MAX_BYTES } from "./branding.schema";

/** A logo that passed `checkLogoImage`: its bytes, the type they are, and the version its URL carries. */
export interface CheckedLogo {
	bytes: Uint8Array;
	type: BrandLogoType;
	version: string;
}

function isLogoType(mime: string): mime is BrandLogoType {
	return (BRAND_LOGO_TYPES as readonly string[]).includes(mime);
}

/**
 * Whether `bytes` may be the tenant's logo: at most `LOGO_MAX_BYTES`, and a PNG, JPEG or WebP by
 * its own magic bytes (file-type reads them), whatever name or type the browser gave the file. SVG
 * is refused with everything else that is not one of those: it is a document that can carry
 * script, and the logo is served to every visitor of the sign-in page. The type found here is the
 * one the logo is served with (and `nosniff`), so the bytes are never read as anything else. The
 * version is the content's digest: the same image keeps its URL, a new one gets a new URL.
 */
export async function checkLogoImage(bytes: Uint8Array): Promise<CheckedLogo> {
	if (bytes.byteLength > LOGO_MAX_BYTES) {
		throw new ValidationError(
			{ logo: [`Must be at most ${LOGO_MAX_BYTES} bytes`] },
			{ logo: [{ code: "too_big", origin: "file", maximum: LOGO_MAX_BYTES }] },
		);
	}
	// A file too damaged for file-type to parse is not an image the logo can be either.
	const detected = await fileTypeFromBuffer(bytes).catch(() => undefined);
	if (!detected || !isLogoType(detected.mime)) {
		throw new ValidationError(
			{ logo: ["Must be a PNG, JPEG or WebP image"] },
			{ logo: [{ code: "custom", rule: "logo_format" }] },
		);
	}
	const version = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
	return { bytes, type: detected.mime, version };
}
