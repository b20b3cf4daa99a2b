#!/usr/bin/env node
/**
 * Long property-based run of `no-env-in-global-scope` (the same property as
 * test/robustness/fuzz.test.ts, which runs it briefly with a fixed seed in `npm test`).
 *
 *   npm run fuzz                      # 20,000 runs, random seed (printed)
 *   npm run fuzz -- --runs 100000     # longer
 *   npm run fuzz -- --seed 1234       # replay a seed
 *
 * Lints the built plugin (`npm run fuzz` builds first). Exits 1 with the shrunk counterexample and
 * its program when the rule is wrong or throws.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const fc = require("fast-check");
const { Linter } = require("eslint");
const tsParser = require("@typescript-eslint/parser");
const plugin = require(join(root, "dist/src/index.js"));
const { buildCase, caseArbitrary, checkMessages } = require(join(root, "test/robustness/fuzz-gen.cjs"));

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "20000" },
    seed: { type: "string" },
  },
});
const numRuns = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(numRuns) || numRuns <= 0 || !Number.isInteger(seed)) {
  console.error("usage: node scripts/fuzz.mjs [--runs N] [--seed S]");
  process.exit(2);
}

const linter = new Linter({ configType: "flat" });
const rules = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`cloudflare-workers/${name}`, "error"]));

function lint(code, filename, typescript) {
  return linter.verify(
    code,
    [
      {
        files: ["**/*", "**/*.{js,ts}"],
        plugins: { "cloudflare-workers": plugin },
        rules,
        languageOptions: { ecmaVersion: "latest", sourceType: "module", ...(typescript ? { parser: tsParser } : {}) },
      },
    ],
    filename,
  );
}

function failureOf(spec) {
  const built = buildCase(spec);
  let messages;
  try {
    messages = lint(built.code, built.filename, spec.typescript);
  } catch (e) {
    return `rule exception: ${e.message}\n--- code ---\n${built.code}`;
  }
  const problem = checkMessages(built, messages);
  return problem ? `${problem}\n--- code (${built.filename}) ---\n${built.code}` : null;
}

console.log(`fuzz: ${numRuns} runs, seed ${seed}`);
const started = performance.now();
let positives = 0;
const details = fc.check(
  fc.property(caseArbitrary(), (spec) => {
    const failure = failureOf(spec);
    if (failure) throw new Error(failure);
    if (buildCase(spec).expectReport) positives++;
  }),
  { seed, numRuns },
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (details.failed) {
  console.log(`FAILED after ${details.numRuns} runs (${seconds}s), seed ${seed}, path ${details.counterexamplePath}`);
  console.log(`counterexample: ${JSON.stringify(details.counterexample)}`);
  console.log(details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance));
  console.log(`replay: node scripts/fuzz.mjs --seed ${seed} --runs ${numRuns}`);
  process.exit(1);
}
console.log(`ok: ${details.numRuns} programs (${positives} with an expected report) in ${seconds}s`);
