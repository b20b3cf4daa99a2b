/**
 * The Workers base of a class another module of the project exports: `class Chat extends BaseAgent`
 * with `export class BaseAgent extends Agent` in `./base`, or a mixin's result
 * (`export const VoiceAgent = withVoice(Agent)`). Its `this.env` is then the Worker's env, as in a
 * class that extends `Agent` itself.
 *
 * The module is read with oxc-parser alone (its top-level names need no scope analysis), and
 * only answers are kept: by export key, the base's name (or none), with the stamp of every module
 * the answer read. A class built on a class of a third module is followed there, up to the
 * cross-module depth.
 *
 * The same reading answers what an instance of an exported class keeps of the parameters its
 * constructor is handed ({@link exportedClassKeeps}), for the message of a kept `new Bot(env)`.
 */
import { readFileSync } from "node:fs";
import type { TSESTree } from "@typescript-eslint/utils";
import { baseOf, type BaseBinding, type BaseBindings } from "../engine/class-bases";
import { keptParams, thisWrites, type KeptParam } from "../engine/shape";
import type { FunctionNode, Node } from "../engine/values";
import { outlineModule, type ModuleOutline, type ParserSpec } from "./parse";
import { resolveImport } from "./resolve";
import { ExportAnswers } from "./answers";

/** Where an export key comes from in its module: a value of its own, or another module's export. */
type Origin = { node: Node } | { specifier: string; name: string };

/** By parser, depth left, path and export key; modules larger than 256 kB are not read for a base class. */
const answers = new ExportAnswers<string>(256_000);

/** By parser, path and export key: what an instance keeps of each constructor parameter. */
const kept = new ExportAnswers<readonly KeptParam[]>(256_000);

export function forgetBases(): void {
  answers.clear();
  kept.clear();
}

/**
 * What an instance of the class export `key` of the module at `path` keeps of each constructor
 * parameter as it was handed (`constructor(env) { this.env = env; }`): by position, "binding" for
 * one typed with a binding type, "whole" for any other, null for one it does not keep. Null when the
 * export is no class declared there (one forwarded from a third module is followed, `hops` deep).
 */
export function exportedClassKeeps(path: string, key: string, spec: ParserSpec, hops: number, read: Map<string, string>): readonly KeptParam[] | null {
  if (hops <= 0) return null;
  return kept.answer(path, `${spec.key}\u0000${hops}\u0000${path}\u0000${key}`, `${spec.key}\u0000${path}\u0000${key}`, read, () => {
    const text = readText(path);
    // A class that keeps a parameter writes it on `this`, or declares it as a parameter property.
    if (text === null || !/\bconstructor\b/.test(text)) return null;
    const outline = outlineModule(path, text, spec, null, false);
    const program = outline ? programOf(outline) : null;
    if (!program || !outline) return null;
    const origin = originOf(program, key);
    if (!origin) return null;
    if ("specifier" in origin) {
      const target = resolveImport(path, origin.specifier);
      return target ? exportedClassKeeps(target, origin.name, spec, hops - 1, read) : null;
    }
    let cls: Node | null = origin.node;
    if (cls.type === "Identifier") {
      const bound = topLevelBindings(program, outline.imports)(cls as TSESTree.Identifier);
      cls = bound && "node" in bound ? (bound.node as Node | null) : null;
    }
    if (cls?.type !== "ClassDeclaration" && cls?.type !== "ClassExpression") return null;
    const ctor = cls.body.body.find((m) => m.type === "MethodDefinition" && m.kind === "constructor") as TSESTree.MethodDefinition | undefined;
    const fn = ctor?.value as FunctionNode | undefined;
    return fn ? keptParams(fn, thisWrites(fn)) : null;
  });
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

function programOf(outline: ModuleOutline): TSESTree.Program | null {
  try {
    return outline.source().parsed.program as unknown as TSESTree.Program;
  } catch {
    return null;
  }
}

/**
 * The Workers base (`Agent`, `DurableObject`, …) that export `key` of the module at `path` is built
 * on; null when it is none, or the module cannot be read. `hops`: modules that may still be followed.
 * `read` gathers the stamp of every module the answer was read from.
 */
export function exportedWorkersBase(path: string, key: string, spec: ParserSpec, hops: number, read: Map<string, string>): string | null {
  if (hops <= 0) return null;
  const cacheKey = `${spec.key}\u0000${hops}\u0000${path}\u0000${key}`;
  return answers.answer(path, cacheKey, `${spec.key}\u0000${path}\u0000${key}`, read, (stamps) => readBase(path, key, spec, hops, stamps));
}

function readBase(path: string, key: string, spec: ParserSpec, hops: number, read: Map<string, string>): string | null {
  const text = readText(path);
  if (text === null || !mayBuildOnAClass(text, key)) return null;
  const next = (specifier: string, name: string): string | null => {
    const target = resolveImport(path, specifier);
    return target ? exportedWorkersBase(target, name, spec, hops - 1, read) : null;
  };
  // oxc-parser's tree and import table alone: a class's base is named at the top level, and no
  // scope analysis is needed to bind those names.
  const outline = outlineModule(path, text, spec, null, false);
  const program = outline ? programOf(outline) : null;
  if (!outline || !program) return null;
  const bindings: BaseBindings = { binding: topLevelBindings(program, outline.imports), importedBase: (info) => next(info.source, info.imported) };
  const memo = new Map<Node, string | null>();
  const origin = originOf(program, key);
  if (origin) return "specifier" in origin ? next(origin.specifier, origin.name) : baseOf(origin.node, bindings, memo);
  // `export * from "./agents"`: the first module that exports the key.
  for (const stmt of program.body) {
    if (stmt.type !== "ExportAllDeclaration" || stmt.exported !== null) continue;
    const base = next(String(stmt.source.value), key);
    if (base) return base;
  }
  return null;
}

/**
 * The module's top-level names: its value imports, classes, and constants (a `let` or `var` may be
 * written again: nothing to follow). A name declared nowhere at the top is taken for a global.
 */
function topLevelBindings(program: TSESTree.Program, imports: ModuleOutline["imports"]): BaseBindings["binding"] {
  const names = new Map<string, BaseBinding>();
  for (const i of imports) {
    i.locals.forEach((local, k) => names.set(local, { import: { source: i.specifier, imported: i.imported[k] ?? "*" } }));
  }
  for (const stmt of program.body) {
    const decl = stmt.type === "ExportNamedDeclaration" || stmt.type === "ExportDefaultDeclaration" ? stmt.declaration : stmt;
    if (decl?.type === "ClassDeclaration" && decl.id) names.set(decl.id.name, { node: decl });
    else if (decl?.type === "VariableDeclaration") {
      for (const d of decl.declarations) if (d.id.type === "Identifier") names.set(d.id.name, { node: decl.kind === "const" ? d.init : null });
    }
  }
  return (id) => names.get(id.name) ?? null;
}

/**
 * Whether export `key` of a module's text may be built on another class, read before any parse: a
 * class of that name whose head extends nothing is not.
 */
function mayBuildOnAClass(text: string, key: string): boolean {
  if (!/^[\w$]+$/.test(key)) return true;
  const head = new RegExp(String.raw`\bclass\s+${key.replace(/\$/g, "\\$")}\b([^{;]{0,300})\{`).exec(text);
  return !head || /\bextends\b/.test(head[1]);
}

/** What export `key` of a module is: its declaration or value, or the export it forwards (`export { X } from`). */
function originOf(program: TSESTree.Program, key: string): Origin | null {
  for (const stmt of program.body) {
    if (stmt.type === "ExportDefaultDeclaration") {
      if (key === "default") return { node: stmt.declaration as Node };
    } else if (stmt.type === "ExportNamedDeclaration") {
      for (const spec of stmt.specifiers) {
        if (spec.type !== "ExportSpecifier" || nameOf(spec.exported) !== key) continue;
        return stmt.source ? { specifier: String(stmt.source.value), name: nameOf(spec.local) } : { node: spec.local as Node };
      }
      const decl = stmt.declaration;
      if (decl?.type === "ClassDeclaration" && decl.id?.name === key) return { node: decl };
      if (decl?.type === "VariableDeclaration") {
        for (const d of decl.declarations) if (d.id.type === "Identifier" && d.id.name === key && d.init) return { node: d.init };
      }
    }
  }
  return null;
}

function nameOf(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === "Identifier" ? node.name : String(node.value);
}
