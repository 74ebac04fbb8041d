import { describe, expect, it } from "vitest";
import { matchLanguage, pickLanguage } from "./languages";
import { resources } from "./resources";

/** Flattens nested resources to a map of "a.b.c" keys to their strings. */
function flatten(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
	if (typeof value === "string") {
		out.set(prefix, value);
	} else if (typeof value === "object" && value !== null) {
		for (const [key, child] of Object.entries(value)) {
			flatten(child, prefix ? `${prefix}.${key}` : key, out);
		}
	}
	return out;
}

function variablesOf(text: string | undefined): string[] {
	return [...(text ?? "").matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? "").sort();
}

describe("locale files", () => {
	const { en, de, nl } = resources;
	const english = flatten(en);

	it.each([
		["de", de],
		["nl", nl],
	])("%s has exactly the English keys and interpolation variables", (_name, resources) => {
		const other = flatten(resources);
		expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
		for (const [key, text] of english) {
			expect({ key, variables: variablesOf(other.get(key)) }).toEqual({ key, variables: variablesOf(text) });
		}
	});

	it.each([
		["en", en],
		["de", de],
		["nl", nl],
	])("%s has no empty strings", (_name, resources) => {
		const empty = [...flatten(resources)].filter(([, text]) => text.trim() === "").map(([key]) => key);
		expect(empty).toEqual([]);
	});
});

describe("language matching", () => {
	it("matches by primary subtag", () => {
		expect(matchLanguage("de-AT")).toBe("de");
		expect(matchLanguage("nl_BE")).toBe("nl");
		expect(matchLanguage("EN")).toBe("en");
		expect(matchLanguage("fr-FR")).toBeNull();
		expect(matchLanguage(null)).toBeNull();
	});

	it("picks the first supported tag, else English", () => {
		expect(pickLanguage(["fr", "nl-NL", "de"])).toBe("nl");
		expect(pickLanguage(["fr", "es"])).toBe("en");
		expect(pickLanguage([])).toBe("en");
	});
});
