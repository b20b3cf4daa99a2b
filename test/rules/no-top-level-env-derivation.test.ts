import rule from "../../rules/no-top-level-env-derivation";
import { createRuleTester } from "../rule-tester";
import { HAZARD, code } from "./helpers";
import type { Shape } from "../../src/engine/shape";

const ruleTester = createRuleTester();

const quoteTarget = (target: string) => (target.includes("`") || target.startsWith("the ") ? target : `\`${target}\``);
const chosen = (target: string, origin: string, line: number, column: number) => ({
  messageId: "topLevelChosen" as const,
  data: { target, origin: `\`${origin}\`` },
  line,
  column,
});
const value = (target: string, origin: string, line: number, column: number) => ({
  messageId: "topLevelValue" as const,
  data: { target: quoteTarget(target), origin: `\`${origin}\`` },
  line,
  column,
});
const configured = (built: string, target: string, origin: string, line: number, column: number, kind: Shape = "client") => ({
  messageId: "topLevelConfigured" as const,
  data: { built: `\`${built}\``, target: `\`${target}\``, origin: `\`${origin}\``, hazard: HAZARD[kind] },
  line,
  column,
});
const client = (target: string, origin: string, line: number, column: number, kind: Shape = "client") => ({
  messageId: "topLevelClient" as const,
  data: { target: quoteTarget(target), origin: `\`${origin}\``, hazard: HAZARD[kind] },
  line,
  column,
});

ruleTester.run("no-top-level-env-derivation", rule, {
  valid: [
    // why: a module constant named only in types (\`type Auth = typeof auth\`) is read by nothing while the Worker runs
    code`
      import { env } from "cloudflare:workers";
      import { betterAuth } from "better-auth";
      const auth = betterAuth({ secret: env.AUTH_SECRET });
      export type Auth = typeof auth;
      export type Session = typeof auth.$Infer.Session;
    `,
    // why: SvelteKit's static env is written in at build time, and its dynamic env read in a function runs per request
    code`
      import { env as built } from "$env/static/private";
      import { env } from "$env/dynamic/private";
      export const key = built.PAYMENTS_API_KEY;
      export function apiKey() { return env.PAYMENTS_API_KEY; }
    `,
    // why: a factory whose env parameter is typed (callers unseen) hands out env only when given one: called with
    // nothing at load (\`createAuth()\`, for a tool), its parameter is undefined there (\`process.env\` read too, as under nodejs_compat)
    {
      code: code`
        import { betterAuth } from "better-auth";
        export function createAuth(env?: Env) {
          return betterAuth({ secret: env?.AUTH_SECRET || "dev-secret", baseURL: env?.BASE_URL });
        }
        export const auth = createAuth();
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
    },
    // why: reading the imported env lazily inside a function is the fix
    code`
      import { env } from "cloudflare:workers";
      export function getDb() { return drizzle(env.DB); }
    `,
    // why: a top-level alias of the imported env is still the live object
    code`
      import { env } from "cloudflare:workers";
      const bindings = env;
      export function key() { return bindings.KEY; }
    `,
    // why: so is a proxy over it: every read goes through to the live object
    code`
      import { env } from "cloudflare:workers";
      const defaults = { LOG_LEVEL: "info" };
      export const settings = new Proxy(env, { get: (target, key) => target[key] ?? defaults[key] });
    `,
    // why: so is the namespace import's env, taken as a member or destructured
    code`
      import * as cf from "cloudflare:workers";
      const bindings = cf.env;
      const { env: named } = cf;
      const { env } = cf;
      export function keys() { return [bindings.KEY, named.KEY, env.KEY]; }
    `,
    // why: a handler object at top level only closes over env lazily
    code`
      import { env } from "cloudflare:workers";
      export default { async fetch() { return new Response(env.GREETING); } };
    `,
    // why: `env` from another package is not Workers env
    code`
      import { env } from "./config";
      export const key = env.API_KEY;
    `,
    // why: process.env is off by default
    code`
      export const apiKey = process.env.OPENAI_API_KEY;
    `,
    // why: constants not derived from env
    code`
      const BASE = "https://api.example.com";
      export const client = new Client({ base: BASE });
    `,
    // why: allowPrimitives allows plain values
    {
      code: code`
        import { env } from "cloudflare:workers";
        export const LOG_LEVEL = env.LOG_LEVEL ?? "info";
        const prefix = \`\${env.APP_NAME}:\`;
      `,
      options: [{ allowPrimitives: true }],
    },
    // why: allowPrimitives allows numbers and strings converted or split from env
    {
      code: code`
        import { env } from "cloudflare:workers";
        export const MAX_ITEMS = Number(env.MAX_ITEMS);
        export const ORIGINS = env.ALLOWED_ORIGINS.split(",").map((s) => s.trim());
        export const DEBUG = env.DEBUG === "true";
      `,
      options: [{ allowPrimitives: true }],
    },
    // why: getCloudflareContext inside a function runs per request
    code`
      import { getCloudflareContext } from "@opennextjs/cloudflare";
      export async function db() { return drizzle((await getCloudflareContext({ async: true })).env.DB); }
    `,
    // why: a helper's closures over the live env itself read it when called, not at module evaluation
    code`
      import { env } from "cloudflare:workers";
      function csrfConfig(e: Env) {
        return { origin: (o: string) => o === e.ORIGIN, later: () => () => e.ORIGIN, ttl: 3600 };
      }
      export const csrf = csrfConfig(env);
    `,
    // why: a class with an instance field reading env is evaluated per instance
    code`
      import { env } from "cloudflare:workers";
      export class Service { client = new Client(env.KEY); }
    `,
    // why: a local of a function called at once, kept by no closure, is gone when the call ends;
    // a function called later reads env on each call
    code`
      import { env } from "cloudflare:workers";
      (() => { const key = env.API_KEY; console.log(key.length); })();
      export const ready = (async () => { const k = env.API_KEY; await fetch("https://x", { headers: { k } }); return true; })();
      export const later = () => { const client = new OpenAI({ apiKey: env.API_KEY }); return () => client; };
    `,
  ],
  invalid: [
    {
      // why: a module literal keeps its properties, also past a spread of a constant one: a list of the ids keeps no key, and the
      // literal read only for its id and where the map of chains is made is reported there, once
      code: code`
        const devnet = { id: 1, name: "devnet", rpc: "https://rpc.devnet.example" } as const;
        const rpcKey = process.env.RPC_KEY ?? "";
        const mainnet = { ...devnet, id: 4217, name: "mainnet", rpc: \`https://rpc.example/\${rpcKey}\` } as const;
        export const chains = { [devnet.id]: devnet, [mainnet.id]: mainnet };
        export const CHAIN_IDS = [devnet.id, mainnet.id] as const;
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
      errors: [value("chains", "process.env.RPC_KEY", 4, 14)],
    },
    {
      // why: cf-bindings-proxy's \`binding("DB")\` is that binding of env, read once at load (read in a handler, it is that request's)
      code: code`
        import { binding } from "cf-bindings-proxy";
        export const db = binding<D1Database>("DB");
        export async function GET() {
          const kv = binding<KVNamespace>("KV");
          return Response.json(await kv.get("k"));
        }
      `,
      errors: [value("db", 'binding("DB")', 2, 14)],
    },
    {
      // why: names destructured from one value built at load are one finding, for the pattern; one name alone is named so
      code: code`
        import { env } from "cloudflare:workers";
        import NextAuth from "next-auth";
        import { D1Adapter } from "@auth/d1-adapter";
        export const { handlers, auth, signIn } = NextAuth({ adapter: D1Adapter(env.AUTH_DB) });
        export const [first, second] = env.URLS.split(",");
        export const { url } = JSON.parse(env.CONFIG);
      `,
      errors: [
        client("{ handlers, … }", "env.AUTH_DB", 4, 14),
        value("[ first, … ]", "env.URLS", 5, 14),
        value("url", "env.CONFIG", 6, 16),
      ],
    },
    {
      // why: one also read as a value, or exported, is used as it was built
      code: code`
        import { env } from "cloudflare:workers";
        import { betterAuth } from "better-auth";
        const auth = betterAuth({ secret: env.AUTH_SECRET });
        export type Auth = typeof auth;
        export const handler = auth.handler;
        export const exported = betterAuth({ secret: env.AUTH_SECRET });
      `,
      errors: [{ messageId: "topLevelClient", line: 3 }, { messageId: "topLevelClient", line: 5 }, { messageId: "topLevelClient", line: 6 }],
    },
    {
      // why: the same factory handed the live \`env\` at load keeps what its parameter stands for
      code: code`
        import { env } from "cloudflare:workers";
        import { betterAuth } from "better-auth";
        export function createAuth(bindings?: Env) {
          return betterAuth({ secret: bindings?.AUTH_SECRET || "dev-secret" });
        }
        export const auth = createAuth(env);
      `,
      errors: [client("auth", "env.AUTH_SECRET", 6, 14, "http")],
    },
    {
      // why: the live \`env\` cast to a type literal says what each member is: a D1 database, not an unknown client's secret
      code: code`
        import { env } from "cloudflare:workers";
        import { Kysely } from "kysely";
        import { D1Dialect } from "kysely-d1";
        export const db = new Kysely({ dialect: new D1Dialect({ database: (env as { DB: D1Database }).DB }) });
      `,
      errors: [{ ...client("db", "env.DB", 4, 14), data: { target: "`db`", origin: "`env.DB`", hazard: "it keeps the D1 database binding of the deploy that stored it" } }],
    },
    {
      // why: SvelteKit's dynamic env is the Worker's, filled as requests come in: read at load, a snapshot
      code: code`
        import { env } from "$env/dynamic/private";
        export const config = { apiKey: env.PAYMENTS_API_KEY };
      `,
      errors: [value("config", "env.PAYMENTS_API_KEY", 2, 14)],
    },
    {
      // why: a method of an imported class or namespace handed env (\`Redis.fromEnv(env)\`) returns a client
      // made now, as \`createClient(env)\` does; the declared name is what keeps it
      code: code`
        import { env } from "cloudflare:workers";
        import { Redis } from "@upstash/redis/cloudflare";
        import * as sdk from "some-sdk";
        export const redis = Redis.fromEnv(env);
        export const api = sdk.createClient({ token: env.API_TOKEN });
      `,
      errors: [client("redis", "env", 4, 14, "http"), client("api", "env.API_TOKEN", 5, 14)],
    },
    {
      // why: middleware registered, or not, by a read of env at module evaluation stays so after a deploy
      code: code`
        import { env } from "cloudflare:workers";
        import { Hono } from "hono";
        import { logger } from "hono/logger";
        const app = new Hono();
        if (env.ENVIRONMENT !== "production") app.use(logger());
        app.get("/", (c) => c.text("ok"));
        export default app;
      `,
      errors: [{ messageId: "topLevelChoice", data: { origin: "`env.ENVIRONMENT`", target: "`app.use(…)`" }, line: 5, column: 47 }],
    },
    {
      // why: a value an \`if\` or a \`switch\` on a read of env assigns while the module is evaluated is
      // chosen by that read, as a conditional's is
      code: code`
        import { env } from "cloudflare:workers";
        let base = "http://localhost";
        let level = "info";
        let other = "x";
        switch (env.ENVIRONMENT) {
          case "prod": base = "https://api.example.com"; break;
          default: break;
        }
        if (env.DEBUG === "1") { level = "debug"; }
        if (Math.random() > 2) other = "y";
      `,
      errors: [chosen("`base`", "env.ENVIRONMENT", 6, 16), chosen("`level`", "env.DEBUG", 9, 26)],
    },
    {
      // why: the names one \`if\` (with its \`else if\`s) sets by a read of env are one choice: one finding, at the first
      code: code`
        import * as s from "./schemas";
        const engine = process.env.DB_ENGINE ? process.env.DB_ENGINE.toLowerCase() : "sqlite";
        export let users = s.sqliteUsers;
        export let keys = s.sqliteKeys;
        if (engine === "postgres") {
          users = s.pgUsers;
          keys = s.pgKeys;
        } else if (engine === "mysql") {
          users = s.myUsers;
        }
        export default { async fetch() { return Response.json({ users, keys }); } };
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
      errors: [value("engine", "process.env.DB_ENGINE", 2, 7), chosen("`users` and 2 more", "process.env.DB_ENGINE", 6, 3)],
    },
    {
      // why: each name destructured from a literal is read from its own element
      code: code`
        import { env } from "cloudflare:workers";
        const [apiKey, appName] = [env.API_KEY, env.APP_NAME];
        const { url } = { url: env.API_URL, other: 1 };
      `,
      errors: [value("apiKey", "env.API_KEY", 2, 8), value("appName", "env.APP_NAME", 2, 16), value("url", "env.API_URL", 3, 9)],
    },
    {
      // why: a function called at once runs while the module is evaluated: the client its closure
      // keeps is built from that moment's env
      code: code`
        import { env } from "cloudflare:workers";
        import OpenAI from "openai";
        export const getClient = (() => { const c = new OpenAI({ apiKey: env.API_KEY }); return () => c; })();
        export const api = (function () { const client = new OpenAI({ apiKey: env.API_KEY }); return { ask: (q: string) => client.responses.create({ input: q }) }; })();
      `,
      errors: [client("c", "env.API_KEY", 3, 41, "http"), client("client", "env.API_KEY", 4, 41, "http")],
    },
    {
      // why: a value chosen by a read of env while the module is evaluated is as stale as the read;
      // the same choice made in a function is made again on each call
      code: code`
        import { env } from "cloudflare:workers";
        export const API = env.ENVIRONMENT === "production" ? "https://api.example.com" : "http://localhost:8787";
        const log = env.ENVIRONMENT !== "production" ? console.log : () => {};
        export const apiFor = () => (env.ENVIRONMENT === "production" ? "a" : "b");
        export const coin = Math.random() > 0.5 ? "a" : "b";
        export default { async fetch() { log("x"); return new Response(API); } };
      `,
      errors: [chosen("`API`", "env.ENVIRONMENT", 2, 14), chosen("`log`", "env.ENVIRONMENT", 3, 7)],
    },
    {
      // why: a position in a table of constants, looked up once by a read of env, is that read's snapshot;
      // the table is read, not configured
      code: code`
        import { env } from "cloudflare:workers";
        const LEVELS = ["debug", "info", "warn", "error"];
        const threshold = LEVELS.indexOf(env.LOG_LEVEL);
        export default { async fetch() { return new Response(String(threshold)); } };
      `,
      errors: [value("threshold", "env.LOG_LEVEL", 3, 7)],
    },
    {
      // why: a module class's method called once with several values read from env: one finding for the call,
      // named by the one named like a secret
      code: code`
        import { env } from "cloudflare:workers";
        export class Sandbox {
          private static url: string;
          private static token: string;
          static init(url: string, token: string) { Sandbox.url = url; Sandbox.token = token; }
        }
        Sandbox.init(env.SANDBOX_URL, env.SANDBOX_TOKEN);
      `,
      errors: [{ messageId: "topLevelHanded", data: { target: "`Sandbox.init(…)`", origin: "`env.SANDBOX_TOKEN`", hazard: "what it keeps is a stale snapshot after a deploy" }, line: 7, column: 14 }],
    },
    {
      // why: \`createEnv\` of \`@t3-oss/env-*\` checks the values it is handed and gives them back:
      // a snapshot of them, no client
      code: code`
        import { env as live } from "cloudflare:workers";
        import { createEnv } from "@t3-oss/env-core";
        export const env = createEnv({ server: {}, runtimeEnv: { AUTH_SECRET: live.AUTH_SECRET } });
      `,
      errors: [value("env", "env.AUTH_SECRET", 3, 14)],
    },
    {
      // why: a helper that reads env before its closure captures the value, or returns what it read
      code: code`
        import { env } from "cloudflare:workers";
        function captured(e: Env) {
          const origin = e.ORIGIN;
          return { check: (o: string) => o === origin };
        }
        function read(e: Env) {
          return { origin: e.ORIGIN };
        }
        export const a = captured(env);
        export const b = read(env);
      `,
      errors: [{ messageId: "topLevelValue", data: { target: "`a`", origin: "a closure over `env`" }, line: 9, column: 14 }, value("b", "env.ORIGIN", 10, 14)],
    },
    {
      // why: a top-level copy of a secret
      code: code`
        import { env } from "cloudflare:workers";
        const key = env.API_KEY;
      `,
      errors: [value("key", "env.API_KEY", 2, 7)],
    },
    {
      // why: an exported drizzle client built at module evaluation
      code: code`
        import { env } from "cloudflare:workers";
        import { drizzle } from "drizzle-orm/d1";
        export const db = drizzle(env.DB);
      `,
      errors: [client("db", "env.DB", 3, 14, "binding")],
    },
    {
      // why: an auth library given a URL, a secret and a database: the secret is named, and what it
      // keeps; without a secret, the database it is given, not the URL
      code: code`
        import { env } from "cloudflare:workers";
        import { betterAuth } from "better-auth";
        import { drizzle } from "drizzle-orm/d1";
        export const auth = betterAuth({ baseURL: env.APP_URL, secret: env.AUTH_SECRET, database: drizzle(env.DB) });
        export const db = betterAuth({ baseURL: env.APP_URL, database: drizzle(env.DB) });
      `,
      errors: [client("auth", "env.AUTH_SECRET", 4, 14, "http"), client("db", "env.DB", 5, 14, "binding")],
    },
    {
      // why: SDKs that call over fetch keep their secret (the CMS client, the Cloudflare API client)
      code: code`
        import { env } from "cloudflare:workers";
        import { createClient } from "@sanity/client";
        import Cloudflare from "cloudflare";
        export const cms = createClient({ projectId: env.SANITY_PROJECT, token: env.SANITY_TOKEN });
        export const api = new Cloudflare({ apiToken: env.CF_API_TOKEN });
      `,
      errors: [client("cms", "env.SANITY_TOKEN", 4, 14, "http"), client("api", "env.CF_API_TOKEN", 5, 14, "http")],
    },
    {
      // why: a client built from a secret
      code: code`
        import { env } from "cloudflare:workers";
        const client = new OpenAI({ apiKey: env.OPENAI_API_KEY });
      `,
      errors: [client("client", "env.OPENAI_API_KEY", 2, 7)],
    },
    {
      // why: a socket pool bound to the first request that uses it
      code: code`
        import { env } from "cloudflare:workers";
        import { Pool } from "@neondatabase/serverless";
        export const pool = new Pool({ connectionString: env.DATABASE_URL });
      `,
      errors: [client("pool", "env.DATABASE_URL", 3, 14, "socket")],
    },
    {
      // why: neon()'s client queries over HTTP (its secret goes stale); its Pool holds a socket
      code: code`
        import { env } from "cloudflare:workers";
        import { neon } from "@neondatabase/serverless";
        export const sql = neon(env.DATABASE_URL);
      `,
      errors: [client("sql", "env.DATABASE_URL", 3, 14, "http")],
    },
    {
      // why: Prisma's Neon adapter holds a socket pool; its \`PrismaNeonHttp\` queries over HTTP
      code: code`
        import { env } from "cloudflare:workers";
        import { PrismaNeon, PrismaNeonHttp } from "@prisma/adapter-neon";
        export const pooled = new PrismaNeon({ connectionString: env.DATABASE_URL });
        export const http = new PrismaNeonHttp(env.DATABASE_URL, {});
      `,
      errors: [client("pooled", "env.DATABASE_URL", 3, 14, "socket"), client("http", "env.DATABASE_URL", 4, 14, "http")],
    },
    {
      // why: the values a default export object is made with are made once; its methods run later
      code: code`
        import { env } from "cloudflare:workers";
        import { drizzle } from "drizzle-orm/node-postgres";
        export default {
          db: drizzle(env.DATABASE_URL),
          async fetch() { return new Response(env.GREETING); },
        };
      `,
      errors: [client("the default export's `db`", "env.DATABASE_URL", 4, 7, "socket")],
    },
    {
      // why: renamed import and destructuring
      code: code`
        import { env as bindings } from "cloudflare:workers";
        const { SECRET, DB } = bindings;
      `,
      errors: [value("SECRET", "env.SECRET", 2, 9), value("DB", "env.DB", 2, 17)],
    },
    {
      // why: namespace import
      code: code`
        import * as cf from "cloudflare:workers";
        export const kv = cf.env.KV;
      `,
      errors: [value("kv", "cf.env.KV", 2, 14)],
    },
    {
      // why: allowPrimitives still reports clients
      code: code`
        import { env } from "cloudflare:workers";
        export const LOG_LEVEL = env.LOG_LEVEL;
        export const sql = postgres(env.DATABASE_URL);
      `,
      options: [{ allowPrimitives: true }],
      errors: [client("sql", "env.DATABASE_URL", 3, 14)],
    },
    {
      // why: top-level await of OpenNext's context snapshots the first request
      code: code`
        import { getCloudflareContext } from "@opennextjs/cloudflare";
        const { env } = await getCloudflareContext({ async: true });
        export const db = drizzle(env.DB);
      `,
      errors: [
        { messageId: "topLevelContext", data: { callee: "getCloudflareContext" }, line: 2, column: 23 },
        client("db", "getCloudflareContext().env.DB", 3, 14),
      ],
    },
    {
      // why: process.env where enabled
      code: code`
        export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
      errors: [client("stripe", "process.env.STRIPE_SECRET_KEY", 1, 14)],
    },
    {
      // why: a static field initializer runs at module evaluation
      code: code`
        import { env } from "cloudflare:workers";
        export class Api { static client = new Client(env.API_KEY); }
      `,
      errors: [client("Api.client", "env.API_KEY", 2, 27)],
    },
    {
      // why: a top-level write to globalThis
      code: code`
        import { env } from "cloudflare:workers";
        globalThis.token = env.TOKEN;
      `,
      errors: [value("`globalThis.token`", "env.TOKEN", 2, 1)],
    },
    {
      // why: a chain of module constants each built from the one before is one finding, at the
      // last; a link also read elsewhere (\`key\` in the handler) is its own
      code: code`
        import { env } from "cloudflare:workers";
        import postgres from "postgres";
        const url = env.DATABASE_URL;
        const sql = postgres(url);
        export const db = wrap(sql);
        const key = env.API_KEY;
        const signer = makeSigner(key);
        export default { fetch() { return new Response(key + signer.id); } };
      `,
      errors: [
        client("db", "env.DATABASE_URL", 5, 14, "socket"),
        value("key", "env.API_KEY", 6, 7),
        client("signer", "env.API_KEY", 7, 7),
      ],
    },
    {
      // why: a link destructured, and checked by a guard that throws without it, still only feeds
      // the next: one finding, at the last; a guard that does something else is a use of its own
      code: code`
        import { env } from "cloudflare:workers";
        import postgres from "postgres";
        const { DATABASE_URL } = env;
        if (!DATABASE_URL) {
          throw new Error("DATABASE_URL is not set");
        }
        export const db = postgres(DATABASE_URL);
        const token = env.TOKEN;
        if (!token) console.warn("no token");
        export const client = makeClient(token);
        const valid = /^https:/.test(env.ORIGIN);
        if (!valid) throw new Error("ORIGIN must be https");
      `,
      errors: [client("db", "env.DATABASE_URL", 7, 14, "socket"), value("token", "env.TOKEN", 8, 7), client("client", "env.TOKEN", 10, 14)],
    },
    {
      // why: a link whose entries a loop checks, throwing for a missing one, still only feeds the
      // next (\`forEach\` over \`Object.entries\`, a \`for … of\`); a loop that does more uses it
      code: code`
        import { env as live } from "cloudflare:workers";
        const required = { secret: live.JWT_SECRET };
        Object.entries(required).forEach(([key, value]) => {
          if (!value) throw new Error(key);
        });
        export const env = { secret: required.secret };
        const keys = { api: live.API_KEY };
        for (const value of Object.values(keys)) {
          if (!value) {
            throw new Error("missing");
          }
        }
        export const api = { key: keys.api };
        const logged = { token: live.TOKEN };
        Object.entries(logged).forEach(([key, value]) => console.log(key, value));
        export const other = { token: logged.token };
      `,
      errors: [value("env", "env.JWT_SECRET", 6, 14), value("api", "env.API_KEY", 13, 14), value("logged", "env.TOKEN", 14, 7), value("other", "env.TOKEN", 16, 14)],
    },
    {
      // why: a module object configured once with a snapshot of env; Hono's own middleware keeps
      // the var it was built with and holds no client
      code: code`
        import { env } from "cloudflare:workers";
        import { Hono } from "hono";
        import { cors } from "hono/cors";
        const app = new Hono();
        app.use(cors({ origin: env.ALLOWED_ORIGIN }));
        app.get("/", (c) => c.text(env.GREETING));
      `,
      errors: [configured("cors(…)", "app.use(…)", "env.ALLOWED_ORIGIN", 5, 9, "secret")],
    },
    {
      // why: a constant read only where the app is configured is a link of that chain, and a default
      // export that forwards the app's \`fetch\` holds the app, reported where it is configured
      code: code`
        import { env } from "cloudflare:workers";
        import { Hono } from "hono";
        import { cors } from "hono/cors";
        const site = env.SITE_ORIGIN;
        export const app = new Hono().use(cors({ origin: [site, "https://static.example"] }));
        export default { fetch: app.fetch, region: env.REGION };
      `,
      errors: [configured("cors(…)", "app.use(…)", "env.SITE_ORIGIN", 5, 35, "secret"), value("the default export's `region`", "env.REGION", 6, 44)],
    },
    {
      // why: `export default app.use(…)` is the app itself, configured once: one finding, on the call
      code: code`
        import { env } from "cloudflare:workers";
        import { Hono } from "hono";
        import { cors } from "hono/cors";
        const app = new Hono();
        export default app.use(cors({ origin: env.ORIGIN }));
      `,
      errors: [configured("cors(…)", "app.use(…)", "env.ORIGIN", 5, 24, "secret")],
    },
    {
      // why: a builder chain's value is the app: the configuration is reported, not \`app\` again,
      // and named by the app's name rather than by the chain's text
      code: code`
        import { env } from "cloudflare:workers";
        import { Hono } from "hono";
        import { cors } from "hono/cors";
        import { api } from "./api";
        const app = new Hono().use(cors({ origin: env.ORIGIN })).route("/api", api);
        export default app;
      `,
      errors: [configured("cors(…)", "app.use(…)", "env.ORIGIN", 5, 28, "secret")],
    },
    {
      // why: a chain of registrations as a statement: the derived argument is found inside it
      code: code`
        import { env } from "cloudflare:workers";
        import { Hono } from "hono";
        import { cors } from "hono/cors";
        import { logger } from "hono/logger";
        const app = new Hono();
        app.use(logger()).use(cors({ origin: env.ORIGIN }));
      `,
      errors: [configured("cors(…)", "app.use(…).use(…)", "env.ORIGIN", 6, 23, "secret")],
    },
    {
      // why: a top-level push is one store, reported once
      code: code`
        import { env } from "cloudflare:workers";
        const list = [];
        list.push(env.A);
      `,
      errors: [value("`list`", "env.A", 3, 1)],
    },
    {
      // why: a derived default export (built of a flag: the flag's snapshot)
      code: code`
        import { env } from "cloudflare:workers";
        export default new Hono({ strict: env.STRICT === "1" });
      `,
      errors: [value("the default export", "env.STRICT", 2, 16)],
    },
    {
      // why: the validated env module: what a schema's \`parse\` returns of the whole env, as
      // \`export const\` would keep it
      code: code`
        import { env } from "cloudflare:workers";
        import { z } from "zod";
        const Shape = z.object({ API_URL: z.string() });
        export default Shape.parse(env);
      `,
      errors: [value("the default export", "env", 4, 16)],
    },
  ],
});
