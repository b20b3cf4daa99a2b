/**
 * A module's export table: which function each export key calls (`getDb`, `default`,
 * `Database.get`, `Database#new`, `Database#init` of an instance the caller makes, `config.merge`),
 * and the exports it forwards from other modules (`export { x } from`, `export *`, an imported name
 * exported again), with how a key is looked up through them.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { isFunction, propertyName, unwrap } from "../engine/ast";
import { COMMON_HANDLER_NAMES, HANDLER_NAMES, LOCAL_LOOKING, escapeRegExp } from "../engine/sources";
import type { FileAnalysis } from "../engine/analysis";
import { constantInit, isModuleLevel, madeInstance, moduleHolder } from "../engine/scope";
import { isMemoizer } from "../engine/sinks";
import { assignedSources } from "../engine/functions";
import type { FunctionNode, Node } from "../engine/values";
import { keyHead } from "./reach";
import { resolveImport } from "./resolve";

export interface ExportTable {
  callables: Map<string, FunctionNode>;
  /** Export name → the module specifier and name it comes from. */
  forwards: Map<string, { specifier: string; name: string }>;
  /** `export * from "…"` specifiers. */
  stars: string[];
  /**
   * Exports made by a memoizing package (`export const getSql = memoize((url) => postgres(url))`):
   * the wrapper's call, and the function it wraps when the module has it.
   */
  memoized: Map<string, { call: Node; wrapped: FunctionNode | null }>;
  /** Module-level instances of a class another module exports (`export const db = new Database()`): where the class comes from. */
  instances: Map<string, { specifier: string; name: string }>;
  /** Exported classes built on a class another module exports (`class Db extends Base`): where the base comes from. */
  bases: Map<string, { specifier: string; name: string }>;
}

export function exportTable(analysis: FileAnalysis): ExportTable {
  const table: ExportTable = { callables: new Map(), forwards: new Map(), stars: [], memoized: new Map(), instances: new Map(), bases: new Map() };
  const program = analysis.sourceCode.ast as TSESTree.Program;
  for (const stmt of program.body) {
    if (stmt.type === "ExportAllDeclaration") {
      if (stmt.exported === null) table.stars.push(String(stmt.source.value));
      else table.forwards.set(exportedName(stmt.exported), { specifier: String(stmt.source.value), name: "*" });
      continue;
    }
    if (stmt.type === "ExportDefaultDeclaration") {
      addValue(analysis, table, "default", stmt.declaration as Node);
      continue;
    }
    if (stmt.type !== "ExportNamedDeclaration") continue;
    if (stmt.source) {
      for (const spec of stmt.specifiers) {
        if (spec.type !== "ExportSpecifier") continue;
        table.forwards.set(exportedName(spec.exported), { specifier: String(stmt.source.value), name: exportedName(spec.local) });
      }
      continue;
    }
    const decl = stmt.declaration;
    if (decl?.type === "FunctionDeclaration" && decl.id) addValue(analysis, table, decl.id.name, decl);
    else if (decl?.type === "ClassDeclaration" && decl.id) addValue(analysis, table, decl.id.name, decl);
    else if (decl?.type === "VariableDeclaration") {
      for (const d of decl.declarations) {
        if (d.id.type !== "Identifier") continue;
        // `export let store: Store;` made `store = new Store()` in an init function: that instance.
        const variable = d.init ? null : analysis.scopes.declaredBy(d).find((v) => v.name === (d.id as TSESTree.Identifier).name);
        const made = variable ? madeInstance(variable) : null;
        const value = d.init ?? made;
        if (value) addValue(analysis, table, d.id.name, value as Node);
      }
    }
    for (const spec of stmt.specifiers) {
      if (spec.type !== "ExportSpecifier" || spec.local.type !== "Identifier") continue;
      addValue(analysis, table, exportedName(spec.exported), spec.local);
    }
  }
  return table;
}

/**
 * The class of this module whose one module-scope instance a function returns on every path
 * (`return db` or `return (db ??= new Database())`, `db` only ever made `new Database()`), if any.
 */
function returnedInstanceClass(analysis: FileAnalysis, fn: FunctionNode): Node | null {
  const returns = analysis.facts.returns.get(fn) ?? [];
  let cls: Node | null = null;
  for (const r of returns) {
    let e = unwrap(r);
    if (e.type === "AssignmentExpression" && e.left.type === "Identifier") e = e.left;
    const variable = e.type === "Identifier" ? analysis.scopes.variableOf(e) : null;
    // (Or a local made there that the function also puts in a module variable: `globalRegistry = registry; return registry`.)
    const kept = moduleHolder(variable) ? unwrap(constantInit(variable)!) : null;
    const made = variable && isModuleLevel(variable) ? madeInstance(variable) : kept?.type === "NewExpression" ? kept : null;
    const local = made ? analysis.functions.localClass(made.callee) : null;
    if (!local || (cls && cls !== local)) return null;
    cls = local;
  }
  return cls;
}

/** The methods of a module instance of a class of this module (`db.init`, `getDb().init`), inherited ones too, under `owner`. */
function addInstanceMethods(analysis: FileAnalysis, table: ExportTable, owner: string, cls: Node): void {
  for (const info of analysis.functions.classChain(cls)) {
    for (const [m, fn] of info.methods) if (m !== "constructor" && !table.callables.has(`${owner}.${m}`)) table.callables.set(`${owner}.${m}`, fn);
  }
}

function exportedName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === "Identifier" ? node.name : String(node.value);
}

/** Records what calling export `name` (and its members) reaches. */
function addValue(analysis: FileAnalysis, table: ExportTable, name: string, value: Node, depth = 0): void {
  const v = unwrap(value);
  if (depth > 4) return;
  if (isFunction(v)) {
    table.callables.set(name, v);
    // `getDb()` returning the module's one instance of a class of the module: its methods.
    const cls = returnedInstanceClass(analysis, v);
    if (cls) addInstanceMethods(analysis, table, `${name}()`, cls);
    return;
  }
  if (v.type === "ClassDeclaration" || v.type === "ClassExpression") {
    const add = (key: string, fn: FunctionNode) => table.callables.has(key) || table.callables.set(key, fn);
    const chain = analysis.functions.classChain(v);
    // Built on another module's class: what it does not define is looked up there.
    const top = chain.length > 0 ? ((chain[chain.length - 1].node as TSESTree.ClassDeclaration).superClass as Node | null) : null;
    const base = top ? analysis.scopes.importOfId(unwrap(top)) : null;
    if (base && base.imported !== "*") table.bases.set(name, { specifier: base.source, name: base.imported });
    for (const info of chain) {
      for (const [m, fn] of info.staticMethods) add(`${name}.${m}`, fn);
      // Without a constructor of its own, `new Db()` runs the one it inherits.
      const ctor = info.methods.get("constructor");
      if (ctor) add(`${name}#new`, ctor);
      // Instance methods, called on an instance the caller makes (`new Db().connect(url)`).
      for (const [m, fn] of info.methods) if (m !== "constructor" && m !== "new") add(`${name}#${m}`, fn);
    }
    return;
  }
  if (v.type === "CallExpression" && isMemoizer(analysis.scopes, unwrap(v.callee))) {
    const first = v.arguments[0] ? unwrap(v.arguments[0] as Node) : null;
    const wrapped = first && (isFunction(first) ? first : analysis.functions.resolveFunction(first));
    table.memoized.set(name, { call: v, wrapped: wrapped ?? null });
    return;
  }
  if (v.type === "CallExpression" && assignedSources(analysis.scopes, v).length > 0) {
    // `export default Object.assign(send, { setup(t) { … } })`: the function and the methods the literals give it.
    for (const source of [v.arguments[0] as Node, ...assignedSources(analysis.scopes, v)]) if (source) addValue(analysis, table, name, source, depth + 1);
    return;
  }
  if (v.type === "CallExpression") {
    // `export const cache = createCache()`: what the module's factory returns, kept by the module.
    const made = analysis.functions.factoryResult(v);
    if (made) addValue(analysis, table, name, made, depth + 1);
    return;
  }
  if (v.type === "NewExpression") {
    // `export const config = new Config()`: its instance methods.
    const cls = analysis.functions.localClass(v.callee);
    if (cls) addInstanceMethods(analysis, table, name, cls);
    // Of an imported class, or of one built on an imported class (`class UserRepo extends Base`):
    // the methods it does not define are looked up in that class's module.
    const chain = cls ? analysis.functions.classChain(cls) : [];
    const top = chain.length > 0 ? ((chain[chain.length - 1].node as TSESTree.ClassDeclaration).superClass as Node | null) : null;
    const imported = analysis.scopes.importOfId(unwrap(cls ? (top ?? cls) : v.callee));
    if (imported && imported.imported !== "*") table.instances.set(name, { specifier: imported.source, name: imported.imported });
    return;
  }
  if (v.type === "ObjectExpression") {
    for (const p of v.properties) {
      if (p.type !== "Property") continue;
      const key = propertyName(p);
      const fn = key === null ? null : analysis.functions.resolveFunction(p.value as Node);
      if (key !== null && fn) table.callables.set(`${name}.${key}`, fn);
    }
    return;
  }
  if (v.type === "Identifier") {
    const variable = analysis.scopes.variableOf(v) ?? analysis.scopes.moduleVariable(v.name);
    const def = variable?.defs[0];
    if (!def) return;
    const info = analysis.scopes.importOf(variable);
    if (info) {
      table.forwards.set(name, { specifier: info.source, name: info.imported });
      return;
    }
    if (def.type === "FunctionName" || def.type === "ClassName") addValue(analysis, table, name, def.node as Node, depth + 1);
    else if (def.type === "Variable" && def.node.init) addValue(analysis, table, name, def.node.init, depth + 1);
  }
}

/** Whether an export key names a method called on an instance the caller makes (`Db#init`, not `Db#new`). */
export function isInstanceKey(key: string): boolean {
  const at = key.indexOf("#");
  return at >= 0 && key.slice(at + 1) !== "new";
}

/**
 * An export key a module does not define itself, looked up where the module forwards it from
 * (`export { x } from`, `export * as ns from`, `export *`): `next` with the module and the key
 * there, or each `export *` module in turn until one answers.
 */
export function forwarded<T>(
  path: string,
  key: string,
  table: { forwards: Record<string, { specifier: string; name: string }>; stars: readonly string[] },
  next: (target: string, key: string) => T | null,
  /** An answer that may come from a module that does not export the key at all: kept only when no other `export *` module answers. */
  unsure?: T,
): T | null {
  const head = keyHead(key);
  const rest = key.slice(head.length);
  const forward = table.forwards[head];
  if (forward) {
    const target = resolveImport(path, forward.specifier);
    const inner = forward.name === "*" ? rest.replace(/^\./, "") : `${forward.name}${rest}`;
    return target && inner ? next(target, inner) : null;
  }
  let fallback: T | null = null;
  for (const star of table.stars) {
    const target = resolveImport(path, star);
    const found = target ? next(target, key) : null;
    if (found !== null && found === unsure) fallback = found;
    else if (found) return found;
  }
  return fallback;
}

export interface ExportFacts {
  /** Exports made by a function or class another module exports (`export default new Hono()`), with its specifier. */
  made: { name: string; specifier: string }[];
  /** The module's default export is an object literal (a Worker's handlers). */
  defaultObject: boolean;
}

/**
 * Whether `key` names a handler of a Worker's default export object (`default.fetch` of
 * `export default { async fetch(request, env, ctx) { … } }`), as a test calls it. The runtime hands
 * such a handler its arguments: they are sources of its own module, and whatever it keeps of them
 * is reported there. A caller handing it values adds nothing, and its module is not read.
 */
export function isRuntimeHandler(facts: ExportFacts, key: string): boolean {
  const handler = /^default\.([\w$]+)$/.exec(key);
  // A common name (`connect(url)` of a helper) may be no handler: its module is read.
  return !!handler && HANDLER_NAMES.has(handler[1]) && !COMMON_HANDLER_NAMES.has(handler[1]) && facts.defaultObject;
}

/**
 * Whether a method of the export `head` is a package's (`app.fetch` of `export default app` with
 * `const app = new Hono()`): its code is the package's, which the engine's tables judge,
 * and the module is not read for it (the answer is "unknown").
 */
export function isPackageMethod(facts: ExportFacts, path: string, head: string): boolean {
  return facts.made.some((m) => m.name === head && resolveImport(path, m.specifier) === null);
}

/** The package each type a module exports names (`App` → `hono`), by path and key, with the module's stamp; no text is kept. */
/** Answers about a module's text, by path, question and stamp (see {@link textAnswer}). */
const textAnswers = new Map<string, { stamp: string; answer: string | boolean | null }>();
const MAX_TEXT_ANSWERS = 20_000;

/**
 * An answer about a module's text (what a type alias is made of, what an exported type says),
 * kept by path, question and stamp: the text is read again only when the stamp changed. A text
 * that cannot be read gives `absent`.
 */
export function textAnswer<T extends string | boolean | null>(path: string, question: string, stamp: string, read: () => string | null, answer: (text: string) => T, absent: T): T {
  const key = `${path}\u0000${question}`;
  const known = textAnswers.get(key);
  if (known?.stamp === stamp) return known.answer as T;
  const text = read();
  const value = text === null ? absent : answer(text);
  if (textAnswers.size >= MAX_TEXT_ANSWERS) textAnswers.clear();
  textAnswers.set(key, { stamp, answer: value });
  return value;
}

/**
 * The package a type alias the module exports is made of (`export type App = Hono<{ Bindings: Env }>`
 * with `Hono` imported from `hono`), or null. Asked of every capitalised import of a linted file.
 */
export function typeAliasSource(path: string, key: string, stamp: string, read: () => string | null): string | null {
  return textAnswer(path, `alias\u0000${key}`, stamp, read, (text) => {
    const alias = text.includes("type") ? new RegExp(String.raw`\bexport\s+type\s+${escapeRegExp(key)}\s*(?:<[^=]{0,200}>)?\s*=\s*([A-Za-z_$][\w$]*)`).exec(text) : null;
    const from = alias && new RegExp(String.raw`\bimport\s+(?:type\s+)?\{[^}]*\b${escapeRegExp(alias[1])}\b[^}]*\}\s*from\s*["']([^"']+)["']`).exec(text);
    return from && !LOCAL_LOOKING.test(from[1]) ? from[1] : null;
  }, null);
}

/**
 * The text of a type the module exports, from its `=` or its name (at most a few hundred characters):
 * an alias's type (`Context & { env: Env }`), an interface's body (`{ … }`, after its `extends …` if
 * any). Null when the module exports no type of that name.
 */
export function exportedTypeText(text: string, name: string): string | null {
  const typeParams = String.raw`(?:\s*<[^>{]*>)?`;
  const m = new RegExp(String.raw`^export\s+(?:interface\s+${escapeRegExp(name)}${typeParams}\s*([^{]*)\{|type\s+${escapeRegExp(name)}${typeParams}\s*=\s*)`, "m").exec(text);
  if (!m) return null;
  const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 600);
  return m[1] === undefined ? rest : `${m[1].trim() ? `${m[1].trim()} ` : ""}{${rest}`;
}
