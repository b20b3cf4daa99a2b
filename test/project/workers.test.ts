/**
 * The Worker's own config, read from real projects on disk and linted as a user's ESLint would:
 * which config a file gets, what its names and kinds change in the findings, and what is never
 * kept or printed.
 */
import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { envTypeNamesIn } from "../../src/project/declared-names";
import { findConfig, workerCacheSnapshot, workerFor, workerStats } from "../../src/project/workers";
import { DEFAULT_SETTINGS } from "../../src/settings";
import { HAZARD } from "../rules/helpers";
import { aSecondLater, freezeClock, eslintFor, lintFile, project } from "./fixtures";

const handler = (body: string, before = "") => `${before}
export default {
  async fetch(request: Request, env: Env) {
    ${body}
    return new Response("ok");
  },
};
`;

const unknown = (origin: string, worker: string) => `\`${origin}\`: Worker \`${worker}\` declares no such binding, var or secret: \`undefined\` unless set outside the config.`;
const suggest = (origin: string, worker: string, name: string) =>
  `\`${origin}\`: Worker \`${worker}\` declares no binding, var or secret of that name; did you mean \`${name}\`?`;

describe("finding a file's Worker config", () => {
  it("takes the nearest config, in wrangler's order, and stops at the package root", () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "root"\n`,
      "wrangler.json": `{ "name": "root-json" }`,
      "src/index.ts": "",
      "apps/api/package.json": "{}",
      "apps/api/wrangler.jsonc": `{ "name": "api" }`,
      "apps/api/src/deep/index.ts": "",
      "apps/lib/package.json": "{}",
      "apps/lib/src/index.ts": "",
    });
    // why: a folder with both takes wrangler.json, as wrangler does
    expect(findConfig(join(dir, "src/index.ts"))).toBe(join(dir, "wrangler.json"));
    expect(findConfig(join(dir, "apps/api/src/deep/index.ts"))).toBe(join(dir, "apps/api/wrangler.jsonc"));
    // why: a package of its own without a config is outside any Worker, not the root Worker's
    expect(findConfig(join(dir, "apps/lib/src/index.ts"))).toBeNull();
    expect(workerFor("relative/file.ts", DEFAULT_SETTINGS)).toBeNull();
  });

  it("reads the config again when it changes, and not otherwise", () => {
    const dir = project({ "package.json": "{}", "wrangler.json": `{ "name": "one", "vars": { "A": "1" } }`, "src/index.ts": "" });
    const file = join(dir, "src/index.ts");
    freezeClock();
    const before = workerStats.reads;
    expect([...workerFor(file, DEFAULT_SETTINGS)!.bindings.keys()]).toEqual(["A"]);
    expect(workerFor(file, DEFAULT_SETTINGS)!.name).toBe("one");
    // why: one read for two lookups — the cache serves the second
    expect(workerStats.reads - before).toBe(1);
    writeFileSync(join(dir, "wrangler.json"), `{ "name": "two", "vars": { "A": "1", "BB": "2" } }`);
    utimesSync(join(dir, "wrangler.json"), new Date(), new Date(Date.now() + 5000));
    // why: a stamp is trusted for a second after it was taken from the disk
    expect(workerFor(file, DEFAULT_SETTINGS)!.name).toBe("one");
    aSecondLater();
    expect(workerFor(file, DEFAULT_SETTINGS)!.name).toBe("two");
    expect([...workerFor(file, DEFAULT_SETTINGS)!.bindings.keys()]).toEqual(["A", "BB"]);
    expect(workerStats.reads - before).toBe(2);
  });
});

describe("no-unknown-binding on real projects", () => {
  it("reads all three formats, every environment, .dev.vars and the generated Env", async () => {
    const files: Record<string, string> = {
      "package.json": "{}",
      "toml/wrangler.toml": `name = "toml-worker"\n[[r2_buckets]]\nbinding = "BUCKET"\nbucket_name = "b"\n[env.staging.vars]\nSTAGING_FLAG = "1"\n`,
      "toml/.dev.vars": "STRIPE_KEY=sk_test_123\n",
      "toml/.dev.vars.staging": "STAGING_SECRET=abc\n",
      "toml/src/index.ts": handler(`await env.BUCKET.put("k", "v"); env.STAGING_FLAG; env.STRIPE_KEY; env.STAGING_SECRET; await env.BUKET.put("k", "v"); env.MISSING;`),
      "jsonc/wrangler.jsonc": `{\n  // comment\n  "name": "jsonc-worker",\n  "kv_namespaces": [{ "binding": "CACHE", "id": "x" },],\n}\n`,
      "jsonc/worker-configuration.d.ts": `declare namespace Cloudflare { interface Env { CACHE: KVNamespace; GENERATED_SECRET: string; } }\ninterface Env extends Cloudflare.Env {}\n`,
      "jsonc/src/index.ts": handler(`await env.CACHE.get("k"); env.GENERATED_SECRET; env.cache;`),
      "json/wrangler.json": `{ "name": "json-worker", "d1_databases": [{ "binding": "DB", "database_id": "x" }] }`,
      "json/package.json": JSON.stringify({ scripts: { deploy: "wrangler deploy --var GIT_SHA:$(git rev-parse HEAD) --var BUILD_TIME:now", dev: 'wrangler dev --var "STAGE:dev"' } }),
      "json/src/index.ts": handler(`await env.DB.prepare("select 1").run(); env.GIT_SHA; env.BUILD_TIME; env.STAGE; env.DATABASE;`),
    };
    const dir = project(files);
    const eslint = await eslintFor(dir);
    const toml = await lintFile(eslint, dir, "toml/src/index.ts");
    // why: names of another environment and of .dev.vars.<env> count; a typo gets a suggestion
    expect(toml.map((f) => [f.rule, f.line, f.column, f.message])).toEqual([
      ["no-unknown-binding", 4, 97, suggest("env.BUKET", "toml-worker", "BUCKET")],
      ["no-unknown-binding", 4, 122, unknown("env.MISSING", "toml-worker")],
    ]);
    const jsonc = await lintFile(eslint, dir, "jsonc/src/index.ts");
    // why: a different case is the same typo; the generated Env's names count
    expect(jsonc.map((f) => f.message)).toEqual([suggest("env.cache", "jsonc-worker", "CACHE")]);
    const json = await lintFile(eslint, dir, "json/src/index.ts");
    // why: a var the package's scripts hand wrangler (`--var NAME:value`) is declared
    expect(json.map((f) => f.message)).toEqual([unknown("env.DATABASE", "json-worker")]);
  });

  it("gives each Worker of a monorepo its own names, and is silent outside any Worker", async () => {
    const dir = project({
      "package.json": "{}",
      "workers/api/package.json": "{}",
      "workers/api/wrangler.toml": `name = "api"\n[[kv_namespaces]]\nbinding = "SESSIONS"\nid = "x"\n`,
      "workers/api/src/index.ts": handler(`await env.SESSIONS.get("k"); await env.QUEUE.send({});`),
      "workers/jobs/package.json": "{}",
      "workers/jobs/wrangler.toml": `name = "jobs"\n[[queues.producers]]\nbinding = "QUEUE"\nqueue = "q"\n`,
      "workers/jobs/src/index.ts": handler(`await env.QUEUE.send({}); await env.SESSIONS.get("k");`),
      "packages/shared/package.json": "{}",
      "packages/shared/src/index.ts": handler(`await env.ANYTHING.get("k");`),
    });
    const eslint = await eslintFor(dir);
    expect((await lintFile(eslint, dir, "workers/api/src/index.ts")).map((f) => f.message)).toEqual([unknown("env.QUEUE", "api")]);
    expect((await lintFile(eslint, dir, "workers/jobs/src/index.ts")).map((f) => f.message)).toEqual([unknown("env.SESSIONS", "jobs")]);
    // why: no config above the file: nothing is known, so nothing is reported
    expect(await lintFile(eslint, dir, "packages/shared/src/index.ts")).toEqual([]);
  });

  it("names a binding handed to a registry at load by its kind, and a var as a snapshot", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.jsonc": `{ "name": "api", "vectorize": [{ "binding": "VECTORIZE", "index_name": "i" }], "vars": { "MODE": "p" } }`,
      "src/index.ts": `import { env } from "cloudflare:workers";\nimport { container } from "tsyringe";\ncontainer.register("Vectors", { useValue: env.VECTORIZE });\ncontainer.register("Mode", { useValue: env.MODE });\nexport default { fetch: () => new Response("ok") };\n`,
    });
    // why: what a registry keeps of a binding is that deploy's binding; of a var, its snapshot
    expect((await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => f.message.split(": ")[1])).toEqual([
      "it keeps the Vectorize index binding of the deploy that stored it.",
      "what it keeps is a stale snapshot after a deploy.",
    ]);
  });

  it("names text made of a binding as data read through it, and text made of a var as the var's", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "api"\n[[d1_databases]]\nbinding = "DB"\ndatabase_id = "x"\n[vars]\nMODE = "p"\n`,
      "src/index.ts": `const seen: string[] = [];\n${handler(`seen.push(\`\${env.DB}\`);\n    seen.push(env.MODE.trim());`)}`,
    });
    // why: a D1 database turned into text is what was read off it, not a secret or var
    expect((await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => f.message.split(": ")[1])).toEqual([
      "later requests get that copy, stale once the binding's data changes.",
      "it keeps the var of the deploy that stored it.",
    ]);
  });

  it("takes a name the config declares as a var for a var, whatever it looks like", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "api"\n[vars]\nKEY_PREFIX = "app:"\n`,
      ".dev.vars": "SIGNING_KEY=x\n",
      "src/index.ts": `let prefixLength: number | undefined;\nlet keyLength: number | undefined;\n${handler(`prefixLength ??= env.KEY_PREFIX.length;\n    keyLength ??= env.SIGNING_KEY.length;`)}`,
    });
    // why: the length of a var is its snapshot, even named like a secret (\`KEY_…\`); a secret's length keeps none of it
    expect((await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => `${f.line} ${f.message.split(":")[0]}`)).toEqual([
      "6 Lazy singleton `prefixLength` is built once from `env.KEY_PREFIX.length`",
    ]);
  });

  it("counts the names of the env files above the config, up to the repository's root", async () => {
    const dir = project({
      ".git/HEAD": "ref: refs/heads/main\n",
      ".env.example": `MAIL_API_TOKEN=\n`,
      "package.json": `{ "private": true, "workspaces": ["apps/*"] }`,
      "apps/server/package.json": "{}",
      "apps/server/wrangler.jsonc": `{ "name": "server", "main": "src/main.ts" }`,
      "apps/server/src/main.ts": handler(`env.MAIL_API_TOKEN; env.NOT_ANYWHERE;`),
    });
    const eslint = await eslintFor(dir);
    // why: the monorepo's root lists MAIL_API_TOKEN for every Worker it holds
    expect((await lintFile(eslint, dir, "apps/server/src/main.ts")).map((f) => f.message)).toEqual([unknown("env.NOT_ANYWHERE", "server")]);
  });

  it("counts the names of the folder's other configs, and says nothing where the config keeps dashboard vars", async () => {
    const dir = project({
      "package.json": "{}",
      "mail/wrangler.toml": `name = "mail"\n# [[kv_namespaces]]\n# binding = "kv"\n`,
      "mail/wrangler-prod.toml": `name = "mail"\n[[kv_namespaces]]\nbinding = "kv"\nid = "x"\n[vars]\nadmin = "a@example.com"\n`,
      "mail/wrangler.staging.jsonc": `{ "name": "mail", "d1_databases": [{ "binding": "DB", "database_id": "x" }] }`,
      "mail/wrangler-broken.toml": `name = `,
      "mail/src/index.ts": handler(`await env.kv.get("k"); env.admin; await env.DB.prepare("q").run(); env.MISSING;`),
      "intake/wrangler.jsonc": `{ "name": "intake", "r2_buckets": [{ "binding": "FILES", "bucket_name": "f" }] }`,
      "intake/wrangler.toml": `name = "intake-old"\n[[d1_databases]]\nbinding = "LOG_DB"\ndatabase_id = "x"\n`,
      "intake/src/index.ts": handler(`await env.FILES.get("k"); await env.LOG_DB.prepare("q").run(); env.NOWHERE;`),
      "kept/wrangler.toml": `name = "kept"\nkeep_vars = true\n`,
      "kept/src/index.ts": handler(`env.SET_IN_DASHBOARD;`),
      "tool/wrangler.jsonc": `{ "d1_databases": [{ "binding": "DB", "database_name": "d", "database_id": "x", "migrations_dir": "migrations" }] }`,
      "tool/src/index.ts": handler(`await env.DB.prepare("q").run(); env.KV;`),
      "named/wrangler.jsonc": `{ "name": "named", "d1_databases": [{ "binding": "DB", "database_id": "x" }] }`,
      "named/src/index.ts": handler(`await env.DB.prepare("q").run(); env.KV; await env.ASSETS.fetch(request);`),
      "served/package.json": JSON.stringify({ scripts: { preview: "wrangler pages dev ./dist", migrate: "wrangler d1 migrations apply DB --local" } }),
      "served/wrangler.toml": `[[d1_databases]]\nbinding = "DB"\ndatabase_id = "x"\n`,
      "served/src/index.ts": handler(`await env.DB.prepare("q").run(); env.KV; await env.ASSETS.fetch(request);`),
    });
    const eslint = await eslintFor(dir);
    // why: \`wrangler deploy -c wrangler-prod.toml\` deploys the same code with those names
    expect((await lintFile(eslint, dir, "mail/src/index.ts")).map((f) => f.message)).toEqual([unknown("env.MISSING", "mail")]);
    // why: a \`wrangler.toml\` left beside the \`wrangler.jsonc\` wrangler reads first is another config of the same code
    expect((await lintFile(eslint, dir, "intake/src/index.ts")).map((f) => f.message)).toEqual([unknown("env.NOWHERE", "intake")]);
    // why: with keep_vars, vars set in the dashboard stay: a name declared nowhere may be one of them
    expect(await lintFile(eslint, dir, "kept/src/index.ts")).toEqual([]);
    // why: a config with no name and no \`main\` is a tool's (\`wrangler d1 migrations\`): it lists what the tool needs, not the
    // bindings of the Worker the code runs in; one with a name is a Worker's
    expect(await lintFile(eslint, dir, "tool/src/index.ts")).toEqual([]);
    expect((await lintFile(eslint, dir, "named/src/index.ts")).map((f) => f.message)).toEqual([unknown("env.KV", "named"), unknown("env.ASSETS", "named")]);
    // why: nor is one unnamed that the package's own scripts serve or deploy (\`wrangler pages dev ./dist\`); served as a Pages
    // project, its \`_worker.js\` gets \`env.ASSETS\` from Pages
    expect((await lintFile(eslint, dir, "served/src/index.ts")).map((f) => f.message)).toEqual([unknown("env.KV", "wrangler.toml")]);
  });

  it("counts the names of a config in a folder beside the code whose `main` names a module of that code", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "site"\npages_build_output_dir = "./dist"\n`,
      "wrangler/wrangler-subscribe.toml": `name = "subscribe"\nmain = "../workers/subscribe.js"\n[[kv_namespaces]]\nbinding = "SUBSCRIPTIONS"\nid = "x"\n`,
      "wrangler/wrangler-own.toml": `name = "own"\nmain = "src/index.ts"\n[vars]\nOWN_ONLY = "x"\n`,
      "tools/package.json": "{}",
      "tools/wrangler.toml": `name = "tool"\nmain = "../workers/tool.js"\n[vars]\nTOOL_ONLY = "x"\n`,
      "workers/subscribe.js": handler(`await env.SUBSCRIPTIONS.get("k"); env.OWN_ONLY; env.TOOL_ONLY;`),
    });
    const eslint = await eslintFor(dir);
    // why: \`wrangler/wrangler-subscribe.toml\` deploys \`workers/subscribe.js\` with its names; a config whose \`main\` stays in its own
    // folder deploys other code, and a folder that is a package of its own is another project's
    expect((await lintFile(eslint, dir, "workers/subscribe.js")).map((f) => f.message)).toEqual([unknown("env.OWN_ONLY", "site"), unknown("env.TOOL_ONLY", "site")]);
  });

  it("takes the secrets the entry module's opening comment lists as declared", async () => {
    const dir = project({
      "package.json": "{}",
      "bot/wrangler.toml": `name = "bot"\nmain = "src/worker.js"\n`,
      "bot/src/worker.js": `// Chat bot
//
// Secrets:
//   CHANNEL_TOKEN
//   - ADMIN_ID
${handler(`env.CHANNEL_TOKEN; env.ADMIN_ID; env.LATER_LISTED; env.HELPER_LISTED;`)}
// Secrets:
//   LATER_LISTED
`,
      "block/wrangler.toml": `name = "block"\nmain = "src/index.ts"\n`,
      "block/src/index.ts": `/**
 * Secrets (set with wrangler secret put):
 * - SIGNING_KEY
 */
${handler(`env.SIGNING_KEY; env.OTHER;`)}`,
    });
    const eslint = await eslintFor(dir);
    // why: the entry module's opening comment documents what the Worker needs, as a config's comment does; a comment
    // further down (or in another module) is no such list
    expect((await lintFile(eslint, dir, "bot/src/worker.js")).map((f) => f.message)).toEqual([unknown("env.LATER_LISTED", "bot"), unknown("env.HELPER_LISTED", "bot")]);
    expect((await lintFile(eslint, dir, "block/src/index.ts")).map((f) => f.message)).toEqual([unknown("env.OTHER", "block")]);
  });

  it("takes the secrets a coding agent's notes list, and a README's table of variables, as declared", async () => {
    const dir = project({
      "package.json": "{}",
      "api/wrangler.toml": `name = "api"\n`,
      "api/CLAUDE.md": "# Notes\n\nThe application requires these secrets (managed via `wrangler secret put`):\n- `MAIL_API_KEY` - the mail service's key\n- `SHEETS_ID`\n",
      "api/src/index.ts": handler(`env.MAIL_API_KEY; env.SHEETS_ID; env.NOT_LISTED;`),
      "site/wrangler.toml": `name = "site"\n`,
      "site/README.md": "## Configure\n\n1. Open **Settings**.\n2. Add the following variables:\n\n   | Variable Name | Description |\n   | ------------- | ----------- |\n   | `USERNAME` | Your login |\n   | PASSWORD | Your password |\n\n| Feature | Status |\n| ------- | ------ |\n| SEARCH_API | planned |\n\n| 变量名 | 示例 |\n| :--- | :--- |\n| **KEY** | abc |\n| **PROXY_LIST** | a,b |\n",
      "site/src/index.ts": handler(`env.USERNAME; env.PASSWORD; env.SEARCH_API; env.PROXY_LIST;`),
    });
    const eslint = await eslintFor(dir);
    // why: \`CLAUDE.md\` (or \`AGENTS.md\`) is where such a project writes down what to set, as a README is
    expect((await lintFile(eslint, dir, "api/src/index.ts")).map((f) => f.message)).toEqual([unknown("env.NOT_LISTED", "api")]);
    // why: a table whose first column is headed as variables names them; a table of anything else names nothing, and a row
    // that names a variable (\`| **KEY** |\`) is no header
    expect((await lintFile(eslint, dir, "site/src/index.ts")).map((f) => f.message)).toEqual([unknown("env.SEARCH_API", "site"), unknown("env.PROXY_LIST", "site")]);
  });

  it("takes the secrets a README says to set with `wrangler secret put` as declared", async () => {
    const dir = project({
      "package.json": "{}",
      ".git/HEAD": "ref: refs/heads/main\n",
      "README.md": "## Setup\n\n```sh\nnpx wrangler secret put SIGNING_KEY\n```\n",
      "worker/wrangler.toml": `name = "app"\n`,
      "worker/README.md": "Set the token: `wrangler secret put API_TOKEN`. Other names: api_key, DATABASE_URL.\n\nSet the secrets with `wrangler secret put`:\n\n- LOKI_URL - where logs go\n- `LOKI_TOKEN`: its token\n\nThen deploy. REGION_NAME is read too.\n",
      "worker/src/index.ts": handler(`env.API_TOKEN; env.SIGNING_KEY; env.DATABASE_URL; env.LOKI_URL; env.LOKI_TOKEN; env.REGION_NAME;`),
    });
    // why: the Worker's README (and the repository's) names the secrets set outside the config, also as a list after a line
    // that speaks of secrets; a name it only mentions is not one
    expect((await lintFile(await eslintFor(dir), dir, "worker/src/index.ts")).map((f) => f.message)).toEqual([unknown("env.DATABASE_URL", "app"), unknown("env.REGION_NAME", "app")]);
  });

  it("takes a read handed to another module's function that tests that parameter for absence as tested", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\n`,
      "src/auth.ts": `export function makeCheck(tokens?: string) {\n  return (t: string) => !tokens || tokens.split(",").includes(t);\n}\nexport function sample(rate = "1") {\n  return Number(rate);\n}\nexport function strict(tokens: string) {\n  return (t: string) => tokens.split(",").includes(t);\n}\n`,
      "src/index.ts": handler(`makeCheck(env.WRITE_TOKENS); sample(env.SAMPLE_RATE); strict(env.ADMIN_TOKENS);`, `import { makeCheck, sample, strict } from "./auth";`),
    });
    // why: the helper expects the optional secret may be missing (\`if (!tokens)\`, a default), as a test in the file would;
    // one that uses it untested does not
    expect((await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => f.message)).toEqual([unknown("env.ADMIN_TOKENS", "app")]);
  });

  it("reads names from a hand-written Env type the file imports", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\n`,
      "src/types.ts": `export interface Env {\n  DASHBOARD_SECRET: string;\n  OPTIONAL_TOKEN?: string;\n}\n`,
      "src/index.ts": handler(`env.DASHBOARD_SECRET; env.OPTIONAL_TOKEN; env.UNDECLARED;`, `import type { Env } from "./types";`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => f.message)).toEqual([unknown("env.UNDECLARED", "app")]);
  });

  it("reads names from a JavaScript module's env type written in JSDoc", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\n`,
      "src/index.js": `/**\n * @typedef {object} Env\n * @prop {string} LOKI_URL - where logs go\n * @property {KVNamespace} [CACHE]\n */\n/** @typedef {object} Other\n * @prop {string} NOT_ENV\n */\n/** @type {ExportedHandler<Env>} */\nexport default {\n  async fetch(request, env) {\n    return new Response(String([env.LOKI_URL, env.CACHE, env.NOT_ENV, env.UNDECLARED]));\n  },\n};\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.js");
    // why: \`@typedef {object} Env\` with its \`@prop\` lines is the JavaScript spelling of \`interface Env\`; another typedef declares no binding
    expect(found.map((f) => f.message)).toEqual([unknown("env.NOT_ENV", "app"), unknown("env.UNDECLARED", "app")]);
  });

  it("reads names from an env type the file imports through a barrel's re-exports", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\n`,
      "src/types/index.ts": `export type { WorkerEnv } from "./bindings";\nexport * from "./more";\n`,
      "src/types/bindings.ts": `export interface WorkerEnv {\n  SIGNING_KEY: string;\n}\n`,
      "src/types/more.ts": `export interface Other {\n  NOT_ENV: string;\n}\n`,
      "src/index.ts": `import type { WorkerEnv } from "./types";\nexport default {\n  async scheduled(_c: unknown, env: WorkerEnv) {\n    return [env.SIGNING_KEY, env.NOT_ENV];\n  },\n};\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`WorkerEnv\` is declared where the barrel forwards it from; \`Other\` is no env type
    expect(found.map((f) => f.message)).toEqual([unknown("env.NOT_ENV", "app")]);
  });

  it("reads names from an env type the project renames on the way: a renamed re-export, an alias of an import, a renamed import", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\n`,
      "src/env-types.ts": `export interface GatewayEnv {\n  JWT_SECRET: string;\n}\nexport interface QueueEnv {\n  QUEUE_TOKEN: string;\n}\nexport interface CronEnv {\n  CRON_KEY: string;\n}\n`,
      "src/renamed.ts": `export type { GatewayEnv as Env } from "./env-types";\n`,
      "src/aliased.ts": `import type { QueueEnv } from "./env-types";\nexport type Env = QueueEnv;\n`,
      "src/a.ts": `import type { Env } from "./renamed";\nexport default { async fetch(r: Request, env: Env) { return new Response(env.JWT_SECRET + env.A_MISSING); } };\n`,
      "src/b.ts": `import type { Env } from "./aliased";\nexport default { async fetch(r: Request, env: Env) { return new Response(env.QUEUE_TOKEN + env.B_MISSING); } };\n`,
      "src/c.ts": `import type { CronEnv as Env } from "./env-types";\nexport default { async scheduled(c: unknown, env: Env) { return [env.CRON_KEY, env.C_MISSING]; } };\n`,
    });
    const eslint = await eslintFor(dir);
    // why: each \`Env\` is declared in ./env-types under its own name there
    expect((await lintFile(eslint, dir, "src/a.ts")).map((f) => f.message)).toEqual([unknown("env.A_MISSING", "app")]);
    expect((await lintFile(eslint, dir, "src/b.ts")).map((f) => f.message)).toEqual([unknown("env.B_MISSING", "app")]);
    expect((await lintFile(eslint, dir, "src/c.ts")).map((f) => f.message)).toEqual([unknown("env.C_MISSING", "app")]);
  });

  it("reads names from the env type the Worker's entry module declares, for every file of the Worker", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\nmain = "src/worker.ts"\n`,
      "src/worker.ts": `import { Hono } from "hono";\nexport type Bindings = { MODEL_KEY: string };\nconst app = new Hono<{ Bindings: Bindings }>();\nexport default app;\n`,
      "src/utils/model.ts": `import type { Context } from "hono";\nexport function keyOf(c: Context) {\n  return [c.env.MODEL_KEY, c.env.OTHER_KEY];\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/utils/model.ts");
    // why: a Hono app's \`Bindings\` are most often declared in its entry module, not in a types file
    expect(found.map((f) => f.message)).toEqual([unknown("c.env.OTHER_KEY", "app")]);
  });

  it("reads names from the env type a Remix or React Router app gives its load context, when the config's main is a build output", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\nmain = "./build/index.js"\n`,
      "app/server.ts": `type Env = { CALLS_APP_ID: string };\ndeclare module "@remix-run/cloudflare" {\n  interface AppLoadContext { env: Env }\n}\nexport default {};\n`,
      "load-context.ts": `interface Env { CALLS_TOKEN: string }\ndeclare module "react-router" {\n  interface AppLoadContext { cloudflare: { env: Env } }\n}\n`,
      "app/routes/calls.ts": `import type { LoaderFunctionArgs } from "@remix-run/cloudflare";\nexport const loader = async ({ context }: LoaderFunctionArgs) => {\n  return [context.env.CALLS_APP_ID, context.env.CALLS_TOKEN, context.env.CALLS_MISSING];\n};\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "app/routes/calls.ts");
    // why: the route's \`context.env\` is the Env the server entry and the load context declare; no route imports them
    expect(found.map((f) => f.message)).toEqual([unknown("context.env.CALLS_MISSING", "app")]);
  });

  it("reads names from the env type of a sub-app declared in a module the entry module imports", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\nmain = "src/worker.ts"\n`,
      "src/worker.ts": `import { Hono } from "hono";\nimport chat from "./routes/chat.js";\nconst app = new Hono();\napp.route("/chat", chat);\nexport default app;\n`,
      "src/routes/chat.ts": `import { Hono } from "hono";\ntype ChatBindings = { RANK_KEY: string };\nconst chat = new Hono<{ Bindings: ChatBindings }>();\nexport default chat;\n`,
      "src/lib/unused.ts": `import { Hono } from "hono";\nconst other = new Hono<{ Bindings: { STRAY_KEY: string } }>();\nexport default other;\n`,
      "src/utils/rank.ts": `import type { Context } from "hono";\nexport function keyOf(c: Context) {\n  return [c.env.RANK_KEY, c.env.STRAY_KEY];\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/utils/rank.ts");
    // why: the route module the Worker mounts declares \`RANK_KEY\`; no module the entry imports declares \`STRAY_KEY\`
    expect(found.map((f) => f.message)).toEqual([unknown("c.env.STRAY_KEY", "app")]);
  });

  it("reads names from the env type a Workers class gives its base", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\n`,
      "src/index.ts": [
        `import { WorkflowEntrypoint, DurableObject } from "cloudflare:workers";`,
        `interface WorkflowEnv { GITHUB_PAT: string }`,
        `interface RoomEnv { ROOM_SECRET: string }`,
        `export class Sync extends WorkflowEntrypoint<WorkflowEnv, { repo: string }> {`,
        `  async run() { return this.env.GITHUB_PAT + this.env.UNDECLARED; }`,
        `}`,
        `export class Room extends DurableObject<RoomEnv> {`,
        `  secret() { return this.env.ROOM_SECRET; }`,
        `}`,
      ].join("\n"),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`DurableObject<E>\`, \`WorkflowEntrypoint<E, P>\`: \`this.env\` is typed \`E\`, where the secrets are declared
    expect(found.map((f) => f.message)).toEqual([unknown("this.env.UNDECLARED", "app")]);
  });

  it("reads names from an Env type the file imports from a declaration file", async () => {
    const dir = project({
      "package.json": "{}",
      "worker/wrangler.toml": `name = "bot"\n`,
      // A declaration file outside the Worker's folder, named as a module is (`../../shared/types/env`).
      "shared/types/env.d.ts": `declare global {\n  interface CloudflareEnv {\n    BOT_TOKEN?: string;\n  }\n}\nexport type Env = CloudflareEnv;\n`,
      "worker/src/index.ts": handler(`env.BOT_TOKEN; env.UNDECLARED;`, `import type { Env } from "../../shared/types/env";`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "worker/src/index.ts");
    // why: TypeScript reads the types from \`env.d.ts\`: the secret it declares is one the Worker expects
    expect(found.map((f) => f.message)).toEqual([unknown("env.UNDECLARED", "bot")]);
  });

  it("reads names from env types the code calls otherwise: a typed parameter, a cast, Hono's wrapper", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\n`,
      // A module named so that the Worker's own walk for types files does not read it: only an import can.
      "src/app-context.ts": [
        `export interface AppBindings {\n  DEV_MODE?: string;\n  API_TOKEN: string;\n}`,
        `export type AppEnv = { Bindings: AppBindings; Variables: { user: string } };`,
      ].join("\n"),
      "src/typed.ts": [
        `import type { AppBindings } from "./app-context";`,
        `function isDev(env: AppBindings) {\n  return env.DEV_MODE === "true" || env.MISSING === "1";\n}`,
        `export default { async fetch(request: Request, env: AppBindings) { return new Response(String(isDev(env))); } };`,
      ].join("\n"),
      "src/routes.ts": `import { Hono } from "hono";\nimport type { AppEnv } from "./app-context";\nconst app = new Hono<AppEnv>();\napp.get("/", (c) => c.text(c.env.API_TOKEN + c.env.NOT_THERE));\nexport default app;\n`,
      "src/literal.ts": [
        `import { env } from "cloudflare:workers";`,
        `const e = env as Cloudflare.Env & { TEST_MIGRATIONS: string[]; "QUOTED-NAME"?: string };`,
        `export default { async fetch() { return new Response(String(e.TEST_MIGRATIONS) + e["QUOTED-NAME"] + e.NOT_LISTED); } };`,
      ].join("\n"),
      "src/cast.ts": [
        `import { env as base } from "cloudflare:workers";`,
        `interface WrappedEnv extends Env {\n  HELPERS: { run(): void };\n}`,
        `const env = base as WrappedEnv;`,
        `export default { async fetch() { env.HELPERS.run(); env.ABSENT.run(); return new Response("ok"); } };`,
      ].join("\n"),
    });
    const eslint = await eslintFor(dir);
    // why: the parameter's type, imported under its own name, declares DEV_MODE; MISSING is declared nowhere
    expect((await lintFile(eslint, dir, "src/typed.ts")).map((f) => f.message)).toEqual([unknown("env.MISSING", "app")]);
    // why: Hono's first type argument wraps the env type: its `Bindings` member's type declares API_TOKEN
    expect((await lintFile(eslint, dir, "src/routes.ts")).map((f) => f.message)).toEqual([unknown("c.env.NOT_THERE", "app")]);
    // why: an interface extending `Env`, cast onto the imported env, declares HELPERS
    expect((await lintFile(eslint, dir, "src/cast.ts")).map((f) => f.message)).toEqual([unknown("env.ABSENT", "app")]);
    // why: a cast to a type literal, kept in a variable, declares what the literal lists
    expect((await lintFile(eslint, dir, "src/literal.ts")).map((f) => f.message)).toEqual([unknown("env.NOT_LISTED", "app")]);
  });

  it("reads the generated Env of newer `wrangler types` (its members on a base interface) and a handler's env typed with a literal", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.jsonc": `{ "name": "gen", "main": "src/index.ts", "kv_namespaces": [{ "binding": "CACHE", "id": "x" }] }`,
      "worker-configuration.d.ts": [
        `interface __BaseEnv_Env {\n  CACHE: KVNamespace;\n  SIGNING_KEY: string;\n}`,
        `declare namespace Cloudflare {\n  interface Env extends __BaseEnv_Env {}\n}`,
        `interface Env extends __BaseEnv_Env {}`,
      ].join("\n"),
      "src/index.ts": handler(`env.SIGNING_KEY.length; env.CACHE.get("k"); env.NOT_DECLARED;`),
      "src/cron.ts": `export default { async scheduled(c: ScheduledController, env: { TARGET_URL: string; TOKEN?: string }) { await fetch(env.TARGET_URL + env.TOKEN + env.OTHER); } };\n`,
    });
    const eslint = await eslintFor(dir);
    // why: SIGNING_KEY is a member of the base interface the generated Env extends
    expect((await lintFile(eslint, dir, "src/index.ts")).map((f) => f.message)).toEqual([unknown("env.NOT_DECLARED", "gen")]);
    // why: the literal the handler types its env with lists TARGET_URL and TOKEN
    expect((await lintFile(eslint, dir, "src/cron.ts")).map((f) => f.message)).toEqual([unknown("env.OTHER", "gen")]);
  });

  it("reads the generated types written into a folder of the Worker (`wrangler types src/worker-configuration.d.ts`)", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\nmain = "src/index.ts"\n`,
      "src/worker-configuration.d.ts": `declare namespace Cloudflare {\n  interface Env {\n    DISCORD_TOKEN: string;\n  }\n}\ninterface Env extends Cloudflare.Env {}\n`,
      "src/routes/members.ts": handler(`env.DISCORD_TOKEN; env.UNDECLARED;`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/routes/members.ts");
    // why: the generated Env declares DISCORD_TOKEN wherever the file was written in the Worker's folder
    expect(found.map((f) => f.message)).toEqual([unknown("env.UNDECLARED", "app")]);
  });

  it("reads the generated types a package script has `wrangler types` write outside the Worker's folder", async () => {
    const dir = project({
      "apps/web/package.json": JSON.stringify({ scripts: { "cf-typegen": "wrangler types --env-interface CloudflareEnv ../../packages/config/dist/cloudflare-env.d.ts && echo done" } }),
      "apps/web/wrangler.toml": `name = "web"\nmain = "src/index.ts"\n`,
      "packages/config/dist/cloudflare-env.d.ts": `declare namespace Cloudflare {\n  interface Env {\n    AUTH_SECRET: string;\n  }\n}\ninterface CloudflareEnv extends Cloudflare.Env {}\n`,
      "apps/web/src/index.ts": handler(`env.AUTH_SECRET; env.UNDECLARED;`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "apps/web/src/index.ts");
    // why: the script names where the generated Env is written; AUTH_SECRET is declared there
    expect(found.map((f) => f.message)).toEqual([unknown("env.UNDECLARED", "web")]);
  });

  it("reads the env types of the app module a route file imports, whatever the config's main is", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\nmain = "dist/index.js"\n`,
      "src/app.ts": `import { Hono } from "hono";\ntype Env = { SIGNING_KEY: string };\nexport type AppEnv = { Bindings: Env };\nconst app = new Hono<AppEnv>();\nexport default app;\n`,
      "src/login.ts": `import app from "./app";\napp.post("/login", async (c) => c.text(c.env.SIGNING_KEY + c.env.UNDECLARED));\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/login.ts");
    // why: \`main\` names a build output; the app's module, which the route imports, declares SIGNING_KEY
    expect(found.map((f) => f.message)).toEqual([unknown("c.env.UNDECLARED", "app")]);
  });

  it("reads the env type the entry module imports under its own name for Hono's Bindings", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\nmain = "src/index.ts"\n`,
      "src/utils/env.ts": `export interface WorkerSettings {\n  SIGNING_KEY: string;\n}\n`,
      "src/index.ts": `import { Hono, type Context } from "hono";\nimport { WorkerSettings } from "./utils/env";\nexport type AppContext = Context<{ Bindings: WorkerSettings }>;\nconst app = new Hono<{ Bindings: WorkerSettings }>();\nexport default app;\n`,
      "src/endpoints/ping.ts": `import { OpenAPIRoute } from "chanfana";\nimport type { AppContext } from "..";\nexport class Ping extends OpenAPIRoute {\n  async handle(ctx: AppContext) {\n    return ctx.json({ n: ctx.env.SIGNING_KEY.length + ctx.env.UNDECLARED });\n  }\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/endpoints/ping.ts");
    // why: the entry module's Bindings are an interface of \`./utils/env\`, which declares SIGNING_KEY
    expect(found.map((f) => f.message)).toEqual([unknown("ctx.env.UNDECLARED", "app")]);
  });

  it("reads the env types of a module a file imports through a tsconfig alias", async () => {
    const dir = project({
      "package.json": "{}",
      "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./src/*"] } } }),
      "wrangler.toml": `name = "app"\nmain = "src/index.ts"\n`,
      "src/auth-mw.ts": `import type { MiddlewareHandler } from "hono";\nexport interface IdpBindings {\n  IDP_CONNECTION: string;\n}\nexport const withIdp: MiddlewareHandler<{ Bindings: IdpBindings }> = async (c, next) => {\n  await next();\n};\n`,
      "src/login.ts": `import { Hono } from "hono";\nimport { withIdp } from "@/auth-mw";\nexport const login = new Hono().use(withIdp).get("/", (c) => c.json({ a: c.env.IDP_CONNECTION, b: c.env.UNDECLARED }));\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/login.ts");
    // why: the middleware's module, imported as \`@/auth-mw\`, declares IDP_CONNECTION, as through \`./auth-mw\`
    expect(found.map((f) => f.message)).toEqual([unknown("c.env.UNDECLARED", "app")]);
  });

  it("reads the named types an env alias intersects (`type Env = { KV: … } & OAuthConfig`)", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\nmain = "src/index.ts"\n`,
      "types/index.ts": `export interface KernelConfig { KERNEL_TOKEN?: string }\ninterface OAuthConfig { COOKIE_KEY: string }\nexport type Env = { OAUTH_KV: KVNamespace } & KernelConfig & OAuthConfig;\n`,
      "src/index.ts": `import { Hono } from "hono";\nimport type { Env } from "../types";\nconst app = new Hono<{ Bindings: Env }>();\napp.get("/", (c) => c.text(c.env.KERNEL_TOKEN + c.env.COOKIE_KEY + c.env.NOPE));\nexport default app;\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => f.message)).toEqual([unknown("c.env.NOPE", "app")]);
  });

  it("reads env types named otherwise in the Worker's own types file, for every file of the Worker", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\n`,
      "src/types.ts": `export interface ShopEnv {\n  DEBUG_ROUTES?: string;\n}\nexport type AppEnv = { Bindings: ShopEnv };\n`,
      // No import of the types: the Worker's types file declares the name for the whole Worker.
      "src/index.ts": handler(`env.DEBUG_ROUTES; env.UNDECLARED;`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => f.message)).toEqual([unknown("env.UNDECLARED", "app")]);
  });

  it("reads the file's own env types only when a read is not declared by the config", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "app"\n[[kv_namespaces]]\nbinding = "CACHE"\nid = "x"\n`,
      "src/shared/context.ts": `export interface Env {\n  CACHE: KVNamespace;\n  DASHBOARD_SECRET: string;\n}\n`,
      "src/declared.ts": handler(`await env.CACHE.get("k");`, `import type { Env } from "./shared/context";`),
      "src/secret.ts": handler(`env.DASHBOARD_SECRET;`, `import type { Env } from "./shared/context";`),
    });
    const typesRead = () => (workerCacheSnapshot() as { typeModules: [string][] }).typeModules.some(([key]) => key.startsWith(join(dir, "src/shared/context.ts")));
    const eslint = await eslintFor(dir);
    // why: every read names a binding of the config: the imported type module is not read
    expect(await lintFile(eslint, dir, "src/declared.ts")).toEqual([]);
    expect(typesRead()).toBe(false);
    // why: a name the config does not declare sends the rule to the file's own types, which declare it
    expect(await lintFile(eslint, dir, "src/secret.ts")).toEqual([]);
    expect(typesRead()).toBe(true);
  });

  it("reports a malformed config once per file, with no other effect", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "broken"\n[vars]\nTOKEN = "unterminated-secret-value\n`,
      "src/index.ts": handler(`env.ANYTHING; const x = process.env.KEY;`, `let kept: unknown;`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: one message on line 1 from one rule, naming where; no rule acts on a config it could not read
    expect(found).toEqual([
      {
        rule: "no-env-in-global-scope",
        line: 1,
        column: 1,
        message: expect.stringMatching(/^Worker config not read: wrangler\.toml: invalid TOML at line 3, column \d+\. This file was linted without it\.$/),
      },
    ]);
    expect(found[0].message).not.toContain("unterminated-secret-value");
  });

  it("leaves the static assets the Worker serves (its config's assets folder, Workers Sites' bucket)", async () => {
    const bundle = `let last;\nexport async function load(url) { last = await fetch(url); return last; }\n`;
    const dir = project({
      "package.json": "{}",
      "wrangler.jsonc": JSON.stringify({ name: "app", main: "src/index.ts", assets: { directory: "./public" } }),
      "src/index.ts": `export default { async fetch(request: Request) { return new Response("ok"); } };\n`,
      "public/assets/app.js": bundle,
      "src/page.js": bundle,
      "site/wrangler.toml": `name = "site"\nmain = "worker.js"\n[site]\nbucket = "./dist"\n`,
      "site/worker.js": `export default { async fetch() { return new Response("ok"); } };\n`,
      "site/dist/app.js": bundle,
    });
    const eslint = await eslintFor(dir);
    // why: a browser's bundle the Worker serves as a file is never run by the Worker; the same code in its own folder is
    expect(await lintFile(eslint, dir, "public/assets/app.js")).toEqual([]);
    expect(await lintFile(eslint, dir, "site/dist/app.js")).toEqual([]);
    expect((await lintFile(eslint, dir, "src/page.js")).map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 2]]);
  });

  it("reports a malformed config only in files whose analysis needed it", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "broken"\n[vars\n`,
      "src/plain.ts": `let count = 0;\nexport function bump() { return ++count; }\n`,
      "src/typed.ts": `export function keys(store: KVNamespace) { return store.list(); }\n`,
      "src/browser.ts": `let last: Response | undefined;\nexport async function fetchPage(url: string) { last = await fetch(url); return last; }\n`,
      "src/node.ts": `export default { async fetch() { return new Response(process.env.MODE); } };\n`,
    });
    const eslint = await eslintFor(dir);
    // why: a file that names no source is left before anything reads the config
    expect(await lintFile(eslint, dir, "src/plain.ts")).toEqual([]);
    // why: request sources only (no \`env\` word): the config cannot change them, and is not read;
    // the request rule still reports the response kept in module scope
    const browser = await lintFile(eslint, dir, "src/browser.ts");
    expect(browser.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 2]]);
    // why: \`process.env\` names env: the config decides whether it holds bindings, so it is read
    const node = await lintFile(eslint, dir, "src/node.ts");
    expect(node.map((f) => [f.rule, /^Worker config not read: wrangler\.toml: /.test(f.message)])).toEqual([["no-env-in-global-scope", true]]);
    // why: no source word in the text, but a binding-typed parameter: the Worker is looked up, once
    const typed = await lintFile(eslint, dir, "src/typed.ts");
    expect(typed.map((f) => [f.rule, f.line, /^Worker config not read: wrangler\.toml: /.test(f.message)])).toEqual([["no-unknown-binding", 1, true]]);
  });

  it("never keeps, logs or prints a value of .dev.vars or the config", async () => {
    const SECRET = "sk_live_9f8e7d6c5b4a";
    const dir = project({
      "package.json": "{}",
      "wrangler.jsonc": `{ "name": "payments", "vars": { "PUBLIC_URL": "https://${SECRET}.example" } }`,
      ".dev.vars": `STRIPE_KEY=${SECRET}\nMULTI="${SECRET}\nLINE=${SECRET}"\n`,
      "src/index.ts": handler(`const key = env.STRIPE_KEY; env.STRIPE_KY; cached = env.PUBLIC_URL;`, `let cached: string;`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => f.rule).sort()).toEqual(["no-env-in-global-scope", "no-unknown-binding"]);
    expect(JSON.stringify(found)).not.toContain(SECRET);
    // why: the process cache holds names, kinds and stamps, never a value
    const dump = JSON.stringify(workerCacheSnapshot());
    expect(dump).toContain("STRIPE_KEY");
    expect(dump).not.toContain(SECRET);
    // why: `LINE=` inside the quoted value is not a name
    expect(dump).not.toMatch(/"LINE"/);
  });
});

describe("the config's kinds in the other rules' messages", () => {
  const stored = (origin: string, hazard: string) => `\`${origin}\` is stored in module-scope \`kept\`: ${hazard}.`;
  const source = handler(`kept = env.DB;\n    client = new Client(env.HYPERDRIVE.connectionString);\n    mode = env.TIER;`, `import { Client } from "some-driver";\nlet kept: unknown;\nlet client: unknown;\nlet mode: unknown;`);

  it("names a binding's kind, a var, and a Hyperdrive client's socket", async () => {
    const withConfig = project({
      "package.json": "{}",
      "wrangler.toml": `name = "db"\n[[d1_databases]]\nbinding = "DB"\ndatabase_id = "x"\n[[hyperdrive]]\nbinding = "HYPERDRIVE"\nid = "y"\n[vars]\nTIER = "prod"\n`,
      "src/index.ts": source,
    });
    const without = project({ "package.json": "{}", "src/index.ts": source });
    const configured = (await lintFile(await eslintFor(withConfig), withConfig, "src/index.ts")).map((f) => f.message);
    const plain = (await lintFile(await eslintFor(without), without, "src/index.ts")).map((f) => f.message);
    // why: without a config the plugin cannot tell what `env.DB` or `env.TIER` is, nor what the unknown driver holds
    expect(plain).toEqual([
      stored("env.DB", HAZARD.value),
      `\`env.HYPERDRIVE.connectionString\` is stored in module-scope \`client\`: ${HAZARD.client}.`,
      `\`env.TIER\` is stored in module-scope \`mode\`: ${HAZARD.value}.`,
    ]);
    expect(configured).toEqual([
      stored("env.DB", "it keeps the D1 database binding of the deploy that stored it"),
      `\`env.HYPERDRIVE.connectionString\` is stored in module-scope \`client\`: ${HAZARD.socket}.`,
      `\`env.TIER\` is stored in module-scope \`mode\`: it keeps the var of the deploy that stored it.`,
    ]);
  });

  it("leaves a fallback for a run without a binding the config declares (a local dev store), and reports it where none declares it", async () => {
    const source = handler(
      `const id = new URL(request.url).searchParams.get("id") ?? "";\n    const kv = env.GAME_DATA;\n    if (!kv) devStore.set(id, await request.text());\n    if (env.GAME_DATA) await env.GAME_DATA.put(id, "x");\n    else other.set(id, await request.text());`,
      `const devStore = new Map<string, string>();\nconst other = new Map<string, string>();`,
    );
    const declared = project({ "package.json": "{}", "wrangler.toml": `name = "g"\n[[kv_namespaces]]\nbinding = "GAME_DATA"\nid = "x"\n`, "src/index.ts": source });
    const undeclared = project({ "package.json": "{}", "src/index.ts": source });
    // why: the deployed Worker always has a binding its config declares: the branch without it never runs there
    expect(await lintFile(await eslintFor(declared), declared, "src/index.ts")).toEqual([]);
    // why: a module variable tested for itself is a lazy singleton, whatever it holds
    const lazy = project({ "package.json": "{}", "wrangler.toml": `name = "g"\n[[kv_namespaces]]\nbinding = "GAME_DATA"\nid = "x"\n`, "src/index.ts": handler(`if (!kv) kv = env.GAME_DATA;\n    await kv.get("a");`, `let kv: KVNamespace | undefined;`) });
    expect((await lintFile(await eslintFor(lazy), lazy, "src/index.ts")).map((f) => [f.line, f.rule])).toEqual([[4, "no-env-in-global-scope"]]);
    // why: with no config, the plugin cannot know the binding is there
    expect((await lintFile(await eslintFor(undeclared), undeclared, "src/index.ts")).map((f) => [f.line, f.rule])).toEqual([
      [7, "no-request-state-in-global-scope"],
      [9, "no-request-state-in-global-scope"],
    ]);
  });

  it("takes a KV namespace's `get` or a service's RPC call left pending for one request's read, and a Durable Object namespace's for its stub", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": `name = "kv"\n[[kv_namespaces]]\nbinding = "KV"\nid = "x"\n[[durable_objects.bindings]]\nname = "ROOMS"\nclass_name = "Room"\n[[services]]\nbinding = "AUTH"\nservice = "auth"\n`,
      "src/index.ts": handler(
        `kept = env.KV.get("config");\n    client = env.ROOMS.get(env.ROOMS.idFromName("a"));\n    rpc = env.AUTH.verify("t");\n    user = await env.AUTH.verify("t");`,
        `let kept: unknown;\nlet client: unknown;\nlet rpc: unknown;\nlet user: unknown;`,
      ),
    });
    const messages = (await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => f.message);
    // why: an RPC method not awaited is a promise of this request's call; awaited, its result is data
    expect(messages).toEqual([
      `\`env.KV\` is stored in module-scope \`kept\`: ${HAZARD.pending}.`,
      `\`env.ROOMS\` is stored in module-scope \`client\`: ${HAZARD.stub}.`,
      `\`env.AUTH\` is stored in module-scope \`rpc\`: ${HAZARD.pending}.`,
    ]);
  });
});

describe("the config's kinds for a binding inside an object, or kept by another module", () => {
  const config = `name = "w"\n[[d1_databases]]\nbinding = "DB"\ndatabase_id = "x"\n[[hyperdrive]]\nbinding = "HYPERDRIVE"\nid = "y"\n[vars]\nAPI_URL = "https://example.com"\n`;
  const D1 = "it keeps the D1 database binding of the deploy that stored it";
  const VAR = "it keeps the var of the deploy that stored it";

  it("names the kind of a binding a helper of the file reads off the env object it is handed", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": config,
      "src/index.ts": `import { drizzle } from "drizzle-orm/d1";\nconst svc = {\n  db: undefined as unknown,\n  init(e: Env) { this.db ??= drizzle(e.DB); },\n};\n${handler(`svc.init(env);`)}`,
    });
    const found = (await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => f.message);
    // why: the wrapper holds \`e.DB\` of the env handed, the config's D1 database
    expect(found).toEqual([`Lazy singleton \`this.db\` of object \`svc\` is built once from \`e.DB\`: ${D1}.`]);
  });

  it("names the kind of the one read an object or array holds, not of a member read off a binding", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": config,
      "src/index.ts": handler(
        `cfg = { url: env.API_URL };\n    both = { db: env.DB };\n    list.push([env.DB]);\n    conn = { cs: env.HYPERDRIVE.connectionString };`,
        `let cfg: unknown;\nlet both: unknown;\nconst list: unknown[] = [];\nlet conn: unknown;`,
      ),
    });
    const found = (await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => f.message);
    expect(found).toEqual([
      `\`env.API_URL\` is stored in module-scope \`cfg\`: ${VAR}.`,
      `\`env.DB\` is stored in module-scope \`both\`: ${D1}.`,
      `\`env.DB\` is added to module-scope \`list\`: ${D1}.`,
      // why: a member of the Hyperdrive binding (its connection string) is not the binding
      `\`env.HYPERDRIVE.connectionString\` is stored in module-scope \`conn\`: ${HAZARD.value}.`,
    ]);
  });

  it("names the binding a module keeps of the env object handed to it, also through a second module", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": config,
      "src/index.ts": `import { getDb } from "./db";\nimport { setup } from "./setup";\n${handler(`getDb(env);\n    setup(env);`)}`,
      "src/db.ts": `import { drizzle } from "drizzle-orm/d1";\nlet db: ReturnType<typeof drizzle> | undefined;\nexport const getDb = (env: Env) => (db ??= drizzle(env.DB));\n`,
      "src/setup.ts": `import { keep } from "./keep";\nexport function setup(env: Env) { keep(env.API_URL); }\n`,
      "src/keep.ts": `let kept = "";\nexport function keep(url: string) { kept = url; }\n`,
    });
    const found = (await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => f.message);
    expect(found).toEqual([
      `\`env.DB\` is kept by \`getDb\` in module-scope \`db\` (./db.ts:3): ${D1}.`,
      `\`env.API_URL\` is kept by \`setup\` in module-scope \`kept\` (./keep.ts:2): ${VAR}.`,
    ]);
  });

  it("names the kind a caller hands to a module that wraps it or keeps an object around it", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": config,
      "src/index.ts": `import { Database } from "./database";\nimport { CONFIG } from "./config";\n${handler(`Database.get(env.DB);\n    CONFIG.merge({ url: env.API_URL });`)}`,
      "src/database.ts": `export class Database {\n  private static instance: Database | undefined;\n  private constructor(private d1: D1Database) {}\n  static get(d1: D1Database) {\n    Database.instance ??= new Database(d1);\n    return Database.instance;\n  }\n}\n`,
      // why: the class writes its instance only through Object.assign onto a field
      "src/config.ts": `class Config {\n  private values: Record<string, unknown> = {};\n  merge(source: Record<string, unknown>) {\n    Object.assign(this.values, source);\n  }\n}\nexport const CONFIG = new Config();\n`,
    });
    const found = (await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => f.message);
    expect(found).toEqual([
      `\`env.DB\` is kept by \`Database.get\` in module-scope \`Database.instance\` (./database.ts:5): ${D1}.`,
      `\`env.API_URL\` is kept by \`CONFIG.merge\` in module-scope \`this.values\` of instance \`CONFIG\` (./config.ts:4): ${VAR}.`,
    ]);
  });

  it("names the var an HTTP client was built with", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": config,
      "src/index.ts": handler(`jwks ??= createRemoteJWKSet(new URL(env.API_URL));`, `import { createRemoteJWKSet } from "jose";\nlet jwks: ReturnType<typeof createRemoteJWKSet> | undefined;`),
    });
    const found = (await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => f.message);
    // why: a remote key set calls over HTTP; what goes stale is the var it was built with, not a connection
    expect(found).toEqual(["Lazy singleton `jwks` is built once from `env.API_URL`: the client keeps the var it was built with, stale after a deploy."]);
  });

  it("names a closure a module keeps over the var it is handed by that var, not by env", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.toml": config,
      "src/index.ts": `import { linkFor } from "./links";\n${handler(`linkFor(env.API_URL);`)}`,
      "src/links.ts": `let link: ((path: string) => string) | undefined;\nexport function linkFor(base: string) {\n  link ??= (path) => base + path;\n  return link;\n}\n`,
    });
    const found = (await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => f.message);
    expect(found).toEqual(["`env.API_URL` is kept by `linkFor` in module-scope `link` (./links.ts:3): the closure keeps the var of the deploy that stored it."]);
  });
});

describe("a Secrets Store secret read and kept", () => {
  it("is a secret kept past its rotation, where data read through other bindings is not reported", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.jsonc": JSON.stringify({ name: "w", secrets_store_secrets: [{ binding: "API_KEY", store_id: "s", secret_name: "k" }], kv_namespaces: [{ binding: "KV", id: "x" }] }),
      "src/index.ts": handler(`apiKey ??= await env.API_KEY.get();\n    cached = await env.KV.get("k");`, `let apiKey: string | undefined;\nlet cached: string | null = null;`),
    });
    const found = (await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => f.message);
    expect(found).toEqual([`Lazy singleton \`apiKey\` is built once from \`env.API_KEY.get()\`: ${HAZARD.storeSecret}.`]);
  });
});

describe("a value built from one var or secret of the config", () => {
  it("names what it keeps when no table knows the function that built it", async () => {
    const code = `import { env } from "cloudflare:workers";\nimport { cors } from "some-cors";\nimport { Client } from "some-sdk";\nexport const allowed = cors({ origin: env.ALLOWED_ORIGIN || "" });\nexport const sdk = new Client(env.SDK_TOKEN);\nexport const mixed = new Client(env.ALLOWED_ORIGIN, env.SDK_TOKEN);\nexport const logger = new Client({ level: env.LOG_LEVEL, style: env.LOG_STYLE });\nclass Basic {\n  basic: string;\n  constructor(key: string) {\n    this.basic = btoa(\`api:\${key}\`);\n  }\n  ping() {\n    return fetch("https://pay.example.com", { headers: { authorization: this.basic } });\n  }\n}\nexport const pay = new Basic(env.PAY_KEY);\n`;
    const withConfig = project({
      "package.json": "{}",
      "wrangler.json": JSON.stringify({ name: "w", vars: { ALLOWED_ORIGIN: "https://example.com", LOG_LEVEL: "info", LOG_STYLE: "json" } }),
      ".dev.vars": "SDK_TOKEN=x\nPAY_KEY=y\n",
      "src/index.ts": code,
    });
    const without = project({ "package.json": "{}", "src/index.ts": code });
    const built = (target: string, origin: string, hazard: string) => `\`${target}\` is built from \`${origin}\` when the module is first evaluated: ${hazard}.`;
    const messages = async (dir: string) => (await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => f.message);
    expect(await messages(withConfig)).toEqual([
      built("allowed", "env.ALLOWED_ORIGIN", "it keeps the var of the deploy that stored it"),
      built("sdk", "env.SDK_TOKEN", "it keeps the secret of the deploy that stored it"),
      // why: built from two names, it is not known to hold only text; the one named like a secret is named
      built("mixed", "env.SDK_TOKEN", HAZARD.client),
      // why: built from two vars, it keeps vars whatever else it is
      built("logger", "env.LOG_LEVEL", "it keeps the var of the deploy that stored it"),
      // why: a class of the file whose constructor keeps only text keeps that secret's text, no connection
      built("pay", "env.PAY_KEY", "it keeps the secret of the deploy that stored it"),
    ]);
    // why: without a config, nothing says what the unknown function keeps
    expect(await messages(without)).toEqual([
      built("allowed", "env.ALLOWED_ORIGIN", HAZARD.client),
      built("sdk", "env.SDK_TOKEN", HAZARD.client),
      built("mixed", "env.SDK_TOKEN", HAZARD.client),
      built("logger", "env.LOG_LEVEL", HAZARD.client),
      built("pay", "env.PAY_KEY", HAZARD.secret),
    ]);
  });
});

describe("process.env from the config", () => {
  const pnpmHooks = `const TRIM = process.env.PNPM_TRIM_INSTALL === "true";\nfunction readPackage(pkg) {\n  if (TRIM) delete pkg.optionalDependencies;\n  return pkg;\n}\nexport default { hooks: { readPackage } };\n`;
  const topLevel = `const LOG_LEVEL = process.env.LOG_LEVEL;\nexport default { async fetch() { return new Response(LOG_LEVEL); } };\n`;
  const config = (date: string, flags: string[]) => JSON.stringify({ name: "w", compatibility_date: date, compatibility_flags: flags });
  const snapshot = "`LOG_LEVEL` is read from `process.env.LOG_LEVEL` once, when the module is first evaluated: a stale snapshot after a deploy.";

  it("is env in a Worker whose config populates it, and the setting overrides either way", async () => {
    const populated = project({ "package.json": "{}", "wrangler.json": config("2025-04-01", ["nodejs_compat"]), "src/index.ts": topLevel });
    const older = project({ "package.json": "{}", "wrangler.json": config("2025-03-01", ["nodejs_compat"]), "src/index.ts": topLevel });
    const flagged = project({ "package.json": "{}", "wrangler.json": config("2024-01-01", ["nodejs_compat", "nodejs_compat_populate_process_env"]), "src/index.ts": topLevel });
    const none = project({ "package.json": "{}", "src/index.ts": topLevel });
    const messages = async (dir: string, settings?: Record<string, unknown>) =>
      (await lintFile(await eslintFor(dir, settings ? { "cloudflare-workers": settings } : {}), dir, "src/index.ts")).map((f) => f.message);
    expect(await messages(populated)).toEqual([snapshot]);
    expect(await messages(flagged)).toEqual([snapshot]);
    // why: before 2025-04-01 without the flag, and without a config, process.env holds no bindings
    expect(await messages(older)).toEqual([]);
    expect(await messages(none)).toEqual([]);
    expect(await messages(populated, { processEnv: false })).toEqual([]);
    expect(await messages(none, { processEnv: true })).toEqual([snapshot]);
  });

  it("is env in an OpenNext app, whose adapter copies the Worker's vars and secrets into it, whatever the date", async () => {
    const openNext = { main: ".open-next/worker.js", assets: { directory: ".open-next/assets", binding: "ASSETS" } };
    const wrangler = (extra: object) => JSON.stringify({ ...JSON.parse(config("2024-09-23", ["nodejs_compat"])), ...extra });
    const app = (files: Record<string, string>, extra: object = openNext) => project({ "package.json": "{}", "wrangler.json": wrangler(extra), "src/index.ts": topLevel, ...files });
    const messages = async (dir: string, file = "src/index.ts") => (await lintFile(await eslintFor(dir), dir, file)).map((f) => f.message);
    expect(await messages(app({ "open-next.config.ts": "export default {};\n" }))).toEqual([snapshot]);
    // why: without OpenNext, a date before 2025-04-01 populates nothing
    expect(await messages(app({}))).toEqual([]);
    // why: an OpenNext config beside a Worker that serves its own entry and a static export is no OpenNext app
    expect(await messages(app({ "open-next.config.ts": "export default {};\n", "worker/index.ts": "export default {};\n" }, { main: "worker/index.ts", assets: { directory: "out" } }))).toEqual([]);
    // why: a custom worker of its own that serves OpenNext's build runs the whole app: \`src/lib\` is the Worker's code too
    const custom = app({ "open-next.config.ts": "export default {};\n", "src/workers/worker.ts": `export { default } from "../../.open-next/worker.js";\n`, "src/lib/env.ts": topLevel }, { main: "src/workers/worker.ts", assets: { directory: ".open-next/assets" } });
    expect(await messages(custom, "src/lib/env.ts")).toEqual([snapshot]);
    // why: so does a Pages project that serves a copy of OpenNext's build
    expect(await messages(app({ "open-next.config.ts": "export default {};\n" }, { pages_build_output_dir: ".open-next-pages" }))).toEqual([snapshot]);
  });

  it("holds only in the Worker's own code, not in its scripts and tool configs", async () => {
    const wrangler = JSON.stringify({ name: "w", main: "src/index.ts", compatibility_date: "2025-06-01", compatibility_flags: ["nodejs_compat"] });
    const flat = JSON.stringify({ name: "f", main: "worker.ts", compatibility_date: "2025-06-01", compatibility_flags: ["nodejs_compat"] });
    const dir = project({
      "package.json": "{}",
      "wrangler.json": wrangler,
      "src/index.ts": `import { cms } from "./lib/read-cms";\n${topLevel}`,
      "src/lib/read-cms.ts": `export { cms } from "../cms.config";\n`,
      "src/cms.config.ts": `export const cms = { key: process.env.CMS_KEY };\n`,
      "src/lib/config.ts": topLevel,
      "scripts/deploy.ts": topLevel,
      "e2e/harness.ts": topLevel,
      "playwright.config.ts": topLevel,
      "src/auth.config.ts": topLevel,
      "src/drizzle.config.ts": topLevel,
      "flat/package.json": "{}",
      "flat/wrangler.json": flat,
      "flat/worker.ts": `import { notify } from "./utils/notify";\nimport "./setup";\n${topLevel}`,
      "flat/utils/notify.ts": `import { format } from "../lib/format";\n${topLevel}`,
      "flat/lib/format.ts": topLevel,
      "flat/setup.ts": topLevel,
      "flat/harness.ts": topLevel,
    });
    const eslint = await eslintFor(dir);
    const count = async (path: string) => (await lintFile(eslint, dir, path)).length;
    // why: the entry's folder is Worker code; scripts, e2e harnesses and tool configs read Node's environment
    expect([await count("src/index.ts"), await count("src/lib/config.ts")]).toEqual([1, 1]);
    expect([await count("scripts/deploy.ts"), await count("e2e/harness.ts"), await count("playwright.config.ts")]).toEqual([0, 0, 0]);
    // why: Auth.js's \`auth.config.ts\` is a module of the app (its \`auth.ts\` and middleware import it), not a tool's config
    expect([await count("src/auth.config.ts"), await count("src/drizzle.config.ts")]).toEqual([1, 0]);
    // why: nor is a module named so that the entry reaches through its imports (\`cms.config.ts\`)
    expect(await count("src/cms.config.ts")).toBe(1);
    // why: with the entry beside the config, only the entry and the modules it reaches through its imports
    // (also in turn, also a side-effect import) are known to be Worker code
    expect([await count("flat/worker.ts"), await count("flat/utils/notify.ts"), await count("flat/harness.ts")]).toEqual([1, 1, 0]);
    expect([await count("flat/lib/format.ts"), await count("flat/setup.ts")]).toEqual([1, 1]);
  });
  it("leaves shell scripts and infrastructure programs out, and follows an entry outside the folder or in a package", async () => {
    const config = (main: string) => JSON.stringify({ name: "w", main, compatibility_date: "2025-06-01", compatibility_flags: ["nodejs_compat"] });
    const dir = project({
      "package.json": "{}",
      "built/package.json": "{}",
      "built/wrangler.json": config(".open-next/worker.js"),
      "built/src/page.ts": topLevel,
      "built/src/provision.ts": `#!/usr/bin/env tsx\n${topLevel}`,
      "built/src/alchemy.run.ts": topLevel,
      "built/src/dev-server.ts": `import express from "express";\nconst app = express();\n${topLevel}\napp.listen(3000);\n`,
      "built/src/server-routes.ts": `import express from "express";\n${topLevel}`,
      "built/src/ws-server.ts": `import { serve } from "bun";\n${topLevel}\nserve({ port: 8788, fetch: () => new Response("ok") });\n`,
      "built/src/bun-dev.ts": `${topLevel}\nBun.serve({ port: 8788, fetch: () => new Response("ok") });\n`,
      "built/lib/env.ts": `import dotenv from "dotenv";\ndotenv.config({ path: ".dev.vars" });\n${topLevel}`,
      "built/knexfile.ts": topLevel,
      "built/pnpmfile.js": pnpmHooks,
      "built/.pnpmfile.mjs": pnpmHooks,
      "built/src/hooks.js": pnpmHooks,
      "built/app.config.timestamp_1764000000.js": topLevel,
      "built/vite.config.ts.timestamp-1764000000-abc.mjs": topLevel,
      "infra/package.json": "{}",
      "infra/wrangler.json": config("./../app/worker.ts"),
      "infra/deploy.ts": topLevel,
      "app/worker.ts": topLevel,
      "start/package.json": "{}",
      "start/wrangler.json": config("@tanstack/react-start/server-entry"),
      "start/src/db.ts": topLevel,
    });
    const eslint = await eslintFor(dir);
    const count = async (path: string) => (await lintFile(eslint, dir, path)).length;
    // why: a build's entry makes the folder Worker code, but a script run from the shell reads Node's environment
    expect([await count("built/src/page.ts"), await count("built/src/provision.ts"), await count("built/src/alchemy.run.ts")]).toEqual([1, 0, 0]);
    // why: a Node server run beside the Worker (express, listening on a port) reads Node's environment;
    // a module that only imports express, without listening, is still the Worker's
    expect([await count("built/src/dev-server.ts"), await count("built/src/server-routes.ts")]).toEqual([0, 1]);
    // why: so does a Bun server (`serve` of "bun", or `Bun.serve`)
    expect([await count("built/src/ws-server.ts"), await count("built/src/bun-dev.ts")]).toEqual([0, 0]);
    // why: a build tool's bundled copy of its config (timestamped), knex's CLI config and pnpm's install hooks are the tools';
    // a module of the app that also loads a \`.env\` file with dotenv for local runs is still the Worker's
    const tools = ["app.config.timestamp_1764000000.js", "vite.config.ts.timestamp-1764000000-abc.mjs", "knexfile.ts", "pnpmfile.js", ".pnpmfile.mjs", "src/hooks.js", "lib/env.ts"];
    expect(await Promise.all(tools.map((f) => count(`built/${f}`)))).toEqual([0, 0, 0, 0, 0, 1, 1]);
    // why: with the entry outside the config's folder, that folder is not the Worker's code
    expect(await count("infra/deploy.ts")).toEqual(0);
    // why: a framework's package entry builds the Worker from the whole folder
    expect(await count("start/src/db.ts")).toEqual(1);
  });

  it("takes the whole folder for the Worker's code when its entry serves a framework's build of the app", async () => {
    const config = (main: string) => JSON.stringify({ name: "w", main, compatibility_date: "2025-06-01", compatibility_flags: ["nodejs_compat"] });
    const dir = project({
      "rr/package.json": "{}",
      "rr/wrangler.jsonc": config("./workers/app.ts"),
      "rr/workers/app.ts": `import { createRequestHandler } from "react-router";\nconst handle = createRequestHandler(() => import("virtual:react-router/server-build"), import.meta.env.MODE);\nexport default { fetch: (r: Request, env: Env) => handle(r, { cloudflare: { env } }) };\n`,
      "rr/app/lib/client.server.ts": topLevel,
      "plain/package.json": "{}",
      "plain/wrangler.jsonc": config("./workers/app.ts"),
      "plain/workers/app.ts": `export default { fetch: () => new Response("ok") };\n`,
      "plain/app/lib/client.server.ts": topLevel,
      "remix/package.json": "{}",
      "remix/wrangler.jsonc": config("./worker.ts"),
      "remix/worker.ts": `import { createRequestHandler } from "@remix-run/cloudflare";\nimport * as build from "./build/server/index.js";\nconst handle = createRequestHandler(build);\nexport default { fetch: (r: Request, env: Env) => handle(r, { cloudflare: { env } }) };\n`,
      "remix/app/lib/client.server.ts": topLevel,
      "own/package.json": "{}",
      "own/wrangler.jsonc": config("./src/worker.ts"),
      "own/src/worker.ts": `import { route } from "./build/utils";\nexport default { fetch: (r: Request) => route(r) };\n`,
      "own/app/lib/client.server.ts": topLevel,
    });
    const eslint = await eslintFor(dir);
    const count = async (path: string) => (await lintFile(eslint, dir, path)).length;
    // why: \`virtual:react-router/server-build\` (or a classic Remix Worker's \`./build/server/index.js\`) is the app of \`app/\`,
    // bundled into the Worker; an entry that serves no such build (a module of its own named \`build/utils\`) keeps the Worker's code to its own folder
    const paths = ["rr", "plain", "remix", "own"].map((p) => `${p}/app/lib/client.server.ts`);
    expect(await Promise.all(paths.map(count))).toEqual([1, 0, 1, 0]);
  });

  it("leaves the modules the package's scripts run with Node or hand a tool as its config, not those wrangler is given", async () => {
    const config = JSON.stringify({ name: "w", main: "src/index.ts", compatibility_date: "2025-06-01", compatibility_flags: ["nodejs_compat_populate_process_env", "nodejs_compat"] });
    const scripts = {
      seed: "DEBUG=1 npx tsx lib/db/seed.ts && echo done",
      "gen:auth": "pnpm dlx @better-auth/cli@latest generate --config ./src/lib/auth/config.ts",
      migrate: "node --import tsx src/migrate.ts",
      backfill: "pnpm exec tsx lib/db/backfill.ts",
      dev: "wrangler dev src/index.ts --config=wrangler.jsonc",
      build: "esbuild src/worker.ts --bundle --outfile=dist/index.js",
    };
    const dir = project({
      "package.json": JSON.stringify({ name: "app", scripts }),
      "wrangler.jsonc": config,
      "src/index.ts": topLevel,
      "src/worker.ts": topLevel,
      "lib/db/seed.ts": topLevel,
      "lib/db/backfill.ts": topLevel,
      "src/lib/auth/config.ts": topLevel,
      "src/migrate.ts": topLevel,
    });
    const eslint = await eslintFor(dir);
    const count = async (path: string) => (await lintFile(eslint, dir, path)).length;
    // why: \`tsx lib/db/seed.ts\`, a CLI's \`--config\` and \`node src/migrate.ts\` run in Node, whose
    // process.env is the shell's; what wrangler and a bundler are given is the Worker's
    expect([await count("lib/db/seed.ts"), await count("src/lib/auth/config.ts"), await count("src/migrate.ts"), await count("lib/db/backfill.ts")]).toEqual([0, 0, 0, 0]);
    expect([await count("src/index.ts"), await count("src/worker.ts")]).toEqual([1, 1]);
  });
});

describe("the env types a text names otherwise", () => {
  const base = new Set(["Env", "Bindings"]);
  const added = (text: string) => [...envTypeNamesIn(text, base)].filter((n) => !base.has(n)).sort();

  it("takes typed env parameters and members, casts of env, and types made from env types", () => {
    expect(added(`function f(env: ShopEnv, other: User) {}`)).toEqual(["ShopEnv"]);
    expect(added(`type App = { Bindings: Readonly<ShopEnv>; Variables: Vars };`)).toEqual(["ShopEnv"]);
    expect(added(`const env = cloudflareEnv as unknown as AuthEnv;`)).toEqual(["AuthEnv"]);
    // why: the Workers handler types' argument is the type of the handler's env
    expect(added(`const onFetch: ExportedHandlerFetchHandler<WorkerEnv> = async (req, env) => new Response();`)).toEqual(["WorkerEnv"]);
    expect(added(`export default { fetch() {} } satisfies ExportedHandler<AppEnv, Msg>;\nexport const onRequest: PagesFunction<PagesEnv> = () => {};`)).toEqual(["AppEnv", "PagesEnv"]);
    // why: to a fixed point: an alias of an interface that extends Env
    expect(added(`type Full = Extra & { X: string };\ninterface Extra extends Omit<Env, "A"> {}\ntype Plain = { Y: string };`)).toEqual(["Extra", "Full"]);
  });

  it("takes the named types an env alias intersects, after a literal with several members and without semicolons", () => {
    expect(added(`type Env = { KV: KVNamespace; TOKEN: string } & OAuthConfig & KernelConfig;`)).toEqual(["KernelConfig", "OAuthConfig"]);
    expect(added(`type Env = { KV: KVNamespace } & OAuthConfig\nexport interface OAuthConfig { COOKIE_KEY: string }\n`)).toEqual(["OAuthConfig"]);
  });

  it("leaves keywords, generics, namespaces, and Hono's wrapper outside a Hono file", () => {
    expect(added(`function f(env: any, e2: string) {} const x = env as unknown; function g(env: Record<string, string>, env2: NodeJS.ProcessEnv) {}`)).toEqual([]);
    expect(added(`const ctx: Context<Theme> = createContext();`)).toEqual([]);
    // why: a value in an object literal is no type (type names are capitalised)
    expect(added(`const cfg = { env: production, production: { API_URL: "x" } };`)).toEqual([]);
    expect(added(`import { Hono } from "hono";\nconst app = new Hono<AppEnv>();`)).toEqual(["AppEnv"]);
    // why: types made from env types are followed a few steps deep, not through any chain (a bound on the scan)
    const chain = Array.from({ length: 12 }, (_, i) => `type T${i} = ${i === 11 ? "Env" : `T${i + 1}`};`).join("\n");
    expect(added(chain)).toHaveLength(8);
    // why: nothing added: the settings' own set comes back
    expect(envTypeNamesIn(`const a = 1;`, base)).toBe(base);
  });

  it("takes the plain interfaces an env interface extends, as newer `wrangler types` writes them", () => {
    expect(added(`interface __BaseEnv_Env { A: string }\ninterface Env extends __BaseEnv_Env {}`)).toEqual(["__BaseEnv_Env"]);
    expect(added(`interface Env extends Shared, Secrets {}\ninterface Shared extends Base {}`)).toEqual(["Base", "Secrets", "Shared"]);
    // why: a generic's arguments are not bases of their own; an unrelated interface's base is not env's
    expect(added(`interface Env extends Omit<Other, "A"> {}\ninterface Props extends Base {}`)).toEqual([]);
  });
});
