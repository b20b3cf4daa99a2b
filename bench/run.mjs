/**
 * `npm run bench`: what the plugin costs beside what users already run.
 *
 * Lints a generated Workers corpus (or, with `--dir`, a folder of real code) with ESLint's Node API
 * and `stats: true` (ESLint's own per-file timing of parsing and of each rule), in one process,
 * over several rounds, and prints medians of: the parser's time, the time of all the plugin's rules
 * together, and the time of ESLint core's `no-unused-vars` on the same files; its cost with one rule
 * against all four; then (synthetic only) the plugin's cost per line on one file at 1×, 4× and 16×
 * size, and the peak memory of the run.
 *
 *   node bench/run.mjs [--profile default|dense] [--files N] [--seed S]
 *                      [--dir FOLDER [--dts] [--max-bytes N] [--costliest N]]
 *                      [--rounds N] [--dist DIR] [--only corpus|scaling|all]
 *   (after `npm run build`)
 *
 * Exits 0 when a target is missed (it prints MISSED); exits 1 only when the benchmark itself
 * cannot run (a build is missing, a generated file does not parse).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { collectSourceFiles, isTypeScript, sourceConfig } from "../scripts/source-files.mjs";
import { generateCorpus, PROFILES, scalingFile, sharedScalingFile } from "./corpus.mjs";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");

// -----------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  console.log(`usage: node bench/run.mjs [--profile default|dense] [--files N] [--seed S]
                         [--dir FOLDER [--dts] [--max-bytes N] [--costliest N]]
                         [--rounds N] [--dist DIR] [--only corpus|scaling|all]
(npm run bench -- <options> builds first; bench/README.md explains the measures)`);
  process.exit(0);
}
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
const PROFILE = textOption("--profile", "default");
if (!PROFILES.includes(PROFILE)) {
  console.error(`--profile expects ${PROFILES.join(" or ")}`);
  process.exit(1);
}
// `--dir FOLDER`: real code instead of the generated corpus. Files as `scripts/lint-folder.mjs`
// finds them, without `.d.ts` files unless `--dts` (generated declarations such as
// worker-configuration.d.ts run to 15,000 lines each, are almost all parse, and would make the
// parse ratio look better than the code deserves).
const DIR = argv.includes("--dir") ? resolve(textOption("--dir", "")) : null;
if (DIR !== null && (!argv[argv.indexOf("--dir") + 1] || !existsSync(DIR) || !statSync(DIR).isDirectory())) {
  console.error("--dir expects a folder");
  process.exit(1);
}
const DTS = argv.includes("--dts");
const MAX_BYTES = option("--max-bytes", 1_000_000);
const COSTLIEST = argv.includes("--costliest") ? Number(textOption("--costliest", "8")) : 8;
// With --dir, scaling (always synthetic) is left out unless asked for with --only scaling or all.
const ONLY = textOption("--only", DIR ? "corpus" : "all"); // "corpus" or "scaling" to run one part while iterating
if (!["all", "corpus", "scaling"].includes(ONLY)) {
  console.error("--only expects corpus, scaling or all");
  process.exit(1);
}
const SCALING_SIZES = [1, 4, 16];

const TARGETS = {
  vsNoUnusedVars: 1.0, // plugin rules together ≤ 1.0× no-unused-vars
  vsParse: 0.03, // plugin rules together < 3% of parse time
  scaling: 1.2, // cost per line at 16× ≤ 1.2× cost per line at 1×
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

/**
 * The flat config `scripts/lint-folder.mjs` uses (JavaScript with ESLint's default parser, JSX on;
 * TypeScript with typescript-eslint's), with `no-unused-vars` next to the plugin's rules.
 */
function flatConfig(pluginRules) {
  const rules = { "no-unused-vars": "warn" };
  for (const id of pluginRules) rules[id] = "error";
  return sourceConfig({ plugins: { [PREFIX]: plugin }, rules, tsParser });
}

/** Inline configuration comments (`eslint-disable`, `eslint` rule settings) are ignored, so real code lints as the corpus does. */
function createESLint(cwd, pluginRules) {
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: flatConfig(pluginRules), stats: true, cache: false, allowInlineConfig: false, ignore: false });
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
  const out = { files: results.length, parse: 0, plugin: 0, noUnusedVars: 0, byRule: {}, reports: {}, fatal: [], fatalFiles: new Set() };
  for (const result of results) {
    for (const m of result.messages) {
      if (m.fatal) {
        out.fatal.push(`${result.filePath}:${m.line}:${m.column} ${m.message}`);
        out.fatalFiles.add(result.filePath);
      } else if (m.ruleId) out.reports[m.ruleId] = (out.reports[m.ruleId] ?? 0) + 1;
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

/** One result's parse, plugin and no-unused-vars time. */
function fileTimes(result) {
  const out = { parse: 0, plugin: 0, nuv: 0 };
  for (const pass of result.stats?.times?.passes ?? []) {
    out.parse += pass.parse?.total ?? 0;
    for (const [ruleId, time] of Object.entries(pass.rules ?? {})) {
      if (ruleId.startsWith(`${PREFIX}/`)) out.plugin += time.total;
      else if (ruleId === "no-unused-vars") out.nuv += time.total;
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
// 1. Corpus (or folder), and 2. rule count

/**
 * `source`: what to lint and how to describe it. `name` ("corpus" or "folder"), `dir`, `files`
 * (absolute paths; null for the corpus's glob), `lines`, `planted` (by rule; null for real code)
 * and `real` (true for a folder: files that do not parse are left out after the warm-up instead of
 * stopping the run, and the costliest files are listed).
 */
async function measureCorpus(source, allRules) {
  const oneRule = createESLint(source.dir, [ONE_RULE]);
  let targets = source.files ?? ["**/*.ts", "**/*.js"];
  let lines = source.lines;

  let leftOut = "";
  const rounds = [];
  const perFile = new Map(); // filePath -> summed plugin, parse and no-unused-vars ms over measured rounds
  for (let round = 0; round <= ROUNDS; round++) {
    // Alternate which configuration goes first, so drift in the machine does not favour one.
    const order = round % 2 === 0 ? ["all", "one"] : ["one", "all"];
    const entry = {};
    for (const which of order) {
      collectGarbage();
      const builtBefore = analysisStats.built;
      const results = await (which === "all" ? allRules : oneRule).lintFiles(targets);
      const summary = summarise(results);
      summary.analyses = analysisStats.built - builtBefore;
      if (!source.real) failOnParseErrors(summary, "generated corpus");
      if (which === "all" && round > 0) {
        for (const result of results) {
          const file = fileTimes(result);
          const sum = perFile.get(result.filePath) ?? { plugin: 0, parse: 0, nuv: 0 };
          sum.plugin += file.plugin;
          sum.parse += file.parse;
          sum.nuv += file.nuv;
          perFile.set(result.filePath, sum);
        }
      }
      entry[which] = summary;
    }
    if (round === 0 && source.real) {
      // Real code has files that do not parse; they cost parse time and no rule time, so leave
      // them out of the measured rounds.
      const broken = entry.all.fatalFiles;
      if (broken.size) {
        targets = targets.filter((f) => !broken.has(f));
        lines -= source.linesOf(broken);
        leftOut = `${broken.size === 1 ? "1 file that does" : `${broken.size} files that do`} not parse, left out after the warm-up: ${[...broken].map((f) => relative(source.dir, f)).join(", ")}`;
      }
    }
    process.stdout.write(round === 0 ? "  warm-up done" : `, round ${round}`);
    if (round > 0) rounds.push(entry);
  }
  process.stdout.write("\n\n");
  if (leftOut) console.log(`${leftOut}\n`);

  const all = rounds.map((r) => r.all);
  const parse = median(all.map((s) => s.parse));
  const pluginMs = median(all.map((s) => s.plugin));
  const nuv = median(all.map((s) => s.noUnusedVars));
  const perKLine = (v) => us((v / lines) * 1000);

  console.log(`${source.title}, all ${PLUGIN_RULES.length} plugin rules + no-unused-vars (ms, median of ${ROUNDS}; ${int(all[0].files)} files, ${int(lines)} lines)`);
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
  verdict(`plugin rules / no-unused-vars, ${source.name}`, ratioNuv, times, `≤ ${times(TARGETS.vsNoUnusedVars)}`, ratioNuv <= TARGETS.vsNoUnusedVars);
  verdict(`plugin rules / parse, ${source.name}`, ratioParse, percent, `< ${percent(TARGETS.vsParse)}`, ratioParse < TARGETS.vsParse);

  // Findings: on the corpus, the planted escapes, as a check that the plugin did its work while
  // being timed; on real code, what it reports (see `npm run lint:folder` for the findings).
  const reports = all[0].reports;
  if (source.planted) {
    console.log(`Findings on the ${source.name} (planted escapes are the ones the generator wrote on purpose)`);
    console.log(
      table(
        ["rule", "reports", "planted"],
        PLUGIN_RULES.map((id) => [id.slice(PREFIX.length + 1), reports[id] ?? 0, source.planted[id.slice(PREFIX.length + 1)] ?? 0]),
      ),
    );
  } else {
    console.log(`Findings on the ${source.name} (\`npm run lint:folder -- <folder>\` shows them)`);
    console.log(table(["rule", "reports"], PLUGIN_RULES.map((id) => [id.slice(PREFIX.length + 1), reports[id] ?? 0])));
  }
  console.log("");

  if (source.real && COSTLIEST > 0) {
    const costliest = [...perFile.entries()].sort((a, b) => b[1].plugin - a[1].plugin).slice(0, COSTLIEST);
    console.log(`Costliest files for the plugin (ms per round, mean of ${ROUNDS})`);
    console.log(
      table(
        ["file", "lines", "plugin", "no-unused-vars", "parse", "plugin µs / line"],
        costliest.map(([file, t]) => {
          const n = source.linesOf(new Set([file]));
          return [relative(source.dir, file), int(n), ms(t.plugin / ROUNDS), ms(t.nuv / ROUNDS), ms(t.parse / ROUNDS), us((t.plugin / ROUNDS / Math.max(1, n)) * 1000)];
        }),
      ),
    );
    console.log("");
  }

  // -------------------------------------------------------------------------------------------
  // 2. Rule count

  const one = rounds.map((r) => r.one);
  const oneMs = median(one.map((s) => s.plugin));
  const ruleRatio = median(rounds.map((r) => r.all.plugin / r.one.plugin));
  const analysesPerFile = all[0].analyses / all[0].files;
  console.log(`Rule count (${source.name}, ms, median)`);
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
  verdict(`${PLUGIN_RULES.length} rules / 1 rule, ${source.name}`, ruleRatio, times, `≤ ${times(TARGETS.ruleCount)}`, ruleRatio <= TARGETS.ruleCount);
}

// -----------------------------------------------------------------------------------------------
// 3. Scaling: one file at 1×, 4×, 16×; each size linted often enough to cover the same lines

async function measureScaling(dir, allRules) {
  const maxSize = Math.max(...SCALING_SIZES);
  const scalingPath = join(dir, "scaling", "big.ts"); // linted with lintText: never written
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

/** The files of `--dir`, with their line counts, described for the header. */
function folderSource() {
  const { files, skipped, declarations } = collectSourceFiles(DIR, { maxBytes: MAX_BYTES, declarations: DTS });
  if (files.length === 0) {
    console.error(`No JavaScript or TypeScript files under ${DIR}.`);
    process.exit(1);
  }
  const countLines = (text) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  const lineCount = new Map(files.map((f) => [f, countLines(readFileSync(f, "utf8"))]));
  const ts = files.filter(isTypeScript).length;
  let commit = "";
  try {
    commit = execFileSync("git", ["-C", DIR, "rev-parse", "--short=12", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    // not a git work tree (an extracted archive, say)
  }
  const lines = [...lineCount.values()].reduce((a, b) => a + b, 0);
  const left = [
    declarations.length ? `${int(declarations.length)} .d.ts left out (--dts to include them)` : "",
    skipped.length ? `${skipped.length} over ${int(MAX_BYTES)} bytes left out` : "",
  ].filter(Boolean);
  return {
    name: "folder",
    title: "Folder",
    dir: DIR,
    files,
    lines,
    planted: null,
    real: true,
    linesOf: (set) => [...set].reduce((n, f) => n + (lineCount.get(f) ?? 0), 0),
    header:
      `Folder: ${DIR}${commit ? ` (git ${commit})` : ""}: ${int(files.length)} files (${ts} TypeScript, ${files.length - ts} JavaScript), ` +
      `${int(lines)} lines${left.length ? `; ${left.join(", ")}` : ""}`,
  };
}

function corpusSource() {
  const dir = join(root, ".tmp", PROFILE === "default" ? "bench-corpus" : `bench-corpus-${PROFILE}`);
  const corpus = generateCorpus({ dir, files: FILES, seed: SEED, profile: PROFILE });
  const ts = corpus.files.filter((f) => f.ts).length;
  return {
    name: PROFILE === "default" ? "corpus" : `${PROFILE} corpus`,
    title: PROFILE === "default" ? "Corpus" : `Corpus (${PROFILE} profile)`,
    dir,
    files: null,
    lines: corpus.lines,
    planted: corpus.planted,
    real: false,
    header:
      `Corpus: ${PROFILE} profile, ${int(corpus.files.length)} files (${ts} TypeScript, ${corpus.files.length - ts} JavaScript), ` +
      `${int(corpus.lines)} lines, seed ${SEED}, in ${relative(process.cwd(), dir) || "."}`,
  };
}

async function main() {
  const source = ONLY === "scaling" ? null : DIR ? folderSource() : corpusSource();
  const scalingDir = join(root, ".tmp", "bench-scaling");
  mkdirSync(scalingDir, { recursive: true });
  const eslintVersion = require("eslint/package.json").version;
  const tsParserVersion = require("@typescript-eslint/parser/package.json").version;

  console.log("eslint-plugin-cloudflare-workers benchmark");
  console.log(`Plugin: ${relative(process.cwd(), dist) || dist}`);
  console.log(`Node ${process.version}, ESLint ${eslintVersion}, @typescript-eslint/parser ${tsParserVersion}, ${availableParallelism()} CPUs`);
  if (source && ONLY !== "scaling") console.log(source.header);
  console.log(`Rounds: 1 warm-up + ${ROUNDS} measured; figures are medians (ratios: median of each round's ratio).`);
  if (DIR && ONLY === "corpus") console.log("Scaling is measured on generated files only: run without --dir, or add --only all.");
  console.log("");

  const rssBaseline = process.memoryUsage().rss;
  if (ONLY !== "scaling") await measureCorpus(source, createESLint(source.dir, PLUGIN_RULES));
  if (ONLY !== "corpus") await measureScaling(scalingDir, createESLint(scalingDir, PLUGIN_RULES));

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
