import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { TextField } from "@tessera/ui/text-field";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { getErrorMessage, readApiError } from "../../../lib/errors";
import { useSignIn } from "../hooks/use-sign-in";

export interface SignInFormProps {
	/** Organisation to sign in to without asking, if the server has a default. */
	defaultTenant: string | null;
	onSignedIn: () => void;
}

/**
 * Organisation, email and password. Every failure shows the same message for wrong credentials
 * (the server does not say which part was wrong, and neither do we).
 */
export function SignInForm({ defaultTenant, onSignedIn }: SignInFormProps) {
	const { t } = useTranslation();
	const signIn = useSignIn();
	const passwordId = useId();
	const tenantRef = useRef<HTMLInputElement>(null);
	const [isChangingTenant, setIsChangingTenant] = useState(false);
	const [tenant, setTenant] = useState(defaultTenant ?? "");
	const [email, setEmail] = useState("");
	const [password, setPassword] = useState("");
	const [isPasswordVisible, setIsPasswordVisible] = useState(false);

	const showTenantField = defaultTenant === null || isChangingTenant;
	const correlationId = signIn.error ? readApiError(signIn.error).correlationId : null;

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		signIn.mutate(
			{ tenant: (showTenantField ? tenant : (defaultTenant ?? "")).trim(), email: email.trim(), password },
			{ onSuccess: onSignedIn },
		);
	};

	return (
		<form className="portal-stack" onSubmit={handleSubmit}>
			{signIn.error && (
				<Alert tone="error" title={t("signIn.failedTitle")}>
					<p>{getErrorMessage(signIn.error, t)}</p>
					{correlationId && <p className="portal-error-detail">{t("errors.reference", { id: correlationId })}</p>}
				</Alert>
			)}
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
					onChange={(event) => setTenant(event.target.value)}
				/>
			) : (
				<p className="portal-inline portal-muted">
					<span>{t("signIn.signingInTo", { tenant: defaultTenant })}</span>
					<Button
						variant="link"
						onClick={() => {
							setIsChangingTenant(true);
							// Focus the field that just appeared, after React has rendered it.
							requestAnimationFrame(() => tenantRef.current?.focus());
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
				autoComplete="username"
				autoCapitalize="none"
				spellCheck={false}
				required
				value={email}
				onChange={(event) => setEmail(event.target.value)}
			/>
			<TextField
				id={passwordId}
				label={t("signIn.password")}
				name="password"
				type={isPasswordVisible ? "text" : "password"}
				autoComplete="current-password"
				autoCapitalize="none"
				spellCheck={false}
				required
				value={password}
				onChange={(event) => setPassword(event.target.value)}
				endAdornment={
					<Button
						variant="ghost"
						size="sm"
						aria-controls={passwordId}
						aria-label={isPasswordVisible ? t("signIn.hidePassword") : t("signIn.showPassword")}
						onClick={() => setIsPasswordVisible((visible) => !visible)}
					>
						{isPasswordVisible ? t("signIn.hide") : t("signIn.show")}
					</Button>
				}
			/>
			<Button type="submit" loading={signIn.isPending} className="portal-full-width">
				{t("signIn.submit")}
			</Button>
		</form>
	);
}
