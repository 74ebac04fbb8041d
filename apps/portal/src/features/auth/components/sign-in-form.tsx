import { ZSignInInput } from "@tessera/core/auth/auth.schema";
import { Button } from "@tessera/ui/button";
import { TextField } from "@tessera/ui/text-field";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { PasswordField } from "../../../components/password-field";
import { useSchemaForm } from "../../../lib/use-schema-form";
import { cancelPasskeyPrompt, isWebAuthnSupported } from "../../../lib/webauthn";
import { ForgotPasswordLink, PasswordResetDoneNote } from "../../password-reset/components/sign-in-extras";
import { useConditionalPasskeySignIn } from "../hooks/use-conditional-passkey-sign-in";
import { useSignIn } from "../hooks/use-sign-in";
import { usePasskeySignIn } from "../hooks/use-sign-in-flow";
import type { SignInResult } from "../sign-in-result";

export interface SignInCredentials {
	tenant: string;
	email: string;
}

export interface SignInFormProps {
	/** Organisation to sign in to without asking, if the server has a default. */
	defaultTenant: string | null;
	/** A message to show above the form, e.g. why the person is back at this step. */
	notice?: ReactNode;
	/** Every answer that is not an error: a session, or the next step. */
	onResult: (result: SignInResult, credentials: SignInCredentials) => void;
}

/**
 * Organisation, email and password, or a passkey (a button, and the browser's autofill list on
 * the email field). Every failure shows the same message for wrong credentials (the server does
 * not say which part was wrong, and neither do we).
 */
export function SignInForm({ defaultTenant, notice, onResult }: SignInFormProps) {
	const { t } = useTranslation();
	const signIn = useSignIn();
	const passkeySignIn = usePasskeySignIn();
	const tenantRef = useRef<HTMLInputElement>(null);
	const formRef = useRef<HTMLFormElement>(null);
	const [isChangingTenant, setIsChangingTenant] = useState(false);
	// The organisation the autofill offer is for: the default at once, a typed one once the field is left.
	const [autofillTenant, setAutofillTenant] = useState(defaultTenant ?? "");
	const [autofillGeneration, setAutofillGeneration] = useState(0);
	const [autofillError, setAutofillError] = useState<unknown>(null);
	const [failedSubmits, setFailedSubmits] = useState(0);

	const showTenantField = defaultTenant === null || isChangingTenant;
	const form = useSchemaForm({
		initial: { tenant: defaultTenant ?? "", email: "", password: "" },
		schema: ZSignInInput,
		toInput: (values: { tenant: string; email: string; password: string }) => ({
			...values,
			tenant: showTenantField ? values.tenant : (defaultTenant ?? ""),
		}),
	});
	const { tenant, email, password } = form.values;
	const effectiveTenant = (showTenantField ? tenant : (defaultTenant ?? "")).trim();

	// Move keyboard focus to the first field the schema rejected.
	useEffect(() => {
		if (failedSubmits > 0) {
			formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
		}
	}, [failedSubmits]);

	useConditionalPasskeySignIn({
		tenant: autofillTenant.trim() || null,
		generation: autofillGeneration,
		onResult: (result) => onResult(result, { tenant: autofillTenant.trim(), email: "" }),
		onError: (error) => {
			setAutofillError(error);
			// Offer the list again, so the person can pick another passkey or use the form.
			setAutofillGeneration((generation) => generation + 1);
		},
	});

	const error = signIn.error ?? passkeySignIn.error ?? autofillError;

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		// The password form wins: end the passkey request waiting in the autofill list first.
		cancelPasskeyPrompt();
		setAutofillError(null);
		passkeySignIn.reset();
		if (!form.validate()) {
			signIn.reset();
			setFailedSubmits((count) => count + 1);
			return;
		}
		const credentials = { tenant: effectiveTenant, email: email.trim() };
		signIn.mutate(
			{ ...credentials, password },
			{
				onSuccess: (result) => onResult(result, credentials),
				// A failed attempt leaves the page as it was, autofill offer included.
				onError: () => setAutofillGeneration((generation) => generation + 1),
			},
		);
	};

	const handlePasskey = () => {
		if (!effectiveTenant) {
			tenantRef.current?.focus();
			return;
		}
		setAutofillError(null);
		signIn.reset();
		passkeySignIn.mutate(effectiveTenant, {
			onSuccess: (result) => onResult(result, { tenant: effectiveTenant, email: "" }),
			onError: () => setAutofillGeneration((generation) => generation + 1),
		});
	};

	return (
		<div className="portal-stack">
			<form ref={formRef} className="portal-stack" onSubmit={handleSubmit} noValidate>
				{notice}
				<PasswordResetDoneNote />
				{error ? <ErrorAlert error={error} title={t("signIn.failedTitle")} /> : null}
				{showTenantField ? (
					<TextField
						ref={tenantRef}
						label={t("signIn.organisation")}
						hint={t("signIn.organisationHint")}
						name="organization"
						autoComplete="organization"
						autoCapitalize="none"
						spellCheck={false}
						required
						value={tenant}
						onChange={(event) => form.setValue("tenant", event.target.value)}
						error={form.errors.tenant}
						onBlur={() => setAutofillTenant(tenant)}
					/>
				) : (
					<p className="portal-inline portal-muted">
						<span>{t("signIn.signingInTo", { tenant: defaultTenant })}</span>
						<Button
							variant="link"
							onClick={() => {
								// Render the field now and focus it in the same click: focusing it a frame
								// later could pull focus from a field the person is already typing in.
								flushSync(() => setIsChangingTenant(true));
								tenantRef.current?.focus();
							}}
						>
							{t("signIn.changeOrganisation")}
						</Button>
					</p>
				)}
				<TextField
					label={t("signIn.email")}
					name="email"
					type="email"
					// "webauthn" lets the browser list passkeys here next to saved addresses.
					autoComplete="username webauthn"
					autoCapitalize="none"
					spellCheck={false}
					required
					value={email}
					onChange={(event) => form.setValue("email", event.target.value)}
					error={form.errors.email}
				/>
				<PasswordField
					label={t("signIn.password")}
					name="password"
					autoComplete="current-password"
					showLabel={t("signIn.showPassword")}
					hideLabel={t("signIn.hidePassword")}
					required
					value={password}
					onChange={(event) => form.setValue("password", event.target.value)}
					error={form.errors.password}
				/>
				<ForgotPasswordLink />
				<Button type="submit" loading={signIn.isPending} className="portal-full-width">
					{t("signIn.submit")}
				</Button>
			</form>
			{isWebAuthnSupported() && (
				<>
					<p className="portal-divider">
						<span>{t("signIn.or")}</span>
					</p>
					<Button
						variant="secondary"
						className="portal-full-width"
						loading={passkeySignIn.isPending}
						onClick={handlePasskey}
					>
						{t("signIn.withPasskey")}
					</Button>
				</>
			)}
		</div>
	);
}
