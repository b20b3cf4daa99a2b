/**
 * `--engine oxlint`: the same rules run by oxlint's JS plugin support (alpha), which parses and
 * walks files natively and in parallel. The user's own oxlint (a pinned version is tested) runs
 * with a generated config that loads this plugin and turns on the recommended rules only; its
 * JSON report becomes ESLint-shaped results, so every format and option works the same.
 *
 * What differs from the ESLint engine: oxlint parses TypeScript itself (no
 * @typescript-eslint/parser), reads nested .gitignore files too, skips an ignored file given by
 * name without a warning, and reports no suppressed findings (SARIF has no `suppressions`).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { ESLint, Linter } from "eslint";
import plugin = require("../index");
import { NAME, UsageError } from "./args";
import { resolveOptional } from "./optional";
import { ignoredResult, withMessages } from "./results";
import { globToRegExp, type Targets } from "./targets";

const CATEGORIES = ["correctness", "suspicious", "pedantic", "perf", "style", "restriction", "nursery"];

/** oxlint also lints the scripts of these; the ESLint engine does not. */
const NOT_LINTED = ["**/*.vue", "**/*.svelte", "**/*.astro"];

interface OxlintDiagnostic {
  message: string;
  code?: string;
  severity: string;
  filename: string;
  labels?: { span: { offset: number; length: number; line: number; column: number } }[];
}

interface OxlintReport {
  diagnostics: OxlintDiagnostic[];
  number_of_files: number;
}

/** The oxlint CLI script, from the user's project or next to the plugin. */
function oxlintBin(): string {
  const manifest = resolveOptional("oxlint/package.json");
  if (manifest === undefined) {
    throw new UsageError("--engine oxlint needs oxlint: install it next to eslint-plugin-cloudflare-workers (npm install --save-dev oxlint)");
  }
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: string | Record<string, string> };
  return join(dirname(manifest), typeof bin === "string" ? bin : bin.oxlint);
}

export function oxlintVersion(): string | undefined {
  const manifest = resolveOptional("oxlint/package.json");
  return manifest === undefined ? undefined : (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

function oxlintConfig(): object {
  return {
    plugins: [],
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, "off"])),
    // this file's plugin, by absolute path: oxlint imports it as ESLint would
    jsPlugins: [join(__dirname, "..", "index.js")],
    rules: plugin.configs.recommended.rules,
  };
}

function runOxlint(bin: string, cwd: string, args: string[]): string {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`oxlint failed (exit code ${result.status ?? result.signal}):\n${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

/** UTF-16 line and column (1-based, as ESLint's) of each UTF-8 byte offset oxlint reports. */
function positionsOf(text: string): (byteOffset: number) => { line: number; column: number } {
  const bytes = Buffer.from(text, "utf8");
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  return (byteOffset) => {
    const index = bytes.subarray(0, byteOffset).toString("utf8").length;
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: index - lineStarts[low] + 1 };
  };
}

function toMessage(d: OxlintDiagnostic, position: ((offset: number) => { line: number; column: number }) | undefined): Linter.LintMessage {
  const span = d.labels?.[0]?.span;
  const rule = d.code === undefined ? null : /^(.+)\((.+)\)$/.exec(d.code);
  const ruleId = rule ? `${rule[1]}/${rule[2]}` : (d.code ?? null);
  const start = span && position ? position(span.offset) : { line: span?.line ?? 1, column: span?.column ?? 1 };
  const end = span && position ? position(span.offset + span.length) : start;
  const severity = d.severity === "error" ? 2 : 1;
  if (ruleId === null) {
    // no rule: the file did not parse
    return { ruleId, severity: 2, fatal: true, message: `Parsing error: ${d.message}`, line: start.line, column: start.column };
  }
  return { ruleId, severity, message: d.message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

export async function lintWithOxlint(targets: Targets, ignores: string[]): Promise<ESLint.LintResult[]> {
  const bin = oxlintBin();
  const dir = mkdtempSync(join(tmpdir(), `${NAME}-`));
  try {
    const configFile = join(dir, "oxlintrc.json");
    writeFileSync(configFile, JSON.stringify(oxlintConfig()));
    // oxlint reads config `ignorePatterns` relative to the config file; these are relative to the base
    // (a folder pattern, `dist/`, also as `dist/**`: oxlint checks a file given by name on its own)
    const patterns = [...ignores, ...NOT_LINTED].flatMap((p) => (p.endsWith("/") ? [p, `${p}**`] : [p]));
    const ignoreArgs = patterns.flatMap((pattern) => ["--ignore-pattern", pattern]);
    const paths = [...new Set(targets.targets.map((t) => (t.glob ? t.staticPart : t.pattern)))];
    const common = ["-c", configFile, ...ignoreArgs, ...paths];

    // the files oxlint lints, to list clean ones too (its report names only files with findings)
    const listed = runOxlint(bin, targets.base, ["--debug=files", ...common]).split("\n").filter(Boolean);
    const matchers = targets.targets.map((t) => {
      if (t.glob) {
        const re = globToRegExp(t.pattern);
        return (file: string) => re.test(file);
      }
      return (file: string) => t.pattern === "." || file === t.pattern || file.startsWith(`${t.pattern}/`);
    });
    const files = listed.map((f) => f.replace(/^\.\//, "")).filter((f) => matchers.some((match) => match(f)));
    // a file given by name that the ignore patterns skip gets a warning, as under ESLint
    const ignored = targets.targets
      .filter((t) => !t.glob && !files.includes(t.pattern) && statSync(resolve(targets.base, t.pattern)).isFile())
      .map((t) => ignoredResult(resolve(targets.base, t.pattern)));
    if (files.length === 0) return ignored;

    const report = JSON.parse(runOxlint(bin, targets.base, ["--format", "json", ...common])) as OxlintReport;
    const byFile = new Map<string, OxlintDiagnostic[]>(files.map((f) => [f, []]));
    for (const d of report.diagnostics) byFile.get(d.filename.replace(/^\.\//, ""))?.push(d);

    const results = [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, diagnostics]) => {
      const filePath = resolve(targets.base, file);
      const position = diagnostics.length > 0 ? positionsOf(readFileSync(filePath, "utf8")) : undefined;
      const messages = diagnostics.map((d) => toMessage(d, position)).sort((a, b) => a.line - b.line || a.column - b.column);
      return withMessages({ filePath, messages, suppressedMessages: [], usedDeprecatedRules: [] }, messages);
    });
    return [...ignored, ...results];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
