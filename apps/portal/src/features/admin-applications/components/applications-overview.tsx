import { Alert } from "@tessera/ui/alert";
import { Badge, type BadgeTone } from "@tessera/ui/badge";
import { Button } from "@tessera/ui/button";
import { ListPage } from "@tessera/ui/list-page";
import { RowActions } from "@tessera/ui/row-actions";
import { Table } from "@tessera/ui/table";
import { VisuallyHidden } from "@tessera/ui/visually-hidden";
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
		<>
			<ListPage
				title={t("adminApplications.title")}
				description={t("adminApplications.subtitle")}
				actions={
					<Button
						onClick={() => {
							setNotice(null);
							setIsCreating(true);
						}}
					>
						{t("adminApplications.newApplication")}
					</Button>
				}
				notice={notice && <Alert tone="success" title={notice} />}
				isLoading={users.isPending}
				loadingLabel={t("app.loading")}
				error={users.error && <ErrorAlert error={users.error} />}
				isEmpty={items.length === 0}
				empty={<p className="portal-muted">{t("adminApplications.empty")}</p>}
				pagination={
					users.hasNextPage && (
						<div>
							<Button variant="secondary" loading={users.isFetchingNextPage} onClick={users.fetchNextPage}>
								{t("adminApplications.loadMore")}
							</Button>
						</div>
					)
				}
			>
				<Table caption={t("adminApplications.tableCaption")}>
					<thead>
						<tr>
							<th scope="col">{t("adminApplications.columns.name")}</th>
							<th scope="col">{t("adminApplications.columns.state")}</th>
							<th scope="col">{t("adminApplications.columns.roles")}</th>
							<th scope="col">{t("adminApplications.columns.activeKeys")}</th>
							<th scope="col">{t("adminApplications.columns.created")}</th>
							<th scope="col">
								<VisuallyHidden>{t("common.actions")}</VisuallyHidden>
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
									<RowActions>
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
									</RowActions>
								</td>
							</tr>
						))}
					</tbody>
				</Table>
			</ListPage>

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
		</>
	);
}
