/**
 * Summarises a V8 .cpuprofile (as written by `node --cpu-prof`): self time by package and by
 * function. Used to read profiles of the API taken with
 *   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" pnpm bench
 *
 * Usage: tsx src/cpuprofile-summary.ts <file.cpuprofile> [top=30]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
	console.error("usage: tsx src/cpuprofile-summary.ts <file.cpuprofile> [top]");
	process.exit(2);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
	const id = profile.samples[i] as number;
	selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const totalUs = profile.endTime - profile.startTime;

/** Where a frame's code lives: a package under node_modules, our workspace, node itself, or V8. */
function bucketOf(url: string, functionName: string): string {
	if (!url) return functionName.startsWith("(") ? functionName : "(native/V8)";
	if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
	const pnpm = url.match(/node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/);
	if (pnpm?.[1]) return pnpm[1];
	const plain = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
	if (plain?.[1]) return plain[1];
	const workspace = url.match(/\/(apps|packages)\/([^/]+)\//);
	if (workspace) return `@tessera/${workspace[2]}`;
	return url;
}

function keyOf(node: ProfileNode): string {
	const { functionName, url, lineNumber } = node.callFrame;
	const short = url
		.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "")
		.replace(/^file:\/\/.*\/work\/main\//, "");
	return `${functionName || "(anonymous)"}  ${short}${url ? `:${lineNumber + 1}` : ""}`;
}

const packages = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, us] of selfUs) {
	const node = byId.get(id);
	if (!node) continue;
	const bucket = bucketOf(node.callFrame.url, node.callFrame.functionName);
	packages.set(bucket, (packages.get(bucket) ?? 0) + us);
	functions.set(keyOf(node), (functions.get(keyOf(node)) ?? 0) + us);
}

// Inclusive ("total") time: every function on a sample's stack gets the sample once.
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const inclusive = new Map<string, number>();
for (let i = 0; i < profile.samples.length; i++) {
	const seen = new Set<string>();
	for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
		const node = byId.get(id);
		if (node) seen.add(keyOf(node));
	}
	for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
}

const pct = (us: number) => `${((us / totalUs) * 100).toFixed(1).padStart(5)}%`;
const print = (title: string, entries: Map<string, number>) => {
	console.log(`\n${title}`);
	for (const [name, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
		console.log(`  ${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
	}
};
console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s profiled, ${profile.samples.length} samples`);
print("Self time by package", packages);
print("Self time by function", functions);
print("Total (inclusive) time by function", inclusive);
