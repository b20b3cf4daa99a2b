/**
 * `npm run bench:project`: how the cost of cross-module work grows with the size of a project.
 *
 * Writes generated Workers projects of 625, 1,250, 2,500 and 5,000 files (or `--sizes a,b,…`) to
 * `.tmp/bench-project-<n>`, each the same shape at a different size: route modules whose handlers
 * hand `env`, its bindings and the request to helper modules imported by relative path, alias and
 * barrel; helper modules that keep what they are handed (a lazy singleton, a module `Map`, a static
 * holder) or only use it, and that hand it on to another helper (two hops). Every project is linted
 * once, cold (a fresh settings key, so no summary is reused), with all the plugin's rules and
 * cross-module depth 3, and once with depth 0; it prints the plugin's time per file for both, the
 * summaries made, and the ratio of the largest project's cost per file to the smallest's.
 *
 *   node bench/project-scale.mjs [--sizes 625,1250,2500,5000] [--dist DIR]   (after `npm run build`)
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const SIZES = option("--sizes", "625,1250,2500,5000")
  .split(",")
  .map(Number)
  .filter((n) => Number.isInteger(n) && n >= 16);
const DIST = resolve(root, option("--dist", "dist"));

const { ESLint } = require("eslint");
const tsParser = require("@typescript-eslint/parser");
const plugin = require(join(DIST, "src/index.js"));
const { projectStats } = require(join(DIST, "src/project/project.js"));

/** Helper kinds, in turn: three keep what they are handed, two only use it. */
const HELPERS = [
  (i, next) => `import { relay${next} } from "./h${next}";
import { drizzle } from "drizzle-orm/d1";
let db${i}: ReturnType<typeof drizzle> | undefined;
export function getDb${i}(d1: D1Database) {
  db${i} ??= drizzle(d1);
  return db${i};
}
export function relay${i}(value: string) {
  return relay${next}(value.trim());
}
`,
  (i, next) => `import { relay${next} } from "./h${next}";
const seen${i} = new Map<string, string>();
export function remember${i}(key: string, value: string) {
  seen${i}.set(key, value);
}
export function relay${i}(value: string) {
  seen${i}.set("last", value);
  return relay${next}(value);
}
`,
  (i, next) => `import { relay${next} } from "./h${next}";
export class Holder${i} {
  static token: string | null = null;
  static init(token: string) { Holder${i}.token = token; }
}
export function relay${i}(value: string) {
  return relay${next}(value);
}
`,
  (i, next) => `import { relay${next} } from "./h${next}";
export function format${i}(value: string, width = 8) {
  return value.padStart(width, " ");
}
export function relay${i}(value: string) {
  return relay${next}(format${i}(value));
}
`,
  (i) => `export function count${i}(items: readonly unknown[]) {
  return items.length;
}
export function relay${i}(value: string) {
  return value.length > 0 ? value : "-";
}
`,
];

function route(i, helpers) {
  const a = i % helpers;
  const b = (i * 7 + 3) % helpers;
  const c = (i * 13 + 5) % helpers;
  const call = (h, arg) => {
    switch (h % HELPERS.length) {
      case 0:
        return `getDb${h}(${arg.db})`;
      case 1:
        return `remember${h}("k", ${arg.text})`;
      case 2:
        return `Holder${h}.init(${arg.text})`;
      case 3:
        return `format${h}(${arg.text})`;
      default:
        return `count${h}([${arg.text}])`;
    }
  };
  const name = (h) => ["getDb", "remember", "Holder", "format", "count"][h % HELPERS.length] + h;
  const imports = [...new Set([a, b, c])].map((h) => `import { ${name(h)}, relay${h} } from "${h % 2 ? `@/lib/h${h}` : `../lib/h${h}`}";`);
  return `${imports.join("\n")}
import { barrel } from "../lib";
let hits${i} = 0;
export default {
  async fetch(request: Request, env: Env) {
    hits${i}++;
    const url = new URL(request.url);
    ${call(a, { db: "env.DB", text: "env.API_TOKEN" })};
    ${call(b, { db: "env.DB", text: 'url.searchParams.get("q") ?? ""' })};
    relay${c}(env.SECRET_${i % 5});
    barrel(String(hits${i}));
    return new Response(JSON.stringify({ path: url.pathname, n: hits${i} }));
  },
};
`;
}

function writeProject(files) {
  const dir = join(root, ".tmp", `bench-project-${files}`);
  rmSync(dir, { recursive: true, force: true });
  const helpers = Math.max(5, Math.floor(files / 5));
  const routes = files - helpers - 1;
  mkdirSync(join(dir, "src/routes"), { recursive: true });
  mkdirSync(join(dir, "src/lib"), { recursive: true });
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["src/*"] } } }));
  for (let h = 0; h < helpers; h++) {
    const next = (h + 1) % helpers;
    writeFileSync(join(dir, `src/lib/h${h}.ts`), HELPERS[h % HELPERS.length](h, next));
  }
  writeFileSync(join(dir, "src/lib/index.ts"), `export { relay0 as barrel } from "./h0";\n`);
  for (let i = 0; i < routes; i++) writeFileSync(join(dir, `src/routes/r${i}.ts`), route(i, helpers));
  return dir;
}

async function lintOnce(dir, depth, round) {
  const rules = {};
  for (const name of Object.keys(plugin.rules)) rules[`cw/${name}`] = "error";
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    stats: true,
    allowInlineConfig: false,
    overrideConfig: [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tsParser, sourceType: "module" },
        plugins: { cw: plugin },
        rules,
        // A settings key of its own per run: nothing is reused from an earlier run.
        settings: { "cloudflare-workers": { crossModuleDepth: depth, clientPackages: { [`bench-run-${round}`]: "http" } } },
      },
    ],
  });
  const before = projectStats.summaries;
  const results = await eslint.lintFiles(["src/**/*.ts"]);
  let pluginMs = 0;
  let reports = 0;
  for (const r of results) {
    reports += r.messages.filter((m) => m.ruleId?.startsWith("cw/")).length;
    for (const pass of r.stats?.times?.passes ?? []) for (const [id, t] of Object.entries(pass.rules ?? {})) if (id.startsWith("cw/")) pluginMs += t.total;
  }
  return { files: results.length, pluginMs, reports, summaries: projectStats.summaries - before };
}

const rows = [];
let round = 0;
for (const size of SIZES) {
  const dir = writeProject(size);
  await lintOnce(dir, 0, round++); // warm the parser and the plugin's code, not its caches
  const off = await lintOnce(dir, 0, round++);
  const on = await lintOnce(dir, 3, round++);
  rows.push({ size, files: on.files, offPerFile: off.pluginMs / off.files, onPerFile: on.pluginMs / on.files, summaries: on.summaries, reports: on.reports });
  console.log(`  ${size} files done`);
}
console.log("\nProject size, cross-module work (plugin ms per file, one cold run each)");
console.log("  files   depth 0   depth 3   with / without   summaries   reports");
for (const r of rows) {
  console.log(
    `  ${String(r.files).padStart(5)}   ${r.offPerFile.toFixed(3).padStart(7)}   ${r.onPerFile.toFixed(3).padStart(7)}   ${(r.onPerFile / r.offPerFile).toFixed(2).padStart(13)}×   ${String(r.summaries).padStart(9)}   ${String(r.reports).padStart(7)}`,
  );
}
const first = rows[0];
const last = rows[rows.length - 1];
if (first && last && last !== first) {
  const growth = last.onPerFile / first.onPerFile;
  console.log(`\nCost per file at ${last.files} files / at ${first.files} files, with cross-module work: ${growth.toFixed(2)}× (linear growth of the total is 1.00×)`);
}
