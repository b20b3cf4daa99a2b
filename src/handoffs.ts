/**
 * Findings for calls that hand a derived value to another module: shared by the rules that
 * report them (env values, request state), so both word the other file's store alike.
 */
import { dirname, relative, sep } from "node:path";
import { unwrap } from "./engine/ast";
import type { FileAnalysis } from "./engine/analysis";
import type { ModuleCall, ParamStore } from "./engine/module-calls";
import { SETTER_NAME } from "./engine/sources";
import type { Node, Val } from "./engine/values";

/** The first argument a picker accepts whose parameter the callee keeps, with where. */
export function storedArgument(call: ModuleCall, accepts: (value: Val) => boolean): { node: Node; value: Val; store: ParamStore } | null {
  if (call.resolution !== "summarised") return null;
  for (const arg of call.args) if (arg.store && accepts(arg.value)) return { node: arg.node, value: arg.value, store: arg.store };
  return null;
}

/** Where a store of another file is, as a message says it: `./db/client.ts:10`. */
export function storeLocation(analysis: FileAnalysis, store: ParamStore): { where: string; file: string; line: string } {
  const from = analysis.project ? dirname(analysis.project.filename) : "";
  let file = from ? relative(from, store.file).split(sep).join("/") : store.file;
  if (!file.startsWith(".")) file = `./${file}`;
  return { where: `${file}:${store.line}`, file, line: String(store.line) };
}

/**
 * The name heuristic, for callees the project cannot show (a package, a missing file, no project):
 * a `set*`/`init*`-like function of a local-looking module, called for its effect.
 */
export function judgedByName(call: ModuleCall): boolean {
  if (call.resolution !== "unresolved" || call.topLevel || call.node.type !== "CallExpression") return false;
  const callee = unwrap(call.node.callee);
  if (callee.type !== "Identifier" || !SETTER_NAME.test(callee.name)) return false;
  const statement = call.node.parent?.type === "AwaitExpression" ? call.node.parent.parent : call.node.parent;
  return statement?.type === "ExpressionStatement" && /^(\.|~\/|@\/|#)/.test(call.callee.specifier);
}
