import { BlockList, isIPv4 } from "node:net";

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped form (`::ffff:127.0.0.1`); false for anything else, or nothing. */
export function isLoopbackAddress(address: string | null | undefined): boolean {
	if (!address) return false;
	const mapped = address.toLowerCase().startsWith("::ffff:") ? address.slice(7) : address;
	if (isIPv4(mapped)) return loopback.check(mapped, "ipv4");
	try {
		return loopback.check(mapped, "ipv6");
	} catch {
		return false;
	}
}
