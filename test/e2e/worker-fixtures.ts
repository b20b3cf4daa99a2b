/**
 * The small Worker every end-to-end project lints, in TypeScript and in plain JavaScript, with
 * one finding for each recommended rule, and the findings ESLint must report for it.
 */
import type { Finding } from "./scratch";

export const WORKER_TS = `import { env as workerEnv } from "cloudflare:workers";

interface Env {
  API_KEY: string;
  DB: D1Database;
}

const apiKey: string = workerEnv.API_KEY;
let db: D1Database | undefined;
let lastPath: string | undefined;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    db ??= env.DB;
    lastPath = new URL(request.url).pathname;
    env.API_KEY = "rotated";
    const local = env.DB;
    return new Response(\`\${apiKey} \${lastPath} \${String(db === local)}\`);
  },
} satisfies ExportedHandler<Env>;
`;

export const WORKER_JS = `import { env as workerEnv } from "cloudflare:workers";

const apiKey = workerEnv.API_KEY;
let db;
let lastPath;

export default {
  async fetch(request, env) {
    db ??= env.DB;
    lastPath = new URL(request.url).pathname;
    env.API_KEY = "rotated";
    const local = env.DB;
    return new Response(\`\${apiKey} \${lastPath} \${String(db === local)}\`);
  },
};
`;

/** A Worker that keeps everything per request; its eslint comments name rules no config loads. */
export const CLEAN_WORKER_TS = `interface Env {
  API_KEY: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body: any = { path: new URL(request.url).pathname, key: env.API_KEY.length };
    return Response.json(body);
  },
};
`;

const rule = (name: string): string => `cloudflare-workers/${name}`;

export const EXPECTED_TS: Finding[] = [
  { ruleId: rule("no-top-level-env-derivation"), line: 8, column: 7 },
  { ruleId: rule("no-env-in-global-scope"), line: 14, column: 5 },
  { ruleId: rule("no-request-state-in-global-scope"), line: 15, column: 5 },
  { ruleId: rule("no-env-mutation"), line: 16, column: 5 },
];

export const EXPECTED_JS: Finding[] = [
  { ruleId: rule("no-top-level-env-derivation"), line: 3, column: 7 },
  { ruleId: rule("no-env-in-global-scope"), line: 9, column: 5 },
  { ruleId: rule("no-request-state-in-global-scope"), line: 10, column: 5 },
  { ruleId: rule("no-env-mutation"), line: 11, column: 5 },
];

/** Exact ranges, as an editor draws them (ESLint's 1-based lines and columns, end exclusive). */
export interface Range extends Finding {
  endLine: number;
  endColumn: number;
}

export const EXPECTED_TS_RANGES: Range[] = [
  // `apiKey`: the declared name alone, not its type annotation
  { ...EXPECTED_TS[0], endLine: 8, endColumn: 13 },
  // `db`
  { ...EXPECTED_TS[1], endLine: 14, endColumn: 7 },
  // `lastPath`
  { ...EXPECTED_TS[2], endLine: 15, endColumn: 13 },
  // `env.API_KEY`
  { ...EXPECTED_TS[3], endLine: 16, endColumn: 16 },
];

export const EXPECTED_JS_RANGES: Range[] = [
  { ...EXPECTED_JS[0], endLine: 3, endColumn: 13 },
  { ...EXPECTED_JS[1], endLine: 9, endColumn: 7 },
  { ...EXPECTED_JS[2], endLine: 10, endColumn: 13 },
  { ...EXPECTED_JS[3], endLine: 11, endColumn: 16 },
];

/**
 * A Node script, written into a project, that lints one file's text with `ESLint#lintText` the
 * way editor integrations do, and prints each message's range as JSON.
 */
export const LINT_TEXT_SCRIPT = `"use strict";
const { readFileSync } = require("node:fs");
const { ESLint } = require("eslint");

(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = {};
  for (const filePath of process.argv.slice(2)) {
    const [result] = await eslint.lintText(readFileSync(filePath, "utf8"), { filePath });
    out[filePath] = result.messages.map(({ ruleId, line, column, endLine, endColumn }) => ({ ruleId, line, column, endLine, endColumn }));
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

/** Copies of the two Workers, so that parallel linting has work for every thread. */
export function workerCopies(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= count; i++) {
    files[`src/copies/worker-${i}.ts`] = WORKER_TS;
    files[`src/copies/worker-${i}.js`] = WORKER_JS;
  }
  return files;
}
