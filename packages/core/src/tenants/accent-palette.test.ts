import { wcagContrast } from "culori/fn";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accentPalette, isReadableAccent, MIN_ACCENT_CONTRAST, THEME_SURFACES, THEMES } from "./accent-palette";

const hexColor = fc
	.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
	.map((channels) => `#${channels.map((channel) => channel.toString(16).padStart(2, "0")).join("")}`);

/** The lowest contrast `color` has against anything it meets in `theme`. */
function worstContrast(color: string, theme: (typeof THEMES)[number]): number {
	const { backgrounds, onAccent } = THEME_SURFACES[theme];
	return Math.min(...[...backgrounds, onAccent].map((other) => wcagContrast(color, other)));
}

describe("accent palette", () => {
	it("keeps 4.5:1 against every background and the button text of both themes, for any colour", () => {
		fc.assert(
			fc.property(hexColor, (chosen) => {
				const palette = accentPalette(chosen);
				for (const theme of THEMES) {
					expect(worstContrast(palette[theme].accent, theme)).toBeGreaterThanOrEqual(MIN_ACCENT_CONTRAST);
					expect(worstContrast(palette[theme].accentHover, theme)).toBeGreaterThanOrEqual(MIN_ACCENT_CONTRAST);
					expect(palette[theme].onAccent).toBe(THEME_SURFACES[theme].onAccent);
				}
			}),
			{ numRuns: 300 },
		);
	});

	it("uses a colour that is readable already as it is, and says which theme it adjusted", () => {
		// The product's own light accent: readable under white text, too dark for the dark theme.
		const palette = accentPalette("#3547c4");
		expect(palette.light).toMatchObject({ accent: "#3547c4", adjusted: false });
		expect(palette.dark.adjusted).toBe(true);
		expect(palette.dark.accent).not.toBe("#3547c4");
		// And the dark one the other way round.
		expect(accentPalette("#8ea0ff").dark).toMatchObject({ accent: "#8ea0ff", adjusted: false });
		expect(accentPalette("#8ea0ff").light.adjusted).toBe(true);
	});

	it("derives the nearest readable shade, not black or white, for a bright brand colour", () => {
		const yellow = accentPalette("#ffcc00");
		expect(isReadableAccent("#ffcc00", "light")).toBe(false);
		expect(yellow.light.adjusted).toBe(true);
		expect(yellow.light.accent).not.toBe("#000000");
		// Just readable: a shade much darker than needed would lose the brand's colour for nothing.
		expect(worstContrast(yellow.light.accent, "light")).toBeLessThan(MIN_ACCENT_CONTRAST + 0.3);
	});

	it("moves the hover shade away from the backgrounds", () => {
		const { light, dark } = accentPalette("#3547c4");
		expect(wcagContrast(light.accentHover, "#ffffff")).toBeGreaterThan(wcagContrast(light.accent, "#ffffff"));
		expect(wcagContrast(dark.accentHover, "#0f1218")).toBeGreaterThan(wcagContrast(dark.accent, "#0f1218"));
	});
});
