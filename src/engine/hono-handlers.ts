/**
 * Where a function of a Hono file gets the context, when it is handed to the app elsewhere than
 * where it is written: by name (`app.use(mw)`, `app.onError(onError)`), or returned by a factory
 * the app is handed the result of (`app.use(requireAuth())`, a factory typed to return a
 * `MiddlewareHandler`, or one returning a middleware's `(c, next)`).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { callParams, isFunction, memberName, outermost, propertyName, typeName, unwrap } from "./ast";
import type { Functions } from "./functions";
import { declaredAs, type ImportInfo, type Scopes } from "./scope";
import { HONO_METHODS, LOCAL_LOOKING, UPGRADE_WEBSOCKET_SOURCES, isHonoSource } from "./sources";
import type { FunctionNode, Node } from "./values";

/** Hono's handler types, by where the handler gets the context (`ErrorHandler`: `(err, c)`). */
export const HONO_HANDLER_TYPES: ReadonlyMap<string, number> = new Map([
  ["Handler", 0],
  ["MiddlewareHandler", 0],
  ["NotFoundHandler", 0],
  ["ErrorHandler", 1],
  // `@hono/zod-openapi`'s handler of a route (`RouteHandler<typeof route, Env>`).
  ["RouteHandler", 0],
]);

/**
 * Where a function typed with a project module's alias of a Hono handler type gets the context
 * (`AppRouteHandler<R>` of `export type AppRouteHandler<R> = RouteHandler<R, AppBindings>`), or null.
 */
export function aliasedHonoHandler(scopes: Scopes, imports: { maker(info: ImportInfo): string | null; typeText(info: ImportInfo): string | null } | undefined, name: string): number | null {
  const info = imports ? scopes.imports().find((i) => i.local === name && i.imported !== "*" && LOCAL_LOOKING.test(i.source)) : undefined;
  const aliased = info ? /^\s*([A-Za-z_$][\w$]*)/.exec(imports!.typeText(info) ?? "")?.[1] : undefined;
  const at = aliased === undefined ? undefined : HONO_HANDLER_TYPES.get(aliased);
  return at !== undefined && isHonoSource(imports!.maker(info!) ?? "") ? at : null;
}

/** Where a handler handed to a Hono app's method gets the context: `onError`'s second parameter, the others' first; null for no such method. */
export function honoContextIndex(method: string | null): number | null {
  if (method === "onError") return 1;
  return method !== null && HONO_METHODS.has(method) ? 0 : null;
}

/**
 * Whether the file imports a type of a project module that aliases Hono's (`MiddlewareHandler`,
 * `App = Hono<…>` of `./types`, asked of the project): its functions are typed with Hono's.
 */
export function importsHonoAlias(scopes: Scopes, imports: { maker(info: ImportInfo): string | null } | undefined): boolean {
  if (!imports) return false;
  return scopes.imports().some((i) => i.imported !== "*" && LOCAL_LOOKING.test(i.source) && /^[A-Z]/.test(i.imported) && isHonoSource(imports.maker(i) ?? ""));
}

/** Where a Hono app's method that `expr` is handed to gives the context, or null. */
function handedToApp(expr: Node): number | null {
  const outer = outermost(expr);
  const call = outer.parent;
  if (call?.type !== "CallExpression" || !call.arguments.includes(outer as never)) return null;
  const callee = unwrap(call.callee);
  return callee.type === "MemberExpression" ? honoContextIndex(memberName(callee)) : null;
}

/**
 * Where a function of the file handed by name to a Hono app's method gets the context: 0, or 1
 * for `onError`'s handler; null when it is handed to none.
 */
export function honoHandlerIndex(scopes: Scopes, fn: FunctionNode): number | null {
  for (const ref of declaredAs(scopes, fn)?.references ?? []) {
    const at = handedToApp(ref.identifier as Node);
    if (at !== null) return at;
  }
  return null;
}

/**
 * Where a function a factory returns gets the context: the factory's return type is a Hono
 * handler's (`(): MiddlewareHandler => async (c, next) => …`), a call of it is handed to the app
 * (`app.use(requireAuth())`), or, for a factory the file only exports, the function is a
 * middleware by its parameters (`(c, next)`). Null for any other function.
 */
export function returnedHonoHandlerIndex(functions: Functions, fn: FunctionNode): number | null {
  const factory = returnedFrom(fn);
  if (!factory) return null;
  const returnType = typeName(factory.returnType?.typeAnnotation as Node | undefined);
  const typed = returnType === null ? undefined : HONO_HANDLER_TYPES.get(returnType);
  if (typed !== undefined) return typed;
  for (const call of functions.ownCalls(factory, true) ?? []) {
    const at = handedToApp(call as Node);
    if (at !== null) return at;
  }
  return isMiddlewareShape(fn) ? 0 : null;
}

/** The function that returns `fn` (`() => async (c) => …`, or `return async (c) => …` in its body). */
export function returnedFrom(fn: FunctionNode): FunctionNode | null {
  const parent = fn.parent as Node | undefined;
  if (parent && isFunction(parent) && parent.body === fn) return parent;
  if (parent?.type !== "ReturnStatement") return null;
  for (let n = parent.parent as Node | undefined; n; n = n.parent as Node | undefined) if (isFunction(n)) return n;
  return null;
}

/** `(c, next)`: a Hono middleware's parameters (a context named so, and `next`). */
function isMiddlewareShape(fn: FunctionNode): boolean {
  const [first, second] = callParams(fn) as TSESTree.Parameter[];
  return first?.type === "Identifier" && CONTEXT_NAMES.has(first.name) && second?.type === "Identifier" && second.name === "next";
}

const CONTEXT_NAMES: ReadonlySet<string> = new Set(["c", "ctx", "context"]);

/** The handlers of a socket Hono upgrades a request to, each given `(event, ws)`. */
const SOCKET_HANDLERS = new Set(["onOpen", "onMessage", "onClose", "onError"]);

/**
 * Whether a function is one of the socket handlers the callback of Hono's `upgradeWebSocket`
 * returns (`upgradeWebSocket((c) => ({ onMessage(evt, ws) { … } }))`): its `ws` is the socket of
 * the request that was upgraded, and its event that socket's message.
 */
export function isUpgradedSocketHandler(scopes: Scopes, fn: FunctionNode): boolean {
  const prop = fn.parent;
  if (prop?.type !== "Property" || prop.value !== fn || !SOCKET_HANDLERS.has(propertyName(prop) ?? "")) return false;
  let holder: Node | undefined = outermost(prop.parent as Node).parent;
  if (holder?.type === "ReturnStatement") {
    while (holder && !isFunction(holder)) holder = holder.parent;
  }
  if (!holder || !isFunction(holder)) return false;
  const call = holder.parent;
  if (call?.type !== "CallExpression" || call.arguments[0] !== holder) return false;
  const callee = unwrap(call.callee);
  const info = callee.type === "Identifier" ? scopes.importOfId(callee) : null;
  return info?.imported === "upgradeWebSocket" && UPGRADE_WEBSOCKET_SOURCES.has(info.source);
}
