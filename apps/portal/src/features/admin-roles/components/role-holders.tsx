import { Link } from "@tanstack/react-router";
import { Badge } from "@tessera/ui/badge";
import { Spinner } from "@tessera/ui/spinner";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { hasPermission, PERMISSIONS } from "../../auth/permissions";
import { useMe } from "../../profile/hooks/use-me";
import { useRoleHolders } from "../hooks/use-roles";
import type { Role } from "../role-form";
import "../admin-roles.css";

const SHOWN_HOLDERS = 25;

/**
 * Who holds a role: the users (that the viewer may read) with an assignment of it, each linking
 * to their page, and how often the role is assigned in total (in any context).
 */
export function RoleHolders({ role }: { role: Role }) {
	const { t } = useTranslation();
	const me = useMe();
	const headingId = useId();
	const canReadUsers = hasPermission(me, PERMISSIONS.usersRead);
	const holders = useRoleHolders(role.key, {
		enabled: canReadUsers && role.assignmentCount > 0,
		limit: SHOWN_HOLDERS,
	});

	return (
		<section className="admin-roles-holders portal-stack portal-stack--sm" aria-labelledby={headingId}>
			<h3 id={headingId}>{t("adminRoles.holders.title")}</h3>
			{role.assignmentCount === 0 ? (
				<p className="portal-flush portal-muted">{t("adminRoles.holders.none")}</p>
			) : (
				<p className="portal-flush">{t("adminRoles.holders.assignments", { count: role.assignmentCount })}</p>
			)}
			{role.assignmentCount > 0 && !canReadUsers && (
				<p className="portal-flush portal-muted">{t("adminRoles.holders.needsUsersRead")}</p>
			)}
			{holders.isLoading && <Spinner label={t("app.loading")} />}
			{holders.error && <ErrorAlert error={holders.error} />}
			{holders.data && holders.data.items.length > 0 && (
				<ul className="portal-list" aria-label={t("adminRoles.holders.listLabel")}>
					{holders.data.items.map((user) => {
						const name =
							[user.firstName, user.lastName].filter(Boolean).join(" ") ||
							user.username ||
							user.email ||
							t("adminRoles.holders.unnamed");
						return (
							<li key={user.id}>
								<span className="portal-inline">
									<Link to="/admin/users/$userId" params={{ userId: user.id }}>
										{name}
									</Link>
									{user.email && user.email !== name && <span className="portal-muted portal-flush">{user.email}</span>}
									{user.userType === "application" && <Badge tone="info">{t("adminRoles.holders.application")}</Badge>}
								</span>
							</li>
						);
					})}
				</ul>
			)}
			{holders.data && holders.data.items.length < holders.data.total.count && (
				<p className="portal-flush portal-muted">
					{t("adminRoles.holders.more", {
						shown: holders.data.items.length,
						total: holders.data.total.capped ? `${holders.data.total.count}+` : holders.data.total.count,
					})}
				</p>
			)}
		</section>
	);
}
