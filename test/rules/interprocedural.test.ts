/**
 * Derived values followed through the file's own functions, classes and singletons (issue 4 shapes),
 * checked through `no-env-in-global-scope`.
 */
import rule from "../../rules/no-env-in-global-scope";
import { createRuleTester } from "../rule-tester";
import { added, code, lazy, stored } from "./helpers";

const ruleTester = createRuleTester();

ruleTester.run("no-env-in-global-scope (through functions)", rule, {
  valid: [
    // why: a factory called per request whose result stays local
    code`
      function createClient(config) { return new Client(config.key); }
      export default {
        async fetch(request, env) {
          const client = createClient({ key: env.KEY });
          return client.get();
        },
      };
    `,
    // why: an instance a handler makes in a variable of its own holds this request's env only
    code`
      class Store {
        setEnv(e) { this.env = e; }
      }
      export default {
        async fetch(request, env) {
          let store = null;
          store ??= new Store();
          store.setEnv(env);
          return new Response("ok");
        },
      };
    `,
    // why: a helper that returns a derived value to a local
    code`
      const makeDb = (d1) => drizzle(d1);
      export default { async fetch(request, env) { const db = makeDb(env.DB); return Response.json(await db.select()); } };
    `,
    // why: a helper that stores only a constant
    code`
      let calls = 0;
      function track(value) { calls = calls + 1; return value; }
      export default { async fetch(request, env) { track(env.KEY); return new Response("ok"); } };
    `,
    // why: a helper whose parameter receives only constants in this file
    code`
      let cached;
      function remember(v) { cached = v; }
      export default { async fetch(request, env) { remember("static"); return new Response("ok"); } };
    `,
    // why: a static method that does not store
    code`
      class Repo {
        static of(env) { return new Repo(drizzle(env.DB)); }
        constructor(db) { this.db = db; }
      }
      export default { async fetch(request, env) { const repo = Repo.of(env); return Response.json(await repo.db.select()); } };
    `,
    // why: a class instantiated per request may keep env on `this`
    code`
      class Service {
        load(env) { this.key = env.KEY; }
      }
      export default { async fetch(request, env) { const s = new Service(); s.load(env); return new Response("ok"); } };
    `,
    // why: a listener registered on a per-request emitter
    code`
      export default {
        async fetch(request, env) {
          const emitter = new EventEmitter();
          emitter.on("done", () => env.LOGS.writeDataPoint({}));
          return new Response("ok");
        },
      };
    `,
    // why: a promise callback on a binding read receives plain data
    code`
      let flags;
      export default { async fetch(request, env) { env.KV.get("flags", "json").then((v) => { flags = v; }); return new Response("ok"); } };
    `,
    // why: recursion terminates and stores nothing
    code`
      function walk(env, n) { return n === 0 ? env.ROOT : walk(env, n - 1); }
      export default { async fetch(request, env) { return new Response(walk(env, 3)); } };
    `,
    // why: an imported setter that receives a constant
    code`
      import { setLevel } from "./log";
      export default { async fetch(request, env) { setLevel("debug"); return new Response("ok"); } };
    `,
    // why: an imported function whose name does not suggest it keeps its argument
    code`
      import { handle } from "./app";
      export default { async fetch(request, env) { return handle(request, env); } };
    `,
  ],
  invalid: [
    {
      // why: an element of an array literal is what was put there: a loop over \`[env]\` or an index read names it, not a member of a list
      code: code`
        let saved: Env | undefined;
        let db: D1Database | undefined;
        const seen: string[] = [];
        export default {
          async fetch(request: Request, env: Env) {
            for (const e of [env]) saved = e;
            const pair = [env.DB, env.KV];
            db = pair[0];
            for (const k of [env.SECRET]) seen.push(k);
            return new Response("ok");
          },
        };
      `,
      errors: [stored("saved", "env", "env", 6, 28), stored("db", "env.DB", "value", 8, 5), added("`seen`", "env.SECRET", "value", 9, 35)],
    },
    // ----- through local functions -----
    {
      // why: a derived argument makes the parameter derived; the store inside the helper escapes
      code: code`
        let client;
        function connect(url) {
          client = new Client(url);
        }
        export default { async fetch(request, env) { connect(env.DATABASE_URL); return new Response("ok"); } };
      `,
      errors: [stored("client", "env.DATABASE_URL", "client", 3, 3)],
    },
    {
      // why: TypeScript's \`this\` parameter is no argument: the first argument fills the next parameter
      code: code`
        let kept: unknown;
        function keep(this: void, v: unknown) {
          kept = v;
        }
        const box = { put(this: { n: number }, d: unknown, tag: string) { kept = d; return tag; } };
        export default { async fetch(request: Request, env: Env) { keep(env.API_KEY); box.put(env.DB, "x"); return new Response("ok"); } };
      `,
      errors: [stored("kept", "env.API_KEY", "value", 3, 3), stored("kept", "env.DB", "value", 5, 67)],
    },
    {
      // why: a returned derived value stored by the caller (getDb-style helper)
      code: code`
        let db;
        function getDb(d1) { return drizzle(d1); }
        export default { async fetch(request, bindings) { db = getDb(bindings.DB); return new Response("ok"); } };
      `,
      errors: [stored("db", "bindings.DB", "client", 3, 51)],
    },
    {
      // why: arguments passed through three functions
      code: code`
        let saved;
        function c(x) { saved = x; }
        function b(x) { c(x); }
        function a(x) { b(x); }
        export default { async fetch(request, env) { a(env.SECRET); return new Response("ok"); } };
      `,
      errors: [stored("saved", "env.SECRET", "value", 2, 17)],
    },
    {
      // why: curried helper returning a closure over its argument, named by what the caller handed
      code: code`
        let query;
        const withDb = (d1) => (sql) => d1.prepare(sql);
        export default { async fetch(request, env) { query = withDb(env.DB); return new Response("ok"); } };
      `,
      errors: [stored("query", "a closure over `env.DB`", "closure", 3, 46)],
    },
    {
      // why: a default parameter derived from another parameter
      code: code`
        let db;
        function init(bindings, client = drizzle(bindings.DB)) { db = client; }
        export default { async fetch(request, env) { init(env); return new Response("ok"); } };
      `,
      errors: [stored("db", "env.DB", "client", 2, 58)],
    },
    {
      // why: .call, .apply and .bind pass arguments too
      code: code`
        let a; let b; let c;
        function setA(v) { a = v; }
        function setB(v) { b = v; }
        function setC(v) { c = v; }
        export default {
          async fetch(request, env) {
            setA.call(null, env.A);
            setB.apply(null, [env.B]);
            const bound = setC.bind(null);
            return new Response("ok");
          },
        };
      `,
      errors: [stored("a", "env.A", "value", 2, 20), stored("b", "env.B", "value", 3, 20)],
    },
    {
      // why: a method of a module object literal called with env
      code: code`
        let conn;
        const db = {
          open(url) { conn = connect(url); },
        };
        export default { async fetch(request, env) { db.open(env.DATABASE_URL); return new Response("ok"); } };
      `,
      errors: [stored("conn", "env.DATABASE_URL", "client", 3, 15)],
    },
    {
      // why: a callback on a derived collection receives its elements
      code: code`
        const config = {};
        export default {
          async fetch(request, env) {
            Object.entries(env).forEach(([key, value]) => { config[key] = value; });
            return new Response("ok");
          },
        };
      `,
      errors: [stored("config[key]", "env[…]", "value", 4, 53, "object")],
    },
    // ----- lazy singletons -----
    {
      // why: a module object used as a cache
      code: code`
        const state = {};
        export function getDb(env) {
          state.db ??= drizzle(env.DB);
          return state.db;
        }
      `,
      errors: [lazy("state.db", "env.DB", "client", 3, 3, "object")],
    },
    {
      // why: a memoising helper defined in the file, stored at module scope
      code: code`
        function once(fn) { let v; return () => (v ??= fn()); }
        let getClient;
        export default {
          async fetch(request, env) {
            getClient ??= once(() => new Client(env.KEY));
            return getClient().send();
          },
        };
      `,
      errors: [lazy("getClient", "a closure over `env`", "closure", 5, 5)],
    },
    {
      // why: a static instance getter
      code: code`
        export class Db {
          static instance;
          static get(env) { return (Db.instance ??= new Db(env)); }
          constructor(env) { this.d1 = env.DB; }
        }
      `,
      errors: [lazy("Db.instance", "env", "client", 3, 29, "object")],
    },
    {
      // why: a private static field
      code: code`
        export class Auth {
          private static client: Client | null = null;
          static get(env: Env) {
            if (!Auth.client) Auth.client = new Client(env.AUTH_SECRET);
            return Auth.client;
          }
        }
      `,
      errors: [lazy("Auth.client", "env.AUTH_SECRET", "client", 4, 23, "object")],
    },
    {
      // why: a cache keyed by a connection string holding clients
      code: code`
        const cache = {};
        export function sql(env) {
          const url = env.DATABASE_URL;
          return (cache[url] ??= postgres(url));
        }
      `,
      errors: [lazy("cache[url]", "env.DATABASE_URL", "client", 4, 11, "object")],
    },
    {
      // why: the state of a function called once at module evaluation lives as long as the module
      code: code`
        export const getDb = (() => {
          let db;
          return (env) => (db ??= drizzle(env.DB));
        })();
      `,
      errors: [lazy("db", "env.DB", "client", 3, 20)],
    },
    // ----- module-scope instances and objects with methods -----
    {
      // why: a module-scope instance whose method copies bindings into this
      code: code`
        class Config {
          load(env) { this.apiKey = env.API_KEY; }
        }
        export const config = new Config();
        export default { async fetch(request, env) { config.load(env); return new Response("ok"); } };
      `,
      errors: [stored("`this.apiKey` of instance `config`", "env.API_KEY", "value", 2, 15, "module-instance")],
    },
    {
      // why: a module object literal whose method stores its argument on this
      code: code`
        export const registry = {
          register(client) { this.client = client; },
        };
        export default { async fetch(request, env) { registry.register(new Client(env.KEY)); return new Response("ok"); } };
      `,
      errors: [stored("`this.client` of object `registry`", "env.KEY", "client", 2, 22, "shared-object")],
    },
    {
      // why: an object nested in a module constant is module scope too, reached by its path or
      // through a constant alias of it
      code: code`
        const services = { mail: { configure(pw) { this.password = pw; } } };
        const flat = { set(k) { this.key = k; } };
        export default {
          async fetch(request, env) {
            const mailer = services.mail;
            mailer.configure(env.SMTP_PASSWORD);
            const f = flat;
            f.set(env.API_KEY);
            return new Response("ok");
          },
        };
      `,
      errors: [
        stored("`this.password` of object `services.mail`", "env.SMTP_PASSWORD", "value", 1, 44, "shared-object"),
        stored("`this.key` of object `flat`", "env.API_KEY", "value", 2, 25, "shared-object"),
      ],
    },
    {
      // why: a module instance created with a default export and a setter method
      code: code`
        class Store {
          setEnv(e) { this.env = e; }
        }
        const store = new Store();
        export default { async fetch(request, env) { store.setEnv(env); return new Response("ok"); } };
      `,
      errors: [stored("`this.env` of instance `store`", "env", "env", 2, 15, "module-instance")],
    },
    {
      // why: a module variable a handler fills once with an instance is a module-scope instance too
      code: code`
        class Store {
          setEnv(e) { this.env = e; }
        }
        let store = null;
        export default { async fetch(request, env) { store ??= new Store(); store.setEnv(env); return new Response("ok"); } };
      `,
      errors: [stored("`this.env` of instance `store`", "env", "env", 2, 15, "module-instance")],
    },
    // ----- closures and callbacks kept at module scope -----
    {
      // why: a closure pushed onto a module array
      code: code`
        const hooks = [];
        export default {
          async fetch(request, env) {
            hooks.push(async () => env.QUEUE.send("x"));
            return new Response("ok");
          },
        };
      `,
      errors: [added("hooks", "a closure over `env`", "closure", 4, 5, "object")],
    },
    {
      // why: a listener on a module-scope emitter
      code: code`
        const bus = new EventEmitter();
        export default {
          async fetch(request, env) {
            bus.on("order", (o) => env.ORDERS.put(o.id, JSON.stringify(o)));
            return new Response("ok");
          },
        };
      `,
      errors: [added("bus", "a closure over `env`", "closure", 4, 5, "object")],
    },
    {
      // why: addEventListener and subscribe on module objects
      code: code`
        const target = new EventTarget();
        const store = createStore();
        export default {
          async fetch(request, env) {
            const log = (e) => env.LOGS.writeDataPoint(e);
            target.addEventListener("x", log);
            store.subscribe(() => console.log(env.DEBUG));
            return new Response("ok");
          },
        };
      `,
      errors: [added("target", "a closure over `env`", "closure", 6, 5, "object"), added("store", "a closure over `env`", "closure", 7, 5, "object")],
    },
    {
      // why: a closure stored in a module Map
      code: code`
        const handlers = new Map();
        export default {
          async fetch(request, env) {
            handlers.set("notify", (msg) => fetch(env.WEBHOOK_URL, { method: "POST", body: msg }));
            return new Response("ok");
          },
        };
      `,
      errors: [added("handlers", "a closure over `env`", "closure", 4, 5, "object")],
    },
    // ----- setters -----
    {
      // why: an exported setter that stores its env parameter
      code: code`
        let currentEnv: Env;
        export function setEnv(e: Env) { currentEnv = e; }
      `,
      errors: [stored("currentEnv", "e", "env", 2, 34)],
    },
    {
      // why: init(env) storing its parameter
      code: code`
        let bindings;
        export function init(env) { bindings = env; }
      `,
      errors: [stored("bindings", "env", "env", 2, 29)],
    },
    {
      // why: env handed to a setter imported from a local module
      code: code`
        import { setEnv } from "./env";
        export default {
          async fetch(request, env) {
            setEnv(env);
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "handedToSetter", data: { callee: "setEnv", source: "./env", origin: "`env`" }, line: 4, column: 5 }],
    },
    {
      // why: initDb with a derived value, awaited
      code: code`
        import { initDb } from "../lib/db";
        export default {
          async fetch(request, env) {
            await initDb(env.DATABASE_URL);
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "handedToSetter", data: { callee: "initDb", source: "../lib/db", origin: "`env.DATABASE_URL`" }, line: 4, column: 11 }],
    },
    // ----- aliases of module scope -----
    {
      // why: a local alias of globalThis
      code: code`
        export default {
          async fetch(request, env) {
            const g = globalThis;
            g.prisma ??= new PrismaClient({ datasourceUrl: env.DATABASE_URL });
            return new Response("ok");
          },
        };
      `,
      errors: [lazy("globalThis.prisma", "env.DATABASE_URL", "client", 4, 5, "global")],
    },
    {
      // why: a local alias of a module cache
      code: code`
        const moduleCache = new Map();
        export default {
          async fetch(request, env) {
            const store = moduleCache;
            store.set("client", new Client(env.KEY));
            return new Response("ok");
          },
        };
      `,
      errors: [added("moduleCache", "env.KEY", "client", 5, 5, "object")],
    },
    {
      // why: Reflect.set and Object.defineProperty on globalThis
      code: code`
        export default {
          async fetch(request, env) {
            Reflect.set(globalThis, "token", env.TOKEN);
            Object.defineProperty(globalThis, "db", { value: drizzle(env.DB) });
            return new Response("ok");
          },
        };
      `,
      errors: [stored("globalThis", "env.TOKEN", "value", 3, 5, "global"), stored("globalThis", "env.DB", "client", 4, 5, "global")],
    },
    {
      // why: destructuring assignment into module names
      code: code`
        let apiKey;
        let dbUrl;
        export default {
          async fetch(request, env) {
            ({ API_KEY: apiKey, DATABASE_URL: dbUrl } = env);
            return new Response("ok");
          },
        };
      `,
      errors: [stored("apiKey", "env.API_KEY", "value", 5, 17), stored("dbUrl", "env.DATABASE_URL", "value", 5, 39)],
    },
  ],
});
