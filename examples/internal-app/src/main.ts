/**
 * Prints the first page of Tessera users as a table, authenticated as an application user.
 *
 *   TESSERA_URL=http://localhost:3000 TESSERA_API_KEY=tsk_… node scripts/pnpm.mjs --filter @tessera/example-internal-app start
 */
import { createClient } from "@tessera/api/client";
import { TRPCClientError } from "@trpc/client";
import { listUsersReport } from "./report";

const url = process.env.TESSERA_URL;
const apiKey = process.env.TESSERA_API_KEY;
if (!url || !apiKey) {
	console.error("Set TESSERA_URL (e.g. http://localhost:3000) and TESSERA_API_KEY (tsk_…).");
	process.exit(2);
}

const client = createClient({ url: `${url.replace(/\/+$/, "").replace(/\/trpc$/, "")}/trpc`, apiKey });
try {
	for (const line of await listUsersReport(client)) console.log(line);
} catch (error) {
	if (!(error instanceof TRPCClientError)) throw error;
	// UNAUTHORIZED: the key is wrong, revoked or expired; FORBIDDEN: its user lacks users.read.
	console.error(`Tessera refused: ${error.message} (${String(error.data?.code ?? "no code")})`);
	process.exit(1);
}
