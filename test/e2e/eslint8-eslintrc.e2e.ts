/**
 * ESLint 8.57 with a legacy `.eslintrc.json` that extends
 * `plugin:cloudflare-workers/legacy-recommended`, from the packed tarball.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectLintTextRanges, expectWorkerFindings } from "./checks";
import { createScratchProject, findingsByFile, parseJsonResults, type ScratchProject } from "./scratch";
import {
  EXPECTED_JS,
  EXPECTED_TS,
  LINT_TEXT_SCRIPT,
  WORKER_JS,
  WORKER_TS,
} from "./worker-fixtures";

const ESLINTRC = {
  root: true,
  parserOptions: { ecmaVersion: "latest", sourceType: "module" },
  extends: ["plugin:cloudflare-workers/legacy-recommended"],
  overrides: [{ files: ["*.ts"], parser: "@typescript-eslint/parser" }],
};

let project: ScratchProject;

beforeAll(() => {
  project = createScratchProject({
    name: "eslint8",
    tarball: inject("tarball"),
    dependencies: { eslint: "8.57.1", "@typescript-eslint/parser": "^8.0.0", typescript: "~5.9.0" },
    files: {
      ".eslintrc.json": `${JSON.stringify(ESLINTRC, null, 2)}\n`,
      "src/worker.ts": WORKER_TS,
      "src/worker.js": WORKER_JS,
      "lint-text.cjs": LINT_TEXT_SCRIPT,
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
    });
    expect(project.npx("cf-workers-lint", "--version").stdout).toMatch(/\(eslint 8\.57\.1\)/);
  });
});
