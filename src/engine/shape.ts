/**
 * What kind of thing a derived value is, for the hazard a message names: the env object (or a
 * copy of it), a closure over env, a client built from it, a plain value, or data read through a
 * binding.
 */
import { isFunction, unwrap } from "./ast";
import { constantInit, type Scopes } from "./scope";
import type { Node, Taint } from "./values";

export type Shape = "env" | "closure" | "client" | "value" | "data";

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

export function shapeOf(scopes: Scopes, valueNode: Node, taint: Taint): Shape {
  if (taint.closure) return "closure";
  if (taint.envPath && taint.envPath.length === 0) return "env";
  if (taint.bindingData) return "data";
  if (taint.built) return "client";
  const n = definingExpression(scopes, valueNode);
  if (isFunction(n)) return "closure";
  // `{ ...env }`: a copy of the bindings.
  if (n.type === "ObjectExpression" && n.properties.some((p) => p.type === "SpreadElement")) return "env";
  return "value";
}
