import "../admin-audit.css";
import { AUDIT_IP_MAX_LENGTH } from "@tessera/core/audit/audit.schema";
import { Button } from "@tessera/ui/button";
import { SelectField } from "@tessera/ui/select-field";
import { CommitTextField } from "@tessera/ui/text-field";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ACTION_CATEGORIES, isKnownAction, KNOWN_ACTIONS } from "../../audit/audit-actions";
import { useActionLabel } from "../../audit/hooks/use-action-label";
import { LocalDateField } from "../../date-time/components/local-date-field";
import {
	AUDIT_OUTCOMES,
	type AuditSearch,
	hasFilters,
	isUserId,
	type SearchChanges,
	withFilter,
	withoutFilters,
} from "../audit-search";

export interface AuditFiltersProps {
	search: AuditSearch;
	onChange: (search: AuditSearch) => void;
}

/** The audit log's filters. Every change lands in the URL and starts again at the newest events. */
export function AuditFilters({ search, onChange }: AuditFiltersProps) {
	const { t } = useTranslation();
	const actionLabel = useActionLabel();
	const set = (changes: SearchChanges) => onChange(withFilter(search, changes));
	// An action from a shared link that the portal has no label for is still shown as chosen.
	const isListed =
		!search.action ||
		isKnownAction(search.action) ||
		ACTION_CATEGORIES.some((category) => `${category}.` === search.action);

	return (
		<section className="admin-audit-filters" aria-label={t("adminAudit.filters.label")}>
			<div className="admin-audit-filters__grid">
				<SelectField
					label={t("adminAudit.filters.action")}
					value={search.action ?? ""}
					onChange={(event) => set({ action: event.target.value })}
					options={[
						{ value: "", label: t("adminAudit.filters.anyEvent") },
						...(isListed || !search.action ? [] : [{ value: search.action, label: search.action }]),
					]}
				>
					{ACTION_CATEGORIES.map((category) => (
						<optgroup key={category} label={t(`adminAudit.categories.${category}`)}>
							<option value={`${category}.`}>
								{t("adminAudit.filters.allOfCategory", { category: t(`adminAudit.categories.${category}`) })}
							</option>
							{KNOWN_ACTIONS.get(category)?.map((action) => (
								<option key={action} value={action}>
									{actionLabel(action)}
								</option>
							))}
						</optgroup>
					))}
				</SelectField>
				<SelectField
					label={t("adminAudit.filters.outcome")}
					value={search.outcome ?? ""}
					onChange={(event) => set({ outcome: event.target.value })}
					options={[
						{ value: "", label: t("adminAudit.filters.any") },
						...AUDIT_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`audit.outcomes.${outcome}`) })),
					]}
				/>
				<UserIdFilter label={t("adminAudit.filters.actor")} value={search.actor} onCommit={(actor) => set({ actor })} />
				<UserIdFilter
					label={t("adminAudit.filters.target")}
					value={search.target}
					onCommit={(target) => set({ target })}
				/>
				<CommitOnEnterField
					label={t("adminAudit.filters.ip")}
					value={search.ip}
					maxLength={AUDIT_IP_MAX_LENGTH}
					onCommit={(ip) => set({ ip })}
				/>
				<LocalDateField label={t("adminAudit.filters.from")} value={search.from} onChange={(from) => set({ from })} />
				<LocalDateField label={t("adminAudit.filters.to")} value={search.to} onChange={(to) => set({ to })} />
			</div>
			{hasFilters(search) && (
				<div>
					<Button variant="link" size="sm" onClick={() => onChange(withoutFilters(search))}>
						{t("adminAudit.filters.clear")}
					</Button>
				</div>
			)}
		</section>
	);
}

interface CommitFieldProps {
	label: string;
	value: string | undefined;
	onCommit: (value: string | undefined) => void;
}

/**
 * A text filter applied on Enter or when leaving the field (not on every keystroke, so typing is
 * not a string of history entries). Shows the URL's value again when it changes by itself.
 */
function CommitOnEnterField({
	label,
	value,
	onCommit,
	hint,
	maxLength,
	validate,
	invalidMessage,
}: CommitFieldProps & {
	hint?: string;
	maxLength?: number;
	validate?: (text: string) => boolean;
	invalidMessage?: string;
}) {
	const [text, setText] = useState(value ?? "");
	const [isInvalid, setIsInvalid] = useState(false);

	useEffect(() => {
		setText(value ?? "");
		setIsInvalid(false);
	}, [value]);

	const commit = () => {
		const trimmed = text.trim();
		if (trimmed !== "" && validate && !validate(trimmed)) {
			setIsInvalid(true);
			return;
		}
		setIsInvalid(false);
		if ((trimmed || undefined) !== value) {
			onCommit(trimmed || undefined);
		}
	};

	return (
		<CommitTextField
			label={label}
			hint={isInvalid ? undefined : hint}
			error={isInvalid ? invalidMessage : undefined}
			value={text}
			maxLength={maxLength}
			onChange={(event) => setText(event.target.value)}
			onCommit={commit}
		/>
	);
}

/** A user-id filter: a malformed id is pointed out and not applied, so the log never fails on it. */
function UserIdFilter(props: CommitFieldProps) {
	const { t } = useTranslation();
	return (
		<CommitOnEnterField
			{...props}
			onCommit={(value) => props.onCommit(value?.toLowerCase())}
			hint={t("adminAudit.filters.userIdHint")}
			validate={isUserId}
			invalidMessage={t("adminAudit.filters.userIdInvalid")}
		/>
	);
}
