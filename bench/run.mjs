/**
 * `npm run bench`: what the plugin costs beside what users already run.
 *
 * Lints a generated Workers corpus with ESLint's Node API and `stats: true` (ESLint's own per-file
 * timing of parsing and of each rule), in one process, over several rounds, and prints medians of:
 * the parser's time, the time of all the plugin's rules together, and the time of ESLint core's
 * `no-unused-vars` on the same files; then the plugin's cost per line on one file at 1×, 4× and
 * 16× size, its cost with one rule against all four, and the peak memory of the run.
 *
 *   node bench/run.mjs [--files N] [--rounds N] [--seed S] [--dist DIR] [--only corpus|scaling]
 *   (after `npm run build`)
 *
 * Exits 0 when a target is missed (it prints MISSED); exits 1 only when the benchmark itself
 * cannot run (a build is missing, a generated file does not parse).
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { generateCorpus, scalingFile, sharedScalingFile } from "./corpus.mjs";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");

// -----------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
function textOption(name, fallback) {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
}
function option(name, fallback) {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} expects a positive integer`);
    process.exit(1);
  }
  return n;
}
const FILES = option("--files", 600);
const ROUNDS = option("--rounds", 5);
const SEED = option("--seed", 20240611);
const ONLY = textOption("--only", "all"); // "corpus" or "scaling" to run one part while iterating
if (!["all", "corpus", "scaling"].includes(ONLY)) {
  console.error("--only expects corpus or scaling");
  process.exit(1);
}
const SCALING_SIZES = [1, 4, 16];

const TARGETS = {
  vsNoUnusedVars: 1.0, // plugin rules together ≤ 1.0× no-unused-vars
  vsParse: 0.05, // plugin rules together < 5% of parse time
  scaling: 1.3, // cost per line at 16× ≤ 1.3× cost per line at 1×
  ruleCount: 1.5, // all four rules ≤ 1.5× one rule (one shared analysis, not four)
};

// -----------------------------------------------------------------------------------------------
// The plugin and ESLint

// `--dist DIR` benchmarks another build (say, a baseline copy of `dist/`) against the same corpus.
const dist = resolve(textOption("--dist", join(root, "dist")));
const distEntry = join(dist, "src", "index.js");
if (!existsSync(distEntry)) {
  console.error(`${relative(process.cwd(), distEntry)} is missing: run \`npm run bench\` (it builds first) or \`npm run build\`.`);
  process.exit(1);
}
const plugin = require(distEntry);
const { analysisStats } = require(join(dist, "src", "engine", "analysis.js"));
const { ESLint } = require("eslint");
const tsParser = require("@typescript-eslint/parser");

const PREFIX = "cloudflare-workers";
const PLUGIN_RULES = Object.keys(plugin.rules).map((name) => `${PREFIX}/${name}`);
const ONE_RULE = PLUGIN_RULES.includes(`${PREFIX}/no-env-in-global-scope`) ? `${PREFIX}/no-env-in-global-scope` : PLUGIN_RULES[0];

/** A flat config: JavaScript with ESLint's default parser, TypeScript with typescript-eslint's. */
function flatConfig(pluginRules) {
  const rules = { "no-unused-vars": "warn" };
  for (const id of pluginRules) rules[id] = "error";
  const plugins = { [PREFIX]: plugin };
  return [
    { files: ["**/*.js"], languageOptions: { ecmaVersion: "latest", sourceType: "module" }, plugins, rules },
    { files: ["**/*.ts"], languageOptions: { ecmaVersion: "latest", sourceType: "module", parser: tsParser }, plugins, rules },
  ];
}

function createESLint(cwd, pluginRules) {
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: flatConfig(pluginRules), stats: true, cache: false });
}

/** `global.gc`, without asking for `--expose-gc` on the command line; collects between measurements. */
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc");

// -----------------------------------------------------------------------------------------------
// Reading ESLint's stats

/**
 * Sums one lint run's stats. Each result has `stats.times.passes[]` (one pass per fix pass; one
 * here), each with `parse.total` and `rules[ruleId].total` in milliseconds.
 */
function summarise(results) {
  const out = { files: results.length, parse: 0, plugin: 0, noUnusedVars: 0, byRule: {}, reports: {}, fatal: [] };
  for (const result of results) {
    for (const m of result.messages) {
      if (m.fatal) out.fatal.push(`${result.filePath}:${m.line}:${m.column} ${m.message}`);
      else if (m.ruleId) out.reports[m.ruleId] = (out.reports[m.ruleId] ?? 0) + 1;
    }
    for (const pass of result.stats?.times?.passes ?? []) {
      out.parse += pass.parse?.total ?? 0;
      for (const [ruleId, time] of Object.entries(pass.rules ?? {})) {
        out.byRule[ruleId] = (out.byRule[ruleId] ?? 0) + time.total;
        if (ruleId.startsWith(`${PREFIX}/`)) out.plugin += time.total;
        else if (ruleId === "no-unused-vars") out.noUnusedVars += time.total;
      }
    }
  }
  return out;
}

function failOnParseErrors(summary, what) {
  if (summary.fatal.length === 0) return;
  console.error(`The ${what} does not parse; the benchmark would measure nothing:`);
  for (const line of summary.fatal.slice(0, 10)) console.error(`  ${line}`);
  process.exit(1);
}

// -----------------------------------------------------------------------------------------------
// Statistics and printing

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ms = (v) => v.toFixed(1);
const us = (v) => v.toFixed(2);
const times = (v) => `${v.toFixed(2)}×`;
const percent = (v) => `${(v * 100).toFixed(2)}%`;
const int = (v) => v.toLocaleString("en-US");

/** A small left/right aligned table: first column left, the others right. */
function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => "  " + r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("   ");
  return [line(all[0]), "  " + widths.map((w) => "-".repeat(w)).join("   "), ...all.slice(1).map(line)].join("\n");
}

const verdicts = [];
function verdict(name, value, shown, target, met) {
  verdicts.push([name, shown(value), target, met ? "met" : "MISSED"]);
  return met;
}

// Peak memory: the OS's high-water mark, plus our own samples of the heap between files.
let peakHeap = 0;
const sampler = setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 20);
sampler.unref();

// -----------------------------------------------------------------------------------------------
// 1. Corpus, and 2. rule count

async function measureCorpus(corpus, corpusDir, allRules) {
  const patterns = ["**/*.ts", "**/*.js"];
  const oneRule = createESLint(corpusDir, [ONE_RULE]);

  const rounds = [];
  for (let round = 0; round <= ROUNDS; round++) {
    // Alternate which configuration goes first, so drift in the machine does not favour one.
    const order = round % 2 === 0 ? ["all", "one"] : ["one", "all"];
    const entry = {};
    for (const which of order) {
      collectGarbage();
      const builtBefore = analysisStats.built;
      const results = await (which === "all" ? allRules : oneRule).lintFiles(patterns);
      const summary = summarise(results);
      summary.analyses = analysisStats.built - builtBefore;
      failOnParseErrors(summary, "generated corpus");
      entry[which] = summary;
    }
    process.stdout.write(round === 0 ? "  warm-up done" : `, round ${round}`);
    if (round > 0) rounds.push(entry);
  }
  process.stdout.write("\n\n");

  const all = rounds.map((r) => r.all);
  const parse = median(all.map((s) => s.parse));
  const pluginMs = median(all.map((s) => s.plugin));
  const nuv = median(all.map((s) => s.noUnusedVars));
  const perKLine = (v) => us((v / corpus.lines) * 1000);

  console.log(`Corpus, all ${PLUGIN_RULES.length} plugin rules + no-unused-vars (ms, median of ${ROUNDS})`);
  const rows = [
    ["parse (parser + scope analysis)", ms(parse), perKLine(parse)],
    [`plugin rules, all ${PLUGIN_RULES.length}`, ms(pluginMs), perKLine(pluginMs)],
    ...PLUGIN_RULES.map((id) => [`  ${id.slice(PREFIX.length + 1)}`, ms(median(all.map((s) => s.byRule[id] ?? 0))), perKLine(median(all.map((s) => s.byRule[id] ?? 0)))]),
    ["no-unused-vars (ESLint core)", ms(nuv), perKLine(nuv)],
  ];
  console.log(table(["measure", "ms", "ms / 1k lines"], rows));
  console.log("  (the first plugin rule to run in a file builds the shared analysis and is charged for it)");
  console.log("");

  const ratioNuv = median(all.map((s) => s.plugin / s.noUnusedVars));
  const ratioParse = median(all.map((s) => s.plugin / s.parse));
  verdict("plugin rules / no-unused-vars", ratioNuv, times, `≤ ${times(TARGETS.vsNoUnusedVars)}`, ratioNuv <= TARGETS.vsNoUnusedVars);
  verdict("plugin rules / parse", ratioParse, percent, `< ${percent(TARGETS.vsParse)}`, ratioParse < TARGETS.vsParse);

  // Findings: the planted escapes, as a check that the plugin did its work while being timed.
  const reports = all[0].reports;
  console.log("Findings on the corpus (planted escapes are the ones the generator wrote on purpose)");
  console.log(
    table(
      ["rule", "reports", "planted"],
      PLUGIN_RULES.map((id) => [id.slice(PREFIX.length + 1), reports[id] ?? 0, corpus.planted[id.slice(PREFIX.length + 1)] ?? 0]),
    ),
  );
  console.log("");

  // -------------------------------------------------------------------------------------------
  // 2. Rule count

  const one = rounds.map((r) => r.one);
  const oneMs = median(one.map((s) => s.plugin));
  const ruleRatio = median(rounds.map((r) => r.all.plugin / r.one.plugin));
  const analysesPerFile = all[0].analyses / all[0].files;
  console.log("Rule count (corpus, ms, median)");
  console.log(
    table(
      ["plugin rules enabled", "plugin ms", "analyses per file"],
      [
        [`1 (${ONE_RULE.slice(PREFIX.length + 1)})`, ms(oneMs), (one[0].analyses / one[0].files).toFixed(2)],
        [`all ${PLUGIN_RULES.length}`, ms(pluginMs), analysesPerFile.toFixed(2)],
      ],
    ),
  );
  console.log("");
  verdict(`${PLUGIN_RULES.length} rules / 1 rule`, ruleRatio, times, `≤ ${times(TARGETS.ruleCount)}`, ruleRatio <= TARGETS.ruleCount);
}

// -----------------------------------------------------------------------------------------------
// 3. Scaling: one file at 1×, 4×, 16×; each size linted often enough to cover the same lines

async function measureScaling(corpusDir, allRules) {
  const maxSize = Math.max(...SCALING_SIZES);
  const scalingPath = join(corpusDir, "scaling", "big.ts");
  const shapes = [
    { name: "renamed copies", file: scalingFile },
    { name: "shared helpers", file: sharedScalingFile },
  ].map((shape) => ({
    ...shape,
    sizes: SCALING_SIZES.map((n) => {
      const code = shape.file(n);
      return { n, code, lines: code.split("\n").length - 1, repeats: maxSize / n, plugin: [], nuv: [], parse: [] };
    }),
  }));
  // Each round lints every size to the same number of lines, interleaved (1×, 4× and 16× lints
  // alternate), so that a slow stretch of a busy machine falls on all sizes alike.
  const schedule = [];
  for (let i = 0; i < maxSize; i++) {
    for (const n of SCALING_SIZES) if (i % n === 0) schedule.push(n); // n× comes up maxSize / n times
  }
  const scalingRounds = 2 * ROUNDS + 1; // cheap next to the corpus, and the small files are the noisiest
  for (let round = 0; round <= scalingRounds; round++) {
    for (const shape of shapes) {
      collectGarbage();
      const sums = new Map(shape.sizes.map((size) => [size, { plugin: 0, nuv: 0, parse: 0 }]));
      for (const n of schedule) {
        const size = shape.sizes.find((s) => s.n === n);
        const summary = summarise(await allRules.lintText(size.code, { filePath: scalingPath }));
        failOnParseErrors(summary, `scaling file (${shape.name}, ${size.n}×)`);
        const sum = sums.get(size);
        sum.plugin += summary.plugin;
        sum.nuv += summary.noUnusedVars;
        sum.parse += summary.parse;
      }
      if (round === 0) continue; // warm-up
      for (const [size, sum] of sums) {
        const lines = size.lines * size.repeats;
        size.plugin.push((sum.plugin / lines) * 1000);
        size.nuv.push((sum.nuv / lines) * 1000);
        size.parse.push((sum.parse / lines) * 1000);
      }
    }
  }
  console.log(`Scaling: one TypeScript file at growing size (µs per line, median of ${scalingRounds}; "vs 1×": median of each round's ratio)`);
  console.log("  renamed copies: the base module repeated with every module-level name suffixed (no function shared)");
  console.log("  shared helpers: more routes calling the same module-level getDb(), json(), Repo and cache");
  const rowsOf = (shape) => {
    const base = shape.sizes[0];
    return shape.sizes.map((s) => [
      `${shape.name}, ${s.n}×`,
      int(s.lines),
      us(median(s.plugin)),
      times(median(s.plugin.map((v, i) => v / base.plugin[i]))),
      us(median(s.nuv)),
      times(median(s.nuv.map((v, i) => v / base.nuv[i]))),
      us(median(s.parse)),
    ]);
  };
  console.log(table(["file, size", "lines", "plugin", "vs 1×", "no-unused-vars", "vs 1×", "parse"], shapes.flatMap(rowsOf)));
  console.log("");
  for (const shape of shapes) {
    const base = shape.sizes[0];
    const largest = shape.sizes[shape.sizes.length - 1];
    const ratio = median(largest.plugin.map((v, i) => v / base.plugin[i]));
    verdict(`cost per line ${largest.n}× / 1×, ${shape.name}`, ratio, times, `≤ ${times(TARGETS.scaling)}`, ratio <= TARGETS.scaling);
  }
}

// -----------------------------------------------------------------------------------------------
// The run

async function main() {
  const corpusDir = join(root, ".tmp", "bench-corpus");
  const corpus = generateCorpus({ dir: corpusDir, files: FILES, seed: SEED });
  const tsFiles = corpus.files.filter((f) => f.ts).length;
  const eslintVersion = require("eslint/package.json").version;
  const tsParserVersion = require("@typescript-eslint/parser/package.json").version;

  console.log("eslint-plugin-cloudflare-workers benchmark");
  console.log(`Plugin: ${relative(process.cwd(), dist) || dist}`);
  console.log(`Node ${process.version}, ESLint ${eslintVersion}, @typescript-eslint/parser ${tsParserVersion}, ${availableParallelism()} CPUs`);
  console.log(
    `Corpus: ${int(corpus.files.length)} files (${tsFiles} TypeScript, ${corpus.files.length - tsFiles} JavaScript), ` +
      `${int(corpus.lines)} lines, seed ${SEED}, in ${relative(process.cwd(), corpusDir) || "."}`,
  );
  console.log(`Rounds: 1 warm-up + ${ROUNDS} measured; figures are medians (ratios: median of each round's ratio).`);
  console.log("");

  const allRules = createESLint(corpusDir, PLUGIN_RULES);
  const rssBaseline = process.memoryUsage().rss;
  if (ONLY !== "scaling") await measureCorpus(corpus, corpusDir, allRules);
  if (ONLY !== "corpus") await measureScaling(corpusDir, allRules);

  // 4. Memory, then the verdicts

  const maxRss = process.resourceUsage().maxRSS * 1024; // reported in KiB
  const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  console.log("Memory (whole process: ESLint, both parsers, the plugin and the corpus)");
  console.log(
    table(
      ["measure", "value"],
      [
        ["RSS after loading, before linting", mb(rssBaseline)],
        ["peak RSS (maxRSS)", mb(maxRss)],
        ["peak heap used (sampled)", mb(peakHeap)],
      ],
    ),
  );
  console.log("");

  console.log("Targets");
  console.log(table(["target", "measured", "target", "result"], verdicts));
  const missed = verdicts.filter((v) => v[3] !== "met");
  console.log("");
  console.log(missed.length === 0 ? "All targets met." : `MISSED ${missed.length} of ${verdicts.length} targets: ${missed.map((v) => v[0]).join("; ")}.`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
