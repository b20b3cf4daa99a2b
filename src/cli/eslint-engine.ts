/**
 * The default engine: ESLint's Node API with a built-in flat config (the plugin's recommended
 * rules, the TypeScript parser for TypeScript files), run in the base folder of the targets.
 */
import { ESLint, loadESLint, type Linter, type Rule } from "eslint";
import plugin = require("../index");
import { NAME } from "./args";
import { loadOptional } from "./optional";
import { IGNORED_NOTICE, NOT_SOURCE_NOTICE, SOURCE_EXTENSION, withMessages } from "./results";
import type { Targets } from "./targets";

export const TS_FILES = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];
export const JS_FILES = ["**/*.js", "**/*.mjs", "**/*.cjs", "**/*.jsx"];

/**
 * Stands in for the TypeScript parser when it is not installed: each TypeScript file then gets one
 * parse error, at 1:1, that says what to install.
 */
const missingTsParser = {
  meta: { name: "missing-typescript-parser" },
  parse(): never {
    const message = "TypeScript files need @typescript-eslint/parser (npm install --save-dev @typescript-eslint/parser typescript)";
    throw Object.assign(new Error(message), { lineNumber: 1, column: 1 });
  },
};

/** A rule that reports nothing and counts the files ESLint lints, to show progress. */
function progressPlugin(onFile: () => void): ESLint.Plugin {
  const rule: Rule.RuleModule = {
    meta: { type: "suggestion", schema: [] },
    create() {
      onFile();
      return {};
    },
  };
  return { rules: { files: rule } };
}

function buildConfig(ignores: string[], onFile: (() => void) | undefined): Linter.Config[] {
  const tsParser = loadOptional("@typescript-eslint/parser") ?? missingTsParser;
  const config: Linter.Config[] = [
    { name: `${NAME}/ignores`, ignores },
    { name: `${NAME}/javascript`, files: JS_FILES, languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    { name: `${NAME}/typescript`, files: TS_FILES, languageOptions: { parser: tsParser as Linter.Parser } },
    // The tool's own ignores say whether tests are linted (--include-tests), not the config's.
    { ...plugin.configs.recommended, ignores: [] },
    { name: `${NAME}/options`, linterOptions: { reportUnusedDisableDirectives: "off" } },
  ];
  if (onFile) config.push({ name: `${NAME}/progress`, plugins: { [NAME]: progressPlugin(onFile) }, rules: { [`${NAME}/files`]: "warn" } });
  return config;
}

/** This plugin's findings, parse errors and ESLint's notices ("File ignored because…"). */
function isOurs(m: Linter.LintMessage): boolean {
  if (m.ruleId !== null) return m.ruleId.startsWith(`${plugin.meta.namespace}/`);
  return m.fatal !== true || m.message.startsWith("Parsing error");
}

/**
 * Keeps only the messages this tool is about: a project's own inline configs and `eslint-disable`
 * comments name rules this run does not load, or use syntax ESLint 10 rejects (`eslint-env`).
 */
function keepPluginMessages(result: ESLint.LintResult): ESLint.LintResult {
  return withMessages(result, result.messages.filter(isOurs).map((m) => ownIgnoredNotice(m, result.filePath)));
}

/** ESLint's notices for an ignored file name ESLint's CLI flags; this tool has none of them. */
function ownIgnoredNotice(m: Linter.LintMessage, filePath: string): Linter.LintMessage {
  if (m.ruleId !== null || m.fatal || !m.message.startsWith("File ignored")) return m;
  return { ...m, message: SOURCE_EXTENSION.test(filePath) ? IGNORED_NOTICE : NOT_SOURCE_NOTICE };
}

export async function lintWithEslint(targets: Targets, ignores: string[], onFile?: () => void): Promise<ESLint.LintResult[]> {
  // ESLint 8.57 needs the flag to pick its flat-config class; 9 and 10 are flat only.
  const FlatESLint = await (loadESLint as (options: { useFlatConfig: boolean }) => Promise<typeof ESLint>)({ useFlatConfig: true });
  const eslint = new FlatESLint({
    cwd: targets.base,
    overrideConfigFile: true,
    overrideConfig: buildConfig(ignores, onFile),
    errorOnUnmatchedPattern: false,
  });
  const results = await eslint.lintFiles(targets.targets.map((t) => t.pattern));
  return results.map(keepPluginMessages);
}

export function eslintVersion(): string {
  return ESLint.version;
}
