/**
 * Bootstrap for development: creates an application user that may read users and prints a key
 * for it, once. Runs as an administrator's portal session (copy the session cookie, e.g.
 * `__Host-tessera_session=…`, from the browser's developer tools after signing in).
 *
 *   TESSERA_URL=http://localhost:3000 TESSERA_ADMIN_COOKIE='__Host-tessera_session=…' \
 *     node scripts/pnpm.mjs --filter @tessera/example-internal-app create-key
 */
import { createClient } from "@tessera/api/client";
import { provisionApplicationUser } from "./provision";

const url = process.env.TESSERA_URL;
const cookie = process.env.TESSERA_ADMIN_COOKIE;
if (!url || !cookie) {
	console.error("Set TESSERA_URL and TESSERA_ADMIN_COOKIE (name=value of an administrator's session cookie).");
	process.exit(2);
}

const admin = createClient({
	url: `${url.replace(/\/+$/, "").replace(/\/trpc$/, "")}/trpc`,
	headers: () => ({ cookie }),
});
const { user, key, apiKey } = await provisionApplicationUser(admin, {
	name: "Example internal app",
	roleKeys: ["security_auditor"],
	keyName: "example internal app",
});
console.log(`Application user ${user.name} (${user.id}) with roles ${user.roles.map((r) => r.roleKey).join(", ")}`);
console.log(`Key ${apiKey.prefix} issued. Shown once; keep it secret:\n\n  TESSERA_API_KEY=${key}\n`);
