import { createLazyRoute } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ProfileDetails } from "../features/profile/components/profile-details";
import { ProfileForm } from "../features/profile/components/profile-form";
import { useMe } from "../features/profile/hooks/use-me";

export const route = createLazyRoute("/_authed/")({ component: ProfilePage });

function ProfilePage() {
	const { t } = useTranslation();
	const me = useMe();
	return (
		<div className="portal-stack portal-stack--lg">
			<header className="portal-page-header">
				<h1>{t("profile.title")}</h1>
				<p className="portal-muted">{t("profile.subtitle")}</p>
			</header>
			<ProfileDetails me={me} />
			{/* Keyed by user so another account's values can never linger in the form state. */}
			<ProfileForm key={me.id} me={me} />
		</div>
	);
}
