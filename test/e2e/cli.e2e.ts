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
    dependencies: { "@typescript-eslint/parser": "^8.0.0", typescript: "~5.9.0", "@microsoft/eslint-formatter-sarif": "^3.0.0" },
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
    },
  });
});

afterAll(() => project?.remove());

describe("cf-workers-lint", () => {
  it("lints the current folder by default and prints stylish output", () => {
    const result = project.npx("cf-workers-lint");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines).toContain(`${project.dir}/src/worker.ts`);
    expect(lines).toContain(`${project.dir}/src/worker.js`);
    expect(lines.some((l) => /^\s+8:7\s+error\s+`apiKey` is derived from `env.API_KEY`.*cloudflare-workers\/no-top-level-env-derivation$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s+11:5\s+error\s+`env.API_KEY` writes onto `env`.*cloudflare-workers\/no-env-mutation$/.test(l))).toBe(true);
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

  it("exits 2 on a usage error", () => {
    const option = project.npx("cf-workers-lint", "--fix");
    expect(option.status).toBe(2);
    expect(option.stderr).toMatch(/^cf-workers-lint: Unknown option '--fix'.*\nRun "cf-workers-lint --help" for usage\.\n$/s);

    const format = project.npx("cf-workers-lint", "--format", "xml");
    expect(format.status).toBe(2);
    expect(format.stderr).toMatch(/^cf-workers-lint: unknown format "xml" \(use stylish, json, sarif\)\n/);
  });

  it("prints help and version", () => {
    const help = project.npx("cf-workers-lint", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cf-workers-lint \[options\] \[paths\.\.\.\]/);
    expect(help.stdout).toContain("--format <name>");

    const version = project.npx("cf-workers-lint", "--version");
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(new RegExp(`^cf-workers-lint ${PLUGIN_VERSION.replace(/\./g, "\\.")} \\(eslint 10\\.\\d+\\.\\d+\\)\\n$`));
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
