import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Where the dev server forwards API calls; the API serves the built portal itself in production. */
const apiUrl = process.env.TESSERA_API_URL ?? "http://localhost:3000";

export default defineConfig({
	plugins: [react()],
	server: {
		port: 5173,
		proxy: {
			"/trpc": { target: apiUrl, changeOrigin: false },
			"/healthz": { target: apiUrl, changeOrigin: false },
			"/export": { target: apiUrl, changeOrigin: false },
		},
	},
	preview: {
		proxy: {
			"/trpc": { target: apiUrl, changeOrigin: false },
			"/healthz": { target: apiUrl, changeOrigin: false },
			"/export": { target: apiUrl, changeOrigin: false },
		},
	},
	build: {
		outDir: "dist",
		emptyOutDir: true,
		sourcemap: true,
	},
});
