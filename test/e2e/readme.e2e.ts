/**
 * Every command the README shows, run as written, with the packed tarball where a command names
 * the package: the npx one-liners in a folder with nothing installed, the install commands in
 * fresh projects, and the configs the README shows in the projects they set up.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readmeBlock, readmeCommands, withTarball } from "./readme";
import { createScratchFolder, findingsByFile, parseJsonResults, REPO_ROOT, run, shell, type RunResult } from "./scratch";
import { EXPECTED_JS, EXPECTED_TS, WORKER_JS, WORKER_TS } from "./worker-fixtures";

/** Commands the README shows for the repository itself, run elsewhere. */
const ELSEWHERE: Record<string, string> = {
  "npm ci && npm run example": "fresh-clone.e2e.ts runs it on a copy of the repository",
  "npm test": ".ci/run runs it on a clean clone",
  "npm run test:matrix": ".ci/run runs it on a clean clone",
  "npm run test:e2e": ".ci/run runs it on a clean clone (this test is part of it)",
  "npm run bench": "takes minutes and its figures depend on the machine (bench/README.md)",
  "npm run bench -- --dir <folder>": "the benchmark on a folder of real code: minutes, and figures that depend on the machine",
  "npm run bench:project": "writes and lints generated projects of up to 5,000 files: minutes, and figures that depend on the machine",
  "npm run bench:cross-module -- --dir <folder>": "the cold cross-module benchmark on a folder of real code: minutes, and figures that depend on the machine",
  "npm run lint:folder": "the real-code script: needs a folder of real code, which tests do not ship",
};

const CLI_JS = "npx --yes -p eslint-plugin-cloudflare-workers cf-workers-lint";
const CLI_TS = "npx --yes -p eslint-plugin-cloudflare-workers -p @typescript-eslint/parser -p typescript@5 cf-workers-lint src";
const CLI_CI = "npx --yes -p eslint-plugin-cloudflare-workers -p @typescript-eslint/parser -p typescript@5 cf-workers-lint";
const CLI_SARIF =
  "npx --yes -p eslint-plugin-cloudflare-workers -p @typescript-eslint/parser -p typescript@5 -p @microsoft/eslint-formatter-sarif cf-workers-lint --format sarif --output-file cf-workers-lint.sarif";
const CLI_OXLINT = "npx --yes -p eslint-plugin-cloudflare-workers -p oxlint@1.95.0 cf-workers-lint --engine oxlint";

const INSTALL_ESLINT = "npm install --save-dev eslint eslint-plugin-cloudflare-workers";
const INSTALL_PARSER = "npm install --save-dev @typescript-eslint/parser";
const INSTALL_TSESLINT = "npm install --save-dev typescript-eslint";
const INSTALL_JITI = "npm install --save-dev jiti";
const INSTALL_SARIF = "npm install --save-dev @microsoft/eslint-formatter-sarif";
const NPM_CI = "npm ci";
const ESLINT = "npx eslint .";
const ESLINT_SARIF = "npx eslint . --format @microsoft/sarif --output-file eslint.sarif";

const INSTALL_CLI = "npm install --save-dev eslint-plugin-cloudflare-workers eslint @typescript-eslint/parser typescript@5";

const INSTALL_OXLINT = "npm install --save-dev --save-exact oxlint@1.95.0";
const INSTALL_PLUGIN = "npm install --save-dev eslint-plugin-cloudflare-workers";
const OXLINT = "npx oxlint";

const RUN_HERE = [
  CLI_JS,
  CLI_TS,
  CLI_CI,
  CLI_SARIF,
  CLI_OXLINT,
  INSTALL_ESLINT,
  INSTALL_PARSER,
  INSTALL_TSESLINT,
  INSTALL_JITI,
  INSTALL_SARIF,
  NPM_CI,
  ESLINT,
  ESLINT_SARIF,
  INSTALL_CLI,
  INSTALL_OXLINT,
  INSTALL_PLUGIN,
  OXLINT,
];

const tarball = inject("tarball");

/** Runs a README command in `dir`, the package's name replaced by the tarball. */
function readme(command: string, dir: string): RunResult {
  if (!RUN_HERE.includes(command)) throw new Error(`not a README command this test knows: ${command}`);
  return shell(withTarball(command, tarball), dir, 600_000);
}

function expectSuccess(result: RunResult): void {
  expect(result.status, result.stdout + result.stderr).toBe(0);
}

/** Stylish output with the worker fixtures' findings, as cf-workers-lint or ESLint prints it. */
function expectWorkerReport(result: RunResult, files: string[]): void {
  expect(result.status, result.stderr).toBe(1);
  for (const file of files) expect(result.stdout).toMatch(new RegExp(`^\\S*${file.replace(/\./g, "\\.")}$`, "m"));
  const problems = 4 * files.length;
  expect(result.stdout).toContain(`✖ ${problems} problems (${problems} errors, 0 warnings)`);
}

interface SarifLog {
  version: string;
  runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
}

function expectSarifFindings(path: string, count: number): void {
  const sarif = JSON.parse(readFileSync(path, "utf8")) as SarifLog;
  expect(sarif.version).toBe("2.1.0");
  expect(sarif.runs[0].results).toHaveLength(count);
  expect(sarif.runs[0].results.every((r) => r.ruleId.startsWith("cloudflare-workers/"))).toBe(true);
}

/** npx keeps what it installs in the npm cache, under _npx; these tests' installs go again. */
function removeNpxInstalls(): void {
  const cache = run("npm", ["config", "get", "cache"], REPO_ROOT).stdout.trim();
  const npxDir = join(cache, "_npx");
  if (!cache || !existsSync(npxDir)) return;
  for (const entry of readdirSync(npxDir)) {
    const manifest = join(npxDir, entry, "package.json");
    if (existsSync(manifest) && readFileSync(manifest, "utf8").includes(tarball)) rmSync(join(npxDir, entry), { recursive: true, force: true });
  }
}

afterAll(() => removeNpxInstalls());

describe("the README's commands", () => {
  it("are all known to this test, or run elsewhere", () => {
    expect([...readmeCommands()].sort()).toEqual([...RUN_HERE, ...Object.keys(ELSEWHERE)].sort());
  });

  it("pin a TypeScript that @typescript-eslint/parser accepts, and the oxlint version the tests use", () => {
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8"));
    const oxlint = lock.packages["node_modules/oxlint"].version as string;
    for (const command of readmeCommands()) {
      // a bare `typescript` resolves to the newest major, which the parser's peer range rejects
      expect(command, command).not.toMatch(/(^| )typescript( |$)/);
      for (const m of command.matchAll(/oxlint@(\S+)/g)) expect(m[1], command).toBe(oxlint);
    }
  });
});

describe("cf-workers-lint through npx, with nothing installed", () => {
  let folder: ReturnType<typeof createScratchFolder>;

  beforeAll(() => {
    folder = createScratchFolder("readme-npx", {
      "js/src/worker.js": WORKER_JS,
      "ts/src/worker.ts": WORKER_TS,
      "ts/src/worker.js": WORKER_JS,
    });
  });

  afterAll(() => folder?.remove());

  it("JavaScript only", () => {
    expectWorkerReport(readme(CLI_JS, join(folder.dir, "js")), ["src/worker.js"]);
  });

  it("TypeScript too, on src and (the CI step) on the whole folder", () => {
    expectWorkerReport(readme(CLI_TS, join(folder.dir, "ts")), ["src/worker.js", "src/worker.ts"]);
    expectWorkerReport(readme(CLI_CI, join(folder.dir, "ts")), ["src/worker.js", "src/worker.ts"]);
  });

  it("SARIF for code scanning", () => {
    const result = readme(CLI_SARIF, join(folder.dir, "ts"));
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toBe("");
    expectSarifFindings(join(folder.dir, "ts", "cf-workers-lint.sarif"), 8);
  });

  it("with oxlint as the engine", () => {
    expectWorkerReport(readme(CLI_OXLINT, join(folder.dir, "ts")), ["src/worker.js", "src/worker.ts"]);
  });
});

describe("an ESLint project set up as the README says", () => {
  let folder: ReturnType<typeof createScratchFolder>;

  beforeAll(() => {
    folder = createScratchFolder("readme-eslint", {
      "package.json": `${JSON.stringify({ name: "readme-eslint", version: "0.0.0", private: true, type: "module" }, null, 2)}\n`,
      "src/worker.ts": WORKER_TS,
      "src/worker.js": WORKER_JS,
    });
  });

  afterAll(() => folder?.remove());

  it("installs ESLint, the plugin and the parser", () => {
    expectSuccess(readme(INSTALL_ESLINT, folder.dir));
    expectSuccess(readme(INSTALL_PARSER, folder.dir));
  });

  it("lints TypeScript and JavaScript with the README's eslint.config.js", () => {
    writeFileSync(join(folder.dir, "eslint.config.js"), readmeBlock("js", "// eslint.config.js"));
    expectWorkerReport(readme(ESLINT, folder.dir), ["src/worker.js", "src/worker.ts"]);
    const json = shell("npx --no-install eslint --format json .", folder.dir);
    expect(findingsByFile(parseJsonResults(json.stdout), folder.dir)).toEqual({
      "eslint.config.js": [],
      "src/worker.js": EXPECTED_JS,
      "src/worker.ts": EXPECTED_TS,
    });
  });

  it("runs the GitHub Actions steps: npm ci, then npx eslint .", () => {
    expectSuccess(readme(NPM_CI, folder.dir));
    expectWorkerReport(readme(ESLINT, folder.dir), ["src/worker.js", "src/worker.ts"]);
  });

  it("writes SARIF with ESLint's own CLI", () => {
    expectSuccess(readme(INSTALL_SARIF, folder.dir));
    expect(readme(ESLINT_SARIF, folder.dir).status).toBe(1);
    expectSarifFindings(join(folder.dir, "eslint.sarif"), 8);
  });

  it("runs and type-checks the README's eslint.config.ts with typescript-eslint", () => {
    expectSuccess(readme(INSTALL_TSESLINT, folder.dir));
    expectSuccess(readme(INSTALL_JITI, folder.dir));
    writeFileSync(join(folder.dir, "eslint.config.ts"), readmeBlock("ts", "// eslint.config.ts"));
    const result = shell("npx --no-install eslint --config eslint.config.ts --format json src", folder.dir);
    expect(result.stderr).toBe("");
    expect(findingsByFile(parseJsonResults(result.stdout), folder.dir)).toEqual({ "src/worker.js": EXPECTED_JS, "src/worker.ts": EXPECTED_TS });

    // the eslint.config.js of the README type-checks as TypeScript too
    writeFileSync(join(folder.dir, "flat.config.ts"), readmeBlock("js", "// eslint.config.js"));
    const files = ["eslint.config.ts", "flat.config.ts"];
    const tsconfig = { compilerOptions: { strict: true, module: "nodenext", moduleResolution: "nodenext", noEmit: true, skipLibCheck: false, types: [] }, files };
    writeFileSync(join(folder.dir, "tsconfig.json"), JSON.stringify(tsconfig));
    expect(shell("npx --no-install tsc -p tsconfig.json", folder.dir)).toEqual({ status: 0, stdout: "", stderr: "" });
  });
});

describe("cf-workers-lint installed as a dev dependency", () => {
  let folder: ReturnType<typeof createScratchFolder>;

  beforeAll(() => {
    folder = createScratchFolder("readme-cli", {
      "package.json": `${JSON.stringify({ name: "readme-cli", version: "0.0.0", private: true }, null, 2)}\n`,
      "src/worker.ts": WORKER_TS,
    });
  });

  afterAll(() => folder?.remove());

  it("installs with a TypeScript the parser accepts, and runs from a package.json script", () => {
    expectSuccess(readme(INSTALL_CLI, folder.dir));
    const manifest = JSON.parse(readFileSync(join(folder.dir, "package.json"), "utf8"));
    manifest.scripts = JSON.parse(readmeBlock("json", '{ "scripts"')).scripts;
    writeFileSync(join(folder.dir, "package.json"), JSON.stringify(manifest));
    expectWorkerReport(shell("npm run lint:workers", folder.dir), ["src/worker.ts"]);
  });
});

describe("oxlint set up as the README says", () => {
  let folder: ReturnType<typeof createScratchFolder>;

  beforeAll(() => {
    folder = createScratchFolder("readme-oxlint", {
      "package.json": `${JSON.stringify({ name: "readme-oxlint", version: "0.0.0", private: true, type: "module" }, null, 2)}\n`,
      // oxlint skips what .gitignore lists, and nothing else: node_modules is in every project's
      ".gitignore": "node_modules\n",
      "src/worker.ts": WORKER_TS,
      "src/worker.js": WORKER_JS,
    });
  });

  afterAll(() => folder?.remove());

  it("installs oxlint and the plugin, and reports the findings with the README's .oxlintrc.json", () => {
    expectSuccess(readme(INSTALL_OXLINT, folder.dir));
    expectSuccess(readme(INSTALL_PLUGIN, folder.dir));
    writeFileSync(join(folder.dir, ".oxlintrc.json"), readmeBlock("json", '{\n  "jsPlugins"'));
    const result = readme(OXLINT, folder.dir);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain("Found 0 warnings and 8 errors.");
    for (const rule of ["no-env-in-global-scope", "no-env-mutation", "no-request-state-in-global-scope", "no-top-level-env-derivation"]) {
      expect(result.stdout.split(`cloudflare-workers(${rule})`).length - 1, rule).toBe(2);
    }
  });
});
