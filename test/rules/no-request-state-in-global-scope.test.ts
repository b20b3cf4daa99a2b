import rule from "../../rules/no-request-state-in-global-scope";
import { createRuleTester } from "../rule-tester";
import { code } from "./helpers";

const ruleTester = createRuleTester();

const io = (target: string, origin: string, line: number, column: number, event = "request") => ({
  messageId: "requestIoInModuleScope" as const,
  data: { target: target.includes("`") ? target : `\`${target}\``, origin: origin.startsWith("a ") ? origin : `\`${origin}\``, event },
  line,
  column,
});
const data = (target: string, origin: string, line: number, column: number, event = "request") => ({
  messageId: event === "request" ? ("requestDataInModuleScope" as const) : ("eventDataInModuleScope" as const),
  data: { target: target.includes("`") ? target : `\`${target}\``, origin: origin.startsWith("a ") ? origin : `\`${origin}\``, event },
  line,
  column,
});

ruleTester.run("no-request-state-in-global-scope", rule, {
  valid: [
    // why: a PartyKit room (\`room: Party.Room\`) is the room's, as a Durable Object's state is: kept per room id, no one request's
    code`
      import type * as Party from "partykit/server";
      const docs = new Map<string, { room: Party.Room }>();
      export function getDoc(room: Party.Room) {
        let doc = docs.get(room.id);
        if (!doc) {
          doc = { room };
          docs.set(room.id, doc);
        }
        return doc;
      }
    `,
    // why: a route of a Node server's framework (a module importing \`fastify\`, \`express\`) gets Node's request, no Worker's, whatever its parameter's name
    code`
      import type { FastifyInstance } from "fastify";
      export const setupRoutes = (app: FastifyInstance) => {
        app.post("/jobs", {}, async (request, reply) => {
          const { ids } = request.body as { ids: string[] };
          if (!globalThis.jobs) globalThis.jobs = [];
          globalThis.jobs.push(...ids.map((id) => ({ id })));
          return reply.code(202).send({ ok: true });
        });
      };
    `,
    // why: a Pages plugin's mount options (\`context.pluginArgs\`) and the function's path are the same for every request of the route
    code`
      let prefix: string | undefined;
      let path = "";
      export const onRequest: PagesFunction = async (context) => {
        prefix ??= (context.pluginArgs as { prefix: string }).prefix;
        path = context.functionPath;
        return context.next();
      };
    `,
    // why: a module copy of what the same function puts to a binding (\`env.KV.put(k, JSON.stringify(next))\`, also inside an object beside a time) mirrors what the service stores for every request
    code`
      let upstream = { baseUrl: "https://api.example.com" };
      let cache: { at: number; index: unknown } | null = null;
      export default {
        async fetch(request: Request, env: { CONFIG_KV: KVNamespace; BUCKET: R2Bucket }) {
          const body = (await request.json()) as { baseUrl: string };
          const next = { baseUrl: body.baseUrl };
          upstream = next;
          await env.CONFIG_KV.put("upstream", JSON.stringify(next));
          const index = { docs: [body] };
          await env.BUCKET.put("index.json", JSON.stringify(index));
          cache = { at: Date.now(), index };
          return new Response(upstream.baseUrl);
        },
      };
    `,
    // why: \`set\` on the client a getter of the file returns (\`redis = new Redis(url)\`) writes to the Redis server, not into module memory
    code`
      import { Redis } from "ioredis";
      let redis: Redis | null = null;
      function getRedisClient() {
        if (!redis) redis = new Redis("redis://cache.internal:6379");
        return redis;
      }
      export default {
        async fetch(request: Request) {
          const client = getRedisClient();
          await client.set("last-path", new URL(request.url).pathname);
          return new Response("ok");
        },
      };
    `,
    // why: a router's \`route(method, path)\` of text computed from the request looks a route up (\`@hapi/call\`): nothing is registered
    code`
      import Call from "@hapi/call";
      const router = new Call.Router();
      router.add({ method: "get", path: "/items/{id}" }, "get-item");
      export default {
        async fetch(request: Request) {
          const match = router.route(request.method.toLowerCase(), new URL(request.url).pathname);
          return Response.json(match.params);
        },
      };
    `,
    // why: a script run from the shell (\`#!\` first line) is a Node process of its own: its socket is no Worker request's I/O
    `#!/usr/bin/env node
let ws;
async function run(url) {
  ws = new WebSocket(url);
  await new Promise((resolve) => ws.addEventListener("open", resolve));
}
run(process.argv[2]);
`,
    // why: a class's own static \`use\` (an Effect service's accessor, which runs the function at once) is no app's registration
    code`
      import { Context, ManagedRuntime } from "effect";
      import { Hono } from "hono";
      export class Repo extends Context.Service<Repo, { create(title: string): unknown }>()("app/Repo") {}
      const runtime = ManagedRuntime.make(layer);
      const app = new Hono();
      app.post("/todos", async (c) => {
        const { title } = await c.req.json<{ title: string }>();
        return c.json(await runtime.runPromise(Repo.use((repo) => repo.create(title))));
      });
      export default app;
    `,
    // why: a factory called per request makes a new instance each time: what its closure pushes stays with that request
    code`
      class Queue { items: string[] = []; push(item: string) { this.items.push(item); } }
      const makeLog = () => { const queue = new Queue(); return (request: Request) => queue.push(request.headers.get("authorization") ?? ""); };
      export default {
        async fetch(request: Request) {
          makeLog()(request);
          return new Response("ok");
        },
      };
    `,
    // why: one slot kept beside the input it was made for (\`cache.days === days\`), holding an object of that input and what an upstream answered for it: a memo of that input
    code`
      let worldCache: { at: number; days: string; value: unknown } | null = null;
      async function loadWorld(token: string, days: string) {
        if (worldCache && worldCache.days === days && Date.now() - worldCache.at < 300_000) return worldCache.value;
        const res = await fetch(\`https://api.example.com/world?days=\${days}\`, { headers: { authorization: \`Bearer \${token}\` } });
        const value = { days, countries: await res.json() };
        worldCache = { at: Date.now(), days, value };
        return value;
      }
      export default {
        async fetch(request: Request, env: { TOKEN: string }) {
          return Response.json(await loadWorld(env.TOKEN, new URL(request.url).searchParams.get("days") ?? "7"));
        },
      };
    `,
    // why: a Node server framework's request type (Express's \`Request\`, \`FastifyRequest\`) is a Node process's request, not a Worker's
    code`
      import express, { type Request, type Response } from "express";
      import type { FastifyRequest } from "fastify";
      const notes: Record<string, string> = {};
      const games = new Map<string, string>();
      export function routes(app: express.Express) {
        app.post("/notes/:id", (req: Request, res: Response) => { notes[req.params.id] = req.body.text; res.json({}); });
      }
      export async function createGame(request: FastifyRequest<{ Body: { address: string } }>) {
        games.set(request.body.address, request.body.address + "!");
      }
    `,
    // why: a Hono context variable named for env (\`c.get("bindings")\`, set by another module's middleware) is the app's bindings, not one request's data
    code`
      import { Hono } from "hono";
      let mailer;
      export const routes = new Hono().get("/send", (c) => {
        mailer ??= { token: c.get("bindings").MAIL_TOKEN };
        return c.text("sent");
      });
    `,
    // why: nor is an untyped callback's \`request\` in a Node server's module (Express required, a server started with \`listen\`)
    code`
      const express = require("express");
      const app = express();
      const seen = new Set();
      app.post("/webhook", (request, response) => {
        seen.add(request.get("webhook-id"));
        response.status(202).send("ok");
      });
      app.listen(3000);
    `,
    // why: a Bun server's module (\`Bun.serve(…)\`) is no Worker's: its \`fetch\` gets Bun's requests, and its module state lives as long as that server
    code`
      let last: string | null = null;
      Bun.serve({
        port: 3000,
        fetch(request: Request) {
          last = request.headers.get("x-id");
          return new Response(last);
        },
      });
    `,
    // why: nor is a module that requires Node's \`http\` and starts a server with \`listen\`
    code`
      const http = require("node:http");
      let last = null;
      export function handle(request) {
        last = request.headers["x-id"];
      }
      http.createServer((req, res) => handle(req)).listen(8080);
    `,
    // why: a module reading Vite's env for the page (\`import.meta.env.VITE_*\`), with no handler or Workers source, is the browser's: its socket is the page's
    code`
      export class Collab {
        private ws: WebSocket | null = null;
        connect(room: string) {
          this.ws = new WebSocket(\`\${import.meta.env.VITE_WS_URL}/rooms/\${room}\`);
        }
      }
      export const collab = new Collab();
    `,
    // why: text made of an I/O object a helper is handed (its type tag, \`toString.call(x).slice(8, -1)\`) is data, and an entry computed from its key alone is a memo
    code`
      const { toString: tagOf } = Object.prototype;
      const kindOf = ((cache: Record<string, string>) => (thing: unknown) => {
        const tag = tagOf.call(thing);
        return cache[tag] || (cache[tag] = tag.slice(8, -1).toLowerCase());
      })(Object.create(null));
      export default {
        async fetch(request: Request) {
          const body = new ReadableStream();
          return new Response(kindOf(body) + kindOf(request));
        },
      };
    `,
    // why: an entry that is its key itself (\`seen.set(t, t)\`) gives a lookup only what it already holds
    code`
      const seen = new Map<string, string>();
      export default {
        async fetch(request: Request) {
          const table = new URL(request.url).searchParams.get("table") ?? "";
          if (!seen.has(table)) seen.set(table, table);
          return new Response(seen.get(table));
        },
      };
    `,
    // why: a shallow copy's own members are the copy's (\`copy.k = v\`, \`Object.assign(copy, …)\`); a literal with its own \`k\`, or a copy given one later, holds its own object there
    code`
      const DEFAULTS = { MODEL: "m", EXTRA: {} as Record<string, unknown> };
      export default {
        async fetch(request: Request) {
          const body = (await request.json()) as { model: string; extra: Record<string, unknown> };
          const config = { ...DEFAULTS };
          config.MODEL = body.model;
          Object.assign(config, { MODEL: body.model });
          const own = { ...DEFAULTS, EXTRA: {} as Record<string, unknown> };
          Object.assign(own.EXTRA, body.extra);
          const later = { ...DEFAULTS };
          later.EXTRA = {};
          Object.assign(later.EXTRA, body.extra);
          return Response.json([config, own, later]);
        },
      };
    `,
    // why: a field given a module's client (no collection: \`new Redis(…)\`) writes where the client does, as \`redis.set(k, v)\` itself
    code`
      import { Redis } from "@upstash/redis";
      const redis = new Redis({ url: "https://example.com", token: "t" });
      class Store {
        constructor(private client: Redis) {}
        async save(k: string, v: string) { await this.client.set(k, v); }
      }
      export default {
        async fetch(request: Request) {
          await new Store(redis).save("k", await request.text());
          return new Response("ok");
        },
      };
    `,
    // why: a field an instance's method also writes with a new collection is the instance's own, whatever the constructor is handed
    code`
      const shared = new Map<string, string>();
      class Command {
        private items: Map<string, string>;
        constructor(items: Map<string, string>) { this.items = items; }
        reset() { this.items = new Map(); }
        add(k: string, v: string) { this.items.set(k, v); }
      }
      export default {
        async fetch(request: Request) {
          new Command(new Map()).add("k", await request.text());
          return new Response(String(shared.size));
        },
      };
    `,
    // why: an async function of the file declared to give a flag (\`Promise<boolean>\`) gives, awaited, no request's data
    code`
      const verdicts = new Map<string, boolean>();
      async function isBot(ua: string): Promise<boolean> { return JSON.parse(ua); }
      export default {
        async fetch(request: Request) {
          verdicts.set("last", await isBot(request.headers.get("user-agent") ?? ""));
          return new Response("ok");
        },
      };
    `,
    // why: procedures that never read env off their context are a Node server's (which reads \`process.env\`), no Worker's
    code`
      import { publicProcedure } from "./trpc";
      const hints = new Map<string, string>();
      export const hint = publicProcedure.mutation(({ input }) => { hints.set("last", input.text); return process.env.API_URL; });
    `,
    // why: Hono's context variable a middleware sets from a binding (\`c.set("db", c.env.DB)\`), or set in
    // another module under a database's name, is that binding: a row read through it is its data, not one request's
    code`
      import { Hono } from "hono";
      const app = new Hono<{ Bindings: { DB: D1Database } }>();
      app.use("*", async (c, next) => { c.set("store", c.env.DB); await next(); });
      let settings: unknown = null;
      const rows = new Map<string, unknown>();
      app.get("/settings", async (c) => {
        settings ??= await c.get("store").prepare("select * from settings").first();
        rows.set("all", await c.var.db.prepare("select * from rows").all());
        return c.json(settings);
      });
      export default app;
    `,
    // why: a tool whose input stays in the call keeps nothing; a \`tool\` of another package is no AI SDK tool
    code`
      import { tool } from "ai";
      import { tool as cliTool } from "./cli";
      const seen = new Set();
      export const echo = tool({ execute: async ({ text }) => ({ echoed: text.toUpperCase() }) });
      export const other = cliTool({ execute: async ({ name }) => { seen.add(name); } });
    `,
    // why: a universal load's store under SvelteKit's \`browser\` (or a page's \`window\`) runs in the page, never in the Worker's render
    code`
      import { browser } from "$app/environment";
      import { prefs } from "$lib/prefs";
      let lastQuery;
      export const load = async ({ url, data }) => {
        if (browser) prefs.locale = data.locale;
        if (typeof window !== "undefined") lastQuery = url.searchParams.get("q");
        return {};
      };
    `,
    // why: an emitter's listener gets that emitter's events (a browser automation's \`request\`), no Worker's request
    code`
      const failed = [];
      export function watch(page) {
        page.on("requestfailed", (request) => failed.push(request.url()));
      }
    `,
    // why: a module that reads the page (\`window.location\`) is a browser's code: its socket is the page's
    code`
      let socket = null;
      export function joinRoom(room) {
        if (socket) return;
        socket = new WebSocket("wss://" + window.location.host + "/ws?room=" + room);
      }
    `,
    // why: Nitro's runtime config, asked with the request's event, is the deploy's config, no data of that request
    code`
      let site;
      export default defineEventHandler(async (event) => {
        site ??= { url: useRuntimeConfig(event).public.siteUrl, name: useAppConfig(event).title };
        return "ok";
      });
    `,
    // why: a set's \`add\` takes one value; an imported service table's \`add(owner, tag)\` keeps nothing of this module's
    code`
      import { tags } from "@acme/core";
      export default {
        async fetch(request) {
          const owner = request.headers.get("x-owner");
          return Response.json(await tags.labels.add(owner, "blue"));
        },
      };
    `,
    // why: a list spread from what the key reads, with constants, is still that key's data
    code`
      const snapshots = new Map();
      async function listFiles(env, projectId) {
        const { results } = await env.DB.prepare("select path from files where project = ?").bind(projectId).all();
        return results.map((r) => r.path);
      }
      export default {
        async fetch(request, env) {
          const projectId = new URL(request.url).pathname.split("/")[2] ?? "";
          const files = await listFiles(env, projectId);
          snapshots.set(\`snap:\${projectId}\`, { files: [...files, "README.md"], at: Date.now() });
          return Response.json(files);
        },
      };
    `,
    // why: \`a && b\` gives \`a\` only when it is falsy: a flag made so holds none of the request's data
    code`
      const seen = new Map();
      export default {
        async fetch(request) {
          const { city } = await request.json();
          const hasCity = city && city.trim() !== "";
          seen.set("city", { hasCity: String(hasCity) });
          return new Response("ok");
        },
      };
    `,
    // why: an entry that holds only what its key is spelled from is that key's, also when the key
    // is a member read as it is written (\`url.pathname\`) or \`JSON.stringify\` of the labels kept
    code`
      const byPath = new Map();
      const byLabels = new Map();
      const tagged = new Map();
      export default {
        async fetch(request) {
          const url = new URL(request.url);
          const cur = byPath.get(url.pathname) || { path: url.pathname, count: 0 };
          cur.count += 1;
          byPath.set(url.pathname, cur);
          const labels = { path: url.pathname, method: request.method };
          byLabels.set(JSON.stringify(labels), { labels, count: 1 });
          const tags = { path: url.pathname };
          tagged.set(\`hits:\${JSON.stringify(tags)}\`, { tags, count: 1 });
          return new Response("ok");
        },
      };
    `,
    // why: a method of a class of the file, called on an instance made in the call
    // (\`new Format(request).label(1)\`), gives what the method returns: here nothing of the request
    code`
      class Format {
        constructor(req) { this.req = req; }
        label(n) { return "#" + n; }
      }
      let last;
      export default { async fetch(request) { last = new Format(request).label(1); return new Response(last); } };
    `,
    // why: a browser's module (a UI package imported, no handler, no env word; or "use client")
    // keeps the page's own socket, event stream and fetched data: no request of a Worker is in it
    code`
      import { useEffect, useState } from "react";
      let socket = null;
      let events = null;
      let pending = null;
      export function getSocket(url) { socket ??= new WebSocket(url); return socket; }
      export function useFeed(url) {
        const [items, setItems] = useState([]);
        useEffect(() => { if (!events) events = new EventSource(url); events.onmessage = (m) => setItems((i) => [...i, m.data]); }, [url]);
        return items;
      }
      export function loadConfig() { return (pending ??= fetch("/api/config").then((r) => r.json())); }
    `,
    code`
      "use client";
      let socket = null;
      export function getSocket(url) { if (!socket) socket = new WebSocket(url); return socket; }
    `,
    // why: what a helper of the file fetched with the id a user asked for is the upstream's answer,
    // as the same fetch written inline is: the id is sent in the URL, not kept in the response
    code`
      const titles = new Map();
      async function loadRecord(base, id) {
        const res = await fetch(\`\${base}/records/\${id}\`);
        return await res.json();
      }
      export default {
        async fetch(request, env) {
          const { text } = await request.json();
          const record = await loadRecord(env.API_BASE, text.trim());
          titles.set(record.id, record.title);
          return new Response(record.title);
        },
      };
    `,
    // why: a request's data is never a function (a component a renderer names), and a method of an
    // object literal reached through a constant alias (\`page = pages.home\`) is followed
    code`
      const seen = [];
      const pages = { home: { head: () => ({ title: "Home" }) } };
      function nameOf(fn) {
        if (!seen.includes(fn)) seen.push(fn);
        return fn.name || "Anon" + seen.indexOf(fn);
      }
      export default {
        async fetch(request) {
          const node = render(await request.json());
          const page = pages.home;
          seen.push(page.head({ request }).title);
          if (typeof node.type === "function") return new Response(nameOf(node.type));
          return new Response("x");
        },
      };
    `,
    // why: Hono's JSX is a UI package too (an island's hooks run in the page), and CSS's \`env()\` in
    // a component's styles is no env word
    code`
      import { useEffect } from "hono/jsx";
      export default function Board({ room }) {
        useEffect(() => {
          const sock = new WebSocket("wss://" + location.host + "/room/" + room);
          window.sendMove = (move) => sock.send(move);
        }, []);
        return <div style="padding-bottom: env(safe-area-inset-bottom)" />;
      }
    `,
    // why: RedwoodSDK handlers that only answer, and a write to the response's headers, keep nothing
    code`
      import { route } from "rwsdk/router";
      import { defineApp, requestInfo } from "rwsdk/worker";
      const routes = [];
      routes.push("/");
      export default defineApp([
        () => { requestInfo.headers.set("x-frame-options", "deny"); },
        route("/", ({ request }) => new Response(new URL(request.url).pathname)),
      ]);
    `,
    // why: RedwoodSDK's imported \`requestInfo\` is a view of the running request: a header set on its response (or on the \`response\` taken out of it) is that request's, whatever it is made of
    code`
      "use server";
      import { requestInfo } from "rwsdk/worker";
      export async function setTheme(theme: "dark" | "light") {
        requestInfo.response.headers.set("Set-Cookie", \`theme=\${theme}; Path=/\`);
      }
      export async function signIn(token: string) {
        const { request, response } = requestInfo;
        response.headers.set("Set-Cookie", request.headers.get("cookie") ?? token);
      }
    `,
    // why: Qwik City's \`requestEvent.env.get(name)\` reads one of the Worker's vars: env, not the request's data
    code`
      import { routeLoader$, type RequestHandler } from "@builder.io/qwik-city";
      let apiKey;
      export const onGet: RequestHandler = async (requestEvent) => { apiKey = requestEvent.env.get("API_KEY"); };
      export const useData = routeLoader$(async ({ env }) => { apiKey ??= env.get("API_KEY"); return 1; });
    `,
    // why: a type of the project's own that happens to share a framework's name (an app's
    // \`interface IRequest { env; user }\`) is no request; itty-router's is
    code`
      import type { IRequest } from "./types";
      let lastEnv;
      export function remember(req: IRequest) { lastEnv = req.env; }
    `,
    // why: a formatter made from the locale alone, cached under it, holds nothing of the request but its key
    code`
      const formats = new Map();
      function format(n, locale) {
        let f = formats.get(locale);
        if (!f) { f = new Intl.NumberFormat(locale); formats.set(locale, f); }
        return f.format(n);
      }
      export default {
        async fetch(request) {
          return new Response(format(42, request.headers.get("accept-language") ?? "en"));
        },
      };
    `,
    // why: an answer fetched with the user's own cookie, kept under a key a function of the file makes of that cookie
    // (\`keyOf(cookie)\`), is found only by a request presenting the same credential: what that key computes
    code`
      const sessions = new Map();
      const keyOf = (cookie: string) => cookie.split(";").find((p) => p.trim().startsWith("session=")) ?? cookie;
      async function validate(cookie: string, authUrl: string) {
        const key = keyOf(cookie);
        const hit = sessions.get(key);
        if (hit) return hit;
        const res = await fetch(authUrl, { headers: { Cookie: cookie } });
        const body = (await res.json()) as { user: { id: string } };
        const session = { userId: body.user.id };
        sessions.set(key, { value: session, expiresAt: Date.now() + 30000 });
        return session;
      }
      export async function requireAuth(request: Request) {
        const cookie = request.headers.get("Cookie");
        if (!cookie) throw new Error("unauthorized");
        return validate(cookie.trim(), "https://auth.example.com/session");
      }
    `,
    // why: a key a function of the file spells from several inputs (\`getCacheKey(mint, timeframe)\`) stands for each: an entry holding one of them beside what they fetch is what its key computes
    code`
      const history = new Map<string, { data: unknown; at: number; timeframe: string }>();
      function getCacheKey(mint: string, timeframe: string) {
        return \`\${mint}:\${timeframe}\`;
      }
      async function load(mint: string, timeframe: string) {
        const key = getCacheKey(mint, timeframe);
        const hit = history.get(key);
        if (hit) return hit.data;
        const data = await (await fetch(\`https://api.example.com/\${mint}?days=\${timeframe}\`)).json();
        history.set(key, { data, at: Date.now(), timeframe });
        return data;
      }
      export default {
        async fetch(request: Request) {
          const url = new URL(request.url);
          return Response.json(await load(url.searchParams.get("mint") ?? "", url.searchParams.get("tf") ?? "24h"));
        },
      };
    `,
    // why: a property the options literal does not have (\`opts.now\` of \`{ key, max, windowMs }\`) is undefined: the request's data in \`key\` is only the entry's key
    code`
      const hits = new Map<string, { count: number; resetAt: number }>();
      function limit(opts: { key: string; max: number; windowMs: number; now?: number }) {
        const now = opts.now ?? Date.now();
        const cur = hits.get(opts.key);
        if (!cur || cur.resetAt <= now) {
          hits.set(opts.key, { count: 1, resetAt: now + opts.windowMs });
          return true;
        }
        return ++cur.count <= opts.max;
      }
      export default {
        async fetch(request: Request) {
          const ip = request.headers.get("cf-connecting-ip") ?? "anon";
          return new Response(limit({ key: \`upload:\${ip}\`, max: 10, windowMs: 60_000 }) ? "ok" : "slow down");
        },
      };
    `,
    // why: a counter helper handed the module Map keeps the request's path only as a key, as \`stats.set(path, …)\` would
    code`
      const stats = new Map();
      function bump(m, k) { m.set(k, (m.get(k) ?? 0) + 1); }
      export default {
        async fetch(request) {
          bump(stats, new URL(request.url).pathname);
          return new Response("ok");
        },
      };
    `,
    // why: exported \`load\`, \`loader\` typed with the file's own types are a library's functions, not routes
    code`
      interface Template { name: string; body: string }
      const templates = new Map<string, string>();
      let current = "en";
      export function load({ name, body }: Template) { templates.set(name, body); }
      export function loader(locale: string) { current = locale; }
    `,
    // why: a helper of the file keys the entry by the id it is handed, with what a binding holds for
    // that id: the same memo as \`cache.set(id, await env.KV.get(id))\` written in the handler
    code`
      const entries = new Map();
      const cache = { set(k, v) { entries.set(k, v); } };
      export default {
        async fetch(request, env) {
          const id = new URL(request.url).searchParams.get("id") ?? "";
          cache.set(id, await env.KV.get(id));
          return new Response("ok");
        },
      };
    `,
    // why: data read through a binding on a key taken from the request, cached under that key, is
    // what any request with that key reads: a cache of what the key computes, not one user's data
    code`
      const pages = new Map<string, string | null>();
      const prices = new Map<string, number>();
      export default {
        async fetch(request: Request, env: Env) {
          const path = new URL(request.url).pathname;
          pages.set(path, await env.KV.get(path));
          const sku = new URL(request.url).searchParams.get("sku") ?? "";
          let price = prices.get(sku);
          if (price === undefined) {
            const row = await env.DB.prepare("select price from p where sku = ?").bind(sku).first<{ price: number }>();
            price = row?.price ?? 0;
            prices.set(sku, price);
          }
          return new Response(String(price));
        },
      };
    `,
    // why: an entry of a WeakMap keyed by the request lives as long as the request, also when it is
    // got (or made) into a local and filled there
    code`
      const perRequest = new WeakMap();
      export default {
        async fetch(request) {
          const seen = perRequest.get(request) ?? new Map();
          perRequest.set(request, seen);
          seen.set("url", request.url);
          return new Response("ok");
        },
      };
    `,
    // why: a get-or-compute cache: the local holds the entry already there for the key, or what the
    // key computes; nothing else of the request is kept
    code`
      const rendered = new Map<string, string>();
      const render = (slug: string) => "<h1>" + slug + "</h1>";
      export default {
        async fetch(request: Request) {
          const slug = new URL(request.url).pathname;
          let html = rendered.get(slug);
          if (!html) {
            html = render(slug);
            rendered.set(slug, html);
          }
          return new Response(html);
        },
      };
    `,
    // why: a module Map caching public data keyed by the request URL stores fetched data, not request state
    code`
      const cache = new Map();
      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          let data = cache.get(url.pathname);
          if (!data) {
            data = await (await fetch("https://api.example.com" + url.pathname)).json();
            cache.set(url.pathname, data);
          }
          return Response.json(data);
        },
      };
    `,
    // why: a plain counter
    code`
      let requests = 0;
      export default { async fetch(request) { requests++; return new Response(String(requests)); } };
    `,
    // why: a rate-limit map of numbers keyed by IP
    code`
      const hits = new Map();
      export default {
        async fetch(request) {
          const ip = request.headers.get("cf-connecting-ip") ?? "unknown";
          hits.set(ip, (hits.get(ip) ?? 0) + 1);
          if (hits.get(ip) > 100) return new Response("slow down", { status: 429 });
          return new Response("ok");
        },
      };
    `,
    // why: the body a helper fetches with the request's URL it is handed is the upstream's answer, as when written in place
    code`
      const sizes = new Map<string, { w: number; h: number }>();
      async function sizeOf(request: Request, path: string) {
        const res = await fetch(request.url, { cf: { image: { format: "json" } } } as RequestInit);
        const info = (await res.json()) as { meta: { w: number; h: number } };
        sizes.set(path, { w: info.meta.w, h: info.meta.h });
      }
      export default { async fetch(request: Request) { await sizeOf(request, new URL(request.url).pathname); return new Response("ok"); } };
    `,
    // why: a list computed from the key in several steps, in place, is a memo of that key
    code`
      const memo = new Map<string, string[]>();
      export default {
        async fetch(request: Request) {
          const key = request.url;
          let out = memo.get(key);
          if (!out) {
            const u = new URL(key);
            out = [\`host:\${u.hostname}\`, \`path:\${u.pathname}\`];
            memo.set(key, out);
          }
          return new Response(out.join(","));
        },
      };
    `,
    // why: a call named like an action (\`authorizeUser\`) on a stub after it is read is no configuration of it
    code`
      import { Hono } from "hono";
      let saved: unknown = null;
      async function loadSettings(stub: { settings: () => Promise<unknown> }) {
        saved = { settings: await stub.settings() };
      }
      const app = new Hono<{ Bindings: { REGISTRY: DurableObjectNamespace } }>();
      app.post("/go", async (c) => {
        const stub = c.env.REGISTRY.get(c.env.REGISTRY.idFromName("main")) as any;
        await loadSettings(stub);
        await stub.authorizeUser(c.req.header("x-user") ?? "");
        return c.json({});
      });
      export default app;
    `,
    // why: a regular expression's test gives a flag, and a function declared to return a number gives a number
    code`
      import { majorOf } from "ua-versions";
      const modern = new Map<string, boolean>();
      const majors = new Map<string, number>();
      function version(ua: string): number {
        return majorOf(ua);
      }
      export default {
        async fetch(request: Request) {
          const agent = request.headers.get("user-agent") ?? "";
          modern.set(agent.slice(0, 8), /Chrome|Edge/.test(agent));
          majors.set(agent.slice(0, 8), version(agent));
          return new Response("ok");
        },
      };
    `,
    // why: a helper's parameter typed as a number holds a number, whatever its caller read it from
    code`
      const buckets = new Map<string, { tokens: number; last: number }>();
      const flags: boolean[] = [];
      function take(who: string, rate: number, seen?: boolean | null) {
        buckets.set(who, { tokens: rate, last: Date.now() });
        if (seen) flags.push(seen);
      }
      export default {
        async fetch(request: Request) {
          const who = request.headers.get("x-client") ?? "anon";
          const body = (await request.json()) as { rate: number; seen: boolean };
          take(who, body.rate, body.seen);
          limit(body.rate);
          return new Response("ok");
        },
      };
      const limits: number[] = [];
      function limit(max: number = 10) { limits.push(max); }
    `,
    // why: request data kept in locals
    code`
      export default {
        async fetch(request, env, ctx) {
          const body = await request.json();
          const user = request.headers.get("x-user");
          ctx.waitUntil(log(user, body));
          return new Response("ok");
        },
      };
    `,
    // why: a WebSocket handler that keeps only counts, and a message kept on the object itself
    code`
      import { DurableObject } from "cloudflare:workers";
      let received = 0;
      export class Room extends DurableObject {
        messages = [];
        async webSocketMessage(ws, message) { received += message.length; this.messages.push(message); ws.send("ok"); }
      }
    `,
    // why: env read through a framework's per-request objects is env, not request state
    code`
      let kv;
      export const handle = async ({ event, resolve }) => {
        const fresh = event.platform.env.KV;
        return resolve(event, { transformPageChunk: ({ html }) => html.replace("%kv%", String(!!fresh)) });
      };
    `,
    // why: a WeakSet member dies with the request
    code`
      const seen = new WeakSet();
      export default { async fetch(request) { seen.add(request); return new Response(String(seen.has(request))); } };
    `,
    // why: a WeakMap keyed by the request itself
    code`
      const perRequest = new WeakMap();
      export default { async fetch(request) { perRequest.set(request, { start: Date.now() }); return new Response("ok"); } };
    `,
    // why: a WeakMap field of a module-scope cache keyed by the socket itself
    code`
      class SocketCache {
        #meta = new WeakMap();
        remember(ws, meta) { this.#meta.set(ws, meta); }
      }
      const cache = new SocketCache();
      export default {
        async fetch(request) {
          const [client, server] = Object.values(new WebSocketPair());
          cache.remember(server, { user: request.headers.get("x-user") });
          return new Response(null, { status: 101, webSocket: client });
        },
      };
    `,
    // why: a module-scope cache class whose set() keeps entries in a private WeakMap keyed by the socket
    code`
      class Attachments {
        #bySocket = new WeakMap();
        set(ws, value) { this.#bySocket.set(ws, value); }
      }
      const attachments = new Attachments();
      export default {
        async fetch(request) {
          const [client, server] = Object.values(new WebSocketPair());
          attachments.set(server, { user: request.headers.get("x-user") });
          return new Response(null, { status: 101, webSocket: client });
        },
      };
    `,
    // why: the body of a Response made from the upstream's text, read back, is that text: the
    // upstream's data, not the request's; one made from a literal holds nothing of any request
    code`
      const memo = new Map();
      export default {
        async fetch(request, env) {
          const res = await fetch("https://api.example.com", { headers: { authorization: env.TOKEN } });
          memo.set("a", await new Response(await res.text()).json());
          const fixed = new Response("static");
          memo.set("b", await fixed.text());
          return new Response("ok");
        },
      };
    `,
    // why: a filter of the module's own list keeps the list's elements; the request's header only
    // decides which (the callback's boolean is no part of the result)
    code`
      const tools = [{ name: "a" }, { name: "b" }];
      const picked = new Map();
      export default {
        fetch(request) {
          const allow = (request.headers.get("x-tools") ?? "").split(",");
          picked.set("last", tools.filter((t) => allow.includes(t.name)));
          return new Response("ok");
        },
      };
    `,
    // why: a Solid component's socket is the page's: \`solid-js/web\` imported for its \`Portal\`
    // makes no source (only its \`getRequestEvent\` would)
    {
      filename: "src/components/Live.tsx",
      code: code`
        import { createEffect } from "solid-js";
        import { Portal } from "solid-js/web";
        let sock = null;
        export default function Live(props) {
          createEffect(() => {
            if (!sock) sock = new WebSocket(props.url);
          });
          return Portal;
        }
      `,
    },
    // why: a page got or computed through a local, an object of the key and what is read under it,
    // is what any request for that key computes
    code`
      const pages = new Map();
      export default {
        async fetch(request, env) {
          const slug = new URL(request.url).pathname.slice(1) || "index";
          let page = pages.get(slug);
          if (!page) {
            page = { slug, html: (await env.CONTENT.get(\`md/\${slug}\`)) ?? "" };
            pages.set(slug, page);
          }
          return new Response(page.html);
        },
      };
    `,
    // why: what a retry wrapper's callback reads for an id, kept under that id, is what any request
    // for that id gets, as the same read awaited directly
    code`
      import { withRetry } from "./retry";
      const byId = {};
      export default {
        async fetch(request, env) {
          const id = new URL(request.url).searchParams.get("id") ?? "";
          if (!byId[id]) byId[id] = await withRetry(() => env.KV.get(id));
          return new Response(byId[id]);
        },
      };
    `,
    // why: an entry under an id made fresh for it (a session id handed back to its client): no
    // other request finds it
    code`
      import { nanoid } from "nanoid";
      const sessions = new Map();
      const drafts = new Map();
      export default {
        async fetch(request) {
          const body = await request.json();
          const id = crypto.randomUUID();
          sessions.set(id, body.lang);
          drafts.set(nanoid(), body.text);
          return Response.json({ id });
        },
      };
    `,
    // why: an id with a fresh part is as fresh (\`Math.random()\` spelled as text, a prefix before a UUID)
    code`
      const trackers = new Map<string, { name: string; at: number }>();
      const jobs = new Map<string, string>();
      export default {
        async fetch(request: Request) {
          const name = new URL(request.url).pathname;
          const id = \`\${name}_\${Date.now()}_\${Math.random().toString(36).slice(2, 11)}\`;
          trackers.set(id, { name, at: Date.now() });
          jobs.set("job-" + crypto.randomUUID(), name);
          const done = trackers.get(id);
          trackers.delete(id);
          return Response.json({ id, done });
        },
      };
    `,
    // why: a map under fresh ids that a loop only sweeps (compares an entry's time, deletes its key)
    // hands no entry to another request
    code`
      const codes = new Map<string, { token: string; expiresAt: number }>();
      export default {
        async fetch(request: Request) {
          const code = crypto.randomUUID();
          codes.set(code, { token: new URL(request.url).searchParams.get("t") ?? "", expiresAt: Date.now() + 60_000 });
          const now = Date.now();
          for (const [key, value] of codes) if (value.expiresAt <= now) codes.delete(key);
          for (const key of codes.keys()) if (key === "") codes.delete(key);
          return Response.json({ code });
        },
      };
    `,
    // why: a parameter named \`request\` but typed with the file's own plain-data type is no request
    code`
      interface OutboundCall { target: string; body: Record<string, unknown> }
      type Job = { id: string };
      class Backlog {
        pending = new Map();
        add(request: OutboundCall) { this.pending.set(request.target, { ...request }); }
        addJob(request: Job) { this.pending.set(request.id, request); }
      }
      export const backlog = new Backlog();
    `,
    // why: a key that spells each input with a fallback to text (\`\${site || ""}\`) is still spelled
    // from that input: a cache of what its key computes
    code`
      import { stats } from "analytics-lib";
      const memo = new Map();
      export default {
        async fetch(request) {
          const q = new URL(request.url).searchParams;
          const days = Number(q.get("days") ?? "7");
          const site = q.get("site");
          const key = \`sum:\${days}:\${site || ""}\`;
          const value = await stats(days, site);
          memo.set(key, { value, at: Date.now() });
          return Response.json(value);
        },
      };
    `,
    // why: a test's canned Response (a mocked fetch) is made in no request
    code`
      import { afterEach, it, vi } from "vitest";
      const realFetch = globalThis.fetch;
      afterEach(() => { globalThis.fetch = realFetch; });
      it("forwards", async () => {
        globalThis.fetch = vi.fn().mockResolvedValue(new Response("{}"));
      });
    `,
    // why: random bytes spelled as text are such an id too (an OAuth state), of \`node:crypto\` or \`crypto.\`
    code`
      import { randomBytes as bytes } from "node:crypto";
      const states = new Map();
      const pending = new Map();
      export default {
        async fetch(request) {
          const provider = new URL(request.url).searchParams.get("provider");
          const state = bytes(16).toString("hex");
          states.set(state, { provider });
          pending.set(crypto.randomBytes(32).toString("base64url"), provider);
          return Response.json({ state });
        },
      };
    `,
    // why: Durable Object instance fields may hold the state
    code`
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        sessions = new Map();
        async fetch(request) {
          const pair = new WebSocketPair();
          this.sessions.set(crypto.randomUUID(), pair[1]);
          this.lastUser = request.headers.get("x-user");
          return new Response(null, { status: 101, webSocket: pair[0] });
        }
      }
    `,
    // why: an allowed deliberate per-isolate cache
    {
      code: code`
        let lastPath;
        export default { async fetch(request) { lastPath = new URL(request.url).pathname; return new Response("ok"); } };
      `,
      options: [{ allow: ["lastPath"] }],
    },
    // why: an Astro action that uses its input and context within the call keeps nothing; a
    // scheduled event's cron is the trigger's config; a Nitro hook that runs at shutdown gets no request
    code`
      import { defineAction } from "astro:actions";
      let lastCron = "";
      let closed = 0;
      export const server = {
        like: defineAction({ handler: async (input, context) => ({ id: input.id, user: context.cookies.get("sid")?.value }) }),
      };
      addEventListener("scheduled", (event) => { lastCron = event.cron; });
      export function plugin(nitroApp) { nitroApp.hooks.hook("close", () => { closed++; }); }
    `,
    // why: a request's data added to a set only asked whether it holds a key (in-flight requests,
    // a rate limiter's window) is a key, as a map's key is
    code`
      const inflight = new Set<string>();
      export default {
        async fetch(request: Request) {
          const key = new URL(request.url).pathname;
          if (inflight.has(key)) return new Response("busy", { status: 429 });
          inflight.add(key);
          try { return new Response(String(inflight.size)); } finally { inflight.delete(key); }
        },
      };
    `,
    // why: a number parsed out of the request's data (a timestamp, a flag) is no one's data
    code`
      let lastSeen = 0;
      let lastMobile = false;
      export default {
        async fetch(request: Request) {
          const ms = Date.parse(request.headers.get("date") ?? "");
          if (!Number.isNaN(ms) && ms > lastSeen) lastSeen = ms;
          lastMobile = Array.isArray(request.headers.get("x-list")?.split(","));
          return new Response("ok");
        },
      };
    `,
    // why: a field written on an entry of a WeakMap keyed by the request lives as long as the request,
    // as the entry itself does
    code`
      const info = new WeakMap<Request, { user?: string }>();
      export default {
        async fetch(request: Request) {
          info.set(request, {});
          const entry = info.get(request);
          if (entry) entry.user = request.headers.get("x-user") ?? undefined;
          return new Response("ok");
        },
      };
    `,
    // why: a Hono handler that keeps request data local
    code`
      import { Hono } from "hono";
      const app = new Hono();
      app.post("/", async (c) => {
        const body = await c.req.json();
        return c.json(body);
      });
    `,
  ],
  invalid: [
    {
      // why: a Worker whose comment tells how to run it under Bun or Express (\`Bun.serve\`, \`app.listen(3000)\`) is still a Worker: only calls and imports make a server's module
      code: code`
        // Run locally with Bun.serve({ fetch }) or app.listen(3000) from "express".
        let last: string | null = null;
        export default {
          fetch(request: Request) {
            last = request.headers.get("x-id");
            return new Response(last);
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope" as const, line: 5, column: 5 }],
    },
    {
      // why: what a Pages chain's next handler answers (\`await context.next()\`) is a Response, this request's I/O, as \`fetch()\`'s is
      code: code`
        let lastResponse: Response | undefined;
        export const onRequestGet: PagesFunction = async (context) => {
          const res = await context.next();
          lastResponse = res;
          return res;
        };
      `,
      errors: [io("lastResponse", "context.next()", 4, 3)],
    },
    {
      // why: a message spells a call's number as written (\`slice(1)\`) and shows an argument it leaves out as \`…\`, never as no argument
      code: code`
        let domain = "";
        let agent = "";
        export default {
          async fetch(request: Request) {
            domain = new URL(request.url).host.split(".").slice(1).join(".");
            agent = request.headers.get(String(1)) ?? "";
            return new Response(domain + agent);
          },
        };
      `,
      errors: [data("domain", 'new URL(request.url).host.split(".").slice(1).join(".")', 5, 5), data("agent", "request.headers.get(…)", 6, 5)],
    },
    {
      // why: a PartyKit server's connection and its context are one connection's (\`conn: Party.Connection\`, \`ctx.request\` of \`Party.ConnectionContext\`): module scope is every room's
      code: code`
        import type * as Party from "partykit/server";
        const sockets = new Set<Party.Connection>();
        let last: Party.Request | undefined;
        export default class Chat implements Party.Server {
          constructor(readonly room: Party.Room) {}
          onConnect(conn: Party.Connection, ctx: Party.ConnectionContext) {
            sockets.add(conn);
            last = ctx.request;
          }
        }
      `,
      errors: [io("sockets", "conn", 7, 5), io("last", "ctx.request", 8, 5)],
    },
    {
      // why: a put of something else beside the store (\`put("log", …)\`) mirrors nothing: the module copy is one request's data
      code: code`
        let upstream = { baseUrl: "https://api.example.com" };
        export default {
          async fetch(request: Request, env: { CONFIG_KV: KVNamespace }) {
            const body = (await request.json()) as { baseUrl: string };
            const next = { baseUrl: body.baseUrl };
            upstream = next;
            await env.CONFIG_KV.put("log", JSON.stringify({ at: Date.now() }));
            return new Response(upstream.baseUrl);
          },
        };
      `,
      errors: [data("upstream", "request.json().baseUrl", 6, 5)],
    },
    {
      // why: an object holding both a request's data and its I/O objects is named by the I/O object it holds, the worse hazard
      code: code`
        export default {
          async fetch(request, env, ctx) {
            globalThis.__current = { cf: request.cf, req: request, ctx };
            return new Response("ok");
          },
        };
      `,
      errors: [io("globalThis.__current", "request", 3, 5)],
    },
    {
      // why: a property of a local literal (also nested) is what the literal was given there: the message names that read, once
      code: code`
        const ENV = { acts: {} as unknown };
        function register(context: { USER_CONFIG: { MY_ACTIONS: unknown } }) { ENV.acts = context.USER_CONFIG.MY_ACTIONS; }
        export default {
          async fetch(request: Request) {
            const update = (await request.json()) as { message: { actions: unknown } };
            const context = { USER_CONFIG: { MY_ACTIONS: update.message.actions } };
            register(context);
            return new Response("ok");
          },
        };
      `,
      errors: [data("ENV.acts", "request.json().message.actions", 2, 72)],
    },
    {
      // why: a shallow copy of a module object shares its nested objects: writing into \`copy.k\` writes the module's \`DEFAULTS.k\`
      code: code`
        const DEFAULTS = { MODEL: "m", EXTRA: {} as Record<string, unknown>, TAGS: [] as string[] };
        export default {
          async fetch(request: Request) {
            const body = (await request.json()) as { extra: Record<string, unknown>; tag: string };
            const config = { ...DEFAULTS };
            Object.assign(config.EXTRA, body.extra);
            config.TAGS.push(body.tag);
            return Response.json(config);
          },
        };
      `,
      errors: [data("DEFAULTS.EXTRA", "request.json().extra", 6, 5), data("DEFAULTS.TAGS", "request.json().tag", 7, 5)],
    },
    {
      // why: an instance's field given a module collection by its constructor (also as a parameter property) is that collection
      code: code`
        const configValues = new Map<string, string>();
        const seen: string[] = [];
        class ConfigCommand {
          private config: Map<string, string>;
          constructor(config: Map<string, string>) { this.config = config; }
          set(key: string, value: string) { this.config.set(key, value); }
        }
        class Tracker {
          constructor(private list: string[]) {}
          add(v: string) { this.list.push(v); }
        }
        export default {
          async fetch(request: Request) {
            const body = (await request.json()) as { key: string; value: string };
            new ConfigCommand(configValues).set(body.key, body.value);
            new Tracker(seen).add(request.url);
            return new Response("ok");
          },
        };
      `,
      errors: [data("configValues", "request.json().value", 6, 37), data("seen", "request.url", 10, 20)],
    },
    {
      // why: what a client hands an RPC procedure is one request's data, as is what the context holds besides env
      code: code`
        import { publicProcedure } from "./trpc";
        let lastInput: unknown;
        let lastUser: unknown;
        export const save = publicProcedure.mutation(({ ctx, input }) => { lastInput = input; lastUser = ctx.user; return true; });
        export const count = publicProcedure.query(({ ctx }) => ctx.env.DB.prepare("select 1").first());
      `,
      errors: [data("lastInput", "input", 4, 68), data("lastUser", "ctx.user", 4, 87)],
    },
    {
      // why: a context variable set from the request (\`c.set("user", …)\` of a middleware) is that request's;
      // one set elsewhere under another name than a database's stays one request's data
      code: code`
        import { Hono } from "hono";
        const app = new Hono();
        app.use("*", async (c, next) => { c.set("payload", await c.req.json()); await next(); });
        let lastPayload: unknown;
        let lastUser: unknown;
        app.get("/", (c) => {
          lastPayload = c.get("payload");
          lastUser = c.var.user;
          return c.text("ok");
        });
        export default app;
      `,
      errors: [data("lastPayload", "c.req.json()", 7, 3), data("lastUser", "c.var.user", 8, 3)],
    },
    {
      // why: what the model hands an AI SDK tool's \`execute\` comes of one user's chat; kept in module scope, the next user's list shows it
      code: code`
        import { tool } from "ai";
        import { z } from "zod";
        const notes = new Map<string, string>();
        export const remember = tool({
          inputSchema: z.object({ key: z.string(), text: z.string() }),
          execute: async ({ key, text }) => {
            notes.set(key, text);
            return { saved: key, all: [...notes.values()] };
          },
        });
      `,
      errors: [data("notes", "input.text", 7, 5)],
    },
    {
      // why: an MCP server's tool handler gets what one session's client sent
      code: code`
        import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
        import { z } from "zod";
        let lastQuery = "";
        export function register(server: McpServer) {
          server.tool("search", { q: z.string() }, async (args) => {
            lastQuery = args.q;
            return { content: [{ type: "text", text: lastQuery }] };
          });
        }
      `,
      errors: [data("lastQuery", "args.q", 6, 5)],
    },
    {
      // why: \`typeof window === "undefined"\` holds on the server too: the Worker's render runs that branch
      code: code`
        let lastQuery;
        export const load = async ({ url }) => {
          if (typeof window === "undefined") lastQuery = url.searchParams.get("q");
          return {};
        };
      `,
      errors: [data("lastQuery", "url.searchParams.get(\"q\")", 3, 38)],
    },
    {
      // why: an object of several parts of a request is named by the part that says most of its user (its headers), not by the first
      code: code`
        let lastRequest;
        export default {
          async fetch(request: Request) {
            lastRequest = { method: request.method, url: request.url, headers: Object.fromEntries(request.headers) };
            return new Response("ok");
          },
        };
      `,
      errors: [data("lastRequest", "request.headers", 4, 5)],
    },
    {
      // why: a loop over a map under fresh ids that hands an entry's data out reads it for another request
      code: code`
        const codes = new Map<string, { user: string; token: string }>();
        export default {
          async fetch(request: Request) {
            const q = new URL(request.url).searchParams;
            codes.set(crypto.randomUUID(), { user: q.get("u") ?? "", token: q.get("t") ?? "" });
            for (const [, value] of codes) if (value.user === q.get("who")) return new Response(value.token);
            return new Response("none");
          },
        };
      `,
      errors: [data("codes", 'new URL(request.url).searchParams.get("u")', 5, 5)],
    },
    {
      // why: under a fresh id, but in a map another request reads out whole (a broadcast): every socket reaches it
      code: code`
        const sockets = new Map();
        function broadcast(text) {
          for (const ws of sockets.values()) ws.send(text);
        }
        export default {
          async fetch(request) {
            const [client, server] = Object.values(new WebSocketPair());
            server.accept();
            const id = crypto.randomUUID();
            sockets.set(id, server);
            server.addEventListener("message", (e) => broadcast(String(e.data)));
            server.addEventListener("close", () => sockets.delete(id));
            return new Response(null, { status: 101, webSocket: client });
          },
        };
      `,
      errors: [io("sockets", "new WebSocketPair()[1]", 10, 5)],
    },
    {
      // why: the user's data sent in a fetch's body (a prompt) makes the answer that user's, in place or in a helper
      code: code`
        const answers = new Map<string, string>();
        const replies = new Map<string, string>();
        async function ask(question: string, context: unknown) {
          const res = await fetch("https://llm.example/run", { method: "POST", body: JSON.stringify({ question, context }) });
          const data = (await res.json()) as { answer: string };
          answers.set(question, data.answer);
        }
        export default {
          async fetch(request: Request) {
            const body = (await request.json()) as { q: string; user: unknown };
            await ask(body.q, body.user);
            const res = await fetch("https://llm.example/run", { method: "POST", body: JSON.stringify(body) });
            replies.set("last", ((await res.json()) as { answer: string }).answer);
            return new Response("ok");
          },
        };
      `,
      errors: [
        data("answers", "request.json().q", 6, 3),
        data("replies", "a fetch() response sent with `request.json()`", 13, 5),
      ],
    },
    {
      // why: a parameter typed as text holds the request's data its caller hands
      code: code`
        let last: string | number = "";
        function note(v: string | number) { last = v; }
        export default { async fetch(request: Request) { note(request.headers.get("x") ?? ""); return new Response("ok"); } };
      `,
      errors: [data("last", 'request.headers.get("x")', 2, 37)],
    },
    {
      // why: \`window\` only in the text of a page the Worker serves is no browser's code
      code: code`
        let socket = null;
        export function page() { return "<script>window.location.reload()</script>"; }
        export function joinRoom(room) {
          socket ??= new WebSocket("wss://chat.example.com/ws?room=" + room);
        }
      `,
      errors: [io("socket", "new WebSocket()", 4, 3)],
    },
    {
      // why: a WeakMap keyed by env or one of its bindings: every later request of the deploy has
      // the same key, so it finds the first request's data (a closure over the request under env
      // stays the env rule's)
      code: code`
        const byBinding = new WeakMap();
        const byEnv = new WeakMap();
        export default {
          async fetch(request, env) {
            byBinding.set(env.DB, new URL(request.url).origin);
            byEnv.set(env, request.headers.get("x-user"));
            return new Response("ok");
          },
        };
      `,
      errors: [data("byBinding", "new URL(request.url).origin", 5, 5), data("byEnv", 'request.headers.get("x-user")', 6, 5)],
    },
    {
      // why: …but a list spread with the request's own data beside it is that request's
      code: code`
        const snapshots = new Map();
        export default {
          async fetch(request, env) {
            const projectId = new URL(request.url).pathname;
            const files = (await env.DB.prepare("select path from files where project = ?").bind(projectId).all()).results;
            snapshots.set(projectId, { files: [...files, request.headers.get("user-agent")] });
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope" as const, line: 6, column: 5 }],
    },
    {
      // why: a Durable Object or a Hono app that renders with a UI package is still a Worker: its
      // sockets and fetched responses are a request's
      code: code`
        import { h } from "preact";
        import { DurableObject } from "cloudflare:workers";
        const viewers = new Set();
        export class Board extends DurableObject {
          async fetch(request) {
            const [client, server] = Object.values(new WebSocketPair());
            viewers.add(server);
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      errors: [io("viewers", "new WebSocketPair()[1]", 7, 5)],
    },
    {
      // why: a module that renders with Hono's JSX and is a Hono app has requests of its own
      code: code`
        import { Hono } from "hono";
        import { useState } from "hono/jsx";
        const app = new Hono();
        let last;
        app.get("/", (c) => { last = c.req.raw; return c.text("ok"); });
        export default app;
      `,
      errors: [{ messageId: "requestIoInModuleScope" as const, line: 5, column: 23 }],
    },
    {
      // why: only text made of the I/O object is data: the object itself, kept under its type tag, is still I/O of one request
      code: code`
        const { toString: tagOf } = Object.prototype;
        const byTag: Record<string, unknown> = {};
        const remember = (thing: unknown) => {
          byTag[tagOf.call(thing).slice(8, -1)] = thing;
        };
        export default {
          async fetch(request: Request) {
            remember(request);
            return new Response("ok");
          },
        };
      `,
      errors: [io("byTag[tagOf.call(thing).slice(8, -1)]", "request", 4, 3)],
    },
    {
      // why: an instance a factory makes and the closure it returns keeps, the closure kept at module level, is one for the isolate: its queue holds every request's header
      code: code`
        class Chunker {
          queue: string[] = [];
          push(message: string) { this.queue.push(message); }
        }
        function createLogger() {
          const chunker = new Chunker();
          return (request: Request) => chunker.push(request.headers.get("authorization") ?? "");
        }
        const log = createLogger();
        export default { fetch: (request: Request) => (log(request), new Response("ok")) };
      `,
      errors: [data("`this.queue` of instance `chunker` closed over by `log`", "request.headers.get(…)", 3, 27)],
    },
    {
      // why: the same slot whose object also holds another part of the request (a header) keeps that part for whoever asks with the same input
      code: code`
        let worldCache: { days: string; value: unknown } | null = null;
        export default {
          async fetch(request: Request) {
            const days = new URL(request.url).searchParams.get("days") ?? "7";
            if (worldCache && worldCache.days === days) return Response.json(worldCache.value);
            const value = { days, user: request.headers.get("x-user") };
            worldCache = { days, value };
            return Response.json(value);
          },
        };
      `,
      errors: [data("worldCache", 'request.headers.get("x-user")', 7, 5)],
    },
    {
      // why: the Fetch API's \`Request\` is a Worker's request, also in a module that imports a Node framework's other types; and a socket a Worker's module opens is I/O of its request
      code: code`
        import type { Response as ExpressResponse } from "express";
        const seen: Request[] = [];
        let socket;
        export function remember(req: Request, res?: ExpressResponse) { seen.push(req); }
        export class Collab { connect() { socket = new WebSocket("wss://example.com"); } }
      `,
      errors: [io("seen", "req", 4, 65), io("socket", "new WebSocket()", 5, 35)],
    },
    {
      code: code`
        import { Hono } from "hono";
        import { useState } from "react";
        const app = new Hono();
        let status;
        app.get("/", async (c) => {
          status ??= await fetch("https://status.example.com/summary.json");
          return c.html(renderToString(null));
        });
        export default app;
      `,
      errors: [{ messageId: "requestIoInModuleScope" as const, line: 6, column: 3 }],
    },
    {
      // why: …but what else the entry holds is one request's data whatever its key
      code: code`
        const byPath = new Map();
        const byLabels = new Map();
        export default {
          async fetch(request) {
            const url = new URL(request.url);
            byPath.set(url.pathname, { path: url.pathname, body: await request.text() });
            const labels = { path: url.pathname };
            byLabels.set(JSON.stringify(labels), { labels, agent: request.headers.get("user-agent") });
            return new Response("ok");
          },
        };
      `,
      errors: [
        { messageId: "requestDataInModuleScope" as const, line: 6, column: 5 },
        { messageId: "requestDataInModuleScope" as const, line: 8, column: 5 },
      ],
    },
    {
      // why: …and what it returns of the instance's own fields is what the request handed it
      code: code`
        class Format {
          constructor(req) { this.req = req; }
          path() { return new URL(this.req.url).pathname; }
        }
        let lastPath;
        export default { async fetch(request) { lastPath = new Format(request).path(); return new Response("ok"); } };
      `,
      errors: [data("lastPath", "request.url.pathname", 6, 41)],
    },
    {
      // why: the same singleton in a Worker's module (no UI package, or a handler beside it) keeps
      // a socket made by one request
      code: code`
        let socket = null;
        export function getSocket(url) { socket ??= new WebSocket(url); return socket; }
      `,
      errors: [io("socket", "new WebSocket()", 2, 34)],
    },
    {
      code: code`
        import { renderToString } from "react-dom/server";
        import { useState } from "react";
        let socket = null;
        export default { async fetch(request) { socket ??= new WebSocket(new URL(request.url).searchParams.get("u")); return new Response(renderToString(null)); } };
      `,
      errors: [io("socket", "new WebSocket()", 4, 41)],
    },
    {
      // why: RedwoodSDK: the middleware listed in the app, a route's handler (or one of a list) get the
      // request's info, and the imported \`requestInfo\` is the running request's
      code: code`
        import { route, render } from "rwsdk/router";
        import { defineApp, requestInfo } from "rwsdk/worker";
        let lastUser;
        let lastRequest;
        const seen = [];
        export function remember() { lastRequest = requestInfo.request; }
        export default defineApp([
          ({ request }) => { seen.push(request); },
          render(Document, [
            route("/", ({ ctx }) => { lastUser = ctx.user; return new Response("ok"); }),
            route("/a", [({ params }) => { lastUser = params.id; }, () => new Response("fine")]),
            route("/b", { post: async ({ request }) => { seen.push(await request.json()); return new Response("ok"); }, async get({ ctx }) { lastUser = ctx.user; } }),
          ]),
        ]);
      `,
      errors: [
        io("lastRequest", "requestInfo.request", 6, 30),
        io("seen", "request", 8, 22),
        data("lastUser", "ctx.user", 10, 31),
        data("lastUser", "params.id", 11, 36),
        data("seen", "request.json()", 12, 50),
        data("lastUser", "ctx.user", 12, 134),
      ],
    },
    {
      // why: TypeScript's \`this\` parameter is no argument: the request fills the helper's first real parameter
      code: code`
        const seen: Request[] = [];
        function note(this: unknown, r: Request, tag: string) {
          seen.push(r);
          return tag;
        }
        export default { async fetch(request: Request) { note(request, "x"); return new Response("ok"); } };
      `,
      errors: [io("seen", "request", 3, 3)],
    },
    {
      // why: the promise is the I/O one invocation started whatever it settles to (nothing here):
      // a queue batch's handling kept for a later batch, a request's audit kept in a variable
      code: code`
        const running = new Map();
        let lastAudit;
        async function handle(body) { await fetch("https://hooks.example.com", { method: "POST", body: JSON.stringify(body) }); }
        async function audit(path) { await fetch("https://audit.example.com", { method: "POST", body: path }); }
        const perRequest = new WeakMap();
        export default {
          async queue(batch) {
            for (const msg of batch.messages) running.set(msg.id, handle(msg.body));
          },
          async fetch(request) {
            lastAudit = audit(new URL(request.url).pathname);
            perRequest.set(request, audit(request.url));
            return new Response("ok");
          },
        };
      `,
      errors: [
        { messageId: "requestPromiseInModuleScope", data: { target: "`running`", origin: "`handle(msg.body)`", event: "queue batch" }, line: 8, column: 39 },
        { messageId: "requestPromiseInModuleScope", data: { target: "`lastAudit`", origin: "`audit(new URL(request.url).pathname)`", event: "request" }, line: 11, column: 5 },
      ],
    },
    {
      // why: the promise of an async function of the file, made from the request's data and kept
      // before it settles, runs as I/O of the request that started it: a request that awaits it
      // may wait on one that is gone (a promise is no memo of its key)
      code: code`
        const inflight = new Map();
        async function load(id) {
          const r = await fetch("https://api.example.com/items/" + id);
          return r.json();
        }
        export default {
          async fetch(request) {
            const id = new URL(request.url).searchParams.get("id") ?? "";
            let p = inflight.get(id);
            if (!p) {
              p = load(id).finally(() => inflight.delete(id));
              inflight.set(id, p);
            }
            return Response.json(await p);
          },
        };
      `,
      errors: [{ messageId: "requestPromiseInModuleScope", data: { target: "`inflight`", origin: "`load(id)`", event: "request" }, line: 12, column: 7 }],
    },
    {
      // why: the same work written as an async function called in place, over the request's data it
      // reads from the handler around it, is the same pending I/O of that request
      code: code`
        const inflight = new Map();
        const settled = new Map();
        export default {
          async fetch(request) {
            const id = new URL(request.url).searchParams.get("id") ?? "";
            const p = (async () => {
              const r = await fetch("https://api.example.com/items/" + id);
              return r.json();
            })();
            inflight.set(id, p);
            const done = (async function () { return 1; })();
            settled.set("one", done);
            return Response.json(await p);
          },
        };
      `,
      errors: [{ messageId: "requestPromiseInModuleScope", data: { target: "`inflight`", origin: "`(async () => …)()`", event: "request" }, line: 10, column: 5 }],
    },
    {
      // why: a rest parameter of a helper of the file is handed every argument from its position on
      code: code`
        const logs = [];
        function log(level, ...args) { logs.push(args); }
        export default {
          async fetch(request) {
            log("info", "user", request.headers.get("x-user"));
            return new Response("ok");
          },
        };
      `,
      errors: [data("logs", `request.headers.get("x-user")`, 2, 32)],
    },
    {
      // why: a Next.js route handler's \`NextRequest\`, and the headers and cookies \`next/headers\` gives, are one request's
      code: code`
        import { NextRequest, NextResponse } from "next/server";
        import { headers, cookies } from "next/headers";
        let lastAgent;
        let sessionId;
        export async function POST(req: NextRequest) {
          lastAgent = req.headers.get("user-agent");
          sessionId ??= (await cookies()).get("sid")?.value;
          const ua = (await headers()).get("user-agent");
          return NextResponse.json({ ua });
        }
      `,
      errors: [data("lastAgent", "req.headers.get(\"user-agent\")", 6, 3), data("sessionId", "cookies().get(\"sid\").value", 7, 3)],
    },
    {
      // why: SvelteKit's fetch and error hooks get the request's event; React Router's middleware its request
      code: code`
        let lastFetch;
        const errors = [];
        let lastRequest;
        export async function handleFetch({ event, request, fetch }) { lastFetch = request; return fetch(request); }
        export function handleError({ error, event }) { errors.push(event.url.pathname); }
        export const middleware = [async ({ request }, next) => { lastRequest = request; return next(); }];
      `,
      errors: [io("lastFetch", "request", 4, 64), data("errors", "event.url.pathname", 5, 49), io("lastRequest", "request", 6, 59)],
    },
    {
      // why: what a request's AsyncLocalStorage run holds is that request's, also where a helper reads it;
      // reading it inside the run keeps nothing
      code: code`
        import { AsyncLocalStorage } from "node:async_hooks";
        const als = new AsyncLocalStorage();
        let lastUser;
        function remember() { lastUser = als.getStore()?.userId; }
        export default {
          async fetch(request) {
            return als.run({ userId: request.headers.get("x-user-id") }, async () => {
              remember();
              return new Response(als.getStore().userId);
            });
          },
        };
      `,
      errors: [data("lastUser", "request.headers.get(\"x-user-id\")", 4, 23)],
    },
    {
      // why: itty-router's own request type is a request
      code: code`
        import type { IRequest } from "itty-router";
        let lastUser;
        export function remember(req: IRequest) { lastUser = req.headers.get("x-user"); }
      `,
      errors: [data("lastUser", "req.headers.get(\"x-user\")", 3, 43)],
    },
    {
      // why: a server action's arguments come from the client: one request's data
      code: code`
        "use server";
        let lastTitle = null;
        const follows = new Map();
        export async function createPost(formData: FormData) { lastTitle = formData.get("title"); }
        export async function follow(userId: string, targetId: string) { follows.set(userId, targetId); }
      `,
      errors: [data("lastTitle", "formData.get(\"title\")", 4, 56), data("follows", "targetId", 5, 66)],
    },
    {
      // why: a route handler's second parameter holds the route's params, taken from this request's URL
      code: code`
        import type { NextRequest } from "next/server";
        let lastId = "";
        let lastCtx;
        let calls = 0;
        export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
          calls++;
          const { id } = await params;
          lastId = id;
          return Response.json({ id });
        }
        export async function DELETE(request: Request, ctx: { params: { id: string } }) {
          lastCtx = ctx.params.id;
          return new Response(null);
        }
      `,
      errors: [data("lastId", "params.id", 8, 3), data("lastCtx", "ctx.params.id", 12, 3)],
    },
    {
      // why: a getter's result is what it read of the request (data), named with the key written in the code
      code: code`
        import { Hono } from "hono";
        import { getCookie } from "hono/cookie";
        let theme;
        const app = new Hono();
        app.get("/", (c) => { theme = getCookie(c, "theme") ?? theme; return c.text("ok"); });
        export default app;
      `,
      errors: [data("theme", "getCookie(c, \"theme\")", 5, 23)],
    },
    {
      // why: a closure over a header's text holds data, one over the request holds its I/O; a Durable
      // Object's sockets are I/O objects
      code: code`
        import { DurableObject } from "cloudflare:workers";
        let onError;
        let later;
        const sockets = [];
        export default {
          async fetch(request) {
            const reqId = request.headers.get("cf-ray");
            onError = () => "error in " + reqId;
            later = () => request.url;
            return new Response("ok");
          },
        };
        export class Room extends DurableObject {
          async fetch(request) { sockets.push(...this.ctx.getWebSockets()); return new Response("ok"); }
        }
      `,
      errors: [
        data("onError", "a closure over `reqId`", 8, 5),
        io("later", "a closure over `request`", 9, 5),
        io("sockets", "this.ctx.getWebSockets()", 14, 26, "Durable Object"),
      ],
    },
    {
      // why: a closure a helper returns over a socket is still I/O once the helper's promise is awaited
      code: code`
        const runners = new Map();
        async function makeRunner(ws) { return () => ws.send("x"); }
        export default {
          async fetch(request) {
            const [client, server] = Object.values(new WebSocketPair());
            runners.set("a", await makeRunner(server));
            return new Response(null, { status: 101, webSocket: client });
          },
        };
      `,
      errors: [io("runners", "a closure over `new WebSocketPair()[1]`", 6, 5)],
    },
    {
      // why: a Durable Object kept whole holds its \`ctx\`: every object of the class in the isolate reaches another's storage through it
      code: code`
        import { DurableObject } from "cloudflare:workers";
        let current;
        export class Room extends DurableObject {
          async fetch(request) {
            current = this;
            return new Response("ok");
          }
        }
      `,
      errors: [io("`current`", "this", 5, 5, "Durable Object")],
    },
    {
      // why: a destructured context names what it binds: \`request\`, not an invented \`context.request\`
      code: code`
        let auth;
        export const onRequest = async ({ request, env }) => {
          auth = request.headers.get("authorization");
          return env.ASSETS.fetch(request);
        };
      `,
      errors: [data("`auth`", "request.headers.get(\"authorization\")", 3, 3)],
    },
    {
      // why: what a service binding, the assets or the Cache API answer with is a Response, whose body is the awaiting request's I/O
      code: code`
        let page;
        let cached;
        export default {
          async fetch(request, env) {
            page ??= await env.ASSETS.fetch(request);
            cached ??= await caches.default.match("https://example.com/banner");
            return page.clone();
          },
        };
      `,
      errors: [io("`page`", "env.ASSETS.fetch(request)", 5, 5), io("`cached`", "a Cache API response", 6, 5)],
    },
    {
      // why: a service's Response is named by the binding that answered it
      code: code`
        let res;
        export default {
          async fetch(request, env) {
            res ??= await env.SVC.fetch("https://internal/health");
            return res.clone();
          },
        };
      `,
      errors: [io("`res`", "a response from `env.SVC`", 4, 5)],
    },
    {
      // why: what a binding's method makes of a run's data is named by the call, shortened to the
      // call alone when its arguments make it too long (not a path of the run's data)
      code: code`
        import { WorkflowEntrypoint } from "cloudflare:workers";
        const summaries = new Map();
        export class Summarise extends WorkflowEntrypoint {
          async run(event, step) {
            const out = await this.env.AI.run("@cf/facebook/bart-large-cnn", { input_text: event.payload.text });
            summaries.set(event.instanceId, out.summary);
          }
        }
      `,
      errors: [data("`summaries`", "this.env.AI.run(…).summary", 6, 5, "workflow run")],
    },
    {
      // why: a write through a local holding a module place (a getter of the file's \`globalThis\`
      // slot) is named by that place, not by the local
      code: code`
        function prefs() {
          const g = globalThis;
          if (!g.__PREFS__) g.__PREFS__ = { theme: "light" };
          return g.__PREFS__;
        }
        export const onRequestPut = async ({ request }) => {
          const body = await request.json();
          const target = prefs();
          target.theme = body.theme;
          return Response.json(target);
        };
      `,
      errors: [data("`globalThis.__PREFS__.theme`", "request.json().theme", 9, 3)],
    },
    {
      // why: an instance made with a request's data, too long to name with it, is named by that data
      code: code`
        import { Hono } from "hono";
        import { GoogleWorkspaceIdentityOAuthProvider } from "oauth-kit";
        const providers = new Map();
        const app = new Hono();
        app.get("/login", async (c) => {
          providers.set("google", new GoogleWorkspaceIdentityOAuthProvider({ clientId: "id", redirectUri: \`\${new URL(c.req.url).origin}/cb\` }));
          return c.text("ok");
        });
        export default app;
      `,
      errors: [data("`providers`", "new URL(c.req.url).origin", 6, 3)],
    },
    {
      // why: a Response made by its static factories is one request's I/O, as \`new Response()\` is
      code: code`
        let cached;
        let moved;
        export default {
          async fetch(request) {
            cached ??= Response.json({ ok: true });
            moved ??= Response.redirect("https://example.com/", 301);
            return cached.clone();
          },
        };
      `,
      errors: [io("`cached`", "Response.json()", 5, 5), io("`moved`", "Response.redirect()", 6, 5)],
    },
    {
      // why: what another module's object gives for a request's key is that request's data under a
      // constant place; under that key it is what the key reads (a memo, not reported)
      code: code`
        import { kv } from "./env";
        let lastProfile;
        const byUser = new Map();
        export default {
          async fetch(request) {
            const id = request.headers.get("x-user") ?? "";
            lastProfile = await kv.get(\`user:\${id}\`);
            byUser.set(id, await kv.get(\`user:\${id}\`));
            return new Response("ok");
          },
        };
      `,
      errors: [data("`lastProfile`", 'kv.get(request.headers.get("x-user"))', 7, 5)],
    },
    {
      // why: what a service answers to the user's credentials, sent in its headers, is that user's
      code: code`
        import { Hono } from "hono";
        const active = new Map();
        const app = new Hono();
        app.get("/me", async (c) => {
          const token = c.req.header("authorization") ?? "";
          const user = await c.env.AUTH.fetch("https://auth/me", { headers: { authorization: token } }).then((r) => r.json());
          active.set("last", user);
          return c.json(user);
        });
        export default app;
      `,
      errors: [data("`active`", 'a response from `c.env.AUTH` sent with `c.req.header("authorization")`', 7, 3)],
    },
    {
      // why: the same helper handed the request's cookie under the id keeps one user's data for all
      code: code`
        const entries = new Map();
        function remember(k, v) { entries.set(k, v); }
        export default {
          async fetch(request, env) {
            const id = new URL(request.url).searchParams.get("id") ?? "";
            remember(id, await env.KV.get(id));
            remember(id, request.headers.get("cookie"));
            return new Response("ok");
          },
        };
      `,
      errors: [data("`entries`", "request.headers.get(\"cookie\")", 2, 27)],
    },
    {
      // why: the global is named without the casts around it, however long their types
      code: code`
        const busKey = Symbol.for("bus");
        export function initBus(request: Request) {
          (globalThis as unknown as { [busKey]?: { state: string | null } })[busKey] = { state: request.headers.get("x-state") };
        }
      `,
      errors: [data("globalThis[busKey]", "request.headers.get(\"x-state\")", 3, 3)],
    },
    {
      // why: request data in a module variable leaks to concurrent requests
      code: code`
        let currentUser;
        export default {
          async fetch(request, env) {
            currentUser = request.headers.get("x-user-id");
            return new Response("ok");
          },
        };
      `,
      errors: [data("currentUser", "request.headers.get(\"x-user-id\")", 4, 5)],
    },
    {
      // why: the request object itself is an I/O object
      code: code`
        let lastRequest;
        export default { async fetch(request) { lastRequest = request; return new Response("ok"); } };
      `,
      errors: [io("lastRequest", "request", 2, 41)],
    },
    {
      // why: ctx kept in module scope, and a bound waitUntil
      code: code`
        let savedCtx;
        let waitUntil;
        export default {
          async fetch(request, env, ctx) {
            savedCtx = ctx;
            waitUntil = ctx.waitUntil.bind(ctx);
            return new Response("ok");
          },
        };
      `,
      errors: [io("savedCtx", "ctx", 5, 5), io("waitUntil", "ctx.waitUntil", 6, 5)],
    },
    {
      // why: a set's member is its own key: the set keeps the socket, and iterating it (a broadcast)
      // hands it to other requests
      code: code`
        const sockets = new Set();
        export default {
          async fetch(request) {
            const [client, server] = Object.values(new WebSocketPair());
            server.accept();
            sockets.add(server);
            return new Response(null, { status: 101, webSocket: client });
          },
        };
      `,
      errors: [io("sockets", "new WebSocketPair()[1]", 6, 5)],
    },
    {
      // why: a Durable Object's WebSocket handlers get one socket and one message: module scope
      // is shared by every object of the isolate
      code: code`
        import { DurableObject } from "cloudflare:workers";
        const log = [];
        const closed = new Set();
        export class Room extends DurableObject {
          async webSocketMessage(ws, message) { log.push(message); }
          async webSocketClose(ws) { closed.add(ws); }
        }
      `,
      errors: [data("log", "message", 5, 41, "WebSocket message"), io("closed", "ws", 6, 30, "WebSocket")],
    },
    {
      // why: a handler method of a Workers class gets the request, typed or not
      code: code`
        import { WorkerEntrypoint } from "cloudflare:workers";
        let lastUrl;
        export default class extends WorkerEntrypoint {
          async fetch(req) { lastUrl = req.url; return new Response("ok"); }
        }
      `,
      errors: [data("lastUrl", "req.url", 4, 22)],
    },
    {
      // why: the members on a framework's way to env (SvelteKit's event, its locals) are the
      // request's own objects
      code: code`
        let user;
        let path;
        export const handle = async ({ event, resolve }) => {
          user = event.locals.user;
          path = event.request.url;
          return resolve(event);
        };
      `,
      errors: [data("user", "event.locals.user", 4, 3), data("path", "event.request.url", 5, 3)],
    },
    {
      // why: a request body stream
      code: code`
        const streams = [];
        export default { async fetch(request) { streams.push(request.body); return new Response("ok"); } };
      `,
      errors: [io("streams", "request.body", 2, 41)],
    },
    {
      // why: parsed body and cookies are request data
      code: code`
        let lastBody;
        const sessions = new Map();
        export default {
          async fetch(request) {
            lastBody = await request.json();
            sessions.set("last", request.headers.get("cookie"));
            return new Response("ok");
          },
        };
      `,
      errors: [data("lastBody", "request.json()", 5, 5), data("sessions", "request.headers.get(\"cookie\")", 6, 5)],
    },
    {
      // why: a fetch() Response is an I/O object
      code: code`
        const responses = new Map();
        export default {
          async fetch(request) {
            const res = await fetch("https://example.com/data");
            responses.set("data", res);
            return res;
          },
        };
      `,
      errors: [io("responses", "a fetch() response", 5, 5)],
    },
    {
      // why: a response fetched with the request (or its headers) is named as that response, not
      // as the request: its clone, kept by URL, is still an I/O object of the request
      code: code`
        const byUrl = new Map();
        let upstream;
        export default {
          async fetch(request) {
            const res = await fetch(request);
            byUrl.set(new URL(request.url).pathname, res.clone());
            upstream = await fetch("https://api.example.com", { headers: request.headers });
            return res;
          },
        };
      `,
      errors: [io("byUrl", "fetch(request).clone()", 6, 5), io("upstream", "a fetch() response sent with `request.headers`", 7, 5)],
    },
    {
      // why: an app's own fetch answers with a Response, an I/O object of the request it is handed
      code: code`
        import { Hono } from "hono";
        const app = new Hono();
        let lastResponse;
        export default {
          async fetch(request, env, ctx) {
            const res = await app.fetch(request, env, ctx);
            lastResponse = res;
            return res;
          },
        };
      `,
      errors: [io("lastResponse", "app.fetch(request)", 7, 5)],
    },
    {
      // why: WebSocketPair ends are bound to the request
      code: code`
        const sockets = [];
        export default {
          async fetch(request) {
            const [client, server] = Object.values(new WebSocketPair());
            sockets.push(server);
            return new Response(null, { status: 101, webSocket: client });
          },
        };
      `,
      errors: [io("sockets", "new WebSocketPair()[1]", 5, 5)],
    },
    {
      // why: Hono's c, c.req and c.get(...)
      code: code`
        import { Hono } from "hono";
        const app = new Hono();
        let lastContext;
        let lastUser;
        app.use(async (c, next) => {
          lastContext = c;
          lastUser = c.get("user");
          await next();
        });
      `,
      errors: [io("lastContext", "c", 6, 3), data("lastUser", "c.get(\"user\")", 7, 3)],
    },
    {
      // why: a module-scope cache class whose set() keeps entries in a plain Map field
      code: code`
        class Sessions {
          byId = new Map();
          set(id, value) { this.byId.set(id, value); }
        }
        const sessions = new Sessions();
        export default {
          async fetch(request) {
            sessions.set("last", request.headers.get("cookie"));
            return new Response("ok");
          },
        };
      `,
      errors: [data("`this.byId` of instance `sessions`", "request.headers.get(\"cookie\")", 3, 20)],
    },
    {
      // why: a method called on instances the handlers make for themselves keeps nothing in the
      // module's own instance; a call on that instance does
      code: code`
        class Api {
          auth = null;
          seen = new Map();
          setAuth(value) { this.auth = value; }
          remember(id, value) { this.seen.set(id, value); }
          note(id, value) { this.seen.set(id, value); }
        }
        export const shared = new Api();
        export default {
          async fetch(request) {
            const api = new Api();
            api.setAuth(request.headers.get("authorization"));
            new Api().note("last", request.headers.get("cookie"));
            shared.remember("first", request.headers.get("x-user"));
            return Response.json(api);
          },
        };
      `,
      errors: [data("`this.seen` of instance `shared`", "request.headers.get(\"x-user\")", 5, 25)],
    },
    {
      // why: Pages context.request
      code: code`
        let req;
        export const onRequest = async (context) => {
          req = context.request;
          return new Response("ok");
        };
      `,
      errors: [io("req", "context.request", 3, 3)],
    },
    {
      // why: Durable Object this.ctx stored at module scope: the object's own state, which every
      // object of the isolate would reach; a WorkerEntrypoint's this.ctx is its request's
      code: code`
        import { DurableObject, WorkerEntrypoint } from "cloudflare:workers";
        let state;
        let data;
        let context;
        export class Room extends DurableObject {
          async fetch() { state = this.ctx; data = await this.ctx.storage.get("k"); return new Response("ok"); }
        }
        export class Api extends WorkerEntrypoint {
          async fetch() { context = this.ctx; return new Response("ok"); }
        }
      `,
      errors: [
        io("state", "this.ctx", 6, 19, "Durable Object"),
        data("data", "this.ctx.storage.get(\"k\")", 6, 37, "Durable Object"),
        io("context", "this.ctx", 9, 19),
      ],
    },
    {
      // why: OpenNext context from getCloudflareContext is request scoped
      code: code`
        import { getCloudflareContext } from "@opennextjs/cloudflare";
        let cf;
        export function geo() { cf = getCloudflareContext().cf; }
      `,
      errors: [data("cf", "getCloudflareContext().cf", 3, 25)],
    },
    {
      // why: an AsyncLocalStorage snapshot keeps the request's context
      code: code`
        import { AsyncLocalStorage } from "node:async_hooks";
        let restore;
        export default { async fetch(request) { restore = AsyncLocalStorage.snapshot(); return new Response("ok"); } };
      `,
      errors: [io("restore", "AsyncLocalStorage.snapshot()", 3, 41)],
    },
    {
      // why: what a function the trace cannot see into makes of the request is named as that call, not as the request
      code: code`
        import { getUser, parseBody } from "./auth";
        let user;
        let body;
        export default {
          async fetch(request) {
            user = await getUser(request);
            body = parseBody(request.body);
            return new Response("ok");
          },
        };
      `,
      errors: [data("user", "getUser(request)", 6, 5), io("body", "parseBody(request.body)", 7, 5)],
    },
    {
      // why: URL parts and cf properties are request data
      code: code`
        let path;
        let country;
        export default {
          async fetch(request) {
            path = new URL(request.url).pathname;
            country = request.cf.country;
            return new Response("ok");
          },
        };
      `,
      errors: [data("path", "new URL(request.url).pathname", 5, 5), data("country", "request.cf.country", 6, 5)],
    },
    {
      // why: a closure over the request kept at module scope
      code: code`
        const pending = [];
        export default {
          async fetch(request) {
            pending.push(() => request.text());
            return new Response("ok");
          },
        };
      `,
      errors: [io("pending", "a closure over `request`", 4, 5)],
    },
    {
      // why: a bot's update handler (grammY, Telegraf) gets one update's context: its sender is one user's data
      code: code`
        import { Bot, webhookCallback } from "grammy";
        import { Telegraf } from "telegraf";
        let lastSender = "";
        const chats = [];
        export default {
          async fetch(request, env) {
            const bot = new Bot(env.BOT_TOKEN);
            bot.on("message:text", async (ctx) => { lastSender = ctx.from?.username ?? ""; await ctx.reply("hi"); });
            const other = new Telegraf(env.OTHER_TOKEN);
            other.command("start", (ctx) => { chats.push(ctx.chat.id); });
            bot.command("help", (ctx) => ctx.reply("help"));
            return webhookCallback(bot, "cloudflare-mod")(request);
          },
        };
      `,
      errors: [data("lastSender", "ctx.from.username", 8, 45), data("chats", "ctx.chat.id", 10, 39)],
    },
    {
      // why: an Astro endpoint's context named \`Astro\`, as its pages name theirs (no import of \`astro\` needed)
      code: code`
        let lastTag;
        export async function GET(Astro) {
          lastTag = Astro.url.searchParams.get("tag");
          return new Response(lastTag);
        }
      `,
      errors: [data("lastTag", 'Astro.url.searchParams.get("tag")', 3, 3)],
    },
    {
      // why: SvelteKit event in a module variable via a helper typed RequestEvent
      code: code`
        let lastEvent;
        function remember(event: RequestEvent) { lastEvent = event.url; }
        export const GET = async (event) => { remember(event); return new Response(); };
      `,
      errors: [data("lastEvent", "event.url", 2, 42)],
    },
    {
      // why: a helper of the file that returns a header gives the request's data, not the request
      // itself; a method that hands out I/O (`getReader()`) still gives I/O
      code: code`
        let lastUa: string | null = null;
        let reader: unknown;
        function ua(r: Request) { return r.headers.get("user-agent"); }
        function open(r: Request) { return r.body!.getReader(); }
        export default {
          async fetch(request: Request) {
            lastUa = ua(request);
            reader = open(request);
            return new Response("ok");
          },
        };
      `,
      errors: [data("lastUa", `request.headers.get("user-agent")`, 7, 5), io("reader", "request", 8, 5)],
    },
    {
      // why: a fetch's promise with \`finally\`, \`catch\` or \`then(r => r)\` still gives the Response, I/O of
      // the request that made it; \`then(r => r.json())\` gives the upstream's data
      code: code`
        const inflight = new Map();
        export default {
          async fetch(request) {
            const url = "https://api.example.com/data";
            inflight.set(url, fetch(url).finally(() => inflight.delete(url)));
            inflight.set("b", fetch(url).catch(() => null));
            inflight.set("c", fetch(url).then((r) => r));
            inflight.set("d", fetch(url).then((r) => r.json()));
            return new Response("ok");
          },
        };
      `,
      errors: [io("inflight", "a fetch() response", 5, 5), io("inflight", "a fetch() response", 6, 5), io("inflight", "a fetch() response", 7, 5)],
    },
    {
      // why: Qwik's loader gets the request's event; an action gets the form's data first and the
      // event second; a server function's arguments are one call's data
      code: code`
        import { routeLoader$, routeAction$, server$ } from "@builder.io/qwik-city";
        let lastCookie;
        const messages = [];
        let lastQuery;
        let lastUrl;
        export const useTheme = routeLoader$((event) => { lastCookie = event.cookies.get("theme"); return 1; });
        export const useSend = routeAction$((data, event) => { messages.push(data); lastUrl = event.url; return 1; });
        export const search = server$((q) => { lastQuery = q; return []; });
      `,
      errors: [
        data("lastCookie", "event.cookies.get(\"theme\")", 6, 51),
        data("messages", "data", 7, 56),
        data("lastUrl", "event.url", 7, 77),
        data("lastQuery", "q", 8, 40),
      ],
    },
    {
      // why: Hono's response so far and a Pages Function's next handler act within their own request: I/O
      code: code`
        import { Hono } from "hono";
        let lastRes;
        let nextOf;
        const app = new Hono();
        app.use(async (c, next) => { await next(); lastRes = c.res; });
        export default app;
        export const onRequest = async (context) => { nextOf = context.next; return context.next(); };
      `,
      errors: [io("lastRes", "c.res", 5, 44), io("nextOf", "context.next", 7, 47)],
    },
    {
      // why: an Astro action's input and context are one request's; a Nitro plugin's request hooks
      // get that request's event; a service worker's scheduled event is one invocation's
      code: code`
        import { defineAction } from "astro:actions";
        const comments = [];
        let lastCookie;
        let current;
        const paths = [];
        let lastScheduled;
        export const server = {
          comment: defineAction({ handler: async (input) => { comments.push(input); return true; } }),
          like: defineAction({ async handler(_input, context) { lastCookie = context.cookies.get("sid")?.value; } }),
        };
        export function plugin(nitroApp) {
          nitroApp.hooks.hook("request", (event) => { current = event; });
          nitroApp.hooks.hook("afterResponse", (event) => { paths.push(event.path); });
        }
        addEventListener("scheduled", (event) => { lastScheduled = event; });
      `,
      errors: [
        data("comments", "input", 8, 55),
        data("lastCookie", `context.cookies.get("sid").value`, 9, 57),
        io("current", "event", 12, 47),
        data("paths", "event.path", 13, 53),
        io("lastScheduled", "event", 15, 44, "scheduled event"),
      ],
    },
    {
      // why: a set of the request's data that the module lists out (or exports), one that only grows,
      // and a set of sockets, keep what they were given
      code: code`
        const active = new Set<string>();
        export function count() { return active.size; }
        const seen = new Set<string>();
        export const users = new Set<string>();
        const sockets = new Set<WebSocket>();
        export function all() { return [...seen]; }
        export default {
          async fetch(request: Request) {
            active.add(request.headers.get("x-user") ?? "");
            seen.add(request.headers.get("x-user") ?? "");
            users.add(request.headers.get("x-user") ?? "");
            const [client, server] = Object.values(new WebSocketPair());
            sockets.add(server);
            return new Response(null, { status: 101, webSocket: client });
          },
        };
      `,
      errors: [
        data("active", `request.headers.get("x-user")`, 9, 5),
        data("seen", `request.headers.get("x-user")`, 10, 5),
        data("users", `request.headers.get("x-user")`, 11, 5),
        io("sockets", "new WebSocketPair()[1]", 13, 5),
      ],
    },
    {
      // why: TanStack Start's getters give the request being served and its data
      code: code`
        import { getRequestHeaders, getCookie, getWebRequest } from "@tanstack/react-start/server";
        let lastIp;
        let lastSid;
        let lastReq;
        export function track() {
          lastIp = getRequestHeaders().get("cf-connecting-ip");
          lastSid = getCookie("sid");
          lastReq = getWebRequest();
        }
      `,
      errors: [
        data("lastIp", `getRequestHeaders().get("cf-connecting-ip")`, 6, 3),
        data("lastSid", `getCookie("sid")`, 7, 3),
        io("lastReq", "getWebRequest()", 8, 3),
      ],
    },
    {
      // why: SvelteKit's getRequestEvent() of $app/server gives the event of the request being served
      code: code`
        import { getRequestEvent } from "$app/server";
        let lastPath = "";
        export function track() { lastPath = getRequestEvent().url.pathname; }
      `,
      errors: [data("lastPath", "getRequestEvent().url.pathname", 3, 27)],
    },
    {
      // why: the socket Hono upgrades a request to, and the messages it gets, are that request's;
      // a count and a reply on the socket itself keep nothing
      code: code`
        import { Hono } from "hono";
        import { upgradeWebSocket } from "hono/cloudflare-workers";
        const clients = new Set();
        const log: string[] = [];
        let opened = 0;
        const app = new Hono();
        app.get("/ws", upgradeWebSocket((c) => ({
          onOpen(evt, ws) { opened++; clients.add(ws); },
          onMessage(evt, ws) { log.push(String(evt.data)); ws.send("ok"); },
        })));
        export default app;
      `,
      errors: [io("clients", "ws", 8, 31), data("log", "evt.data", 9, 24)],
    },
    {
      // why: a helper of the file handed the whole context and keeping what it reads of the request
      // keeps that data, not the context
      code: code`
        import { Hono, type Context } from "hono";
        let user: string | undefined;
        function remember(c: Context) { user = c.req.header("x-user"); }
        const app = new Hono();
        app.get("/", (c) => { remember(c); return c.text("ok"); });
        export default app;
      `,
      errors: [data("user", `c.req.header("x-user")`, 3, 33)],
    },
    {
      // why: an object built from the request and other arguments is named with the request's
      // argument in its place, the others left out
      code: code`
        class Logger { constructor(private token: string, private scope: string) {} }
        const loggers: Logger[] = [];
        export default {
          async fetch(request: Request, env: Env) {
            loggers.push(new Logger(env.API_KEY, request.url));
            return new Response("ok");
          },
        };
      `,
      errors: [data("loggers", "new Logger(…, request.url)", 5, 5)],
    },
    {
      // why: the same get-or-compute shape where a write puts the request's body in the entry
      code: code`
        const seen = new Map<string, string>();
        export default {
          async fetch(request: Request) {
            const slug = new URL(request.url).pathname;
            let body = seen.get(slug);
            if (!body) {
              body = await request.text();
              seen.set(slug, body);
            }
            return new Response(body);
          },
        };
      `,
      errors: [data("seen", "request.text()", 8, 7)],
    },
    {
      // why: the stream a hono/streaming callback writes to is the response of one request
      code: code`
        import { Hono } from "hono";
        import { streamSSE } from "hono/streaming";
        const listeners = new Set();
        const app = new Hono();
        app.get("/events", (c) => streamSSE(c, async (stream) => {
          listeners.add(stream);
          await stream.sleep(1000);
        }));
        export default app;
      `,
      errors: [io("listeners", "stream", 6, 3)],
    },
    {
      // why: the same read kept where no key says whose it is is one user's data
      code: code`
        let lastUser: unknown;
        export default {
          async fetch(request: Request, env: Env) {
            const id = new URL(request.url).searchParams.get("id") ?? "";
            lastUser = await env.DB.prepare("select * from users where id = ?").bind(id).first();
            return new Response("ok");
          },
        };
      `,
      errors: [data("lastUser", "new URL(request.url).searchParams.get(\"id\").first()", 5, 5)],
    },
    {
      // why: a room's set got from a module map, or made and put there, is module state: the
      // socket added to it reaches the other requests that broadcast to the room
      code: code`
        const rooms = new Map();
        const topics = new Map();
        export default {
          async fetch(request) {
            const [client, server] = Object.values(new WebSocketPair());
            let members = rooms.get("lobby");
            if (!members) {
              members = new Set();
              rooms.set("lobby", members);
            }
            members.add(server);
            const subs = topics.get("news") ?? [];
            topics.set("news", subs);
            subs.push(request.headers.get("x-user"));
            return new Response(null, { status: 101, webSocket: client });
          },
        };
      `,
      errors: [io("rooms", "new WebSocketPair()[1]", 11, 5), data("topics", "request.headers.get(\"x-user\")", 14, 5)],
    },
    {
      // why: a Response made from the request's body, read back, is that body: the request's data
      code: code`
        const memo = new Map();
        export default {
          async fetch(request) {
            memo.set("a", await new Response(request.body).text());
            const made = new Response(await request.text());
            memo.set("b", await made.json());
            return new Response("ok");
          },
        };
      `,
      errors: [data("memo", "request.body", 4, 5), data("memo", "request.text()", 6, 5)],
    },
    {
      // why: the same local given one request's header beside the key keeps that request's data
      code: code`
        const pages = new Map();
        export default {
          async fetch(request, env) {
            const slug = new URL(request.url).pathname.slice(1);
            let page = pages.get(slug);
            if (!page) {
              page = { slug, by: request.headers.get("x-user") };
              pages.set(slug, page);
            }
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", line: 8 }],
    },
    {
      // why: what a method of a plain object makes of the request's headers is named by the call,
      // not as a member of the headers
      code: code`
        import { auth } from "./auth";
        const pending = [];
        export default {
          async fetch(request) {
            const session = await auth.api.getSession({ headers: request.headers });
            pending.push(session.user.id);
            return new Response("ok");
          },
        };
      `,
      errors: [data("pending", "auth.api.getSession(request.headers).user.id", 6, 5)],
    },
    {
      // why: an auth client kept in a WeakMap under a binding, built with the first request's origin:
      // every later request of the deploy finds that origin
      code: code`
        import { betterAuth } from "better-auth";
        const authCache = new WeakMap();
        export default {
          async fetch(request, env) {
            let auth = authCache.get(env.DB);
            if (!auth) {
              auth = betterAuth({ baseURL: new URL(request.url).origin, secret: env.AUTH_SECRET });
              authCache.set(env.DB, auth);
            }
            return auth.handler(request);
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", line: 8 }],
    },
    {
      // why: an id made once for the module is no fresh key: every request finds the entry
      code: code`
        const shared = crypto.randomUUID();
        const sessions = new Map();
        export default {
          async fetch(request) {
            sessions.set(shared, await request.text());
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", line: 5 }],
    },
    {
      // why: a helper handed a Durable Object's state by its type keeps what one object's storage holds
      code: code`
        const remembered = {};
        export async function readThrough(state: DurableObjectState, key: string) {
          const value = await state.storage.get(key);
          remembered[key] = value;
          return value;
        }
      `,
      errors: [data("remembered[key]", "state.storage.get(…)", 4, 3, "Durable Object")],
    },
  ],
});
