/**
 * Wording shared by the rules: the one hazard each kind of value brings, and how an origin is
 * named. A rule's own message templates stay in its file; the long story (and the fix for each
 * kind of place) is in the rule's docs, linked from `docs.url`.
 */
import type { BindingKind, Shape } from "./engine/shape";

export const HAZARD: Record<Shape, string> = {
  env: "it holds that request's bindings, stale after a deploy",
  closure: "the closure holds that request's `env`, stale after a deploy",
  client: "built once, it keeps a stale secret after a deploy, and a connection it holds fails in later requests",
  socket: 'its connection belongs to one request: later ones fail with "Cannot perform I/O on behalf of a different request"',
  http: "the client keeps the secret it was built with, stale after a secrets-only deploy",
  binding: "it keeps the binding of the deploy that stored it",
  secret: "it keeps the secret or var of the deploy that stored it",
  value: "it keeps a binding or secret of the deploy that stored it",
  data: "every later request gets that copy, stale once the data behind the binding changes",
};

/**
 * The hazard of a value, named by the kind of binding it came from when the Worker's config says
 * (`it keeps the D1 database binding of …`, `it keeps the var of …`).
 */
export function hazardOf(shape: Shape, kind: BindingKind | undefined): string {
  if (kind?.label && shape === "binding" && kind.shape === "binding") return `it keeps the ${kind.label} binding of the deploy that stored it`;
  if (kind?.label && shape === "secret" && kind.shape === "secret") return `it keeps the ${kind.label} of the deploy that stored it`;
  return HAZARD[shape];
}

/** How a message names where a value came from: data read through a binding says so. */
export function originOf(taint: { origin: string; bindingData?: boolean }): string {
  return taint.bindingData ? `data read through ${quote(taint.origin)}` : quote(taint.origin);
}

/** How a message names an origin: in code quotes, unless it is a phrase ("a closure over `env`"). */
export function quote(origin: string): string {
  return origin.startsWith("a ") ? origin : `\`${origin}\``;
}
