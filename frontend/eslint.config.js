import { readdirSync } from "node:fs";
import { URL } from "node:url";
import js from "@eslint/js";
import importPlugin from "eslint-plugin-import";
import tseslint from "typescript-eslint";

// Code flows one way: shared (components, hooks, lib) -> features -> app. A feature never
// imports another feature, and nothing but app/ imports from app/.
const features = readdirSync(new URL("./src/features", import.meta.url));

export default tseslint.config(
  { ignores: ["dist", "node_modules", "src/lib/api-types.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { import: importPlugin },
    settings: { "import/resolver": { typescript: { project: "./tsconfig.json" } } },
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            ...features.map((feature) => ({
              target: `./src/features/${feature}`,
              from: "./src/features",
              except: [`./${feature}`],
              message: "Features do not import each other: compose them in src/app.",
            })),
            {
              target: "./src/features",
              from: "./src/app",
              message: "Features do not import from the app layer.",
            },
            {
              target: ["./src/components", "./src/hooks", "./src/lib"],
              from: ["./src/features", "./src/app"],
              message: "Shared code does not import features or the app.",
            },
          ],
        },
      ],
    },
  },
);
