import { Link, useRouter } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { ButtonLink } from "@tessera/ui/button-link";
import { Card } from "@tessera/ui/card";
import { Spinner } from "@tessera/ui/spinner";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { hasDomainCode, readApiError } from "../../../lib/errors";
import { useDateFormat } from "../../../lib/use-date-format";
import type { RouterOutputs } from "../../../trpc";
import { NewPasswordFields, passwordsMatch } from "../../passwords/components/new-password-fields";
import { PasswordViolationsAlert } from "../../passwords/components/password-violations-alert";
import { useCompletePasswordReset, usePasswordResetLookup } from "../hooks/use-password-reset";
import { rememberResetDone } from "../reset-done-note";

type LookedUp = RouterOutputs["auth"]["passwordReset"]["lookup"];

/**
 * The reset link's page: check the link, then a new password with the strength meter. A link
 * that does not work (expired, used, replaced) says so in plain words, with a way to a new one.
 */
function ResetPassword({ token }: { token: string | null }) {
	const { t } = useTranslation();
	const lookup = usePasswordResetLookup();
	const hasLookedUp = useRef(false);

	useEffect(() => {
		// Once per page: the lookup is throttled like a sign-in, and StrictMode runs effects twice.
		if (token && !hasLookedUp.current) {
			hasLookedUp.current = true;
			lookup.mutate({ token });
		}
	}, [token, lookup.mutate]);

	if (!token) {
		return <LinkProblem title={t("passwordReset.reset.missingTitle")} body={t("passwordReset.reset.missingBody")} />;
	}
	if (lookup.error) {
		if (hasDomainCode(lookup.error, "AUTH.PASSWORD_RESET_INVALID")) {
			return <LinkProblem title={t("passwordReset.reset.invalidTitle")} body={t("passwordReset.reset.invalidBody")} />;
		}
		return (
			<div className="portal-stack">
				<ErrorAlert error={lookup.error} title={t("passwordReset.reset.lookupFailed")} />
				<Button variant="secondary" loading={lookup.isPending} onClick={() => lookup.mutate({ token })}>
					{t("common.tryAgain")}
				</Button>
			</div>
		);
	}
	if (!lookup.data) {
		return (
			<div className="portal-center">
				<Spinner label={t("passwordReset.reset.checking")} />
			</div>
		);
	}
	return <ResetForm token={token} reset={lookup.data} />;
}

function LinkProblem({ title, body }: { title: string; body: string }) {
	const { t } = useTranslation();
	return (
		<div className="portal-stack">
			<Alert tone="warning" title={title}>
				<p>{body}</p>
			</Alert>
			<ButtonLink className="portal-full-width" render={(props) => <Link to="/forgot-password" {...props} />}>
				{t("passwordReset.reset.requestNew")}
			</ButtonLink>
			<p className="portal-flush">
				<Link to="/sign-in">{t("passwordReset.backToSignIn")}</Link>
			</p>
		</div>
	);
}

function ResetForm({ token, reset }: { token: string; reset: LookedUp }) {
	const { t } = useTranslation();
	const router = useRouter();
	const format = useDateFormat();
	const complete = useCompletePasswordReset();
	const [password, setPassword] = useState("");
	const [confirmation, setConfirmation] = useState("");
	const [submitted, setSubmitted] = useState(false);
	const violations = complete.error ? readApiError(complete.error).details.violations : [];
	const isLinkDead = complete.error ? hasDomainCode(complete.error, "AUTH.PASSWORD_RESET_INVALID") : false;

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		setSubmitted(true);
		if (!passwordsMatch(password, confirmation)) {
			return;
		}
		complete.mutate(
			{ token, password },
			{
				onSuccess: () => {
					// No session: the person signs in with the new password, second step included.
					rememberResetDone();
					void router.navigate({ to: "/sign-in" });
				},
			},
		);
	};

	if (isLinkDead) {
		return <LinkProblem title={t("passwordReset.reset.invalidTitle")} body={t("passwordReset.reset.invalidBody")} />;
	}
	return (
		<form className="portal-stack" onSubmit={handleSubmit} noValidate>
			<p className="portal-flush">
				{t("passwordReset.reset.intro", { email: reset.email, organisation: reset.organisation })}
			</p>
			<p className="portal-flush portal-muted">
				{t("passwordReset.reset.validUntil", { time: format.dateTime(reset.expiresAt) })}
			</p>
			{violations.length > 0 ? (
				<PasswordViolationsAlert violations={violations} />
			) : (
				complete.error && <ErrorAlert error={complete.error} title={t("passwordReset.reset.failedTitle")} />
			)}
			<NewPasswordFields
				password={password}
				confirmation={confirmation}
				onPasswordChange={setPassword}
				onConfirmationChange={setConfirmation}
				context={{ tenantSlug: reset.tenant, tenantName: reset.organisation }}
				showErrors={submitted}
			/>
			<p className="portal-flush portal-muted">{t("passwordReset.reset.mfaNote")}</p>
			<Button type="submit" loading={complete.isPending} className="portal-full-width">
				{t("passwordReset.reset.submit")}
			</Button>
		</form>
	);
}

/** The card around the reset page's content. */
export function ResetPasswordCard({ token }: { token: string | null }) {
	const { t } = useTranslation();
	return (
		<Card title={t("passwordReset.reset.title")} headingLevel={1}>
			<ResetPassword token={token} />
		</Card>
	);
}
