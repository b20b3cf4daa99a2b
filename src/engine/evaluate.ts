/**
 * The trace: what an expression's value derives from.
 *
 * Values are computed on demand and memoised per variable, per function (closure, return
 * summary) and per parameter (call-site resolution), with in-progress guards so that cycles
 * (recursive helpers, `x = f(x)`) terminate. A value that depends on a parameter carries a
 * {@link ParamDep}; {@link Evaluator.resolve} later replaces it by what the file's call sites pass,
 * so one summary per function serves every call site.
 */
import { getStaticValue } from "@eslint-community/eslint-utils";
import type { TSESTree } from "@typescript-eslint/utils";
import type { Scope } from "@typescript-eslint/utils/ts-eslint";
import type { SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { chainRoot, isFunction, keyName, memberName, paramName, paramTypeName, propertyName, shortText, typeFullName, unwrap } from "./ast";
import type { Binder, FileFacts } from "./collect";
import {
  ACCESSOR_CALLS,
  ACCESSOR_SOURCES,
  BODY_READERS,
  CONTEXT_CALLBACKS,
  HANDLER_NAMES,
  HONO_METHODS,
  IO_METHODS,
  ITTY_FACTORIES,
  ITTY_METHODS,
  READING_METHODS,
  REQUEST_TYPES,
  WORKERS_BASES,
  exportedContext,
  honoContext,
  isHonoSource,
  typedContext,
} from "./sources";
import type { Settings } from "../settings";
import {
  EMPTY,
  extendLabel,
  primitive,
  applyDep,
  built,
  isEmpty,
  join,
  member,
  transformed,
  type Container,
  type FunctionNode,
  type Node,
  type ParamDep,
  type Taint,
  type Val,
} from "./values";

type Variable = Scope.Variable;
type Reference = Scope.Reference;

/**
 * Recursion depth past which the trace stops and recovers: it warms the memos bottom-up (variables
 * in source order, then the expression's own subtree) and tries again, so that a chain of 20,000
 * aliases or a 10,000-link member chain is followed without deep recursion. Past that it answers
 * "unknown" (empty), never a stack overflow.
 */
const MAX_DEPTH = 300;

/** Thrown to unwind a trace that went too deep; caught by the entry points. */
const TOO_DEEP = new Error("trace too deep");

export type ClassKind = "workers" | "legacy-do" | "plain";

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

interface ImportInfo {
  source: string;
  imported: string; // "default", "*" or the exported name
}

export class Evaluator {
  /** References by identifier, per scope, built the first time a scope is asked about. */
  private readonly scopeRefs = new Map<Scope.Scope, Map<Node, Reference>>();
  private allRefs: Map<Node, Reference> | null = null;
  readonly honoFile: boolean;
  /** Whether the file imports from a package with an env accessor (`getCloudflareContext`…). */
  private readonly accessorImports: boolean;
  private handlerFacts: { handlers: Set<Node>; sharedObjects: Set<Node>; ittyRouters: Set<Variable> } | null = null;

  /** Handler functions of the module worker's default export (found on first use). */
  get handlers(): Set<Node> {
    return this.entryPoints().handlers;
  }

  /** Object literals shared by every request: the default export object. */
  get sharedObjects(): Set<Node> {
    return this.entryPoints().sharedObjects;
  }

  /** Variables holding an itty-router whose handlers get `(request, env, ctx)`. */
  get ittyRouters(): Set<Variable> {
    return this.entryPoints().ittyRouters;
  }

  private entryPoints() {
    if (!this.handlerFacts) {
      this.handlerFacts = { handlers: new Set(), sharedObjects: new Set(), ittyRouters: new Set() };
      this.findHandlers();
    }
    return this.handlerFacts;
  }

  private readonly varMemo = new Map<Variable, Val>();
  private readonly closureMemo = new Map<Node, Val>();
  private readonly returnMemo = new Map<Node, Val>();
  private readonly sourceParamMemo = new Map<Node, Map<number, Val>>();
  private readonly classKindMemo = new Map<Node, ClassKind>();
  private readonly fieldMemo = new Map<string, Val>();
  private depth = 0;

  constructor(
    readonly sourceCode: Readonly<SourceCode>,
    readonly facts: FileFacts,
    readonly settings: Settings,
  ) {
    this.honoFile = [...facts.importsFrom].some(isHonoSource);
    this.accessorImports = [...facts.importsFrom].some((source) => ACCESSOR_SOURCES.has(source));
  }

  // ---------------------------------------------------------------------------------------------
  // Identifiers and imports

  /** The reference an identifier makes, looked up in its own scope first. */
  referenceOf(id: Node): Reference | undefined {
    const scope = this.sourceCode.getScope?.(id);
    if (scope) {
      let refs = this.scopeRefs.get(scope);
      if (!refs) {
        refs = new Map();
        for (const r of scope.references) refs.set(r.identifier, r);
        this.scopeRefs.set(scope, refs);
      }
      const hit = refs.get(id);
      if (hit) return hit;
    }
    if (!this.allRefs) {
      this.allRefs = new Map();
      for (const sc of this.sourceCode.scopeManager?.scopes ?? []) for (const r of sc.references) this.allRefs.set(r.identifier, r);
    }
    return this.allRefs.get(id);
  }

  /** The variable an identifier refers to; null for globals (including implicit lib globals). */
  variableOf(id: Node): Variable | null {
    if (id.type !== "Identifier" && id.type !== "JSXIdentifier") return null;
    const resolved = this.referenceOf(id)?.resolved;
    return resolved && resolved.defs.length > 0 ? resolved : null;
  }

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
  importOfId(id: Node): ImportInfo | null {
    return id.type === "Identifier" ? this.importOf(this.variableOf(id)) : null;
  }

  /** Whether a variable is the imported, live `env` (of `cloudflare:workers`, or `process` where enabled). */
  isLiveEnv(variable: Variable): boolean {
    return this.isLiveEnvImport(this.importOf(variable));
  }

  private isLiveEnvImport(info: ImportInfo | null): boolean {
    if (!info) return false;
    if (info.source === "cloudflare:workers" && info.imported === "env") return true;
    return this.settings.processEnv && (info.source === "node:process" || info.source === "process") && info.imported === "env";
  }

  // ---------------------------------------------------------------------------------------------
  // Handlers, classes and the roles of functions

  private findHandlers() {
    const program = this.sourceCode.ast;
    const objects: Node[] = [];
    for (const decl of this.facts.exportDefaults) {
      objects.push(unwrap(decl.declaration as Node));
    }
    for (const stmt of program.body) {
      if (stmt.type === "ExportNamedDeclaration" && !stmt.source) {
        for (const spec of stmt.specifiers) {
          const exported = spec.exported.type === "Identifier" ? spec.exported.name : spec.exported.value;
          if (exported === "default" && spec.local.type === "Identifier") objects.push(spec.local);
        }
      }
    }
    for (const site of this.facts.declarators) {
      if (site.fn !== null) continue;
      const decl = site.node as TSESTree.VariableDeclarator;
      if (decl.id.typeAnnotation && typeFullName(decl.id.typeAnnotation)?.endsWith("ExportedHandler") && decl.init) objects.push(unwrap(decl.init));
      if (decl.init && unwrap(decl.init).type === "ObjectExpression" && decl.init.type === "TSSatisfiesExpression") {
        if (typeFullName(decl.init.typeAnnotation as Node)?.endsWith("ExportedHandler")) objects.push(unwrap(decl.init));
      }
    }
    for (let obj of objects) {
      if (obj.type === "Identifier") {
        const v = this.variableOf(obj);
        const def = v?.defs[0];
        if (def?.type === "Variable" && def.node.init) obj = unwrap(def.node.init);
        else if (v && this.isIttyRouterVar(v)) this.ittyRouters.add(v);
      }
      if (obj.type !== "ObjectExpression") continue;
      this.sharedObjects.add(obj);
      for (const prop of obj.properties) {
        if (prop.type !== "Property") continue;
        const name = propertyName(prop);
        if (!name || !HANDLER_NAMES.has(name)) continue;
        const value = unwrap(prop.value);
        if (isFunction(value)) this.handlers.add(value);
        else if (value.type === "Identifier") {
          const fn = this.resolveFunction(value);
          if (fn) this.handlers.add(fn);
        } else if (value.type === "MemberExpression") {
          const root = chainRoot(value);
          const v = root.type === "Identifier" ? this.variableOf(root) : null;
          if (v && this.isIttyRouterVar(v)) this.ittyRouters.add(v);
        }
      }
    }
    // Any module-level itty-router dispatches to its handlers with `(request, env, ctx)`.
    const itty = [...this.facts.importsFrom].some((source) => source.startsWith("itty-router"));
    for (const site of itty ? this.facts.declarators : []) {
      if (site.fn !== null) continue;
      const decl = site.node as TSESTree.VariableDeclarator;
      if (decl.id.type !== "Identifier" || !decl.init) continue;
      const v = this.variableOf(decl.id) ?? this.declaredVariable(decl.id);
      if (v && this.isIttyRouterVar(v)) this.ittyRouters.add(v);
    }
  }

  private declaredVariable(id: TSESTree.Identifier): Variable | null {
    const scope = this.sourceCode.scopeManager?.acquire(this.sourceCode.ast) ?? null;
    if (!scope) return null;
    const moduleScope = scope.childScopes.find((s) => s.type === "module") ?? scope;
    return moduleScope.set.get(id.name) ?? null;
  }

  private isIttyRouterVar(v: Variable): boolean {
    const def = v.defs[0];
    if (def?.type !== "Variable" || !def.node.init) return false;
    const init = unwrap(def.node.init);
    const callee = init.type === "CallExpression" || init.type === "NewExpression" ? unwrap(init.callee) : null;
    if (!callee || callee.type !== "Identifier") return false;
    const info = this.importOfId(callee);
    return !!info && info.source.startsWith("itty-router") && ITTY_FACTORIES.has(info.imported);
  }

  classKind(cls: Node): ClassKind {
    let kind = this.classKindMemo.get(cls);
    if (kind) return kind;
    const c = cls as TSESTree.ClassDeclaration;
    kind = "plain";
    if (c.superClass) {
      const sup = unwrap(c.superClass);
      const name = sup.type === "Identifier" ? sup.name : sup.type === "MemberExpression" ? memberName(sup) : null;
      if (name && WORKERS_BASES.has(name) && this.isWorkersBase(sup)) kind = "workers";
    } else {
      // A Durable Object of the older style: exported, `constructor(state, env)`, and the shape of
      // one (a state-like first parameter, or a fetch/alarm/webSocket handler).
      const ctor = c.body.body.find((m) => m.type === "MethodDefinition" && m.kind === "constructor") as TSESTree.MethodDefinition | undefined;
      const exported = c.parent?.type === "ExportNamedDeclaration" || c.parent?.type === "ExportDefaultDeclaration";
      if (ctor && exported && ctor.value.params.length === 2) {
        const first = ctor.value.params[0];
        const stateLike = /^(state|ctx|durableObjectState|controller|storage)$/.test(paramName(first) ?? "") || paramTypeName(first) === "DurableObjectState";
        const handlers = c.body.body.some(
          (m) => m.type === "MethodDefinition" && /^(fetch|alarm|webSocketMessage|webSocketClose|webSocketError)$/.test(propertyName(m) ?? ""),
        );
        if (stateLike || handlers) kind = "legacy-do";
      }
    }
    this.classKindMemo.set(cls, kind);
    return kind;
  }

  /**
   * A base class named like a Workers one counts when it is imported from a Workers package
   * (`cloudflare:workers`, `agents`, `@cloudflare/actors`, …) or is an ambient global; a class of
   * the same name declared in the file or imported from elsewhere does not.
   */
  private isWorkersBase(sup: Node): boolean {
    const root = sup.type === "MemberExpression" ? chainRoot(sup) : sup;
    if (root.type !== "Identifier") return false;
    const variable = this.variableOf(root);
    if (!variable) return true;
    const info = this.importOf(variable);
    if (!info) return false;
    return (
      info.source === "cloudflare:workers" ||
      info.source === "agents" ||
      info.source.startsWith("agents/") ||
      info.source.startsWith("@cloudflare/") ||
      info.source === "partyserver"
    );
  }

  /** The class a method, constructor or field belongs to. */
  classOfBinder(binder: Binder | null | undefined): { cls: Node; isStatic: boolean; owner: Node } | null {
    if (!binder) return null;
    const owner: Node | undefined = isFunction(binder) ? binder.parent : binder;
    if (!owner) return null;
    if (owner.type === "StaticBlock") return { cls: owner.parent!.parent!, isStatic: true, owner };
    if (owner.type === "MethodDefinition" || owner.type === "PropertyDefinition" || owner.type === "AccessorProperty") {
      return { cls: owner.parent!.parent!, isStatic: !!owner.static, owner };
    }
    return null;
  }

  /** Concrete source values of a function's parameters, by position. */
  sourceParams(fn: FunctionNode): Map<number, Val> {
    let out = this.sourceParamMemo.get(fn);
    if (out) return out;
    out = new Map();
    this.sourceParamMemo.set(fn, out);
    const params = fn.params;
    const label = (i: number, fallback: string) => paramName(params[i]) ?? fallback;
    const envAt = (i: number) => {
      if (i < params.length) out!.set(i, { env: { origin: label(i, "env"), envPath: [] } });
    };
    const reqAt = (i: number, fallback: string) => {
      if (i < params.length) out!.set(i, { req: { origin: label(i, fallback), envPath: null, io: true } });
    };
    const ctxAt = (i: number, container: Container) => {
      if (i < params.length) out!.set(i, { containers: [container] });
    };

    if (this.handlers.has(fn)) {
      reqAt(0, "request");
      envAt(1);
      reqAt(2, "ctx");
    }
    const parent = fn.parent;
    // Constructors of Workers classes: `(ctx, env)`.
    if (parent?.type === "MethodDefinition" && parent.kind === "constructor") {
      const kind = this.classKind(parent.parent.parent);
      if (kind !== "plain") {
        reqAt(0, "ctx");
        envAt(1);
      }
    }
    // chanfana: `class ListTasks extends OpenAPIRoute { async handle(c) { … c.env … } }`.
    if (parent?.type === "MethodDefinition" && parent.kind === "method" && propertyName(parent) === "handle") {
      const sup = (parent.parent.parent as TSESTree.ClassDeclaration).superClass;
      const info = sup ? this.importOfId(unwrap(sup)) : null;
      if (info?.source === "chanfana" && info.imported === "OpenAPIRoute") ctxAt(0, honoContext(label(0, "c")));
    }
    // Framework callbacks passed to a call.
    if (parent && (parent.type === "CallExpression" || parent.type === "NewExpression") && parent.arguments.includes(fn as any)) {
      const callee = unwrap(parent.callee);
      if (callee.type === "MemberExpression") {
        const name = memberName(callee);
        const root = chainRoot(callee);
        const routerVar = root.type === "Identifier" ? this.variableOf(root) : null;
        if (name && routerVar && this.ittyRouters.has(routerVar) && ITTY_METHODS.has(name)) {
          reqAt(0, "request");
          envAt(1);
          reqAt(2, "ctx");
        } else if (name && this.honoFile && HONO_METHODS.has(name)) {
          ctxAt(0, honoContext(label(0, "c")));
        } else if (name === "onError" && this.honoFile) {
          ctxAt(1, honoContext(label(1, "c")));
        }
      } else if (callee.type === "Identifier") {
        const info = this.importOfId(callee);
        const spec = info ? CONTEXT_CALLBACKS.get(info.imported) : undefined;
        // Nuxt and Nitro auto-import their event handlers: no import, no local definition.
        const autoImported = !info && this.isUnresolved(callee) && (callee.name === "defineEventHandler" || callee.name === "eventHandler");
        if (autoImported) ctxAt(0, { envPaths: CONTEXT_CALLBACKS.get("defineEventHandler")!.paths, request: true, label: label(0, "event") });
        else if (info && spec && spec.sources.includes(info.source)) {
          ctxAt(0, { envPaths: spec.paths, request: true, label: label(0, "c") });
        }
      }
    }
    // Exported framework functions: `export async function onRequest(context)`, `export const loader = …`.
    const exportName = this.exportedName(fn);
    if (exportName) {
      const container = exportedContext(exportName, label(0, "context"));
      if (container) ctxAt(0, container);
    }
    // Parameters by annotation or name, for functions whose callers the file cannot all see.
    const callersKnown = this.callersKnown(fn);
    params.forEach((p, i) => {
      if (out!.has(i) || callersKnown) return;
      const type = paramTypeName(p);
      const name = paramName(p);
      if ((type && this.settings.envTypeNames.has(type)) || name === "env") {
        envAt(i);
        return;
      }
      if (type) {
        const container = typedContext(type, label(i, "context"), this.honoFile);
        if (container) return ctxAt(i, container);
        if (REQUEST_TYPES.has(type)) return reqAt(i, type === "ExecutionContext" ? "ctx" : "request");
      }
      if (name === "request") reqAt(i, "request");
    });
    // `export const onRequest: PagesFunction<Env> = async (context) => …`
    const declarator = fn.parent?.type === "VariableDeclarator" ? fn.parent : null;
    if (declarator && !out.has(0)) {
      const type = typeFullName(declarator.id.typeAnnotation);
      const short = type?.split(".").pop();
      const container = short ? typedContext(short === "APIRoute" ? "APIContext" : short, label(0, "context"), this.honoFile) : null;
      if (container) ctxAt(0, container);
      else if (short === "ExportedHandlerFetchHandler") {
        reqAt(0, "request");
        envAt(1);
        reqAt(2, "ctx");
      }
    }
    return out;
  }

  /**
   * Whether every caller of a function is in this file: a function that is not exported and only
   * ever called directly, or a callback of an array method. Its parameters then get exactly what
   * those calls pass, not a guess from their name or type (`function addKv(env: Env)` filling a
   * fresh object is not Workers env).
   */
  private callersKnown(fn: FunctionNode): boolean {
    const call = fn.parent;
    if (call?.type === "CallExpression" && call.arguments.includes(fn as never)) {
      const callee = unwrap(call.callee);
      return callee.type === "MemberExpression" && ARRAY_CALLBACK_METHODS.has(memberName(callee) ?? "");
    }
    let declared: Node | null = null;
    let name: string | null = null;
    if (fn.type === "FunctionDeclaration" && fn.id) {
      declared = fn;
      name = fn.id.name;
    } else if (fn.parent?.type === "VariableDeclarator" && fn.parent.id.type === "Identifier") {
      declared = fn.parent;
      name = fn.parent.id.name;
    }
    if (!declared || !name) return false;
    const holder = declared.type === "VariableDeclarator" ? declared.parent?.parent : declared.parent;
    if (holder?.type === "ExportNamedDeclaration" || holder?.type === "ExportDefaultDeclaration") return false;
    const variable = this.sourceCode.scopeManager?.getDeclaredVariables(declared).find((v) => v.name === name);
    if (!variable) return false;
    let calls = 0;
    for (const ref of variable.references) {
      if (ref.init) continue;
      const parent = ref.identifier.parent;
      if ((parent?.type === "CallExpression" || parent?.type === "NewExpression") && parent.callee === ref.identifier) calls++;
      else return false;
    }
    return calls > 0;
  }

  /** The export name of a function: `export function X`, `export const X = fn`, `export const X = [fn]`. */
  private exportedName(fn: FunctionNode): string | null {
    const byReference = this.exportsByReference().get(fn);
    if (byReference) return byReference;
    if (fn.type === "FunctionDeclaration") {
      return fn.parent?.type === "ExportNamedDeclaration" && fn.id ? fn.id.name : null;
    }
    let n: Node = fn;
    while (n.parent && (n.parent.type === "ArrayExpression" || n.parent.type.startsWith("TS"))) n = n.parent;
    // `export const actions = { default: async (event) => … }` (SvelteKit form actions).
    if (n.parent?.type === "Property" && n.parent.parent.parent?.type === "VariableDeclarator") {
      const decl = n.parent.parent.parent;
      if (decl.id.type === "Identifier" && decl.id.name === "actions" && decl.parent?.parent?.type === "ExportNamedDeclaration") {
        return "load";
      }
    }
    const decl = n.parent;
    if (decl?.type !== "VariableDeclarator" || decl.id.type !== "Identifier") return null;
    return decl.parent?.parent?.type === "ExportNamedDeclaration" ? decl.id.name : null;
  }

  private exportsByReferenceMemo: Map<Node, string> | null = null;

  /**
   * Functions of the file exported under another name or through a list:
   * `export const onRequest = [errorHandling, authenticate]`, `export { handler as onRequest }`.
   */
  private exportsByReference(): Map<Node, string> {
    if (this.exportsByReferenceMemo) return this.exportsByReferenceMemo;
    const out = new Map<Node, string>();
    this.exportsByReferenceMemo = out;
    const add = (expr: Node | null | undefined, name: string) => {
      if (!expr) return;
      const e = unwrap(expr);
      const items = e.type === "ArrayExpression" ? e.elements : [e];
      for (const item of items) {
        if (item?.type !== "Identifier") continue;
        const fn = this.resolveFunction(item);
        if (fn && !out.has(fn)) out.set(fn, name);
      }
    };
    for (const stmt of this.sourceCode.ast.body) {
      if (stmt.type !== "ExportNamedDeclaration") continue;
      if (stmt.declaration?.type === "VariableDeclaration") {
        for (const d of stmt.declaration.declarations) if (d.id.type === "Identifier") add(d.init, d.id.name);
      } else if (!stmt.source) {
        for (const spec of stmt.specifiers) {
          const exported = spec.exported.type === "Identifier" ? spec.exported.name : String(spec.exported.value);
          if (exported !== "default") add(spec.local as Node, exported);
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions

  valueOf(node: Node | null | undefined): Val {
    if (!node) return EMPTY;
    const cached = this.exprMemo?.get(node);
    if (cached) return cached;
    if (this.depth > MAX_DEPTH) throw TOO_DEEP;
    this.depth++;
    try {
      const v = this.compute(node);
      this.exprMemo?.set(node, v);
      return v;
    } finally {
      this.depth--;
    }
  }

  /** Expression values kept while recovering from a too-deep trace (null otherwise). */
  private exprMemo: Map<Node, Val> | null = null;
  private warmedVariables = false;

  /**
   * Runs a trace from an entry point. A trace that goes too deep is retried once after warming
   * the memos bottom-up; if it still cannot finish, the answer is "unknown" (empty).
   */
  private guarded(compute: () => Val, node: Node | null): Val {
    if (this.depth > 0) return compute();
    try {
      return compute();
    } catch (e) {
      if (e !== TOO_DEEP) throw e;
    }
    this.exprMemo = new Map();
    try {
      this.warm(node);
      return compute();
    } catch (e) {
      if (e !== TOO_DEEP) throw e;
      return EMPTY; // "unknown": the trace could not finish even bottom-up
    } finally {
      this.exprMemo = null;
    }
  }

  /** Fills the memos from the bottom up: every variable in source order, then `node`'s subtree. */
  private warm(node: Node | null) {
    const attempt = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e !== TOO_DEEP) throw e;
      }
    };
    if (!this.warmedVariables) {
      this.warmedVariables = true;
      // Return summaries callees first, each computed alone: a callee not yet summarised counts
      // as returning nothing (as a recursive call does), so no summary recurses into another.
      for (const fn of this.calleesFirst()) {
        this.warming = fn;
        attempt(() => this.returnValue(fn));
      }
      this.warming = null;
      const variables: Variable[] = [];
      for (const scope of this.sourceCode.scopeManager?.scopes ?? []) variables.push(...scope.variables);
      variables.sort((a, b) => (a.defs[0]?.name.range[0] ?? 0) - (b.defs[0]?.name.range[0] ?? 0));
      for (const v of variables) attempt(() => this.variableValue(v));
    }
    if (!node) return;
    // Post-order over the subtree with an explicit stack: children are memoised before parents.
    const order: Node[] = [];
    const stack: Node[] = [node];
    const keys = (this.sourceCode.visitorKeys ?? {}) as Record<string, readonly string[]>;
    while (stack.length) {
      const n = stack.pop()!;
      order.push(n);
      if (isFunction(n)) continue;
      for (const key of keys[n.type] ?? []) {
        const child = (n as any)[key];
        if (Array.isArray(child)) for (const c of child) c && typeof c.type === "string" && stack.push(c);
        else if (child && typeof child.type === "string") stack.push(child);
      }
    }
    for (let i = order.length - 1; i >= 0; i--) attempt(() => this.valueOf(order[i]));
  }

  /** While warming, the one function whose return summary may be computed. */
  private warming: FunctionNode | null = null;

  /** The file's functions in depth-first post-order of the call graph (callees before callers). */
  private calleesFirst(): FunctionNode[] {
    const callees = new Map<Node, FunctionNode[]>();
    const roots: FunctionNode[] = [];
    for (const site of this.facts.calls) {
      const { fn } = this.callTarget(site.node as TSESTree.CallExpression);
      if (!fn) continue;
      roots.push(fn);
      let caller: Node | null = site.fn;
      while (caller && !isFunction(caller)) caller = caller.parent ?? null;
      if (!caller) continue;
      const list = callees.get(caller);
      if (list) list.push(fn);
      else callees.set(caller, [fn]);
    }
    const order: FunctionNode[] = [];
    const seen = new Set<Node>();
    for (const root of roots) {
      if (seen.has(root)) continue;
      seen.add(root);
      const stack: { fn: FunctionNode; next: number }[] = [{ fn: root, next: 0 }];
      while (stack.length) {
        const top = stack[stack.length - 1];
        const list = callees.get(top.fn) ?? [];
        if (top.next < list.length) {
          const callee = list[top.next++];
          if (!seen.has(callee)) {
            seen.add(callee);
            stack.push({ fn: callee, next: 0 });
          }
        } else {
          order.push(top.fn);
          stack.pop();
        }
      }
    }
    return order;
  }

  /** A guard entry for a memo that is removed if the computation unwinds. */
  private memoised<K>(memo: Map<K, Val>, key: K, compute: () => Val): Val {
    const hit = memo.get(key);
    if (hit) return hit;
    memo.set(key, EMPTY); // cycle guard: a recursive use contributes nothing new
    let done = false;
    try {
      const v = compute();
      memo.set(key, v);
      done = true;
      return v;
    } finally {
      if (!done) memo.delete(key);
    }
  }

  private compute(node: Node): Val {
    switch (node.type) {
      case "Identifier":
        return this.identifierValue(node);
      case "MemberExpression":
        return this.memberValue(node);
      case "ThisExpression":
        return this.thisValue(node);
      case "TemplateLiteral":
        return primitive(this.joinValues(node.expressions));
      case "TaggedTemplateExpression":
        return transformed(join(this.valueOf(node.tag), this.joinValues(node.quasi.expressions)));
      case "BinaryExpression":
        return primitive(join(this.valueOf(node.left), this.valueOf(node.right)));
      case "LogicalExpression":
        return join(this.valueOf(node.left), this.valueOf(node.right));
      case "ConditionalExpression":
        return join(this.valueOf(node.consequent), this.valueOf(node.alternate));
      case "UnaryExpression":
        return node.operator === "void" || node.operator === "delete" ? EMPTY : primitive(this.valueOf(node.argument));
      case "AwaitExpression":
        return this.awaitValue(node);
      case "SequenceExpression":
        return this.valueOf(node.expressions[node.expressions.length - 1]);
      case "AssignmentExpression":
        return this.valueOf(node.right);
      case "YieldExpression":
        return this.valueOf(node.argument);
      case "ObjectExpression": {
        let v = EMPTY;
        for (const p of node.properties) {
          if (p.type === "SpreadElement") v = join(v, transformed(this.valueOf(p.argument)));
          else {
            v = join(v, transformed(this.valueOf(p.value as Node)));
            if (p.computed) v = join(v, transformed(this.valueOf(p.key)));
          }
        }
        return v;
      }
      case "ArrayExpression": {
        let v = EMPTY;
        for (const e of node.elements) if (e) v = join(v, transformed(this.valueOf(e.type === "SpreadElement" ? e.argument : e)));
        return v;
      }
      case "CallExpression":
      case "NewExpression":
        return this.callValue(node);
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        return this.closureValue(node);
      case "ClassExpression":
        return EMPTY;
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
      case "TSTypeAssertion":
      case "TSInstantiationExpression":
      case "ChainExpression":
        return this.valueOf(node.expression);
      case "AssignmentPattern":
        return join(this.valueOf(node.left), this.valueOf(node.right));
      case "JSXElement":
      case "JSXFragment": {
        // An element holds its attributes' and children's values: `<App apiKey={env.KEY} />`.
        let v = EMPTY;
        const attributes = node.type === "JSXElement" ? node.openingElement.attributes : [];
        for (const a of attributes) v = join(v, this.valueOf(a.type === "JSXSpreadAttribute" ? a.argument : a.value));
        for (const c of node.children) v = join(v, this.valueOf(c));
        return transformed(v);
      }
      case "JSXExpressionContainer":
        return node.expression.type === "JSXEmptyExpression" ? EMPTY : this.valueOf(node.expression);
      default:
        return EMPTY;
    }
  }

  private joinValues(nodes: readonly Node[]): Val {
    let v = EMPTY;
    for (const n of nodes) v = join(v, this.valueOf(n));
    return v;
  }

  private awaitValue(node: TSESTree.AwaitExpression): Val {
    let v = this.valueOf(node.argument);
    // An awaited call resolves to data (`await readBody(event)`), except a fetch() Response.
    const arg = unwrap(node.argument);
    if (v.req?.io && arg.type === "CallExpression" && !v.req.fetched && !(unwrap(arg.callee).type === "Identifier" && (unwrap(arg.callee) as TSESTree.Identifier).name === "fetch")) {
      v = { ...v, req: { ...v.req, io: false } };
    }
    if (v.env?.bindingChain && !v.env.live && v.env.envPath === null) {
      return { ...v, env: { ...v.env, bindingChain: false, bindingData: true, built: false } };
    }
    return v;
  }

  private identifierValue(id: TSESTree.Identifier): Val {
    const variable = this.variableOf(id);
    if (!variable) {
      if (id.name === "Astro") return { containers: [{ envPaths: [["locals", "runtime", "env"]], request: true, label: "Astro" }] };
      return this.accessorRoot(id.name, false, id.name);
    }
    return this.variableValue(variable);
  }

  /** User-declared accessors (`settings.envAccessors`) rooted at this name. */
  private accessorRoot(name: string, call: boolean, label: string): Val {
    const paths = this.settings.envAccessors.filter((a) => a.root === name && a.call === call).map((a) => a.path);
    if (paths.length === 0) return EMPTY;
    if (paths.some((p) => p.length === 0)) return { env: { origin: label, envPath: [] } };
    return { containers: [{ envPaths: paths, request: false, label }] };
  }

  private memberValue(node: TSESTree.MemberExpression): Val {
    const key = memberName(node) ?? this.staticKey(node);
    const object = unwrap(node.object);
    // `process.env` where enabled.
    if (key === "env" && object.type === "Identifier" && object.name === "process" && this.settings.processEnv) {
      const info = this.importOfId(object);
      if (this.isUnresolved(object) || (info && (info.source === "process" || info.source === "node:process"))) {
        return { env: { origin: "process.env", envPath: [], live: true } };
      }
    }
    if (object.type === "ThisExpression") {
      const v = this.thisMemberValue(node);
      if (v) return v;
    }
    if (key === "env") {
      const structural = this.structuralEnv(node, object);
      if (structural) return structural;
    }
    return member(this.valueOf(object), key);
  }

  /** `env[KEY]` where `KEY` is a constant the file defines. */
  private staticKey(node: TSESTree.MemberExpression): string | null {
    if (!node.computed || node.property.type !== "Identifier") return null;
    const scope = this.sourceCode.getScope?.(node);
    if (!scope) return null;
    const value = getStaticValue(node.property as never, scope as never);
    return value && (typeof value.value === "string" || typeof value.value === "number") ? String(value.value) : null;
  }

  /**
   * `x.cloudflare.env`, `x.platform.env`, `x.locals.runtime.env` on a parameter or a call result:
   * shapes no other library uses, so any function that reads them is handed a framework context.
   */
  private structuralEnv(node: TSESTree.MemberExpression, object: Node): Val | null {
    if (object.type !== "MemberExpression") return null;
    const k = memberName(object);
    let ok = k === "cloudflare" || k === "platform";
    if (k === "runtime") {
      const inner = unwrap(object.object);
      ok = inner.type === "MemberExpression" && memberName(inner) === "locals";
    }
    if (!ok) return null;
    let root = chainRoot(object);
    if (root.type === "AwaitExpression") root = chainRoot(root.argument);
    let fromParam = root.type === "CallExpression";
    if (root.type === "Identifier") {
      const v = this.variableOf(root);
      fromParam = !v || v.defs.some((d) => d.type === "Parameter");
    }
    if (!fromParam) return null;
    return { env: { origin: shortText(this.sourceCode.getText(node)), envPath: [] } };
  }

  private thisValue(node: TSESTree.ThisExpression): Val {
    const binder = this.facts.thisBinder.get(node);
    const owner = this.classOfBinder(binder);
    if (!owner || owner.isStatic) return EMPTY;
    if (this.classKind(owner.cls) === "workers") {
      return { containers: [{ envPaths: [["env"]], request: false, label: "this" }] };
    }
    return EMPTY;
  }

  /** `this.x` inside a class: `this.env` of Workers classes, else what the class writes to `x`. */
  thisMemberValue(node: TSESTree.MemberExpression): Val | null {
    const object = unwrap(node.object);
    if (object.type !== "ThisExpression") return null;
    const owner = this.classOfBinder(this.facts.thisBinder.get(object));
    if (!owner) return EMPTY;
    const key = memberName(node);
    if (key === null) return EMPTY;
    const kind = this.classKind(owner.cls);
    if (!owner.isStatic && kind === "workers") {
      if (key === "env") return { env: { origin: "this.env", envPath: [] } };
      if (key === "ctx" || key === "state") return { req: { origin: `this.${key}`, envPath: null, io: true } };
    }
    return this.fieldValue(owner.cls, key, owner.isStatic);
  }

  private fieldValue(cls: Node, key: string, isStatic: boolean): Val {
    const info = this.facts.classes.get(cls);
    if (!info) return EMPTY;
    const memoKey = `${this.classId(cls)}\u0000${isStatic ? "s" : "i"}:${key}`;
    return this.memoised(this.fieldMemo, memoKey, () => {
      const writes = (isStatic ? info.staticWrites : info.fieldWrites).get(key) ?? [];
      let v = this.joinValues(writes);
      // A getter's value is what it returns: `get db() { return drizzle(this.env.DB); }`.
      const getter = (isStatic ? info.staticGetters : info.getters).get(key);
      if (getter) v = join(v, this.returnValue(getter));
      // Constructor parameter properties: `constructor(private env: Env)`.
      if (!isStatic) {
        const ctor = info.methods.get("constructor");
        for (const p of ctor?.params ?? []) {
          if (p.type === "TSParameterProperty" && paramName(p) === key) {
            const id = p.parameter.type === "AssignmentPattern" ? p.parameter.left : p.parameter;
            const variable = this.declaredIn(ctor!, (id as TSESTree.Identifier).name);
            if (variable) v = join(v, this.variableValue(variable));
          }
        }
      }
      return v;
    });
  }

  private classIds = new Map<Node, number>();
  private classId(cls: Node): number {
    let id = this.classIds.get(cls);
    if (id === undefined) {
      id = this.classIds.size;
      this.classIds.set(cls, id);
    }
    return id;
  }

  private declaredIn(fn: Node, name: string): Variable | null {
    const scope = this.sourceCode.scopeManager?.acquire(fn);
    return scope?.set.get(name) ?? null;
  }

  // ---------------------------------------------------------------------------------------------
  // Variables

  variableValue(variable: Variable): Val {
    return this.memoised(this.varMemo, variable, () =>
      isModuleLevel(variable) ? this.moduleVariableValue(variable) : this.localVariableValue(variable),
    );
  }

  /** The value of a variable, from an entry point (recovers from too-deep traces). */
  variableValueAt(variable: Variable): Val {
    return this.guarded(() => this.variableValue(variable), variable.defs[0]?.node ?? null);
  }

  private moduleVariableValue(variable: Variable): Val {
    const info = this.importOf(variable);
    if (info) {
      if (this.isLiveEnvImport(info)) {
        return { env: { origin: info.source === "cloudflare:workers" ? "env" : "process.env", envPath: [], live: true } };
      }
      if (info.source === "cloudflare:workers" && info.imported === "*") {
        return { containers: [{ envPaths: [["env"]], request: false, label: variable.name }] };
      }
      return EMPTY;
    }
    // Module state: the initializer and writes made while the module is evaluated.
    let v = EMPTY;
    for (const def of variable.defs) {
      if (def.type === "Variable") v = join(v, this.patternValue(def.name, def.node.id, this.declaratorInit(def.node)));
    }
    for (const ref of variable.references) {
      if (!ref.isWrite() || ref.init || !ref.writeExpr) continue;
      if (this.enclosingRuntime(ref.identifier)) continue;
      v = join(v, this.writeValue(ref));
    }
    return markModuleState(v);
  }

  private enclosingRuntime(node: Node): boolean {
    for (let n = node.parent; n; n = n.parent) {
      if (isFunction(n)) return true;
      if ((n.type === "PropertyDefinition" || n.type === "AccessorProperty") && !n.static) return true;
    }
    return false;
  }

  private declaratorInit(decl: TSESTree.VariableDeclarator): Val {
    if (decl.init) return this.valueOf(decl.init);
    const stmt = decl.parent?.parent;
    if (stmt && (stmt.type === "ForOfStatement" || stmt.type === "ForInStatement") && stmt.left === decl.parent) {
      return stmt.type === "ForOfStatement" ? member(this.valueOf(stmt.right), null) : transformed(this.valueOf(stmt.right));
    }
    return EMPTY;
  }

  private localVariableValue(variable: Variable): Val {
    let v = EMPTY;
    for (const def of variable.defs) {
      switch (def.type) {
        case "Parameter":
          v = join(v, this.parameterValue(def.node as Node, def.name as TSESTree.Identifier));
          break;
        case "Variable":
          v = join(v, this.patternValue(def.name, def.node.id, this.declaratorInit(def.node)));
          break;
        case "FunctionName":
          v = join(v, this.closureValue(def.node as FunctionNode));
          break;
        default:
          break;
      }
    }
    for (const ref of variable.references) {
      if (!ref.isWrite() || ref.init || !ref.writeExpr) continue;
      v = join(v, this.writeValue(ref));
    }
    return v;
  }

  /** The value a write reference stores: `x = e`, `({ a: x } = e)`, `for (x of e)`. */
  private writeValue(ref: Reference): Val {
    const id = ref.identifier as Node;
    let root: Node = id;
    while (root.parent && isPatternStep(root.parent, root)) root = root.parent;
    const holder = root.parent;
    let value = this.valueOf(ref.writeExpr as Node);
    if (holder && (holder.type === "ForOfStatement" || holder.type === "ForInStatement")) {
      value = holder.type === "ForOfStatement" ? member(value, null) : transformed(value);
    }
    return this.patternValue(id, root, value);
  }

  /** Applies the destructuring path from `root` down to `id` to the value of `root`. */
  private patternValue(id: Node, root: Node, rootValue: Val): Val {
    if (id === root) return rootValue;
    const steps: Node[] = [];
    for (let n: Node = id; n !== root && n.parent; n = n.parent) steps.push(n);
    let v = rootValue;
    for (let i = steps.length - 1; i >= 0; i--) {
      const child = steps[i];
      const parent = child.parent!;
      switch (parent.type) {
        case "Property":
          if (parent.value === child) {
            const key = keyName(parent.key, parent.computed);
            // An accessor call keeps its name in messages (`getCloudflareContext().env.KV`).
            const hadEnv = !!v.env || !!v.containers?.some((c) => c.label.endsWith(")"));
            v = member(v, key);
            // Name what is destructured from a framework context as written in the pattern:
            // `({ platform }) => platform.env.KV`, `({ env }) => env.SESSIONS`.
            const local = child.type === "Identifier" ? child.name : key;
            if (v.containers && local !== null) v = { ...v, containers: v.containers.map((c) => ({ ...c, label: local })) };
            if (!hadEnv && v.env && v.env.envPath?.length === 0 && local !== null) v = { ...v, env: { ...v.env, origin: local } };
          }
          break;
        case "ArrayPattern":
          v = member(v, String(parent.elements.indexOf(child as any)));
          break;
        case "AssignmentPattern":
          if (parent.left === child) v = join(v, this.valueOf(parent.right));
          break;
        case "RestElement":
          if (parent.parent?.type === "ArrayPattern") v = transformed(v);
          break;
        default:
          break;
      }
    }
    return v;
  }

  /** A parameter: its source value (handler position, annotation, name) and its call-site dependency. */
  private parameterValue(fn: Node, name: TSESTree.Identifier): Val {
    if (!isFunction(fn)) return EMPTY;
    let root: Node = name;
    while (root.parent && root.parent !== fn && root.parent.type !== "TSParameterProperty") root = root.parent;
    if (root.parent?.type === "TSParameterProperty") root = root.parent;
    const index = fn.params.indexOf(root as any);
    if (index < 0) return EMPTY;
    let base: Val = join(this.sourceParams(fn).get(index) ?? EMPTY, this.callbackParam(fn));
    const param = fn.params[index];
    if (param.type === "RestElement") return transformed(base);
    base = join(base, { params: [{ fn, index, path: [] }] });
    const inner = param.type === "TSParameterProperty" ? param.parameter : param;
    return this.patternValue(name, inner, base);
  }

  /**
   * A callback handed to a method of a derived value receives its elements or its result:
   * `Object.entries(env).forEach(([k, v]) => …)`, `env.KV.get(k).then((v) => …)`.
   */
  private callbackParam(fn: FunctionNode): Val {
    const call = fn.parent;
    if (call?.type !== "CallExpression" || !call.arguments.includes(fn as never)) return EMPTY;
    const callee = unwrap(call.callee);
    if (callee.type !== "MemberExpression") return EMPTY;
    const name = memberName(callee);
    if (!name || !CALLBACK_METHODS.has(name)) return EMPTY;
    const receiver = this.valueOf(callee.object);
    if (isEmpty(receiver)) return EMPTY;
    if (name === "then" || name === "catch" || name === "finally") {
      const env = receiver.env;
      if (env?.bindingChain && !env.live) return { ...transformed(receiver), env: { ...env, envPath: null, bindingChain: false, bindingData: true, built: false } };
      return receiver;
    }
    return member(receiver, null);
  }

  // ---------------------------------------------------------------------------------------------
  // Functions: closures, return summaries, call sites

  /** A function value: derived when it closes over a derived local or reads an outer `this.env`. */
  closureValue(fn: FunctionNode): Val {
    return this.memoised(this.closureMemo, fn, () => this.computeClosure(fn));
  }

  private computeClosure(fn: FunctionNode): Val {
    let v = EMPTY;
    const scope = this.sourceCode.scopeManager?.acquire(fn);
    for (const ref of scope?.through ?? []) {
      const variable = ref.resolved;
      if (!variable || isModuleLevel(variable)) continue;
      v = join(v, asClosure(this.variableValue(variable), variable.name));
    }
    for (const read of this.facts.arrowThisReads.get(fn) ?? []) {
      v = join(v, asClosure(this.valueOf(read), "this"));
    }
    return v;
  }

  /** What a function returns, in terms of its own parameters (a summary reused by every call). */
  returnValue(fn: FunctionNode): Val {
    if (this.warming && this.warming !== fn && !this.returnMemo.has(fn)) return EMPTY;
    return this.memoised(this.returnMemo, fn, () => this.joinValues(this.facts.returns.get(fn) ?? []));
  }

  /** Resolves the function a callee refers to, within this file. */
  resolveFunction(callee: Node, depth = 0): FunctionNode | null {
    const c = unwrap(callee);
    if (isFunction(c)) return c;
    if (depth > 3) return null;
    if (c.type === "Identifier") {
      const v = this.variableOf(c);
      if (!v || v.defs.length !== 1) return null;
      const def = v.defs[0];
      if (def.type === "FunctionName" && isFunction(def.node as Node)) return def.node as FunctionNode;
      if (def.type === "Variable" && def.node.id.type === "Identifier" && def.node.init) {
        if (v.references.some((r) => r.isWrite() && !r.init)) return null;
        return this.resolveFunction(def.node.init, depth + 1);
      }
      return null;
    }
    if (c.type === "MemberExpression") {
      const key = memberName(c);
      if (key === null) return null;
      const object = unwrap(c.object);
      if (object.type === "ThisExpression") {
        const owner = this.classOfBinder(this.facts.thisBinder.get(object));
        const info = owner && this.facts.classes.get(owner.cls);
        return (owner?.isStatic ? info?.staticMethods : info?.methods)?.get(key) ?? null;
      }
      if (object.type === "Identifier") {
        const v = this.variableOf(object);
        const def = v?.defs[0];
        if (def?.type === "ClassName") return this.facts.classes.get(def.node as Node)?.staticMethods.get(key) ?? null;
        // `const config = new Config(); config.load(env)`: a method of a class of this file.
        const init = def?.type === "Variable" && def.node.init ? unwrap(def.node.init) : null;
        if (init?.type === "NewExpression") {
          const cls = this.localClass(init.callee);
          return cls ? (this.facts.classes.get(cls)?.methods.get(key) ?? null) : null;
        }
        if (def?.type === "Variable" && def.node.init && unwrap(def.node.init).type === "ObjectExpression") {
          const obj = unwrap(def.node.init) as TSESTree.ObjectExpression;
          for (const p of obj.properties) {
            if (p.type === "Property" && propertyName(p) === key) return this.resolveFunction(p.value as Node, depth + 1);
          }
        }
      }
    }
    return null;
  }

  private callValue(node: TSESTree.CallExpression | TSESTree.NewExpression): Val {
    const callee = unwrap(node.callee);
    const args = node.arguments as Node[];
    if (node.type === "NewExpression") {
      if (callee.type === "Identifier" && callee.name === "WebSocketPair" && this.isUnresolved(callee)) {
        return { req: { origin: "new WebSocketPair()", envPath: null, io: true } };
      }
      return built(transformed(join(this.valueOf(callee), this.argsValue(args))));
    }
    if (callee.type === "Identifier") {
      const accessor = this.accessorCall(callee);
      if (accessor) return accessor;
      if (callee.name === "fetch" && this.isUnresolved(callee)) return this.fetchValue(args);
      if (callee.name === "connect") {
        const info = this.importOfId(callee);
        if (info?.source === "cloudflare:sockets") return { ...transformed(this.argsValue(args)), req: { origin: "connect()", envPath: null, io: true } };
      }
    }
    const fn = this.resolveFunction(callee);
    if (fn) return this.invoke(fn, args);
    if (callee.type === "MemberExpression") return this.methodCallValue(callee, args);
    if (callee.type === "Identifier" && PRIMITIVE_FUNCTIONS.has(callee.name) && this.isUnresolved(callee)) {
      return primitive(this.argsValue(args));
    }
    return built(transformed(join(this.valueOf(callee), this.argsValue(args))));
  }

  /**
   * A `fetch()` response is an I/O object. The data read from it is upstream data, not request
   * state, unless the call forwards the request itself or its headers (the user's credentials).
   */
  private fetchValue(args: readonly Node[]): Val {
    const a = transformed(this.argsValue(args));
    const first = args[0] ? this.valueOf(args[0]) : EMPTY;
    let personal = !!first.req?.io;
    const init = args[1] ? unwrap(args[1]) : null;
    if (init?.type === "ObjectExpression") {
      for (const p of init.properties) {
        if (p.type === "Property" && propertyName(p) === "headers" && this.valueOf(p.value as Node).req) personal = true;
      }
    } else if (init && this.valueOf(init).req) personal = true;
    const origin = personal && a.req ? a.req.origin : "a fetch() response";
    return { ...a, req: { origin, envPath: null, io: true, fetched: !personal } };
  }

  private argsValue(args: readonly Node[]): Val {
    let v = EMPTY;
    for (const a of args) v = join(v, this.valueOf(a.type === "SpreadElement" ? a.argument : a));
    return v;
  }

  private accessorCall(callee: TSESTree.Identifier): Val | null {
    if (!this.accessorImports && this.settings.envAccessors.length === 0) return null;
    const info = this.accessorImports ? this.importOfId(callee) : null;
    const label = `${callee.name}()`;
    if (info) {
      const spec = ACCESSOR_CALLS.get(info.imported);
      if (spec && spec.sources.includes(info.source)) return { containers: [spec.container(label)] };
      if (info.source === "hono/adapter" && info.imported === "env") return { env: { origin: label.replace("()", "(c)"), envPath: [] } };
    }
    const user = this.accessorRoot(callee.name, true, label);
    return isEmpty(user) ? null : user;
  }

  private methodCallValue(callee: TSESTree.MemberExpression, args: readonly Node[]): Val {
    const name = memberName(callee);
    const object = unwrap(callee.object);
    if (name === "call" || name === "apply") {
      const fn = this.resolveFunction(object);
      if (fn) {
        const rest = args.slice(1);
        const passed = name === "apply" && rest[0]?.type === "ArrayExpression" ? (rest[0].elements.filter(Boolean) as Node[]) : rest;
        return this.invoke(fn, passed);
      }
    }
    if (name === "snapshot" && object.type === "Identifier" && object.name === "AsyncLocalStorage") {
      return { req: { origin: "AsyncLocalStorage.snapshot()", envPath: null, io: true } };
    }
    const receiver = this.valueOf(object);
    const argv = this.argsValue(args);
    // Reading a module-scope collection or object returns module state, not its arguments.
    const root = chainRoot(object);
    if (root.type === "Identifier" && isEmpty(withoutModuleState(receiver))) {
      const v = this.variableOf(root);
      if (v && isModuleLevel(v) && !this.importOf(v) && name && READING_METHODS.has(name)) {
        return transformed(receiver);
      }
    }
    if (name === "bind") {
      // A bound function keeps its receiver and bound arguments: ctx.waitUntil.bind(ctx).
      const v = join(receiver, argv);
      return { ...transformed(v), req: v.req ? { ...v.req, io: v.req.io } : undefined, env: v.env ? { ...v.env, envPath: null, closure: true } : undefined };
    }
    // The result of a method holds the receiver's I/O only for I/O methods (`clone`, `tee`, …).
    let recv = transformed(receiver);
    if (recv.req?.io && !(name && IO_METHODS.has(name))) recv = { ...recv, req: { ...recv.req, io: false } };
    if (recv.req && name && !recv.req.origin.startsWith("a ")) recv = { ...recv, req: { ...recv.req, origin: `${extendLabel(recv.req.origin, name)}()` } };
    // A method of something not derived, fed derived arguments, builds from them
    // (`crypto.subtle.importKey("raw", secret, …)`, `Stripe.create(key)`); data helpers do not.
    const dataHelper = object.type === "Identifier" && DATA_HELPERS.has(object.name) && this.isUnresolved(object);
    let out = join(recv, isEmpty(recv) && !dataHelper ? built(transformed(argv)) : transformed(argv));
    const env = receiver.env;
    if (env && !env.live && (env.bindingChain || (env.envPath?.length ?? 0) >= 1) && !(name && VALUE_METHODS.has(name))) {
      // A method of a binding (`env.KV.get(k)`, `env.DB.prepare(q).bind(x)`): awaiting it reads data.
      out = { ...out, env: { ...env, envPath: null, closure: false, bindingChain: true, built: true } };
    }
    if (receiver.req && name) {
      if (receiver.req.fetched && BODY_READERS.has(name) && !argv.req) {
        const rest = { ...out };
        delete rest.req;
        return rest;
      }
    }
    return out;
  }

  /** The value of calling a function of this file: its return summary with the arguments substituted. */
  invoke(fn: FunctionNode, args: readonly Node[]): Val {
    const summary = this.returnValue(fn);
    if (!summary.params) return summary;
    const out: Val = { ...summary };
    delete out.params;
    let v: Val = out;
    const kept: ParamDep[] = [];
    for (const dep of summary.params) {
      if (dep.fn !== fn) {
        kept.push(dep);
        continue;
      }
      const arg = args[dep.index];
      if (!arg) continue;
      const argValue = arg.type === "SpreadElement" ? transformed(this.valueOf(arg.argument)) : this.valueOf(arg);
      v = join(v, applyDep(argValue, dep, this.paramLabel(fn, dep.index)));
    }
    if (kept.length) v = join(v, { params: kept });
    return v;
  }

  private paramLabel(fn: FunctionNode, index: number): string {
    const p = fn.params[index];
    return (p && paramName(p)) ?? "its argument";
  }

  /**
   * What the file's call sites pass to each parameter, computed once for the whole file as a
   * fixpoint: each argument's value is traced once (symbolically), then a worklist propagates
   * concrete values along parameter-to-parameter edges until nothing changes. Recursion, direct
   * or mutual, only adds edges; each slot changes a bounded number of times, so the work stays
   * linear in the number of call sites.
   */
  private solveParams(): Map<Node, Val[]> {
    if (this.paramSolution) return this.paramSolution;
    const solution = new Map<Node, Val[]>();
    this.paramSolution = solution;
    type Edge = { to: FunctionNode; index: number; dep: ParamDep };
    const edges = new Map<string, Edge[]>();
    const key = (fn: Node, index: number) => `${this.nodeId(fn)}:${index}`;
    const get = (fn: Node, index: number) => solution.get(fn)?.[index] ?? EMPTY;
    const set = (fn: Node, index: number, v: Val) => {
      let slots = solution.get(fn);
      if (!slots) solution.set(fn, (slots = []));
      slots[index] = v;
    };
    const work: [FunctionNode, number][] = [];
    for (const site of this.facts.calls) {
      const call = site.node as TSESTree.CallExpression;
      const { fn, args } = this.callTarget(call);
      if (!fn) continue;
      const count = Math.min(args.length, fn.params.length);
      for (let i = 0; i < count; i++) {
        const arg = args[i];
        const v = arg.type === "SpreadElement" ? transformed(this.valueAt((arg as TSESTree.SpreadElement).argument)) : this.valueAt(arg);
        if (isEmpty(v)) continue;
        const concrete: Val = { ...v };
        delete concrete.params;
        if (!isEmpty(concrete)) {
          set(fn, i, join(get(fn, i), concrete));
          work.push([fn, i]);
        }
        for (const dep of v.params ?? []) {
          const k = key(dep.fn, dep.index);
          const list = edges.get(k);
          const edge = { to: fn, index: i, dep };
          if (list) list.push(edge);
          else edges.set(k, [edge]);
        }
      }
    }
    // Each slot waits in the queue at most once; it is queued again only after it changed.
    const queued = new Set<string>();
    const pending: [FunctionNode, number][] = [];
    for (const [fn, index] of work) {
      const k = key(fn, index);
      if (!queued.has(k)) {
        queued.add(k);
        pending.push([fn, index]);
      }
    }
    work.length = 0;
    work.push(...pending);
    let steps = 0;
    while (work.length > 0 && steps++ < 1_000_000) {
      const [fn, index] = work.pop()!;
      queued.delete(key(fn, index));
      const value = get(fn, index);
      for (const edge of edges.get(key(fn, index)) ?? []) {
        const before = get(edge.to, edge.index);
        const after = join(before, applyDep(value, edge.dep, this.paramLabel(fn, index)));
        if (signature(after) !== signature(before)) {
          set(edge.to, edge.index, after);
          const k = key(edge.to, edge.index);
          if (!queued.has(k)) {
            queued.add(k);
            work.push([edge.to, edge.index]);
          }
        }
      }
    }
    return solution;
  }

  private paramSolution: Map<Node, Val[]> | null = null;
  private nodeIds = new Map<Node, number>();
  private nodeId(node: Node): number {
    let id = this.nodeIds.get(node);
    if (id === undefined) this.nodeIds.set(node, (id = this.nodeIds.size));
    return id;
  }

  /** A class declared in this file that an expression names. */
  private localClass(expr: Node): Node | null {
    const e = unwrap(expr);
    if (e.type === "ClassExpression") return e;
    if (e.type !== "Identifier") return null;
    const def = this.variableOf(e)?.defs[0];
    if (def?.type === "ClassName") return def.node as Node;
    if (def?.type === "Variable" && def.node.init && unwrap(def.node.init).type === "ClassExpression") return unwrap(def.node.init);
    return null;
  }

  /** The function of this file a call invokes, with its arguments in parameter order. */
  private callTarget(call: TSESTree.CallExpression | TSESTree.NewExpression): { fn: FunctionNode | null; args: readonly Node[] } {
    const callee = unwrap(call.callee);
    if (call.type === "NewExpression") {
      const cls = this.localClass(callee);
      return { fn: cls ? (this.facts.classes.get(cls)?.methods.get("constructor") ?? null) : null, args: call.arguments as Node[] };
    }
    if (callee.type === "MemberExpression") {
      const name = memberName(callee);
      if (name === "call" || name === "apply") {
        const fn = this.resolveFunction(callee.object);
        if (fn) {
          const rest = call.arguments.slice(1) as Node[];
          if (name === "call") return { fn, args: rest };
          return { fn, args: rest[0]?.type === "ArrayExpression" ? (rest[0].elements.filter(Boolean) as Node[]) : [] };
        }
      }
    }
    return { fn: this.resolveFunction(callee), args: call.arguments as Node[] };
  }

  /** What the file's call sites pass to parameter `index` of `fn` (concrete, no dependencies left). */
  paramValue(fn: FunctionNode, index: number): Val {
    return this.solveParams().get(fn)?.[index] ?? EMPTY;
  }

  /** Replaces parameter dependencies by what the call sites pass. */
  resolve(v: Val): Val {
    if (!v.params) return v;
    let out: Val = { ...v };
    delete out.params;
    for (const dep of v.params) {
      out = join(out, applyDep(this.paramValue(dep.fn, dep.index), dep, this.paramLabel(dep.fn, dep.index)));
    }
    return out;
  }

  /** The concrete value of an expression: its trace with parameters resolved from call sites. */
  concreteValue(node: Node): Val {
    return this.resolve(this.valueAt(node));
  }

  /** The value of an expression, from an entry point (recovers from too-deep traces). */
  valueAt(node: Node): Val {
    return this.guarded(() => this.valueOf(node), node);
  }

}

/** What distinguishes two values for the fixpoint: presence and flags, not the first origin. */
function signature(v: Val): string {
  const e = v.env;
  const r = v.req;
  return [
    e ? `e${+!!e.bindingData}${+!!e.moduleState}${+!!e.closure}${+!!e.built}${e.envPath === null ? "-" : e.envPath.join(".")}` : "",
    r ? `r${+!!r.io}${+!!r.closure}${+!!r.fetched}${+!!r.moduleState}` : "",
    v.containers ? `c${v.containers.length}` : "",
  ].join("|");
}

/** Global namespaces whose methods return plain data built from their arguments. */
const DATA_HELPERS = new Set(["JSON", "Object", "Array", "Math", "Reflect", "String", "Number", "console", "Promise", "Date", "URL", "encodeURIComponent"]);

/** Global functions whose result is a primitive value, never a client. */
const PRIMITIVE_FUNCTIONS = new Set([
  "Number", "String", "Boolean", "BigInt", "parseInt", "parseFloat", "isNaN", "isFinite",
  "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "atob", "btoa", "escape", "unescape",
]);

/** Methods of strings, numbers and arrays: called on `env.X`, they read a value, not a binding. */
const VALUE_METHODS = new Set([
  "toLowerCase", "toUpperCase", "trim", "trimStart", "trimEnd", "split", "includes", "startsWith", "endsWith",
  "slice", "substring", "replace", "replaceAll", "padStart", "padEnd", "charAt", "indexOf", "match", "test",
  "toString", "valueOf", "at", "concat", "normalize", "localeCompare", "repeat", "toFixed", "join", "map", "filter",
]);

/** Array methods whose callbacks get their arguments from the array, never from elsewhere. */
const ARRAY_CALLBACK_METHODS = new Set(["forEach", "map", "flatMap", "filter", "find", "findLast", "findIndex", "some", "every", "reduce", "reduceRight", "sort"]);

/** Methods whose callback receives the receiver's elements (or, for promises, its result). */
const CALLBACK_METHODS = new Set([...ARRAY_CALLBACK_METHODS, "then", "catch", "finally"]);

function isPatternStep(parent: Node, child: Node): boolean {
  switch (parent.type) {
    case "Property":
      return parent.value === child && parent.parent?.type === "ObjectPattern";
    case "ObjectPattern":
    case "ArrayPattern":
    case "RestElement":
      return true;
    case "AssignmentPattern":
      return parent.left === child;
    default:
      return false;
  }
}

function asClosure(v: Val, name: string): Val {
  if (isEmpty(v)) return v;
  const out: Val = {};
  if (v.env && !v.env.moduleState) out.env = { ...v.env, origin: `a closure over \`${name}\``, envPath: null, closure: true, live: false, bindingChain: false, built: false };
  if (v.req && !v.req.moduleState) out.req = { ...v.req, origin: `a closure over \`${name}\``, closure: true };
  if (v.params) out.params = v.params.map((d) => ({ ...d, path: null, closure: true }));
  if (v.containers) {
    for (const c of v.containers) {
      if (c.envPaths.length && !out.env) out.env = { origin: `a closure over \`${name}\``, envPath: null, closure: true };
      if (c.request && !out.req) out.req = { origin: `a closure over \`${name}\``, envPath: null, closure: true };
    }
  }
  return out;
}

function markModuleState(v: Val): Val {
  if (isEmpty(v)) return v;
  const out: Val = {};
  if (v.env) out.env = v.env.live && v.env.envPath?.length === 0 ? v.env : { ...v.env, moduleState: true };
  if (v.req) out.req = { ...v.req, moduleState: true };
  if (v.containers) out.containers = v.containers;
  return out;
}

export function withoutModuleState(v: Val): Val {
  const out: Val = { ...v };
  if (out.env?.moduleState) delete out.env;
  if (out.req?.moduleState) delete out.req;
  return out;
}

export type { Taint };
