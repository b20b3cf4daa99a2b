/** Builders for expected errors, so each test case states only what differs. */
import type { Shape } from "../../src/engine/shape";
import type { TargetKind } from "../../src/engine/targets";

/** The hazard each kind of value names, written out as the messages say it. */
export const HAZARD: Record<Shape, string> = {
  env: "it holds that request's bindings, stale after a deploy",
  closure: "the closure holds that request's `env`, stale after a deploy",
  client: "it keeps a stale secret, and any connection it holds fails later",
  socket: 'other requests fail: "Cannot perform I/O on behalf of a different request"',
  http: "the client keeps its secret, stale after a deploy",
  binding: "it keeps the binding of the deploy that stored it",
  stub: "once a call on the stub throws, every later request's calls on it fail too",
  secret: "it keeps the secret or var of the deploy that stored it",
  storeSecret: "it keeps the secret's value, stale once the secret is rotated",
  value: "it keeps a binding or secret of the deploy that stored it",
  data: "later requests get that copy, stale once the binding's data changes",
  pending: "other requests that await that request's pending read can hang or fail",
};

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
  // A value of several lines (a shared piece of code) takes the indentation of the line it is put in.
  const raw = strings.reduce((acc, s, i) => {
    const text = acc + s;
    if (i >= values.length) return text;
    const indent = /[^\n]*$/.exec(text)![0].match(/^ */)![0];
    return text + String(values[i]).replace(/\n/g, `\n${indent}`);
  }, "");
  const lines = raw.replace(/^\n/, "").replace(/\n\s*$/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}
