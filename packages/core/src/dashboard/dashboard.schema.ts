/** What `dashboard.get` answers: counts only, never a person. */
import { z } from "zod";
import { ZTimeZone } from "../users/user.schema";

/**
 * The viewer's device zone, for a viewer whose profile names none: the portal shows times in it,
 * so the dashboard's local days follow it too. Without either, days are UTC days.
 */
export const ZDashboardInput = z.strictObject({ deviceTimeZone: ZTimeZone.optional() }).optional();

const ZActivityCounts = z.object({
	signIns: z.number().int(),
	failures: z.number().int(),
	lockouts: z.number().int(),
});
/** Active users per preferred second-factor method. */
const ZMethodCounts = z.object({
	totp: z.number().int(),
	sms: z.number().int(),
	email: z.number().int(),
	passkey: z.number().int(),
});

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
		/** Users created in the last 7 local days of `timeZone`, today included (the sum of `perDay`'s last 7). */
		last7Days: z.number().int(),
		/** The same over the 30 local days of `perDay`. */
		last30Days: z.number().int(),
		/** The IANA time zone `perDay` is counted in: the viewer's own, else UTC. */
		timeZone: z.string(),
		/** The last 30 local days of `timeZone`, today included, oldest first; days without sign-ups left out. */
		perDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
	}),
	/**
	 * Sign-ins (`auth.sign_in` success), failed sign-ins (`auth.sign_in` failure) and lockouts
	 * (`auth.locked`) of users in scope over the same 30 local days as `recentSignups.perDay`.
	 */
	activity: z.object({
		last30Days: ZActivityCounts,
		/** Every one of the 30 days, oldest first, today last. */
		perDay: z.array(ZActivityCounts.extend({ day: z.string() })),
	}),
	mfa: z.object({
		/** Share of active people with any second factor, 0–1. */
		adoption: z.number(),
		enabled: z.number().int(),
		methods: ZMethodCounts,
		/**
		 * The same figures at the end of each of the 30 local days, oldest first, today last (now).
		 * Days before the tenant's users were first counted (a tenant older than migration 0011) are
		 * left out.
		 */
		perDay: z.array(
			z.object({
				day: z.string(),
				adoption: z.number(),
				enabled: z.number().int(),
				/** Active people: the whole `adoption` is a share of. */
				people: z.number().int(),
				methods: ZMethodCounts,
			}),
		),
	}),
	passkeys: z.object({ total: z.number().int(), usersWithPasskeys: z.number().int() }),
	roles: z.array(z.object({ roleKey: z.string(), roleName: z.string(), users: z.number().int() })),
});
export type Dashboard = z.output<typeof ZDashboard>;
export type DashboardInput = NonNullable<z.input<typeof ZDashboardInput>>;
