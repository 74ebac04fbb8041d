import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { THEME_SURFACES } from "@tessera/core/tenants/accent-palette";
import { THEME_CHOICES, THEME_STORAGE_KEY } from "@tessera/ui/theme-select";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const stylesheet = read("../../../../../packages/ui/src/styles.css");
const themeScript = read("../../../public/theme.js");

/** A token's light and dark values as styles.css writes them: `--name: light-dark(#light, #dark);`. */
function tokenValues(name: string): { light: string; dark: string } {
	const match = new RegExp(`${name}: light-dark\\((#[0-9a-f]{6}), (#[0-9a-f]{6})\\);`).exec(stylesheet);
	if (!match?.[1] || !match[2]) throw new Error(`${name} is not a light-dark() pair in styles.css`);
	return { light: match[1], dark: match[2] };
}

describe("theme sources kept together", () => {
	it("checks the accent against the backgrounds and button text styles.css really has", () => {
		const backgrounds = ["--ui-color-bg", "--ui-color-surface", "--ui-color-surface-muted"].map(tokenValues);
		const onAccent = tokenValues("--ui-color-primary-contrast");
		expect(THEME_SURFACES.light.backgrounds).toEqual(backgrounds.map((token) => token.light));
		expect(THEME_SURFACES.dark.backgrounds).toEqual(backgrounds.map((token) => token.dark));
		expect(THEME_SURFACES.light.onAccent).toBe(onAccent.light);
		expect(THEME_SURFACES.dark.onAccent).toBe(onAccent.dark);
	});

	it.each(THEME_CHOICES)("applies a stored %s choice before the first paint as the theme control would", (choice) => {
		const root = { dataset: {} as Record<string, string> };
		const storage = new Map([[THEME_STORAGE_KEY, choice]]);
		runInNewContext(themeScript, {
			window: { localStorage: { getItem: (key: string) => storage.get(key) ?? null } },
			document: { documentElement: root },
		});
		expect(root.dataset.theme).toBe(choice === "system" ? undefined : choice);
	});

	it("leaves the system's theme when storage is off or holds something else", () => {
		for (const localStorage of [
			{
				getItem: () => {
					throw new Error("storage disabled");
				},
			},
			{ getItem: () => "purple" },
		]) {
			const root = { dataset: {} as Record<string, string> };
			runInNewContext(themeScript, { window: { localStorage }, document: { documentElement: root } });
			expect(root.dataset.theme).toBeUndefined();
		}
	});
});
