import {
	clampChroma,
	converter,
	formatHex,
	modeLrgb,
	modeOklab,
	modeOklch,
	modeRgb,
	type Oklch,
	useMode,
	wcagContrast,
} from "culori/fn";

// culori's tree-shakeable entry: only the colour spaces used here are registered, so the portal's
// branding page (which previews the palette) does not carry every space culori knows.
useMode(modeRgb);
useMode(modeLrgb);
useMode(modeOklab);
useMode(modeOklch);
const toOklch = converter("oklch");

/** WCAG 2.2 SC 1.4.3: text (link text, a button's label) needs 4.5:1 against what is behind it. */
export const MIN_ACCENT_CONTRAST = 4.5;

export const THEMES = ["light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/**
 * What the accent meets in each theme of packages/ui/src/styles.css: the page, card and muted
 * backgrounds links and the current navigation entry sit on, and the text colour of a primary
 * button (white in the light theme, near-black in the dark one). A test in the portal reads the
 * stylesheet and fails if these drift from it.
 */
export const THEME_SURFACES = {
	light: { backgrounds: ["#f6f7f9", "#ffffff", "#f1f3f6"], onAccent: "#ffffff" },
	dark: { backgrounds: ["#0f1218", "#171b23", "#1f2430"], onAccent: "#0d1230" },
} as const satisfies Record<Theme, { backgrounds: readonly string[]; onAccent: string }>;

/** The accent as one theme shows it. */
export interface AccentShade {
	/** Buttons' background, links' text. */
	accent: string;
	/** A button or link under the pointer: a step further from the backgrounds. */
	accentHover: string;
	/** Text on the accent. */
	onAccent: string;
	/** Whether `accent` differs from the chosen colour because that one was not readable here. */
	adjusted: boolean;
}

export type AccentPalette = Record<Theme, AccentShade>;

/** How far (OKLCH lightness) the hover shade steps from the accent. */
const HOVER_STEP = 0.07;

/** The lower of two colours' WCAG contrast ratios against each of `others`. */
function lowestContrast(color: string, others: readonly string[]): number {
	return Math.min(...others.map((other) => wcagContrast(color, other)));
}

/** Whether `color` is readable as a link on every background of `theme` and under its button text. */
export function isReadableAccent(color: string, theme: Theme): boolean {
	const { backgrounds, onAccent } = THEME_SURFACES[theme];
	return lowestContrast(color, [...backgrounds, onAccent]) >= MIN_ACCENT_CONTRAST;
}

function withLightness(color: Oklch, lightness: number): string {
	return formatHex(clampChroma({ ...color, l: lightness }, "oklch"));
}

/**
 * The shade of `color` closest to it (same hue, chroma reduced only as far as sRGB requires) whose
 * lightness is moved toward `end` (0: black, for the light theme; 1: white, for the dark one) until
 * it is readable in `theme`. The search only ever keeps a lightness it has checked, starting from
 * `end`, which is readable in both themes, so the answer is readable even where lightness and
 * contrast do not move together (chroma clamping near the gamut edge).
 */
function nearestReadable(color: Oklch, theme: Theme, end: 0 | 1): string {
	let readable: number = end;
	let unreadable = color.l;
	for (let step = 0; step < 24; step++) {
		const middle = (readable + unreadable) / 2;
		if (isReadableAccent(withLightness(color, middle), theme)) readable = middle;
		else unreadable = middle;
	}
	return withLightness(color, readable);
}

function shadeFor(chosen: string, theme: Theme): AccentShade {
	const end = theme === "light" ? 0 : 1;
	const color = toOklch(chosen);
	if (color === undefined) throw new Error(`Not a colour: ${chosen}`);
	const accent = isReadableAccent(chosen, theme) ? chosen : nearestReadable(color, theme, end);
	const accentColor = toOklch(accent) ?? color;
	const hoverLightness = end === 0 ? accentColor.l - HOVER_STEP : accentColor.l + HOVER_STEP;
	const stepped = withLightness(accentColor, Math.min(1, Math.max(0, hoverLightness)));
	return {
		accent,
		accentHover: isReadableAccent(stepped, theme) ? stepped : accent,
		onAccent: THEME_SURFACES[theme].onAccent,
		adjusted: accent !== chosen,
	};
}

/**
 * The accent an administrator chose (`#rrggbb`), as each theme shows it. Any colour is accepted
 * and none is refused: a single colour can rarely serve both themes (one readable under white
 * button text is too dark for links on the dark background), so each theme gets the nearest
 * shade of it that keeps 4.5:1 against its backgrounds and its button text, and the settings page
 * says when a shade was adjusted. A colour that is readable already is used as it is.
 */
export function accentPalette(chosen: string): AccentPalette {
	return { light: shadeFor(chosen, "light"), dark: shadeFor(chosen, "dark") };
}
