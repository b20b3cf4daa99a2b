#!/usr/bin/env node
/**
 * `cf-workers-lint [options] [paths…]`: the plugin's recommended rules on a project that has no
 * ESLint setup of its own. It runs ESLint's Node API with a built-in flat config (or, with
 * `--engine oxlint`, oxlint's JS plugin support); all linting is theirs.
 *
 * Exit codes: 0 no errors, 1 errors or too many warnings, 2 usage error, bad path or missing
 * optional package.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ESLint } from "eslint";

import { HELP, NAME, parseArgs, USAGE, UsageError, type Format } from "./cli/args";
import { eslintVersion, lintWithEslint } from "./cli/eslint-engine";
import { resolveOptional } from "./cli/optional";
import { lintWithOxlint, oxlintVersion } from "./cli/oxlint-engine";
import { errorsOnly, totals } from "./cli/results";
import { formatStylish } from "./cli/stylish";
import { rebaseIgnores, resolveTargets } from "./cli/targets";
import { TEST_FILES } from "./configs";
import { gitignoreToIgnores } from "./gitignore";
import plugin = require("./index");

const ALWAYS_IGNORED = ["**/node_modules/", "**/dist/", "**/.wrangler/"];

/** Output width when stdout is not a terminal and `COLUMNS` is not set. */
const DEFAULT_WIDTH = 100;

function readGitignore(cwd: string): string[] {
  const file = join(cwd, ".gitignore");
  return existsSync(file) ? gitignoreToIgnores(readFileSync(file, "utf8")) : [];
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

/** Checked before linting, so that a missing formatter does not cost a whole run. */
function sarifFormatterPath(): string {
  const id = "@microsoft/eslint-formatter-sarif";
  const path = resolveOptional(id);
  if (path === undefined) {
    throw new UsageError(`--format sarif needs ${id}: install it next to eslint-plugin-cloudflare-workers (npm install --save-dev ${id})`);
  }
  return path;
}

function outputWidth(toTerminal: boolean): number {
  if (toTerminal && process.stdout.columns) return process.stdout.columns;
  const columns = Number(process.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : DEFAULT_WIDTH;
}

function format(name: Format, results: ESLint.LintResult[], cwd: string, toTerminal: boolean): string {
  switch (name) {
    case "json":
      return JSON.stringify(results);
    case "sarif": {
      const rulesMeta = Object.fromEntries(Object.entries(plugin.rules).map(([name, rule]) => [`${plugin.meta.namespace}/${name}`, rule.meta]));
      const formatter = require(sarifFormatterPath()) as (results: ESLint.LintResult[], data: object) => string;
      return formatter(results, { cwd, rulesMeta });
    }
    default: {
      const color = toTerminal && process.env.NO_COLOR === undefined;
      return formatStylish(results, { cwd, width: outputWidth(toTerminal), color });
    }
  }
}

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args.version) {
    const engine = args.engine === "oxlint" ? `oxlint ${oxlintVersion() ?? "not installed"}` : `eslint ${eslintVersion()}`;
    process.stdout.write(`${NAME} ${plugin.meta.version} (${engine})\n`);
    return 0;
  }
  if (args.format === "sarif") sarifFormatterPath();

  const cwd = process.cwd();
  const targets = resolveTargets(args.paths, cwd);
  const ignores = [...ALWAYS_IGNORED, ...(args.includeTests ? [] : TEST_FILES), ...rebaseIgnores(readGitignore(cwd), targets.cwdFromBase)];

  let results: ESLint.LintResult[];
  if (args.engine === "oxlint") {
    results = await lintWithOxlint(targets, ignores);
  } else {
    const progress = process.stderr.isTTY ? terminalProgress(process.stderr) : undefined;
    try {
      results = await lintWithEslint(targets, ignores, progress?.tick);
    } finally {
      progress?.done();
    }
  }
  if (results.length === 0) throw new UsageError(`no JavaScript or TypeScript files to lint in ${args.paths.join(", ")}`);
  if (args.quiet) results = errorsOnly(results);

  const toTerminal = args.outputFile === undefined && process.stdout.isTTY === true;
  const output = format(args.format, results, cwd, toTerminal);
  if (args.outputFile !== undefined) {
    const file = resolve(cwd, args.outputFile);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, output);
  } else if (output) {
    process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
  }

  const { errors, warnings } = totals(results);
  if (errors > 0) return 1;
  if (args.maxWarnings >= 0 && warnings > args.maxWarnings) {
    process.stderr.write(`${NAME}: too many warnings (${warnings}; --max-warnings is ${args.maxWarnings})\n`);
    return 1;
  }
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      const usage = error.showUsage ? `\n${USAGE}\nRun "${NAME} --help" for the options.` : "";
      process.stderr.write(`${NAME}: ${error.message}${usage}\n`);
    } else {
      process.stderr.write(`${NAME}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = 2;
  },
);
