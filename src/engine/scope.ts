/**
 * Scope and import lookups: which variable an identifier names, what an import brings in, and
 * whether a variable lives as long as the module.
 */
import { getStaticValue } from "@eslint-community/eslint-utils";
import type { TSESTree } from "@typescript-eslint/utils";
import type { Scope, SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { callParams, chainRoot, isFunction, isNullish, literalParts, memberName, returnedOnly, runsAtLoad, unwrap } from "./ast";
import { GLOBAL_OBJECTS } from "./builtins";
import { CLIENT_PACKAGES } from "./clients";
import { LOCAL_LOOKING, PAGE_GLOBALS } from "./sources";
import type { FunctionNode, Node } from "./values";

export type Variable = Scope.Variable;
export type Reference = Scope.Reference;

export interface ImportInfo {
  source: string;
  /** "default", "*" or the exported name. */
  imported: string;
}

export function isModuleScope(scope: Scope.Scope): boolean {
  return (
    scope.type === "module" ||
    scope.type === "global" ||
    (scope.type === "function" && scope.block.type === "Program") ||
    // A namespace's own variables live as long as the module (unless it sits in a function).
    (scope.type === "tsModule" && !!scope.upper && isModuleScope(scope.upper)) ||
    // So do those of a function called once while the module is evaluated:
    // `const getDb = (() => { let db; return (env) => (db ??= drizzle(env.DB)); })();`
    (scope.type === "function" && isModuleLevelIife(scope))
  );
}

/** A variable that lives as long as the module: module scope, or the inner name of a module-level class. */
export function isModuleLevel(variable: Variable): boolean {
  const scope = variable.scope;
  return isModuleScope(scope) || (scope.type === "class" && !!scope.upper && isModuleScope(scope.upper));
}

function isModuleLevelIife(scope: Scope.Scope): boolean {
  const fn = scope.block;
  if (fn.type !== "FunctionExpression" && fn.type !== "ArrowFunctionExpression") return false;
  let call: Node | undefined = fn.parent;
  while (call && (call.type.startsWith("TS") || call.type === "ChainExpression")) call = call.parent;
  if (call?.type !== "CallExpression" || unwrap(call.callee) !== fn) return false;
  return !!scope.upper && isModuleScope(scope.upper);
}

/** The parameter a variable is, when it is declared once as one: its function and position. */
export function parameterOf(variable: Variable | null | undefined): { fn: FunctionNode; index: number } | null {
  const def = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (def?.type !== "Parameter") return null;
  const fn = def.node as FunctionNode;
  const index = callParams(fn).findIndex((p) => p.range[0] <= def.name.range[0] && def.name.range[1] <= p.range[1]);
  return index < 0 ? null : { fn, index };
}

/** The variable a function is declared as (`function f`, `const f = …`), if any. */
export function declaredAs(scopes: Scopes, fn: FunctionNode): Variable | null {
  const id = fn.type === "FunctionDeclaration" ? fn.id : fn.parent?.type === "VariableDeclarator" && fn.parent.init === fn ? fn.parent.id : null;
  if (id?.type !== "Identifier") return null;
  return scopes.declaredBy(fn.type === "FunctionDeclaration" ? fn : (fn.parent as Node)).find((v) => v.name === id.name) ?? null;
}

/**
 * What a value is made by: through a constant (`v` of `const v = await build(k)`) and an `await`,
 * with whether it was awaited.
 */
export function madeBy(scopes: Scopes, node: Node): { made: Node; awaited: boolean } {
  let made = unwrap(node);
  if (made.type === "Identifier") made = unwrap(constantInit(scopes.variableOf(made)) ?? made);
  return made.type === "AwaitExpression" ? { made: unwrap(made.argument), awaited: true } : { made, awaited: false };
}

/**
 * The call of a parameter a stored value is made by (`v` of `const v = await load(k)`), also as a
 * member of an object or array around it (`{ value, expires }`), with whether it was awaited.
 */
export function loaderCallOf(scopes: Scopes, node: Node): { made: Node; awaited: boolean } | null {
  const direct = madeBy(scopes, node);
  if (calledParameter(scopes, direct.made)) return direct;
  for (const part of literalParts(direct.made) ?? []) {
    const made = part.spread ? null : madeBy(scopes, part.node);
    if (made && calledParameter(scopes, made.made)) return made;
  }
  return null;
}

/**
 * A call of a parameter never written again (`load(key)` in `read(key, load)`): that parameter, and
 * for each argument the index of the parameter of the same function it names (null: anything else).
 */
export function calledParameter(
  scopes: Scopes,
  call: Node,
): { fn: FunctionNode; index: number; callee: TSESTree.Identifier; passed: (number | null)[] } | null {
  if (call.type !== "CallExpression") return null;
  const callee = unwrap(call.callee);
  const variable = callee.type === "Identifier" ? scopes.variableOf(callee) : null;
  const param = parameterOf(variable);
  if (!param || variable!.references.some((r) => r.isWrite() && !r.init)) return null;
  const passed = call.arguments.map((arg) => {
    const a = unwrap(arg as Node);
    const at = a.type === "Identifier" ? parameterOf(scopes.variableOf(a)) : null;
    return at && at.fn === param.fn ? at.index : null;
  });
  return { ...param, callee: callee as TSESTree.Identifier, passed };
}

/**
 * The initializer of a variable that is a never-reassigned alias: declared once as
 * `const x = init` (or `let`/`var` never written again). Null for anything else.
 */
export function constantInit(variable: Variable | null | undefined): Node | null {
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.type !== "Variable" || def.node.id.type !== "Identifier" || !def.node.init) return null;
  if (variable.references.some((r) => r.isWrite() && !r.init)) return null;
  return def.node.init;
}

/**
 * Whether an expression is an object made right there (`{ … }`, `[…]`, `new X()`), or a local
 * constant given one: no env, no binding, no module object. Read off the code alone.
 */
export function madeHere(scopes: Scopes, node: Node): boolean {
  const id = unwrap(node);
  const variable = id.type === "Identifier" ? scopes.variableOf(id) : null;
  if (variable && isModuleLevel(variable)) return false;
  const { made, awaited } = madeBy(scopes, node);
  return !awaited && (made.type === "ObjectExpression" || made.type === "ArrayExpression" || made.type === "NewExpression");
}

/** Constructors of a list, set or map, whose `length` or `size` counts its entries. */
const COLLECTIONS: ReadonlySet<string> = new Set(["Array", "Set", "Map"]);

/**
 * Whether a never-reassigned variable is a list, set or map made where it is declared (`const
 * parts = []`, `new Set()`): its `length` or `size` is a count, which keeps none of its entries.
 */
export function isMadeCollection(variable: Variable | null): boolean {
  const init = constantInit(variable);
  const made = init && unwrap(init);
  return !!made && (made.type === "ArrayExpression" || (made.type === "NewExpression" && made.callee.type === "Identifier" && COLLECTIONS.has(made.callee.name)));
}

/** The writes that may make a lazy value: `db = new Db()`, `db ??= new Db()`, `db ||= new Db()`. */
const LAZY_WRITES: ReadonlySet<string> = new Set(["=", "??=", "||="]);

/**
 * What a variable is given besides `null` and `undefined` (`let db = null; … db ??= new Db()`): its
 * initializer and each plain or lazy write. Null when it is written any other way.
 */
export function madeValues(variable: Variable): Node[] | null {
  const values = assignedValues(variable, LAZY_WRITES);
  return values && values.filter((v) => !isNullish(unwrap(v)));
}

/**
 * The one kind of instance a variable is ever given (`const db = new Db()`, `let db; … db ??= new
 * Db()`): every value it holds besides `null` and `undefined` is a `new` of the same class name.
 * Null for anything else.
 */
export function madeInstance(variable: Variable): TSESTree.NewExpression | null {
  return oneClassMade((madeValues(variable) ?? []).map((value) => madeLocally(variable, value)));
}

/** The module variable a function's local constant is put in (`shared = registry`), if one is. */
export function moduleHolder(local: Variable | null | undefined): Variable | null {
  if (!local || isModuleLevel(local) || !constantInit(local)) return null;
  for (const ref of local.references) {
    const p = ref.identifier.parent;
    if (p?.type !== "AssignmentExpression" || p.operator !== "=" || p.right !== ref.identifier || p.left.type !== "Identifier") continue;
    const held = resolvedIn(ref.from, p.left);
    if (held) return isModuleLevel(held) ? held : null;
  }
  return null;
}

/** The variable an identifier of `scope` names, as the scope manager resolved it (null: a global). */
function resolvedIn(scope: Scope.Scope, id: Node): Variable | null {
  return scope.references.find((r) => r.identifier === id)?.resolved ?? null;
}

/** What a write puts in a variable through a local constant of the writing function (`const r = new Registry(); shared = r`): that local's initializer. */
function madeLocally(variable: Variable, value: Node): Node {
  const id = unwrap(value);
  const ref = id.type === "Identifier" ? variable.references.find((r) => r.writeExpr === value) : undefined;
  const local = ref ? resolvedIn(ref.from, id) : null;
  return (local && !isModuleLevel(local) && constantInit(local)) || value;
}

/** The first of `values` when every one is a `new` of the same class name (`new Db()`), else null. */
export function oneClassMade(values: readonly Node[]): TSESTree.NewExpression | null {
  const made = values.map(unwrap);
  const className = (m: Node) => (m.type === "NewExpression" && m.callee.type === "Identifier" ? m.callee.name : null);
  const first = made.length ? className(made[0]) : null;
  return first !== null && made.every((m) => className(m) === first) ? (made[0] as TSESTree.NewExpression) : null;
}

/**
 * What a variable declared once (`let`/`const`/`var`) is given: its initializer and the right side
 * of each later write with one of `operators` (`x = …`, `x ??= …`). Null when it is declared
 * otherwise or written any other way (a pattern, `+=`, `++`, a loop head).
 */
export function assignedValues(variable: Variable, operators: ReadonlySet<string>): Node[] | null {
  if (variable.defs.length !== 1 || variable.defs[0].type !== "Variable") return null;
  const values: Node[] = [];
  const init = variable.defs[0].node.init;
  if (init) values.push(init as Node);
  for (const ref of variable.references) {
    if (!ref.isWrite() || ref.init) continue;
    const p = ref.identifier.parent;
    if (p?.type !== "AssignmentExpression" || p.left !== ref.identifier || !operators.has(p.operator)) return null;
    values.push(p.right as Node);
  }
  return values;
}

/** `new Date()` with no argument: the time it is made. */
function isNewDate(node: Node): boolean {
  return node.type === "NewExpression" && node.arguments.length === 0 && node.callee.type === "Identifier" && node.callee.name === "Date";
}

/** Initialisers a callee can resolve through (see `Functions.resolveAt` and `localClass`). */
const CALLABLE_INITS = new Set([
  "ArrowFunctionExpression",
  "FunctionExpression",
  "ClassExpression",
  "ObjectExpression",
  "NewExpression",
  // A module constant a factory of the file made (`const cache = createCache()`): its methods.
  "CallExpression",
  "Identifier",
  "MemberExpression",
]);

function mayBeCallable(def: Variable["defs"][number]): boolean {
  if (def.type === "FunctionName" || def.type === "ClassName") return true;
  if (def.type !== "Variable" || !def.node.init) return false;
  return CALLABLE_INITS.has(unwrap(def.node.init as Node).type);
}

export class Scopes {
  /** The variable of each identifier the scope manager records a reference of (see {@link variableOf}). */
  private variables: Map<Node, Variable | null> | null = null;
  private importsMemo: (ImportInfo & { local: string })[] | null = null;
  private importedNamesMemo: Map<string, ImportInfo | null> | null = null;
  private localNamesMemo: { declared: ReadonlySet<string>; callable: ReadonlySet<string>; topLevel: ReadonlyMap<string, Variable | null> } | null = null;

  /** `dynamicImport`: whether the module loads one with `import(…)` (the collector saw it). */
  constructor(
    private readonly sourceCode: Readonly<SourceCode>,
    private readonly dynamicImport = false,
  ) {}

  /**
   * The variable an identifier refers to; null for globals (including implicit lib globals). Every
   * reference of the file is put in one table the first time one is asked: one pass over the scope
   * manager's references costs less than a scope lookup (`getScope`, then the references of each
   * scope up the chain) per identifier traced.
   */
  variableOf(id: Node): Variable | null {
    if (id.type !== "Identifier" && id.type !== "JSXIdentifier") return null;
    if (!this.variables) {
      const variables = (this.variables = new Map());
      // (An identifier some scope records twice resolves the same way in both: the first stays. Set
      // last to first, each once, with no lookup before.)
      const scopes = this.sourceCode.scopeManager?.scopes ?? [];
      for (let i = scopes.length - 1; i >= 0; i--) {
        const references = scopes[i].references;
        for (let j = references.length - 1; j >= 0; j--) {
          const r = references[j];
          const resolved = r.resolved;
          variables.set(r.identifier, resolved !== null && resolved.defs.length > 0 ? resolved : null);
        }
      }
    }
    return this.variables.get(id) ?? null;
  }

  /**
   * Whether an expression is the global `process`: the name declared nowhere in the file,
   * `globalThis.process` (also `self.`, `global.`, `(globalThis as any).process ??= …`), or a
   * constant holding one of those.
   */
  isGlobalProcess(node: Node, depth = 0): boolean {
    const e = unwrap(node);
    if (e.type === "Identifier") {
      if (e.name === "process" && this.isUnresolved(e)) return true;
      const init = depth < 2 ? constantInit(this.variableOf(e)) : null;
      return !!init && this.isGlobalProcess(init, depth + 1);
    }
    if (e.type === "AssignmentExpression") return this.isGlobalProcess(e.left as Node, depth + 1);
    if (e.type !== "MemberExpression" || memberName(e) !== "process") return false;
    const root = unwrap(e.object);
    return root.type === "Identifier" && GLOBAL_OBJECTS.has(root.name) && this.isUnresolved(root);
  }

  /** A reading of the clock: `Date.now()`, `performance.now()`, `new Date().getTime()`, `+new Date()`, or a constant holding one (`const now = Date.now()`). */
  isClockReading(node: Node, depth = 0): boolean {
    const e = unwrap(node);
    if (e.type === "Identifier") {
      const init = depth < 2 ? constantInit(this.variableOf(e)) : null;
      return !!init && this.isClockReading(init, depth + 1);
    }
    if (e.type === "UnaryExpression") return e.operator === "+" && unwrap(e.argument).type === "NewExpression" && isNewDate(unwrap(e.argument));
    // A function of the file that only reads the clock (`const nowMs = () => Date.now()`): its call reads it.
    if (e.type === "CallExpression" && e.arguments.length === 0 && unwrap(e.callee).type === "Identifier" && depth < 2) {
      const variable = this.variableOf(unwrap(e.callee));
      const def = variable?.defs.length === 1 ? variable.defs[0] : null;
      const fn = def?.type === "FunctionName" ? (def.node as Node) : constantInit(variable);
      const returned = fn && isFunction(fn) ? returnedOnly(fn) : null;
      return !!returned && this.isClockReading(returned, depth + 1);
    }
    if (e.type !== "CallExpression" || e.callee.type !== "MemberExpression") return false;
    const method = memberName(e.callee);
    const object = unwrap(e.callee.object);
    if (method === "now") return object.type === "Identifier" && (object.name === "Date" || object.name === "performance") && this.isUnresolved(object);
    return (method === "getTime" || method === "valueOf") && isNewDate(object);
  }

  /** An identifier that names a global (declared nowhere in the file). */
  isUnresolved(id: Node): boolean {
    return id.type === "Identifier" && this.variableOf(id) === null;
  }

  importOf(variable: Variable | null): ImportInfo | null {
    const def = variable?.defs[0];
    if (!def || def.type !== "ImportBinding" || def.parent?.type !== "ImportDeclaration") return null;
    const decl = def.parent as TSESTree.ImportDeclaration;
    const spec = def.node as TSESTree.ImportClause;
    const source = String(decl.source.value);
    if (spec.type === "ImportDefaultSpecifier") return { source, imported: "default" };
    if (spec.type === "ImportNamespaceSpecifier") return { source, imported: "*" };
    const imported = spec.imported.type === "Identifier" ? spec.imported.name : String(spec.imported.value);
    return { source, imported };
  }

  /** The import an identifier refers to, if any. */
  /** The import a constant is the call of (`const app = makeApp()`, `makeApp` imported), with the key `makeApp()`: what that call makes. */
  madeByImportedCall(id: Node): ImportInfo | null {
    const init = id.type === "Identifier" ? constantInit(this.variableOf(id)) : null;
    const call = init ? unwrap(init) : null;
    const info = call?.type === "CallExpression" ? this.importOfId(unwrap(call.callee as Node)) : null;
    return info && info.imported !== "*" ? { ...info, imported: `${info.imported}()` } : null;
  }

  /** The import of the type a parameter is annotated with (`app: App` of `import type { App } from "./types"`). */
  typeImportOfParam(id: Node): ImportInfo | null {
    const def = id.type === "Identifier" ? this.variableOf(id)?.defs[0] : undefined;
    const annotation = def?.type === "Parameter" && def.name.type === "Identifier" ? def.name.typeAnnotation?.typeAnnotation : undefined;
    return annotation?.type === "TSTypeReference" && annotation.typeName.type === "Identifier" ? this.importOfId(annotation.typeName) : null;
  }

  importOfId(id: Node): ImportInfo | null {
    // No scope lookup for a name that no import declaration binds (most calls of a file).
    if (id.type !== "Identifier") return null;
    const info = this.importedNames().get(id.name);
    if (info === undefined) return null;
    // A name nothing else in the file declares can only mean the import: no scope lookup either.
    if (info && !this.localNames().declared.has(id.name)) return info;
    return this.importOf(this.variableOf(id));
  }

  /**
   * The module an import declaration binding `name` imports from: undefined when none binds it,
   * null when two do (a local may still shadow it).
   */
  importSourceOf(name: string): string | null | undefined {
    const info = this.importedNames().get(name);
    return info === undefined ? undefined : (info?.source ?? null);
  }

  /**
   * The import an identifier refers to when its specifier looks like one of the project's files
   * (relative, `@/`, `~/`, `#`: see `LOCAL_LOOKING`), else null.
   */
  localImportOfId(id: Node): ImportInfo | null {
    const info = this.importOfId(id);
    return info && LOCAL_LOOKING.test(info.source) ? info : null;
  }

  /** Whether an import declaration binds `name` (a local may still shadow it). */
  mayBeImported(name: string): boolean {
    return this.importedNames().has(name);
  }

  /** Whether the module has a dynamic import (`await import("./db")`). */
  hasDynamicImport(): boolean {
    return this.dynamicImport;
  }

  /** The package whose import a callee's chain starts from (`postgres`, `pg` of `new pg.Pool(…)`), if any. */
  makerOf(callee: Node): string | undefined {
    // (A method of an instance a package's class made: `new Mailgun(FormData).client(…)`.)
    let root = chainRoot(callee);
    if (root.type === "NewExpression") root = chainRoot(root.callee as Node);
    const info = root.type === "Identifier" ? this.importOfId(root) : null;
    if (!info) return undefined;
    // One export of a package whose clients differ (`neon` of `@neondatabase/serverless`).
    const exported = `${info.source}#${info.imported}`;
    return CLIENT_PACKAGES.has(exported) ? exported : info.source;
  }

  /**
   * The variable a callee (or an alias of one) refers to, when it may be callable: null for a name
   * no scope declares so. A name the file declares once, in its module (or script) scope, needs no
   * lookup: every reference of the file is inside that scope, and nothing can shadow it.
   * `id` must be a reference (not a property key or a declaration's own name).
   */
  callableVariable(id: TSESTree.Identifier): Variable | null {
    const names = this.localNames();
    if (!names.callable.has(id.name)) return null;
    return names.topLevel.get(id.name) ?? this.variableOf(id);
  }

  /**
   * The imported names that the file's scopes also declare other than by an import, the names
   * that may be callable, and the names declared once, at the top: one pass over every variable.
   */
  private localNames(): { declared: ReadonlySet<string>; callable: ReadonlySet<string>; topLevel: ReadonlyMap<string, Variable | null> } {
    if (!this.localNamesMemo) {
      const imported = this.importedNames();
      const declared = new Set<string>();
      const callable = new Set<string>();
      // Per name: its variable when it has been seen once, in a top scope; null once seen again or below.
      const topLevel = new Map<string, Variable | null>();
      const scopes = this.sourceCode.scopeManager?.scopes ?? [];
      const isTop = (scope: Scope.Scope) => scope.type === "module" || scope.type === "global";
      // In a module, the global scope holds only the libraries' and the config's globals, none
      // with a definition (`declare global` opens a scope of its own): hundreds, never looked at.
      const module = scopes.some((scope) => scope.type === "module");
      // The global and module scopes first (two passes, no copy of the scope list): a name
      // declared below then only clears one seen at the top.
      for (let pass = 0; pass < 2; pass++) {
        for (const scope of scopes) {
          const top = isTop(scope);
          if (top !== (pass === 0) || (module && scope.type === "global")) continue;
          for (const v of scope.variables) {
            // Globals of the libraries and the config (hundreds in the global scope) have no definition.
            if (v.defs.length === 0) continue;
            if (top) topLevel.set(v.name, topLevel.has(v.name) ? null : v);
            else if (topLevel.get(v.name)) topLevel.set(v.name, null);
            for (const d of v.defs) {
              if (d.type !== "ImportBinding" && imported.has(v.name)) declared.add(v.name);
              if (mayBeCallable(d)) callable.add(v.name);
            }
          }
        }
      }
      this.localNamesMemo = { declared, callable, topLevel };
    }
    return this.localNamesMemo;
  }

  /** What each import specifier of the module brings in, with the local name it binds. */
  imports(): readonly (ImportInfo & { local: string })[] {
    if (!this.importsMemo) {
      this.importsMemo = [];
      for (const statement of (this.sourceCode.ast as TSESTree.Program).body) {
        if (statement.type !== "ImportDeclaration") continue;
        const source = String(statement.source.value);
        for (const spec of statement.specifiers) {
          const imported =
            spec.type === "ImportDefaultSpecifier"
              ? "default"
              : spec.type === "ImportNamespaceSpecifier"
                ? "*"
                : spec.imported.type === "Identifier"
                  ? spec.imported.name
                  : String(spec.imported.value);
          this.importsMemo.push({ source, imported, local: spec.local.name });
        }
      }
    }
    return this.importsMemo;
  }

  /** The local names the module's import declarations bind, with what each imports (null: bound twice). */
  private importedNames(): ReadonlyMap<string, ImportInfo | null> {
    if (!this.importedNamesMemo) {
      this.importedNamesMemo = new Map();
      for (const { source, imported, local } of this.imports()) {
        // A name imported twice is left to the scope lookup.
        this.importedNamesMemo.set(local, this.importedNamesMemo.has(local) ? null : { source, imported });
      }
    }
    return this.importedNamesMemo;
  }

  /** A variable declared at the top of the module, by name. */
  moduleVariable(name: string): Variable | null {
    const scope = this.sourceCode.scopeManager?.acquire(this.sourceCode.ast) ?? null;
    if (!scope) return null;
    const moduleScope = scope.childScopes.find((s) => s.type === "module") ?? scope;
    return moduleScope.set.get(name) ?? null;
  }

  /** A variable a function declares (a parameter or a local), by name. */
  declaredIn(fn: Node, name: string): Variable | null {
    const scope = this.sourceCode.scopeManager?.acquire(fn);
    return scope?.set.get(name) ?? null;
  }

  /** The variables a declaration declares. */
  declaredBy(node: Node): Variable[] {
    return this.sourceCode.scopeManager?.getDeclaredVariables(node) ?? [];
  }

  /** The scope a function opens (its parameters and locals, and the references leaving it). */
  scopeOf(fn: Node): Scope.Scope | null {
    return this.sourceCode.scopeManager?.acquire(fn) ?? null;
  }

  /** Every scope of the file; their variables together are every variable, in no particular order. */
  scopes(): readonly Scope.Scope[] {
    return this.sourceCode.scopeManager?.scopes ?? [];
  }

  /** Every variable of the file, in declaration order. */
  allVariables(): Variable[] {
    return this.scopes()
      .flatMap((scope) => scope.variables)
      .sort((a, b) => (a.defs[0]?.name.range[0] ?? 0) - (b.defs[0]?.name.range[0] ?? 0));
  }

  /** References to globals the file declares nowhere (`Astro`, `getRequestContext`). */
  unresolvedReferences(): Reference[] {
    return this.sourceCode.scopeManager?.globalScope?.through ?? [];
  }

  /** Whether the code (not a string of it) reads the page's globals (`window`, `document`, …), declared as globals or not. */
  readsPageGlobal(): boolean {
    const global = this.sourceCode.scopeManager?.globalScope;
    return PAGE_GLOBALS.some((name) => (global?.set.get(name)?.references.length ?? 0) > 0) || this.unresolvedReferences().some((r) => PAGE_GLOBALS.includes(r.identifier.name));
  }

  /** `env[KEY]` where `KEY` is a constant the file defines: the key's value. */
  staticKey(node: TSESTree.MemberExpression): string | null {
    if (!node.computed || node.property.type !== "Identifier") return null;
    const scope = this.sourceCode.getScope?.(node);
    if (!scope) return null;
    const value = getStaticValue(node.property as never, scope as never);
    return value && (typeof value.value === "string" || typeof value.value === "number") ? String(value.value) : null;
  }
}

/**
 * Whether the module calls, while it is evaluated, a name imported from the project
 * (`export const auth = make(options())`, `data.getDb()` of `import * as data`): that function may
 * read the live `env` its own module imports, a source no word of this text shows.
 */
export function callsProjectImportAtLoad(scopes: Scopes, calls: readonly { node: Node; fn: Node | null }[]): boolean {
  let known = loadCalls.get(calls);
  if (known === undefined) {
    // Where the call runs first (a walk up to its function): most calls run in a function, and need no lookup of their callee.
    known = calls.some((site) => (site.fn === null || runsAtLoad(site.node)) && !!scopes.localImportOfId(chainRoot((site.node as TSESTree.CallExpression).callee as Node)));
    loadCalls.set(calls, known);
  }
  return known;
}

/** {@link callsProjectImportAtLoad} per file (its calls), asked by the entry points and a rule. */
const loadCalls = new WeakMap<object, boolean>();

