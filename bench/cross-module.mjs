/**
 * `npm run bench:cross-module -- --dir <folder>`: what following calls into the project's own
 * modules costs on real code, built cold, as in one CLI run.
 *
 * Lints the folder (the files `npm run lint:folder` lints, without `.d.ts`) with the plugin's rules
 * and `no-unused-vars`, alternating `crossModuleDepth: 0` and `3`, each round with settings of its
 * own so that no summary is reused. Each file's plugin time is the minimum over the rounds: on a
 * shared machine a garbage collection or another process lands on some file in every round, and
 * the minimum keeps only what the rules themselves cost. Prints the sums for both depths, their
 * ratio (the target is ≤ 1.25×), and both against `no-unused-vars`.
 *
 *   node bench/cross-module.mjs --dir FOLDER [--rounds 5] [--dist DIR]   (after `npm run build`)
 */
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { collectSourceFiles, sourceConfig } from "../scripts/source-files.mjs";

const require = createRequire(import.meta.url);
const root = resolve(fileURLToPath(import.meta.url), "../..");
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const dir = option("--dir", null);
const rounds = Number(option("--rounds", "5"));
if (!dir || !Number.isInteger(rounds) || rounds < 1) {
  console.error("usage: node bench/cross-module.mjs --dir FOLDER [--rounds N] [--dist DIR]");
  process.exit(2);
}
const dist = resolve(root, option("--dist", "dist"));
const { ESLint } = require("eslint");
const tsParser = require("@typescript-eslint/parser");
const plugin = require(join(dist, "src/index.js"));
const { projectStats, forgetModules } = require(join(dist, "src/project/project.js"));
const { files } = collectSourceFiles(resolve(dir), { maxBytes: 1_000_000, declarations: false });

let run = 0;
/** One lint of the folder: per file, the plugin's time and `no-unused-vars`' time; modules parsed. */
async function lint(depth) {
  const rules = { "no-unused-vars": "warn" };
  for (const name of Object.keys(plugin.rules)) rules[`cloudflare-workers/${name}`] = "error";
  const config = sourceConfig({ plugins: { "cloudflare-workers": plugin }, rules, tsParser });
  // A settings key of its own, and the modules' text checks and outlines forgotten: nothing an
  // earlier run learnt is reused. (The resolver's answers and the disk's stamps are.)
  forgetModules?.();
  for (const c of config) c.settings = { "cloudflare-workers": { crossModuleDepth: depth, clientPackages: { [`bench-cold-${run++}`]: "http" } } };
  const eslint = new ESLint({ cwd: resolve(dir), overrideConfigFile: true, overrideConfig: config, stats: true, cache: false, allowInlineConfig: false, ignore: false });
  const parses = projectStats.parses;
  const times = new Map();
  for (const result of await eslint.lintFiles(files)) {
    let own = 0;
    let core = 0;
    for (const pass of result.stats?.times?.passes ?? []) {
      for (const [rule, t] of Object.entries(pass.rules ?? {})) {
        if (rule.startsWith("cloudflare-workers/")) own += t.total;
        else if (rule === "no-unused-vars") core += t.total;
      }
    }
    times.set(result.filePath, [own, core]);
  }
  return { times, parses: projectStats.parses - parses };
}

const least = { off: new Map(), on: new Map(), core: new Map() };
const keep = (into, file, t) => into.set(file, Math.min(into.get(file) ?? Infinity, t));
await lint(0);
await lint(3);
let parses = 0;
for (let i = 0; i < rounds; i++) {
  for (const [file, [own, core]] of (await lint(0)).times) {
    keep(least.off, file, own);
    keep(least.core, file, core);
  }
  const on = await lint(3);
  parses = on.parses;
  for (const [file, [own]] of on.times) keep(least.on, file, own);
}
const sum = (m) => [...m.values()].reduce((a, b) => a + b, 0);
const [off, on, core] = [sum(least.off), sum(least.on), sum(least.core)];
console.log(`${files.length} files, ${rounds} rounds, ${parses} modules parsed cold with depth 3`);
console.log(`plugin, crossModuleDepth 0: ${off.toFixed(0)} ms   depth 3: ${on.toFixed(0)} ms   ratio ${(on / off).toFixed(2)}× (target ≤ 1.25×)`);
console.log(`no-unused-vars: ${core.toFixed(0)} ms   plugin / no-unused-vars: ${(off / core).toFixed(2)}× at depth 0, ${(on / core).toFixed(2)}× at depth 3`);
