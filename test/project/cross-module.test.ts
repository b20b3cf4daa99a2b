/**
 * Calls into the project's own modules: each case is a small project on disk, linted as a user's
 * ESLint would lint it. Expected messages are written out.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { projectStats } from "../../src/project/project";
import { HAZARD } from "../rules/helpers";
import { aSecondLater, freezeClock, eslintFor, lintFile, project, write } from "./fixtures";

const handed = (origin: string, callee: string, _module: string, target: string, where: string, hazard: string) =>
  `${origin} is kept by \`${callee}\` in module-scope ${target} (${where}): ${hazard}.`;

const worker = (imports: string, body: string) => `${imports}
export default {
  async fetch(request: Request, env: Env) {
    ${body}
    return new Response("ok");
  },
};
`;

const lazyDb = `import postgres from "postgres";
let db: ReturnType<typeof postgres> | undefined;
export function getDb(opts: { connectionString: string }) {
  if (!db) db = postgres(opts.connectionString);
  return db;
}
`;

describe("following calls into project modules", () => {
  it("reports a .js specifier of a .ts helper that keeps a client built from the value", async () => {
    const dir = project({
      "src/index.ts": worker(`import { getDb } from "./db/client.js";`, `getDb({ connectionString: env.DATABASE_URL });`),
      "src/db/client.ts": lazyDb,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the helper builds a postgres client (a socket) from the handed value and keeps it in `db`
    expect(found).toEqual([
      {
        rule: "no-env-in-global-scope",
        line: 4,
        column: 5,
        message: handed("`env.DATABASE_URL`", "getDb", "./db/client.js", "`db`", "./db/client.ts:4", HAZARD.socket),
      },
    ]);
  });

  it("names what a helper keeps as handed by what the caller hands: a member of env with text in its place is a secret or var", async () => {
    const dir = project({
      "src/index.ts": worker(`import { setLevel } from "./logger";`, `setLevel(env.LOG_LEVEL || "info");`),
      "src/logger.ts": `let level = "info";\nexport function setLevel(value: string) { level = value; }\nexport const current = () => level;\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`env.LOG_LEVEL || "info"\` is text whatever the binding is: the var's or the secret's hazard, not a binding's
    expect(found.map((f) => f.message)).toEqual(["`env.LOG_LEVEL` is kept by `setLevel` in module-scope `level` (./logger.ts:2): it keeps the secret or var of the deploy that stored it."]);
  });

  it("follows a tsconfig path alias, a barrel and a default export", async () => {
    const dir = project({
      "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["src/*"] } } }),
      "src/index.ts": worker(
        `import { configureMailer, remember } from "@/lib";\nimport init from "./init";`,
        `configureMailer(env.RESEND_KEY, "team@example.com");\n    remember(env);\n    init(env.SENTRY_DSN);`,
      ),
      "src/lib/index.ts": `export * from "./mailer";\nexport { keep as remember } from "./keeper";\n`,
      "src/lib/mailer.ts": `import { Resend } from "resend";\nconst state = { client: null as Resend | null, from: "" };\nexport function configureMailer(key: string, from: string) {\n  state.client = new Resend(key);\n  state.from = from;\n}\n`,
      "src/lib/keeper.ts": `const kept: unknown[] = [];\nexport function keep(value: unknown) { kept.push(value); }\n`,
      "src/init.ts": `let dsn = "";\nexport default function init(value: string) { dsn = value; }\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => f.message)).toEqual([
      handed("`env.RESEND_KEY`", "configureMailer", "@/lib", "`state.client`", "./lib/mailer.ts:4", HAZARD.http),
      handed("`env`", "remember", "@/lib", "`kept`", "./lib/keeper.ts:2", HAZARD.env),
      handed("`env.SENTRY_DSN`", "init", "./init", "`dsn`", "./init.ts:2", HAZARD.value),
    ]);
  });

  it("follows the `export *` of a barrel that defines the name, after ones that keep nothing", async () => {
    const dir = project({
      "src/index.ts": worker(`import { STORE, setToken } from "./cfg";`, `STORE.setFrom(env);\n    setToken(env.TOKEN);`),
      "src/cfg/index.ts": `export * from "./constants";\nexport * from "./store";\nexport * from "./token";\n`,
      "src/cfg/constants.ts": `export const A = 1;\nexport function twice(n: number) { return n * 2; }\n`,
      "src/cfg/store.ts": `class Store {\n  kv: unknown = null;\n  setFrom(e: { KV: unknown }) { this.kv = e.KV; }\n}\nexport const STORE = new Store();\n`,
      "src/cfg/token.ts": `let token = "";\nexport function setToken(t: string) { token = t; }\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a module that can keep nothing answers "keeps nothing" for any name, also one it does not export
    expect(found.map((f) => f.message)).toEqual([
      handed("`env.KV`", "STORE.setFrom", "./cfg", "`this.kv` of instance `STORE`", "./cfg/store.ts:3", HAZARD.value),
      handed("`env.TOKEN`", "setToken", "./cfg", "`token`", "./cfg/token.ts:2", HAZARD.value),
    ]);
  });

  it("follows a class written on one line, and a let after an import on the same line", async () => {
    const dir = project({
      "src/db.ts": `export class Db { static d?: unknown; static init(d: unknown) { Db.d = d; } }\n`,
      "src/sql.ts": `import { helper } from "./db"; let sql: unknown;\nexport function connect(url: string) { sql = url; }\nexport const helper = 1;\n`,
      "src/index.ts": worker(`import { Db } from "./db";\nimport { connect } from "./sql";`, `Db.init(env.DB);\n    connect(env.DATABASE_URL);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the text check may say a module keeps something it does not, never that it keeps nothing when it does
    expect(found.map((f) => f.message.split(" (")[0])).toEqual(["`env.DB` is kept by `Db.init` in module-scope `Db.d`", "`env.DATABASE_URL` is kept by `connect` in module-scope `sql`"]);
  });

  it("follows an instance a factory makes, puts in a module variable and returns, through the local that holds it", async () => {
    const dir = project({
      "src/registry.ts": [
        `class Registry {`,
        `  private items = new Map<string, unknown>();`,
        `  register(id: string, item: unknown) { this.items.set(id, item); }`,
        `}`,
        `let shared: Registry | null = null;`,
        `export function createRegistry() {`,
        `  const registry = new Registry();`,
        `  shared = registry;`,
        `  return registry;`,
        `}`,
        `export function freshRegistry() {`,
        `  const registry = new Registry();`,
        `  return registry;`,
        `}`,
        `export function getRegistry() { return shared!; }`,
      ].join("\n"),
      "src/index.ts": worker(`import { createRegistry, freshRegistry } from "./registry";`, `createRegistry().register("config", { factory: () => JSON.parse(env.APP_CONFIG) });\n    const local = freshRegistry();\n    local.register("key", env.API_KEY);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the instance the first factory returns is the one its module keeps: what its method keeps on it outlives the request;
    // one a factory makes and only returns is the caller's own
    expect(found.map((f) => `${f.line} ${f.message.split(" (")[0]}`)).toEqual(["4 a closure over `env` is kept by `createRegistry().register` in module-scope `this.items` of instance `shared`"]);
  });

  it("follows a field that only ever holds a call of an imported getter to what that call returns", async () => {
    const dir = project({
      "src/metrics.ts": `export class Metrics {\n  private seen: string[] = [];\n  record(ip: string) { this.seen.push(ip); }\n}\nlet instance: Metrics | null = null;\nexport function getMetrics() {\n  if (!instance) instance = new Metrics();\n  return instance;\n}\nexport function freshMetrics() { return new Metrics(); }\n`,
      "src/proxy.ts": [
        `import { getMetrics, freshMetrics } from "./metrics";`,
        `export class Proxy {`,
        `  private metrics = getMetrics();`,
        `  private own = freshMetrics();`,
        `  handle(request: Request) {`,
        `    this.metrics.record(request.headers.get("cf-connecting-ip") ?? "");`,
        `    this.own.record(request.headers.get("cf-connecting-ip") ?? "");`,
        `  }`,
        `}`,
      ].join("\n"),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/proxy.ts");
    // why: \`this.metrics.record(…)\` is \`getMetrics().record(…)\`, the module's one instance; a fresh instance is the caller's own
    expect(found.map((f) => `${f.line} ${f.rule}`)).toEqual(["6 no-request-state-in-global-scope"]);
  });

  it("fills a helper's parameters from the call's arguments past TypeScript's `this` parameter", async () => {
    const dir = project({
      "src/keep.ts": `let kept: unknown;\nlet label = "";\nexport function keep(this: void, tag: string, v: unknown) { label = tag; kept = v; }\n`,
      "src/index.ts": worker(`import { keep } from "./keep";`, `keep("plain", env.API_KEY);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`env.API_KEY\` is the second argument, kept in \`kept\`; the constant tag kept in \`label\` is no finding
    expect(found.map((f) => f.message.split(" (")[0])).toEqual(["`env.API_KEY` is kept by `keep` in module-scope `kept`"]);
  });

  it("follows a registration-named method of a project class's instance the file makes, not its name", async () => {
    const dir = project({
      "src/lib/i18n.ts": `export class I18n {\n  n = 0;\n  use(locale: string) { this.n++; return locale.toUpperCase(); }\n}\n`,
      "src/lib/repo.ts": `export class Repo {\n  db: unknown;\n  use(db: unknown) { this.db = db; }\n}\n`,
      "src/lib/cache.ts": `export class Cache {\n  private m = new Map<string, { v: unknown; exp: number }>();\n  async get<T>(key: string, load: () => Promise<T>): Promise<T> {\n    const v = await load();\n    this.m.set(key, { v, exp: Date.now() + 60000 });\n    return v;\n  }\n}\n`,
      "src/index.ts": worker(
        `import { I18n } from "./lib/i18n";\nimport { Repo } from "./lib/repo";\nimport { Cache } from "./lib/cache";\nconst i18n = new I18n();\nconst cache = new Cache();\nlet repo: Repo | undefined;`,
        `i18n.use(env.ENVIRONMENT);\n    await cache.get("cfg", () => env.KV.get("cfg"));\n    repo ??= new Repo();\n    repo.use(env.DB);`,
      ),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the class's own code says what \`use\` keeps: nothing for I18n, the binding for Repo (one
    // finding, not a second one for the name); the cache keeps what its loader reads, data
    expect(found.map((f) => [f.line, f.message.split(" (")[0]])).toEqual([[12, "`env.DB` is kept by `repo.use` in module-scope `this.db` of instance `repo`"]]);
  });

  it("reports a number or flag a helper computes from a var, as in one file, not the length of a secret", async () => {
    const dir = project({
      "src/lib/mode.ts": `let isProd = false;\nlet maxItems = 10;\nlet keyLength = 0;\nexport function initMode(e: { ENVIRONMENT: string }) { isProd = e.ENVIRONMENT === "production"; }\nexport function setLimit(raw: string) { maxItems = Number(raw); }\nexport function measure(secret: string) { keyLength = secret.length; }\n`,
      "src/index.ts": worker(`import { initMode, measure, setLimit } from "./lib/mode";`, `initMode(env);\n    setLimit(env.MAX_ITEMS);\n    measure(env.API_KEY);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: after a deploy that changes only the var, the flag and the limit keep its old value
    expect(found.map((f) => [f.line, f.message.split(" in module-scope")[0]])).toEqual([
      [4, "`env.ENVIRONMENT` is kept by `initMode`"],
      [5, "`env.MAX_ITEMS` is kept by `setLimit`"],
    ]);
  });

  it("reports a place that keeps both a request's state and env once, as request state", async () => {
    const dir = project({
      "src/lib/auth.ts": `import { betterAuth } from "better-auth";\nlet auth: ReturnType<typeof betterAuth> | undefined;\nexport function getAuth(origin: string, secret: string) {\n  return (auth ??= betterAuth({ baseURL: origin, secret }));\n}\n`,
      "src/index.ts": worker(`import { getAuth } from "./lib/auth";`, `getAuth(new URL(request.url).origin, env.AUTH_SECRET);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: one rule per store, as in one file: the request's data kept is the graver hazard
    expect(found.map((f) => f.rule)).toEqual(["no-request-state-in-global-scope"]);
  });

  it("takes what a helper reads out of a fetched response for the upstream's data, and the response itself for I/O", async () => {
    const dir = project({
      "src/lib/cache.ts": `const bodies = new Map<string, string>();\nconst responses = new Map<string, Response>();\nexport async function remember(url: string, r: Response) { bodies.set(url, await r.text()); }\nexport function keep(url: string, r: Response) { responses.set(url, r); }\n`,
      "src/index.ts": worker(
        `import { keep, remember } from "./lib/cache";`,
        `const url = "https://example.com/public.json";\n    await remember(url, await fetch(url));\n    keep(url, await fetch(url));`,
      ),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a body read from a fetch is the upstream's, whoever asked; the response is I/O of this request
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 6]]);
  });

  it("takes a helper's cache under a key spelled from the value it is handed as that value's, unless it holds a connection", async () => {
    const dir = project({
      "src/jwks.ts": `import { createRemoteJWKSet } from "jose";\nimport postgres from "postgres";\nconst sets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();\nconst pools = new Map<string, ReturnType<typeof postgres>>();\nexport function keysFor(team: string) {\n  const k = \`certs:\${team}\`;\n  let set = sets.get(k);\n  if (!set) { set = createRemoteJWKSet(new URL(\`\${team}/certs\`)); sets.set(k, set); }\n  return set;\n}\nexport function poolFor(url: string) {\n  if (!pools.has("pg:" + url)) pools.set("pg:" + url, postgres(url));\n  return pools.get("pg:" + url)!;\n}\n`,
      "src/index.ts": worker(`import { keysFor, poolFor } from "./jwks";`, `keysFor(env.TEAM_URL);\n    poolFor(env.DATABASE_URL);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a new var spells a new key, so no stale key set is read; a connection fails in the next request whatever its key
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-env-in-global-scope", 5]]);
  });

  it("takes what a project's validator hands back, its argument as it is, also a module away, for that argument", async () => {
    const dir = project({
      "wrangler.jsonc": JSON.stringify({ name: "w", main: "src/index.ts", compatibility_date: "2025-06-01", kv_namespaces: [{ binding: "CONFIG", id: "1" }] }),
      "src/validate.ts": `export function checked<T>(json: unknown): T {\n  if (!json || typeof json !== "object") throw new Error("bad");\n  return json as T;\n}\n`,
      "src/load.ts": `import { checked } from "./validate";\nexport async function loadConfig(env: Env) {\n  const raw = await env.CONFIG.get("config", "json");\n  if (!raw) return null;\n  return checked<{ v: number }>(raw);\n}\n`,
      "src/index.ts": worker(
        `import { checked } from "./validate";\nimport { loadConfig } from "./load";\nlet config: unknown = null;\nlet lastBody: unknown = null;`,
        `config = await loadConfig(env);\n    lastBody = checked(await request.json());`,
      ),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the config is data read through the KV binding, handed back by the validator; the body is the request's
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 8]]);
  });

  it("takes what a project function declared to give a number or a flag gives for a number, as one of the file", async () => {
    const dir = project({
      "src/ua.ts": `export function isBot(ua: string): boolean {\n  return /bot/i.test(ua);\n}\nexport async function score(ua: string): Promise<number> {\n  return ua.length;\n}\nexport function label(ua: string) {\n  return ua.toLowerCase();\n}\n`,
      "src/index.ts": worker(
        `import { isBot, label, score } from "./ua";\nconst bots = new Map<string, boolean>();\nconst scores = new Map<string, number>();\nconst labels = new Map<string, string>();`,
        `const ua = request.headers.get("user-agent") ?? "";\n    bots.set("last", isBot(ua));\n    scores.set("last", await score(ua));\n    labels.set("last", label(ua));`,
      ),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a flag or a number computed from the user agent keeps none of it; the label is its text
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 10]]);
  });

  it("follows a write into an object another workspace package exports, imported by the package's name", async () => {
    const dir = project({
      "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["worker", "packages/*"] }),
      "packages/utils/package.json": JSON.stringify({ name: "@repo/utils", private: true, exports: { "./cache": "./src/cache.ts" } }),
      "packages/utils/src/cache.ts": `export const cache: Record<string, unknown> = {};\n`,
      "packages/db/package.json": JSON.stringify({ name: "@repo/db", private: true, exports: { ".": "./src/index.ts" } }),
      "packages/db/src/index.ts": `import { cache } from "@repo/utils/cache";\nexport function remember(url: string) {\n  cache.url = url;\n}\nexport function label(name: string) {\n  return name.trim();\n}\n`,
      "worker/package.json": JSON.stringify({ name: "worker", private: true, dependencies: { "@repo/db": "*" } }),
      "worker/src/index.ts": worker(`import { label, remember } from "@repo/db";`, `remember(env.DATABASE_URL);\n    label(env.DATABASE_URL);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "worker/src/index.ts");
    // why: the object is module state of @repo/utils, found as the workspace lays it out (nothing installed)
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-env-in-global-scope", 4]]);
  });

  it("takes an entry the callee keys by text it spells from a var of the env it is handed, and makes of that text, as that var's", async () => {
    const dir = project({
      "wrangler.jsonc": JSON.stringify({ name: "w", main: "src/index.ts", compatibility_date: "2025-06-01", vars: { AUTH_DOMAIN: "a.example.com", PG_HOST: "db.example.com" } }),
      "src/auth.ts": [
        `import { createRemoteJWKSet, jwtVerify } from "jose";`,
        `import postgres from "postgres";`,
        `const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();`,
        `const pools = new Map<string, ReturnType<typeof postgres>>();`,
        `function issuerFor(env: Env) { return \`https://\${env.AUTH_DOMAIN.replace(/\\/$/, "")}/\`; }`,
        `function keySetFor(issuer: string) {`,
        `  const known = keySets.get(issuer);`,
        `  if (known) return known;`,
        `  const made = createRemoteJWKSet(new URL(\`\${issuer}.well-known/jwks.json\`));`,
        `  keySets.set(issuer, made);`,
        `  return made;`,
        `}`,
        `function poolFor(host: string) {`,
        `  let pool = pools.get(host);`,
        `  if (!pool) { pool = postgres(\`postgres://\${host}/app\`); pools.set(host, pool); }`,
        `  return pool;`,
        `}`,
        `export async function authenticate(token: string, env: Env) {`,
        `  const issuer = issuerFor(env);`,
        `  return (await jwtVerify(token, keySetFor(issuer), { issuer })).payload;`,
        `}`,
        `export function database(env: Env) { return poolFor(\`\${env.PG_HOST}\`); }`,
      ].join("\n"),
      "src/index.ts": worker(`import { authenticate, database } from "./auth";`, `await authenticate("t", env);\n    database(env);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a new AUTH_DOMAIN spells a new issuer, whose key set is made of it alone; a pool holds a
    // socket, which fails in the next request whatever its key
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-env-in-global-scope", 5]]);
  });

  it("takes the body of a response a helper fetches with what it is handed for the upstream's data, unless it forwards the request", async () => {
    const dir = project({
      "src/lib/http.ts": `export async function fetchWithTimeout(url: string, init: RequestInit = {}) {\n  return await fetch(url, init);\n}\nexport function apiKey() { return "public-key"; }\n`,
      "src/lib/core.ts": `const cache = new Map<string, { data: unknown; expires: number }>();\nexport function setCache(key: string, data: unknown, ttl = 1000) {\n  cache.set(key, { data, expires: Date.now() + ttl });\n}\n`,
      "src/lib/docs.ts": [
        `import { apiKey, fetchWithTimeout } from "./http";`,
        `import { setCache } from "./core";`,
        `const proxied = new Map<string, unknown>();`,
        `function parse(doc: any) { return { id: doc.name, fields: doc.fields }; }`,
        `export async function getDocument(collection: string, id: string) {`,
        `  const key = \`doc:\${collection}:\${id}\`;`,
        `  const res = await fetchWithTimeout(\`https://db.example.com/\${collection}/\${id}?key=\${apiKey()}\`);`,
        `  const parsed = parse(await res.json());`,
        `  setCache(key, parsed);`,
        `  return parsed;`,
        `}`,
        `export async function isAdmin(req: Request) { return !!(await getDocument("admins", req.headers.get("x-user") ?? "")); }`,
        `export async function proxy(req: Request) {`,
        `  const res = await fetch(req);`,
        `  proxied.set(req.url, await res.json());`,
        `}`,
      ].join("\n"),
      "src/index.ts": worker(`import { getDocument, isAdmin, proxy } from "./lib/docs";`, `await getDocument("users", new URL(request.url).pathname);\n    await isAdmin(request);\n    await proxy(request);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: what the helper fetched with the id is the upstream's answer, the same for anyone asking;
    // a response to the request forwarded whole is personal to whoever sent it
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 6]]);
  });

  it("takes a request's data added to a set its module only asks about for a key, and one it reads out for kept", async () => {
    const dir = project({
      "src/lib/rl.ts": `const pending = new Set<string>();\nconst seen = new Set<string>();\nexport function claim(k: string) { if (pending.has(k)) return false; pending.add(k); return true; }\nexport function release(k: string) { pending.delete(k); }\nexport function remember(k: string) { seen.add(k); }\nexport function all() { return [...seen]; }\n`,
      "src/index.ts": worker(
        `import { claim, release, remember } from "./lib/rl";`,
        `const ip = request.headers.get("cf-connecting-ip") ?? "";\n    if (!claim(\`r:\${ip}\`)) return new Response("busy");\n    release(ip);\n    remember(ip);`,
      ),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a member of a set no one reads out is only a key; one the module lists out is the request's data kept
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 7]]);
  });

  it("follows a helper that writes into an element it reads out of a module collection", async () => {
    const dir = project({
      "src/lib/rooms.ts": `const rooms = new Map<string, Set<WebSocket>>([["lobby", new Set()]]);\nexport function join(room: string, ws: WebSocket) { rooms.get(room)!.add(ws); }\n`,
      "src/lib/groups.ts": `const groups = new Map<string, unknown[]>([["admins", []]]);\nexport function addAdmin(v: unknown) {\n  const admins = groups.get("admins")!;\n  admins.push(v);\n}\n`,
      "src/index.ts": worker(
        `import { join } from "./lib/rooms";\nimport { addAdmin } from "./lib/groups";`,
        `const [, server] = Object.values(new WebSocketPair());\n    server.accept();\n    join("lobby", server);\n    addAdmin(env.API_KEY);`,
      ),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the element belongs to the module's collection: what is put into it stays for later requests
    expect(found.map((f) => [f.rule, f.line, f.message.split(" (")[0]])).toEqual([
      ["no-request-state-in-global-scope", 7, "`new WebSocketPair()[1]`, an I/O object of one request, is kept by `join` in module-scope `rooms`"],
      ["no-env-in-global-scope", 8, "`env.API_KEY` is kept by `addAdmin` in module-scope `groups`"],
    ]);
  });

  it("follows two hops, names the first callee, and points at the store", async () => {
    const dir = project({
      "src/index.ts": worker(`import { setup } from "./setup";`, `setup(env.API_TOKEN);`),
      "src/setup.ts": `import { initPool } from "./pool";\nexport function setup(token: string) {\n  const options = { token };\n  initPool(options);\n}\n`,
      "src/pool.ts": `import { Pool } from "pg";\nlet pool: Pool | null = null;\nexport function initPool(options: { token: string }) {\n  pool ??= new Pool({ password: options.token });\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: setup() passes the token on to initPool(), which keeps a pool built from it
    expect(found.map((f) => f.message)).toEqual([handed("`env.API_TOKEN`", "setup", "./setup", "`pool`", "./pool.ts:4", HAZARD.socket)]);
  });

  it("takes a helper's store after its unconditional return for code that never runs, and one before it for kept", async () => {
    const dir = project({
      "src/index.ts": worker(`import { disabled, enabled } from "./orm";`, `disabled(env.DB);\n    enabled(env.DB);`),
      "src/orm.ts": `let a: D1Database | undefined;\nlet b: D1Database | undefined;\nexport function disabled(db: D1Database) {\n  return;\n  a ??= db;\n}\nexport function enabled(db: D1Database) {\n  b ??= db;\n  return;\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`disabled\` returns before its store; \`enabled\` keeps the binding, then returns
    expect(found.map((f) => [f.line, f.message.split(" in module-scope ")[1]?.split(":")[0]])).toEqual([[5, "`b` (./orm.ts"]]);
  });

  it("names what an instance of another module's class keeps of the argument its constructor keeps whole", async () => {
    const dir = project({
      "src/index.ts": [
        `import Bot from "./lib/bot.js";`,
        `import { Repo, Mailer } from "./lib/services";`,
        `let bot: Bot | undefined;`,
        `let repo: Repo | undefined;`,
        `let mailer: Mailer | undefined;`,
        `export default {`,
        `  async fetch(request: Request, env: Env) {`,
        `    bot ??= new Bot(env);`,
        `    repo ??= new Repo(env);`,
        `    mailer ??= new Mailer(env.MAIL_KEY);`,
        `    return new Response("ok");`,
        `  },`,
        `};`,
      ].join("\n"),
      "src/lib/bot.ts": `export default class Bot {\n  env: Env;\n  constructor(env: Env) {\n    this.env = env;\n  }\n}\n`,
      "src/lib/services.ts": `export { Repo } from "./repo";\nexport class Mailer {\n  constructor(key: string) {\n    this.send = (to: string) => fetch(to, { headers: { key } });\n  }\n  send: (to: string) => Promise<Response>;\n}\n`,
      "src/lib/repo.ts": `export class Repo {\n  constructor(private readonly env: Env) {}\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`Bot\` keeps env whole, and so does \`Repo\` (a parameter property, through a re-export);
    // \`Mailer\` keeps no parameter as it was handed: what it holds is not known
    expect(found.map((f) => [f.line, f.message.split(": ")[1]])).toEqual([
      [8, HAZARD.env + "."],
      [9, HAZARD.env + "."],
      [10, HAZARD.client + "."],
    ]);
  });

  it("follows a value through a helper whose export name is also a framework's (SvelteKit's handle)", async () => {
    const dir = project({
      "src/index.ts": worker(`import { handle } from "./routes";`, `handle(env.KEY);`),
      "src/routes.ts": `import { keep } from "./store";\nexport function handle(v: string) {\n  keep(v);\n}\n`,
      "src/store.ts": `let kept = "";\nexport function keep(v: string) {\n  kept = v;\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: what a caller hands the parameter is followed, not what the name would make of it
    expect(found.map((f) => f.message)).toEqual([handed("`env.KEY`", "handle", "./routes", "`kept`", "./store.ts:3", HAZARD.value)]);
  });

  it("follows a method of an instance made in the default export", async () => {
    const dir = project({
      "src/index.ts": worker(`import mail from "./mailer";`, `mail.setup(env.KEY);`),
      "src/mailer.ts": `class Mailer {\n  private key = "";\n  setup(key: string) {\n    this.key = key;\n  }\n}\nexport default new Mailer();\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => f.message)).toEqual([handed("`env.KEY`", "mail.setup", "./mailer", "`this.key` of the default export", "./mailer.ts:4", HAZARD.value)]);
  });

  it("follows static holders, module-level instances and namespace imports", async () => {
    const dir = project({
      "src/index.ts": worker(
        `import { Database } from "./database";\nimport * as cfg from "./config";`,
        `Database.get(env.DB);\n    cfg.config.merge(env);`,
      ),
      "src/database.ts": `export class Database {\n  static instance: Database | undefined;\n  constructor(readonly d1: D1Database) {}\n  static get(d1: D1Database) {\n    Database.instance ??= new Database(d1);\n    return Database.instance;\n  }\n}\n`,
      "src/config.ts": `class Config {\n  source: unknown;\n  merge(source: unknown) { this.source = source; }\n}\nexport const config = new Config();\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => f.message)).toEqual([
      // why: the instance keeps its D1 parameter whole (a parameter property): the binding, no client of unknown kind
      handed("`env.DB`", "Database.get", "./database", "`Database.instance`", "./database.ts:5", HAZARD.binding),
      handed("`env`", "cfg.config.merge", "./config", "`this.source` of instance `config`", "./config.ts:3", HAZARD.env),
    ]);
  });

  it("follows a method of an exported module variable an init function makes an instance of a class of the project", async () => {
    const dir = project({
      "src/index.ts": [
        `import { boot, store } from "./boot";`,
        `export default {`,
        `  async fetch(request: Request, env: Env) {`,
        `    boot();`,
        `    await store.save("note", await request.text());`,
        `    await store.attach(env.API_KEY);`,
        `    return new Response("ok");`,
        `  },`,
        `};`,
      ].join("\n"),
      "src/boot.ts": `import Mirror from "./mirror";\nexport let store: Mirror;\nexport function boot() {\n  store = new Mirror();\n}\n`,
      "src/mirror.ts": `export default class Mirror {\n  static copies: Record<string, string> = {};\n  key = "";\n  async save(k: string, v: string) {\n    Mirror.copies[k] = v;\n  }\n  async attach(key: string) {\n    this.key = key;\n  }\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`store\` is only ever \`new Mirror()\`: its \`save\` writes a class static, and \`attach\` writes
    // the one module-scope instance
    expect(found.map((f) => [f.line, f.rule, f.message.split(" in module-scope ")[1]?.split(":")[0]])).toEqual([
      [5, "no-request-state-in-global-scope", "`Mirror.copies[k]` (./mirror.ts"],
      [6, "no-env-in-global-scope", "`this.key` of instance `store` (./mirror.ts"],
    ]);
  });

  it("takes a helper's entry under one binding of the env object it is handed as that binding's own, unless it holds a connection", async () => {
    const dir = project({
      "src/index.ts": worker(`import { dbFor, poolFor } from "./cache";`, `dbFor(env);\n    poolFor(env);`),
      "src/cache.ts": [
        `import { drizzle } from "drizzle-orm/d1";`,
        `import postgres from "postgres";`,
        `const dbs = new WeakMap();`,
        `const pools = new WeakMap();`,
        `export function dbFor(bindings: Env) {`,
        `  let db = dbs.get(bindings.DB);`,
        `  if (!db) { db = drizzle(bindings.DB); dbs.set(bindings.DB, db); }`,
        `  return db;`,
        `}`,
        `export function poolFor(bindings: Env) {`,
        `  if (!pools.has(bindings.HYPERDRIVE)) pools.set(bindings.HYPERDRIVE, postgres(bindings.HYPERDRIVE.connectionString));`,
        `  return pools.get(bindings.HYPERDRIVE);`,
        `}`,
      ].join("\n"),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a new binding is a new key, as in one file; a pool's socket fails the next request whatever its key
    expect(found.map((f) => [f.line, f.message.split(" in module-scope ")[1]?.split(":")[0]])).toEqual([[5, "`pools` (./cache.ts"]]);
  });

  it("follows a constructor that keeps its own instance in module scope", async () => {
    const dir = project({
      "src/index.ts": worker(`import { Mailer } from "./mailer";`, `new Mailer(env.KEY);`),
      "src/mailer.ts": `export class Mailer {\n  static current: Mailer | null = null;\n  constructor(private key: string) {\n    if (Mailer.current) return Mailer.current;\n    Mailer.current = this;\n  }\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => f.message)).toEqual([handed("`env.KEY`", "new Mailer", "./mailer", "`Mailer.current`", "./mailer.ts:5", HAZARD.client)]);
  });

  it("follows a method of an instance the caller makes, and not what the method writes on that instance", async () => {
    const dir = project({
      "src/index.ts": worker(
        `import { Db } from "./db";`,
        `new Db().connect(env.DATABASE_URL);\n    const db = new Db();\n    db.connect(env.REPLICA_URL);\n    db.remember(env.API_KEY);\n    new Db().use(env.API_KEY);`,
      ),
      "src/db.ts": `import { Pool } from "pg";
let pool: Pool | undefined;
export class Db {
  static shared = "";
  private last = "";
  connect(url: string) {
    pool ??= new Pool({ connectionString: url });
    return pool;
  }
  remember(value: string) {
    this.last = value;
  }
  use(key: string) {
    Db.shared = key;
  }
}
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the pool and the static field are module state whoever calls; \`this.last\` is the caller's own instance
    expect(found.map((f) => f.message)).toEqual([
      handed("`env.DATABASE_URL`", "new Db().connect", "./db", "`pool`", "./db.ts:7", HAZARD.socket),
      handed("`env.REPLICA_URL`", "db.connect", "./db", "`pool`", "./db.ts:7", HAZARD.socket),
      handed("`env.API_KEY`", "new Db().use", "./db", "`Db.shared`", "./db.ts:14", HAZARD.value),
    ]);
  });

  it("reports what a method writes on `this` when the caller keeps its instance in module scope", async () => {
    const dir = project({
      "src/db.ts": `export class Database {
  private d1?: D1Database;
  private readonly seen = new Set<string>();
  init(d1: D1Database) {
    this.d1 = d1;
  }
  track(id: string) {
    this.seen.add(id);
  }
  count(d1: D1Database) {
    return d1.prepare("select count(*) from t").first();
  }
}
`,
      "src/lib/index.ts": `export { Database } from "../db";\n`,
      "src/index.ts": `import { Database } from "./lib";
const db = new Database();
export default {
  async fetch(request: Request, env: Env) {
    db.init(env.DB);
    db.track(new URL(request.url).pathname);
    await db.count(env.DB);
    const own = new Database();
    own.init(env.DB);
    return new Response("ok");
  },
};
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`db\` lives as long as the isolate, so what its methods put on it does; \`own\` is this request's
    expect(found.map((f) => `${f.line} ${f.rule} ${f.message.split(":")[0]}`)).toEqual([
      "5 no-env-in-global-scope `env.DB` is kept by `db.init` in module-scope `this.d1` of instance `db` (./db.ts",
      "6 no-request-state-in-global-scope `new URL(request.url).pathname`, data of one request, is kept by `db.track` in module-scope `this.seen` of instance `db` (./db.ts",
    ]);
  });

  it("reports what a method writes on `this` of a module-level instance when the class's module has sources of its own", async () => {
    const dir = project({
      "src/lib/api.ts": `export class Api {\n  private token = "";\n  setToken(token: string) {\n    this.token = token;\n  }\n  async get(path: string) {\n    return fetch(path, { headers: { authorization: this.token } });\n  }\n}\n`,
      "src/index.ts": worker(`import { Api } from "./lib/api";\nconst api = new Api();`, `api.setToken(env.PARTNER_TOKEN);\n    await api.get("/v1");`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the module calls \`fetch\` (a source of its own) yet has no store of its own: what \`setToken\` puts on the caller's instance is still followed
    expect(found.map((f) => f.message.split(":")[0])).toEqual(["`env.PARTNER_TOKEN` is kept by `api.setToken` in module-scope `this.token` of instance `api` (./lib/api.ts"]);
  });

  it("reports what a method writes on `this` of an instance a third module makes of the class", async () => {
    const dir = project({
      "src/db.ts": `export class Database {\n  private d1?: D1Database;\n  init(d1: D1Database) {\n    this.d1 = d1;\n  }\n}\n`,
      "src/services.ts": `import { Database } from "./db";\nexport const db = new Database();\n`,
      "src/index.ts": worker(`import { db } from "./services";`, `db.init(env.DB);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => f.message)).toEqual([handed("`env.DB`", "db.init", "./db", "`this.d1` of instance `db`", "./db.ts:4", HAZARD.value)]);
  });

  it("names the caller's instance for data a method reads from the request onto `this`", async () => {
    const dir = project({
      "src/tracker.ts": `export class Tracker {\n  private body: unknown;\n  async take(r: Request) {\n    this.body = await r.json();\n  }\n}\n`,
      "src/index.ts": `import { Tracker } from "./tracker";
const shared = new Tracker();
export default {
  async fetch(request: Request) {
    await shared.take(request);
    await new Tracker().take(request);
    return new Response("ok");
  },
};
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => [f.line, f.message])).toEqual([[5, "Data `shared.take` reads from `request` of one request is kept in module-scope `this.body` of instance `shared` (./tracker.ts:4)."]]);
  });

  it("takes a module variable made once, lazily, for a module-scope instance", async () => {
    const dir = project({
      "src/db.ts": `export class Database {\n  private d1?: D1Database;\n  init(d1: D1Database) {\n    this.d1 = d1;\n  }\n}\n`,
      "src/index.ts": `import { Database } from "./db";
let db: Database | null = null;
export default {
  async fetch(request: Request, env: Env) {
    if (!db) db = new Database();
    db.init(env.DB);
    let own: Database | null = null;
    own = new Database();
    own.init(env.DB);
    return new Response("ok");
  },
};
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => [f.line, f.message.split(":")[0]])).toEqual([[6, "`env.DB` is kept by `db.init` in module-scope `this.d1` of instance `db` (./db.ts"]]);
  });

  it("does not take the caller's own instance of a class for the instance its module makes", async () => {
    const dir = project({
      "src/db.ts": `export class Database {\n  private d1?: D1Database;\n  init(d1: D1Database) {\n    this.d1 = d1;\n  }\n}\nexport const db = new Database();\n`,
      "src/index.ts": worker(`import { Database, db } from "./db";`, `new Database().init(env.DB);\n    db.init(env.DB);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the new instance is this request's; \`db\` is the module's
    expect(found.map((f) => [f.line, f.message.split(":")[0]])).toEqual([[5, "`env.DB` is kept by `db.init` in module-scope `this.d1` of instance `db` (./db.ts"]]);
  });

  it("follows a method of the singleton a static method of another module's class returns", async () => {
    const config = `export class Config {
  private static instance: Config | undefined;
  private key = "";
  static getInstance() {
    if (!Config.instance) Config.instance = new Config();
    return Config.instance;
  }
  static create() {
    return new Config();
  }
  load(key: string) {
    this.key = key;
  }
}
`;
    const dir = project({
      "src/config.ts": config,
      "src/index.ts": worker(`import { Config } from "./config";`, `Config.getInstance().load(env.API_KEY);\n    Config.create().load(env.API_KEY);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`getInstance\` returns the instance its class keeps; \`create\` a new one each call
    expect(found.map((f) => [f.line, f.message.split(":")[0]])).toEqual([
      [4, "`env.API_KEY` is kept by `Config.getInstance().load` in module-scope `this.key` of instance `Config.getInstance()` (./config.ts"],
    ]);
  });

  it("follows a method an exported class inherits from a class of its module", async () => {
    const dir = project({
      "src/db.ts": `import { Pool } from "pg";
let pool: Pool | undefined;
class Base {
  private key = "";
  connect(url: string) {
    pool ??= new Pool({ connectionString: url });
    return pool;
  }
  remember(key: string) {
    this.key = key;
  }
}
export class Db extends Base {
  remember(key: string) {
    return key.length;
  }
}
`,
      "src/index.ts": worker(`import { Db } from "./db";`, `new Db().connect(env.DATABASE_URL);\n    new Db().remember(env.API_KEY);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`connect\` is Base's; \`remember\` is Db's own, which keeps nothing
    expect(found.map((f) => f.message)).toEqual([handed("`env.DATABASE_URL`", "new Db().connect", "./db", "`pool`", "./db.ts:6", HAZARD.socket)]);
  });

  it("follows a method an exported class inherits from another module's class", async () => {
    const dir = project({
      "src/base.ts": `export class Base {\n  private key = "";\n  remember(key: string) {\n    this.key = key;\n  }\n}\n`,
      "src/db.ts": `import { Base } from "./base";\nexport class Db extends Base {\n  count() {\n    return 1;\n  }\n}\n`,
      "src/index.ts": `import { Db } from "./db";
const shared = new Db();
export default {
  async fetch(request: Request, env: Env) {
    shared.remember(env.API_KEY);
    new Db().remember(env.API_KEY);
    return new Response("ok");
  },
};
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => [f.line, f.message.split(":")[0]])).toEqual([[5, "`env.API_KEY` is kept by `shared.remember` in module-scope `this.key` of instance `shared` (./base.ts"]]);
  });

  it("follows a method of the module's instance an imported function returns, not of a new one", async () => {
    const dir = project({
      "src/db.ts": `class Database {
  private d1?: D1Database;
  init(d1: D1Database) {
    this.d1 = d1;
  }
}
let db: Database | undefined;
export function getDb() {
  return (db ??= new Database());
}
export function makeDb() {
  return new Database();
}
`,
      "src/index.ts": worker(`import { getDb, makeDb } from "./db";`, `getDb().init(env.DB);\n    makeDb().init(env.DB);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => [f.line, f.message.split(":")[0]])).toEqual([[4, "`env.DB` is kept by `getDb().init` in module-scope `this.d1` of instance `db` (./db.ts"]]);
  });

  it("reports an argument kept whole under one of its own members, also through a field holding the getter's instance", async () => {
    const dir = project({
      "src/registry.ts": `export interface Provider { id: string; key: string }
export class Registry {
  private providers = new Map<string, Provider>();
  register(p: Provider) {
    this.providers.set(p.id, p);
  }
}
let instance: Registry | null = null;
export function getRegistry() {
  if (!instance) instance = new Registry();
  return instance;
}
`,
      "src/service.ts": `import { getRegistry, type Registry, type Provider } from "./registry";
export class Service {
  private registry: Registry;
  constructor() {
    this.registry = getRegistry();
  }
  add(p: Provider) {
    this.registry.register(p);
  }
}
`,
      "src/index.ts": worker(`import { getRegistry } from "./registry";\nimport { Service } from "./service";`, `getRegistry().register({ id: "openai", key: env.OPENAI_KEY });\n    new Service().add({ id: "b", key: env.B_KEY });`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the entry is keyed by a constant of the argument, not made of that member alone: the key is kept for every later request
    expect(found.map((f) => [f.line, f.message.split(":")[0]])).toEqual([
      [5, "`env.OPENAI_KEY` is kept by `getRegistry().register` in module-scope `this.providers` of instance `instance` (./registry.ts"],
      [6, "`env.B_KEY` is kept by `new Service().add` in module-scope `this.providers` of instance `instance` (./registry.ts"],
    ]);
  });

  it("follows a function bound from a dynamic import, destructured or as a namespace", async () => {
    const dir = project({
      "src/db.ts": lazyDb,
      "src/index.ts": worker(
        ``,
        `const { getDb } = await import("./db");\n    getDb({ connectionString: env.DATABASE_URL });\n    const db = await import("./db");\n    db.getDb({ connectionString: env.REPLICA_URL });`,
      ),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => [f.line, f.message.split(" in module-scope")[0]])).toEqual([
      [5, "`env.DATABASE_URL` is kept by `getDb`"],
      [7, "`env.REPLICA_URL` is kept by `db.getDb`"],
    ]);
  });

  it("follows what a module's factory made once: an object of closures, a closure, an IIFE", async () => {
    const dir = project({
      "src/cache.ts": `function createCache<T>() {
  const entries = new Map<string, T>();
  return {
    get(key: string) { return entries.get(key); },
    set(key: string, value: T) { entries.set(key, value); },
  };
}
export const cache = createCache<unknown>();
function makeSetter() {
  let token: string | undefined;
  return (v: string) => { token = v; };
}
export const setToken = makeSetter();
export const getDb = (() => { let db: unknown; return (d1: D1Database) => (db ??= { d1 }); })();
export { createCache };
`,
      "src/index.ts": worker(
        `import { cache, createCache, getDb, setToken } from "./cache";`,
        `cache.set("db", env.DB);\n    setToken(env.API_TOKEN);\n    getDb(env.DB);\n    const mine = createCache<string>();\n    mine.set("token", env.API_TOKEN);`,
      ),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: each closure was made while ./cache.ts was evaluated, so what it writes lives with the module; the handler's own cache does not
    expect(found.map((f) => [f.line, f.message.split(": it")[0]])).toEqual([
      [4, "`env.DB` is kept by `cache.set` in module-scope `entries` (closed over by `cache`) (./cache.ts:5)"],
      [5, "`env.API_TOKEN` is kept by `setToken` in module-scope `token` (closed over by `setToken`) (./cache.ts:11)"],
      [6, "`env.DB` is kept by `getDb` in module-scope `db` (./cache.ts:14)"],
    ]);
  });

  it("follows a context handed whole through a controller that hands a binding of it on", async () => {
    const dir = project({
      "src/lib/db.ts": `let db: any;\nexport function getDb(d1: any) { return (db ??= { d1 }); }\n`,
      "src/controllers/users.ts": `import { getDb } from "../lib/db";\nexport async function listUsers(c: any) { return c.json(await getDb(c.env.DB).d1.prepare("select 1").all()); }\n`,
      "src/index.ts": `import { Hono } from "hono";\nimport { listUsers } from "./controllers/users";\nconst app = new Hono<{ Bindings: Env }>();\napp.get("/users", (c) => listUsers(c));\nexport default app;\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the controller reads \`c.env.DB\` and hands it to the module that keeps it: two hops from the route
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [4, handed("`c.env.DB`", "listUsers", "./lib/db", "`db`", "./lib/db.ts:2", HAZARD.value)],
    ]);
  });

  it("follows a framework's context handed whole: the binding the helper reads through it, or the request's state", async () => {
    const dir = project({
      "src/lib/db.ts": `import { drizzle } from "drizzle-orm/d1";\nlet db: any;\nexport function getDb(c: any) {\n  db ??= drizzle(c.env.DB);\n  return db;\n}\n`,
      "src/lib/user.ts": `let user: string | undefined;\nlet current: unknown;\nexport function rememberUser(c: any) { user = c.req.header("x-user-id"); }\nexport function setContext(c: any) { current = c; }\nexport function useOnly(c: any) { return c.env.DB.prepare("select 1").all(); }\nlet bindings: unknown;\nexport function bind(c: any) { bindings = c.env; }\nlet d1: unknown;\nexport function getDbOf({ env }: { env: { DB: unknown } }) { return (d1 ??= env.DB); }\n`,
      "src/index.ts": `import { Hono } from "hono";
import { getDb } from "./lib/db";
import { bind, getDbOf, rememberUser, setContext, useOnly } from "./lib/user";
const app = new Hono<{ Bindings: Env }>();
app.get("/", async (c) => {
  getDb(c);
  rememberUser(c);
  setContext(c);
  await useOnly(c);
  bind(c);
  getDbOf(c);
  return c.text("ok");
});
export default app;
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`c\` leads to env at \`c.env\`; what the helper reads through that path is the binding, anything else of \`c\` is the request's
    expect(found.map((f) => [f.line, f.rule, f.message.split(" in module-scope")[0]])).toEqual([
      [6, "no-env-in-global-scope", "`c.env.DB` is kept by `getDb`"],
      [7, "no-request-state-in-global-scope", "`c.req`, data of one request, is kept by `rememberUser`"],
      [8, "no-request-state-in-global-scope", "`c`, an I/O object of one request, is kept by `setContext`"],
      [10, "no-env-in-global-scope", "`c.env` is kept by `bind`"],
      [11, "no-env-in-global-scope", "`c.env.DB` is kept by `getDbOf`"],
    ]);
    // why: the env object kept as it is read off the context has env's hazard, named once
    expect(found.at(-2)!.message).toBe(handed("`c.env`", "bind", "./lib/user", "`bindings`", "./lib/user.ts:7", HAZARD.env));
  });

  it("follows the module's instance an imported function returns through a constant, and names the secret of several arguments kept", async () => {
    const dir = project({
      "src/c.ts": `class Client { key?: string; setKey(k: string) { this.key = k; } }
let client: Client | undefined;
export function getClient() { return (client ??= new Client()); }
let supabase: unknown;
export const getSupabase = (url: string, key: string) => (supabase ||= { url, key, at: Date.now() });
`,
      "src/index.ts": worker(`import { getClient, getSupabase } from "./c";`, `const c = getClient();\n    c.setKey(env.API_KEY);\n    getSupabase(env.SUPABASE_URL, env.SUPABASE_KEY);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`c\` is the module's one instance, as \`getClient().setKey(…)\` would be; the key, not the url, is what goes stale
    expect(found.map((f) => [f.line, f.message.split(" (./")[0]])).toEqual([
      [5, "`env.API_KEY` is kept by `c.setKey` in module-scope `this.key` of instance `client`"],
      [6, "`env.SUPABASE_KEY` is kept by `getSupabase` in module-scope `supabase`"],
    ]);
  });

  it("follows a method an exported instance inherits, from a class of its module or of another", async () => {
    const dir = project({
      "src/base.ts": `export class Base { kv?: unknown; bind(kv: unknown) { this.kv = kv; } }\n`,
      "src/repo.ts": `import { Base } from "./base";\nclass UserRepo extends Base {}\nexport const users = new UserRepo();\n`,
      "src/audit.ts": `class Store { rows: unknown[] = []; add(row: unknown) { this.rows.push(row); } }\nclass AuditLog extends Store {}\nexport const audit = new AuditLog();\n`,
      "src/index.ts": worker(`import { users } from "./repo";\nimport { audit } from "./audit";`, `users.bind(env.KV);\n    audit.add(env.API_KEY);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the module's one instance runs the inherited method, so what it writes on \`this\` lives with the module
    expect(found.map((f) => [f.line, f.message.split(": it")[0]])).toEqual([
      [5, "`env.KV` is kept by `users.bind` in module-scope `this.kv` of instance `users` (./base.ts:1)"],
      [6, "`env.API_KEY` is kept by `audit.add` in module-scope `this.rows` of instance `audit` (./audit.ts:1)"],
    ]);
  });

  it("names a binding's read the helper keeps unawaited as a pending read", async () => {
    const dir = project({
      "wrangler.jsonc": JSON.stringify({ name: "api", main: "src/index.ts", kv_namespaces: [{ binding: "CACHE", id: "x" }], d1_databases: [{ binding: "DB", database_name: "d", database_id: "y" }] }),
      "src/u.ts": `let p: Promise<string | null> | undefined;\nexport function flags(kv: any) { return (p ??= kv.get("flags")); }\nlet d: unknown;\nexport function keep(db: any) { d = db; }\n`,
      "src/index.ts": worker(`import { flags, keep } from "./u";`, `await flags(env.CACHE);\n    keep(env.DB);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: what is kept is the promise of one request's KV read, not the namespace; the D1 binding itself is kept whole
    expect(found.map((f) => [f.line, f.message.split(": ")[1]])).toEqual([
      [4, "other requests that await that request's pending read can hang or fail."],
      [5, "it keeps the D1 database binding of the deploy that stored it."],
    ]);
  });

  it("does not count re-exports against the depth: barrels on the way are no hops", async () => {
    const dir = project({
      "src/lib/store/impl.ts": `let d1: unknown;\nexport function keep(x: unknown) { d1 = x; }\n`,
      "src/lib/store/index.ts": `export * from "./impl";\n`,
      "src/lib/service.ts": `import { keep } from "./store";\nexport function setup(x: unknown) { keep(x); }\n`,
      "src/lib/index.ts": `export * from "./service";\n`,
      "src/index.ts": worker(`import { setup } from "./lib";`, `setup(env.DB);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: two functions hand the value on (setup, keep); the two barrels only forward names
    expect(found.map((f) => [f.line, f.message.split(": it")[0]])).toEqual([[4, "`env.DB` is kept by `setup` in module-scope `d1` (./lib/store/impl.ts:2)"]]);
  });

  it("follows an imported function handed by name to an array's or a promise's callback method", async () => {
    const dir = project({
      "src/reg.ts": `const items: unknown[] = [];\nexport function add(q: unknown) { items.push(q); }\nlet last: unknown;\nexport function keep(v: unknown) { last = v; }\nexport function log(v: unknown) { console.log(v); }\n`,
      "src/index.ts": worker(`import { add, keep, log } from "./reg";`, `[env.Q1, env.Q2].forEach(add);\n    Promise.resolve(env.API_KEY).then(keep);\n    [env.Q3].forEach(log);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: forEach calls \`add\` with each element, then calls \`keep\` with what the promise gives; \`log\` keeps nothing
    expect(found.map((f) => [f.line, f.message.split(" in module-scope")[0]])).toEqual([
      [4, "`env.Q1` is kept by `add`"],
      [5, "`env.API_KEY` is kept by `keep`"],
    ]);
  });

  it("takes a Durable Object handed to a helper that reads its env for env's, not for request state", async () => {
    const dir = project({
      "src/config.ts": `let cached: unknown = null;\nexport async function loadConfig(agent: any) {\n  if (cached) return cached;\n  const stored = await agent.env.KV.get("config", "json");\n  cached = { ...stored, at: 1 };\n  return cached;\n}\n`,
      "src/index.ts": `import { DurableObject } from "cloudflare:workers";\nimport { loadConfig } from "./config";\nexport class Room extends DurableObject<Env> {\n  async webSocketMessage(ws: WebSocket, m: string) { await loadConfig(this); }\n}\n`,
    });
    // why: the helper keeps data it reads through the object's env (not reported by default), nothing of the object's own state
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
  });

  it("names the request part of an options object by its own property, not by another property's name", async () => {
    const dir = project({
      "src/auth.ts": `const instances = new Map<string, unknown>();
export function buildAuth({ env, req }: { env: { SECRET: string; URL?: string }; req: Request }) {
  const base = env.URL ?? new URL(req.url).origin;
  const made = { secret: env.SECRET, base };
  instances.set(base, made);
  return made;
}
export function keepRequest(opts: { env: unknown; req: Request }) {
  instances.set("last", opts.req);
}
`,
      "src/index.ts": worker(`import { buildAuth, keepRequest } from "./auth";`, `buildAuth({ env, req: request });\n    keepRequest({ env, req: request });`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`buildAuth\` reads its \`env\` property, but the request's state reaches the map through \`req\`: no \`request.env\` exists
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [4, "Data `buildAuth` reads from `request` of one request is kept in module-scope `instances` (./auth.ts:5)."],
      [5, "`request`, an I/O object of one request, is kept by `keepRequest` in module-scope `instances` (./auth.ts:9)."],
    ]);
  });

  it("follows SvelteKit's $lib into the helper that keeps the binding, before the generated tsconfig exists", async () => {
    const dir = project({
      "tsconfig.json": JSON.stringify({ extends: "./.svelte-kit/tsconfig.json" }),
      "svelte.config.js": `export default { kit: {} };\n`,
      "src/lib/server/db.ts": `let db: D1Database | null = null;\nexport function initDatabase(d1: any) {\n  if (!db) db = d1;\n  return db;\n}\n`,
      "src/hooks.server.ts": `import { initDatabase } from "$lib/server/db";\nexport const handle = async ({ event, resolve }: any) => {\n  initDatabase(event.platform.env.DB);\n  return resolve(event);\n};\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/hooks.server.ts");
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [3, "`event.platform.env.DB` is kept by `initDatabase` in module-scope `db` (./lib/server/db.ts:3): it keeps a binding or secret of the deploy that stored it."],
    ]);
  });

  it("reports a client another module keeps under a var's text it is not made of alone, not one made of that var or kept under a binding", async () => {
    const dir = project({
      "wrangler.toml": `name = "router"\n[vars]\nNETWORK = "mainnet"\n[[d1_databases]]\nbinding = "DB"\ndatabase_id = "x"\n`,
      "src/clients.ts": [
        `import { RouterClient } from "router-sdk";`,
        `const clients = new Map<unknown, RouterClient>();`,
        `export function clientFor(cfg: { NETWORK: string; ROUTER_KEY: string }) {`,
        `  let c = clients.get(cfg.NETWORK);`,
        `  if (!c) { c = new RouterClient({ apiKey: cfg.ROUTER_KEY }); clients.set(cfg.NETWORK, c); }`,
        `  return c;`,
        `}`,
        `export function ownClientFor(cfg: { NETWORK: string }) {`,
        `  let c = clients.get(cfg.NETWORK);`,
        `  if (!c) { c = new RouterClient({ network: cfg.NETWORK }); clients.set(cfg.NETWORK, c); }`,
        `  return c;`,
        `}`,
        `export function dbClientFor(cfg: { DB: D1Database; ROUTER_KEY: string }) {`,
        `  let c = clients.get(cfg.DB);`,
        `  if (!c) { c = new RouterClient({ db: cfg.DB, apiKey: cfg.ROUTER_KEY }); clients.set(cfg.DB, c); }`,
        `  return c;`,
        `}`,
      ].join("\n"),
      "src/index.ts": worker(`import { clientFor, ownClientFor, dbClientFor } from "./clients";`, `clientFor(env);\n    ownClientFor(env);\n    dbClientFor(env);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a new secret under the same var finds the old client; a new value of the var, or a new
    // binding object, is a new key
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [4, `\`env.ROUTER_KEY\` is kept by \`clientFor\` in module-scope \`clients\` (./clients.ts:5): ${HAZARD.client}.`],
    ]);
  });

  it("names the pending call a handler hands an LRU of another module, not the key kept in its order list", async () => {
    const dir = project({
      "src/lru.ts": `export class Lru<K, V> {\n  private map = new Map<K, V>();\n  private order: K[] = [];\n  set(key: K, value: V): void {\n    this.order.push(key);\n    this.map.set(key, value);\n  }\n  get(key: K): V | undefined {\n    return this.map.get(key);\n  }\n}\n`,
      "src/index.ts": `import { Lru } from "./lru";\nconst inflight = new Lru<string, Promise<Response>>();\nasync function render(request: Request): Promise<Response> {\n  return fetch(\`https://origin.example\${new URL(request.url).pathname}\`);\n}\nexport default {\n  async fetch(request: Request) {\n    const key = new URL(request.url).pathname;\n    const job = render(request);\n    inflight.set(key, job);\n    return (await job).clone();\n  },\n};\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: another request awaits the promise; the key in the order list is only the map's own key
    expect(found.map((f) => [f.line, f.message.split(":")[0]])).toEqual([[10, "`render(request)` of one request"]]);
  });

  it("takes a function typed with a project module's alias of a Hono type for Hono's, an app parameter and a middleware factory", async () => {
    const dir = project({
      "src/types.ts": `import type { Hono, MiddlewareHandler as HonoMw } from "hono";\nexport interface Env { SECRET: string }\nexport type App = Hono<{ Bindings: Env }>;\nexport type MiddlewareHandler = HonoMw<{ Bindings: Env }>;\n`,
      "src/routes.ts": `import type { App } from "./types";\nlet lastSecret: string | undefined;\nexport function register(app: App): void {\n  app.post("/hook", async (c) => {\n    lastSecret = c.env.SECRET;\n    return c.text("ok");\n  });\n}\n`,
      "src/mw.ts": `import type { MiddlewareHandler } from "./types";\nlet lastUser: string | undefined;\nexport const remember = (): MiddlewareHandler => async (c, next) => {\n  lastUser = c.req.header("x-user");\n  return next();\n};\n`,
      "src/index.ts": `import { Hono } from "hono";\nimport { register } from "./routes";\nimport { remember } from "./mw";\nconst app = new Hono();\napp.use(remember());\nregister(app);\nexport default app;\n`,
    });
    const eslint = await eslintFor(dir);
    // why: \`App\` and \`MiddlewareHandler\` of ./types are Hono's own types under the project's names
    expect((await lintFile(eslint, dir, "src/routes.ts")).map((f) => [f.line, f.rule])).toEqual([[5, "no-env-in-global-scope"]]);
    expect((await lintFile(eslint, dir, "src/mw.ts")).map((f) => [f.line, f.rule])).toEqual([[4, "no-request-state-in-global-scope"]]);
  });

  it("words a wrapper another module builds from a parameter named like a URL as a client keeping that secret, named as the caller reads it", async () => {
    const dir = project({
      "src/prisma.ts": `import { PrismaClient } from "@prisma/client/edge";\nlet prisma: PrismaClient | null = null;\nexport const getPrisma = (DATABASE_URL: string) => {\n  if (!prisma) prisma = new PrismaClient({ datasources: { db: { url: DATABASE_URL } } });\n  return prisma;\n};\n`,
      "src/index.ts": `import { Hono } from "hono";\nimport { env } from "hono/adapter";\nimport { getPrisma } from "./prisma";\nconst app = new Hono();\napp.get("/", async (context) => {\n  const { DATABASE_URL } = env<{ DATABASE_URL: string }>(context);\n  return context.json(await getPrisma(DATABASE_URL).user.count());\n});\nexport default app;\n`,
    });
    const [found] = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a connection string is a secret the client keeps, not a binding; the context is the code's \`context\`
    expect(found?.message).toBe(`\`env(context).DATABASE_URL\` is kept by \`getPrisma\` in module-scope \`prisma\` (./prisma.ts:4): ${HAZARD.http}.`);
  });

  it("takes rows another module reads through a database client a request's context carries (locals.app.db) for the database's data", async () => {
    const dir = project({
      "package.json": `{ "name": "site", "dependencies": { "astro": "*" } }`,
      "src/cache.ts": `interface Db { all(sql: string): Promise<unknown[]> }\nconst holder: { value: unknown[] | null } = { value: null };\nconst seen: { value: unknown[] | null } = { value: null };\nexport async function fieldDefs(db: Db) {\n  if (!holder.value) holder.value = await db.all("SELECT * FROM defs");\n  return holder.value;\n}\nexport async function prefs(user: Db) {\n  if (!seen.value) seen.value = await user.all("prefs");\n  return seen.value;\n}\n`,
      "src/pages/api/fields.ts": `import type { APIRoute } from "astro";\nimport { fieldDefs, prefs } from "../../cache";\nexport const GET: APIRoute = async ({ locals }) => {\n  await prefs(locals.user);\n  return Response.json(await fieldDefs(locals.app.db));\n};\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/pages/api/fields.ts");
    // why: what a client named for a database reads is the site's data; what is read through the user's own object is that user's
    expect(found.map((f) => [f.line, f.rule])).toEqual([[4, "no-request-state-in-global-scope"]]);
  });

  it("takes a parameter typed with a type another module exports holding env (Context & { env: Env }) for a context around env", async () => {
    const dir = project({
      "src/types.ts": `import type { Context } from "grammy";\nimport type { Context as HonoContext } from "hono";\nexport interface Env { SESSIONS: KVNamespace }\nexport type BotContext = Context & { env: Env };\nexport interface Plain { env: string }\nexport type AppContext = HonoContext<{ Bindings: Env }>;\n`,
      "src/stars.ts": `import type { AppContext, BotContext, Plain } from "./types";\nlet kv: KVNamespace | null = null;\nlet name: string | null = null;\nlet app: KVNamespace | null = null;\nexport async function stars(ctx: BotContext) {\n  if (!kv) kv = ctx.env.SESSIONS;\n}\nexport async function other(opts: Plain) {\n  if (!name) name = opts.env;\n}\nexport async function route(c: AppContext) {\n  if (!app) app = c.env.SESSIONS;\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/stars.ts");
    // why: \`ctx.env\` is the bindings by the type the module exports; a member typed \`string\` holds no env; a type
    // argument's member (\`HonoContext<{ Bindings: Env }>\`) is no member of the context: that is Hono's, with env at \`c.env\`
    expect(found.map((f) => [f.line, f.message.split(":")[0]])).toEqual([
      [6, "Lazy singleton `kv` is built once from `ctx.env.SESSIONS`"],
      [12, "Lazy singleton `app` is built once from `c.env.SESSIONS`"],
    ]);
  });

  it("names a binding's kind by the file's own env type when no Worker config is found (a shared package)", async () => {
    const dir = project({
      "src/logger.ts": `import { drizzle } from "drizzle-orm/d1";\nlet logger: ReturnType<typeof drizzle> | null = null;\nexport function getLogger(database: D1Database) {\n  if (!logger) logger = drizzle(database);\n  return logger;\n}\n`,
      "src/routes.ts": `import { Hono } from "hono";\nimport { getLogger } from "./logger";\ntype Bindings = { DB: D1Database };\nexport const routes = new Hono<{ Bindings: Bindings }>();\nroutes.get("/logs", async (c) => {\n  getLogger(c.env.DB);\n  return c.text("ok");\n});\n`,
    });
    const [found] = await lintFile(await eslintFor(dir), dir, "src/routes.ts");
    // why: \`type Bindings = { DB: D1Database }\` says what \`c.env.DB\` is: a D1 database, not a client of unknown make
    expect(found?.message).toBe("`c.env.DB` is kept by `getLogger` in module-scope `logger` (./logger.ts:4): it keeps the D1 database binding of the deploy that stored it.");
  });

  it("follows a method of another module's instance called through a field that only holds it, and through a factory's instance", async () => {
    const dir = project({
      "src/hub.ts": `export class Hub {\n  private config: { env: unknown } | null = null;\n  setConfig(options: { env: unknown }) {\n    this.config = options;\n    return this;\n  }\n}\nexport const createHub = () => new Hub();\nexport const hub = createHub();\n`,
      "src/index.ts": `import { DurableObject } from "cloudflare:workers";\nimport { hub } from "./hub";\nexport class Room extends DurableObject<Env> {\n  private shared = hub;\n  constructor(ctx: DurableObjectState, env: Env) {\n    super(ctx, env);\n    this.shared.setConfig({ env });\n  }\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: every Room of the isolate aliases the one module-scope \`hub\`, which a factory of its module made
    expect(found.map((f) => [f.line, f.message.split(":")[0]])).toEqual([[7, "`env` is kept by `hub.setConfig` in module-scope `this.config` of instance `hub` (./hub.ts"]]);
  });

  it("leaves a flag another module keeps of the one binding it reads off the env it is handed", async () => {
    const dir = project({
      "wrangler.jsonc": `{ "name": "w", "main": "src/index.ts", "r2_buckets": [{ "binding": "R2", "bucket_name": "b" }], "vars": { "MODE": "live" } }`,
      "src/log.ts": `const queue: unknown[] = [];\nexport function note(env: { R2?: R2Bucket; MODE?: string }) {\n  queue.push({ hasBucket: !!env.R2 });\n}\nexport function noteMode(env: { MODE?: string }) {\n  queue.push({ live: env.MODE === "live" });\n}\n`,
      "src/index.ts": `import { note, noteMode } from "./log";\nexport default {\n  async fetch(request: Request, env: Env) {\n    note(env);\n    noteMode(env);\n    return new Response("ok");\n  },\n};\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: whether a bucket is bound keeps none of it (the config says \`R2\` is one); a flag of a var is that var's snapshot
    expect(found.map((f) => [f.line, f.rule])).toEqual([[5, "no-env-in-global-scope"]]);
  });

  it("takes a parameter typed with an alias of Hono's Context, the project's or the file's own, for Hono's context", async () => {
    const dir = project({
      "src/types/app-context.ts": `import type { Context } from "hono";\nexport type AppContext = Context<{ Bindings: { MAIL_KEY: string } }>;\n`,
      "src/mail.ts": `import type { AppContext } from "./types/app-context";\nlet apiKey: string | undefined;\nexport const sendMail = async (to: string, c: AppContext) => {\n  apiKey ??= c.env.MAIL_KEY;\n  return fetch("https://mail.example", { headers: { "api-key": apiKey }, body: to });\n};\n`,
      "src/local.ts": `import type { Context } from "hono";\ntype Ctx = Context<{ Bindings: { MAIL_KEY: string } }>;\nlet lastKey: string | undefined;\nexport function remember(c: Ctx) { lastKey = c.env.MAIL_KEY; }\n`,
      "src/plain.ts": `import type { Context } from "hono";\ntype Ctx = { env: { MAIL_KEY: string } };\nlet lastKey: string | undefined;\nexport function remember(c: Ctx) { lastKey = c.env.MAIL_KEY; }\nexport type Unused = Context;\n`,
    });
    const eslint = await eslintFor(dir);
    // why: \`AppContext\` of ./types and the file's \`Ctx\` are Hono's \`Context\` under the project's names
    expect((await lintFile(eslint, dir, "src/mail.ts")).map((f) => [f.line, f.rule])).toEqual([[4, "no-env-in-global-scope"]]);
    expect((await lintFile(eslint, dir, "src/local.ts")).map((f) => [f.line, f.rule])).toEqual([[4, "no-env-in-global-scope"]]);
    // why: an alias of an object type of the file's own is no framework's context
    expect(await lintFile(eslint, dir, "src/plain.ts")).toEqual([]);
  });

  it("leaves an entry another module keeps under a member of a config made from env, built from that member alone", async () => {
    const dir = project({
      "src/config.ts": [
        `export function readConfig(env: { TEAM_DOMAIN?: string; AUD?: string; DB_URL: string }) {`,
        `  return { teamDomain: (env.TEAM_DOMAIN ?? "").replace(/\\/$/, ""), audience: env.AUD ?? "", dbUrl: env.DB_URL };`,
        `}`,
      ].join("\n"),
      "src/verify.ts": [
        `import { createRemoteJWKSet } from "jose";`,
        `import { Pool } from "pg";`,
        `const sets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();`,
        `const pools = new Map<string, Pool>();`,
        `export function keysFor(config: { teamDomain: string }) {`,
        `  let set = sets.get(config.teamDomain);`,
        `  if (!set) { set = createRemoteJWKSet(new URL(\`\${config.teamDomain}/certs\`)); sets.set(config.teamDomain, set); }`,
        `  return set;`,
        `}`,
        `export function poolFor(config: { dbUrl: string }) {`,
        `  let pool = pools.get(config.dbUrl);`,
        `  if (!pool) { pool = new Pool({ connectionString: config.dbUrl }); pools.set(config.dbUrl, pool); }`,
        `  return pool;`,
        `}`,
      ].join("\n"),
      "src/index.ts": worker(`import { readConfig } from "./config";\nimport { keysFor, poolFor } from "./verify";`, `const config = readConfig(env);\n    keysFor(config);\n    poolFor(config);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a new domain is a new key, and what it finds is made of that domain alone; a pool's
    // socket fails in the next request whatever its key
    expect(found.map((f) => [f.line, f.rule])).toEqual([[7, "no-env-in-global-scope"]]);
  });

  it("keeps no request data in the body a helper fetches with a URL spelled from the request's data, as a fetch written in place", async () => {
    const dir = project({
      "src/auth.ts": [
        `let keysCache: { keys: unknown[] } | null = null;`,
        `async function keysOf(issuer: string) {`,
        `  const certsUrl = \`\${issuer}/certs\`;`,
        `  const data: any = await (await fetch(certsUrl)).json();`,
        `  keysCache = { keys: data.keys };`,
        `  return data.keys;`,
        `}`,
        `export async function requireAuth(request: Request) {`,
        `  const token = request.headers.get("x-token") ?? "";`,
        `  return keysOf(JSON.parse(atob(token)).iss);`,
        `}`,
      ].join("\n"),
      "src/index.ts": worker(`import { requireAuth } from "./auth";`, `await requireAuth(request);`),
    });
    const eslint = await eslintFor(dir);
    // why: the body is the upstream's answer to a URL, as \`fetch(\`\${iss}/certs\`)\` written in the
    // handler gives; only the request itself or its headers forwarded make it personal
    expect((await lintFile(eslint, dir, "src/auth.ts")).map((f) => [f.line, f.rule])).toEqual([]);
    expect((await lintFile(eslint, dir, "src/index.ts")).map((f) => [f.line, f.rule])).toEqual([]);
  });

  it("reports a framework event handed to a helper that keeps an object of several reads of it", async () => {
    const dir = project({
      "package.json": `{ "dependencies": { "@sveltejs/kit": "2" } }`,
      "src/lib/audit.ts": `const trail: unknown[] = [];\nexport function audit(e: any) {\n  trail.push({ path: e.url.pathname, ua: e.request.headers.get("user-agent") });\n}\n`,
      "src/hooks.server.ts": `import type { Handle } from "@sveltejs/kit";\nimport { audit } from "./lib/audit";\nexport const handle: Handle = async ({ event, resolve }) => {\n  audit(event);\n  return resolve(event);\n};\n`,
    });
    // why: the path and the user agent are that request's, kept for every later request to see
    expect((await lintFile(await eslintFor(dir), dir, "src/hooks.server.ts")).map((f) => [f.line, f.message])).toEqual([
      [4, "Data `audit` reads from `event` of one request is kept in module-scope `trail` (./lib/audit.ts:3)."],
    ]);
  });

  it("values a loader a factory of the file makes as what it returns, as a loader written in place", async () => {
    const dir = project({
      "wrangler.toml": `name = "app"\n[[d1_databases]]\nbinding = "DB"\ndatabase_id = "x"\n`,
      "src/db.ts": `let current: unknown;\nexport async function ensureDb(make: () => Promise<unknown>) {\n  if (!current) current = await make();\n}\n`,
      "src/index.ts": [
        `import { drizzle } from "drizzle-orm/d1";`,
        `import { ensureDb } from "./db";`,
        `function makerFor(env: Env) {`,
        `  return async () => drizzle(env.DB);`,
        `}`,
        `export default {`,
        `  async fetch(request: Request, env: Env) {`,
        `    await ensureDb(makerFor(env));`,
        `    return new Response("ok");`,
        `  },`,
        `};`,
      ].join("\n"),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the helper calls the loader and keeps its client over the binding, not the closure
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [8, `\`env.DB\` is kept by \`ensureDb\` in module-scope \`current\` (./db.ts:3): ${HAZARD.binding.replace("the binding", "the D1 database binding")}.`],
    ]);
  });

  it("takes a flag of a binding handed to another module's logger for the flag it is, and names the value beside it", async () => {
    const dir = project({
      "wrangler.toml": `name = "app"\n[vars]\nACCOUNT = "a"\n[[r2_buckets]]\nbinding = "R2"\nbucket_name = "b"\n`,
      "src/log.ts": `class Log {\n  private queue: Array<Record<string, unknown>> = [];\n  info(message: string, extra?: Record<string, unknown>) { this.queue.push({ message, ...extra }); }\n}\nexport const log = new Log();\n`,
      "src/index.ts": worker(`import { log } from "./log";`, `log.info("bucket", { hasBucket: !!env.R2 });\n    log.info("client", { hasBucket: Boolean(env.R2), account: env.ACCOUNT });`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a flag of the binding keeps no binding, as in one file; the var kept beside it is what the message names
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [5, "`env.ACCOUNT` is kept by `log.info` in module-scope `this.queue` of instance `log` (./log.ts:3): it keeps the var of the deploy that stored it."],
    ]);
  });

  it("takes a helper's context typed as a union of Astro's contexts for that context: what it returns of its env is env", async () => {
    const dir = project({
      "src/lib/db-url.ts": `import type { APIContext } from "astro";\nimport type { ActionAPIContext } from "astro:actions";\nexport function databaseUrl(context: APIContext | ActionAPIContext) {\n  return context.locals.runtime.env.DB_URL;\n}\n`,
      "src/middleware.ts": `import { defineMiddleware } from "astro:middleware";\nimport { databaseUrl } from "./lib/db-url";\nlet dbUrl: string;\nexport const onRequest = defineMiddleware(async (context, next) => {\n  dbUrl = databaseUrl(context);\n  return next();\n});\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/middleware.ts");
    // why: no request's I/O is kept, but a var of the deploy
    expect(found.map((f) => [f.line, f.rule])).toEqual([[5, "no-env-in-global-scope"]]);
  });

  it("follows a method Object.assign gives a default-exported function", async () => {
    const dir = project({
      "src/notify.ts": `let topic = "";\nexport default Object.assign(\n  async function notify(text: string) { await fetch("https://ntfy.sh/" + topic, { method: "POST", body: text }); },\n  { setup(t: string) { topic = t; } },\n);\n`,
      "src/index.ts": worker(`import notify from "./notify";`, `notify.setup(env.NTFY_TOPIC);\n    await notify("hit");`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [4, "`env.NTFY_TOPIC` is kept by `notify.setup` in module-scope `topic` (./notify.ts:4): it keeps a binding or secret of the deploy that stored it."],
    ]);
  });

  it("takes an app a project factory makes with Hono (`const app = makeApp()`) for a Hono app", async () => {
    const dir = project({
      "src/lib/make-app.ts": `import { Hono } from "hono";\nexport function makeApp() {\n  const app = new Hono<{ Bindings: { KV: KVNamespace } }>();\n  return app;\n}\nexport const makeApi = () => new Hono();\n`,
      "src/index.ts": `import { makeApp } from "./lib/make-app";\nlet kept: unknown;\nconst app = makeApp();\napp.get("/", async (c) => {\n  kept = c.env.KV;\n  return c.text("ok");\n});\nexport default app;\n`,
      "src/api.ts": `import { makeApi } from "./lib/make-app";\nlet last: unknown;\nconst api = makeApi();\napi.post("/", async (c) => {\n  last = c.env.TOKEN;\n  return c.text("ok");\n});\nexport default api;\n`,
    });
    const eslint = await eslintFor(dir);
    // why: the route's \`c\` is Hono's context, whose env the factory's app is handed
    expect((await lintFile(eslint, dir, "src/index.ts")).map((f) => [f.line, f.rule])).toEqual([[5, "no-env-in-global-scope"]]);
    expect((await lintFile(eslint, dir, "src/api.ts")).map((f) => [f.line, f.rule])).toEqual([[5, "no-env-in-global-scope"]]);
  });

  it("names data handed and kept as it is, or made into text, as that data: the callee reads nothing of it", async () => {
    const dir = project({
      "src/audit.ts": `const entries: unknown[] = [];\nexport function audit(payload: unknown) {\n  entries.push({ at: Date.now(), payload });\n}\n`,
      "src/i18n.ts": `let current = "en";\nexport function setLocale(locale: string) {\n  current = locale.split(",")[0] || "en";\n}\n`,
      "src/index.ts": worker(`import { audit } from "./audit";\nimport { setLocale } from "./i18n";`, `audit(await request.json());\n    setLocale(request.headers.get("accept-language") ?? "en");`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [5, "`request.json()`, data of one request, is kept by `audit` in module-scope `entries` (./audit.ts:3)."],
      [6, '`request.headers.get("accept-language")`, data of one request, is kept by `setLocale` in module-scope `current` (./i18n.ts:3).'],
    ]);
  });

  it("names the secret-like member two modules away, when a helper hands several on", async () => {
    const dir = project({
      "src/store.ts": `let client: unknown = null;\nexport function connectStore(url: string, key: string) {\n  client = makeClient(url, key);\n}\n`,
      "src/boot.ts": `import { connectStore } from "./store";\nexport function boot({ SUPABASE_URL, SUPABASE_KEY }: Env) {\n  connectStore(SUPABASE_URL, SUPABASE_KEY);\n}\n`,
      "src/index.ts": worker(`import { boot } from "./boot";`, `boot(env);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => f.message.split(" is kept by")[0])).toEqual(["`env.SUPABASE_KEY`"]);
  });

  it("takes a helper's cache of the upstream's answers, fetched with a secret, for the upstream's data", async () => {
    const dir = project({
      "src/gh.ts": `const responses = new Map<string, { status: number; headers: [string, string][]; body: string }>();
export async function ghGet(env: Env, path: string) {
  const hit = responses.get(path);
  if (hit) return JSON.parse(hit.body);
  const res = await fetch(new URL(path, env.API_BASE).toString(), { headers: { authorization: \`Bearer \${env.GH_TOKEN}\` } });
  const entry = { status: res.status, headers: Array.from(res.headers.entries()), body: await res.text() };
  responses.set(path, entry);
  return JSON.parse(entry.body);
}
export async function ping(env: Env) {
  const res = await fetch(env.STATUS_URL);
  responses.set("status", { status: res.status, headers: [], body: "" });
}
export async function forward(req: Request) {
  const res = await fetch("https://upstream.example.com", { method: "POST", body: req.body });
  responses.set("last", { status: res.status, headers: [], body: await res.text() });
}
`,
      "src/index.ts": worker(`import { ghGet, forward, ping } from "./gh";`, `await ghGet(env, "/repos/o/r");\n    await forward(request);\n    await ping(env);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the status, headers and body are the upstream's, not the secret the request was sent with;
    // the answer to this request's own body forwarded upstream is that request's
    expect(found.map((f) => [f.line, f.rule])).toEqual([[5, "no-request-state-in-global-scope"]]);
  });

  it("takes what a helper reads back from a Response it makes of the upstream's answer for the upstream's data", async () => {
    const dir = project({
      "src/api.ts": `function copyOf(entry: { status: number; text: string }): Response {
  return new Response(entry.text, { status: entry.status });
}
export async function getJson(env: Env, path: string): Promise<unknown> {
  const pending = (async () => {
    const res = await fetch("https://api.example.com" + path, { headers: { authorization: env.TOKEN } });
    return { status: res.status, text: await res.text() };
  })();
  return copyOf(await pending).json();
}
`,
      "src/index.ts": worker(`import { getJson } from "./api";\nconst memo = new Map<string, unknown>();`, `memo.set("runs", await getJson(env, "/runs"));`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the helper answers with data of a Response it made itself from what it fetched: nothing
    // of the env it was handed, and no request's data
    expect(found).toEqual([]);
  });

  it("follows what an export returns through the module's own function it calls, in a large module", async () => {
    const filler = Array.from({ length: 80 }, (_, i) => `// note ${i}: the module is long enough to be read only where a function may return something`).join("\n");
    const dir = project({
      "src/api.ts": `${filler}
async function request(env: Env, path: string): Promise<unknown> {
  const res = await fetch("https://api.example.com" + path, { headers: { authorization: env.TOKEN } });
  return res.json();
}
export async function getJson(env: Env, path: string): Promise<unknown> {
  return request(env, path);
}
`,
      "src/index.ts": worker(`import { getJson } from "./api";\nconst memo = new Map<string, unknown>();`, `memo.set("runs", await getJson(env, "/runs"));`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: `getJson` answers with what `request` fetched: the upstream's data, not the env it was handed
    expect(found).toEqual([]);
  });

  it("follows what an export returns through re-exports without spending the depth on them", async () => {
    const dir = project({
      "src/api.ts": `export async function getJson(env: Env, path: string): Promise<unknown> {
  const res = await fetch("https://api.example.com" + path, { headers: { authorization: env.TOKEN } });
  return res.json();
}
`,
      "src/github.ts": `export { getJson } from "./api";\n`,
      "src/helpers.ts": `import { getJson as fetchJson } from "./github";\nexport const getJson = fetchJson;\n`,
      "src/utils.ts": `export * from "./helpers";\n`,
      "src/index.ts": worker(`import { getJson } from "./utils";\nconst memo = new Map<string, unknown>();`, `memo.set("runs", await getJson(env, "/runs"));`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: three forwards lead to the function; with the default depth of 3 each forward used to
    // spend one, and the answer was lost (the call then taken for something built from env)
    expect(found).toEqual([]);
  });

  it("names an instance of a third module's class that keeps env whole as the env it holds, two modules away", async () => {
    const dir = project({
      "src/highlight.ts": `export class Highlighter {\n  constructor(private env: Env) {}\n  embed(t: string) { return this.env.AI.run("m", { text: [t] }); }\n}\n`,
      "src/search.ts": `import { Highlighter } from "./highlight";\nlet highlighter: Highlighter | null = null;\nexport function handleSearch(env: Env, q: string) {\n  if (!highlighter) highlighter = new Highlighter(env);\n  return highlighter.embed(q);\n}\n`,
      "src/index.ts": worker(`import { handleSearch } from "./search";`, `await handleSearch(env, "q");`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => f.message)).toEqual([handed("`env`", "handleSearch", "./search", "`highlighter`", "./search.ts:4", HAZARD.env)]);
  });

  it("follows a method of another module's class held in a field (this.rows.list(env.DB, q)) to what it returns", async () => {
    const dir = project({
      "src/rows.ts": `export class Rows {\n  async list(db: D1Database, q: string) {\n    return (await db.prepare(q).all()).results;\n  }\n}\n`,
      "src/engine.ts": `import { Rows } from "./rows";\nexport class Engine {\n  private rows = new Rows();\n  private cache = new Map<string, unknown>();\n  async find(env: Env, q: string) {\n    const r = await this.rows.list(env.DB, q);\n    this.cache.set(q, r);\n    return r;\n  }\n}\nexport const engine = new Engine();\n`,
      "src/index.ts": worker(`import { engine } from "./engine";`, `await engine.find(env, "select 1");`),
    });
    const eslint = await eslintFor(dir);
    // why: what the field's instance returns is the rows read through the binding (not reported by default), not the binding
    expect(await lintFile(eslint, dir, "src/engine.ts")).toEqual([]);
    expect(await lintFile(eslint, dir, "src/index.ts")).toEqual([]);
  });

  it("takes what an awaited wrapper's callback reads through a binding for that data, not for a closure over env", async () => {
    const dir = project({
      "src/guard.ts": `export async function withTimeout<T>(op: () => Promise<T>, ms = 5000): Promise<T> {\n  return Promise.race([op(), new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);\n}\n`,
      "src/log.ts": `const lines: Array<Record<string, unknown>> = [];\nexport function note(message: string, fields: Record<string, unknown>) {\n  lines.push({ message, ...fields });\n}\n`,
      "src/index.ts": worker(
        `import { withTimeout } from "./guard";\nimport { note } from "./log";`,
        `const row = await withTimeout(() => env.DB.prepare("select title from posts").first<{ title: string }>());\n    note("loaded", { title: row?.title });`,
      ),
    });
    // why: the row is data read through the binding (not reported by default); the callback ran, nothing keeps it
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
  });

  it("hands a rest parameter every argument from its position on", async () => {
    const dir = project({
      "src/log.ts": `const buffer: unknown[][] = [];
export function log(...args: unknown[]) {
  buffer.push(args);
}
export function note(label: string, ...rest: unknown[]) {
  buffer.push([label, rest.length]);
}
`,
      "src/index.ts": worker(`import { log, note } from "./log";`, `log("request", request.url);\n    note("request", request.url);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the array of what \`log\` is handed is kept; \`note\` keeps only its label and a count
    expect(found.map((f) => [f.line, f.message])).toEqual([[4, "`request.url`, data of one request, is kept by `log` in module-scope `buffer` (./log.ts:3)."]]);
  });

  it("hands each element of a list spread out in the call to its own parameter", async () => {
    const dir = project({
      "src/keep.ts": `let token: string | undefined;\nexport function keep(label: string, value: string) {\n  token = value;\n}\n`,
      "src/index.ts": worker(`import { keep } from "./keep";`, `keep(...["jwt", env.JWT_SECRET] as const);\n    keep(...([env.API_KEY, "x"] as const));`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the secret spread into \`value\` is kept; the key spread into \`label\` is not
    expect(found.map((f) => [f.line, f.message])).toEqual([[4, "`env.JWT_SECRET` is kept by `keep` in module-scope `token` (./keep.ts:3): it keeps a binding or secret of the deploy that stored it."]]);
  });

  it("leaves a construction of no known kind that another module rebuilds whenever the secret changes", async () => {
    const dir = project({
      "src/cookie.ts": `import { createCookie } from "some-cookie-lib";\nlet cookie: unknown;\nlet cookieKey: string | undefined;\nexport function useSecret(key: string) {\n  if (cookie && cookieKey === key) return;\n  cookieKey = key;\n  cookie = createCookie("s", { secrets: [key] });\n}\n`,
      "src/pool.ts": `let pool: unknown;\nlet lastUrl: string | undefined;\nexport function usePool(url: string) {\n  if (pool && lastUrl === url) return;\n  lastUrl = url;\n  pool = makePool(url);\n}\n`,
      "src/index.ts": worker(`import { useSecret } from "./cookie";\nimport { usePool } from "./pool";`, `useSecret(env.COOKIE_SECRET);\n    usePool(env.DATABASE_URL);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the signer is rebuilt with a new secret; what a connection string builds may hold a connection
    expect(found.map((f) => [f.line, f.message.split(":")[0]])).toEqual([[6, "`env.DATABASE_URL` is kept by `usePool` in module-scope `pool` (./pool.ts"]]);
  });

  it("follows a method of the singleton another module's static getter gives, kept in a constant", async () => {
    const dir = project({
      "src/registry.ts": `export class Registry {\n  private static shared: Registry;\n  private entries = new Map<string, () => unknown>();\n  static get(): Registry {\n    if (!Registry.shared) Registry.shared = new Registry();\n    return Registry.shared;\n  }\n  provide(name: string, make: () => unknown) {\n    this.entries.set(name, make);\n  }\n}\n`,
      "src/index.ts": worker(`import { Registry } from "./registry";\nconst registry = Registry.get();`, `registry.provide("db", () => env.DB);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => [f.line, f.message.split(":")[0]])).toEqual([[5, "a closure over `env` is kept by `registry.provide` in module-scope `this.entries` of instance `registry` (./registry.ts"]]);
  });

  it("names the secret a helper reads off the context it is handed, beside a URL", async () => {
    const dir = project({
      "src/store.ts": `import { createClient } from "@supabase/supabase-js";\nimport type { Context } from "hono";\nlet shared: unknown;\nexport function storeClient(c: Context) {\n  const key = c.env.STORE_PRIVATE_KEY;\n  const url = c.env.STORE_URL;\n  shared ??= createClient(url, key);\n  return shared;\n}\n`,
      "src/index.ts": `import { Hono } from "hono";\nimport { storeClient } from "./store";\nconst app = new Hono();\napp.get("/", (c) => c.json(storeClient(c)));\nexport default app;\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: of two reads the client is built from, the message names the one named like a secret, as the helper's own finding does
    expect(found.map((f) => f.message.split(" is kept")[0])).toEqual(["`c.env.STORE_PRIVATE_KEY`"]);
  });

  it("names a secret named in lower case, and the secret read through a function of the file", async () => {
    const dir = project({
      "src/guard.ts": `let guard: unknown;\nexport function getGuard(db: D1Database, cookieSecret: string) {\n  guard ??= { db, secrets: [cookieSecret] };\n  return guard;\n}\n`,
      "src/auth.ts": `import { betterAuth } from "better-auth";\nlet shared: unknown;\nconst build = (env: Env) => betterAuth({ baseURL: env.SITE_URL, secret: env.AUTH_SECRET });\nexport function authFor(env: Env) {\n  if (!shared) shared = build(env);\n  return shared;\n}\n`,
      "src/index.ts": worker(`import { getGuard } from "./guard";\nimport { authFor } from "./auth";`, `getGuard(env.DB, env.cookie_secret);\n    authFor(env);`),
    });
    const eslint = await eslintFor(dir);
    // why: \`cookie_secret\` is named like a secret as \`COOKIE_SECRET\` is: the message names it, not the binding beside it
    expect((await lintFile(eslint, dir, "src/index.ts")).map((f) => f.message.split(" is kept")[0])).toEqual(["`env.cookie_secret`", "`env.AUTH_SECRET`"]);
    // why: a client built through a function of the file from two reads is named by the secret one, as when built inline
    expect((await lintFile(eslint, dir, "src/auth.ts")).map((f) => f.message.split(":")[0])).toEqual(["Lazy singleton `shared` is built once from `env.AUTH_SECRET`"]);
  });

  it("names what a helper keeps of several members of the env it is handed by the secret-like one", async () => {
    const dir = project({
      "src/config.ts": `let normalized: { base: string; token: string } | undefined;\nexport function normalizeConfig(source: { API_BASE: string; API_TOKEN: string }) {\n  if (normalized) return normalized;\n  normalized = { base: source.API_BASE.replace(/\\/$/, ""), token: source.API_TOKEN.trim() };\n  return normalized;\n}\n`,
      "src/index.ts": worker(`import { normalizeConfig } from "./config";`, `normalizeConfig(env);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the object kept holds the token: the message names it, not the env object handed
    expect(found.map((f) => f.message.split(" is kept")[0])).toEqual(["`env.API_TOKEN`"]);
  });

  it("takes an entry a helper keeps under an id it makes fresh for it for no other request's", async () => {
    const dir = project({
      "src/game.ts": `const words = new Map<string, string>();\nexport function begin(lang: string) {\n  const id = crypto.randomUUID();\n  words.set(id, lang.toLowerCase());\n  return id;\n}\n`,
      "src/index.ts": worker(`import { begin } from "./game";`, `const { lang } = (await request.json()) as { lang: string };\n    return Response.json({ id: begin(lang) });`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the entry's id is new to this call: only the client handed it finds the entry
    expect(found).toEqual([]);
  });

  it("follows an accessor named for env in a file with no env word of its own", async () => {
    const dir = project({
      "src/cf.ts": `import { env } from "cloudflare:workers";\nexport function getCloudflareEnv(): Env {\n  return env;\n}\n`,
      "src/db.ts": `import { drizzle } from "drizzle-orm/d1";\nimport { getCloudflareEnv } from "./cf";\nlet cached: unknown;\nexport const getDb = () => {\n  cached ??= drizzle(getCloudflareEnv().DB);\n  return cached;\n};\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/db.ts");
    // why: the text names no \`env\`, but the accessor it calls hands back the live env its module imports
    expect(found.map((f) => [f.line, f.message.split(":")[0]])).toEqual([[5, "Lazy singleton `cached` is built once from `getCloudflareEnv().DB`"]]);
  });

  it("follows a helper whose module array is typed with a function type", async () => {
    const dir = project({
      "src/index.ts": worker(`import { onKey } from "./hooks";`, `onKey(env.KEY);`),
      "src/hooks.ts": `const hooks: (() => string)[] = [];\nexport function onKey(key: string) {\n  hooks.push(() => key);\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => f.rule)).toEqual(["no-env-in-global-scope"]);
    expect(found[0].message).toContain("(./hooks.ts:3)");
  });

  it("reports a socket handed to a helper that adds it to a module set", async () => {
    const dir = project({
      "src/index.ts": `import { join } from "./rooms";\nexport default {\n  async fetch(request: Request) {\n    const [client, server] = Object.values(new WebSocketPair());\n    server.accept();\n    join(server);\n    return new Response(null, { status: 101, webSocket: client });\n  },\n};\n`,
      "src/rooms.ts": `const sockets = new Set<WebSocket>();\nexport function join(ws: WebSocket) {\n  sockets.add(ws);\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 6]]);
    expect(found[0].message).toContain("kept by `join` in module-scope `sockets` (./rooms.ts:3)");
  });

  it("reports a request handed to a helper that keeps it", async () => {
    const dir = project({
      "src/index.ts": worker(`import { track } from "./track";`, `track(request);`),
      "src/track.ts": `const pending = [];\nexport function track(r) { pending.push(r); }\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found).toEqual([
      {
        rule: "no-request-state-in-global-scope",
        line: 4,
        column: 5,
        message:
          "`request`, an I/O object of one request, is kept by `track` in module-scope `pending` (./track.ts:2).",
      },
    ]);
  });

  it("says whether a helper keeps the request itself, a member of it, or data it reads from it", async () => {
    const dir = project({
      "src/index.ts": worker(
        `import { keepRequest, keepUrl, keepBody, keepBoth, keepUser } from "./keep";`,
        `keepRequest(request);\n    keepUrl(request);\n    await keepBody(request);\n    await keepBoth(request, new URL(request.url).pathname);\n    keepUser(request);`,
      ),
      "src/keep.ts": [
        `let lastRequest: Request | undefined;`,
        `let lastUrl = "";`,
        `let lastBody: unknown;`,
        `export function keepRequest(r: Request) { lastRequest = r; }`,
        `export function keepUrl(r: Request) { lastUrl = r.url; }`,
        `export async function keepBody(r: Request) { lastBody = await r.json(); }`,
        `const seen: unknown[] = [];`,
        `export async function keepBoth(r: Request, path: string) { seen.push(await r.text()); seen.push(path); }`,
        `let user: string | null = null;`,
        `export function keepUser(r: Request) { user = r.headers.get("x-user"); }`,
        ``,
      ].join("\n"),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: of two arguments kept, the message names the one kept as it is handed (the path), not the one read from
    expect(found.map((f) => f.message)).toEqual([
      "`request`, an I/O object of one request, is kept by `keepRequest` in module-scope `lastRequest` (./keep.ts:4).",
      "`request.url`, data of one request, is kept by `keepUrl` in module-scope `lastUrl` (./keep.ts:5).",
      "Data `keepBody` reads from `request` of one request is kept in module-scope `lastBody` (./keep.ts:6).",
      "`new URL(request.url).pathname`, data of one request, is kept by `keepBoth` in module-scope `seen` (./keep.ts:8).",
      // why: a header read through a method of the request's headers is data of that member, not the request
      "`request.headers`, data of one request, is kept by `keepUser` in module-scope `user` (./keep.ts:10).",
    ]);
  });

  it("reports a connection a helper keeps under the url it is built from, not a digest kept under its secret", async () => {
    const dir = project({
      "src/index.ts": worker(`import { pool, fingerprint, perEnv } from "./lib";`, `pool(env.DATABASE_URL);\n    await fingerprint(env.AUTH_SECRET);\n    perEnv(env);`),
      "src/lib.ts": [
        `import { Pool } from "pg";`,
        `const pools = new Map<string, Pool>();`,
        `const digests = new Map<string, string>();`,
        `const clients = new Map<object, Pool>();`,
        `export function pool(url: string) {`,
        `  let p = pools.get(url);`,
        `  if (!p) { p = new Pool({ connectionString: url }); pools.set(url, p); }`,
        `  return p;`,
        `}`,
        `export async function fingerprint(secret: string) {`,
        `  const buf = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));`,
        `  const hex = [...new Uint8Array(buf)].map((b) => b.toString(16)).join("");`,
        `  digests.set(secret, hex);`,
        `  return hex;`,
        `}`,
        `export function perEnv(e: { DATABASE_URL: string }) { clients.set(e, new Pool({ connectionString: e.DATABASE_URL })); }`,
        ``,
      ].join("\n"),
    });
    // why: a pool fails in the next request whatever its key, also under the env object itself (the
    // next request of that env gets it); a digest under its own secret holds nothing another input finds
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([
      { rule: "no-env-in-global-scope", line: 4, column: 5, message: handed("`env.DATABASE_URL`", "pool", "./lib", "`pools`", "./lib.ts:7", HAZARD.socket) },
      { rule: "no-env-in-global-scope", line: 6, column: 5, message: handed("`env.DATABASE_URL`", "perEnv", "./lib", "`clients`", "./lib.ts:16", HAZARD.socket) },
    ]);
  });

  it("follows a method of a named module object that writes `this`", async () => {
    const dir = project({
      "src/index.ts": worker(`import { cfg } from "./cfg";`, `cfg.setKey(env.API_KEY);`),
      "src/cfg.ts": `export const cfg = {\n  key: "",\n  setKey(v: string) { this.key = v; },\n};\n`,
    });
    expect((await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => f.message)).toEqual([
      handed("`env.API_KEY`", "cfg.setKey", "./cfg", "`this.key` of object `cfg`", "./cfg.ts:3", HAZARD.value),
    ]);
  });

  it("reports a socket a helper adds to a room's set that it gets from, or puts in, a module map", async () => {
    const dir = project({
      "src/index.ts": worker(`import { join } from "./rooms";`, `const [client, server] = Object.values(new WebSocketPair());\n    join("lobby", server);`),
      "src/rooms.ts": `const rooms = new Map<string, Set<WebSocket>>();\nexport function join(room: string, ws: WebSocket) {\n  let members = rooms.get(room);\n  if (!members) { members = new Set(); rooms.set(room, members); }\n  members.add(ws);\n}\n`,
    });
    expect((await lintFile(await eslintFor(dir), dir, "src/index.ts")).map((f) => f.message)).toEqual([
      "`new WebSocketPair()[1]`, an I/O object of one request, is kept by `join` in module-scope `rooms` (./rooms.ts:5).",
    ]);
  });

  it("reads a helper's default export whose method is named like a handler but is none (`db.connect(url)`)", async () => {
    const dir = project({
      "src/index.ts": worker(`import db from "./db";`, `db.connect(env.DATABASE_URL);`),
      "src/db.ts": `import { Pool } from "pg";\nlet pool: Pool | undefined;\nexport default {\n  connect(url: string) { pool ??= new Pool({ connectionString: url }); return pool; },\n};\n`,
    });
    const eslint = await eslintFor(dir);
    expect(await lintFile(eslint, dir, "src/index.ts")).toEqual([
      { rule: "no-env-in-global-scope", line: 4, column: 5, message: handed("`env.DATABASE_URL`", "db.connect", "./db", "`pool`", "./db.ts:4", HAZARD.socket) },
    ]);
    // why: the helper's parameter is what its caller hands, not a connection of the TCP handler
    expect(await lintFile(eslint, dir, "src/db.ts")).toEqual([]);
  });

  it("reports a value handed to another module's memoized function, whose cache keeps a connection built from it", async () => {
    const dir = project({
      "src/index.ts": worker(`import { getSql, getName } from "./lib/sql";`, `const sql = getSql(env.DATABASE_URL);\n    getName(env.APP_NAME);`),
      "src/lib/sql.ts": [
        `import memoize from "lodash/memoize";`,
        `import postgres from "postgres";`,
        `function label(name: string) { return name.toUpperCase(); }`,
        `export const getSql = memoize((url: string) => postgres(url, { max: 1 }));`,
        `export const getName = memoize(label);`,
        ``,
      ].join("\n"),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found).toEqual([
      // why: the cache keeps the postgres client the wrapped function builds from the url
      { rule: "no-env-in-global-scope", line: 4, column: 17, message: handed("`env.DATABASE_URL`", "getSql", "./lib/sql", "`getSql`'s cache", "./lib/sql.ts:4", HAZARD.socket) },
      // (not \`getName(env.APP_NAME)\`: its cache keeps the name's text under the name itself, and
      // a new name is a new entry, as the same memoizer in one file)
    ]);
  });

  it("does not report a value another module's memoizer keeps under itself, with what it fetches for it", async () => {
    const dir = project({
      "src/index.ts": worker(`import { fetchRates } from "./rates";`, `await fetchRates(env.RATES_URL);`),
      "src/rates.ts": `import pMemoize from "p-memoize";\nexport const fetchRates = pMemoize(async (url: string) => (await fetch(url)).json());\n`,
    });
    // why: a new url is a new entry: nothing of an old deploy is served for the new value
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
  });

  it("does not report a key made from a secret, kept under that secret by a function of the helper's module through a local", async () => {
    const dir = project({
      "src/index.ts": worker(`import { verify } from "./mac";`, `await verify({ source: env, text: "t" });`),
      "src/mac.ts": [
        `const keys = new Map<string, Promise<CryptoKey>>();`,
        `function keyFor(secret: string) {`,
        `  let pending = keys.get(secret);`,
        `  if (!pending) {`,
        `    const bytes = new TextEncoder().encode(secret);`,
        `    pending = crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);`,
        `    keys.set(secret, pending);`,
        `  }`,
        `  return pending;`,
        `}`,
        `export async function verify({ source, text }: { source: { SIGNING_SECRET?: string }; text: string }) {`,
        `  const key = await keyFor(source.SIGNING_SECRET ?? "");`,
        `  return crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text));`,
        `}`,
      ].join("\n"),
    });
    // why: a rotated secret is a new key, and the key imported from it is found under that key alone
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
  });

  it("names what a helper of the file reads off the request it is handed as the request's data", async () => {
    const dir = project({
      "src/ctx.ts": `let currentTitle = "";\nexport function setTitle(title: string) { currentTitle = title; }\nexport function getTitle() { return currentTitle; }\n`,
      "src/index.ts": `import { setTitle } from "./ctx";\nasync function prefetch(request: Request) {\n  const id = new URL(request.url).pathname.split("/")[1];\n  setTitle(id);\n}\nexport default {\n  async fetch(request: Request) {\n    await prefetch(request);\n    return new Response("ok");\n  },\n};\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a segment of the URL is data of the request, not the request's I/O object handed to the helper
    expect(found.map((f) => f.message)).toEqual(["`request.url.pathname[1]`, data of one request, is kept by `setTitle` in module-scope `currentTitle` (./ctx.ts:2)."]);
  });

  it("names a request's data as such when a helper wraps it in a literal or hands it on, and keeps no number", async () => {
    const dir = project({
      "src/index.ts": worker(
        `import { audit, note, count, forward } from "./audit";`,
        `audit(request);\n    note(await request.text());\n    count(request.headers);\n    forward(request);`,
      ),
      "src/audit.ts": [
        `import { remember } from "./last";`,
        `const pending: unknown[] = [];`,
        `let size = 0;`,
        `let headerCount = 0;`,
        `export function audit(r: Request) { pending.push({ ua: r.headers.get("user-agent"), at: Date.now() }); }`,
        `export function note(body: string) { size = body.length; }`,
        `export function count(h: Headers) { headerCount = [...h.keys()].length; }`,
        `export function forward(r: Request) { remember(r.url); }`,
        ``,
      ].join("\n"),
      "src/last.ts": `let last = "";\nexport function remember(s: string) { last = s; }\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => f.message)).toEqual([
      // why: what is kept is a header read through the request, wrapped in an object: data, not the request's I/O
      "`request.headers`, data of one request, is kept by `audit` in module-scope `pending` (./audit.ts:5).",
      // why: the module passes on `r.url`, and the next one keeps what it is handed: the url is kept
      "`request.url`, data of one request, is kept by `forward` in module-scope `last` (./last.ts:2).",
    ]);
    // why: a length or a count of the request's data is no data of the request (`note`, `count`), as in one file
    expect(found.every((f) => f.rule === "no-request-state-in-global-scope")).toBe(true);
  });

  it("reports a store through what another module's function returns when that is its module state", async () => {
    const dir = project({
      "src/index.ts": worker(
        `import { getStore, getCache, getLog, fresh, current } from "./store";\nimport { getStore as viaBarrel } from "./lib";`,
        [
          `getStore().client = new Client(env.KEY);`,
          `getCache().set("db", env.DB);`,
          `getLog().push(request);`,
          `fresh().client = new Client(env.KEY);`,
          `current().user = request.headers.get("user");`,
          `viaBarrel().key = env.OTHER;`,
          `getStore().nested.key = env.NESTED;`,
        ].join("\n    "),
      ),
      "src/lib/index.ts": `export * from "../store";\n`,
      "src/store.ts": [
        `import { AsyncLocalStorage } from "node:async_hooks";`,
        `const store: { client?: unknown; key?: string; nested: { key?: string } } = { nested: {} };`,
        `const cache = new Map<string, unknown>();`,
        `const log: Request[] = [];`,
        `const als = new AsyncLocalStorage<{ user?: string | null }>();`,
        `export function getStore() {`,
        `  return store;`,
        `}`,
        `export const getCache = () => cache;`,
        `export function getLog() { return log; }`,
        `export function fresh() { return { client: undefined as unknown }; }`,
        `export function current() { return als.getStore() ?? {}; }`,
        ``,
      ].join("\n"),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: store, cache and log are module state of store.ts, also through a barrel; a fresh object
    // and the request's own async-local store are not
    expect(found.map((f) => [f.line, f.rule])).toEqual([
      [5, "no-env-in-global-scope"],
      [6, "no-env-in-global-scope"],
      [7, "no-request-state-in-global-scope"],
      [10, "no-env-in-global-scope"],
      [11, "no-env-in-global-scope"],
    ]);
    expect(found[0].message).toContain("module-scope `getStore().client` (`store`, ./store.ts:7)");
    expect(found[1].message).toContain("module-scope `getCache()` (`cache`, ./store.ts:9)");
    expect(found[3].message).toContain("module-scope `viaBarrel().key` (`store`, ./store.ts:7)");
    expect(found[4].message).toContain("module-scope `getStore().nested.key` (`store`, ./store.ts:7)");
  });

  it("follows a store through another module's returned state into a helper, and sees that module change", async () => {
    const store = (value: string) => `const store: Record<string, unknown> = {};\nexport function getStore() {\n  return ${value};\n}\n`;
    const dir = project({
      "src/index.ts": worker(`import { remember } from "./remember";`, `remember(env.KEY);`),
      "src/remember.ts": `import { getStore } from "./store";\nexport function remember(key: string) {\n  getStore().key = key;\n}\n`,
      "src/store.ts": store("store"),
      "src/broken.ts": `export function getStore( {\n`,
      "src/other.ts": worker(`import { getStore } from "./broken";`, `getStore().key = env.KEY;`),
    });
    const eslint = await eslintFor(dir);
    // why: remember writes its argument into store.ts's module object
    expect((await lintFile(eslint, dir, "src/index.ts")).map((f) => f.message)).toEqual([
      "`env.KEY` is kept by `remember` in module-scope `getStore().key` (`store`, ./store.ts:3) (./remember.ts:3): it keeps a binding or secret of the deploy that stored it.",
    ]);
    // why: a module that does not parse says nothing about what it returns
    expect(await lintFile(eslint, dir, "src/other.ts")).toEqual([]);
    write(dir, "src/store.ts", store("{}"));
    aSecondLater();
    // why: getStore now returns a new object each call: nothing is kept
    expect(await lintFile(eslint, dir, "src/index.ts")).toEqual([]);
  });
});

describe("a helper moved while the editor runs", () => {
  it("resolves an import again once the file it named is gone", async () => {
    freezeClock();
    const dir = project({
      "src/index.ts": worker(`import { keep } from "./lib/keys";`, `keep(env.API_KEY);`),
      "src/lib/keys.ts": `export function keep(key: string) { return key.length; }\n`,
    });
    const eslint = await eslintFor(dir);
    expect(await lintFile(eslint, dir, "src/index.ts")).toEqual([]);
    rmSync(join(dir, "src/lib/keys.ts"));
    write(dir, "src/lib/keys/index.ts", `let kept = "";\nexport function keep(key: string) { kept = key; }\n`);
    vi.setSystemTime(Date.now() + 3_000);
    // why: \`./lib/keys\` now names \`keys/index.ts\`, which keeps the key
    expect((await lintFile(eslint, dir, "src/index.ts")).map((f) => f.message.split(" (")[0])).toEqual(["`env.API_KEY` is kept by `keep` in module-scope `kept`"]);
  });
});

describe("what is not reported across modules", () => {
  it("stays silent for helpers that only use their arguments, whatever their name", async () => {
    const dir = project({
      "src/index.ts": worker(
        `import { setSessionCookie } from "./cookies";\nimport { setupSchema } from "./schema";\nimport { logLength } from "./log";`,
        `setSessionCookie(new Response(), env.SESSION_TOKEN);\n    await setupSchema(env.DB);\n    logLength(env.KEY);`,
      ),
      "src/cookies.ts": `export function setSessionCookie(response: Response, token: string) {\n  response.headers.set("Set-Cookie", "s=" + token);\n}\n`,
      "src/schema.ts": `let ready = false;\nexport async function setupSchema(db: D1Database) {\n  await db.exec("CREATE TABLE IF NOT EXISTS t (id INTEGER)");\n  ready = true;\n}\n`,
      "src/log.ts": `let calls = 0;\nexport function logLength(value: string) {\n  calls++;\n  console.log(value.length);\n}\n`,
    });
    // why: a set*-named helper that writes a header, one that runs a query, one that logs: none keeps the value
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
  });

  it("tells a map's key from its value in a helper that takes both, and exempts a cache keyed by env", async () => {
    const dir = project({
      "src/index.ts": worker(
        `import { remember } from "./memory";\nimport { clientFor, poolFor } from "./clients";`,
        `remember("last", env.API_TOKEN);\n    remember(env.REGION, "seen");\n    clientFor(env);\n    poolFor(env);`,
      ),
      "src/memory.ts": `const seen = new Map<string, string>();\nexport function remember(key: string, value: string) {\n  seen.set(key, value);\n}\n`,
      "src/clients.ts": `import postgres from "postgres";\nconst clients = new WeakMap<object, { token: string }>();\nexport function clientFor(env: { TOKEN: string }) {\n  let c = clients.get(env);\n  if (!c) clients.set(env, (c = { token: env.TOKEN }));\n  return c;\n}\nconst pools = new WeakMap<object, ReturnType<typeof postgres>>();\nexport function poolFor(e: { DATABASE_URL: string }) {\n  let p = pools.get(e);\n  if (!p) { p = postgres(e.DATABASE_URL); pools.set(e, p); }\n  return p;\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the value parameter is kept; a key alone, and a cache keyed by the env object, are not
    // reported, unless its entry holds a connection, which the next request of that env gets
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [5, handed("`env.API_TOKEN`", "remember", "./memory", "`seen`", "./memory.ts:3", HAZARD.value)],
      [8, handed("`env.DATABASE_URL`", "poolFor", "./clients", "`pools`", "./clients.ts:11", HAZARD.socket)],
    ]);
  });

  it("judges an options object by the property the helper keeps, not by the others it carries", async () => {
    const dir = project({
      "src/index.ts": worker(
        `import { infer } from "./infer";\nimport { record } from "./record";`,
        `const body: any = await request.json();\n    await infer({ env, model: body.model });\n    record({ env, name: body.name });\n    record({ name: env.REGION, env });`,
      ),
      "src/settings.ts": `let cached: Record<string, string> | null = null;\nexport async function settingsFor(env: Env) {\n  cached ??= JSON.parse((await env.SETTINGS.get("all")) ?? "{}");\n  return cached;\n}\n`,
      "src/infer.ts": `import { settingsFor } from "./settings";\nexport async function infer({ env, model }: { env: Env; model: string }) {\n  const settings = await settingsFor(env);\n  return settings?.[model];\n}\n`,
      "src/record.ts": `const names: string[] = [];\nexport function record(opts: { env: Env; name: string }) {\n  names.push(opts.name);\n}\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: infer keeps only data read through `env` (not the request's model); record keeps only
    // `name`: the request's name in one call, a var in the other, never the env object beside it
    expect(found.map((f) => [f.line, f.rule, f.message])).toEqual([
      [7, "no-request-state-in-global-scope", "`request.json().name`, data of one request, is kept by `record` in module-scope `names` (./record.ts:3)."],
      [8, "no-env-in-global-scope", handed("`env.REGION`", "record", "./record", "`names`", "./record.ts:3", HAZARD.value)],
    ]);
  });

  it("names what a helper keeps of a request it is handed whole: a member's data, not the I/O object", async () => {
    const dir = project({
      "src/utils/monitoring.ts": `interface M { path: string; method: string; status?: number }\nclass Collector {\n  private metrics: M[] = [];\n  startRequest(path: string, method: string): M { return { path, method }; }\n  endRequest(metric: M, status: number): void { metric.status = status; this.metrics.push(metric); }\n}\nexport const metricsCollector = new Collector();\n`,
      "src/webhook.ts": `import { metricsCollector } from "./utils/monitoring";\nexport async function handleWebhook(request: Request) {\n  const url = new URL(request.url);\n  metricsCollector.endRequest(metricsCollector.startRequest(url.pathname, request.method), 200);\n  return new Response("ok");\n}\n`,
      "src/index.ts": worker(`import { handleWebhook } from "./webhook";`, `return handleWebhook(request);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the helper keeps the path read from the request's URL, the request's data; the request itself is not kept
    expect(found.map((f) => [f.rule, f.message.split(" in module-scope")[0]])).toEqual([["no-request-state-in-global-scope", "`request.url`, data of one request, is kept by `handleWebhook`"]]);
  });

  it("names the property of an options object the helper keeps as what that property is", async () => {
    const dir = project({
      "src/index.ts": worker(`import { configureApp } from "./app-ctx";`, `configureApp({ env, name: "main" });`),
      "src/app-ctx.ts": `let appEnv: unknown;\nexport function configureApp(opts: { env: Env; name: string }) { appEnv = opts.env; }\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the helper keeps \`opts.env\`, which the caller fills with the env object itself
    expect(found.map((f) => [f.line, f.message])).toEqual([[4, handed("`env`", "configureApp", "./app-ctx", "`appEnv`", "./app-ctx.ts:2", HAZARD.env)]]);
  });

  it("does not take a store of another function of the module, which calls the helper itself, for the helper's", async () => {
    const dir = project({
      "src/index.ts": worker(
        `import { normalise, remember } from "./names";`,
        `const body: any = await request.json();\n    const name = normalise(body.name);\n    remember(body.alias);`,
      ),
      "src/names.ts": `const seen: string[] = [];\nexport function normalise(name: string) { return name.trim().toLowerCase(); }\nexport function remember(name: string) { seen.push(normalise(name)); }\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`normalise\` returns to its caller; only \`remember\` keeps what it is handed
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [6, "`request.json().alias`, data of one request, is kept by `remember` in module-scope `seen` (./names.ts:3)."],
    ]);
  });

  it("tells data a helper reads through a binding it is handed from the binding, as the caller's own file would", async () => {
    const dir = project({
      "src/index.ts": worker(
        `import { cachedLookup } from "./kv";\nimport { loadUsers } from "./users";\nimport { warm } from "./warm";`,
        `await cachedLookup(env.KV, "k");\n    await loadUsers(env.DB);\n    await warm(env.KV);`,
      ),
      "src/kv.ts": `const memo = new Map<string, string | null>();\nexport async function cachedLookup(kv: KVNamespace, key: string) {\n  if (memo.has(key)) return memo.get(key)!;\n  const v = await kv.get(key);\n  memo.set(key, v);\n  return v;\n}\n`,
      "src/users.ts": `let cached: unknown[] | null = null;\nexport async function loadUsers(db: D1Database) {\n  if (!cached) {\n    const { results } = await db.prepare("select * from users").all();\n    cached = results;\n  }\n  return cached;\n}\n`,
      "src/warm.ts": `let first: string | null = null;\nlet ns: KVNamespace | null = null;\nexport async function warm(kv: KVNamespace) {\n  first = await kv.get("a");\n  ns = kv;\n}\n`,
      "wrangler.jsonc": `{ "name": "w", "main": "src/index.ts", "kv_namespaces": [{ "binding": "KV", "id": "x" }], "d1_databases": [{ "binding": "DB", "database_id": "x" }] }`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: what a KV read or a query gives back is data, not the binding; `warm` keeps the namespace itself too, and that is named
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [8, handed("`env.KV`", "warm", "./warm", "`ns`", "./warm.ts:5", "it keeps the KV namespace binding of the deploy that stored it")],
    ]);
    const derived = await eslintFor(dir, {}, { "cloudflare-workers/no-env-in-global-scope": ["error", { bindingDataIsDerived: true }] });
    // why: with data read through a binding counted as derived, the helpers' caches are reported as they would be in one file
    expect((await lintFile(derived, dir, "src/index.ts")).map((f) => f.line)).toEqual([6, 7, 8]);
  });

  it("does not take a lookup key for what a binding handed alongside it gives back", async () => {
    const dir = project({
      "src/index.ts": worker(`import { loadIndex } from "./idx";`, `await loadIndex(env, env.PREFIX + "/pack-1");`),
      "src/idx.ts": [
        `const indexCache = new Map<string, unknown>();`,
        `function touch(key: string, value: unknown) {`,
        `  indexCache.delete(key);`,
        `  indexCache.set(key, value);`,
        `}`,
        `type Limiter = { run<T>(label: string, f: () => Promise<T>): Promise<T> };`,
        `export async function loadIndex(e: Env, key: string, options?: { limiter?: Limiter }) {`,
        `  const hit = indexCache.get(key);`,
        `  if (hit) return hit;`,
        `  const get = async () => await e.BUCKET.get(key);`,
        `  const obj = options?.limiter ? await options.limiter.run("get", get) : await get();`,
        `  if (!obj) return undefined;`,
        `  const parsed = { bytes: new Uint8Array(await obj.arrayBuffer()) };`,
        `  touch(key, parsed);`,
        `  return parsed;`,
        `}`,
        ``,
      ].join("\n"),
    });
    // why: seeded alone, the key looks like what \`e.BUCKET.get(key)\` is built from; with the bucket seeded too, that is data read through it
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
  });

  it("tells the body read through a stub from the stub, in a helper's result object", async () => {
    const transport = `const recent: string[] = [];
export async function send(stub: DurableObjectStub, url: string): Promise<Response> {
  recent.push(url);
  return stub.fetch(url);
}
`;
    const handler = (second: string) => `import { send } from "./transport";
async function call(stub: DurableObjectStub, path: string) {
  const res = await send(stub, "https://do" + path);
  const data = (await res.json()) as Record<string, unknown>;
  return { status: res.status, data };
}
async function claim(stub: DurableObjectStub, env: Env) {
  const { data } = await call(stub, "/claim");
  await call(stub, ${second});
}
export default {
  async fetch(request: Request, env: Env) {
    await claim(env.ROOM.get(env.ROOM.idFromName("a")), env);
    return new Response("ok");
  },
};
`;
    const dir = project({ "src/transport.ts": transport, "src/clean.ts": handler("`/task/${data.id}`"), "src/leak.ts": handler("`/task/${env.SECRET}`") });
    const eslint = await eslintFor(dir);
    // why: the URL the transport keeps is built from data read through the stub, not from the
    // stub; built from a secret, it is reported
    expect(await lintFile(eslint, dir, "src/clean.ts")).toEqual([]);
    expect((await lintFile(eslint, dir, "src/leak.ts")).map((f) => [f.line, f.message])).toEqual([
      [3, handed("`env.SECRET`", "send", "./transport", "`recent`", "./transport.ts:3", HAZARD.secret)],
    ]);
  });

  it("stays silent for a helper that rebuilds its client whenever the token it is handed changes", async () => {
    const dir = project({
      "src/index.ts": worker(`import { getApi } from "./api";`, `await getApi({ token: env.API_TOKEN }).call("x");`),
      "src/api.ts": `let cached: { call(p: string): Promise<Response> } | null = null;\nlet cachedToken: string | null = null;\nfunction create(token: string) {\n  return { call: (p: string) => fetch(p, { headers: { authorization: token } }) };\n}\nexport function getApi({ token }: { token: string }) {\n  const trimmed = token.trim();\n  if (!cached || cachedToken !== trimmed) {\n    cached = create(trimmed);\n    cachedToken = trimmed;\n  }\n  return cached;\n}\n`,
    });
    // why: the module compares the token it kept with the one handed to it on every call
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
  });

  it("follows a helper into a memoized function's cache", async () => {
    const dir = project({
      "src/index.ts": worker(`import { sqlFor } from "./db";`, `await sqlFor(env.DATABASE_URL).query("select 1");`),
      "src/db.ts": `import memoize from "lodash/memoize";\nimport postgres from "postgres";\nconst connect = memoize((url: string) => postgres(url));\nexport function sqlFor(url: string) { return connect(url); }\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the module has no let, no write: only the memoizing import says it keeps something
    expect(found.map((f) => [f.line, f.message])).toEqual([
      // (a short name stays whole, though the message is past the length it aims for)
      [4, handed("`env.DATABASE_URL`", "sqlFor", "./db", "`connect`'s cache", "./db.ts:4", HAZARD.socket)],
    ]);
  });

  it("answers unknown for an imported file that does not parse, and for a cycle", async () => {
    const dir = project({
      "src/index.ts": worker(`import { broken } from "./broken";\nimport { ping } from "./ping";`, `broken(env.KEY);\n    ping(env.KEY);`),
      "src/broken.ts": `let x;\nexport function broken(v) { x = v; \n`,
      "src/ping.ts": `import { pong } from "./pong";\nexport function ping(v: string) { pong(v); }\n`,
      "src/pong.ts": `import { ping } from "./ping";\nlet last = "";\nexport function pong(v: string) { last = v; ping(v); }\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the unparsable module is unknown (no report); the cycle still finds pong's store
    expect(found.map((f) => f.message)).toEqual([handed("`env.KEY`", "ping", "./ping", "`last`", "./pong.ts:3", HAZARD.value)]);
  });

  it("gives a file the same findings whichever file of an import cycle was linted first", async () => {
    const files = {
      "src/a.ts": `import { g } from "./m";\nlet kept: unknown;\nexport function f(v: string) { g(v); }\nexport function h(v: string) { kept = v; }\n`,
      "src/m.ts": `import { h } from "./a";\nexport function g(v: string) { h(v); }\n`,
      "src/x.ts": worker(`import { f } from "./a";`, `f(env.A);`),
      "src/y.ts": worker(`import { g } from "./m";`, `g(env.B);`),
    };
    const alone = project(files);
    const yAlone = await lintFile(await eslintFor(alone), alone, "src/y.ts");
    // why: entered from y.ts, the cycle is read from m.ts's side: g hands its argument to h, which keeps it
    expect(yAlone).toHaveLength(1);
    const dir = project(files);
    const eslint = await eslintFor(dir);
    await lintFile(eslint, dir, "src/x.ts");
    // why: x.ts entered the cycle from a.ts's side, where m.ts's g met a.ts still being built; that
    // answer served x.ts only, and y.ts gets what it gets alone
    expect((await lintFile(eslint, dir, "src/y.ts")).map((f) => f.message)).toEqual(yAlone.map((f) => f.message));
  });

  it("spends a file's budget the same whether an earlier file made the summaries it reuses", async () => {
    const count = 70;
    const helpers: Record<string, string> = {};
    for (let i = 0; i < count; i++) helpers[`src/keep${i}.ts`] = `let kept: unknown;\nexport function keep${i}(v: string) { kept = v; }\n`;
    const imports = Array.from({ length: count }, (_, i) => `import { keep${i} } from "./keep${i}";`).join("\n");
    const calls = Array.from({ length: count }, (_, i) => `keep${i}(env.A);`).join("\n    ");
    const files = { ...helpers, "src/all.ts": worker(imports, calls), "src/some.ts": worker(imports.split("\n").slice(0, 10).join("\n"), calls.split("\n").slice(0, 10).join("\n")) };
    const alone = project(files);
    const allAlone = await lintFile(await eslintFor(alone), alone, "src/all.ts");
    // why: the budget (64 modules) runs out before the last calls: those callees are unknown, not reported
    expect(allAlone).toHaveLength(64);
    const dir = project(files);
    const eslint = await eslintFor(dir);
    expect(await lintFile(eslint, dir, "src/some.ts")).toHaveLength(10);
    // why: the ten summaries some.ts made are charged to all.ts as if it had made them
    expect((await lintFile(eslint, dir, "src/all.ts")).map((f) => f.line)).toEqual(allAlone.map((f) => f.line));
  });

  it("judges package imports and missing files by name only", async () => {
    const dir = project({
      "src/index.ts": worker(
        `import { initClient } from "some-sdk";\nimport { setEnv, setReleaseState } from "./not-written-yet";`,
        `initClient(env.KEY);\n    setEnv(env);\n    await setReleaseState(env, "r1", "live");`,
      ),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a package is never read and not local-looking; a missing local module falls back to the
    // name, and a setter's name speaks of what it is handed last (the state set), not of the env it works with
    expect(found.map((f) => f.message)).toEqual([
            '`env` is handed to `setEnv` ("./not-written-yet"), whose name says it keeps it beyond this request.',
    ]);
  });

  it("follows nothing with crossModuleDepth 0", async () => {
    const dir = project({
      "src/index.ts": worker(`import { getDb } from "./db/client.js";`, `getDb({ connectionString: env.DATABASE_URL });`),
      "src/db/client.ts": lazyDb,
    });
    expect(await lintFile(await eslintFor(dir, { "cloudflare-workers": { crossModuleDepth: 0 } }), dir, "src/index.ts")).toEqual([]);
  });

  it("stops at the depth limit", async () => {
    const dir = project({
      "src/index.ts": worker(`import { a } from "./a";`, `a(env.KEY);`),
      "src/a.ts": `import { b } from "./b";\nexport function a(v: string) { b(v); }\n`,
      "src/b.ts": `import { c } from "./c";\nexport function b(v: string) { c(v); }\n`,
      "src/c.ts": `let kept = "";\nexport function c(v: string) { kept = v; }\n`,
    });
    // why: three modules deep is found with the default depth, not with depth 2
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toHaveLength(1);
    expect(await lintFile(await eslintFor(dir, { "cloudflare-workers": { crossModuleDepth: 2 } }), dir, "src/index.ts")).toEqual([]);
  });
});

describe("caches of what their key computes", () => {
  it("does not report request data handed to a helper that memoises a function of it", async () => {
    const dir = project({
      "src/index.ts": `import { search } from "./search";
export default {
  async fetch(request: Request) {
    const kind = new URL(request.url).searchParams.get("kind") ?? "all";
    return Response.json(search({ kind }));
  },
};
`,
      "src/search.ts": `const cache = new Map<string, string[]>();
function build(kind: string): string[] { return [kind]; }
function corpus(kind: string): string[] {
  if (cache.has(kind)) return cache.get(kind)!;
  const built = build(kind);
  cache.set(kind, built);
  return built;
}
export function search(input: { kind: string }) { return corpus(input.kind); }
`,
    });
    // why: each kind maps to what building that kind gives: no request's data reaches another
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
    write(dir, "src/search.ts", `const cache = new Map<string, string>();\nexport function search(input: { kind: string }) { cache.set("last", input.kind); return [input.kind]; }\n`);
    aSecondLater();
    // why: the neighbour that keeps the datum itself under a constant key is still reported
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toHaveLength(1);
  });
});

const loaderCache = `const store = new Map<string, unknown>();
export async function read(key: string, load: (k: string) => unknown) {
  const k = \`v1/\${key}\`;
  const hit = store.get(k);
  if (hit) return hit;
  const value = await load(key);
  store.set(k, value);
  return value;
}
`;

describe("a helper's cache that keeps what a loader the caller hands returns", () => {
  it("judges what the loader returns for the key it is called with, not the loader or the key", async () => {
    const dir = project({
      "src/cache.ts": loaderCache,
      "src/index.ts": `import { read } from "./cache";
import { Pool } from "pg";
import Stripe from "stripe";
export default {
  async fetch(request: Request, env: Env) {
    const id = new URL(request.url).searchParams.get("id") ?? "";
    await read(id, (k) => env.KV.get(k));
    await read(env.DATABASE_URL, (url) => new Pool({ connectionString: url }));
    await read("stripe", () => new Stripe(env.STRIPE_KEY));
    await read("ua", () => request.headers.get("user-agent"));
    await read(id, async () => 42);
    return new Response("ok");
  },
};
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a KV read under the id it reads is what the id gives (a memo); a pool built from the url
    // is a connection kept; the Stripe client keeps its secret; one request's user agent is served
    // to the next under a constant key; a constant is no one's
    expect(found).toEqual([
      { rule: "no-env-in-global-scope", line: 8, column: 11, message: handed("`env.DATABASE_URL`", "read", "./cache", "`store`", "./cache.ts:7", HAZARD.socket) },
      { rule: "no-env-in-global-scope", line: 9, column: 11, message: handed("`env.STRIPE_KEY`", "read", "./cache", "`store`", "./cache.ts:7", HAZARD.http) },
      {
        rule: "no-request-state-in-global-scope",
        line: 10,
        column: 11,
        message: "`request.headers.get(\"user-agent\")`, data of one request, is kept by `read` in module-scope `store` (./cache.ts:7).",
      },
    ]);
  });

  it("leaves a helper's cache kept in a collection declared a WeakMap (also through a type alias), however it is filled, keyed by the request's context", async () => {
    const dir = project({
      "src/request-cache.ts": `import { AsyncLocalStorage } from "node:async_hooks";
const storage = new AsyncLocalStorage<object>();
const g = globalThis as Record<symbol, unknown>;
type CacheStore = WeakMap<object, Map<string, Promise<unknown>>>;
const store: CacheStore = (g[Symbol.for("cache")] as CacheStore | undefined) ?? (() => new WeakMap())();
export function requestCached<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const ctx = storage.getStore();
  if (!ctx) return fn();
  let cache = store.get(ctx);
  if (!cache) {
    cache = new Map();
    store.set(ctx, cache);
  }
  const promise = Promise.resolve().then(fn);
  cache.set(key, promise);
  return promise;
}
`,
      "src/index.ts": `import { requestCached } from "./request-cache";
export default {
  async fetch(request: Request) {
    const ua = await requestCached("ua", async () => request.headers.get("user-agent"));
    return new Response(ua);
  },
};
`,
    });
    // why: the entry lives as long as the request's context it is keyed by: no later request reaches it
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
  });

  it("follows the loader's result through a helper of the module that puts it in the cache", async () => {
    const dir = project({
      "src/cache.ts": `const cache = new Map<string, unknown>();
function put(key: string, data: unknown) {
  cache.set(key, data);
}
export async function getOrFetch<T>(key: string, fetcher: () => Promise<T>): Promise<T> {
  if (cache.has(key)) return cache.get(key) as T;
  const data = await fetcher();
  put(key, data);
  return data;
}
`,
      "src/index.ts": `import { getOrFetch } from "./cache";
import Stripe from "stripe";
async function status(base: string) {
  const res = await fetch(base + "/status");
  return { ok: res.ok };
}
export default {
  async fetch(request: Request, env: Env) {
    await getOrFetch("status", () => status(env.BACKEND_URL));
    await getOrFetch("stripe", async () => new Stripe(env.STRIPE_KEY));
    return new Response("ok");
  },
};
`,
    });
    // why: what the loader answers (data fetched from upstream) is kept, not the loader or env; a client it builds is
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => [f.rule, f.line, f.message.split(" is kept")[0]])).toEqual([["no-env-in-global-scope", 10, "`env.STRIPE_KEY`"]]);
  });

  it("reports the key itself when the loader is not called with it", async () => {
    const dir = project({
      "src/cache.ts": `const store = new Map<string, unknown>();
export async function read(key: string, load: () => unknown) {
  const value = await load();
  store.set("last", { key, value });
  return value;
}
`,
      "src/index.ts": `import { read } from "./cache";
export default {
  async fetch(request: Request) {
    const id = new URL(request.url).searchParams.get("id") ?? "";
    await read(id, async () => 42);
    return new Response("ok");
  },
};
`,
    });
    // why: the id is kept beside the value under a constant key: the next request reads this one's id
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 5]]);
  });
});

describe("a helper's entry computed from its key, whatever it holds", () => {
  const breakers = `class Breaker {
  failures = 0;
  constructor(readonly name: string, readonly limit: number) {}
}
const breakers = new Map<string, Breaker>();
function breakerFor(name: string): Breaker {
  const known = breakers.get(name);
  if (known) return known;
  const made = new Breaker(name, 5);
  breakers.set(name, made);
  return made;
}
export async function guarded(url: string, opts: { circuit?: string }) {
  const breaker = breakerFor(opts.circuit ?? url);
  return breaker.failures < breaker.limit ? fetch(url) : null;
}
export function remember(label: string) {
  breakers.set("last", new Breaker(label, 1));
}
`;

  it("does not report request data a helper puts to a binding and keeps a copy of beside it (a write-through mirror), and reports one it only keeps", async () => {
    const dir = project({
      "src/store.ts": `let indexCache: { at: number; index: unknown } | null = null;
let lastDoc: unknown = null;
export async function upsertDoc(env: { BUCKET: R2Bucket }, doc: { key: string; text: string }) {
  const index = { docs: [doc] };
  await env.BUCKET.put("index.json", JSON.stringify(index));
  indexCache = { at: Date.now(), index };
}
export async function remember(env: { BUCKET: R2Bucket }, doc: { key: string; text: string }) {
  await env.BUCKET.put("log.json", "{}");
  lastDoc = { doc };
}
`,
      "src/index.ts": worker(`import { upsertDoc, remember } from "./store";`, `const body = (await request.json()) as { key: string; text: string };\n    await upsertDoc(env, { key: body.key, text: body.text });\n    await remember(env, { key: body.key, text: body.text });`),
    });
    // why: the module copy mirrors the object every request reads from the bucket; a put of something else mirrors nothing
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 6]]);
  });

  it("follows only the properties an options literal has into what a helper keeps (a rate limiter's \`opts.now ?? Date.now()\`), and reports one it has", async () => {
    const dir = project({
      "src/limit.ts": `const hits = new Map<string, { count: number; resetAt: number; who?: string }>();
export function limit(opts: { key: string; windowMs: number; now?: number }) {
  const now = opts.now ?? Date.now();
  hits.set(opts.key, { count: 1, resetAt: now + opts.windowMs });
}
export function note(opts: { key: string; windowMs: number; user: string }) {
  hits.set(opts.key, { count: 1, resetAt: opts.windowMs, who: opts.user });
}
`,
      "src/index.ts": worker(`import { limit, note } from "./limit";`, `const ip = request.headers.get("cf-connecting-ip") ?? "anon";\n    limit({ key: ip, windowMs: 60_000 });\n    note({ key: ip, windowMs: 60_000, user: request.headers.get("x-user") ?? "" });`),
    });
    // why: \`now\` is not handed, so the entry holds numbers under the IP; the user named in \`note\` is kept as data
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 6]]);
  });

  it("does not take a key's data for what an instance's collection gives back under it (\`this.store.get(ip)\` of \`this.store = new Map()\`)", async () => {
    const dir = project({
      "src/limiter.ts": `export class Limiter {
  store: Map<string, { hits: number[] }>;
  constructor() {
    this.store = new Map();
  }
  check(request: Request) {
    const ip = request.headers.get("cf-connecting-ip") ?? "unknown";
    const now = Date.now();
    if (!this.store.has(ip)) this.store.set(ip, { hits: [] });
    const entry = this.store.get(ip)!;
    entry.hits = entry.hits.filter((t) => now - t < 60000);
    entry.hits.push(now);
    return entry.hits.length < 10;
  }
}
`,
      "src/index.ts": `import { Limiter } from "./limiter";\nconst limiter = new Limiter();\n` + worker("", `if (!limiter.check(request)) return new Response("slow down", { status: 429 });`),
    });
    // why: the map is keyed by the IP and holds timestamps: the entry read back under the key is the map's, not the key's
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
  });

  it("does not report what a helper builds from env, puts to a binding and keeps a copy of beside it", async () => {
    const dir = project({
      "src/index-store.ts": `let cache: { at: number; index: unknown } | null = null;
let token = "";
export async function rebuild(env: { BUCKET: R2Bucket; TITLE: string }) {
  const index = { title: env.TITLE.trim(), docs: [] as string[] };
  await env.BUCKET.put("index.json", JSON.stringify(index));
  cache = { at: Date.now(), index };
}
export async function remember(env: { KV: KVNamespace; API_KEY: string }) {
  const key = env.API_KEY;
  await env.KV.put("key", key);
  token = key;
}
`,
      "src/index.ts": worker(`import { rebuild, remember } from "./index-store";`, `await rebuild(env);\n    await remember(env);`),
    });
    // why: the module copy mirrors the object the bucket holds for every request; a secret read as it is stays the secret kept, as in one file
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-env-in-global-scope", 5]]);
  });

  it("does not report request data that only chooses which keys a helper loads through a binding and keeps", async () => {
    const dir = project({
      "src/keys.ts": `const cachedKeys: Record<string, { raw: Uint8Array } | undefined> = {};
function kvKeyFor(alg: string) { return "keys:" + alg; }
async function loadKeys(env: { KV: KVNamespace }, alg: string) {
  const cached = cachedKeys[alg];
  if (cached) return cached;
  const stored = await env.KV.get(kvKeyFor(alg));
  const parsed = JSON.parse(stored ?? "{}") as { raw: number[] };
  const raw = new Uint8Array(parsed.raw);
  const result = { ...parsed, raw };
  cachedKeys[alg] = result;
  return result;
}
export async function verify(env: { KV: KVNamespace }, token: string) {
  const alg = JSON.parse(atob(token.split(".")[0])).alg as string;
  return !!(await loadKeys(env, alg));
}
`,
      "src/index.ts": worker(`import { verify } from "./keys";`, `const body = (await request.json()) as { token: string };\n    await verify(env, body.token);`),
    });
    // why: each algorithm named in a token maps to the keys stored for it, whoever names it
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
  });

  it("does not report request data that only names the entry, through an options object or a helper that reads it", async () => {
    const dir = project({
      "src/breakers.ts": breakers,
      "src/route.ts": `import { guarded } from "./breakers";\nexport async function route(request: Request) {\n  return guarded("https://api.example.com", { circuit: new URL(request.url).pathname });\n}\n`,
      "src/index.ts": `import { guarded, remember } from "./breakers";
import { route } from "./route";
export default {
  async fetch(request: Request) {
    const path = new URL(request.url).pathname;
    await guarded("https://api.example.com", { circuit: path });
    await route(request);
    remember(path);
    return new Response("ok");
  },
};
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: each path finds the breaker made for that path, as a memo in one file; the breaker kept
    // under a constant key holds the last request's path, which the next request reads
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 8]]);
  });
});

describe("a helper's entry handed its key and its value", () => {
  const remember = `const cache = new Map<string, unknown>();
export function remember(id: string, value: unknown) {
  cache.set(id, value);
}
export function rememberAs(id: string, value: unknown) {
  cache.set("p:" + id, value);
}
`;

  it("does not report a value computed from the key it is kept under, as the same store in one file", async () => {
    const dir = project({
      "src/cache.ts": remember,
      "src/index.ts": `import { remember, rememberAs } from "./cache";
export default {
  async fetch(request: Request, env: Env) {
    const id = new URL(request.url).searchParams.get("id") ?? "";
    remember(id, await env.KV.get(id));
    const row = await env.DB.prepare("select * from t where id = ?").bind(id).first();
    rememberAs(id, row);
    remember(\`user:\${id}\`, await env.KV.get(id, "json"));
    remember(id, request.headers.get("cookie"));
    return new Response("ok");
  },
};
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: what is read through a binding by the id is what the id gives, whoever asks (a memo);
    // a cookie kept under the id is one user's, served to whoever sends that id
    expect(found).toEqual([
      {
        rule: "no-request-state-in-global-scope",
        line: 9,
        column: 5,
        message: "`request.headers.get(\"cookie\")`, data of one request, is kept by `remember` in module-scope `cache` (./cache.ts:3).",
      },
    ]);
  });

  it("takes a helper's cache of what the loader returns, beside an expiry, as a memo of the key it is handed", async () => {
    const dir = project({
      "src/lib/memo.ts": `const store = new Map<string, { value: unknown; expires: number }>();\nexport async function memo<T>(key: string, ttl: number, load: () => Promise<T>): Promise<T> {\n  const value = await load();\n  store.set(key, { value, expires: Date.now() + ttl });\n  return value;\n}\n`,
      "src/index.ts": worker(
        `import { memo } from "./lib/memo";`,
        `const slug = new URL(request.url).pathname;\n    const user = request.headers.get("x-user");\n    await memo("nav", 60_000, () => env.DOCS.get("nav"));\n    await memo(\`page:\${slug}\`, 60_000, async () => (await env.DOCS.get(\`md:\${slug}\`))?.toUpperCase());\n    await memo(\`user:\${slug}\`, 60_000, async () => user);`,
      ),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the cache keeps what each loader gives (data read through a binding), not the loader; a
    // loader computing from the key alone gives that key's entry, one returning a header leaks it
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 8]]);
  });

  it("names a stub a helper makes from the namespace it is handed as a stub, not a pending read", async () => {
    const dir = project({
      "src/lib/rooms.ts": `const stubs: Record<string, DurableObjectStub> = {};\nexport function getRoom(ns: DurableObjectNamespace, name: string) { return (stubs[name] ??= ns.get(ns.idFromName(name))); }\n`,
      "src/index.ts": worker(`import { getRoom } from "./lib/rooms";`, `await getRoom(env.ROOMS, "lobby").fetch(request);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`get\` of an id the namespace made gives a stub; no read is started
    expect(found.map((f) => [f.line, f.message])).toEqual([[4, handed("`env.ROOMS`", "getRoom", "./lib/rooms", "`stubs[name]`", "./lib/rooms.ts:2", HAZARD.stub)]]);
  });

  it("follows a subclass's constructor into the constructor it calls with super(…), of its module or another", async () => {
    const dir = project({
      "src/index.ts": worker(`import { Child } from "./child";\nimport { Local } from "./local";`, `new Child(env.API_KEY);\n    new Local(env.OTHER_KEY);`),
      "src/base.ts": `let saved: string | undefined;\nexport class Base { constructor(key: string) { saved ??= key; } }\n`,
      "src/child.ts": `import { Base } from "./base";\nexport class Child extends Base { constructor(key: string) { super(key); } }\n`,
      "src/local.ts": `let kept: string | undefined;\nclass Holder { constructor(key: string) { kept ??= key; } }\nexport class Local extends Holder { constructor(key: string) { super(key); } }\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the subclass's constructor hands its argument to the base's, which keeps it in its module
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [5, handed("`env.API_KEY`", "new Child", "./child", "`saved`", "./base.ts:2", HAZARD.value)],
      [6, handed("`env.OTHER_KEY`", "new Local", "./local", "`kept`", "./local.ts:2", HAZARD.value)],
    ]);
  });

  it("follows an entry a third module keeps through a helper that hands it the value, not a number of it", async () => {
    const dir = project({
      "src/index.ts": worker(`import { boot, measure } from "./boot";`, `boot(env.API_KEY);\n    measure(env.API_KEY);`),
      "src/boot.ts": `import { put } from "./store";\nexport function boot(key: string) { put("apiKey", key); }\nexport function measure(key: string) { put("size", key.length); }\n`,
      "src/store.ts": `const m = new Map<string, unknown>();\nexport function put(k: string, v: unknown) { m.set(k, v); }\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`boot\` hands the secret to \`put\` as the entry's value, two hops from the handler; \`measure\` only its length
    expect(found.map((f) => [f.line, f.message])).toEqual([[4, handed("`env.API_KEY`", "boot", "./boot", "`m`", "./store.ts:2", HAZARD.value)]]);
  });

  it("follows a helper that writes into a collection or object a third module exports", async () => {
    const dir = project({
      "src/lib/store.ts": `export const tokens = new Map<string, string>();
export const settings: Record<string, string> = {};
export const seen = new Map<string, number>();
`,
      "src/lib/helper.ts": `import { tokens, settings, seen } from "./store";
export function keepToken(t: string) { tokens.set("main", t); }
export function keepUrl(u: string) { settings.url = u; }
export function lookUp(k: string) { return seen.get(k); }
`,
      "src/index.ts": `import { keepToken, keepUrl, lookUp } from "./lib/helper";
export default {
  async fetch(request: Request, env: Env) {
    keepToken(env.API_TOKEN);
    keepUrl(env.API_URL);
    lookUp(env.API_TOKEN);
    return new Response("ok");
  },
};
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the helper's module holds no state of its own, but writes into the store module's: the
    // value outlives the request there; a helper that only reads it keeps nothing
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [4, "`env.API_TOKEN` is kept by `keepToken` in module-scope `tokens` (./lib/helper.ts:2): it keeps a binding or secret of the deploy that stored it."],
      [5, "`env.API_URL` is kept by `keepUrl` in module-scope `settings.url` (./lib/helper.ts:3): it keeps a binding or secret of the deploy that stored it."],
    ]);
  });

  it("follows a registration-named method of another module's own object into its code, not a package's app", async () => {
    const dir = project({
      "src/services/repo.ts": `class Repo { calls = 0; use(db: D1Database) { this.calls++; return db.prepare("select 1").all(); } }
export const repo = new Repo();
`,
      "src/services/store.ts": `class Store { db: unknown = null; use(db: unknown) { this.db = db; } }
export const store = new Store();
`,
      "src/app.ts": `import { Hono } from "hono";
export const app = new Hono();
`,
      "src/index.ts": `import { repo } from "./services/repo";
import { store } from "./services/store";
import { app } from "./app";
export default {
  async fetch(request: Request, env: Env) {
    await repo.use(env.DB);
    store.use(env.DB);
    app.use(async (c, next) => { c.set("token", env.API_TOKEN); await next(); });
    return new Response("ok");
  },
};
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`repo.use\` only counts and queries; \`store.use\` keeps its argument on the module's
    // instance (one finding, from its summary); the Hono app another module made registers the middleware
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [7, "`env.DB` is kept by `store.use` in module-scope `this.db` of instance `store` (./services/store.ts:1): it keeps a binding or secret of the deploy that stored it."],
      [8, "a closure over `env` is added to module-scope `app`: the closure holds that request's `env`, stale after a deploy."],
    ]);
  });

  it("names the store that keeps the argument itself, not one that puts back what the collection holds", async () => {
    const dir = project({
      "src/lru.ts": `export function createLRU<V>(max: number) {
  const m = new Map<string, V>();
  return {
    get(k: string) { const v = m.get(k); if (v !== undefined) { m.delete(k); m.set(k, v); } return v; },
    set(k: string, v: V) { m.set(k, v); if (m.size > max) m.delete(m.keys().next().value!); },
  };
}
export const users = createLRU<unknown>(500);
`,
      "src/index.ts": `import { users } from "./lru";
export default {
  async fetch(request: Request, env: Env) {
    const ip = request.headers.get("cf-connecting-ip") ?? "";
    users.set(ip, request.headers.get("x-user"));
    return new Response("ok");
  },
};
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`set\` keeps its value as it is handed (line 5); \`get\` only puts back an entry \`m\` holds
    expect(found).toEqual([
      {
        rule: "no-request-state-in-global-scope",
        line: 5,
        column: 5,
        message: "`request.headers.get(\"x-user\")`, data of one request, is kept by `users.set` in module-scope `m` (closed over by `users`) (./lru.ts:5).",
      },
    ]);
  });

  it("follows the key and the values of an entry a method builds in another method of its class", async () => {
    const dir = project({
      "src/repos.ts": `const entries = new Map<string, { repo: unknown; meta: { head: string; at: number } }>();
export class RepoCache {
  private keyOf(appId: string) {
    return "repo:" + appId;
  }
  private keep(appId: string, repo: unknown, head: string) {
    entries.set(this.keyOf(appId), { repo, meta: { head, at: Date.now() } });
  }
  store(appId: string, repo: unknown, head: string) {
    this.keep(appId, repo, head);
  }
}
`,
      "src/index.ts": `import { RepoCache } from "./repos";
export default {
  async fetch(request: Request, env: Env) {
    const appId = new URL(request.url).pathname.slice(1);
    const repo = await env.REPOS.get(appId, "json");
    const head = await env.HEADS.get(appId);
    const cache = new RepoCache();
    cache.store(appId, repo, head ?? "");
    cache.store(appId, repo, request.headers.get("x-head") ?? "");
    return new Response("ok");
  },
};
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: a repository and its head read by the app's id are that id's; a head the request names is not
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 9]]);
  });

  it("judges a loader that reads through a binding by the key it is handed with, outside its own parameters", async () => {
    const dir = project({
      "src/cache.ts": `const store = new Map<string, { value: CryptoKey }>();
export const keys = {
  async read(key: string, load: (key: string) => Promise<{ value: CryptoKey }>) {
    const full = "keys/" + key;
    const hit = store.get(full);
    if (hit) return hit.value;
    const fresh = await load(key);
    store.set(full, fresh);
    return fresh.value;
  },
};
`,
      "src/index.ts": `import { keys } from "./cache";
export default {
  async fetch(request: Request, env: Env) {
    const keyId = new URL(request.url).searchParams.get("key") ?? "";
    const obj = await env.KEYS.get(keyId);
    if (!obj) return new Response("no key", { status: 404 });
    await keys.read(\`sk-\${keyId}\`, async () => {
      let key: CryptoKey;
      try {
        key = await crypto.subtle.importKey("pkcs8", await obj.arrayBuffer(), { name: "RSA-PSS", hash: "SHA-384" }, true, ["sign"]);
      } catch {
        throw new Error("bad key");
      }
      return { value: key };
    });
    await keys.read(\`hmac-\${keyId}\`, async () => {
      const raw = new TextEncoder().encode(request.headers.get("x-secret") ?? "");
      return { value: await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]) };
    });
    return new Response("ok");
  },
};
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the key imported from the object stored under that id is the id's own; one imported from
    // a request's header is that request's, served to the next one asking for the same id
    expect(found.map((f) => [f.rule, f.line])).toEqual([["no-request-state-in-global-scope", 16]]);
  });
});

/** Lints one file and counts its findings and the modules parsed meanwhile. */
async function lintCountingParses(eslint: Awaited<ReturnType<typeof eslintFor>>, dir: string, file: string) {
  const before = projectStats.parses;
  const findings = (await lintFile(eslint, dir, file)).length;
  return { findings, parses: projectStats.parses - before };
}

/** Lints one file: where each finding says the value is kept, and the modules parsed and answered from their outline meanwhile. */
async function lintCountingOutlines(eslint: Awaited<ReturnType<typeof eslintFor>>, dir: string, file: string) {
  const before = { ...projectStats };
  const kept = (await lintFile(eslint, dir, file)).map((f) => /\((\S+:\d+)\)/.exec(f.message)?.[1]);
  return { kept, parses: projectStats.parses - before.parses, outlined: projectStats.outlined - before.outlined };
}

describe("cost", () => {
  it("looks at a module once for every export one file hands values to", async () => {
    const store = `let kept: unknown[] = [];\nexport function keepA(v: string) { kept.push(v); }\nexport function keepB(v: string) { kept.push(v); }\nexport function useC(v: string) { return v.length; }\n`;
    const dir = project({
      "src/index.ts": worker(`import { keepA, keepB, useC } from "./store";`, `keepA(env.A);\n    keepB(env.B);\n    useC(env.C);`),
      "src/store.ts": store,
    });
    const before = projectStats.parses;
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: keepA and keepB keep what they are handed; useC only reads it
    expect(found.map((f) => f.line)).toEqual([4, 5]);
    // why: the three keys are asked of the module together, so it is parsed once, not once per key
    expect(projectStats.parses - before).toBe(1);
  });

  it("answers a call from a summary made for an earlier file, and still reports what it keeps", async () => {
    const store = `const kept: string[] = [];\nexport function keep(v: string) { kept.push(v); }\nexport function measure(v: string) { return v.length; }\n`;
    const dir = project({
      "src/a.ts": worker(`import { keep, measure } from "./store";`, `measure(env.A);\n    keep(env.A);`),
      "src/b.ts": worker(`import { keep, measure } from "./store";`, `measure(env.B);\n    keep(env.B);`),
      "src/store.ts": store,
    });
    const eslint = await eslintFor(dir);
    expect((await lintFile(eslint, dir, "src/a.ts")).map((f) => f.line)).toEqual([5]);
    const [parses, known] = [projectStats.parses, projectStats.known];
    // why: both keys were summarised for a.ts; b.ts reads them back without a new look at the module,
    // and the helper that keeps its argument is still reported
    expect((await lintFile(eslint, dir, "src/b.ts")).map((f) => f.line)).toEqual([5]);
    expect(projectStats.parses - parses).toBe(0);
    expect(projectStats.known - known).toBe(2);
  });

  it("keeps what it learnt of a module read from disk while that module is itself linted with the same text", async () => {
    freezeClock();
    const dir = project({
      "src/index.ts": worker(`import { handle } from "./routes";`, `handle(env.A);`),
      "src/routes.ts": `import { keep, peek } from "./store";\nexport function handle(v: string) { keep(v); }\nexport const version = 1;\nexport function check(env: Env) { return peek(env.A); }\n`,
      "src/store.ts": `import { handle, version } from "./routes";\nconst kept: string[] = [];\nexport function keep(v: string) { kept.push(v + version); }\nexport function peek(v: string) { return v.length; }\nexport function again(env: Env) { handle(env.B); }\n`,
    });
    const eslint = await eslintFor(dir);
    const files = ["src/index.ts", "src/routes.ts", "src/store.ts"];
    for (const file of files) await lintFile(eslint, dir, file);
    const before = projectStats.textChecks;
    // why: each file was read from disk for another one; linted with that same text, it is the same
    // module, so no answer built from its disk copy needs its text checked again
    for (const file of files) await lintFile(eslint, dir, file);
    expect(projectStats.textChecks - before).toBe(0);
    expect(await lintFile(eslint, dir, "src/index.ts")).toHaveLength(1);
  });

  it("keeps a summary that read a linted file back through an import cycle, when that file is saved", async () => {
    freezeClock();
    const dir = project({
      "src/index.ts": `import { keep } from "./store";\nexport const tag = "t";\n${worker("", "keep(env.A);")}`,
      "src/other.ts": worker(`import { keep } from "./store";`, `keep(env.B);`),
      "src/store.ts": `import { tag } from "./index";\nimport { put } from "./box";\nexport function keep(v: string) { put(v + tag); }\n`,
      "src/box.ts": `const kept: string[] = [];\nexport function put(v: string) { kept.push(v); }\n`,
    });
    const eslint = await eslintFor(dir);
    expect(await lintFile(eslint, dir, "src/index.ts")).toHaveLength(1);
    // why: store.ts's summary read index.ts (linted then, unchanged on disk): it still holds for other.ts
    expect(await lintCountingParses(eslint, dir, "src/other.ts")).toEqual({ findings: 1, parses: 0 });
  });

  it("checks what an answer was built from against the disk once while no stamp can change, and again after", async () => {
    freezeClock();
    const dir = project({
      "src/a.ts": worker(`import { keep } from "./store";`, `keep(env.A);`),
      "src/b.ts": worker(`import { keep } from "./store";`, `keep(env.B);`),
      "src/store.ts": `import { put } from "./box";\nexport function keep(v: string) { put(v); }\n`,
      "src/box.ts": `const kept: string[] = [];\nexport function put(v: string) { kept.push(v); }\n`,
    });
    const eslint = await eslintFor(dir);
    expect(await lintFile(eslint, dir, "src/a.ts")).toHaveLength(1);
    expect(await lintFile(eslint, dir, "src/b.ts")).toHaveLength(1);
    const before = projectStats.stampChecks;
    expect(await lintFile(eslint, dir, "src/a.ts")).toHaveLength(1);
    // why: within the second the stamps were taken in, the answers checked for b.ts still hold
    expect(projectStats.stampChecks - before).toBe(0);
    write(dir, "src/box.ts", `export function put(v: string) { return v.length; }\n`);
    aSecondLater();
    // why: a second later every stamp is taken again, and box.ts no longer keeps anything
    expect(await lintFile(eslint, dir, "src/a.ts")).toEqual([]);
    expect(projectStats.stampChecks - before).toBeGreaterThan(0);
  });

  it("shares a module's summary between settings that differ only in process.env, unless a module read names process", async () => {
    const dir = project({
      "src/index.ts": worker(`import { keep } from "./store";\nimport { note } from "./log";`, `keep(env.A);\n    note(env.B);`),
      "src/store.ts": `let kept: unknown;\nexport function keep(v: string) { kept = v; }\n`,
      "src/log.ts": `const verbose = process.env.VERBOSE === "1";\nlet last: unknown;\nexport function note(v: string) { if (verbose) last = v; }\n`,
    });
    const before = projectStats.parses;
    const off = await lintFile(await eslintFor(dir, { "cloudflare-workers": { processEnv: false } }), dir, "src/index.ts");
    expect(projectStats.parses - before).toBe(2);
    const on = await lintFile(await eslintFor(dir, { "cloudflare-workers": { processEnv: true } }), dir, "src/index.ts");
    // why: store.ts never names process, so its summary serves both; log.ts reads process.env and is made again
    expect(projectStats.parses - before).toBe(3);
    // why: the findings are the same either way: both helpers keep what they are handed
    expect(on.map((f) => f.line)).toEqual(off.map((f) => f.line));
    expect(off.map((f) => f.line)).toEqual([5, 6]);
  });

  it("reuses at any depth a summary that keeps nothing and hands nothing on", async () => {
    const dir = project({
      "src/x.ts": worker(`import { one } from "./a";`, `one(env.X);`),
      "src/y.ts": worker(`import { two } from "./b";`, `two(env.Y);`),
      "src/a.ts": `import { two } from "./b";\nlet calls = 0;\nexport function one(v: string) { calls++; two(v); }\n`,
      "src/b.ts": `let count = 0;\nexport function two(v: string) { count++; return v.length; }\n`,
    });
    const eslint = await eslintFor(dir);
    expect(await lintFile(eslint, dir, "src/x.ts")).toEqual([]);
    const before = projectStats.parses;
    expect(await lintFile(eslint, dir, "src/y.ts")).toEqual([]);
    // why: b was summarised for x with less depth left, but its answer needed no depth: it is not made again
    expect(projectStats.parses - before).toBe(0);
  });

  it("follows an export of a large module asked after another one, which was summarised without it", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `  out.push(render("row ${i}"));`).join("\n");
    const dir = project({
      "src/a.ts": worker(`import { keep } from "./routes/page";`, `keep(env.A);`),
      "src/b.ts": worker(`import { stash } from "./routes/page";`, `stash(env.B);`),
      "src/routes/page.ts": `import { render } from "./ui";\nlet kept = "";\nexport function keep(v: string) { kept = v; }\nexport function stash(v: string) { kept = v.trim(); }\nexport default function Page() {\n  const out: string[] = [];\n${rows}\n  return out;\n}\n`,
      "src/routes/ui.ts": `export function render(s: string) { return s; }\n`,
    });
    const eslint = await eslintFor(dir);
    expect((await lintCountingOutlines(eslint, dir, "src/a.ts")).kept).toEqual(["./routes/page.ts:3"]);
    expect((await lintCountingOutlines(eslint, dir, "src/b.ts")).kept).toEqual(["./routes/page.ts:4"]);
  });

  it("answers from the outline when the code asked about names nothing imported from a module that may keep", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `  out.push("row ${i}".padEnd(v.length));`).join("\n");
    const dir = project({
      "src/a.ts": worker(`import { describe } from "./page";`, `describe(env.A);`),
      "src/b.ts": worker(`import Page from "./page";`, `Page(env.B);`),
      "src/page.ts": `import { enqueue } from "./queue";\nexport function describe(v: string) { return v.trim(); }\nexport default function Page(v: string) {\n  const out: string[] = [];\n${rows}\n  enqueue(v);\n  return out;\n}\n`,
      "src/queue.ts": `const pending: string[] = [];\nexport function enqueue(v: string) { pending.push(v); }\n`,
    });
    const eslint = await eslintFor(dir);
    // why: describe's module keeps nothing itself, and what is analysed for it (Page left out) names no import that may keep
    expect(await lintCountingOutlines(eslint, dir, "src/a.ts")).toEqual({ kept: [], parses: 0, outlined: 1 });
    // why: Page hands its argument to enqueue: asked later, page.ts and queue.ts are parsed and Page reported
    expect(await lintCountingOutlines(eslint, dir, "src/b.ts")).toEqual({ kept: ["./queue.ts:2"], parses: 2, outlined: 0 });
  });

  it("answers from the outline only for exports whose code, and what it names, uses no import that may keep", async () => {
    const dir = project({
      "src/a.ts": worker(`import { describe } from "./helper";`, `describe(env.A);`),
      "src/b.ts": worker(`import { forward } from "./helper";`, `forward(env.B);`),
      "src/c.ts": worker(`import { relay } from "./local";`, `relay(env.C);`),
      "src/helper.ts": `import { enqueue } from "./queue";\nexport const PREFIX = "q:";\nexport function describe(v: string) { return PREFIX + v.trim(); }\nexport function forward(v: string) { enqueue(v); }\n`,
      "src/local.ts": `import { enqueue } from "./queue";\nfunction inner(v: string) { enqueue(v); }\nexport function relay(v: string) { inner(v); }\n`,
      "src/queue.ts": `const pending: string[] = [];\nexport function enqueue(v: string) { pending.push(v); }\n`,
    });
    const eslint = await eslintFor(dir);
    // why: describe (and the constant it names) use nothing from queue.ts; forward does, but was not asked
    expect(await lintCountingOutlines(eslint, dir, "src/a.ts")).toEqual({ kept: [], parses: 0, outlined: 1 });
    expect((await lintCountingOutlines(eslint, dir, "src/b.ts")).kept).toEqual(["./queue.ts:2"]);
    // why: the module's own code outside its exports (inner) counts as reachable from relay
    expect((await lintCountingOutlines(eslint, dir, "src/c.ts")).kept).toEqual(["./queue.ts:2"]);
  });

  it("answers from the outline when no declaration the code asked about names uses an import that may keep", async () => {
    const queue = `const pending: string[] = [];\nexport function enqueue(v: string) { pending.push(v); }\n`;
    const helper = [
      `import { enqueue } from "./queue";`,
      `const LABEL = "relay";`,
      `function tidy(v: string) {`,
      `  return v.trim();`,
      `}`,
      `function relay(v: string) {`,
      `  enqueue(v);`,
      `}`,
      `export function describe(v: string, row: Record<string, string>) {`,
      `  return [LABEL, "relay", row.relay, tidy(v)].join(" ");`,
      `}`,
      `export function forward(v: string) {`,
      `  return tidy(v) + relay(v);`,
      `}`,
      ``,
    ].join("\n");
    const dir = project({
      "src/a.ts": worker(`import { describe } from "./helper";`, `describe(env.A, {});`),
      "src/b.ts": worker(`import { forward } from "./helper";`, `forward(env.B);`),
      "src/c.ts": worker(`import { describe } from "./unformatted";`, `describe(env.C, {});`),
      "src/d.ts": worker(`import { describe } from "./multi";`, `describe(env.D);`),
      "src/multi.ts": `import { enqueue } from "./queue";\nconst LABEL = "x", push = (v: string) => enqueue(v);\nexport function describe(v: string) {\n  push(v);\n}\n`,
      "src/helper.ts": helper,
      "src/unformatted.ts": helper.replace("function tidy(v: string) {\n  return v.trim();", "function tidy(v: string) {\nconst t = relay(v);\n  return v.trim() + t;"),
      "src/queue.ts": queue,
    });
    const eslint = await eslintFor(dir);
    // why: describe names LABEL and tidy, which use nothing imported; "relay" in a string and row.relay name no declaration
    expect(await lintCountingOutlines(eslint, dir, "src/a.ts")).toEqual({ kept: [], parses: 0, outlined: 1 });
    // why: forward names relay, which hands its argument to enqueue
    expect((await lintCountingOutlines(eslint, dir, "src/b.ts")).kept).toEqual(["./queue.ts:2"]);
    // why: a line at column 0 inside tidy leaves its braces unbalanced: all the module's code counts
    // as reached, the module is parsed, and tidy's call of relay is seen
    expect(await lintCountingOutlines(eslint, dir, "src/c.ts")).toEqual({ kept: ["./queue.ts:2"], parses: 1, outlined: 0 });
    // why: a declaration of two names counts as code always reached: push, declared second, is seen
    expect((await lintCountingOutlines(eslint, dir, "src/d.ts")).kept).toEqual(["./queue.ts:2"]);
  });

  it("answers from the outlines when the exports a helper uses of a module that may keep cannot keep anything", async () => {
    const dir = project({
      "src/a.ts": worker(`import { measure } from "./measure";`, `measure(env.A);`),
      "src/b.ts": worker(`import { send } from "./send";`, `send(env.B);`),
      "src/measure.ts": `import { width } from "./editor";\nexport function measure(v: string) { return width(v) * 2; }\n`,
      "src/send.ts": `import { submit as post } from "./editor";\nexport function send(v: string) { post(v); }\n`,
      "src/editor.ts": `import { enqueue } from "./queue";\nexport function width(v: string) { return v.length; }\nexport function submit(v: string) { enqueue(v); }\n`,
      "src/queue.ts": `const pending: string[] = [];\nexport function enqueue(v: string) { pending.push(v); }\n`,
    });
    const eslint = await eslintFor(dir);
    // why: measure uses width, and width uses nothing imported: neither module is parsed
    expect(await lintCountingOutlines(eslint, dir, "src/a.ts")).toEqual({ kept: [], parses: 0, outlined: 1 });
    // why: send uses submit (imported under another name), which hands its argument to enqueue
    expect((await lintCountingOutlines(eslint, dir, "src/b.ts")).kept).toEqual(["./queue.ts:2"]);
    // why: the answer for measure was built from editor.ts too: once width keeps its argument, measure is followed again
    write(dir, "src/editor.ts", `import { enqueue } from "./queue";\nexport function width(v: string) { enqueue(v); return v.length; }\n`);
    aSecondLater();
    expect((await lintCountingOutlines(eslint, dir, "src/a.ts")).kept).toEqual(["./queue.ts:2"]);
  });

  it("answers for a route module from the summary of a module that keeps, when the functions it uses keep none of their arguments", async () => {
    const route = (name: string, body: string) =>
      `import { allowed, enqueue } from "../limiter";\nexport async function ${name}(request: Request, env: Env) {\n  ${body}\n  return new Response("ok");\n}\n`;
    const dir = project({
      "src/a.ts": worker(`import { handleA } from "./routes/a";`, `return handleA(request, env);`),
      "src/b.ts": worker(`import { handleB } from "./routes/b";`, `return handleB(request, env);`),
      "src/c.ts": worker(`import { handleC } from "./routes/c";`, `return handleC(request, env);`),
      "src/d.ts": worker(`import { handleD } from "./routes/d";`, `return handleD(request, env);`),
      "src/routes/a.ts": route("handleA", `if (!allowed(env.A)) return new Response("slow down");`),
      "src/routes/b.ts": route("handleB", `if (!allowed(request.url)) return new Response("slow down");`),
      "src/routes/c.ts": route("handleC", `enqueue(env.C);`),
      "src/routes/d.ts": `import * as limiter from "../limiter";\nexport async function handleD(request: Request, env: Env) {\n  limiter.allowed(env.D);\n}\n`,
      "src/limiter.ts": `const pending: string[] = [];\nexport function enqueue(v: string) { pending.push(v); }\nexport function allowed(key: string) { return pending.length < 100 && key.length > 0; }\n`,
    });
    const eslint = await eslintFor(dir);
    // why: allowed keeps none of its arguments: limiter.ts is summarised once, and the route module is not parsed
    expect(await lintCountingOutlines(eslint, dir, "src/a.ts")).toEqual({ kept: [], parses: 1, outlined: 1 });
    // why: the second route module is answered from its outline and the summary already made
    expect(await lintCountingOutlines(eslint, dir, "src/b.ts")).toEqual({ kept: [], parses: 0, outlined: 1 });
    // why: enqueue keeps its argument: the route module is parsed and its hand-off reported
    expect(await lintCountingOutlines(eslint, dir, "src/c.ts")).toEqual({ kept: ["./limiter.ts:2"], parses: 1, outlined: 0 });
    // why: a namespace import does not say which functions are used: the route module is parsed
    expect(await lintCountingOutlines(eslint, dir, "src/d.ts")).toEqual({ kept: [], parses: 1, outlined: 0 });
    // why: the answer for route a was built from limiter.ts: once allowed keeps its argument, a is reported
    write(dir, "src/limiter.ts", `const pending: string[] = [];\nexport function enqueue(v: string) { pending.push(v); }\nexport function allowed(key: string) { pending.push(key); return true; }\n`);
    aSecondLater();
    expect((await lintCountingOutlines(eslint, dir, "src/a.ts")).kept).toEqual(["./limiter.ts:3"]);
  });

  it("summarises a module's other callables when it is asked again, so that it is parsed at most twice", async () => {
    const dir = project({
      "src/a.ts": worker(`import { keep } from "./helpers";`, `keep(env.A);`),
      "src/b.ts": worker(`import { tidy } from "./helpers";`, `tidy(env.B);`),
      "src/c.ts": worker(`import { measure } from "./helpers";`, `measure(env.C);`),
      "src/d.ts": worker(`import { stash } from "./helpers";`, `stash(env.D);`),
      "src/helpers.ts": `const pending: string[] = [];\nexport function keep(v: string) { pending.push(v); }\nexport function tidy(v: string) { return v.trim(); }\nexport function measure(v: string) { return v.length; }\nexport function stash(v: string) { pending.unshift(v); }\n`,
    });
    const eslint = await eslintFor(dir);
    // why: keep is asked first, and summarised alone (its module keeps, so each callable is seeded when asked)
    expect(await lintCountingOutlines(eslint, dir, "src/a.ts")).toEqual({ kept: ["./helpers.ts:2"], parses: 1, outlined: 0 });
    // why: asked again, for tidy: every callable is summarised in this second look
    expect(await lintCountingOutlines(eslint, dir, "src/b.ts")).toEqual({ kept: [], parses: 1, outlined: 0 });
    expect(await lintCountingOutlines(eslint, dir, "src/c.ts")).toEqual({ kept: [], parses: 0, outlined: 0 });
    expect(await lintCountingOutlines(eslint, dir, "src/d.ts")).toEqual({ kept: ["./helpers.ts:5"], parses: 0, outlined: 0 });
  });

  it("does not read a module for a method of an app a package made (a Worker wrapping its Hono app)", async () => {
    const dir = project({
      "src/index.ts": worker(`import app from "./app";`, `return app.fetch(request, env);`),
      "src/app.ts": `import { Hono } from "hono";\nlet lastKey: string | undefined;\nconst app = new Hono<{ Bindings: Env }>();\napp.get("/", (c) => { lastKey = c.env.KEY; return c.text("ok"); });\nexport default app;\n`,
    });
    const eslint = await eslintFor(dir);
    // why: app.fetch is Hono's code; what the routes keep of c.env is reported in app.ts
    expect(await lintCountingParses(eslint, dir, "src/index.ts")).toEqual({ findings: 0, parses: 0 });
    expect((await lintFile(eslint, dir, "src/app.ts")).map((f) => f.line)).toEqual([4]);
  });

  it("does not parse a helper whose only import of a module that keeps is a plain constant or a type", async () => {
    const dir = project({
      "src/index.ts": worker(`import { send } from "./mailer";`, `await send(env.KEY);`),
      "src/other.ts": worker(`import { relay } from "./relay";`, `relay(env.KEY);`),
      "src/mailer.ts": `import { RETRY_LIMIT, type Job } from "./queue";\nexport async function send(key: string) { const job: Job = { tries: RETRY_LIMIT }; await fetch("https://x.dev", { headers: { key } }); return job; }\n`,
      "src/relay.ts": `import { enqueue } from "./queue";\nexport function relay(v: string) { enqueue(v); }\n`,
      "src/queue.ts": `export type Job = { tries: number };\nexport const RETRY_LIMIT = 3;\nconst pending: string[] = [];\nexport function enqueue(v: string) { pending.push(v); }\n`,
    });
    const eslint = await eslintFor(dir);
    const before = projectStats.parses;
    expect(await lintFile(eslint, dir, "src/index.ts")).toEqual([]);
    // why: a number and a type cannot keep what send is handed: mailer.ts is known inert from its text
    expect(projectStats.parses - before).toBe(0);
    // why: the neighbour importing the function that keeps is still followed and reported
    expect((await lintFile(eslint, dir, "src/other.ts")).map((f) => f.line)).toEqual([4]);
  });

  it("does not parse a helper whose module-level lets only ever hold flags and counts", async () => {
    const dir = project({
      "src/index.ts": worker(`import { warnOnce } from "./log";`, `warnOnce(env.KEY);`),
      "src/other.ts": worker(`import { remember } from "./remember";`, `remember(env.KEY);`),
      "src/log.ts": `let warned = false;\nlet calls = 0;\nexport function warnOnce(key: string) {\n  calls++;\n  if (!warned) { warned = true; console.warn("key of length", key.length); }\n}\n`,
      "src/remember.ts": `let warned = false;\nlet last: string | null = null;\nexport function remember(key: string) {\n  if (!warned) warned = true;\n  last = key;\n}\n`,
    });
    const eslint = await eslintFor(dir);
    // why: a flag and a count set to plain data cannot keep the key: log.ts is known inert from its text
    expect(await lintCountingParses(eslint, dir, "src/index.ts")).toEqual({ findings: 0, parses: 0 });
    // why: the neighbour that also sets its let to the argument is parsed and reported
    expect(await lintCountingParses(eslint, dir, "src/other.ts")).toEqual({ findings: 1, parses: 1 });
  });

  it("does not look at a module the file hands only constants", async () => {
    const dir = project({
      "src/index.ts": worker(`import { remember, label } from "./remember";`, `remember("static", { level: "warn", tags: ["a", -1] });\n    label(\`plain\`);`),
      "src/other.ts": worker(`import { remember } from "./remember";`, `remember(env.KEY, {});`),
      "src/remember.ts": `let last: unknown = null;\nexport function remember(key: string, opts: object) { last = [key, opts]; }\nexport function label(v: string) { return v; }\n`,
    });
    const eslint = await eslintFor(dir);
    const checks = async (file: string) => {
      const before = projectStats.textChecks;
      const findings = (await lintFile(eslint, dir, file)).length;
      return { findings, textChecks: projectStats.textChecks - before };
    };
    // why: literals, and arrays and objects of them, carry nothing of a request or of env
    expect(await checks("src/index.ts")).toEqual({ findings: 0, textChecks: 0 });
    expect(await checks("src/other.ts")).toEqual({ findings: 1, textChecks: 1 });
  });

  it("does not read a Worker's module for a test that calls its handler", async () => {
    const dir = project({
      "src/index.ts": `let lastKey: string | undefined;\n${worker("", "lastKey = env.KEY;")}`,
      "src/index.test.ts": `import worker from "./index";\nimport { env } from "cloudflare:workers";\nexport async function check() {\n  return worker.fetch(new Request("https://x.dev"), env);\n}\n`,
      "src/other.ts": worker(`import { handle } from "./handle";`, `await handle.fetch(request, env);`),
      "src/handle.ts": `let lastKey: string | undefined;\nexport const handle = {\n  async fetch(request: Request, env: Env) { lastKey = env.KEY; return new Response("ok"); },\n};\n`,
    });
    const eslint = await eslintFor(dir);
    // why: the runtime hands the handler its request and env; what it keeps of them is reported in index.ts
    expect(await lintCountingParses(eslint, dir, "src/index.test.ts")).toEqual({ findings: 0, parses: 0 });
    expect((await lintFile(eslint, dir, "src/index.ts")).map((f) => f.line)).toEqual([5]);
    // why: an object that is not the default export is an ordinary module object: its method is followed
    expect(await lintCountingParses(eslint, dir, "src/other.ts")).toEqual({ findings: 1, parses: 1 });
  });

  it("reuses at any depth a summary that keeps a value when no limit cut what it read", async () => {
    const dir = project({
      "src/x.ts": worker(`import { one } from "./a";`, `one(env.X);`),
      "src/y.ts": worker(`import { two } from "./b";`, `two(env.Y);`),
      "src/a.ts": `import { two } from "./b";\nexport function one(v: string) { two(v); }\n`,
      "src/b.ts": `import { label } from "./c";\nlet kept = "";\nexport function two(v: string) { kept = label + v; }\n`,
      "src/c.ts": `export const label = "b:";\n`,
    });
    const eslint = await eslintFor(dir);
    expect(await lintFile(eslint, dir, "src/x.ts")).toHaveLength(1);
    // why: b was summarised as a.ts's callee with less depth left, and nothing it read was cut by the limit
    expect(await lintCountingParses(eslint, dir, "src/y.ts")).toEqual({ findings: 1, parses: 0 });
  });

  it("does not reuse a summary made with more depth left for a request with less", async () => {
    const files = {
      "src/x.ts": worker(`import { one } from "./a";`, `one(env.X);`),
      "src/y.ts": worker(`import { p } from "./p";`, `p(env.Y);`),
      "src/a.ts": `import { two } from "./b";\nexport function one(v: string) { two(v, "a"); }\n`,
      "src/p.ts": `import { q } from "./q";\nexport function p(v: string) { q(v); }\n`,
      "src/q.ts": `import { two } from "./b";\nexport function q(v: string) { two(v, "q"); }\n`,
      // b.ts keeps its second argument itself (so its text says it may keep), and hands the first to c.ts.
      "src/b.ts": `import { keep } from "./c";\nlet tag = "";\nexport function two(v: string, t: string) { tag = t; keep(v); }\n`,
      "src/c.ts": `const kept: string[] = [];\nexport function keep(v: string) { kept.push(v); }\n`,
    };
    const alone = project(files);
    // why: from y.ts, b.ts is three modules down: what c.ts does with the value is past the depth limit, unknown
    expect(await lintFile(await eslintFor(alone), alone, "src/y.ts")).toEqual([]);
    const dir = project(files);
    const eslint = await eslintFor(dir);
    expect(await lintFile(eslint, dir, "src/x.ts")).toHaveLength(1);
    // why: x.ts summarised b.ts with a depth left that reached c.ts; y.ts's request has less, and gets what it gets alone
    expect(await lintFile(eslint, dir, "src/y.ts")).toEqual([]);
  });

  it("does not reuse a summary the depth limit cut short for a request with more depth left", async () => {
    const dir = project({
      "src/x.ts": worker(`import { one } from "./a";`, `one(env.X);`),
      "src/y.ts": worker(`import { two } from "./b";`, `two(env.Y);`),
      "src/a.ts": `import { two } from "./b";\nexport function one(v: string) { two(v); }\n`,
      "src/b.ts": `import { three } from "./c";\nexport function two(v: string) { three(v); }\n`,
      "src/c.ts": `import { keep } from "./d";\nlet calls = 0;\nexport function three(v: string) { calls++; keep(v); }\n`,
      "src/d.ts": `const kept: string[] = [];\nexport function keep(v: string) { kept.push(v); }\n`,
    });
    const eslint = await eslintFor(dir);
    // why: from x the store is four modules away, past the default depth of 3
    expect(await lintFile(eslint, dir, "src/x.ts")).toEqual([]);
    // why: from y it is three away; b and c were summarised for x with less depth left, and are made again
    expect((await lintFile(eslint, dir, "src/y.ts")).map((f) => f.line)).toEqual([4]);
  });

  it("answers for several exports at once when none of them keeps what it is handed", async () => {
    const store = `let kept: unknown[] = [];\nexport function keep(v: string) { kept.push(v); }\nexport function useA(v: string) { return v.length; }\nexport function useB(v: string) { return v.trim(); }\n`;
    const dir = project({
      "src/index.ts": worker(`import { useA, useB } from "./store";`, `useA(env.A);\n    useB(env.B);`),
      "src/other.ts": worker(`import { keep, useA } from "./store";`, `useA(env.A);\n    keep(env.C);`),
      "src/store.ts": store,
    });
    const eslint = await eslintFor(dir);
    // why: the module keeps something (in \`keep\`), but neither export this file calls does
    expect(await lintFile(eslint, dir, "src/index.ts")).toEqual([]);
    // why: the export that keeps is still found when a file calls it beside one that does not
    expect((await lintFile(eslint, dir, "src/other.ts")).map((f) => f.line)).toEqual([5]);
  });
});

describe("classes built on a Workers base in another module", () => {
  const bases = {
    "src/base.ts": `import { Agent } from "agents";\nexport class BaseAgent<E = unknown> extends Agent<E> {\n  log(m: string) { console.log(m); }\n}\n`,
    "src/mixin.ts": `import { Agent } from "agents";\nexport const VoiceAgent = withVoice(Agent);\n`,
    "src/barrel.ts": `export * from "./base";\nexport { VoiceAgent as Talker } from "./mixin";\n`,
    "src/entry.ts": `import { DurableObject } from "cloudflare:workers";\nexport default class extends DurableObject {}\n`,
    "src/middle.ts": `import { BaseAgent } from "./barrel";\nexport class Middle<E> extends BaseAgent<E> {}\n`,
  };

  it("reads this.env of a class whose base another module builds on a Workers base", async () => {
    const dir = project({
      ...bases,
      "src/index.ts": [
        `import { BaseAgent, Talker } from "./barrel";`,
        `import Entry from "./entry";`,
        `import { Middle } from "./middle";`,
        `let a: unknown; let b: unknown; let c: unknown; let d: unknown;`,
        `export class One extends BaseAgent<Env> { run() { a = this.env.A; } }`,
        `export class Two extends Talker { run() { b = this.env.B; } }`,
        `export class Three extends Entry { run() { c = this.env.C; } }`,
        `export class Four extends Middle<Env> { run() { d = this.env.D; } }`,
        ``,
      ].join("\n"),
    });
    freezeClock();
    const eslint = await eslintFor(dir);
    const found = await lintFile(eslint, dir, "src/index.ts");
    expect(found.map((f) => `${f.line} ${f.rule} ${f.message.split(":")[0]}`)).toEqual([
      "5 no-env-in-global-scope `this.env.A` is stored in module-scope `a`",
      "6 no-env-in-global-scope `this.env.B` is stored in module-scope `b`",
      "7 no-env-in-global-scope `this.env.C` is stored in module-scope `c`",
      "8 no-env-in-global-scope `this.env.D` is stored in module-scope `d`",
    ]);
    // why: the answer for Middle (middle.ts) was read through barrel.ts from base.ts; a change to
    // base.ts alone reaches it
    write(dir, "src/base.ts", `export class BaseAgent<E = unknown> {\n  env = {} as E;\n}\n`);
    aSecondLater();
    expect((await lintFile(eslint, dir, "src/index.ts")).map((f) => f.line)).toEqual([6, 7]);
  });

  it("lints a file whose only source is such a class's handlers", async () => {
    const dir = project({
      ...bases,
      // why: no source word in the text; the file gate lets it through for the imported base
      "src/room.ts": `import { BaseAgent } from "./base";\nconst conns: unknown[] = [];\nexport class Room extends BaseAgent { onConnect(conn: unknown) { conns.push(conn); } }\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/room.ts");
    expect(found.map((f) => `${f.line} ${f.rule}`)).toEqual(["3 no-request-state-in-global-scope"]);
  });

  it("takes no base from a module whose class is built on none, sees it change, and follows nothing with crossModuleDepth 0", async () => {
    const plain = `export class BaseAgent {\n  env = { A: "x" };\n}\n`;
    const dir = project({
      "src/base.ts": plain,
      "src/cycle-a.ts": `import { B } from "./cycle-b";\nexport class A extends B {}\n`,
      "src/cycle-b.ts": `import { A } from "./cycle-a";\nexport class B extends A {}\n`,
      "src/index.ts": `import { BaseAgent } from "./base";\nimport { A } from "./cycle-a";\nlet a: unknown; let b: unknown;\nexport class One extends BaseAgent { run() { a = this.env.A; } }\nexport class Two extends A { run() { b = (this as any).env.B; } }\n`,
    });
    freezeClock();
    const eslint = await eslintFor(dir);
    expect(await lintFile(eslint, dir, "src/index.ts")).toEqual([]);
    write(dir, "src/base.ts", bases["src/base.ts"]);
    aSecondLater();
    expect((await lintFile(eslint, dir, "src/index.ts")).map((f) => f.line)).toEqual([4]);
    const off = await eslintFor(dir, { "cloudflare-workers": { crossModuleDepth: 0 } });
    expect(await lintFile(off, dir, "src/index.ts")).toEqual([]);
  });
});

describe("an app another module of the project makes", () => {
  it("takes the callbacks of routes on a Hono app or an itty router imported from the project for theirs, and no other app's", async () => {
    const dir = project({
      "src/app.ts": `import { Hono } from "hono";\nexport const app = new Hono<{ Bindings: Env }>();\nconst api = new Hono().basePath("/api");\nexport default api;\n`,
      "src/server.ts": `import express from "express";\nexport const server = express();\n`,
      "src/router.ts": `import { AutoRouter } from "itty-router";\nexport const router = AutoRouter();\n`,
      "src/routes.ts": [
        `import { app } from "./app";`,
        `import api from "./app";`,
        `import { server } from "./server";`,
        `let a: unknown; let b: unknown; let c: unknown;`,
        `app.get("/", (ctx) => { a = ctx.env.A; return ctx.text("ok"); });`,
        `api.use(async (ctx, next) => { b = ctx.env.B; await next(); });`,
        `server.get("/", (req: any, res: any) => { c = req.env.C; res.send("ok"); });`,
        `import { router } from "./router";`,
        `let d: unknown;`,
        `router.get("/d", (request: unknown, e: any) => { d = e.D; return new Response("ok"); });`,
        ``,
      ].join("\n"),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/routes.ts");
    expect(found.map((f) => `${f.line} ${f.message.split(":")[0]}`)).toEqual([
      "5 `ctx.env.A` is stored in module-scope `a`",
      "6 `ctx.env.B` is stored in module-scope `b`",
      "10 `e.D` is stored in module-scope `d`",
    ]);
  });
});

describe("an object of several members handed to a helper that keeps two of them in one place", () => {
  it("is judged whole: the request's I/O beside env makes it the request rule's", async () => {
    const dir = project({
      "src/sentry.ts": `import { Toucan } from "toucan-js";\nlet sentry: Toucan | undefined;\nexport function getSentry(env: Env, ctx: ExecutionContext) {\n  sentry ??= new Toucan({ dsn: env.SENTRY_DSN, context: ctx });\n  return sentry;\n}\n`,
      "src/log.ts": `import { getSentry } from "./sentry";\nexport function logError(args: { env: Env; ctx: ExecutionContext; e: Error }) {\n  const { env, ctx, e } = args;\n  getSentry(env, ctx).captureException(e);\n}\n`,
      "src/index.ts": `import { logError } from "./log";\nexport default {\n  async queue(batch: MessageBatch<string>, env: Env, ctx: ExecutionContext) {\n    for (const m of batch.messages) logError({ env, ctx, e: new Error(m.id) });\n  },\n};\n`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: the helper keeps a client holding both the DSN and this batch's \`ctx\`: the I/O object is the graver hazard
    expect(found.map((f) => `${f.line} ${f.rule}`)).toEqual(["4 no-request-state-in-global-scope"]);
    expect(found[0].message).toBe("`ctx`, an I/O object of one queue batch, is kept by `logError` in module-scope `sentry` (./sentry.ts:4).");
  });
});

describe("a parameter named request typed with a project module's type", () => {
  it("is no request when the type is a plain object type the module exports, and one when it is built on a request", async () => {
    const dir = project({
      "src/types.ts": [
        `export interface ImageRequest { model: string; prompt: string }`,
        `export type JobRequest<T = unknown> = { id: string; input: T };`,
        `export type AuthedRequest = Request & { user: string };`,
        `export interface RoutedRequest extends Request { params: Record<string, string> }`,
        ``,
      ].join("\n"),
      "src/provider.ts": [
        `import type { ImageRequest, JobRequest, AuthedRequest, RoutedRequest } from "./types";`,
        `let model = ""; let job = ""; let user = ""; let path = "";`,
        `export class Provider {`,
        `  generate(request: ImageRequest) { model = request.model; }`,
        `  run(request: JobRequest<string>) { job = request.id; }`,
        `}`,
        `export function who(request: AuthedRequest) { user = request.user; }`,
        `export function route(request: RoutedRequest) { path = request.url; }`,
        ``,
      ].join("\n"),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/provider.ts");
    // why: an options object of the project's own named `request` holds no Worker's request; a type
    // built on `Request` is one, whatever the module calls it
    expect(found.map((f) => `${f.line} ${f.rule}`)).toEqual(["7 no-request-state-in-global-scope", "8 no-request-state-in-global-scope"]);
  });
});

describe("long-running processes", () => {
  it("sees an imported file change between two lints of one ESLint instance", async () => {
    const dir = project({
      "src/index.ts": worker(`import { getDb } from "./db/client.js";`, `getDb({ connectionString: env.DATABASE_URL });`),
      "src/db/client.ts": lazyDb,
    });
    freezeClock();
    const eslint = await eslintFor(dir);
    expect(await lintFile(eslint, dir, "src/index.ts")).toHaveLength(1);
    write(dir, "src/db/client.ts", `import postgres from "postgres";\nexport function getDb(opts: { connectionString: string }) {\n  return postgres(opts.connectionString);\n}\n`);
    // why: within a second of the last look at the disk, the file's stamp is trusted as it was
    expect(await lintFile(eslint, dir, "src/index.ts")).toHaveLength(1);
    aSecondLater();
    // why: the helper no longer keeps the client; the cached summary is re-checked by mtime and size
    expect(await lintFile(eslint, dir, "src/index.ts")).toEqual([]);
    write(dir, "src/db/client.ts", lazyDb);
    aSecondLater();
    expect(await lintFile(eslint, dir, "src/index.ts")).toHaveLength(1);
  });

  it("leaves a field a per-call instance's constructor sets from a binding read off a module's env holder", async () => {
    const dir = project({
      "src/bindings.ts": `const holder = { env: undefined as unknown as Env };\nexport function useEnv(env: Env) { holder.env = env; }\nexport const Bindings = new Proxy(holder, { get: (t, p) => (t.env as never)[p] }) as typeof holder & Env;\n`,
      "src/bucket.ts": `import { Bindings } from "./bindings";\nexport class Bucket {\n  stub: DurableObjectStub;\n  private constructor(stub: DurableObjectStub) {\n    this.stub = stub;\n  }\n  static async open(name: string) {\n    const stub = Bindings.BUCKETS.get(Bindings.BUCKETS.idFromName(name));\n    return new Bucket(stub);\n  }\n}\n`,
      "src/index.ts": worker(`import { Bucket } from "./bucket";`, `await Bucket.open(request.headers.get("cf-connecting-ip") ?? "anon");`),
    });
    const eslint = await eslintFor(dir);
    // why: \`this.stub = stub\` sets the field of an instance each call makes; what the field holds is no module place it writes
    expect([...(await lintFile(eslint, dir, "src/bucket.ts")), ...(await lintFile(eslint, dir, "src/index.ts"))]).toEqual([]);
  });

  it("names an I/O object a helper keeps as handed, inside what it builds, as the I/O object (no data read off it)", async () => {
    const dir = project({
      "src/dedup.ts": `export class Dedup {\n  private pending = new Map<string, { promise: Promise<Response>; at: number }>();\n  register(key: string, promise: Promise<Response>) {\n    this.pending.set(key, { promise, at: Date.now() });\n  }\n}\nexport const dedup = new Dedup();\n`,
      "src/index.ts": worker(`import { dedup } from "./dedup";`, `const upstream = fetch("https://origin.example.com/" + request.method);\n    dedup.register("k", upstream);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: \`register\` keeps the promise itself in a module instance's map; it reads nothing from it
    expect(found.map((f) => f.message)).toEqual(["a fetch() response, an I/O object of one request, is kept by `dedup.register` in module-scope `this.pending` of instance `dedup` (./dedup.ts:4)."]);
  });

  it("lints an unsaved buffer by its text", async () => {
    const dir = project({ "src/db/client.ts": lazyDb });
    const eslint = await eslintFor(dir);
    const [result] = await eslint.lintText(worker(`import { getDb } from "./db/client.js";`, `getDb({ connectionString: env.DATABASE_URL });`), {
      filePath: `${dir}/src/index.ts`,
    });
    // why: src/index.ts exists only in the editor; its imports resolve from where it will be saved
    expect(result.messages.map((m) => m.ruleId)).toEqual(["cloudflare-workers/no-env-in-global-scope"]);
  });
});

describe("one place another module keeps, reached by many calls of a file", () => {
  it("is reported once per value kept there, at the first call", async () => {
    const dir = project({
      "src/jwt.ts": [
        `export class Jwt {`,
        `  static instance: Jwt | null = null;`,
        `  constructor(private secret: string) {}`,
        `  static get(secret: string) {`,
        `    return (Jwt.instance ??= new Jwt(secret));`,
        `  }`,
        `}`,
        `export function sign(secret: string, body: string) {`,
        `  return Jwt.get(secret) && body;`,
        `}`,
      ].join("\n"),
      "src/index.ts": worker(`import { Jwt, sign } from "./jwt";`, `Jwt.get(env.JWT_SECRET);\n    sign(env.JWT_SECRET, "a");\n    Jwt.get(env.JWT_SECRET);\n    Jwt.get(env.OTHER_SECRET);`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: three calls keep the same secret in the same static: one finding; another secret kept there is its own
    expect(found.map((f) => `${f.line} ${f.message.split(" is kept")[0]}`)).toEqual(["4 `env.JWT_SECRET`", "7 `env.OTHER_SECRET`"]);
  });
  it("names the binding a callee keeps of the env handed inside an object literal", async () => {
    const dir = project({
      "wrangler.jsonc": JSON.stringify({ name: "ai", main: "src/index.ts", analytics_engine_datasets: [{ binding: "ANALYTICS", dataset: "d" }], ai: { binding: "AI" } }),
      "src/monitoring.ts": [
        `export class Monitoring {`,
        `  private static instance: Monitoring;`,
        `  private constructor(private ae: AnalyticsEngineDataset) {}`,
        `  static get(ae: AnalyticsEngineDataset) {`,
        `    return (Monitoring.instance ??= new Monitoring(ae));`,
        `  }`,
        `}`,
        `export async function track({ run, ae }: { run: () => Promise<unknown>; ae: AnalyticsEngineDataset }) {`,
        `  Monitoring.get(ae);`,
        `  return run();`,
        `}`,
      ].join("\n"),
      "src/provider.ts": `import { track } from "./monitoring";\nexport async function answer({ prompt, env }: { prompt: string; env: Env }) {\n  return track({ run: () => env.AI.run("m", { prompt }), ae: env.ANALYTICS });\n}\n`,
      "src/index.ts": worker(`import { answer } from "./provider";`, `return Response.json(await answer({ prompt: "hi", env }));`),
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/index.ts");
    // why: only \`env.ANALYTICS\` of the env handed reaches the singleton (the AI binding stays in a closure it never keeps)
    expect(found.map((f) => f.message)).toEqual([
      handed("`env.ANALYTICS`", "answer", "./provider", "`Monitoring.instance`", "./monitoring.ts:5", "it keeps the Analytics Engine dataset binding of the deploy that stored it"),
    ]);
  });
  it("takes Qwik's env getter handed whole (`orm(event.env)`, `this.env` of server$) for env, and names what a helper reads through it", async () => {
    const dir = project({
      "src/routes/index.ts": `import { routeLoader$, server$ } from "@builder.io/qwik-city";
import orm from "../utils/orm";
export const useRows = routeLoader$(async (event) => orm(event.env).run("select 1"));
export const countRows = server$(async function () { return orm(this.env).run("select 1"); });
export const useName = routeLoader$(async (event) => event.env.get("SITE_NAME"));
`,
      "src/utils/db.ts": `import type { RequestEventBase } from "@builder.io/qwik-city";
import { createClient, type Client } from "@libsql/client/web";
let client: Client | null = null;
export default (env: RequestEventBase["env"]) => {
  if (!client) client = createClient({ url: env.get("DB_URL")!, authToken: env.get("DB_TOKEN")! });
  return client;
};
`,
      "src/utils/orm.ts": `import type { RequestEventBase } from "@builder.io/qwik-city";
import { drizzle } from "drizzle-orm/libsql";
import db from "./db";
export default (env: RequestEventBase["env"]) => drizzle(db(env));
`,
    });
    const eslint = await eslintFor(dir);
    const route = await lintFile(eslint, dir, "src/routes/index.ts");
    // why: the getter reads the Worker's bindings (`env.get("DB_TOKEN")`): handed whole, it is env, not one request's I/O object
    expect(route.map((f) => [f.rule, f.line, f.message])).toEqual([
      ["no-env-in-global-scope", 3, "`event.env` is kept by `orm` in module-scope `client` (../utils/db.ts:5): the client keeps its secret, stale after a deploy."],
      ["no-env-in-global-scope", 4, "`this.env` is kept by `orm` in module-scope `client` (../utils/db.ts:5): the client keeps its secret, stale after a deploy."],
    ]);
    // why: the helper's own singleton is named by the secret-like binding it reads through the getter, not by the getter
    const helper = await lintFile(eslint, dir, "src/utils/db.ts");
    expect(helper.map((f) => f.message)).toEqual(['Lazy singleton `client` is built once from `env.get("DB_TOKEN")`: the client keeps its secret, stale after a deploy.']);
  });
  it("leaves to its own module a singleton built from env another module reads, which a helper given the request only uses", async () => {
    const dir = project({
      "wrangler.jsonc": JSON.stringify({ name: "w", main: "src/index.ts", compatibility_date: "2025-06-01", compatibility_flags: ["nodejs_compat"] }),
      "src/index.ts": `import { sessionOf } from "./auth";
export default { async fetch(request: Request) { return Response.json(await sessionOf(request)); } };
`,
      "src/env.server.ts": `export function varOf(name: string): string | undefined {\n  const value = (process.env as Record<string, unknown>)[name];\n  return typeof value === "string" ? value : undefined;\n}\n`,
      "src/auth.ts": `import { betterAuth } from "better-auth";
import { varOf } from "./env.server";
let auth: ReturnType<typeof betterAuth> | null = null;
function getAuth() {
  if (!auth) auth = betterAuth({ secret: varOf("AUTH_SECRET") ?? "" });
  return auth;
}
const sessions = new WeakMap<Request, Promise<unknown>>();
export function sessionOf(request: Request) {
  const known = sessions.get(request);
  if (known) return known;
  const p = getAuth().api.getSession({ headers: request.headers });
  sessions.set(request, p);
  return p;
}
`,
    });
    const eslint = await eslintFor(dir);
    // why: the singleton is built from what \`varOf\` reads of \`process.env\`, not from the request the caller hands: that store is
    // its own module's finding, and the request only keys a weak map that dies with it
    expect(await lintFile(eslint, dir, "src/index.ts")).toEqual([]);
    expect((await lintFile(eslint, dir, "src/auth.ts")).map((f) => [f.rule, f.line])).toEqual([["no-env-in-global-scope", 5]]);
  });
  it("takes the answer of a parameter that stands for fetch (`fetcher: typeof fetch = fetch`) for fetch()'s, sent with a secret store's value", async () => {
    const dir = project({
      "wrangler.jsonc": JSON.stringify({ name: "w", main: "src/index.ts", compatibility_date: "2025-06-01", secrets_store_secrets: [{ binding: "BACKEND_URL", store_id: "s", secret_name: "URL" }, { binding: "BACKEND_TOKEN", store_id: "s", secret_name: "TOKEN" }] }),
      "src/index.ts": `interface Env { BACKEND_URL: SecretsStoreSecret; BACKEND_TOKEN?: SecretsStoreSecret }
let gridCache: { at: number; grid: unknown } | null = null;
async function secretValue(s: SecretsStoreSecret | undefined): Promise<string> {
  return s ? await s.get() : "";
}
async function backendCfg(env: Env) {
  const [baseUrl, token] = await Promise.all([secretValue(env.BACKEND_URL), secretValue(env.BACKEND_TOKEN)]);
  return { baseUrl, token };
}
export async function doorGrid(env: Env, fetcher: typeof fetch = fetch, nowMs: number = Date.now()) {
  if (gridCache && nowMs - gridCache.at < 300_000) return gridCache.grid;
  const { baseUrl, token } = await backendCfg(env);
  const r = await fetcher(baseUrl + "/health", { headers: { authorization: token } });
  const grid = ((await r.json()) as { grid?: unknown }).grid ?? null;
  gridCache = { at: nowMs, grid };
  return grid;
}
export default { async fetch(request: Request, env: Env) { return Response.json(await doorGrid(env)); } };
`,
    });
    // why: the parsed body is the upstream's answer, as a direct \`fetch()\`'s is: no secret is kept in \`gridCache\`
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
  });
});

describe("a search engine of another module caching what it finds under a key spelled from every input", () => {
  it("keeps neither the binding a helper class of no handed state reads through nor the request's inputs", async () => {
    const engine = `import { Ranker } from "./ranker";
interface Env { AI: Ai; DB: D1Database }
export class Engine {
  private ranker = new Ranker();
  private cache = new Map<string, { hits: unknown[]; at: number }>();
  async find(text: string, env: Env, limit: number, where?: Record<string, unknown>) {
    const key = \`\${text}|\${limit}|\${where ? JSON.stringify(where) : ""}\`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < 30_000) return hit.hits;
    let ranked: { id: string }[] = [];
    if (env.DB) ranked = await this.ranker.rank(env.DB, text, limit);
    this.cache.set(key, { hits: ranked, at: Date.now() });
    return ranked;
  }
}
`;
    const ranker = (self: string) => `export class Ranker {
  private skip = new Set(["and", "or"]);
${self}
  async rank(db: D1Database, text: string, limit: number): Promise<{ id: string }[]> {
    const words = text.split(" ").filter((w) => !this.skip.has(w));
    const rows = await db.prepare("SELECT id FROM t WHERE w IN (?) LIMIT ?").bind(words.join(","), limit).all<{ id: string }>();
    return rows.results.map((r) => ({ id: r.id }));
  }
}
`;
    const index = `import { Engine } from "./engine";
interface Env { AI: Ai; DB: D1Database }
const engine = new Engine();
export default {
  async fetch(request: Request, env: Env) {
    const body = await request.json<{ text: string; limit?: number; where?: Record<string, unknown> }>();
    return Response.json(await engine.find(body.text, env, body.limit ?? 5, body.where));
  },
};
`;
    const dir = project({ "src/engine.ts": engine, "src/ranker.ts": ranker(""), "src/index.ts": index });
    // why: what \`rank\` reads of \`this\` (a set every instance starts with) is nothing its caller handed: it gives rows, not the
    // D1 binding; and the key is spelled from every input of the entry (\`where\` through its conditional \`JSON.stringify\`)
    expect(await lintFile(await eslintFor(dir), dir, "src/index.ts")).toEqual([]);
    // why: a class a caller fills (\`setDb\`) is another matter: what its methods give of \`this\` is not summarised
    const filled = project({ "src/engine.ts": engine, "src/ranker.ts": ranker("  db?: D1Database;\n  setDb(db: D1Database) { this.db = db; }"), "src/index.ts": index });
    expect((await lintFile(await eslintFor(filled), filled, "src/index.ts")).map((f) => [f.rule, f.line, f.message])).toEqual([["no-env-in-global-scope", 7, "`env.DB` is kept by `engine.find` in module-scope `this.cache` of instance `engine` (./engine.ts:12): it keeps the D1 database binding of the deploy that stored it."]]);
  });
});

describe("a call at the top of the entry handing the imported env's bindings to helpers of other modules", () => {
  it("is reported at the call when the helper keeps what it is handed; a package's setter and a configured module object are left to their rules", async () => {
    const dir = project({
      "wrangler.jsonc": JSON.stringify({ name: "w", main: "src/server.ts", d1_databases: [{ binding: "DB", database_id: "x" }], vars: { API_KEY: "k", DSN: "d" } }),
      "src/db.ts": `import { drizzle } from "drizzle-orm/d1";
let db: ReturnType<typeof drizzle> | undefined;
export function initDb(d1: Parameters<typeof drizzle>[0]) {
  db = drizzle(d1);
}
export const getDb = () => db!;
`,
      "src/settings.ts": `let settings: { apiKey: string } | undefined;
export function configure(options: { apiKey: string }) {
  settings = options;
}
export function logStart(name: string) {
  console.log(name);
}
`,
      "src/server.ts": `import { env } from "cloudflare:workers";
import * as Sentry from "@sentry/cloudflare";
import { setApiKey } from "some-sdk";
import { initDb } from "./db";
import { configure, logStart } from "./settings";
initDb(env.DB);
configure({ apiKey: env.API_KEY });
logStart(env.API_KEY);
setApiKey(env.API_KEY);
Sentry.init({ dsn: env.DSN });
export default { async fetch() { return new Response("ok"); } };
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/server.ts");
    // why: run once while the module is evaluated, \`initDb\` and \`configure\` keep the first deploy's binding and var in their
    // modules; \`logStart\` keeps nothing; a package's setter at load and a module object configured there are
    // no-top-level-env-derivation's to judge
    expect(found.filter((f) => f.rule === "no-env-in-global-scope").map((f) => [f.line, f.message])).toEqual([
      [6, "`env.DB` is kept by `initDb` in module-scope `db` (./db.ts:4): it keeps the D1 database binding of the deploy that stored it."],
      [7, "`env.API_KEY` is kept by `configure` in module-scope `settings` (./settings.ts:3): it keeps the var of the deploy that stored it."],
    ]);
  });
});

describe("a handler of @hono/zod-openapi typed with a project module's alias of RouteHandler", () => {
  it("gets Hono's context, as one typed with RouteHandler itself does", async () => {
    const dir = project({
      "wrangler.jsonc": JSON.stringify({ name: "tasks", main: "src/index.ts", vars: { OPENAI_KEY: "k" } }),
      "src/types.ts": `import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
export type AppBindings = { Bindings: { OPENAI_KEY: string } };
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppBindings>;
export type Plain<R> = { route: R };
`,
      "src/tasks.handlers.ts": `import OpenAI from "openai";
import type { RouteHandler } from "@hono/zod-openapi";
import type { AppRouteHandler, Plain } from "./types";
let client: OpenAI | undefined;
let other: OpenAI | undefined;
export const list: AppRouteHandler<any> = async (c) => {
  client ??= new OpenAI({ apiKey: c.env.OPENAI_KEY });
  return c.json({ n: c.env.MISSING_VAR }, 200);
};
export const direct: RouteHandler<any, AppBindings> = async (c) => {
  other ??= new OpenAI({ apiKey: c.env.OPENAI_KEY });
  return c.json({}, 200);
};
export const plain: Plain<any> = { route: null };
`,
      "src/index.ts": `import { OpenAPIHono } from "@hono/zod-openapi";
import * as handlers from "./tasks.handlers";
export default new OpenAPIHono();
`,
    });
    const found = await lintFile(await eslintFor(dir), dir, "src/tasks.handlers.ts");
    // why: \`RouteHandler<R, E>\` of @hono/zod-openapi, also through a module's alias of it, is a Hono handler: \`c\` is the context
    expect(found.map((f) => [f.rule, f.line])).toEqual([
      ["no-env-in-global-scope", 7],
      ["no-unknown-binding", 8],
      ["no-env-in-global-scope", 11],
    ]);
  });
});
