import { useLayoutEffect } from "react";
import { type RouterOutputs, trpc } from "../../../trpc";

export type Branding = RouterOutputs["branding"]["get"];

/**
 * An organisation's branding: `tenant` by slug, or the installation's default organisation (the
 * one the sign-in page signs in to). Null until it arrives: pages show the product's own look.
 */
export function useBranding(tenant?: string): Branding | null {
	const query = trpc.branding.get.useQuery(tenant === undefined ? undefined : { tenant }, { staleTime: 5 * 60_000 });
	return query.data ?? null;
}

/** The custom properties styles.css reads the accent from, per theme (see `--ui-color-primary`). */
const ACCENT_PROPERTIES = {
	"--ui-brand-accent-light": (palette: NonNullable<Branding["palette"]>) => palette.light.accent,
	"--ui-brand-accent-hover-light": (palette: NonNullable<Branding["palette"]>) => palette.light.accentHover,
	"--ui-brand-accent-dark": (palette: NonNullable<Branding["palette"]>) => palette.dark.accent,
	"--ui-brand-accent-hover-dark": (palette: NonNullable<Branding["palette"]>) => palette.dark.accentHover,
} as const;

/**
 * Gives the whole page the accent shades core derived for each theme (readable at 4.5:1 in both),
 * and the browser tab the organisation's name, while the component is shown; the product's own
 * look comes back when it goes. A layout effect, so the page never paints in the old colour first.
 */
export function useApplyBranding(branding: Branding | null, productName: string): void {
	const palette = branding?.palette ?? null;
	const name = branding?.name ?? null;
	useLayoutEffect(() => {
		const root = document.documentElement;
		for (const [property, shade] of Object.entries(ACCENT_PROPERTIES)) {
			if (palette) root.style.setProperty(property, shade(palette));
			else root.style.removeProperty(property);
		}
		document.title = name ?? productName;
		return () => {
			for (const property of Object.keys(ACCENT_PROPERTIES)) root.style.removeProperty(property);
			document.title = productName;
		};
	}, [palette, name, productName]);
}
