/**
 * Caches that are no hazard: a module entry or value that is a function of its own key or input.
 * A collection entry computed from its key alone (`cache.set(k, build(k))`, a get-or-compute local,
 * a read through a binding on the key), and a module value rebuilt whenever the input kept beside
 * it changes: each key maps to what its own lookup computes, so no request's data and no stale
 * secret reaches a lookup with another key. Used by the sinks' exemptions and the summaries.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { callParams, isFunction, keyName, memberName, returnedOnly, spelledParts, unwrap } from "./ast";
import type { Functions } from "./functions";
import { assignedValues, calledParameter, constantInit, isModuleLevel, loaderCallOf, madeBy, parameterOf, type Scopes, type Variable } from "./scope";
import { shapeOf, type Shape } from "./shape";
import type { Trace } from "./trace";
import { isEmpty, type FunctionNode, type Node, type Taint } from "./values";

/** What a cache entry computed from its key may be and still not be reported: plain data. */
const PLAIN_ENTRY_SHAPES: ReadonlySet<Shape> = new Set(["value", "secret", "storeSecret", "data"]);

/**
 * What a request's cache entry computed from its key may be: plain data, also an object spread
 * from such data (`{ ...keys, pub }`, which the shapes call a copy of env only for env's values),
 * or an object or closure made from the key alone (`new Intl.NumberFormat(locale)`): nothing of
 * the request but its key is in it. Not a connection opened for it.
 */
const REQUEST_ENTRY_SHAPES: ReadonlySet<Shape> = new Set([...PLAIN_ENTRY_SHAPES, "env", "client", "http", "closure"]);

/** What a module value rebuilt whenever its input changes may be, not reported: data, a closure over the input, an HTTP client. */
const REBUILT_SHAPES: ReadonlySet<Shape> = new Set([...PLAIN_ENTRY_SHAPES, "closure", "http"]);

/** A read whose name says it reaches a server a client may hold a connection to (a URL, a host, a Hyperdrive binding, a database). */
const CONNECTION_INPUT = /URL|URI|DSN|CONNECTION_?STRING|HYPERDRIVE|HOST|DATABASE|REDIS|MONGO|POSTGRES|MYSQL|(?:^|[._])PG|SOCKET/i;

/**
 * What a value rebuilt whenever its input changes may be: as above, or a construction of no known
 * kind (`createCookie(name, { secrets: [key] })`) built from a secret or var whose name says no
 * server (a URL, a connection string, a host, Hyperdrive): a signer, a formatter, a limiter. One
 * built from such a read may hold a connection and is still reported.
 */
function rebuiltHoldsNoConnection(functions: Functions, node: Node, taint: Taint): boolean {
  const shape = shapeOf(functions, node, taint);
  if (REBUILT_SHAPES.has(shape)) return true;
  return shape === "client" && !taint.binding && !taint.typeName && !CONNECTION_INPUT.test(taint.origin);
}

/** What a key is spelled from: locals, and member chains read off one (by their text). */
interface KeyParts {
  variables: Variable[];
  members: Set<string>;
}

/** One test for several inputs: any of them; null for none. */
function anyOf(tests: readonly KeyTest[]): KeyTest | null {
  if (tests.length <= 1) return tests[0] ?? null;
  return (n) => tests.some((test) => test(n));
}

/** Written after its declaration. */
function reassigned(variable: Variable): boolean {
  return variable.references.some((r) => r.isWrite() && !r.init);
}

const PLAIN_WRITE: ReadonlySet<string> = new Set(["="]);

/** Steps through a request's memo: a chain of reads through a binding (`row.price` of `…bind(k).first()`). */
const MAX_REQUEST_MEMO_DEPTH = 32;

/** Whether an expression is the key of a cache, or the input a module value is rebuilt from. */
type KeyTest = (node: Node) => boolean;

/**
 * Which state a memo is judged for. For a request's, a value that holds none of it is the entry's
 * own, and reads through a binding on the key (`env.KV.get(k)`, `env.DB.prepare(q).bind(k).first()`)
 * compute from the key as a function of the file does.
 */
export type MemoKind = "env" | "req";

/** A memo being judged: what its key is, and for which state. */
interface Memo {
  isKey: KeyTest;
  kind: MemoKind;
  /** What each expression was found to give, within one check (a constant read twice is judged once). */
  given?: Map<Node, "key" | "clean" | "other">;
  /** Through the steps of a request's memo whatever the kind (reads through a binding, constants). */
  deep?: boolean;
}

/** Calls nested this deep on a cache's key (`index(load(kind))`) still count as computed from it. */
const MAX_MEMO_DEPTH = 6;
/** A loader parameter is judged by the functions handed to it at up to this many calls of the file. */
const MAX_LOADER_SITES = 8;

/** What the checks read of a store (a `Store` of the sinks). */
export interface MemoStore {
  node: Node;
  how: string;
  valueNode: Node;
  keyNode?: Node;
  memoized?: boolean;
}

const EQUAL: ReadonlySet<string> = new Set(["===", "=="]);
const NOT_EQUAL: ReadonlySet<string> = new Set(["!==", "!="]);

/**
 * The comparisons with one of `operators` a test makes through `through` (`a === x && b === y`
 * holds only while each holds; `!c || a !== x || b !== y` holds once any differs), each as both (side, other side) pairs.
 */
function comparisons(test: Node, operators: ReadonlySet<string>, through: "&&" | "||"): [Node, Node][] {
  const t = unwrap(test);
  if (t.type === "LogicalExpression" && t.operator === through) {
    return [...comparisons(t.left as Node, operators, through), ...comparisons(t.right, operators, through)];
  }
  if (t.type !== "BinaryExpression" || !operators.has(t.operator)) return [];
  return [
    [t.left as Node, t.right],
    [t.right, t.left as Node],
  ];
}

/** The key of an entry a module object is given (`cache[id] = v`, `cache[id] ??= v`): an object used as a map. */
function memberKey(store: MemoStore): Node | null {
  const node = store.node;
  if (node.type !== "AssignmentExpression" || !(node.operator === "=" || node.operator === "??=" || node.operator === "||=")) return null;
  const left = unwrap(node.left as Node);
  return left.type === "MemberExpression" && left.computed && left.property.type === "Identifier" ? (left.property as Node) : null;
}

/** Whether a statement ends in a `return` (`return x`, `{ …; return x; }`). */
function returns(st: Node): boolean {
  if (st.type === "ReturnStatement") return true;
  return st.type === "BlockStatement" && st.body.length > 0 && st.body[st.body.length - 1].type === "ReturnStatement";
}

export class Memos {
  constructor(
    private readonly sourceCode: Readonly<SourceCode>,
    private readonly scopes: Scopes,
    private readonly trace: Trace,
    private readonly functions: Functions,
  ) {}

  /**
   * Whether a collection store memoises a function of its key: `cache.set(k, build(k))`, also
   * through a constant (`const v = await build(k); cache.set(k, v)`), where the key's own variable
   * (or a local the key is spelled from) is the only derived input of the value, and the value is
   * data, or for env an HTTP client or a closure over the key (never a connection or a binding).
   * Each key then always maps to what its own lookup would compute: no request's data and no
   * stale secret reaches a lookup with another key. Any other store: see {@link rebuiltOnChange} and {@link keptBesideItsInputs}.
   */
  memoOfKey(store: MemoStore, taint: Taint, kind: MemoKind = "env"): boolean {
    // An entry of plain data, not a client: a new key (a new secret) finds its own. Kept under a
    // secret or var, an HTTP client built from it is as much its own (a connection is not).
    const allowed = kind === "env" ? REBUILT_SHAPES : REQUEST_ENTRY_SHAPES;
    const plainEntry = () => allowed.has(shapeOf(this.functions, store.valueNode, taint));
    // A memoized function's entry is what the wrapped function builds from the key.
    if (store.memoized) return plainEntry();
    if (store.how !== "collection" && !memberKey(store)) return this.rebuiltOnChange(store, taint, kind) || this.rebuiltAfterGuard(store, taint, kind) || this.keptBesideItsInputs(store, kind);
    const entry = this.entryOfKey(store, kind);
    return entry === "loader" || (entry === "computed" && plainEntry()) || this.entryOfParams(store, taint, kind);
  }

  /**
   * `set(k, v) { entries.set(k, v) }`: an entry keyed by one parameter of a function of the file,
   * holding another, where every call of the file hands a key and a value computed from it alone
   * (`cache.set(id, await env.KV.get(id))`), as {@link handedMemo} judges a helper of another module.
   */
  private entryOfParams(store: MemoStore, taint: Taint, kind: MemoKind): boolean {
    if (store.how !== "collection" || !store.keyNode) return false;
    const key = this.parameter(store.keyNode);
    const value = key && this.parameter(this.storedExpression(store));
    if (!key || !value || key.fn !== value.fn || key.index === value.index) return false;
    const sites = this.functions.callSitesOf(key.fn);
    return sites.length > 0 && sites.every((args) => !!args[key.index] && !!args[value.index] && this.handedMemo(args[key.index], [args[value.index]], taint, kind));
  }

  /** The parameter an expression names, when nothing writes it again. */
  private parameter(node: Node): { fn: FunctionNode; index: number } | null {
    const id = unwrap(node);
    const variable = id.type === "Identifier" ? this.scopes.variableOf(id) : null;
    return variable && !reassigned(variable) ? parameterOf(variable) : null;
  }

  /**
   * Whether a collection entry is computed from its key alone ({@link memoOfKey} without what the
   * entry may hold): whatever it is, a lookup with another key never finds it. What is derived is
   * judged as for env's memos, through as many steps as a request's (reads through a binding on
   * the key, constants): a summary asks it of a parameter seeded as env, for a caller's request.
   */
  computedFromKey(store: MemoStore): boolean {
    return (store.how === "collection" || memberKey(store) !== null) && this.entryOfKey(store, "env", true) !== null;
  }

  /** How a collection entry is computed from its key: by a call of the file, by a caller's loader, or not. */
  private entryOfKey(store: MemoStore, kind: MemoKind, deep = false): "computed" | "loader" | null {
    const keyNode = store.keyNode ?? memberKey(store);
    const isKey = keyNode ? this.spelledKeyTest(keyNode) : null;
    if (!isKey) return null;
    if (store.keyNode !== store.valueNode && isKey(unwrap(store.valueNode))) return "computed"; // `seen.set(t, t)`: the key itself (a set's member is no entry of a key)
    const stored = this.storedExpression(store);
    const memo: Memo = { isKey, kind, deep };
    if (stored.type === "Identifier") return this.gotOrComputed(stored, store, memo) ? "computed" : null;
    if (this.callersLoader(stored)) return this.givenTheKey(stored as TSESTree.CallExpression, memo, 0) ? "loader" : null;
    if (this.handedLoaderGivesKey(stored, memo)) return "computed";
    if (stored.type === "ObjectExpression" || stored.type === "ArrayExpression") return this.given(stored, memo, 0) === "key" ? "computed" : null; // `stats.set(name, { name, count: 1 })`
    return this.computedFrom(stored, memo, 0) ? "computed" : null;
  }

  /**
   * Whether a call that hands a helper an entry's key and what its value is made from (`remember(id,
   * await env.KV.get(id))`, where the helper runs `cache.set(id, value)`) hands values computed
   * from that key alone or of their own, as {@link memoOfKey} judges the same store in this file:
   * the key a variable not written again, or spelled from such variables (`` `sk-${id}` ``).
   */
  handedMemo(keyArg: Node, values: readonly Node[], taint: Taint, kind: MemoKind): boolean {
    const isKey = this.spelledKeyTest(keyArg);
    if (!isKey) return false;
    const memo: Memo = { isKey, kind };
    const allowed = kind === "env" ? REBUILT_SHAPES : REQUEST_ENTRY_SHAPES;
    // As in this file, an entry of the key and constants alone (`seen.set(id, true)`) keeps the key.
    let computed = false;
    for (const value of values) {
      // A function of the file handed as the loader (`memo(\`page:${slug}\`, () => render(slug))`): the key's when what it returns is.
      const loader = this.functions.resolveFunction(value);
      if (loader) {
        if (!this.returnsMemoOf(loader, this.functions.facts.returns.get(loader) ?? [], keyArg, [], kind)) return false;
        computed = true;
        continue;
      }
      const given = this.given(madeBy(this.scopes, value).made, memo, 0);
      if (given === "other" || (given === "key" && !allowed.has(shapeOf(this.functions, value, taint)))) return false;
      computed ||= given === "key";
    }
    return computed;
  }

  /**
   * Whether what a function returns is computed from a key it is handed with (`read(\`sk-${id}\`,
   * async () => importKey(await env.KEYS.get(id)))`): every return gives the key's value, through
   * the variables the key is spelled from and the function's own parameters `keyParams` (which the callee fills with that key).
   */
  returnsMemoOf(fn: FunctionNode, returns: readonly Node[], keyArg: Node, keyParams: readonly number[], kind: MemoKind): boolean {
    const spelled = this.spelledKeyTest(keyArg);
    const params = keyParams.flatMap((i) => {
      const p = callParams(fn)[i];
      return p?.type === "Identifier" ? [this.scopes.variableOf(p)] : [];
    });
    const isKey: KeyTest = (n) => (spelled?.(n) ?? false) || (n.type === "Identifier" && params.includes(this.scopes.variableOf(n)));
    if (!spelled && params.length === 0) return false;
    const memo: Memo = { isKey, kind };
    return returns.length > 0 && returns.every((r) => this.given(r, memo, 0) === "key");
  }

  /** A test of what stands for a key that is a variable never written again ({@link keyTest}); null for any other key. */
  private keyVariableTest(keyNode: Node): KeyTest | null {
    const key = unwrap(keyNode);
    const variable = key.type === "Identifier" ? this.scopes.variableOf(key) : null;
    return variable && !reassigned(variable) ? this.keyTest(variable) : null;
  }

  /** A test of what stands for a key handed as an argument: a variable never written again, or the variables a template or `+` spells it from. */
  private spelledKeyTest(keyArg: Node): KeyTest | null {
    const key = unwrap(keyArg);
    if (key.type === "Identifier") return this.keyVariableTest(key);
    const parts = this.keyParts(key);
    return parts.variables.length > 0 || parts.members.size > 0 ? this.partsTest(parts) : null;
  }

  private partsTest(parts: KeyParts): KeyTest {
    return (n) =>
      (n.type === "Identifier" && parts.variables.includes(this.scopes.variableOf(n)!)) ||
      (n.type === "MemberExpression" && parts.members.size > 0 && parts.members.has(this.sourceCode.getText(n)));
  }

  /**
   * `store.set(k, await load(k))`: an entry keyed by what a call is given (the key, values of its
   * own), keeping what that call returns. Whatever the called function is, each key maps to what it gives for that key.
   */
  keyedByCall(store: MemoStore): boolean {
    const isKey = store.how === "collection" && store.keyNode ? this.spelledKeyTest(store.keyNode) : null;
    if (!isKey) return false;
    const stored = loaderCallOf(this.scopes, store.valueNode)?.made ?? this.storedExpression(store);
    return stored.type === "CallExpression" && this.givenTheKey(stored, { isKey, kind: "req" }, 0);
  }

  /**
   * `store.set(k, await load(k))` in `read(key, load)`, where `load` is a parameter that no call of
   * this file fills: a loader that callers in other modules hand. What it builds from the key is
   * theirs to judge, where they hand it (a summary records that the loader's result is kept); the
   * key itself is no more kept than by any memo.
   */
  private callersLoader(call: Node): boolean {
    const loader = calledParameter(this.scopes, call);
    if (!loader) return false;
    const { source, receiver, args } = this.trace.paramInputs(loader.fn, loader.index);
    if (source || receiver !== null || args.length > 0) return false;
    // The loader itself seeded (a summary asking what is kept of it): what it returns is kept.
    const value = this.trace.valueAt(loader.callee);
    return !value.env && !value.req;
  }

  /**
   * `let html = cache.get(slug); if (!html) { html = render(slug); cache.set(slug, html); }`: a local
   * whose every write is the entry already there for the key, or computed from the key.
   */
  private gotOrComputed(id: TSESTree.Identifier, store: MemoStore, memo: Memo): boolean {
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
      // (An object of the key and what is computed from it, `{ slug, html }`, as when stored directly.)
      return entry(value) || (value.type === "ObjectExpression" || value.type === "ArrayExpression" ? this.given(value, memo, 0) === "key" : this.computedFrom(value, memo, 0));
    });
  }

  /**
   * `if (!client || lastToken !== token) { client = build(token); lastToken = token; }`: a module
   * value rebuilt whenever its input changes, with the input kept beside it and compared on every
   * call. When the value is computed from that input alone and holds no connection (data, a
   * closure over the input, an HTTP client), a new secret builds a new value: nothing goes stale.
   */
  private rebuiltOnChange(store: MemoStore, taint: Taint, kind: MemoKind): boolean {
    // The block of the `if` that makes the store, within the function.
    let block: Node | undefined = store.node;
    for (let i = 0; block && i < 4 && !(block.parent?.type === "IfStatement" && block.parent.consequent === block); i++) block = block.parent;
    if (block?.type !== "BlockStatement" || block.parent?.type !== "IfStatement") return false;
    // The inputs the block keeps beside the value (`lastToken = token`), each compared in the test.
    const inputs: KeyTest[] = [];
    for (const [kept, input] of this.comparedPairs(block.parent.test)) {
      const copy = this.keptCopy(block.body, (left) => this.variableIs(left, kept), input);
      if (!copy) continue;
      // That write itself: the input kept to be compared.
      if (store.node === copy || store.node.parent === copy) return true;
      inputs.push(input);
    }
    // What is made of those inputs alone, through any steps (`raw.split(",")`, `{ raw }`, `new
    // Set(…)`, `makeLimiter(max, windowMs)` with both kept and compared).
    const isKey = anyOf(inputs);
    return !!isKey && this.given(this.storedExpression(store), { isKey, kind, deep: true }, 0) === "key" && rebuiltHoldsNoConnection(this.functions, store.valueNode, taint);
  }

  /** The statement of a block that keeps the input beside the value (`lastToken = token`): `kept` tells its place. */
  private keptCopy(statements: readonly TSESTree.Statement[], kept: (left: Node) => boolean, input: KeyTest): Node | undefined {
    return statements
      .map((st) => (st.type === "ExpressionStatement" ? unwrap(st.expression as Node) : null))
      .find((e) => e?.type === "AssignmentExpression" && e.operator === "=" && kept(e.left as Node) && input(unwrap(e.right as Node))) ?? undefined;
  }

  /** A module place an input may be kept in (`lastToken`, `memo.key`): whether a write's target is it; null for none. */
  private modulePlace(side: Node): ((left: Node) => boolean) | null {
    const s = unwrap(side);
    if (s.type === "Identifier") {
      const v = this.scopes.variableOf(s);
      return v && isModuleLevel(v) ? (left) => this.variableIs(left, v) : null;
    }
    let root: Node = s;
    while (root.type === "MemberExpression" && !root.computed) root = unwrap(root.object);
    const v = s !== root && root.type === "Identifier" ? this.scopes.variableOf(root) : null;
    if (!v || !isModuleLevel(v)) return null;
    const text = this.sourceCode.getText(s);
    return (left) => unwrap(left).type === "MemberExpression" && this.sourceCode.getText(unwrap(left)) === text;
  }

  /**
   * `if (limits === lastLimits && parsed) return parsed; … parsed = parse(limits); lastLimits =
   * limits;`: the same rebuild, guarded by an early return while the input kept beside the value is
   * the one handed, both written further down the same block.
   */
  private rebuiltAfterGuard(store: MemoStore, taint: Taint, kind: MemoKind): boolean {
    const statement = store.node.parent;
    const body = statement?.type === "ExpressionStatement" ? statement.parent : null;
    if (store.node.type !== "AssignmentExpression" || body?.type !== "BlockStatement") return false;
    const inputs: KeyTest[] = [];
    // Guards before the write, in its block and in each enclosing one (`if (!key) { memo.key = key; return … }`).
    const blocks: TSESTree.BlockStatement[] = [];
    for (let child: Node = statement as Node, block: Node | undefined = body; block?.type === "BlockStatement" && blocks.length < 4; ) {
      blocks.push(block);
      const at = block.body.indexOf(child as TSESTree.Statement);
      for (const st of block.body.slice(0, at)) {
        if (st.type !== "IfStatement" || !returns(st.consequent)) continue;
        for (const [side, other] of comparisons(st.test, EQUAL, "&&")) {
          // (Kept in a module variable, `lastLimits`, or in a member of a module object, `memo.key`.)
          const kept = this.modulePlace(side);
          const input = kept ? this.inputTest(other) : null;
          if (!input) continue;
          const copy = blocks.map((b) => this.keptCopy(b.body, kept!, input)).find((c) => c !== undefined);
          if (!copy) continue;
          if (store.node === copy) return true;
          inputs.push(input);
        }
      }
      // Up through an `if`'s block (its test reads the input, not a kept place).
      const holder: Node | undefined = !isFunction(block.parent) && block.parent?.type === "IfStatement" ? block.parent : undefined;
      child = holder as Node;
      block = holder?.parent;
    }
    // Made of the inputs (`parse(limits)`), or a local the block fills from them (`byId.set(…)`).
    const isKey = anyOf(inputs);
    return !!isKey && this.given(this.storedExpression(store), { isKey, kind, deep: true }, 0) !== "other" && rebuiltHoldsNoConnection(this.functions, store.valueNode, taint);
  }

  /**
   * `if (cfg?.key === key && cfg.host === host) return cfg.client; … cfg = { key, host, client }`:
   * a module object that holds the inputs beside what is built from them, returned early while the
   * inputs it holds are the ones handed. Every other member must be computed from those inputs
   * alone (or hold nothing derived), and hold no connection: a new input builds a new object.
   */
  private keptBesideItsInputs(store: MemoStore, kind: MemoKind): boolean {
    const assignment = store.node;
    if (assignment.type !== "AssignmentExpression" || assignment.operator !== "=") return false;
    const target = this.identifierVariable(assignment.left);
    const literal = target ? this.storedExpression(store) : null;
    if (!target || literal?.type !== "ObjectExpression") return false;
    // The guards before the write in its function's body: the members compared with an input each.
    const statement = assignment.parent;
    const body = statement?.type === "ExpressionStatement" ? statement.parent : null;
    const inputs = new Map<string, KeyTest>();
    // The write is the `if`'s own statement, or in its block, run while one input differs (`if (!cfg || cfg.key !== key) cfg = { key, … }`).
    const guard = body?.type === "IfStatement" ? body : body?.type === "BlockStatement" && body.parent?.type === "IfStatement" ? body.parent : null;
    if (guard && (guard.consequent === statement || guard.consequent === body)) this.comparedMembers(guard.test, target, inputs, NOT_EQUAL, "||");
    if (body?.type !== "BlockStatement" && !guard) return false;
    for (const st of body?.type === "BlockStatement" ? body.body : []) {
      if (st === statement) break;
      if (st.type === "IfStatement" && returns(st.consequent)) this.comparedMembers(st.test, target, inputs, EQUAL, "&&");
    }
    if (inputs.size === 0) return false;
    const isInput: KeyTest = (n) => [...inputs.values()].some((test) => test(n));
    for (const p of literal.properties) {
      if (p.type !== "Property" || p.kind !== "init") return false;
      const name = keyName(p.key, p.computed);
      const value = unwrap(p.value as Node);
      const input = name === null ? undefined : inputs.get(name);
      if (input) {
        if (!input(value)) return false;
        continue;
      }
      if (this.isClean(value, kind)) continue;
      const built = value.type === "Identifier" ? constantInit(this.scopes.variableOf(value)) : value;
      // (Also an object of such parts, `{ days, rows: await res.json() }`.)
      if (!built || this.given(unwrap(built), { isKey: isInput, kind, deep: true }, 0) !== "key") return false;
      // What the file's callers hand the inputs decides what is built (a helper's `postgres(url)`).
      const env = this.trace.concreteValue(value).env;
      if (kind === "env" && env && !rebuiltHoldsNoConnection(this.functions, value, env)) return false;
    }
    return true;
  }

  /** `target.key === input` (or `target?.key`, either side) through `&&` (or `!==` through `||` too): each key compared, with its input. */
  private comparedMembers(test: Node, target: Variable, out: Map<string, KeyTest>, operators: ReadonlySet<string>, through: "&&" | "||"): void {
    for (const [side, other] of comparisons(test, operators, through)) {
      let m = unwrap(side);
      if (m.type === "ChainExpression") m = unwrap(m.expression as Node);
      if (m.type !== "MemberExpression" || !this.variableIs(m.object as Node, target)) continue;
      const key = memberName(m);
      const input = this.inputTest(other);
      if (key !== null && input) out.set(key, input);
    }
  }

  /**
   * `kept !== input` in a test (through `||` and `&&`): a module variable, and a local one never
   * reassigned or a member chain read off one (`lastToken !== env.STRIPE_KEY`).
   */
  private comparedPairs(test: Node): [Variable, KeyTest][] {
    const pairs: [Variable, KeyTest][] = [];
    for (const [side, other] of comparisons(test, NOT_EQUAL, "||")) {
      const kept = this.identifierVariable(side);
      const input = kept && isModuleLevel(kept) ? this.inputTest(other) : null;
      if (input) pairs.push([kept!, input]);
    }
    return pairs;
  }

  /** What stands for a compared input: a local never reassigned, or a member chain read off one (or off an import). */
  private inputTest(node: Node): KeyTest | null {
    const n = unwrap(node);
    if (n.type === "Identifier") {
      const v = this.scopes.variableOf(n);
      // (With what a constant input is spelled from: `sig` of `` const sig = `${max}:${windowMs}` ``.)
      return v && !isModuleLevel(v) && !reassigned(v) ? this.keyTest(v) : null;
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
    const init = constantInit(variable);
    const parts = init ? this.keyParts(init) : { variables: [], members: new Set<string>() };
    return this.partsTest({ variables: [variable, ...parts.variables], members: parts.members });
  }

  /**
   * What a key is spelled from, by a template or `+`, or written as it is: the locals never written
   * again, and the members read off one (`url.pathname`); each also through `JSON.stringify(…)`,
   * `String(…)` or a list's `join` (`JSON.stringify(labels)`, `labels.join(",")`: the labels make the key).
   */
  private keyParts(node: Node): KeyParts {
    const parts: KeyParts = { variables: [], members: new Set() };
    // A key chosen between spellings (`override ? \`${max}:${ms}\` : "default"`): each one's parts. (A function of the file given one input alone, `keyOf(cookie)`, spells it too.)
    const n = unwrap(node);
    const spellings = n.type === "ConditionalExpression" ? [n.consequent as Node, n.alternate as Node] : [node];
    for (const part of spellings.flatMap((w) => spelledParts(w) ?? [w])) {
      const written = unwrap(part);
      const call = written.type === "CallExpression" ? written : null;
      const callee = call ? unwrap(call.callee) : null;
      const text = callee && call!.arguments.length === 1 ? this.sourceCode.getText(callee) : null;
      // (A list's own spelling, `defaults.join(",")`: the list makes the key. A function of the file given several, `keyOf(mint, timeframe)`: each.)
      const joined = callee?.type === "MemberExpression" && memberName(callee) === "join" && call!.arguments.length <= 1 ? [unwrap(callee.object)] : null;
      const ids = joined ?? (text === "JSON.stringify" || text === "String" || (callee && call!.arguments.length > 0 && this.functions.resolveFunction(callee)) ? call!.arguments.map((a) => unwrap(a as Node)) : [written]);
      for (const id of ids) {
        const v = id.type === "Identifier" ? this.scopes.variableOf(id) : null;
        if (v && !isModuleLevel(v) && !reassigned(v)) parts.variables.push(v);
        // A member chain of a local never written again (`url.pathname`), as it is written.
        if (id.type === "MemberExpression" && this.inputTest(id)) parts.members.add(this.sourceCode.getText(id));
      }
    }
    return parts;
  }

  private identifierVariable(node: Node): Variable | null {
    const n = unwrap(node);
    return n.type === "Identifier" ? this.scopes.variableOf(n) : null;
  }

  private variableIs(node: Node, variable: Variable): boolean {
    return this.identifierVariable(node) === variable;
  }

  /** What a store keeps, through a constant (`const v = await build(k); cache.set(k, v)`) and `await`. */
  private storedExpression(store: MemoStore): Node {
    return madeBy(this.scopes, store.valueNode).made;
  }

  /**
   * Whether an expression is a call of a function of no derived value (`build(kind)`,
   * `index(load(kind))`) on the key and values of its own, the key among them (also as a property of
   * an object argument: `build({ token })`).
   */
  private computedFrom(call: Node, memo: Memo, depth: number): boolean {
    if (call.type === "AwaitExpression") return this.computedFrom(unwrap(call.argument), memo, depth);
    if ((memo.kind === "req" || memo.deep) && depth < MAX_REQUEST_MEMO_DEPTH) {
      const kinds = this.requestFreeParts(call, memo.isKey)?.map((part) => this.given(part, memo, depth + 1));
      if (kinds) return kinds.includes("key") && !kinds.includes("other");
    }
    if (call.type !== "CallExpression" && call.type !== "NewExpression") return false;
    const callee = unwrap(call.callee);
    // A function or class of nothing derived (`build(k)`, `new Intl.NumberFormat(locale)`).
    if ((callee.type !== "Identifier" && callee.type !== "MemberExpression") || !this.isClean(callee, memo.kind)) return false;
    return this.givenTheKey(call, memo, depth);
  }

  /** Whether a call is given the key and values of its own, the key among them. */
  private givenTheKey(call: TSESTree.CallExpression | TSESTree.NewExpression, memo: Memo, depth: number): boolean {
    const kinds = (call.arguments as Node[]).map((arg) => this.given(arg, memo, depth));
    return kinds.includes("key") && !kinds.includes("other");
  }

  /**
   * For a request's memo, the parts an expression is computed from when nothing else of the
   * request enters it: a method call's receiver and arguments (`env.KV.get(k)`,
   * `stmt.bind(k).first()`), a member's object (`row.price`), the branches of `??`, `||` and `? :`,
   * the parts of a text spelled from it (`"p:" + k`), a constant's initializer. Null for any other
   * expression, and for a member of the key itself.
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
      // A key spelled from it (`"product:" + id`, `` `user:${id}` ``).
      case "BinaryExpression":
        return e.operator === "+" ? [e.left as Node, e.right as Node] : null;
      case "TemplateLiteral":
        return e.expressions as Node[];
      case "ConditionalExpression":
        return [e.consequent as Node, e.alternate as Node];
      case "Identifier": {
        // A constant's initializer; a local's every plain write (`let sk; try { sk = await importKey(…) }`).
        const variable = this.scopes.variableOf(e);
        const init = constantInit(variable);
        if (init) return [init];
        const writes = variable && !isModuleLevel(variable) ? assignedValues(variable, PLAIN_WRITE) : null;
        return writes && writes.length > 0 ? writes : null;
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
    if (kind === "env") return isEmpty(this.trace.concreteValue(expr));
    const v = this.trace.concreteValue(expr);
    return !v.req && !v.containers?.some((c) => c.request);
  }

  /** What an argument gives: the key itself, a value of its own (nothing derived), or anything else. */
  private given(arg: Node, memo: Memo, depth: number): "key" | "clean" | "other" {
    const known = memo.given?.get(arg);
    if (known !== undefined) return known;
    // Asked again while it is being judged (`x = f(x)`): not the key's.
    (memo.given ??= new Map()).set(arg, "other");
    const found = this.givenOnce(arg, memo, depth);
    memo.given.set(arg, found);
    return found;
  }

  private givenOnce(arg: Node, memo: Memo, depth: number): "key" | "clean" | "other" {
    const a = unwrap(arg);
    if (memo.isKey(a)) return "key";
    if (a.type === "SpreadElement") return this.given(a.argument as Node, memo, depth + 1); // its elements: `fromCharCode(...bytes)`
    if (this.isClean(a, memo.kind)) return "clean";
    if (a.type === "ObjectExpression") {
      // A spread's object counts as a value of the entry (`{ ...keys, name }`).
      const kinds = a.properties.map((p) =>
        p.type === "SpreadElement" ? this.given(p.argument as Node, memo, depth) : p.type === "Property" && !p.computed ? this.given(p.value as Node, memo, depth) : "other",
      );
      return kinds.includes("other") ? "other" : kinds.includes("key") ? "key" : "clean";
    }
    if (a.type === "ArrayExpression") {
      // A spread's list counts as elements of the entry (`[...rows, "README.md"]`).
      const kinds = a.elements.map((e) => (e ? this.given((e.type === "SpreadElement" ? e.argument : e) as Node, memo, depth) : "clean"));
      return kinds.includes("other") ? "other" : kinds.includes("key") ? "key" : "clean";
    }
    if (this.handedLoaderGivesKey(a, memo)) return "key";
    // A callback with no parameters a wrapper runs (`withRetry(() => api.get(id))`): what it returns.
    const body = isFunction(a) && a.params.length === 0 ? returnedOnly(a) : null;
    if (body) return this.given(body, memo, depth + 1);
    // A constant local (`const bytes = encode(secret)`): what it is made of.
    const local = a.type === "Identifier" ? this.scopes.variableOf(a) : null;
    const init = local && !isModuleLevel(local) ? constantInit(local) : null;
    if (init && depth < MAX_REQUEST_MEMO_DEPTH) return this.given(init, memo, depth + 1);
    return depth < (memo.kind === "req" || memo.deep ? MAX_REQUEST_MEMO_DEPTH : MAX_MEMO_DEPTH) && this.computedFrom(a, memo, depth + 1) ? "key" : "other";
  }

  /**
   * `const value = await load(); cache.set(key, { value, at })` in `memo(key, load)`: what a loader
   * parameter returns is the key's when every call of the file hands a function of the file that
   * returns, for the key that call hands, only what that key gives (`memo(slug, () => render(slug))`).
   */
  private handedLoaderGivesKey(expr: Node, memo: Memo): boolean {
    const loader = calledParameter(this.scopes, madeBy(this.scopes, expr).made);
    if (!loader) return false;
    // The key is one of the function's parameters: one whose reads the key test names.
    const declared = this.scopes.declaredBy(loader.fn);
    const keyIndex = callParams(loader.fn).findIndex((p) => {
      const variable = p.type === "Identifier" ? declared.find((v) => v.name === p.name) : undefined;
      return !!variable?.references.some((r) => memo.isKey(r.identifier as Node));
    });
    const keyParams = loader.passed.flatMap((at, i) => (at === keyIndex ? [i] : []));
    const sites = keyIndex < 0 ? [] : this.functions.callSitesOf(loader.fn);
    if (sites.length === 0 || sites.length > MAX_LOADER_SITES) return false;
    return sites.every((site) => {
      const key = site[keyIndex];
      const fn = site[loader.index] ? this.functions.resolveFunction(site[loader.index]) : null;
      if (!key || !fn || site.slice(0, Math.max(keyIndex, loader.index) + 1).some((a) => a.type === "SpreadElement")) return false;
      return this.returnsMemoOf(fn, this.functions.facts.returns.get(fn) ?? [], key, keyParams, memo.kind);
    });
  }
}
