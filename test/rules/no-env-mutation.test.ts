import rule from "../../rules/no-env-mutation";
import { createRuleTester } from "../rule-tester";
import { code } from "./helpers";

const ruleTester = createRuleTester();

const envErr = (target: string, origin: string, line: number, column: number) => ({
  messageId: "envMutation" as const,
  data: { target, origin: `\`${origin}\`` },
  line,
  column,
});
const bindingErr = (target: string, origin: string, line: number, column: number) => ({
  messageId: "bindingMutation" as const,
  data: { target, origin: `\`${origin}\`` },
  line,
  column,
});

ruleTester.run("no-env-mutation", rule, {
  valid: [
    // why: a request's own env copied onto \`process.env\` as it is, on every request (for a library that reads \`process.env\`):
    // each request writes what its env holds, nothing of one request reaches another and nothing stays stale
    {
      code: code`
        export default {
          async fetch(request: Request, env: Env) {
            const target = process.env as Record<string, string | undefined>;
            for (const [key, value] of Object.entries(env)) if (typeof value === "string") target[key] = value;
            process.env.LLM_MODEL = env.LLM_MODEL;
            return new Response("ok");
          },
        };
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
    },
    // why: a default made of env alone that holds no connection (an HTTP client, helpers that keep what they are handed) is one
    // memo per env: every request would make the same of the same env, and a deploy brings a new env
    code`
      import OpenAI from "openai";
      export function ai(env) {
        env.ai ??= new OpenAI({ apiKey: env.OPENAI_KEY });
        return env.ai;
      }
    `,
    code`
      class Helpers {
        constructor(env, provider) { this.env = env; this.provider = provider; }
      }
      export class Provider {
        async fetch(request, env) {
          if (!env.OAUTH_PROVIDER) env.OAUTH_PROVIDER = this.createHelpers(env);
          return new Response("ok");
        }
        createHelpers(env) { return new Helpers(env, this); }
      }
    `,
    {
      // why: constants set on \`process.env\` as the module loads configure a library (the AWS SDK): no request's value reaches another
      code: code`
        Object.assign(globalThis.process.env, { AWS_SDK_LOAD_CONFIG: "0", AWS_EC2_METADATA_DISABLED: "true" });
        process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";
        export default { async fetch() { return new Response("ok"); } };
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
    },
    // why: the rest of an object pattern (\`const { MAIN, ...others } = env\`) is a new object: writing onto it, or onto a constant given it, writes no env
    code`
      export default {
        async fetch(request: Request, env: Env) {
          const { MAIN, ...namespaces } = env;
          Object.assign(namespaces, { main: MAIN });
          (namespaces as Record<string, unknown>).main = MAIN;
          const all = namespaces;
          all.other = 1;
          return new Response(Object.keys(all).join(","));
        },
      };
    `,
    // why: so is a field every write of which gives such a rest (\`this.namespaces = namespaces\`)
    code`
      export class Party {
        namespaces: Record<string, unknown>;
        constructor(state: DurableObjectState, env: Env) {
          const { MAIN, ...namespaces } = env;
          this.namespaces = namespaces;
          Object.assign(this.namespaces, { main: MAIN });
        }
      }
    `,
    // why: a map hung on env when missing (through a local tested just before), holding only what env itself computes: one memo per env, as a WeakMap keyed by env
    code`
      const REGISTRY = Symbol("registry") as unknown as "REGISTRY";
      function memo(env: Record<string, unknown>, key: string, init: () => unknown) {
        let registry = env[REGISTRY] as Map<string, unknown> | undefined;
        if (!registry) {
          registry = new Map();
          (env[REGISTRY] as unknown) = registry;
        }
        if (!registry.has(key)) registry.set(key, init());
        return registry.get(key);
      }
      export default {
        async fetch(request: Request, env: Record<string, unknown>) {
          return Response.json(memo(env, "models", () => String(env.MODELS).split(",")));
        },
      };
    `,
    // why: a binding put back where it was (a leftover no-op) writes nothing
    code`
      export default {
        async fetch(request: Request, env: { FILES_DB: D1Database }) {
          env.FILES_DB = env.FILES_DB;
          return new Response("ok");
        },
      };
    `,
    // why: a stub put in place of a missing binding, the test read with optional chaining
    code`
      import { Hono } from "hono";
      const mockKV = { get: async () => null };
      const app = new Hono();
      app.use(async (c, next) => {
        if (!c.env?.KV) {
          c.env.KV = mockKV;
        }
        await next();
      });
      export default app;
    `,
    // why: the same stub after a guard that returns when the binding is there, read through a local
    code`
      function fillMissingAssets(env) {
        const current = env.ASSETS;
        if (current && typeof current.fetch === "function") return;
        env.ASSETS = { fetch: async () => new Response("no assets here", { status: 501 }) };
      }
      export const onRequest = (context) => {
        fillMissingAssets(context.env);
        return context.next();
      };
    `,
    // why: calling a binding's methods stores data through the binding, not onto it
    code`
      export default {
        async fetch(request, env) {
          await env.KV.put("k", "v");
          await env.DB.prepare("INSERT INTO t VALUES (?)").bind(1).run();
          env.QUEUE.send({ id: 1 });
          return new Response("ok");
        },
      };
    `,
    // why: a copy of env is a new object
    code`
      export default {
        async fetch(request, env) {
          const local = { ...env };
          local.DEBUG = "1";
          Object.assign(local, { X: 1 });
          return new Response("ok");
        },
      };
    `,
    // why: writing a Durable Object's own field named env is not a write onto env
    code`
      export class Counter {
        constructor(state, env) { this.state = state; this.env = env; }
      }
    `,
    // why: the Pages context object is per request; only its env is shared
    code`
      export const onRequest = async (context) => {
        context.data.user = "x";
        return context.next();
      };
    `,
    // why: local helpers named env, all called here with a fresh object, fill that object
    code`
      type Env = Record<string, unknown>;
      function addVars(env: Env, vars: Record<string, string>) { for (const [k, v] of Object.entries(vars)) env[k] = v; }
      export function build(vars: Record<string, string>) {
        const env: Env = {};
        addVars(env, vars);
        const flat = Object.entries(vars).reduce((env, [k, v]) => { env[k] = v; return env; }, {});
        return { env, flat };
      }
    `,
    // why: reading env is not mutating it
    code`
      export default { async fetch(request, env) { const k = env.KEY; return new Response(k); } };
    `,
    // why: a WeakMap keyed by env is the right place for per-env caches
    code`
      const cache = new WeakMap();
      export default { async fetch(request, env) { cache.set(env, { db: drizzle(env.DB) }); return new Response("ok"); } };
    `,
    // why: a request's data written onto \`process.env\` is no-request-state-in-global-scope's (one rule per store)
    {
      code: code`
        import * as proc from "node:process";
        export default {
          async fetch(request: Request) {
            const { region } = (await request.json()) as { region: string };
            process.env.REGION = region;
            proc.env.CITY = region;
            return new Response("ok");
          },
        };
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
    },
  ],
  invalid: [
    {
      // why: what a function of the file declared to give text makes of a secret (\`Promise<string>\`) is text: no connection
      code: code`
        async function decode(value: string): Promise<string> {
          const plain = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
          return new TextDecoder().decode(plain);
        }
        export default {
          async fetch(request: Request, env: Env) {
            env.API_TOKEN = await decode(env.API_TOKEN);
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "envMutation" as const, data: { target: "env.API_TOKEN", origin: "`env`" }, line: 7, column: 5 }],
    },
    {
      // why: copied once, under a guard, the first request's value stays on \`process.env\` after a deploy changes the var
      code: code`
        export default {
          async fetch(request: Request, env: Env) {
            if (!process.env.API_BASE) process.env.API_BASE = env.API_BASE;
            return new Response("ok");
          },
        };
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
      errors: [envErr("process.env.API_BASE", "process.env", 3, 32)],
    },
    {
      // why: env itself, beside a rest taken of it, is still env
      code: code`
        export default {
          async fetch(request: Request, env: Env) {
            const { MAIN, ...namespaces } = env;
            env.MAIN_ALIAS = MAIN;
            return new Response(Object.keys(namespaces).join(","));
          },
        };
      `,
      errors: [{ messageId: "envMutation" as const, line: 4 }],
    },
    {
      // why: such a map filled with a request's state through the local is shared by every request
      code: code`
        export default {
          async fetch(request: Request, env: Record<string, unknown>) {
            let cache = env.__cache as Map<string, string> | undefined;
            if (!cache) {
              cache = new Map();
              env.__cache = cache;
            }
            cache.set("last", await request.text());
            return new Response("ok");
          },
        };
      `,
      errors: [bindingErr("cache.set(…)", "env.__cache", 8, 5)],
    },
    {
      // why: env kept in a field of the module's own instance is env still: a method writing onto it writes onto env
      code: code`
        class Holder {
          private env: any;
          init(env: any) { this.env = env; }
          mark() { this.env.READY = "1"; }
        }
        const holder = new Holder();
        export default {
          async fetch(request: Request, env: { READY?: string }) {
            holder.init(env);
            holder.mark();
            return new Response("ok");
          },
        };
      `,
      errors: [envErr("this.env.READY", "env", 4, 12)],
    },
    {
      // why: a guard that returns when the binding is missing lets the write replace one that is there
      code: code`
        function replaceAssets(env) {
          const current = env.ASSETS;
          if (!current) return;
          env.ASSETS = { fetch: async () => new Response("replaced") };
        }
        export const onRequest = (context) => {
          replaceAssets(context.env);
          return context.next();
        };
      `,
      errors: [envErr("env.ASSETS", "context.env", 4, 3)],
    },
    {
      // why: \`process\` imported as a module's default (or namespace) is the same \`process.env\`
      code: code`
        import process from "node:process";
        import * as proc from "process";
        export default {
          async fetch(request: Request) {
            process.env.TRACE_HEADER = "cf-ray";
            proc.env.OTHER = "x";
            return new Response("ok");
          },
        };
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
      errors: [envErr("process.env.TRACE_HEADER", "process.env", 5, 5), envErr("proc.env.OTHER", "process.env", 6, 5)],
    },
    {
      // why: \`globalThis.process\` (also held in a constant, or filled with \`??=\`) is the same global \`process\`: its env is \`process.env\`
      code: code`
        function copyVars(env: Record<string, unknown>) {
          const proc = ((globalThis as any).process ??= { env: {} });
          for (const [name, value] of Object.entries(env)) if (typeof value === "string") proc.env[name] = "set";
        }
        export default {
          async fetch(request: Request, env: Record<string, unknown>) {
            copyVars(env);
            globalThis.process.env.REGION = "eu";
            return new Response("ok");
          },
        };
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
      errors: [envErr("proc.env[name]", "process.env", 3, 83), envErr("globalThis.process.env.REGION", "process.env", 8, 5)],
    },
    {
      // why: a value put on \`process.env\` for a library is reported where it is written; the value the function saved
      // from there and puts back in its \`finally\`, and a key it removes there, are its cleanup
      code: code`
        export async function withModel(model: string, run: () => Promise<void>) {
          const saved = process.env.LLM_MODEL;
          process.env.LLM_MODEL = model;
          try {
            await run();
          } finally {
            if (saved === undefined) delete process.env.LLM_MODEL;
            else process.env.LLM_MODEL = saved;
          }
        }
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
      errors: [envErr("process.env.LLM_MODEL", "process.env", 3, 3)],
    },
    {
      // why: a write through a cast is named without the cast
      code: code`
        export default {
          async fetch(request, env) {
            (env as Env & { _rateHeaders?: Record<string, string> })._rateHeaders = {};
            return new Response("ok");
          },
        };
      `,
      errors: [envErr("env._rateHeaders", "env", 3, 5)],
    },
    {
      // why: an empty collection put on env as a default is shared by every request; what a request
      // then puts into it (its url, a secret) leaks to the others. Constants put there do not.
      code: code`
        export default {
          async fetch(request, env) {
            env.cache ??= new Map();
            env.seen ||= [];
            env.cache.set(request.url, "seen");
            env.seen.push("constant");
            env.seen.push(env.API_KEY);
            return new Response("ok");
          },
        };
      `,
      errors: [bindingErr("env.cache.set(…)", "env.cache", 5, 5), bindingErr("env.seen.push(…)", "env.seen", 7, 5)],
    },
    {
      // why: a property written onto env
      code: code`
        export default {
          async fetch(request, env) {
            env.CACHE = new Map();
            return new Response("ok");
          },
        };
      `,
      errors: [envErr("env.CACHE", "env", 3, 5)],
    },
    {
      // why: an object built from the request's cookie and put on env leaks that user's session: said before any client's hazard
      code: code`
        export default {
          async fetch(request, env) {
            env.session = new Session(request.headers.get("cookie"), env.DB);
            return new Response("ok");
          },
        };
      `,
      errors: [envErr("env.session", "env", 3, 5)],
    },
    {
      // why: a lazy cache on env
      code: code`
        export function getDb(env) {
          env.db ??= drizzle(env.DB);
          return env.db;
        }
      `,
      // (what is put there is a client built from env: that is the hazard named)
      errors: [{ messageId: "envMutationHolding" as const, data: { target: "env.db", origin: "`env`", hazard: "any connection it holds fails in other requests" }, line: 2, column: 3 }],
    },
    {
      // why: Object.assign, Object.defineProperty and delete on env
      code: code`
        export default {
          async fetch(request, env) {
            Object.assign(env, { user: "x" });
            Object.defineProperty(env, "y", { value: 1 });
            delete env.TEMP;
            return new Response("ok");
          },
        };
      `,
      errors: [envErr("Object.assign(env, …)", "env", 3, 5), envErr("Object.defineProperty(env, …)", "env", 4, 5), envErr("env.TEMP", "env", 5, 5)],
    },
    {
      // why: a write onto a binding object's property
      code: code`
        export default {
          async fetch(request, env) {
            env.DB.lastQuery = "SELECT 1";
            return new Response("ok");
          },
        };
      `,
      errors: [bindingErr("env.DB.lastQuery", "env.DB", 3, 5)],
    },
    {
      // why: the imported env of cloudflare:workers, even at top level
      code: code`
        import { env } from "cloudflare:workers";
        env.STARTED_AT = Date.now();
        export function f() { env.count++; }
      `,
      errors: [envErr("env.STARTED_AT", "env", 2, 1), envErr("env.count", "env", 3, 23)],
    },
    {
      // why: this.env of a Durable Object and c.env in Hono
      code: code`
        import { DurableObject } from "cloudflare:workers";
        import { Hono } from "hono";
        export class Room extends DurableObject {
          async fetch() { this.env.ROOM = this; return new Response("ok"); }
        }
        const app = new Hono();
        app.use(async (c, next) => { c.env.user = c.get("user"); await next(); });
      `,
      errors: [envErr("this.env.ROOM", "this.env", 4, 19), envErr("c.env.user", "c.env", 7, 30)],
    },
    {
      // why: through an alias and a destructuring assignment
      code: code`
        export default {
          async fetch(request, env) {
            const e = env;
            e.flag = true;
            ({ a: env.A } = { a: 1 });
            return new Response("ok");
          },
        };
      `,
      errors: [envErr("e.flag", "env", 4, 5), envErr("env.A", "env", 5, 11)],
    },
    {
      // why: env reaches the written object through a helper's parameter, a helper's return value,
      // a binding-typed parameter and a promise's callback; the plain objects beside them stay silent
      code: code`
        import { getCloudflareContext } from "@opennextjs/cloudflare";
        function same(v) { return v; }
        function tag(e) { e.TAGGED = 1; }
        function mark(kv: KVNamespace) { kv.marked = true; }
        export default {
          async fetch(request, env) {
            const copy = same(env);
            copy.X = 1;
            tag(env);
            mark(env.KV);
            getCloudflareContext({ async: true }).then((ctx) => { ctx.env.Y = 2; });
            const stats = { hits: 0 };
            stats.hits++;
            [1, 2].forEach((n) => { stats.hits += n; });
            return new Response("ok");
          },
        };
      `,
      errors: [
        envErr("e.TAGGED", "env", 3, 19),
        bindingErr("kv.marked", "env.KV", 4, 34),
        envErr("copy.X", "env", 8, 5),
        envErr("ctx.env.Y", "getCloudflareContext().env", 11, 59),
      ],
    },
    {
      // why: Reflect.set and Reflect.deleteProperty
      code: code`
        export function patch(env) {
          Reflect.set(env, "X", 1);
          Reflect.deleteProperty(env, "Y");
        }
      `,
      errors: [envErr("Reflect.set(env, …)", "env", 2, 3), envErr("Reflect.deleteProperty(env, …)", "env", 3, 3)],
    },
  ],
});
