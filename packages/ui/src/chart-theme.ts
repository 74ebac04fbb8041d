/**
 * A design token's colour as Chart.js can draw it. A custom property reads back as it was
 * written (`light-dark(…)`, `var(…)`), which Chart.js cannot parse and would draw black; a real
 * property reads back resolved, so a probe's `color` gives the token's colour in the current theme.
 */
export function themeColour(near: Element, token: string): string {
	const probe = document.createElement("span");
	probe.style.color = `var(${token})`;
	probe.style.display = "none";
	(near.parentElement ?? near).appendChild(probe);
	const colour = getComputedStyle(probe).color;
	probe.remove();
	return colour;
}

/**
 * Calls `repaint` whenever the colours can change while a chart is shown: the system's scheme,
 * the visitor's choice (`data-theme` on <html>) or the tenant's accent (a style on <html>).
 * Returns the function that stops watching.
 */
export function watchTheme(repaint: () => void): () => void {
	const scheme = window.matchMedia?.("(prefers-color-scheme: dark)");
	scheme?.addEventListener("change", repaint);
	const observer = new MutationObserver(repaint);
	observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "style"] });
	return () => {
		scheme?.removeEventListener("change", repaint);
		observer.disconnect();
	};
}
