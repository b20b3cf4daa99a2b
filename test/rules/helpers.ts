/** Builders for expected errors, so each test case states only what differs. */
import { HAZARD, fixFor, type Shape } from "../../src/findings";
import type { TargetKind } from "../../src/engine/sinks";

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
      origin: e.origin.startsWith("a ") ? e.origin : `\`${e.origin}\``,
      hazard: HAZARD[e.shape],
      fix: fixFor({ kind: e.kind ?? "variable" }),
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
