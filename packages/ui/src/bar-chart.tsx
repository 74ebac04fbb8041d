import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef } from "react";
import { ChartFigure, paintAxes, useChart } from "./chart-frame";
import { themeColour } from "./chart-theme";

// Only what a bar chart draws, so the rest of Chart.js stays out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface BarChartPoint {
	/** The axis label, already worded and formatted for the reader ("2 Dec"). */
	label: string;
	value: number;
}

export interface BarChartProps {
	/** What the chart shows, e.g. "New users per day over the last 30 days": the picture's name. */
	label: string;
	points: readonly BarChartPoint[];
	/** Headers of the table equivalent: the label column and the value column. */
	columns: readonly [string, string];
	/** The disclosure that opens the table equivalent, e.g. "Show as a table". */
	tableToggle: string;
	/** How a value reads on the axis, in the tooltip and in the table (the reader's number format). */
	formatValue: (value: number) => string;
	/** Height of the drawing area. */
	height?: string;
}

/** The chart's colours from the tokens (again after the theme or the tenant's accent changes). */
function paint(chart: Chart<"bar">, canvas: HTMLCanvasElement) {
	const dataset = chart.data.datasets[0];
	if (dataset) dataset.backgroundColor = themeColour(canvas, "--ui-color-primary");
	paintAxes(chart, canvas);
}

/**
 * A bar chart with axes (Chart.js on a canvas) and, for anyone who cannot see it, the same figures
 * as a table behind a disclosure: the canvas is one named image, the table holds every value.
 * Colours come from the design tokens, so the light and dark themes both apply; no animation when
 * the reader asks for reduced motion.
 */
export function BarChart({ label, points, columns, tableToggle, formatValue, height = "12rem" }: BarChartProps) {
	// The latest formatter, read by the chart's callbacks without recreating the chart.
	const format = useRef(formatValue);
	format.current = formatValue;
	const { canvasRef, chartRef } = useChart<"bar">(
		(canvas, animation) =>
			new Chart(canvas, {
				type: "bar",
				data: { labels: [], datasets: [{ data: [], borderRadius: 2, maxBarThickness: 24 }] },
				options: {
					responsive: true,
					maintainAspectRatio: false,
					animation,
					plugins: {
						legend: { display: false },
						tooltip: { callbacks: { label: (item) => format.current(Number(item.raw)) } },
					},
					scales: {
						x: { ticks: { autoSkip: true, maxRotation: 0 }, grid: { display: false } },
						y: {
							beginAtZero: true,
							ticks: { precision: 0, callback: (value) => format.current(Number(value)) },
							grid: {},
						},
					},
				},
			}),
		paint,
		[],
	);

	useEffect(() => {
		const chart = chartRef.current;
		if (!chart) return;
		chart.data.labels = points.map((point) => point.label);
		const dataset = chart.data.datasets[0];
		if (dataset) dataset.data = points.map((point) => point.value);
		chart.update();
	}, [points]);

	return (
		<ChartFigure
			label={label}
			height={height}
			tableToggle={tableToggle}
			canvasRef={canvasRef}
			table={
				<>
					<thead>
						<tr>
							<th scope="col">{columns[0]}</th>
							<th scope="col">{columns[1]}</th>
						</tr>
					</thead>
					<tbody>
						{points.map((point) => (
							<tr key={point.label}>
								<th scope="row">{point.label}</th>
								<td>{formatValue(point.value)}</td>
							</tr>
						))}
					</tbody>
				</>
			}
		/>
	);
}
