import type { ReactNode } from "react";
import { cn } from "./cn";

export interface AppShellProps {
	/** Product name or logo, shown at the start of the header. */
	brand: ReactNode;
	/** Navigation links (rendered inside a labelled `<nav>`). */
	nav?: ReactNode;
	/** Accessible name of the navigation landmark, e.g. "Main navigation". */
	navLabel?: string;
	/** The signed-in user's name and actions, at the end of the header. */
	user?: ReactNode;
	/** Text of the skip link, e.g. "Skip to content"; it becomes visible on keyboard focus. */
	skipLinkLabel: string;
	/** Id of the main element that the skip link targets. */
	mainId?: string;
	className?: string;
	children: ReactNode;
}

/**
 * Page frame: a header (brand, navigation, user area) and the main content. The first
 * focusable element is a skip link, so keyboard users can jump past the header.
 */
export function AppShell({
	brand,
	nav,
	navLabel,
	user,
	skipLinkLabel,
	mainId = "main-content",
	className,
	children,
}: AppShellProps) {
	return (
		<div className={cn("ui-shell", className)}>
			<a className="ui-skip-link" href={`#${mainId}`}>
				{skipLinkLabel}
			</a>
			<header className="ui-shell__header">
				<div className="ui-shell__header-inner">
					<div className="ui-shell__brand">{brand}</div>
					{nav && (
						<nav className="ui-shell__nav" aria-label={navLabel}>
							{nav}
						</nav>
					)}
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
