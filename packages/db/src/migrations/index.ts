import type { Migration } from "kysely";
import * as m0001 from "./0001_initial";
import * as m0002 from "./0002_account_security";
import * as m0003 from "./0003_administration";
import * as m0004 from "./0004_policy_lifetimes";
import * as m0005 from "./0005_shared_throttles";
import * as m0006 from "./0006_password_reset";
import * as m0007 from "./0007_audit_guard";
import * as m0009 from "./0009_dashboard_counters";
import * as m0010 from "./0010_search_words";
import * as m0011 from "./0011_activity_counters";
import * as m0012 from "./0012_tenant_branding";

/**
 * Every migration, in order. Listed statically (not read from a folder) so the same set runs
 * under tsx, vitest and any bundler, on PostgreSQL and on PGlite alike.
 */
export const migrations: Record<string, Migration> = {
	"0001_initial": m0001,
	"0002_account_security": m0002,
	"0003_administration": m0003,
	"0004_policy_lifetimes": m0004,
	"0005_shared_throttles": m0005,
	"0006_password_reset": m0006,
	"0007_audit_guard": m0007,
	"0009_dashboard_counters": m0009,
	"0010_search_words": m0010,
	"0011_activity_counters": m0011,
	"0012_tenant_branding": m0012,
};
