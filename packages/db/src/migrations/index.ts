import type { Migration } from "kysely";
import * as m0001 from "./0001_initial";
import * as m0002 from "./0002_account_security";
import * as m0003 from "./0003_administration";

/**
 * Every migration, in order. Listed statically (not read from a folder) so the same set runs
 * under tsx, vitest and any bundler, on PostgreSQL and on PGlite alike.
 */
export const migrations: Record<string, Migration> = {
	"0001_initial": m0001,
	"0002_account_security": m0002,
	"0003_administration": m0003,
};
