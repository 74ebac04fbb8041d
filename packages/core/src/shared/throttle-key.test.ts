import { describe, expect, it } from "vitest";
import { throttleKeyOf } from "./throttle-key";

describe("throttleKeyOf", () => {
	it("counts IPv4 clients by their full address", () => {
		expect(throttleKeyOf("203.0.113.7")).toBe("203.0.113.7");
		expect(throttleKeyOf("203.0.113.8")).toBe("203.0.113.8");
	});

	it("counts an IPv6 client by its /64, however it writes or rotates the interface part", () => {
		const keys = [
			"2001:db8:1:2::1",
			"2001:0DB8:0001:0002:ffff:ffff:ffff:ffff",
			"2001:db8:1:2:a:b:c:d",
			"2001:db8:1:2::203.0.113.7",
			"2001:db8:1:2::1%eth0",
		].map(throttleKeyOf);
		expect(new Set(keys)).toEqual(new Set(["2001:db8:1:2::/64"]));
		expect(throttleKeyOf("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
		expect(throttleKeyOf("::1")).toBe("0:0:0:0::/64");
		expect(throttleKeyOf("2001:db8::")).toBe("2001:db8:0:0::/64");
		expect(throttleKeyOf("fe80::1")).toBe("fe80:0:0:0::/64");
	});

	it("treats an IPv4-mapped IPv6 address as the IPv4 client it maps", () => {
		expect(throttleKeyOf("::ffff:203.0.113.7")).toBe("203.0.113.7");
		expect(throttleKeyOf("::FFFF:cb00:7107")).toBe("203.0.113.7");
		expect(throttleKeyOf("0:0:0:0:0:ffff:203.0.113.7")).toBe("203.0.113.7");
	});

	it("puts a missing or unparsable address under one shared key instead of letting it escape", () => {
		expect(throttleKeyOf(null)).toBe("unknown");
		expect(throttleKeyOf("")).toBe("unknown");
		expect(throttleKeyOf("not an address")).toBe("unknown");
		expect(throttleKeyOf("2001:db8::1::2")).toBe("unknown");
	});
});
