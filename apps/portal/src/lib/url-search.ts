import { z } from "zod";

/**
 * A text param. The router parses plain values as JSON, so `?q=123` arrives as a number and
 * `?q=true` as a boolean: both are still text the person typed.
 */
export const ZUrlText = z.union([z.string(), z.number(), z.boolean()]).transform(String);

/** One of a list's page sizes, whether the router read it as a number or as text. */
export function zPageSize<const S extends readonly [number, ...number[]]>(sizes: S) {
	return z.union([z.number(), z.string().transform(Number)]).pipe(z.literal(sizes));
}

/**
 * A search param that either passes `schema` or is dropped (undefined): an edited or outdated
 * link still opens a working page, never an error.
 */
export function optionalParam<T extends z.ZodType>(schema: T) {
	return schema.optional().catch(undefined);
}

/** Maps a param's default to undefined, so the default is left out of the URL (one URL per view). */
export function withoutDefault<T>(fallback: T) {
	return (value: T | undefined): T | undefined => (value === fallback ? undefined : value);
}

/** The object without its undefined entries, so a parsed search has only the params it keeps. */
export function withoutUndefined<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/**
 * The `tab` param of a page with tabs (`?tab=security`): one of `tabs`, anything else dropped.
 * The first tab is the default and is left out, so every view has one URL.
 */
export function zTabSearch<const T extends readonly [string, ...string[]]>(tabs: T) {
	return z
		.object({ tab: optionalParam(z.enum(tabs).transform(withoutDefault<T[number]>(tabs[0]))) })
		.transform((search) => withoutUndefined(search));
}
