import { loadavg } from "node:os";

/** The machine's 1, 5 and 15 minute load averages, as every bench prints them beside a figure. */
export function loadAverage(): string {
	return loadavg()
		.map((value) => value.toFixed(2))
		.join(" ");
}

/** The `q` quantile (0..1) of `values`, nearest rank below; 0 for none. */
export function percentile(values: number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
