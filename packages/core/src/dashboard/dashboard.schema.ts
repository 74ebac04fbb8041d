/** What `dashboard.get` answers: counts only, never a person. */
import { z } from "zod";

export const ZDashboard = z.object({
	scope: z.enum(["tenant", "accounts"]),
	users: z.object({
		total: z.number().int(),
		byState: z.object({
			create: z.number(),
			active: z.number(),
			inactive: z.number(),
			deleting: z.number(),
			deleted: z.number(),
		}),
		applications: z.number().int(),
	}),
	pendingInvitations: z.number().int(),
	recentSignups: z.object({
		last7Days: z.number().int(),
		last30Days: z.number().int(),
		/** The IANA time zone `perDay` is counted in: the viewer's own, else UTC. */
		timeZone: z.string(),
		/** The last 30 local days of `timeZone`, today included, oldest first; days without sign-ups left out. */
		perDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
	}),
	mfa: z.object({
		/** Share of active people with any second factor, 0–1. */
		adoption: z.number(),
		enabled: z.number().int(),
		methods: z.object({ totp: z.number(), sms: z.number(), email: z.number(), passkey: z.number() }),
	}),
	passkeys: z.object({ total: z.number().int(), usersWithPasskeys: z.number().int() }),
	roles: z.array(z.object({ roleKey: z.string(), roleName: z.string(), users: z.number().int() })),
});
export type Dashboard = z.output<typeof ZDashboard>;
