/**
 * Tiny images and impostors for tests of the logo rules (core's and the API's): real 1×1 files in
 * each accepted format, and what must be refused however it is named.
 */
const fromBase64 = (base64: string) => new Uint8Array(Buffer.from(base64, "base64"));

export const LOGO_FIXTURES = {
	png: fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
	jpeg: fromBase64(
		"/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
	),
	webp: fromBase64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="),
	gif: fromBase64("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="),
	svg: new TextEncoder().encode(
		'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><script>alert(1)</script></svg>',
	),
	/** An HTML page saved as logo.png: the browser would send it as image/png. */
	htmlNamedPng: new TextEncoder().encode("<!doctype html><script>alert(document.cookie)</script>"),
} as const;

/** The base64 a browser's FileReader gives for `bytes`, as `branding.update` takes it. */
export function toBase64(bytes: Uint8Array): string {
	return Buffer.from(bytes).toString("base64");
}
