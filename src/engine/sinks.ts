/**
 * Every write of a value into module scope, in one list per file: assignments to module places,
 * collection and `Object.*` writes, listeners, lazy singletons, and what the module stores while
 * it is first evaluated (declarations, configuration calls, the default export, static fields).
 * The places themselves are found by `targets.ts`; the values by the trace.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { afterExit, chainLabel, deletedInCall, runsAtLoad, isFunction, literalPart, literalParts, memberName, outermost, patternLeaves, propertyName, shortText, spelledParts, unwrap } from "./ast";
import { CONFIGURING_METHOD, MEMOIZERS, OBJECT_WRITERS, READING_METHODS, RETURNS_RECEIVER } from "./builtins";
import type { FileFacts, Site } from "./collect";
import type { Functions } from "./functions";
import { Memos, type MemoKind } from "./memo";
import { chainedReceiver, isNodeBuiltin, keptByCall, outerCall } from "./receivers";
import { calledParameter, constantInit, isModuleLevel, madeBy, madeHere, parameterOf, type Scopes, type Variable } from "./scope";
import { pendingCall } from "./shape";
import { isGuardedWrite, onlyOutsideWorkers, testsMissing } from "./narrowing";
import { freshEntry, type Targets, type Target } from "./targets";
import type { Trace } from "./trace";
import { awaitedValue } from "./promises";
import { EMPTY, built, join, member, ownState, transformed, withoutParamsOf, type FunctionNode, type Node, type Taint, type Val } from "./values";

export type StoreHow =
  | "assign"
  | "lazy"
  | "collection"
  | "listener"
  /** Module evaluation: `const x = …` at the top of the module. */
  | "declare"
  /** Module evaluation: an argument of a method call on a module object, `app.use(cors(…))`. */
  | "configure"
  /** Module evaluation: `export default <expression>`. */
  | "export"
  /** Module evaluation: `static x = …` of a module-level class. */
  | "static-field";

/** A write of some value into module scope. */
export interface Store {
  node: Node;
  loc: TSESTree.SourceLocation;
  target: Target;
  how: StoreHow;
  /** The expression whose value is stored (for messages and shape). */
  valueNode: Node;
  /** What is stored: traced on first read (most stores are left for reasons that need no value). */
  readonly value: Val;
  /** The key of a collection store (`cache.set(key, value)`), if any. */
  keyNode?: Node;
  /** An entry of a memoized function's cache (`getClient(key)` of `memoize(build)`): the value is what the key builds. */
  memoized?: boolean;
  /** The collection is a WeakMap or WeakSet: an entry lives only as long as its key. */
  weak?: boolean;
  /** Whether the store runs at module evaluation (top-level code, static initializers). */
  topLevel: boolean;
}

/** The methods of a set that only ask or change whether it holds a key. */
const KEY_SET_METHODS: ReadonlySet<string> = new Set(["has", "add", "delete", "clear"]);

/** A store whose value is traced when a rule first reads it. */
function lazyStore(fields: Omit<Store, "value">, compute: () => Val): Store {
  let value: Val | undefined;
  return Object.defineProperty(fields, "value", { get: () => (value ??= compute()), enumerable: true }) as Store;
}

/** A parameter called is valued by the functions handed to it at up to this many calls. */
const MAX_HANDED_LOADERS = 8;

export class Sinks {
  private storesMemo: Store[] | null = null;
  private moduleEvaluationMemo: Store[] | null = null;
  private importsMemoizer: boolean | null = null;

  private readonly memos: Memos;

  constructor(
    private readonly sourceCode: Readonly<SourceCode>,
    private readonly facts: FileFacts,
    private readonly scopes: Scopes,
    private readonly functions: Functions,
    private readonly targets: Targets,
    private readonly trace: Trace,
    /** Whether an expression is a binding the Worker's config declares: there in the deployed Worker. */
    private readonly boundInDeploy: (node: Node) => boolean = () => false,
  ) {
    this.memos = new Memos(sourceCode, scopes, trace, functions);
  }

  /** Whether a store memoises a function of its key, or is rebuilt whenever its input changes (see `memo.ts`). */
  memoOfKey(store: Store, taint: Taint, kind: MemoKind = "env"): boolean {
    return this.memos.memoOfKey(store, taint, kind);
  }

  /** Whether a collection entry is computed from its key alone, whatever it holds (see `memo.ts`). */
  computedFromKey(store: Store): boolean {
    return this.memos.computedFromKey(store);
  }

  /** Whether a collection store keeps what a call returns under a key spelled from that call's arguments (see `memo.ts`). */
  keyedByCall(store: Store): boolean {
    return this.memos.keyedByCall(store);
  }

  /**
   * Whether a call hands a helper's collection entry (a summary's `entry`: the indices of the key
   * and of what the value is made from among the call's arguments) values computed from the key it
   * hands, or of their own: a memo, as the same store in this file (see `memo.ts`).
   */
  handedEntryIsMemo(call: TSESTree.CallExpression | TSESTree.NewExpression, entry: { key: number; values: readonly number[] }, taint: Taint, kind: MemoKind): boolean {
    const key = call.arguments[entry.key];
    if (!key || call.arguments.some((a) => a.type === "SpreadElement")) return false;
    const values = entry.values.flatMap((i) => (call.arguments[i] ? [call.arguments[i] as Node] : []));
    return this.memos.handedMemo(key as Node, values, taint, kind);
  }

  /**
   * Whether a function of this file handed as a loader returns, for the key it is handed with, only what that key
   * gives (see `memo.ts`): `keyArg` is what the call hands as the key, `keyParams` the loader's parameters it fills.
   */
  loaderReturnsMemo(loader: FunctionNode, keyArg: Node, keyParams: readonly number[]): boolean {
    return this.memos.returnsMemoOf(loader, this.facts.returns.get(loader) ?? [], keyArg, keyParams, "req");
  }

  /** `app.fetch` of a variable the file declares (not an import, not a parameter): a member as written. */
  private memberOfDeclared(value: Node): boolean {
    const object = value.type === "MemberExpression" && !value.computed ? unwrap(value.object) : null;
    return object?.type === "Identifier" && !!this.scopes.variableOf(object)?.defs.every((d) => d.type === "Variable");
  }

  /** Every store into module scope made by code that runs, at request time or module evaluation. */
  stores(): Store[] {
    if (this.storesMemo) return this.storesMemo;
    const out: Store[] = [];
    for (const site of this.facts.assignments) this.assignmentStores(site, out);
    for (const site of this.facts.calls) this.callStores(site, out);
    // A store after its function's unconditional `return` or `throw` never runs; nor does one in a
    // branch taken only outside Workers (`if (typeof WebSocketPair === "undefined")`).
    const [resolve, init] = [(callee: Node) => this.functions.resolveFunction(callee), (id: TSESTree.Identifier) => { const v = this.scopes.variableOf(id); return v && !isModuleLevel(v) ? constantInit(v) : null; }];
    const lookups = { resolve, importOf: (id: TSESTree.Identifier) => this.scopes.importOfId(id), boundInDeploy: (node: Node) => this.boundInDeploy(node) };
    this.storesMemo = dedupe(out).filter((s) => !afterExit(s.node) && !onlyOutsideWorkers(s.node, lookups) && !deletedInCall(this.sourceCode, s.node, init));
    return this.storesMemo;
  }

  /**
   * What the module keeps from its first evaluation: the top-level stores above, and the values
   * it declares, configures, exports and puts in static fields while it is evaluated.
   */
  moduleEvaluationStores(): Store[] {
    if (this.moduleEvaluationMemo) return this.moduleEvaluationMemo;
    const out: Store[] = [];
    const add = (node: Node, loc: TSESTree.SourceLocation, target: Target, how: StoreHow, valueNode: Node, value: Val) =>
      out.push({ node, loc, target, how, valueNode, value, topLevel: true });
    const topLevel = this.stores().filter((st) => st.topLevel);
    out.push(...topLevel);
    const storeNodes = new Set(topLevel.map((st) => st.node));
    // `app.use(cors({ origin: env.ORIGIN }))`: a module object configured once, also through a
    // chain (`new Hono().use(…).route(…)`) whose value is that same object.
    const configured = new Set<Node>();
    const configure = (expr: Node, declared = false, name?: string): boolean => {
      const chain = this.builderChain(expr, declared);
      if (!chain) return false;
      for (const call of chain) {
        if (configured.has(call) || storeNodes.has(call)) continue;
        configured.add(call);
        const target: Target = { label: `\`${configuredLabel(call, name)}\``, kind: "object" };
        for (const arg of call.arguments) add(call, arg.loc, target, "configure", arg, this.trace.valueAt(arg));
      }
      return true;
    };
    for (const site of this.facts.declarators) {
      const decl = site.node as TSESTree.VariableDeclarator;
      if (!decl.init || !runsAtLoad(decl)) continue;
      // In a function called at once, a local outlives the call only when a closure keeps it.
      if (site.fn !== null && !this.scopes.declaredBy(decl).some((v) => capturedBy(v, site.fn!))) continue;
      const init = unwrap(decl.init);
      if (isFunction(init) || init.type === "ClassExpression") continue;
      if (configure(init, true, decl.id.type === "Identifier" ? decl.id.name : undefined)) continue; // `const app = new Hono().use(…)`: the app itself, configured
      if (decl.id.type === "Identifier") {
        add(decl, nameLoc(decl.id), { label: `\`${decl.id.name}\``, kind: "variable" }, "declare", decl.init, this.trace.valueAt(decl.init));
        continue;
      }
      // `const { SECRET, DB } = env`: each destructured name is its own derivation.
      for (const variable of this.scopes.declaredBy(decl)) {
        const id = variable.defs[0]?.name;
        if (!id) continue;
        const target: Target = { label: `\`${variable.name}\``, kind: "variable" };
        add(decl, nameLoc(id as TSESTree.Identifier), target, "declare", decl.init, this.trace.variableValueAt(variable));
      }
    }
    for (const site of this.facts.calls) {
      if (site.node.type !== "CallExpression" || site.node.parent?.type !== "ExpressionStatement") continue;
      if (runsAtLoad(site.node)) configure(site.node);
    }
    for (const decl of this.facts.exportDefaults) {
      const d = unwrap(decl.declaration as Node);
      // `export default { db: drizzle(env.DB), fetch() { … } }`: each value made now (its methods run later).
      if (d.type === "ObjectExpression") {
        for (const p of d.properties) {
          const value = unwrap(p.type === "Property" ? (p.value as Node) : p.argument);
          // A name (`{ k }`), or a member of one the file declares (`{ fetch: app.fetch }`), holds what
          // its declaration made, reported there.
          if (isFunction(value) || value.type === "Identifier" || this.memberOfDeclared(value) || (p.type === "Property" && (p.method || p.kind !== "init"))) continue;
          const key = p.type === "Property" ? propertyName(p) : null;
          add(decl, value.loc, { label: key === null ? "the default export" : `the default export's \`${key}\``, kind: "shared-object" }, "export", value, this.trace.valueAt(value));
        }
        continue;
      }
      if (isFunction(d) || d.type.startsWith("Class") || d.type === "Identifier") continue;
      // `export default app.use(…)`: the app, configured; `export default Schema.parse(env)`: what it returns.
      if (configure(d, true)) continue;
      add(decl, d.loc, { label: "the default export", kind: "shared-object" }, "export", d, this.trace.valueAt(d));
    }
    for (const info of this.facts.classes.values()) {
      if (isInsideClassOrFunction(info.node)) continue;
      for (const m of info.node.body.body) {
        if ((m.type === "PropertyDefinition" || m.type === "AccessorProperty") && m.static && m.value) {
          const label = `\`${(info.node as TSESTree.ClassDeclaration).id?.name ?? "class"}.${this.sourceCode.getText(m.key)}\``;
          add(m, m.key.loc, { label, kind: "static" }, "static-field", m.value, this.trace.valueAt(m.value));
        }
      }
    }
    this.moduleEvaluationMemo = dedupe(out);
    return this.moduleEvaluationMemo;
  }

  /**
   * The calls of a chain of registering methods on one app or router (`app.use(a).route(b)`,
   * `new Hono().use(a)`), outermost first, or null when `expr` is not one: its value is that object.
   */
  private builderChain(expr: Node, declared: boolean): TSESTree.CallExpression[] | null {
    const calls: TSESTree.CallExpression[] = [];
    let e = unwrap(expr);
    while (e.type === "CallExpression") {
      const callee = unwrap(e.callee);
      if (callee.type !== "MemberExpression") break;
      const name = memberName(callee);
      // The outermost call of a statement may be any method of a module object (`app.use`, `bus.on`);
      // a declared one is what it returns (`const redis = Redis.fromEnv(env)`), unless that is its receiver.
      if ((calls.length > 0 || declared) && !RETURNS_RECEIVER.has(name ?? "")) return null;
      // (Not a read of it: `LEVELS.indexOf(env.LOG_LEVEL)` configures nothing, it gives a value.)
      const registers = RETURNS_RECEIVER.has(name ?? "");
      if (calls.length === 0 && !registers && (READING_METHODS.has(name ?? "") || !this.targets.moduleTarget(callee.object))) return null;
      calls.push(e);
      e = unwrap(callee.object);
    }
    return calls.length > 0 && (e.type === "NewExpression" || this.targets.moduleTarget(e)) ? calls : null;
  }

  /**
   * Whether a collection entry stays local: a WeakMap or WeakSet entry lives only as long as its
   * key, so it escapes the request only when the key itself outlives it: module state, or env and
   * its bindings, which every request of the deploy is handed (the entry is then judged as a Map's
   * entry under that key is).
   */
  weakEntryIsLocal(store: Store, keyOutlives: "env" | "module" = "env"): boolean {
    if (!store.weak) return false;
    const key = store.keyNode ? unwrap(store.keyNode) : null;
    if (!key) return true;
    if (key.type === "Literal") return false;
    if (this.freshWeakKey(store)) return true;
    if (key.type === "Identifier" && this.targets.moduleTarget(key)) return false;
    // Env and its bindings outlive the request too: a request's data under `env.DB` is found by
    // every later request of the deploy. (`keyOutlives: "module"`, a request's state: a closure
    // is no request data of its own; what it keeps under env is the env rule's.) The key first.
    if (!this.keyedBy(store, "env") && !this.keyedBy(store, "binding")) return true;
    return keyOutlives === "module" && (!store.value.req || !!store.value.req.closure);
  }

  /** Whether a weak entry's key is an object the function makes itself ({@link madeHere}): the entry dies with it, whatever it holds. */
  freshWeakKey(store: Store): boolean {
    return !!store.weak && !!store.keyNode && madeHere(this.scopes, store.keyNode);
  }

  /**
   * The request state a store keeps, as no-request-state-in-global-scope sees it: the request, its
   * data or its I/O objects, not already module state, not data fetched upstream, not in a
   * collection keyed by the request's own object (except on `globalThis`), not a weak entry.
   */
  requestStateOf(store: Store): Taint | null {
    const context = store.value.containers?.find((c) => c.request);
    // The promise of an async function of the file made from a request's state is that request's
    // I/O, whatever it settles to (`inflight.set(id, load(id))`).
    const pending = () => pendingCall(this.functions, store.valueNode);
    const req = store.value.req ?? (context ? { origin: context.label, envPath: null, io: true } : undefined) ?? this.handedState(pending(), "req");
    if (!req || req.moduleState || this.weakEntryIsLocal(store, "module")) return null;
    // A request's data as a member of a set only asked whether it holds a key: a key, as a map's.
    if (!req.io && this.keySetMember(store)) return null;
    if (req.fetched && !req.io) return null; // data read from a fetch() response is upstream data
    if (!req.io && this.mirroredToBinding(store)) return null;
    if (store.target.kind !== "global" && (this.keyedBy(store, "req") || this.freshKey(store))) return null;
    // (A promise of work still running is no memo: whoever awaits it waits on the request that started it.)
    if (!req.io && this.memos.memoOfKey(store, req, "req") && !pending()) return null;
    return req;
  }

  /**
   * Whether what a store keeps is also put to a binding by the same function, whole or as JSON
   * (`upstream = next` beside `await env.KV.put("upstream", JSON.stringify(next))`, `cache = { at, index }`
   * beside `env.BUCKET.put(KEY, JSON.stringify(index))`): the module copy mirrors what the service
   * stores for every request, not one request's state.
   */
  /** {@link mirroredToBinding} for a store of env: not a read of env kept as it is (`cached = key` of `key = e.API_KEY`), kept whatever is put beside it. */
  mirrorsEnv(store: Store, env: Taint): boolean {
    return env.envPath === null && this.mirroredToBinding(store);
  }

  mirroredToBinding(store: Store): boolean {
    let fn: Node | undefined = store.node.parent;
    while (fn && !isFunction(fn)) fn = fn.parent;
    const value = unwrap(store.valueNode);
    const names = (value.type === "Identifier" ? [value] : (literalParts(value) ?? []).map((p) => unwrap(p.node))).flatMap((n) => (n.type === "Identifier" ? [this.scopes.variableOf(n)] : []));
    if (!fn || names.length === 0) return false;
    const kept = (arg: Node) => {
      const a = unwrap(arg);
      const inner = a.type === "CallExpression" && a.arguments.length === 1 && unwrap(a.callee).type === "MemberExpression" && chainLabel(unwrap(a.callee)) === "JSON.stringify" ? unwrap(a.arguments[0] as Node) : a;
      return inner.type === "Identifier" && names.includes(this.scopes.variableOf(inner));
    };
    return this.facts.calls.some(({ node, fn: at }) => {
      const call = node.type === "CallExpression" ? node : null;
      const callee = call ? unwrap(call.callee) : null;
      if (at !== fn || callee?.type !== "MemberExpression" || memberName(callee) !== "put" || !call!.arguments.slice(1).some((a) => kept(a as Node))) return false;
      // A binding, or a member of a parameter that may be one (`env.BUCKET` where `env` is not seeded).
      const receiver = this.trace.valueAt(callee.object as Node);
      return !!receiver.env?.bindingChain || receiver.env?.envPath?.length === 1 || !!receiver.params?.some((d) => d.via?.length === 1);
    });
  }

  /** Whether a collection entry is keyed by an id made fresh for it, in a collection read only by key (see {@link freshEntry}). */
  freshKey(store: Store): boolean {
    return freshEntry(this.scopes, this.sourceCode, store.node, store.keyNode);
  }

  /**
   * What a call is handed of env or of a request's state: the first argument's that holds some (not module state, nor
   * data a fetch answered); for a function called in place (`(async () => fetch(u + id))()`), what it reads around it.
   */
  handedState(call: Node | null, kind: "env" | "req"): Taint | undefined {
    if (call?.type !== "CallExpression") return undefined;
    const callee = unwrap(call.callee);
    const closure = isFunction(callee) ? (this.sourceCode.scopeManager?.acquire(callee)?.through ?? []).filter((r) => r.resolved && !isModuleLevel(r.resolved)).map((r) => r.identifier) : [];
    for (const arg of [...call.arguments, ...closure]) {
      const taint = this.trace.concreteValue((arg.type === "SpreadElement" ? arg.argument : arg) as Node)[kind];
      if (ownState(taint)) return taint;
    }
    return undefined;
  }

  /**
   * Whether a store adds a member to a module set of this file that is only asked whether it holds
   * a key, and whose members are taken out again (`pending.add(k)` with `has` and `delete`: work in
   * flight, a window): no one can read a member out, so a member is a key, as a map's keys are. A
   * set exported, iterated or handed anywhere is not one, nor one that only grows (`seen.add(ip)`).
   */
  keySetMember(store: Store): boolean {
    const call = store.node;
    if (call.type !== "CallExpression" || store.keyNode !== store.valueNode) return false;
    const callee = unwrap(call.callee);
    const set = callee.type === "MemberExpression" && memberName(callee) === "add" ? unwrap(callee.object) : null;
    const variable = set?.type === "Identifier" ? this.scopes.variableOf(set) : null;
    const def = variable?.defs.length === 1 ? variable.defs[0] : null;
    if (!variable || def?.type !== "Variable" || !isModuleLevel(variable) || def.node.parent?.parent?.type === "ExportNamedDeclaration") return false;
    let removes = false;
    const onlyKeys = variable.references.every((ref) => {
      if (ref.init) return true;
      const use = ref.identifier.parent;
      const name = use?.type === "MemberExpression" && use.object === ref.identifier ? memberName(use) : null;
      if (name === "size") return true;
      if (name === "delete" || name === "clear") removes = true;
      return name !== null && KEY_SET_METHODS.has(name) && use!.parent?.type === "CallExpression" && use!.parent.callee === use;
    });
    return onlyKeys && removes;
  }

  /**
   * Whether a collection store is keyed by the env object itself (`cache.set(env, client)`), or
   * by one of the request's I/O objects: each request then finds only its own entry.
   */
  keyedBy(store: Store, kind: "env" | "binding" | "req", textKey?: (key: Taint) => boolean): boolean {
    const key = store.keyNode;
    // A set's member is its own key (`sockets.add(ws)`): the set keeps the object itself, and
    // iterating it hands one request's socket to another.
    if (!key || key === store.valueNode) return false;
    // A key spelled from one value and constants (`` `certs:${team}` ``, `"v1:" + key`, a constant
    // local so spelled) is keyed by that value.
    const local = unwrap(key).type === "Identifier" ? this.scopes.variableOf(unwrap(key)) : null;
    const spelled = kind === "req" ? null : spelledParts((local && constantInit(local)) || key);
    const derived = spelled?.map((part) => this.trace.concreteValue(part)).filter((part) => part.env || part.req);
    const v = derived?.length === 1 ? derived[0] : this.trace.concreteValue(key);
    if (kind === "env") return !!v.env && v.env.envPath?.length === 0;
    // One binding of env, or a binding handed as one (`dbs.set(d1, drizzle(d1))`): a new binding is a new key.
    // (Also copied through an object or an array first, `{ name: env.SITE_URL }`: still that member, as its `key` says.)
    const read = !!v.env && (v.env.envPath?.length === 1 || (v.env.envPath === null && v.env.key !== undefined && !v.env.closure));
    // (Under text, a var or secret the next deploy may give again, the entry must be made of it:
    // `clients.set(env.STAGE, new Stripe(env.STRIPE_KEY))` stays when only the secret changes.)
    const made = read && !store.weak && textKey?.(v.env!) ? this.trace.concreteValue(store.valueNode).env : undefined;
    // (Built of env whole, `new PayClient(env)` under `pay-${env.MERCHANT_ID}`, it holds every other member too.)
    const ofKey = !made || made.key === v.env!.key || (made.key === undefined && made.keys !== undefined && !made.keys.some((k) => k !== v.env!.key));
    // (Text spelled from a var is that var's key too, `(env.DOMAIN ?? "").replace(/\/$/, "")`: a new var, a new key.)
    const text = !!made && !v.env!.number;
    if (kind === "binding") return read && !v.env!.bindingData && (!v.env!.scalar || text) && !v.env!.built && ofKey;
    const k = unwrap(key);
    return !!v.req && v.req.io === true && (k.type === "Identifier" || k.type === "MemberExpression");
  }

  private assignmentStores(site: Site, out: Store[]) {
    const node = site.node as TSESTree.AssignmentExpression;
    const left = unwrap(node.left);
    const topLevel = site.fn === null;
    if (left.type === "Identifier" || left.type === "MemberExpression") {
      const target = left.type === "Identifier" ? this.targets.identifierTarget(left) : (this.targets.assignedTarget(left) ?? this.targets.patchedGlobal(left));
      if (!target) return;
      const lazy = isGuardedWrite(this.sourceCode, node, left);
      const apart = target.kind === "module-instance" ? this.targets.calledOnOwnInstances(site.fn) : null;
      out.push(lazyStore({ node, loc: left.loc, target, how: lazy ? "lazy" : "assign", valueNode: node.right, topLevel }, () => this.handedLoaderValue(node.right) ?? this.keptOf([node.right], apart)));
      return;
    }
    if (left.type === "ObjectPattern" || left.type === "ArrayPattern") {
      const rootValue = this.trace.valueAt(node.right);
      for (const { leaf, keys } of patternLeaves(left)) {
        const target = leaf.type === "Identifier" ? this.targets.identifierTarget(leaf) : leaf.type === "MemberExpression" ? this.targets.assignedTarget(leaf) : this.targets.moduleTarget(leaf);
        if (!target) continue;
        // `[a, b] = [env.A, env.B]`: each target is given its own element of a literal.
        const part = literalPart(node.right as Node, keys);
        let value = rootValue;
        if (part) value = this.trace.valueAt(part);
        else for (const key of keys) value = member(value, key);
        out.push({ node, loc: leaf.loc, target, how: "assign", valueNode: part ?? node.right, value: this.trace.resolve(value), topLevel });
      }
    }
  }

  private callStores(site: Site, out: Store[]) {
    const node = site.node as TSESTree.CallExpression;
    if (node.type !== "CallExpression") return;
    const callee = unwrap(node.callee);
    if (callee.type === "Identifier") {
      this.memoizedStore(site, node, callee, out);
      return;
    }
    if (callee.type !== "MemberExpression") return;
    const name = memberName(callee);
    if (name === null) return;
    const object = unwrap(callee.object);
    const args = node.arguments as Node[];
    // `made`: what the store keeps is that object, built from the values (a configured singleton).
    const push = (target: Target | null, how: StoreHow, values: Node[], keyNode?: Node, made?: Node) => {
      if (!target || values.length === 0) return null;
      const handed = () => (values.length === 1 ? this.handedLoaderValue(values[0]) : null);
      const apart = target.kind === "module-instance" ? this.targets.calledOnOwnInstances(site.fn) : null;
      const store = lazyStore({ node, loc: callee.loc, target, how, valueNode: made ?? values[0], keyNode, topLevel: site.fn === null }, () => handed() ?? (made ? built(this.keptOf(values, apart)) : this.keptOf(values, apart)));
      out.push(store);
      return store;
    };
    // OpenTelemetry's process-wide registries of providers (`trace.setGlobalTracerProvider(provider)`,
    // the meter's and logger's): the provider registered first, with its exporters, serves every later request.
    if (/^setGlobal(?:Tracer|Meter|Logger)Provider$/.test(name) && object.type === "Identifier" && args[0] && this.scopes.importOfId(object)?.source === "@opentelemetry/api") {
      push({ label: `\`${object.name}.${name}\``, kind: "global" }, "assign", [args[0]]);
      return;
    }
    // Object.assign(target, …), Reflect.set(target, k, v), Object.defineProperty(target, k, d).
    const writers = object.type === "Identifier" ? OBJECT_WRITERS.get(object.name) : undefined;
    if (writers && this.scopes.isUnresolved(object)) {
      const written = writers.get(name);
      if (written) push(args[0] ? this.targets.moduleTarget(args[0]) : null, "assign", args.slice(written[0], written[1]));
      return;
    }
    const kept = keptByCall(name, args);
    // `if (!client) { client = new Client(); client.setToken(env.TOKEN); }`: the singleton made
    // there is configured once, with what the first request hands its method (also down a chain:
    // `client.setRegion("eu").setToken(…)` configures `client`).
    const chained = !kept && CONFIGURING_METHOD.test(name) && site.fn !== null && !configuresOn(node) ? chainedReceiver(object) : null;
    const configured = chained?.root;
    if (configured && (configured.type === "Identifier" || configured.type === "MemberExpression") && configuredOnce(this.sourceCode, node, configured)) {
      // The chain's calls start where its first one does: one store for all their arguments.
      const handed = [...chained!.chain.flatMap((call) => call.arguments as Node[]), ...args];
      push(configured.type === "Identifier" ? this.targets.identifierTarget(configured) : this.targets.moduleTarget(configured), "lazy", handed, undefined, configured);
      return;
    }
    // `app.use(mw(env.X))` at module evaluation is configuration (see moduleEvaluationStores).
    if (!kept || (kept.kind === "registration" && site.fn === null)) return;
    // (A class's own static method by such a name, `TodoRepo.use(fn)` of an Effect service, is no app's registration.)
    if (kept.kind === "registration" && this.functions.localClass(object)) return;
    // A Node module's function that takes a callback (`http.get(options, (res) => …)`,
    // `events.once(ws, "open")`) makes a request or waits for an event: the module is no app or
    // emitter that keeps what it is handed (`process` is one: its listeners stay).
    if (kept.kind !== "entry" && object.type === "Identifier" && isNodeBuiltin(this.scopes.importOfId(object)?.source)) return;
    // Every store below is into the receiver: a receiver that is no module place (most `.push`
    // and `.set` calls are on locals) stores nothing, and nothing else is looked at.
    const target = this.targets.moduleTarget(object);
    if (!target) return;
    // A method of a class of this file (`cache.set(k, v)` on `new AttachmentCache()`) is followed
    // into its body instead: what it stores, and where, is seen there.
    if (this.functions.resolveFunction(callee)) return;
    if (kept.kind !== "entry") {
      // A method of another module's own object (`repo.use(env.DB)`) is that module's code: the
      // call's summary says what it keeps.
      if (!this.targets.isProjectObject(object)) push(target, "listener", kept.values);
      return;
    }
    if (!this.targets.mayBeCollection(object)) return; // a client's `.set` writes elsewhere
    const store = push(target, "collection", kept.values, kept.key);
    if (store && kept.key && this.targets.isWeakCollection(object)) store.weak = true;
  }

  /**
   * What a call of a parameter gives when every call of its function in the file hands a function
   * of the file there (`store.set(k, await load(k))` in `read(key, load)`, called as
   * `read(id, (k) => env.KV.get(k))`): what those functions return for the arguments each call
   * passes, not the functions. An object or array around such a call (`{ value, expires }`) holds
   * that too, beside its other members. Null for any other value (the trace's own then stands).
   */
  private handedLoaderValue(valueNode: Node, depth = 0): Val | null {
    const parts = literalParts(valueNode);
    if (parts) {
      const handed = parts.map((part) => (part.spread ? null : this.handedLoaderValue(part.node, depth)));
      if (handed.every((v) => v === null)) return null;
      return handed.reduce<Val>((out, v, i) => join(out, v ?? this.trace.keptValue(parts[i].node)), EMPTY);
    }
    const { made, awaited } = madeBy(this.scopes, valueNode);
    // A parameter of a helper of the file (`put(key, data)`) that every call hands such a result.
    const param = made.type === "Identifier" && depth < 2 ? parameterOf(this.scopes.variableOf(made)) : null;
    if (param && !this.trace.paramInputs(param.fn, param.index).source) {
      const args = this.functions.callSitesOf(param.fn).map((site) => site[param.index]);
      const handed = args.length > 0 && args.length <= MAX_HANDED_LOADERS && args.every((a) => a && a.type !== "SpreadElement") ? args.map((a) => this.handedLoaderValue(a, depth + 1)) : [];
      return handed.length > 0 && handed.every((v) => v !== null) ? handed.reduce<Val>((out, v) => join(out, v!), EMPTY) : null;
    }
    const loader = calledParameter(this.scopes, made);
    if (!loader || this.trace.paramInputs(loader.fn, loader.index).source) return null;
    const { fn, index, passed } = loader;
    const sites = this.functions.callSitesOf(fn);
    if (sites.length === 0 || sites.length > MAX_HANDED_LOADERS) return null;
    let out: Val = EMPTY;
    for (const site of sites) {
      if (site.slice(0, index + 1).some((a) => a.type === "SpreadElement")) return null;
      const handed = site[index] ? this.functions.resolveFunction(site[index]) : null;
      if (!handed) return null;
      // What the call passes the loader, at this site: a parameter of `fn` is what the site hands it.
      const args = (made as TSESTree.CallExpression).arguments.map((a, i) => {
        const at = passed[i];
        return at !== null && site[at] && site[at].type !== "SpreadElement" ? site[at] : (a as Node);
      });
      out = join(out, this.trace.invokedValue(handed, args));
    }
    return awaited ? awaitedValue(out, true) : out;
  }

  /** What a store of these expressions keeps: the join of their values (a spread's elements). */
  /** What values keep; `apart`: a method whose callers' arguments are left out (see `Targets.calledOnOwnInstances`). */
  private keptOf(values: readonly Node[], apart: FunctionNode | null = null): Val {
    let value = EMPTY;
    for (const a of values) {
      const n = a.type === "SpreadElement" ? (a as TSESTree.SpreadElement).argument : a;
      value = join(value, apart ? this.trace.resolve(withoutParamsOf(this.trace.valueAt(n), apart)) : this.trace.keptValue(n));
      for (const held of this.functions.generatorArguments(n)) value = join(value, this.trace.keptValue(held));
    }
    return value;
  }

  /**
   * A call of a module's memoized function (`const getClient = memoize((key) => new Client(key))`):
   * its cache keeps the arguments and what the wrapped function returns for them, for the life of
   * the module.
   */
  private memoizedStore(site: Site, node: TSESTree.CallExpression, callee: TSESTree.Identifier, out: Store[]) {
    // Most files import no memoizing package: no scope lookup for each of their calls.
    this.importsMemoizer ??= this.scopes.imports().some((i) => MEMOIZERS.has(i.source));
    if (!this.importsMemoizer || node.arguments.length === 0) return;
    const variable = this.scopes.variableOf(callee);
    const init = variable && isModuleLevel(variable) ? constantInit(variable) : null;
    const wrap = init ? unwrap(init) : null;
    if (wrap?.type !== "CallExpression" || !this.isMemoizer(unwrap(wrap.callee))) return;
    const args = node.arguments as Node[];
    const wrapped = wrap.arguments[0] ? unwrap(wrap.arguments[0] as Node) : null;
    const fn = wrapped && (isFunction(wrapped) ? wrapped : this.functions.resolveFunction(wrapped));
    // The arguments are kept as the entry's key; the entry is what the wrapped function returns.
    const key = transformed(this.keptOf(args));
    const value = join(fn ? this.trace.invokedValue(fn, args) : built(key), key);
    const target: Target = { label: `\`${callee.name}\`'s cache`, kind: "object" };
    out.push({ node, loc: callee.loc, target, how: "collection", valueNode: node, value, keyNode: args[0], memoized: true, topLevel: site.fn === null });
  }

  private isMemoizer(callee: Node): boolean {
    return isMemoizer(this.scopes, callee);
  }
}

/** Whether a callee is a memoizing wrapper of a package the tables know (`memoize`, `_.memoize`). */
export function isMemoizer(scopes: Scopes, callee: Node): boolean {
  const root = callee.type === "MemberExpression" ? unwrap(callee.object) : callee;
  const info = root.type === "Identifier" ? scopes.importOfId(root) : null;
  if (!info) return false;
  const names = MEMOIZERS.get(info.source);
  if (!names) return false;
  if (callee.type === "MemberExpression") return (info.imported === "default" || info.imported === "*") && names.has(memberName(callee) ?? "");
  return names.has(info.imported);
}


/**
 * Whether another configuring call goes on from a call's result (`a.setA(x)` of
 * `a.setA(x).setB(y)`): that outer call is the chain's store, with every link's arguments.
 */
function configuresOn(call: TSESTree.CallExpression): boolean {
  const outer = outerCall(call);
  const name = outer ? memberName(unwrap(outer.callee) as TSESTree.MemberExpression) : null;
  return name !== null && CONFIGURING_METHOD.test(name) && !keptByCall(name, outer!.arguments as Node[]);
}

/**
 * Whether a method call on a module place is a statement of the code that makes that place when
 * it is missing, within one function: `if (!client) { client = new Client(); client.setToken(t); }`
 * (also awaited, chained on, in a `try` or a nested `if` of the block, under a flag the block sets:
 * `if (!ready) { sdk = new Sdk(); sdk.init(o); ready = true; }`), or after a guard that returns it:
 * `if (client) return client; client = new Client(); client.setToken(t);`.
 */
function configuredOnce(sourceCode: Readonly<SourceCode>, call: TSESTree.CallExpression, receiver: Node): boolean {
  const text = (n: Node) => sourceCode.getText(unwrap(n));
  const name = text(receiver);
  const same = (n: Node) => text(n) === name;
  // The statement the call is, through calls on its result (`c.setToken(t).setRegion(r)`) and `await`.
  let node: Node = outermost(call);
  for (let p = node.parent; p; p = node.parent) {
    if (p.type === "MemberExpression" && p.object === node && p.parent?.type === "CallExpression" && p.parent.callee === p) node = outermost(p.parent);
    else if (p.type === "AwaitExpression") node = outermost(p);
    else break;
  }
  if (node.parent?.type !== "ExpressionStatement") return false;
  const assigns = (target: (n: Node) => boolean) => (st: TSESTree.Statement) => {
    const e = st.type === "ExpressionStatement" ? unwrap(st.expression) : null;
    return e?.type === "AssignmentExpression" && e.operator === "=" && target(e.left as Node);
  };
  for (let n: Node = node.parent; n.parent && !isFunction(n.parent); n = n.parent) {
    const block: Node = n.parent;
    if (block.type !== "BlockStatement") continue;
    const before = block.body.slice(0, block.body.indexOf(n as TSESTree.Statement));
    if (!before.some(assigns(same))) continue;
    const guard: Node | undefined = block.parent;
    if (guard?.type === "IfStatement" && guard.consequent === block && testsMissing(guard.test, (t) => same(t) || block.body.some(assigns((x) => text(x) === text(t))))) return true;
    if (before.some((st: TSESTree.Statement) => st.type === "IfStatement" && same(st.test) && returns(st.consequent))) return true;
  }
  return false;
}

/** A statement that leaves the function: `return x`, or a block that ends in one. */
function returns(st: TSESTree.Statement): boolean {
  return st.type === "ReturnStatement" || (st.type === "BlockStatement" && st.body.at(-1)?.type === "ReturnStatement");
}


/** One store per place and kind: two declarations of one `var` name the same variable. */
function dedupe(stores: Store[]): Store[] {
  const seen = new Set<string>();
  return stores.filter((s) => {
    const key = `${s.loc.start.line}:${s.loc.start.column}:${s.how}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The range of a declared name alone, without its type annotation (`apiKey` of `apiKey: string`). */
function nameLoc(id: TSESTree.Identifier): TSESTree.SourceLocation {
  const start = id.loc.start;
  return { start, end: { line: start.line, column: start.column + id.name.length } };
}

export function isInsideClassOrFunction(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (isFunction(n) || n.type === "ClassBody") return true;
  }
  return false;
}

/** Whether a function nested in `fn` reads the variable (a closure that may outlive the call). */
function capturedBy(variable: Variable, fn: Node): boolean {
  return variable.references.some((ref) => ref.from.variableScope.block !== fn);
}

/**
 * How a message names the call that configures a module object: by the name the object is
 * declared with (`const app = new Hono().use(…)`: `app.use(…)`), else its callee with the
 * arguments left out (`app.use(logger()).use(…)` as `app.use(…).use(…)`), a long one by its start
 * and its method.
 */
function configuredLabel(call: TSESTree.CallExpression, name: string | undefined): string {
  const callee = unwrap(call.callee as Node);
  const text = chainLabel(callee);
  const method = callee.type === "MemberExpression" ? memberName(callee) : null;
  // `const app = new Hono().use(…)`: the app by its name.
  if (name !== undefined && method !== null) return `${name}.${method}(…)`;
  if (text !== null && text.length <= 40) return `${text}(…)`;
  let root: Node = callee;
  while (root.type === "MemberExpression" || (root.type === "CallExpression" && unwrap(root.callee as Node).type === "MemberExpression")) {
    root = unwrap((root.type === "MemberExpression" ? root.object : (root.callee as TSESTree.MemberExpression).object) as Node);
  }
  const start = chainLabel(root);
  return start !== null && method !== null && start.length <= 30 ? `${start}….${method}(…)` : `${text === null ? "" : shortText(text, 40)}(…)`;
}
