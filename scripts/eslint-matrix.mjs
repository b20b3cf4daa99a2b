#!/usr/bin/env node
// Runs the whole vitest suite (default config) again on ESLint 8.57 and on the latest ESLint 9,
// installing each in turn with `npm install --no-save`, then puts back the ESLint version that
// package-lock.json pins (ESLint 10, which `npm test` already covers). One vitest JSON report per
// version goes to .tmp/vitest-eslint<major>.json. Exits non-zero when any run fails.
//
//   npm run test:matrix                      # 8.57.1 and latest 9.x
//   node scripts/eslint-matrix.mjs 9.39.0    # chosen versions only
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const VERSIONS = process.argv.length > 2 ? process.argv.slice(2) : ["8.57.1", "^9"];
const NPM_FLAGS = ["--no-save", "--no-audit", "--no-fund", "--prefer-offline"];

function sh(command, args) {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit" });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function installedEslint() {
  return JSON.parse(readFileSync(join(ROOT, "node_modules/eslint/package.json"), "utf8")).version;
}

function lockedEslint() {
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
  const version = lock.packages?.["node_modules/eslint"]?.version;
  if (!version) throw new Error("package-lock.json pins no eslint version");
  return version;
}

function installEslint(spec) {
  if (sh("npm", ["install", ...NPM_FLAGS, `eslint@${spec}`]) !== 0) throw new Error(`npm install eslint@${spec} failed`);
  return installedEslint();
}

/** Runs the suite on one ESLint version; returns true when it passed. */
function runSuite(spec) {
  const version = installEslint(spec);
  const major = version.split(".")[0];
  const report = join(".tmp", `vitest-eslint${major}.json`);
  rmSync(join(ROOT, report), { force: true });
  console.log(`\n=== vitest on ESLint ${version} → ${report}`);
  const status = sh("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]);
  console.log(`=== ESLint ${version}: ${status === 0 ? "passed" : `failed (exit ${status})`}`);
  return { version, passed: status === 0 };
}

function main() {
  mkdirSync(join(ROOT, ".tmp"), { recursive: true });
  const locked = lockedEslint();
  if (sh("npm", ["run", "build"]) !== 0) return 1;

  const outcomes = [];
  try {
    for (const spec of VERSIONS) {
      try {
        outcomes.push(runSuite(spec));
      } catch (error) {
        console.error(String(error));
        outcomes.push({ version: spec, passed: false });
      }
    }
  } finally {
    // whatever happened, leave node_modules as the lockfile has it
    const restored = installEslint(locked);
    if (restored !== locked) {
      console.error(`could not restore eslint ${locked} (have ${restored})`);
      outcomes.push({ version: `restore ${locked}`, passed: false });
    }
  }

  console.log("\nESLint matrix:");
  for (const { version, passed } of outcomes) console.log(`  eslint ${version}: ${passed ? "passed" : "FAILED"}`);
  return outcomes.every((o) => o.passed) ? 0 : 1;
}

process.exitCode = main();
