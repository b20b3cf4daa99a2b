/**
 * What kind of thing a derived value is, for the hazard a message names: the env object (or a
 * copy of it), a closure over env, a client built from it, a plain value, or data read through a
 * binding.
 */
import { isFunction, unwrap } from "./ast";
import { constantInit, type Scopes } from "./scope";
import { clientKind, type ClientKind } from "./sources";
import type { Node, Taint } from "./values";

/**
 * - `env`: the env object or a copy; `closure`: a function over a request's env;
 * - `socket`, `http`, `client`: built by a package whose clients hold a connection, call over
 *   HTTP, or by an unknown construction;
 * - `binding`: a binding, or a wrapper built over one (`drizzle(env.DB)`);
 * - `secret`: a string or number read from env (a secret or var); `value`: a member of env not
 *   known to be either; `data`: data read through a binding.
 */
export type Shape = "env" | "closure" | "client" | "socket" | "http" | "binding" | "secret" | "value" | "data";

/** Follows a local constant to its initializer, a few steps, to see what was built. */
function definingExpression(scopes: Scopes, node: Node): Node {
  let n = unwrap(node);
  for (let i = 0; i < 4; i++) {
    if (n.type === "AwaitExpression") {
      n = unwrap(n.argument);
      continue;
    }
    if (n.type !== "Identifier") break;
    const init = constantInit(scopes.variableOf(n));
    if (!init) break;
    n = unwrap(init);
  }
  return n;
}

export function shapeOf(scopes: Scopes, valueNode: Node, taint: Taint, clientPackages: ReadonlyMap<string, ClientKind> = new Map()): Shape {
  if (taint.closure) return "closure";
  if (taint.envPath && taint.envPath.length === 0) return "env";
  if (taint.bindingData) return "data";
  if (taint.built) {
    const kind = taint.maker ? clientKind(taint.maker, clientPackages) : null;
    if (kind === "socket" || kind === "http") return kind;
    if (kind === "wrapper") return "binding";
    return "client";
  }
  const n = definingExpression(scopes, valueNode);
  if (isFunction(n)) return "closure";
  // `{ ...env }`: a copy of the bindings.
  if (n.type === "ObjectExpression" && n.properties.some((p) => p.type === "SpreadElement")) return "env";
  if (taint.binding || taint.bindingChain) return "binding";
  if (taint.scalar) return "secret";
  return "value";
}
