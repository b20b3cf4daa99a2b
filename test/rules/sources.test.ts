/**
 * Every way Workers code receives `env` (frameworks, accessors, imports), checked through
 * `no-env-in-global-scope`; look-alikes that are not Workers env must stay silent.
 */
import rule from "../../rules/no-env-in-global-scope";
import { createRuleTester } from "../rule-tester";
import { code, lazy, stored } from "./helpers";

const ruleTester = createRuleTester();

ruleTester.run("no-env-in-global-scope (sources)", rule, {
  valid: [
    // why: Express's `req.env` is not Hono's `c.env` (no hono import in the file)
    code`
      import express from "express";
      const app = express();
      let cfg;
      app.get("/", (req, res) => { cfg = req.env; res.send("ok"); });
    `,
    // why: a Hono handler that keeps c.env local
    code`
      import { Hono } from "hono";
      const app = new Hono();
      app.get("/", async (c) => {
        const db = drizzle(c.env.DB);
        return c.json(await db.select());
      });
      export default app;
    `,
    // why: a non-exported function named onRequest is not a Pages Function
    code`
      let cached;
      function onRequest(context) { cached = context.env.KEY; }
      onRequest({});
    `,
    // why: getCloudflareContext from another package is not OpenNext's
    code`
      import { getCloudflareContext } from "./my-context";
      let secret;
      export function f() { secret = getCloudflareContext().env.SECRET; }
    `,
    // why: `env` imported from another package is not Workers env
    code`
      import { env } from "better-auth";
      let secret;
      export function f() { secret = env.BETTER_AUTH_SECRET; }
    `,
    // why: a local `env` holding process.env in a Node script is not Workers env (process.env is off by default)
    code`
      let apiKey;
      export function main() {
        const env = process.env;
        apiKey = env.API_KEY;
      }
    `,
    // why: process.env is not a source unless enabled
    code`
      let key;
      export function f() { key = process.env.OPENAI_API_KEY; }
    `,
    // why: a non-exported class with two constructor parameters is not a legacy Durable Object
    code`
      let last;
      class Thing {
        constructor(state, config) { this.config = config; }
        run() { last = this.config.name; }
      }
      new Thing(1, 2).run();
    `,
    // why: a first parameter named like a Durable Object's state but typed as something else
    // (a session storage) makes no Durable Object of an exported class
    code`
      let last;
      export class SessionHandler {
        constructor(storage: SessionStorage, session: Session) { this.session = session; }
        remember() { last = this.session.id; }
      }
    `,
    // why: a router that does not come from itty-router hands no env to its callbacks
    code`
      import { Router } from "./router";
      const router = Router();
      let token;
      router.get("/", (request, options) => { token = options.token; });
      export default router;
    `,
    // why: a class named DurableObject declared in the file is not Cloudflare's
    code`
      class DurableObject { constructor(a, b) { this.env = b; } }
      let leaked;
      export class Store extends DurableObject { run() { leaked = this.env.KEY; } }
    `,
    // why: a class of the file built on no Workers base, one that extends itself through another,
    // and a mixin applied to a plain class
    code`
      import { Base as Other } from "some-package";
      let a; let b; let c;
      class Plain {}
      export class Store extends Plain { run() { a = this.env.A; } }
      class A extends B { run() { b = this.env.B; } }
      class B extends A {}
      export class Mixed extends withLogs(Other) { run() { c = this.env.C; } }
    `,
    // why: an Agent base imported from another package is not the agents SDK
    code`
      import { Agent } from "./my-agents";
      let saved;
      export class Bot extends Agent { async run() { saved = this.env.TOKEN; } }
    `,
    // why: platform.env on a module object, not a parameter, is not SvelteKit's platform
    code`
      const config = { platform: { env: { MODE: "dev" } } };
      let mode;
      export function read() { mode = config.platform.env.MODE; }
    `,
    // why: locals.runtime.env on a module object, not a request context, is not Astro's
    code`
      const settings = { locals: { runtime: { env: {} } } };
      let value;
      export function read() { value = settings.locals.runtime.env.X; }
    `,
    // why: context.cloudflare.env on a locally built object is not Nitro's event
    code`
      let url;
      export function read() {
        const event = { context: { cloudflare: { env: { URL: "x" } } } };
        url = event.context.cloudflare.env.URL;
      }
    `,
    // why: an accessor not declared in settings is not a source
    code`
      let a;
      export function f() { a = getConfig().A; }
    `,
    // why: an exported function named loader in a non-framework sense still only reports derived values
    code`
      let count = 0;
      export async function loader({ context }) { count += 1; return { count }; }
    `,
    // why: a Server class from another package is not partyserver's
    code`
      import { Server } from "node:http";
      let x;
      export class Api extends Server { listen2() { x = this.env.A; } }
    `,
    // why: a Remix loader that reads env but keeps it local
    code`
      export async function loader({ context }) {
        const db = drizzle(context.cloudflare.env.DB);
        return await db.select();
      }
    `,
  ],
  invalid: [
    // ----- Hono -----
    {
      // why: handlers written apart from the app: typed with Hono's handler types, or handed to the
      // app by name, and a factory's middleware (the factory made in another module)
      code: code`
        import { Hono, type ErrorHandler, type MiddlewareHandler } from "hono";
        import { factory } from "./factory";
        const app = new Hono();
        let a;
        let b;
        let c2;
        let d;
        const auth: MiddlewareHandler = async (c, next) => { a ??= c.env.A; await next(); };
        const onError: ErrorHandler = (err, c) => { b ??= c.env.B; return c.text("error", 500); };
        async function track(c, next) { c2 ??= c.env.C; await next(); }
        export const withD = factory.createMiddleware(async (c, next) => { d ??= c.env.D; await next(); });
        app.use(track);
        app.onError(onError);
      `,
      errors: [lazy("a", "c.env.A", "value", 8, 54), lazy("b", "c.env.B", "value", 9, 45), lazy("c2", "c.env.C", "value", 10, 33), lazy("d", "c.env.D", "value", 11, 68)],
    },
    {
      // why: c.env in a route handler
      code: code`
        import { Hono } from "hono";
        const app = new Hono();
        let db;
        app.get("/users", async (c) => {
          db ??= drizzle(c.env.DB);
          return c.json(await db.select());
        });
      `,
      errors: [lazy("db", "c.env.DB", "client", 5, 3)],
    },
    {
      // why: middleware via app.use, destructured c.env
      code: code`
        import { Hono } from "hono";
        const app = new Hono();
        let stripe;
        app.use("*", async (ctx, next) => {
          const { STRIPE_KEY } = ctx.env;
          stripe = new Stripe(STRIPE_KEY);
          await next();
        });
      `,
      errors: [stored("stripe", "ctx.env.STRIPE_KEY", "client", 6, 3)],
    },
    {
      // why: createMiddleware from hono/factory
      code: code`
        import { createMiddleware } from "hono/factory";
        let auth;
        export const withAuth = createMiddleware(async (c, next) => {
          auth = createAuth({ secret: c.env.AUTH_SECRET });
          await next();
        });
      `,
      errors: [stored("auth", "c.env.AUTH_SECRET", "client", 4, 3)],
    },
    {
      // why: a HonoX route's handler made with createRoute gets Hono's context
      code: code`
        import { createRoute } from "honox/factory";
        let secret;
        export const POST = createRoute(async (c) => {
          secret = c.env.SIGNING_SECRET;
          return c.json({ ok: true });
        });
      `,
      errors: [stored("secret", "c.env.SIGNING_SECRET", "value", 4, 3)],
    },
    {
      // why: factory.createHandlers and chained routes
      code: code`
        import { createFactory } from "hono/factory";
        const factory = createFactory();
        let kv;
        export const handlers = factory.createHandlers(async (c) => {
          kv = c.env.KV;
          return c.text("ok");
        });
      `,
      errors: [stored("kv", "c.env.KV", "value", 5, 3)],
    },
    {
      // why: env(c) from hono/adapter
      code: code`
        import { Hono } from "hono";
        import { env } from "hono/adapter";
        const app = new Hono();
        let token;
        app.get("/", (c) => {
          const { TOKEN } = env(c);
          token = TOKEN;
          return c.text("ok");
        });
      `,
      errors: [stored("token", "env(c).TOKEN", "value", 7, 3)],
    },
    {
      // why: named as the code names the context it is handed
      code: code`
        import { Hono } from "hono";
        import { env as adapterEnv } from "hono/adapter";
        const app = new Hono();
        let token;
        app.get("/", (context) => {
          token = adapterEnv(context).TOKEN;
          return context.text("ok");
        });
      `,
      errors: [stored("token", "adapterEnv(context).TOKEN", "value", 6, 3)],
    },
    {
      // why: getContext().env from hono/context-storage
      code: code`
        import { getContext } from "hono/context-storage";
        let db;
        export function getDb() {
          db ??= drizzle(getContext().env.DB);
          return db;
        }
      `,
      errors: [lazy("db", "getContext().env.DB", "client", 4, 3)],
    },
    {
      // why: a handler in its own file typed with Hono's Context
      code: code`
        import type { Context } from "hono";
        let client;
        export const listUsers = async (c: Context<{ Bindings: Env }>) => {
          client = new Client(c.env.API_KEY);
          return c.json([]);
        };
      `,
      errors: [stored("client", "c.env.API_KEY", "client", 4, 3)],
    },
    {
      // why: chained route definitions on a Hono app
      code: code`
        import { Hono } from "hono";
        let key;
        const app = new Hono()
          .get("/a", (c) => c.text("a"))
          .post("/b", (c) => { key = c.env.KEY; return c.text("b"); });
        export default app;
      `,
      errors: [stored("key", "c.env.KEY", "value", 5, 24)],
    },
    // ----- Pages Functions -----
    {
      // why: context.env in onRequest
      code: code`
        let db;
        export async function onRequest(context) {
          db = drizzle(context.env.DB);
          return new Response("ok");
        }
      `,
      errors: [stored("db", "context.env.DB", "client", 3, 3)],
    },
    {
      // why: destructured ({ env }) in onRequestGet
      code: code`
        let secret;
        export const onRequestGet = async ({ env, request }) => {
          secret = env.SECRET;
          return new Response("ok");
        };
      `,
      errors: [stored("secret", "env.SECRET", "value", 3, 3)],
    },
    {
      // why: PagesFunction<Env> typed export of another verb
      code: code`
        let client;
        export const onRequestPost: PagesFunction<Env> = async (ctx) => {
          client ??= new Client(ctx.env.KEY);
          return new Response("ok");
        };
      `,
      errors: [lazy("client", "ctx.env.KEY", "client", 3, 3)],
    },
    {
      // why: a middleware array export
      code: code`
        let user;
        export const onRequest = [
          async (context) => { user = context.env.ADMIN_USER; return context.next(); },
        ];
      `,
      errors: [stored("user", "context.env.ADMIN_USER", "value", 3, 24)],
    },
    {
      // why: Pages middleware defined apart and exported through a list
      code: code`
        let lastUser;
        async function authenticate(context) {
          lastUser = context.env.ADMIN;
          return context.next();
        }
        export const onRequest = [authenticate];
      `,
      errors: [stored("lastUser", "context.env.ADMIN", "value", 3, 3)],
    },
    // ----- itty-router -----
    {
      // why: itty-router AutoRouter exported as the worker
      code: code`
        import { AutoRouter } from "itty-router";
        const router = AutoRouter();
        let db;
        router.get("/todos", (request, env) => {
          db ??= drizzle(env.DB);
          return db.select();
        });
        export default router;
      `,
      errors: [lazy("db", "env.DB", "client", 5, 3)],
    },
    {
      // why: Router() dispatched from the default export's fetch
      code: code`
        import { Router } from "itty-router";
        const router = Router();
        let token;
        router.post("/login", async (req, bindings, ctx) => { token = bindings.JWT_SECRET; });
        export default { fetch: (req, env, ctx) => router.handle(req, env, ctx) };
      `,
      errors: [stored("token", "bindings.JWT_SECRET", "value", 4, 55)],
    },
    // ----- React Router v7 / Remix -----
    {
      // why: context.cloudflare.env in a loader
      code: code`
        let db;
        export async function loader({ context }: Route.LoaderArgs) {
          db ??= drizzle(context.cloudflare.env.DB);
          return db.select();
        }
      `,
      errors: [lazy("db", "context.cloudflare.env.DB", "client", 3, 3)],
    },
    {
      // why: older Remix context.env in an action
      code: code`
        let mailer;
        export const action = async ({ context, request }) => {
          mailer = new Mailer(context.env.SMTP_KEY);
          return null;
        };
      `,
      errors: [stored("mailer", "context.env.SMTP_KEY", "client", 3, 3)],
    },
    {
      // why: a helper handed the load context (\`AppLoadContext\`) reads env at its \`env\` (Remix on Pages)
      code: code`
        import { createCookieSessionStorage, type AppLoadContext } from "@remix-run/cloudflare";
        let storage;
        export function sessions(context: AppLoadContext) {
          storage ??= createCookieSessionStorage({ cookie: { secrets: [context.env.SESSION_SECRET] } });
          return storage;
        }
      `,
      errors: [lazy("storage", "context.env.SESSION_SECRET", "client", 4, 3)],
    },
    {
      // why: a load context made of env itself (\`getLoadContext: (c) => c.env\`) has the bindings as its members
      code: code`
        import { createCookieSessionStorage, type AppLoadContext } from "@remix-run/cloudflare";
        let storage;
        export function sessions(context: AppLoadContext) {
          storage ??= createCookieSessionStorage({ cookie: { secrets: [context.SESSION_SECRET], secure: !!context.user } });
          return storage;
        }
      `,
      errors: [lazy("storage", "context.SESSION_SECRET", "client", 4, 3)],
    },
    {
      // why: React Router's middleware context holds env in what the Worker's entry set: \`context.get(cloudflareContext).env\`
      code: code`
        import { cloudflareContext } from "../context";
        let db;
        export async function loader({ context }: Route.LoaderArgs) {
          const { env } = context.get(cloudflareContext);
          db ??= drizzle(env.DB);
          return db.select();
        }
      `,
      errors: [lazy("db", "context.get(cloudflareContext).env.DB", "client", 5, 3)],
    },
    {
      // why: a Pages Function's \`getLoadContext\` written in place gets the Pages context on every request
      code: code`
        import { createPagesFunctionHandler } from "@remix-run/cloudflare-pages";
        import * as build from "../build/server";
        let lastEnv;
        export const onRequest = createPagesFunctionHandler({
          build,
          getLoadContext: ({ env }) => {
            lastEnv = env;
            return { env };
          },
        });
      `,
      errors: [stored("lastEnv", "env", "env", 7, 5)],
    },
    // ----- SvelteKit / Qwik -----
    {
      // why: platform.env in a load function
      code: code`
        let kv;
        export async function load({ platform }) {
          kv = platform.env.KV;
          return {};
        }
      `,
      errors: [stored("kv", "platform.env.KV", "value", 3, 3)],
    },
    {
      // why: form actions written with \`satisfies Actions\` (as SvelteKit's docs do), or declared
      // apart and listed by name, get a load's event too
      code: code`
        import type { Actions } from "./$types";
        let a;
        let b;
        const save = async ({ platform }) => { b = platform.env.KV; };
        export const actions = {
          default: async ({ platform }) => { a = platform.env.KV; },
          save,
        } satisfies Actions;
      `,
      errors: [stored("b", "platform.env.KV", "value", 4, 40), stored("a", "platform.env.KV", "value", 6, 38)],
    },
    {
      // why: event.platform.env in a server endpoint and in the handle hook
      code: code`
        let a;
        let b;
        export const GET = async (event) => { a = event.platform.env.A; return new Response(); };
        export const handle = async ({ event, resolve }) => { b = event.platform.env.B; return resolve(event); };
      `,
      errors: [stored("a", "event.platform.env.A", "value", 3, 39), stored("b", "event.platform.env.B", "value", 4, 55)],
    },
    {
      // why: Qwik requestEvent.platform.env
      code: code`
        let db;
        export const onGet = async (requestEvent) => {
          db = drizzle(requestEvent.platform.env.DB);
        };
      `,
      errors: [stored("db", "requestEvent.platform.env.DB", "client", 3, 3)],
    },
    // ----- Astro -----
    {
      // why: locals.runtime.env in an endpoint, and Astro.locals.runtime.env
      code: code`
        let a;
        let b;
        export async function GET({ locals }) { a = locals.runtime.env.A; return new Response(); }
        export function page() { b = Astro.locals.runtime.env.B; }
      `,
      errors: [stored("a", "locals.runtime.env.A", "value", 3, 41), stored("b", "Astro.locals.runtime.env.B", "value", 4, 26)],
    },
    {
      // why: a helper typed with the app's global namespace, Astro's \`App.Locals\` and SvelteKit's
      // \`App.Platform\`, is handed the request's locals or platform, whatever calls it (a page's frontmatter)
      code: code`
        let db;
        let kv;
        export function getDb(locals: App.Locals) { db ??= drizzle(locals.runtime.env.DB); return db; }
        export function getKv(platform: App.Platform) { kv ??= platform.env.KV; return kv; }
      `,
      errors: [lazy("db", "locals.runtime.env.DB", "client", 3, 45), lazy("kv", "platform.env.KV", "value", 4, 49)],
    },
    // ----- OpenNext / next-on-pages -----
    {
      // why: getCloudflareContext().env inside a function
      code: code`
        import { getCloudflareContext } from "@opennextjs/cloudflare";
        let db;
        export function getDb() {
          db ??= drizzle(getCloudflareContext().env.DB);
          return db;
        }
      `,
      errors: [lazy("db", "getCloudflareContext().env.DB", "client", 4, 3)],
    },
    {
      // why: the async form
      code: code`
        import { getCloudflareContext } from "@opennextjs/cloudflare";
        let kv;
        export async function getKv() {
          const { env } = await getCloudflareContext({ async: true });
          kv = env.KV;
        }
      `,
      errors: [stored("kv", "getCloudflareContext().env.KV", "value", 5, 3)],
    },
    {
      // why: getRequestContext().env of next-on-pages
      code: code`
        import { getRequestContext } from "@cloudflare/next-on-pages";
        let secret;
        export async function GETHandler() { secret = getRequestContext().env.SECRET; }
      `,
      errors: [stored("secret", "getRequestContext().env.SECRET", "value", 3, 38)],
    },
    // ----- Nuxt / Nitro / H3 / SolidStart -----
    {
      // why: event.context.cloudflare.env in an event handler
      code: code`
        let db;
        export default defineEventHandler(async (event) => {
          db ??= drizzle(event.context.cloudflare.env.DB);
          return db.select();
        });
      `,
      errors: [lazy("db", "event.context.cloudflare.env.DB", "client", 3, 3)],
    },
    {
      // why: Qwik City's getter of the Worker's vars (\`requestEvent.env.get("API_KEY")\`) reads one
      // binding, in a route handler, a loader's destructured event and a server function's \`this\`
      code: code`
        import { routeLoader$, server$, type RequestHandler } from "@builder.io/qwik-city";
        let apiKey;
        let token;
        let secret;
        export const onGet: RequestHandler = async (requestEvent) => { apiKey = requestEvent.env.get("API_KEY"); };
        export const useData = routeLoader$(async ({ env }) => { token ??= env.get("TOKEN"); return 1; });
        export const doIt = server$(function () { secret = this.env.get("SECRET"); });
      `,
      errors: [
        stored("apiKey", 'requestEvent.env.get("API_KEY")', "value", 5, 64),
        lazy("token", 'env.get("TOKEN")', "value", 6, 58),
        stored("secret", 'this.env.get("SECRET")', "value", 7, 43),
      ],
    },
    {
      // why: Qwik City's server$ runs its function with \`this\` the request's event, env under its platform
      code: code`
        import { server$ } from "@builder.io/qwik-city";
        let key;
        export const doIt = server$(function (q) { key = this.platform.env.API_KEY; return q; });
      `,
      errors: [stored("key", "this.platform.env.API_KEY", "value", 3, 44)],
    },
    {
      // why: a Nitro plugin's request hook gets the request's event, env under its context; an
      // Astro action's handler gets the action's context, env under its locals
      code: code`
        import { defineAction } from "astro:actions";
        let lastEnv;
        let db;
        export default defineNitroPlugin((nitroApp) => {
          nitroApp.hooks.hook("request", (event) => { lastEnv = event.context.cloudflare.env; });
        });
        export const server = {
          add: defineAction({ handler: async (input, ctx) => { db ??= drizzle(ctx.locals.runtime.env.DB); } }),
        };
      `,
      errors: [stored("lastEnv", "event.context.cloudflare.env", "env", 5, 47), lazy("db", "ctx.locals.runtime.env.DB", "client", 8, 56)],
    },
    {
      // why: a GraphQL server's context factory gets one request's context: graphql-yoga's, env's bindings beside the request
      // (what \`yoga.fetch(request, env, ctx)\` is handed); Apollo's Workers integration, \`{ env, request, ctx }\`
      code: code`
        import { createYoga } from "graphql-yoga";
        import { startServerAndCreateCloudflareWorkersHandler } from "@as-integrations/cloudflare-workers";
        let db;
        let client;
        export const yoga = createYoga({ schema, context: (ctx) => { db ??= drizzle(ctx.DB); return { db, url: ctx.request.url }; } });
        export const handler = startServerAndCreateCloudflareWorkersHandler(server, { context: async ({ env }) => { client ??= drizzle(env.DB); return { client }; } });
      `,
      errors: [lazy("db", "ctx.DB", "client", 5, 62), lazy("client", "env.DB", "client", 6, 109)],
    },
    {
      // why: a Pages handler a factory returns, typed by the factory's return type (\`function withKv(): PagesFunction<Env>\`), gets the Pages context
      code: code`
        let cachedKv: KVNamespace | undefined;
        function withKv(): PagesFunction<{ KV: KVNamespace }> {
          return async ({ env, next }) => {
            cachedKv = env.KV;
            return next();
          };
        }
        export const onRequest = [withKv()];
      `,
      errors: [stored("cachedKv", "env.KV", "value", 4, 5)],
    },
    {
      // why: a PartyKit server's room (\`constructor(readonly room: Party.Room)\`, \`this.room.env\`) and lobby (\`lobby.env\` of a static \`onBeforeConnect\`) hold env
      code: code`
        import type * as Party from "partykit/server";
        import OpenAI from "openai";
        let openai: OpenAI | undefined;
        let token: string | undefined;
        export default class Chat implements Party.Server {
          constructor(readonly room: Party.Room) {}
          onConnect(conn: Party.Connection) {
            openai ??= new OpenAI({ apiKey: this.room.env.OPENAI_API_KEY as string });
          }
          static onBeforeConnect(req: Party.Request, lobby: Party.Lobby) {
            token = lobby.env.TOKEN as string;
          }
        }
      `,
      errors: [lazy("openai", "room.env.OPENAI_API_KEY", "http", 8, 5), stored("token", "lobby.env.TOKEN", "value", 11, 5)],
    },
    {
      // why: Hono's middleware for tRPC and GraphQL hand Hono's context to the options' callbacks: \`createContext(opts, c)\` second, \`rootResolver(c)\` first
      code: code`
        import { trpcServer } from "@hono/trpc-server";
        import { graphqlServer } from "@hono/graphql-server";
        let db;
        let root;
        app.use("/trpc/*", trpcServer({ router, createContext: (_opts, c) => { db ??= drizzle(c.env.DB); return { db }; } }));
        app.use("/graphql", graphqlServer({ schema, rootResolver: (c) => (root ??= drizzle(c.env.DB)) }));
      `,
      errors: [lazy("db", "c.env.DB", "client", 5, 72), lazy("root", "c.env.DB", "client", 6, 67)],
    },
    {
      // why: a graphql-yoga schema's resolvers get the request's context third: its \`env\` (as the app's factory puts it) or the bindings beside the request
      code: code`
        import { createSchema } from "graphql-yoga";
        let client;
        let db;
        export const schema = createSchema({
          typeDefs: "type Query { ask: String, rows: String }",
          resolvers: { Query: { ask: (_root, _args, context) => (client ??= new OpenAI({ apiKey: context.env.OPENAI_API_KEY })), rows: (_r, _a, ctx) => (db ??= drizzle(ctx.DB)) } },
        });
      `,
      errors: [lazy("client", "context.env.OPENAI_API_KEY", "client", 6, 58), lazy("db", "ctx.DB", "client", 6, 146)],
    },
    {
      // why: h3 v2 / Nitro v3 name the handler \`defineHandler\`, with env on the H3 context and on the srvx request's runtime (also through a local)
      code: code`
        import { defineHandler } from "nitro/h3";
        let a;
        let b;
        export default defineHandler(async (event) => {
          const cloudflare = event.context.cloudflare || event.req.runtime.cloudflare;
          a ??= drizzle(cloudflare.env.DB);
          b ??= drizzle(event.req.runtime.cloudflare.env.DB);
        });
      `,
      errors: [lazy("a", "event.context.cloudflare.env.DB", "client", 6, 3), lazy("b", "event.req.runtime.cloudflare.env.DB", "client", 7, 3)],
    },
    {
      // why: SolidStart getRequestEvent().nativeEvent.context.cloudflare.env
      code: code`
        import { getRequestEvent } from "solid-js/web";
        let kv;
        export function useKv() {
          kv = getRequestEvent().nativeEvent.context.cloudflare.env.KV;
        }
      `,
      errors: [stored("kv", "getRequestEvent().nativeEvent.context.cloudflare.env.KV", "value", 4, 3)],
    },
    {
      // why: the event held in a local first, and read as \`nativeEvent.cloudflare.env\`, is still env
      code: code`
        import { getRequestEvent } from "solid-js/web";
        let kv;
        export function getKv() {
          const event = getRequestEvent();
          kv = event?.nativeEvent?.cloudflare?.env?.KV;
        }
      `,
      errors: [stored("kv", "getRequestEvent().nativeEvent.cloudflare.env.KV", "value", 5, 3)],
    },
    {
      // why: SvelteKit's getRequestEvent() of $app/server gives the request's event, its platform's env
      code: code`
        import { getRequestEvent } from "$app/server";
        let kv;
        export function useKv() {
          kv = getRequestEvent().platform.env.KV;
        }
      `,
      errors: [stored("kv", "getRequestEvent().platform.env.KV", "value", 4, 3)],
    },
    // ----- cloudflare:workers -----
    {
      // why: renamed import
      code: code`
        import { env as cfEnv } from "cloudflare:workers";
        let key;
        export function f() { key = cfEnv.API_KEY; }
      `,
      errors: [stored("key", "env.API_KEY", "value", 3, 23)],
    },
    {
      // why: namespace import
      code: code`
        import * as workers from "cloudflare:workers";
        let key;
        export function f() { key = workers.env.API_KEY; }
      `,
      errors: [stored("key", "workers.env.API_KEY", "value", 3, 23)],
    },
    // ----- process.env where enabled -----
    {
      // why: with nodejs_compat, process.env holds text bindings
      code: code`
        let key;
        export function f() { key = process.env.OPENAI_API_KEY; }
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
      errors: [stored("key", "process.env.OPENAI_API_KEY", "value", 2, 23)],
    },
    {
      // why: env from node:process where enabled
      code: code`
        import { env } from "node:process";
        let key;
        export function f() { key = env.OPENAI_API_KEY; }
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
      errors: [stored("key", "process.env.OPENAI_API_KEY", "value", 3, 23)],
    },
    // ----- legacy Durable Objects, agents, actors -----
    {
      // why: an exported class without extends whose constructor is (state, env)
      code: code`
        let cached;
        export class Counter {
          constructor(state, bindings) { this.state = state; this.env = bindings; }
          async fetch(request) { cached = this.env.API_KEY; return new Response("ok"); }
        }
      `,
      errors: [stored("cached", "bindings.API_KEY", "value", 4, 26)],
    },
    {
      // why: McpAgent and Actor subclasses
      code: code`
        import { McpAgent } from "agents/mcp";
        import { Actor } from "@cloudflare/actors";
        let a;
        let b;
        export class Tools extends McpAgent { async init() { a = this.env.A; } }
        export class Store extends Actor { async fetch() { b = this.env.B; } }
      `,
      errors: [stored("a", "this.env.A", "value", 5, 54), stored("b", "this.env.B", "value", 6, 52)],
    },
    {
      // why: partyserver Server subclasses and chanfana OpenAPIRoute handlers
      code: code`
        import { Server } from "partyserver";
        import { OpenAPIRoute } from "chanfana";
        let a;
        let b;
        export class Chat extends Server { onMessage() { a = this.env.A; } }
        export class ListTasks extends OpenAPIRoute { async handle(c) { b = drizzle(c.env.DB); return []; } }
      `,
      errors: [stored("a", "this.env.A", "value", 5, 50), stored("b", "c.env.DB", "client", 6, 65)],
    },
    {
      // why: Yjs servers over a Durable Object (y-partyserver's \`YServer\`, y-durableobjects' base) are Durable Objects
      code: code`
        import { YServer } from "y-partyserver";
        import { YDurableObjects } from "y-durableobjects";
        let a;
        let b;
        export class Doc extends YServer<Env> { async onLoad() { a = this.env.A; } }
        export class Board extends YDurableObjects<{ Bindings: Env }> { go() { b = this.env.B; } }
      `,
      errors: [stored("a", "this.env.A", "value", 5, 58), stored("b", "this.env.B", "value", 6, 72)],
    },
    {
      // why: classes built on a Workers base through classes of the file, a mixin applied to one,
      // and an aliased import of one
      code: code`
        import { DurableObject } from "cloudflare:workers";
        import { Agent, type Connection } from "agents";
        import { WorkerEntrypoint as Entrypoint } from "cloudflare:workers";
        let a; let b; let c; const conns = []; let d;
        class Base<E> extends DurableObject<E> {}
        const Shared = class extends Base<Env> {};
        export class Room extends Shared { async fetch() { a = this.env.A; return new Response(); } }
        const VoiceAgent = withVoice(Agent);
        export class Talk extends VoiceAgent<Env> { onConnect(conn: Connection) { b = this.env.B; conns.push(conn); } }
        export class Api extends Entrypoint<Env> { ping() { c = this.env.C; } }
        export class Deeper extends Room { run() { d = this.env.D; } }
      `,
      errors: [
        stored("a", "this.env.A", "value", 7, 52),
        stored("b", "this.env.B", "value", 9, 75),
        stored("c", "this.env.C", "value", 10, 53),
        stored("d", "this.env.D", "value", 11, 44),
      ],
    },
    // ----- user-declared accessors -----
    {
      // why: settings declare accessor calls and member paths
      code: code`
        let a; let b; let c;
        export function f() {
          a = getEnv().A;
          b = useBindings().env.B;
          c = appContext.bindings.C;
        }
      `,
      settings: { "cloudflare-workers": { envAccessors: ["getEnv()", "useBindings().env", "appContext.bindings"] } },
      errors: [stored("a", "getEnv().A", "value", 3, 3), stored("b", "useBindings().env.B", "value", 4, 3), stored("c", "appContext.bindings.C", "value", 5, 3)],
    },
  ],
});
