#!/usr/bin/env node
/**
 * Runs every rule of the plugin over a folder of real code and prints what happened: files
 * linted, reports per rule (with examples), rule exceptions (file and top of the stack), parse
 * errors, and the slowest files. For trying the plugin on real Workers repositories; not part of
 * `npm test`.
 *
 *   npm run lint:folder -- <folder> [--examples N] [--slowest N] [--all] [--max-bytes N]
 *
 * Uses ESLint's Node API (flat config, no config lookup, inline comments ignored), the built plugin
 * (`npm run lint:folder` builds first), @typescript-eslint/parser for .ts/.tsx/.mts/.cts and
 * ESLint's default parser for JavaScript. Skips node_modules, build output and generated folders
 * (the file walk and the config are shared with `bench/run.mjs --dir`: scripts/source-files.mjs).
 * Exits 1 when a rule threw on some file.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { collectSourceFiles, isTypeScript, sourceConfig } from "./source-files.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const { ESLint } = require("eslint");
const tsParser = require("@typescript-eslint/parser");
const plugin = require(join(root, "dist/src/index.js"));

const PREFIX = "cloudflare-workers";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    examples: { type: "string", default: "5" },
    slowest: { type: "string", default: "10" },
    all: { type: "boolean", default: false },
    "max-bytes": { type: "string", default: String(1_000_000) },
  },
});
if (positionals.length !== 1) {
  console.error("usage: node scripts/lint-folder.mjs <folder> [--examples N] [--slowest N] [--all] [--max-bytes N]");
  process.exit(2);
}
const folder = resolve(positionals[0]);
const maxExamples = values.all ? Infinity : Number(values.examples);
const maxSlowest = Number(values.slowest);
const maxBytes = Number(values["max-bytes"]);

const rules = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`${PREFIX}/${name}`, "error"]));
const plugins = { [PREFIX]: plugin };
const eslint = new ESLint({
  cwd: folder,
  overrideConfigFile: true,
  allowInlineConfig: false,
  ignore: false,
  stats: true,
  overrideConfig: sourceConfig({ plugins, rules, tsParser }),
});

/** The first stack frame of an error that points into the plugin, else the first frame. */
function stackTop(error) {
  const frames = String(error.stack ?? "")
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .map((l) => l.trim());
  return frames.find((f) => f.includes("/dist/src/") || f.includes("/dist/rules/")) ?? frames[0] ?? "(no stack)";
}

function pluginRuleTime(result) {
  let ms = 0;
  for (const pass of result.stats?.times?.passes ?? []) {
    for (const [ruleId, time] of Object.entries(pass.rules ?? {})) {
      if (ruleId.startsWith(`${PREFIX}/`)) ms += time.total;
    }
  }
  return ms;
}

const { files, skipped } = collectSourceFiles(folder, { maxBytes });
const started = performance.now();
const perRule = new Map(Object.keys(rules).map((r) => [r, []]));
const ruleTime = new Map();
const parseErrors = [];
const exceptions = [];
const timings = [];
let jsCount = 0;
let tsCount = 0;

for (const file of files) {
  const code = readFileSync(file, "utf8");
  const rel = relative(folder, file);
  if (isTypeScript(file)) tsCount++;
  else jsCount++;
  const t0 = performance.now();
  let results;
  try {
    results = await eslint.lintText(code, { filePath: file });
  } catch (error) {
    exceptions.push({ file: rel, message: String(error.message).split("\n")[0], top: stackTop(error) });
    timings.push({ file: rel, ms: performance.now() - t0, pluginMs: 0, lines: code.split("\n").length });
    continue;
  }
  const ms = performance.now() - t0;
  const result = results[0];
  timings.push({ file: rel, ms, pluginMs: pluginRuleTime(result), lines: code.split("\n").length });
  for (const pass of result.stats?.times?.passes ?? []) {
    for (const [ruleId, time] of Object.entries(pass.rules ?? {})) ruleTime.set(ruleId, (ruleTime.get(ruleId) ?? 0) + time.total);
  }
  const lines = code.split("\n");
  for (const m of result.messages) {
    if (m.fatal) {
      parseErrors.push({ file: rel, line: m.line, message: m.message });
    } else if (m.ruleId && perRule.has(m.ruleId)) {
      perRule.get(m.ruleId).push({ file: rel, line: m.line, column: m.column, messageId: m.messageId, message: m.message, text: (lines[m.line - 1] ?? "").trim() });
    }
  }
}
const seconds = (performance.now() - started) / 1000;

const fmt = (n) => n.toLocaleString("en-US");
const total = [...perRule.values()].reduce((a, l) => a + l.length, 0);
console.log(`lint-folder: ${folder}`);
console.log(`files linted: ${fmt(files.length)} (js ${fmt(jsCount)}, ts ${fmt(tsCount)})${skipped.length ? `; skipped ${skipped.length} over ${fmt(maxBytes)} bytes` : ""}`);
for (const s of skipped) console.log(`  skipped ${relative(folder, s.path)} (${fmt(s.size)} bytes)`);
console.log(`time: ${seconds.toFixed(1)} s`);
console.log(`\nexceptions: ${exceptions.length}`);
for (const e of exceptions) console.log(`  ${e.file}: ${e.message}\n      ${e.top}`);
console.log(`\nparse errors: ${parseErrors.length}`);
for (const p of parseErrors.slice(0, 10)) console.log(`  ${p.file}:${p.line}: ${p.message}`);
if (parseErrors.length > 10) console.log(`  … ${parseErrors.length - 10} more`);
console.log(`\nreports: ${total}`);
for (const [ruleId, list] of perRule) console.log(`  ${ruleId.replace(`${PREFIX}/`, "").padEnd(34)} ${list.length}`);
for (const [ruleId, list] of perRule) {
  if (!list.length || maxExamples === 0) continue;
  console.log(`\n${ruleId}${list.length > maxExamples ? ` (first ${maxExamples} of ${list.length})` : ""}:`);
  for (const r of list.slice(0, maxExamples)) {
    console.log(`  ${r.file}:${r.line}:${r.column} [${r.messageId}]`);
    console.log(`    | ${r.text.length > 160 ? `${r.text.slice(0, 159)}…` : r.text}`);
    console.log(`    ${r.message}`);
  }
}
console.log(`\nslowest ${Math.min(maxSlowest, timings.length)} files (total ms, of which plugin rules):`);
for (const t of timings.sort((a, b) => b.ms - a.ms).slice(0, maxSlowest)) {
  console.log(`  ${t.ms.toFixed(1).padStart(9)} ms  ${t.pluginMs.toFixed(1).padStart(8)} ms  ${t.file} (${fmt(t.lines)} lines)`);
}
console.log("\nrule time over all files:");
for (const [ruleId, ms] of [...ruleTime].sort((a, b) => b[1] - a[1])) console.log(`  ${ruleId.padEnd(52)} ${ms.toFixed(1)} ms`);
process.exit(exceptions.length ? 1 : 0);
