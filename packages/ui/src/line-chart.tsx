import {
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip,
} from "chart.js";
import { useEffect, useRef } from "react";
import { ChartFigure, paintAxes, useChart } from "./chart-frame";
import { themeColour } from "./chart-theme";

// Only what a line chart draws, so the rest of Chart.js stays out of the bundle.
Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface LineChartSeries {
	/** The series' name, already worded for the reader ("Failed sign-ins"): legend and column header. */
	label: string;
	/** One value per entry of `labels`. */
	values: readonly number[];
}

export interface LineChartProps {
	/** What the chart shows, e.g. "Sign-ins per day over the last 30 days": the picture's name. */
	label: string;
	/** The x axis, already worded and formatted for the reader ("2 Dec"). */
	labels: readonly string[];
	/** Up to four series; each is told apart by colour, dash and point shape, not colour alone. */
	series: readonly LineChartSeries[];
	/** Header of the table equivalent's first column (what `labels` are, e.g. "Day"). */
	labelColumn: string;
	/** The disclosure that opens the table equivalent, e.g. "Show as a table". */
	tableToggle: string;
	/** How a value reads on the axis, in the tooltip and in the table (the reader's number format). */
	formatValue: (value: number) => string;
	/** The top of the value axis when the values have one (1 for shares); otherwise it fits the data. */
	max?: number;
	/** Whole numbers only on the value axis (counts), or any step (shares). */
	integers?: boolean;
	height?: string;
}

/** Design tokens the series take their colours from, in order, so both themes apply. */
const SERIES_COLOURS = ["--ui-color-primary", "--ui-color-danger", "--ui-warning-fg", "--ui-success-fg"];
const SERIES_DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
const SERIES_POINTS = ["circle", "rect", "triangle", "rectRot"] as const;

/** The chart's colours from the tokens: at every data change and again when the theme changes. */
function paint(chart: Chart<"line">, canvas: HTMLCanvasElement) {
	chart.data.datasets.forEach((dataset, index) => {
		const colour = themeColour(canvas, SERIES_COLOURS[index % SERIES_COLOURS.length] ?? "--ui-color-primary");
		dataset.borderColor = colour;
		dataset.backgroundColor = colour;
	});
	paintAxes(chart, canvas);
	const legend = chart.options.plugins?.legend?.labels;
	if (legend) legend.color = themeColour(canvas, "--ui-color-text-muted");
}

/**
 * A line chart with axes and a legend (Chart.js on a canvas) and, for anyone who cannot see it,
 * the same figures as a table behind a disclosure: the canvas is one named image, the table holds
 * every value of every series. Like `BarChart`, colours follow the theme and motion is off when
 * the reader asks for reduced motion.
 */
export function LineChart({
	label,
	labels,
	series,
	labelColumn,
	tableToggle,
	formatValue,
	max,
	integers = true,
	height = "12rem",
}: LineChartProps) {
	// The latest formatter, read by the chart's callbacks without recreating the chart.
	const format = useRef(formatValue);
	format.current = formatValue;
	const { canvasRef, chartRef } = useChart<"line">(
		(canvas, animation) =>
			new Chart(canvas, {
				type: "line",
				data: { labels: [], datasets: [] },
				options: {
					responsive: true,
					maintainAspectRatio: false,
					animation,
					interaction: { mode: "index", intersect: false },
					plugins: {
						legend: { labels: { usePointStyle: true, boxHeight: 6 } },
						tooltip: {
							callbacks: { label: (item) => `${item.dataset.label ?? ""}: ${format.current(Number(item.raw))}` },
						},
					},
					scales: {
						x: { ticks: { autoSkip: true, maxRotation: 0 }, grid: { display: false } },
						y: {
							beginAtZero: true,
							...(max === undefined ? {} : { max }),
							ticks: {
								...(integers ? { precision: 0 } : {}),
								callback: (value) => format.current(Number(value)),
							},
							grid: {},
						},
					},
				},
			}),
		paint,
		[max, integers],
	);

	useEffect(() => {
		const chart = chartRef.current;
		const canvas = canvasRef.current;
		if (!chart || !canvas) return;
		chart.data.labels = [...labels];
		chart.data.datasets = series.map((s, index) => ({
			label: s.label,
			data: [...s.values],
			borderDash: SERIES_DASHES[index % SERIES_DASHES.length] ?? [],
			pointStyle: SERIES_POINTS[index % SERIES_POINTS.length] ?? "circle",
			pointRadius: 2,
			borderWidth: 2,
			tension: 0.2,
		}));
		paint(chart, canvas);
		chart.update();
	}, [labels, series]);

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
							<th scope="col">{labelColumn}</th>
							{series.map((s) => (
								<th key={s.label} scope="col">
									{s.label}
								</th>
							))}
						</tr>
					</thead>
					<tbody>
						{labels.map((rowLabel, row) => (
							<tr key={rowLabel}>
								<th scope="row">{rowLabel}</th>
								{series.map((s) => (
									<td key={s.label}>{formatValue(s.values[row] ?? 0)}</td>
								))}
							</tr>
						))}
					</tbody>
				</>
			}
		/>
	);
}
