/** Lints code with the plugin's rules from source (not the build), for engine-level tests. */
import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import plugin from "../../src/index";

export function lint(code: string, rules: Record<string, unknown> = plugin.configs.recommended.rules, settings: Record<string, unknown> = {}) {
  const linter = new Linter({ configType: "flat" });
  return linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tsParser as never, ecmaVersion: "latest", sourceType: "module" },
        plugins: { "cloudflare-workers": plugin as never },
        rules: rules as never,
        settings,
      },
    ],
    "file.ts",
  );
}
