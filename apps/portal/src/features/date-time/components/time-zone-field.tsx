import { ComboboxField } from "@tessera/ui/combobox-field";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { canonicalTimeZone, listTimeZones, searchTimeZones, timeZoneOptions } from "../../../lib/dates";

export interface TimeZoneFieldProps {
	label: string;
	/** Help under the field, before the note on how to search. */
	hint?: string;
	error?: ReactNode;
	name?: string;
	/** The chosen zone (an IANA name; a legacy one shows as its current name). */
	value: string;
	/** Called with the current IANA name of the zone picked ("" for `unsetLabel`'s option). */
	onChange: (zone: string) => void;
	/**
	 * Offers "no zone" as the first option, with this label (an administrator may leave a user's
	 * zone unset, so the user's own device decides). Without it a zone is required.
	 */
	unsetLabel?: string;
}

/**
 * Picks a time zone by typing a city, a zone name, a legacy name (Calcutta), an abbreviation
 * (PST) or an offset (+5:30), from every zone the browser knows, ordered by offset.
 */
export function TimeZoneField({ label, hint, error, name, value, onChange, unsetLabel }: TimeZoneFieldProps) {
	const { t } = useTranslation();
	// Offsets are those of today; the page is not open across a daylight-saving change for long.
	const zones = useMemo(() => timeZoneOptions(listTimeZones([value]), new Date()), [value]);
	const options = useMemo(
		() => (unsetLabel === undefined ? zones : [{ value: "", label: unsetLabel }, ...zones]),
		[zones, unsetLabel],
	);
	const searchHint = t("dateTime.timeZone.hint");
	return (
		<ComboboxField
			label={label}
			hint={hint ? `${hint} ${searchHint}` : searchHint}
			error={error}
			name={name}
			options={options}
			value={canonicalTimeZone(value)}
			onChange={onChange}
			filter={(query) => searchTimeZones(zones, query)}
			noMatches={t("dateTime.timeZone.noMatches")}
			toggleLabel={t("dateTime.timeZone.showAll")}
			resultsStatus={(count) => t("dateTime.timeZone.results", { count })}
		/>
	);
}
