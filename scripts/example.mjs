#!/usr/bin/env node
// `npm run example` (after the build): lints the bundled example Worker with ESLint's CLI and the
// built plugin. The example is meant to have findings, so ESLint's exit code 1 is success here;
// no findings, or ESLint failing (exit 2: the built plugin does not load or a rule throws), is not.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const eslintBin = join(dirname(require.resolve("eslint/package.json")), "bin", "eslint.js");

const result = spawnSync(
  process.execPath,
  [eslintBin, "--no-config-lookup", "-c", "examples/eslint.config.mjs", "examples/worker"],
  { cwd: ROOT, stdio: "inherit" },
);
if (result.error) throw result.error;

if (result.status === 1) {
  console.log("These are the example Worker's deliberate mistakes (each marked ❌ in examples/worker).");
  process.exitCode = 0;
} else if (result.status === 0) {
  console.error("npm run example: the example Worker gave no findings, but it has deliberate mistakes to find.");
  process.exitCode = 1;
} else {
  console.error(`npm run example: ESLint failed (exit code ${result.status ?? result.signal}).`);
  process.exitCode = result.status ?? 1;
}
