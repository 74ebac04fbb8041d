import { UAParser } from "ua-parser-js";

// On the ground floor because both the session list (auth/, layer 2) and the own-activity page
// (audit/, layer 1) describe devices the same way, and audit/ may not import auth/.

/** A user agent (a session's, an audit event's) as people name it: "Firefox 132", "Ubuntu 24.04", "Apple iPhone". */
export interface DeviceDescription {
	browser: string | null;
	os: string | null;
	device: string | null;
}

const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(" ") || null;

/** Parsed with ua-parser-js; an absent or unrecognised user agent gives nulls, never a guess. */
export function describeUserAgent(userAgent: string | null): DeviceDescription {
	if (!userAgent) return { browser: null, os: null, device: null };
	const ua = UAParser(userAgent);
	return {
		browser: join(ua.browser.name, ua.browser.major),
		os: join(ua.os.name, ua.os.version),
		device: join(ua.device.vendor, ua.device.model),
	};
}
