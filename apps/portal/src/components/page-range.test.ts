import { pageRange } from "@tessera/ui/pagination";
import { describe, expect, it } from "vitest";

describe("pageRange", () => {
	it("counts from the page number and size, with the total the list reports", () => {
		expect(
			pageRange({ page: 2, pageSize: 25, itemCount: 25, hasNext: true, total: { count: 1000, isCapped: true } }),
		).toEqual({
			first: 26,
			last: 50,
			total: { count: 1000, isCapped: true },
		});
	});

	it("knows the total of a list that does not count once it is on the last page", () => {
		expect(pageRange({ page: 3, pageSize: 50, itemCount: 7, hasNext: false })).toEqual({
			first: 101,
			last: 107,
			total: { count: 107, isCapped: false },
		});
		expect(pageRange({ page: 1, pageSize: 50, itemCount: 50, hasNext: true })).toEqual({ first: 1, last: 50 });
	});

	it("is unknown for a page opened from a shared link, and for an empty page", () => {
		expect(pageRange({ page: null, pageSize: 25, itemCount: 25, hasNext: true })).toBeNull();
		expect(pageRange({ page: 2, pageSize: 25, itemCount: 0, hasNext: false })).toBeNull();
	});
});
