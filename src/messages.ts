/**
 * Wording shared by the rules: the hazard each shape of value brings, the fix each kind of place
 * calls for, and how an origin is quoted. A rule's own message templates stay in its file.
 */
import type { Shape } from "./engine/shape";
import type { Target } from "./engine/targets";

export const HAZARD: Record<Shape, string> = {
  env: "it keeps the bindings of the request that stored it, stale after a bindings-only deploy",
  closure: "the closure keeps that request's `env` and is called by later requests with stale bindings",
  client:
    'a client built from it keeps a stale secret after a bindings-only deploy, and any I/O it holds fails on later requests with "Cannot perform I/O on behalf of a different request"',
  value: "it keeps a stale binding or secret after a bindings-only deploy",
  data: "every later request is served that copy, stale once the data behind the binding changes",
};

/** How a message names where a value came from: data read through a binding says so. */
export function originOf(taint: { origin: string; bindingData?: boolean }): string {
  return taint.bindingData ? `data read through ${quote(taint.origin)}` : quote(taint.origin);
}

export function fixFor(target: Pick<Target, "kind">): string {
  switch (target.kind) {
    case "static":
      return "Create it per request, or keep it on the instance (`this.…`) of the Durable Object";
    case "shared-object":
      return "Create it per request in the handler, or pass `env` down to where it is used";
    default:
      return "Create it per request inside the handler, or pass `env` down to where it is used";
  }
}

/** How a message names an origin: in code quotes, unless it is a phrase ("a closure over `env`"). */
export function quote(origin: string): string {
  return origin.startsWith("a ") ? origin : `\`${origin}\``;
}
