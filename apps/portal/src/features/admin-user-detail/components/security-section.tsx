import { Badge } from "@tessera/ui/badge";
import { Card } from "@tessera/ui/card";
import { DescriptionList } from "@tessera/ui/description-list";
import { Table } from "@tessera/ui/table";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "../../../lib/use-date-format";
import type { UserDetail } from "../hooks/use-user-detail";

type Session = UserDetail["sessions"][number];

/**
 * What an administrator needs to judge how this user signs in: second factors, passkeys,
 * sessions, password age and lockout. Read-only; no secret is ever part of the data.
 */
export function SecuritySection({ detail, timeZone }: { detail: UserDetail; timeZone: string | null }) {
	const { t } = useTranslation();
	const format = useDateFormat(timeZone);
	const { mfa, password, lockout } = detail;

	// Browser, system and device as the API read them from the user agent ("Firefox 132 on
	// Ubuntu 24.04, Apple iPhone"); whatever it could not tell is left out.
	const describeSession = ({ browser, os, device }: Session) => {
		const software = browser && os ? t("adminUser.security.browserOnOs", { browser, os }) : (browser ?? os);
		if (software && device) {
			return t("adminUser.security.onDevice", { software, device });
		}
		return software ?? device ?? t("adminUser.security.unknownDevice");
	};
	const methods =
		mfa.methods.length > 0
			? mfa.methods
					.map((method) => {
						const name = t(`adminUser.security.methodNames.${method}`);
						return method === mfa.preferred ? t("adminUser.security.preferred", { method: name }) : name;
					})
					.join(", ")
			: t("adminUser.security.noMethods");
	const now = Date.now();

	return (
		<Card title={t("adminUser.security.title")} description={t("adminUser.security.description")}>
			<div className="portal-stack">
				<DescriptionList
					items={[
						{
							id: "mfa",
							term: t("adminUser.security.mfa"),
							description: (
								<Badge tone={mfa.enabled ? "success" : "warning"}>
									{mfa.enabled ? t("adminUser.security.mfaOn") : t("adminUser.security.mfaOff")}
								</Badge>
							),
						},
						{ id: "methods", term: t("adminUser.security.methods"), description: methods },
						{
							id: "recovery",
							term: t("adminUser.security.recoveryCodes"),
							description: t("adminUser.security.recoveryCodesLeft", { count: mfa.recoveryCodesRemaining }),
						},
						{
							id: "password",
							term: t("adminUser.security.password"),
							description:
								password.set && password.changedAt
									? t("adminUser.security.passwordChanged", {
											date: format.date(password.changedAt),
											count: password.ageDays ?? 0,
										})
									: t("adminUser.security.passwordNotSet"),
						},
						{
							id: "expiry",
							term: t("adminUser.security.passwordExpiry"),
							description: password.expiresAt
								? password.expiresAt.getTime() <= now
									? t("adminUser.security.passwordExpired", { date: format.dateTime(password.expiresAt) })
									: t("adminUser.security.passwordExpires", { date: format.dateTime(password.expiresAt) })
								: t("adminUser.security.passwordNoExpiry"),
						},
						{
							id: "lockout",
							term: t("adminUser.security.lockout"),
							description: (
								<span className="portal-stack portal-stack--sm">
									<span>
										{lockout.lockedUntil ? (
											<Badge tone="danger">
												{t("adminUser.security.lockedUntil", { date: format.dateTime(lockout.lockedUntil) })}
											</Badge>
										) : (
											t("adminUser.security.notLocked")
										)}
									</span>
									<span className="portal-muted">
										{t("adminUser.security.failedAttempts", { count: lockout.failedAttempts })}
									</span>
								</span>
							),
						},
					]}
				/>

				<h3 className="portal-subheading">{t("adminUser.security.passkeys")}</h3>
				{detail.passkeys.length === 0 ? (
					<p className="portal-muted">{t("adminUser.security.noPasskeys")}</p>
				) : (
					<Table caption={t("adminUser.security.passkeys")}>
						<thead>
							<tr>
								<th scope="col">{t("adminUser.security.passkeyColumns.name")}</th>
								<th scope="col">{t("adminUser.security.passkeyColumns.authenticator")}</th>
								<th scope="col">{t("adminUser.security.passkeyColumns.created")}</th>
								<th scope="col">{t("adminUser.security.passkeyColumns.lastUsed")}</th>
							</tr>
						</thead>
						<tbody>
							{detail.passkeys.map((passkey) => (
								<tr key={passkey.id}>
									<th scope="row">
										<span className="portal-inline">
											<span>{passkey.name}</span>
											{passkey.flagged && <Badge tone="danger">{t("adminUser.security.passkeyFlagged")}</Badge>}
										</span>
									</th>
									<td>{passkey.authenticatorName ?? t("adminUser.security.unknownAuthenticator")}</td>
									<td>{format.dateTime(passkey.createdAt)}</td>
									<td>{passkey.lastUsedAt ? format.dateTime(passkey.lastUsedAt) : t("adminUser.profile.never")}</td>
								</tr>
							))}
						</tbody>
					</Table>
				)}

				<h3 className="portal-subheading">{t("adminUser.security.sessions")}</h3>
				{detail.sessions.length === 0 ? (
					<p className="portal-muted">{t("adminUser.security.noSessions")}</p>
				) : (
					<Table caption={t("adminUser.security.sessions")}>
						<thead>
							<tr>
								<th scope="col">{t("adminUser.security.sessionColumns.device")}</th>
								<th scope="col">{t("adminUser.security.sessionColumns.ip")}</th>
								<th scope="col">{t("adminUser.security.sessionColumns.created")}</th>
								<th scope="col">{t("adminUser.security.sessionColumns.lastActive")}</th>
							</tr>
						</thead>
						<tbody>
							{detail.sessions.map((session) => (
								<tr key={session.id}>
									<th scope="row" title={session.userAgent ?? undefined}>
										{describeSession(session)}
									</th>
									<td>{session.ip ?? t("adminUser.security.unknownIp")}</td>
									<td>{format.dateTime(session.createdAt)}</td>
									<td>{format.dateTime(session.lastActiveAt)}</td>
								</tr>
							))}
						</tbody>
					</Table>
				)}
			</div>
		</Card>
	);
}
