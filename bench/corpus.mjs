/**
 * A deterministic generator of realistic Cloudflare Workers code, for the benchmark.
 *
 * Same seed, same files, byte for byte: every choice comes from a seeded PRNG (mulberry32), never
 * from Math.random or the clock. The corpus mixes what Workers projects are made of: Hono apps,
 * module workers, Durable Objects, helpers taking `env`, zod schemas, fetch clients, utilities,
 * module caches of plain data, counters, and a few real escapes (planted on purpose, and counted,
 * so the benchmark can show the plugin finds them while it is being timed).
 *
 * The `dense` profile makes every file a module with handlers, env-derived helpers and module state.
 *
 *   node bench/corpus.mjs [dir] [--files N] [--seed S] [--profile default|dense]
 *     writes a corpus and prints a summary
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// -----------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: a small, fast 32-bit PRNG; enough for picking templates and names. */
export function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  const sample = (list, n) => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, Math.min(n, copy.length));
  };
  const weighted = (entries) => {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
  return { next, int, pick, chance, sample, weighted };
}

// -----------------------------------------------------------------------------------------------
// Vocabulary

const RESOURCES = [
  ["user", "users"], ["post", "posts"], ["order", "orders"], ["product", "products"],
  ["invoice", "invoices"], ["session", "sessions"], ["team", "teams"], ["project", "projects"],
  ["comment", "comments"], ["webhook", "webhooks"], ["subscription", "subscriptions"],
  ["coupon", "coupons"], ["article", "articles"], ["device", "devices"], ["ticket", "tickets"],
  ["booking", "bookings"], ["payment", "payments"], ["review", "reviews"], ["channel", "channels"],
  ["message", "messages"], ["upload", "uploads"], ["report", "reports"], ["tenant", "tenants"],
  ["feature", "features"], ["invite", "invites"], ["shipment", "shipments"], ["note", "notes"],
];

const FIELDS = [
  ["title", "string"], ["name", "string"], ["email", "email"], ["status", "enum"],
  ["amount", "number"], ["quantity", "int"], ["price", "number"], ["active", "boolean"],
  ["createdAt", "datetime"], ["updatedAt", "datetime"], ["description", "string"],
  ["slug", "string"], ["ownerId", "id"], ["teamId", "id"], ["priority", "int"],
  ["tags", "tags"], ["url", "url"], ["currency", "currency"], ["expiresAt", "datetime"],
  ["archived", "boolean"], ["score", "number"], ["locale", "string"], ["notes", "string"],
];

const STATUSES = [["draft", "published", "archived"], ["pending", "paid", "refunded", "failed"], ["open", "closed", "merged"], ["active", "paused", "cancelled"]];

const DB_BINDINGS = ["DB", "DATABASE", "APP_DB", "MAIN_DB"];
const KV_BINDINGS = ["CACHE", "SESSIONS", "CONFIG", "FLAGS", "RATE_LIMITS"];
const SECRETS = ["API_KEY", "STRIPE_SECRET_KEY", "OPENAI_API_KEY", "RESEND_API_KEY", "JWT_SECRET", "GITHUB_TOKEN", "SENTRY_DSN", "DATABASE_URL"];
const VENDORS = [
  ["Stripe", "STRIPE_SECRET_KEY", "stripe", "https://api.stripe.com/v1"],
  ["OpenAI", "OPENAI_API_KEY", "openai", "https://api.openai.com/v1"],
  ["Resend", "RESEND_API_KEY", "resend", "https://api.resend.com"],
  ["Octokit", "GITHUB_TOKEN", "@octokit/rest", "https://api.github.com"],
  ["Twilio", "TWILIO_AUTH_TOKEN", "twilio", "https://api.twilio.com/2010-04-01"],
  ["Postmark", "POSTMARK_TOKEN", "postmark", "https://api.postmarkapp.com"],
];

const cap = (s) => s[0].toUpperCase() + s.slice(1);

function resourceOf(r) {
  const [one, many] = r.pick(RESOURCES);
  const fields = r.sample(FIELDS, r.int(3, 7));
  const statuses = r.pick(STATUSES);
  return { one, many, One: cap(one), Many: cap(many), fields, statuses, table: many };
}

function zodOf(field, statuses) {
  const [name, kind] = field;
  switch (kind) {
    case "string": return `${name}: z.string().min(1).max(${name === "description" || name === "notes" ? 2000 : 200})`;
    case "email": return `${name}: z.string().email()`;
    case "enum": return `${name}: z.enum([${statuses.map((s) => JSON.stringify(s)).join(", ")}])`;
    case "number": return `${name}: z.number().nonnegative()`;
    case "int": return `${name}: z.number().int().min(0)`;
    case "boolean": return `${name}: z.boolean().default(false)`;
    case "datetime": return `${name}: z.string().datetime()`;
    case "id": return `${name}: z.string().uuid()`;
    case "tags": return `${name}: z.array(z.string().max(40)).max(20).default([])`;
    case "url": return `${name}: z.string().url()`;
    case "currency": return `${name}: z.string().regex(/^[A-Z]{3}$/)`;
    default: return `${name}: z.unknown()`;
  }
}

function tsTypeOf(kind, statuses) {
  switch (kind) {
    case "enum": return statuses.map((s) => JSON.stringify(s)).join(" | ");
    case "number": case "int": return "number";
    case "boolean": return "boolean";
    case "tags": return "string[]";
    default: return "string";
  }
}

function sampleValue(r, [name, kind], statuses) {
  switch (kind) {
    case "string": return JSON.stringify(`${name}-${r.int(1, 999)}`);
    case "email": return JSON.stringify(`person${r.int(1, 99)}@example.com`);
    case "enum": return JSON.stringify(r.pick(statuses));
    case "number": return String(r.int(1, 9999) / 100);
    case "int": return String(r.int(0, 50));
    case "boolean": return r.chance(0.5) ? "true" : "false";
    case "datetime": return JSON.stringify(`2024-0${r.int(1, 9)}-1${r.int(0, 9)}T10:00:00.000Z`);
    case "id": return "crypto.randomUUID()";
    case "tags": return `["${name}", "bench"]`;
    case "url": return JSON.stringify(`https://example.com/${name}/${r.int(1, 99)}`);
    case "currency": return JSON.stringify(r.pick(["USD", "EUR", "GBP", "JPY"]));
    default: return "null";
  }
}

/** A TypeScript annotation, or nothing in JavaScript. */
function typer(ts) {
  return (annotation) => (ts ? `: ${annotation}` : "");
}

// -----------------------------------------------------------------------------------------------
// Escapes: real mistakes, planted on purpose and counted

/**
 * Each escape returns module-level declarations (`top`) and a statement run inside a request
 * (`inside`), given the names in scope there. `kind` is what the plugin should say about it.
 */
const ESCAPES = {
  lazyDb: (n, ts) => ({
    rule: "no-env-in-global-scope",
    top: `let ${n.db}${ts ? ": ReturnType<typeof drizzle> | undefined" : ""};`,
    inside: `${n.db} ??= drizzle(${n.env}.DB);\n    const rows = await ${n.db}.select().from(${n.table}).limit(5);`,
  }),
  globalPrisma: (n, ts) => ({
    rule: "no-env-in-global-scope",
    top: ts ? `const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };` : `const globalForPrisma = globalThis;`,
    inside: `if (!globalForPrisma.prisma) {\n      globalForPrisma.prisma = new PrismaClient({ datasourceUrl: ${n.env}.DATABASE_URL });\n    }`,
  }),
  globalThisDirect: (n, ts) => ({
    rule: "no-env-in-global-scope",
    top: "",
    inside: `${ts ? "(globalThis as any)" : "globalThis"}.prisma = new PrismaClient({ datasourceUrl: ${n.env}.DATABASE_URL });`,
  }),
  clientCache: (n, ts) => ({
    rule: "no-env-in-global-scope",
    top: `const clients${ts ? ": Map<string, ApiClient>" : ""} = new Map();`,
    inside: `const key = ${n.env}.API_BASE ?? "default";\n    if (!clients.has(key)) clients.set(key, new ApiClient(${n.env}.API_KEY));`,
  }),
  lastUser: (n, ts) => ({
    rule: "no-request-state-in-global-scope",
    top: `let lastUser${ts ? ": string | null" : ""} = null;`,
    inside: `lastUser = ${n.request}.headers.get("x-user-id");`,
  }),
  envMutation: (n) => ({
    rule: "no-env-mutation",
    top: "",
    inside: `${n.env}.REQUEST_STARTED = Date.now();`,
  }),
};

const ESCAPE_KINDS = Object.keys(ESCAPES);

// -----------------------------------------------------------------------------------------------
// File templates. Each returns { code, escapes: [{ kind, rule }] }.

function honoRoutes(r, res, ts, escape) {
  const t = typer(ts);
  const db = r.pick(DB_BINDINGS);
  const kv = r.pick(KV_BINDINGS);
  const schema = `${res.One}Schema`;
  const fields = res.fields;
  const e = escape ? ESCAPES[escape]({ db: "db", env: "c.env", table: res.table, request: "c.req.raw" }, ts) : null;
  const lines = [];
  lines.push(`import { Hono } from "hono";`);
  lines.push(`import { z } from "zod";`);
  lines.push(`import { drizzle } from "drizzle-orm/d1";`);
  lines.push(`import { eq, desc } from "drizzle-orm";`);
  lines.push(`import { ${res.table} } from "../db/schema";`);
  if (escape === "globalPrisma" || escape === "globalThisDirect") lines.push(`import { PrismaClient } from "@prisma/client";`);
  if (escape === "clientCache") lines.push(`import { ApiClient } from "../lib/api-client";`);
  if (ts) lines.push(`import type { Env } from "../env";`);
  lines.push("");
  lines.push(`const ${schema} = z.object({`);
  for (const f of fields) lines.push(`  ${zodOf(f, res.statuses)},`);
  lines.push(`});`);
  lines.push(`const Update${schema} = ${schema}.partial();`);
  lines.push(`const ListQuery = z.object({`);
  lines.push(`  limit: z.coerce.number().int().min(1).max(100).default(20),`);
  lines.push(`  cursor: z.string().optional(),`);
  lines.push(`});`);
  if (ts) lines.push(`type ${res.One}Input = z.infer<typeof ${schema}>;`);
  lines.push("");
  const maxAge = r.int(30, 600);
  lines.push(`const CACHE_SECONDS = ${maxAge};`);
  lines.push(`let served${res.Many} = 0;`);
  if (e?.top) lines.push(e.top);
  lines.push("");
  lines.push(ts ? `const app = new Hono<{ Bindings: Env; Variables: { requestId: string } }>();` : `const app = new Hono();`);
  lines.push("");
  lines.push(`app.use("*", async (c, next) => {`);
  lines.push(`  const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();`);
  lines.push(`  c.set("requestId", requestId);`);
  lines.push(`  const started = Date.now();`);
  lines.push(`  await next();`);
  lines.push(`  c.header("x-request-id", requestId);`);
  lines.push(`  c.header("server-timing", \`app;dur=\${Date.now() - started}\`);`);
  lines.push(`  served${res.Many}++;`);
  lines.push(`});`);
  lines.push("");
  if (r.chance(0.6)) {
    lines.push(`app.use("/${res.many}/*", async (c, next) => {`);
    lines.push(`  const token = c.req.header("authorization")?.replace(/^Bearer\\s+/i, "");`);
    lines.push(`  if (!token) return c.json({ error: "unauthorized" }, 401);`);
    lines.push(`  const session = await c.env.${kv}.get(\`session:\${token}\`, "json");`);
    lines.push(`  if (!session) return c.json({ error: "unauthorized" }, 401);`);
    lines.push(`  await next();`);
    lines.push(`});`);
    lines.push("");
  }
  lines.push(`app.get("/${res.many}", async (c) => {`);
  lines.push(`  const query = ListQuery.parse(Object.fromEntries(new URL(c.req.url).searchParams));`);
  lines.push(`  const db = drizzle(c.env.${db});`);
  lines.push(`  const rows = await db.select().from(${res.table}).orderBy(desc(${res.table}.id)).limit(query.limit + 1);`);
  lines.push(`  const hasMore = rows.length > query.limit;`);
  lines.push(`  const items = hasMore ? rows.slice(0, -1) : rows;`);
  lines.push(`  c.header("cache-control", \`public, max-age=\${CACHE_SECONDS}\`);`);
  lines.push(`  return c.json({ items, next: hasMore ? encodeCursor(items[items.length - 1].id) : null });`);
  lines.push(`});`);
  lines.push("");
  lines.push(`app.get("/${res.many}/:id", async (c) => {`);
  lines.push(`  const id = c.req.param("id");`);
  lines.push(`  const cached = await c.env.${kv}.get(\`${res.one}:\${id}\`, "json");`);
  lines.push(`  if (cached) return c.json(cached);`);
  lines.push(`  const row = await findById(c.env, id);`);
  lines.push(`  if (!row) return c.json({ error: "not found" }, 404);`);
  lines.push(`  c.executionCtx.waitUntil(c.env.${kv}.put(\`${res.one}:\${id}\`, JSON.stringify(row), { expirationTtl: CACHE_SECONDS }));`);
  lines.push(`  return c.json(row);`);
  lines.push(`});`);
  lines.push("");
  lines.push(`app.post("/${res.many}", async (c) => {`);
  lines.push(`  const body = await c.req.json().catch(() => null);`);
  lines.push(`  const parsed = ${schema}.safeParse(body);`);
  lines.push(`  if (!parsed.success) {`);
  lines.push(`    return c.json({ error: "invalid body", issues: parsed.error.issues.map((i) => i.path.join(".")) }, 400);`);
  lines.push(`  }`);
  if (e) lines.push(`  ${e.inside.replace(/\n {4}/g, "\n  ")}`);
  lines.push(`  const created = await insert${res.One}(c.env, parsed.data);`);
  lines.push(`  return c.json(created, 201);`);
  lines.push(`});`);
  lines.push("");
  lines.push(`app.patch("/${res.many}/:id", async (c) => {`);
  lines.push(`  const id = c.req.param("id");`);
  lines.push(`  const patch = Update${schema}.parse(await c.req.json());`);
  lines.push(`  const db = drizzle(c.env.${db});`);
  lines.push(`  const [updated] = await db.update(${res.table}).set(patch).where(eq(${res.table}.id, id)).returning();`);
  lines.push(`  await c.env.${kv}.delete(\`${res.one}:\${id}\`);`);
  lines.push(`  return updated ? c.json(updated) : c.json({ error: "not found" }, 404);`);
  lines.push(`});`);
  lines.push("");
  lines.push(`app.delete("/${res.many}/:id", async (c) => {`);
  lines.push(`  const db = drizzle(c.env.${db});`);
  lines.push(`  await db.delete(${res.table}).where(eq(${res.table}.id, c.req.param("id")));`);
  lines.push(`  return c.body(null, 204);`);
  lines.push(`});`);
  lines.push("");
  lines.push(`app.onError((err, c) => {`);
  lines.push(`  console.error(JSON.stringify({ level: "error", message: err.message, path: c.req.path }));`);
  lines.push(`  return c.json({ error: "internal error" }, 500);`);
  lines.push(`});`);
  lines.push("");
  lines.push(`async function findById(env${t("Env")}, id${t("string")}) {`);
  lines.push(`  const db = drizzle(env.${db});`);
  lines.push(`  const rows = await db.select().from(${res.table}).where(eq(${res.table}.id, id)).limit(1);`);
  lines.push(`  return rows[0] ?? null;`);
  lines.push(`}`);
  lines.push("");
  lines.push(`async function insert${res.One}(env${t("Env")}, input${t(`${ts ? `${res.One}Input` : ""}`)}) {`);
  lines.push(`  const db = drizzle(env.${db});`);
  lines.push(`  const row = { id: crypto.randomUUID(), ...input, createdAt: new Date().toISOString() };`);
  lines.push(`  await db.insert(${res.table}).values(row);`);
  lines.push(`  return row;`);
  lines.push(`}`);
  lines.push("");
  lines.push(`function encodeCursor(id${t("string")})${t("string")} {`);
  lines.push(`  return btoa(JSON.stringify({ id, v: 1 })).replace(/=+$/, "");`);
  lines.push(`}`);
  lines.push("");
  lines.push(`export default app;`);
  return { code: lines.join("\n") + "\n", escapes: escape ? [escape] : [] };
}

function moduleWorker(r, res, ts, escape) {
  const t = typer(ts);
  const db = r.pick(DB_BINDINGS);
  const kv = r.pick(KV_BINDINGS);
  const e = escape ? ESCAPES[escape]({ db: "db", env: "env", table: res.table, request: "request" }, ts) : null;
  const routes = r.sample(["health", "version", res.many, `${res.many}/search`, "stats", "export"], r.int(3, 6));
  const L = [];
  L.push(`import { drizzle } from "drizzle-orm/d1";`);
  L.push(`import { ${res.table} } from "./db/schema";`);
  if (escape === "globalPrisma" || escape === "globalThisDirect") L.push(`import { PrismaClient } from "@prisma/client";`);
  if (escape === "clientCache") L.push(`import { ApiClient } from "./lib/api-client";`);
  if (ts) L.push(`import type { Env } from "./env";`);
  L.push("");
  L.push(`const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };`);
  L.push(`const ALLOWED_ORIGINS = new Set([${r.sample(["https://app.example.com", "https://admin.example.com", "http://localhost:5173", "https://staging.example.com"], 3).map((s) => JSON.stringify(s)).join(", ")}]);`);
  L.push(`const STATUS_TEXT = new Map([[400, "Bad Request"], [401, "Unauthorized"], [404, "Not Found"], [429, "Too Many Requests"]]);`);
  L.push(`let requestCount = 0;`);
  if (e?.top) L.push(e.top);
  L.push("");
  L.push(`function json(data${t("unknown")}, status = 200, headers${t("Record<string, string>")} = {})${t("Response")} {`);
  L.push(`  return new Response(JSON.stringify(data), { status, headers: { ...JSON_HEADERS, ...headers } });`);
  L.push(`}`);
  L.push("");
  L.push(`function error(status${t("number")}, detail${t("string")} = "")${t("Response")} {`);
  L.push(`  return json({ error: STATUS_TEXT.get(status) ?? "Error", detail }, status);`);
  L.push(`}`);
  L.push("");
  L.push(`function cors(request${t("Request")}, response${t("Response")})${t("Response")} {`);
  L.push(`  const origin = request.headers.get("origin");`);
  L.push(`  if (!origin || !ALLOWED_ORIGINS.has(origin)) return response;`);
  L.push(`  const headers = new Headers(response.headers);`);
  L.push(`  headers.set("access-control-allow-origin", origin);`);
  L.push(`  headers.set("vary", "origin");`);
  L.push(`  return new Response(response.body, { status: response.status, headers });`);
  L.push(`}`);
  L.push("");
  L.push(`async function rateLimited(env${t("Env")}, key${t("string")})${t("Promise<boolean>")} {`);
  L.push(`  const bucket = \`rl:\${key}:\${Math.floor(Date.now() / 60000)}\`;`);
  L.push(`  const current = Number((await env.${kv}.get(bucket)) ?? "0");`);
  L.push(`  if (current >= ${r.int(30, 300)}) return true;`);
  L.push(`  await env.${kv}.put(bucket, String(current + 1), { expirationTtl: 120 });`);
  L.push(`  return false;`);
  L.push(`}`);
  L.push("");
  L.push(`async function list${res.Many}(env${t("Env")}, url${t("URL")}) {`);
  L.push(`  const limit = Math.min(Number(url.searchParams.get("limit") ?? 20), 100);`);
  L.push(`  const db = drizzle(env.${db});`);
  L.push(`  const rows = await db.select().from(${res.table}).limit(limit);`);
  L.push(`  return rows.map((row) => ({ ...row, href: \`\${url.origin}/${res.many}/\${row.id}\` }));`);
  L.push(`}`);
  L.push("");
  L.push("export default {");
  L.push(`  async fetch(request${t("Request")}, env${t("Env")}, ctx${t("ExecutionContext")})${t("Promise<Response>")} {`);
  L.push(`    requestCount++;`);
  L.push(`    const url = new URL(request.url);`);
  L.push(`    if (request.method === "OPTIONS") return cors(request, new Response(null, { status: 204 }));`);
  L.push(`    const ip = request.headers.get("cf-connecting-ip") ?? "unknown";`);
  L.push(`    if (await rateLimited(env, ip)) return error(429);`);
  if (e) L.push(`    ${e.inside}`);
  L.push(`    switch (url.pathname) {`);
  for (const route of routes) {
    L.push(`      case "/${route}": {`);
    if (route === "health") L.push(`        return json({ ok: true, served: requestCount });`);
    else if (route === "version") L.push(`        return json({ version: env.VERSION ?? "dev", region: request.cf?.colo ?? null });`);
    else if (route === res.many) L.push(`        return cors(request, json({ items: await list${res.Many}(env, url) }));`);
    else if (route === "stats") {
      L.push(`        const stats = await env.${kv}.get("stats", "json");`);
      L.push(`        return json(stats ?? { ${res.many}: 0 });`);
    } else if (route === "export") {
      L.push(`        const items = await list${res.Many}(env, url);`);
      L.push(`        ctx.waitUntil(env.${kv}.put(\`export:\${Date.now()}\`, JSON.stringify(items)));`);
      L.push(`        return new Response(items.map((i) => JSON.stringify(i)).join("\\n"), { headers: { "content-type": "application/x-ndjson" } });`);
    } else {
      L.push(`        const q = (url.searchParams.get("q") ?? "").trim().toLowerCase();`);
      L.push(`        if (q.length < 2) return error(400, "query too short");`);
      L.push(`        const items = await list${res.Many}(env, url);`);
      L.push(`        return json({ items: items.filter((i) => JSON.stringify(i).toLowerCase().includes(q)) });`);
    }
    L.push(`      }`);
  }
  L.push(`      default:`);
  L.push(`        return error(404, url.pathname);`);
  L.push(`    }`);
  L.push(`  },`);
  if (r.chance(0.5)) {
    L.push("");
    L.push(`  async scheduled(controller${t("ScheduledController")}, env${t("Env")}, ctx${t("ExecutionContext")}) {`);
    L.push(`    const db = drizzle(env.${db});`);
    L.push(`    const rows = await db.select().from(${res.table}).limit(1000);`);
    L.push(`    ctx.waitUntil(env.${kv}.put("stats", JSON.stringify({ ${res.many}: rows.length, at: controller.scheduledTime })));`);
    L.push(`  },`);
  }
  L.push(ts ? "} satisfies ExportedHandler<Env>;" : "};");
  return { code: L.join("\n") + "\n", escapes: escape ? [escape] : [] };
}

function durableObject(r, res, ts, escape) {
  const t = typer(ts);
  const name = `${res.One}${r.pick(["Room", "Counter", "Coordinator", "Session", "Lock", "Queue"])}`;
  const L = [];
  L.push(`import { DurableObject } from "cloudflare:workers";`);
  if (ts) L.push(`import type { Env } from "./env";`);
  L.push("");
  if (ts) {
    L.push(`interface Attachment {`);
    L.push(`  id: string;`);
    L.push(`  joinedAt: number;`);
    L.push(`  name: string;`);
    L.push(`}`);
    L.push("");
  }
  const maxClients = r.int(8, 256);
  L.push(`const MAX_CLIENTS = ${maxClients};`);
  L.push(`const HEARTBEAT_MS = ${r.int(5, 60) * 1000};`);
  let escTop = "";
  if (escape === "lastUser") {
    escTop = `let lastJoined${ts ? ": string | null" : ""} = null;`;
    L.push(escTop);
  }
  L.push("");
  L.push(`export class ${name} extends DurableObject${ts ? "<Env>" : ""} {`);
  if (ts) {
    L.push(`  private sessions = new Map<WebSocket, Attachment>();`);
    L.push(`  private version = 0;`);
  } else {
    L.push(`  sessions = new Map();`);
    L.push(`  version = 0;`);
  }
  L.push("");
  L.push(`  constructor(ctx${t("DurableObjectState")}, env${t("Env")}) {`);
  L.push(`    super(ctx, env);`);
  L.push(`    for (const ws of this.ctx.getWebSockets()) {`);
  L.push(`      const attachment = ws.deserializeAttachment()${ts ? " as Attachment | null" : ""};`);
  L.push(`      if (attachment) this.sessions.set(ws, attachment);`);
  L.push(`    }`);
  L.push(`    this.ctx.blockConcurrencyWhile(async () => {`);
  L.push(`      this.version = (await this.ctx.storage.get${ts ? "<number>" : ""}("version")) ?? 0;`);
  L.push(`    });`);
  L.push(`  }`);
  L.push("");
  L.push(`  async fetch(request${t("Request")})${t("Promise<Response>")} {`);
  L.push(`    const url = new URL(request.url);`);
  L.push(`    if (url.pathname.endsWith("/state")) return Response.json(await this.snapshot());`);
  L.push(`    if (request.headers.get("upgrade") !== "websocket") return new Response("expected websocket", { status: 426 });`);
  L.push(`    if (this.sessions.size >= MAX_CLIENTS) return new Response("room full", { status: 503 });`);
  L.push(`    const pair = new WebSocketPair();`);
  L.push(`    const [client, server] = Object.values(pair);`);
  L.push(`    const attachment = { id: crypto.randomUUID(), joinedAt: Date.now(), name: url.searchParams.get("name") ?? "anonymous" };`);
  L.push(`    server.serializeAttachment(attachment);`);
  L.push(`    this.ctx.acceptWebSocket(server);`);
  L.push(`    this.sessions.set(server, attachment);`);
  if (escape === "lastUser") L.push(`    lastJoined = request.headers.get("x-user-id");`);
  L.push(`    await this.ctx.storage.setAlarm(Date.now() + HEARTBEAT_MS);`);
  L.push(`    return new Response(null, { status: 101, webSocket: client });`);
  L.push(`  }`);
  L.push("");
  L.push(`  async webSocketMessage(ws${t("WebSocket")}, message${t("string | ArrayBuffer")}) {`);
  L.push(`    const from = this.sessions.get(ws);`);
  L.push(`    if (!from || typeof message !== "string") return;`);
  L.push(`    let payload${t("unknown")};`);
  L.push(`    try {`);
  L.push(`      payload = JSON.parse(message);`);
  L.push(`    } catch {`);
  L.push(`      ws.send(JSON.stringify({ error: "invalid json" }));`);
  L.push(`      return;`);
  L.push(`    }`);
  L.push(`    this.version++;`);
  L.push(`    await this.ctx.storage.put("version", this.version);`);
  L.push(`    this.broadcast({ from: from.name, payload, version: this.version });`);
  L.push(`  }`);
  L.push("");
  L.push(`  async webSocketClose(ws${t("WebSocket")}, code${t("number")}) {`);
  L.push(`    this.sessions.delete(ws);`);
  L.push(`    ws.close(code, "closing");`);
  L.push(`  }`);
  L.push("");
  L.push(`  async alarm() {`);
  L.push(`    if (this.sessions.size === 0) return;`);
  L.push(`    this.broadcast({ type: "ping", at: Date.now() });`);
  L.push(`    await this.ctx.storage.setAlarm(Date.now() + HEARTBEAT_MS);`);
  L.push(`  }`);
  L.push("");
  L.push(`  ${ts ? "private " : ""}async snapshot() {`);
  L.push(`    const history = await this.ctx.storage.list({ prefix: "msg:", limit: 50 });`);
  L.push(`    const report = await fetch(\`\${this.env.API_BASE}/${res.many}/audit\`, {`);
  L.push(`      method: "POST",`);
  L.push(`      headers: { authorization: \`Bearer \${this.env.API_KEY}\`, "content-type": "application/json" },`);
  L.push(`      body: JSON.stringify({ version: this.version, clients: this.sessions.size }),`);
  L.push(`    });`);
  L.push(`    return { version: this.version, clients: this.sessions.size, history: [...history.values()], audited: report.ok };`);
  L.push(`  }`);
  L.push("");
  L.push(`  ${ts ? "private " : ""}broadcast(message${t("unknown")}) {`);
  L.push(`    const text = JSON.stringify(message);`);
  L.push(`    for (const ws of this.sessions.keys()) {`);
  L.push(`      try {`);
  L.push(`        ws.send(text);`);
  L.push(`      } catch {`);
  L.push(`        this.sessions.delete(ws);`);
  L.push(`      }`);
  L.push(`    }`);
  L.push(`  }`);
  L.push(`}`);
  return { code: L.join("\n") + "\n", escapes: escape === "lastUser" ? [escape] : [] };
}

function dbHelpers(r, res, ts, escape) {
  const t = typer(ts);
  const db = r.pick(DB_BINDINGS);
  const L = [];
  L.push(`import { drizzle } from "drizzle-orm/d1";`);
  L.push(`import { and, eq, gt, sql } from "drizzle-orm";`);
  L.push(`import { ${res.table} } from "./schema";`);
  if (ts) L.push(`import type { Env } from "../env";`);
  L.push("");
  const esc = escape === "lazyDb";
  if (esc) L.push(`let cachedDb${ts ? ": ReturnType<typeof drizzle> | undefined" : ""};`);
  L.push("");
  L.push(`export function getDb(env${t("Env")}) {`);
  if (esc) {
    L.push(`  cachedDb ??= drizzle(env.${db});`);
    L.push(`  return cachedDb;`);
  } else {
    L.push(`  return drizzle(env.${db});`);
  }
  L.push(`}`);
  L.push("");
  if (ts) {
    L.push(`export type Db = ReturnType<typeof getDb>;`);
    L.push("");
    L.push(`export interface ${res.One}Row {`);
    L.push(`  id: string;`);
    for (const [name, kind] of res.fields) L.push(`  ${name}: ${tsTypeOf(kind, res.statuses)};`);
    L.push(`}`);
    L.push("");
  }
  L.push(`export class ${res.One}Repository {`);
  if (ts) L.push(`  constructor(private readonly db${t("Db")}) {}`);
  else {
    L.push(`  constructor(db) {`);
    L.push(`    this.db = db;`);
    L.push(`  }`);
  }
  L.push("");
  L.push(`  async byId(id${t("string")})${t(`Promise<${res.One}Row | null>`)} {`);
  L.push(`    const rows = await this.db.select().from(${res.table}).where(eq(${res.table}.id, id)).limit(1);`);
  L.push(`    return (rows[0]${ts ? ` as ${res.One}Row | undefined` : ""}) ?? null;`);
  L.push(`  }`);
  L.push("");
  L.push(`  async page(after${t("string | null")}, limit = 50) {`);
  L.push(`    const where = after ? gt(${res.table}.id, after) : undefined;`);
  L.push(`    return this.db.select().from(${res.table}).where(where).limit(limit);`);
  L.push(`  }`);
  L.push("");
  L.push(`  async count(ownerId${t("string")})${t("Promise<number>")} {`);
  L.push(`    const [row] = await this.db.select({ n: sql${ts ? "<number>" : ""}\`count(*)\` }).from(${res.table}).where(and(eq(${res.table}.id, ownerId)));`);
  L.push(`    return row?.n ?? 0;`);
  L.push(`  }`);
  L.push("");
  L.push(`  async *all(batch = 200) {`);
  L.push(`    let after${t("string | null")} = null;`);
  L.push(`    for (;;) {`);
  L.push(`      const rows = await this.page(after, batch);`);
  L.push(`      if (rows.length === 0) return;`);
  L.push(`      yield* rows;`);
  L.push(`      after = rows[rows.length - 1].id;`);
  L.push(`    }`);
  L.push(`  }`);
  L.push(`}`);
  L.push("");
  L.push(`export function ${res.many}Repository(env${t("Env")}) {`);
  L.push(`  return new ${res.One}Repository(getDb(env));`);
  L.push(`}`);
  L.push("");
  L.push(`export async function withTransaction${ts ? "<T>" : ""}(env${t("Env")}, work${t("(db: Db) => Promise<T>")})${t("Promise<T>")} {`);
  L.push(`  const db = getDb(env);`);
  L.push(`  const started = Date.now();`);
  L.push(`  try {`);
  L.push(`    return await work(db);`);
  L.push(`  } finally {`);
  L.push(`    const ms = Date.now() - started;`);
  L.push(`    if (ms > ${r.int(50, 500)}) console.warn(\`slow transaction: \${ms}ms\`);`);
  L.push(`  }`);
  L.push(`}`);
  return { code: L.join("\n") + "\n", escapes: esc ? [escape] : [] };
}

function serviceClient(r, res, ts, escape) {
  const t = typer(ts);
  const [Vendor, secret, , base] = r.pick(VENDORS);
  const L = [];
  if (ts) L.push(`import type { Env } from "../env";`);
  L.push(`import { z } from "zod";`);
  L.push("");
  L.push(`const BASE_URL = ${JSON.stringify(base)};`);
  L.push(`const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);`);
  const esc = escape === "clientCache" || escape === "globalThisDirect";
  if (escape === "clientCache") L.push(`const clientsByRegion${ts ? `: Map<string, ${Vendor}Client>` : ""} = new Map();`);
  L.push("");
  L.push(`const ${res.One}Response = z.object({`);
  L.push(`  id: z.string(),`);
  for (const f of res.fields.slice(0, 4)) L.push(`  ${zodOf(f, res.statuses).replace(/\.default\([^)]*\)/, "")}.optional(),`);
  L.push(`});`);
  L.push("");
  L.push(`export class ${Vendor}Error extends Error {`);
  if (ts) {
    L.push(`  constructor(readonly status${t("number")}, message${t("string")}, readonly body${t("unknown")} = null) {`);
    L.push(`    super(message);`);
  } else {
    L.push(`  constructor(status, message, body = null) {`);
    L.push(`    super(message);`);
    L.push(`    this.status = status;`);
    L.push(`    this.body = body;`);
  }
  L.push(`    this.name = "${Vendor}Error";`);
  L.push(`  }`);
  L.push(`}`);
  L.push("");
  L.push(`function sleep(ms${t("number")}) {`);
  L.push(`  return new Promise((resolve) => setTimeout(resolve, ms));`);
  L.push(`}`);
  L.push("");
  L.push(`export class ${Vendor}Client {`);
  if (ts) L.push(`  constructor(private readonly apiKey${t("string")}, private readonly fetcher${t("typeof fetch")} = fetch) {}`);
  else {
    L.push(`  constructor(apiKey, fetcher = fetch) {`);
    L.push(`    this.apiKey = apiKey;`);
    L.push(`    this.fetcher = fetcher;`);
    L.push(`  }`);
  }
  L.push("");
  L.push(`  async request(path${t("string")}, init${t("RequestInit")} = {}, attempt = 0)${t("Promise<unknown>")} {`);
  L.push(`    const res = await this.fetcher(\`\${BASE_URL}\${path}\`, {`);
  L.push(`      ...init,`);
  L.push(`      headers: { authorization: \`Bearer \${this.apiKey}\`, "content-type": "application/json", ...(init.headers ?? {}) },`);
  L.push(`    });`);
  L.push(`    if (RETRYABLE.has(res.status) && attempt < ${r.int(2, 5)}) {`);
  L.push(`      await sleep(2 ** attempt * ${r.int(50, 250)});`);
  L.push(`      return this.request(path, init, attempt + 1);`);
  L.push(`    }`);
  L.push(`    const text = await res.text();`);
  L.push(`    const body = text ? JSON.parse(text) : null;`);
  L.push(`    if (!res.ok) throw new ${Vendor}Error(res.status, \`${Vendor} \${path} failed\`, body);`);
  L.push(`    return body;`);
  L.push(`  }`);
  L.push("");
  L.push(`  async get${res.One}(id${t("string")}) {`);
  L.push(`    return ${res.One}Response.parse(await this.request(\`/${res.many}/\${encodeURIComponent(id)}\`));`);
  L.push(`  }`);
  L.push("");
  L.push(`  async create${res.One}(input${t("Record<string, unknown>")}) {`);
  L.push(`    return ${res.One}Response.parse(await this.request("/${res.many}", { method: "POST", body: JSON.stringify(input) }));`);
  L.push(`  }`);
  L.push(`}`);
  L.push("");
  L.push(`export function ${Vendor.toLowerCase()}(env${t("Env")}) {`);
  if (escape === "clientCache") {
    L.push(`  const region = env.REGION ?? "default";`);
    L.push(`  let client = clientsByRegion.get(region);`);
    L.push(`  if (!client) {`);
    L.push(`    client = new ${Vendor}Client(env.${secret});`);
    L.push(`    clientsByRegion.set(region, client);`);
    L.push(`  }`);
    L.push(`  return client;`);
  } else if (escape === "globalThisDirect") {
    L.push(`  const g = globalThis${ts ? ` as unknown as { __${Vendor.toLowerCase()}?: ${Vendor}Client }` : ""};`);
    L.push(`  g.__${Vendor.toLowerCase()} ??= new ${Vendor}Client(env.${secret});`);
    L.push(`  return g.__${Vendor.toLowerCase()};`);
  } else {
    L.push(`  return new ${Vendor}Client(env.${secret});`);
  }
  L.push(`}`);
  return { code: L.join("\n") + "\n", escapes: esc ? [escape] : [] };
}

function middleware(r, res, ts, escape) {
  const t = typer(ts);
  const kv = r.pick(KV_BINDINGS);
  const L = [];
  L.push(`import { createMiddleware } from "hono/factory";`);
  L.push(`import { HTTPException } from "hono/http-exception";`);
  if (ts) L.push(`import type { Env } from "../env";`);
  L.push("");
  L.push(`const PUBLIC_PATHS = [${r.sample(["/health", "/login", "/signup", "/docs", "/favicon.ico", "/robots.txt"], 3).map((s) => JSON.stringify(s)).join(", ")}];`);
  L.push(`const encoder = new TextEncoder();`);
  const esc = escape === "lastUser" || escape === "envMutation";
  if (escape === "lastUser") L.push(`let lastUser${ts ? ": string | null" : ""} = null;`);
  L.push("");
  L.push(`async function hmac(secret${t("string")}, data${t("string")})${t("Promise<string>")} {`);
  L.push(`  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);`);
  L.push(`  const signature = await crypto.subtle.sign("HMAC", key, encoder.encode(data));`);
  L.push(`  return btoa(String.fromCharCode(...new Uint8Array(signature)));`);
  L.push(`}`);
  L.push("");
  L.push(`export const auth = createMiddleware${ts ? "<{ Bindings: Env; Variables: { userId: string } }>" : ""}(async (c, next) => {`);
  L.push(`  if (PUBLIC_PATHS.includes(c.req.path)) return next();`);
  L.push(`  const header = c.req.header("authorization") ?? "";`);
  L.push(`  const [scheme, token] = header.split(" ");`);
  L.push(`  if (scheme !== "Bearer" || !token) throw new HTTPException(401, { message: "missing token" });`);
  L.push(`  const [payload, signature] = token.split(".");`);
  L.push(`  if (signature !== (await hmac(c.env.JWT_SECRET, payload))) throw new HTTPException(401, { message: "bad signature" });`);
  L.push(`  const claims = JSON.parse(atob(payload));`);
  L.push(`  if (claims.exp * 1000 < Date.now()) throw new HTTPException(401, { message: "expired" });`);
  L.push(`  c.set("userId", claims.sub);`);
  if (escape === "lastUser") L.push(`  lastUser = c.req.header("x-user-id") ?? null;`);
  if (escape === "envMutation") L.push(`  c.env.CURRENT_USER = claims.sub;`);
  L.push(`  await next();`);
  L.push(`});`);
  L.push("");
  L.push(`export const rateLimit = (limit${t("number")}, windowSeconds = 60) =>`);
  L.push(`  createMiddleware${ts ? "<{ Bindings: Env }>" : ""}(async (c, next) => {`);
  L.push(`    const ip = c.req.header("cf-connecting-ip") ?? "local";`);
  L.push(`    const key = \`rl:${res.many}:\${ip}:\${Math.floor(Date.now() / (windowSeconds * 1000))}\`;`);
  L.push(`    const used = Number((await c.env.${kv}.get(key)) ?? 0);`);
  L.push(`    if (used >= limit) return c.json({ error: "slow down" }, 429);`);
  L.push(`    c.executionCtx.waitUntil(c.env.${kv}.put(key, String(used + 1), { expirationTtl: windowSeconds * 2 }));`);
  L.push(`    await next();`);
  L.push(`  });`);
  L.push("");
  L.push(`export const timing = createMiddleware(async (c, next) => {`);
  L.push(`  const start = performance.now();`);
  L.push(`  await next();`);
  L.push(`  c.res.headers.append("server-timing", \`total;dur=\${(performance.now() - start).toFixed(1)}\`);`);
  L.push(`});`);
  return { code: L.join("\n") + "\n", escapes: esc ? [escape] : [] };
}

function utilities(r, _res, ts) {
  const t = typer(ts);
  const L = [];
  const fns = r.sample(["slugify", "chunk", "retry", "pick", "omit", "debounceKey", "parseCookies", "formatBytes", "groupBy", "uniqueBy", "clamp", "memoize", "deepEqual", "toQuery", "parseDuration"], r.int(5, 9));
  L.push(`const UNITS = ["B", "KB", "MB", "GB", "TB"];`);
  L.push(`const DURATION = { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000 };`);
  L.push(`const slugCache = new Map${ts ? "<string, string>" : ""}();`);
  L.push(`let slugHits = 0;`);
  L.push("");
  for (const fn of fns) {
    switch (fn) {
      case "slugify":
        L.push(`export function slugify(input${t("string")})${t("string")} {`);
        L.push(`  const hit = slugCache.get(input);`);
        L.push(`  if (hit !== undefined) {`);
        L.push(`    slugHits++;`);
        L.push(`    return hit;`);
        L.push(`  }`);
        L.push(`  const slug = input.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");`);
        L.push(`  if (slugCache.size < 1000) slugCache.set(input, slug);`);
        L.push(`  return slug;`);
        L.push(`}`);
        break;
      case "chunk":
        L.push(`export function chunk${ts ? "<T>" : ""}(items${t("readonly T[]")}, size${t("number")})${t("T[][]")} {`);
        L.push(`  const out${t("T[][]")} = [];`);
        L.push(`  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));`);
        L.push(`  return out;`);
        L.push(`}`);
        break;
      case "retry":
        L.push(`export async function retry${ts ? "<T>" : ""}(work${t("() => Promise<T>")}, attempts = ${r.int(2, 6)}, baseMs = ${r.int(20, 200)})${t("Promise<T>")} {`);
        L.push(`  let lastError${t("unknown")};`);
        L.push(`  for (let attempt = 0; attempt < attempts; attempt++) {`);
        L.push(`    try {`);
        L.push(`      return await work();`);
        L.push(`    } catch (err) {`);
        L.push(`      lastError = err;`);
        L.push(`      await new Promise((resolve) => setTimeout(resolve, baseMs * 2 ** attempt + Math.floor(Math.random() * baseMs)));`);
        L.push(`    }`);
        L.push(`  }`);
        L.push(`  throw lastError;`);
        L.push(`}`);
        break;
      case "pick":
        L.push(`export function pick${ts ? "<T extends object, K extends keyof T>" : ""}(obj${t("T")}, keys${t("readonly K[]")})${t("Pick<T, K>")} {`);
        L.push(`  const out = {}${ts ? " as Pick<T, K>" : ""};`);
        L.push(`  for (const key of keys) if (key in obj) out[key] = obj[key];`);
        L.push(`  return out;`);
        L.push(`}`);
        break;
      case "omit":
        L.push(`export function omit${ts ? "<T extends Record<string, unknown>>" : ""}(obj${t("T")}, ...keys${t("string[]")}) {`);
        L.push(`  return Object.fromEntries(Object.entries(obj).filter(([key]) => !keys.includes(key)));`);
        L.push(`}`);
        break;
      case "debounceKey":
        L.push(`export function debounceKey(parts${t("Array<string | number | undefined>")})${t("string")} {`);
        L.push(`  return parts.filter((p) => p !== undefined && p !== "").map(String).join(":");`);
        L.push(`}`);
        break;
      case "parseCookies":
        L.push(`export function parseCookies(header${t("string | null")})${t("Record<string, string>")} {`);
        L.push(`  const out${t("Record<string, string>")} = {};`);
        L.push(`  if (!header) return out;`);
        L.push(`  for (const part of header.split(";")) {`);
        L.push(`    const [name, ...rest] = part.trim().split("=");`);
        L.push(`    if (name) out[name] = decodeURIComponent(rest.join("="));`);
        L.push(`  }`);
        L.push(`  return out;`);
        L.push(`}`);
        break;
      case "formatBytes":
        L.push(`export function formatBytes(bytes${t("number")})${t("string")} {`);
        L.push(`  let value = bytes;`);
        L.push(`  let unit = 0;`);
        L.push(`  while (value >= 1024 && unit < UNITS.length - 1) {`);
        L.push(`    value /= 1024;`);
        L.push(`    unit++;`);
        L.push(`  }`);
        L.push(`  return \`\${value.toFixed(unit === 0 ? 0 : 1)} \${UNITS[unit]}\`;`);
        L.push(`}`);
        break;
      case "groupBy":
        L.push(`export function groupBy${ts ? "<T, K extends string>" : ""}(items${t("readonly T[]")}, key${t("(item: T) => K")})${t("Record<K, T[]>")} {`);
        L.push(`  const out = {}${ts ? " as Record<K, T[]>" : ""};`);
        L.push(`  for (const item of items) (out[key(item)] ??= []).push(item);`);
        L.push(`  return out;`);
        L.push(`}`);
        break;
      case "uniqueBy":
        L.push(`export function uniqueBy${ts ? "<T>" : ""}(items${t("readonly T[]")}, key${t("(item: T) => unknown")})${t("T[]")} {`);
        L.push(`  const seen = new Set();`);
        L.push(`  return items.filter((item) => {`);
        L.push(`    const k = key(item);`);
        L.push(`    if (seen.has(k)) return false;`);
        L.push(`    seen.add(k);`);
        L.push(`    return true;`);
        L.push(`  });`);
        L.push(`}`);
        break;
      case "clamp":
        L.push(`export const clamp = (value${t("number")}, min${t("number")}, max${t("number")})${t("number")} => Math.min(max, Math.max(min, value));`);
        break;
      case "memoize":
        L.push(`export function memoize${ts ? "<A extends string, R>" : ""}(fn${t("(arg: A) => R")})${t("(arg: A) => R")} {`);
        L.push(`  const cache = new Map${ts ? "<A, R>" : ""}();`);
        L.push(`  return (arg) => {`);
        L.push(`    if (!cache.has(arg)) cache.set(arg, fn(arg));`);
        L.push(`    return cache.get(arg)${ts ? "!" : ""};`);
        L.push(`  };`);
        L.push(`}`);
        break;
      case "deepEqual":
        L.push(`export function deepEqual(a${t("unknown")}, b${t("unknown")})${t("boolean")} {`);
        L.push(`  if (Object.is(a, b)) return true;`);
        L.push(`  if (typeof a !== "object" || typeof b !== "object" || !a || !b) return false;`);
        L.push(`  const ka = Object.keys(a);`);
        L.push(`  const kb = Object.keys(b);`);
        L.push(`  if (ka.length !== kb.length) return false;`);
        L.push(`  return ka.every((k) => deepEqual(${ts ? "(a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]" : "a[k], b[k]"}));`);
        L.push(`}`);
        break;
      case "toQuery":
        L.push(`export function toQuery(params${t("Record<string, string | number | boolean | undefined>")})${t("string")} {`);
        L.push(`  const search = new URLSearchParams();`);
        L.push(`  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));`);
        L.push(`  const text = search.toString();`);
        L.push(`  return text ? \`?\${text}\` : "";`);
        L.push(`}`);
        break;
      case "parseDuration":
        L.push(`export function parseDuration(text${t("string")})${t("number")} {`);
        L.push(`  const match = /^(\\d+)(ms|s|m|h|d)$/.exec(text.trim());`);
        L.push(`  if (!match) throw new Error(\`bad duration: \${text}\`);`);
        L.push(`  return Number(match[1]) * DURATION[match[2]${ts ? " as keyof typeof DURATION" : ""}];`);
        L.push(`}`);
        break;
      default:
        break;
    }
    L.push("");
  }
  L.push(`export function cacheStats() {`);
  L.push(`  return { size: slugCache.size, hits: slugHits };`);
  L.push(`}`);
  return { code: L.join("\n") + "\n", escapes: [] };
}

function schemas(r, res) {
  const L = [];
  L.push(`import { z } from "zod";`);
  L.push("");
  const others = [res, resourceOf(r), resourceOf(r)];
  const seen = new Set();
  for (const x of others) {
    if (seen.has(x.One)) continue;
    seen.add(x.One);
    L.push(`export const ${x.One}Status = z.enum([${x.statuses.map((s) => JSON.stringify(s)).join(", ")}]);`);
    L.push(`export const ${x.One} = z.object({`);
    L.push(`  id: z.string().uuid(),`);
    for (const f of x.fields) L.push(`  ${zodOf(f, x.statuses)},`);
    L.push(`});`);
    L.push(`export type ${x.One} = z.infer<typeof ${x.One}>;`);
    L.push(`export const Create${x.One} = ${x.One}.omit({ id: true });`);
    L.push(`export const Update${x.One} = Create${x.One}.partial().refine((v) => Object.keys(v).length > 0, { message: "empty update" });`);
    L.push(`export const ${x.One}List = z.object({ items: z.array(${x.One}), next: z.string().nullable() });`);
    L.push("");
    L.push(`export const example${x.One}: ${x.One} = {`);
    L.push(`  id: "00000000-0000-4000-8000-${String(r.int(0, 999999)).padStart(12, "0")}",`);
    for (const f of x.fields) L.push(`  ${f[0]}: ${sampleValue(r, f, x.statuses).replace("crypto.randomUUID()", '"00000000-0000-4000-8000-000000000001"')},`);
    L.push(`};`);
    L.push("");
  }
  L.push(`export function parseOr400${"<T>"}(schema: z.ZodType<T>, value: unknown): { ok: true; data: T } | { ok: false; response: Response } {`);
  L.push(`  const result = schema.safeParse(value);`);
  L.push(`  if (result.success) return { ok: true, data: result.data };`);
  L.push(`  const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));`);
  L.push(`  return { ok: false, response: Response.json({ error: "validation failed", issues }, { status: 400 }) };`);
  L.push(`}`);
  return { code: L.join("\n") + "\n", escapes: [] };
}

function envTypes(r) {
  const L = [];
  L.push(`export interface Env {`);
  for (const b of r.sample(DB_BINDINGS, 2)) L.push(`  ${b}: D1Database;`);
  for (const b of r.sample(KV_BINDINGS, 3)) L.push(`  ${b}: KVNamespace;`);
  L.push(`  BUCKET: R2Bucket;`);
  L.push(`  QUEUE: Queue<{ type: string; id: string }>;`);
  L.push(`  ROOMS: DurableObjectNamespace;`);
  L.push(`  AI: Ai;`);
  for (const s of r.sample(SECRETS, 4)) L.push(`  ${s}: string;`);
  L.push(`  API_BASE: string;`);
  L.push(`  VERSION?: string;`);
  L.push(`}`);
  L.push("");
  L.push(`export type Role = "owner" | "admin" | "member" | "viewer";`);
  L.push("");
  L.push(`export interface Session {`);
  L.push(`  userId: string;`);
  L.push(`  role: Role;`);
  L.push(`  expiresAt: number;`);
  L.push(`}`);
  L.push("");
  L.push(`export type Handler<T = unknown> = (request: Request, env: Env, ctx: ExecutionContext) => Promise<T>;`);
  L.push("");
  L.push(`export type Paginated<T> = { items: T[]; next: string | null; total?: number };`);
  L.push("");
  L.push(`declare global {`);
  L.push(`  interface CloudflareEnv extends Env {}`);
  L.push(`}`);
  return { code: L.join("\n") + "\n", escapes: [] };
}

function queueConsumer(r, res, ts, escape) {
  const t = typer(ts);
  const kv = r.pick(KV_BINDINGS);
  const L = [];
  const esc = escape === "envMutation" || escape === "lastUser";
  if (ts) L.push(`import type { Env } from "./env";`);
  L.push("");
  L.push(`const MAX_BATCH = ${r.int(10, 100)};`);
  L.push(`const handlers = {`);
  L.push(`  async created(env${t("Env")}, id${t("string")}) {`);
  L.push(`    await env.${kv}.put(\`${res.one}:\${id}:created\`, new Date().toISOString());`);
  L.push(`  },`);
  L.push(`  async deleted(env${t("Env")}, id${t("string")}) {`);
  L.push(`    await env.${kv}.delete(\`${res.one}:\${id}\`);`);
  L.push(`    await env.BUCKET.delete(\`${res.many}/\${id}.json\`);`);
  L.push(`  },`);
  L.push(`};`);
  if (escape === "lastUser") L.push(`let lastMessageId${ts ? ": string | undefined" : ""};`);
  L.push("");
  L.push(`function withLogging(name${t("string")}, fn${t("(env: Env, id: string) => Promise<void>")}) {`);
  L.push(`  return async (env${t("Env")}, id${t("string")}) => {`);
  L.push(`    const started = Date.now();`);
  L.push(`    try {`);
  L.push(`      await fn(env, id);`);
  L.push(`    } finally {`);
  L.push(`      console.log(JSON.stringify({ handler: name, id, ms: Date.now() - started }));`);
  L.push(`    }`);
  L.push(`  };`);
  L.push(`}`);
  L.push("");
  L.push("export default {");
  L.push(`  async queue(batch${t(`MessageBatch<{ type: "created" | "deleted"; id: string }>`)}, env${t("Env")}, ctx${t("ExecutionContext")}) {`);
  if (escape === "envMutation") L.push(`    env.LAST_BATCH_SIZE = batch.messages.length;`);
  L.push(`    for (const message of batch.messages.slice(0, MAX_BATCH)) {`);
  if (escape === "lastUser") L.push(`      lastMessageId = message.id;`);
  L.push(`      const handler = handlers[message.body.type];`);
  L.push(`      if (!handler) {`);
  L.push(`        message.ack();`);
  L.push(`        continue;`);
  L.push(`      }`);
  L.push(`      try {`);
  L.push(`        await withLogging(message.body.type, handler)(env, message.body.id);`);
  L.push(`        message.ack();`);
  L.push(`      } catch (err) {`);
  L.push(`        console.error(err);`);
  L.push(`        message.retry({ delaySeconds: ${r.int(5, 120)} });`);
  L.push(`      }`);
  L.push(`    }`);
  L.push(`    ctx.waitUntil(env.${kv}.put("queue:last", String(Date.now())));`);
  L.push(`  },`);
  L.push(ts ? "} satisfies ExportedHandler<Env>;" : "};");
  return { code: L.join("\n") + "\n", escapes: esc ? [escape] : [] };
}

function topLevelEnv(r, res, ts) {
  // A module that reads the imported `env` at evaluation time: the fourth rule's case.
  const t = typer(ts);
  const secret = r.pick(SECRETS);
  const L = [];
  L.push(`import { env } from "cloudflare:workers";`);
  L.push("");
  L.push(`const TOKEN = env.${secret};`);
  L.push("");
  L.push(`export async function notify${res.One}(id${t("string")}, text${t("string")}) {`);
  L.push(`  const res = await fetch(\`\${env.API_BASE}/notify/${res.many}/\${id}\`, {`);
  L.push(`    method: "POST",`);
  L.push(`    headers: { authorization: \`Bearer \${TOKEN}\` },`);
  L.push(`    body: JSON.stringify({ text }),`);
  L.push(`  });`);
  L.push(`  return res.ok;`);
  L.push(`}`);
  return { code: L.join("\n") + "\n", escapes: ["topLevelEnv"] };
}

/**
 * The dense profile's one template: a Workers module that has everything at once, as the files of
 * real apps that carry the work do. Module state (counters, timings, a sweep time, read-only sets
 * and maps), env-derived helpers that call each other (`getDb(env)`, a repository class, an API
 * client with auth headers from secrets, rate limiting, audit writes), and handlers of several kinds
 * calling them: Hono middleware and routes, the default export's `fetch`, `scheduled` and `queue`,
 * and in most files a Durable Object using `this.env`. The plugin has work in every function of
 * every file, unlike the default profile's schemas, types and utilities.
 */
function denseModule(r, res, ts, escape) {
  const t = typer(ts);
  const db = r.pick(DB_BINDINGS);
  const kv = r.pick(KV_BINDINGS);
  const [Vendor, secret, , base] = r.pick(VENDORS);
  const vendor = Vendor.toLowerCase();
  const withObject = r.chance(0.6);
  const withQueue = r.chance(0.5);
  const topLevel = r.chance(0.03);
  const e = escape ? ESCAPES[escape]({ db: "cachedDb", env: "env", table: res.table, request: "request" }, ts) : null;
  const schema = `${res.One}Input`;
  const L = [];
  L.push(`import { Hono } from "hono";`);
  L.push(`import { drizzle } from "drizzle-orm/d1";`);
  L.push(`import { desc, eq, gt } from "drizzle-orm";`);
  L.push(`import { z } from "zod";`);
  if (withObject || topLevel) L.push(`import { ${[withObject && "DurableObject", topLevel && "env as workerEnv"].filter(Boolean).join(", ")} } from "cloudflare:workers";`);
  L.push(`import { ${res.table} } from "../db/schema";`);
  if (escape === "globalPrisma" || escape === "globalThisDirect") L.push(`import { PrismaClient } from "@prisma/client";`);
  if (escape === "clientCache") L.push(`import { ApiClient } from "../lib/api-client";`);
  if (ts) L.push(`import type { Env } from "../env";`);
  L.push("");

  // Module state: constants, read-only collections, counters and timings written by handlers.
  L.push(`const BASE_URL = ${JSON.stringify(base)};`);
  L.push(`const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };`);
  L.push(`const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);`);
  L.push(`const ALLOWED_ORIGINS = new Set([${r.sample(["https://app.example.com", "https://admin.example.com", "http://localhost:5173", "https://staging.example.com"], 2).map((s) => JSON.stringify(s)).join(", ")}]);`);
  L.push(`const STATUS_TEXT = new Map([[400, "Bad Request"], [401, "Unauthorized"], [404, "Not Found"], [429, "Too Many Requests"]]);`);
  L.push(`const LIMITS = { list: ${r.int(20, 100)}, search: ${r.int(10, 50)}, rate: ${r.int(30, 300)} }${ts ? " as const" : ""};`);
  L.push(`let served = 0;`);
  L.push(`let failures = 0;`);
  L.push(`let lastSweep = 0;`);
  L.push(`const timings = { count: 0, totalMs: 0, slowest: 0 };`);
  if (topLevel) L.push(`const SERVICE_TOKEN = workerEnv.${r.pick(SECRETS)};`);
  if (e?.top) L.push(e.top);
  L.push("");
  L.push(`const ${schema} = z.object({`);
  for (const f of res.fields) L.push(`  ${zodOf(f, res.statuses)},`);
  L.push(`});`);
  if (ts) L.push(`type ${schema} = z.infer<typeof ${schema}>;`);
  L.push("");

  // Helpers: plain ones, then env-derived ones calling each other.
  L.push(`function json(data${t("unknown")}, status = 200)${t("Response")} {`);
  L.push(`  return new Response(JSON.stringify(data), { status, headers: JSON_HEADERS });`);
  L.push(`}`);
  L.push("");
  L.push(`function fail(status${t("number")}, detail${t("string")} = "")${t("Response")} {`);
  L.push(`  failures++;`);
  L.push(`  return json({ error: STATUS_TEXT.get(status) ?? "Error", detail }, status);`);
  L.push(`}`);
  L.push("");
  L.push(`function record(ms${t("number")}) {`);
  L.push(`  timings.count++;`);
  L.push(`  timings.totalMs += ms;`);
  L.push(`  if (ms > timings.slowest) timings.slowest = ms;`);
  L.push(`}`);
  L.push("");
  L.push(`function getDb(env${t("Env")}) {`);
  L.push(`  return drizzle(env.${db});`);
  L.push(`}`);
  L.push("");
  L.push(`class ${res.One}Repo {`);
  if (ts) L.push(`  constructor(private readonly db${t("ReturnType<typeof getDb>")}) {}`);
  else {
    L.push(`  constructor(db) {`);
    L.push(`    this.db = db;`);
    L.push(`  }`);
  }
  L.push("");
  L.push(`  async find(id${t("string")}) {`);
  L.push(`    const rows = await this.db.select().from(${res.table}).where(eq(${res.table}.id, id)).limit(1);`);
  L.push(`    return rows[0] ?? null;`);
  L.push(`  }`);
  L.push("");
  L.push(`  async page(after${t("string | null")}, limit${t("number")}) {`);
  L.push(`    const where = after ? gt(${res.table}.id, after) : undefined;`);
  L.push(`    return this.db.select().from(${res.table}).where(where).orderBy(desc(${res.table}.id)).limit(limit);`);
  L.push(`  }`);
  L.push("");
  L.push(`  async insert(row${t("Record<string, unknown>")}) {`);
  L.push(`    await this.db.insert(${res.table}).values(row);`);
  L.push(`    return row;`);
  L.push(`  }`);
  L.push(`}`);
  L.push("");
  L.push(`function repo(env${t("Env")}) {`);
  L.push(`  return new ${res.One}Repo(getDb(env));`);
  L.push(`}`);
  L.push("");
  L.push(`function authHeaders(env${t("Env")})${t("Record<string, string>")} {`);
  L.push(`  return { authorization: \`Bearer \${env.${secret}}\`, "content-type": "application/json" };`);
  L.push(`}`);
  L.push("");
  L.push(`async function ${vendor}Request(env${t("Env")}, path${t("string")}, init${t("RequestInit")} = {}, attempt = 0)${t("Promise<unknown>")} {`);
  L.push(`  const res = await fetch(\`\${env.API_BASE ?? BASE_URL}\${path}\`, { ...init, headers: { ...authHeaders(env), ...(init.headers ?? {}) } });`);
  L.push(`  if (RETRYABLE.has(res.status) && attempt < ${r.int(2, 4)}) {`);
  L.push(`    await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * ${r.int(50, 200)}));`);
  L.push(`    return ${vendor}Request(env, path, init, attempt + 1);`);
  L.push(`  }`);
  L.push(`  if (!res.ok) throw new Error(\`${Vendor} \${path} failed: \${res.status}\`);`);
  L.push(`  return res.json();`);
  L.push(`}`);
  L.push("");
  L.push(`async function rateLimited(env${t("Env")}, key${t("string")})${t("Promise<boolean>")} {`);
  L.push(`  const bucket = \`rl:\${key}:\${Math.floor(Date.now() / 60000)}\`;`);
  L.push(`  const current = Number((await env.${kv}.get(bucket)) ?? "0");`);
  L.push(`  if (current >= LIMITS.rate) return true;`);
  L.push(`  await env.${kv}.put(bucket, String(current + 1), { expirationTtl: 120 });`);
  L.push(`  return false;`);
  L.push(`}`);
  L.push("");
  L.push(`async function audit(env${t("Env")}, action${t("string")}, detail${t("unknown")}) {`);
  L.push(`  await env.${kv}.put(\`audit:${res.one}:\${Date.now()}\`, JSON.stringify({ action, detail }), { expirationTtl: 86400 });`);
  L.push(`}`);
  L.push("");
  L.push(`async function load${res.One}(env${t("Env")}, id${t("string")}) {`);
  L.push(`  const cached = await env.${kv}.get(\`${res.one}:\${id}\`, "json");`);
  L.push(`  if (cached) return cached;`);
  L.push(`  const row = await repo(env).find(id);`);
  L.push(`  if (row) await env.${kv}.put(\`${res.one}:\${id}\`, JSON.stringify(row), { expirationTtl: LIMITS.list });`);
  L.push(`  return row;`);
  L.push(`}`);
  L.push("");
  L.push(`async function save${res.One}(env${t("Env")}, input${t(schema)}) {`);
  L.push(`  const row = await repo(env).insert({ id: crypto.randomUUID(), ...input, createdAt: new Date().toISOString() });`);
  L.push(`  await ${vendor}Request(env, "/${res.many}", { method: "POST", body: JSON.stringify(row) });`);
  L.push(`  await audit(env, "create", { id: row.id });`);
  L.push(`  return row;`);
  L.push(`}`);
  L.push("");
  if (topLevel) {
    L.push(`async function notify(id${t("string")}) {`);
    L.push(`  await fetch(\`\${BASE_URL}/notify/\${id}\`, { method: "POST", headers: { authorization: \`Bearer \${SERVICE_TOKEN}\` } });`);
    L.push(`}`);
    L.push("");
  }

  // Handlers: Hono middleware and routes.
  L.push(`const app = new Hono${ts ? "<{ Bindings: Env }>" : ""}();`);
  L.push("");
  L.push(`app.use("*", async (c, next) => {`);
  L.push(`  served++;`);
  L.push(`  const started = Date.now();`);
  L.push(`  const ip = c.req.header("cf-connecting-ip") ?? "unknown";`);
  L.push(`  if (await rateLimited(c.env, ip)) return fail(429);`);
  L.push(`  await next();`);
  L.push(`  record(Date.now() - started);`);
  L.push(`  c.header("x-served", String(served));`);
  L.push(`});`);
  L.push("");
  L.push(`app.get("/${res.many}", async (c) => {`);
  L.push(`  const limit = Math.min(Number(c.req.query("limit") ?? LIMITS.list), LIMITS.list);`);
  L.push(`  const rows = await repo(c.env).page(c.req.query("after") ?? null, limit);`);
  L.push(`  return c.json({ items: rows, next: rows.length === limit ? rows[rows.length - 1].id : null });`);
  L.push(`});`);
  L.push("");
  L.push(`app.get("/${res.many}/:id", async (c) => {`);
  L.push(`  const row = await load${res.One}(c.env, c.req.param("id"));`);
  L.push(`  return row ? c.json(row) : fail(404, c.req.param("id"));`);
  L.push(`});`);
  L.push("");
  L.push(`app.post("/${res.many}", async (c) => {`);
  L.push(`  const parsed = ${schema}.safeParse(await c.req.json().catch(() => null));`);
  L.push(`  if (!parsed.success) return c.json({ error: parsed.error.issues.map((i) => i.message) }, 400);`);
  L.push(`  const row = await save${res.One}(c.env, parsed.data);`);
  if (topLevel) L.push(`  c.executionCtx.waitUntil(notify(String(row.id)));`);
  L.push(`  return c.json(row, 201);`);
  L.push(`});`);
  L.push("");
  L.push(`app.delete("/${res.many}/:id", async (c) => {`);
  L.push(`  const id = c.req.param("id");`);
  L.push(`  await getDb(c.env).delete(${res.table}).where(eq(${res.table}.id, id));`);
  L.push(`  await c.env.${kv}.delete(\`${res.one}:\${id}\`);`);
  L.push(`  c.executionCtx.waitUntil(audit(c.env, "delete", { id }));`);
  L.push(`  return c.body(null, 204);`);
  L.push(`});`);
  L.push("");
  L.push(`app.get("/${res.many}/search", async (c) => {`);
  L.push(`  const q = (c.req.query("q") ?? "").trim().toLowerCase();`);
  L.push(`  if (q.length < 2) return fail(400, "query too short");`);
  L.push(`  const found = await ${vendor}Request(c.env, \`/${res.many}/search?q=\${encodeURIComponent(q)}&limit=\${LIMITS.search}\`);`);
  L.push(`  return c.json({ found });`);
  L.push(`});`);
  L.push("");
  L.push(`app.get("/stats", (c) => c.json({ served, failures, ...timings, average: timings.count ? timings.totalMs / timings.count : 0 }));`);
  L.push("");

  // Handlers: a Durable Object using this.env and the helpers.
  if (withObject) {
    const name = `${res.One}${r.pick(["Room", "Counter", "Coordinator", "Session", "Lock"])}`;
    L.push(`export class ${name} extends DurableObject${ts ? "<Env>" : ""} {`);
    L.push(`  ${ts ? "private " : ""}version = 0;`);
    L.push(`  ${ts ? "private readonly " : ""}pending = new Map${ts ? "<string, number>" : ""}();`);
    L.push("");
    L.push(`  async fetch(request${t("Request")})${t("Promise<Response>")} {`);
    L.push(`    const url = new URL(request.url);`);
    L.push(`    const id = url.searchParams.get("id") ?? "";`);
    L.push(`    this.pending.set(id, Date.now());`);
    L.push(`    this.version = ((await this.ctx.storage.get${ts ? "<number>" : ""}("version")) ?? 0) + 1;`);
    L.push(`    await this.ctx.storage.put("version", this.version);`);
    L.push(`    const row = await load${res.One}(this.env, id);`);
    L.push(`    await audit(this.env, "touch", { id, version: this.version });`);
    L.push(`    this.pending.delete(id);`);
    L.push(`    return json({ row, version: this.version, pending: this.pending.size });`);
    L.push(`  }`);
    L.push("");
    L.push(`  async alarm() {`);
    L.push(`    const rows = await repo(this.env).page(null, LIMITS.list);`);
    L.push(`    await ${vendor}Request(this.env, "/${res.many}/sync", { method: "POST", body: JSON.stringify(rows) });`);
    L.push(`    await this.ctx.storage.setAlarm(Date.now() + ${r.int(10, 120) * 1000});`);
    L.push(`  }`);
    L.push(`}`);
    L.push("");
  }

  // Handlers: the default export.
  L.push("export default {");
  L.push(`  async fetch(request${t("Request")}, env${t("Env")}, ctx${t("ExecutionContext")})${t("Promise<Response>")} {`);
  L.push(`    const origin = request.headers.get("origin");`);
  L.push(`    if (request.method === "OPTIONS") {`);
  L.push(`      const allowed = origin && ALLOWED_ORIGINS.has(origin) ? origin : "";`);
  L.push(`      return new Response(null, { status: 204, headers: { "access-control-allow-origin": allowed } });`);
  L.push(`    }`);
  if (e) {
    L.push(`    {`);
    L.push(`      ${e.inside.replace(/\n {4}/g, "\n      ")}`);
    L.push(`    }`);
  }
  L.push(`    const response = await app.fetch(request, env, ctx);`);
  L.push(`    if (response.status >= 500) ctx.waitUntil(audit(env, "error", { url: request.url, status: response.status }));`);
  L.push(`    return response;`);
  L.push(`  },`);
  L.push("");
  L.push(`  async scheduled(controller${t("ScheduledController")}, env${t("Env")}, ctx${t("ExecutionContext")}) {`);
  L.push(`    lastSweep = Date.now();`);
  L.push(`    const rows = await repo(env).page(null, LIMITS.list);`);
  L.push(`    ctx.waitUntil(env.${kv}.put("${res.many}:count", String(rows.length)));`);
  L.push(`    ctx.waitUntil(audit(env, "sweep", { at: controller.scheduledTime, count: rows.length }));`);
  L.push(`  },`);
  if (withQueue) {
    L.push("");
    L.push(`  async queue(batch${t(`MessageBatch<{ id: string }>`)}, env${t("Env")}) {`);
    L.push(`    for (const message of batch.messages) {`);
    L.push(`      try {`);
    L.push(`        const row = await load${res.One}(env, message.body.id);`);
    L.push(`        if (row) await ${vendor}Request(env, "/${res.many}/events", { method: "POST", body: JSON.stringify(row) });`);
    L.push(`        message.ack();`);
    L.push(`      } catch {`);
    L.push(`        failures++;`);
    L.push(`        message.retry({ delaySeconds: ${r.int(5, 60)} });`);
    L.push(`      }`);
    L.push(`    }`);
    L.push(`  },`);
  }
  L.push(ts ? "} satisfies ExportedHandler<Env>;" : "};");
  const escapes = escape ? [escape] : [];
  if (topLevel) escapes.push("topLevelEnv");
  return { code: L.join("\n") + "\n", escapes };
}

// -----------------------------------------------------------------------------------------------
// The corpus

const KINDS = [
  // [name, weight, template, typescript share]
  ["routes", 22, honoRoutes, 0.85],
  ["worker", 14, moduleWorker, 0.6],
  ["object", 8, durableObject, 0.8],
  ["db", 12, dbHelpers, 0.8],
  ["client", 9, serviceClient, 0.7],
  ["middleware", 7, middleware, 1],
  ["utils", 14, utilities, 0.55],
  ["schemas", 6, schemas, 1],
  ["types", 3, envTypes, 1],
  ["queue", 5, queueConsumer, 0.6],
];

const DENSE_KIND = ["app", 1, denseModule, 0.75];

const ESCAPE_RULE = {
  lazyDb: "no-env-in-global-scope",
  globalPrisma: "no-env-in-global-scope",
  globalThisDirect: "no-env-in-global-scope",
  clientCache: "no-env-in-global-scope",
  lastUser: "no-request-state-in-global-scope",
  envMutation: "no-env-mutation",
  topLevelEnv: "no-top-level-env-derivation",
};

/**
 * The corpus profiles. `default`: the mix of a Workers codebase, light files included (schemas,
 * types, utilities and small helpers, where the plugin has little to do). `dense`: every file is
 * `denseModule`, with handlers, env-derived helpers and module state, which is where the plugin's
 * cost shows; light files hide it.
 */
export const PROFILES = ["default", "dense"];

/**
 * Writes the corpus into `dir` (emptied first). Returns the files with their line counts and the
 * escapes planted, by rule.
 */
export function generateCorpus({ dir, files = 400, seed = 20240611, escapeRate = 0.12, profile = "default" }) {
  if (!PROFILES.includes(profile)) throw new Error(`unknown corpus profile ${profile} (expected ${PROFILES.join(" or ")})`);
  const r = createRandom(seed);
  rmSync(dir, { recursive: true, force: true });
  const out = [];
  const planted = {};
  const used = new Set();
  for (let i = 0; i < files; i++) {
    const kind = profile === "dense" ? DENSE_KIND : r.weighted(KINDS.map((k) => [k, k[1]]));
    const [name, , template, tsShare] = kind;
    const ts = r.chance(tsShare);
    const res = resourceOf(r);
    let escape = null;
    let result;
    if (name === "types") result = envTypes(r);
    else if (name === "schemas") result = schemas(r, res);
    else if (profile === "default" && r.chance(0.02)) result = topLevelEnv(r, res, ts);
    else {
      if (r.chance(escapeRate)) escape = r.pick(ESCAPE_KINDS);
      result = template(r, res, ts, escape);
    }
    for (const e of result.escapes) {
      const rule = ESCAPE_RULE[e];
      planted[rule] = (planted[rule] ?? 0) + 1;
    }
    const folder = name === "app" ? "apps" : name === "routes" ? "routes" : name === "db" ? "db" : name === "utils" || name === "client" || name === "middleware" ? "lib" : name === "schemas" || name === "types" ? "shared" : "workers";
    let base = `${folder}/${name}-${res.many}`;
    let n = 2;
    while (used.has(base)) base = `${folder}/${name}-${res.many}-${n++}`;
    used.add(base);
    const path = `${base}.${ts ? "ts" : "js"}`;
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, result.code);
    out.push({ path, ts, lines: result.code.split("\n").length - 1 });
  }
  return {
    dir,
    files: out,
    lines: out.reduce((s, f) => s + f.lines, 0),
    planted,
  };
}

// -----------------------------------------------------------------------------------------------
// Scaling: one representative TypeScript module, repeated with renamed identifiers

const SCALING_HEADER = `import { Hono } from "hono";
import { DurableObject } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { PrismaClient } from "@prisma/client";
import { items, ApiClient } from "./lib";
import type { Env } from "./env";
`;

/**
 * One copy of the base code; every module-level name carries the suffix `k`, so copies can be
 * concatenated into one valid module. Includes routes, a handler object, a Durable Object, helpers
 * taking `env`, closures, plain caches and the planted escapes.
 */
export function scalingUnit(k) {
  const s = `_${k}`;
  return `
const ItemSchema${s} = z.object({
  name: z.string().min(1).max(120),
  price: z.number().nonnegative(),
  tags: z.array(z.string()).max(10).default([]),
});
type Item${s} = z.infer<typeof ItemSchema${s}>;

const LIMITS${s} = { list: 50, search: 20 } as const;
const labels${s} = new Map<string, string>([["a", "Alpha"], ["b", "Beta"]]);
let hits${s} = 0;
let db${s}: ReturnType<typeof drizzle> | undefined;
const clients${s} = new Map<string, ApiClient>();
let lastUser${s}: string | null = null;
const globalForPrisma${s} = globalThis as unknown as { prisma?: PrismaClient };

export class HttpError${s} extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function getDb${s}(env: Env) {
  db${s} ??= drizzle(env.DB);
  return db${s};
}

function freshDb${s}(env: Env) {
  return drizzle(env.DB);
}

function client${s}(env: Env, region: string) {
  if (!clients${s}.has(region)) clients${s}.set(region, new ApiClient(env.API_KEY));
  return clients${s}.get(region)!;
}

function label${s}(key: string): string {
  hits${s}++;
  return labels${s}.get(key) ?? key.toUpperCase();
}

function withTiming${s}<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  return work().finally(() => console.log(name, Date.now() - started));
}

async function loadItem${s}(env: Env, id: string) {
  const rows = await freshDb${s}(env).select().from(items).where(eq(items.id, id)).limit(1);
  return rows[0] ?? null;
}

async function saveItem${s}(env: Env, input: Item${s}) {
  const row = { id: crypto.randomUUID(), ...input, label: label${s}(input.name.slice(0, 1)) };
  await freshDb${s}(env).insert(items).values(row);
  return row;
}

export const app${s} = new Hono<{ Bindings: Env }>();

app${s}.use("*", async (c, next) => {
  const started = Date.now();
  await next();
  c.header("x-time", String(Date.now() - started));
});

app${s}.get("/items/:id", async (c) => {
  const item = await withTiming${s}("load", () => loadItem${s}(c.env, c.req.param("id")));
  if (!item) throw new HttpError${s}(404, "not found");
  return c.json(item);
});

app${s}.post("/items", async (c) => {
  const parsed = ItemSchema${s}.safeParse(await c.req.json());
  if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
  const rows = await getDb${s}(c.env).select().from(items).limit(LIMITS${s}.list);
  if (rows.length >= LIMITS${s}.list) return c.json({ error: "full" }, 409);
  return c.json(await saveItem${s}(c.env, parsed.data), 201);
});

app${s}.get("/search", async (c) => {
  const q = (c.req.query("q") ?? "").toLowerCase();
  const api = client${s}(c.env, c.req.header("cf-ipcountry") ?? "XX");
  const found = await api.search(q, LIMITS${s}.search);
  return c.json({ found, label: label${s}(q) });
});

export const worker${s} = {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    lastUser${s} = request.headers.get("x-user-id");
    if (!globalForPrisma${s}.prisma) {
      globalForPrisma${s}.prisma = new PrismaClient({ datasourceUrl: env.DATABASE_URL });
    }
    if (url.pathname === "/health") return Response.json({ ok: true, hits: hits${s} });
    ctx.waitUntil(env.CACHE.put("last", url.pathname));
    const handle = (id: string) => loadItem${s}(env, id);
    const item = await handle(url.searchParams.get("id") ?? "");
    return item ? Response.json(item) : new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;

export class Counter${s} extends DurableObject<Env> {
  private count = 0;
  private readonly seen = new Set<string>();

  async fetch(request: Request): Promise<Response> {
    const id = request.headers.get("x-id") ?? "anon";
    this.seen.add(id);
    this.count = (await this.ctx.storage.get<number>("count")) ?? 0;
    this.count++;
    await this.ctx.storage.put("count", this.count);
    await this.report(id);
    return Response.json({ count: this.count, unique: this.seen.size });
  }

  private async report(id: string) {
    const res = await fetch(\`\${this.env.API_BASE}/count\`, {
      method: "POST",
      headers: { authorization: \`Bearer \${this.env.API_KEY}\` },
      body: JSON.stringify({ id, count: this.count }),
    });
    if (!res.ok) throw new HttpError${s}(res.status, await res.text());
  }
}
`;
}

/** The scaling file at `copies`× size: the imports once, then the unit repeated. */
export function scalingFile(copies) {
  let code = SCALING_HEADER;
  for (let k = 0; k < copies; k++) code += scalingUnit(k);
  return code;
}

/**
 * The other way a Workers file grows: more routes calling the same module-level helpers, class and
 * cache (one `getDb`, one `json`, one `Repo`, called from every route; rows memoised in a module
 * `Map`, which makes the engine resolve parameters across the whole file). Renamed copies never
 * share a function, so they cannot show work that grows with the number of call sites of one function.
 */
const SHARED_HEADER = `import { Hono } from "hono";
import { drizzle } from "drizzle-orm/d1";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { items } from "./db/schema";
import type { Env } from "./env";

export const app = new Hono<{ Bindings: Env }>();
const cache = new Map<string, unknown>();
let served = 0;

function getDb(env: Env) {
  return drizzle(env.DB);
}

function json(data: unknown, status = 200): Response {
  return new Response(JSON.stringify(data), { status, headers: { "content-type": "application/json" } });
}

class Repo {
  constructor(private readonly db: ReturnType<typeof getDb>) {}

  async find(id: string) {
    const rows = await this.db.select().from(items).where(eq(items.id, id)).limit(1);
    return rows[0] ?? null;
  }

  async list(limit: number) {
    return this.db.select().from(items).limit(limit);
  }

  async insert(row: Record<string, unknown>) {
    await this.db.insert(items).values(row);
    return row;
  }
}

async function audit(env: Env, action: string, detail: unknown) {
  await env.CACHE.put(\`audit:\${Date.now()}\`, JSON.stringify({ action, detail }));
}
`;

export function sharedUnit(k) {
  const s = `_${k}`;
  const g = `/g${k}`;
  return `
const Input${s} = z.object({
  name: z.string().min(1).max(120),
  price: z.number().nonnegative(),
  tags: z.array(z.string()).max(10).default([]),
});

app.get("${g}/items", async (c) => {
  served++;
  const limit = Math.min(Number(c.req.query("limit") ?? 20), 100);
  const repo = new Repo(getDb(c.env));
  return json({ items: await repo.list(limit), served });
});

app.get("${g}/items/:id", async (c) => {
  const id = c.req.param("id");
  const hit = cache.get(\`${g}:\${id}\`);
  if (hit) return json(hit);
  const row = await new Repo(getDb(c.env)).find(id);
  if (!row) return json({ error: "not found" }, 404);
  cache.set(\`${g}:\${id}\`, row);
  return json(row);
});

app.post("${g}/items", async (c) => {
  const parsed = Input${s}.safeParse(await c.req.json());
  if (!parsed.success) return json({ error: parsed.error.issues.map((i) => i.message) }, 400);
  const repo = new Repo(getDb(c.env));
  const row = await repo.insert({ id: crypto.randomUUID(), ...parsed.data });
  c.executionCtx.waitUntil(audit(c.env, "create", row));
  return json(row, 201);
});

app.patch("${g}/items/:id", async (c) => {
  const repo = new Repo(getDb(c.env));
  const current = await repo.find(c.req.param("id"));
  if (!current) return json({ error: "not found" }, 404);
  const patch = Input${s}.partial().parse(await c.req.json());
  const row = await repo.insert({ ...current, ...patch });
  await audit(c.env, "update", { id: row.id });
  return json(row);
});

app.delete("${g}/items/:id", async (c) => {
  const id = c.req.param("id");
  await getDb(c.env).delete(items).where(eq(items.id, id));
  cache.delete(\`${g}:\${id}\`);
  await audit(c.env, "delete", { id });
  return json(null, 204);
});

app.get("${g}/search", async (c) => {
  const q = (c.req.query("q") ?? "").trim().toLowerCase();
  if (q.length < 2) return json({ error: "query too short" }, 400);
  const rows = await new Repo(getDb(c.env)).list(200);
  return json({ items: rows.filter((r) => JSON.stringify(r).toLowerCase().includes(q)) });
});

app.get("${g}/export", async (c) => {
  const rows = await new Repo(getDb(c.env)).list(1000);
  await audit(c.env, "export", { count: rows.length });
  return new Response(rows.map((r) => JSON.stringify(r)).join("\\n"), { headers: { "content-type": "application/x-ndjson" } });
});

app.post("${g}/items/:id/duplicate", async (c) => {
  const repo = new Repo(getDb(c.env));
  const source = await repo.find(c.req.param("id"));
  if (!source) return json({ error: "not found" }, 404);
  const copy = await repo.insert({ ...source, id: crypto.randomUUID() });
  await audit(c.env, "duplicate", { from: c.req.param("id"), to: copy.id });
  return json(copy, 201);
});

app.get("${g}/stats", async (c) => {
  const rows = await new Repo(getDb(c.env)).list(1000);
  const total = rows.reduce((sum, r) => sum + Number((r as { price?: number }).price ?? 0), 0);
  return json({ count: rows.length, total, served });
});

export const worker${s} = {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    const repo = new Repo(getDb(env));
    if (url.pathname === "${g}/health") return json({ ok: true, served });
    const id = url.searchParams.get("id");
    if (!id) return json({ error: "missing id" }, 400);
    const row = await repo.find(id);
    ctx.waitUntil(audit(env, "read", { id }));
    return row ? json(row) : json({ error: "not found" }, 404);
  },
} satisfies ExportedHandler<Env>;
`;
}

/** The shared-helpers scaling file at `copies`× size. */
export function sharedScalingFile(copies) {
  let code = SHARED_HEADER;
  for (let k = 0; k < copies; k++) code += sharedUnit(k);
  return code;
}

// -----------------------------------------------------------------------------------------------

function main() {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const here = dirname(fileURLToPath(import.meta.url));
  const positional = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
  const dir = resolve(positional[0] ?? join(here, "..", ".tmp", "bench-corpus"));
  const profileAt = args.indexOf("--profile");
  const profile = profileAt >= 0 ? args[profileAt + 1] : "default";
  const corpus = generateCorpus({ dir, files: opt("--files", 400), seed: opt("--seed", 20240611), profile });
  const ts = corpus.files.filter((f) => f.ts).length;
  console.log(`${profile} profile: ${corpus.files.length} files (${ts} TypeScript, ${corpus.files.length - ts} JavaScript), ${corpus.lines} lines in ${dir}`);
  console.log(`planted escapes: ${JSON.stringify(corpus.planted)}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
