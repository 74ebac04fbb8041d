import "../activity.css";
import { SelectField } from "@tessera/ui/select-field";
import { useTranslation } from "react-i18next";
import { ACTIVITY_CATEGORIES, type ActivitySearch, withChanges } from "../activity-search";

export interface ActivityFiltersProps {
	search: ActivitySearch;
	onChange: (search: ActivitySearch) => void;
}

/** Which kind of activity to show. A change lands in the URL and starts again at the newest events. */
export function ActivityFilters({ search, onChange }: ActivityFiltersProps) {
	const { t } = useTranslation();
	return (
		<div className="activity-filters">
			<SelectField
				label={t("activity.filters.category")}
				value={search.category ?? ""}
				onChange={(event) => onChange(withChanges(search, { category: event.target.value }))}
				options={[
					{ value: "", label: t("activity.filters.all") },
					...ACTIVITY_CATEGORIES.map((category) => ({
						value: category,
						label: t(`activity.categories.${category}`),
					})),
				]}
			/>
		</div>
	);
}
