/**
 * Framework callbacks that get one request's state without being handed straight to a call: an
 * Astro action's `handler(input, context)`, written as a property of `defineAction({ … })`, and a
 * Nitro plugin's request hooks (`nitroApp.hooks.hook("request", (event) => …)`).
 */
import { memberName, propertyName, unwrap } from "./ast";
import type { Scopes } from "./scope";
import { ASTRO_ACTION_SOURCES } from "./sources";
import type { FunctionNode } from "./values";

/** The path from an Astro context (an action's, a middleware's) to env. */
const ASTRO_ENV_PATH = ["locals", "runtime", "env"];
/** The path from an H3 event (Nitro, Nuxt) to env. */
const H3_ENV_PATH = ["context", "cloudflare", "env"];

/**
 * Nitro's hooks that run for one request, with what their callback gets after the event: the
 * response being sent (`beforeResponse(event, { body })`, `afterResponse(event, { body })`).
 */
const NITRO_REQUEST_HOOKS: ReadonlySet<string> = new Set(["request", "beforeResponse", "afterResponse"]);

/** What a framework callback's parameters are: the context around env at `context`, the request's data at `data`. */
export interface CallbackParams {
  context: { at: number; envPaths: string[][]; fallback: string } | null;
  data: number[];
}

/**
 * The parameters of a framework callback written in place: an Astro action's handler (`input`, the
 * request's data; `context`, the action's context with `locals.runtime.env`), or a Nitro request
 * hook (the H3 event; the response, for the hooks after the handler). Null for any other function.
 */
export function frameworkCallbackParams(scopes: Scopes, fn: FunctionNode): CallbackParams | null {
  const parent = fn.parent;
  // `defineAction({ input, handler: async (input, context) => … })`, also `handler(input, context) { … }`.
  if (parent?.type === "Property" && parent.value === fn && propertyName(parent) === "handler") {
    const options = parent.parent;
    const call = options?.parent;
    if (call?.type !== "CallExpression" || call.arguments[0] !== options) return null;
    const callee = unwrap(call.callee);
    const info = callee.type === "Identifier" ? scopes.importOfId(callee) : null;
    if (!info || info.imported !== "defineAction" || !ASTRO_ACTION_SOURCES.has(info.source)) return null;
    return { context: { at: 1, envPaths: [ASTRO_ENV_PATH], fallback: "context" }, data: [0] };
  }
  // `nitroApp.hooks.hook("request", (event) => …)`: Nitro's hook registry, by its shape.
  if (parent?.type === "CallExpression" && parent.arguments[1] === fn) {
    const callee = unwrap(parent.callee);
    if (callee.type !== "MemberExpression" || memberName(callee) !== "hook") return null;
    const registry = unwrap(callee.object);
    if (registry.type !== "MemberExpression" || memberName(registry) !== "hooks") return null;
    const name = parent.arguments[0];
    if (name?.type !== "Literal" || typeof name.value !== "string" || !NITRO_REQUEST_HOOKS.has(name.value)) return null;
    return { context: { at: 0, envPaths: [H3_ENV_PATH], fallback: "event" }, data: name.value === "request" ? [] : [1] };
  }
  return null;
}
