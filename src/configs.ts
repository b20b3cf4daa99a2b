/**
 * The plugin's configs and their public types.
 *
 * The types are ESLint's own (`Linter.Config`, `ESLint.Plugin`, `Rule.RuleModule` from the `eslint`
 * peer dependency), so that `defineConfig([plugin.configs.recommended])` and typescript-eslint's
 * `tseslint.config(…)` type-check in an `eslint.config.ts` on ESLint 9 and 10. At run time the
 * configs are plain objects that ESLint 8.57 loads as well.
 */
import type { ESLint, Linter } from "eslint";

export const PREFIX = "cloudflare-workers";

/**
 * The TypeScript extensions, as `.eslintrc` `overrides` patterns. ESLint 8 with `.eslintrc` lints
 * only `.js` files in a folder unless an `overrides` entry names more: this one makes
 * `eslint .` lint TypeScript files too, with whatever parser the user's config sets.
 */
export const LEGACY_TYPESCRIPT_FILES = ["*.ts", "*.tsx", "*.mts", "*.cts"];

/**
 * Tests, fixtures and test tooling: not Workers code in production, so the recommended configs do
 * not apply to them (a test module's isolate serves one test run; fixtures hold bugs on purpose).
 */
export const TEST_FILES = [
  "**/*.{test,spec}.{js,jsx,mjs,cjs,ts,tsx,mts,cts}",
  "**/{test,tests,__tests__,__mocks__,fixtures,__fixtures__,e2e}/**",
  "**/{vitest,jest,playwright}.config.*",
  "**/vitest.workspace.*",
];

/** The same, as `.eslintrc` `overrides` patterns. */
export const LEGACY_TEST_FILES = ["*.test.*", "*.spec.*", "**/test/**", "**/tests/**", "**/__tests__/**", "**/__mocks__/**", "**/fixtures/**", "**/__fixtures__/**", "**/e2e/**"];

/** `configs.recommended`: a flat config object that registers the plugin and enables its rules. */
export interface RecommendedConfig extends Linter.Config {
  name: string;
  plugins: Record<string, ESLint.Plugin>;
  rules: Linter.RulesRecord;
  ignores: string[];
}

/** `configs["legacy-recommended"]`: the same rules for an ESLint 8 `.eslintrc`. */
export interface LegacyRecommendedConfig {
  plugins: string[];
  rules: Linter.RulesRecord;
  overrides: { files: string[]; rules?: Linter.RulesRecord }[];
}

/** A type literal, not an interface: `ESLint.Plugin["configs"]` is a record, which it must fit. */
export type Configs = {
  recommended: RecommendedConfig;
  "legacy-recommended": LegacyRecommendedConfig;
};

interface RuleWithDocs {
  meta?: { docs?: { recommended?: unknown; recommendedSeverity?: unknown } };
}

/**
 * `<prefix>/<rule>: "error"` for each rule whose `meta.docs.recommended` is true, or the rule's
 * `meta.docs.recommendedSeverity` (`"warn"` for a rule whose findings may need a look first).
 */
export function recommendedRules(rules: Record<string, RuleWithDocs>): Record<string, "error" | "warn"> {
  const out: Record<string, "error" | "warn"> = {};
  for (const [name, rule] of Object.entries(rules)) {
    if (rule.meta?.docs?.recommended === true) out[`${PREFIX}/${name}`] = rule.meta.docs.recommendedSeverity === "warn" ? "warn" : "error";
  }
  return out;
}

/** Both configs of `plugin`, from its rules' metadata. */
export function createConfigs(plugin: ESLint.Plugin, rules: Record<string, RuleWithDocs>): Configs {
  return {
    recommended: {
      name: `${PREFIX}/recommended`,
      plugins: { [PREFIX]: plugin },
      rules: recommendedRules(rules),
      ignores: TEST_FILES,
    },
    "legacy-recommended": {
      plugins: [PREFIX],
      rules: recommendedRules(rules),
      overrides: [
        { files: LEGACY_TYPESCRIPT_FILES },
        { files: LEGACY_TEST_FILES, rules: Object.fromEntries(Object.keys(recommendedRules(rules)).map((name) => [name, "off"])) },
      ],
    },
  };
}
