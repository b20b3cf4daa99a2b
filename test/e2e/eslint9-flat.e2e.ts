/**
 * ESLint 9 (latest 9.x) with a CommonJS `eslint.config.js` that `require()`s the packed plugin and
 * uses `configs.recommended`.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectLintTextRanges, expectSameFindingsWithConcurrency, expectWorkerFindings } from "./checks";
import { createScratchProject, findingsByFile, parseJsonResults, type ScratchProject } from "./scratch";
import {
  EXPECTED_JS,
  EXPECTED_TS,
  LINT_TEXT_SCRIPT,
  WORKER_JS,
  WORKER_TS,
  workerCopies,
} from "./worker-fixtures";

const ESLINT_CONFIG = `"use strict";
const tsParser = require("@typescript-eslint/parser");
const cloudflareWorkers = require("eslint-plugin-cloudflare-workers");

module.exports = [
  cloudflareWorkers.configs.recommended,
  { files: ["**/*.ts"], languageOptions: { parser: tsParser } },
];
`;

let project: ScratchProject;

beforeAll(() => {
  project = createScratchProject({
    name: "eslint9",
    tarball: inject("tarball"),
    type: "commonjs",
    dependencies: { eslint: "^9.39.0", "@typescript-eslint/parser": "^8.0.0", typescript: "~5.9.0" },
    files: {
      "eslint.config.js": ESLINT_CONFIG,
      "src/worker.ts": WORKER_TS,
      "src/worker.js": WORKER_JS,
      "lint-text.cjs": LINT_TEXT_SCRIPT,
      ...workerCopies(4),
    },
  });
});

afterAll(() => project?.remove());

describe("ESLint 9 with a CommonJS eslint.config.js", () => {
  it("runs ESLint 9", () => {
    expect(project.npx("eslint", "--version").stdout.trim()).toMatch(/^v9\.\d+\.\d+$/);
  });

  it("reports the exact findings in TypeScript and in JavaScript", () => {
    expectWorkerFindings(project, ["src/worker.ts", "src/worker.js"]);
  });

  it("reports the same findings with --concurrency 2", () => {
    expectSameFindingsWithConcurrency(project, 10);
  });

  it("runs the zero-config CLI on ESLint 9", () => {
    const result = project.npx("cf-workers-lint", "--format", "json", "src/worker.ts", "src/worker.js");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    expect(findingsByFile(parseJsonResults(result.stdout), project.dir)).toEqual({
      "src/worker.js": EXPECTED_JS,
      "src/worker.ts": EXPECTED_TS,
    });
  });

  it("gives editors exact ranges through ESLint#lintText", () => {
    expectLintTextRanges(project);
  });
});
