/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": new URL("./src", import.meta.url).pathname } },
  // Django (WhiteNoise) serves dist/ at the site root; hashed files live under /assets/.
  base: "/",
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, target: "es2022" },
  css: {
    // govuk-frontend keeps an old-IE hack (`min-width: 0\\0`) that the minifier cannot parse.
    lightningcss: { errorRecovery: true },
    preprocessorOptions: {
      scss: {
        loadPaths: ["node_modules"],
        quietDeps: true,
        // govuk-frontend 5 is written for @import and global functions.
        silenceDeprecations: ["import", "global-builtin", "color-functions", "if-function", "slash-div"],
      },
    },
  },
  server: {
    // `npm run dev` (optional): the app on Vite, the API on `make run`'s Django.
    proxy: { "/api": "http://127.0.0.1:8000", "/verify": "http://127.0.0.1:8000" },
  },
  test: {
    environment: "jsdom",
    globals: false,
    setupFiles: ["src/test/setup.ts"],
    css: false,
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
