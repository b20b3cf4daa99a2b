// Flat config for the bundled example Worker: the plugin's recommended rules, TypeScript parser.
import tsParser from "@typescript-eslint/parser";
import cloudflareWorkers from "../dist/src/index.js";

export default [
  {
    files: ["**/*.ts", "**/*.js"],
    languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module" },
  },
  cloudflareWorkers.configs.recommended,
];
