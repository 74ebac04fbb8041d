import { apikeysRouter } from "./routers/apikeys/router";
import { auditRouter } from "./routers/audit/router";
import { authRouter } from "./routers/auth/router";
import { brandingRouter } from "./routers/branding/router";
import { dashboardRouter } from "./routers/dashboard/router";
import { devRouter } from "./routers/dev/router";
import { invitationsRouter } from "./routers/invitations/router";
import { meRouter } from "./routers/me/router";
import { policyRouter } from "./routers/policy/router";
import { rolesRouter } from "./routers/roles/router";
import { securityRouter } from "./routers/security/router";
import { usersRouter } from "./routers/users/router";
import { router } from "./trpc";

export const appRouter = router({
	auth: authRouter,
	me: meRouter,
	security: securityRouter,
	policy: policyRouter,
	branding: brandingRouter,
	users: usersRouter,
	roles: rolesRouter,
	apiKeys: apikeysRouter,
	invitations: invitationsRouter,
	audit: auditRouter,
	dashboard: dashboardRouter,
	dev: devRouter,
});

export type AppRouter = typeof appRouter;
