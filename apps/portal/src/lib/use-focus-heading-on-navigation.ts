import { useRouter } from "@tanstack/react-router";
import { useEffect } from "react";

/** How long a lazily loaded page may take to show its heading before we stop waiting. */
const HEADING_WAIT_MS = 3_000;

/**
 * After a navigation to another page, moves keyboard focus to the new page's main heading, as a
 * full page load would put a screen reader at the top: otherwise focus stays on the link or
 * button that left (or falls to <body> when it went away, as after signing in) and the change
 * is not announced (WCAG 2.4.3). Only when the path changes: a filter or page number written to
 * the address keeps focus where the person is typing. The first load is left to the browser.
 */
export function useFocusHeadingOnNavigation(): void {
	const router = useRouter();
	useEffect(() => {
		let stopWaiting: (() => void) | undefined;
		const unsubscribe = router.subscribe("onRendered", (event) => {
			if (!event.fromLocation || !event.pathChanged) return;
			stopWaiting?.();
			stopWaiting = whenHeadingShows((heading) => {
				if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
				heading.focus();
			});
		});
		return () => {
			stopWaiting?.();
			unsubscribe();
		};
	}, [router]);
}

/** Calls `found` with the page's h1 once it is in the document (lazy pages render it later). */
function whenHeadingShows(found: (heading: HTMLElement) => void): () => void {
	const existing = document.querySelector<HTMLElement>("h1");
	if (existing) {
		found(existing);
		return () => undefined;
	}
	const observer = new MutationObserver(() => {
		const heading = document.querySelector<HTMLElement>("h1");
		if (heading) {
			stop();
			found(heading);
		}
	});
	const timer = setTimeout(() => stop(), HEADING_WAIT_MS);
	const stop = () => {
		observer.disconnect();
		clearTimeout(timer);
	};
	observer.observe(document.body, { childList: true, subtree: true });
	return stop;
}
