import { Alert } from "@tessera/ui/alert";
import { Badge, type BadgeTone } from "@tessera/ui/badge";
import { Button } from "@tessera/ui/button";
import { Spinner } from "@tessera/ui/spinner";
import { Table } from "@tessera/ui/table";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useDateFormat } from "../../../lib/use-date-format";
import { useRoleLabel } from "../../admin-roles/hooks/use-role-label";
import { useRoles } from "../../admin-roles/hooks/use-roles";
import { hasPermission, PERMISSIONS } from "../../auth/permissions";
import { useMe } from "../../profile/hooks/use-me";
import type { ApplicationUser } from "../application-form";
import { useApplicationUsers } from "../hooks/use-applications";
import { ApiKeysCard } from "./api-keys-card";
import { CreateApplicationDialog } from "./create-application-dialog";
import "../admin-applications.css";

const STATE_TONES: Record<ApplicationUser["state"], BadgeTone> = {
	create: "info",
	active: "success",
	inactive: "warning",
	deleting: "danger",
	deleted: "neutral",
};

/**
 * The application users page body: who they are, their state and roles, how many live keys each
 * has; create one; open one's keys below the table to issue (shown once) or revoke.
 */
export function ApplicationsOverview() {
	const { t } = useTranslation();
	const me = useMe();
	const format = useDateFormat(me.timeZone);
	const label = useRoleLabel();
	const users = useApplicationUsers();
	// Role names for the keys the list carries; without roles.read the keys themselves are shown.
	const roles = useRoles({ enabled: hasPermission(me, PERMISSIONS.rolesRead) });
	const [isCreating, setIsCreating] = useState(false);
	const [selectedId, setSelectedId] = useState<string | null>(null);
	const [notice, setNotice] = useState<string | null>(null);
	const keysRef = useRef<HTMLElement>(null);

	const { items } = users;
	const selected = items.find((user) => user.id === selectedId) ?? null;

	const shownKeysOf = selected?.id;
	useEffect(() => {
		// Opening a user's keys moves focus (and the view) to them, once they are on the page.
		if (shownKeysOf) {
			keysRef.current?.focus();
		}
	}, [shownKeysOf]);

	const roleName = (roleKey: string) => {
		const role = roles.data?.find((item) => item.key === roleKey);
		return role ? label(role).name : roleKey;
	};

	return (
		<div className="portal-stack portal-stack--lg">
			<header className="portal-page-header portal-form-actions portal-form-actions--spread">
				<div>
					<h1>{t("adminApplications.title")}</h1>
					<p className="portal-muted">{t("adminApplications.subtitle")}</p>
				</div>
				<Button
					onClick={() => {
						setNotice(null);
						setIsCreating(true);
					}}
				>
					{t("adminApplications.newApplication")}
				</Button>
			</header>

			{notice && <Alert tone="success" title={notice} />}
			{users.isPending && <Spinner label={t("app.loading")} />}
			{users.error && <ErrorAlert error={users.error} />}
			{!users.isPending && !users.error && items.length === 0 && (
				<p className="portal-muted">{t("adminApplications.empty")}</p>
			)}

			{items.length > 0 && (
				<Table caption={t("adminApplications.tableCaption")}>
					<thead>
						<tr>
							<th scope="col">{t("adminApplications.columns.name")}</th>
							<th scope="col">{t("adminApplications.columns.state")}</th>
							<th scope="col">{t("adminApplications.columns.roles")}</th>
							<th scope="col">{t("adminApplications.columns.activeKeys")}</th>
							<th scope="col">{t("adminApplications.columns.created")}</th>
							<th scope="col">
								<span className="ui-visually-hidden">{t("common.actions")}</span>
							</th>
						</tr>
					</thead>
					<tbody>
						{items.map((user) => (
							<tr key={user.id} aria-current={user.id === selectedId ? "true" : undefined}>
								<th scope="row">
									{user.name}
									{user.username && <span className="admin-applications-sub">{user.username}</span>}
								</th>
								<td>
									<Badge tone={STATE_TONES[user.state]}>{t(`states.${user.state}`)}</Badge>
								</td>
								<td>
									{user.roles.length === 0
										? t("adminApplications.noRoles")
										: [...new Set(user.roles.map((role) => roleName(role.roleKey)))].join(", ")}
								</td>
								<td>{user.liveKeyCount}</td>
								<td>{format.dateTime(user.createdAt)}</td>
								<td>
									<Button
										variant="ghost"
										size="sm"
										aria-label={t("adminApplications.manageKeysNamed", { name: user.name })}
										aria-expanded={user.id === selectedId}
										aria-controls={user.id === selectedId ? "api-keys" : undefined}
										onClick={() => {
											setNotice(null);
											setSelectedId(user.id === selectedId ? null : user.id);
										}}
									>
										{t("adminApplications.manageKeys")}
									</Button>
								</td>
							</tr>
						))}
					</tbody>
				</Table>
			)}
			{users.hasNextPage && (
				<div>
					<Button variant="secondary" loading={users.isFetchingNextPage} onClick={users.fetchNextPage}>
						{t("adminApplications.loadMore")}
					</Button>
				</div>
			)}

			{selected && (
				<ApiKeysCard
					key={selected.id}
					ref={keysRef}
					user={selected}
					timeZone={me.timeZone}
					onClose={() => setSelectedId(null)}
				/>
			)}

			<CreateApplicationDialog
				open={isCreating}
				onClose={() => setIsCreating(false)}
				onCreated={(user) => {
					setIsCreating(false);
					setNotice(t("adminApplications.created", { name: user.name }));
					setSelectedId(user.id);
				}}
			/>
		</div>
	);
}
