import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";

/** A built portal in miniature: what `vite build` writes, precompressed variants included. */
const SCRIPT = `console.log(${JSON.stringify("tessera ".repeat(400))});\n`;
const INDEX = `<!doctype html><html><head><script type="module" src="/assets/index-Bx3kQ9aZ.js"></script></head><body><div id="root"></div></body></html>\n`;

let server: TestServer;
let portalDir: string;
beforeAll(async () => {
	portalDir = await mkdtemp(join(tmpdir(), "tessera-portal-"));
	await mkdir(join(portalDir, "assets"));
	await writeFile(join(portalDir, "index.html"), INDEX);
	await writeFile(join(portalDir, "assets/index-Bx3kQ9aZ.js"), SCRIPT);
	await writeFile(join(portalDir, "assets/index-Bx3kQ9aZ.js.br"), brotliCompressSync(SCRIPT));
	await writeFile(join(portalDir, "assets/index-Bx3kQ9aZ.js.gz"), gzipSync(SCRIPT));
	// A map left behind by a debug build must still not be published.
	await writeFile(join(portalDir, "assets/index-Bx3kQ9aZ.js.map"), '{"version":3,"sources":["secret.ts"]}');
	server = await startTestServer({ portalDir });
});
afterAll(async () => {
	await server?.close();
	await rm(portalDir, { recursive: true, force: true });
});

interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

/** A request whose body comes back exactly as sent on the wire (fetch would decompress it). */
function get(path: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const req = request(`${server.url}${path}`, { method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on("data", (chunk: Buffer) => chunks.push(chunk));
			res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on("error", reject);
		});
		req.on("error", reject);
		req.end(body);
	});
}

describe("serving the built portal", () => {
	it("marks hashed assets immutable for a year", async () => {
		const response = await get("/assets/index-Bx3kQ9aZ.js");
		expect(response.status).toBe(200);
		expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
		expect(response.body.toString()).toBe(SCRIPT);
	});

	it("has index.html revalidated on every load, also when it answers a client-side route", async () => {
		for (const path of ["/", "/sign-in", "/admin/users"]) {
			const response = await get(path, { accept: "text/html" });
			expect(response.status).toBe(200);
			expect(response.headers["cache-control"]).toBe("no-cache");
			expect(response.body.toString()).toBe(INDEX);
		}
	});

	it("sends the brotli or gzip file the build wrote, whichever the browser accepts", async () => {
		const brotli = await get("/assets/index-Bx3kQ9aZ.js", { "accept-encoding": "gzip, deflate, br" });
		expect(brotli.headers["content-encoding"]).toBe("br");
		expect(brotli.headers["content-type"]).toMatch(/javascript/);
		expect(brotli.headers.vary).toMatch(/accept-encoding/i);
		expect(brotli.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
		expect(brotliDecompressSync(brotli.body).toString()).toBe(SCRIPT);
		expect(brotli.body.length).toBeLessThan(SCRIPT.length / 4);

		const gzip = await get("/assets/index-Bx3kQ9aZ.js", { "accept-encoding": "gzip" });
		expect(gzip.headers["content-encoding"]).toBe("gzip");
		expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);

		const plain = await get("/assets/index-Bx3kQ9aZ.js", { "accept-encoding": "identity" });
		expect(plain.headers["content-encoding"]).toBeUndefined();
		expect(plain.body.toString()).toBe(SCRIPT);
	});

	it("never serves a source map, nor the page in place of a missing asset", async () => {
		for (const headers of [{}, { accept: "text/html" }, { "accept-encoding": "br" }] as Record<string, string>[]) {
			const map = await get("/assets/index-Bx3kQ9aZ.js.map", headers);
			expect(map.status).toBe(404);
			expect(map.body.toString()).not.toContain("secret.ts");
		}
		const missing = await get("/assets/index-Gone1234.js", { accept: "text/html" });
		expect(missing.status).toBe(404);
	});
});

describe("compressing API responses", () => {
	// Ten organisations' password rules in one batch: a few kilobytes of JSON.
	const batch = `/trpc/${Array.from({ length: 10 }, () => "auth.passwordPolicy").join(",")}?batch=1&input=${encodeURIComponent(
		JSON.stringify(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, { json: { tenant: "acme" } }]))),
	)}`;

	it("compresses an answer above 1 KB (a batch) with brotli or gzip, as accepted", async () => {
		const plain = await get(batch);
		expect(plain.status).toBe(200);
		expect(plain.body.length).toBeGreaterThan(1024);
		const answer = JSON.parse(plain.body.toString()) as unknown[];
		expect(answer).toHaveLength(10);

		const brotli = await get(batch, { "accept-encoding": "br, gzip" });
		expect(brotli.headers["content-encoding"]).toBe("br");
		expect(brotli.headers["cache-control"]).toBe("no-store");
		expect(brotli.body.length).toBeLessThan(plain.body.length / 2);
		expect(JSON.parse(brotliDecompressSync(brotli.body).toString())).toEqual(answer);

		const gzip = await get(batch, { "accept-encoding": "gzip" });
		expect(gzip.headers["content-encoding"]).toBe("gzip");
		expect(JSON.parse(gunzipSync(gzip.body).toString())).toEqual(answer);
	});

	it("sends a small answer as it is: compressing it would save nothing", async () => {
		const response = await get("/trpc/auth.config", { "accept-encoding": "br, gzip" });
		expect(response.status).toBe(200);
		expect(response.body.length).toBeLessThan(1024);
		expect(response.headers["content-encoding"]).toBeUndefined();
		expect(JSON.parse(response.body.toString())).toHaveProperty("result");
	});

	it("keeps a compressed error answer readable, with its status", async () => {
		const body = JSON.stringify(
			Object.fromEntries(
				Array.from({ length: 10 }, (_, i) => [i, { json: { tenant: "acme", email: "x@y.z", password: "wrong" } }]),
			),
		);
		const response = await get(
			`/trpc/${Array.from({ length: 10 }, () => "auth.signIn").join(",")}?batch=1`,
			{ "accept-encoding": "gzip", "content-type": "application/json" },
			"POST",
			body,
		);
		expect(response.status).toBe(401);
		const decoded = response.headers["content-encoding"] === "gzip" ? gunzipSync(response.body) : response.body;
		const results = JSON.parse(decoded.toString()) as { error?: { json: { data: { code: string } } } }[];
		expect(results.map((result) => result.error?.json.data.code)).toEqual(Array(10).fill("UNAUTHORIZED"));
	});
});
