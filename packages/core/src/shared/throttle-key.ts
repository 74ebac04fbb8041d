import { isIPv4, isIPv6 } from "node:net";

/** How many leading bits of an IPv6 address name one client: a /64 is one subscriber's network. */
export const IPV6_CLIENT_PREFIX_BITS = 64;

/**
 * The key a per-address throttle counts a client under. IPv4 addresses count one by one; an
 * IPv6 client counts by its /64, because one subscriber is usually handed a whole /64 and can
 * pick any of its 2^64 addresses for each request (SECURITY A15). An IPv4-mapped IPv6 address
 * (`::ffff:203.0.113.7`, what a dual-stack socket reports for an IPv4 peer) is the IPv4 client
 * it maps. Anything else, or no address at all, shares one "unknown" key rather than escaping.
 */
export function throttleKeyOf(address: string | null): string {
	if (address === null) return "unknown";
	// A zone index (`fe80::1%eth0`) names the local interface, not the client.
	const bare = address.split("%", 1)[0] ?? "";
	if (isIPv4(bare)) return bare;
	if (!isIPv6(bare)) return "unknown";
	const groups = ipv6Groups(bare);
	const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
	if (mapped) {
		const [high = 0, low = 0] = groups.slice(6);
		return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
	}
	const prefix = groups.slice(0, IPV6_CLIENT_PREFIX_BITS / 16).map((group) => group.toString(16));
	return `${prefix.join(":")}::/${IPV6_CLIENT_PREFIX_BITS}`;
}

/**
 * The eight 16-bit groups of an address `isIPv6` accepted. WHATWG URL parsing first rewrites it
 * canonically (lower case, a trailing dotted IPv4 part as two hex groups), so what is left to
 * undo here is only the `::` run of zero groups.
 */
function ipv6Groups(address: string): number[] {
	const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
	const [head = "", tail] = canonical.split("::");
	const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => Number.parseInt(group, 16)));
	const left = parse(head);
	if (tail === undefined) return left;
	const right = parse(tail);
	return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}
