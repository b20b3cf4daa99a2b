/**
 * ESLint 10 with an ES-module `eslint.config.js` that imports the packed plugin and uses
 * `configs.recommended`, and a second config composed with typescript-eslint's `tseslint.config()`.
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

const ESLINT_CONFIG = `import tsParser from "@typescript-eslint/parser";
import cloudflareWorkers from "eslint-plugin-cloudflare-workers";

export default [
  cloudflareWorkers.configs.recommended,
  { files: ["**/*.ts"], languageOptions: { parser: tsParser } },
];
`;

// typescript-eslint's own recommended rules next to ours, ours brought in through \`extends\`,
// and a named import of \`configs\` from the CommonJS package.
const TSESLINT_CONFIG = `import tseslint from "typescript-eslint";
import { configs } from "eslint-plugin-cloudflare-workers";

export default tseslint.config(
  ...tseslint.configs.recommended,
  { files: ["**/*.ts", "**/*.js"], extends: [configs.recommended] },
);
`;

let project: ScratchProject;

beforeAll(() => {
  project = createScratchProject({
    name: "eslint10",
    tarball: inject("tarball"),
    type: "module",
    dependencies: {
      eslint: "^10.0.0",
      "@typescript-eslint/parser": "^8.0.0",
      "typescript-eslint": "^8.0.0",
      typescript: "~5.9.0",
    },
    files: {
      "eslint.config.js": ESLINT_CONFIG,
      "tseslint.config.js": TSESLINT_CONFIG,
      "src/worker.ts": WORKER_TS,
      "src/worker.js": WORKER_JS,
      "src/any.ts": "export const loose: any = 1;\n",
      "lint-text.cjs": LINT_TEXT_SCRIPT,
      ...workerCopies(4),
    },
  });
});

afterAll(() => project?.remove());

describe("ESLint 10 with an ES-module eslint.config.js", () => {
  it("runs ESLint 10", () => {
    expect(project.npx("eslint", "--version").stdout.trim()).toMatch(/^v10\.\d+\.\d+$/);
  });

  it("reports the exact findings in TypeScript and in JavaScript", () => {
    expectWorkerFindings(project, ["src/worker.ts", "src/worker.js"]);
  });

  it("reports the same findings with --concurrency 2", () => {
    expectSameFindingsWithConcurrency(project, 11);
  });

  it("composes with typescript-eslint's tseslint.config()", () => {
    const files = ["src/worker.ts", "src/worker.js", "src/any.ts"];
    const result = project.npx("eslint", "--config", "tseslint.config.js", "--format", "json", ...files);
    expect(result.stderr).toBe("");
    // typescript-eslint's rules run in the same pass as ours
    expect(findingsByFile(parseJsonResults(result.stdout), project.dir)).toEqual({
      "src/worker.ts": EXPECTED_TS,
      "src/worker.js": EXPECTED_JS,
      "src/any.ts": [{ ruleId: "@typescript-eslint/no-explicit-any", line: 1, column: 21 }],
    });
  });

  it("gives editors exact ranges through ESLint#lintText", () => {
    expectLintTextRanges(project);
  });
});
