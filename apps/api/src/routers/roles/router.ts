import type { TRPCRouterRecord } from "@trpc/server";
import { assign } from "./assign";
import { assignments } from "./assignments";
import { contexts } from "./contexts";
import { create } from "./create";
import { deleteRole } from "./delete";
import { get } from "./get";
import { grantable } from "./grantable";
import { list } from "./list";
import { permissions } from "./permissions";
import { unassign } from "./unassign";
import { update } from "./update";

export const rolesRouter = {
	permissions,
	list,
	get,
	create,
	update,
	delete: deleteRole,
	assignments,
	contexts,
	grantable,
	assign,
	unassign,
} satisfies TRPCRouterRecord;
