/**
 * A plain-JavaScript project on ESLint 8.57 with `.eslintrc.json`: installing the plugin must not
 * bring in TypeScript, the TypeScript parser or the SARIF formatter (they are optional peers), and
 * the CLI says clearly what to install when it needs one of them.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createScratchProject, findingsByFile, parseJsonResults, type ScratchProject } from "./scratch";
import { EXPECTED_JS, WORKER_JS, WORKER_TS } from "./worker-fixtures";

const ESLINTRC = {
  root: true,
  parserOptions: { ecmaVersion: "latest", sourceType: "module" },
  extends: ["plugin:cloudflare-workers/legacy-recommended"],
};

// Loads the installed plugin both ways and prints what each sees.
const LOAD_BOTH_WAYS = `import { createRequire } from "node:module";
import imported, { configs, rules } from "eslint-plugin-cloudflare-workers";
const required = createRequire(import.meta.url)("eslint-plugin-cloudflare-workers");
console.log(JSON.stringify({
  same: imported === required && configs === required.configs && rules === required.rules,
  rules: Object.keys(required.rules).sort(),
  configs: Object.keys(required.configs).sort(),
}));
`;

let project: ScratchProject;

beforeAll(() => {
  project = createScratchProject({
    name: "no-typescript",
    tarball: inject("tarball"),
    dependencies: { eslint: "8.57.1" },
    files: {
      ".eslintrc.json": `${JSON.stringify(ESLINTRC, null, 2)}\n`,
      "src/worker.js": WORKER_JS,
      "ts/worker.ts": WORKER_TS,
      "load.mjs": LOAD_BOTH_WAYS,
    },
  });
});

afterAll(() => project?.remove());

describe("a JavaScript project without TypeScript", () => {
  it("installs no TypeScript, TypeScript parser, SARIF formatter or oxlint", () => {
    for (const name of ["typescript", "@typescript-eslint/parser", "@microsoft/eslint-formatter-sarif", "oxlint"]) {
      expect(existsSync(join(project.dir, "node_modules", name)), name).toBe(false);
    }
    expect(existsSync(join(project.dir, "node_modules", "eslint-plugin-cloudflare-workers", "dist/src/index.js"))).toBe(true);
  });

  it("loads the same plugin with require() and import, named imports included", () => {
    const result = project.run("node", ["load.mjs"]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      same: true,
      rules: ["no-env-in-global-scope", "no-env-mutation", "no-request-state-in-global-scope", "no-top-level-env-derivation", "no-unknown-binding"],
      configs: ["legacy-recommended", "recommended"],
    });
  });

  it("reports the exact findings with ESLint 8's default parser", () => {
    const result = project.npx("eslint", "--format", "json", "src");
    expect(result.status).toBe(1);
    expect(findingsByFile(parseJsonResults(result.stdout), project.dir)).toEqual({ "src/worker.js": EXPECTED_JS });
  });

  it("CLI: lints JavaScript, and fails each TypeScript file with the package to install", () => {
    const result = project.npx("cf-workers-lint", "--format", "json");
    expect(result.status).toBe(1);
    const results = parseJsonResults(result.stdout);
    expect(findingsByFile(results, project.dir)).toEqual({
      "load.mjs": [],
      "src/worker.js": EXPECTED_JS,
      "ts/worker.ts": [{ ruleId: null, line: 1, column: 1 }],
    });
    const tsMessage = results.find((r) => r.filePath.endsWith("worker.ts"))!.messages[0];
    expect(tsMessage.fatal).toBe(true);
    expect(tsMessage.message).toBe(
      "Parsing error: TypeScript files need @typescript-eslint/parser (npm install --save-dev @typescript-eslint/parser typescript)",
    );
  });

  it("CLI: --engine oxlint names oxlint to install, before linting anything", () => {
    expect(project.npx("cf-workers-lint", "--engine", "oxlint", "src")).toEqual({
      status: 2,
      stdout: "",
      stderr: "cf-workers-lint: --engine oxlint needs oxlint: install it next to eslint-plugin-cloudflare-workers (npm install --save-dev oxlint)\n",
    });
  });

  it("CLI: --format sarif names the formatter to install, before linting anything", () => {
    const result = project.npx("cf-workers-lint", "--format", "sarif", "src");
    expect(result).toEqual({
      status: 2,
      stdout: "",
      stderr:
        "cf-workers-lint: --format sarif needs @microsoft/eslint-formatter-sarif: install it next to " +
        "eslint-plugin-cloudflare-workers (npm install --save-dev @microsoft/eslint-formatter-sarif)\n",
    });
  });
});
