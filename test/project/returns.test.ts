/**
 * What another module's function returns of what a caller hands it: the caller keeps that, not
 * something built from its arguments. Each case is a small project on disk, linted as a user's
 * ESLint would lint it.
 */
import { describe, expect, it } from "vitest";
import { HAZARD } from "../rules/helpers";
import { aSecondLater, eslintFor, lintFile, project, write } from "./fixtures";

const worker = (imports: string, body: string) => `${imports}
let kept: unknown;
let pending: unknown;
export default {
  async fetch(request: Request, env: Env) {
    ${body}
    return new Response("ok");
  },
};
`;

const queries = `export async function listRows(db: D1Database) {
  const { results } = await db.prepare("select * from rows").all();
  return results;
}
export function firstRow(db: D1Database) {
  return db.prepare("select * from rows").first();
}
export async function migrate(db: D1Database) {
  await db.exec("create table if not exists rows (id text)");
}
export function label(name: string) {
  return name.length > 3 ? "long" : "short";
}
export function wrap(key: string) {
  return { key, at: Date.now() };
}
export function database(env: Env) {
  return env.DB;
}
`;

const PENDING = "other requests that await that request's pending read can hang or fail";

describe("what another module's function returns", () => {
  it("takes the rows a helper reads through the binding it is handed for data read through it", async () => {
    const dir = project({
      "src/db/queries.ts": queries,
      "src/db/index.ts": `export * from "./queries";\n`,
      "src/index.ts": worker(`import { firstRow, listRows } from "./db/queries";\nimport { listRows as viaBarrel } from "./db";`, `kept = await listRows(env.DB);\n    kept = await firstRow(env.DB);\n    kept = (await viaBarrel(env.DB)).length;`),
    });
    // why: what a binding gives back is data, not reported by default, as `await env.DB.prepare(q).all()` in the file
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
    const derived = await eslintFor(dir, {}, { "cloudflare-workers/no-env-in-global-scope": ["error", { bindingDataIsDerived: true }] });
    const found = await lintFile(derived, dir, "src/index.ts");
    expect(found.map((f) => f.line)).toEqual([7, 8, 9]);
    expect(found[0].message).toContain("`env.DB`");
  });

  it("takes the promise of such a read, kept before it settles, for a pending read", async () => {
    const dir = project({
      "src/queries.ts": queries,
      "src/index.ts": worker(`import { firstRow, listRows, migrate } from "./queries";`, `pending = listRows(env.DB);\n    pending = firstRow(env.DB);\n    pending ??= migrate(env.DB);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a promise shared with later requests waits on I/O the first request started
    expect(found.map((f) => [f.line, f.message.endsWith(`${PENDING}.`)])).toEqual([
      [6, true],
      [7, true],
      [8, true],
    ]);
  });

  it("keeps nothing of what an awaited helper returns when it returns nothing made of its arguments", async () => {
    const dir = project({
      "src/queries.ts": queries,
      "src/index.ts": worker(`import { label, migrate } from "./queries";`, `kept = await migrate(env.DB);\n    kept = label(env.APP_NAME).toUpperCase();`),
    });
    // why: `undefined` and a constant are not the binding or the var
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
  });

  it("still reports what a helper builds from its argument or hands back as it is", async () => {
    const dir = project({
      "src/queries.ts": queries,
      "src/index.ts": worker(`import { database, wrap } from "./queries";`, `kept = wrap(env.API_KEY);\n    pending = database(env);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: an object around the secret keeps the secret; the binding handed back is the binding
    expect(found.map((f) => [f.line, f.rule])).toEqual([
      [6, "no-env-in-global-scope"],
      [7, "no-env-in-global-scope"],
    ]);
    expect(found[0].message).toContain("`env.API_KEY`");
  });

  it("judges such a call in a helper of the file by what the helper's callers hand it", async () => {
    const dir = project({
      "src/queries.ts": queries,
      "src/index.ts": [
        `import { listRows, migrate } from "./queries";`,
        `let rows: unknown;`,
        `let ready: Promise<void> | undefined;`,
        `async function load(e: Env) { rows = await listRows(e.DB); }`,
        `function prepare(e: Env) { ready ??= migrate(e.DB); }`,
        `export default {`,
        `  async fetch(request: Request, env: Env) {`,
        `    await load(env);`,
        `    prepare(env);`,
        `    return new Response("ok");`,
        `  },`,
        `};`,
      ].join("\n"),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the rows are data read through the binding; the promise kept unsettled is a pending read
    expect(found.map((f) => [f.line, f.message.endsWith(`${PENDING}.`)])).toEqual([[5, true]]);
  });

  it("still reports a stub, a statement or a Response a helper hands back, awaited or not", async () => {
    const dir = project({
      "src/rooms.ts": `export async function getRoom(ns: DurableObjectNamespace, name: string) {\n  return ns.get(ns.idFromName(name));\n}\nexport function statement(db: D1Database) {\n  return db.prepare("select 1");\n}\nexport async function ping(ns: DurableObjectNamespace) {\n  return ns.get(ns.idFromName("a")).fetch("https://do/ping");\n}\n`,
      "src/index.ts": worker(`import { getRoom, ping, statement } from "./rooms";`, `kept ??= await getRoom(env.ROOMS, "lobby");\n    pending = statement(env.DB);\n    kept = await ping(env.ROOMS);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: these are objects of the binding's (a stub fails for good once broken), not data read through it
    expect(found.map((f) => [f.line, f.message.endsWith(`${PENDING}.`)])).toEqual([
      [6, false],
      [7, false],
      [8, false],
    ]);
    expect(found[0].message).toBe(`Lazy singleton \`kept\` is built once from \`env.ROOMS\`: ${HAZARD.stub}.`);
  });

  it("reads a namespace import's function, and a promise chained on with then", async () => {
    const dir = project({
      "src/queries.ts": queries,
      "src/index.ts": worker(`import * as q from "./queries";`, `kept = await q.listRows(env.DB);\n    pending ??= q.migrate(env.DB).then(() => true);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: rows are data; the promise is pending on the helper's work until it settles
    expect(found.map((f) => [f.line, f.message.endsWith(`${PENDING}.`)])).toEqual([[7, true]]);
  });

  it("sees a helper change between two lints of one ESLint instance", async () => {
    const dir = project({
      "src/queries.ts": queries,
      "src/index.ts": worker(`import { listRows } from "./queries";`, `kept = await listRows(env.DB);`),
    });
    const eslint = await eslintFor(dir);
    expect(await lintFile(eslint, dir, "src/index.ts")).toEqual([]);
    write(dir, "src/queries.ts", `import { drizzle } from "drizzle-orm/d1";\nexport async function listRows(db: D1Database) {\n  return drizzle(db);\n}\n`);
    aSecondLater();
    // why: the helper now hands back a client built on the binding
    expect((await lintFile(eslint, dir, "src/index.ts")).map((f) => f.line)).toEqual([6]);
  });

  it("says nothing new of a helper it cannot read: a package, a module that does not parse, a name it does not export", async () => {
    const dir = project({
      "src/broken.ts": `export async function listRows(db: D1Database {\n`,
      "src/queries.ts": queries,
      "src/index.ts": worker(
        `import { listRows } from "./broken";\nimport { missing } from "./queries";\nimport { query } from "some-orm";`,
        `kept = await listRows(env.DB);\n    kept = await missing(env.DB);\n    kept = await query(env.DB);`,
      ),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: not known, what such a call gives is taken as built from what it is handed, as before
    expect(found.map((f) => f.line)).toEqual([8, 9, 10]);
  });
});

describe("a promise another module keeps", () => {
  it("reports a request's data handed to a helper that keeps the promise of its own work made from it", async () => {
    const doc = `const pending = new Map<string, Promise<unknown>>();
async function fetchDoc(id: string) {
  const r = await fetch(\`https://docs.example.com/\${id}\`);
  return r.json();
}
export async function getDoc(id: string) {
  const existing = pending.get(id);
  if (existing) return existing;
  const p = fetchDoc(id);
  pending.set(id, p);
  try {
    return await p;
  } finally {
    pending.delete(id);
  }
}
export async function getCached(id: string) {
  const p = fetchDoc(id);
  return await p;
}
`;
    const dir = project({
      "src/doc.ts": doc,
      "src/index.ts": worker(`import { getCached, getDoc } from "./doc";`, `const id = new URL(request.url).pathname;\n    await getDoc(id);\n    await getCached(id);\n    await getDoc(env.DOC_ID);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a request that awaits the promise another request started waits on that request's I/O,
    // whatever key it is kept under; a var's promise is judged by its key, as in one file
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 7]]);
    expect(found[0].message).toContain("keeps a promise of its I/O in module-scope `pending` (./doc.ts:10)");
  });

  it("still reports env handed to a helper that keeps the promise of its work on the binding", async () => {
    const dir = project({
      "src/db.ts": `let initPromise: Promise<void> | null = null;\nasync function migrate(env: Env) {\n  await env.DB.exec("create table if not exists t (id text)");\n}\nexport function initDB(env: Env) {\n  initPromise ??= migrate(env);\n  return initPromise;\n}\n`,
      "src/index.ts": worker(`import { initDB } from "./db";`, `await initDB(env);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: every later request awaits the first request's pending read
    expect(found.map((f) => [f.rule, f.line, f.message.endsWith(`${PENDING}.`)])).toEqual([["no-env-in-global-scope", 6, true]]);
  });

  it("takes what a function reads of the live `env` its module imports, when it is called", async () => {
    const dir = project({
      "src/db.ts": `import { env } from "cloudflare:workers";\nimport { drizzle } from "drizzle-orm/d1";\nlet cached: unknown;\nexport function getDb() {\n  return drizzle(env.DB);\n}\nexport function apiHost() {\n  return env.API_HOST;\n}\nexport function docs() {\n  const host = env.API_HOST;\n  return async (c: { text(s: string): Response }) => c.text(host);\n}\nexport function shared() {\n  cached ??= drizzle(env.DB);\n  return cached;\n}\nexport function liveEnv() {\n  return env;\n}\n`,
      "src/app.ts": `import { Hono } from "hono";\nimport { getDb, apiHost, docs, shared, liveEnv } from "./db";\nconst db = getDb();\nconst host = apiHost();\nconst same = shared();\nconst bindings = liveEnv();\nconst app = new Hono<{ Bindings: Env }>();\napp.get("/docs", docs());\napp.get("/", (c) => c.text(c.env.NAME + host));\nexport default app;\n`,
      "src/index.ts": worker(`import { getDb, apiHost } from "./db";`, `kept ??= getDb();\n    const local = getDb();\n    pending = apiHost().length > 3;\n    await local.select();`),
    });
    const eslint = await eslintFor(dir);
    // why: read at module evaluation through the other module's function, the client and the var are
    // that deploy's for good; the closure \`docs()\` returns keeps the var; what the module keeps itself
    // (\`shared()\`) is reported there, and the live env handed back is still live
    expect((await lintFile(eslint, dir, "src/app.ts")).map((f) => `${f.line} ${f.rule} ${f.message.split(" when")[0]}`)).toEqual([
      "3 no-top-level-env-derivation `db` is built from `env.DB` via `getDb()`",
      "4 no-top-level-env-derivation `host` is read from `env.API_HOST` via `apiHost()` once,",
      "8 no-top-level-env-derivation a closure over `env.API_HOST` via `docs()` is handed to `app.get(…)`",
    ]);
    // why: kept once in a handler, the client \`getDb()\` builds is the first request's, and a flag
    // computed from the var is its snapshot (as \`env.API_HOST.length > 3\` would be); one used in its request is not kept
    expect((await lintFile(eslint, dir, "src/index.ts")).map((f) => `${f.line} ${f.message.split(":")[0]}`)).toEqual([
      "6 Lazy singleton `kept` is built once from `env.DB` via `getDb()`",
      "8 `env.API_HOST` via `apiHost()` is stored in module-scope `pending`",
    ]);
  });

  it("follows a call at load of a helper reading the live `env` from a file that names no env, and names the secret it reads", async () => {
    const dir = project({
      "src/options.ts": `import { env } from "cloudflare:workers";\nimport { drizzle } from "drizzle-orm/d1";\nexport function sessionOptions() {\n  return { signingKey: env.SESSION_SIGNING_KEY, origin: env.SITE_ORIGIN, store: drizzle(env.USERS_DB) };\n}\n`,
      "src/auth.ts": `import { betterAuth } from "better-auth";\nimport { sessionOptions } from "./options";\n\nexport const sessions = betterAuth(sessionOptions());\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/auth.ts");
    // why: the text has no env word, yet the helper called at load reads the live env; the auth
    // client keeps the signing key (named like a secret), not "the binding"
    expect(found.map((f) => `${f.line} ${f.message.split(" when")[0]}`)).toEqual(["4 `sessions` is built from `env.SESSION_SIGNING_KEY` via `sessionOptions()`"]);
    expect(found[0].message).toContain("the client keeps its secret");
  });

  it("names the live read by the name the caller calls the function by, through a namespace too, and reads off the live `env` handed back", async () => {
    const dir = project({
      "src/db.ts": `import { env } from "cloudflare:workers";\nimport { drizzle } from "drizzle-orm/d1";\nexport default function makeDb() {\n  return drizzle(env.DB);\n}\nexport function getEnv() {\n  return env;\n}\nexport function apiHost() {\n  return env.API_HOST;\n}\n`,
      "src/app.ts": `import { drizzle } from "drizzle-orm/d1";\nimport database, { getEnv } from "./db";\nimport * as data from "./db";\nexport const db = database();\nexport const host = data.apiHost();\nexport const other = drizzle(getEnv().DB);\nexport const live = getEnv();\nexport default { fetch: () => new Response(String(host)) };\n`,
    });
    // why: a default import is named as the file calls it, a namespace's member as \`data.apiHost()\`; the live
    // \`env\` handed back stays live, and a binding read off it at load is a snapshot
    expect((await lintFile(await eslintFor(dir), dir, "src/app.ts")).map((f) => `${f.line} ${f.message.split(" when")[0]}`)).toEqual([
      "4 `db` is built from `env.DB` via `database()`",
      "5 `host` is read from `env.API_HOST` via `data.apiHost()` once,",
      "6 `other` is built from `getEnv().DB`",
    ]);
  });

  it("takes how many items a package's function gives for a number, and an item of them for data", async () => {
    const dir = project({
      "wrangler.toml": `name = "api"\n[[d1_databases]]\nbinding = "DB"\ndatabase_id = "x"\n`,
      "src/index.ts": worker(`import { fetchUsersByRole } from "@acme/repo";`, `kept = (await fetchUsersByRole(env.DB, "admin")).length;\n    pending = (await fetchUsersByRole(env.DB, "admin"))[0].id;`),
    });
    // why: an item of the rows it read is data read through the binding, and their count a number of a
    // binding's (as \`env.DB\`'s own would be), not a client built from it
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
  });

  it("takes env a helper reads off the framework context it is handed for that read, not the request's state", async () => {
    const pad = "// ".padEnd(4_200, "-");
    const dir = project({
      "src/utils.ts": `import type { Context } from "hono";\nimport { env as contextEnv } from "hono/adapter";\nimport { drizzle } from "drizzle-orm/d1";\n${pad}\nexport function getEnv(c: Context, key: string): string {\n  const value = contextEnv(c)[key];\n  if (value !== undefined) return value;\n  return "";\n}\nexport function getDb(c: Context) {\n  return drizzle(c.env.DB);\n}\nexport function userOf(c: Context) {\n  return c.req.header("x-user");\n}\n`,
      "src/index.ts": `import { Hono } from "hono";\nimport { getDb, getEnv, userOf } from "./utils";\nconst clients = new Map<string, unknown>();\nlet db: unknown;\nlet user: unknown;\nconst app = new Hono<{ Bindings: Env }>();\napp.get("/", (c) => {\n  const url = getEnv(c, "SUPABASE_URL");\n  clients.set(url.slice(0, 8), new Client(url));\n  db ??= getDb(c);\n  user = userOf(c);\n  return c.text(String(getDb(c)));\n});\nexport default app;\n`,
    });
    // why: a large module's helper still read for it; what it reads off the context is env (the client
    // and the database are the deploy's), and what it reads of the request stays the request's data
    expect((await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => `${f.line} ${f.rule} ${f.message.split(":")[0]}`)).toEqual([
      "9 no-env-in-global-scope `contextEnv(c)[…]` via `getEnv()` is added to module-scope `clients`",
      "10 no-env-in-global-scope Lazy singleton `db` is built once from `c.env.DB` via `getDb()`",
      "11 no-request-state-in-global-scope `userOf(c)`, I/O of one request, is kept in module-scope `user`",
    ]);
  });

  it("passes nothing through a parameter the caller hands a constant: an object of what a binding answered and that constant is data", async () => {
    const dir = project({
      "wrangler.toml": `name = "quiz"\n[ai]\nbinding = "AI"\n`,
      "src/quiz.js": `async function ask(prompt, env) {\n  const out = await env.AI.run("@cf/meta/llama", { prompt });\n  return out.response || "";\n}\nexport async function makeQuestion(topic, env) {\n  const text = await ask(\`Write a question about \${topic}\`, env);\n  const [question, answer] = text.split("\\n");\n  return { question: question.trim(), answer: (answer || "").trim(), topic };\n}\n`,
      "src/index.js": `import { makeQuestion } from "./quiz.js";\nconst sessions = new Map();\nexport default {\n  async fetch(request, env) {\n    const session = sessions.get("s") ?? {};\n    session.current = await makeQuestion("wine", env);\n    sessions.set("s", session);\n    return new Response("ok");\n  },\n};\n`,
    });
    // why: \`topic\` is handed "wine", so the object holds only what the AI binding answered (data read through a binding)
    expect(await lintFile(await eslintFor(dir), dir, "src/index.js")).toEqual([]);
  });

  it("takes a project wrapper of a framework's accessor for the context it hands back", async () => {
    const dir = project({
      "wrangler.jsonc": `{ "name": "app", "main": ".open-next/worker.js", "d1_databases": [{ "binding": "DB", "database_id": "x" }] }`,
      "lib/cf.ts": `import { getCloudflareContext } from "@opennextjs/cloudflare";\nexport function cfContext() {\n  return getCloudflareContext();\n}\n`,
      "lib/store.ts": `import { drizzle } from "drizzle-orm/d1";\nlet db: ReturnType<typeof drizzle> | null = null;\nexport function useDb(bindings: { DB: D1Database }) {\n  db ??= drizzle(bindings.DB);\n  return db;\n}\n`,
      "app/api/route.ts": `import { cfContext } from "../../lib/cf";\nimport { useDb } from "../../lib/store";\nexport async function GET() {\n  return Response.json(await useDb(cfContext().env).select());\n}\n`,
    });
    // why: the wrapper hands back the accessor's context, whose env is the deploy's
    expect((await lintFile(await eslintFor(dir), dir, "app/api/route.ts")).map((f) => `${f.line} ${f.rule} ${f.message.split(":")[0]}`)).toEqual([
      "4 no-env-in-global-scope `cfContext().env.DB` is kept by `useDb` in module-scope `db` (../../lib/store.ts",
    ]);
  });

  it("takes env a JavaScript helper reads off the env member of an untyped parameter, handed a framework context, for that read", async () => {
    const dir = project({
      "src/config.js": `export function readSecret(c) {\n  const value = c && c.env && c.env.SIGNING_SECRET;\n  if (!value) throw new Error("missing");\n  return value;\n}\n`,
      "src/index.js": `import { Hono } from "hono";\nimport { readSecret } from "./config.js";\nlet kept;\nconst app = new Hono();\napp.get("/", (c) => {\n  kept = readSecret(c);\n  return c.json({});\n});\nexport default app;\n`,
    });
    // why: the context's env member is the deploy's, not the request's state (no-env-in-global-scope's, not no-request-state's)
    expect((await lintFile(await eslintFor(dir), dir, "src/index.js")).map((f) => `${f.line} ${f.rule} ${f.message.split(":")[0]}`)).toEqual([
      "6 no-env-in-global-scope `c.env.SIGNING_SECRET` via `readSecret()` is stored in module-scope `kept`",
    ]);
  });

  it("takes a client a helper builds of one binding read off a context typed by another module's alias, for that binding", async () => {
    const dir = project({
      "src/types.ts": `import type { Context } from "hono";\nexport type AppContext = Context<{ Bindings: { DATABASE: D1Database } }>;\n`,
      "src/db.ts": `import { drizzle } from "drizzle-orm/d1";\nimport type { AppContext } from "./types";\nexport async function getAuthDb(c: AppContext) {\n  return drizzle(c.env.DATABASE);\n}\nexport function tokenOf(c: AppContext) {\n  return c.req.header("authorization");\n}\n`,
      "src/index.ts": `import { Hono } from "hono";\nimport { getAuthDb, tokenOf } from "./db";\nlet db: unknown;\nlet token: unknown;\nconst app = new Hono();\napp.get("/", async (c) => {\n  db ??= await getAuthDb(c);\n  token = tokenOf(c);\n  return c.json({});\n});\nexport default app;\n`,
    });
    // why: the alias cannot be read without the project, but the return names the context's env member: the
    // database is the deploy's (no-env-in-global-scope's); what it reads of the request stays the request's
    expect((await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => `${f.line} ${f.rule} ${f.message.split(":")[0]}`)).toEqual([
      "7 no-env-in-global-scope Lazy singleton `db` is built once from `c.env.DATABASE` via `getAuthDb()`",
      "8 no-request-state-in-global-scope `tokenOf(c)`, I/O of one request, is kept in module-scope `token`",
    ]);
  });

  it("takes what a method of an imported class returns, called on an instance the caller makes, when the method reads no `this`", async () => {
    const dir = project({
      "src/cache.ts": [
        `import type { Context } from "hono";`,
        `export class CacheHelper {`,
        `  constructor(private c: Context) {}`,
        `  async matchJson<T>(key: Request): Promise<T | null> {`,
        `    const res = await caches.default.match(key);`,
        `    return res ? ((await res.json()) as T) : null;`,
        `  }`,
        `  ip() {`,
        `    return this.c.req.header("cf-connecting-ip");`,
        `  }`,
        `}`,
      ].join("\n"),
      "src/index.ts": [
        `import { Hono } from "hono";`,
        `import { CacheHelper } from "./cache";`,
        `const known = new Map<string, { blocked: boolean; until: number }>();`,
        `let lastIp: string | undefined;`,
        `const app = new Hono();`,
        `app.get("/", async (c) => {`,
        `  const ip = c.req.header("cf-connecting-ip") ?? "";`,
        `  const info = await new CacheHelper(c).matchJson<{ blocked: boolean }>(new Request("https://cache.local/" + ip));`,
        `  if (info) known.set("last", { ...info, until: Date.now() + 1000 });`,
        `  const helper = new CacheHelper(c);`,
        `  lastIp = helper.ip();`,
        `  return c.text("ok");`,
        `});`,
        `export default app;`,
      ].join("\n"),
    });
    // why: what the Cache API gives is what was put under the key, no request's state; a method
    // reading the instance's context gives that request's data
    expect((await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => `${f.line} ${f.rule}`)).toEqual(["11 no-request-state-in-global-scope"]);
  });

  it("takes what a function reads of the live `env` when called with parameters but handed nothing derived", async () => {
    const dir = project({
      "src/docs.ts": [
        `import { env } from "cloudflare:workers";`,
        `import { apiReference } from "@scalar/hono-api-reference";`,
        `export const spec = (app: unknown, n: number) => apiReference({ url: \`\${env.API_HOST}/\${n}\`, app });`,
      ].join("\n"),
      "src/index.ts": `import { Hono } from "hono";\nimport { spec } from "./docs";\nconst app = new Hono();\napp.get("/docs", spec(app, 1));\nexport default app;\n`,
    });
    // why: the module's own app and a constant are nothing derived: the call gives what it reads of
    // the live env, here at load
    expect((await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => `${f.line} ${f.rule}`)).toEqual(["4 no-top-level-env-derivation"]);
  });

  it("takes what a helper reads of \`process.env\` where it holds the Worker's text bindings, as of the live \`env\`", async () => {
    const dir = project({
      "package.json": "{}",
      "wrangler.json": JSON.stringify({ name: "w", main: "src/index.ts", compatibility_date: "2025-06-01", compatibility_flags: ["nodejs_compat"] }),
      "src/need.ts": `export const required = (name: string): string => {\n  const v = process.env[name];\n  if (!v) throw new Error(name);\n  return v;\n};\nexport const signingKey = () => process.env.SIGNING_KEY ?? "";\n`,
      "src/config.ts": `import { required, signingKey } from "./need";\nexport const config = { mode: process.env.MODE };\nconst KEY = signingKey();\nconst OTHER = required("OTHER_KEY");\nexport const keys = () => [KEY, OTHER];\n`,
      "src/index.ts": `import { keys } from "./config";\nexport default { fetch() { return new Response(keys().join()); } };\n`,
    });
    // why: the helper reads the Worker's var when called at load; a name read through a parameter is
    // named as the read the helper makes
    expect((await lintFile(await eslintFor(dir), dir, "src/config.ts")).map((f) => `${f.line} ${f.message.split(" once")[0]}`)).toEqual([
      "2 `config` is read from `process.env.MODE`",
      "3 `KEY` is read from `process.env.SIGNING_KEY` via `signingKey()`",
      "4 `OTHER` is read from `process.env[…]` via `required()`",
    ]);
  });

  it("takes what a helper reads of \`process.env\` by its own Worker's config, for a caller whose text names no env word", async () => {
    const files = (flags: string[]) => ({
      "package.json": "{}",
      "wrangler.json": JSON.stringify({ name: "w", main: "src/index.ts", compatibility_date: "2025-08-03", compatibility_flags: flags }),
      "src/config.ts": `export function configFromEnvironment() {\n  return { apiKey: process.env.E2B_API_KEY };\n}\n`,
      "src/factory.ts": `let factory: unknown = null;\nexport function initFactory(config: { apiKey?: string }) {\n  factory = { config };\n  return factory;\n}\n`,
      "src/index.ts": `import { configFromEnvironment } from "./config";\nimport { initFactory } from "./factory";\nexport default {\n  async fetch(request: Request) {\n    initFactory(configFromEnvironment());\n    return new Response("ok");\n  },\n};\n`,
    });
    // why: with \`nodejs_compat\` (and a date that fills it), \`process.env\` holds the Worker's vars and secrets where the helper reads them
    const on = project(files(["nodejs_compat"]));
    expect((await lintFile(await eslintFor(on), on, "src/index.ts")).map((f) => `${f.line} ${f.message.split(" (")[0]}`)).toEqual([
      "5 `process.env.E2B_API_KEY` via `configFromEnvironment()` is kept by `initFactory` in module-scope `factory`",
    ]);
    // why: without it, \`process.env\` there is a bundler's constant or empty: nothing of the Worker's
    const off = project(files([]));
    expect(await lintFile(await eslintFor(off), off, "src/index.ts")).toEqual([]);
  });

  it("takes what a helper reads off the env member of a context a caller's own helper hands it, through that helper's callers", async () => {
    const dir = project({
      "src/env.ts": `export function getAppEnv(c: any) {\n  return check({ CLIENT_ID: c.env.CLIENT_ID, CLIENT_SECRET: c.env.CLIENT_SECRET });\n}\nfunction check<T>(v: T): T {\n  return v;\n}\nexport function getDb(c: any) {\n  return drizzle(c.env.DB);\n}\n`,
      "src/auth.ts": `import { getAppEnv, getDb } from "./env";\nlet auth: unknown = null;\nlet db: unknown = null;\nexport function initAuth(c: any) {\n  const env = getAppEnv(c);\n  auth ??= makeAuth({ secret: env.CLIENT_SECRET });\n  return auth;\n}\nexport function initDb(c: any) {\n  db ??= getDb(c);\n}\n`,
      "src/index.ts": `import { Hono } from "hono";\nimport { initAuth, initDb } from "./auth";\nconst app = new Hono<{ Bindings: Env }>();\napp.use(async (c, next) => {\n  initAuth(c);\n  initDb(c);\n  await next();\n});\nexport default app;\n`,
    });
    // why: the object of reads it returns is read off the context's env (\`env.CLIENT_SECRET\` is \`c.env.CLIENT_SECRET\`), and a client it builds of one
    // binding is that binding's: the deploy's, not the request's state
    expect((await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => `${f.line} ${f.rule} ${f.message.split(" (")[0]}`)).toEqual([
      "5 no-env-in-global-scope `c.env.CLIENT_SECRET` is kept by `initAuth` in module-scope `auth`",
      "6 no-env-in-global-scope `c.env.DB` is kept by `initDb` in module-scope `db`",
    ]);
  });

  it("takes functions over the live `env` handed whole, read only when called, for no snapshot", async () => {
    const pad = "// ".padEnd(4_200, "-");
    const dir = project({
      "src/origins.ts": [
        // (A large module: read for the call that hands the live env whole, though its text names no read.)
        pad,
        `function allowed(e: Env, origin: string) { return origin === e.APP_ORIGIN; }`,
        `export function policy(env: Env) {`,
        `  return { check: (origin: string) => allowed(env, origin), maxAgeMs: 7200000 };`,
        `}`,
        `export function snapshot(env: Env) {`,
        `  const origin = env.APP_ORIGIN;`,
        `  return { check: (o: string) => o === origin };`,
        `}`,
      ].join("\n"),
      "src/index.ts": [
        `import { env } from "cloudflare:workers";`,
        `import { policy, snapshot } from "./origins";`,
        `export const live = policy(env);`,
        `export const stale = snapshot(env);`,
        `let kept: unknown;`,
        `export default { async fetch(request: Request, e: Env) { kept ??= policy(e); return new Response(String(live.check("x"))); } };`,
      ].join("\n"),
    });
    // why: \`policy\` reads the env it is handed only when \`check\` runs: over the live env, no snapshot at
    // load; \`snapshot\` reads it at once; a request's env kept in a closure is still kept
    expect((await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => `${f.line} ${f.rule}`)).toEqual([
      "4 no-top-level-env-derivation",
      "6 no-env-in-global-scope",
    ]);
  });

  it("takes the response a handler of another module makes for the request's I/O, not for what it is handed", async () => {
    const pad = "// ".padEnd(4_200, "-");
    const dir = project({
      "src/handlers.ts": `${pad}\nexport async function handleInfo(request: Request, env: Env) {\n  const info = { name: env.APP_NAME, url: request.url };\n  return new Response(JSON.stringify(info), { status: 200 });\n}\n`,
      "src/index.ts": [
        `import { handleInfo } from "./handlers";`,
        `const statuses = new Map<string, { status: string; count: number }>();`,
        `let last: Response | undefined;`,
        `export default {`,
        `  async fetch(request: Request, env: Env) {`,
        `    const response = await handleInfo(request, env);`,
        `    const status = response.status.toString();`,
        `    statuses.set(status, { status, count: 1 });`,
        `    last = response;`,
        `    return response;`,
        `  },`,
        `};`,
      ].join("\n"),
    });
    // why: a large module's handler still read for it; the status kept under itself is the key's data,
    // and the response kept whole is the request's I/O (the env it was made with is not in it)
    expect((await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => `${f.line} ${f.rule} ${f.message.split(":")[0]}`)).toEqual([
      "9 no-request-state-in-global-scope a response of `handleInfo()`, I/O of one request, is kept in module-scope `last`",
    ]);
  });
});
