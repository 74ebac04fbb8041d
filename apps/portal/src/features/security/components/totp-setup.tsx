import { Button } from "@tessera/ui/button";
import { CodeField } from "@tessera/ui/code-field";
import { Spinner } from "@tessera/ui/spinner";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useBeginTotp, useConfirmTotp } from "../hooks/use-totp";
import { CopyButton } from "./copy-button";

/** "JBSWY3DPEHPK3PXP…" in groups of four, as authenticator apps show and accept it. */
function groupSecret(secret: string): string {
	return secret.replace(/(.{4})/g, "$1 ").trim();
}

/**
 * The server's QR code as an image. It is server-generated SVG, but it is never put into the
 * page as markup: as an `<img>` data URL it cannot run script or reach the page (and the CSP
 * allows `data:` images only).
 */
function qrImageSource(svg: string): string {
	return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

export interface TotpSetupProps {
	onDone: () => void;
	onCancel?: () => void;
}

/**
 * Authenticator-app enrolment: starts at once, shows the QR code and the secret for manual
 * entry (this one time, SECURITY M07), and activates the app when the person enters a code.
 */
export function TotpSetup({ onDone, onCancel }: TotpSetupProps) {
	const { t } = useTranslation();
	const begin = useBeginTotp();
	const confirm = useConfirmTotp();
	const [code, setCode] = useState("");
	const codeRef = useRef<HTMLInputElement>(null);
	const started = useRef(false);

	useEffect(() => {
		// Once per mount (StrictMode runs effects twice in development; one secret is enough).
		if (!started.current) {
			started.current = true;
			begin.mutate();
		}
	}, [begin]);

	const enrollment = begin.data;

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		confirm.mutate(code.replace(/\D/g, ""), {
			onSuccess: onDone,
			onError: () => {
				setCode("");
				codeRef.current?.focus();
			},
		});
	};

	if (!enrollment) {
		return (
			<div className="portal-stack">
				{begin.error ? <ErrorAlert error={begin.error} /> : <Spinner label={t("security.totp.preparing")} />}
				<div className="portal-form-actions">
					{begin.error !== null && (
						<Button variant="secondary" onClick={() => begin.mutate()}>
							{t("common.tryAgain")}
						</Button>
					)}
					{onCancel && (
						<Button variant="ghost" onClick={onCancel}>
							{t("common.cancel")}
						</Button>
					)}
				</div>
			</div>
		);
	}

	return (
		<form className="portal-stack portal-panel" onSubmit={handleSubmit} noValidate>
			<ol className="portal-steps">
				<li>
					<p className="portal-flush">{t("security.totp.scan")}</p>
					<img
						className="portal-qr"
						src={qrImageSource(enrollment.qrSvg)}
						alt={t("security.totp.qrAlt")}
						width={184}
						height={184}
					/>
					<p className="portal-flush">{t("security.totp.manual")}</p>
					<p className="portal-inline portal-flush">
						<code className="portal-secret" data-testid="totp-secret">
							{groupSecret(enrollment.secret)}
						</code>
						<CopyButton text={enrollment.secret} label={t("security.totp.copySecret")} />
					</p>
				</li>
				<li>
					<CodeField
						ref={codeRef}
						label={t("security.totp.codeLabel")}
						hint={t("security.totp.codeHint")}
						required
						value={code}
						onChange={(event) => setCode(event.target.value)}
					/>
				</li>
			</ol>
			{confirm.error && <ErrorAlert error={confirm.error} />}
			<div className="portal-form-actions">
				{onCancel && (
					<Button variant="secondary" onClick={onCancel}>
						{t("common.cancel")}
					</Button>
				)}
				<Button type="submit" loading={confirm.isPending}>
					{t("security.totp.activate")}
				</Button>
			</div>
		</form>
	);
}
