import { type MouseEvent, type ReactNode, useId, useLayoutEffect, useState } from "react";
import { cn } from "./cn";

export interface AppShellProps {
	/** Product name or logo, shown at the top of the sidebar (the start of the header on phones). */
	brand: ReactNode;
	/** Navigation links (rendered inside a labelled `<nav>`), e.g. `AppShellNavGroup`s. */
	nav?: ReactNode;
	/** Accessible name of the navigation landmark, e.g. "Main navigation". */
	navLabel?: string;
	/** Name of the button that opens the navigation on small screens, e.g. "Menu". */
	menuLabel?: string;
	/** The signed-in user's name and actions: at the foot of the sidebar, in the menu on phones. */
	user?: ReactNode;
	/** Choices about how the portal looks (a `ThemeSelect`): just above the user area. */
	preferences?: ReactNode;
	/** Text of the skip link, e.g. "Skip to content"; it becomes visible on keyboard focus. */
	skipLinkLabel: string;
	/** Id of the main element that the skip link targets. */
	mainId?: string;
	className?: string;
	children: ReactNode;
}

/**
 * Page frame. From 64rem wide, a sidebar holds the brand, the navigation and the user area,
 * and the page sits beside it; narrower, a compact header shows the brand and a "Menu" button
 * (a disclosure: `aria-expanded`) that opens the navigation and user area under it, and closes
 * again on Escape or once a link is followed. Without navigation there is nothing to hide, so the
 * user area stays in the header. The first focusable element is a skip link to the content.
 */
export function AppShell({
	brand,
	nav,
	navLabel,
	menuLabel = "Menu",
	user,
	preferences,
	skipLinkLabel,
	mainId = "main-content",
	className,
	children,
}: AppShellProps) {
	const [open, setOpen] = useState(false);
	const panelId = useId();
	const closeOnLink = (event: MouseEvent<HTMLElement>) => {
		if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
	};
	// A layout effect: the listener is there as soon as the menu is, not a frame later.
	useLayoutEffect(() => {
		if (!open) return;
		// Escape closes the open menu from wherever focus is, and gives focus back to its button.
		const onKeyDown = (event: globalThis.KeyboardEvent) => {
			if (event.key !== "Escape") return;
			setOpen(false);
			document.getElementById(`${panelId}-toggle`)?.focus();
		};
		document.addEventListener("keydown", onKeyDown);
		return () => document.removeEventListener("keydown", onKeyDown);
	}, [open, panelId]);
	return (
		<div className={cn("ui-shell", nav ? "ui-shell--with-nav" : undefined, className)}>
			<a className="ui-skip-link" href={`#${mainId}`}>
				{skipLinkLabel}
			</a>
			<header className="ui-shell__header">
				<div className="ui-shell__bar">
					<div className="ui-shell__brand">{brand}</div>
					{nav && (
						<button
							type="button"
							id={`${panelId}-toggle`}
							className="ui-shell__menu-button"
							aria-expanded={open}
							aria-controls={panelId}
							onClick={() => setOpen((current) => !current)}
						>
							<span className="ui-shell__menu-icon" aria-hidden="true" />
							{menuLabel}
						</button>
					)}
				</div>
				<div id={panelId} className="ui-shell__panel" data-open={open || undefined}>
					{nav && (
						// biome-ignore lint/a11y/useKeyWithClickEvents: only closes the menu after a link was followed; links handle keys themselves
						<nav className="ui-shell__nav" aria-label={navLabel} onClick={closeOnLink}>
							{nav}
						</nav>
					)}
					{preferences && <div className="ui-shell__preferences">{preferences}</div>}
					{user && <div className="ui-shell__user">{user}</div>}
				</div>
			</header>
			{/* tabIndex -1 lets the skip link move focus here, not only scroll. */}
			<main id={mainId} className="ui-shell__main" tabIndex={-1}>
				{children}
			</main>
		</div>
	);
}

/** A titled group of navigation links ("Your account", "Administration"): a heading and a list. */
export function AppShellNavGroup({ title, children }: { title?: string; children: ReactNode }) {
	const headingId = useId();
	return (
		<div className="ui-shell__nav-group">
			{title && (
				<p className="ui-shell__nav-heading" id={headingId}>
					{title}
				</p>
			)}
			<ul aria-labelledby={title ? headingId : undefined}>{children}</ul>
		</div>
	);
}
