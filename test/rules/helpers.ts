/** Builders for expected errors, so each test case states only what differs. */
import type { Shape } from "../../src/engine/shape";
import type { TargetKind } from "../../src/engine/targets";

/** The hazard each shape of value names, written out as the messages say it. */
export const HAZARD: Record<Shape, string> = {
  env: "it keeps the bindings of the request that stored it, stale after a bindings-only deploy",
  closure: "the closure keeps that request's `env` and is called by later requests with stale bindings",
  client:
    'a client built from it keeps a stale secret after a bindings-only deploy, and any I/O it holds fails on later requests with "Cannot perform I/O on behalf of a different request"',
  value: "it keeps a stale binding or secret after a bindings-only deploy",
  data: "every later request is served that copy, stale once the data behind the binding changes",
};

/** The fix each kind of module place names. */
function fixFor(kind: TargetKind): string {
  if (kind === "static") return "Create it per request, or keep it on the instance (`this.…`) of the Durable Object";
  if (kind === "shared-object") return "Create it per request in the handler, or pass `env` down to where it is used";
  return "Create it per request inside the handler, or pass `env` down to where it is used";
}

export type EnvMessage = "storedInModuleScope" | "lazySingleton" | "addedToCollection";

export interface Expected {
  messageId: EnvMessage;
  target: string;
  origin: string;
  shape: Shape;
  line: number;
  column: number;
  kind?: TargetKind;
}

/** An expected `no-env-in-global-scope` error. `target` and `origin` are given without quotes. */
export function envError(e: Expected) {
  return {
    messageId: e.messageId,
    line: e.line,
    column: e.column,
    data: {
      target: e.target.includes("`") ? e.target : `\`${e.target}\``,
      origin: e.origin.startsWith("a ") || e.origin.startsWith("data read through ") ? e.origin : `\`${e.origin}\``,
      hazard: HAZARD[e.shape],
      fix: fixFor(e.kind ?? "variable"),
    },
  };
}

export const stored = (target: string, origin: string, shape: Shape, line: number, column: number, kind?: TargetKind) =>
  envError({ messageId: "storedInModuleScope", target, origin, shape, line, column, kind });

export const lazy = (target: string, origin: string, shape: Shape, line: number, column: number, kind?: TargetKind) =>
  envError({ messageId: "lazySingleton", target, origin, shape, line, column, kind });

export const added = (target: string, origin: string, shape: Shape, line: number, column: number, kind?: TargetKind) =>
  envError({ messageId: "addedToCollection", target, origin, shape, line, column, kind });

/** Strips the common indentation of a template so line/column numbers read naturally. */
export function code(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ""), "");
  const lines = raw.replace(/^\n/, "").replace(/\n\s*$/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}
