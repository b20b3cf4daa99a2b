/**
 * Shared helpers for the robustness suite: the built plugin, a `Linter` with every rule on, and
 * a way to tell a rule exception from a genuine parse error.
 *
 * Every test here lints through ESLint's public `Linter` API with the BUILT plugin (`npm test`
 * builds first), so what is tested is what users load.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Linter } from "eslint";

const require = createRequire(__filename);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const plugin: any = require("../../dist/src/index.js");
export const tsParser: Linter.Parser = require("@typescript-eslint/parser");

export const PREFIX = "cloudflare-workers";
export const RULE_NAMES: string[] = Object.keys(plugin.rules).sort();
export const ALL_RULES_ON: Linter.RulesRecord = Object.fromEntries(RULE_NAMES.map((name) => [`${PREFIX}/${name}`, "error"]));

export interface LintOptions {
  sourceType?: "module" | "script" | "commonjs";
  /** Parse with @typescript-eslint/parser instead of espree. */
  ts?: boolean;
  filename?: string;
  settings?: Record<string, unknown>;
  /** Rule entries; defaults to every plugin rule as "error". */
  rules?: Linter.RulesRecord;
}

const linter = new Linter({ configType: "flat" });

/**
 * The flat config the suite lints with. `**\/*` alone does not make ESLint lint a `.ts` file (a
 * pattern ending in `*` only applies to files some other pattern matched), so the extensions the
 * suite uses are named too.
 */
export function flatConfig(options: LintOptions, withPluginRules = true): Linter.Config[] {
  return [
    {
      files: ["**/*", "**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}"],
      plugins: { [PREFIX]: plugin },
      rules: withPluginRules ? (options.rules ?? ALL_RULES_ON) : {},
      settings: options.settings ?? {},
      linterOptions: { reportUnusedDisableDirectives: "off" },
      languageOptions: {
        ecmaVersion: "latest",
        sourceType: options.sourceType ?? "module",
        ...(options.ts ? { parser: tsParser } : {}),
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
    },
  ];
}

function defaultFilename(options: LintOptions): string {
  return options.filename ?? (options.ts ? "worker.ts" : "worker.js");
}

/** Lints with the plugin's rules; throws whatever ESLint throws (a rule exception included). */
export function lint(code: string, options: LintOptions = {}): Linter.LintMessage[] {
  return linter.verify(code, flatConfig(options), defaultFilename(options));
}

export type Outcome =
  | { kind: "ok"; messages: Linter.LintMessage[] }
  | { kind: "parse-error"; message: string }
  | { kind: "exception"; error: string };

/**
 * Lints and classifies the result. A thrown error is a rule exception. A fatal message counts as
 * a genuine parse error only when the same file, linted without the plugin's rules, fails too.
 */
export function lintOutcome(code: string, options: LintOptions = {}): Outcome {
  let messages: Linter.LintMessage[];
  try {
    messages = lint(code, options);
  } catch (e) {
    const err = e as Error;
    const frames = (err.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l)).slice(0, 4);
    return { kind: "exception", error: [err.message, ...frames].join("\n") };
  }
  const fatal = messages.find((m) => m.fatal);
  if (!fatal) return { kind: "ok", messages };
  const plain = linter.verify(code, flatConfig(options, false), defaultFilename(options));
  if (plain.some((m) => m.fatal)) return { kind: "parse-error", message: fatal.message };
  return { kind: "exception", error: `fatal only with the plugin's rules: ${fatal.message}` };
}

/** Whether ESLint itself (no plugin rules) parses and traverses the file without failing. */
export function eslintAccepts(code: string, options: LintOptions = {}): boolean {
  try {
    const messages = linter.verify(code, flatConfig(options, false), defaultFilename(options));
    return !messages.some((m) => m.fatal);
  } catch {
    return false;
  }
}

/**
 * The largest `n` (within 2%) for which ESLint itself accepts `generate(n)`, searched up to `cap`
 * (assumes ESLint accepts depth 1).
 * Limits depend on the stack size of the process, so tests measure them instead of hard-coding.
 */
export function eslintDepthLimit(generate: (n: number) => string, options: LintOptions, cap: number): number {
  if (acceptsInChild(generate(cap), options)) return cap;
  // Each probe is a child process: coarse steps (×4, then halving to within a tenth) keep the
  // probes few, and the depth used is a fraction of the limit anyway.
  let lo = 1;
  let hi = 64;
  while (hi < cap && acceptsInChild(generate(hi), options)) {
    lo = hi;
    hi = Math.min(cap, hi * 4);
  }
  while (hi - lo > Math.max(1, Math.floor(lo / 10))) {
    const mid = Math.floor((lo + hi) / 2);
    if (acceptsInChild(generate(mid), options)) lo = mid;
    else hi = mid;
  }
  // The child starts with an empty stack while this process is already some frames deep: step
  // down from the child's limit until ESLint accepts the input here too, well clear of the edge.
  let depth = Math.floor(lo * 0.8);
  while (depth > 64 && !eslintAccepts(generate(depth), options)) depth = Math.floor(depth * 0.8);
  return depth;
}

/**
 * {@link eslintAccepts} in a child process. Probed at the very edge of the stack, V8 can end a
 * process with a fatal error (a regular expression compiled with no stack left) instead of a
 * RangeError; in a child, that only means "not accepted".
 */
function acceptsInChild(code: string, options: LintOptions): boolean {
  const result = spawnSync(process.execPath, [join(__dirname, "probe-eslint.cjs")], {
    input: JSON.stringify({ code, options: { sourceType: options.sourceType, ts: options.ts, filename: options.filename } }),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return result.status === 0;
}

/** The plugin's reports as `rule@line`, sorted, for exact comparisons. */
export function reportsOf(messages: Linter.LintMessage[]): string[] {
  return messages
    .filter((m) => !m.fatal && m.ruleId?.startsWith(`${PREFIX}/`))
    .map((m) => `${(m.ruleId ?? "").replace(`${PREFIX}/`, "")}@${m.line}`)
    .sort(compareReports);
}

function compareReports(a: string, b: string): number {
  const [ra, la] = a.split("@");
  const [rb, lb] = b.split("@");
  return Number(la) - Number(lb) || ra.localeCompare(rb);
}

/**
 * Expected reports from markers in the source: a line ending in `// expect: rule-a, rule-b`
 * must get exactly those reports, and no other line any.
 */
export function expectedFromMarkers(code: string): string[] {
  const out: string[] = [];
  code.split("\n").forEach((text, i) => {
    const m = /\/\/ expect: ([\w, -]+)$/.exec(text);
    if (!m) return;
    for (const rule of m[1].split(",").map((s) => s.trim()).filter(Boolean)) out.push(`${rule}@${i + 1}`);
  });
  return out.sort(compareReports);
}

/** Lints and returns the reports, failing with the exception text when a rule throws. */
export function reportsFor(code: string, options: LintOptions = {}): string[] {
  const outcome = lintOutcome(code, options);
  if (outcome.kind === "exception") throw new Error(`rule exception: ${outcome.error}`);
  if (outcome.kind === "parse-error") throw new Error(`parse error: ${outcome.message}`);
  return reportsOf(outcome.messages);
}
