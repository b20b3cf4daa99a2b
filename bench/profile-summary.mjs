/**
 * Summarises a V8 `.cpuprofile` with the plugin in mind.
 *
 *   node --cpu-prof --cpu-prof-dir=.tmp/prof bench/run.mjs --rounds 2
 *   node bench/profile-summary.mjs .tmp/prof/<file>.cpuprofile [--top 25] [--lines 8] [--match TEXT]
 *
 * Prints: the share of all samples that ran under a plugin frame (a frame whose script URL
 * contains `--match`, this repository's `dist/` folder by default); the plugin's functions by inclusive time (each counted
 * once per sample, so recursion does not inflate it); and, for those samples only, the leaf
 * functions by self time wherever they live (plugin code, ESLint's scope manager, V8 builtins,
 * the garbage collector), which is where the plugin's time actually goes; then, for the plugin's
 * functions with the most self time, their hottest source lines (V8's `positionTicks`; lines of
 * the compiled `dist/` JavaScript, since that is what runs).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
if (!file) {
  console.error("usage: node bench/profile-summary.mjs <file.cpuprofile> [--top N] [--lines N] [--match TEXT]");
  process.exit(1);
}
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const TOP = Number(flag("--top", 25));
const LINES = Number(flag("--lines", 8));
const MATCH = flag("--match", `${resolve(dirname(fileURLToPath(import.meta.url)), "..", "dist")}/`);

const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function shortUrl(url) {
  if (!url) return "";
  const i = url.lastIndexOf("/node_modules/");
  if (i >= 0) return url.slice(i + "/node_modules/".length);
  const d = url.indexOf(MATCH);
  return d >= 0 ? `dist/${url.slice(d + MATCH.length)}` : url.replace(/^file:\/\//, "");
}

function label(node) {
  const f = node.callFrame;
  const name = f.functionName || "(anonymous)";
  const where = shortUrl(f.url);
  return where ? `${name}  ${where}:${f.lineNumber + 1}` : name;
}

const isPlugin = (node) => node.callFrame.url.includes(MATCH);

// Sample durations: timeDeltas[i] is the time before sample i; attribute it to sample i.
const samples = profile.samples;
const deltas = profile.timeDeltas;
let total = 0;
let underPlugin = 0;
const selfUnder = new Map();
const inclusive = new Map();

for (let i = 0; i < samples.length; i++) {
  const dt = Math.max(0, deltas[i] ?? 0) / 1000; // µs → ms
  total += dt;
  const leaf = byId.get(samples[i]);
  const seen = new Set();
  let plugin = false;
  for (let id = samples[i]; id !== undefined; id = parent.get(id)) {
    const node = byId.get(id);
    if (!isPlugin(node)) continue;
    plugin = true;
    const key = label(node);
    if (!seen.has(key)) {
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  }
  if (!plugin) continue;
  underPlugin += dt;
  const key = label(leaf);
  selfUnder.set(key, (selfUnder.get(key) ?? 0) + dt);
}

const top = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP);
const row = ([key, ms], base) => `  ${ms.toFixed(1).padStart(9)} ms  ${((ms / base) * 100).toFixed(1).padStart(5)}%  ${key}`;

console.log(`${file}`);
console.log(`  sampled ${total.toFixed(0)} ms; under a plugin frame (${MATCH}…): ${underPlugin.toFixed(0)} ms (${((underPlugin / total) * 100).toFixed(1)}%)`);
console.log("");
console.log(`Plugin functions by inclusive time (% of plugin time)`);
for (const e of top(inclusive)) console.log(row(e, underPlugin));
console.log("");
console.log(`Where plugin time is spent: leaf functions by self time (% of plugin time)`);
for (const e of top(selfUnder)) console.log(row(e, underPlugin));

// Hot lines of the plugin's own functions: positionTicks are per profile node, in samples.
const msPerTick = total / Math.max(1, samples.length);
const lineTicks = new Map(); // function label -> Map(line -> ticks)
const urlOf = new Map();
for (const node of profile.nodes) {
  if (!isPlugin(node) || !node.positionTicks) continue;
  const key = label(node);
  urlOf.set(key, node.callFrame.url);
  let lines = lineTicks.get(key);
  if (!lines) lineTicks.set(key, (lines = new Map()));
  for (const { line, ticks } of node.positionTicks) lines.set(line, (lines.get(line) ?? 0) + ticks);
}
const sources = new Map();
function sourceLine(url, line) {
  const path = url.replace(/^file:\/\//, "");
  if (!sources.has(path)) sources.set(path, existsSync(path) ? readFileSync(path, "utf8").split("\n") : []);
  return (sources.get(path)[line - 1] ?? "").trim().slice(0, 110);
}
const hottest = [...selfUnder.entries()].filter(([key]) => lineTicks.has(key)).sort((a, b) => b[1] - a[1]).slice(0, LINES);
if (hottest.length) {
  console.log("");
  console.log(`Hottest lines of the plugin functions with the most self time (ms, self time on that line)`);
  for (const [key, selfMs] of hottest) {
    console.log(`  ${key}  (${selfMs.toFixed(1)} ms self)`);
    const lines = [...lineTicks.get(key).entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
    for (const [line, ticks] of lines) {
      console.log(`    ${(ticks * msPerTick).toFixed(1).padStart(7)}  :${String(line).padEnd(5)} ${sourceLine(urlOf.get(key), line)}`);
    }
  }
}
