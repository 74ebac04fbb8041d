import "@tessera/ui/styles.css";
import "./portal.css";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { initI18n } from "./i18n/i18n";
import { hasDomainCode, isRetryableError } from "./lib/errors";
import { forgetUserData } from "./lib/forget-user-data";
import { createPortalRouter } from "./router";
import { createTrpcClient, createTrpcUtils, trpc } from "./trpc";

/**
 * The session gained required actions while a page was open (an administrator asked for them):
 * the API now refuses everything else, so reload `me` and go to the page that completes them.
 */
function handleRequiredActions(error: unknown) {
	if (
		!hasDomainCode(error, "AUTH.REQUIRED_ACTIONS_PENDING") ||
		router.state.location.pathname === "/required-actions"
	) {
		return;
	}
	void trpcUtils.me.invalidate().then(() => router.navigate({ to: "/required-actions" }));
}

/**
 * A session that ends while a page is open (idle timeout, revoked elsewhere) answers
 * AUTH.UNAUTHENTICATED on the next call: send the person to sign in again, then come back.
 * Wrong credentials on the sign-in form are a different code and stay on the form.
 */
function handleSessionEnded(error: unknown) {
	if (!hasDomainCode(error, "AUTH.UNAUTHENTICATED") || router.state.location.pathname === "/sign-in") {
		return;
	}
	const redirect = router.state.location.href;
	// Leave first, then forget the cache, so no signed-in page re-renders with empty data.
	void router.navigate({ to: "/sign-in", search: { redirect } }).then(() => forgetUserData(queryClient));
}

const queryClient = new QueryClient({
	queryCache: new QueryCache({
		onError: (error, query) => {
			// Route guards fetch without observers and redirect on their own; only react to
			// queries a mounted page is showing.
			if (query.getObserversCount() > 0) {
				handleSessionEnded(error);
				handleRequiredActions(error);
			}
		},
	}),
	mutationCache: new MutationCache({
		onError: (error) => {
			handleSessionEnded(error);
			handleRequiredActions(error);
		},
	}),
	defaultOptions: {
		queries: {
			staleTime: 30_000,
			retry: (failureCount, error) => failureCount < 2 && isRetryableError(error),
		},
	},
});
const trpcClient = createTrpcClient();
const trpcUtils = createTrpcUtils(queryClient, trpcClient);
const router = createPortalRouter({ queryClient, trpcUtils });

const container = document.getElementById("root");
if (!container) {
	throw new Error("index.html has no #root element");
}

const root = createRoot(container);
// The visitor's dictionary first, so no page renders its keys instead of its text.
void initI18n().then(() =>
	root.render(
		<StrictMode>
			<trpc.Provider client={trpcClient} queryClient={queryClient}>
				<QueryClientProvider client={queryClient}>
					<RouterProvider router={router} />
				</QueryClientProvider>
			</trpc.Provider>
		</StrictMode>,
	),
);
