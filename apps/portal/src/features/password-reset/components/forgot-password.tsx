import { Link } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { TextField } from "@tessera/ui/text-field";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useAuthConfig } from "../../auth/hooks/use-auth-config";
import { useRequestPasswordReset } from "../hooks/use-password-reset";

/**
 * Organisation and email address; the answer is the same whether or not they name an account,
 * so the page says "if it belongs to an account" and never more.
 */
export function ForgotPasswordCard() {
	const { t } = useTranslation();
	const config = useAuthConfig();
	const request = useRequestPasswordReset();
	// Null until the person types: the server's default organisation, once it has loaded.
	const [typedTenant, setTypedTenant] = useState<string | null>(null);
	const [email, setEmail] = useState("");
	const [sentTo, setSentTo] = useState<string | null>(null);
	const tenant = typedTenant ?? config.defaultTenant ?? "";

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		const address = email.trim();
		request.mutate({ tenant: tenant.trim(), email: address }, { onSuccess: () => setSentTo(address) });
	};

	return (
		<Card>
			<div className="portal-stack">
				<h1 className="ui-card__title">{t("passwordReset.forgot.title")}</h1>
				{sentTo !== null ? (
					<Alert tone="success" title={t("passwordReset.forgot.sentTitle")}>
						<p>{t("passwordReset.forgot.sentBody", { email: sentTo })}</p>
						<p>{t("passwordReset.forgot.sentHint")}</p>
					</Alert>
				) : (
					<form className="portal-stack" onSubmit={handleSubmit}>
						<p className="portal-flush">{t("passwordReset.forgot.intro")}</p>
						{request.error ? <ErrorAlert error={request.error} title={t("passwordReset.forgot.failedTitle")} /> : null}
						<TextField
							label={t("passwordReset.forgot.organisation")}
							hint={t("passwordReset.forgot.organisationHint")}
							name="organization"
							autoComplete="organization"
							autoCapitalize="none"
							spellCheck={false}
							required
							value={tenant}
							onChange={(event) => setTypedTenant(event.target.value)}
						/>
						<TextField
							label={t("passwordReset.forgot.email")}
							name="email"
							type="email"
							autoComplete="username"
							autoCapitalize="none"
							spellCheck={false}
							required
							value={email}
							onChange={(event) => setEmail(event.target.value)}
						/>
						<Button type="submit" loading={request.isPending} className="portal-full-width">
							{t("passwordReset.forgot.submit")}
						</Button>
					</form>
				)}
				<p className="portal-flush">
					<Link to="/sign-in">{t("passwordReset.backToSignIn")}</Link>
				</p>
			</div>
		</Card>
	);
}
