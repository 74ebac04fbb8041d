import { Alert } from "@tessera/ui/alert";
import { Badge } from "@tessera/ui/badge";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { RowActions } from "@tessera/ui/row-actions";
import { Spinner } from "@tessera/ui/spinner";
import { Table } from "@tessera/ui/table";
import { TextField } from "@tessera/ui/text-field";
import { VisuallyHidden } from "@tessera/ui/visually-hidden";
import { type FormEvent, type KeyboardEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { ErrorAlert } from "../../../components/error-alert";
import { useDateFormat } from "../../../lib/use-date-format";
import { isWebAuthnSupported } from "../../../lib/webauthn";
import { type Passkey, usePasskeys, useRemovePasskey, useRenamePasskey } from "../hooks/use-passkeys";
import { parsePasskeyName } from "../passkey-name";
import { AddPasskeyForm } from "./add-passkey-form";

/**
 * The passkeys table: name, model, dates, use count, synced or device-bound, backed up, flagged.
 * Names are rendered as text, never markup (W10). Add, rename inline, remove after confirming.
 */
export function PasskeysCard({ timeZone }: { timeZone: string | null }) {
	const { t } = useTranslation();
	const passkeys = usePasskeys();
	const [isAdding, setIsAdding] = useState(false);
	const [added, setAdded] = useState(false);
	const [editingId, setEditingId] = useState<string | null>(null);
	const [removing, setRemoving] = useState<Passkey | null>(null);
	const remove = useRemovePasskey();
	const format = useDateFormat(timeZone);
	const canAdd = isWebAuthnSupported();
	const cardRef = useRef<HTMLElement>(null);

	const stopEditing = (passkeyId: string) => {
		setEditingId(null);
		// Give keyboard focus back to the button that started the edit.
		requestAnimationFrame(() =>
			cardRef.current?.querySelector<HTMLElement>(`[data-rename-for="${passkeyId}"]`)?.focus(),
		);
	};

	return (
		<Card
			ref={cardRef}
			id="passkeys"
			// A target of links from the two-step tab (`#passkeys`): focusable by script, not a tab stop.
			tabIndex={-1}
			title={t("security.passkeys.title")}
			description={t("security.passkeys.description")}
			actions={
				canAdd && !isAdding ? (
					<Button
						variant="secondary"
						size="sm"
						onClick={() => {
							setAdded(false);
							setIsAdding(true);
						}}
					>
						{t("security.passkeys.add")}
					</Button>
				) : undefined
			}
		>
			<div className="portal-stack">
				{!canAdd && (
					<Alert tone="info">
						<p>{t("errors.passkey.unsupportedBrowser")}</p>
					</Alert>
				)}
				{added && <Alert tone="success" title={t("security.passkeys.added")} />}
				{isAdding && (
					<AddPasskeyForm
						onDone={() => {
							setIsAdding(false);
							setAdded(true);
						}}
						onCancel={() => setIsAdding(false)}
					/>
				)}
				{passkeys.isPending && <Spinner label={t("app.loading")} />}
				{passkeys.error && <ErrorAlert error={passkeys.error} />}
				{passkeys.data?.length === 0 && <p className="portal-flush portal-muted">{t("security.passkeys.none")}</p>}
				{passkeys.data && passkeys.data.length > 0 && (
					<Table caption={t("security.passkeys.title")}>
						<thead>
							<tr>
								<th scope="col">{t("security.passkeys.columns.name")}</th>
								<th scope="col">{t("security.passkeys.columns.authenticator")}</th>
								<th scope="col">{t("security.passkeys.columns.created")}</th>
								<th scope="col">{t("security.passkeys.columns.lastUsed")}</th>
								<th scope="col">{t("security.passkeys.columns.uses")}</th>
								<th scope="col">{t("security.passkeys.columns.type")}</th>
								<th scope="col">{t("security.passkeys.columns.backedUp")}</th>
								<th scope="col">
									<VisuallyHidden>{t("common.actions")}</VisuallyHidden>
								</th>
							</tr>
						</thead>
						<tbody>
							{passkeys.data.map((passkey) => (
								<tr key={passkey.id}>
									<th scope="row">
										{editingId === passkey.id ? (
											<RenameForm passkey={passkey} onDone={() => stopEditing(passkey.id)} />
										) : (
											<span className="portal-inline">
												{/* Plain text: a name like <img onerror=…> shows literally (W10). */}
												<span>{passkey.name}</span>
												{passkey.flagged && (
													<Badge tone="danger" title={t("security.passkeys.flaggedHint")}>
														{t("security.passkeys.flagged")}
													</Badge>
												)}
											</span>
										)}
									</th>
									<td>{passkey.authenticatorName ?? t("security.passkeys.unknownAuthenticator")}</td>
									<td>{format.dateTime(passkey.createdAt)}</td>
									<td>{passkey.lastUsedAt ? format.dateTime(passkey.lastUsedAt) : t("security.passkeys.neverUsed")}</td>
									<td>{passkey.useCount}</td>
									<td>
										{passkey.deviceType === "multiDevice"
											? t("security.passkeys.synced")
											: t("security.passkeys.deviceBound")}
									</td>
									<td>{passkey.backedUp ? t("common.yes") : t("common.no")}</td>
									<td>
										{editingId !== passkey.id && (
											<RowActions>
												<Button
													variant="ghost"
													size="sm"
													data-rename-for={passkey.id}
													aria-label={t("security.passkeys.renameNamed", { name: passkey.name })}
													onClick={() => setEditingId(passkey.id)}
												>
													{t("security.passkeys.rename")}
												</Button>
												<Button
													variant="ghost"
													size="sm"
													aria-label={t("security.passkeys.removeNamed", { name: passkey.name })}
													onClick={() => {
														remove.reset();
														setRemoving(passkey);
													}}
												>
													{t("security.passkeys.remove")}
												</Button>
											</RowActions>
										)}
									</td>
								</tr>
							))}
						</tbody>
					</Table>
				)}
			</div>
			<ConfirmDialog
				open={removing !== null}
				title={t("security.passkeys.removeTitle", { name: removing?.name ?? "" })}
				description={t("security.passkeys.removeBody")}
				confirmLabel={t("security.passkeys.removeConfirm")}
				tone="danger"
				isPending={remove.isPending}
				error={remove.error}
				onCancel={() => setRemoving(null)}
				onConfirm={() => {
					if (removing) {
						remove.mutate(removing.id, { onSuccess: () => setRemoving(null) });
					}
				}}
			/>
		</Card>
	);
}

function RenameForm({ passkey, onDone }: { passkey: Passkey; onDone: () => void }) {
	const { t } = useTranslation();
	const rename = useRenamePasskey();
	const [name, setName] = useState(passkey.name);
	const [invalid, setInvalid] = useState(false);

	const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		const parsed = await parsePasskeyName(name);
		setInvalid(parsed === null);
		if (parsed !== null) {
			rename.mutate({ passkeyId: passkey.id, name: parsed }, { onSuccess: onDone });
		}
	};

	const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
		if (event.key === "Escape") {
			event.preventDefault();
			onDone();
		}
	};

	return (
		<form className="portal-stack portal-stack--sm" onSubmit={(event) => void handleSubmit(event)} noValidate>
			<TextField
				label={t("security.passkeys.newName")}
				name="passkey-name"
				autoComplete="off"
				// Focus moves into the field the person just asked to edit.
				autoFocus
				maxLength={64}
				value={name}
				onChange={(event) => setName(event.target.value)}
				onKeyDown={handleKeyDown}
				error={invalid ? t("security.passkeys.nameInvalid") : undefined}
			/>
			{rename.error && <ErrorAlert error={rename.error} />}
			<span className="portal-inline">
				<Button type="submit" size="sm" loading={rename.isPending}>
					{t("common.save")}
				</Button>
				<Button variant="secondary" size="sm" onClick={onDone}>
					{t("common.cancel")}
				</Button>
			</span>
		</form>
	);
}
