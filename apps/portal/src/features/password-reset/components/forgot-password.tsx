import { Link } from "@tanstack/react-router";
import { ZRequestPasswordResetInput } from "@tessera/core/auth/password-reset.schema";
import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { TextField } from "@tessera/ui/text-field";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useSchemaForm } from "../../../lib/use-schema-form";
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
	const form = useSchemaForm({
		// Null until the person types: the server's default organisation, once it has loaded.
		initial: { tenant: null as string | null, email: "" },
		schema: ZRequestPasswordResetInput,
		toInput: (values: { tenant: string | null; email: string }) => ({
			tenant: (values.tenant ?? config.defaultTenant ?? "").trim(),
			email: values.email.trim(),
		}),
	});
	const [sentTo, setSentTo] = useState<string | null>(null);
	const [failedSubmits, setFailedSubmits] = useState(0);
	const formRef = useRef<HTMLFormElement>(null);
	const tenant = form.values.tenant ?? config.defaultTenant ?? "";
	const email = form.values.email;

	// Move keyboard focus to the first field the schema rejected.
	useEffect(() => {
		if (failedSubmits > 0) {
			formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
		}
	}, [failedSubmits]);

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		if (!form.validate()) {
			request.reset();
			setFailedSubmits((count) => count + 1);
			return;
		}
		const address = email.trim();
		request.mutate({ tenant: tenant.trim(), email: address }, { onSuccess: () => setSentTo(address) });
	};

	return (
		<Card title={t("passwordReset.forgot.title")} headingLevel={1}>
			<div className="portal-stack">
				{sentTo !== null ? (
					<Alert tone="success" title={t("passwordReset.forgot.sentTitle")}>
						<p>{t("passwordReset.forgot.sentBody", { email: sentTo })}</p>
						<p>{t("passwordReset.forgot.sentHint")}</p>
					</Alert>
				) : (
					<form ref={formRef} className="portal-stack" onSubmit={handleSubmit} noValidate>
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
							onChange={(event) => form.setValue("tenant", event.target.value)}
							error={form.errors.tenant}
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
							onChange={(event) => form.setValue("email", event.target.value)}
							error={form.errors.email}
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
