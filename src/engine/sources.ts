/**
 * Where Workers code receives `env` and request state: handler positions, classes, framework
 * callbacks and accessor calls. Knowledge only; the evaluator asks these tables.
 */
import type { Container } from "./values";

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
]);

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
  return source === "hono" || source.startsWith("hono/") || source.startsWith("@hono/") || source === "chanfana";
}

const PAGES_ENV_PATHS = [["env"], ["platform", "env"], ["locals", "runtime", "env"]];

export function honoContext(label: string): Container {
  return { envPaths: [["env"]], request: true, label };
}

/** The first parameter of an exported framework function, by export name. */
export function exportedContext(name: string, label: string): Container | null {
  if (/^onRequest(Get|Post|Put|Patch|Delete|Head|Options)?$/.test(name)) {
    return { envPaths: PAGES_ENV_PATHS, request: true, label };
  }
  if (name === "loader" || name === "action") {
    return { envPaths: [["context", "cloudflare", "env"], ["context", "env"]], request: true, label };
  }
  if (name === "getLoadContext") {
    return { envPaths: [["context", "cloudflare", "env"]], request: true, label };
  }
  if (/^(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|ALL|fallback|load)$/.test(name) || /^on(Get|Post|Put|Patch|Delete|Head|Options)$/.test(name)) {
    return { envPaths: [["platform", "env"], ["locals", "runtime", "env"]], request: true, label };
  }
  if (name === "handle") {
    return { envPaths: [["event", "platform", "env"]], request: true, label };
  }
  return null;
}

/** A parameter annotated with a framework's context type. */
export function typedContext(type: string, label: string, honoFile: boolean): Container | null {
  switch (type) {
    case "Context":
      return honoFile ? honoContext(label) : null;
    case "PagesFunction":
    case "EventContext":
      return { envPaths: PAGES_ENV_PATHS, request: true, label };
    case "LoaderFunctionArgs":
    case "ActionFunctionArgs":
    case "LoaderArgs":
    case "ActionArgs":
    case "AppLoadContext":
      return { envPaths: [["context", "cloudflare", "env"], ["context", "env"], ["cloudflare", "env"]], request: true, label };
    case "RequestEvent":
    case "ServerLoadEvent":
    case "PageServerLoadEvent":
    case "APIContext":
    case "RequestEventBase":
    case "RequestEventLoader":
    case "RequestEventAction":
      return { envPaths: [["platform", "env"], ["locals", "runtime", "env"]], request: true, label };
    case "H3Event":
      return { envPaths: [["context", "cloudflare", "env"]], request: true, label };
    default:
      return null;
  }
}

/** Request-state parameter types. */
export const REQUEST_TYPES = new Set(["Request", "IRequest", "ExecutionContext", "HonoRequest", "DurableObjectState"]);

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
      sources: ["solid-js/web", "@solidjs/start/server", "@builder.io/qwik-city"],
      container: (label) => ({ envPaths: [["nativeEvent", "context", "cloudflare", "env"], ["platform", "env"]], request: true, label }),
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

/** Packages whose imports can hand out env: the accessors above and `env(c)` of `hono/adapter`. */
export const ACCESSOR_SOURCES: ReadonlySet<string> = new Set([...[...ACCESSOR_CALLS.values()].flatMap((spec) => spec.sources), "hono/adapter"]);

/** Calls whose callback receives a framework context first: `createMiddleware(async (c, next) => …)`. */
export const CONTEXT_CALLBACKS: ReadonlyMap<string, { sources: string[]; paths: string[][] }> = new Map([
  ["createMiddleware", { sources: ["hono/factory", "hono"], paths: [["env"]] }],
  ["defineEventHandler", { sources: ["h3", "nitropack/runtime", "vinxi/http", "#imports"], paths: [["context", "cloudflare", "env"]] }],
  ["eventHandler", { sources: ["h3", "vinxi/http"], paths: [["context", "cloudflare", "env"]] }],
  ["defineMiddleware", { sources: ["astro:middleware", "astro"], paths: [["locals", "runtime", "env"]] }],
  ["routeLoader$", { sources: ["@builder.io/qwik-city"], paths: [["platform", "env"]] }],
  ["routeAction$", { sources: ["@builder.io/qwik-city"], paths: [["platform", "env"]] }],
  ["server$", { sources: ["@builder.io/qwik-city"], paths: [["platform", "env"]] }],
]);

/** Module-scope collection methods that store their arguments; value: index of the first stored argument. */
export const STORING_METHODS: ReadonlyMap<string, number> = new Map([
  ["push", 0],
  ["unshift", 0],
  ["splice", 2],
  ["add", 0],
  ["set", 1],
  ["fill", 0],
]);

/** Methods that register a listener on an emitter or bus: the callback is kept. */
export const LISTENER_METHODS = new Set([
  "on",
  "once",
  "addListener",
  "prependListener",
  "prependOnceListener",
  "addEventListener",
  "subscribe",
]);

/** Methods that read a collection without taking anything from their arguments. */
export const READING_METHODS = new Set(["get", "has", "keys", "values", "entries", "forEach", "at", "includes", "indexOf", "find", "some", "every", "size", "toString"]);

/** Body readers of a Response: their data is not the response's I/O. */
export const BODY_READERS = new Set(["json", "text", "arrayBuffer", "blob", "formData", "bytes"]);

/** Methods of a request-state object whose result is again an I/O object. */
export const IO_METHODS = new Set(["clone", "tee", "getReader", "getWriter", "pipeThrough", "accept", "bind"]);

/** Names that suggest an imported function keeps what it is given. */
export const SETTER_NAME = /^(set|init|initialize|configure|register|provide|store)([A-Z_].*)?$/;
