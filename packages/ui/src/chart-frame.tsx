import type { Chart, ChartType } from "chart.js";
import { type DependencyList, type ReactNode, type RefObject, useEffect, useRef } from "react";
import { themeColour, watchTheme } from "./chart-theme";
import { Table } from "./table";

/** How a chart animates: not at all when the reader asks for reduced motion. */
export type ChartAnimation = false | { duration: number };

/** The axes' ticks and grid lines in the theme's muted text and border colours. */
export function paintAxes(chart: Chart<"bar"> | Chart<"line">, canvas: HTMLCanvasElement): void {
	const muted = themeColour(canvas, "--ui-color-text-muted");
	const { x, y } = chart.options.scales ?? {};
	if (x?.ticks) x.ticks.color = muted;
	if (y?.ticks) y.ticks.color = muted;
	if (y?.grid) y.grid.color = themeColour(canvas, "--ui-color-border");
}

/**
 * A Chart.js chart on the canvas for as long as the component shows it (made again when `deps`
 * change): `create` makes it, `paint` colours it from the design tokens at once and again whenever
 * the theme or the tenant's accent changes, and it is destroyed on unmount. Returns the canvas ref
 * to render and the chart's ref, through which the data is set.
 */
export function useChart<T extends ChartType>(
	create: (canvas: HTMLCanvasElement, animation: ChartAnimation) => Chart<T>,
	paint: (chart: Chart<T>, canvas: HTMLCanvasElement) => void,
	deps: DependencyList,
): { canvasRef: RefObject<HTMLCanvasElement | null>; chartRef: RefObject<Chart<T> | null> } {
	const canvasRef = useRef<HTMLCanvasElement>(null);
	const chartRef = useRef<Chart<T> | null>(null);
	// `create` and `paint` are read when the chart is made; `deps` say what makes it again.
	useEffect(() => {
		const canvas = canvasRef.current;
		if (!canvas) return;
		const reduceMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
		const chart = create(canvas, reduceMotion ? false : { duration: 250 });
		chartRef.current = chart;
		paint(chart, canvas);
		chart.update();
		const stopWatching = watchTheme(() => {
			paint(chart, canvas);
			chart.update();
		});
		return () => {
			stopWatching();
			chart.destroy();
			chartRef.current = null;
		};
	}, deps);
	return { canvasRef, chartRef };
}

/**
 * A chart's frame: the canvas as one named image and, for anyone who cannot see it, every value
 * as a table (`table`: its head and body) behind a disclosure.
 */
export function ChartFigure({
	label,
	height,
	tableToggle,
	canvasRef,
	table,
}: {
	label: string;
	height: string;
	tableToggle: string;
	canvasRef: RefObject<HTMLCanvasElement | null>;
	table: ReactNode;
}) {
	return (
		<figure className="ui-chart">
			<div className="ui-chart__canvas" style={{ height }}>
				<canvas ref={canvasRef} role="img" aria-label={label} />
			</div>
			<details className="ui-chart__table">
				<summary>{tableToggle}</summary>
				<Table caption={label}>{table}</Table>
			</details>
		</figure>
	);
}
