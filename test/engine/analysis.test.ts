import type { TSESTree } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { analysisStats, getAnalysis } from "../../src/engine/analysis";
import { fileGate } from "../../src/engine/file-gate";
import { DEFAULT_SETTINGS, readSettings } from "../../src/settings";
import { analyse } from "./probe";
import { lint } from "./lint";

const worker = `
let db;
let lastUser;
export default {
  async fetch(request, env) {
    db ??= drizzle(env.DB);
    lastUser = request.headers.get("x-user");
    env.X = 1;
    return new Response("ok");
  },
};
`;

describe("shared analysis", () => {
  it("builds one analysis per file however many rules are on", () => {
    const before = analysisStats.built;
    const messages = lint(worker);
    // why: four rules ran and three reported, yet the file was analysed once
    expect(messages.map((m) => m.ruleId).sort()).toEqual([
      "cloudflare-workers/no-env-in-global-scope",
      "cloudflare-workers/no-env-mutation",
      "cloudflare-workers/no-request-state-in-global-scope",
    ]);
    expect(analysisStats.built - before).toBe(1);
  });

  it("keys the analysis of one file by its settings", () => {
    const { sourceCode } = analyse(worker);
    const asContext = (settings: Record<string, unknown>) => ({ sourceCode, settings }) as unknown as Parameters<typeof getAnalysis>[0];
    const on = getAnalysis(asContext({ "cloudflare-workers": { processEnv: true } }));
    const off = getAnalysis(asContext({ "cloudflare-workers": { processEnv: false } }));
    const onAgain = getAnalysis(asContext({ "cloudflare-workers": { processEnv: true } }));
    if (!on.ok || !off.ok || !onAgain.ok) throw new Error("settings rejected");
    // why: one parse, two settings: each analysis sees its own settings, and equal settings share one
    expect(on.analysis.settings.processEnv).toBe(true);
    expect(off.analysis.settings.processEnv).toBe(false);
    expect(onAgain.analysis).toBe(on.analysis);
    expect(off.analysis).not.toBe(on.analysis);
  });

  it("reports malformed settings once per file instead of crashing, and analyses with the defaults", () => {
    const messages = lint(worker, undefined, { "cloudflare-workers": { envTypeNames: "Env" } });
    expect(messages.map((m) => m.messageId)).toEqual(["invalidSettings", "lazySingleton", "requestDataInModuleScope", "envMutation"]);
    expect(messages[0].message).toContain("envTypeNames must be an array");
  });
});

describe("files without any source", () => {
  const has = (code: string, settings: Record<string, unknown> = {}) => analyse(code, settings).entry.mayHaveSources();

  it("are recognised, so that the rules leave them untraced", () => {
    // why: a UI component and a utility name no env, no request, no handler: nothing to follow
    expect(has(`let count = 0;\nexport function Counter(props) { count += props.step; return count; }`)).toBe(false);
    expect(has(`const cache = new Map();\nexport function memo(key, make) { if (!cache.has(key)) cache.set(key, make()); return cache.get(key); }`)).toBe(false);
  });

  it("count every kind of source, even where the text never says env", () => {
    // why: each line below is a source the trace follows, so the gate must let the file through
    expect(has(`let last;\nexport default { async fetch(request) { last = request.url; return new Response(); } };`)).toBe(true);
    expect(has(`let s;\nexport function keep(db: D1Database) { s = db; }`)).toBe(true);
    expect(has(`let r;\nexport function keep(request) { r = request; }`)).toBe(true);
    expect(has(`let r;\nexport async function onRequest(context) { r = context.request; }`)).toBe(true);
    expect(has(`import { DurableObject } from "cloudflare:workers";\nexport class Room extends DurableObject { go() { return 1; } }`)).toBe(true);
    expect(has(`let cached;\nexport async function get() { cached ??= await fetch("https://x"); }`)).toBe(true);
    expect(has(`let last;\nexport function page() { last = Astro.request.url; }`)).toBe(true);
    expect(has(`let v;\nexport function f() { v = globalThis.__env__.A; }`)).toBe(true);
    expect(has(`import { Hono } from "hono";\nconst app = new Hono();\napp.get("/", (c) => c.text("x"));`)).toBe(true);
    expect(has(`let c;\nexport function f() { c = getConfig().A; }`, { "cloudflare-workers": { envAccessors: ["getConfig()"] } })).toBe(true);
  });

  it("are not made by a build config's imports or its process.env", () => {
    // why: a Vite config imports @cloudflare/vite-plugin and reads process.env; without the
    // processEnv setting neither is a source, so the file is left untraced
    const viteConfig = `import { cloudflare } from "@cloudflare/vite-plugin";\nlet mode;\nexport default { plugins: [cloudflare()], define: { m: (mode = process.env.MODE) } };`;
    expect(has(viteConfig)).toBe(false);
    expect(has(`let base;\nexport function f() { base = import.meta.env.BASE_URL; }`)).toBe(false);
    // the same reads count when process.env is a source, and a class of the package still does
    expect(has(viteConfig, { "cloudflare-workers": { processEnv: true } })).toBe(true);
    // and a file that never says env is left even then
    expect(has(`let count = 0;\nexport function Counter(props) { count += props.step; }`, { "cloudflare-workers": { processEnv: true } })).toBe(false);
    expect(has(`import { Agent } from "agents";\nexport class Chat extends Agent { go() { return 1; } }`)).toBe(true);
    expect(has(`let e;\nexport function f(x) { e = x.env; }`)).toBe(true);
  });
});

describe("the text gate, before ESLint's walk", () => {
  // Each shape is a source the entry points find, some without any env or fetch word in the text.
  const sources: [string, Record<string, unknown>?][] = [
    [`let last;\nexport default { async scheduled(event, e) { last = e.KEY; } };`],
    [`let last;\nconst worker = { queue(batch, e) { last = e.KEY; } };\nexport { worker as default };`],
    [`let last;\nconst h: ExportedHandler<Bindings> = { email(m, e) { last = e.KEY; } };\nexport default h;`],
    [`let last;\nexport class Room {\n  constructor(state, e) { last = e.KEY; }\n  alarm() {}\n}`],
    [`let last;\nexport class Room {\n  constructor(store, e) { last = e.KEY; }\n  webSocketMessage(ws, m) {}\n}`],
    [`let last;\nexport class Room {\n  constructor({ storage }, e) { last = e.KEY; }\n  webSocketMessage(ws, m) {}\n}`],
    [`let last;\nexport class Room {\n  constructor(/* the object's */ state, e) { last = e.KEY; }\n}`],
    [`import { WorkerEntrypoint } from "cloudflare:workers";\nlet k;\nexport class Api extends WorkerEntrypoint { go() { k = this.ctx; } }`],
    [`let k;\nexport async function onRequestPost(context) { k = context.data; }`],
    [`let k;\nexport const loader = async (args) => { k = args.context; };`],
    [`let k;\nconst handler = async (ctx) => { k = ctx; };\nexport { handler as GET };`],
    [`let k;\nexport const POST: APIRoute = async (ctx) => { k = ctx.locals; };`],
    [`let k;\nexport async function handle({ event, resolve }) { k = event; }`],
    [`let k;\nexport function keep(db: D1Database) { k = db; }`],
    [`type Store = KVNamespace<string> | undefined;\nlet k;\nexport function keep(s: Store) { k = s; }`],
    [`let k;\nexport function keep(c: ExecutionContext) { k = c; }`],
    [`let k;\nexport function keep(c: EventContext<Bindings, string, unknown>) { k = c.data; }`],
    [`let k;\nexport function keep(e: Secrets) { k = e.KEY; }`, { "cloudflare-workers": { envTypeNames: ["Secrets"] } }],
    [`let k;\nexport function keep(b: Mailer) { k = b; }`, { "cloudflare-workers": { bindingTypeNames: ["Mailer"] } }],
    [`let k;\nexport function keep() { k = cfg().A; }`, { "cloudflare-workers": { envAccessors: ["cfg()"] } }],
    [`import { AutoRouter } from "itty-router";\nlet k;\nconst router = AutoRouter();\nrouter.get("/", (r, e) => { k = e.KEY; });\nexport default router;`],
    [`import { createMiddleware } from "hono/factory";\nlet k;\nexport const mw = createMiddleware(async (c, next) => { k = c.var; await next(); });`],
    [`import { OpenAPIRoute } from "chanfana";\nlet k;\nexport class List extends OpenAPIRoute { async handle(c) { k = c.var; } }`],
    [`let k;\nexport default defineEventHandler((event) => { k = event.context; });`],
    [`import { getCloudflareContext } from "@opennextjs/cloudflare";\nlet k;\nexport function f() { k = getCloudflareContext(); }`],
    [`import * as cf from "cloudflare:workers";\nlet k;\nexport function f() { k = cf; }`],
    [`let k;\nexport function f() { k = new WebSocketPair(); }`],
    // Handler keys written every way an object member can be, and base classes behind a namespace,
    // a comment, a cast or type arguments.
    [`let last;\nexport default { "tail": (events, e) => { last = e.KEY; } };`],
    [`let last;\nexport default { ["scheduled"]: (c, e) => { last = e.KEY; } };`],
    [`let last;\nfunction queue(batch, e) { last = e.KEY; }\nexport default { queue };`],
    [`let last;\nexport /* worker */ default { async email<M>(m: M, e) { last = e.KEY; } };`],
    [`let last;\nconst worker = { queue(batch, e) { last = e.KEY; } };\nexport { worker as "default" };`],
    [`import * as cf from "cloudflare:workers";\nlet k;\nexport class Api extends cf.WorkerEntrypoint { go() { k = this.ctx; } }`],
    [`import { DurableObject } from "cloudflare:workers";\nlet k;\nexport class Room extends /* base */ DurableObject<Bindings> { go() { k = this.ctx; } }`],
    [`import { Server } from "partyserver";\nlet k;\nexport class Room extends (Server as typeof Server) { go() { k = this.ctx; } }`],
    // A parameter named `request` in every place one can be written; framework exports in a list,
    // after another declarator, and SvelteKit's form actions.
    [`let k;\nexport const h = (\n  // the incoming one\n  request,\n) => { k = request.url; };`],
    [`let k;\nexport class Job { constructor(private readonly request) { k = request; } }`],
    [`let k;\nexport const h = async request => { k = request; };`],
    [`let k;\nconst a = 1, load = async (event) => { k = event.locals; };\nexport { a, load };`],
    [`let k;\nexport const a = 1, POST = async (ctx) => { k = ctx.locals; };`],
    [`let k;\nexport const actions = { default: async (event) => { k = event.locals; } };`],
  ];

  it("lets through every file in which the entry points find a source", () => {
    for (const [code, settings = {}] of sources) {
      // why: the shape is a source (so a "no" would lose its findings), and the text gate sees it
      expect(analyse(code, settings).entry.mayHaveSources(), code).toBe(true);
      const raw = settings["cloudflare-workers"];
      expect(fileGate(code, raw ? readSettings(settings) : DEFAULT_SETTINGS).may, code).toBe(true);
    }
  });

  it("stops a module that imports a test runner, whatever sources it names", () => {
    // why: test code is no Worker's code (the rules leave it: README, "Tests, fixtures and test tooling")
    const stopped = [
      `import { describe, it } from "vitest";\nimport { env, SELF } from "cloudflare:test";\nlet kept;\nit("x", async () => { kept = env.DB; await SELF.fetch("https://x"); });`,
      `import test from "node:test";\nexport default { async fetch(request, env) { return new Response(env.X); } };`,
      `import { test, expect } from "@playwright/test";\nconst seen = [];\ntest("chat", async ({ page }) => { page.on("request", (request) => seen.push(request)); expect(await fetch("/")).toBeTruthy(); });`,
    ];
    for (const code of stopped) expect(fileGate(code, DEFAULT_SETTINGS).may, code).toBe(false);
    // (A word in a string or a comment is no import.)
    expect(fileGate(`// run with vitest\nexport default { async fetch(request, env) { return new Response(env.X); } };`, DEFAULT_SETTINGS).may).toBe(true);
  });

  it("stops a module of a Bun, Node or Deno server, which imports that runtime's adapter", () => {
    // why: such a module runs in that server's long-lived process, never in a Worker
    const handler = `const rooms = new Map();\nexport const routes = new Hono().get("/ws", upgradeWebSocket((c) => ({ onOpen(e, ws) { rooms.set(c.req.query("r"), ws); } })));`;
    for (const source of ["hono/bun", "bun", "bun:sqlite", "@hono/node-server", "@hono/node-server/serve-static", "@hono/node-ws", "hono/deno"]) {
      const code = `import { Hono } from "hono";\nimport { upgradeWebSocket } from "${source}";\n${handler}`;
      expect(fileGate(code, DEFAULT_SETTINGS).may, source).toBe(false);
    }
    // (Hono itself, and a package whose name only starts like one, are no other runtime's.)
    expect(fileGate(`import { Hono } from "hono";\nimport { upgradeWebSocket } from "hono/cloudflare-workers";\n${handler}`, DEFAULT_SETTINGS).may).toBe(true);
    expect(fileGate(`import { Hono } from "hono";\nimport { bunny } from "bunny";\n${handler}`, DEFAULT_SETTINGS).may).toBe(true);
  });

  it("lets through a class built on a class the file declares or imports, and no other", () => {
    // why: such a base may be a Workers one, known only once that module is read
    const through = [
      `import { BaseAgent } from "../shared/base";\nconst conns = [];\nexport class Room extends BaseAgent { onConnect(conn) { conns.push(conn); } }`,
      `import type { X } from "./x";\nimport {\n  Base as Room,\n} from "@/rooms";\nexport default class extends Room {}`,
      `const Shared = make();\nexport class Room extends Shared {}`,
    ];
    for (const code of through) expect(fileGate(code, DEFAULT_SETTINGS).may, code).toBe(true);
    const stopped = [
      `export class NotFound extends Error {}`,
      `export class Page extends HTMLElement {}`,
      `import { Base } from "./base";\nexport function label<T extends Base>(b: T) { return b.name; }`,
    ];
    for (const code of stopped) expect(fileGate(code, DEFAULT_SETTINGS).may, code).toBe(false);
  });

  it("lets through a module-level declaration that calls a project import, and no other use of one", () => {
    // why: the imported function may read the live env its module imports, which no word here shows
    const through = [
      `import { betterAuth } from "better-auth";\nimport { sessionOptions } from "./options";\nexport const sessions = betterAuth(sessionOptions());`,
      `import * as data from "@/lib/data";\nconst db = data.getDb();\nexport default db;`,
      // (the call on a line the declaration goes on over: indented, or closing a bracket)
      `import { DrizzleAdapter } from "@auth/drizzle-adapter";\nimport { getDB } from "./db";\nexport const adapter = DrizzleAdapter(\n  getDB(),\n);`,
      `import NextAuth from "next-auth";\nimport { getDB } from "./db";\nexport const { handlers, auth } = NextAuth({\n  providers: [],\n  adapter: wrap(getDB()),\n});`,
    ];
    for (const code of through) expect(fileGate(code, DEFAULT_SETTINGS).may, code).toBe(true);
    const stopped = [
      `import { format } from "./format";\nexport function label(n) { return format(n); }`,
      `import type { Options } from "./options";\nexport const defaults: Options = build();`,
      `import { z } from "zod";\nexport const schema = z.object({ email: z.string() });`,
      // (a call of the import in the next top-level statement is not the declaration's)
      `import { getDB } from "./db";\nexport const limit = 10;\nexport function run() {\n  return getDB();\n}`,
    ];
    for (const code of stopped) expect(fileGate(code, DEFAULT_SETTINGS).may, code).toBe(false);
  });

  it("stops a browser's module whose source words are only the page's I/O", () => {
    // why: in a page's module `fetch()` and `new WebSocket()` are the page's, no request's (the trace
    // gives them nothing there), so such a module is left before ESLint's walk when its text shows it
    const stopped = [
      `import { useState } from "react";\nlet last;\nexport function App() { const [s] = useState(0); fetch("/api").then((r) => (last = r)); return s; }`,
      `/* page */\n"use client";\nconst sockets = [];\nexport function open() { sockets.push(new WebSocket("wss://x")); }`,
    ];
    for (const code of stopped) {
      expect(fileGate(code, DEFAULT_SETTINGS).may, code).toBe(false);
      expect(analyse(code).entry.mayHaveSources(), code).toBe(false);
    }
    // One that reads the page (`window.location`) with no UI import passes the text, and the entry points leave it.
    const page = `let last;\nexport async function load() { last = await fetch(window.location.origin + "/api"); }`;
    expect(fileGate(page, DEFAULT_SETTINGS).may).toBe(true);
    expect(analyse(page).entry.mayHaveSources()).toBe(false);
    // Still a source: an env word, a framework's global, a handler, a parameter typed as a request.
    const through = [
      `import { jsx } from "hono/jsx";\nlet k;\nexport const View = (c) => { k = c.env.KEY; return fetch("/x"); };`,
      `import { useState } from "react";\nlet last;\nexport function Page() { last = Astro.request.url; return fetch("/x"); }`,
      `import { renderToString } from "react-dom/server";\nimport App from "react";\nexport default { async fetch(request) { return new Response(renderToString(App)); } };`,
      `import { useState } from "react";\nlet r;\nexport function keep(req: Request) { r = req; return fetch("/x"); }`,
    ];
    for (const code of through) {
      expect(fileGate(code, DEFAULT_SETTINGS).may, code).toBe(true);
      expect(analyse(code).entry.mayHaveSources(), code).toBe(true);
    }
  });

  it("stops files that name no source, and those files cost no analysis", () => {
    const clean = [
      `let count = 0;\nexport function Counter(props) { count += props.step; return count; }`,
      `const cache = new Map();\nexport default function memo(key, make) { if (!cache.has(key)) cache.set(key, make()); return cache.get(key); }`,
      `import { z } from "zod";\nexport const schema = z.object({ email: z.string(), queue: z.number() });`,
      `export class Point {\n  constructor(x, y) { this.x = x; this.y = y; }\n}`,
      // A constructor whose first parameter is typed (no Durable Object's but a `DurableObjectState`'s), beside state-like words.
      `export class Store {\n  constructor(private readonly state: AppState, ctx: Options) {}\n  alarm() { return this.state; }\n}`,
      `import { cloudflare } from "@cloudflare/vite-plugin";\nexport default { plugins: [cloudflare()] };`,
      // A Workers base class named, but not extended; handler words that are no object member, or
      // in a file with no default export.
      `import type { Agent } from "./types";\nexport function label(a: Agent) { return a.name; }`,
      `export default function summary(events) { return events.map((e) => e.queue + e.tail).join(","); }`,
      `import { test } from "vitest";\ntest("schedules", () => { const o = { scheduled(t) { return t; } }; switch (o.scheduled(1)) { default: break; } });`,
      `import { defineConfig } from "vitest/config";\nexport default defineConfig({ test: { include: ["src/**/*.test.ts"] } });`,
      // `request` in prose and as a property name; a framework word that no export names.
      `// Retries the request once; load is left to the caller.\nexport function retry(job) { return { request: job.id, size: job.size }; }`,
      `export function ids(job) { return keys(job.request); }\nexport function all(...request) { return request.length; }`,
    ];
    for (const code of clean) {
      expect(fileGate(code, DEFAULT_SETTINGS).may, code).toBe(false);
      // why: the gate agrees with the entry points here; it only ever errs towards letting through
      expect(analyse(code).entry.mayHaveSources(), code).toBe(false);
      const before = analysisStats.built;
      expect(lint(code)).toEqual([]);
      expect(analysisStats.built - before, code).toBe(0);
    }
    // why: a file with a source is analysed once, as before the gate
    const before = analysisStats.built;
    lint(`let k;\nexport function keep(db: D1Database) { k = db; }`);
    expect(analysisStats.built - before).toBe(1);
  });

  it("still reports malformed settings in a file it would stop", () => {
    const messages = lint(`export const x = 1;`, undefined, { "cloudflare-workers": { envTypeNames: "Env" } });
    expect(messages.map((m) => m.messageId)).toEqual(["invalidSettings"]);
  });
});

describe("names declared once at the top", () => {
  it("resolve callees to the variable the scope lookup finds, shadowed or not", () => {
    const a = analyse(
      `function keep(v) { return v; }\nfunction other(keep) { return keep(1); }\nfunction once() { return 1; }\nclass Box { make() { return new Box(); } }\nexport function f() { const inner = () => 2; return inner() + once() + keep(3) + new Box().make(); }`,
    );
    const callees = a.facts.calls.map((site) => (site.node as { callee: { type: string } }).callee).filter((c) => c.type === "Identifier") as TSESTree.Identifier[];
    const found = callees.map((id) => {
      const v = a.scopes.callableVariable(id);
      return [id.name, v?.defs[0]?.type ?? null];
    });
    // why: inside other, keep is its parameter; elsewhere each name is its own declaration
    expect(found).toEqual([
      ["keep", "Parameter"],
      ["Box", "ClassName"],
      ["inner", "Variable"],
      ["once", "FunctionName"],
      ["keep", "FunctionName"],
      ["Box", "ClassName"],
    ]);
    // why: the quick answer is the lookup's answer for every callable callee
    for (const id of callees) {
      const v = a.scopes.callableVariable(id);
      if (v) expect(v).toBe(a.scopes.variableOf(id));
    }
  });

  it("resolve the same in a script, whose top-level names live in the global scope", () => {
    for (const sourceType of ["script", "commonjs"] as const) {
      const a = analyse(`function keep(v) { return v; }\nvar make = function () { return keep(1); };\nmake();\nfunction other(keep) { return keep(2); }`, {}, sourceType);
      const callees = a.facts.calls.map((site) => (site.node as { callee: TSESTree.Identifier }).callee);
      // why: keep and make are found where the lookup finds them, and the parameter stays a parameter
      expect(callees.map((id) => [id.name, a.scopes.callableVariable(id)?.defs[0]?.type ?? null]), sourceType).toEqual([
        ["keep", "FunctionName"],
        ["make", "Variable"],
        ["keep", "Parameter"],
      ]);
      for (const id of callees) expect(a.scopes.callableVariable(id)).toBe(a.scopes.variableOf(id));
    }
  });

  it("find the variable of an identifier in a switch, and of one shadowed in a case's block", () => {
    const a = analyse(`export function pick(kind, env) {\n  switch (kind) {\n    case "a": { const kind = 1; return env.A + kind; }\n    default: return kind;\n  }\n}`);
    const fn = (a.sourceCode.ast.body[0] as TSESTree.ExportNamedDeclaration).declaration as TSESTree.FunctionDeclaration;
    const cases = (fn.body.body[0] as TSESTree.SwitchStatement).cases;
    const discriminant = (fn.body.body[0] as TSESTree.SwitchStatement).discriminant;
    const inBlock = ((cases[0].consequent[0] as TSESTree.BlockStatement).body[1] as TSESTree.ReturnStatement).argument as TSESTree.BinaryExpression;
    const inDefault = (cases[1].consequent[0] as TSESTree.ReturnStatement).argument as TSESTree.Identifier;
    // why: the discriminant and the default's `kind` name the parameter; the block's `kind` its own constant
    expect(a.scopes.variableOf(discriminant)?.defs[0]?.type).toBe("Parameter");
    expect(a.scopes.variableOf(inDefault)?.defs[0]?.type).toBe("Parameter");
    expect(a.scopes.variableOf(inBlock.right)?.defs[0]?.type).toBe("Variable");
    // why: `env` of `env.A` is the parameter; the member name `A` is no reference at all
    expect(a.scopes.variableOf((inBlock.left as TSESTree.MemberExpression).object)?.defs[0]?.type).toBe("Parameter");
    expect(a.scopes.variableOf((inBlock.left as TSESTree.MemberExpression).property)).toBeNull();
  });

  it("leave a helper shadowed by a parameter to the lookup", () => {
    // why: inside run, `save` is the parameter, not the module's function that keeps its argument
    const shadowed = lint(`let kept;\nexport function save(v) { kept = v; }\nfunction run(save, env) { save(env.KEY); }\nexport default { async fetch(request, env) { run((x) => x, env); return new Response(); } };`);
    expect(shadowed).toEqual([]);
    // why: called by its own name, it is the module's function, and what it keeps is reported
    const called = lint(`let kept;\nexport function save(v) { kept = v; }\nexport default { async fetch(request, env) { save(env.TOKEN); return new Response(); } };`);
    expect(called.map((m) => [m.ruleId, m.line])).toEqual([["cloudflare-workers/no-env-in-global-scope", 2]]);
  });
});
