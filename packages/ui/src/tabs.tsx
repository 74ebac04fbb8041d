import { type KeyboardEvent, type ReactNode, useId, useLayoutEffect, useRef } from "react";
import { cn } from "./cn";

export interface TabItem<K extends string> {
	/** Stable key of the tab, e.g. the value the page keeps in its URL. */
	id: K;
	label: ReactNode;
	panel: ReactNode;
}

export interface TabsProps<K extends string> {
	/** Accessible name of the tab list, e.g. "Sections of this user". */
	label: string;
	tabs: readonly TabItem<K>[];
	/** The selected tab; an id that is not among `tabs` selects the first. */
	selected: K;
	onSelect: (id: K) => void;
	className?: string;
}

/**
 * Where focus goes from the tab at `index` of `count` after `key`, or null when the key is not a
 * tab-list key (so the browser keeps its own meaning, such as Tab leaving the list). Left and
 * Right wrap around, as the WAI-ARIA tabs pattern recommends, so the ends are never a dead stop.
 */
export function tabIndexAfterKey(key: string, index: number, count: number): number | null {
	if (count === 0) return null;
	switch (key) {
		case "ArrowRight":
			return (index + 1) % count;
		case "ArrowLeft":
			return (index - 1 + count) % count;
		case "Home":
			return 0;
		case "End":
			return count - 1;
		default:
			return null;
	}
}

/**
 * Tabs after the WAI-ARIA Authoring Practices pattern: one tab stop for the whole list (roving
 * tabindex), Left/Right/Home/End move between tabs, and Tab moves on into the panel.
 *
 * Activation is automatic (a tab is selected as soon as it has focus): every panel is already
 * rendered, so showing one costs nothing, and the pattern recommends automatic activation when
 * panels show without delay. Inactive panels stay mounted but `hidden`, so a half-filled form in
 * one tab survives a look at another, and every `aria-controls` points at an element that exists.
 */
export function Tabs<K extends string>({ label, tabs, selected, onSelect, className }: TabsProps<K>) {
	const baseId = useId();
	const buttons = useRef<(HTMLButtonElement | null)[]>([]);
	const current = tabs.some((tab) => tab.id === selected) ? selected : tabs[0]?.id;
	const list = useRef<HTMLDivElement>(null);
	const tabId = (id: K) => `${baseId}-tab-${id}`;
	const panelId = (id: K) => `${baseId}-panel-${id}`;

	// A tab opened from a link or a reload may sit past the edge of a list that scrolls sideways
	// on a phone: scroll the list (only the list: scrollIntoView would move the page too).
	useLayoutEffect(() => {
		const box = list.current;
		const tab = buttons.current[tabs.findIndex((item) => item.id === current)];
		if (!box || !tab) return;
		const inner = box.getBoundingClientRect();
		const outer = tab.getBoundingClientRect();
		if (outer.right > inner.right) box.scrollLeft += outer.right - inner.right;
		else if (outer.left < inner.left) box.scrollLeft -= inner.left - outer.left;
	}, [current, tabs]);

	const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
		const index = tabs.findIndex((tab) => tab.id === current);
		const next = tabIndexAfterKey(event.key, index, tabs.length);
		const target = next === null ? undefined : tabs[next];
		if (next === null || !target) return;
		event.preventDefault();
		// Focus first: the list may scroll sideways at narrow widths, and focus brings the tab into view.
		buttons.current[next]?.focus();
		onSelect(target.id);
	};

	return (
		<div className={cn("ui-tabs", className)}>
			<div ref={list} role="tablist" aria-label={label} className="ui-tabs__list" onKeyDown={onKeyDown}>
				{tabs.map((tab, index) => {
					const isSelected = tab.id === current;
					return (
						<button
							key={tab.id}
							ref={(element) => {
								buttons.current[index] = element;
							}}
							type="button"
							role="tab"
							id={tabId(tab.id)}
							aria-selected={isSelected}
							aria-controls={panelId(tab.id)}
							tabIndex={isSelected ? 0 : -1}
							className="ui-tabs__tab"
							onClick={() => onSelect(tab.id)}
						>
							{tab.label}
						</button>
					);
				})}
			</div>
			{tabs.map((tab) => (
				<div
					key={tab.id}
					role="tabpanel"
					id={panelId(tab.id)}
					aria-labelledby={tabId(tab.id)}
					// biome-ignore lint/a11y/noNoninteractiveTabindex: the panels open with a card heading, not a control, so the WAI-ARIA tabs pattern makes the panel itself the next tab stop after the list.
					tabIndex={0}
					hidden={tab.id !== current}
					className="ui-tabs__panel"
				>
					{tab.panel}
				</div>
			))}
		</div>
	);
}
