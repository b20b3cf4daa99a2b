/**
 * Where Workers code receives `env` and request state: handler positions, classes, framework
 * callbacks and accessor calls. Knowledge only: the entry points and the trace ask these tables, so
 * a new framework or library is one entry here (and a test).
 */
import { isPlainDataType } from "./ast";
import { BINDING_NAMED_STEP, type Container, type Node } from "./values";

/** Methods of a module worker's default export that receive `(event, env, ctx)`. */
export const HANDLER_NAMES = new Set([
  "fetch",
  "scheduled",
  "queue",
  "email",
  "tail",
  "trace",
  "tailStream",
  "test",
  "connect",
]);

/**
 * Handler names that are common method names as well (`connect(url)` of a database helper,
 * `test(x)`): on an object with no other handler, a method named so is a handler only with the
 * handler's second parameter (`connect(socket, env)`).
 */
export const COMMON_HANDLER_NAMES: ReadonlySet<string> = new Set(["connect", "test"]);

/** What one invocation of each handler is called in messages (its first parameter's state belongs to it). */
export const HANDLER_EVENTS: ReadonlyMap<string, string> = new Map([
  ["fetch", "request"],
  ["scheduled", "scheduled event"],
  ["queue", "queue batch"],
  ["email", "email"],
  ["tail", "tail event"],
  ["trace", "tail event"],
  ["tailStream", "tail event"],
  ["test", "test run"],
  ["connect", "connection"],
]);

/**
 * Members of a handler's event that are the Worker's own config, the same for every invocation, or
 * a time: a Cron Trigger's pattern (`controller.cron`), the event's type, the queue's name
 * (`batch.queue`), when a Workflow instance was made (`event.timestamp`). No one's data.
 */
export const EVENT_CONFIG_MEMBERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["scheduled event", new Set(["cron", "type"])],
  ["queue batch", new Set(["queue"])],
  ["workflow run", new Set(["timestamp"])],
]);

/** Globals whose members hold the current env: Nitro's Cloudflare preset sets `globalThis.__env__`. */
export const GLOBAL_ENV_MEMBERS: ReadonlySet<string> = new Set(["__env__"]);

/** Base classes whose instances receive `env` as `this.env` and the constructor's second argument. */
export const WORKERS_BASES = new Set([
  "DurableObject",
  "WorkerEntrypoint",
  "WorkflowEntrypoint",
  "Agent",
  "AIChatAgent",
  "McpAgent",
  "Actor",
  "Server",
  // Yjs over a Durable Object: partyserver's `Server` (y-partyserver), and y-durableobjects'.
  "YServer",
  "YDurableObjects",
]);

/** Workers bases whose `this.ctx` is a request's context; every other one is a Durable Object's state. */
export const ENTRYPOINT_BASES: ReadonlySet<string> = new Set(["WorkerEntrypoint", "WorkflowEntrypoint"]);

/** How messages name what a Durable Object's own state (`this.ctx`, its storage) belongs to. */
export const DURABLE_OBJECT_EVENT = "Durable Object";

/** Packages whose classes named in {@link WORKERS_BASES} are the Workers ones: exact names and prefixes. */
const WORKERS_BASE_PACKAGES = new Set(["cloudflare:workers", "agents", "partyserver", "y-partyserver", "y-durableobjects"]);
const WORKERS_BASE_PREFIXES = ["agents/", "@cloudflare/"];

export function isWorkersBasePackage(source: string): boolean {
  return WORKERS_BASE_PACKAGES.has(source) || WORKERS_BASE_PREFIXES.some((prefix) => source.startsWith(prefix));
}

/**
 * A Durable Object of the older style (no base class) is recognised by its shape: a state-like
 * first constructor parameter, or one of the handler methods below.
 */
export const LEGACY_DO_STATE_PARAMS: ReadonlySet<string> = new Set(["state", "ctx", "durableObjectState", "controller", "storage"]);
export const LEGACY_DO_STATE_TYPE = "DurableObjectState";
export const LEGACY_DO_HANDLERS: ReadonlySet<string> = new Set(["fetch", "alarm", "webSocketMessage", "webSocketClose", "webSocketError"]);

/** The type of a Secrets Store binding: what its `get()` gives is a secret, not data read through a binding. */
export const SECRETS_STORE_TYPE = "SecretsStoreSecret";

/** Members of a Workers class instance: `this.env`, and the request-bound `this.ctx` / `this.state`. */
export const WORKERS_INSTANCE_ENV = "env";
export const WORKERS_INSTANCE_IO: ReadonlySet<string> = new Set(["ctx", "state"]);
/** Workers bases whose `this.state` is the object's own data (an agent's synced state), not a `DurableObjectState`. */
export const STATE_DATA_BASES: ReadonlySet<string> = new Set(["Agent", "AIChatAgent", "McpAgent"]);

/**
 * Member chains that only framework contexts have, ending in `.env`: `x.cloudflare.env`,
 * `x.platform.env`, `x.locals.runtime.env`. Read on a parameter or a call result, they are env.
 */
export const STRUCTURAL_ENV_HOLDERS: readonly (readonly string[])[] = [["cloudflare"], ["platform"], ["locals", "runtime"]];

/** Imports whose value is the live env object itself (read on use, never a snapshot). */
export const LIVE_ENV_IMPORTS: readonly { source: string; imported: string; label: string; processEnv?: boolean }[] = [
  { source: "cloudflare:workers", imported: "env", label: "env" },
  // SvelteKit's, which adapter-cloudflare fills from the Worker's env as requests come in.
  { source: "$env/dynamic/private", imported: "env", label: "env" },
  { source: "$env/dynamic/public", imported: "env", label: "env" },
  { source: "node:process", imported: "env", label: "process.env", processEnv: true },
  { source: "process", imported: "env", label: "process.env", processEnv: true },
];

/**
 * Imports whose value is the running request's own context, read on use: RedwoodSDK's
 * `requestInfo` (`requestInfo.request`, `requestInfo.ctx`). Its members are that request's state.
 */
export const LIVE_REQUEST_IMPORTS: readonly { source: string; imported: string }[] = [{ source: "rwsdk/worker", imported: "requestInfo" }];

/** Whether an import is one of {@link LIVE_REQUEST_IMPORTS}. */
export function isLiveRequest(info: { source: string; imported: string } | null | undefined): boolean {
  return !!info && LIVE_REQUEST_IMPORTS.some((l) => l.source === info.source && l.imported === info.imported);
}

/** Namespace imports whose `env` member is the live env: `import * as cf from "cloudflare:workers"`. */
export const ENV_NAMESPACES: ReadonlySet<string> = new Set(["cloudflare:workers"]);

/** Globals a framework provides without an import, and the paths from them to env. */
export const GLOBAL_CONTEXTS: ReadonlyMap<string, Container> = new Map([
  ["Astro", { envPaths: [["locals", "runtime", "env"]], request: true, label: "Astro" }],
]);

/** Global constructors whose instances are I/O objects of the request that made them. */
export const IO_CONSTRUCTORS: ReadonlySet<string> = new Set([
  "WebSocketPair",
  "WebSocket",
  "Response",
  "TransformStream",
  "ReadableStream",
  "WritableStream",
  "EventSource",
]);

/** Test runners: what a test makes with those constructors (a canned `Response` for a mocked `fetch`) belongs to no request. */
export const TEST_PACKAGES: ReadonlySet<string> = new Set(["vitest", "@jest/globals", "bun:test", "node:test", "cloudflare:test", "mocha", "ava", "uvu", "@playwright/test", "playwright/test"]);

/**
 * Adapters of runtimes other than workerd, imported only by code that runs there: Bun's (`bun`,
 * `bun:sqlite`, `hono/bun`), Node's servers (`@hono/node-server`, `@hono/node-ws`), Deno's (`hono/deno`).
 */
export const OTHER_RUNTIME_PATTERN = String.raw`bun|bun:[\w/-]+|hono/bun|hono/deno|@hono/node-ws|@hono/node-server(?:/[\w/-]+)?`;
export const OTHER_RUNTIME_IMPORT = new RegExp(`^(?:${OTHER_RUNTIME_PATTERN})$`);
/** Node's web frameworks, whose request types (Express's `Request`, `FastifyRequest`) are a Node process's, not the Fetch API's. */
export const NODE_SERVER_IMPORT = /^(?:express|fastify|koa|@koa\/router|@fastify\/[\w-]+)$/;
/** A server of Node or Bun by its module's text: its package imported or required, or `Bun.serve(…)`. */
const SERVER_PACKAGES = String.raw`express|fastify|koa|@hono\/node-server|(?:node:)?https?|bun`;
const NODE_SERVER = new RegExp(String.raw`(?:\bfrom\s*|\brequire\s*\(\s*)["'](?:${SERVER_PACKAGES})["']|\bBun\s*\.\s*serve\s*\(`);
const LISTENS = /\.listen\s*\(|\bserve\s*\(/;

/** Whether a module starts a Node or Bun server (`express()` … `app.listen(3000)`, `Bun.serve(…)`): its handlers get that server's requests, no Worker's. */
export function isNodeServerModule(text: string): boolean {
  // (The call first: the package's pattern starts at every `from` of the text.)
  return (text.includes("listen") || text.includes("serve")) && LISTENS.test(text) && NODE_SERVER.test(text);
}

/** One of {@link SERVER_PACKAGES}, as a module specifier. */
const NODE_SERVER_PACKAGE = new RegExp(`^(?:${SERVER_PACKAGES})$`);

/**
 * {@link isNodeServerModule} of a parsed module, by its calls and import sources (no scan of the
 * text): a `listen(…)` or `serve(…)` call, and the package imported or required, or `Bun.serve(…)`.
 */
export function startsNodeServer(calls: readonly { node: Node }[], importsFrom: ReadonlySet<string>): boolean {
  let listens = false;
  let server = [...importsFrom].some((s) => NODE_SERVER_PACKAGE.test(s));
  for (const { node } of calls) {
    if (node.type !== "CallExpression") continue;
    const callee = node.callee;
    const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" ? callee.property.name : null;
    if (name === "listen" && callee.type === "MemberExpression") listens = true;
    else if (name === "serve") {
      listens = true;
      if (callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "Bun") server = true;
    } else if (name === "require" && callee.type === "Identifier") {
      const first = node.arguments[0];
      if (first?.type === "Literal" && typeof first.value === "string" && NODE_SERVER_PACKAGE.test(first.value)) server = true;
    }
    if (listens && server) return true;
  }
  return false;
}

/**
 * Packages of a browser UI: a module that imports one, reads no env and has no handler is a
 * browser's code (a hook, a component), where an `EventSource`, a `WebSocket` or a `fetch()` belong
 * to the page, not to a request of a Worker.
 */
export const UI_PACKAGES: ReadonlySet<string> = new Set([
  "react",
  "react-dom",
  "react-dom/client",
  "preact",
  "preact/hooks",
  "vue",
  "solid-js",
  "svelte",
  "svelte/store",
  "@angular/core",
  "lit",
  "hono/jsx",
  "hono/jsx/dom",
  "hono/jsx/dom/client",
]);

/** Static methods whose result is an I/O object bound to the current request. */
export const IO_STATIC_CALLS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["AsyncLocalStorage", new Set(["snapshot"])],
  // A Response made by its static factories, as by `new Response(…)`.
  ["Response", new Set(["json", "redirect", "error"])],
]);

/**
 * Route classes of a package whose handler method receives a framework context first:
 * `class ListTasks extends OpenAPIRoute { async handle(c) { … c.env … } }`.
 */
export const ROUTE_CLASSES: readonly { source: string; imported: string; method: string }[] = [
  { source: "chanfana", imported: "OpenAPIRoute", method: "handle" },
];

/** Framework callbacks auto-imported (Nuxt, Nitro): no import and no local definition. */
export const AUTO_IMPORTED_CALLBACKS: ReadonlySet<string> = new Set(["defineEventHandler", "eventHandler"]);

/** Hono app/route methods whose callbacks receive the context `c` first. */
export const HONO_METHODS = new Set([
  "get",
  "post",
  "put",
  "delete",
  "patch",
  "options",
  "head",
  "all",
  "on",
  "use",
  "openapi",
  "notFound",
  "createHandlers",
  "createMiddleware",
]);

/** itty-router methods whose callbacks receive `(request, env, ctx)`. */
export const ITTY_METHODS = new Set(["get", "post", "put", "delete", "patch", "options", "head", "all"]);
export const ITTY_FACTORIES = new Set(["Router", "AutoRouter", "IttyRouter"]);

export function isHonoSource(source: string): boolean {
  return source === "hono" || (source.startsWith("hono/") && !isHonoJsx(source)) || source.startsWith("@hono/") || source === "chanfana";
}

/** An env word that is not CSS's `env(safe-area-inset-top)` in a component's styles. */
export const ENV_NOT_CSS = /\benv\b(?!\()/;

/** Hono's JSX (`hono/jsx`, `hono/jsx/dom`): components and hooks, as in React, with no context of a request. */
function isHonoJsx(source: string): boolean {
  return source === "hono/jsx" || source.startsWith("hono/jsx/");
}

const PAGES_ENV_PATHS = [["env"], ["platform", "env"], ["locals", "runtime", "env"]];

export function honoContext(label: string): Container {
  return { envPaths: [["env"]], request: true, label };
}

/**
 * Qwik City's getter of the Worker's vars (`requestEvent.env.get("API_KEY")`): a path that ends in
 * this step leads to an object whose `get(name)` reads one binding (see `CallValues`).
 */
export const ENV_GETTER_STEP = "get()";
const QWIK_ENV_GETTER = ["env", ENV_GETTER_STEP];
const FRAMEWORK_ENV_PATHS = [["platform", "env"], ["locals", "runtime", "env"], QWIK_ENV_GETTER];
/**
 * (React Router's middleware context holds env in what the entry sets: `context.get(cloudflareContext).env`.
 * A load context made of the env itself, `getLoadContext: (c) => c.env`, has the bindings as its members.)
 */
const REMIX_ENV_PATHS = [["context", "cloudflare", "env"], ["context", "env"], ["context", ENV_GETTER_STEP, "env"], ["context", BINDING_NAMED_STEP]];

/**
 * Exported framework functions whose first parameter is the framework's context, by export name
 * (each pattern matches a whole name), with the paths from that context to env.
 */
const EXPORTED_CONTEXTS: readonly { name: RegExp; envPaths: string[][] }[] = [
  { name: /onRequest(?:Get|Post|Put|Patch|Delete|Head|Options)?/, envPaths: PAGES_ENV_PATHS },
  { name: /loader|action|middleware|unstable_middleware/, envPaths: REMIX_ENV_PATHS },
  { name: /getLoadContext/, envPaths: [["context", "cloudflare", "env"]] },
  { name: /GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|ALL|fallback|load|on(?:Get|Post|Put|Patch|Delete|Head|Options)/, envPaths: FRAMEWORK_ENV_PATHS },
  { name: /handle|handleFetch|handleError/, envPaths: [["event", "platform", "env"]] },
];
const EXPORTED_CONTEXT_NAMES = EXPORTED_CONTEXTS.map((c) => new RegExp(`^(?:${c.name.source})$`));

/** Export names only a framework's own file gives (Pages Functions, React Router's load context): taken as one anywhere. */
const DISTINCT_EXPORTS = /^(?:onRequest(?:Get|Post|Put|Patch|Delete|Head|Options)?|getLoadContext)$/;
/** What a framework's route module's first parameter is called when it is not destructured. */
const CONTEXT_PARAM_NAMES: ReadonlySet<string> = new Set(["event", "evt", "context", "ctx", "args", "Astro"]);
/** Packages a route module of a framework with such exports imports from. */
const ROUTE_PACKAGES = /^(?:@sveltejs\/kit|@remix-run\/|react-router|@react-router\/|astro(?:$|:|\/)|@solidjs\/start|@builder\.io\/qwik-city)|^\.\/\$types$|(?:^|\/)\+types\//;

/**
 * Whether an exported function named like a framework's (`load`, `loader`, `GET`, `handle`) takes
 * that framework's context: its name is one only a framework gives; or its first parameter is
 * untyped and either the file imports from a framework, or it is destructured into a context's
 * members (`({ platform })`), or named as a context is (`event`, `context`). A helper
 * `load(values: Record<string, string>)`, `load({ name, body }: Template)` is none.
 */
export function exportTakesContext(name: string, first: Node | undefined, imports: ReadonlySet<string>): boolean {
  if (DISTINCT_EXPORTS.test(name)) return true;
  let param = first;
  if (param?.type === "AssignmentPattern") param = param.left;
  const annotation = param && "typeAnnotation" in param ? param.typeAnnotation : undefined;
  const routeFile = [...imports].some((source) => ROUTE_PACKAGES.test(source));
  // Typed (`locale: string`, `{ name }: Template`), it is a context only in a file of the framework
  // (`Parameters<PageServerLoad>[0]` with `./$types`), and never typed as plain data.
  if (annotation) return routeFile && !isPlainDataType(annotation as Node);
  if (routeFile) return true;
  if (param?.type === "ObjectPattern") {
    return param.properties.some((p) => p.type === "Property" && p.key.type === "Identifier" && CONTEXT_KEYS.has(p.key.name));
  }
  return param?.type === "Identifier" && CONTEXT_PARAM_NAMES.has(param.name);
}
/** Members only a framework's context has, of which a destructured route parameter takes some. */
const CONTEXT_KEYS: ReadonlySet<string> = new Set(["platform", "locals", "request", "cookies", "context", "params", "url", "setHeaders", "parent", "depends", "getClientAddress", "env", "waitUntil", "next", "route", "fetch", "event"]);

/** SvelteKit's form actions: each function of an exported `actions` object gets a `load`'s event. */
export const SVELTEKIT_ACTIONS = "actions";

/** The first parameter of an exported framework function, by export name. */
export function exportedContext(name: string, label: string): Container | null {
  const i = EXPORTED_CONTEXT_NAMES.findIndex((re) => re.test(name));
  return i < 0 ? null : { envPaths: EXPORTED_CONTEXTS[i].envPaths, request: true, label };
}

/** PartyKit's room and lobbies: env under `env`, and nothing of one request. */
const PARTY_ROOMS = ["Party.Room", "Party.Lobby", "Party.FetchLobby", "Party.CronLobby"];

/** Context types of a parameter, with the paths to env (null: Hono's `Context`, only in a file importing Hono). */
const TYPED_CONTEXTS: ReadonlyMap<string, string[][] | null> = new Map<string, string[][] | null>([
  ["Context", null],
  ["PagesFunction", PAGES_ENV_PATHS],
  ["EventContext", PAGES_ENV_PATHS],
  ...["LoaderFunctionArgs", "ActionFunctionArgs", "LoaderArgs", "ActionArgs"].map((t) => [t, REMIX_ENV_PATHS] as [string, string[][]]),
  // The load context itself: React Router's `cloudflare.env`, Remix on Pages' `env`.
  ["AppLoadContext", [["cloudflare", "env"], ["env"], [ENV_GETTER_STEP, "env"], [BINDING_NAMED_STEP]]],
  ...["RequestEvent", "ServerLoadEvent", "PageServerLoadEvent", "APIContext", "RequestEventBase", "RequestEventCommon", "RequestEventLoader", "RequestEventAction"].map(
    (t) => [t, FRAMEWORK_ENV_PATHS] as [string, string[][]],
  ),
  ["H3Event", [["context", "cloudflare", "env"]]],
  // PartyKit's server (`import type * as Party from "partykit/server"`): a room's or lobby's env, a connection's request, the connection itself.
  ...PARTY_ROOMS.map((t) => [t, [["env"]]] as [string, string[][]]),
  ...["Party.ConnectionContext", "Party.Connection"].map((t) => [t, []] as [string, string[][]]),
  // The types an app declares in the framework's global namespace: Astro's locals, SvelteKit's platform.
  ["App.Locals", [["runtime", "env"]]],
  ["App.Platform", [["env"]]],
]);

/** A parameter annotated with a framework's context type. */
export function typedContext(type: string, label: string, honoFile: boolean): Container | null {
  const envPaths = TYPED_CONTEXTS.get(type);
  if (envPaths === undefined) return null;
  if (envPaths === null) return honoFile ? honoContext(label) : null;
  // (A PartyKit room or lobby is the room's, as a Durable Object's state is: no one request's.)
  return { envPaths, request: !PARTY_ROOMS.includes(type), label };
}

/**
 * Words of the tables above whose presence the file gate asks for: export names of framework
 * functions (whole-word patterns), and context types outside Hono's (which comes with an import).
 */
export const CONTEXT_WORDS = {
  exported: [...EXPORTED_CONTEXTS.map((c) => c.name.source), SVELTEKIT_ACTIONS],
  typed: [...TYPED_CONTEXTS].filter(([, paths]) => paths !== null).map(([type]) => type),
};

/** Request-state parameter types. */
export const REQUEST_TYPES = new Set(["Request", "IRequest", "NextRequest", "ExecutionContext", "HonoRequest", "DurableObjectState"]);

/**
 * Members of `process.env` a bundler replaces with a constant when it builds the Worker: the mode
 * (`NODE_ENV`, written in by Wrangler's bundler), and Next.js's `NEXT_RUNTIME` and public
 * `NEXT_PUBLIC_*` values (inlined by its compiler). No binding or secret is read there.
 */
export function bundlerDefined(key: string | null): boolean {
  return key === "NODE_ENV" || key === "NEXT_RUNTIME" || (key !== null && key.startsWith("NEXT_PUBLIC_"));
}

/** Calls imported from a package whose result leads to env: `getCloudflareContext().env`. */
export interface AccessorSpec {
  sources: string[];
  container: (label: string) => Container;
  /** Called while the module is evaluated, it snapshots a request context that is not there yet. */
  requestContext?: boolean;
}

export const ACCESSOR_CALLS: ReadonlyMap<string, AccessorSpec> = new Map<string, AccessorSpec>([
  [
    "getCloudflareContext",
    { sources: ["@opennextjs/cloudflare"], requestContext: true, container: (label) => ({ envPaths: [["env"]], request: true, label }) },
  ],
  [
    "getRequestContext",
    { sources: ["@cloudflare/next-on-pages"], requestContext: true, container: (label) => ({ envPaths: [["env"]], request: true, label }) },
  ],
  ["getContext", { sources: ["hono/context-storage"], container: (label) => honoContext(label) }],
  [
    "getRequestEvent",
    {
      sources: ["solid-js/web", "@solidjs/start/server", "@builder.io/qwik-city", "$app/server"],
      // (`nativeEvent.cloudflare.env` too: some SolidStart apps read it so.)
      container: (label) => ({ envPaths: [["nativeEvent", "context", "cloudflare", "env"], ["nativeEvent", "cloudflare", "env"], ["platform", "env"], QWIK_ENV_GETTER], request: true, label }),
    },
  ],
  [
    "getEvent",
    { sources: ["vinxi/http", "h3", "nitropack/runtime"], container: (label) => ({ envPaths: [["context", "cloudflare", "env"]], request: true, label }) },
  ],
  [
    "useEvent",
    {
      sources: ["vinxi/http", "h3", "nitropack/runtime", "#imports"],
      container: (label) => ({ envPaths: [["context", "cloudflare", "env"]], request: true, label }),
    },
  ],
]);

/**
 * Imported functions whose call result is what the trace follows: env itself (`env(c)` of
 * `hono/adapter`), or an I/O object bound to the request that opens it (`connect()` of
 * `cloudflare:sockets`), or the data of the request being served (`getCookie("sid")` of TanStack
 * Start). Messages name the call as `<local name>(<arguments>)`, `*` standing for the text of the
 * call's first argument.
 */
export const IMPORTED_CALLS: readonly { source: string; imported: string; result: "env" | "binding" | "io" | "data"; arguments: string }[] = [
  { source: "hono/adapter", imported: "env", result: "env", arguments: "c" },
  // cf-bindings-proxy: `binding<D1Database>("DB")` is that binding of the Worker's env (`process.env.DB` in a Pages build).
  { source: "cf-bindings-proxy", imported: "binding", result: "binding", arguments: "*" },
  { source: "cloudflare:sockets", imported: "connect", result: "io", arguments: "" },
  // Next.js: the request's headers and cookies, in a route handler, a server component or action.
  { source: "next/headers", imported: "headers", result: "io", arguments: "" },
  { source: "next/headers", imported: "cookies", result: "io", arguments: "" },
  // TanStack Start: the request being served, in a server function or route handler.
  ...["@tanstack/react-start/server", "@tanstack/solid-start/server", "@tanstack/start-server-core"].flatMap((source) => [
    { source, imported: "getWebRequest", result: "io" as const, arguments: "" },
    { source, imported: "getRequest", result: "io" as const, arguments: "" },
    ...["getRequestHeaders", "getRequestHeader", "getHeaders", "getHeader", "getCookie", "getCookies", "getRequestIP", "getRequestURL", "getRequestHost"].map((imported) => ({ source, imported, result: "data" as const, arguments: "*" })),
  ]),
];

/** Packages whose imports can hand out env: the accessors above and the env-returning calls. */
export const ACCESSOR_SOURCES: ReadonlySet<string> = new Set([
  ...[...ACCESSOR_CALLS.values()].flatMap((spec) => spec.sources),
  ...IMPORTED_CALLS.filter((c) => c.result === "env" || c.result === "binding").map((c) => c.source),
]);

/** Where Hono's `upgradeWebSocket` comes from: its callback gets the context, and returns the socket's event handlers. */
export const UPGRADE_WEBSOCKET_SOURCES: ReadonlySet<string> = new Set(["hono/cloudflare-workers", "hono/ws", "hono/bun", "hono/deno"]);

/**
 * How a framework's callback gets one request's state: the context at parameter `at` (default the
 * first; null: none), with its `paths` to env; the parameters in `data`, the request's data; `this`,
 * a context with the paths of `self`. `property`: the callback is that property of the call's first
 * argument (`defineAction({ handler })`), not an argument itself.
 */
export interface CallbackSpec {
  paths: string[][];
  at?: number | null;
  data?: number[];
  self?: string[][];
  property?: string;
  /** How a message names a data parameter with no name of its own (a destructured one): `input.text`. */
  dataName?: string;
  /** The context's env is so by the app's convention (see `Container.byName`). */
  byName?: boolean;
}

/** The AI SDK's package. */
const AI_SDK = "ai";

/**
 * Imported functions whose callback gets a framework's context (Qwik's `routeAction$((form, event)
 * => …)`, `server$(function (…args) { this.platform.env })`, Astro's `defineAction({ handler(input,
 * context) })`), by the packages they come from.
 */
export const CONTEXT_CALLBACKS: ReadonlyMap<string, CallbackSpec & { sources: string[] }> = new Map([
  ["createMiddleware", { sources: ["hono/factory", "hono"], paths: [["env"]] }],
  // HonoX: a route's handlers (`export const POST = createRoute(async (c) => …)`) get Hono's context.
  ["createRoute", { sources: ["honox/factory"], paths: [["env"]] }],
  ["upgradeWebSocket", { sources: [...UPGRADE_WEBSOCKET_SOURCES], paths: [["env"]] }],
  ["defineEventHandler", { sources: ["h3", "nitropack/runtime", "vinxi/http", "#imports"], paths: [["context", "cloudflare", "env"], ["req", "runtime", "cloudflare", "env"]] }],
  // h3 v2 / Nitro v3: `defineHandler`, env also on the srvx request's runtime.
  ["defineHandler", { sources: ["h3", "nitro/h3", "nitro"], paths: [["context", "cloudflare", "env"], ["req", "runtime", "cloudflare", "env"]] }],
  ["eventHandler", { sources: ["h3", "vinxi/http"], paths: [["context", "cloudflare", "env"]] }],
  ["defineMiddleware", { sources: ["astro:middleware", "astro"], paths: [["locals", "runtime", "env"]] }],
  ["routeLoader$", { sources: ["@builder.io/qwik-city"], paths: [["platform", "env"], QWIK_ENV_GETTER] }],
  ["routeAction$", { sources: ["@builder.io/qwik-city"], paths: [["platform", "env"], QWIK_ENV_GETTER], at: 1, data: [0] }],
  ["server$", { sources: ["@builder.io/qwik-city"], paths: [["platform", "env"], QWIK_ENV_GETTER], at: null, data: [0, 1, 2, 3], self: [["platform", "env"], QWIK_ENV_GETTER] }],
  ["defineAction", { sources: ["astro:actions"], paths: [["locals", "runtime", "env"]], at: 1, data: [0], property: "handler" }],
  // A Pages Function of Remix or React Router: its `getLoadContext` gets the Pages context (older
  // Remix: `context.env`; later: `{ request, context: { cloudflare } }`).
  // An AI SDK tool's `execute` gets what the model asks for one user's chat (and that chat's messages).
  ["tool", { sources: [AI_SDK], paths: [], at: null, data: [0, 1], property: "execute", dataName: "input" }],
  ["dynamicTool", { sources: [AI_SDK], paths: [], at: null, data: [0, 1], property: "execute", dataName: "input" }],
  ["createPagesFunctionHandler", { sources: ["@remix-run/cloudflare-pages", "@react-router/cloudflare"], paths: [["env"], ["context", "cloudflare", "env"]], property: "getLoadContext" }],
  // RedwoodSDK: a route's handler (or each of a list of them), and the middleware listed in the
  // app, get the request's info (`{ request, ctx, params }`); env is the imported one.
  ["route", { sources: ["rwsdk/router"], paths: [] }],
  ["defineApp", { sources: ["rwsdk/worker"], paths: [] }],
  // GraphQL servers' context factories: graphql-yoga's gets the server context (what `yoga.fetch(request,
  // env, ctx)` is handed: env's bindings beside `request`), Apollo's Workers integration `{ env, request, ctx }`.
  ["createYoga", { sources: ["graphql-yoga"], paths: [[BINDING_NAMED_STEP]], property: "context" }],
  ["startServerAndCreateCloudflareWorkersHandler", { sources: ["@as-integrations/cloudflare-workers"], paths: [["env"]], property: "context" }],
  // Hono's middleware for tRPC and GraphQL: the context factory (`createContext(opts, c)`) and the root resolver (`rootResolver(c)`) get Hono's context.
  ["trpcServer", { sources: ["@hono/trpc-server"], paths: [["env"]], at: 1, property: "createContext" }],
  ["graphqlServer", { sources: ["@hono/graphql-server"], paths: [["env"]], at: 0, property: "rootResolver" }],
  // A schema's resolvers get the context (third argument): the bindings beside the request, or `env` the app's factory puts there.
  ["createSchema", { sources: ["graphql-yoga"], paths: [["env"], [BINDING_NAMED_STEP]], at: 2, property: "resolvers", byName: true }],
]);

/** Names that suggest an imported function keeps what it is given. */
export const SETTER_NAME = /^(set|init|initialize|configure|register|provide|store)([A-Z_].*)?$/;

/** Packages whose callbacks receive a framework context (`createMiddleware`, `defineEventHandler`, …). */
export const CONTEXT_CALLBACK_SOURCES: ReadonlySet<string> = new Set([...CONTEXT_CALLBACKS.values()].flatMap((c) => c.sources));

/**
 * Packages of tools an AI model or an MCP client calls with one user's data: the AI SDK (its
 * `tool({ execute })`) and the MCP SDK (a server's `tool(name, …, handler)`). Imported by most
 * modules of an AI app, they make the file gate take a file only beside module state (see the gate).
 */
export const TOOL_PACKAGES = /^(?:ai|@modelcontextprotocol\/sdk(?:\/.*)?|agents\/mcp)$/;
/** Methods of an MCP server that register a handler the client calls with its arguments (the handler: the last argument). */
export const MCP_HANDLER_METHODS: ReadonlySet<string> = new Set(["tool", "registerTool", "prompt", "registerPrompt"]);

/**
 * Bot frameworks whose update handlers get one update's context first (`bot.on("message", (ctx) =>
 * …)`): grammY's `Bot` and Telegraf, run by a webhook for each request.
 */
export const BOT_PACKAGES: ReadonlySet<string> = new Set(["grammy", "telegraf"]);

/** The packages {@link isSourcePackage} knows by name, gathered once from the tables above. */
const SOURCE_PACKAGES: ReadonlySet<string> = new Set([
  ...BOT_PACKAGES,
  ...ACCESSOR_SOURCES,
  ...ENV_NAMESPACES,
  ...IMPORTED_CALLS.map((c) => c.source),
  ...LIVE_ENV_IMPORTS.map((l) => l.source),
  ...LIVE_REQUEST_IMPORTS.map((l) => l.source),
  ...ROUTE_CLASSES.map((r) => r.source),
  ...[...CONTEXT_CALLBACK_SOURCES].filter((s) => !TOOL_PACKAGES.test(s)),
]);

/**
 * Whether importing a package can make a source that the file's text, handlers, classes and
 * parameters would not show: its callbacks, accessors or imported env. A Workers base package is
 * not one (`@cloudflare/vite-plugin` in a build config holds nothing): a class extending one of its
 * bases is seen by the class check.
 */
export function isSourcePackage(source: string): boolean {
  return isHonoSource(source) || SOURCE_PACKAGES.has(source);
}

/** The words a file's text is searched for, with and without `process.env` as a source. */
export interface SourceWords {
  /**
   * Without which the text holds no env source outside handlers, Workers classes, imports and
   * source parameters. Global (`g`): set `lastIndex` to search from a position.
   */
  env: RegExp;
  /** Without which it holds no source at all outside those: the env words, `fetch()` and the I/O constructors. */
  source: RegExp;
}

/** Node's `process` module, imported (`import process from "node:process"`): its `env` is the global's. */
export function isProcessModule(source: string): boolean {
  return source === "process" || source === "node:process";
}

/** A specifier of the project's own files, by its look: relative, or an alias (`@/`, `~/`, `#imports`, SvelteKit's `$lib`). */
export const LOCAL_LOOKING = /^(\.|~\/|@\/|#|\$lib(?:\/|$))/;

/** A text as a pattern that matches it literally. */
export const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A pattern matching any of `words` as a whole word (each taken literally). */
export function wordsOf(words: Iterable<string>): string {
  return String.raw`\b(?:${[...words].map(escapeRegExp).join("|")})\b`;
}

function sourceWords(envWord: string): SourceWords {
  const env = [envWord, ...[...GLOBAL_ENV_MEMBERS].map(escapeRegExp), escapeRegExp("cf-bindings-proxy")];
  return {
    env: new RegExp([...env, wordsOf(GLOBAL_CONTEXTS.keys())].join("|"), "g"),
    source: new RegExp([...env, wordsOf(["fetch", ...GLOBAL_CONTEXTS.keys(), ...IO_CONSTRUCTORS, ...IO_STATIC_CALLS.keys()])].join("|")),
  };
}

/**
 * `env` as a word (`c.env`, `this.env`, `platform.env`, the imported `env`), but not in
 * `process.env` or `import.meta.env`, which are no source unless `process.env` is one.
 */
export const SOURCE_WORDS: SourceWords = sourceWords(String.raw`(?<!\bprocess\.|\bmeta\.)\benv\b`);

/** A word naming one of {@link GLOBAL_CONTEXTS}. */
export const GLOBAL_CONTEXT_WORDS = new RegExp(wordsOf(GLOBAL_CONTEXTS.keys()));

/** The same when `process.env` is a source (the setting, or the Worker's config): any `env`. */
export const SOURCE_WORDS_WITH_PROCESS: SourceWords = sourceWords(String.raw`\benv\b`);

/** Whether a text names a source word, and an env word (see {@link SourceWords}). */
export interface TextWords {
  source: boolean;
  env: boolean;
}

/**
 * A text's source and env words, in one scan where it can: the first source word found is often
 * `env` itself, and an env word can only come at or after it.
 */
export function textWords(text: string, words: SourceWords): TextWords {
  const first = words.source.exec(text);
  if (!first) return callsEnvNamed(text) ? { source: true, env: true } : { source: false, env: false };
  words.env.lastIndex = first.index;
  return { source: true, env: words.env.test(text) || callsEnvNamed(text) };
}

const IDENTIFIER_CHAR = /[\w$]/;

/**
 * A call of a function named for env (`getCloudflareEnv()`, `getEnv()`): a project module's
 * accessor may hand back the live `env` it imports. (Searched for `Env` with `indexOf`: a regular
 * expression that starts at every word costs as much as the rest of the gate.)
 */
function callsEnvNamed(text: string): boolean {
  for (let i = text.indexOf("Env", 1); i >= 0; i = text.indexOf("Env", i + 3)) {
    if (!IDENTIFIER_CHAR.test(text[i - 1])) continue;
    let j = i + 3;
    while (text[j] === " " || text[j] === "\t") j++;
    if (text[j] === "(") return true;
  }
  return false;
}

/**
 * Binding types named with a common word, which a project may name a type of its own
 * (`interface Workflow` of a workflow engine, a job `Queue`): declared in the file or imported from
 * one of its modules, that type is the project's, not the binding.
 */
export const WORD_BINDING_TYPES: ReadonlySet<string> = new Set(["Fetcher", "Service", "Queue", "Ai", "Vectorize", "Workflow", "SendEmail", "RateLimit", "AutoRAG"]);

/** The page's own globals (`window.location`, `document.cookie`, `localStorage.getItem`): code that reads them runs in a browser. */
export const PAGE_GLOBALS: readonly string[] = ["window", "document", "localStorage", "sessionStorage"];
/** A member read of one of them in a text: whether to look for their references at all. */
export const BROWSER_GLOBALS = new RegExp(String.raw`\b(?:${PAGE_GLOBALS.join("|")})\s*\??\.\s*[A-Za-z_$]`);

/** A package other than Cloudflare's own (`@cloudflare/workers-types`, `cloudflare:workers`): the names it exports are its own. */
export function isForeignPackage(source: string): boolean {
  return !LOCAL_LOOKING.test(source) && !source.startsWith("@cloudflare/") && !source.startsWith("cloudflare:");
}
