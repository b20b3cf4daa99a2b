/**
 * Every write of a value into module scope, in one list per file: assignments to module places,
 * collection and `Object.*` writes, listeners, lazy singletons, and what the module stores while
 * it is first evaluated (declarations, configuration calls, the default export, static fields).
 * The places themselves are found by `targets.ts`; the values by the trace.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { isFunction, memberName, patternLeaves, shortText, unwrap } from "./ast";
import { MEMOIZERS, OBJECT_WRITERS, RETURNS_RECEIVER } from "./builtins";
import type { FileFacts, Site } from "./collect";
import type { Functions } from "./functions";
import { keptByCall } from "./receivers";
import { assignedValues, constantInit, isModuleLevel, type Scopes, type Variable } from "./scope";
import { shapeOf, type Shape } from "./shape";
import type { Targets, Target } from "./targets";
import type { Trace } from "./trace";
import { EMPTY, built, isEmpty, join, member, transformed, type Node, type Taint, type Val } from "./values";

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

/** A store whose value is traced when a rule first reads it. */
function lazyStore(fields: Omit<Store, "value">, compute: () => Val): Store {
  let value: Val | undefined;
  return Object.defineProperty(fields, "value", { get: () => (value ??= compute()), enumerable: true }) as Store;
}

/** What a cache entry computed from its key may be and still not be reported: plain data. */
const PLAIN_ENTRY_SHAPES: ReadonlySet<Shape> = new Set(["value", "secret", "storeSecret", "data"]);

/**
 * What a module value rebuilt whenever its input changes may be and still not be reported: data,
 * a closure over the input, an HTTP client. A client holding a connection is still the I/O hazard.
 */
const REBUILT_SHAPES: ReadonlySet<Shape> = new Set([...PLAIN_ENTRY_SHAPES, "closure", "http"]);

/** Written after its declaration. */
function reassigned(variable: Variable): boolean {
  return variable.references.some((r) => r.isWrite() && !r.init);
}

const PLAIN_WRITE: ReadonlySet<string> = new Set(["="]);

/** Steps through a request's memo: a chain of reads through a binding (`row.price` of `…bind(k).first()`). */
const MAX_REQUEST_MEMO_DEPTH = 12;

/** Whether an expression is the key of a cache, or the input a module value is rebuilt from. */
type KeyTest = (node: Node) => boolean;

/**
 * Which state a memo is judged for. For a request's, a value that holds none of it is the entry's
 * own, and reads through a binding on the key (`env.KV.get(k)`, `env.DB.prepare(q).bind(k).first()`)
 * compute from the key as a function of the file does.
 */
type MemoKind = "env" | "req";

/** A memo being judged: what its key is, and for which state. */
interface Memo {
  isKey: KeyTest;
  kind: MemoKind;
}

/** Calls nested this deep on a cache's key (`index(load(kind))`) still count as computed from it. */
const MAX_MEMO_DEPTH = 3;

export class Sinks {
  private storesMemo: Store[] | null = null;
  private moduleEvaluationMemo: Store[] | null = null;
  private importsMemoizer: boolean | null = null;

  constructor(
    private readonly sourceCode: Readonly<SourceCode>,
    private readonly facts: FileFacts,
    private readonly scopes: Scopes,
    private readonly functions: Functions,
    private readonly targets: Targets,
    private readonly trace: Trace,
  ) {}

  /** Every store into module scope made by code that runs, at request time or module evaluation. */
  stores(): Store[] {
    if (this.storesMemo) return this.storesMemo;
    const out: Store[] = [];
    for (const site of this.facts.assignments) this.assignmentStores(site, out);
    for (const site of this.facts.calls) this.callStores(site, out);
    this.storesMemo = dedupe(out);
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
    const configure = (expr: Node): boolean => {
      const chain = this.builderChain(expr);
      if (!chain) return false;
      for (const call of chain) {
        if (configured.has(call) || storeNodes.has(call)) continue;
        configured.add(call);
        const target: Target = { label: `\`${shortText(this.sourceCode.getText(call.callee), 40)}(…)\``, kind: "object" };
        for (const arg of call.arguments) add(call, arg.loc, target, "configure", arg, this.trace.valueAt(arg));
      }
      return true;
    };
    for (const site of this.facts.declarators) {
      const decl = site.node as TSESTree.VariableDeclarator;
      if (site.fn !== null || !decl.init || isInsideClassOrFunction(decl)) continue;
      const init = unwrap(decl.init);
      if (isFunction(init) || init.type === "ClassExpression") continue;
      if (configure(init)) continue; // `const app = new Hono().use(…)`: the app itself, configured
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
      if (site.fn !== null || site.node.type !== "CallExpression" || site.node.parent?.type !== "ExpressionStatement") continue;
      if (!isInsideClassOrFunction(site.node)) configure(site.node);
    }
    for (const decl of this.facts.exportDefaults) {
      const d = unwrap(decl.declaration as Node);
      if (isFunction(d) || d.type.startsWith("Class") || d.type === "ObjectExpression" || d.type === "Identifier") continue;
      if (configure(d)) continue; // `export default app.use(…)`: the app, configured
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
  private builderChain(expr: Node): TSESTree.CallExpression[] | null {
    const calls: TSESTree.CallExpression[] = [];
    let e = unwrap(expr);
    while (e.type === "CallExpression") {
      const callee = unwrap(e.callee);
      if (callee.type !== "MemberExpression") break;
      const name = memberName(callee);
      // The outermost call of a statement may be any method of a module object (`app.use`, `bus.on`).
      if (calls.length > 0 && !RETURNS_RECEIVER.has(name ?? "")) return null;
      if (calls.length === 0 && !RETURNS_RECEIVER.has(name ?? "") && !this.targets.moduleTarget(callee.object)) return null;
      calls.push(e);
      e = unwrap(callee.object);
    }
    if (calls.length === 0) return null;
    return e.type === "NewExpression" || this.targets.moduleTarget(e) ? calls : null;
  }

  /**
   * Whether a collection store memoises a function of its key: `cache.set(k, build(k))`, also
   * through a constant (`const v = await build(k); cache.set(k, v)`), where the key's own variable
   * is the only derived input of the value, and the value is data (not a client, a closure or a
   * binding). Each key then always maps to what its own lookup would compute: no request's data
   * and no stale secret reaches a lookup with another key.
   */
  memoOfKey(store: Store, taint: Taint, kind: MemoKind = "env"): boolean {
    // An entry of plain data, not a client: a new key (a new secret) finds its own.
    const plainEntry = () => PLAIN_ENTRY_SHAPES.has(shapeOf(this.scopes, store.valueNode, taint));
    // A memoized function's entry is what the wrapped function builds from the key.
    if (store.memoized) return plainEntry();
    if (store.how !== "collection") return this.rebuiltOnChange(store, taint, kind);
    if (!store.keyNode) return false;
    const key = unwrap(store.keyNode);
    const keyVariable = key.type === "Identifier" ? this.scopes.variableOf(key) : null;
    if (!keyVariable || reassigned(keyVariable)) return false;
    const stored = this.storedExpression(store);
    const memo: Memo = { isKey: this.keyTest(keyVariable), kind };
    if (stored.type === "Identifier") return this.gotOrComputed(stored, store, memo) && plainEntry();
    return this.computedFrom(stored, memo, 0) && plainEntry();
  }

  /**
   * `let html = cache.get(slug); if (!html) { html = render(slug); cache.set(slug, html); }`: a local
   * whose every write is the entry already there for the key, or computed from the key.
   */
  private gotOrComputed(id: TSESTree.Identifier, store: Store, memo: Memo): boolean {
    const variable = this.scopes.variableOf(id);
    const writes = variable && !isModuleLevel(variable) ? assignedValues(variable, PLAIN_WRITE) : null;
    if (!writes) return false;
    const call = store.node.type === "CallExpression" ? unwrap(store.node.callee) : null;
    const collection = call?.type === "MemberExpression" ? this.sourceCode.getText(unwrap(call.object)) : null;
    const entry = (w: Node): boolean => {
      const e = unwrap(w);
      if (e.type !== "CallExpression" || collection === null) return false;
      const callee = unwrap(e.callee);
      const arg = e.arguments[0] ? unwrap(e.arguments[0] as Node) : null;
      return (
        callee.type === "MemberExpression" &&
        memberName(callee) === "get" &&
        this.sourceCode.getText(unwrap(callee.object)) === collection &&
        !!arg &&
        memo.isKey(arg)
      );
    };
    return writes.length > 1 && writes.every((w) => {
      const e = unwrap(w);
      const value = e.type === "AwaitExpression" ? unwrap(e.argument) : e;
      return entry(value) || this.computedFrom(value, memo, 0);
    });
  }

  /**
   * `if (!client || lastToken !== token) { client = build(token); lastToken = token; }`: a module
   * value rebuilt whenever its input changes, with the input kept beside it and compared on every
   * call. When the value is computed from that input alone and holds no connection (data, a
   * closure over the input, an HTTP client), a new secret builds a new value: nothing goes stale.
   */
  private rebuiltOnChange(store: Store, taint: Taint, kind: MemoKind): boolean {
    // The block of the `if` that makes the store, within the function.
    let block: Node | undefined = store.node;
    for (let i = 0; block && i < 4 && !(block.parent?.type === "IfStatement" && block.parent.consequent === block); i++) block = block.parent;
    if (block?.type !== "BlockStatement" || block.parent?.type !== "IfStatement") return false;
    for (const [kept, input] of this.comparedPairs(block.parent.test)) {
      // The block keeps the input beside the value: `lastToken = token`.
      const copy = block.body
        .map((st) => (st.type === "ExpressionStatement" ? unwrap(st.expression) : null))
        .find((e) => e?.type === "AssignmentExpression" && e.operator === "=" && this.variableIs(e.left, kept) && input(unwrap(e.right)));
      if (!copy) continue;
      // That write itself: the input kept to be compared.
      if (store.node === copy || store.node.parent === copy) return true;
      if (this.computedFrom(this.storedExpression(store), { isKey: input, kind }, 0)) return REBUILT_SHAPES.has(shapeOf(this.scopes, store.valueNode, taint));
    }
    return false;
  }

  /**
   * `kept !== input` in a test (through `||` and `&&`): a module variable, and a local one never
   * reassigned or a member chain read off one (`lastToken !== env.STRIPE_KEY`).
   */
  private comparedPairs(test: Node): [Variable, KeyTest][] {
    const t = unwrap(test);
    if (t.type === "LogicalExpression") return [...this.comparedPairs(t.left), ...this.comparedPairs(t.right)];
    if (t.type !== "BinaryExpression" || (t.operator !== "!==" && t.operator !== "!=")) return [];
    const a = this.identifierVariable(t.left as Node);
    const b = this.identifierVariable(t.right);
    if (a && isModuleLevel(a)) {
      const input = this.inputTest(t.right);
      if (input) return [[a, input]];
    }
    if (b && isModuleLevel(b)) {
      const input = this.inputTest(t.left as Node);
      if (input) return [[b, input]];
    }
    return [];
  }

  /** What stands for a compared input: a local never reassigned, or a member chain read off one (or off an import). */
  private inputTest(node: Node): KeyTest | null {
    const n = unwrap(node);
    if (n.type === "Identifier") {
      const v = this.scopes.variableOf(n);
      return v && !isModuleLevel(v) && !reassigned(v) ? this.variableTest(v) : null;
    }
    let root: Node = n;
    while (root.type === "MemberExpression" && !root.computed) root = unwrap(root.object);
    const v = root !== n && root.type === "Identifier" ? this.scopes.variableOf(root) : null;
    if (!v || reassigned(v) || (isModuleLevel(v) && !this.scopes.importOf(v))) return null;
    const text = this.sourceCode.getText(n);
    return (m) => m.type === "MemberExpression" && this.sourceCode.getText(m) === text;
  }

  /**
   * A test of what stands for an entry's key: its variable, and the locals a constant key is
   * spelled from (`key` of `const k = \`\${prefix}/\${key}\``, `"sk-" + id`). A value computed from
   * such a part is as much the entry of its key: another part only makes the key finer.
   */
  private keyTest(variable: Variable): KeyTest {
    const parts = [variable];
    const collect = (node: Node | null, depth: number): void => {
      const n = node && unwrap(node);
      if (!n || depth > 8) return;
      if (n.type === "TemplateLiteral") for (const e of n.expressions) collect(e, depth + 1);
      else if (n.type === "BinaryExpression" && n.operator === "+") {
        collect(n.left as Node, depth + 1);
        collect(n.right, depth + 1);
      } else if (n.type === "Identifier" && depth > 0) {
        const v = this.scopes.variableOf(n);
        if (v && !isModuleLevel(v) && !reassigned(v)) parts.push(v);
      }
    };
    collect(constantInit(variable), 0);
    return (n) => n.type === "Identifier" && parts.includes(this.scopes.variableOf(n)!);
  }

  /** A test of an expression naming the variable. */
  private variableTest(variable: Variable): KeyTest {
    return (n) => n.type === "Identifier" && this.scopes.variableOf(n) === variable;
  }

  private identifierVariable(node: Node): Variable | null {
    const n = unwrap(node);
    return n.type === "Identifier" ? this.scopes.variableOf(n) : null;
  }

  private variableIs(node: Node, variable: Variable): boolean {
    return this.identifierVariable(node) === variable;
  }

  /** What a store keeps, through a constant (`const v = await build(k); cache.set(k, v)`) and `await`. */
  private storedExpression(store: Store): Node {
    let value = unwrap(store.valueNode);
    if (value.type === "Identifier") {
      const init = constantInit(this.scopes.variableOf(value));
      if (init) value = unwrap(init);
    }
    return value.type === "AwaitExpression" ? unwrap(value.argument) : value;
  }

  /**
   * Whether an expression is a call of a function of no derived value (`build(kind)`,
   * `index(load(kind))`) on the key and values of its own, the key among them (also as a property of
   * an object argument: `build({ token })`).
   */
  private computedFrom(call: Node, memo: Memo, depth: number): boolean {
    if (call.type === "AwaitExpression") return this.computedFrom(unwrap(call.argument), memo, depth);
    if (memo.kind === "req" && depth < MAX_REQUEST_MEMO_DEPTH) {
      const kinds = this.requestFreeParts(call, memo.isKey)?.map((part) => this.given(part, memo, depth + 1));
      if (kinds) return kinds.includes("key") && !kinds.includes("other");
    }
    if (call.type !== "CallExpression" && call.type !== "NewExpression") return false;
    const callee = unwrap(call.callee);
    if (callee.type !== "Identifier" || !this.isClean(callee, memo.kind)) return false;
    const kinds = (call.arguments as Node[]).map((arg) => this.given(arg, memo, depth));
    return kinds.includes("key") && !kinds.includes("other");
  }

  /**
   * For a request's memo, the parts an expression is computed from when nothing else of the
   * request enters it: a method call's receiver and arguments (`env.KV.get(k)`,
   * `stmt.bind(k).first()`), a member's object (`row.price`), the branches of `??`, `||` and `? :`,
   * a constant's initializer. Null for any other expression, and for a member of the key itself.
   */
  private requestFreeParts(expr: Node, key: KeyTest): Node[] | null {
    const e = unwrap(expr);
    switch (e.type) {
      case "ChainExpression":
        return [e.expression as Node];
      case "CallExpression": {
        const callee = unwrap(e.callee);
        return callee.type === "MemberExpression" ? [callee.object as Node, ...(e.arguments as Node[])] : null;
      }
      case "MemberExpression":
        // A member of the key itself (`request.url` under `request`) is the key's data, which the
        // collection's key decides about (`keyedBy`), not a value computed from it.
        return e.computed || key(unwrap(e.object as Node)) ? null : [e.object as Node];
      case "LogicalExpression":
        return [e.left as Node, e.right as Node];
      case "ConditionalExpression":
        return [e.consequent as Node, e.alternate as Node];
      case "Identifier": {
        const init = constantInit(this.scopes.variableOf(e));
        return init ? [init] : null;
      }
      default:
        return null;
    }
  }

  /**
   * Whether an expression holds nothing of what the memo is judged for: nothing derived, for env's;
   * nothing of a request (with what the file's callers hand its parameters), for a request's.
   */
  private isClean(expr: Node, kind: MemoKind): boolean {
    if (kind === "env") return isEmpty(this.trace.valueAt(expr));
    const v = this.trace.concreteValue(expr);
    return !v.req && !v.containers?.some((c) => c.request);
  }

  /** What an argument gives: the key itself, a value of its own (nothing derived), or anything else. */
  private given(arg: Node, memo: Memo, depth: number): "key" | "clean" | "other" {
    const a = unwrap(arg);
    if (memo.isKey(a)) return "key";
    if (a.type === "SpreadElement") return "other";
    if (this.isClean(a, memo.kind)) return "clean";
    if (a.type === "ObjectExpression") {
      const kinds = a.properties.map((p) => (p.type === "Property" && !p.computed ? this.given(p.value as Node, memo, depth) : "other"));
      return kinds.includes("other") ? "other" : kinds.includes("key") ? "key" : "clean";
    }
    return depth < (memo.kind === "req" ? MAX_REQUEST_MEMO_DEPTH : MAX_MEMO_DEPTH) && this.computedFrom(a, memo, depth + 1) ? "key" : "other";
  }

  /**
   * Whether a collection entry stays local: a WeakMap or WeakSet entry lives only as long as its
   * key, so it escapes the request only when the key itself is module state.
   */
  weakEntryIsLocal(store: Store): boolean {
    if (!store.weak) return false;
    const key = store.keyNode ? unwrap(store.keyNode) : null;
    if (!key) return true;
    if (key.type === "Literal") return false;
    if (key.type === "Identifier") return !this.targets.moduleTarget(key);
    return true;
  }

  /**
   * The request state a store keeps, as no-request-state-in-global-scope sees it: the request, its
   * data or its I/O objects, not already module state, not data fetched upstream, not in a
   * collection keyed by the request's own object (except on `globalThis`), not a weak entry.
   */
  requestStateOf(store: Store): Taint | null {
    if (this.weakEntryIsLocal(store)) return null;
    const context = store.value.containers?.find((c) => c.request);
    const req = store.value.req ?? (context ? { origin: context.label, envPath: null, io: true } : undefined);
    if (!req || req.moduleState) return null;
    if (req.fetched && !req.io) return null; // data read from a fetch() response is upstream data
    if (store.target.kind !== "global" && this.keyedBy(store, "req")) return null;
    if (!req.io && this.memoOfKey(store, req, "req")) return null;
    return req;
  }

  /**
   * Whether a collection store is keyed by the env object itself (`cache.set(env, client)`), or
   * by one of the request's I/O objects: each request then finds only its own entry.
   */
  keyedBy(store: Store, kind: "env" | "req"): boolean {
    const key = store.keyNode;
    // A set's member is its own key (`sockets.add(ws)`): the set keeps the object itself, and
    // iterating it hands one request's socket to another.
    if (!key || key === store.valueNode) return false;
    const v = this.trace.concreteValue(key);
    if (kind === "env") return !!v.env && v.env.envPath?.length === 0;
    const k = unwrap(key);
    return !!v.req && v.req.io === true && (k.type === "Identifier" || k.type === "MemberExpression");
  }

  private assignmentStores(site: Site, out: Store[]) {
    const node = site.node as TSESTree.AssignmentExpression;
    const left = unwrap(node.left);
    const topLevel = site.fn === null;
    if (left.type === "Identifier" || left.type === "MemberExpression") {
      const target = left.type === "Identifier" ? this.targets.identifierTarget(left) : this.targets.moduleTarget(left);
      if (!target) return;
      const lazy = isGuardedWrite(this.sourceCode, node, left);
      out.push(lazyStore({ node, loc: left.loc, target, how: lazy ? "lazy" : "assign", valueNode: node.right, topLevel }, () => this.trace.keptValue(node.right)));
      return;
    }
    if (left.type === "ObjectPattern" || left.type === "ArrayPattern") {
      const rootValue = this.trace.valueAt(node.right);
      for (const { leaf, keys } of patternLeaves(left)) {
        const target = leaf.type === "Identifier" ? this.targets.identifierTarget(leaf) : this.targets.moduleTarget(leaf);
        if (!target) continue;
        let value = rootValue;
        for (const key of keys) value = member(value, key);
        out.push({ node, loc: leaf.loc, target, how: "assign", valueNode: node.right, value: this.trace.resolve(value), topLevel });
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
    const push = (target: Target | null, how: StoreHow, values: Node[], keyNode?: Node) => {
      if (!target || values.length === 0) return null;
      const store = lazyStore({ node, loc: callee.loc, target, how, valueNode: values[0], keyNode, topLevel: site.fn === null }, () => this.keptOf(values));
      out.push(store);
      return store;
    };
    // Object.assign(target, …), Reflect.set(target, k, v), Object.defineProperty(target, k, d).
    const writers = object.type === "Identifier" ? OBJECT_WRITERS.get(object.name) : undefined;
    if (writers && this.scopes.isUnresolved(object)) {
      const written = writers.get(name);
      if (written) push(args[0] ? this.targets.moduleTarget(args[0]) : null, "assign", args.slice(written[0], written[1]));
      return;
    }
    const kept = keptByCall(name, args);
    // `app.use(mw(env.X))` at module evaluation is configuration (see moduleEvaluationStores).
    if (!kept || (kept.kind === "registration" && site.fn === null)) return;
    // Every store below is into the receiver: a receiver that is no module place (most `.push`
    // and `.set` calls are on locals) stores nothing, and nothing else is looked at.
    const target = this.targets.moduleTarget(object);
    if (!target) return;
    // A method of a class of this file (`cache.set(k, v)` on `new AttachmentCache()`) is followed
    // into its body instead: what it stores, and where, is seen there.
    if (kept.kind !== "listener" && this.functions.resolveFunction(callee)) return;
    if (kept.kind !== "entry") {
      push(target, "listener", kept.values);
      return;
    }
    if (!this.targets.mayBeCollection(object)) return; // a client's `.set` writes elsewhere
    const store = push(target, "collection", kept.values, kept.key);
    if (store && kept.key && this.targets.isWeakCollection(object)) store.weak = true;
  }

  /** What a store of these expressions keeps: the join of their values (a spread's elements). */
  private keptOf(values: readonly Node[]): Val {
    let value = EMPTY;
    for (const a of values) value = join(value, this.trace.keptValue(a.type === "SpreadElement" ? (a as TSESTree.SpreadElement).argument : a));
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
 * A write guarded by a test that the place is empty: `x ??= …`, `if (!x) x = …`, `x = x ?? …`,
 * `x ?? (x = …)`, `if (x) return x; x = …`.
 */
export function isGuardedWrite(sourceCode: Readonly<SourceCode>, node: TSESTree.AssignmentExpression, left: Node): boolean {
  if (node.operator === "??=" || node.operator === "||=") return true;
  const text = sourceCode.getText(left);
  const same = (n: Node | null | undefined) => !!n && sourceCode.getText(unwrap(n)) === text;
  const right = unwrap(node.right);
  if (right.type === "LogicalExpression" && (right.operator === "??" || right.operator === "||") && same(right.left)) return true;
  const parent = node.parent;
  if (parent?.type === "LogicalExpression" && parent.right === node && (parent.operator === "??" || parent.operator === "||") && same(parent.left)) return true;
  const stmt: Node | undefined = parent;
  if (stmt?.type !== "ExpressionStatement") return false;
  const container = stmt.parent;
  if (container?.type === "IfStatement" && testsMissing(container.test, same)) return true;
  if (container?.type === "BlockStatement" || container?.type === "Program") {
    const body = container.body as Node[];
    const i = body.indexOf(stmt);
    if (container.type === "BlockStatement" && container.parent?.type === "IfStatement" && testsMissing(container.parent.test, same)) return true;
    for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
      const prev = body[j];
      if (prev.type === "IfStatement" && same(prev.test)) return true;
    }
  }
  return false;
}

function testsMissing(test: Node, same: (n: Node) => boolean): boolean {
  const t = unwrap(test);
  if (t.type === "UnaryExpression" && t.operator === "!") return same(t.argument);
  if (t.type === "BinaryExpression" && ["==", "===", "!=", "!=="].includes(t.operator)) {
    if (same(t.left) || same(t.right)) return true;
    const typeofSide = [t.left, t.right].find((s) => s.type === "UnaryExpression" && s.operator === "typeof") as TSESTree.UnaryExpression | undefined;
    return !!typeofSide && same(typeofSide.argument);
  }
  if (t.type === "LogicalExpression") return testsMissing(t.left, same) || testsMissing(t.right, same);
  return false;
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
