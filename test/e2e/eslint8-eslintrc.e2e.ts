/**
 * ESLint 8.57 with the README's legacy `.eslintrc.json` (it extends
 * `plugin:cloudflare-workers/legacy-recommended`), from the packed tarball.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectLintTextRanges, expectWorkerFindings } from "./checks";
import { readmeBlock } from "./readme";
import { createScratchProject, findingsByFile, parseJsonResults, run, type ScratchProject } from "./scratch";
import {
  EXPECTED_JS,
  EXPECTED_TS,
  LINT_TEXT_SCRIPT,
  WORKER_JS,
  WORKER_TS,
} from "./worker-fixtures";

// as the README shows it: the TypeScript parser for every file
const ESLINTRC = readmeBlock("json", '{\n  "parser": "@typescript-eslint/parser"');

let project: ScratchProject;

beforeAll(() => {
  project = createScratchProject({
    name: "eslint8",
    tarball: inject("tarball"),
    dependencies: { eslint: "8.57.1", "@typescript-eslint/parser": "^8.0.0", typescript: "~5.9.0" },
    files: {
      ".eslintrc.json": ESLINTRC,
      "src/worker.ts": WORKER_TS,
      "src/worker.js": WORKER_JS,
      "lint-text.cjs": LINT_TEXT_SCRIPT,
      // a TypeScript-only project under the same config
      "ts-only/src/worker.ts": WORKER_TS,
    },
  });
});

afterAll(() => project?.remove());

describe("ESLint 8.57 with .eslintrc.json", () => {
  it("runs ESLint 8.57.1", () => {
    expect(project.npx("eslint", "--version").stdout.trim()).toBe("v8.57.1");
  });

  it("reports the exact findings in TypeScript and in JavaScript", () => {
    expectWorkerFindings(project, ["src"]);
  });

  it("lints a TypeScript-only project with `eslint .`: the config names the TypeScript extensions", () => {
    const dir = join(project.dir, "ts-only");
    const stylish = run("npx", ["--no-install", "eslint", "."], dir);
    expect(stylish.stderr).toBe("");
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).toContain("✖ 4 problems (4 errors, 0 warnings)");
    const json = run("npx", ["--no-install", "eslint", "--format", "json", "."], dir);
    expect(findingsByFile(parseJsonResults(json.stdout), dir)).toEqual({ "src/worker.ts": EXPECTED_TS });
  });

  it("gives editors exact ranges through ESLint#lintText", () => {
    expectLintTextRanges(project);
  });

  it("runs the zero-config CLI on ESLint 8's flat-config class", () => {
    const result = project.npx("cf-workers-lint", "--format", "json");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    expect(findingsByFile(parseJsonResults(result.stdout), project.dir)).toEqual({
      "lint-text.cjs": [],
      "src/worker.js": EXPECTED_JS,
      "src/worker.ts": EXPECTED_TS,
      "ts-only/src/worker.ts": EXPECTED_TS,
    });
    expect(project.npx("cf-workers-lint", "--version").stdout).toMatch(/\(eslint 8\.57\.1\)/);
  });
});
