import type { QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, type ErrorComponentProps, Link, Outlet, useRouter } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Spinner } from "@tessera/ui/spinner";
import { useTranslation } from "react-i18next";
import { getErrorMessage, supportReferenceOf } from "../lib/errors";
import { useFocusHeadingOnNavigation } from "../lib/use-focus-heading-on-navigation";
import type { TrpcUtils } from "../trpc";

/** What every route's `beforeLoad` and `loader` receive. */
export interface RouterContext {
	queryClient: QueryClient;
	trpcUtils: TrpcUtils;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
	component: RootLayout,
	notFoundComponent: NotFoundPage,
	errorComponent: RouteErrorPage,
	pendingComponent: PendingPage,
});

function RootLayout() {
	useFocusHeadingOnNavigation();
	return <Outlet />;
}

export function PendingPage() {
	const { t } = useTranslation();
	return (
		<div className="portal-center">
			<Spinner size="lg" label={t("app.loading")} />
		</div>
	);
}

function NotFoundPage() {
	const { t } = useTranslation();
	return (
		<div className="portal-center portal-stack">
			<h1>{t("notFound.title")}</h1>
			<p>{t("notFound.body")}</p>
			<Link to="/">{t("notFound.home")}</Link>
		</div>
	);
}

function RouteErrorPage({ error, reset }: ErrorComponentProps) {
	const { t } = useTranslation();
	const router = useRouter();
	const correlationId = supportReferenceOf(error);
	return (
		<div className="portal-center">
			<Alert
				tone="error"
				title={t("routeError.title")}
				action={
					<Button
						variant="secondary"
						size="sm"
						onClick={() => {
							reset();
							void router.invalidate();
						}}
					>
						{t("routeError.retry")}
					</Button>
				}
			>
				<p>{getErrorMessage(error, t)}</p>
				{correlationId && <p className="portal-error-detail">{t("errors.reference", { id: correlationId })}</p>}
			</Alert>
		</div>
	);
}
