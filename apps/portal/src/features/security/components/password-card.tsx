import { Alert } from "@tessera/ui/alert";
import { Badge } from "@tessera/ui/badge";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { DescriptionList } from "@tessera/ui/description-list";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { PasswordField } from "../../../components/password-field";
import { hasDomainCode, readApiError } from "../../../lib/errors";
import { useDateFormat } from "../../../lib/use-date-format";
import { NewPasswordFields, passwordsMatch } from "../../passwords/components/new-password-fields";
import { PasswordViolationsAlert } from "../../passwords/components/password-violations-alert";
import type { Me } from "../../profile/hooks/use-me";
import { useChangePassword } from "../hooks/use-change-password";
import type { SecurityOverview } from "../hooks/use-security-overview";

/** Days before expiry from which the date is flagged (the policy's first reminder, SECURITY §4). */
const EXPIRY_WARNING_DAYS = 14;

/** Password dates (in the person's time zone) and the change form. */
export function PasswordCard({ me, overview }: { me: Me; overview: SecurityOverview }) {
	const { t } = useTranslation();
	const format = useDateFormat(me.timeZone);
	const { changedAt, expiresAt, set: hasPassword } = overview.password;
	const expiresSoon =
		expiresAt !== null && expiresAt.getTime() - Date.now() < EXPIRY_WARNING_DAYS * 24 * 60 * 60 * 1000;

	return (
		<Card title={t("security.password.title")} description={t("security.password.description")}>
			<div className="portal-stack">
				<DescriptionList
					items={[
						{
							id: "changed",
							term: t("security.password.changedAt"),
							description: changedAt ? format.dateTime(changedAt) : t("security.password.never"),
						},
						{
							id: "expires",
							term: t("security.password.expiresAt"),
							description: expiresAt ? (
								<span className="portal-inline">
									<span>{format.dateTime(expiresAt)}</span>
									{expiresSoon && <Badge tone="warning">{t("security.password.expiresSoon")}</Badge>}
								</span>
							) : (
								t("security.password.noExpiry")
							),
						},
					]}
				/>
				<p className="portal-muted portal-flush">{t("profile.timesShownIn", { timeZone: format.timeZone })}</p>
				{hasPassword ? <ChangePasswordForm me={me} /> : <p className="portal-flush">{t("security.password.notSet")}</p>}
			</div>
		</Card>
	);
}

function ChangePasswordForm({ me }: { me: Me }) {
	const { t } = useTranslation();
	const change = useChangePassword();
	const [current, setCurrent] = useState("");
	const [password, setPassword] = useState("");
	const [confirmation, setConfirmation] = useState("");
	const [submitted, setSubmitted] = useState(false);
	const violations = change.error ? readApiError(change.error).details.violations : [];
	const wrongCurrent = change.error !== null && hasDomainCode(change.error, "AUTH.WRONG_PASSWORD");

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		setSubmitted(true);
		if (current === "" || !passwordsMatch(password, confirmation)) {
			return;
		}
		change.mutate(
			{ currentPassword: current, newPassword: password },
			{
				onSuccess: () => {
					setCurrent("");
					setPassword("");
					setConfirmation("");
					setSubmitted(false);
				},
			},
		);
	};

	return (
		<form className="portal-stack" onSubmit={handleSubmit} noValidate aria-label={t("security.password.formLabel")}>
			<h3 className="portal-subheading">{t("security.password.formLabel")}</h3>
			{change.isSuccess && <Alert tone="success" title={t("security.password.changed")} />}
			{violations.length > 0 ? (
				<PasswordViolationsAlert violations={violations} />
			) : (
				change.error && <ErrorAlert error={change.error} />
			)}
			<PasswordField
				label={t("passwordFields.current")}
				name="current-password"
				autoComplete="current-password"
				showLabel={t("passwordFields.showCurrent")}
				hideLabel={t("passwordFields.hideCurrent")}
				required
				value={current}
				onChange={(event) => {
					setCurrent(event.target.value);
					if (change.isSuccess) {
						change.reset();
					}
				}}
				error={
					wrongCurrent
						? t("errors.domain.wrongPassword")
						: submitted && current === ""
							? t("passwordFields.required")
							: undefined
				}
			/>
			<NewPasswordFields
				password={password}
				confirmation={confirmation}
				onPasswordChange={setPassword}
				onConfirmationChange={setConfirmation}
				context={{
					tenantName: me.tenantName,
					tenantSlug: me.tenantSlug,
					email: me.email,
					firstName: me.firstName,
					lastName: me.lastName,
					username: me.username,
				}}
				showErrors={submitted}
			/>
			<div className="portal-form-actions">
				<Button type="submit" loading={change.isPending}>
					{t("security.password.submit")}
				</Button>
			</div>
		</form>
	);
}
