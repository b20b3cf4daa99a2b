/**
 * Shapes that real Workers code has and that are not hazards, each beside a positive neighbour:
 * data read through a binding, client writes that are not memory, guarded defaults on env, one
 * finding per store and statement.
 */
import envRule from "../../rules/no-env-in-global-scope";
import mutationRule from "../../rules/no-env-mutation";
import requestRule from "../../rules/no-request-state-in-global-scope";
import { createRuleTester } from "../rule-tester";
import { added, code, lazy, stored } from "./helpers";

const ruleTester = createRuleTester();

/** A cache of what the loader it is handed returns for the key (`code` strips the indentation). */
const LOADER_CACHE = `const store = new Map();
async function read(key, load) {
  const hit = store.get(key);
  if (hit) return hit;
  const value = await load(key);
  store.set(key, value);
  return value;
}`;

/** A cache of what the loader it is handed returns, kept beside the time it was stored. */
const EXPIRY_MEMO = `const store = new Map();
async function memo(key, load) {
  const value = await load();
  store.set(key, { value, at: Date.now() });
  return value;
}`;

ruleTester.run("no-env-in-global-scope (precision)", envRule, {
  valid: [
    // why: a store after its function's unconditional `return` or `throw` never runs
    code`
      let db: D1Database | undefined;
      let key: string | undefined;
      function setup(d1: D1Database) {
        return;
        if (!db) {
          db = d1;
        }
      }
      export default {
        async fetch(request: Request, env: Env) {
          setup(env.DB);
          if (request.method === "GET") {
            throw new Error("read only");
            key = env.API_KEY;
          }
          return new Response("ok");
        },
      };
    `,
    // why: how many entries a list or set made in the handler has is a count, whatever was put in it
    code`
      const seen = new Set<number>();
      const sizes: number[] = [];
      export default {
        async fetch(request: Request, env: Env) {
          const parts: string[] = [];
          parts.push(env.MODE);
          const tags = new Set([env.REGION]);
          seen.add(parts.length);
          sizes.push(tags.size);
          return new Response(parts.join("-"));
        },
      };
    `,
    // why: an item of what a package's function gives when handed a binding is a row it read, not a
    // client: kept once, as a row read off the binding itself is
    code`
      import { fetchUsersByRole } from "~~/server/data/repository";
      let adminId: number | undefined;
      let firstId: number | undefined;
      export default {
        async fetch(request: Request, env: Env) {
          adminId ??= (await fetchUsersByRole(env.DB, "admin"))[0]!.id;
          firstId ??= (await env.DB.prepare("select id from users").all()).results[0].id;
          return new Response(String(adminId));
        },
      };
    `,
    // why: an async generator's items are awaited as they come: rows read through the binding are data
    code`
      async function* rows(db) {
        const { results } = await db.prepare("select id from t").all();
        yield* results;
      }
      const ids = [];
      export default {
        async fetch(request, env) {
          if (!ids.length) for await (const r of rows(env.DB)) ids.push(r.id);
          return Response.json(ids);
        },
      };
    `,
    // why: a migration awaited in the request, then a flag: nothing pending is kept; a promise handed
    // to waitUntil is the runtime's, not module scope's
    code`
      let migrated = false;
      async function migrate(db) { await db.exec("CREATE TABLE IF NOT EXISTS t (id TEXT)"); }
      export default {
        async fetch(request, env, ctx) {
          if (!migrated) { await migrate(env.DB); migrated = true; }
          ctx.waitUntil(migrate(env.DB));
          return new Response("ok");
        },
      };
    `,
    // why: a Durable Object id names the same object whoever asks and holds no I/O; a timer's
    // callback goes to the runtime, and the call gives a number
    code`
      const ids = new Map();
      const names = new Map();
      const timers = [];
      let tick;
      export default {
        async fetch(request, env) {
          let id = ids.get("lobby");
          if (!id) { id = env.ROOMS.idFromName("lobby"); ids.set("lobby", id); }
          names.set("lobby", env.ROOMS.idFromName("lobby").toString());
          timers.push(setTimeout(() => env.CACHE.put("x", "y"), 10));
          tick ??= setInterval(() => { void env.CACHE.put("a", "b"); }, 60000);
          return env.ROOMS.get(id).fetch(request);
        },
      };
    `,
    // why: the cache keeps, beside an expiry, what the loader returns: data read through a binding, not the loader
    code`
      ${EXPIRY_MEMO}
      export default {
        async fetch(request, env) {
          return new Response(String(await memo("nav", () => env.DOCS.get("nav"))));
        },
      };
    `,
    // why: the cache keeps what the loader it is handed returns for the key: data read through a binding
    code`
      ${LOADER_CACHE}
      export default {
        async fetch(request, env) {
          const id = new URL(request.url).pathname;
          return new Response(String(await read(id, (k) => env.KV.get(k))));
        },
      };
    `,
    // why: a runner's method gives what the callback it runs returns: here data read through a binding, not the closure
    code`
      import { limiter } from "./limits";
      const pages = new Map();
      export default {
        async fetch(request, env) {
          const page = await limiter.run("get", async () => await env.PAGES.get("home"));
          pages.set("home", page);
          return new Response("ok");
        },
      };
    `,
    // why: a Node module's function that takes a callback makes a request; the module keeps nothing
    code`
      import http from "node:http";
      export default {
        async fetch(request, env) {
          http.get({ hostname: env.SIDECAR_HOST }, (res) => { res.on("close", () => {}); });
          return new Response("ok");
        },
      };
    `,
    // why: the body of a fetch a helper makes with the url it is handed is the upstream's data
    code`
      const sessions = new Map();
      async function session(url) { const r = await fetch(url + "/session"); const body = await r.json(); return body.data; }
      export default {
        async fetch(request, env) {
          const s = await session(env.API_URL);
          sessions.set("last", { id: s.id });
          return new Response("ok");
        },
      };
    `,
    // why: data read through a binding by a helper whose every caller is in the file is data
    code`
      let jwks;
      async function fetchKeys(env) { jwks = await env.AUTH_CACHE.get("jwks", "json"); }
      export async function validate(token, env) { await fetchKeys(env); return check(token, jwks); }
    `,
    // why: the same read through a promise callback
    code`
      let config;
      function load(env) { return env.CONFIG.get("app").then((value) => { config = value; }); }
      export default { async fetch(request, env) { await load(env); return new Response("ok"); } };
    `,
    // why: what a client built from a secret returns, awaited, is the service's data, not the secret
    code`
      import OpenAI from "openai";
      let models;
      export default {
        async fetch(request, env) {
          const client = new OpenAI({ apiKey: env.OPENAI_KEY });
          models ??= await client.models.list();
          return Response.json(models);
        },
      };
    `,
    // why: a collection made on first use, written with nothing derived, or only keyed by the env object
    code`
      export default {
        async fetch(request, env) {
          ((globalThis as any).__hits ??= new Map()).set("count", 1);
          ((globalThis as any).__byEnv ??= new WeakMap()).set(env, new Client(env.KEY));
          return new Response("ok");
        },
      };
    `,
    // why: a helper handed the binding itself returns what a query reads through it: data
    code`
      let settings;
      async function readSettings(db) { return await db.prepare("SELECT * FROM settings").first(); }
      export default { async fetch(request, env) { settings = await readSettings(env.DB); return new Response("ok"); } };
    `,
    // why: a helper's result object: the body read through the stub is data, whatever its siblings hold
    code`
      let last;
      async function call(stub, path) {
        const res = await stub.fetch("https://do" + path);
        return { status: res.status, data: await res.json() };
      }
      async function claim(stub) { const { data } = await call(stub, "/claim"); last = data; }
      export default { async fetch(request, env) { await claim(env.ROOM.get(env.ROOM.idFromName("a"))); return new Response("ok"); } };
    `,
    // why: the other branch of a result object holds a literal under the key that is kept
    code`
      let lastError;
      function check(env, value) {
        if (!value) return { ok: false, error: "missing value" };
        return { ok: true, token: env.TOKEN };
      }
      export default { async fetch(request, env) { const result = check(env, request.url); lastError = result.error; return new Response("ok"); } };
    `,
    // why: a helper handed a binding wraps it in a client and keeps only what a query returns
    code`
      import { drizzle } from "drizzle-orm/d1";
      let rows;
      async function refresh(d1) { const db = drizzle(d1); rows = await db.select(); }
      export default { async fetch(request, env) { await refresh(env.DB); return new Response("ok"); } };
    `,
    // why: a body fetched with an API key in its headers is the upstream's data
    code`
      const prices = new Map();
      export default {
        async fetch(request, env) {
          const res = await fetch("https://api.example.com/prices", { headers: { authorization: \`Bearer \${env.API_KEY}\` } });
          prices.set("all", await res.json());
          return new Response("ok");
        },
      };
    `,
    // why: \`.set\` on an imported client (Redis, KV wrappers) writes to that service, not to memory
    code`
      import { redis } from "@upstash/redis/cloudflare";
      export default { async fetch(request, env) { await redis.set("status", env.REGION); return new Response("ok"); } };
    `,
    // why: \`.set\` on a module constant built by another call (a storage client) is not a collection
    code`
      import { createStorage } from "unstorage";
      const storage = createStorage();
      export default { async fetch(request, env) { await storage.setItem("k", env.KEY); await storage.set("k", env.KEY); return new Response("ok"); } };
    `,
  ],
  invalid: [
    {
      // why: a store after a conditional `return` runs, and a function declared after one is hoisted
      code: code`
        let key: string | undefined;
        export default {
          async fetch(request: Request, env: Env) {
            if (request.method === "GET") return new Response("read only");
            key = env.API_KEY;
            return keep();
            function keep() {
              key = env.OTHER_KEY;
              return new Response("ok");
            }
          },
        };
      `,
      errors: [stored("key", "env.API_KEY", "value", 5, 5), stored("key", "env.OTHER_KEY", "value", 8, 7)],
    },
    {
      // why: a var's own length is its snapshot, and a list kept whole keeps what was put in it
      code: code`
        const seen = new Set<number>();
        const kept: string[][] = [];
        export default {
          async fetch(request: Request, env: Env) {
            const parts: string[] = [];
            parts.push(env.MODE);
            seen.add(env.MODE.length);
            kept.push(parts);
            return new Response("ok");
          },
        };
      `,
      // (\`MODE\`, declared nowhere, is a var by its name: a deployment's mode.)
      errors: [{ ...added("`seen`", "env.MODE.length", "secret", 7, 5), data: { target: "`seen`", origin: "`env.MODE.length`", hazard: "it keeps the var of the deploy that stored it" } }, { ...added("`kept`", "env.MODE", "value", 8, 5), data: { target: "`kept`", origin: "`env.MODE`", hazard: "it keeps the var of the deploy that stored it" } }],
    },
    {
      // why: the loader handed builds a pool from the url: the cache keeps a connection, not a closure
      code: code`
        import { Pool } from "pg";
        ${LOADER_CACHE}
        export default {
          async fetch(request, env) {
            await read(env.DATABASE_URL, (url) => new Pool({ connectionString: url }));
            return new Response("ok");
          },
        };
      `,
      errors: [added("store", "env.DATABASE_URL", "socket", 7, 3)],
    },
    {
      // why: \`process\` is an emitter whose listeners stay for the isolate's life
      code: code`
        import process from "node:process";
        export default {
          async fetch(request, env) {
            process.on("unhandledRejection", () => console.log(env.SECRET));
            return new Response("ok");
          },
        };
      `,
      errors: [added("process", "a closure over `env`", "closure", 4, 5)],
    },
    {
      // why: what a runner's callback returns is what the method gives: a client built from a secret, kept
      code: code`
        import { mutex } from "./locks";
        let client;
        export default {
          async fetch(request, env) {
            client ??= await mutex.runExclusive(async () => new Client(env.API_KEY));
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("client", "env.API_KEY", "client", 5, 5)],
    },
    {
      // why: the helper's binding itself (not data read through it) kept in module scope
      code: code`
        let kv;
        function remember(env) { kv = env.AUTH_CACHE; }
        export async function validate(token, env) { remember(env); }
      `,
      errors: [stored("kv", "env.AUTH_CACHE", "value", 2, 26)],
    },
    {
      // why: a property of a helper's result object that holds the binding itself is still the binding
      code: code`
        let stub;
        function pick(env) { return { stub: env.ROOM.get(env.ROOM.idFromName("a")), count: 1 }; }
        export default { async fetch(request, env) { stub = pick(env).stub; return new Response("ok"); } };
      `,
      errors: [stored("stub", "env.ROOM", "client", 3, 46)],
    },
    {
      // why: the kept key of a result object holds the secret in the branch that returns it
      code: code`
        let lastToken;
        function check(env, value) {
          if (!value) return { ok: false, error: "missing value" };
          return { ok: true, token: env.TOKEN };
        }
        export default { async fetch(request, env) { lastToken = check(env, request.url).token; return new Response("ok"); } };
      `,
      errors: [stored("lastToken", "env.TOKEN", "value", 6, 46)],
    },
    {
      // why: with bindingDataIsDerived, data read through a binding is reported, and said to be data
      code: code`
        let jwks;
        async function fetchKeys(env) { jwks = await env.AUTH_CACHE.get("jwks", "json"); }
        export async function validate(token, env) { await fetchKeys(env); }
      `,
      options: [{ bindingDataIsDerived: true }],
      errors: [stored("jwks", "data read through `env.AUTH_CACHE`", "data", 2, 33)],
    },
    {
      // why: a connection a client hands out holds the client's secret and socket; and so does a
      // client's call left pending, and data read through a client is reported as data when asked
      code: code`
        import { Pool } from "pg";
        import OpenAI from "openai";
        let conn;
        let pending;
        let models;
        export default {
          async fetch(request, env) {
            const pool = new Pool({ connectionString: env.DB_URL });
            conn ??= await pool.connect();
            pending = new OpenAI({ apiKey: env.OPENAI_KEY }).models.list();
            models = await new OpenAI({ apiKey: env.OPENAI_KEY }).models.list();
            return new Response("ok");
          },
        };
      `,
      options: [{ bindingDataIsDerived: true }],
      errors: [
        { ...stored("conn", "env.DB_URL", "socket", 9, 5), messageId: "lazySingleton" as const },
        stored("pending", "env.OPENAI_KEY", "http", 10, 5),
        stored("models", "data read through `env.OPENAI_KEY`", "data", 11, 5),
      ],
    },
    {
      // why: a module Map created later (\`let cache = null\` then \`new Map()\`) is still a collection
      code: code`
        let cache = null;
        export default {
          async fetch(request, env) {
            cache ??= new Map();
            cache.set("client", new Client(env.KEY));
            return new Response("ok");
          },
        };
      `,
      errors: [added("cache", "env.KEY", "client", 5, 5)],
    },
    {
      // why: a local object, map, array or app filled with what env gives, then kept as a whole
      code: code`
        import { Hono } from "hono";
        let settings, clients, keys, app;
        export default {
          async fetch(request, env) {
            const cfg = {};
            cfg.token = env.TOKEN;
            settings = cfg;
            const byName = new Map();
            byName.set("billing", new Client(env.BILLING_KEY));
            clients = byName;
            const list = [];
            list.push(env.SIGNING_KEY);
            keys = list;
            const router = new Hono();
            router.get("/", (c) => c.text(env.GREETING));
            app ??= router;
            return new Response("ok");
          },
        };
      `,
      errors: [
        stored("settings", "env.TOKEN", "value", 7, 5),
        stored("clients", "env.BILLING_KEY", "client", 10, 5),
        stored("keys", "env.SIGNING_KEY", "value", 13, 5),
        lazy("app", "a closure over `env`", "closure", 16, 5),
      ],
    },
    {
      // why: a collection created on first use at a global or module place, then written: the call is the store
      code: code`
        let registry;
        export default {
          async fetch(request, env) {
            ((globalThis as any).__clients ??= new Map()).set("billing", new Client(env.BILLING_KEY));
            (registry ||= []).push(env.TOKEN);
            return new Response("ok");
          },
        };
      `,
      errors: [added("globalThis.__clients", "env.BILLING_KEY", "client", 4, 5, "global"), added("registry", "env.TOKEN", "value", 5, 5)],
    },
    {
      // why: several leaves of one destructuring into one module object are one finding
      code: code`
        const cache = {};
        export default {
          async fetch(request, env) {
            [cache.a, cache.b] = env.PAIR.split(",");
            return new Response("ok");
          },
        };
      `,
      errors: [stored("cache.a", "env.PAIR", "secret", 4, 6, "object")],
    },
    {
      // why: each target of a destructuring of a literal is given its own element, and of several
      // leaves into one module object the first is reported
      code: code`
        let a, b;
        const g = globalThis;
        export default {
          async fetch(request, env) {
            [a, b] = [env.APP_NAME, env.JWT_SECRET];
            [g.apiKey, g.appName] = [env.API_KEY, env.APP_NAME];
            return new Response("ok");
          },
        };
      `,
      errors: [stored("a", "env.APP_NAME", "value", 5, 6), stored("b", "env.JWT_SECRET", "value", 5, 9), stored("g.apiKey", "env.API_KEY", "value", 6, 6, "global")],
    },
  ],
});

ruleTester.run("no-env-mutation (precision)", mutationRule, {
  valid: [
    // why: a default put in place of a missing binding, the same for every request
    code`
      export default {
        async fetch(request, env) {
          env.CACHE ??= createNoopCache();
          if (!env.ANALYTICS) env.ANALYTICS = { writeDataPoint() {} };
          return new Response("ok");
        },
      };
    `,
  ],
  invalid: [
    {
      // why: a guarded default built from env still puts one request's client on the shared env
      code: code`
        export default {
          async fetch(request, env) {
            if (!env.SQL) env.SQL = postgres(env.HYPERDRIVE.connectionString);
            env.USER ??= request.headers.get("x-user");
            return new Response("ok");
          },
        };
      `,
      errors: [
        { messageId: "envMutationHolding", data: { target: "env.SQL", origin: "`env`", hazard: "any connection it holds fails in other requests" }, line: 3, column: 19 },
        { messageId: "envMutation", data: { target: "env.USER", origin: "`env`" }, line: 4, column: 5 },
      ],
    },
  ],
});

ruleTester.run("no-request-state-in-global-scope (numbers)", requestRule, {
  valid: [
    // why: sizes, counts, sums and comparisons computed from a request are numbers, not its data
    code`
      let bytes = 0;
      let largest = 0;
      const stats = { requests: 0, admins: 0, lastAt: 0 };
      export default {
        async fetch(request) {
          const body = await request.text();
          bytes += body.length;
          largest = Math.max(largest, Number(request.headers.get("content-length")));
          stats.admins += request.headers.get("x-role") === "admin" ? 1 : 0;
          stats.lastAt = Date.now() - parseInt(request.headers.get("x-sent-at") ?? "0", 10);
          return new Response("ok");
        },
      };
    `,
    // why: the time of a scheduled event is a number
    code`
      let lastRun = 0;
      export default { async scheduled(controller) { lastRun = controller.scheduledTime; } };
    `,
  ],
  invalid: [
    {
      // why: the string read from the request is its data, beside the numbers
      code: code`
        let lastUser = "";
        let count = 0;
        export default {
          async fetch(request) {
            count += request.headers.get("x-user").length;
            lastUser = request.headers.get("x-user");
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", data: { target: "`lastUser`", origin: "`request.headers.get(\"x-user\")`", event: "request" }, line: 6, column: 5 }],
    },
  ],
});

ruleTester.run("no-request-state-in-global-scope (one rule per store)", requestRule, {
  valid: [],
  invalid: [
    {
      // why: a store holding both request data and env is reported once, by the request rule
      code: code`
        let last;
        export default {
          async fetch(request, env) {
            last = { user: request.headers.get("x-user"), key: env.KEY };
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", data: { target: "`last`", origin: "`request.headers.get(\"x-user\")`", event: "request" }, line: 4, column: 5 }],
    },
  ],
});

ruleTester.run("no-env-in-global-scope (one rule per store)", envRule, {
  valid: [
    // why: the same store is no-request-state-in-global-scope's
    code`
      let last;
      export default {
        async fetch(request, env) {
          last = { user: request.headers.get("x-user"), key: env.KEY };
          return new Response("ok");
        },
      };
    `,
  ],
  invalid: [],
});

ruleTester.run("no-env-in-global-scope (the kind of value in the message)", envRule, {
  valid: [],
  invalid: [
    {
      // why: text a helper makes of a secret's bytes (a hex digest) is a secret's value, not a client built from it
      code: code`
        const digests = new Map<string, string>();
        async function hex(text: string) {
          const buf = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
          return Array.from(new Uint8Array(buf)).map((b) => b.toString(16)).join("");
        }
        export default {
          async fetch(request: Request, env: Env) {
            digests.set("admin", await hex(env.ADMIN_TOKEN));
            return new Response("ok");
          },
        };
      `,
      errors: [added("`digests`", "env.ADMIN_TOKEN", "secret", 8, 5)],
    },
    {
      // why: an instance of a class of the file holds what its constructor builds: an HTTP client, a connection
      code: code`
        import OpenAI from "openai";
        import { Pool } from "pg";
        class Ai { constructor(key) { this.client = new OpenAI({ apiKey: key }); } }
        class Db { constructor(url) { this.pool = new Pool({ connectionString: url }); } }
        let ai;
        let db;
        export default {
          async fetch(request, env) {
            ai ??= new Ai(env.OPENAI_API_KEY);
            db ??= new Db(env.DATABASE_URL);
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("ai", "env.OPENAI_API_KEY", "http", 9, 5), lazy("db", "env.DATABASE_URL", "socket", 10, 5)],
    },
    {
      // why: the AI SDK's providers are HTTP clients
      code: code`
        import { createOpenAI } from "@ai-sdk/openai";
        let openai;
        export default { async fetch(request, env) { openai ??= createOpenAI({ apiKey: env.OPENAI_API_KEY }); return new Response("ok"); } };
      `,
      errors: [lazy("openai", "env.OPENAI_API_KEY", "http", 3, 46)],
    },
    {
      // why: a copy of env is a spread of env; a spread of a constant object copies no binding
      code: code`
        const defaults = { retries: 3 };
        let cfg;
        let all;
        export default {
          async fetch(request, env) {
            cfg = { ...defaults, apiUrl: env.APP_URL };
            all = { ...env, extra: 1 };
            return new Response("ok");
          },
        };
      `,
      errors: [stored("cfg", "env.APP_URL", "value", 6, 5), stored("all", "env", "env", 7, 5)],
    },
    {
      // why: each value is named by what it is: the hazard differs by kind
      code: code`
        import Stripe from "stripe";
        import { Pool } from "pg";
        import { drizzle } from "drizzle-orm/d1";
        const kept = {};
        export default {
          async fetch(request, env) {
            kept.stripe = new Stripe(env.STRIPE_KEY);
            kept.pool = new Pool({ connectionString: env.HYPERDRIVE.connectionString });
            kept.db = drizzle(env.DB);
            kept.sdk = new Unknown(env.TOKEN);
            kept.region = env.REGION.toLowerCase();
            kept.kv = env.CACHE;
            return new Response("ok");
          },
        };
      `,
      errors: [
        stored("kept.stripe", "env.STRIPE_KEY", "http", 7, 5, "object"),
        stored("kept.pool", "env.HYPERDRIVE.connectionString", "socket", 8, 5, "object"),
        stored("kept.db", "env.DB", "binding", 9, 5, "object"),
        stored("kept.sdk", "env.TOKEN", "client", 10, 5, "object"),
        stored("kept.region", "env.REGION", "secret", 11, 5, "object"),
        stored("kept.kv", "env.CACHE", "value", 12, 5, "object"),
      ],
    },
    {
      // why: a package added by the clientPackages setting
      code: code`
        import { connect } from "my-driver";
        let conn;
        export default { async fetch(request, env) { conn ??= connect(env.DSN); return new Response("ok"); } };
      `,
      settings: { "cloudflare-workers": { clientPackages: { "my-driver": "socket" } } },
      errors: [{ messageId: "lazySingleton", data: { target: "`conn`", origin: "`env.DSN`", hazard: 'other requests fail: "Cannot perform I/O on behalf of a different request"' }, line: 3, column: 46 }],
    },
  ],
});

ruleTester.run("no-env-in-global-scope (calls that return their receiver)", envRule, {
  valid: [
    // why: a builder method of the file returns `this`: storing its result stores the module's own logger, and `tag` keeps nothing
    code`
      class Logger { tag(name) { console.log(name); return this; } }
      function createLogger() { return new Logger(); }
      const log = createLogger();
      let current;
      export default { async fetch(request, env) { current = log.tag(env.REGION); return new Response("ok"); } };
    `,
    // why: \`post\`, \`get\` and \`delete\` without a handler are a client's or a collection's methods, not registrations
    code`
      import { api } from "./api";
      const seen = new Map();
      export default {
        async fetch(request, env) {
          await api.post("/events", { key: env.KEY });
          seen.delete(request.url);
          return new Response("ok");
        },
      };
    `,
    // why: an app built and configured inside the handler is that request's own
    code`
      import { Hono } from "hono";
      export default { fetch(request, env) { const app = new Hono().use(auth(env.SECRET)); return app.fetch(request, env); } };
    `,
  ],
  invalid: [
    {
      // why: \`app.use(…)\` returns the module's app: the one store is the registration, not the assignment of the app
      code: code`
        import { Hono } from "hono";
        const app = new Hono();
        let configured;
        export default { fetch(request, env) { configured = app.use(auth(env.SECRET)); return app.fetch(request, env); } };
      `,
      errors: [added("app", "env.SECRET", "client", 4, 53)],
    },
    {
      // why: a sub-app built from env mounted on the module's app while a request runs
      code: code`
        import { Hono } from "hono";
        const app = new Hono();
        let mounted;
        export default { fetch(request, env) { mounted = app.route("/api", buildApi(env)); return app.fetch(request, env); } };
      `,
      errors: [added("app", "env", "client", 4, 50)],
    },
    {
      // why: a route handler over env registered on the module's app while a request runs
      code: code`
        import { Hono } from "hono";
        const app = new Hono();
        export default { fetch(request, env) { app.get("/key", (c) => c.text(env.SECRET)); return app.fetch(request, env); } };
      `,
      errors: [added("app", "a closure over `env`", "closure", 3, 40)],
    },
    {
      // why: a fresh builder that returns \`this\` holds its argument: the value stored, not a client built from it
      code: code`
        class Headers2 { constructor() { this.items = []; } add(v) { this.items.push(v); return this; } }
        let defaults;
        export default { fetch(request, env) { defaults = new Headers2().add(env.API_KEY); return new Response("ok"); } };
      `,
      errors: [stored("defaults", "env.API_KEY", "value", 3, 40)],
    },
    {
      // why: a builder that stores its argument on a module-level instance is that store; its result is the instance again
      code: code`
        class Settings { with(key) { this.key = key; return this; } }
        const settings = new Settings();
        let current;
        export default { fetch(request, env) { current = settings.with(env.API_KEY); return new Response("ok"); } };
      `,
      errors: [stored("`this.key` of instance `settings`", "env.API_KEY", "value", 1, 30, "module-instance")],
    },
  ],
});

ruleTester.run("no-request-state-in-global-scope (calls that return their receiver)", requestRule, {
  valid: [
    // why: a Node module's helper that waits for an event keeps no listener on the module
    code`
      import events from "node:events";
      export default {
        async fetch(request) {
          const ws = new WebSocket(request.url);
          await events.once(ws, "open");
          return new Response("ok");
        },
      };
    `,
    // why: a method handed a callback and not awaited may wrap it (a test's mock): what it gives is a function, not the Response the callback makes
    code`
      import { vi } from "vitest";
      export default {
        async fetch(request) {
          globalThis.fetch = vi.fn(async () => new Response("ok"));
          return new Response("ok");
        },
      };
    `,
  ],
  invalid: [
    {
      // why: middleware over the request registered on the module's app keeps that request for every later one
      code: code`
        import { Hono } from "hono";
        const app = new Hono();
        export default {
          fetch(request, env) {
            app.use(async (c, next) => { c.set("first", request); await next(); });
            return app.fetch(request, env);
          },
        };
      `,
      errors: [{ messageId: "requestIoInModuleScope", data: { target: "`app`", origin: "a closure over `request`", event: "request" }, line: 5, column: 5 }],
    },
  ],
});

ruleTester.run("no-request-state-in-global-scope (typeof and instanceof)", requestRule, {
  valid: [
    // why: a value checked to be a number is a number, not the request's data
    code`
      let counter = 0;
      export default {
        async fetch(request) {
          const body = await request.json();
          const n = body.count;
          if (typeof n === "number") counter = n;
          return new Response("ok");
        },
      };
    `,
    // why: the same after an early return, also through \`||\`
    code`
      let total = 0;
      export default {
        async fetch(request) {
          const { amount } = await request.json();
          if (typeof amount !== "number" || amount < 0) return new Response("bad", { status: 400 });
          total += amount;
          return new Response("ok");
        },
      };
    `,
    // why: a member checked in a block, a conditional and \`Number.isInteger\` with \`&&\`
    code`
      const stats = { last: 0, max: 0, seen: 0 };
      export default {
        async fetch(request) {
          const body = await request.json();
          if (typeof body.size === "bigint") { stats.max = body.size; }
          stats.last = typeof body.n === "number" ? body.n : 0;
          Number.isInteger(body.seen) && (stats.seen = body.seen);
          return new Response("ok");
        },
      };
    `,
    // why: a number computed by a helper from what its caller passes (a length) is a number
    code`
      let total = 0;
      function count(value) { total = value.length; }
      export default { async fetch(request) { count(request.headers.get("x-items")); return new Response("ok"); } };
    `,
  ],
  invalid: [
    {
      // why: an awaited result checked to be a Response is an I/O object, worded so
      code: code`
        let cached;
        export default {
          async fetch(request, env) {
            const res = await render(request);
            if (res instanceof Response) cached = res;
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestIoInModuleScope", data: { target: "`cached`", origin: "`render(request)`", event: "request" }, line: 5, column: 34 }],
    },
    {
      // why: a request's member checked to be a string is data, not the stream it could be
      code: code`
        let lastBody;
        export default {
          async fetch(request) {
            const body = request.body;
            if (typeof body === "string") lastBody = body;
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", data: { target: "`lastBody`", origin: "`request.body`", event: "request" }, line: 5, column: 35 }],
    },
    {
      // why: a value not checked to be a number, beside one that is, is still the request's data
      code: code`
        let counter = 0;
        let label = "";
        export default {
          async fetch(request) {
            const body = await request.json();
            if (typeof body.count === "number") counter = body.count;
            if (typeof body.count === "number") label = body.label;
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", data: { target: "`label`", origin: "`request.json().label`", event: "request" }, line: 7, column: 41 }],
    },
  ],
});

ruleTester.run("no-env-in-global-scope (typeof)", envRule, {
  valid: [],
  invalid: [
    {
      // why: a member of env checked to be a string is a secret or var, worded so
      code: code`
        let apiKey;
        export default { fetch(request, env) { if (typeof env.API_KEY === "string") apiKey = env.API_KEY; return new Response("ok"); } };
      `,
      errors: [stored("apiKey", "env.API_KEY", "secret", 2, 77)],
    },
  ],
});

ruleTester.run("no-request-state-in-global-scope (a cache of what its key computes)", requestRule, {
  valid: [
    // why: the predicate of \`find\` (or \`filter\`, \`some\`, \`sort\`) only picks among the list's own
    // elements: what it compares the request's id with is not in the result
    code`
      const REG: Record<string, string> = {};
      let visible: { name: string }[] = [];
      async function lookup(id: string) {
        if (REG[id]) return REG[id];
        const data = (await (await fetch("https://api.example.com/dbs")).json()) as { result: { uuid: string; name: string }[] };
        const db = data.result.find((d) => d.name === \`wb-\${id}\`);
        if (db) REG[id] = db.uuid;
        visible = data.result.filter((d) => d.name !== id).sort((a, b) => (a.name === id ? -1 : b.name.localeCompare(a.name)));
        return db?.uuid ?? null;
      }
      export default {
        async fetch(request: Request) {
          return new Response(await lookup(new URL(request.url).pathname.slice(1)));
        },
      };
    `,
    // why: what a binding holds under a key spelled from the request's id is what that id gives, whoever asks
    code`
      const products = new Map();
      const users = new Map();
      export default {
        async fetch(request, env) {
          const id = new URL(request.url).searchParams.get("id");
          let p = products.get(id);
          if (p === undefined) { p = await env.CACHE.get("product:" + id); products.set(id, p); }
          if (!users.has(id)) users.set(id, await env.CACHE.get(\`user:\${id}\`, "json"));
          return new Response(p);
        },
      };
    `,
    // why: a read of a collection gives what was put in it, not the key it is read by: an LRU's
    // \`get\` puts back its own entry, and a table of constants read by a header gives a constant
    code`
      function createLRU(max) {
        const m = new Map();
        return {
          get(k) { const v = m.get(k); if (v !== undefined) { m.delete(k); m.set(k, v); } return v; },
          set(k, v) { m.set(k, v); if (m.size > max) m.delete(m.keys().next().value); },
        };
      }
      const geo = createLRU(500);
      let plan;
      export default {
        async fetch(request) {
          const ip = request.headers.get("cf-connecting-ip") ?? "";
          let g = geo.get(ip);
          if (!g) { g = await (await fetch("https://geo.example.com/" + ip)).json(); geo.set(ip, g); }
          const plans = new Map([["a", "basic"], ["b", "pro"]]);
          plan = plans.get(request.headers.get("x-plan") ?? "a");
          return Response.json(g);
        },
      };
    `,
    // why: each key maps to what building from that key gives, whoever asks: no request's data reaches another
    code`
      const cache = new Map();
      function buildIndex(kind) { return [kind, kind.toUpperCase()]; }
      function indexFor(kind) {
        if (cache.has(kind)) return cache.get(kind);
        const built = buildIndex(kind);
        cache.set(kind, built);
        return built;
      }
      export default {
        async fetch(request) {
          const kind = new URL(request.url).searchParams.get("kind") ?? "all";
          return Response.json(indexFor(kind));
        },
      };
    `,
    // why: the same memo written in one call, with constant inputs beside the key
    code`
      const pages = new Map();
      function render(slug, locale) { return slug + locale; }
      export default {
        async fetch(request) {
          const slug = new URL(request.url).pathname;
          pages.set(slug, render(slug, "en"));
          return new Response(pages.get(slug));
        },
      };
    `,
    // why: the entry's key is spelled from the input (a prefix beside it), and its value is computed
    // from that input alone: a read-through cache, whoever asks
    code`
      const store = new Map();
      function render(key) { return key.toUpperCase(); }
      function read(key) {
        const entryKey = "v1/" + key;
        const hit = store.get(entryKey);
        if (hit) return hit;
        const value = render(key);
        store.set(entryKey, value);
        return value;
      }
      export default {
        async fetch(request) {
          return new Response(read(new URL(request.url).pathname));
        },
      };
    `,
    // why: a key spelled from the input where it is written (`"v1/" + slug`, a template) is that
    // input's as much as one spelled in a local first
    code`
      const store = new Map();
      const pages = new Map();
      export default {
        async fetch(request, env) {
          const slug = new URL(request.url).pathname;
          store.set("v1/" + slug, slug.toUpperCase());
          pages.set(\`page:\${slug}\`, await env.DOCS.get(\`md:\${slug}\`));
          return new Response(store.get("v1/" + slug));
        },
      };
    `,
    // why: a memo helper keeps what the loader each call hands returns for that call's key, beside
    // an expiry: every loader of the file computes from the key alone
    code`
      ${EXPIRY_MEMO}
      async function remember(key, load) {
        store.set(key, [await load(key), Date.now()]);
      }
      export default {
        async fetch(request) {
          const slug = new URL(request.url).pathname;
          await remember(slug, (k) => k.length);
          return new Response(String(await memo(slug, async () => slug.toUpperCase())));
        },
      };
    `,
    // why: an entry that holds its key beside values of its own (a count, a time): a lookup with
    // another key never finds it, as the key itself is not the request's data kept
    code`
      const stats = new Map();
      function record(name, ok) {
        const known = stats.get(name);
        if (known) { known.count++; return; }
        stats.set(name, { name, count: ok ? 1 : 0, at: new Date() });
      }
      export default {
        async fetch(request) {
          record(new URL(request.url).pathname, true);
          return new Response("ok");
        },
      };
    `,
    // why: a module object used as a map, its entry loaded through a binding by a key made from the
    // entry's key, over several steps (parsed, imported, spread into an object)
    code`
      const cachedKeys = {};
      function kvKeyFor(alg) { return "keys:" + alg; }
      async function importKeys(raw, alg) { return { key: await crypto.subtle.importKey("raw", raw, { name: alg }, false, ["sign"]) }; }
      async function loadKeys(env, alg) {
        const cached = cachedKeys[alg];
        if (cached) return cached;
        const stored = await env.KV.get(kvKeyFor(alg));
        const parsed = JSON.parse(stored ?? "{}");
        const raw = new Uint8Array(parsed.raw);
        const keys = await importKeys(raw, alg);
        const result = { ...keys, raw };
        cachedKeys[alg] = result;
        return result;
      }
      export default {
        async fetch(request, env) {
          const { alg } = await request.json();
          return Response.json(!!(await loadKeys(env, alg)));
        },
      };
    `,
    // why: built in two steps, each a function of the key alone (what a word list of a corpus gives)
    code`
      const vocab = new Map();
      function load(kind) { return [kind + "-guide", kind + "-api"]; }
      function words(pages) { return pages.map((page) => page.toUpperCase()); }
      export default {
        async fetch(request) {
          const kind = new URL(request.url).searchParams.get("kind") ?? "all";
          if (!vocab.has(kind)) vocab.set(kind, words(load(kind)));
          return Response.json(vocab.get(kind));
        },
      };
    `,
  ],
  invalid: [
    {
      // why: what \`map\`'s callback returns is the result: the request's id is in each name
      code: code`
        let names: string[] = [];
        export default {
          async fetch(request: Request) {
            const id = new URL(request.url).pathname;
            names = ["a", "b"].map((n) => n + id);
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", data: { target: "`names`", origin: "`new URL(request.url).pathname`", event: "request" }, line: 5, column: 5 }],
    },
    {
      // why: a loader that returns another piece of the request (a header) than the key: it leaks under the key
      code: code`
        const store = new Map();
        async function memo(key, load) {
          const value = await load();
          store.set(key, { value, at: Date.now() });
        }
        export default {
          async fetch(request) {
            const user = request.headers.get("x-user");
            await memo(new URL(request.url).pathname, async () => user);
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", line: 4, column: 3 }],
    },
    {
      // why: the same key spelled from the input, with another piece of the request (a header) in the value
      code: code`
        const store = new Map();
        function render(key, user) { return key + user; }
        function read(key, user) {
          const entryKey = \`v1/\${key}\`;
          const value = render(key, user);
          store.set(entryKey, value);
          return value;
        }
        export default {
          async fetch(request) {
            const id = new URL(request.url).pathname;
            return new Response(read(id, request.headers.get("x-user")));
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", line: 6, column: 3 }],
    },
    {
      // why: the value also holds another piece of the request (a header): that piece leaks under the key
      code: code`
        const pages = new Map();
        function render(slug, user) { return slug + user; }
        export default {
          async fetch(request) {
            const slug = new URL(request.url).pathname;
            pages.set(slug, render(slug, request.headers.get("x-user")));
            return new Response(pages.get(slug));
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", data: { target: "`pages`", origin: "`request.headers.get(\"x-user\")`", event: "request" }, line: 6, column: 5 }],
    },
    {
      // why: a module object used as a map whose entry holds another piece of the request
      code: code`
        const seen = {};
        export default {
          async fetch(request) {
            const id = new URL(request.url).pathname;
            seen[id] = { id, ua: request.headers.get("user-agent") };
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", line: 5, column: 5 }],
    },
    {
      // why: the entry holds another piece of the request (a header) beside its key
      code: code`
        const stats = new Map();
        export default {
          async fetch(request) {
            const name = new URL(request.url).pathname;
            stats.set(name, { name, ua: request.headers.get("user-agent") });
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", line: 5, column: 5 }],
    },
    {
      // why: two steps again, but the inner one is given another piece of the request than the key
      code: code`
        const vocab = new Map();
        function load(kind, user) { return [kind + user]; }
        function words(pages) { return pages.map((page) => page.toUpperCase()); }
        export default {
          async fetch(request) {
            const kind = new URL(request.url).searchParams.get("kind") ?? "all";
            vocab.set(kind, words(load(kind, request.headers.get("x-user"))));
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", data: { target: "`vocab`", origin: "`request.headers.get(\"x-user\")`", event: "request" }, line: 7, column: 5 }],
    },
    {
      // why: keyed by one piece of the request, the value is another
      code: code`
        const seen = new Map();
        export default {
          async fetch(request) {
            const slug = new URL(request.url).pathname;
            const user = request.headers.get("x-user");
            seen.set(slug, String(user));
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", data: { target: "`seen`", origin: "`request.headers.get(\"x-user\")`", event: "request" }, line: 6, column: 5 }],
    },
  ],
});

ruleTester.run("no-env-in-global-scope (a cache of what its key computes)", envRule, {
  valid: [
    // why: a hex digest of the secret made by a helper (bytes mapped and joined into text), keyed by that secret
    code`
      const digests = new Map<string, string>();
      async function sha256(text: string) {
        const buf = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
        return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
      }
      export default {
        async fetch(request: Request, env: Env) {
          const secret = env.ADMIN_TOKEN;
          let expected = digests.get(secret);
          if (!expected) {
            expected = await sha256(secret);
            digests.set(secret, expected);
          }
          return new Response(expected);
        },
      };
    `,
    // why: a digest of the secret, keyed by that secret: a rotated secret looks up its own entry
    code`
      const digests = new Map();
      function digest(text) { return text.split("").reverse().join(""); }
      export default {
        async fetch(request, env) {
          const secret = env.SIGNING_KEY;
          if (!digests.has(secret)) digests.set(secret, digest(secret));
          return new Response(digests.get(secret));
        },
      };
    `,
    // why: the module object holds the inputs beside the HTTP client built from them, and is used
    // only while the inputs handed are those: a new key or host builds a new client
    code`
      import { PostHog } from "posthog-node";
      let current;
      function analytics(apiKey, host) {
        if (current?.apiKey === apiKey && current.host === host) return current.client;
        const client = new PostHog(apiKey, { host, flushAt: 1 });
        current = { apiKey, host, client };
        return client;
      }
      export default { async fetch(request, env) { analytics(env.POSTHOG_KEY, env.POSTHOG_HOST).capture({ event: "hit" }); return new Response("ok"); } };
    `,
    // why: an HTTP client (a remote key set) kept under the url it is built from: a new var is a new key
    code`
      import { createRemoteJWKSet } from "jose";
      const sets = new Map();
      function jwksFor(url) {
        let set = sets.get(url);
        if (!set) { set = createRemoteJWKSet(new URL(url)); sets.set(url, set); }
        return set;
      }
      export default { async fetch(request, env) { jwksFor(env.ISSUER + "/jwks"); return new Response("ok"); } };
    `,
  ],
  invalid: [
    {
      // why: the same object around a connection: one request's socket, whatever its url (and the
      // message names the connection the object holds)
      code: code`
        import postgres from "postgres";
        let current;
        function db(url) {
          if (current?.url === url) return current.sql;
          const sql = postgres(url);
          current = { url, sql };
          return sql;
        }
        export default { async fetch(request, env) { await db(env.DATABASE_URL).unsafe("select 1"); return new Response("ok"); } };
      `,
      errors: [stored("current", "env.DATABASE_URL", "socket", 6, 3)],
    },
    {
      // why: an object around a pool a package's namespace import builds is named by the pool's connection
      code: code`
        import pg from "pg";
        let current;
        export default {
          async fetch(request, env) {
            current ??= { url: env.DATABASE_URL, pool: new pg.Pool({ connectionString: env.DATABASE_URL }) };
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("current", "env.DATABASE_URL", "socket", 5, 5)],
    },
    {
      // why: the host is built in but not compared: a new host would still get the old client
      code: code`
        import { PostHog } from "posthog-node";
        let current;
        function analytics(apiKey, host) {
          if (current?.apiKey === apiKey) return current.client;
          const client = new PostHog(apiKey, { host });
          current = { apiKey, host, client };
          return client;
        }
        export default { async fetch(request, env) { analytics(env.POSTHOG_KEY, env.POSTHOG_HOST).capture({ event: "hit" }); return new Response("ok"); } };
      `,
      errors: [stored("current", "env.POSTHOG_KEY", "http", 6, 3)],
    },
    {
      // why: a client built from the key holds it (and may hold a connection): it stays reported
      code: code`
        import postgres from "postgres";
        const clients = new Map();
        export default {
          async fetch(request, env) {
            const url = env.DATABASE_URL;
            if (!clients.has(url)) clients.set(url, postgres(url));
            return new Response("ok");
          },
        };
      `,
      errors: [added("clients", "env.DATABASE_URL", "socket", 6, 28)],
    },
  ],
});

ruleTester.run("no-env-in-global-scope (memoized functions)", envRule, {
  valid: [
    // why: an entry that holds only what its key gives (the key is the secret): a new secret is a new key
    code`
      import memoize from "lodash/memoize";
      const label = memoize((key) => ({ key, at: 0 }));
      export default { async fetch(request, env) { label(env.API_KEY); return new Response("ok"); } };
    `,
    // why: a wrapper of no package the tables know as memoizing, and a memoized function given no derived value
    code`
      import memoize from "lodash/memoize";
      import { once } from "./util";
      const connect = once((url) => postgres(url));
      const getSql = memoize((url) => postgres(url));
      export default { async fetch(request, env) { connect(env.DATABASE_URL); getSql("postgres://localhost"); return new Response("ok"); } };
    `,
    // why: a memoized function named in allow
    {
      code: code`
        import memoize from "lodash/memoize";
        const getSql = memoize((url) => postgres(url));
        export default { async fetch(request, env) { getSql(env.DATABASE_URL); return new Response("ok"); } };
      `,
      options: [{ allow: ["getSql"] }],
    },
  ],
  invalid: [
    {
      // why: the cache of a memoized function keeps the client each key builds, for the module's life
      code: code`
        import memoize from "lodash/memoize";
        import _ from "lodash";
        import postgres from "postgres";
        const getSql = memoize((url) => postgres(url));
        function make(token) { return new Client(token); }
        const getClient = _.memoize(make);
        export default {
          async fetch(request, env) {
            getSql(env.DATABASE_URL);
            getClient(env.TOKEN);
            return new Response("ok");
          },
        };
      `,
      errors: [added("`getSql`'s cache", "env.DATABASE_URL", "socket", 9, 5, "object"), added("`getClient`'s cache", "env.TOKEN", "client", 10, 5, "object")],
    },
  ],
});
