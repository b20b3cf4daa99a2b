/**
 * Where env and request state come into the file: the handlers of the default export, Workers
 * classes and their roles, framework callbacks and exports, typed parameters, and the live `env`
 * import. Knowledge of each framework sits in `sources.ts`; this module applies it to the file.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { HONO_HANDLER_TYPES, aliasedHonoHandler, honoContextIndex, honoHandlerIndex, importsHonoAlias, isUpgradedSocketHandler, returnedFrom, returnedHonoHandlerIndex } from "./hono-handlers";
import { callParams, chainRoot, envMemberIn, envTypeParts, hasUseServer, isEmitterListener, literalDefault, unwrapPattern, isFunction, isPlainDataType, memberName, outermost, paramAnnotation, paramName, paramTypeName, propertyName, typeFullName, typeName, unionTypeNames, unwrap, unwrapType } from "./ast";
import { ARRAY_CALLBACK_METHODS } from "./builtins";
import type { FileFacts } from "./collect";
import type { Functions } from "./functions";
import { baseOf, classBase, type BaseBindings } from "./class-bases";
import { callsProjectImportAtLoad, constantInit, type ImportInfo, type Scopes, type Variable } from "./scope";
import {
  ACCESSOR_CALLS, ACCESSOR_SOURCES, AUTO_IMPORTED_CALLBACKS, CONTEXT_CALLBACKS, CONTEXT_CALLBACK_SOURCES, ENV_NAMESPACES, COMMON_HANDLER_NAMES, GLOBAL_CONTEXT_WORDS, HANDLER_EVENTS,
  HANDLER_NAMES, HONO_METHODS, IMPORTED_CALLS, ITTY_FACTORIES, ITTY_METHODS, LEGACY_DO_HANDLERS, LEGACY_DO_STATE_PARAMS, LEGACY_DO_STATE_TYPE,
  LIVE_ENV_IMPORTS, LOCAL_LOOKING, MCP_HANDLER_METHODS, TOOL_PACKAGES, WORD_BINDING_TYPES, BROWSER_GLOBALS, isForeignPackage, ENV_NOT_CSS, REQUEST_TYPES, SOURCE_WORDS, SOURCE_WORDS_WITH_PROCESS, ROUTE_CLASSES, DURABLE_OBJECT_EVENT, ENTRYPOINT_BASES,
  OTHER_RUNTIME_IMPORT, NODE_SERVER_IMPORT, startsNodeServer, SECRETS_STORE_TYPE, SVELTEKIT_ACTIONS, TEST_PACKAGES, UI_PACKAGES, type CallbackSpec, exportedContext, exportTakesContext, honoContext, isHonoSource, isSourcePackage, textWords, typedContext, type TextWords,
} from "./sources";
import type { Settings } from "../settings";
import type { Container, FunctionNode, Handed, Node, ReturnSummary, Val } from "./values";
import { handlerInvocation, workersMethodSlots } from "./workers-methods";
import { contextCallbackSpec, inPlaceCallbackSpec, isBotUpdateHandler, listensForWorkerEvents, procedureSpec, serviceWorkerEvent } from "./framework-callbacks";

export type ClassKind = "workers" | "legacy-do" | "plain";

/** A parameter the analysis treats as env, to see where a caller's value would go. */
export type ParamSeed = { fn: FunctionNode; index: number };

/** What the project layer tells of an export another module of the project makes. */
export interface ProjectImports {
  /** The Workers base of a class the export is, or null (see `class-bases.ts`). */
  base(info: ImportInfo): string | null;
  /** The package whose function or class made the export (`hono` for `export const app = new Hono()`), or null. */
  maker(info: ImportInfo): string | null;
  /** The text of a type the project exports (`{ url: string }` of `export interface ImageRequest`; `{ … }` alone: plain data), or null. */
  typeText(info: ImportInfo): string | null;
  /** What the exported function returns of its arguments (see `ProjectView.returnOf`), or null. */
  returns(info: ImportInfo, handed: Handed): ReturnSummary | null;
}

/** The exports of a route file that answer one HTTP method (`export async function GET(request, …)`). */
const ROUTE_METHOD_EXPORT = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;

/** A read of Vite's env for the page (`import.meta.env.VITE_WS_URL`): a Worker reads its own. */
const VITE_CLIENT_ENV = /\bimport\.meta\.env\.VITE_/;

export class EntryPoints {
  /** Whether the file imports Hono, or a project module's alias of a Hono type (its callbacks then receive the context `c`). */
  get honoFile(): boolean {
    return (this.honoMemo ??= [...this.facts.importsFrom].some(isHonoSource) || importsHonoAlias(this.scopes, this.imports));
  }
  private honoMemo: boolean | undefined;
  /** Whether the file imports from a package whose calls the tables know (accessors, `connect`…). */
  readonly callImports: boolean;
  /** Whether the file imports from a package whose callbacks receive a framework context. */
  private readonly contextCallbackImports: boolean;
  private found: { handlers: Map<Node, string>; sharedObjects: Set<Node>; ittyRouters: Set<Variable> } | null = null;
  private readonly classKindMemo = new Map<Node, ClassKind>();
  private readonly baseMemo = new Map<Node, string | null>();
  private readonly sourceParamMemo = new Map<Node, Map<number, Val>>();
  private exportsByReferenceMemo: Map<Node, string> | null = null;
  private typeAliasMemo: Map<string, Node> | null = null;
  private interfaceNames: Map<string, TSESTree.TSInterfaceDeclaration> | null = null;
  private mayHaveSourcesMemo: boolean | null = null;
  private mayHaveEnvMemo: boolean | null = null;
  /** Whether the text adds an event listener at all (`addEventListener`): asked before any function is looked at as one. */
  private listensMemo: boolean | undefined;
  private clientMemo: boolean | null = null;
  private wordsMemo: TextWords | null = null;

  constructor(
    private readonly sourceCode: Readonly<SourceCode>,
    private readonly scopes: Scopes,
    private readonly functions: Functions,
    private readonly facts: FileFacts,
    private readonly settings: Settings,
    private readonly seeds: readonly ParamSeed[] = [],
    /** Whether parameters named `env` or typed as env, a binding or a request count as sources. */
    private readonly typedParams = true,
    /** The file gate's words, `process.env` counted: one it found absent is absent here too. */
    private readonly gateWords?: TextWords,
    /** What the project tells of an import's export (absent: nothing is looked up). */
    readonly imports?: ProjectImports,
  ) {
    this.callImports = [...facts.importsFrom].some((source) => ACCESSOR_SOURCES.has(source) || IMPORTED_CALLS.some((c) => c.source === source));
    this.contextCallbackImports = [...facts.importsFrom].some((source) => CONTEXT_CALLBACK_SOURCES.has(source));
  }

  /**
   * Whether anything in the file can be a source of env or request state. A file with none (a
   * browser script, a UI component, a utility) cannot hold a finding, so the rules leave it
   * without tracing a value. The text check comes first: most such files never name `env`. A test
   * module (one importing a test runner: `vitest`, `cloudflare:test`, …) is no Worker's code. A
   * browser's module with no env word names only the page's I/O (`fetch()`): the words count not.
   */
  mayHaveSources(): boolean {
    const pageOnly = () => !this.words().env && !GLOBAL_CONTEXT_WORDS.test(this.sourceCode.text) && this.isClientModule();
    // (Nor a Node server's module, `express()` … `app.listen(3000)`: its handlers get Node's requests; nor a script run from the shell, `#!/usr/bin/env node`.)
    this.mayHaveSourcesMemo ??= !this.sourceCode.text.startsWith("#!") && ![...this.facts.importsFrom].some((s) => TEST_PACKAGES.has(s) || OTHER_RUNTIME_IMPORT.test(s)) && !startsNodeServer(this.facts.calls, this.facts.importsFrom) && this.finds(this.words().source && !pageOnly(), () => true);
    return this.mayHaveSourcesMemo;
  }

  /** Whether anything in the file can be a source of env, not only of request state (a browser script's `fetch()`: the env rules leave it). */
  mayHaveEnv(): boolean {
    this.mayHaveEnvMemo ??= this.mayHaveSources() && this.finds(this.words().env, (v) => !!v.env || !!v.containers?.length);
    return this.mayHaveEnvMemo;
  }

  /**
   * Whether the module is a browser's code: marked `"use client"`, or importing a UI package ({@link UI_PACKAGES}),
   * reading the page (`window.location`) or Vite's env for it (`import.meta.env.VITE_URL`) with no env word and no other source
   * (a handler, a Workers class, a framework's import). The I/O it makes and fetches is the page's.
   */
  isClientModule(): boolean {
    if (this.clientMemo === null) {
      const first = this.sourceCode.ast.body[0];
      const directive = first?.type === "ExpressionStatement" && first.directive === "use client";
      // (A Worker that renders with one, a Hono app or a Durable Object, has sources of its own; a UI package's module is one only for its accessor: `getRequestEvent` of `solid-js/web`.)
      this.clientMemo =
        directive ||
        (([...this.facts.importsFrom].some((s) => UI_PACKAGES.has(s)) || (BROWSER_GLOBALS.test(this.sourceCode.text) && this.scopes.readsPageGlobal()) || VITE_CLIENT_ENV.test(this.sourceCode.text)) &&
          !this.scopes.imports().some((i) => isSourcePackage(i.source) && (!UI_PACKAGES.has(i.source.split("/")[0]) || ACCESSOR_CALLS.has(i.imported))) &&
          !(this.words().env && ENV_NOT_CSS.test(this.sourceCode.text)) &&
          this.handlers.size === 0 && this.ittyRouters.size === 0 &&
          ![...this.facts.classes.keys()].some((cls) => this.classKind(cls) !== "plain"));
    }
    return this.clientMemo;
  }

  /**
   * Whether the text has a source word, and an env word, under the settings. The gate's words count
   * `process.env`: what it found absent is absent, and without an env word the two sets of words are the same, so only a text with one is searched again.
   */
  private words(): TextWords {
    if (this.wordsMemo) return this.wordsMemo;
    const gate = this.gateWords;
    if (gate && (!gate.env || this.settings.processEnv)) return (this.wordsMemo = gate);
    this.wordsMemo = textWords(this.sourceCode.text, this.settings.processEnv ? SOURCE_WORDS_WITH_PROCESS : SOURCE_WORDS);
    return this.wordsMemo;
  }

  /** The search behind both: the text's words, then the file's sources, with `counts` for source parameters. */
  private finds(words: boolean, counts: (value: Val) => boolean): boolean {
    const { settings } = this;
    if (this.seeds.length > 0 || settings.envAccessors.length > 0) return true;
    if (words) return true;
    for (const source of this.facts.importsFrom) if (isSourcePackage(source)) return true;
    if (this.handlers.size > 0 || this.ittyRouters.size > 0) return true;
    for (const cls of this.facts.classes.keys()) if (this.classKind(cls) !== "plain") return true;
    if (this.imports && callsProjectImportAtLoad(this.scopes, this.facts.calls)) return true;
    for (const scope of this.sourceCode.scopeManager?.scopes ?? []) {
      if (scope.type !== "function" || !isFunction(scope.block as Node)) continue;
      for (const value of this.sourceParams(scope.block as FunctionNode).values()) if (counts(value)) return true;
    }
    return false;
  }

  /** Handler functions of the module worker's default export, with their handler name (found on first use). */
  get handlers(): Map<Node, string> {
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

  /** The live env an import brings in (`import { env } from "cloudflare:workers"`), or null. */
  liveEnvImport(info: ImportInfo | null): { label: string } | null {
    if (!info) return null;
    const hit = LIVE_ENV_IMPORTS.find((l) => l.source === info.source && l.imported === info.imported);
    if (!hit || (hit.processEnv && !this.settings.processEnv)) return null;
    return hit;
  }

  /** Whether an import can bring env in: the live `env` itself, a namespace around it (`import * as cf`), or an accessor (`getCloudflareContext`). */
  importsEnv(info: ImportInfo): boolean {
    return ACCESSOR_SOURCES.has(info.source) || this.liveEnvImport(info) !== null || (ENV_NAMESPACES.has(info.source) && info.imported === "*");
  }

  /** Whether a variable is the imported, live `env` (of `cloudflare:workers`, or `process` where enabled). */
  isLiveEnv(variable: Variable): boolean {
    return this.liveEnvImport(this.scopes.importOf(variable)) !== null;
  }

  private entryPoints() {
    if (!this.found) {
      this.found = { handlers: new Map(), sharedObjects: new Set(), ittyRouters: new Set() };
      this.findHandlers(this.found);
    }
    return this.found;
  }

  private findHandlers(found: { handlers: Map<Node, string>; sharedObjects: Set<Node>; ittyRouters: Set<Variable> }) {
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
        const v = this.scopes.variableOf(obj);
        const def = v?.defs[0];
        if (def?.type === "Variable" && def.node.init) obj = unwrap(def.node.init);
        else if (v && this.isIttyRouterVar(v)) found.ittyRouters.add(v);
      }
      if (obj.type !== "ObjectExpression") continue;
      found.sharedObjects.add(obj);
      // A name any helper object may use is a handler only beside another handler, or with its second parameter.
      const names = obj.properties.map((prop) => (prop.type === "Property" ? propertyName(prop) : null));
      const worker = names.some((name) => !!name && HANDLER_NAMES.has(name) && !COMMON_HANDLER_NAMES.has(name));
      for (const prop of obj.properties) {
        if (prop.type !== "Property") continue;
        const name = propertyName(prop);
        if (!name || !HANDLER_NAMES.has(name)) continue;
        const value = unwrap(prop.value);
        const fn = isFunction(value) ? value : value.type === "Identifier" ? this.functions.resolveFunction(value) : null;
        if (fn) {
          if (worker || !COMMON_HANDLER_NAMES.has(name) || callParams(fn).length > 1) found.handlers.set(fn, name);
        } else if (value.type === "MemberExpression") {
          const root = chainRoot(value);
          const v = root.type === "Identifier" ? this.scopes.variableOf(root) : null;
          if (v && this.isIttyRouterVar(v)) found.ittyRouters.add(v);
        }
      }
    }
    // Any module-level itty-router dispatches to its handlers with `(request, env, ctx)`.
    const itty = [...this.facts.importsFrom].some((source) => source.startsWith("itty-router"));
    for (const site of itty ? this.facts.declarators : []) {
      if (site.fn !== null) continue;
      const decl = site.node as TSESTree.VariableDeclarator;
      if (decl.id.type !== "Identifier" || !decl.init) continue;
      const v = this.scopes.variableOf(decl.id) ?? this.scopes.moduleVariable(decl.id.name);
      if (v && this.isIttyRouterVar(v)) found.ittyRouters.add(v);
    }
  }

  private isIttyRouterVar(v: Variable): boolean {
    const def = v.defs[0];
    if (def?.type !== "Variable" || !def.node.init) return false;
    const init = unwrap(def.node.init);
    const callee = init.type === "CallExpression" || init.type === "NewExpression" ? unwrap(init.callee) : null;
    if (!callee || callee.type !== "Identifier") return false;
    const info = this.scopes.importOfId(callee);
    return !!info && info.source.startsWith("itty-router") && ITTY_FACTORIES.has(info.imported);
  }

  classKind(cls: Node): ClassKind {
    let kind = this.classKindMemo.get(cls);
    if (kind) return kind;
    const c = cls as TSESTree.ClassDeclaration;
    kind = "plain";
    if (c.superClass) {
      if (this.workersBase(c)) kind = "workers";
    } else {
      // A Durable Object of the older style: exported, `constructor(state, env)` (a name counts untyped), and the shape of one.
      const ctor = c.body.body.find((m) => m.type === "MethodDefinition" && m.kind === "constructor") as TSESTree.MethodDefinition | undefined;
      const exported = c.parent?.type === "ExportNamedDeclaration" || c.parent?.type === "ExportDefaultDeclaration";
      if (ctor && exported && ctor.value.params.length === 2) {
        const first = ctor.value.params[0];
        const stateLike = paramTypeName(first) === LEGACY_DO_STATE_TYPE || (!paramAnnotation(first) && LEGACY_DO_STATE_PARAMS.has(paramName(first) ?? ""));
        // A handler the runtime can call (public, of the instance); a first parameter typed as
        // anything but the object's state (`site: SiteConfig`) is no Durable Object's.
        const handlers = !paramAnnotation(first) && c.body.body.some((m) => m.type === "MethodDefinition" && !m.static && m.accessibility !== "private" && m.accessibility !== "protected" && LEGACY_DO_HANDLERS.has(propertyName(m) ?? ""));
        if (stateLike || handlers) kind = "legacy-do";
      }
    }
    this.classKindMemo.set(cls, kind);
    return kind;
  }

  /** Whether a Workers class is a Durable Object (or built on one: an agent, a party server), whose `this.ctx` is its own state. */
  isDurableObject(cls: Node): boolean {
    const kind = this.classKind(cls);
    if (kind !== "workers") return kind === "legacy-do";
    return !ENTRYPOINT_BASES.has(this.workersBase(cls) ?? "");
  }

  /** The Workers base a class is built on (`DurableObject`, `Agent`, …), or null (see {@link classBase}). */
  workersBase(cls: Node): string | null {
    return classBase(cls, this.bases, this.baseMemo);
  }

  /** The Workers base of a class, or of what a class extends. */
  workersBaseOf(expr: Node): string | null {
    return baseOf(expr, this.bases, this.baseMemo);
  }

  /** Names as the scope manager binds them, for {@link classBase}. */
  private readonly bases: BaseBindings = {
    binding: (id) => {
      const variable = this.scopes.variableOf(id);
      if (!variable) return null;
      const info = this.scopes.importOf(variable);
      if (info) return { import: info };
      const def = variable.defs[0];
      return { node: def?.type === "ClassName" ? (def.node as Node) : constantInit(variable) };
    },
    importedBase: (info) => this.imports?.base(info) ?? null,
  };

  /** The package that made a method's receiver exported by a project module (`hono` for `import { app } from "./app"` of `new Hono()`), or null. */
  private importedMaker(callee: Node): string | null {
    if (!this.imports) return null;
    const root = chainRoot(callee);
    // (Or `const app = makeApp()` of an imported factory: what its call makes.)
    const info = root.type === "Identifier" ? (this.scopes.importOfId(root) ?? this.scopes.madeByImportedCall(root) ?? this.scopes.typeImportOfParam(root)) : null;
    return info && info.imported !== "*" ? this.imports.maker(info) : null;
  }

  /** Concrete source values of a function's parameters, by position. */
  sourceParams(fn: FunctionNode): Map<number, Val> {
    let out = this.sourceParamMemo.get(fn);
    if (out) return out;
    out = new Map();
    this.sourceParamMemo.set(fn, out);
    const slots = out;
    const params = callParams(fn);
    // Every source is a parameter's (a seed too): a function that takes none has none to look for.
    if (params.length === 0) return slots;
    const label = (i: number, fallback: string) => (params[i] ? paramName(params[i]) : null) ?? fallback;
    const envAt = (i: number, byName = false) => {
      if (i < params.length) slots.set(i, { env: { origin: label(i, "env"), envPath: [], seed: { start: fn.range[0], index: i }, ...(byName ? { byName } : {}) } });
    };
    const reqAt = (i: number, fallback: string, event?: string) => {
      if (i < params.length) slots.set(i, { req: { origin: label(i, fallback), envPath: null, io: true, event } });
    };
    // A destructured context (`({ request, env })`) names what it reads by the names it binds.
    const ctxAt = (i: number, container: Container) => {
      if (i < params.length) slots.set(i, { containers: [unwrapPattern(params[i]).type === "ObjectPattern" ? { ...container, label: "" } : container] });
    };
    // A framework's callback: its context, and the request's data (see `CallbackSpec`).
    const fromSpec = (spec: CallbackSpec) => {
      const at = spec.at === undefined ? 0 : spec.at;
      if (at !== null) ctxAt(at, { envPaths: spec.paths, request: true, label: label(at, "c"), ...(spec.byName ? { byName: true } : {}) });
      for (const i of spec.data ?? []) if (i < params.length) slots.set(i, { req: { origin: label(i, spec.dataName ?? "argument"), envPath: null } });
    };
    const handlerParams = (handler = "fetch") => {
      const invocation = handlerInvocation(handler, (fallback) => label(0, fallback)) ?? handlerInvocation("fetch", (fallback) => label(0, fallback))!;
      if (params.length > 0) slots.set(0, invocation);
      envAt(1);
      reqAt(2, "ctx", invocation.req!.event);
    };

    const handler = this.handlers.get(fn);
    if (handler) handlerParams(handler);
    const parent = fn.parent;
    // Constructors of Workers classes: `(ctx, env)`.
    if (parent?.type === "MethodDefinition" && parent.kind === "constructor") {
      if (this.classKind(parent.parent.parent) !== "plain") {
        reqAt(0, "ctx", this.isDurableObject(parent.parent.parent) ? DURABLE_OBJECT_EVENT : undefined);
        envAt(1);
      }
    }
    // Handler methods of Workers classes (`fetch(request)`, `queue(batch)`), a Durable Object's
    // WebSocket handlers, an agent's connection handlers, RPC methods: the invocation's I/O and data.
    if (parent?.type === "MethodDefinition" && parent.kind === "method" && !parent.static && this.classKind(parent.parent.parent) !== "plain") {
      const base = this.workersBase(parent.parent.parent) ?? "";
      for (const [i, value] of workersMethodSlots(this.sourceCode, parent as TSESTree.MethodDefinition, base, params, label)) slots.set(i, value);
    }
    // Handler methods of a framework's route classes receive its context.
    if (parent?.type === "MethodDefinition" && parent.kind === "method") {
      const method = propertyName(parent);
      const sup = (parent.parent.parent as TSESTree.ClassDeclaration).superClass;
      const info = sup && method ? this.scopes.importOfId(unwrap(sup)) : null;
      if (info && ROUTE_CLASSES.some((r) => r.source === info.source && r.imported === info.imported && r.method === method)) {
        ctxAt(0, honoContext(label(0, "c")));
      }
    }
    // A socket Hono upgrades a request to: `upgradeWebSocket((c) => ({ onMessage(evt, ws) { … } }))`.
    if (isUpgradedSocketHandler(this.scopes, fn) && this.honoFile) {
      reqAt(0, "event");
      reqAt(1, "ws");
    }
    // Framework callbacks passed to a call.
    if (parent && (parent.type === "CallExpression" || parent.type === "NewExpression") && parent.arguments.includes(fn as never)) {
      const callee = unwrap(parent.callee);
      const procedure = parent.type === "CallExpression" ? procedureSpec(this.scopes, this.facts.importsFrom, this.sourceCode.text, parent, fn) : null;
      // A method call hands its callback a context only in a file with an itty router or a Hono import, or on a router or app another module makes or types.
      const name = callee.type === "MemberExpression" ? memberName(callee) : null;
      const maker = name && (HONO_METHODS.has(name) || name === "onError" || ITTY_METHODS.has(name)) ? this.importedMaker(callee) : null;
      // (Whether the file is Hono's, which may ask another module, only for a method of Hono's.)
      const hono = honoContextIndex(name) !== null && (this.honoFile || (maker !== null && isHonoSource(maker)));
      const ittyImported = maker !== null && maker.startsWith("itty-router");
      const routed = !!name && (((this.ittyRouters.size > 0 || ittyImported) && ITTY_METHODS.has(name)) || (hono && (HONO_METHODS.has(name) || name === "onError")));
      if (callee.type === "MemberExpression" && name && !routed && HONO_FACTORY_METHODS.has(name)) {
        // `factory.createMiddleware(async (c, next) => …)` of a factory made in another module.
        ctxAt(0, honoContext(label(0, "c")));
      } else if (callee.type === "MemberExpression" && name && routed) {
        const root = chainRoot(callee);
        const routerVar = root.type === "Identifier" ? this.scopes.variableOf(root) : null;
        const at = hono ? honoContextIndex(name) : null;
        if (((routerVar && this.ittyRouters.has(routerVar)) || ittyImported) && ITTY_METHODS.has(name)) handlerParams();
        else if (at !== null) ctxAt(at, honoContext(label(at, "c")));
      } else if (name && MCP_HANDLER_METHODS.has(name) && parent.arguments[parent.arguments.length - 1] === fn && [...this.facts.importsFrom].some((s) => s !== "ai" && TOOL_PACKAGES.test(s))) {
        // An MCP server's tool or prompt handler (`server.tool("save", schema, async (args, extra) => …)`): what the client sent.
        fromSpec({ paths: [], at: null, data: [0, 1], dataName: "args" });
      } else if (procedure) {
        fromSpec(procedure);
      } else if (callee.type === "Identifier" && parent.arguments[1] === fn && this.isStreamingHelper(callee)) {
        // `streamSSE(c, async (stream) => …)` of hono/streaming: the response's stream, I/O of this request.
        reqAt(0, "stream");
      } else if (callee.type === "Identifier" && (this.contextCallbackImports || AUTO_IMPORTED_CALLBACKS.has(callee.name))) {
        const spec = contextCallbackSpec(this.scopes, parent);
        if (spec) fromSpec(spec);
        else if (AUTO_IMPORTED_CALLBACKS.has(callee.name) && this.scopes.isUnresolved(callee)) {
          ctxAt(0, { envPaths: CONTEXT_CALLBACKS.get(callee.name)?.paths ?? [], request: true, label: label(0, "event") });
        }
      }
    }
    // Service-worker syntax: `addEventListener("fetch", (event) => …)`, or a function handed by name: the event holding the request.
    const listened = (this.listensMemo ??= listensForWorkerEvents(this.sourceCode.text)) ? serviceWorkerEvent(this.scopes, fn) : null;
    if (listened) reqAt(0, "event", HANDLER_EVENTS.get(listened));
    // A bot's update handler (`bot.on("message", (ctx) => …)` of grammY, Telegraf): one update's context.
    if (isBotUpdateHandler(this.scopes, fn)) reqAt(0, "ctx");
    // Framework callbacks written in place: an Astro action's `handler`, a Nitro request hook.
    const inPlace = inPlaceCallbackSpec(this.scopes, fn);
    if (inPlace) fromSpec(inPlace);
    // Exported framework functions: `export async function onRequest(context)`, `export const loader = …`.
    const exportName = this.exportedName(fn);
    // (Unless the parameter is typed as a binding: `export async function load(s: SecretsStoreSecret)`
    // is a helper that shares a framework's export name.)
    if (exportName && !(params[0] && this.isBindingType(paramAnnotation(params[0]))) && exportTakesContext(exportName, params[0], this.facts.importsFrom)) {
      const container = exportedContext(exportName, label(0, "context"));
      if (container) ctxAt(0, container);
    }
    // Parameters by annotation or name, for functions whose callers the file cannot all see: only one with a type, or named `env` or `request`.
    let callersKnown: boolean | undefined;
    params.forEach((p, i) => {
      if (slots.has(i)) return;
      const name = paramName(p);
      if (!paramAnnotation(p) && name !== "env" && name !== "request") return;
      callersKnown ??= !this.typedParams || this.callersKnown(fn);
      if (callersKnown) return;
      const type = paramTypeName(p);
      // A name env types go by, unless the file's own alias of it is a binding type (`type Bindings = D1Database | R2Bucket`).
      const envTyped = !!type && this.settings.envTypeNames.has(type) && !this.isBindingType(this.typeAliases().get(type) ?? null);
      // (`env: string`, `env: "prod" | "dev"`, `env = "production"`: the name of a deployment, no env object.)
      const named = name === "env" && !this.isBindingType(paramAnnotation(p)) && !isPlainDataType(paramAnnotation(p)) && !literalDefault(p);
      // (Or an intersection, `ctx: Env & { request: Request }`; an object type with a member of one, `opts: { env: Env }`, also one a project module exports, `Context & { env: Env }`, is a context around env.)
      const [intersected, member] = envTypeParts(unwrapType(paramAnnotation(p)), (n) => this.envTypeName(n), (n) => this.typeAliases().get(n) ?? this.interfaceNames!.get(n));
      if (envTyped || named || intersected) return envAt(i, !envTyped && !intersected);
      const held = member ?? (type && this.projectImport(type) ? envMemberIn(this.imports?.typeText(this.projectImport(type)!) ?? "", (n) => this.envTypeName(n)) : undefined);
      if (held) return ctxAt(i, { envPaths: [[held]], request: false, label: label(i, "context") });
      // `db: Env["DB"]`: that binding of env, whose kind the config says.
      const indexed = this.envMemberType(paramAnnotation(p));
      if (indexed) {
        slots.set(i, { env: { origin: label(i, "binding"), envPath: [indexed], key: indexed, seed: { start: fn.range[0], index: i } } });
        return;
      }
      if (indexed === "" || this.isBindingType(paramAnnotation(p))) {
        const secretStore = type === SECRETS_STORE_TYPE ? { secretStore: true } : {};
        slots.set(i, { env: { origin: label(i, "binding"), envPath: [label(i, "binding")], binding: true, byType: true, seed: { start: fn.range[0], index: i }, ...secretStore, ...(type ? { typeName: type } : {}) } });
        return;
      }
      // (A context type also in a union: `context: APIContext | ActionAPIContext`.)
      // (Also by its qualified name: Astro's `App.Locals`, SvelteKit's `App.Platform`.)
      const full = typeFullName(paramAnnotation(p));
      const container = (type ? [this.contextAlias(type) ?? type, ...(full && full !== type ? [full] : [])] : unionTypeNames(paramAnnotation(p))).map((t) => typedContext(t, label(i, "context"), t === "Context" && this.honoFile)).find((c) => c);
      if (container) return ctxAt(i, container);
      if (type && REQUEST_TYPES.has(type) && !this.ownType(type)) return reqAt(i, type === "ExecutionContext" ? "ctx" : "request", type === LEGACY_DO_STATE_TYPE ? DURABLE_OBJECT_EVENT : undefined);
      // (Not in a module of a Node server's framework, `import type { FastifyInstance } from "fastify"`: its routes get Node's requests.)
      if (name === "request" && !isEmitterListener(fn) && !(type && (this.plainOwnType(type) || this.nodeServerType(type))) && ![...this.facts.importsFrom].some((source) => NODE_SERVER_IMPORT.test(source))) reqAt(i, "request");
    });
    // A server action (`"use server"` atop the file, for its exports, or atop the function): its arguments come from the client, one request's data.
    if ((exportName && hasUseServer(this.sourceCode.ast as Node)) || hasUseServer(fn.body as Node)) {
      params.forEach((p, i) => {
        if (!slots.has(i)) slots.set(i, { req: { origin: label(i, "argument"), envPath: null } });
      });
    }
    // A route handler's second parameter beside the request (Next.js's `GET(request, { params })`): the route's params.
    if (exportName && ROUTE_METHOD_EXPORT.test(exportName) && params[1] && !slots.has(1) && slots.get(0)?.req) {
      slots.set(1, { req: { origin: unwrapPattern(params[1]).type === "ObjectPattern" ? "" : label(1, "context"), envPath: null, io: false } });
    }
    // `export const onRequest: PagesFunction<Env> = async (context) => …`, or returned by a factory so typed (`function withKv(): PagesFunction<Env>`).
    const declarator = fn.parent?.type === "VariableDeclarator" ? fn.parent : null;
    const typedBy = slots.has(0) ? undefined : (declarator?.id.typeAnnotation ?? returnedFrom(fn)?.returnType);
    if (typedBy) {
      const type = typeFullName(typedBy);
      const short = type?.split(".").pop();
      const container = short ? typedContext(short === "APIRoute" ? "APIContext" : short, label(0, "context"), short === "Context" && this.honoFile) : null;
      if (container) ctxAt(0, container);
      else if (short === "ExportedHandlerFetchHandler") handlerParams();
      // `const mw: MiddlewareHandler<…> = async (c, next) => …`, `const onError: ErrorHandler = (err, c) => …`, a project module's alias of one (`AppRouteHandler<R>`).
      else if (short && this.honoFile) {
        const at = HONO_HANDLER_TYPES.get(short) ?? aliasedHonoHandler(this.scopes, this.imports, short);
        if (at !== null && !slots.has(at)) ctxAt(at, honoContext(label(at, "c")));
      }
    }
    // A function of the file handed by name to a Hono app's method (`app.use(mw)`, `app.onError(h)`), or one a factory returns (`app.use(requireAuth())`).
    if (!slots.has(0)) {
      const at = honoHandlerIndex(this.scopes, fn) ?? returnedHonoHandlerIndex(this.functions, fn);
      if (at !== null && !slots.has(at) && this.honoFile) ctxAt(at, honoContext(label(at, "c")));
    }
    // A seed is what a caller hands the parameter, whatever its name or the function's export name
    // would make of it (`export function handle(v)` is also SvelteKit's hook).
    for (const seed of this.seeds) if (seed.fn === fn) slots.set(seed.index, { env: { origin: label(seed.index, "its argument"), envPath: [], argument: true } });
    return slots;
  }

  /** Whether a parameter of `fn` is a summary's seed. */
  isSeeded(fn: FunctionNode): boolean {
    return this.seeds.some((seed) => seed.fn === fn);
  }

  /** `stream`, `streamSSE`, `streamText` imported from hono/streaming. */
  private isStreamingHelper(callee: TSESTree.Identifier): boolean {
    const info = this.scopes.importOfId(callee);
    return info?.source === "hono/streaming" && STREAMING_HELPERS.has(info.imported);
  }

  /** Whether a type annotation names a Workers binding type (`D1Database`, `KVNamespace<string>`, a local alias of one, a union with one). */
  private isBindingType(type: Node | null, depth = 0): boolean {
    if (!type || depth > 5) return false;
    const t = unwrapType(type);
    if (!t) return false;
    if (t.type === "TSUnionType") return t.types.some((member) => this.isBindingType(member, depth + 1));
    const name = typeName(t);
    if (!name) return false;
    // (A class of the same name another package exports, Miniflare's `D1Database`, is no binding; nor a `Workflow` or `Queue` of the project's own.)
    if (this.settings.bindingTypeNames.has(name)) return !(WORD_BINDING_TYPES.has(name) && this.ownType(name)) && !this.scopes.imports().some((i) => i.local === name && isForeignPackage(i.source));
    return this.isBindingType(this.typeAliases().get(name) ?? null, depth + 1);
  }

  /** The member of an env type (`Env["DB"]`, `Readonly<Env>["KV"]`, also in a union); "" for a key no literal (`Env[keyof Env]`); else null. */
  private envMemberType(type: Node | null): string | null {
    let t = unwrapType(type);
    if (t?.type === "TSUnionType") return t.types.map((member) => this.envMemberType(member as Node)).find((found) => found !== null) ?? null;
    if (t?.type !== "TSIndexedAccessType") return null;
    const object = typeName(unwrapType(t.objectType as Node));
    if (!object || !this.settings.envTypeNames.has(object)) return null;
    t = t.indexType as Node;
    return t.type === "TSLiteralType" && t.literal.type === "Literal" && typeof t.literal.value === "string" ? t.literal.value : "";
  }

  /** A name env types go by that names no class (`class Env { kvDao }` of the project): one imported from a module must be a plain object type there. */
  private envTypeName(name: string): boolean {
    const info = this.settings.envTypeNames.has(name) ? this.scopes.imports().find((i) => i.local === name) : undefined;
    if (info) return info.imported !== "*" && /^\{/.test(this.imports?.typeText(info) ?? "");
    return this.settings.envTypeNames.has(name) && ![...this.facts.classes.keys()].some((c) => (c as TSESTree.ClassDeclaration).id?.name === name);
  }

  /** Whether a type name is the project's own, of the file or a module of it (`interface IRequest { env: Env }` is no itty-router request). */
  private ownType(name: string): boolean {
    this.typeAliases();
    return this.interfaceNames!.has(name) || this.typeAliasMemo!.has(name) || !!this.projectImport(name) || this.nodeServerType(name);
  }

  /** A type of a Node server's framework (Express's `Request`, `FastifyRequest`): a Node process's request, not a Worker's. */
  private nodeServerType(name: string): boolean {
    return this.scopes.imports().some((i) => i.local === name && NODE_SERVER_IMPORT.test(i.source));
  }

  /** The import of a project module that binds `name` (`import type { ImageRequest } from "./types"`), if any. */
  private projectImport(name: string): (ImportInfo & { local: string }) | undefined {
    return this.scopes.imports().find((i) => i.local === name && LOCAL_LOOKING.test(i.source));
  }

  /** A type of the file or of a project module that is plain data: an interface extending nothing, or an alias of an object type (`request: OutboundCall`). */
  private plainOwnType(name: string): boolean {
    const declared = this.typeAliases().get(name) ?? this.interfaceNames!.get(name);
    if (declared) return declared.type === "TSTypeLiteral" || (declared.type === "TSInterfaceDeclaration" && !declared.extends?.length);
    const info = this.imports && this.projectImport(name);
    return !!info && info.imported !== "*" && /^\{/.test(this.imports!.typeText(info) ?? "");
  }

  /**
   * Hono's `Context` for a name the project gives it: a local alias (`type AppContext = Context<{
   * Bindings: Env }>`), or a `…Context` a project module exports as an alias of a Hono type.
   */
  private contextAlias(name: string): string | null {
    if (name === "Context") return null;
    const local = this.typeAliases().get(name);
    const info = !local && name.endsWith("Context") ? this.projectImport(name) : undefined;
    // (Whether the file is Hono's, which may ask another module, only for a name that may be an alias.)
    if ((!local && !info) || !this.honoFile) return null;
    if (local) return local.type === "TSTypeReference" && local.typeName.type === "Identifier" && local.typeName.name === "Context" && isHonoSource(this.scopes.importOfId(local.typeName)?.source ?? "") ? "Context" : null;
    return info && this.imports && isHonoSource(this.imports.maker(info) ?? "") ? "Context" : null;
  }

  /** The file's top-level type aliases, by name (its interfaces are noted in the same pass). */
  typeAliases(): Map<string, Node> {
    if (this.typeAliasMemo) return this.typeAliasMemo;
    this.typeAliasMemo = new Map();
    this.interfaceNames = new Map();
    for (const stmt of this.sourceCode.ast.body) {
      const decl = stmt.type === "ExportNamedDeclaration" ? stmt.declaration : stmt;
      if (decl?.type === "TSTypeAliasDeclaration") this.typeAliasMemo.set(decl.id.name, decl.typeAnnotation);
      else if (decl?.type === "TSInterfaceDeclaration") this.interfaceNames.set(decl.id.name, decl);
    }
    return this.typeAliasMemo;
  }

  /**
   * Whether every caller of a function is in this file: a function that is not exported and only
   * ever called directly, or a callback of an array method. Its parameters then get exactly what
   * those calls pass, not a guess from their name or type (`function addKv(env: Env)` filling a fresh object is not Workers env).
   */
  private callersKnown(fn: FunctionNode): boolean {
    const call = fn.parent;
    if (call?.type === "CallExpression" && call.arguments.includes(fn as never)) {
      const callee = unwrap(call.callee);
      return callee.type === "MemberExpression" && ARRAY_CALLBACK_METHODS.has(memberName(callee) ?? "");
    }
    // Exported: callers in other modules.
    const declared = fn.type === "FunctionDeclaration" ? fn : fn.parent?.type === "VariableDeclarator" ? fn.parent : null;
    const holder = declared?.type === "VariableDeclarator" ? declared.parent?.parent : declared?.parent;
    if (holder?.type === "ExportNamedDeclaration" || holder?.type === "ExportDefaultDeclaration") return false;
    const calls = this.functions.ownCalls(fn);
    return !!calls && calls.length > 0;
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
    // `export const actions = { default: async (event) => … }` (SvelteKit form actions), also `{ … } satisfies Actions`.
    if (n.parent?.type === "Property" && outermost(n.parent.parent).parent?.type === "VariableDeclarator") {
      const decl = outermost(n.parent.parent).parent as TSESTree.VariableDeclarator;
      if (decl.id.type === "Identifier" && decl.id.name === SVELTEKIT_ACTIONS && decl.parent?.parent?.type === "ExportNamedDeclaration") {
        return "load";
      }
    }
    const decl = n.parent;
    if (decl?.type !== "VariableDeclarator" || decl.id.type !== "Identifier") return null;
    return decl.parent?.parent?.type === "ExportNamedDeclaration" ? decl.id.name : null;
  }

  /** Functions of the file exported under another name or through a list (`export const onRequest = [a, b]`, `export { handler as onRequest }`). */
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
        const fn = this.functions.resolveFunction(item);
        if (fn && !out.has(fn)) out.set(fn, name);
      }
    };
    for (const stmt of this.sourceCode.ast.body) {
      if (stmt.type !== "ExportNamedDeclaration") continue;
      if (stmt.declaration?.type === "VariableDeclaration") {
        for (const d of stmt.declaration.declarations) {
          if (d.id.type !== "Identifier") continue;
          add(d.init, d.id.name);
          // `export const actions = { save }`: each action declared apart gets a `load`'s event.
          const init = d.init && unwrap(d.init);
          if (d.id.name === SVELTEKIT_ACTIONS && init?.type === "ObjectExpression") {
            for (const p of init.properties) if (p.type === "Property" && !isFunction(p.value as Node)) add(p.value as Node, "load");
          }
        }
      } else if (!stmt.source) {
        for (const spec of stmt.specifiers) {
          const exported = spec.exported.type === "Identifier" ? spec.exported.name : String(spec.exported.value);
          if (exported !== "default") add(spec.local as Node, exported);
        }
      }
    }
    return out;
  }
}

/** Methods of a Hono factory (`createFactory()`), whose callbacks get the context. */
const HONO_FACTORY_METHODS: ReadonlySet<string> = new Set(["createMiddleware", "createHandlers"]);

/** hono/streaming's helpers, whose callback gets the stream of the response being sent. */
const STREAMING_HELPERS: ReadonlySet<string> = new Set(["stream", "streamSSE", "streamText"]);
