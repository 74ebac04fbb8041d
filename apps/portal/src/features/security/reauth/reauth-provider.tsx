import { Button } from "@tessera/ui/button";
import { CodeField } from "@tessera/ui/code-field";
import { Dialog } from "@tessera/ui/dialog";
import { SelectField } from "@tessera/ui/select-field";
import { Spinner } from "@tessera/ui/spinner";
import { type FormEvent, type ReactNode, useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { PasswordField } from "../../../components/password-field";
import { isWebAuthnSupported } from "../../../lib/webauthn";
import { useReauthenticate } from "../hooks/use-reauthenticate";
import { useSecurityOverview } from "../hooks/use-security-overview";
import { ReauthContext, type ReauthContextValue } from "./reauth-context";

type ReauthMethod = "password" | "totp" | "passkey";

/**
 * Provides `confirmIdentity()` to every signed-in page and renders the one "Confirm it's you"
 * dialog (SECURITY S09). Requests made while it is open wait for the same answer.
 */
export function ReauthProvider({ children }: { children: ReactNode }) {
	const [isOpen, setIsOpen] = useState(false);
	const pending = useRef<{ promise: Promise<boolean>; resolve: (confirmed: boolean) => void } | null>(null);

	const confirmIdentity = useCallback(() => {
		if (!pending.current) {
			let resolve: (confirmed: boolean) => void = () => undefined;
			const promise = new Promise<boolean>((settle) => {
				resolve = settle;
			});
			pending.current = { promise, resolve };
			setIsOpen(true);
		}
		return pending.current.promise;
	}, []);

	const finish = useCallback((confirmed: boolean) => {
		pending.current?.resolve(confirmed);
		pending.current = null;
		setIsOpen(false);
	}, []);

	const value = useMemo<ReauthContextValue>(() => ({ confirmIdentity }), [confirmIdentity]);
	return (
		<ReauthContext.Provider value={value}>
			{children}
			<ReauthDialog open={isOpen} onDone={finish} />
		</ReauthContext.Provider>
	);
}

function ReauthDialog({ open, onDone }: { open: boolean; onDone: (confirmed: boolean) => void }) {
	const { t } = useTranslation();
	return (
		<Dialog open={open} onClose={() => onDone(false)} title={t("reauth.title")} description={t("reauth.description")}>
			{open && <ReauthForm onDone={onDone} />}
		</Dialog>
	);
}

function ReauthForm({ onDone }: { onDone: (confirmed: boolean) => void }) {
	const { t } = useTranslation();
	const overview = useSecurityOverview();
	const { withSecret, withPasskey } = useReauthenticate();
	const [chosen, setChosen] = useState<ReauthMethod | null>(null);
	const [password, setPassword] = useState("");
	const [code, setCode] = useState("");

	if (overview.isPending) {
		return <Spinner label={t("app.loading")} />;
	}
	if (overview.isError) {
		return (
			<>
				<ErrorAlert error={overview.error} />
				<div className="portal-form-actions">
					<Button variant="secondary" onClick={() => onDone(false)}>
						{t("common.cancel")}
					</Button>
				</div>
			</>
		);
	}

	const { password: passwordInfo, mfa } = overview.data;
	const methods: ReauthMethod[] = [
		...(passwordInfo.set ? (["password"] as const) : []),
		...(mfa.enrolled.includes("passkey") && isWebAuthnSupported() ? (["passkey"] as const) : []),
		...(mfa.enrolled.includes("totp") ? (["totp"] as const) : []),
	];
	const method = chosen ?? methods[0] ?? "password";
	const isPending = withSecret.isPending || withPasskey.isPending;
	const error = withSecret.error ?? withPasskey.error;

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		const done = { onSuccess: () => onDone(true) };
		if (method === "password") {
			withSecret.mutate({ method: "password", password }, done);
		} else if (method === "totp") {
			withSecret.mutate({ method: "totp", code: code.replace(/\s/g, "") }, done);
		} else {
			withPasskey.mutate(undefined, done);
		}
	};

	const switchTo = (next: ReauthMethod) => {
		setChosen(next);
		withSecret.reset();
		withPasskey.reset();
	};

	return (
		<form className="portal-stack" onSubmit={handleSubmit} noValidate>
			{error && <ErrorAlert error={error} />}
			{methods.length > 1 && (
				<SelectField
					label={t("reauth.method")}
					value={method}
					options={methods.map((value) => ({ value, label: t(`reauth.methods.${value}`) }))}
					onChange={(event) => {
						const next = methods.find((candidate) => candidate === event.target.value);
						if (next) {
							switchTo(next);
						}
					}}
				/>
			)}
			{method === "password" && (
				<PasswordField
					label={t("reauth.password")}
					name="password"
					autoComplete="current-password"
					showLabel={t("signIn.showPassword")}
					hideLabel={t("signIn.hidePassword")}
					required
					value={password}
					onChange={(event) => setPassword(event.target.value)}
				/>
			)}
			{method === "totp" && (
				<CodeField
					label={t("reauth.totpCode")}
					hint={t("reauth.totpHint")}
					name="code"
					required
					value={code}
					onChange={(event) => setCode(event.target.value)}
				/>
			)}
			{method === "passkey" && <p className="portal-flush">{t("reauth.passkeyHint")}</p>}
			<div className="portal-form-actions">
				<Button variant="secondary" onClick={() => onDone(false)}>
					{t("common.cancel")}
				</Button>
				<Button type="submit" loading={isPending}>
					{method === "passkey" ? t("reauth.usePasskey") : t("reauth.confirm")}
				</Button>
			</div>
		</form>
	);
}
