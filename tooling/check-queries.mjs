#!/usr/bin/env node
// Fails when a file outside `*.repository.ts` builds a query (issue 9 item 3, "Queries only in
// repositories"). It parses each file with the TypeScript compiler and looks for calls of
// Kysely's query-builder entry points on a receiver (`db.selectFrom(…)`, `trx.with(…)`) and for
// `sql` tagged templates; comments and strings never match, unlike a regular expression.
//
// Scope: packages/core/src and apps/api/src. Excepted: `*.repository.ts`, tests (`*.test.ts`),
// fixtures (`*.testing.ts`, apps/api/src/testing.ts). packages/db is not scanned.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SCANNED = ["packages/core/src", "apps/api/src"];
const EXCEPTED_FILES = new Set(["apps/api/src/testing.ts"]);
const BUILDERS = new Set([
	"selectFrom",
	"insertInto",
	"updateTable",
	"deleteFrom",
	"replaceInto",
	"mergeInto",
	"with",
	"withRecursive",
]);

function isExcepted(path) {
	return (
		EXCEPTED_FILES.has(path) ||
		path.endsWith(".repository.ts") ||
		path.endsWith(".test.ts") ||
		path.endsWith(".testing.ts") ||
		path.endsWith(".d.ts")
	);
}

function* sourceFiles(dir) {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) {
			if (entry.name !== "node_modules" && entry.name !== "dist") yield* sourceFiles(full);
		} else if (/\.tsx?$/.test(entry.name)) {
			yield full;
		}
	}
}

function offencesIn(path, text) {
	const source = ts.createSourceFile(
		path,
		text,
		ts.ScriptTarget.Latest,
		true,
		path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
	);
	const found = [];
	const report = (node, what) => {
		const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
		found.push(`${path}:${line + 1}: ${what}`);
	};
	const visit = (node) => {
		if (ts.isCallExpression(node)) {
			const callee = node.expression;
			// `x.selectFrom(…)` and `x?.selectFrom(…)`; a bare `with(…)` is not a builder.
			if (ts.isPropertyAccessExpression(callee) && BUILDERS.has(callee.name.text))
				report(callee.name, callee.name.text);
			if (
				ts.isElementAccessExpression(callee) &&
				ts.isStringLiteralLike(callee.argumentExpression) &&
				BUILDERS.has(callee.argumentExpression.text)
			) {
				report(callee.argumentExpression, callee.argumentExpression.text);
			}
		} else if (ts.isTaggedTemplateExpression(node)) {
			const tag = node.tag;
			// `sql\`…\`` and `sql<T>\`…\`` (the type argument is not part of the tag).
			if (
				(ts.isIdentifier(tag) && tag.text === "sql") ||
				(ts.isPropertyAccessExpression(tag) && tag.name.text === "sql")
			)
				report(node, "sql`…`");
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

const offences = [];
let scanned = 0;
for (const dir of SCANNED) {
	for (const full of sourceFiles(join(ROOT, dir))) {
		const path = relative(ROOT, full).split(sep).join("/");
		if (isExcepted(path)) continue;
		scanned++;
		offences.push(...offencesIn(path, readFileSync(full, "utf8")));
	}
}

if (offences.length > 0) {
	for (const offence of offences) console.error(offence);
	console.error(
		`check-queries: ${offences.length} quer${offences.length === 1 ? "y" : "ies"} built outside *.repository.ts (move them into the folder's repository)`,
	);
	process.exit(1);
}
console.log(`check-queries: no query built outside *.repository.ts (${scanned} files in ${SCANNED.join(", ")})`);
