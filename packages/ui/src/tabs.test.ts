import { describe, expect, it } from "vitest";
import { tabIndexAfterKey } from "./tabs";

describe("tab list keys", () => {
	it("moves right and left, wrapping at both ends", () => {
		expect(tabIndexAfterKey("ArrowRight", 0, 4)).toBe(1);
		expect(tabIndexAfterKey("ArrowRight", 3, 4)).toBe(0);
		expect(tabIndexAfterKey("ArrowLeft", 2, 4)).toBe(1);
		expect(tabIndexAfterKey("ArrowLeft", 0, 4)).toBe(3);
	});

	it("jumps to the first and last tab with Home and End", () => {
		expect(tabIndexAfterKey("Home", 2, 4)).toBe(0);
		expect(tabIndexAfterKey("End", 1, 4)).toBe(3);
	});

	it("leaves other keys to the browser, and an empty list alone", () => {
		expect(tabIndexAfterKey("Tab", 1, 4)).toBeNull();
		expect(tabIndexAfterKey("ArrowDown", 1, 4)).toBeNull();
		expect(tabIndexAfterKey("Enter", 1, 4)).toBeNull();
		expect(tabIndexAfterKey("ArrowRight", 0, 0)).toBeNull();
	});

	it("keeps a single tab where it is", () => {
		expect(tabIndexAfterKey("ArrowRight", 0, 1)).toBe(0);
		expect(tabIndexAfterKey("ArrowLeft", 0, 1)).toBe(0);
	});
});
