import { USER_SEARCH_MAX_LENGTH } from "@tessera/core/users/user-list.schema";
import "../admin-users.css";
import { Button } from "@tessera/ui/button";
import { type FilterChip, FilterChips } from "@tessera/ui/filter-chips";
import { SelectField } from "@tessera/ui/select-field";
import { TextField } from "@tessera/ui/text-field";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useRoleName } from "../../admin-roles/hooks/use-role-label";
import { LocalDateField } from "../../date-time/components/local-date-field";
import { useAccountOptions } from "../hooks/use-account-options";
import type { RoleOption } from "../hooks/use-role-options";
import {
	ALL_STATES,
	FILTER_KEYS,
	hasFilters,
	MFA_METHODS,
	type SearchChanges,
	USER_STATES,
	USER_TYPES,
	type UsersSearch,
	withFilter,
	withoutFilters,
} from "../users-search";

/** How long typing may pause before the list follows the search box. */
const SEARCH_DEBOUNCE_MS = 300;

export interface UsersFiltersProps {
	search: UsersSearch;
	onChange: (search: UsersSearch) => void;
	/** The tenant's roles, or null when the admin may not read roles (no role filter then). */
	roles: RoleOption[] | null;
}

/**
 * Search box and filters of the user list. Every change lands in the URL and starts at page one.
 * The search box stays in view; the other filters fold behind "Filters (n)", and each one that is
 * set shows as a chip that removes it, so the first screen is the list, not its controls.
 */
export function UsersFilters({ search, onChange, roles }: UsersFiltersProps) {
	const { t, i18n } = useTranslation();
	const roleName = useRoleName();
	const accounts = useAccountOptions();
	const [open, setOpen] = useState(false);
	const panelId = useId();
	const set = (changes: SearchChanges) => onChange(withFilter(search, changes));
	const any = { value: "", label: t("adminUsers.filters.any") };

	const roleOptions = roles ? [...roles] : [];
	// A role from a shared link that this admin's list does not know is still shown as chosen.
	if (search.role && !roleOptions.some((role) => role.key === search.role)) {
		roleOptions.push({ key: search.role, name: search.role });
	}

	const day = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? "en", { dateStyle: "medium", timeZone: "UTC" });
	const wordsFor: { [K in (typeof FILTER_KEYS)[number]]: (value: NonNullable<UsersSearch[K]>) => string } = {
		q: (value) => value,
		state: (value) => (value === ALL_STATES ? t("adminUsers.filters.stateAll") : t(`states.${value}`)),
		role: (value) => roleName(roleOptions.find((role) => role.key === value) ?? { key: value, name: value }),
		type: (value) => t(`userTypes.${value}`),
		mfa: (value) => onOffWords("mfa")[value],
		method: (value) => t(`adminUsers.mfaMethods.${value}`),
		passkey: (value) => onOffWords("passkey")[value],
		account: (value) =>
			accounts.options.find((option) => option.value === value)?.label.trim() ?? t("adminUsers.filters.accountUnknown"),
		from: (value) => day.format(new Date(`${value}T00:00:00Z`)),
		to: (value) => day.format(new Date(`${value}T00:00:00Z`)),
	};
	const labelOf: { [K in (typeof FILTER_KEYS)[number]]: string } = {
		q: t("adminUsers.filters.search"),
		state: t("adminUsers.filters.state"),
		role: t("adminUsers.filters.role"),
		type: t("adminUsers.filters.type"),
		mfa: t("adminUsers.filters.mfa"),
		method: t("adminUsers.filters.method"),
		passkey: t("adminUsers.filters.passkey"),
		account: t("adminUsers.filters.account"),
		from: t("adminUsers.filters.createdFrom"),
		to: t("adminUsers.filters.createdTo"),
	};
	// Two-step verification and passkeys are each on or off: the same words in the select and its chip.
	const onOffWords = (key: "mfa" | "passkey") => ({
		on: t(`adminUsers.filters.${key}On`),
		off: t(`adminUsers.filters.${key}Off`),
	});
	const onOffFilter = (key: "mfa" | "passkey") => (
		<SelectField
			label={labelOf[key]}
			value={search[key] ?? ""}
			onChange={(event) => set({ [key]: event.target.value })}
			options={[any, { value: "on", label: onOffWords(key).on }, { value: "off", label: onOffWords(key).off }]}
		/>
	);
	// The search box shows its own text; every other filter that is set becomes a chip.
	const chips: FilterChip[] = FILTER_KEYS.filter((key) => key !== "q" && search[key] !== undefined).map((key) => {
		const text = `${labelOf[key]}: ${(wordsFor[key] as (value: unknown) => string)(search[key])}`;
		return {
			key,
			label: text,
			removeLabel: t("adminUsers.filters.remove", { filter: text }),
			onRemove: () => set({ [key]: "" }),
		};
	});

	return (
		<section className="admin-users-filters" aria-label={t("adminUsers.filters.label")}>
			<SearchBox search={search} onChange={onChange} />
			<div className="admin-users-filters__bar">
				<Button
					variant="secondary"
					size="sm"
					aria-expanded={open}
					aria-controls={panelId}
					onClick={() => setOpen((current) => !current)}
				>
					{chips.length > 0
						? t("adminUsers.filters.toggleCount", { count: chips.length })
						: t("adminUsers.filters.toggle")}
				</Button>
				<FilterChips label={t("adminUsers.filters.active")} chips={chips} />
				{hasFilters(search) && (
					<Button variant="link" size="sm" onClick={() => onChange(withoutFilters(search))}>
						{t("adminUsers.filters.clear")}
					</Button>
				)}
			</div>
			<div id={panelId} className="admin-users-filters__grid" hidden={!open}>
				<SelectField
					label={t("adminUsers.filters.state")}
					value={search.state ?? ""}
					onChange={(event) => set({ state: event.target.value })}
					options={[
						{ value: "", label: t("adminUsers.filters.stateAny") },
						...USER_STATES.map((state) => ({ value: state, label: t(`states.${state}`) })),
						{ value: ALL_STATES, label: t("adminUsers.filters.stateAll") },
					]}
				/>
				{roles && (
					<SelectField
						label={t("adminUsers.filters.role")}
						value={search.role ?? ""}
						onChange={(event) => set({ role: event.target.value })}
						options={[any, ...roleOptions.map((role) => ({ value: role.key, label: roleName(role) }))]}
					/>
				)}
				<SelectField
					label={t("adminUsers.filters.type")}
					value={search.type ?? ""}
					onChange={(event) => set({ type: event.target.value })}
					options={[any, ...USER_TYPES.map((type) => ({ value: type, label: t(`userTypes.${type}`) }))]}
				/>
				{onOffFilter("mfa")}
				<SelectField
					label={t("adminUsers.filters.method")}
					value={search.method ?? ""}
					onChange={(event) => set({ method: event.target.value })}
					options={[
						any,
						...MFA_METHODS.map((method) => ({ value: method, label: t(`adminUsers.mfaMethods.${method}`) })),
					]}
				/>
				{onOffFilter("passkey")}
				<AccountFilter accounts={accounts} value={search.account} onChange={(account) => set({ account })} />
				<LocalDateField
					label={t("adminUsers.filters.createdFrom")}
					value={search.from}
					onChange={(from) => set({ from })}
				/>
				<LocalDateField label={t("adminUsers.filters.createdTo")} value={search.to} onChange={(to) => set({ to })} />
			</div>
		</section>
	);
}

/**
 * The search box. The list follows after a short pause in typing (or at once on Enter); the URL
 * changes only then, so every keystroke is not a history entry. When the URL changes by itself
 * (back, forward, "Clear filters"), the box shows its text again.
 */
function SearchBox({ search, onChange }: Pick<UsersFiltersProps, "search" | "onChange">) {
	const { t } = useTranslation();
	const committed = search.q ?? "";
	const [text, setText] = useState(committed);
	// The latest props, so a pending timer never commits against an outdated view.
	const latest = useRef({ search, onChange });
	latest.current = { search, onChange };

	useEffect(() => {
		setText((current) => (current.trim() === committed ? current : committed));
	}, [committed]);

	useEffect(() => {
		if (text.trim() === committed) {
			return;
		}
		const timer = setTimeout(() => {
			latest.current.onChange(withFilter(latest.current.search, { q: text }));
		}, SEARCH_DEBOUNCE_MS);
		return () => clearTimeout(timer);
	}, [text, committed]);

	const submit = (event: FormEvent) => {
		event.preventDefault();
		if (text.trim() !== committed) {
			onChange(withFilter(search, { q: text }));
		}
	};

	return (
		<search>
			<form onSubmit={submit}>
				<TextField
					type="search"
					label={t("adminUsers.filters.search")}
					hint={t("adminUsers.filters.searchHint")}
					value={text}
					maxLength={USER_SEARCH_MAX_LENGTH}
					autoComplete="off"
					spellCheck={false}
					onChange={(event) => setText(event.target.value)}
				/>
			</form>
		</search>
	);
}

/**
 * The primary-account filter: the accounts whose users the admin may read, sub-accounts indented
 * under their parents. The URL keeps the account id. An id in the URL that is not in the list
 * (a link from an admin who sees other accounts, or a deleted account) still filters, as the
 * link asked, and is shown as "Unknown account" so the admin can see and clear it.
 */
function AccountFilter({
	accounts,
	value,
	onChange,
}: {
	accounts: ReturnType<typeof useAccountOptions>;
	value: string | undefined;
	onChange: (account: string) => void;
}) {
	const { t } = useTranslation();
	const options = [...accounts.options];
	if (value && !options.some((option) => option.value === value)) {
		options.push({
			value,
			label: accounts.isPending ? t("app.loading") : t("adminUsers.filters.accountUnknown"),
		});
	}
	return (
		<SelectField
			label={t("adminUsers.filters.account")}
			hint={accounts.error ? t("adminUsers.filters.accountsFailed") : t("adminUsers.filters.accountHint")}
			value={value ?? ""}
			onChange={(event) => onChange(event.target.value)}
			options={[{ value: "", label: t("adminUsers.filters.any") }, ...options]}
		/>
	);
}
