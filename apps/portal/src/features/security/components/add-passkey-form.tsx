import { Button } from "@tessera/ui/button";
import { TextField } from "@tessera/ui/text-field";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { describeThisDevice } from "../../../lib/webauthn";
import { useAddPasskey } from "../hooks/use-passkeys";
import { parsePasskeyName } from "../passkey-name";

export interface AddPasskeyFormProps {
	onDone: () => void;
	onCancel?: () => void;
}

/** "Chrome on Linux": the browser and system the passkey is created on, as a starting name. */
function useDefaultPasskeyName(): string {
	const { t } = useTranslation();
	const { browser, os } = describeThisDevice();
	if (browser && os) {
		return t("security.passkeys.defaultName", { browser, os });
	}
	return browser ?? os ?? t("security.passkeys.defaultNameFallback");
}

/**
 * Names and creates a passkey. The name is checked with the server's own schema first (W10:
 * length, no control characters), so the browser prompt only opens for a name that will be kept.
 */
export function AddPasskeyForm({ onDone, onCancel }: AddPasskeyFormProps) {
	const { t } = useTranslation();
	const add = useAddPasskey();
	const defaultName = useDefaultPasskeyName();
	const [name, setName] = useState(defaultName);
	const [nameError, setNameError] = useState(false);
	const inputRef = useRef<HTMLInputElement>(null);

	useEffect(() => {
		inputRef.current?.select();
	}, []);

	const [isChecking, setIsChecking] = useState(false);

	const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		setIsChecking(true);
		const parsed = await parsePasskeyName(name).finally(() => setIsChecking(false));
		setNameError(parsed === null);
		if (parsed === null) {
			inputRef.current?.focus();
			return;
		}
		add.mutate(parsed, { onSuccess: onDone });
	};

	return (
		<form className="portal-stack portal-panel" onSubmit={(event) => void handleSubmit(event)} noValidate>
			<p className="portal-flush">{t("security.passkeys.addIntro")}</p>
			{add.error && <ErrorAlert error={add.error} />}
			<TextField
				ref={inputRef}
				label={t("security.passkeys.nameLabel")}
				hint={t("security.passkeys.nameHint")}
				name="passkey-name"
				autoComplete="off"
				maxLength={64}
				required
				value={name}
				onChange={(event) => setName(event.target.value)}
				error={nameError ? t("security.passkeys.nameInvalid") : undefined}
			/>
			<div className="portal-form-actions">
				{onCancel && (
					<Button variant="secondary" onClick={onCancel}>
						{t("common.cancel")}
					</Button>
				)}
				<Button type="submit" loading={add.isPending || isChecking}>
					{t("security.passkeys.create")}
				</Button>
			</div>
		</form>
	);
}
