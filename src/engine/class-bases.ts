/**
 * The Workers base a class is built on (`DurableObject`, `Agent`, …): its superclass when that is
 * one, imported from a Workers package (also renamed) or ambient; else what the superclass is built
 * on, through classes and constants of the module (`class Room extends Base`), a mixin applied to
 * a class (`extends withVoice(Agent)`), and a class another module of the project exports.
 *
 * One walk for both callers: the linted file, whose names the scope manager binds, and a module
 * the project layer reads with oxc-parser alone, whose top-level names are bound by declaration.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { chainRoot, memberName, unwrap } from "./ast";
import type { ImportInfo } from "./scope";
import { WORKERS_BASES, isWorkersBasePackage } from "./sources";
import type { Node } from "./values";

/** Classes, mixins and constants followed from a class to the Workers base it is built on. */
const MAX_BASE_STEPS = 8;

/** What a name refers to where a class is declared. */
export type BaseBinding =
  /** An import. */
  | { import: ImportInfo }
  /** A class or constant of the module (its declaration or value; null when it has none to follow). */
  | { node: Node | null }
  /** Nothing the module declares: a global. */
  | null;

export interface BaseBindings {
  binding(id: TSESTree.Identifier): BaseBinding;
  /** The Workers base of a class another module of the project exports (absent: none is looked for). */
  importedBase?(info: ImportInfo): string | null;
}

/** The Workers base of a class (`memo` keeps each class's answer, and ends a class that extends itself). */
export function classBase(cls: Node, bindings: BaseBindings, memo: Map<Node, string | null>): string | null {
  const known = memo.get(cls);
  if (known !== undefined) return known;
  memo.set(cls, null);
  const sup = (cls as TSESTree.ClassDeclaration).superClass;
  const base = sup ? baseOf(sup as Node, bindings, memo, 1) : null;
  memo.set(cls, base);
  return base;
}

/** The Workers base of what a class extends, or of a class itself. */
export function baseOf(expr: Node, bindings: BaseBindings, memo: Map<Node, string | null>, steps = 0): string | null {
  const e = unwrap(expr);
  if (steps > MAX_BASE_STEPS) return null;
  if (e.type === "ClassExpression" || e.type === "ClassDeclaration") return classBase(e, bindings, memo);
  // A mixin returns a class built on the one it is handed.
  if (e.type === "CallExpression") {
    for (const arg of e.arguments) {
      const base = baseOf(arg as Node, bindings, memo, steps + 1);
      if (base) return base;
    }
    return null;
  }
  const name = e.type === "Identifier" ? e.name : e.type === "MemberExpression" ? memberName(e) : null;
  // `DurableObject`, `workers.WorkerEntrypoint`: a Workers package's (or an ambient) class.
  if (name && WORKERS_BASES.has(name)) {
    const root = e.type === "MemberExpression" ? chainRoot(e) : e;
    const bound = root.type === "Identifier" ? bindings.binding(root as TSESTree.Identifier) : undefined;
    if (bound === null || (bound && "import" in bound && isWorkersBasePackage(bound.import.source))) return name;
  }
  if (e.type !== "Identifier") return null;
  const bound = bindings.binding(e);
  if (!bound) return null;
  if ("import" in bound) {
    // `import { DurableObject as Base } from "cloudflare:workers"`, or a class of the project.
    const info = bound.import;
    if (isWorkersBasePackage(info.source)) return WORKERS_BASES.has(info.imported) ? info.imported : null;
    return bindings.importedBase?.(info) ?? null;
  }
  return bound.node ? baseOf(bound.node, bindings, memo, steps + 1) : null;
}
