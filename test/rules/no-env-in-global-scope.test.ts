import rule from "../../rules/no-env-in-global-scope";
import { createRuleTester } from "../rule-tester";
import { added, code, lazy, stored } from "./helpers";

const ruleTester = createRuleTester();

/** A module value rebuilt when a key a list's \`join\` spells changes: \`load(params)\` keys by \`keyList\` and builds from \`defaults\`. */
const joinedKeyCache = (params: string, keyList: string, args: string) => code`
  let cached: Set<string> | null = null;
  let cachedKey = "";
  function load(${params}) {
    const key = ${keyList}.join(",");
    if (cached && key === cachedKey) return cached;
    const set = new Set(defaults);
    cached = set;
    cachedKey = key;
    return set;
  }
  export default {
    async fetch(request: Request, env: { RULES: string }) {
      return new Response(String(load(${args}).size));
    },
  };
`;

ruleTester.run("no-env-in-global-scope", rule, {
  valid: [
    {
      // why: a constant read of env at the top level is a snapshot (no-top-level-env-derivation's), not a holder a handler refills:
      // what a function makes of it later is not reported again here
      code: code`
        const user = process.env.API_USER as string;
        let cached: string | null = null;
        async function login(name: string) { return name.toUpperCase(); }
        export default {
          async fetch() {
            cached ??= await login(user);
            return new Response(cached);
          },
        };
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
    },
    // why: OpenTelemetry's propagator holds no exporter or token: only the registries of providers keep the first request's
    code`
      import { propagation } from "@opentelemetry/api";
      import { W3CTraceContextPropagator } from "@opentelemetry/core";
      export default {
        async fetch(request: Request, env: { TRACE_HEADER: string }) {
          propagation.setGlobalPropagator(new W3CTraceContextPropagator({ header: env.TRACE_HEADER } as never));
          return new Response("ok");
        },
      };
    `,
    // why: a clock reading moved by a var's duration is a deadline, which passes by itself: nothing of the var is kept (contrast: a \`ttl\` kept as it is, below)
    code`
      const buckets = new Map<string, { resetAt: number; count: number }>();
      let nextSweep = 0;
      export default {
        async fetch(request: Request, env: { WINDOW_SEC: string }) {
          const now = Date.now();
          const windowMs = Number(env.WINDOW_SEC) * 1000;
          buckets.set("all", { resetAt: now + windowMs, count: 1 });
          nextSweep = Date.now() + Number(env.WINDOW_SEC) * 2000;
          return new Response(String(nextSweep));
        },
      };
    `,
    // why: a row D1 gives for a statement bound to a var (\`prepare(q).bind(env.STAGE).first()\`) is data read through the binding: the var is the query's parameter, not what is kept
    code`
      let rows: unknown;
      async function load(env: { DB: D1Database; STAGE: string }) {
        const row = await env.DB.prepare("SELECT v FROM cfg WHERE stage = ?").bind(env.STAGE).first<{ v: string }>();
        globalThis.cfg = { data: JSON.parse(row!.v) };
      }
      export default {
        async fetch(request: Request, env: { DB: D1Database; STAGE: string }) {
          const stmt = env.DB.prepare("SELECT * FROM t WHERE stage = ?");
          rows = (await stmt.bind(env.STAGE).all()).results;
          await load(env);
          return new Response("ok");
        },
      };
    `,
    // why: a value rebuilt whenever the key spelled from its input changes (\`key = defaults.join(",")\` kept and compared): a new var gives a new key
    joinedKeyCache("defaults: string[]", "defaults", 'env.RULES.split(",")'),
    // why: a module copy of what the same function puts to a binding (\`cache = { at, index }\` beside \`put(KEY, JSON.stringify(index))\`) mirrors that binding's data
    code`
      let cache: { at: number; index: unknown } | null = null;
      export default {
        async fetch(request: Request, env: { BUCKET: R2Bucket; TITLE: string }) {
          const index = { title: env.TITLE.trim(), docs: [] as string[] };
          await env.BUCKET.put("index.json", JSON.stringify(index));
          cache = { at: Date.now(), index };
          return new Response("ok");
        },
      };
    `,
    // why: the file's own clock (\`const nowMs = () => Date.now()\`, a function returning \`performance.now()\`) read and moved by a var's duration is a deadline too
    code`
      const nowMs = () => Date.now();
      function clock() {
        return performance.now();
      }
      const blocked = new Map<string, number>();
      let until = 0;
      export default {
        async fetch(request: Request, env: { BLOCK_SECONDS: string }) {
          blocked.set("ip", nowMs() + Number(env.BLOCK_SECONDS) * 1000);
          until = clock() + Number(env.BLOCK_SECONDS);
          return new Response(String(until));
        },
      };
    `,
    // why: a class of the project's named like an env type is no env (\`ctx: { env: Env }\` with \`class Env { kvDao }\`): its members are its own fields
    code`
      class Env {
        kvDao = new Map<string, string>();
      }
      let dao: unknown;
      export async function addRating(input: string, ctx: { env: Env }) {
        dao ??= ctx.env.kvDao;
        return input;
      }
    `,
    // why: a branch only a dev server or a test run takes (the bundler writes \`"production"\` in for the deployed Worker; Vite's \`DEV\` flag is false there)
    code`
      declare global { var devDb: unknown; }
      let viteDb: unknown;
      export default {
        async fetch(request: Request, env: { DB: D1Database }) {
          if (process.env.NODE_ENV !== "production") globalThis.devDb ??= env.DB;
          if (process.env.NODE_ENV === "development") globalThis.devDb = env.DB;
          if (import.meta.env.DEV) viteDb = env.DB;
          if (process.env.NODE_ENV === "production") { /* deployed */ } else { viteDb = env.DB; }
          return new Response("ok");
        },
      };
    `,
    // why: a local literal nothing writes after, handed whole, hands each property as it is: the flag kept is no binding
    code`
      let fallback = false;
      function configure(config: { fallback: boolean; bucket: unknown }) { fallback = config.fallback; }
      export default {
        async fetch(request: Request, env: { BUCKET: unknown }) {
          const config = { fallback: true, bucket: env.BUCKET };
          configure(config);
          return new Response(String(fallback));
        },
      };
    `,
    // why: a \`query\` or \`handler\` callback of anything but an RPC procedure builder gets no request's context
    code`
      import { initTRPC } from "@trpc/server";
      let last: unknown;
      export function run(db: { query(q: string, cb: (r: unknown) => void): void }) {
        db.query("select 1", (rows) => { last = rows; });
      }
      export const emitter = { handler(cb: (ctx: { env: unknown }) => void) { cb({ env: {} }); } };
      emitter.handler((ctx) => { last = ctx.env; });
    `,
    // why: what a function stores when the module's top level alone calls it is stored as the module is
    // evaluated: no-top-level-env-derivation's finding, at that call
    code`
      import { env } from "cloudflare:workers";
      export class Remote {
        static token: string;
        static init(token: string) { Remote.token = token; }
      }
      let base = "";
      function setBase(url: string) { base = url; }
      Remote.init(env.SERVICE_TOKEN);
      setBase(env.SERVICE_URL);
      export const url = () => base;
    `,
    // why: a module that imports a test runner is test code, which no Worker deploys (here a helper of a test package)
    code`
      import { vi } from "vitest";
      let lastEnv: Record<string, string> | undefined;
      export function withVars<T>(env: Record<string, string>, fn: () => T): T {
        lastEnv = env;
        Object.assign(process.env, env);
        return fn();
      }
      export const spy = () => vi.fn();
    `,
    // why: an entry under a var's text, trimmed or spelled again, made of it alone: a new var is a new key
    code`
      import { createRemoteJWKSet } from "jose";
      const sets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
      function readConfig(env: { TEAM_DOMAIN?: string }) {
        return { teamDomain: (env.TEAM_DOMAIN ?? "").toLowerCase() };
      }
      function keysFor(config: { teamDomain: string }) {
        const domain = config.teamDomain;
        let set = sets.get(domain);
        if (!set) {
          set = createRemoteJWKSet(new URL(\`\${domain}/certs\`));
          sets.set(domain, set);
        }
        return set;
      }
      export default { async fetch(request: Request, env: { TEAM_DOMAIN?: string }) { keysFor(readConfig(env)); return new Response("ok"); } };
    `,
    // why: a digest of a secret kept under that secret is that key's entry, through a spread of its
    // bytes and several nested calls, also in a map another module exports
    code`
      import { digests } from "./state";
      const local = new Map();
      export default {
        async fetch(request, env) {
          const key = env.API_KEY;
          const buf = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
          local.set(key, String.fromCharCode(...new Uint8Array(buf)));
          let hex = digests.get(key);
          if (!hex) {
            const raw = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
            hex = btoa(new TextDecoder().decode(raw));
            digests.set(key, hex);
          }
          return new Response(hex.slice(0, 8));
        },
      };
    `,
    // why: what an upstream answers to a call sent with a token read through a binding (an object
    // made of its answer, through a local helper) holds nothing of the token
    code`
      const state = { cf: {} };
      async function usageOf(account, token) {
        const sum = (a) => a?.reduce((t, i) => t + (i?.n || 0), 0) || 0;
        const res = await fetch("https://api.example.com/graphql", {
          method: "POST",
          headers: { authorization: \`Bearer \${token}\` },
          body: JSON.stringify({ variables: { account } }),
        });
        const acc = (await res.json())?.data?.accounts?.[0];
        return { success: true, pages: sum(acc.pages) };
      }
      export default {
        async fetch(request, env) {
          const saved = JSON.parse(await env.KV.get("cf.json"));
          state.cf.usage = await usageOf(saved.account, saved.token);
          return new Response("ok");
        },
      };
    `,
    // why: a client made per request is configured on that instance, though the class has a
    // module instance of its own (never configured)
    code`
      import OpenAI from "openai";
      class Ai {
        client = null;
        init(key) { this.client = new OpenAI({ apiKey: key }); }
      }
      export const fallback = new Ai();
      export default {
        async fetch(request, env) {
          const ai = new Ai();
          ai.init(env.OPENAI_API_KEY);
          return Response.json(await ai.client.models.list());
        },
      };
    `,
    {
      // why: what a call writes into an entry it got from a module map and deletes before it
      // returns (with no await between) is seen by no other request
      code: code`
        const open = new Map();
        export function end(id, extra) {
          const entry = open.get(id);
          if (!entry) return;
          if (extra) {
            entry.extra = { ...entry.extra, ...extra };
          }
          console.log(entry);
          open.delete(id);
        }
        export default {
          async fetch(request, env) {
            end("load", { size: env.BATCH_SIZE });
            return new Response("ok");
          },
        };
      `,
    },
    {
      // why: a store in a branch that runs only outside Workers (Workers always define
      // WebSocketPair), tested inline or through a function of the file, never runs on Workers
      code: code`
        import { Pool } from "pg";
        let fallback;
        let other;
        function outsideWorkers() {
          return typeof WebSocketPair === "undefined";
        }
        export default {
          async fetch(request, env) {
            const pool = new Pool({ connectionString: env.DATABASE_URL });
            if (outsideWorkers()) fallback = pool;
            if (typeof WebSocketPair !== "undefined") {
              await pool.query("select 1");
            } else {
              other = pool;
            }
            return new Response("ok");
          },
        };
      `,
    },
    {
      // why: a bot made for the request keeps its handlers for that request only; a registration
      // name handed no function (\`program.command("x")\`) registers nothing
      code: code`
        import { Bot } from "grammy";
        const program = makeCli();
        export default {
          async fetch(request, env) {
            const bot = new Bot(env.BOT_TOKEN);
            bot.command("hello", (ctx) => ctx.reply(env.GREETING));
            program.command(env.COMMAND_NAME);
            return new Response("ok");
          },
        };
      `,
    },
    {
      // why: a static factory that makes a new instance on every call: each request's registry is its own
      code: code`
        class Registry {
          entries = new Map();
          static create() { return new Registry(); }
          provide(name, make) { this.entries.set(name, make); }
        }
        export default {
          async fetch(request, env) {
            const registry = Registry.create();
            registry.provide("db", () => env.DB);
            return new Response("ok");
          },
        };
      `,
    },
    {
      // why: the spread list puts the secret at the position the helper does not keep
      code: code`
        let label;
        function keep(name, value) { label = name; console.log(value.length); }
        export default {
          async fetch(request, env) {
            keep(...["jwt", env.JWT_SECRET]);
            return new Response("ok");
          },
        };
      `,
    },
    // why: \`map\` runs its callback at once: the list is of what it returns (promises of a job's
    // result), not the closure over env; a rejection's message is no secret
    code`
      const report = { failures: [] };
      async function copyOne(key, env) {
        const value = await env.SOURCE.get(key);
        if (value === null) throw new Error("missing " + key);
        return { ok: true };
      }
      export async function copyAll(env) {
        const { keys } = await env.SOURCE.list();
        const settled = await Promise.allSettled(keys.map((k) => copyOne(k.name, env)));
        settled.forEach((r) => {
          if (r.status === "rejected") report.failures.push({ error: r.reason.message });
        });
      }
    `,
    // why: …also a key chosen between spellings of the inputs and a constant
    code`
      let limiter = null;
      let limiterKey = "default";
      export function pick(env) {
        const requests = Number(env.RATE_LIMIT_REQUESTS);
        const windowMs = Number(env.RATE_LIMIT_WINDOW_MS);
        const override = requests > 0 && windowMs > 0;
        const key = override ? \`\${requests}:\${windowMs}\` : "default";
        if (key !== limiterKey) {
          limiter = { limits: override ? { requests, windowMs } : undefined, hits: new Map() };
          limiterKey = key;
        }
        return limiter;
      }
    `,
    // why: the \`if\`'s own statement, without braces, rebuilds while the kept input differs
    code`
      import { ServerClient } from "postmark";
      let pm;
      export async function send(env, to) {
        const token = env.POSTMARK_SERVER_TOKEN;
        if (pm?.token !== token) pm = { token, client: new ServerClient(token) };
        return pm.client.sendEmail({ To: to });
      }
    `,
    // why: the inputs compared through one key spelled from them: a new input spells a new key,
    // and the value is rebuilt
    code`
      let limiter = null;
      let limiterSig = "";
      export function pick(env) {
        const max = Number(env.LIMIT_COUNT);
        const windowMs = Number(env.LIMIT_WINDOW);
        const sig = \`\${max}:\${windowMs}\`;
        if (sig !== limiterSig) {
          limiter = { max, windowMs, hits: new Map() };
          limiterSig = sig;
        }
        return limiter;
      }
    `,
    // why: one module object keeps the secret beside what is made of it alone, rebuilt while they
    // differ (a test of the block, or an early return): a new secret makes a new object
    code`
      let derived = null;
      let early = null;
      export function parts(env) {
        const raw = env.SIGNING_KEY;
        if (!derived || derived.raw !== raw) {
          derived = { raw, parts: raw.split(",") };
        }
        return derived.parts;
      }
      export function bytes(env) {
        const raw = env.SIGNING_KEY;
        if (early && early.raw === raw) return early.bytes;
        early = { raw, bytes: new TextEncoder().encode(raw) };
        return early.bytes;
      }
    `,
    // why: a number computed from a secret (its length) keeps none of it, as across modules
    code`
      let keyLen;
      export default {
        async fetch(request, env) {
          keyLen = env.SECRET_KEY.length;
          return new Response(String(keyLen));
        },
      };
    `,
    // why: a bot's info read after \`init()\` is the bot's id and name, data its client read, not the client with its token
    code`
      import { Bot, webhookCallback } from "grammy";
      let botInfo;
      export default {
        async fetch(request, env) {
          const bot = new Bot(env.BOT_TOKEN, { botInfo });
          if (botInfo === undefined) {
            await bot.init();
            botInfo = bot.botInfo;
          }
          return webhookCallback(bot, "cloudflare-mod")(request);
        },
      };
    `,
    // why: a property of a literal nested in another, returned by a function of the file, keeps its own value
    code`
      const queue = [];
      function check(env) {
        return { platform: { status: "pass", details: { provider: env.TARGET } } };
      }
      export default {
        async fetch(request, env) {
          const checks = check(env);
          queue.push({ status: checks.platform.status });
          return new Response("ok");
        },
      };
    `,
    // why: so does a counter over a list of secrets (named like one in the plural): a key rotation's index
    code`
      let turn = 0;
      export default {
        async fetch(request, env) {
          const tokens = env.UPSTREAM_TOKENS.split(",");
          turn = (turn + 1) % tokens.length;
          return fetch("https://upstream.example", { headers: { authorization: tokens[turn] } });
        },
      };
    `,
    // why: an entry under a key spelled from a var handed inside an object (`{ name: env.SITE_URL }`)
    // is found only with that var, as under the var itself: a new one spells a new key
    code`
      const patterns = new Map();
      function upsert(html, tags) {
        for (const { name } of tags) {
          const key = \`meta=\${name}\`;
          let re = patterns.get(key);
          if (!re) {
            re = new RegExp(\`<meta name="\${name}"\`, "i");
            patterns.set(key, re);
          }
          html = html.replace(re, "");
        }
        return html;
      }
      export default {
        async fetch(request, env) {
          return new Response(upsert("<html>", [{ name: env.SITE_URL }]));
        },
      };
    `,
    // why: what a helper reads through the binding it is handed under a key made from a var is the
    // binding's data, as the same read where env is in scope: the key is not what it gives back
    code`
      const cache = new Map();
      async function cached(env, options) {
        const key = "page:" + options.prefix;
        const hit = cache.get(key);
        if (hit) return hit.value;
        const value = await env.PAGE_CACHE.get(key, "json");
        cache.set(key, { value, ts: Date.now() });
        return value;
      }
      export default {
        async fetch(request, env) {
          return Response.json(await cached(env, { prefix: env.SITE_URL }));
        },
      };
    `,
    // why: a singleton configured again in every request holds what this request handed, and one
    // that only runs a query or sends with what it is handed in the block that makes it keeps none of it
    code`
      import { Client } from "some-sdk";
      let client;
      let db;
      export default {
        async fetch(request, env) {
          if (!client) client = new Client();
          client.setToken(env.TOKEN);
          if (!db) {
            db = new Client();
            await db.exec(env.SCHEMA);
          }
          return new Response("ok");
        },
      };
    `,
    // why: a local configured with env and used only in its request, or configured with constants and kept, keeps nothing of env
    code`
      import { Client } from "some-sdk";
      let shared;
      export default {
        async fetch(request, env) {
          const c = new Client();
          c.setToken(env.API_TOKEN);
          const plain = new Client();
          plain.setRegion("eu");
          shared ??= plain;
          return Response.json(await c.get("/"));
        },
      };
    `,
    // why: what a configured client answers is data; the keys of env are names; a response's status
    // holds nothing of the secret its request was sent with
    code`
      import { Client } from "some-sdk";
      const rows = [];
      const names = [];
      let lastStatus = 0;
      export default {
        async fetch(request, env) {
          const c = new Client();
          c.setToken(env.API_TOKEN);
          rows.push(await c.get("/rows"));
          for (const k in env) names.push(k);
          const res = await fetch("https://api.example.com", { headers: { "x-key": env.API_KEY } });
          lastStatus = res.status;
          return new Response("ok");
        },
      };
    `,
    // why: a Durable Object id a helper of the file makes from the namespace it is handed is data,
    // as one made where the namespace is read
    code`
      const ids = new Map();
      function idFor(ns, name) { const id = ns.idFromName(name); ids.set(name, id); return id; }
      export default {
        async fetch(request, env) {
          return env.ROOMS.get(idFor(env.ROOMS, new URL(request.url).pathname)).fetch(request);
        },
      };
    `,
    // why: data rebuilt whenever the var it is made of changes, the var kept beside it and compared
    // on every call, through any steps (a method of it, an object or array around it, a set of it)
    code`
      let origins; let originsRaw;
      let allowed; let allowedRaw;
      let cfg; let cfgRaw;
      let list; let listRaw;
      export default {
        async fetch(request, env) {
          const raw = env.ORIGINS;
          if (!origins || originsRaw !== raw) { origins = raw.split(","); originsRaw = raw; }
          if (!allowed || allowedRaw !== raw) { allowed = new Set(raw.split(",")); allowedRaw = raw; }
          if (!cfg || cfgRaw !== raw) { cfg = { raw, strict: true }; cfgRaw = raw; }
          if (!list || listRaw !== raw) { list = [raw]; listRaw = raw; }
          return new Response(origins.join());
        },
      };
    `,
    // why: built from two vars, each kept beside it and compared on every call: every input is
    // compared, so a change of either builds a new value
    code`
      let limiter; let lastMax; let lastWindow;
      export default {
        async fetch(request, env) {
          const max = Number(env.RATE_MAX);
          const windowMs = Number(env.RATE_WINDOW_MS);
          if (!limiter || lastMax !== max || lastWindow !== windowMs) {
            limiter = makeLimiter(max, windowMs);
            lastMax = max;
            lastWindow = windowMs;
          }
          return new Response(String(limiter.max));
        },
      };
    `,
    // why: a construction of no known kind (a cookie signer) rebuilt whenever the secret it is made
    // of changes, behind a guard or an early return: a secret's name says no server to connect to
    code`
      import { createCookie } from "some-cookie-lib";
      let cookie; let cookieKey;
      let signer; let signerKey;
      export function useSecret(key) {
        if (cookie && cookieKey === key) return;
        cookieKey = key;
        cookie = createCookie("session", { secrets: [key] });
      }
      export default {
        async fetch(request, env) {
          useSecret(env.COOKIE_SECRET);
          if (!signer || signerKey !== env.SIGNING_KEY) {
            signer = makeSigner({ keys: [env.SIGNING_KEY] });
            signerKey = env.SIGNING_KEY;
          }
          return new Response("ok");
        },
      };
    `,
    // why: an entry under a key spelled from a var or secret and constants (a prefix, a template, a
    // constant local so spelled) is found only with that value: a new one spells a new key
    code`
      const memo = new Map();
      const formats = new Map();
      export default {
        async fetch(request, env) {
          const cur = env.CURRENCY;
          memo.set(\`v1:\${cur}\`, cur.toLowerCase());
          const k = "fmt:" + env.LOCALE;
          if (!formats.has(k)) formats.set(k, new Intl.NumberFormat(env.LOCALE));
          return new Response(memo.get(\`v1:\${cur}\`));
        },
      };
    `,
    // why: an instance kept in a static holds no value of env (only what the constructor makes itself)
    code`
      class Counter {
        static last = null;
        constructor(name) { this.name = name; this.count = 0; Counter.last = this; }
      }
      export default {
        async fetch(request, env) {
          new Counter("hits");
          return new Response(String(env.KEY.length));
        },
      };
    `,
    // why: a constant field read through an alias of `this` is that field, not the whole instance
    code`
      const names = [];
      class Client {
        name = "client";
        constructor(key) { this.key = key; const self = this; names.push(self.name); }
      }
      export default {
        async fetch(request, env) {
          new Client(env.KEY);
          return new Response("ok");
        },
      };
    `,
    // why: an instance built from env is used and returned, never kept in module scope
    code`
      class Client {
        constructor(key) { this.key = key; }
        with(extra) { this.extra = extra; return this; }
      }
      export default {
        async fetch(request, env) {
          const client = new Client(env.KEY).with(1);
          return new Response(String(client.key));
        },
      };
    `,
    // why: a local variable lives and dies with the request
    code`
      export default {
        async fetch(request, env) {
          const db = drizzle(env.DB);
          return Response.json(await db.select());
        },
      };
    `,
    // why: a block-scoped variable inside the handler is still per request
    code`
      export default {
        async fetch(request, env) {
          if (request.method === "POST") { let client = new Client(env.KEY); await client.send(); }
          return new Response("ok");
        },
      };
    `,
    // why: the handler's local `db` shadows the module-scope `db`
    code`
      let db;
      export default {
        async fetch(request, env) {
          let db;
          db = drizzle(env.DB);
          return new Response(String(db));
        },
      };
    `,
    // why: a parameter that shadows the module name is local too
    code`
      let client;
      export function handle(env, client) {
        client = new Client(env.KEY);
        return client;
      }
    `,
    // why: instance fields of a Durable Object are per instance, not module scope
    code`
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        db;
        async fetch() {
          this.db ??= drizzle(this.env.DB);
          return new Response("ok");
        }
      }
    `,
    // why: a WorkerEntrypoint instance is created per invocation
    code`
      import { WorkerEntrypoint } from "cloudflare:workers";
      export default class extends WorkerEntrypoint {
        client = null;
        async fetch() {
          if (!this.client) this.client = new OpenAI({ apiKey: this.env.OPENAI_API_KEY });
          return new Response("ok");
        }
      }
    `,
    // why: WorkflowEntrypoint instance fields are per instance
    code`
      import { WorkflowEntrypoint } from "cloudflare:workers";
      export class Flow extends WorkflowEntrypoint {
        async run(event, step) {
          this.stripe = new Stripe(this.env.STRIPE_KEY);
        }
      }
    `,
    // why: a constructor writing `this.x` of a Durable Object stores per instance
    code`
      import { DurableObject } from "cloudflare:workers";
      export class Counter extends DurableObject {
        constructor(ctx, env) {
          super(ctx, env);
          this.sql = ctx.storage.sql;
          this.key = env.SECRET;
        }
      }
    `,
    // why: AsyncLocalStorage.run scopes `env` to the request's async context
    code`
      import { AsyncLocalStorage } from "node:async_hooks";
      const als = new AsyncLocalStorage();
      export default {
        fetch(request, env, ctx) {
          return als.run(env, () => handle(request));
        },
      };
    `,
    // why: a weak entry under the request dies with it, whatever it holds; under env, an HTTP client is a cache per env
    code`
      import { Pool } from "pg";
      import { drizzle } from "drizzle-orm/d1";
      const perRequest = new WeakMap();
      const perEnv = new WeakMap();
      export default {
        async fetch(request, env) {
          perRequest.set(request, new Pool({ connectionString: env.HYPERDRIVE.connectionString }));
          perEnv.set(env, drizzle(env.DB));
          return new Response("ok");
        },
      };
    `,
    // why: a WeakMap keyed by the env object itself is invalidated when env changes
    code`
      const clients = new WeakMap();
      export default {
        async fetch(request, env) {
          let client = clients.get(env);
          if (!client) { client = new Client(env.KEY); clients.set(env, client); }
          return client.handle(request);
        },
      };
    `,
    // why: rebuilt whenever the token changes, the token kept beside it to compare on every call:
    // a client of closures over the token alone is never stale
    code`
      let cachedClient = null;
      let cachedToken = null;
      function createClient({ token }) {
        const call = (path) => fetch("https://api.example.com/" + path, { headers: { authorization: token } });
        return { call };
      }
      export default {
        async fetch(request, env) {
          const token = env.API_TOKEN.trim();
          if (!cachedClient || cachedToken !== token) {
            cachedClient = createClient({ token });
            cachedToken = token;
          }
          return cachedClient.call("x");
        },
      };
    `,
    // why: the same with the input read off env where it is compared and kept, and an HTTP SDK's
    // client built with \`new\`: a new key builds a new client
    code`
      import Stripe from "stripe";
      let stripe;
      let lastKey;
      export default {
        async fetch(request, env) {
          if (!stripe || lastKey !== env.STRIPE_KEY) {
            stripe = new Stripe(env.STRIPE_KEY);
            lastKey = env.STRIPE_KEY;
          }
          return Response.json(await stripe.balance.retrieve());
        },
      };
    `,
    // why: the same rebuild behind an early return while the kept input is the one handed: what the
    // block makes of the input (parsed, or a map it fills from it) and the input kept to compare
    code`
      let lastLimits: string | undefined;
      let byId: Map<string, number> | undefined;
      function limitsById(limits: string) {
        if (limits === lastLimits && byId) return byId;
        const parsed = JSON.parse(limits) as [string, number][];
        const map = new Map<string, number>();
        for (const [id, n] of parsed) map.set(id, n);
        lastLimits = limits;
        byId = map;
        return byId;
      }
      export default {
        async fetch(request: Request, env: Env) {
          return new Response(String(limitsById(env.LIMITS).get("a")));
        },
      };
    `,
    // why: the same with the input kept in a member of a module object, beside what is built from it,
    // also in a block that returns early for one input
    code`
      let memo: { key: string; resolved: { key: string } | null } = { key: "", resolved: null };
      function configFor(key: string) {
        if (memo.resolved && memo.key === key) return memo.resolved;
        if (!key) {
          memo.key = key;
          return null;
        }
        memo.key = key;
        memo.resolved = { key };
        return memo.resolved;
      }
      export default {
        async fetch(request: Request, env: Env) {
          return Response.json(configFor(env.MASTER_KEY));
        },
      };
    `,
    // why: the names of the bindings hold none of their values
    code`
      let names = [];
      export default {
        async fetch(request, env) {
          names = Object.keys(env).sort();
          return Response.json(names);
        },
      };
    `,
    // why: what an app's fetch answers, handed env, is a Response: it holds none of env
    code`
      import { env } from "cloudflare:workers";
      import { apiApp } from "./api";
      let status;
      export async function probe() {
        const response = await apiApp.fetch(new Request("https://example.com/spec"), env, {});
        status = response.status;
      }
    `,
    // why: a function that returns a new object, or module state on one path only, designates no
    // module place
    code`
      const store = {};
      function make() { return {}; }
      function pick(flag) { if (flag) return store; return {}; }
      export default {
        async fetch(request, env) {
          make().client = env.KEY;
          pick(request.url).client = env.KEY;
        },
      };
    `,
    // why: a WeakMap entry keyed by the request dies with the request
    code`
      const perRequest = new WeakMap();
      export default { async fetch(request, env) { perRequest.set(request, new Client(env.KEY)); return new Response("ok"); } };
    `,
    // why: a WeakSet of per-request objects holds nothing past them
    code`
      const seen = new WeakSet();
      export default { async fetch(request, env) { seen.add(new Client(env.KEY)); return new Response("ok"); } };
    `,
    // why: a request counter is not derived from env
    code`
      let count = 0;
      export default {
        async fetch(request, env) {
          count++;
          count += 1;
          return new Response(String(count));
        },
      };
    `,
    // why: a flag set on first use holds no env value
    code`
      let initialized = false;
      export default {
        async fetch(request, env) {
          if (!initialized) initialized = true;
          return new Response("ok");
        },
      };
    `,
    // why: a lazily compiled regex or schema is not derived from env
    code`
      let re;
      let schema;
      export default {
        async fetch(request, env) {
          re ??= new RegExp("^/api/(\\\\w+)$");
          schema ||= z.object({ name: z.string() });
          return new Response(String(re.test(request.url)));
        },
      };
    `,
    // why: a dynamic-import cache holds a module, not env
    code`
      let wasm;
      export default {
        async fetch(request, env) {
          wasm ??= await import("./pkg/module.js");
          return new Response(wasm.run());
        },
      };
    `,
    // why: public data fetched from a constant URL is not derived from env
    code`
      let countries;
      export default {
        async fetch(request, env) {
          countries ??= await (await fetch("https://example.com/countries.json")).json();
          return Response.json(countries);
        },
      };
    `,
    // why: module constants not derived from env are fine
    code`
      const API_BASE = "https://api.example.com";
      const headers = { "content-type": "application/json" };
      export default {
        async fetch(request, env) {
          return fetch(API_BASE, { headers });
        },
      };
    `,
    // why: reading a module cache does not store anything
    code`
      const cache = new Map();
      export default {
        async fetch(request, env) {
          const hit = cache.get(env.CACHE_KEY);
          return new Response(hit ?? "miss");
        },
      };
    `,
    // why: env passed to a helper that keeps it local
    code`
      function getDb(env) {
        const db = drizzle(env.DB);
        return db;
      }
      export default {
        async fetch(request, env) {
          const db = getDb(env);
          return Response.json(await db.select());
        },
      };
    `,
    // why: type-only code has no runtime stores
    code`
      interface Env { DB: D1Database; KEY: string }
      type Handler = (req: Request, env: Env) => Promise<Response>;
      declare let client: Client;
      declare function setClient(env: Env): void;
    `,
    // why: service-worker syntax has no env parameter; bindings are globals there
    code`
      let lastUrl;
      addEventListener("fetch", (event) => {
        event.respondWith(new Response("ok"));
      });
    `,
    // why: data read through a binding and awaited is plain data by default
    code`
      let config;
      export default {
        async fetch(request, env) {
          config = await env.CONFIG_KV.get("config", "json");
          const { results } = await env.DB.prepare("SELECT * FROM flags").all();
          flags = results;
          return Response.json(config);
        },
      };
      let flags;
    `,
    // why: what a helper of the file picks out of such data with a method (\`rows.find(cb)\`) is that data
    code`
      let lastName = null;
      function pick(rows) {
        return rows.find((r) => r.active);
      }
      export default {
        async fetch(request, env) {
          const rows = await env.TESTS_KV.get("registry", { type: "json" });
          lastName = pick(rows).name;
          return new Response(lastName);
        },
      };
    `,
    // why: so is what it picks out of the caller's own awaited read (a helper's pending read raced against a timeout), handed on in turn
    code`
      const patterns = new Map();
      async function loadRegistry(env) {
        const pending = env.TESTS_KV.get("registry", { type: "json" });
        const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("slow")), 50));
        return await Promise.race([pending, timeout]);
      }
      function pick(rows) {
        return rows.find((r) => r.active);
      }
      async function handle(request, env) {
        const rows = await loadRegistry(env);
        const test = pick(rows);
        if (!patterns.has(test.cookie)) patterns.set(test.cookie, new RegExp(test.cookie + "=(A|B)"));
        return new Response(String(patterns.get(test.cookie)));
      }
      export default { fetch: (request, env) => handle(request, env) };
    `,
    // why: what a loader the file hands answers, put in the cache by another helper of the file (\`put(key, data)\`), is that answer
    code`
      const cache = new Map();
      function put(k, d) { cache.set(k, d); }
      async function getOrFetch(key, fetcher) {
        if (cache.has(key)) return cache.get(key);
        const data = await fetcher();
        put(key, data);
        return data;
      }
      async function loadStatus(base) { const r = await fetch(base); return { ok: r.ok }; }
      export default { async fetch(req, env) { return Response.json(await getOrFetch("s", () => loadStatus(env.URL))); } };
    `,
    // why: where \`process.env\` is env (\`nodejs_compat\`), a value written onto it is no-env-mutation's (one rule per store)
    {
      code: code`
        import * as proc from "node:process";
        export function syncModel(env: Env) {
          process.env.LLM_API_KEY = env.LLM_API_KEY;
          proc.env.LLM_MODEL = env.LLM_MODEL;
        }
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
    },
    // why: data read through one binding or another (`env.CONFIG ?? env.KV`) is that binding's data too
    code`
      const cache = new Map();
      export default {
        async fetch(request, env) {
          const kv = env.CONFIG ?? env.KV;
          const id = new URL(request.url).pathname;
          cache.set("shards", await kv.get("shards", "json"));
          return Response.json(cache.get("shards") ?? id);
        },
      };
    `,
    // why: storing the imported live `env` object itself keeps no snapshot
    code`
      import { env } from "cloudflare:workers";
      let bindings;
      export function init() { bindings = env; }
    `,
    // why: a parameter named neither env nor typed Env, with no derived caller in the file, is unknown: not reported
    code`
      let cached;
      export function remember(value) { cached = value.token; }
    `,
    // why: module scope written with a value computed from module state only
    code`
      const DEFAULTS = { retries: 3 };
      let settings;
      export default { async fetch(request, env) { settings = { ...DEFAULTS }; return new Response("ok"); } };
    `,
    // why: an allowed module-scope name is a deliberate, reviewed store
    {
      code: code`
        let logger;
        export default { async fetch(request, env) { logger = new Logger(env.LOG_LEVEL); return new Response("ok"); } };
      `,
      options: [{ allow: ["logger"] }],
    },
    // why: `this.x` in a plain object literal created per request is local
    code`
      export default {
        async fetch(request, env) {
          const state = { set(v) { this.v = v; } };
          state.set(env.KEY);
          return new Response("ok");
        },
      };
    `,
    // why: a static method that does not store
    code`
      export class Db {
        static connect(env) { return drizzle(env.DB); }
      }
    `,
    // why: a helper that builds a client and returns it to a local
    code`
      function makeClient(env) { return new Client({ key: env.KEY }); }
      export default { async fetch(request, env) { const c = makeClient(env); return c.run(); } };
    `,
    // why: `env` named param in an Express-like helper that writes only locals
    code`
      export function buildConfig(env) {
        const config = {};
        config.url = env.URL;
        return config;
      }
    `,
    // why: a factory's closure made for one request keeps nothing past it; the module's own cache holds a constant
    code`
      function createCache() {
        const entries = new Map();
        return { get: (k) => entries.get(k), set(k, v) { entries.set(k, v); } };
      }
      const shared = createCache();
      export default {
        async fetch(request, env) {
          const mine = createCache();
          mine.set("token", env.TOKEN);
          shared.set("hits", (shared.get("hits") ?? 0) + 1);
          return new Response("ok");
        },
      };
    `,
    // why: the factory's own body runs with each call's arguments; a client made per request is not kept
    code`
      function makeClient(token) {
        let t = token;
        t = t.trim();
        return { call: () => fetch("https://api.example.com", { headers: { authorization: t } }) };
      }
      const anonymous = makeClient("public");
      export default {
        async fetch(request, env) {
          await makeClient(env.TOKEN).call();
          return anonymous.call();
        },
      };
    `,
    // why: an entry under the binding itself is found only with that binding: a new binding is a new key
    code`
      import { drizzle } from "drizzle-orm/d1";
      const dbs = new Map();
      export default {
        async fetch(request, env) {
          let db = dbs.get(env.DB);
          if (!db) { db = drizzle(env.DB); dbs.set(env.DB, db); }
          return Response.json(await db.select());
        },
      };
    `,
    // why: an instance of the file's own wrapper under the binding it wraps is found only with that binding
    code`
      class KVCache { constructor(kv) { this.kv = kv; } get(k) { return this.kv.get(k); } }
      const wrappers = new Map();
      export default {
        async fetch(request, env) {
          let c = wrappers.get(env.KV);
          if (!c) { c = new KVCache(env.KV); wrappers.set(env.KV, c); }
          return new Response(await c.get("x"));
        },
      };
    `,
    // why: a parameter named \`env\` with a string default is a deployment's name
    code`
      let mode = "";
      export function setMode(env = "production") { mode = env; }
    `,
  ],
  invalid: [
    {
      // why: a secret read as it is and also put to a binding is still the secret kept (\`cached = key\` of \`key = env.API_KEY\`)
      code: code`
        let cached = "";
        export default {
          async fetch(request: Request, env: { KV: KVNamespace; API_KEY: string }) {
            const key = env.API_KEY;
            await env.KV.put("key", key);
            cached = key;
            return new Response(cached.length ? "ok" : "no");
          },
        };
      `,
      errors: [stored("cached", "env.API_KEY", "value", 6, 5)],
    },
    {
      // why: a write nested in the branches of a guard further up (\`if (!instance && !initError) { if (!env.DB) … else try { instance = … } }\`) is still built once
      code: code`
        import { drizzle } from "drizzle-orm/d1";
        let instance: unknown = null;
        let initError: unknown = null;
        export default {
          async fetch(request: Request, env: { DB: D1Database }) {
            if (!instance && !initError) {
              if (!env.DB) {
                initError = new Error("no DB");
              } else {
                try {
                  instance = drizzle(env.DB);
                } catch (e) {
                  initError = e;
                }
              }
            }
            return new Response(String(!!instance));
          },
        };
      `,
      errors: [lazy("instance", "env.DB", "binding", 11, 11)],
    },
    {
      // why: a key spelled from another list than the one the value is made of (\`names.join(",")\`, \`new Set(defaults)\`) does not change with the var
      code: joinedKeyCache("defaults: string[], names: string[]", "names", 'env.RULES.split(","), ["a"]'),
      errors: [stored("cached", "env.RULES", "secret", 7, 3)],
    },
    {
      // why: a function of the file that returns anything but the clock (\`const base = () => 0\`) makes no deadline: the var's number is kept
      code: code`
        const base = () => 0;
        let until = 0;
        export default {
          async fetch(request: Request, env: { LIMIT: string }) {
            until = base() + Number(env.LIMIT);
            return new Response(String(until));
          },
        };
      `,
      errors: [stored("until", "env.LIMIT", "secret", 5, 5)],
    },
    {
      // why: a module variable a handler fills with a secret (\`token = env.TOKEN || token\`) is refilled by every request, but a digest made
      // once from it keeps the first secret's; a plain copy of the holder, or what it makes of itself put back there, is not reported again
      code: code`
        let token = "";
        let guestToken = "";
        let copy = "";
        async function md5(text: string) { return String(await crypto.subtle.digest("MD5", new TextEncoder().encode(text))); }
        export default {
          async fetch(request: Request, env: { TOKEN: string }) {
            token = env.TOKEN || token;
            if (token.includes("//")) token = token.split("//")[1];
            if (!guestToken) guestToken = await md5(token);
            copy = token;
            return new Response(guestToken + copy);
          },
        };
      `,
      errors: [stored("token", "env.TOKEN", "value", 7, 5), lazy("guestToken", "token", "secret", 9, 22)],
    },
    {
      // why: Qwik's getter read through a local helper the exported function calls (\`_lucia(env)\`) still builds the singleton from env
      code: code`
        import type { RequestEvent } from "@builder.io/qwik-city";
        import { lucia } from "lucia";
        let _auth: ReturnType<typeof _lucia> | undefined;
        const _lucia = (env: RequestEvent["env"]) => lucia({ secret: env.get("AUTH_SECRET")! });
        export const auth = (env: RequestEvent["env"]) => {
          if (!_auth) _auth = _lucia(env);
          return _auth;
        };
      `,
      errors: [lazy("_auth", "env", "client", 6, 15)],
    },
    {
      // why: OpenTelemetry's global registries serve every later request of the isolate with the first provider registered (its exporter keeps the token)
      code: code`
        import { trace } from "@opentelemetry/api";
        import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
        export default {
          async fetch(request: Request, env: { OTEL_HEADERS: string }) {
            const provider = new BasicTracerProvider({ headers: { authorization: env.OTEL_HEADERS } });
            trace.setGlobalTracerProvider(provider);
            trace.setSpan(trace.getActiveSpan() as never, provider as never);
            return new Response("ok");
          },
        };
      `,
      errors: [stored("trace.setGlobalTracerProvider", "env.OTEL_HEADERS", "client", 6, 5)],
    },
    {
      // why: a module variable a handler fills with env (a holder) is refilled by every request, but what is built once from
      // it keeps the first request's secret; the holder itself is reported where it is filled, a copy of it is not reported again
      code: code`
        import OpenAI from "openai";
        interface Env { OPENAI_KEY: string; DB: D1Database }
        let current: Env;
        let client: OpenAI | undefined;
        let again: Env | undefined;
        function getClient() {
          if (!client) client = new OpenAI({ apiKey: current.OPENAI_KEY });
          again = current;
          return client;
        }
        export default {
          async fetch(request: Request, env: Env) {
            current = env;
            return new Response(String(!!getClient()));
          },
        };
      `,
      errors: [lazy("client", "current.OPENAI_KEY", "http", 7, 16), stored("current", "env", "env", 13, 5)],
    },
    {
      // why: a singleton made from env is reported where it is kept; what its own methods write onto it (from its own fields) is the same store
      code: code`
        class KeyPool {
          constructor(keys, strategy) { this.keys = keys; this.strategy = strategy; this.failed = new Set(); this.available = [...keys]; }
          markFailed(key) { this.failed.add(key); this.available = this.keys.filter((k) => !this.failed.has(k)); }
          stats() { this.last = { total: this.keys.length, strategy: this.strategy }; return this.last; }
          next() { return this.available[0]; }
        }
        let pool = null;
        export default {
          async fetch(request, env) {
            if (!pool) pool = new KeyPool(env.API_KEYS.split(","), env.STRATEGY);
            const key = pool.next();
            const res = await fetch("https://api.example.com", { headers: { authorization: key } });
            if (res.status === 401) pool.markFailed(key);
            return Response.json(pool.stats());
          },
        };
      `,
      errors: [lazy("pool", "env.API_KEYS", "client", 10, 16)],
    },
    {
      // why: a spread of one member of env (\`{ ...DEFAULTS, ...routes }\` of \`env.ROUTES\`) copies that member, not the bindings; \`{ ...env }\` copies them
      code: code`
        const DEFAULTS = { admin: "/admin" };
        let routes: Record<string, string> | null = null;
        let copy: unknown;
        export default {
          async fetch(request: Request, env: { ROUTES: string | Record<string, string> }) {
            const given = typeof env.ROUTES === "string" ? JSON.parse(env.ROUTES) : env.ROUTES;
            routes = { ...DEFAULTS, ...given };
            copy = { ...env, at: Date.now() };
            return Response.json(routes);
          },
        };
      `,
      errors: [stored("routes", "env.ROUTES", "secret", 7, 5), stored("copy", "env", "env", 8, 5)],
    },
    {
      // why: a cache returned only while young (\`cached && now - cached.at < cached.ttl\`) is rebuilt when it ages: a store, not a singleton built once
      code: code`
        let cached: { at: number; ttl: number; value: unknown } | null = null;
        export default {
          async fetch(request: Request, env: { TTL: string }) {
            const now = Date.now();
            if (cached && now - cached.at < cached.ttl) return Response.json(cached.value);
            cached = { at: now, ttl: Number(env.TTL), value: null };
            return new Response("ok");
          },
        };
      `,
      errors: [stored("cached", "env.TTL", "secret", 6, 5)],
    },
    {
      // why: the deployed Worker's own branch (\`"production"\`, Vite's \`PROD\`) runs in every request there
      code: code`
        let db: unknown;
        let viteDb: unknown;
        export default {
          async fetch(request: Request, env: { DB: D1Database }) {
            if (process.env.NODE_ENV === "production") db ??= env.DB;
            if (import.meta.env.PROD) viteDb ??= env.DB;
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("db", "env.DB", "value", 5, 48), lazy("viteDb", "env.DB", "value", 6, 31)],
    },
    {
      // why: an RPC procedure's context, made per request by the server's context factory, holds env
      // under \`env\` (tRPC's \`ctx\`, also of a builder the project exports; oRPC's \`context\`, also of a local builder)
      code: code`
        import { initTRPC } from "@trpc/server";
        import { os } from "@orpc/server";
        import OpenAI from "openai";
        const t = initTRPC.context<{ env: Env }>().create();
        let ai: OpenAI | undefined;
        let key: string | undefined;
        export const router = t.router({
          ask: t.procedure.input((v) => v).query(async ({ ctx }) => { ai ??= new OpenAI({ apiKey: ctx.env.OPENAI_KEY }); return "ok"; }),
        });
        const base = os.$context<{ env: Env }>();
        export const ping = base.handler(({ context }) => { key = context.env.OPENAI_KEY; return "pong"; });
      `,
      errors: [{ messageId: "lazySingleton", line: 8 }, { messageId: "storedInModuleScope", line: 11 }],
    },
    {
      // why: a key jose imports from a secret (a CryptoKey, as WebCrypto's) is that secret's, no client
      code: code`
        import * as jose from "jose";
        import { importSPKI } from "jose";
        let signing: CryptoKey | null = null;
        let verifying: CryptoKey | null = null;
        export default {
          async fetch(request: Request, env: Env) {
            signing ??= await jose.importPKCS8(env.JWT_PRIVATE_KEY, "RS256");
            verifying ??= await importSPKI(env.JWT_PUBLIC_KEY, "RS256");
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("signing", "env.JWT_PRIVATE_KEY", "secret", 7, 5), lazy("verifying", "env.JWT_PUBLIC_KEY", "secret", 8, 5)],
    },
    {
      // why: a lazy getter the top level calls reads env itself: what it keeps is its own finding
      code: code`
        import { env } from "cloudflare:workers";
        import { Kysely } from "kysely";
        import { D1Dialect } from "kysely-d1";
        let cached: Kysely<unknown> | undefined;
        function getDb() {
          if (!cached) cached = new Kysely({ dialect: new D1Dialect({ database: env.D1 }) });
          return cached;
        }
        export const db = getDb();
      `,
      errors: [{ messageId: "lazySingleton", line: 6 }],
    },
    {
      // why: \`prepare()\` hands out the statement at once: awaiting it gives the statement, which holds the D1 binding (a row it reads, awaited, is data)
      code: code`
        const statements: Record<string, D1PreparedStatement> = {};
        let firstRow: unknown;
        export default {
          async fetch(request: Request, env: { DB: D1Database }) {
            if (!statements.insert) statements.insert = await env.DB.prepare("INSERT INTO t (id) VALUES (?1)");
            firstRow ??= await env.DB.prepare("SELECT 1").first();
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "lazySingleton", line: 5 }],
    },
    {
      // why: a parameter whose type holds env (destructured from an object type with an env member, that object, or an intersection with env) is env, as \`env: Env\` is: a context factory's shape
      code: code`
        let a: unknown;
        let b: unknown;
        let c: unknown;
        export function viaDestructured({ env }: { req: Request; env: Env }) { a ??= drizzle(env.DB); return a; }
        export function viaMember(opts: { req: Request; env: Env }) { b ??= drizzle(opts.env.DB); return b; }
        export function viaIntersection(ctx: Env & { request: Request }) { c ??= drizzle(ctx.DB); return c; }
      `,
      errors: [
        { messageId: "lazySingleton", data: { target: "`a`", origin: "`env.DB`", hazard: "it keeps a stale secret, and any connection it holds fails later" }, line: 4 },
        { messageId: "lazySingleton", data: { target: "`b`", origin: "`opts.env.DB`", hazard: "it keeps a stale secret, and any connection it holds fails later" }, line: 5 },
        { messageId: "lazySingleton", data: { target: "`c`", origin: "`ctx.DB`", hazard: "it keeps a stale secret, and any connection it holds fails later" }, line: 6 },
      ],
    },
    {
      // why: a table of methods called by a computed key hands each of them what the call hands: \`context.env\` there is the handler's env
      code: code`
        const clients: Record<string, unknown> = {};
        const METHODS = {
          async check(params: unknown, context) {
            clients.check ??= new Client(context.env.API_KEY);
            return clients.check;
          },
          ping: () => "pong",
        };
        export default {
          async fetch(request: Request, env: Env) {
            const data = (await request.json()) as { method: "check" | "ping"; params: unknown };
            return Response.json(await METHODS[data.method](data.params, { env }));
          },
        };
      `,
      errors: [{ messageId: "lazySingleton", data: { target: "`clients.check`", origin: "`env.API_KEY`", hazard: "it keeps a stale secret, and any connection it holds fails later" }, line: 4 }],
    },
    {
      // why: env handed inside an object, taken out of it again (also through a destructured parameter packed anew), is env: the binding read off it is named and its kind said, and the socket beside it is not what is kept
      code: code`
        const cache: Record<string, unknown> = {};
        function useContext(context) {
          const { env } = context;
          cache.stmt = env.DB.prepare("SELECT 1");
        }
        function onOpen({ server, env }) {
          useContext({ env, server });
        }
        interface Env { DB: D1Database }
        export default {
          async fetch(request: Request, env: Env) {
            const { 0: client, 1: server } = new WebSocketPair();
            server.accept();
            onOpen({ server, env });
            useContext({ env, url: request.url });
            return new Response(null, { status: 101, webSocket: client });
          },
        };
      `,
      errors: [{ messageId: "storedInModuleScope", data: { target: "`cache.stmt`", origin: "`env.DB`", hazard: "it keeps a stale secret, and any connection it holds fails later" }, line: 4 }],
    },
    {
      // why: a helper handed an object literal of the context's parts reads the one property it names (\`request.env.KEY\` is \`c.env.KEY\`, not the request's method beside it)
      code: code`
        import { Hono } from "hono";
        interface Check { method: string; headers: Headers; env: Env }
        let cachedKey: CryptoKey | null = null;
        async function getKey(json: string) {
          if (!cachedKey) cachedKey = await crypto.subtle.importKey("jwk", JSON.parse(json), { name: "RSA-PSS" }, false, ["verify"]);
          return cachedKey;
        }
        async function introspect(request: Check) {
          return getKey(request.env.PUBLIC_JWK_JSON);
        }
        async function fromContext(c: any) {
          return introspect({ method: c.req.method, headers: c.req.raw.headers, env: c.env });
        }
        const app = new Hono<{ Bindings: Env }>();
        app.get("/", async (c) => { await fromContext(c); return c.text("ok"); });
        export default app;
      `,
      errors: [{ messageId: "lazySingleton", data: { target: "`cachedKey`", origin: "`c.env.PUBLIC_JWK_JSON`", hazard: "it keeps the secret or var of the deploy that stored it" }, line: 5 }],
    },
    {
      // why: one also called while a request runs stores that request's env
      code: code`
        let base = "";
        function setBase(url: string) { base = url; }
        setBase("https://example.com");
        export default {
          async fetch(request: Request, env: Env) { setBase(env.SERVICE_URL); return new Response(base); },
        };
      `,
      errors: [stored("base", "env.SERVICE_URL", "value", 2, 33)],
    },
    {
      // why: Hono's context variable a middleware of the file sets from env is that value, named by its
      // source; one set in another module under a database's name is taken for a binding
      code: code`
        import { Hono } from "hono";
        import { drizzle } from "drizzle-orm/d1";
        const app = new Hono<{ Bindings: { DB: D1Database } }>();
        app.use("*", async (c, next) => { c.set("orm", drizzle(c.env.DB)); await next(); });
        let orm: unknown;
        let db: unknown;
        app.get("/", (c) => {
          orm = c.get("orm");
          db = c.var.db;
          return c.text("ok");
        });
        export default app;
      `,
      errors: [stored("orm", "c.env.DB", "binding", 8, 3), stored("db", "c.var.db", "binding", 9, 3)],
    },
    {
      // why: a connection a helper builds from text its parameter is handed (a host spelled into a URL)
      // fails in the next request whatever key it is kept under, also when the helper fills a local
      // lazily or builds it in place
      code: code`
        import postgres from "postgres";
        const pools = new Map<string, ReturnType<typeof postgres>>();
        function poolFor(host: string) {
          let pool = pools.get(host);
          if (!pool) { pool = postgres(\`postgres://\${host}/app\`); pools.set(host, pool); }
          return pool;
        }
        function poolAt(host: string) {
          if (!pools.has(host)) pools.set(host, postgres(\`postgres://\${host}/app\`));
          return pools.get(host);
        }
        export default {
          async fetch(request: Request, env: Env) {
            poolFor(env.PG_HOST);
            poolAt(env.PG_HOST);
            return new Response("ok");
          },
        };
      `,
      errors: [
        { messageId: "addedToCollection", line: 5 },
        { messageId: "addedToCollection", line: 9 },
      ],
    },
    {
      // why: a factory whose parameter is typed \`Env\` builds from env whatever a call of the file hands it
      // that the trace cannot see into (\`makeDb(e)\` of an untyped parameter)
      code: code`
        import { drizzle } from "drizzle-orm/d1";
        export function makeDb(env: Env) {
          return drizzle(env.DB);
        }
        let db: unknown;
        export function init(e: any) {
          db = makeDb(e);
        }
      `,
      errors: [stored("db", "env.DB", "binding", 7, 3)],
    },
    {
      // why: a property of an object literal handed through a parameter keeps its own value, also through
      // a function that hands its parameter on whole: \`fallback\` (a constant) is not \`env.R2\` beside it,
      // and \`bucket\` still is
      code: code`
        const queue = [];
        class Router {
          constructor(config) {
            queue.push({ fallback: config.fallback });
            queue.push({ bucket: config.bucket });
          }
        }
        const make = (env) => new Router({ bucket: env.R2, fallback: true });
        const create = (config) => new Router(config);
        export default { async fetch(request, env) { make(env); create({ bucket: env.R2, fallback: true }); return new Response("ok"); } };
      `,
      errors: [added("queue", "env.R2", "value", 5, 5)],
    },
    {
      // why: an instance a factory of the file makes at the top (\`createRouter()\` returning \`new Router()\`) is module-scope, as \`new Router()\` there
      code: code`
        class Router {
          config = null;
          configure(options) { this.config = options; return this; }
        }
        const createRouter = () => new Router();
        const router = createRouter();
        export default {
          async fetch(request, env) {
            const own = createRouter().configure({ key: env.KEY });
            return new Response(String(!!router.configure({ key: env.KEY }).config && !!own));
          },
        };
      `,
      errors: [stored("\`this.config\` of instance \`router\`", "env.KEY", "value", 3, 24, "module-instance")],
    },
    {
      // why: \`console\` is one object for the isolate: a method patched there with a closure over env is called by every later request
      code: code`
        export default {
          async fetch(request, env) {
            const original = console.log;
            console.log = (...args) => { original(...args); void env.LOGS.put("last", args.join(" ")); };
            try {
              return new Response("ok");
            } finally {
              console.log = original;
            }
          },
          async scheduled(controller, env) {
            console.warn = () => {};
          },
        };
      `,
      errors: [stored("console.log", "a closure over \`env\`", "closure", 4, 5, "global")],
    },
    {
      // why: a module list grown by its own \`concat\` with a var's text holds text, as when it is given that text alone
      code: code`
        let hosts = [];
        let allow = ["example.com"];
        export default {
          async fetch(request, env) {
            hosts = env.ALLOW_HOSTS.split(",");
            allow = allow.concat(env.ALLOW_HOSTS.split(","));
            return new Response(hosts.join(",") + allow.join(","));
          },
        };
      `,
      errors: [stored("hosts", "env.ALLOW_HOSTS", "secret", 5, 5), stored("allow", "env.ALLOW_HOSTS", "secret", 6, 5)],
    },
    {
      // why: a lazy singleton built inside a \`try\` of its guard is still built once
      code: code`
        let limits: Record<string, number> | null = null;
        function limitsOf(env: { LIMITS_JSON: string }) {
          if (limits === null) {
            try {
              limits = JSON.parse(env.LIMITS_JSON);
            } catch {
              limits = {};
            }
          }
          return limits;
        }
        export default { async fetch(request: Request, env: { LIMITS_JSON: string }) { return Response.json(limitsOf(env)); } };
      `,
      errors: [lazy("limits", "env.LIMITS_JSON", "value", 5, 7)],
    },
    {
      // why: deleted only after an await, the entry is there for other requests meanwhile
      code: code`
        const open = new Map();
        export default {
          async fetch(request, env) {
            const entry = open.get("load");
            entry.key = env.API_KEY;
            await fetch("https://example.com");
            open.delete("load");
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "storedInModuleScope", line: 5 }],
    },
    {
      // why: an entry under a var holding a client built from another secret: rotating the secret
      // spells no new key, and the old client stays (one from the var itself is its own)
      code: code`
        import Stripe from "stripe";
        const byStage = new Map();
        const byUrl = new Map();
        export default {
          async fetch(request, env) {
            let stripe = byStage.get(env.STAGE);
            if (!stripe) {
              stripe = new Stripe(env.STRIPE_SECRET_KEY);
              byStage.set(env.STAGE, stripe);
            }
            byUrl.set(env.API_URL, new Stripe(env.API_URL));
            // (nor is one built from env whole, which holds every other secret too)
            byUrl.set(\`pay-\${env.MERCHANT_ID}\`, new PayClient(env));
            return new Response("ok");
          },
        };
        class PayClient { constructor(env) { this.env = env; } }
      `,
      errors: [{ messageId: "addedToCollection", line: 9 }, { messageId: "addedToCollection", line: 13 }],
    },
    {
      // why: the branch a test that holds only on Workers takes runs on Workers
      code: code`
        let cached;
        export default {
          async fetch(request, env) {
            if (typeof WebSocketPair !== "undefined" && !cached) cached = env.API_KEY;
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "lazySingleton", line: 4 }],
    },
    {
      // why: an instance made empty holds nothing yet: what a method later puts in it is that method's store, not the lazy one's
      code: code`
        class Database {
          d1?: D1Database;
          init(d1: D1Database) { this.d1 = d1; }
        }
        let db: Database | undefined;
        export function getDb() {
          return (db ??= new Database());
        }
      `,
      errors: [{ messageId: "storedInModuleScope", line: 3 }],
    },
    {
      // why: a class whose constructor reads the imported env itself: its instance, kept lazily, holds that binding
      code: code`
        import { env } from "cloudflare:workers";
        class Layer {
          constructor() { this.kv = env.CACHE; }
          get(k) { return this.kv.get(k); }
        }
        let instance = null;
        export default {
          async fetch(request) {
            instance ??= new Layer();
            return new Response(await instance.get("a"));
          },
        };
      `,
      errors: [lazy("instance", "env.CACHE", "client", 9, 5)],
    },
    {
      // why: a lazy singleton also when other steps stand between the guard that returns it and the store
      code: code`
        let client = null;
        export function getClient(env) {
          if (client) return client;
          const url = env.API_URL;
          const key = env.API_KEY;
          if (!url || !key) throw new Error("missing");
          const options = { url, key, retries: 3 };
          client = makeClient(options);
          return client;
        }
      `,
      errors: [lazy("client", "env.API_KEY", "client", 8, 3)],
    },
    {
      // why: a local configured with a closure over env (an MCP server's tool, a handler) and then kept keeps that closure
      code: code`
        import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
        let shared;
        export default {
          async fetch(request, env) {
            if (!shared) {
              const server = new McpServer({ name: "x", version: "1" });
              server.registerTool("whoami", {}, async () => ({ content: [{ type: "text", text: await env.KV.get("me") }] }));
              shared = server;
            }
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("shared", "a closure over `env`", "closure", 8, 7)],
    },
    {
      // why: a test through \`&&\` runs the block once (\`!cfg\`), never when the input changes;
      // an object holding a connection beside an HTTP client holds a connection; a method of a
      // package's instance (\`new Mailgun(FormData).client(…)\`) makes that package's client
      code: code`
        import OpenAI from "openai";
        import postgres from "postgres";
        import Mailgun from "mailgun.js";
        let cfg;
        let services;
        let mg;
        export function get(env) {
          const raw = env.SIGNING_KEY;
          if (!cfg && cfg?.raw !== raw) cfg = { raw, parts: raw.split(",") };
          services ??= { ai: new OpenAI({ apiKey: env.OPENAI_API_KEY }), sql: postgres(env.HYPERDRIVE.connectionString) };
          mg ??= new Mailgun(FormData).client({ username: "api", key: env.MAILGUN_API_KEY });
          return [cfg, services, mg];
        }
      `,
      errors: [
        lazy("cfg", "env.SIGNING_KEY", "value", 9, 33),
        lazy("services", "env.OPENAI_API_KEY", "socket", 10, 3),
        lazy("mg", "env.MAILGUN_API_KEY", "http", 11, 3),
      ],
    },
    {
      // why: a class built on a package's client hands it the secret through \`super(…)\`: the
      // instance it keeps of itself is that client
      code: code`
        import OpenAI from "openai";
        import { PrismaClient } from "@prisma/client/edge";
        export class Ai extends OpenAI {
          static current = null;
          constructor(env) {
            super({ apiKey: env.OPENAI_API_KEY });
            Ai.current = this;
          }
        }
        let shared = null;
        export class Db extends PrismaClient {
          constructor(env) {
            super({ datasourceUrl: env.DATABASE_URL });
            shared = this;
          }
        }
      `,
      errors: [stored("Ai.current", "env.OPENAI_API_KEY", "http", 7, 5, "static"), stored("shared", "env.DATABASE_URL", "http", 14, 5)],
    },
    {
      // why: mongoose's connection is a socket; an object around HTTP clients (a member of one
      // too) keeps their secrets, no connection
      code: code`
        import mongoose from "mongoose";
        import { Octokit } from "@octokit/rest";
        let conn;
        let cfg;
        export default {
          async fetch(request, env) {
            if (!conn) conn = await mongoose.connect(env.MONGODB_URI);
            if (!cfg) cfg = { chat: makeChat({ token: env.CHAT_TOKEN }), gh: new Octokit({ auth: env.GH_TOKEN }).rest };
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("conn", "env.MONGODB_URI", "socket", 7, 16), lazy("cfg", "env.CHAT_TOKEN", "http", 8, 15)],
    },
    {
      // why: a bot framework's bot calls its platform's API with the token: an HTTP client
      code: code`
        import { Bot } from "grammy";
        let bot;
        export const onRequestPost = async (context) => {
          if (!bot) bot = new Bot(context.env.BOT_TOKEN);
          return new Response("ok");
        };
      `,
      errors: [lazy("bot", "context.env.BOT_TOKEN", "http", 4, 13)],
    },
    {
      // why: a secret's bytes (\`TextEncoder\`'s) kept with no check are the secret, not a client
      code: code`
        let bytes;
        const enc = new TextEncoder();
        let again;
        export default {
          async fetch(request, env) {
            bytes ??= new TextEncoder().encode(env.SIGNING_KEY);
            again = enc.encode(env.SIGNING_KEY);
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("bytes", "env.SIGNING_KEY", "secret", 6, 5), stored("again", "env.SIGNING_KEY", "secret", 7, 5)],
    },
    {
      // why: a function bound with no argument ahead (\`keep.bind(null)\`, \`obj.m.bind(obj)\`) is that
      // function, called with the same arguments
      code: code`
        let kept; let kept2; let kept3;
        function keep(v) { kept = v; }
        const obj = { m(v) { kept3 = v; } };
        function keep2(v) { kept2 = v; }
        export default {
          async fetch(req, env) {
            const k = keep.bind(null); k(env.BUCKET);
            keep2.bind(null)(env.DB);
            const m = obj.m.bind(obj); m(env.KEY);
            return new Response("");
          },
        };
      `,
      errors: [stored("kept", "env.BUCKET", "value", 2, 20), stored("kept3", "env.KEY", "value", 3, 22), stored("kept2", "env.DB", "value", 4, 21)],
    },
    {
      // why: what the language's own methods make of a var or secret (a flag a literal array
      // tests, an array a module list concatenates, a string sliced out of a digest) is a value of
      // it, not a client holding a connection
      code: code`
        let debug = false;
        let hosts = ["a.example.com"];
        let id;
        async function digest(s) {
          const b = await crypto.subtle.digest("MD5", new TextEncoder().encode(s));
          return [...new Uint8Array(b)].map((x) => x.toString(16)).join("");
        }
        export default {
          async fetch(request, env) {
            debug = ["1", "true"].includes(env.DEBUG) || debug;
            hosts = [...new Set(hosts.concat(env.EXTRA_HOSTS.split(",")))];
            const h = await digest(env.PASSWORD);
            id = [h.slice(0, 8), h.slice(8)].join("-");
            return new Response("ok");
          },
        };
      `,
      errors: [stored("debug", "env.DEBUG", "secret", 10, 5), stored("hosts", "env.EXTRA_HOSTS", "secret", 11, 5), stored("id", "env.PASSWORD", "secret", 13, 5)],
    },
    {
      // why: a singleton configured by its method in the block that makes it is configured once,
      // with what the first request handed (awaited too)
      code: code`
        import { Client } from "some-sdk";
        let client;
        let db;
        export default {
          async fetch(request, env) {
            if (!client) {
              client = new Client();
              client.setToken(env.TOKEN);
            }
            if (db === undefined) {
              db = new Client();
              await db.connect(env.DATABASE_URL);
            }
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("client", "env.TOKEN", "client", 8, 7), lazy("db", "env.DATABASE_URL", "client", 12, 13)],
    },
    {
      // why: a local configured by its method and then kept as the singleton holds what it was configured with
      code: code`
        import { Client } from "some-sdk";
        let client;
        const byTenant = new Map();
        export default {
          async fetch(request, env) {
            if (!client) {
              const c = new Client();
              c.setToken(env.API_TOKEN);
              client = c;
            }
            const t = new Client();
            await t.connect(env.TENANT_URL);
            byTenant.set(request.url, t);
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("client", "env.API_TOKEN", "client", 9, 7), added("`byTenant`", "env.TENANT_URL", "client", 13, 5)],
    },
    {
      // why: a chain of configuring methods configures its first receiver, whichever link hands env; a
      // local a factory call makes is configured as one \`new\` makes (\`use…\` names configure too)
      code: code`
        import { Client, createClient } from "some-sdk";
        let a;
        let b;
        let c;
        export default {
          async fetch(request, env) {
            const local = new Client();
            local.setRegion("eu").setToken(env.A_TOKEN);
            a ??= local;
            if (!b) { b = new Client(); b.setRegion("eu").setToken(env.B_TOKEN); }
            const made = createClient();
            made.useCredentials(env.C_TOKEN);
            c = made;
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("a", "env.A_TOKEN", "client", 9, 5), lazy("b", "env.B_TOKEN", "client", 10, 33), stored("c", "env.C_TOKEN", "client", 13, 5)],
    },
    {
      // why: a local alias of the object configures the same object (\`const d = c; d.setToken(…)\`)
      code: code`
        import { Client } from "some-sdk";
        let client;
        export default {
          async fetch(request, env) {
            const c = new Client();
            const d = c;
            d.setToken(env.TOKEN);
            client = c;
            return new Response("ok");
          },
        };
      `,
      errors: [stored("client", "env.TOKEN", "client", 8, 5)],
    },
    {
      // why: the same once-configured singleton on a module object, a class static, behind a guard
      // that returns it, chained on, in a try or a nested if of the block, or under a flag the block sets
      code: code`
        import { Client } from "some-sdk";
        const clients = {};
        let a; let b; let c; let d; let ready = false;
        class Holder { static client; }
        function getA(env) {
          if (a) return a;
          a = new Client();
          a.setToken(env.A).setRegion("eu");
          return a;
        }
        export default {
          async fetch(request, env) {
            if (!clients.api) { clients.api = new Client(); clients.api.setToken(env.API); }
            if (!Holder.client) { Holder.client = new Client(); Holder.client.configure({ key: env.HOLDER }); }
            if (!b) { b = new Client(); try { await b.connect(env.B_URL); } catch { b = undefined; } }
            if (!c) { c = new Client(); if (env.C) c.setToken(env.C); }
            if (!ready) { d = new Client(); d.init({ apiKey: env.D }); ready = true; }
            return Response.json(getA(env));
          },
        };
      `,
      errors: [
        lazy("a", "env.A", "client", 8, 3),
        lazy("clients.api", "env.API", "client", 13, 53),
        lazy("Holder.client", "env.HOLDER", "client", 14, 57),
        lazy("b", "env.B_URL", "client", 15, 45),
        lazy("c", "env.C", "client", 16, 44),
        lazy("d", "env.D", "client", 17, 37),
      ],
    },
    {
      // why: a method of an object literal nested in a module constant is a function of the file
      code: code`
        let resendKey;
        const services = { mail: { configure(key) { resendKey = key; } } };
        export default {
          async fetch(request, env) {
            services.mail.configure(env.RESEND_API_KEY);
            return new Response("ok");
          },
        };
      `,
      errors: [stored("resendKey", "env.RESEND_API_KEY", "value", 2, 45)],
    },
    {
      // why: a method \`Object.assign\` gives a module function (\`notify.setup\`) is a function of the file
      code: code`
        let topic = "";
        const notify = Object.assign(async (text) => fetch("https://ntfy.sh/" + topic, { method: "POST", body: text }), {
          setup(t) { topic = t; },
        });
        export default {
          async fetch(request, env) {
            notify.setup(env.NTFY_TOPIC);
            return new Response("ok");
          },
        };
      `,
      errors: [stored("topic", "env.NTFY_TOPIC", "value", 3, 14)],
    },
    {
      // why: a rest parameter of a helper of the file is handed every argument from its position on
      code: code`
        const seen = [];
        function remember(label, ...vals) { seen.push(...vals); }
        export default {
          async fetch(request, env) {
            remember("keys", env.JWT_SECRET);
            return new Response("ok");
          },
        };
      `,
      errors: [added("seen", "env.JWT_SECRET", "value", 2, 37)],
    },
    {
      // why: a class that keeps its one instance in a static member (a singleton getter, a static
      // field) lives as long as the module, and so does what its methods write on \`this\`
      code: code`
        class Registry {
          static shared;
          entries = new Map();
          static get() {
            if (!Registry.shared) Registry.shared = new Registry();
            return Registry.shared;
          }
          provide(name, make) { this.entries.set(name, make); }
        }
        class Settings {
          static one = new Settings();
          static current() { return this.one; }
          use(token) { this.token = token; }
        }
        const registry = Registry.get();
        export default {
          async fetch(request, env) {
            const db = env.DB;
            registry.provide("db", () => db);
            Settings.current().use(env.API_TOKEN);
            return new Response("ok");
          },
        };
      `,
      errors: [
        added("`this.entries` of instance `Registry.shared`", "a closure over `env.DB`", "closure", 8, 25),
        stored("`this.token` of instance `Settings.one`", "env.API_TOKEN", "value", 13, 16),
      ],
    },
    {
      // why: an instance of a class of the file that keeps the env object it is handed holds that
      // request's bindings (not a client of unknown kind); one handed one binding keeps that binding
      code: code`
        class Gallery {
          constructor(env) { this.env = env; this.db = env.PHOTOS_DB; }
        }
        class Photos {
          constructor(private readonly bindings) {}
        }
        let gallery; let photos;
        export default {
          async fetch(request, env) {
            gallery ??= new Gallery(env);
            photos ??= new Photos(env);
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("gallery", "env", "env", 10, 5), lazy("photos", "env", "env", 11, 5)],
    },
    {
      // why: a list of such instances holds the same, one or made by a \`map\`
      code: code`
        class Gallery {
          constructor(env, id) { this.env = env; this.id = id; }
        }
        let one = []; let many = [];
        export default {
          async fetch(request, env) {
            one = [new Gallery(env, "main")];
            many = ["a", "b"].map((id) => new Gallery(env, id));
            return new Response("ok");
          },
        };
      `,
      errors: [stored("one", "env", "env", 7, 5), stored("many", "env", "env", 8, 5)],
    },
    {
      // why: mapped from secrets read off env, the list still holds what the callback makes: instances keeping env whole
      code: code`
        class Gallery {
          constructor(env, key) { this.env = env; this.key = key; }
        }
        let many = [];
        export default {
          async fetch(request, env) {
            const keys = [];
            for (const name in env) keys.push(String(env[name]));
            many = keys.map((key) => new Gallery(env, key));
            return new Response("ok");
          },
        };
      `,
      errors: [stored("many", "env", "env", 9, 5)],
    },
    {
      // why: a bot framework's handler registrations keep the handler on the module's bot, as \`on\` does
      code: code`
        import { Bot } from "grammy";
        const bot = new Bot("123:token");
        export default {
          async fetch(request, env) {
            bot.command("hello", (ctx) => ctx.reply(env.GREETING));
            bot.hears(/ping/, (ctx) => ctx.reply(env.PONG));
            return new Response("ok");
          },
        };
      `,
      errors: [added("bot", "a closure over `env`", "closure", 5, 5), added("bot", "a closure over `env`", "closure", 6, 5)],
    },
    {
      // why: a method of the instance a getter of the file fills lazily and returns (\`getRegistry().register(…)\`) writes that module instance
      code: code`
        class Registry {
          providers = new Map();
          register(p) { this.providers.set(p.id, p); }
        }
        let instance = null;
        function getRegistry() {
          if (!instance) instance = new Registry();
          return instance;
        }
        export default {
          async fetch(request, env) {
            getRegistry().register({ id: "openai", key: env.OPENAI_KEY });
            return new Response("ok");
          },
        };
      `,
      errors: [added("`this.providers` of instance `instance`", "env.OPENAI_KEY", "value", 3, 17)],
    },
    {
      // why: a var kept beside data fetched with a secret header is still that var (the upstream's answer does not hide it)
      code: code`
        let configCache = { data: null, expiresAt: 0 };
        async function getConfig(hostname, env) {
          if (configCache.data && configCache.expiresAt > Date.now()) return configCache.data;
          const res = await fetch(env.API_BASE + "/config?host=" + hostname, { headers: { "x-api-key": env.WORKER_API_KEY } });
          const data = await res.json();
          configCache = { data: { zoneId: data.zoneId, paymentAddress: env.PAYMENT_ADDRESS }, expiresAt: Date.now() + 300000 };
          return configCache.data;
        }
        export default { async fetch(request, env) { return Response.json(await getConfig(new URL(request.url).hostname, env)); } };
      `,
      errors: [stored("configCache", "env.PAYMENT_ADDRESS", "value", 6, 3)],
    },
    {
      // why: a Hono context variable named for env, set by another module's middleware (\`c.get("env")\`), is the app's env
      code: code`
        import { Hono } from "hono";
        const app = new Hono();
        const clients = new Map();
        app.post("/pay", async (c) => {
          const env = c.get("env");
          clients.set("pay", { key: env.PAY_KEY });
          return c.json({ ok: true });
        });
        export default app;
      `,
      errors: [added("clients", 'c.get("env").PAY_KEY', "value", 6, 3)],
    },
    {
      // why: a parameter typed with the file's own alias or interface holding env (\`Context & { env: Env }\`,
      // \`interface BotContext extends Context { env: Env }\`) is a context around env
      code: code`
        import type { Context } from "grammy";
        interface Env { SESSIONS: KVNamespace }
        type BotContext = Context & { env: Env };
        interface OtherContext extends Context { env: Env }
        let kv = null;
        let other = null;
        export async function stars(ctx: BotContext) {
          if (!kv) kv = ctx.env.SESSIONS;
        }
        export async function more(ctx: OtherContext) {
          if (!other) other = ctx.env.SESSIONS;
        }
      `,
      errors: [lazy("kv", "ctx.env.SESSIONS", "value", 8, 12), lazy("other", "ctx.env.SESSIONS", "value", 11, 15)],
    },
    {
      // why: the promise of a method that says it returns one (\`fetchToken(): Promise<Token>\`), kept in a static while it runs and
      // cleared in its \`finally\`, is a single flight other requests wait on, not a singleton built once
      code: code`
        import { withRetry } from "./retry";
        class Tokens {
          private static inFlight: Promise<string> | null = null;
          constructor(private readonly env: Env) {}
          private fetchToken(): Promise<string> {
            return withRetry(async () => (await fetch("https://idp.example.com", { body: this.env.CLIENT_SECRET })).text());
          }
          get(): Promise<string> {
            if (!Tokens.inFlight) {
              Tokens.inFlight = this.fetchToken().finally(() => {
                Tokens.inFlight = null;
              });
            }
            return Tokens.inFlight;
          }
        }
        export default { async fetch(request: Request, env: Env) { return new Response(await new Tokens(env).get()); } };
      `,
      errors: [stored("Tokens.inFlight", "a closure over `this`", "pending", 10, 7)],
    },
    {
      // why: an MCP server's tools, resources and prompts are its handlers: registered on the module's server
      // (also built lazily), they keep the first request's env; handed no function, nothing is registered
      code: code`
        import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
        const server = new McpServer({ name: "s", version: "1" });
        let lazy;
        export default {
          async fetch(request, env) {
            server.tool("list", "lists", {}, async () => ({ content: [{ type: "text", text: env.GREETING }] }));
            server.registerPrompt("p", { title: env.TITLE });
            if (!lazy) {
              lazy = new McpServer({ name: "l", version: "1" });
              lazy.registerResource("r", "mem://r", {}, async () => ({ contents: [{ uri: env.BASE_URL, text: "" }] }));
            }
            return new Response("ok");
          },
        };
      `,
      errors: [added("server", "a closure over `env`", "closure", 6, 5), added("lazy", "a closure over `env`", "closure", 10, 7)],
    },
    {
      // why: a binding's name read off the env object validated or copied whole is that binding, named
      // as one (not \`env\` with the hazard of an unknown construction)
      code: code`
        import { z } from "zod";
        const Schema = z.object({ SESSION_SECRET: z.string() });
        let key; let db;
        export default {
          async fetch(request, env) {
            const cfg = Schema.parse(env);
            key = cfg.SESSION_SECRET;
            db = { ...env }.DB;
            return new Response("ok");
          },
        };
      `,
      errors: [stored("key", "env.SESSION_SECRET", "value", 7, 5), stored("db", "env.DB", "value", 8, 5)],
    },
    {
      // why: a spread of a list written out in the call, or in a const read only by spreads, hands its elements in order
      code: code`
        let token, key;
        function keep(label, value) { token = value; }
        function keepKey(label, value) { key = value; }
        export default {
          async fetch(request, env) {
            keep(...["jwt", env.JWT_SECRET]);
            const args = ["api", env.API_KEY];
            keepKey(...args);
            return new Response("ok");
          },
        };
      `,
      errors: [stored("token", "env.JWT_SECRET", "value", 2, 31), stored("key", "env.API_KEY", "value", 3, 34)],
    },
    // ----- sources: module worker handlers -----
    {
      // why: a listener handed to a factory's emitter is kept in the factory's list: one finding, there
      code: code`
        function createEmitter() {
          const handlers = [];
          return { on(h) { handlers.push(h); }, emit(x) { for (const h of handlers) h(x); } };
        }
        const bus = createEmitter();
        export default {
          async fetch(request, env) {
            bus.on((x) => console.log(x, env.API_TOKEN));
            return new Response("ok");
          },
        };
      `,
      errors: [added("`handlers` (closed over by `bus`)", "a closure over `env`", "closure", 3, 20)],
    },
    {
      // why: every call hands the helper the module's Map, so what it puts there is kept; so is a list read out of a module Map
      code: code`
        const cache = new Map();
        const groups = new Map([["admins", []]]);
        function put(m, k, v) { m.set(k, v); }
        export default {
          async fetch(request, env) {
            put(cache, "db", env.DB);
            const admins = groups.get("admins")!;
            admins.push(env.ADMIN_TOKEN);
            return new Response("ok");
          },
        };
      `,
      errors: [added("cache", "env.DB", "value", 3, 25, "object"), added("groups", "env.ADMIN_TOKEN", "value", 8, 5, "object")],
    },
    {
      // why: calls that hand the helper different module objects each have it write there: every place is kept
      code: code`
        export const ENV = { LANGUAGE: "en", USER: { PROMPT: "" } };
        function merge(target, source) {
          for (const key of Object.keys(target)) if (key in source) target[key] = source[key];
        }
        export default {
          async fetch(request, env) {
            merge(ENV, env);
            merge(ENV.USER, env);
            return new Response(ENV.USER.PROMPT);
          },
        };
      `,
      errors: [stored("`ENV[key]` or `ENV.USER[key]`", "env", "value", 3, 61)],
    },
    {
      // why: a closure the module made once keeps the factory's variables as long as the module
      code: code`
        function createCache() {
          const entries = new Map();
          return { get: (k) => entries.get(k), set(k, v) { entries.set(k, v); } };
        }
        function makeSetter() {
          let token;
          return (v) => { token = v; };
        }
        const cache = createCache();
        const setToken = makeSetter();
        export default {
          async fetch(request, env) {
            cache.set("db", env.DB);
            setToken(env.TOKEN);
            return new Response("ok");
          },
        };
      `,
      errors: [added("`entries` (closed over by `cache`)", "env.DB", "value", 3, 52), stored("`token` (closed over by `setToken`)", "env.TOKEN", "value", 7, 19)],
    },
    {
      // why: what a schema checks and gives back (\`schema.parse(env)\`) is a copy of env's values, not
      // a client built from them
      code: code`
        import { z } from "zod";
        const schema = z.object({ API_URL: z.string() });
        let config;
        export default {
          async fetch(request, env) {
            config ??= schema.parse(env);
            return new Response(config.API_URL);
          },
        };
      `,
      errors: [lazy("config", "env", "value", 6, 5)],
    },
    {
      // why: the promise of an async function that awaits a read through a binding (a migration run
      // once), also one called at once, and \`Promise.all\` of reads, are pending on that request's I/O
      code: code`
        let ready: Promise<void> | undefined;
        let warm: Promise<void> | undefined;
        let both: Promise<unknown> | undefined;
        async function migrate(db: D1Database) { await db.exec("CREATE TABLE IF NOT EXISTS t (id TEXT)"); }
        export default {
          async fetch(request: Request, env: Env) {
            ready ??= migrate(env.DB);
            warm ??= (async () => { await env.DB.exec("SELECT 1"); })();
            both ??= Promise.all([env.CACHE.get("a"), env.DB.prepare("SELECT 1").first()]);
            await Promise.all([ready, warm, both]);
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("ready", "env.DB", "pending", 7, 5), lazy("warm", "env.DB", "pending", 8, 5), lazy("both", "env.CACHE", "pending", 9, 5)],
    },
    {
      // why: an async function's promise is pending on the read its result is data of, also one it
      // awaits through another async function; awaited, it gives that data
      code: code`
        let ready: Promise<unknown> | undefined;
        let init: Promise<void> | null = null;
        let rows = 0;
        async function probe(env: Env) { return await env.DB.prepare("select 1").first(); }
        async function tables(db: D1Database) { return (await db.prepare("select name from sqlite_master").all()).results; }
        async function applySchema(env: Env) { const t = await tables(env.DB); if (!t.length) await env.DB.exec("create table t (id int)"); }
        export default {
          async fetch(request: Request, env: Env) {
            ready ??= probe(env);
            init ??= applySchema(env);
            const row = await probe(env);
            rows++;
            return Response.json(row);
          },
        };
      `,
      errors: [lazy("ready", "env.DB", "pending", 9, 5), lazy("init", "env.DB", "pending", 10, 5)],
    },
    {
      // why: a \`catch\` that forgets a failed promise still keeps the pending one until it settles
      code: code`
        let ready: Promise<unknown> | undefined;
        async function probe(env: Env) { return await env.DB.prepare("select 1").first(); }
        export default {
          async fetch(request: Request, env: Env) {
            ready ??= probe(env).catch((e) => { ready = undefined; throw e; });
            return Response.json(await ready);
          },
        };
      `,
      errors: [lazy("ready", "env.DB", "pending", 5, 5)],
    },
    {
      // why: the promise is pending on the read whatever it settles to: a handler closing over the
      // text read, also when a local takes it beside the module's own copy before it is kept (a lazy singleton: the local tested is the module's copy)
      code: code`
        let ready: Promise<() => Response> | undefined;
        let shared: Promise<() => Promise<Response>> | undefined;
        async function greeter(env: Env) {
          const text = (await env.SETTINGS.get("greeting")) ?? "hello";
          return () => new Response(text);
        }
        async function handler(env: Env) {
          const raw = await env.SETTINGS.get("greeting");
          return async () => new Response(raw ?? "hello");
        }
        function handlerFor(env: Env) {
          let pending = shared;
          if (!pending) {
            pending = handler(env);
            shared = pending;
          }
          return pending;
        }
        export default {
          async fetch(request: Request, env: Env) {
            ready ??= greeter(env);
            const handle = await handlerFor(env);
            return handle();
          },
        };
      `,
      errors: [lazy("shared", "env.SETTINGS", "pending", 15, 5), lazy("ready", "env.SETTINGS", "pending", 21, 5)],
    },
    {
      // why: an object an async helper gives is no promise: awaited, the session it holds is still
      // the session (not data read through the binding), also beside a method under a symbol
      code: code`
        let lastSession;
        let lastPair;
        async function openSession(db) {
          const session = db.withSession("first-primary");
          return { session, [Symbol.asyncDispose]: async () => console.log(session.getBookmark()) };
        }
        async function openPair(db) {
          const session = db.withSession("first-primary");
          return { session, other: () => session };
        }
        export default {
          async fetch(request, env) {
            await using s = await openSession(env.DB);
            lastSession = s.session;
            lastPair = await openPair(env.DB);
            return new Response("ok");
          },
        };
      `,
      errors: [stored("lastSession", "env.DB", "client", 14, 5), stored("lastPair", "env.DB", "client", 15, 5)],
    },
    {
      // why: a generator's iterator holds what it was handed until it is done, async or not; its
      // rows read and counted per request are not kept
      code: code`
        async function* paginate(db, table) {
          for (let offset = 0; ; offset += 100) {
            const { results } = await db.prepare(\`SELECT * FROM \${table} LIMIT 100 OFFSET ?\`).bind(offset).all();
            if (!results.length) return;
            yield results;
          }
        }
        let exporter;
        let rows = 0;
        export default {
          async fetch(request, env) {
            exporter ??= paginate(env.DB, "orders");
            for await (const page of paginate(env.DB, "users")) rows += page.length;
            return Response.json((await exporter.next()).value ?? []);
          },
        };
      `,
      errors: [lazy("exporter", "env.DB", "value", 12, 5)],
    },
    {
      // why: a proxy over the handler's env is that env, kept
      code: code`
        let bindings;
        export default {
          async fetch(request, env) {
            bindings ??= new Proxy(env, { get: (target, key) => Reflect.get(target, key) });
            return new Response(await bindings.KV.get("k"));
          },
        };
      `,
      errors: [lazy("bindings", "env", "env", 4, 5)],
    },
    {
      // why: a factory's closure the default export keeps lives as long as the module
      code: code`
        import { Hono } from "hono";
        function makeApp() {
          const app = new Hono();
          let store;
          app.use("*", async (c, next) => {
            if (!store) store = { ns: c.env.NOTES_KV };
            await next();
          });
          return app;
        }
        export default makeApp();
      `,
      errors: [lazy("`store` (closed over by the default export)", "c.env.NOTES_KV", "value", 6, 17)],
    },
    {
      // why: a read whose name is computed, cast to a binding type, is that kind of binding
      code: code`
        let kv;
        export default {
          async fetch(request, env) {
            const name = "NOTES";
            kv ??= env[name + "_KV"] as KVNamespace;
            return new Response(await kv.get("k"));
          },
        };
      `,
      errors: [{ messageId: "lazySingleton", data: { target: "`kv`", origin: "`env[…]`", hazard: "it keeps the KV namespace binding of the deploy that stored it" }, line: 5, column: 5 }],
    },
    {
      // why: \`Reflect.get(env, "KEY")\` reads that binding, as \`env.KEY\` does
      code: code`
        let apiKey;
        export default {
          async fetch(request, env) {
            apiKey ??= Reflect.get(env, "GEO_API_KEY");
            return new Response(apiKey);
          },
        };
      `,
      errors: [lazy("apiKey", "env.GEO_API_KEY", "value", 4, 5)],
    },
    {
      // why: a target written through an assignment keeps its parentheses in the message
      code: code`
        import Stripe from "stripe";
        const cache = {};
        export default {
          async fetch(request, env) {
            (cache.clients ??= {}).stripe ??= new Stripe(env.STRIPE_SECRET_KEY);
            return Response.json(await cache.clients.stripe.balance.retrieve());
          },
        };
      `,
      errors: [lazy("(cache.clients ??= {}).stripe", "env.STRIPE_SECRET_KEY", "http", 5, 5)],
    },
    {
      // why: a method called on the one instance a static field keeps writes that instance
      code: code`
        class Registry {
          static shared = new Registry();
          services = new Map();
          register(name, url) { this.services.set(name, url); }
        }
        export default {
          async fetch(request, env) {
            Registry.shared.register("payments", env.PAYMENTS_URL);
            return new Response("ok");
          },
        };
      `,
      errors: [added("`this.services` of instance `Registry.shared`", "env.PAYMENTS_URL", "value", 4, 25)],
    },
    {
      // why: a cache rebuilt when it is older than its age limit is no singleton built once
      code: code`
        let cached = null;
        let at = 0;
        export default {
          async fetch(request, env) {
            const now = Date.now();
            if (cached && now - at < 60000) return Response.json(cached);
            cached = { id: env.PAYPAL_CLIENT_ID };
            at = now;
            return Response.json(cached);
          },
        };
      `,
      errors: [stored("cached", "env.PAYPAL_CLIENT_ID", "value", 7, 5)],
    },
    {
      // why: a single flight, emptied in its \`finally\`, is kept only while it runs: not built once
      code: code`
        let refreshing = null;
        async function refresh(env) { return (await env.TOKENS.get("access")) ?? "none"; }
        export async function accessToken(env) {
          if (refreshing) return refreshing;
          const p = refresh(env).finally(() => { if (refreshing === p) refreshing = null; });
          refreshing = p;
          return p;
        }
      `,
      errors: [stored("refreshing", "env.TOKENS", "pending", 6, 3)],
    },
    {
      // why: a helper of the file handed the whole context builds from what it reads of env there
      // (`c.env.DB`, a template of `c.env.API_TOKEN`), not from the context's request
      code: code`
        import { Hono, type Context } from "hono";
        import { drizzle } from "drizzle-orm/d1";
        let db: ReturnType<typeof drizzle> | undefined;
        let auth = "";
        const getDb = (c: Context<{ Bindings: Env }>) => (db ??= drizzle(c.env.DB));
        function authorize(c: Context) { auth = \`Bearer \${c.env.API_TOKEN}\`; }
        const app = new Hono<{ Bindings: Env }>();
        app.get("/", async (c) => { authorize(c); return c.json(!!getDb(c)); });
        export default app;
      `,
      errors: [lazy("db", "c.env.DB", "binding", 5, 51), stored("auth", "c.env.API_TOKEN", "secret", 6, 34)],
    },
    {
      // why: a function expression called once at module evaluation keeps its lazy client whatever its parameter is named
      code: code`
        import postgres from "postgres";
        const getSql = (() => {
          let sql;
          return (url) => (sql ??= postgres(url));
        })();
        export default {
          async fetch(request, env) {
            return Response.json(await getSql(env.HYPERDRIVE.connectionString)\`select 1\`);
          },
        };
      `,
      errors: [lazy("sql", "env.HYPERDRIVE.connectionString", "socket", 4, 20)],
    },
    {
      // why: the classic lazy drizzle singleton
      code: code`
        let db;
        export default {
          async fetch(request, env) {
            db ??= drizzle(env.DB);
            return Response.json(await db.select());
          },
        };
      `,
      errors: [lazy("db", "env.DB", "client", 4, 5)],
    },
    {
      // why: env is the second parameter under any name
      code: code`
        let db;
        export default {
          async fetch(req, e) {
            db = drizzle(e.DB);
          },
        };
      `,
      errors: [stored("db", "e.DB", "client", 4, 5)],
    },
    {
      // why: destructured env parameter
      code: code`
        let key;
        export default {
          async fetch(request, { DB, API_KEY }) {
            key = API_KEY;
          },
        };
      `,
      errors: [stored("key", "env.API_KEY", "value", 4, 5)],
    },
    {
      // why: destructured and renamed
      code: code`
        let key;
        export default {
          async fetch(request, { API_KEY: apiKey }) {
            key = apiKey;
          },
        };
      `,
      errors: [stored("key", "env.API_KEY", "value", 4, 5)],
    },
    {
      // why: arrow-function property
      code: code`
        let client;
        export default {
          fetch: async (request, env) => {
            client = new OpenAI({ apiKey: env.OPENAI_API_KEY });
            return new Response("ok");
          },
        };
      `,
      errors: [stored("client", "env.OPENAI_API_KEY", "client", 4, 5)],
    },
    {
      // why: function-expression property
      code: code`
        let client;
        export default {
          fetch: async function (request, env) {
            client = new OpenAI({ apiKey: env.OPENAI_API_KEY });
          },
        };
      `,
      errors: [stored("client", "env.OPENAI_API_KEY", "client", 4, 5)],
    },
    {
      // why: `satisfies ExportedHandler<Env>` is unwrapped
      code: code`
        let stripe: Stripe | undefined;
        export default {
          async fetch(request, env) {
            stripe ??= new Stripe(env.STRIPE_KEY);
            return new Response("ok");
          },
        } satisfies ExportedHandler<Env>;
      `,
      errors: [lazy("stripe", "env.STRIPE_KEY", "client", 4, 5)],
    },
    {
      // why: a named object exported later
      code: code`
        let pool;
        const worker = {
          async fetch(request, ctxEnv) {
            pool = new Pool({ connectionString: ctxEnv.HYPERDRIVE.connectionString });
          },
        };
        export default worker;
      `,
      errors: [stored("pool", "ctxEnv.HYPERDRIVE.connectionString", "client", 4, 5)],
    },
    {
      // why: `export { worker as default }`
      code: code`
        let pool;
        const worker = {
          async fetch(request, env) {
            pool = new Pool(env.DATABASE_URL);
          },
        };
        export { worker as default };
      `,
      errors: [stored("pool", "env.DATABASE_URL", "client", 4, 5)],
    },
    {
      // why: a handler referenced by name
      code: code`
        let token;
        async function handleFetch(request, bindings) {
          token = bindings.TOKEN;
          return new Response("ok");
        }
        export default { fetch: handleFetch };
      `,
      errors: [stored("token", "bindings.TOKEN", "value", 3, 3)],
    },
    {
      // why: scheduled handlers receive env second
      code: code`
        let lastRunKey;
        export default {
          async scheduled(controller, env, ctx) {
            lastRunKey = env.RUN_KEY;
          },
        };
      `,
      errors: [stored("lastRunKey", "env.RUN_KEY", "value", 4, 5)],
    },
    {
      // why: queue handlers receive env second
      code: code`
        const producers = [];
        export default {
          async queue(batch, env) {
            producers.push(env.OUTPUT_QUEUE);
          },
        };
      `,
      errors: [added("producers", "env.OUTPUT_QUEUE", "value", 4, 5, "object")],
    },
    {
      // why: email and tail handlers too
      code: code`
        let mailer;
        let sink;
        export default {
          async email(message, env, ctx) { mailer = new Mailer(env.SMTP_PASSWORD); },
          async tail(events, env) { sink = env.LOGS; },
        };
      `,
      errors: [stored("mailer", "env.SMTP_PASSWORD", "client", 4, 36), stored("sink", "env.LOGS", "value", 5, 29)],
    },
    {
      // why: a typed ExportedHandler object that is not the default export directly
      code: code`
        let secret: string;
        const handler: ExportedHandler<Env> = {
          async fetch(request, env) {
            secret = env.SECRET;
            return new Response("ok");
          },
        };
        export default handler;
      `,
      errors: [stored("secret", "env.SECRET", "value", 4, 5)],
    },
    // ----- sources: classes -----
    {
      // why: `this.env` of a Durable Object stored in module scope
      code: code`
        import { DurableObject } from "cloudflare:workers";
        let shared;
        export class Room extends DurableObject {
          async fetch(request) {
            shared = this.env.SECRET;
            return new Response("ok");
          }
        }
      `,
      errors: [stored("shared", "this.env.SECRET", "value", 5, 5)],
    },
    {
      // why: the Durable Object constructor's second parameter
      code: code`
        import { DurableObject } from "cloudflare:workers";
        let client;
        export class Room extends DurableObject {
          constructor(ctx, env) {
            super(ctx, env);
            client = new Client(env.KEY);
          }
        }
      `,
      errors: [stored("client", "env.KEY", "client", 6, 5)],
    },
    {
      // why: WorkerEntrypoint `this.env`
      code: code`
        import { WorkerEntrypoint } from "cloudflare:workers";
        let api;
        export default class Api extends WorkerEntrypoint {
          async add(a, b) {
            api ??= createClient(this.env.API_URL);
            return a + b;
          }
        }
      `,
      errors: [lazy("api", "this.env.API_URL", "client", 5, 5)],
    },
    {
      // why: WorkflowEntrypoint `this.env` kept in a module Map
      code: code`
        import { WorkflowEntrypoint } from "cloudflare:workers";
        const clients = new Map();
        export class Flow extends WorkflowEntrypoint {
          async run(event, step) {
            clients.set("ai", this.env.AI);
          }
        }
      `,
      errors: [added("clients", "this.env.AI", "value", 5, 5, "object")],
    },
    {
      // why: an Agent subclass of the agents SDK
      code: code`
        import { Agent } from "agents";
        let openai;
        export class Chat extends Agent {
          async onMessage(conn, message) {
            openai = new OpenAI({ apiKey: this.env.OPENAI_API_KEY });
          }
        }
      `,
      errors: [stored("openai", "this.env.OPENAI_API_KEY", "client", 5, 5)],
    },
    {
      // why: an arrow inside a Durable Object method still sees `this.env`
      code: code`
        import { DurableObject } from "cloudflare:workers";
        const listeners = [];
        export class Room extends DurableObject {
          async fetch() {
            listeners.push(() => this.env.WEBHOOK_URL);
            return new Response("ok");
          }
        }
      `,
      errors: [added("listeners", "a closure over `this`", "closure", 5, 5, "object")],
    },
    {
      // why: with no config, a string key says a KV or R2 read (left pending); \`getByName\` says a stub
      code: code`
        let page;
        const rooms = new Map();
        export default {
          async fetch(request, env) {
            page = env.PAGES.get(\`page:\${"home"}\`);
            rooms.set("lobby", env.ROOMS.getByName("lobby"));
            return new Response("ok");
          },
        };
      `,
      errors: [stored("page", "env.PAGES", "pending", 5, 5), added("rooms", "env.ROOMS", "stub", 6, 5)],
    },
    {
      // why: a read through a binding left pending is one request's promise, kept for others to
      // await; a Durable Object namespace's `get` of an id gives a stub at once, which one failed
      // call breaks for every later request
      code: code`
        let configPromise;
        let rows;
        let stub;
        export default {
          async fetch(request, env) {
            configPromise ??= env.KV.list({ prefix: "config:" });
            rows ??= env.DB.prepare("select * from plans").all();
            stub ??= env.ROOMS.get(env.ROOMS.idFromName("lobby"));
            return Response.json(await configPromise);
          },
        };
      `,
      errors: [lazy("configPromise", "env.KV", "pending", 6, 5), lazy("rows", "env.DB", "pending", 7, 5), lazy("stub", "env.ROOMS", "stub", 8, 5)],
    },
    {
      // why: a middleware or a handler a factory returns gets the context, typed or not, as one handed by name
      code: code`
        import { Hono } from "hono";
        let key;
        let last;
        const requireAuth = () => async (c, next) => { key ??= c.env.JWT_SECRET; await next(); };
        const handler = (name) => (c) => { last = c.env.API_KEY; return c.text(name); };
        const app = new Hono();
        app.use("*", requireAuth());
        app.get("/", handler("home"));
        export default app;
      `,
      errors: [lazy("key", "c.env.JWT_SECRET", "value", 4, 48), stored("last", "c.env.API_KEY", "value", 5, 36)],
    },
    {
      // why: a stub is named a stub where it is made, not only where it is stored: a local filled on a
      // miss, and what a function of the file returns; under \`env\` it still fails once a call throws
      code: code`
        const stubs = new Map();
        const byEnv = new WeakMap();
        let lobby;
        function roomStub(env) { return env.ROOMS.get(env.ROOMS.idFromName("lobby")); }
        export default {
          async fetch(request, env) {
            let stub = stubs.get("main");
            if (!stub) { stub = env.ROOMS.getByName("main"); stubs.set("main", stub); }
            let mine = byEnv.get(env);
            if (!mine) { mine = env.ROOMS.getByName("global"); byEnv.set(env, mine); }
            lobby ??= roomStub(env);
            return stub.fetch(request);
          },
        };
      `,
      errors: [added("stubs", "env.ROOMS", "stub", 8, 54), added("byEnv", "env.ROOMS", "stub", 10, 56), lazy("lobby", "env.ROOMS", "stub", 11, 5)],
    },
    {
      // why: an entry under an id made fresh for it is found only by whoever is handed that id (a
      // one-time code for a signed token); a stub kept there still fails in that later request
      code: code`
        const codes = new Map();
        const rooms = new Map();
        export default {
          async fetch(request, env) {
            const code = crypto.randomUUID();
            codes.set(code, { token: env.SIGNING_KEY + "." + request.url, expiresAt: Date.now() + 60000 });
            rooms.set(crypto.randomUUID(), env.ROOMS.getByName("lobby"));
            const stub = env.ROOMS.get(env.ROOMS.idFromName("a"));
            const list = async () => (await stub.fetch("https://do/list")).text();
            rooms.set(crypto.randomUUID(), { stub, last: Date.now() });
            rooms.set(crypto.randomUUID(), list);
            const text = "x";
            codes.set(crypto.randomUUID(), { text, last: Date.now(), read: () => stub.id });
            return new Response(code);
          },
        };
      `,
      errors: [added("rooms", "env.ROOMS", "stub", 7, 5), added("rooms", "env.ROOMS", "stub", 10, 5), added("rooms", "a closure over `env.ROOMS`", "stub", 11, 5), added("codes", "a closure over `env.ROOMS`", "stub", 13, 5)],
    },
    {
      // why: an in-memory cache package's instance at module level is a collection of the isolate,
      // as a Map is (a Redis or KV client's \`.set\` writes elsewhere and is not one)
      code: code`
        import { LRUCache } from "lru-cache";
        import QuickLRU from "quick-lru";
        import Stripe from "stripe";
        const clients = new LRUCache<string, Stripe>({ max: 10 });
        const tokens = new QuickLRU<string, string>({ maxSize: 10 });
        export default {
          async fetch(request, env) {
            clients.set("default", new Stripe(env.STRIPE_KEY));
            tokens.set("t", env.API_TOKEN);
            return new Response("ok");
          },
        };
      `,
      errors: [added("clients", "env.STRIPE_KEY", "http", 8, 5), added("tokens", "env.API_TOKEN", "value", 9, 5)],
    },
    {
      // why: a package's subpath export (\`@libsql/client/web\`) is the package's client
      code: code`
        import { createClient } from "@libsql/client/web";
        let db;
        export default {
          async fetch(request, env) {
            db ??= createClient({ url: env.TURSO_URL, authToken: env.TURSO_TOKEN });
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("db", "env.TURSO_TOKEN", "http", 5, 5)],
    },
    // ----- sources: helpers by parameter name or type -----
    {
      // why: a helper whose parameter is named env is checked without seeing its caller
      code: code`
        import { drizzle } from "drizzle-orm/d1";
        let db;
        export function getDb(env) {
          if (!db) db = drizzle(env.DB);
          return db;
        }
      `,
      errors: [lazy("db", "env.DB", "binding", 4, 12)],
    },
    {
      // why: a helper whose parameter is typed Env
      code: code`
        let client: Client;
        export function init(bindings: Env) {
          client = new Client(bindings.KEY);
        }
      `,
      errors: [stored("client", "bindings.KEY", "client", 3, 3)],
    },
    {
      // why: Bindings, CloudflareEnv and CloudflareBindings are env types too
      code: code`
        let a; let b; let c;
        export function one(x: Bindings) { a = x.A; }
        export function two(y: CloudflareEnv) { b = y.B; }
        export function three(z: CloudflareBindings) { c = z.C; }
      `,
      errors: [stored("a", "x.A", "value", 2, 36), stored("b", "y.B", "value", 3, 41), stored("c", "z.C", "value", 4, 48)],
    },
    {
      // why: a qualified type name (Cloudflare.Env) and a destructured typed parameter
      code: code`
        let url: string;
        let kv: KVNamespace;
        export function a(env2: Cloudflare.Env) { url = env2.URL; }
        export function b({ KV }: Env) { kv = KV; }
      `,
      errors: [stored("url", "env2.URL", "value", 3, 43), stored("kv", "env.KV", "value", 4, 34)],
    },
    {
      // why: the settings add an env type name
      code: code`
        let secret;
        export function f(vars: WorkerVars) { secret = vars.SECRET; }
      `,
      settings: { "cloudflare-workers": { envTypeNames: ["WorkerVars"] } },
      errors: [stored("secret", "vars.SECRET", "value", 2, 39)],
    },
    {
      // why: the imported env of cloudflare:workers read inside a function
      code: code`
        import { env } from "cloudflare:workers";
        let key;
        export function getKey() {
          key = env.API_KEY;
          return key;
        }
      `,
      errors: [stored("key", "env.API_KEY", "value", 4, 3)],
    },
    // ----- derivations -----
    {
      // why: bracket access with a string key
      code: code`
        let secret;
        export default { async fetch(request, env) { secret = env["SECRET_KEY"]; } };
      `,
      errors: [stored("secret", "env.SECRET_KEY", "value", 2, 46)],
    },
    {
      // why: a computed key held in a module constant is read statically
      code: code`
        const KEY = "SECRET_KEY";
        let secret;
        export default { async fetch(request, env) { secret = env[KEY]; } };
      `,
      errors: [stored("secret", "env.SECRET_KEY", "value", 3, 46)],
    },
    {
      // why: optional member access
      code: code`
        let secret;
        export default { async fetch(request, env) { secret = env?.SECRET; } };
      `,
      errors: [stored("secret", "env.SECRET", "value", 2, 46)],
    },
    {
      // why: through a local variable
      code: code`
        let saved;
        export default {
          async fetch(request, env) {
            const k = env.KEY;
            saved = k;
          },
        };
      `,
      errors: [stored("saved", "env.KEY", "value", 5, 5)],
    },
    {
      // why: through a reassigned local
      code: code`
        let saved;
        export default {
          async fetch(request, env) {
            let k = "none";
            if (request.method === "POST") k = env.KEY;
            saved = k;
          },
        };
      `,
      errors: [stored("saved", "env.KEY", "value", 6, 5)],
    },
    {
      // why: template literal and concatenation
      code: code`
        let baseUrl;
        let auth;
        export default {
          async fetch(request, env) {
            baseUrl = \`https://\${env.HOST}/api\`;
            auth = "Bearer " + env.TOKEN;
          },
        };
      `,
      errors: [stored("baseUrl", "env.HOST", "secret", 5, 5), stored("auth", "env.TOKEN", "secret", 6, 5)],
    },
    {
      // why: object and array literals holding a derived value
      code: code`
        let config;
        let keys;
        export default {
          async fetch(request, env) {
            config = { apiKey: env.KEY, retries: 3 };
            keys = [env.A, "b"];
          },
        };
      `,
      errors: [stored("config", "env.KEY", "value", 5, 5), stored("keys", "env.A", "value", 6, 5)],
    },
    {
      // why: a spread copy of env is a copy of the bindings
      code: code`
        let bindings;
        export default {
          async fetch(request, env) {
            bindings = { ...env };
          },
        };
      `,
      errors: [stored("bindings", "env", "env", 4, 5)],
    },
    {
      // why: a plain copy of env
      code: code`
        let savedEnv;
        export default {
          async fetch(request, env) {
            savedEnv = env;
          },
        };
      `,
      errors: [stored("savedEnv", "env", "env", 4, 5)],
    },
    {
      // why: a non-awaited method call on a binding returns an object bound to it
      code: code`
        let stmt;
        export default {
          async fetch(request, env) {
            stmt = env.DB.prepare("SELECT * FROM users WHERE id = ?");
          },
        };
      `,
      errors: [stored("stmt", "env.DB", "client", 4, 5)],
    },
    {
      // why: conditional and nullish defaults keep the derived branch (with text on the other side, text: a secret or var)
      code: code`
        let mode;
        let region;
        export default {
          async fetch(request, env) {
            mode = request.url.includes("beta") ? env.BETA_MODE : "stable";
            region = env.REGION ?? "auto";
          },
        };
      `,
      errors: [stored("mode", "env.BETA_MODE", "secret", 5, 5), stored("region", "env.REGION", "secret", 6, 5)],
    },
    {
      // why: a closure over env is derived
      code: code`
        let getKey;
        export default {
          async fetch(request, env) {
            getKey = () => env.KEY;
          },
        };
      `,
      errors: [stored("getKey", "a closure over `env`", "closure", 4, 5)],
    },
    {
      // why: await does not launder a key imported from a secret
      code: code`
        let hmacKey;
        export default {
          async fetch(request, env) {
            hmacKey ??= await crypto.subtle.importKey("raw", new TextEncoder().encode(env.SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
          },
        };
      `,
      // (a key made from the secret holds the secret: no connection)
      errors: [lazy("hmacKey", "env.SECRET", "secret", 4, 5)],
    },
    {
      // why: the option treats data read through a binding as derived
      code: code`
        let config;
        export default {
          async fetch(request, env) {
            config = await env.CONFIG_KV.get("config", "json");
          },
        };
      `,
      options: [{ bindingDataIsDerived: true }],
      errors: [stored("config", "data read through `env.CONFIG_KV`", "data", 4, 5)],
    },
    // ----- sinks -----
    {
      // why: `export let` is a module-scope variable
      code: code`
        export let db;
        export default { async fetch(request, env) { db = drizzle(env.DB); } };
      `,
      errors: [stored("db", "env.DB", "client", 2, 46)],
    },
    {
      // why: `||=` and `&&=`
      code: code`
        let client;
        let token = "x";
        export default {
          async fetch(request, env) {
            client ||= new Client(env.KEY);
            token &&= env.TOKEN;
          },
        };
      `,
      errors: [lazy("client", "env.KEY", "client", 5, 5), stored("token", "env.TOKEN", "value", 6, 5)],
    },
    {
      // why: `if (!x) { x = … }` with a block
      code: code`
        let client = null;
        export default {
          async fetch(request, env) {
            if (!client) {
              client = new Client(env.KEY);
            }
          },
        };
      `,
      errors: [lazy("client", "env.KEY", "client", 5, 7)],
    },
    {
      // why: `if (x === undefined)` and `typeof x === "undefined"` guards
      code: code`
        let a;
        let b;
        export default {
          async fetch(request, env) {
            if (a === undefined) a = new A(env.KEY);
            if (typeof b === "undefined") b = new B(env.KEY);
          },
        };
      `,
      errors: [lazy("a", "env.KEY", "client", 5, 26), lazy("b", "env.KEY", "client", 6, 35)],
    },
    {
      // why: `x = x ?? …` and `return x ?? (x = …)`
      code: code`
        let a;
        let b;
        export function getA(env) { a = a ?? new A(env.KEY); return a; }
        export function getB(env) { return b ?? (b = new B(env.KEY)); }
      `,
      errors: [lazy("a", "env.KEY", "client", 3, 29), lazy("b", "env.KEY", "client", 4, 42)],
    },
    {
      // why: `if (x) return x; x = …`
      code: code`
        let client;
        export function getClient(env) {
          if (client) return client;
          client = new Client(env.KEY);
          return client;
        }
      `,
      errors: [lazy("client", "env.KEY", "client", 4, 3)],
    },
    {
      // why: property write on a module object
      code: code`
        const cache = {};
        export default {
          async fetch(request, env) {
            cache.client = new Client(env.KEY);
          },
        };
      `,
      errors: [stored("cache.client", "env.KEY", "client", 4, 5, "object")],
    },
    {
      // why: computed property write on a module object
      code: code`
        const cfg = {};
        export default {
          async fetch(request, env) {
            for (const k of ["A", "B"]) cfg[k] = env[k];
          },
        };
      `,
      errors: [stored("cfg[k]", "env[…]", "value", 4, 33, "object")],
    },
    {
      // why: property write on a module-scope function
      code: code`
        function handler() {}
        export default {
          async fetch(request, env) {
            handler.db = drizzle(env.DB);
          },
        };
      `,
      errors: [stored("handler.db", "env.DB", "client", 4, 5, "object")],
    },
    {
      // why: module Set, array unshift and splice
      code: code`
        const keys = new Set();
        const list = [];
        export default {
          async fetch(request, env) {
            keys.add(env.KEY);
            list.unshift(env.A);
            list.splice(0, 0, env.B);
          },
        };
      `,
      errors: [
        added("keys", "env.KEY", "value", 5, 5, "object"),
        added("list", "env.A", "value", 6, 5, "object"),
        added("list", "env.B", "value", 7, 5, "object"),
      ],
    },
    {
      // why: a weak entry under env or a binding lives as long as the deploy's env, not the request:
      // a connection kept there fails in the next request, as in a Map
      code: code`
        import { Pool } from "pg";
        import postgres from "postgres";
        const pools = new WeakMap();
        const byEnv = new WeakMap();
        const strong = new Map();
        export default {
          async fetch(request, env) {
            pools.set(env.HYPERDRIVE, new Pool({ connectionString: env.HYPERDRIVE.connectionString }));
            byEnv.set(env, postgres(env.DATABASE_URL));
            strong.set(env, postgres(env.DATABASE_URL));
            return new Response("ok");
          },
        };
      `,
      errors: [
        added("pools", "env.HYPERDRIVE.connectionString", "socket", 8, 5),
        added("byEnv", "env.DATABASE_URL", "socket", 9, 5),
        added("strong", "env.DATABASE_URL", "socket", 10, 5),
      ],
    },
    {
      // why: a WeakMap keyed by a module-scope object keeps the client for every later request
      code: code`
        const clients = new WeakMap();
        const DEFAULT = {};
        export default {
          async fetch(request, env) {
            clients.set(DEFAULT, new Client(env.KEY));
          },
        };
      `,
      errors: [added("clients", "env.KEY", "client", 5, 5, "object")],
    },
    {
      // why: rebuilt when its input changes, but a connection it holds fails in the next request
      // (and without the input kept beside it, the comparison never sees a change)
      code: code`
        import postgres from "postgres";
        let sql;
        let lastUrl;
        let client;
        let seen;
        export default {
          async fetch(request, env) {
            const url = env.DATABASE_URL;
            if (!sql || lastUrl !== url) {
              sql = postgres(url);
              lastUrl = url;
            }
            const token = env.TOKEN;
            if (!client || seen !== token) {
              client = build(token);
            }
          },
        };
      `,
      errors: [lazy("sql", "env.DATABASE_URL", "socket", 10, 7), lazy("client", "env.TOKEN", "client", 15, 7)],
    },
    {
      // why: a construction of no known kind rebuilt on change, made from a read whose name says a
      // server (a connection string, Hyperdrive): it may hold a connection, which fails in the next request
      code: code`
        let db; let lastUrl;
        let pool; let lastHd;
        export default {
          async fetch(request, env) {
            if (!db || lastUrl !== env.DATABASE_URL) {
              db = createDb(env.DATABASE_URL);
              lastUrl = env.DATABASE_URL;
            }
            if (!pool || lastHd !== env.HYPERDRIVE.connectionString) {
              pool = makePool(env.HYPERDRIVE.connectionString);
              lastHd = env.HYPERDRIVE.connectionString;
            }
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("db", "env.DATABASE_URL", "client", 6, 7), lazy("pool", "env.HYPERDRIVE.connectionString", "client", 10, 7)],
    },
    {
      // why: compared and kept as read off env, a socket client is still reported, and only it (the
      // url kept to compare is not); a member compared that the block does not keep is no input
      code: code`
        import postgres from "postgres";
        let sql;
        let lastUrl;
        let other;
        export default {
          async fetch(request, env) {
            if (!sql || lastUrl !== env.DATABASE_URL) {
              sql = postgres(env.DATABASE_URL);
              lastUrl = env.DATABASE_URL;
            }
            if (!other || lastUrl !== env.OTHER_URL) other = postgres(env.OTHER_URL);
          },
        };
      `,
      errors: [lazy("sql", "env.DATABASE_URL", "socket", 8, 7), lazy("other", "env.OTHER_URL", "socket", 11, 46)],
    },
    {
      // why: behind an early return on the kept input, a connection is still reported, and so is a
      // value made of another read of env besides the input
      code: code`
        import postgres from "postgres";
        let sql;
        let lastUrl;
        let parsed;
        let lastRaw;
        function db(url) {
          if (url === lastUrl && sql) return sql;
          sql = postgres(url);
          lastUrl = url;
          return sql;
        }
        function config(raw, env) {
          if (raw === lastRaw && parsed) return parsed;
          parsed = { list: raw.split(","), key: env.API_KEY };
          lastRaw = raw;
          return parsed;
        }
        export default {
          async fetch(request, env) {
            await db(env.DATABASE_URL)\`select 1\`;
            return Response.json(config(env.ORIGINS, env));
          },
        };
      `,
      errors: [stored("sql", "env.DATABASE_URL", "socket", 8, 3), stored("parsed", "env.API_KEY", "value", 14, 3)],
    },
    {
      // why: a function of the file that returns a module object on every path designates it
      code: code`
        const store = { list: [] };
        function getStore() { return store; }
        const state = () => store;
        export default {
          async fetch(request, env) {
            getStore().client = env.KEY;
            state().list.push(env.DB);
          },
        };
      `,
      errors: [stored("getStore().client", "env.KEY", "value", 6, 5, "object"), added("state().list", "env.DB", "value", 7, 5, "object")],
    },
    {
      // why: a Map keyed by a connection string
      code: code`
        const pools = new Map();
        export function getPool(env) {
          let pool = pools.get(env.DATABASE_URL);
          if (!pool) { pool = new Pool(env.DATABASE_URL); pools.set(env.DATABASE_URL, pool); }
          return pool;
        }
      `,
      errors: [added("pools", "env.DATABASE_URL", "client", 4, 51, "object")],
    },
    {
      // why: Object.assign into a module object
      code: code`
        const config = {};
        export default {
          async fetch(request, env) {
            Object.assign(config, { apiKey: env.KEY });
          },
        };
      `,
      errors: [stored("config", "env.KEY", "value", 4, 5, "object")],
    },
    {
      // why: globalThis writes, also through `as any` and computed keys
      code: code`
        export default {
          async fetch(request, env) {
            globalThis.prisma = new PrismaClient({ datasourceUrl: env.DATABASE_URL });
            (globalThis as any).db = drizzle(env.DB);
            globalThis["secret"] = env.SECRET;
          },
        };
      `,
      errors: [
        stored("globalThis.prisma", "env.DATABASE_URL", "client", 3, 5, "global"),
        stored("globalThis.db", "env.DB", "client", 4, 5, "global"),
        stored('globalThis["secret"]', "env.SECRET", "value", 5, 5, "global"),
      ],
    },
    {
      // why: self and global are the global object too
      code: code`
        export default {
          async fetch(request, env) {
            self.token = env.TOKEN;
            global.client ??= new Client(env.KEY);
          },
        };
      `,
      errors: [stored("self.token", "env.TOKEN", "value", 3, 5, "global"), lazy("global.client", "env.KEY", "client", 4, 5, "global")],
    },
    {
      // why: process.env is process-wide
      code: code`
        export default {
          async fetch(request, env) {
            process.env.OPENAI_API_KEY = env.OPENAI_API_KEY;
          },
        };
      `,
      errors: [stored("process.env.OPENAI_API_KEY", "env.OPENAI_API_KEY", "value", 3, 5, "global")],
    },
    {
      // why: a static method writing `this.x` writes the class
      code: code`
        export class Db {
          static instance;
          static get(env) {
            if (!this.instance) this.instance = drizzle(env.DB);
            return this.instance;
          }
        }
      `,
      errors: [lazy("Db.instance", "env.DB", "client", 4, 25, "static")],
    },
    {
      // why: a static singleton through the class name
      code: code`
        export class Client {
          static #instance;
          static get(env) {
            return (Client.#instance ??= new Client(env.KEY));
          }
          constructor(key) { this.key = key; }
        }
      `,
      errors: [lazy("Client.#instance", "env.KEY", "client", 4, 13, "object")],
    },
    {
      // why: `this.x` in a method of the default export object is shared by every request
      code: code`
        export default {
          client: null,
          async fetch(request, env) {
            this.client ??= new Client(env.KEY);
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("`this.client` of the default export", "env.KEY", "client", 4, 5, "shared-object")],
    },
    {
      // why: a constructor that keeps its instance in a static keeps what the instance holds
      code: code`
        class Client {
          static last = null;
          constructor(key) { this.key = key; Client.last = this; }
        }
        export default {
          async fetch(request, env) {
            const client = new Client(env.KEY);
            return new Response(String(client));
          },
        };
      `,
      errors: [stored("Client.last", "env.KEY", "client", 3, 38, "static")],
    },
    {
      // why: a parameter property is held by the instance that a registry keeps
      code: code`
        const sessions = [];
        class Session {
          constructor(private readonly token: string) { sessions.push(this); }
        }
        export default {
          async fetch(request: Request, env: Env) {
            new Session(env.TOKEN);
            return new Response("ok");
          },
        };
      `,
      errors: [added("sessions", "env.TOKEN", "client", 3, 49)],
    },
  ],
});
