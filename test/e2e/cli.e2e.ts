/**
 * The zero-config CLI, `cf-workers-lint`, installed from the tarball into a project with no ESLint
 * setup of its own (ESLint comes in as the plugin's peer dependency).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { REPO_ROOT, createScratchProject, findingsByFile, parseJsonResults, run, type ScratchProject } from "./scratch";
import { CLEAN_WORKER_TS, EXPECTED_JS, EXPECTED_TS, WORKER_JS, WORKER_TS } from "./worker-fixtures";

const SUPPRESSED_JS = `export default {
  fetch(request, env) {
    // eslint-disable-next-line cloudflare-workers/no-env-mutation
    env.COUNTER = 1;
    return new Response("ok");
  },
};
`;

const PLUGIN_VERSION = (JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, "utf8")) as { version: string }).version;
/** The oxlint version the repository pins, and tests. */
const OXLINT_VERSION = (JSON.parse(readFileSync(`${REPO_ROOT}/package-lock.json`, "utf8")) as { packages: Record<string, { version: string }> }).packages["node_modules/oxlint"].version;
const RULE_IDS = [
  "cloudflare-workers/no-env-in-global-scope",
  "cloudflare-workers/no-env-mutation",
  "cloudflare-workers/no-request-state-in-global-scope",
  "cloudflare-workers/no-top-level-env-derivation",
];

let project: ScratchProject;

beforeAll(() => {
  project = createScratchProject({
    name: "cli",
    tarball: inject("tarball"),
    type: "module",
    dependencies: { "@typescript-eslint/parser": "^8.0.0", typescript: "~5.9.0", "@microsoft/eslint-formatter-sarif": "^3.0.0", oxlint: OXLINT_VERSION },
    files: {
      ".gitignore": "# build output\n/generated/\nbuild\n*.tmp.js\n",
      "src/worker.ts": WORKER_TS,
      "src/worker.js": WORKER_JS,
      "src/clean.ts": CLEAN_WORKER_TS,
      "src/suppressed.js": SUPPRESSED_JS,
      "src/app.jsx": "export const App = ({ env }) => <p>{env.GREETING}</p>;\n",
      "src/view.tsx": "export const View = (props: { name: string }) => <p>{props.name}</p>;\n",
      "src/util.mts": "export const twice = (n: number): number => n * 2;\n",
      "src/legacy.cjs": "module.exports = { ok: true };\n",
      // every one of these would be reported if it were linted
      "generated/worker.js": WORKER_JS,
      "packages/app/build/worker.js": WORKER_JS,
      "src/scratch.tmp.js": WORKER_JS,
      "dist/worker.js": WORKER_JS,
      ".wrangler/tmp/worker.js": WORKER_JS,
      "packages/app/node_modules/dep/index.js": WORKER_JS,
      // a folder to run from, for paths outside the current folder
      "tools/README.md": "Scripts.\n",
    },
  });
});

afterAll(() => project?.remove());

const bin = () => join(project.dir, "node_modules/.bin/cf-workers-lint");

describe("cf-workers-lint", () => {
  it("lints the current folder by default and prints stylish output that fits 100 columns", () => {
    const result = project.npx("cf-workers-lint");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    const lines = result.stdout.split("\n");
    // grouped by file, paths relative to the current folder
    expect(lines).toContain("src/worker.ts");
    expect(lines).toContain("src/worker.js");
    expect(lines.some((l) => /^\s+8:7\s+error\s+`apiKey` is read from `env\.API_KEY`/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s+11:5\s+error\s+`env\.API_KEY` writes onto `env`/.test(l))).toBe(true);
    expect(lines.filter((l) => /^ {15}cloudflare-workers\/no-env-mutation$/.test(l))).toHaveLength(2);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(result.stdout).toContain("✖ 8 problems (8 errors, 0 warnings)");
  });

  it("prints exact findings as JSON for every kind of file, honouring .gitignore and skipping node_modules, dist and .wrangler", () => {
    const result = project.npx("cf-workers-lint", "--format", "json");
    expect(result.status).toBe(1);
    expect(findingsByFile(parseJsonResults(result.stdout), project.dir)).toEqual({
      "src/app.jsx": [],
      "src/clean.ts": [],
      "src/legacy.cjs": [],
      "src/suppressed.js": [],
      "src/util.mts": [],
      "src/view.tsx": [],
      "src/worker.js": EXPECTED_JS,
      "src/worker.ts": EXPECTED_TS,
    });
  });

  it("prints valid SARIF 2.1.0 with the findings", () => {
    const result = project.npx("cf-workers-lint", "--format", "sarif", "src");
    expect(result.status).toBe(1);
    const sarif = JSON.parse(result.stdout);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const [run] = sarif.runs;
    expect(run.tool.driver.name).toBe("ESLint");
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect([...ruleIds].sort()).toEqual(RULE_IDS);
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toMatch(/^https:\/\/.*\/docs\/rules\/no-[a-z-]+\.md$/);
      expect(rule.shortDescription.text).not.toBe("");
    }
    const results = run.results.map((r: SarifResult) => {
      expect(r.level).toBe("error");
      expect(r.message.text).not.toBe("");
      expect(ruleIds[r.ruleIndex]).toBe(r.ruleId);
      expect(r.locations).toHaveLength(1);
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      const file = relative(project.dir, fileURLToPath(artifactLocation.uri));
      return { file, ruleId: r.ruleId, line: region.startLine, column: region.startColumn, suppressions: r.suppressions?.map((s) => s.kind) };
    });
    const expected = [
      // the `eslint-disable-next-line` comment shows as an in-source suppression, as code scanning expects
      { file: "src/suppressed.js", ruleId: "cloudflare-workers/no-env-mutation", line: 4, column: 5, suppressions: ["inSource"] },
      ...EXPECTED_JS.map((f) => ({ file: "src/worker.js", ...f, suppressions: undefined })),
      ...EXPECTED_TS.map((f) => ({ file: "src/worker.ts", ...f, suppressions: undefined })),
    ];
    const order = (a: { file: string; line: number }, b: { file: string; line: number }) => a.file.localeCompare(b.file) || a.line - b.line;
    expect(results.sort(order)).toEqual(expected.sort(order));
  });

  it("lints only the paths it is given, and exits 0 when they are clean", () => {
    const one = project.npx("cf-workers-lint", "--format", "json", "src/worker.js");
    expect(findingsByFile(parseJsonResults(one.stdout), project.dir)).toEqual({ "src/worker.js": EXPECTED_JS });

    const clean = project.npx("cf-workers-lint", "src/clean.ts", "src/suppressed.js");
    expect(clean).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("exits 2 with a clear message for a bad path", () => {
    const result = project.npx("cf-workers-lint", "src", "nope/missing.ts");
    expect(result).toEqual({ status: 2, stdout: "", stderr: "cf-workers-lint: no such file or directory: nope/missing.ts\n" });

    // a folder whose files are all ignored is most likely a wrong path too
    const ignored = project.npx("cf-workers-lint", "generated");
    expect(ignored).toEqual({ status: 2, stdout: "", stderr: "cf-workers-lint: no JavaScript or TypeScript files to lint in generated\n" });
  });

  it("exits 2 on a usage error, with the usage line", () => {
    const usage = 'Usage: cf-workers-lint [options] [paths...]\nRun "cf-workers-lint --help" for the options.\n';
    expect(project.npx("cf-workers-lint", "--fix")).toEqual({ status: 2, stdout: "", stderr: `cf-workers-lint: unknown option --fix\n${usage}` });
    expect(project.npx("cf-workers-lint", "--format", "xml")).toEqual({
      status: 2,
      stdout: "",
      stderr: `cf-workers-lint: unknown format "xml" (use stylish, json, sarif)\n${usage}`,
    });
    expect(project.npx("cf-workers-lint", "--max-warnings")).toEqual({ status: 2, stdout: "", stderr: `cf-workers-lint: option --max-warnings needs a value\n${usage}` });
  });

  it("lints a file and a folder outside the current folder", () => {
    const tools = join(project.dir, "tools");
    const file = run(bin(), ["--format", "json", "../src/worker.ts"], tools);
    expect(file.stderr).toBe("");
    expect(findingsByFile(parseJsonResults(file.stdout), project.dir)).toEqual({ "src/worker.ts": EXPECTED_TS });

    const folder = run(bin(), ["--format", "json", "../src"], tools);
    expect(folder.status).toBe(1);
    // the .gitignore read is the current folder's: tools/ has none, so src/scratch.tmp.js is linted
    expect(findingsByFile(parseJsonResults(folder.stdout), project.dir)).toEqual({
      "src/app.jsx": [],
      "src/clean.ts": [],
      "src/legacy.cjs": [],
      "src/scratch.tmp.js": EXPECTED_JS,
      "src/suppressed.js": [],
      "src/util.mts": [],
      "src/view.tsx": [],
      "src/worker.js": EXPECTED_JS,
      "src/worker.ts": EXPECTED_TS,
    });

    // stylish output names them from where it runs
    const stylish = run(bin(), ["../src/worker.js"], tools);
    expect(stylish.stdout.split("\n")).toContain("../src/worker.js");
  });

  it("expands glob patterns itself, honouring the ignores", () => {
    const result = project.npx("cf-workers-lint", "--format", "json", "src/**/*.js", "packages/**/*.js");
    expect(result.stderr).toBe("");
    expect(findingsByFile(parseJsonResults(result.stdout), project.dir)).toEqual({ "src/suppressed.js": [], "src/worker.js": EXPECTED_JS });
    const outside = run(bin(), ["--format", "json", "../src/*.{ts,tsx}"], join(project.dir, "tools"));
    expect(Object.keys(findingsByFile(parseJsonResults(outside.stdout), project.dir)).sort()).toEqual(["src/clean.ts", "src/view.tsx", "src/worker.ts"]);
    expect(project.npx("cf-workers-lint", "nothing/**/*.js")).toEqual({
      status: 2,
      stdout: "",
      stderr: "cf-workers-lint: no JavaScript or TypeScript files to lint in nothing/**/*.js\n",
    });
  });

  it("warns about an ignored file named on the command line; --max-warnings and --quiet", () => {
    const warned = project.npx("cf-workers-lint", "dist/worker.js", "src/clean.ts");
    expect(warned.status).toBe(0);
    expect(warned.stdout).toContain("File ignored: cf-workers-lint skips node_modules, dist, .wrangler and what the");
    expect(warned.stdout).toContain("✖ 1 problem (0 errors, 1 warning)");

    const limited = project.npx("cf-workers-lint", "--max-warnings", "0", "dist/worker.js", "src/clean.ts");
    expect(limited.status).toBe(1);
    expect(limited.stderr).toBe("cf-workers-lint: too many warnings (1; --max-warnings is 0)\n");
    expect(project.npx("cf-workers-lint", "--max-warnings=1", "dist/worker.js").status).toBe(0);

    expect(project.npx("cf-workers-lint", "--quiet", "--max-warnings", "0", "dist/worker.js", "src/clean.ts")).toEqual({ status: 0, stdout: "", stderr: "" });
    const quietErrors = project.npx("cf-workers-lint", "--quiet", "dist/worker.js", "src/worker.js");
    expect(quietErrors.status).toBe(1);
    expect(quietErrors.stdout).not.toContain("File ignored");
    expect(quietErrors.stdout).toContain("✖ 4 problems (4 errors, 0 warnings)");
  });

  it("writes the report to --output-file instead of stdout", () => {
    const result = project.npx("cf-workers-lint", "--output-file", "reports/lint.json", "--format", "json", "src/worker.ts");
    expect(result).toEqual({ status: 1, stdout: "", stderr: "" });
    expect(findingsByFile(parseJsonResults(project.read("reports/lint.json")), project.dir)).toEqual({ "src/worker.ts": EXPECTED_TS });
    expect(project.npx("cf-workers-lint", "-o", "reports/clean.txt", "src/clean.ts")).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(project.read("reports/clean.txt")).toBe("");
  });

  it("prints help and version", () => {
    const help = project.npx("cf-workers-lint", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cf-workers-lint \[options\] \[paths\.\.\.\]/);
    expect(help.stdout).toContain("--format <name>");

    const version = project.npx("cf-workers-lint", "--version");
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(new RegExp(`^cf-workers-lint ${PLUGIN_VERSION.replace(/\./g, "\\.")} \\(eslint 10\\.\\d+\\.\\d+\\)\\n$`));
    expect(project.npx("cf-workers-lint", "--engine", "oxlint", "--version").stdout).toBe(`cf-workers-lint ${PLUGIN_VERSION} (oxlint ${OXLINT_VERSION})\n`);
  });
});

/** Every message of every file, as the JSON output has them, without ESLint-only fields. */
function messagesByFile(stdout: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const r of parseJsonResults(stdout)) {
    out[relative(project.dir, r.filePath)] = r.messages.map(({ ruleId, severity, message, line, column, endLine, endColumn }) => ({ ruleId, severity, message, line, column, endLine, endColumn }));
  }
  return out;
}

describe("cf-workers-lint --engine oxlint", () => {
  it("reports what the ESLint engine reports: the same files, findings, messages and ranges", () => {
    const eslint = project.npx("cf-workers-lint", "--format", "json");
    const oxlint = project.npx("cf-workers-lint", "--engine", "oxlint", "--format", "json");
    expect(oxlint.stderr).toBe("");
    expect(oxlint.status).toBe(1);
    expect(findingsByFile(parseJsonResults(oxlint.stdout), project.dir)).toEqual(findingsByFile(parseJsonResults(eslint.stdout), project.dir));
    expect(messagesByFile(oxlint.stdout)).toEqual(messagesByFile(eslint.stdout));
  });

  it("prints the same stylish output", () => {
    const eslint = project.npx("cf-workers-lint", "src");
    const oxlint = project.npx("cf-workers-lint", "--engine", "oxlint", "src");
    expect(oxlint).toEqual(eslint);
  });

  it("takes the same paths, globs and options", () => {
    const tools = join(project.dir, "tools");
    const outside = run(bin(), ["--engine", "oxlint", "--format", "json", "../src/worker.ts", "../src/*.{js,jsx}"], tools);
    expect(findingsByFile(parseJsonResults(outside.stdout), project.dir)).toEqual({
      "src/app.jsx": [],
      "src/suppressed.js": [],
      "src/worker.js": EXPECTED_JS,
      "src/worker.ts": EXPECTED_TS,
    });
    const limited = project.npx("cf-workers-lint", "--engine", "oxlint", "--max-warnings", "0", "dist/worker.js", "src/clean.ts");
    expect(limited.status).toBe(1);
    expect(limited.stdout).toContain("File ignored: cf-workers-lint skips");
    expect(project.npx("cf-workers-lint", "--engine", "oxlint", "--quiet", "dist/worker.js", "src/clean.ts")).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(project.npx("cf-workers-lint", "--engine", "oxlint", "generated").status).toBe(2);
  });

  it("writes SARIF with the same results, without suppressions", () => {
    const result = project.npx("cf-workers-lint", "--engine", "oxlint", "--format", "sarif", "src");
    expect(result.status).toBe(1);
    const [sarifRun] = JSON.parse(result.stdout).runs;
    const files = sarifRun.results.map((r: SarifResult) => relative(project.dir, fileURLToPath(r.locations[0].physicalLocation.artifactLocation.uri)));
    expect(files.sort()).toEqual([...Array(4).fill("src/worker.js"), ...Array(4).fill("src/worker.ts")]);
    expect(sarifRun.results.every((r: SarifResult) => r.suppressions === undefined)).toBe(true);
  });
});

// util-linux `script` gives the CLI a terminal to write its progress to
const hasScript = spawnSync("script", ["--version"]).status === 0;

describe("cf-workers-lint progress", () => {
  let bigTree: string;

  beforeAll(() => {
    bigTree = mkdtempSync(join(tmpdir(), "cf-workers-e2e-big-"));
    mkdirSync(join(bigTree, "src"));
    for (let i = 0; i < 800; i++) writeFileSync(join(bigTree, "src", `worker-${i}.js`), WORKER_JS);
  });

  afterAll(() => rmSync(bigTree, { recursive: true, force: true }));

  it("writes nothing to stderr when it is not a terminal", () => {
    const result = run(join(project.dir, "node_modules/.bin/cf-workers-lint"), ["--format", "json"], bigTree);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("");
    expect(parseJsonResults(result.stdout)).toHaveLength(800);
  });

  it.skipIf(!hasScript)("counts linted files on a terminal, then clears the line", () => {
    const bin = join(project.dir, "node_modules/.bin/cf-workers-lint");
    const result = run("script", ["-qec", `${bin} --format json > report.json`, "/dev/null"], bigTree);
    expect(result.status).toBe(1);
    const updates = [...result.stdout.matchAll(/\rcf-workers-lint: (\d+) files linted…/g)].map((m) => Number(m[1]));
    expect(updates.length).toBeGreaterThan(0);
    expect(updates).toEqual([...updates].sort((a, b) => a - b));
    expect(updates.at(-1)).toBeLessThanOrEqual(800);
    expect(result.stdout.endsWith("\r\x1b[K")).toBe(true);
    expect(JSON.parse(readFileSync(join(bigTree, "report.json"), "utf8"))).toHaveLength(800);
  });
});

interface SarifResult {
  level: string;
  ruleId: string;
  ruleIndex: number;
  message: { text: string };
  suppressions?: { kind: string }[];
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
}
