import { Link, useRouter } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { ButtonLink } from "@tessera/ui/button-link";
import { Card } from "@tessera/ui/card";
import { DescriptionList } from "@tessera/ui/description-list";
import { Spinner } from "@tessera/ui/spinner";
import { TextField } from "@tessera/ui/text-field";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { hasDomainCode, readApiError } from "../../../lib/errors";
import { useDateFormat } from "../../../lib/use-date-format";
import type { RouterOutputs } from "../../../trpc";
import { useSignIn } from "../../auth/hooks/use-sign-in";
import { NewPasswordFields, passwordsMatch } from "../../passwords/components/new-password-fields";
import { PasswordViolationsAlert } from "../../passwords/components/password-violations-alert";
import { useAcceptInvitation, useInvitationLookup } from "../hooks/use-accept-invitation";
import "../admin-invitations.css";

type LookedUp = RouterOutputs["invitations"]["lookup"];

/**
 * The public side of an invitation: check the link, show whose invitation it is, let the person
 * choose a password (and their name), then sign them in with it. A link that does not work says
 * so, without a form.
 */
export function AcceptInvitation({ token }: { token: string | null }) {
	const { t } = useTranslation();
	const lookup = useInvitationLookup();
	const hasLookedUp = useRef(false);

	useEffect(() => {
		// Once per page: the lookup is throttled like a sign-in, and StrictMode runs effects twice.
		if (token && !hasLookedUp.current) {
			hasLookedUp.current = true;
			lookup.mutate({ token });
		}
	}, [token, lookup.mutate]);

	if (!token) {
		return (
			<InvitationProblem
				title={t("adminInvitations.accept.missingTitle")}
				body={t("adminInvitations.accept.missingBody")}
			/>
		);
	}
	if (lookup.error) {
		if (hasDomainCode(lookup.error, "INVITATION.NOT_FOUND")) {
			return (
				<InvitationProblem
					title={t("adminInvitations.accept.invalidTitle")}
					body={t("adminInvitations.accept.invalidBody")}
				/>
			);
		}
		return (
			<div className="portal-stack">
				<ErrorAlert error={lookup.error} title={t("adminInvitations.accept.lookupFailed")} />
				<Button variant="secondary" loading={lookup.isPending} onClick={() => lookup.mutate({ token })}>
					{t("common.tryAgain")}
				</Button>
			</div>
		);
	}
	if (!lookup.data) {
		return (
			<div className="portal-center">
				<Spinner label={t("adminInvitations.accept.checking")} />
			</div>
		);
	}
	return <AcceptForm token={token} invitation={lookup.data} />;
}

function InvitationProblem({ title, body }: { title: string; body: string }) {
	const { t } = useTranslation();
	return (
		<div className="portal-stack">
			<Alert tone="warning" title={title}>
				<p>{body}</p>
			</Alert>
			<p className="portal-flush">
				<Link to="/sign-in">{t("adminInvitations.accept.toSignIn")}</Link>
			</p>
		</div>
	);
}

type Stage = { kind: "form" } | { kind: "accepted"; email: string; signInError: unknown };

function AcceptForm({ token, invitation }: { token: string; invitation: LookedUp }) {
	const { t } = useTranslation();
	const router = useRouter();
	const format = useDateFormat();
	const accept = useAcceptInvitation();
	const signIn = useSignIn();
	const [firstName, setFirstName] = useState("");
	const [lastName, setLastName] = useState("");
	const [password, setPassword] = useState("");
	const [confirmation, setConfirmation] = useState("");
	const [submitted, setSubmitted] = useState(false);
	const [stage, setStage] = useState<Stage>({ kind: "form" });
	const violations = accept.error ? readApiError(accept.error).details.violations : [];
	const fieldErrors = accept.error ? readApiError(accept.error).fieldIssues : {};

	/** The account exists now; sign in with the password just chosen, as the API expects the portal to. */
	const signInAs = (email: string) => {
		signIn.mutate(
			{ tenant: invitation.tenant, email, password },
			{
				onSuccess: (result) => {
					if (result.status === "signed_in") {
						void router.navigate({ to: result.requiredActions.length > 0 ? "/required-actions" : "/" });
					} else {
						// Another step (not expected for a brand-new account): the sign-in page walks through it.
						setStage({ kind: "accepted", email, signInError: null });
					}
				},
				onError: (error) => setStage({ kind: "accepted", email, signInError: error }),
			},
		);
	};

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		setSubmitted(true);
		if (!passwordsMatch(password, confirmation)) {
			return;
		}
		accept.mutate(
			{
				token,
				password,
				// Empty: keep the name the invitation was sent with.
				...(firstName.trim() ? { firstName: firstName.trim() } : {}),
				...(lastName.trim() ? { lastName: lastName.trim() } : {}),
			},
			{ onSuccess: ({ email }) => signInAs(email) },
		);
	};

	if (stage.kind === "accepted") {
		return (
			<div className="portal-stack">
				<Alert tone="success" title={t("adminInvitations.accept.doneTitle")}>
					<p>{t("adminInvitations.accept.doneBody", { email: stage.email, organisation: invitation.organisation })}</p>
				</Alert>
				{stage.signInError ? <ErrorAlert error={stage.signInError} /> : null}
				<ButtonLink className="portal-full-width" render={(props) => <Link to="/sign-in" {...props} />}>
					{t("adminInvitations.accept.signIn")}
				</ButtonLink>
			</div>
		);
	}

	const isBusy = accept.isPending || signIn.isPending;
	return (
		<div className="portal-stack">
			<p className="portal-flush">
				{invitation.inviter
					? t("adminInvitations.accept.introBy", { inviter: invitation.inviter, organisation: invitation.organisation })
					: t("adminInvitations.accept.intro", { organisation: invitation.organisation })}
			</p>
			<DescriptionList
				className="admin-invitations-facts"
				items={[
					{ id: "organisation", term: t("adminInvitations.accept.organisation"), description: invitation.organisation },
					...(invitation.inviter
						? [{ id: "inviter", term: t("adminInvitations.accept.invitedBy"), description: invitation.inviter }]
						: []),
					{ id: "email", term: t("adminInvitations.accept.email"), description: invitation.email },
					{
						id: "expires",
						term: t("adminInvitations.accept.validUntil"),
						description: format.dateTime(invitation.expiresAt),
					},
				]}
			/>
			<form className="portal-stack" onSubmit={handleSubmit} noValidate>
				{violations.length > 0 ? (
					<PasswordViolationsAlert violations={violations} />
				) : (
					accept.error && <ErrorAlert error={accept.error} title={t("adminInvitations.accept.failedTitle")} />
				)}
				<div className="portal-form-grid">
					<TextField
						label={t("adminInvitations.form.firstName")}
						name="firstName"
						autoComplete="given-name"
						hint={t("adminInvitations.accept.nameHint")}
						value={firstName}
						onChange={(event) => setFirstName(event.target.value)}
						error={fieldErrors.firstName ? t("fieldErrors.firstName") : undefined}
					/>
					<TextField
						label={t("adminInvitations.form.lastName")}
						name="lastName"
						autoComplete="family-name"
						hint={t("adminInvitations.accept.nameHint")}
						value={lastName}
						onChange={(event) => setLastName(event.target.value)}
						error={fieldErrors.lastName ? t("fieldErrors.lastName") : undefined}
					/>
				</div>
				<NewPasswordFields
					password={password}
					confirmation={confirmation}
					onPasswordChange={setPassword}
					onConfirmationChange={setConfirmation}
					context={{
						tenantSlug: invitation.tenant,
						tenantName: invitation.organisation,
						firstName: firstName.trim() || null,
						lastName: lastName.trim() || null,
					}}
					showErrors={submitted}
				/>
				<Button type="submit" loading={isBusy} className="portal-full-width">
					{t("adminInvitations.accept.submit")}
				</Button>
			</form>
		</div>
	);
}

/** The card around the invitation page's content. */
export function AcceptInvitationCard({ token }: { token: string | null }) {
	const { t } = useTranslation();
	return (
		<Card title={t("adminInvitations.acceptTitle")} headingLevel={1}>
			<AcceptInvitation token={token} />
		</Card>
	);
}
