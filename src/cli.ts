#!/usr/bin/env node
/**
 * `cf-workers-lint [paths…]`: the plugin's recommended rules on a project that has no ESLint
 * setup of its own. It runs ESLint's Node API with a built-in flat config; all linting is ESLint's.
 *
 * Exit codes: 0 no findings, 1 findings, 2 usage error, bad path or missing optional package.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ESLint, loadESLint, type Linter, type Rule } from "eslint";

import { gitignoreToIgnores } from "./gitignore";
import plugin = require("./index");

const NAME = "cf-workers-lint";
const TS_FILES = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];
const JS_FILES = ["**/*.js", "**/*.mjs", "**/*.cjs", "**/*.jsx"];
const ALWAYS_IGNORED = ["**/node_modules/", "**/dist/", "**/.wrangler/"];
const FORMATS = ["stylish", "json", "sarif"] as const;
type Format = (typeof FORMATS)[number];

const HELP = `Usage: ${NAME} [options] [paths...]

Lints Cloudflare Workers code with the recommended rules of
eslint-plugin-cloudflare-workers, without an ESLint config.

Paths default to ".". Finds .js .mjs .cjs .jsx .ts .tsx .mts .cts files,
skips node_modules, dist, .wrangler and what the .gitignore of the current
folder lists. TypeScript needs @typescript-eslint/parser (and typescript).

Options:
  -f, --format <name>  stylish (default), json or sarif
                       (sarif needs @microsoft/eslint-formatter-sarif)
  -h, --help           show this help
  -v, --version        show the version

Exit codes: 0 no findings, 1 findings, 2 usage error or bad path.
`;

/** An error in how the tool was called or set up: printed as one line, exit code 2. */
class UsageError extends Error {
  constructor(message: string, readonly showHelpHint = false) {
    super(message);
  }
}

interface Args {
  paths: string[];
  format: Format;
  help: boolean;
  version: boolean;
}

function readArgs(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f", default: "stylish" },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message, true);
  }
  const { values, positionals } = parsed;
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`unknown format "${values.format}" (use ${FORMATS.join(", ")})`, true);
  }
  return { paths: positionals.length > 0 ? positionals : ["."], format, help: values.help!, version: values.version! };
}

/** Finds an optional package in the user's project or next to the plugin; undefined when absent. */
function resolveOptional(id: string): string | undefined {
  try {
    return require.resolve(id, { paths: [process.cwd(), __dirname] });
  } catch {
    return undefined;
  }
}

function loadOptional(id: string): unknown {
  const resolved = resolveOptional(id);
  if (resolved === undefined) return undefined;
  const mod = require(resolved);
  return mod?.default ?? mod;
}

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

function readGitignore(cwd: string): string[] {
  const file = join(cwd, ".gitignore");
  return existsSync(file) ? gitignoreToIgnores(readFileSync(file, "utf8")) : [];
}

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

/**
 * Writes "N files linted" to a terminal's stderr once linting has taken half a second, at most
 * ten times a second; small trees finish before it shows.
 */
function terminalProgress(stream: NodeJS.WriteStream): { tick(): void; done(): void } {
  let start = 0;
  let count = 0;
  let lastDraw = 0;
  let drawn = false;
  return {
    tick() {
      count++;
      const now = Date.now();
      if (count === 1) start = now;
      if (now - start < 500 || now - lastDraw < 100) return;
      lastDraw = now;
      drawn = true;
      stream.write(`\r${NAME}: ${count} files linted…`);
    },
    done() {
      if (drawn) stream.write("\r\x1b[K");
    },
  };
}

function buildConfig(cwd: string, onFile: (() => void) | undefined): Linter.Config[] {
  const tsParser = loadOptional("@typescript-eslint/parser") ?? missingTsParser;
  const config: Linter.Config[] = [
    { name: `${NAME}/ignores`, ignores: [...ALWAYS_IGNORED, ...readGitignore(cwd)] },
    { name: `${NAME}/javascript`, files: JS_FILES, languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    { name: `${NAME}/typescript`, files: TS_FILES, languageOptions: { parser: tsParser as Linter.Parser } },
    plugin.configs.recommended as Linter.Config,
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
  const messages = result.messages.filter(isOurs);
  const count = (pick: (m: Linter.LintMessage) => boolean): number => messages.filter(pick).length;
  return {
    ...result,
    messages,
    errorCount: count((m) => m.severity === 2),
    fatalErrorCount: count((m) => m.fatal === true),
    warningCount: count((m) => m.severity === 1),
    fixableErrorCount: count((m) => m.severity === 2 && m.fix !== undefined),
    fixableWarningCount: count((m) => m.severity === 1 && m.fix !== undefined),
  };
}

/** The name or path `ESLint#loadFormatter` takes for a `--format` value. */
function formatterId(name: Format): string {
  if (name !== "sarif") return name;
  const id = "@microsoft/eslint-formatter-sarif";
  const path = resolveOptional(id);
  if (path === undefined) {
    throw new UsageError(`--format sarif needs ${id}: install it next to eslint-plugin-cloudflare-workers (npm install --save-dev ${id})`);
  }
  return path;
}

async function run(argv: string[]): Promise<number> {
  const args = readArgs(argv);
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args.version) {
    process.stdout.write(`${NAME} ${plugin.meta.version} (eslint ${ESLint.version})\n`);
    return 0;
  }
  for (const path of args.paths) {
    if (!existsSync(path)) throw new UsageError(`no such file or directory: ${path}`);
  }

  const cwd = process.cwd();
  const progress = process.stderr.isTTY ? terminalProgress(process.stderr) : undefined;
  // ESLint 8.57 needs the flag to pick its flat-config class; 9 and 10 are flat only.
  const FlatESLint = await (loadESLint as (options: { useFlatConfig: boolean }) => Promise<typeof ESLint>)({ useFlatConfig: true });
  const eslint = new FlatESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: buildConfig(cwd, progress?.tick),
    errorOnUnmatchedPattern: false,
  });
  const formatter = await eslint.loadFormatter(formatterId(args.format));
  let results: ESLint.LintResult[];
  try {
    results = (await eslint.lintFiles(args.paths)).map(keepPluginMessages);
  } finally {
    progress?.done();
  }
  if (results.length === 0) throw new UsageError(`no JavaScript or TypeScript files to lint in ${args.paths.join(", ")}`);

  // ESLint gives the formatter `cwd` and the rules' meta itself.
  const output = await formatter.format(results);
  if (output) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
  return results.some((r) => r.errorCount > 0) ? 1 : 0;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      const hint = error.showHelpHint ? `\nRun "${NAME} --help" for usage.` : "";
      process.stderr.write(`${NAME}: ${error.message}${hint}\n`);
    } else {
      process.stderr.write(`${NAME}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = 2;
  },
);
