/**
 * Framework callbacks and what they get of one request ({@link CallbackSpec}): handed to an
 * imported function of {@link CONTEXT_CALLBACKS} (`createMiddleware((c, next) => …)`), written as a
 * property of its argument (`defineAction({ handler(input, context) { … } })`), or registered as a
 * Nitro plugin's request hook (`nitroApp.hooks.hook("request", (event) => …)`); a service worker's
 * listeners and a bot's update handlers; an RPC procedure's resolver (tRPC, oRPC).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { memberName, propertyName, unwrap } from "./ast";
import { constantInit, declaredAs, madeBy, type Scopes } from "./scope";
import { BOT_PACKAGES, CONTEXT_CALLBACKS, LOCAL_LOOKING, type CallbackSpec } from "./sources";
import type { FunctionNode, Node } from "./values";

/**
 * Nitro's hooks that run for one request, with what their callback gets after the event: the
 * response being sent (`beforeResponse(event, { body })`, `afterResponse(event, { body })`).
 */
const NITRO_REQUEST_HOOKS: ReadonlySet<string> = new Set(["request", "beforeResponse", "afterResponse"]);

/** The H3 event's paths to env (Nitro, Nuxt), as its event handlers get it. */
const H3_EVENT_PATHS = CONTEXT_CALLBACKS.get("defineEventHandler")!.paths;

/**
 * The spec of the imported function `call` calls, when the table knows it and it comes from one of
 * its packages; `property`: where the callback is written (undefined: handed as an argument).
 */
export function contextCallbackSpec(scopes: Scopes, call: TSESTree.CallExpression | TSESTree.NewExpression, property?: string): CallbackSpec | null {
  const callee = unwrap(call.callee);
  const info = callee.type === "Identifier" ? scopes.importOfId(callee) : null;
  const spec = info ? CONTEXT_CALLBACKS.get(info.imported) : undefined;
  return spec && spec.sources.includes(info!.source) && spec.property === property ? spec : null;
}

/** The keys of an object of handlers by HTTP method. */
const HTTP_METHOD_KEYS: ReadonlySet<string> = new Set(["get", "post", "put", "patch", "delete", "head", "options"]);

/**
 * What a framework callback written in place gets: an Astro action's handler (a property of the
 * table's call), or a Nitro request hook (the H3 event; the response, for the hooks after the
 * handler). Null for any other function.
 */
export function inPlaceCallbackSpec(scopes: Scopes, fn: FunctionNode): CallbackSpec | null {
  const parent = fn.parent;
  if (parent?.type === "Property" && parent.value === fn) {
    const options = parent.parent;
    const call = options?.parent;
    const name = propertyName(parent);
    // A GraphQL resolver (`createSchema({ resolvers: { Query: { ask: (root, args, context) => … } } })`): its context.
    const resolver = name !== null && call?.type !== "CallExpression" ? resolverSpec(scopes, options as Node) : null;
    if (resolver) return resolver;
    if (call?.type !== "CallExpression" || name === null) return null;
    // (Of the options a call is handed, first or after a server: `handler(server, { context })`.)
    const spec = call.arguments.includes(options as TSESTree.CallExpressionArgument) ? contextCallbackSpec(scopes, call, name) : null;
    if (spec || call.arguments[0] === options) return spec;
    // An object of handlers by HTTP method handed where a callback goes (RedwoodSDK's `route(path, { post })`).
    return call.arguments.includes(options as TSESTree.CallExpressionArgument) && HTTP_METHOD_KEYS.has(name.toLowerCase()) ? contextCallbackSpec(scopes, call) : null;
  }
  // An element of a list handed where a callback goes is handed too (`defineApp([mw, route(…)])`,
  // `route("/", [check, handler])`).
  if (parent?.type === "ArrayExpression" && parent.parent?.type === "CallExpression" && parent.parent.arguments.includes(parent)) {
    return contextCallbackSpec(scopes, parent.parent);
  }
  // `nitroApp.hooks.hook("request", (event) => …)`: Nitro's hook registry, by its shape.
  if (parent?.type === "CallExpression" && parent.arguments[1] === fn) {
    const callee = unwrap(parent.callee);
    const registry = callee.type === "MemberExpression" && memberName(callee) === "hook" ? unwrap(callee.object) : null;
    if (registry?.type !== "MemberExpression" || memberName(registry) !== "hooks") return null;
    const hook = parent.arguments[0];
    if (hook?.type !== "Literal" || typeof hook.value !== "string" || !NITRO_REQUEST_HOOKS.has(hook.value)) return null;
    return { paths: H3_EVENT_PATHS, at: 0, data: hook.value === "request" ? [] : [1] };
  }
  return null;
}

/** The spec of the schema call whose `resolvers` hold, two levels down, the object of fields `fields` (`Query: { … }`). */
function resolverSpec(scopes: Scopes, fields: Node): CallbackSpec | null {
  const byType = fields.parent?.type === "Property" ? fields.parent.parent : null;
  const resolvers = byType?.parent?.type === "Property" && propertyName(byType.parent) === "resolvers" ? byType.parent.parent : null;
  const call = resolvers?.parent;
  return call?.type === "CallExpression" && call.arguments[0] === resolvers ? contextCallbackSpec(scopes, call, "resolvers") : null;
}

/** The context `this` is in a function handed to a framework's call (`server$(function () { this.platform.env })`), if any. */
export function thisContextPaths(scopes: Scopes, fn: FunctionNode): string[][] | null {
  const call = fn.type === "FunctionExpression" && fn.parent?.type === "CallExpression" && fn.parent.arguments[0] === fn ? fn.parent : null;
  return (call && contextCallbackSpec(scopes, call)?.self) ?? null;
}

/**
 * The event a service worker's listener gets (`"fetch"`, `"scheduled"`), for a function handed to
 * `addEventListener` (also on `self`, `globalThis`) in place or by its name (`function onFetch(event)
 * { … }`, `const onFetch = (event) => …`, then `addEventListener("fetch", onFetch)`); else null.
 */
export function serviceWorkerEvent(scopes: Scopes, fn: FunctionNode): string | null {
  const parent = fn.parent;
  if (parent?.type === "CallExpression" && parent.arguments[1] === fn) return listenerEvent(scopes, parent);
  for (const ref of declaredAs(scopes, fn)?.references ?? []) {
    const call = ref.identifier.parent;
    if (call?.type === "CallExpression" && call.arguments[1] === ref.identifier) {
      const event = listenerEvent(scopes, call);
      if (event) return event;
    }
  }
  return null;
}

/**
 * Whether a text can register a service worker's listener: `addEventListener` and the event's name
 * as a string (a UI module's `addEventListener("click", …)` has no `"fetch"`), so that no
 * function of most texts is looked up by name.
 */
export function listensForWorkerEvents(text: string): boolean {
  return text.includes("addEventListener") && WORKER_EVENT_STRINGS.some((s) => text.includes(s));
}

const WORKER_EVENT_STRINGS = ['"fetch"', "'fetch'", '"scheduled"', "'scheduled'"];

/** `addEventListener("fetch" | "scheduled", …)` of a service worker: the event's type, or null. */
function listenerEvent(scopes: Scopes, call: TSESTree.CallExpression): string | null {
  const type = call.arguments[0];
  if (type?.type !== "Literal" || (type.value !== "fetch" && type.value !== "scheduled")) return null;
  const callee = unwrap(call.callee);
  if (callee.type === "Identifier") return callee.name === "addEventListener" && scopes.isUnresolved(callee) ? type.value : null;
  const global = callee.type === "MemberExpression" && memberName(callee) === "addEventListener" ? unwrap(callee.object) : null;
  return global?.type === "Identifier" && (global.name === "self" || global.name === "globalThis") && scopes.isUnresolved(global) ? type.value : null;
}

/** Methods of a bot that register an update handler (grammY's and Telegraf's). */
const BOT_METHODS: ReadonlySet<string> = new Set(["on", "command", "hears", "callbackQuery", "inlineQuery", "start", "help", "settings", "action", "use", "reaction", "filter", "drop", "chatType", "entity", "mention", "hashtag"]);

/**
 * Whether `fn` is an update handler handed to a bot the file makes (`new Bot(token)` of grammY,
 * `new Telegraf(token)`): its first parameter is the context of one update, one request's data.
 */
export function isBotUpdateHandler(scopes: Scopes, fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== "CallExpression" || !call.arguments.includes(fn as never)) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== "MemberExpression" || !BOT_METHODS.has(memberName(callee) ?? "")) return false;
  const made = madeBy(scopes, unwrap(callee.object)).made;
  const maker = made.type === "NewExpression" ? unwrap(made.callee) : null;
  const info = maker?.type === "Identifier" ? scopes.importOfId(maker) : null;
  return !!info && BOT_PACKAGES.has(info.source);
}

/** The methods an RPC procedure's resolver is handed to (tRPC's `query`/`mutation`/`subscription`, oRPC's `handler`). */
const PROCEDURE_METHODS: ReadonlySet<string> = new Set(["query", "mutation", "subscription", "handler"]);
/** A procedure builder's name: tRPC's `t.procedure`, `publicProcedure`, `authedProcedure`; oRPC's `os`. */
const PROCEDURE_NAME = /^(?:procedure|\w*Procedure|os)$/;
const RPC_PACKAGES = /^@(?:trpc|orpc)\/server(?:\/|$)/;
/** A read of env off a procedure's context (`ctx.env`, `context.env`, also destructured: `{ env } = ctx`). */
const CONTEXT_ENV = /\b(?:ctx|context)\s*\??\.\s*env\b|\{\s*env\b[^}]*\}\s*=\s*(?:ctx|context)\b/;

/** The last text asked of {@link CONTEXT_ENV}, and its answer: each resolver of a file asks it. */
let contextEnvOf: { text: string; reads: boolean } = { text: "", reads: false };

function readsContextEnv(text: string): boolean {
  if (contextEnvOf.text !== text) contextEnvOf = { text, reads: CONTEXT_ENV.test(text) };
  return contextEnvOf.reads;
}

/**
 * What an RPC procedure's resolver gets (`publicProcedure.input(s).query(({ ctx, input }) => …)`,
 * `os.handler(({ context, input }) => …)`): one call's options, whose `ctx`/`context` the server's
 * context factory makes per request, env under its `env`, and the client's input. Null when `fn`
 * is no such resolver: the chain must name a procedure builder, in a file importing the server
 * package or the builder from a module of the project.
 */
export function procedureSpec(scopes: Scopes, importsFrom: ReadonlySet<string>, text: string, call: TSESTree.CallExpression, fn: FunctionNode): CallbackSpec | null {
  const callee = unwrap(call.callee);
  if (callee.type !== "MemberExpression" || !PROCEDURE_METHODS.has(memberName(callee) ?? "") || call.arguments[call.arguments.length - 1] !== fn) return null;
  // (A Worker's procedures read env off their context: those of a Node server, which reads `process.env`, are no Worker's.)
  if (!readsContextEnv(text)) return null;
  for (let n: TSESTree.Node = callee.object, steps = 0; steps < 20; steps++) {
    const e = unwrap(n as never) as TSESTree.Node;
    // (Through a local builder, `const base = os.$context<Ctx>()`.)
    const init = e.type === "Identifier" && !PROCEDURE_NAME.test(e.name) ? constantInit(scopes.variableOf(e)) : null;
    if (init) n = init;
    else if (e.type === "CallExpression") n = e.callee;
    else if (e.type === "MemberExpression" && !PROCEDURE_NAME.test(memberName(e) ?? "")) n = e.object;
    else {
      const name = e.type === "Identifier" ? e.name : e.type === "MemberExpression" ? memberName(e) : null;
      if (name === null || !PROCEDURE_NAME.test(name)) return null;
      const root = e.type === "Identifier" ? scopes.importOfId(e) : null;
      return [...importsFrom].some((s) => RPC_PACKAGES.test(s)) || (root !== null && LOCAL_LOOKING.test(root.source)) ? { paths: [["ctx", "env"], ["context", "env"]], byName: true } : null;
    }
  }
  return null;
}
