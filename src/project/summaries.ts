/**
 * A module's summary: for each exported callable, where each parameter ends up when a caller
 * hands it a derived value — kept in a module place of this module (which, where), or passed on
 * to another module that keeps it. Plain data only, to be cached across files.
 *
 * The module is analysed once as it is, and once with every exported parameter seeded as env; a
 * store whose value is derived only with the seeds is where a parameter goes. Those two analyses
 * summarise no other module: a seed handed to a module that may keep it only says "look closer".
 * When some parameter does reach a store or is handed on, the callable a caller asks about is
 * seeded alone (then each of its parameters), following hand-offs into other modules, and the
 * others wait until a caller asks about them (the keys one linted file asks are asked together).
 */
import type { SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { FileAnalysis } from "../engine/analysis";
import { callParams, memberName, unwrap } from "../engine/ast";
import { paramLabel } from "../engine/functions";
import type { ParamStore, ProjectView } from "../engine/module-calls";
import { CONNECTED_SHAPES, FAIL_LATER_SHAPES, pendingCall, type Shape } from "../engine/shape";
import type { Store } from "../engine/sinks";
import type { ParamSeed } from "../engine/entry-points";
import { calledParameter, constantInit, loaderCallOf, madeBy, parameterOf } from "../engine/scope";
import { namingKey, secretNamed, type FunctionNode, type Node, type Taint } from "../engine/values";
import type { Settings } from "../settings";
import { exportTable, isInstanceKey } from "./exports";

export interface ModuleSummary {
  /** Export key (`getDb`, `Database.get`, `config.merge`, `Client#new`) → stores by parameter. */
  callables: Record<string, (ParamStore | null)[]>;
  forwards: Record<string, { specifier: string; name: string }>;
  stars: string[];
  /** Module-level instances of another module's class, by export name (see `ExportTable.instances`). */
  instances?: Record<string, { specifier: string; name: string }>;
  /** Exported classes built on another module's class, by export name (see `ExportTable.bases`). */
  bases?: Record<string, { specifier: string; name: string }>;
  /** Every callable export key of the module, summarised or not. */
  ownKeys: string[];
  /** Whether every own key is in `callables` (a module that keeps something is summarised key by key). */
  complete: boolean;
  /**
   * Made from the module's outline alone, for the keys asked (its forwards and other keys are not
   * known): any other key asked of it needs the module analysed.
   */
  outlined?: boolean;
}

/** A summary of a module that cannot keep anything: every lookup in it finds no store. */
export const INERT: ModuleSummary = Object.freeze({ callables: {}, forwards: {}, stars: [], ownKeys: [], complete: true }) as ModuleSummary;

/** A cap on the seeded analyses one module may cost, past which parameters count as unknown. */
const MAX_SEEDED_PARAMS = 64;

/** What a module derives with no seed, by store and hand-off key; `deep`: a store's, with the project followed. */
interface Derived {
  has(key: string): boolean;
  deep(key: string): boolean;
}

function storeKey(store: Store): string {
  return `${store.loc.start.line}:${store.loc.start.column}:${store.how}`;
}

function handOffKey(start: number, index: number): string {
  return `call:${start}:${index}`;
}

/**
 * A derived value whose store a summary records: not module state, nor the live `env` itself. Data
 * read through a parameter (`await kv.get(k)`, `await req.json()`) is recorded with the shape
 * "data": what the caller handed decides whether keeping it is a finding (a request's body is; what
 * a binding gives back is not, as in the caller's own file).
 */
function kept(env: Taint | undefined): env is Taint {
  return !!env && !env.moduleState && !(env.live && env.envPath?.length === 0);
}

export function summarize(
  sourceCode: Readonly<SourceCode>,
  path: string,
  settings: Settings,
  project: ProjectView | null,
  /** The export keys callers ask about now (the others wait until asked). */
  wanted: ReadonlySet<string> | null,
  known: ModuleSummary | null,
  /** Export keys of functions left out of the parsed text: unknown until a caller asks about them. */
  dropped: readonly string[] = [],
): ModuleSummary {
  // Parameters are sources only when seeded: a helper's `db: D1Database` is what its callers pass.
  // The unseeded and the all-seeded analyses only ask whether a value is handed on, never what the
  // callee does with it: they see the project shallowly, so that they summarise no other module.
  const shallowView = shallow(project);
  const base = new FileAnalysis(sourceCode, settings, { project: shallowView, typedParams: false });
  const table = exportTable(base);
  const summary: ModuleSummary = {
    callables: { ...known?.callables },
    forwards: Object.fromEntries(table.forwards),
    stars: table.stars,
    ...(table.instances.size > 0 ? { instances: Object.fromEntries(table.instances) } : {}),
    ...(table.bases.size > 0 ? { bases: Object.fromEntries(table.bases) } : {}),
    ownKeys: [...table.callables.keys(), ...table.memoized.keys(), ...dropped],
    complete: dropped.length === 0,
  };
  // A memoized export keeps what it is handed in its cache, whatever else the module does.
  for (const [key, memo] of table.memoized) {
    if (key in summary.callables) continue;
    if (wanted?.has(key)) summary.callables[key] = memoizedParams(sourceCode, settings, base, key, memo, path);
    else summary.complete = false;
  }
  const nothingKept = () => {
    for (const [key, fn] of table.callables) summary.callables[key] = callParams(fn).map(() => null);
    return summary;
  };
  // What is derived without any seed (the module's own handlers, say) is no parameter's doing. A
  // module with no source of its own derives nothing unseeded, and its stores need no trace here.
  const derivedBefore = new Set<string>();
  if (base.entry.mayHaveSources()) {
    const runtimeStores = base.sinks.stores().filter((s) => !s.topLevel);
    const mayHandOn = project !== null && base.facts.importsFrom.size > 0;
    // (What an instance method writes on `this` is a store only once the instance is a caller's: a
    // class's module has none of its own.)
    const instanceMethods = [...table.callables.keys()].some(isInstanceKey);
    if (runtimeStores.length === 0 && !mayHandOn && !instanceMethods) return nothingKept();
    // Reported in the module's own file already (env, or a request's state it takes from a typed
    // context): no caller's finding.
    for (const store of runtimeStores) if (kept(store.value.env) || base.sinks.requestStateOf(store)) derivedBefore.add(storeKey(store));
    for (const call of base.moduleCalls()) {
      for (const arg of call.args) if (kept(arg.value.env)) derivedBefore.add(handOffKey(call.node.range[0], arg.index));
    }
  }
  // A store of env read through another module (`createAuth()` of `getEnvVar("SECRET")`), which the
  // shallow look above cannot follow, is asked again of the module unseeded with the project
  // followed: kept there too, it is the module's own, no parameter's (asked once, when one is seen).
  let deep: Set<string> | null = null;
  const derived: Derived = {
    has: (key) => derivedBefore.has(key),
    deep: (key) => {
      if (!deep) {
        deep = new Set();
        const full = project ? new FileAnalysis(sourceCode, settings, { facts: base.facts, project, typedParams: false }) : null;
        for (const store of full?.sinks.stores() ?? []) if (!store.topLevel && kept(store.value.env)) deep.add(storeKey(store));
      }
      return deep.has(key);
    },
  };
  /**
   * Where the first of these parameters, seeded as env, is kept (null: nowhere). `instanceKey`: the
   * function is summarised as a method of an instance the caller makes (`Db#init`), whose `this`
   * is that instance; seeds of several functions count `this` so for any such method among them.
   */
  const seeded = (seeds: ParamSeed[], instanceKey?: boolean) =>
    whereItGoes(
      new FileAnalysis(sourceCode, settings, {
        facts: base.facts,
        seeds,
        project,
        typedParams: false,
        callerInstances: instanceKey === undefined ? callerInstancesOf(table, seeds) : instanceKey ? classOfMethod(seeds[0].fn) : undefined,
      }),
      path,
      derived,
      seeds.length === 1 ? seeds[0] : undefined,
    );
  const seedsOf = (fn: FunctionNode) => callParams(fn).map((_, index) => ({ fn, index }));
  // One analysis with every parameter seeded at once: most helpers keep none of them, and then
  // that one analysis answers for all. A seed handed on to a module that may keep it counts as
  // kept here; the callable a caller asks about then finds out.
  if (!known) {
    const seeds = [...table.callables.values()].flatMap(seedsOf);
    const all = new FileAnalysis(sourceCode, settings, { facts: base.facts, seeds, project: shallowView, typedParams: false, callerInstances: callerInstancesOf(table, seeds) });
    if (whereItGoes(all, path, derived) === null && !handsOn(all, derived)) return nothingKept();
  }
  // The callables asked now, seeded together: when none of them keeps anything (the store the
  // all-seeded analysis saw belongs to another export), one analysis answers for all of them.
  const asked = [...table.callables].filter(([key, fn]) => wanted?.has(key) && !(key in summary.callables) && callParams(fn).length > 0);
  if (asked.length > 1 && seeded(asked.flatMap(([, fn]) => seedsOf(fn))) === null) {
    for (const [key, fn] of asked) summary.callables[key] = callParams(fn).map(() => null);
  }
  // Else each callable asked is seeded alone (all its parameters, then each when one is kept); the
  // others are asked when a caller needs them.
  let budget = MAX_SEEDED_PARAMS;
  for (const [key, fn] of table.callables) {
    if (key in summary.callables) continue;
    if (!wanted?.has(key)) {
      summary.complete = false;
      continue;
    }
    const instanceKey = isInstanceKey(key);
    const fnParams = callParams(fn);
    const together = fnParams.length > 0 ? seeded(seedsOf(fn), instanceKey) : null;
    if (together === null) {
      summary.callables[key] = fnParams.map(() => null);
      continue;
    }
    // One parameter: seeded alone is seeded together.
    let params: (ParamStore | null)[] = fnParams.length === 1 ? [together] : [];
    for (let index = params.length; index < fnParams.length && budget-- > 0; index++) {
      params.push(seeded([{ fn, index }], instanceKey));
    }
    // Seeded alone, a parameter is used with the others holding nothing: `bucket.get(key)` then
    // looks like something built from `key`. When all of them seeded keep only data read through
    // them, that is what any one of them can be kept as.
    if (together.shape === "data") params = params.map((p) => (p && p.shape !== "data" ? { ...p, shape: "data" } : p));
    // A rest parameter (`log(...args)`) takes every argument from its position on; the array kept
    // as it is keeps each of them as it is handed.
    const last = params.length === fnParams.length ? params[params.length - 1] : null;
    if (last && fnParams[fnParams.length - 1].type === "RestElement") params[params.length - 1] = { ...last, rest: true, shape: last.shape === "value" ? "env" : last.shape };
    if (params.length === fnParams.length) summary.callables[key] = params;
  }
  return summary;
}

/**
 * What an exported memoized function keeps (`export const getSql = memoize((url) => postgres(url))`):
 * its cache keeps what the wrapped function returns, under the arguments it was called with. A new
 * value of an argument is a new entry, so what is built from it is that value's own (as an entry
 * keyed by what it is built from): only a connection or a stub, which fail in a later request
 * whatever the key, counts as kept. A function of no parameter keeps what it returns for everyone.
 */
function memoizedParams(
  sourceCode: Readonly<SourceCode>,
  settings: Settings,
  base: FileAnalysis,
  name: string,
  memo: { call: Node; wrapped: FunctionNode | null },
  path: string,
): (ParamStore | null)[] {
  const place = { target: `\`${name}\`'s cache`, file: path, line: memo.call.loc.start.line, column: memo.call.loc.start.column + 1, how: "collection" as const, via: null };
  const fn = memo.wrapped;
  const params = fn ? callParams(fn) : [];
  if (!fn || params.length === 0) return [{ ...place, shape: "env" }];
  const returns = base.facts.returns.get(fn) ?? [];
  // A function that returns nothing keeps nothing under what it is handed: no seeded look.
  if (returns.length === 0) return params.map(() => null);
  return params.map((_, index) => {
    const seeded = new FileAnalysis(sourceCode, settings, { facts: base.facts, seeds: [{ fn, index }], typedParams: false });
    for (const r of returns) {
      const env = seeded.trace.valueAt(r).env;
      if (!kept(env)) continue;
      const shape = paramShape(seeded.summaryShape(r, env), env);
      if (CONNECTED_SHAPES.has(shape)) return { ...place, shape };
    }
    return null;
  });
}

/**
 * The project as the unseeded and all-seeded analyses see it: what an import names, but no
 * summary (every callee is "unknown").
 */
function shallow(project: ProjectView | null): ProjectView | null {
  if (!project) return null;
  return {
    filename: project.filename,
    classify: project.classify.bind(project),
    resolves: project.resolves.bind(project),
    calleeParams: () => null,
    exportsCollection: project.exportsCollection.bind(project),
    // A store through another module's returned state is the module's own store, not a hand-off.
    returnedPlace: project.returnedPlace?.bind(project),
  };
}

/** Whether a seed is handed to a module of the project that may keep it (seen shallowly: "unknown"). */
function handsOn(seeded: FileAnalysis, derivedBefore: Derived): boolean {
  for (const call of seeded.moduleCalls()) {
    if (call.resolution !== "unknown") continue;
    for (const arg of call.args) if (kept(arg.value.env) && !derivedBefore.has(handOffKey(call.node.range[0], arg.index))) return true;
  }
  return false;
}

/**
 * The shape of what a callee keeps of its parameter. What a method of the parameter (or of a member
 * of it) gives before it is awaited (`r.headers.get(k)`, `db.prepare(q)`), as it is or wrapped in
 * a literal (`{ ua: r.headers.get(k) }`), is read through the parameter: the caller's argument says
 * what that is (a binding's statement, a request's header), not a client the callee built.
 */
function paramShape(shape: Shape, env: Taint): Shape {
  return shape === "client" && (env.bindingChain || env.readThrough) && !env.maker ? "binding" : shape;
}

/**
 * The member of the seeded parameter all of a kept value comes from (the first member read off it:
 * `opts.name`, `await opts.env.KV.get(k)`), or `inner` when the parameter is kept whole or handed on
 * whole (what the callee keeps of it); undefined when the value mixes members or is the parameter.
 */
function memberOf(env: Taint, inner: string | undefined): string | undefined {
  return env.envPath?.length === 0 ? inner : env.key;
}

/** `kv.get(key)` of the seeded parameter (or a member of it), not awaited: a read still pending. */
function unawaitedGet(valueNode: Node, env: Taint): boolean {
  const n = unwrap(valueNode);
  if (!env.bindingChain || env.bindingData || n.type !== "CallExpression") return false;
  const callee = unwrap(n.callee);
  return callee.type === "MemberExpression" && memberName(callee) === "get";
}

/**
 * The member path off the one seeded parameter of the read all of a kept value comes from (`env`,
 * `DB` of `drizzle(c.env.DB)`; none when the parameter is kept as it is), by the origin the trace
 * gives it; undefined for anything else.
 */
function readPath(env: Taint, seed: ParamSeed | undefined): string[] | undefined {
  // (A destructured parameter is named as a seed's label names it: `its argument.env.DB` of `({ env })`.)
  const name = seed ? paramLabel(seed.fn, seed.index) : null;
  if (name !== null && env.origin === name && env.envPath?.length === 0) return [];
  if (!name || !env.origin.startsWith(`${name}.`)) return undefined;
  const path = env.origin.slice(name.length + 1).split(".");
  return path.every((member) => /^[\w$]+$/.test(member)) ? path : undefined;
}

/** What a helper of the module keeps through its parameter (`put(key, data)`), when its one call hands it a loader's result. */
function handedLoaderCall(seeded: FileAnalysis, node: Node): { made: Node; awaited: boolean } | null {
  const made = madeBy(seeded.scopes, node).made;
  const param = made.type === "Identifier" ? parameterOf(seeded.scopes.variableOf(made)) : null;
  const sites = param ? seeded.functions.callSitesOf(param.fn) : [];
  const arg = sites.length === 1 ? sites[0][param!.index] : undefined;
  return arg && arg.type !== "SpreadElement" ? loaderCallOf(seeded.scopes, arg) : null;
}

/**
 * When a store keeps what a call of the seeded parameter returns (`store.set(k, await load(k))`,
 * also through a constant): for each argument of that call, the index of the parameter of the same
 * function it is (null for anything else), whether the result is awaited, and whether the entry is
 * keyed by what the call is given. The parameter is a function the caller hands, and its result is
 * kept. Nothing for any other store.
 */
function calledWith(seeded: FileAnalysis, store: Store): Pick<ParamStore, "calledWith" | "awaited" | "keyedByCall"> {
  const { made, awaited } = loaderCallOf(seeded.scopes, store.valueNode) ?? handedLoaderCall(seeded, store.valueNode) ?? madeBy(seeded.scopes, store.valueNode);
  const loader = calledParameter(seeded.scopes, made);
  const env = loader && seeded.trace.valueAt(loader.callee).env;
  if (!env || env.envPath?.length !== 0 || env.live) return {};
  return { calledWith: loader!.passed, ...(awaited ? { awaited } : {}), ...(seeded.sinks.keyedByCall(store) ? { keyedByCall: true } : {}) };
}

/**
 * The classes whose instance methods are among the functions seeded (`Db#init` of `export class
 * Db`): `this` there is an instance the caller makes, which it may keep in its module scope.
 */
function callerInstancesOf(table: ReturnType<typeof exportTable>, seeds: readonly ParamSeed[]): ReadonlySet<Node> | undefined {
  const classes = new Set<Node>();
  for (const [key, fn] of table.callables) {
    if (isInstanceKey(key) && seeds.some((s) => s.fn === fn)) for (const cls of classOfMethod(fn) ?? []) classes.add(cls);
  }
  return classes.size > 0 ? classes : undefined;
}

/** The class of an instance method, as the one class whose `this` is the caller's instance. */
function classOfMethod(fn: FunctionNode): ReadonlySet<Node> | undefined {
  const method = fn.parent;
  return method?.type === "MethodDefinition" && !method.static && method.parent?.parent ? new Set([method.parent.parent as Node]) : undefined;
}

/**
 * The parameters of `fn` a kept value is made from: those it names directly, in an object or
 * array literal, as a call's argument or a member's object, through constants and through what the
 * file's calls hand a parameter of another function; -1 for a parameter of another function that
 * no call of the file fills.
 */
function namedParams(analysis: FileAnalysis, node: Node, fn: FunctionNode, found: Set<number>, depth: number): void {
  if (depth > 8) {
    found.add(-1);
    return;
  }
  const next = (child: Node | null | undefined) => child && namedParams(analysis, child, fn, found, depth + 1);
  const n = node;
  switch (n.type) {
    case "Identifier": {
      const variable = analysis.scopes.variableOf(n);
      const param = parameterOf(variable);
      if (param?.fn === fn) found.add(param.index);
      else if (param) {
        const { args } = analysis.trace.paramInputs(param.fn, param.index);
        if (args.length === 0) found.add(-1);
        for (const arg of args) next(arg);
      } else next(constantInit(variable) as Node | null);
      return;
    }
    case "ObjectExpression":
      for (const p of n.properties) next((p.type === "SpreadElement" ? p.argument : p.value) as Node);
      return;
    case "ArrayExpression":
      for (const e of n.elements) next(e as Node | null);
      return;
    case "CallExpression":
    case "NewExpression":
      if (n.callee.type === "MemberExpression") next(n.callee.object as Node);
      // A loader the caller hands (`await load()`): what it gives is made from that parameter.
      else if (n.callee.type === "Identifier" && parameterOf(analysis.scopes.variableOf(n.callee))?.fn === fn) next(n.callee);
      for (const arg of n.arguments) next(arg as Node);
      return;
    case "MemberExpression":
      next(n.object as Node);
      return;
    case "TemplateLiteral":
      for (const e of n.expressions) next(e as Node);
      return;
    case "BinaryExpression":
    case "LogicalExpression":
      next(n.left as Node);
      next(n.right as Node);
      return;
    case "ConditionalExpression":
      next(n.consequent as Node);
      next(n.alternate as Node);
      return;
    case "AwaitExpression":
    case "UnaryExpression":
    case "SpreadElement":
    case "TSAsExpression":
    case "TSNonNullExpression":
    case "ChainExpression":
      next(("argument" in n ? n.argument : n.expression) as Node);
      return;
    default:
      return;
  }
}

/**
 * A collection entry keyed by one parameter of the seeded function, or by a key spelled only from
 * it (`cache.set(id, value)`; `"p:" + id`, `keyOf(id)`, a key built in a function the seeded one
 * calls), whose value is made from the other parameters `values` (the seeded one among the key and
 * those): the caller judges whether what it hands for those is computed from what it hands as the
 * key, as the same store in its own file would be judged (a memo). Undefined for any other store.
 */
/** The member of the seed an entry is keyed by, when what it holds is made of other members too (a secret beside a var key); else undefined. */
function keyRead(seeded: FileAnalysis, store: Store, env: Taint): string | undefined {
  const key = store.keyNode && !store.weak ? seeded.trace.concreteValue(store.keyNode).env?.key : undefined;
  // (The whole argument kept under one of its members, `providers.set(p.id, p)`: not made of that member alone.)
  if (key !== undefined && env.envPath?.length === 0 && env.key === undefined && !env.keys?.length) return key;
  return key !== undefined && (env.keys ?? (env.key !== undefined ? [env.key] : [])).some((k) => k !== key) ? key : undefined;
}

function entryParams(analysis: FileAnalysis, store: Store, seed: ParamSeed | undefined): ParamStore["entry"] {
  if (!seed || store.how !== "collection" || !store.keyNode || store.memoized) return undefined;
  const keys = new Set<number>();
  namedParams(analysis, store.keyNode, seed.fn, keys, 0);
  const [key] = keys;
  if (keys.size !== 1 || key < 0) return undefined;
  const named = new Set<number>();
  namedParams(analysis, store.valueNode, seed.fn, named, 0);
  // The value made without the key (`m.set(k, v)`): the key is only the entry's key.
  const keyApart = !named.has(key);
  named.delete(key);
  if (named.has(-1) || (seed.index !== key && !named.has(seed.index))) return undefined;
  return { key, values: [...named].sort((a, b) => a - b), ...(keyApart && named.size > 0 ? { keyApart: true as const } : {}) };
}

/**
 * The first module place the seeded parameter reaches, in this module or through a hand-off; one
 * that keeps the parameter (or what is built from it) before one that keeps only data read through it.
 * `seed`: the one parameter seeded, if one is ({@link entryParams}).
 */
function whereItGoes(seeded: FileAnalysis, path: string, derivedBefore: Derived, seed?: ParamSeed): ParamStore | null {
  const oneSeed = seed !== undefined;
  let data: ParamStore | null = null;
  let number: ParamStore | null = null;
  let instance: ParamStore | null = null;
  let indirect: ParamStore | null = null;
  const { sinks } = seeded;
  for (const store of sinks.stores()) {
    if (store.topLevel || derivedBefore.has(storeKey(store))) continue;
    // The promise of an async function of the module made from the seed (`pending.set(id, load(id))`)
    // is I/O of whoever started it, whatever it settles to and whatever its key: where a store would
    // be nothing of the seed's otherwise (a memo of its key, one entry per value, nothing derived), it
    // is kept as such a promise (`promise`), for the request rule alone.
    const pending = pendingCall(seeded.functions, store.valueNode);
    const own = store.value.env;
    const env = pending && !kept(own) ? sinks.handedState(pending, "env") : own;
    if (!kept(env) || sinks.weakEntryIsLocal(store) || (own?.viaModule && derivedBefore.deep(storeKey(store)))) continue;
    // An entry keyed by the parameter itself is one per argument: whether that is a finding depends
    // on what the caller hands (the env object, or a string). Only one seed says whether key and
    // value are the same argument: with several, `cache.set(key, value)` would look keyed by it.
    const memo = sinks.memoOfKey(store, env);
    if (memo && !pending) continue;
    // A memoizer's cache is keyed by the arguments the call passes, this one among them: a new value
    // of it is a new entry (`pMemoize(fetchRates)(env.RATES_URL)`), as an entry keyed by it is.
    const keyedByArgument = oneSeed && (store.memoized || sinks.keyedBy(store, "env")) ? true : undefined;
    // One under a member of it (`cache.set(bindings.DB, drizzle(bindings.DB))`): one per binding when
    // the caller hands the env object, its own data when it hands a request: the caller judges it.
    // (Of a member the value is not made of alone, `set(o.STAGE, new Stripe(o.KEY))`: the member's name, for the caller to judge by its kind.)
    const keyedByMember: true | string | undefined = oneSeed && !keyedByArgument && sinks.keyedBy(store, "binding") ? (keyRead(seeded, store, env) ?? true) : undefined;
    // (Under text spelled from one member and made of it, `sets.set(issuer, jwks(issuer))`: that member's kind decides, at the caller.)
    // (Not a connection, a stub or a client of unknown make, which may fail in the next request whatever its key.)
    const textKeyed = oneSeed && !keyedByArgument && !keyedByMember && sinks.keyedBy(store, "binding", () => true) && !FAIL_LATER_SHAPES.has(seeded.shapeOf(store.valueNode, env).shape);
    const keyedByText = textKeyed ? seeded.trace.concreteValue(store.keyNode!).env?.key : undefined;
    const keyedAway = !!keyedByArgument && !CONNECTED_SHAPES.has(seeded.summaryShape(store.valueNode, env));
    const promise = !!pending && (memo || keyedAway || !kept(own));
    const entryOfKey = sinks.computedFromKey(store) ? true : undefined;
    const entry = entryParams(seeded, store, seed);
    // On the instance a caller makes: a store only where the caller keeps it (see `onInstance`).
    const onInstance = store.target.kind === "caller-instance";
    const place = {
      target: store.target.label,
      file: path,
      line: store.loc.start.line,
      column: store.loc.start.column + 1,
      how: store.how,
      via: null,
      // (Of several reads kept together, the one named like a secret: `{ base: s.API_BASE, token: s.API_TOKEN }`.)
      key: namingKey(env),
      // (Several members read, none named like a secret: `{ path: e.url.pathname, ua: e.request.headers.get(k) }`.)
      ...(env.keys && namingKey(env) === undefined ? { keys: env.keys } : {}),
      member: memberOf(env, undefined),
      path: readPath(env, seed),
      keyedByArgument,
      ...(keyedByMember ? { keyedByMember } : {}),
      ...(keyedByText !== undefined ? { keyedByText } : {}),
      entryOfKey,
      ...(sinks.keySetMember(store) ? { keySet: true } : {}),
      ...(sinks.freshKey(store) ? { freshKey: true } : {}),
      ...(sinks.mirrorsEnv(store, env) ? { mirrored: true } : {}),
      ...(entry ? { entry } : {}),
      ...(onInstance ? { onInstance } : {}),
      ...(promise ? { promise: true as const } : {}),
    };
    if (env.bindingData && !promise) {
      if (!keyedByArgument) data ??= { ...place, shape: "data", ...(env.fetchedBody ? { fetched: true } : {}) };
      continue;
    }
    const shape = seeded.summaryShape(store.valueNode, env);
    // What is kept under the input it is built from (a digest or a key made from a secret, an HTTP
    // client) is what that input gives: a new secret finds its own. Only a connection, which fails
    // in the next request whatever its key, and a stub, which one failed call breaks for good, are
    // still stores.
    if (keyedAway && !promise) continue;
    // (`ns.get(ns.idFromName(n))` is a stub, not a read started.)
    const pendingGet = shape !== "stub" && unawaitedGet(store.valueNode, env) ? { pendingGet: true } : {};
    if (onInstance) instance ??= { ...place, shape: paramShape(shape, env), ...calledWith(seeded, store) };
    else if (env.number) number ??= { ...place, shape, number: true };
    else {
      const found = { ...place, shape: paramShape(shape, env), ...pendingGet, ...calledWith(seeded, store) };
      // The parameter kept as it is handed names the store best: another store may only keep again
      // what a collection already holds (`m.set(k, m.get(k))` of an LRU's `get`).
      if (env.envPath?.length === 0) return found;
      indirect ??= found;
    }
  }
  if (indirect) return indirect;
  for (const call of seeded.moduleCalls()) {
    if (call.resolution !== "summarised") continue;
    // Of the arguments one call hands on, a secret-like one names the store (`connect(URL, KEY)`: the key).
    let best: { store: ParamStore; secret: boolean } | null = null;
    const mixed: (string | undefined)[] = [];
    for (const arg of call.args) {
      if (!arg.store || !kept(arg.value.env) || derivedBefore.has(handOffKey(call.node.range[0], arg.index))) continue;
      // Data read through the parameter, handed on: the data is what the other module keeps.
      if (arg.value.env.bindingData) {
        const fetched = arg.value.env.fetchedBody ? { fetched: true } : {};
        data ??= { ...arg.store, shape: "data", via: arg.store.via ?? call.callee.label, key: undefined, member: memberOf(arg.value.env, undefined), ...fetched };
        continue;
      }
      // The key, relative to this function's parameter: the callee's when the whole parameter is
      // handed on, the member handed when the callee keeps what it is given.
      const path = arg.value.env.envPath;
      const key = path?.length === 0 ? arg.store.key : path?.length === 1 && arg.store.key === undefined ? path[0] : undefined;
      // Kept as it is handed (`keep(req.url)`): what this module hands is what is kept.
      const env = arg.value.env;
      const shape = arg.store.shape === "env" ? paramShape(seeded.summaryShape(arg.node, env), env) : arg.store.shape;
      // The path off this function's parameter that the kept value is read by (`c.env.DB` handed to
      // a helper that keeps its argument): a caller handing a context whole names that binding.
      // (A callee that records no path of its own keeps what it builds from its whole parameter.)
      const read = readPath(env, seed);
      const readBy = read && [...read, ...(arg.store.path ?? [])];
      // (The entry's and the loader's parameter positions are the callee's, not this function's.)
      const handed = { ...arg.store, shape, via: arg.store.via ?? call.callee.label, key, member: memberOf(env, arg.store.member), path: readBy, entry: undefined, calledWith: undefined };
      if (!arg.store.number && !env.number) {
        const secret = secretNamed(env);
        // Two members of the parameter kept in one place (`getSentry(args.env, args.ctx)`): what is
        // kept is made of both, of no one member (a caller's object literal is judged whole).
        if (best && best.store.file === handed.file && best.store.line === handed.line && best.store.member !== handed.member) mixed.push(best.store.member, handed.member);
        if (!best || (secret && !best.secret)) best = { store: handed, secret };
        continue;
      }
      number ??= { ...handed, number: true };
    }
    // (Made of two members or more: those, unless one is the whole parameter.)
    if (best) return mixed.length > 0 ? { ...best.store, member: undefined, ...(mixed.every((m) => m !== undefined) ? { members: [...new Set(mixed as string[])] } : {}) } : best.store;
  }
  return data ?? number ?? instance;
}
