/**
 * no-unknown-binding, with RuleTester: each case is linted as `src/index.ts` of a small Worker
 * project written to a temporary folder (the rule reads the Worker's config from disk).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import rule, { closestName, editDistance } from "../../rules/no-unknown-binding";
import { createRuleTester } from "../rule-tester";
import { code } from "./helpers";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function projectWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cfw-unknown-"));
  made.push(dir);
  for (const [path, text] of Object.entries({ "package.json": "{}", ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const worker = projectWith({
  "wrangler.toml": [
    `name = "shop"`,
    `[[r2_buckets]]`,
    `binding = "BUCKET"`,
    `bucket_name = "b"`,
    `[[d1_databases]]`,
    `binding = "DB"`,
    `database_id = "x"`,
    `[durable_objects]`,
    `bindings = [{ name = "CART", class_name = "Cart" }]`,
    `[vars]`,
    `MODE = "production"`,
    `[env.staging.vars]`,
    `STAGING_ONLY = "1"`,
  ].join("\n"),
  ".dev.vars": "STRIPE_KEY=sk_test_1\n",
  "src/index.ts": "",
});
const file = join(worker, "src/index.ts");
// A Worker whose entry is src/index.ts, with an example Worker and a script beside its code.
const listed = projectWith({ "wrangler.toml": `name = "bot"\n# Secrets (set with wrangler secret put):\n# - SLACK_TOKEN\n# - SIGNING_SECRET\n`, "src/index.ts": "" });

const withMain = projectWith({
  "wrangler.toml": `name = "main"\nmain = "src/index.ts"\n[vars]\nMODE = "p"\n`,
  "src/index.ts": "",
  "examples/other-worker.ts": "",
  "onboarding/preferences.ts": "",
  "scripts/seed.ts": "",
});
const openTypes = projectWith({
  "wrangler.toml": `name = "bot"\n[vars]\nBOT_TOKEN = "x"\n`,
  "src/types.ts": `export interface AdminEnv {\n  BOT_TOKEN: string;\n  SESSIONS?: KVNamespace;\n  // more of your own\n  [key: string]: unknown;\n}\n`,
  "src/index.ts": "",
});
const outside = join(projectWith({ "src/index.ts": "" }), "src/index.ts");
const broken = join(projectWith({ "wrangler.json": `{ "name": "x", `, "src/index.ts": "" }), "src/index.ts");

const handler = (body: string) => `export default {\n  async fetch(request: Request, env: Env) {\n    ${body}\n    return new Response("ok");\n  },\n};\n`;

const unknown = (origin: string, line: number, column: number, endColumn?: number) => ({
  messageId: "unknownBinding" as const,
  data: { origin: `\`${origin}\``, worker: "`shop`" },
  line,
  column,
  ...(endColumn ? { endColumn } : {}),
});
const suggest = (origin: string, suggestion: string, line: number, column: number) => ({
  messageId: "unknownBindingSuggest" as const,
  data: { origin: `\`${origin}\``, worker: "`shop`", suggestion },
  line,
  column,
});

createRuleTester().run("no-unknown-binding", rule, {
  valid: [
    // why: names of every binding section, of another environment, and of .dev.vars
    { filename: file, code: handler(`await env.BUCKET.put("k", "v"); await env.DB.prepare("q").run(); env.CART.idFromName("a"); env.MODE; env.STAGING_ONLY; env.STRIPE_KEY;`) },
    // why: a fallback or a test says the code expects the binding may be missing
    { filename: file, code: handler(`const a = env.OPTIONAL ?? "d"; const b = env.OTHER || "d"; env.MAYBE?.send(1); if (env.FLAG) {} if (!env.NOT) {} typeof env.T; env.U === undefined; env.W && env.W.x();`) },
    // why: a flag on by default, compared to its "off" spelling (\`env.MODERATION !== "false"\`), is on when the var is absent
    { filename: file, code: handler(`const moderate = env.MODERATION !== "false"; const index = env.ALLOW_INDEXING != "0"; return new Response(String([moderate, index]));`) },
    // why: a name read as the fallback of another binding of the same env (\`env.DB || env.LEGACY_DB\`) is one the code takes either of
    { filename: file, code: handler(`const db = env.DB || env.LEGACY_DB; const b = env.BUCKET ?? env.OLD_BUCKET; await db.prepare("q").run(); await b.put("k", "v");`) },
    // why: `"X" in env` (or Object.hasOwn) anywhere in the file covers every read of X in it
    { filename: file, code: handler(`if (!("ANALYTICS" in env)) return new Response("");\n    env.ANALYTICS.writeDataPoint({});\n    if (Object.hasOwn(env, "SENTRY")) env.SENTRY.x();`) },
    // why: a number parsed from it with a fallback tests it as well (\`parseInt(undefined)\` is \`NaN\`)
    { filename: file, code: handler(`const limit = parseInt(env.RATE_LIMIT) || 60;\n    const ttl = Number(env.CACHE_TTL ?? "") || 300;\n    const f = parseFloat(env.RATIO!) ?? 1;`) },
    // why: a default in destructuring, and a copy that is then tested
    { filename: file, code: handler(`const { LIMIT = "10" } = env;\n    const token = env.ADMIN_TOKEN;\n    if (!token) return new Response("off");`) },
    // why: handed to a function of the file that tests its parameter for absence, or gives it a default, the read is tested there
    {
      filename: file,
      code: `function gate(tokens?: string) {\n  return (t: string) => !tokens || tokens.split(",").includes(t);\n}\nfunction sample(rate = "1") { return Number(rate); }\n${handler("gate(env.WRITE_TOKENS); sample(env.SAMPLE_RATE);")}`,
    },
    // why: a computed key names no binding the rule can know; a cast says what the author expects
    { filename: file, code: handler(`const name = request.url; env[name]; (env as { LOCAL_DEV?: string }).LOCAL_DEV;`) },
    // why: an RPC procedure's \`ctx.env\` is env by the app's convention only: it may be an object of the app's own
    { filename: file, code: `import { publicProcedure } from "./trpc";\nexport const list = publicProcedure.query(({ ctx }) => ctx.env.kvDao.list());\n` },
    // why: so does a cast kept in a local, to another type than env's
    { filename: file, code: handler(`const record = env as unknown as Record<string, unknown>; record.TEST_MODE;\n    const loose = <any>env; loose.OTHER_FLAG;`) },
    // why: a list of envs read at declared names only, and a list of data beside env
    { filename: file, code: handler(`for (const e of [env]) e.DB.prepare("q");\n    for (const item of [env.MODE, "x"]) item.TRIMMED;\n    const [first] = [env.MODE]; first.LENGTH;`) },
    // why: a loop's key over env is a name, and an element of a list of data holds no env
    { filename: file, code: handler(`for (const key in env) key.length;\n    for (const part of request.url.split("/")) part.length;`) },
    // why: a Worker of its own beside the config's code (an example with its own handlers) is another Worker, not described by this config
    { filename: join(withMain, "examples/other-worker.ts"), code: handler(`env.OTHER_ONLY;`) },
    // why: so is a Pages Function beside it, which the config's Worker does not serve
    { filename: join(withMain, "onboarding/preferences.ts"), code: `export async function onRequestPost({ env }: { env: Env }) {\n  await env.PREFS_KV.put("k", "v");\n  return new Response("saved");\n}\n` },
    // why: a name the code itself puts on env exists from then on (no-env-mutation reports the write)
    { filename: file, code: handler(`env.user = "u"; env.user.length;`) },
    // why: so does one written through a cast, or by Object.assign in a helper of the file
    { filename: file, code: handler(`(env as any).tenant = "t"; env.tenant.length;`) },
    // why: a target of a destructuring assignment is written, not read
    { filename: file, code: handler(`[env.user] = ["u"]; ({ tenant: env.tenant, zone: env.zone = "eu" } = { tenant: "t" }); [, ...env.rest] = [1]; env.user.length;`) },
    {
      filename: file,
      code: `function setup(env: Env, region: string) { Object.assign(env, { region, "x-zone": 1 }); }\n${handler(`setup(env, "eu"); env.region.length; env["x-zone"];`)}`,
    },
    // why: process.env is read by bundlers and Node scripts too; members every object has are not bindings
    { filename: file, code: handler(`process.env.NODE_ENV; env.hasOwnProperty("x"); env.toString();`) },
    // why: a parameter taken for env by its name alone may be a Node script's environment
    { filename: file, code: `export function provision(args: string[], env) {\n  return env.CLOUDFLARE_ACCOUNT_ID;\n}\n` },
    // why: helpers the file calls only with data (a string, an object it builds, an array's items) read no binding
    {
      filename: file,
      code: handler(`const label = (s: string) => s.TRIMMED;\n    const size = (o) => o.WIDTH;\n    [1, 2].map((n) => n.DOUBLE);\n    label("x"); size({ WIDTH: 2 });`),
    },
    // why: an env typed as open (a record of strings, an index signature, the same in JSDoc, an
    // alias of one) says any name may be there: no name is undeclared
    { filename: file, code: `export default {\n  async fetch(request: Request, env: Record<string, string>) {\n    return new Response(env.SERVICE_TOKEN);\n  },\n};\n` },
    { filename: file, code: `export default {\n  async fetch(request: Request, env: { [name: string]: unknown }) {\n    return new Response(String(env.SERVICE_TOKEN));\n  },\n};\n` },
    { filename: file, code: `export default {\n  /** @param {Request} req\n   * @param {Record<string, any>} env */\n  async fetch(req, env) {\n    return new Response(env.SERVICE_TOKEN);\n  },\n};\n` },
    { filename: file, code: `type Env = Record<string, string>;\nexport default {\n  async fetch(request: Request, env: Env) {\n    return new Response(env.SERVICE_TOKEN);\n  },\n};\n` },
    // why: an env type the settings name (\`envTypeNames\`) declared open is open too
    {
      filename: file,
      code: `type WorkerEnv = Record<string, string>;\nexport default {\n  async fetch(request: Request, env: WorkerEnv) {\n    return new Response(env.SERVICE_TOKEN);\n  },\n};\n`,
      settings: { "cloudflare-workers": { envTypeNames: ["WorkerEnv"] } },
    },
    // why: `allow` lists names made outside the config
    { filename: file, code: handler(`env.DASHBOARD_SECRET;`), options: [{ allow: ["DASHBOARD_SECRET"] }] },
    // why: a hand-written Env type in the file declares a dashboard secret
    { filename: file, code: `interface Env { WEBHOOK_SECRET: string }\n${handler(`env.WEBHOOK_SECRET;`)}` },
    // why: a wrapper's helper added to env by intersection, in an alias and in Hono's generic
    {
      filename: file,
      code: `import { Hono } from "hono";\ntype Bindings = Env & { OAUTH_PROVIDER: { parse(): void } };\nconst app = new Hono<{ Bindings: Bindings }>();\napp.get("/", (c) => { c.env.OAUTH_PROVIDER.parse(); return c.text("x"); });\nexport default app;`,
    },
    {
      filename: file,
      code: `import { Hono } from "hono";\nconst app = new Hono<{ Bindings: Env & { OAUTH_PROVIDER: { parse(): void } } }>();\napp.get("/", (c) => { c.env.OAUTH_PROVIDER.parse(); return c.text("x"); });\nexport default app;`,
    },
    // why: intersected with a named interface of the helpers, in Hono's generic and in a helper's own context type
    {
      filename: file,
      code: `import { Hono, type Context } from "hono";\ninterface ProviderEnv { OAUTH_PROVIDER: { parse(): void } }\ninterface LoginEnv { HOSTED_DOMAIN: string }\nconst app = new Hono<{ Bindings: Env & ProviderEnv & LoginEnv }>();\napp.get("/", (c) => { c.env.OAUTH_PROVIDER.parse(); return c.text(c.env.HOSTED_DOMAIN); });\nexport const domain = (c: Context) => c.env.HOSTED_DOMAIN;\nexport default app;`,
    },
    // why: Hono's adapter typed with the env the code expects declares those names, named or as a literal
    {
      filename: file,
      code: `import { Hono } from "hono";\nimport { env } from "hono/adapter";\ntype TicketEnv = { TICKETS_APP_ID: string };\nconst app = new Hono();\napp.get("/", (c) => c.text(env<TicketEnv>(c).TICKETS_APP_ID + env<{ WEBHOOK_URL: string }>(c).WEBHOOK_URL));\nexport default app;\n`,
    },
    // why: Pages binds its static assets as \`ASSETS\` for every Pages Function
    { filename: file, code: `export async function onRequest(context) {\n  return context.env.ASSETS.fetch(context.request);\n}\n` },
    // why: a class whose constructor's first parameter is typed as something else, with a protected
    // \`fetch(path)\` helper, is no Durable Object: its second parameter is no env
    {
      filename: file,
      code: `interface Span { from: string; to: string }\nexport abstract class Crawler {\n  since: Date;\n  constructor(site: { id: string }, span: Span) {\n    this.since = new Date(span.from + span.to);\n  }\n  protected async fetch(path: string) {\n    return (await fetch(path)).text();\n  }\n}\n`,
    },
    // why: an env type alias left open, alone or intersected with the names it declares, says any
    // name may be there
    { filename: file, code: `type Env = { [name: string]: string };\n${handler(`env.PAGE_LIMIT;`)}` },
    {
      filename: file,
      code: `interface Known { MODE?: string }\ntype WorkerEnv = Known & { [name: string]: unknown };\nexport default {\n  async fetch(request: Request, env: WorkerEnv) {\n    return new Response(String(env.BACKOFF_MS) + env.MODE);\n  },\n};\n`,
    },
    // why: so is one that lists names and also has an index signature, in the file or in the module it is imported from
    { filename: file, code: `interface Env {\n  MODE: string;\n  [key: string]: unknown;\n}\n${handler(`env.PAGE_LIMIT;`)}` },
    { filename: file, code: `type Env = { MODE: string; readonly [key: string]: string | undefined };\n${handler(`env.PAGE_LIMIT;`)}` },
    { filename: join(openTypes, "src/index.ts"), code: `import type { AdminEnv } from "./types";\nexport default {\n  async fetch(request: Request, env: AdminEnv) {\n    return new Response(String(env.BOT_ADMIN_IDS));\n  },\n};\n` },
    // why: no config above the file, or text without a file name: nothing is known
    { filename: outside, code: handler(`env.ANYTHING;`) },
    { code: handler(`env.ANYTHING;`) },
    // why: a default in a destructured parameter is a test for absence
    { filename: file, code: `export default {\n  async fetch(request: Request, { BUCKET, LIMIT = "10" }: Env) {\n    return new Response(String(BUCKET) + LIMIT);\n  },\n};\n` },
  ],
  invalid: [
    {
      // why: a method of an object literal called as \`this.getConfig(request, env)\` from the handler's method gets that env, as a
      // function of the file called by name does: its reads are the Worker's
      filename: file,
      code: `const api = {\n  async handle(request, env) {\n    const first = await env.FIRST_DB.prepare("SELECT 1").all();\n    return this.getConfig(request, env, first);\n  },\n  async getConfig(request, env, first) {\n    return [first, await env.NAV_DBC.prepare("SELECT 1").all()];\n  },\n};\nexport default { async fetch(request, env) { return api.handle(request, env); } };\n`,
      errors: [unknown("env.FIRST_DB", 3, 25), unknown("env.NAV_DBC", 7, 26)],
    },
    {
      // why: so does one the handler's method only hands env on to (the caller found after the name: env, not a name alone)
      filename: file,
      code: `const api = {\n  async handle(request, env) {\n    return this.getConfig(request, env);\n  },\n  async getConfig(request, env) {\n    return env.NAV_DBC.prepare("SELECT 1").all();\n  },\n};\nexport default { async fetch(request, env) { return api.handle(request, env); } };\n`,
      errors: [unknown("env.NAV_DBC", 6, 12)],
    },
    {
      // why: compared to any other text (\`env.ENVIRONEMNT === "production"\`), an absent var silently takes the other branch
      filename: file,
      code: handler(`return new Response(String(env.ENVIRONEMNT === "production"));`),
      errors: [unknown("env.ENVIRONEMNT", 3, 32)],
    },
    {
      // why: each name of a constant list run through a test for absence (\`required.filter((key) => !env[key])\`, a \`for…of\`) is tested;
      // a name the list does not hold, or a list tested for nothing, is not
      filename: file,
      code: handler(
        `const required = ["BOT_TOKEN", "CHAT_ID"];\n    const missing = required.filter((key) => !env[key]);\n    for (const k of ["HOOK_SECRET"]) if (env[k] === undefined) throw new Error(k);\n    const listed = ["OTHER_KEY"].map((k) => env[k]);\n    return new Response(String([env.BOT_TOKEN, env.CHAT_ID, env.HOOK_SECRET, env.OTHER_KEY, env.UNLISTED, missing, listed]));`,
      ),
      errors: [unknown("env.OTHER_KEY", 7, 78), unknown("env.UNLISTED", 7, 93)],
    },
    {
      // why: handed to a function of the file that uses its parameter untested, the read is not tested anywhere
      filename: file,
      code: `function gate(tokens: string) {\n  return (t: string) => tokens.split(",").includes(t);\n}\n${handler("gate(env.WRITE_TOKENS);")}`,
      errors: [unknown("env.WRITE_TOKENS", 6, 10)],
    },
    {
      // why: Qwik City's getter reads the Worker's vars by name (\`requestEvent.env.get("KEY")\`): a name
      // the config does not declare is \`undefined\`; one with a fallback is tested for absence
      filename: file,
      code: `import { routeLoader$ } from "@builder.io/qwik-city";\nexport const useThing = routeLoader$(async (requestEvent) => {\n  return [requestEvent.env.get("LOADER_SECRET"), requestEvent.env.get("MODE"), requestEvent.env.get("LABEL") ?? "x"];\n});\n`,
      errors: [{ ...unknown('requestEvent.env.get("LOADER_SECRET")', 3, 11), data: { origin: '`requestEvent.env.get("LOADER_SECRET")`', worker: "`shop`" } }],
    },
    {
      // why: so does a helper typed with Qwik City's \`RequestEventCommon\`, through the getter and \`platform.env\`
      filename: file,
      code: `import type { RequestEventCommon } from "@builder.io/qwik-city";\nexport function auth(event: RequestEventCommon) {\n  return [event.env.get("HELPER_SECRET"), event.platform.env.HELPER_PLATFORM, event.env.get("MODE")];\n}\n`,
      errors: [unknown('event.env.get("HELPER_SECRET")', 3, 11), unknown("event.platform.env.HELPER_PLATFORM", 3, 43)],
    },
    {
      // why: a local of env cast to the env type itself still reads from it what the config must declare
      filename: file,
      code: handler(`const typed = env as Env; typed.NOWHERE;`),
      errors: [unknown("env.NOWHERE", 3, 31)],
    },
    {
      // why: a module Worker gets no \`ASSETS\` it does not declare
      filename: file,
      code: handler(`await env.ASSETS.fetch(request);`),
      errors: [unknown("env.ASSETS", 3, 11)],
    },
    {
      // why: a handler's env parameter, or a context's env, destructured where it is declared reads those names
      filename: file,
      code: `export default {\n  async fetch(request: Request, { BUKET }: Env) {\n    return new Response(String(BUKET));\n  },\n};\nexport const onRequest = async ({ env: { SESSION_TTL } }: any) => new Response(String(SESSION_TTL));\n`,
      errors: [suggest("env.BUKET", "BUCKET", 2, 35), unknown("env.SESSION_TTL", 6, 42)],
    },
    // why: the config's own entry, and a script beside it that reads the config's bindings (no handlers of its own), are this Worker's
    { filename: join(withMain, "src/index.ts"), code: handler(`env.NOT_DECLARED;`), errors: [{ messageId: "unknownBinding", data: { origin: "`env.NOT_DECLARED`", worker: "`main`" } }] },
    { filename: join(withMain, "scripts/seed.ts"), code: `export async function seed(env: Env) { return env.SEED_ONLY; }\n`, errors: [{ messageId: "unknownBinding", data: { origin: "`env.SEED_ONLY`", worker: "`main`" } }] },
    // why: one report per name on a line (the same fix), one for each line it is read on
    {
      filename: file,
      code: handler(`const stub = env.CARTS.get(env.CARTS.idFromName("a"));\n    await env.CARTS.get(env.CARTS.newUniqueId()).fetch(request);`),
      errors: [suggest("env.CARTS", "CART", 3, 18), suggest("env.CARTS", "CART", 4, 11)],
    },
    // why: read after \`&&\`, or behind another object's member, a name is no fallback of a binding
    { filename: file, code: handler(`const x = env.DB && env.NOT_THERE;\n    const y = request.cf || env.NOR_THIS;`), errors: [unknown("env.NOT_THERE", 3, 25), unknown("env.NOR_THIS", 4, 29)] },
    // why: the secrets a config's comments list for \`wrangler secret put\` are set outside the file; a name it lists nowhere is not
    {
      filename: join(listed, "src/index.ts"),
      code: handler(`await fetch("https://slack.com", { headers: { a: env.SLACK_TOKEN, b: env.SIGNING_SECRET, c: env.NOT_SET } });`),
      errors: [{ messageId: "unknownBinding", data: { origin: "`env.NOT_SET`", worker: "`bot`" } }],
    },
    // why: a typo: the closest declared name is suggested; the range is the read
    { filename: file, code: handler(`await env.BUKET.put("k", "v");`), errors: [{ ...suggest("env.BUKET", "BUCKET", 3, 11), endColumn: 20 }] },
    // why: nothing close: no suggestion
    { filename: file, code: handler(`await env.QUEUE.send({});`), errors: [unknown("env.QUEUE", 3, 11, 20)] },
    // why: a string key is a read of that name; destructuring reports the key
    { filename: file, code: handler(`env["PAYMENTS"];\n    const { MODEL, DB } = env;`), errors: [unknown('env["PAYMENTS"]', 3, 5), suggest("env.MODEL", "MODE", 4, 13)] },
    // why: `this.env` of a Durable Object
    {
      filename: file,
      code: code`
        import { DurableObject } from "cloudflare:workers";
        export class Cart extends DurableObject<Env> {
          async fetch() {
            return new Response(await this.env.CARTS.get("x"));
          }
        }
      `,
      errors: [suggest("this.env.CARTS", "CART", 4, 31)],
    },
    // why: a loop over a list of envs or contexts reads each element's bindings, also when it takes them apart in its head
    {
      filename: file,
      code: handler(`for (const e of [env]) e.BUKET.put("k", "v");\n    const list = [env, env];\n    for (const e of list) e.QUEUE;\n    for (const { MODEL, DB } of [env]) MODEL;`),
      errors: [suggest("env.BUKET", "BUCKET", 3, 28), unknown("env.QUEUE", 5, 27), suggest("env.MODEL", "MODE", 6, 18)],
    },
    {
      filename: file,
      code: `import { Hono } from "hono";\nconst app = new Hono<{ Bindings: Env }>();\napp.get("/", (c) => { for (const x of [c]) x.env.NOPE; return c.text("x"); });\nexport default app;\n`,
      errors: [unknown("c.env.NOPE", 3, 44)],
    },
    // why: a Durable Object's `this.env` copied to a local, or destructured
    {
      filename: file,
      code: code`
        import { DurableObject } from "cloudflare:workers";
        export class Cart extends DurableObject<Env> {
          async fetch() {
            const bindings = this.env;
            const { BUKET } = this.env;
            return new Response(await bindings.CARTS.get("x") + BUKET);
          }
        }
      `,
      errors: [suggest("this.env.BUKET", "BUCKET", 5, 13), suggest("this.env.CARTS", "CART", 6, 31)],
    },
    // why: a plain class keeps env in a field (set from a handler's env, or a parameter property)
    // and reads bindings off it; a field of data and a field written from itself read none
    {
      filename: file,
      code: code`
        class Store {
          cache = null;
          constructor(private readonly bindings: Env) { this.cache = this.cache ?? { MISSED: 1 }; }
          read() { return this.bindings.STOER + this.cache.MISSED; }
        }
        class Holder {
          constructor(env) { this.env = env; }
          get() { return this.env.QUOTA; }
        }
        export default { async fetch(request, env) { return new Response(new Store(env).read() + new Holder(env).get()); } };
      `,
      errors: [unknown("this.bindings.STOER", 4, 19), unknown("this.env.QUOTA", 8, 18)],
    },
    // why: Hono's `c.env`, and the imported `env` of cloudflare:workers
    {
      filename: file,
      code: code`
        import { Hono } from "hono";
        import { env } from "cloudflare:workers";
        const app = new Hono<{ Bindings: Env }>();
        app.get("/", (c) => c.text(c.env.SECRET_KEY + env.DATABSE));
        export default app;
      `,
      errors: [unknown("c.env.SECRET_KEY", 4, 28), unknown("env.DATABSE", 4, 47)],
    },
    // why: Pages Functions' `context.env`
    {
      filename: file,
      code: `export async function onRequest(context) {\n  return new Response(await context.env.KV.get("x"));\n}\n`,
      errors: [unknown("context.env.KV", 2, 29)],
    },
    // why: a helper of the file reads what its callers hand it: env through an alias, a default, and a chain of two calls
    {
      filename: file,
      code: code`
        import { env as live } from "cloudflare:workers";
        function region(bindings) { return bindings.REGOIN; }
        function pick(e = live) { return e.FLAGS; }
        function outer(x) { return inner(x); }
        function inner(y) { return y.QUOTA; }
        export default {
          async fetch(request, env) {
            const e = env;
            return new Response(region(e) + pick() + outer(env));
          },
        };
      `,
      errors: [unknown("env.REGOIN", 2, 36), unknown("env.FLAGS", 3, 34), unknown("env.QUOTA", 5, 28)],
    },
    // why: env returned by a helper of the file and handed on is read; a parameter fed only data stays silent
    {
      filename: file,
      code: code`
        function same(v) { return v; }
        function zone(b) { return b.ZONEE; }
        function label(o) { return o.TITLE; }
        export default {
          async fetch(request, env) {
            return new Response(zone(same(env)) + label({ TITLE: "x" }));
          },
        };
      `,
      errors: [unknown("env.ZONEE", 2, 27)],
    },
    // why: env comes back from a helper of the file into a variable, or from a promise's callback;
    // a callback handed to an unrelated call gets nothing of env and stays silent
    {
      filename: file,
      code: code`
        import { getCloudflareContext } from "@opennextjs/cloudflare";
        function same(v) { return v; }
        export default {
          async fetch(request, env) {
            const e = same(env);
            queueMicrotask(() => e.ZONEE);
            setTimeout((x) => x.NOPE, 1);
            getCloudflareContext({ async: true }).then((ctx) => ctx.env.REGOIN);
            return new Response(e.ZONEE);
          },
        };
      `,
      errors: [unknown("env.ZONEE", 6, 26), unknown("getCloudflareContext().env.REGOIN", 8, 57), unknown("env.ZONEE", 9, 25)],
    },
    // why: a variable written after its declaration holds what its writes put there: env through
    // `=` or `??=` is followed, an object literal or a count is not
    {
      filename: file,
      code: code`
        export default {
          async fetch(request, env) {
            let e = null;
            if (request.method === "POST") e = env;
            let f;
            f ??= env;
            let g = {};
            g = { ZONEE: 1 };
            let n = 0;
            n += 1;
            return new Response(e.ZONEE + f.REGOIN + g.ZONEE + n);
          },
        };
      `,
      errors: [unknown("env.ZONEE", 11, 25), unknown("env.REGOIN", 11, 35)],
    },
    // why: a config that does not parse is said once, and the file is linted without it
    {
      filename: broken,
      code: handler(`env.ANYTHING;`),
      errors: [{ messageId: "invalidWorkerConfig" as never, line: 1, column: 1 }],
    },
  ],
});

describe("edit distance and suggestions", () => {
  it("measures edits case-insensitively, stopping past the limit", () => {
    expect(editDistance("BUKET", "BUCKET", 2)).toBe(1);
    expect(editDistance("bucket", "BUCKET", 2)).toBe(0);
    expect(editDistance("KV", "DB", 1)).toBe(2);
    expect(editDistance("A", "ABCDEFG", 2)).toBe(3);
  });

  it("suggests only a close name, the closest first", () => {
    expect(closestName("BUKET", ["DB", "BUCKET", "BUCKETS"])).toBe("BUCKET");
    expect(closestName("STRIPE_KY", ["STRIPE_KEY", "STRIPE_KEYS"])).toBe("STRIPE_KEY");
    // why: a different word of the same length is not a typo
    expect(closestName("QUEUE", ["DB", "BUCKET", "CART"])).toBeNull();
    expect(closestName("KV", ["DB"])).toBeNull();
    // why: the same word with another ending, when one declared name alone starts that way
    expect(closestName("VECTORS", ["AI", "VECTORIZE"])).toBe("VECTORIZE");
    expect(closestName("DATABASE", ["DATABASE_URL", "DB"])).toBe("DATABASE_URL");
    expect(closestName("SESSION", ["SESSION_KV", "SESSION_DO"])).toBeNull();
    expect(closestName("API_V2", ["API_V1_KEY"])).toBeNull();
    // why: a read that adds a word to a declared name is another name (a secret beside its service)
    expect(closestName("FLAGGLY_API_KEY", ["FLAGGLY", "DB"])).toBeNull();
  });
});
