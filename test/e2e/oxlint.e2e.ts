/**
 * oxlint's JS plugins running the packed plugin: the oxlint version the repository pins, a
 * `.oxlintrc.json` whose `jsPlugins` names the package, and the exact findings ESLint reports on
 * the same files, with settings, `eslint-disable` comments and malformed settings as under ESLint.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createScratchProject, REPO_ROOT, type Finding, type ScratchProject } from "./scratch";
import { CLEAN_WORKER_TS, EXPECTED_JS, EXPECTED_TS, WORKER_JS, WORKER_TS } from "./worker-fixtures";

const OXLINT_VERSION = (JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, "utf8")) as { devDependencies: Record<string, string> }).devDependencies.oxlint;

const RULES = {
  "cloudflare-workers/no-env-in-global-scope": "error",
  "cloudflare-workers/no-env-mutation": "error",
  "cloudflare-workers/no-request-state-in-global-scope": "error",
  "cloudflare-workers/no-top-level-env-derivation": "error",
};

/** Only this plugin's rules: oxlint's own categories off. */
function oxlintrc(settings?: unknown): string {
  return `${JSON.stringify({ jsPlugins: ["eslint-plugin-cloudflare-workers"], categories: { correctness: "off" }, rules: RULES, ...(settings === undefined ? {} : { settings }) }, null, 2)}\n`;
}

const SUPPRESSED_JS = `export default {
  fetch(request, env) {
    // eslint-disable-next-line cloudflare-workers/no-env-mutation
    env.COUNTER = 1;
    return new Response("ok");
  },
};
`;

// `MyEnv` marks env only with the envTypeNames setting
const MY_ENV_TS = `let client: string | undefined;
export function keep(bindings: MyEnv): void {
  client = bindings.KEY;
}
`;

// A handler handing a binding to a helper of another module that keeps it.
const HANDOFF_TS = `import { getDb } from "./db";
export default {
  async fetch(request: Request, env: Env) {
    getDb(env.DB);
    return new Response("ok");
  },
};
`;
const HELPER_TS = `let db: D1Database | undefined;
export function getDb(d1: D1Database) {
  db ??= d1;
  return db;
}
`;

interface OxlintJson {
  diagnostics: { code?: string; message: string; filename: string; labels: { span: { line: number; column: number } }[] }[];
  number_of_files: number;
}

/** Findings per file, in line order, as the ESLint tests compare them. */
function findings(stdout: string): Record<string, (Finding & { message: string })[]> {
  const report = JSON.parse(stdout) as OxlintJson;
  const out: Record<string, (Finding & { message: string })[]> = {};
  for (const d of report.diagnostics) {
    const rule = /^(.+)\((.+)\)$/.exec(d.code ?? "");
    const { line, column } = d.labels[0].span;
    (out[d.filename] ??= []).push({ ruleId: rule ? `${rule[1]}/${rule[2]}` : null, line, column, message: d.message });
  }
  for (const list of Object.values(out)) list.sort((a, b) => a.line - b.line || a.column - b.column);
  return out;
}

const brief = (list: (Finding & { message: string })[] | undefined) => list?.map(({ ruleId, line, column }) => ({ ruleId, line, column }));

let project: ScratchProject;

beforeAll(() => {
  project = createScratchProject({
    name: "oxlint",
    tarball: inject("tarball"),
    type: "module",
    dependencies: { oxlint: OXLINT_VERSION },
    files: {
      ".gitignore": "node_modules\n",
      ".oxlintrc.json": oxlintrc(),
      "settings.oxlintrc.json": oxlintrc({ "cloudflare-workers": { envTypeNames: ["MyEnv"] } }),
      "bad-settings.oxlintrc.json": oxlintrc({ "cloudflare-workers": { envTypeNames: "MyEnv" } }),
      "src/worker.ts": WORKER_TS,
      "src/worker.js": WORKER_JS,
      "src/clean.ts": CLEAN_WORKER_TS,
      "src/suppressed.js": SUPPRESSED_JS,
      "src/my-env.ts": MY_ENV_TS,
      "handoff/index.ts": HANDOFF_TS,
      "handoff/db.ts": HELPER_TS,
    },
  });
});

afterAll(() => project?.remove());

describe("oxlint with the plugin in jsPlugins", () => {
  it(`runs the pinned oxlint, ${OXLINT_VERSION}`, () => {
    expect(OXLINT_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(project.npx("oxlint", "--version").stdout.trim()).toBe(`Version: ${OXLINT_VERSION}`);
  });

  it("reports exactly ESLint's findings, in TypeScript and JavaScript, and honours eslint-disable comments", () => {
    const result = project.npx("oxlint", "--format", "json", "src");
    expect(result.status).toBe(1);
    const byFile = findings(result.stdout);
    expect(Object.keys(byFile).sort()).toEqual(["src/worker.js", "src/worker.ts"]);
    expect(brief(byFile["src/worker.ts"])).toEqual(EXPECTED_TS);
    expect(brief(byFile["src/worker.js"])).toEqual(EXPECTED_JS);
    expect(byFile["src/worker.ts"][3].message).toMatch(/^`env\.API_KEY` writes onto `env`/);
    expect((JSON.parse(result.stdout) as OxlintJson).number_of_files).toBe(5);
  });

  it("follows a call into another module with no parser from oxlint", () => {
    const byFile = findings(project.npx("oxlint", "--format", "json", "handoff").stdout);
    // why: oxlint gives the rule no parser; the helper module is parsed by oxc-parser and summarised
    expect(brief(byFile["handoff/index.ts"])).toEqual([{ ruleId: "cloudflare-workers/no-env-in-global-scope", line: 4, column: 5 }]);
    expect(byFile["handoff/index.ts"][0].message).toContain("is kept by `getDb` in module-scope `db` (./db.ts:3)");
    // The helper's own parameter is typed as a binding: the store is reported there too, as under ESLint.
    expect(brief(byFile["handoff/db.ts"])).toEqual([{ ruleId: "cloudflare-workers/no-env-in-global-scope", line: 3, column: 3 }]);
  });

  it("reads settings[\"cloudflare-workers\"] from .oxlintrc.json", () => {
    expect(findings(project.npx("oxlint", "--format", "json", "src/my-env.ts").stdout)).toEqual({});
    const configured = findings(project.npx("oxlint", "-c", "settings.oxlintrc.json", "--format", "json", "src/my-env.ts").stdout);
    expect(brief(configured["src/my-env.ts"])).toEqual([{ ruleId: "cloudflare-workers/no-env-in-global-scope", line: 3, column: 3 }]);
  });

  it("reports malformed settings once per file, and lints with the defaults", () => {
    const byFile = findings(project.npx("oxlint", "-c", "bad-settings.oxlintrc.json", "--format", "json", "src/worker.ts", "src/clean.ts").stdout);
    for (const file of ["src/worker.ts", "src/clean.ts"]) {
      const invalid = byFile[file].filter((f) => f.message.startsWith("Invalid plugin settings:"));
      expect(invalid, file).toHaveLength(1);
      expect(invalid[0]).toMatchObject({ line: 1, column: 1 });
      expect(invalid[0].message).toContain("envTypeNames must be an array of non-empty strings");
    }
    expect(brief(byFile["src/worker.ts"].filter((f) => !f.message.startsWith("Invalid")))).toEqual(EXPECTED_TS);
  });
});
