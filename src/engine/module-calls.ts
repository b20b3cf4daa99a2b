/**
 * Calls into the project's own modules: which export a call names (`getDb`, `Database.get`,
 * `config.merge`, `Client#new`), and what the callee does with each argument, as the project
 * layer (`src/project/`) summarises it. The engine asks through {@link ProjectView}, so it stays
 * free of files and parsers; without a view (no file name, no parser) nothing is followed.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { chainRoot, isConstant, isFunction, memberName, outermost, propertyValue, unwrap } from "./ast";
import { fieldInputs, type FileFacts } from "./collect";
import { argumentList, superClassOf, type Functions } from "./functions";
import { constantInit, isModuleLevel, madeInstance, type Scopes } from "./scope";
import type { KeptParam, Shape } from "./shape";
import { ENV_GETTER_STEP, LOCAL_LOOKING, SETTER_NAME } from "./sources";
import type { StoreHow } from "./sinks";
import { CALLER_INSTANCE, type ReturnedPlace } from "./targets";
import type { Trace } from "./trace";
import { awaitedValue } from "./promises";
import { EMPTY, fieldsOf, isEmpty, join, member, withoutParams, type FunctionNode, type Handed, type Node, type ReturnSummary, type Val } from "./values";

/** Where a callee keeps one of its parameters: plain data, safe to cache across files. */
export interface ParamStore {
  /** The module place, as messages name it (`` `db` ``, `` `Database.instance` ``). */
  target: string;
  /** The file that holds the store. */
  file: string;
  line: number;
  column: number;
  how: StoreHow;
  /** The shape of what is stored, when the parameter holds env (a client built from it, …). */
  shape: Shape;
  /** The function a hand-off passed it on to, when the store is in another module (`initPool`). */
  via: string | null;
  /** The member of env the kept value was read from (`drizzle(env.DB)` keeps `DB`): the caller's config names its kind. */
  key?: string;
  /** The member of the parameter all of the kept value comes from (`opts.name`): a caller's object literal hands only that property. */
  member?: string;
  /** The members it comes from, when it is made of several (`getSentry(o.env, o.ctx)`). */
  members?: readonly string[];
  /** Only a number computed from the parameter is kept (`count = items.length`): no request's data. */
  number?: boolean;
  /** The entry is computed from its key alone (`breakers.set(name, new Breaker(name))`): a request's data handed is only that key's. */
  entryOfKey?: boolean;
  /**
   * What the parameter returns when it is called is kept, not the parameter (a loader's result:
   * `store.set(k, await load(k))`), with what the call passes it: for each argument, the index of
   * the callee's parameter it is (null: something else). A caller that hands a function of its file
   * hands what that function returns for those arguments.
   */
  calledWith?: (number | null)[];
  /** The callee awaits what the parameter returns before keeping it. */
  awaited?: boolean;
  /** The entry keeping the parameter's result is keyed by what the call passes it: data from that key alone is the key's (a memo). */
  keyedByCall?: boolean;
  /**
   * The entry is a collection's, keyed by (a key made from) parameter `key` and made from the
   * parameters `values` (`cache.set(id, value)`): what a caller hands for those, computed from what
   * it hands as the key, is a memo of that key, as the same store in its own file. `keyApart`:
   * the value is made without the key (`m.set(k, v)`), which is then kept only as a key.
   */
  entry?: { key: number; values: number[]; keyApart?: true };
  /**
   * The member path off the parameter of the one read all of the kept value comes from (`env`,
   * `DB` of `drizzle(c.env.DB)`): a caller that hands an object around env (Hono's `c`, Pages'
   * `context`) hands the binding that path reads.
   */
  path?: string[];
  /**
   * What is kept is the parameter's `get(key)`, not awaited (`p ??= kv.get("flags")`): handed a KV
   * namespace or an R2 bucket, a pending read of the request that started it.
   */
  pendingGet?: boolean;
  /**
   * What is kept is the promise of an async function of the callee's module made from the parameter
   * (`pending.set(id, load(id))`), before it settles: I/O of the request that handed it, whatever it
   * settles to (a memo of the key otherwise).
   */
  promise?: true;
  /**
   * Kept as a member of a set its module only asks whether it holds a key (`pending.add(k)` with
   * `has` and `delete`): a request's data handed is a key there, as a map's key is.
   */
  keySet?: boolean;
  /** An entry under an id made fresh for it (`sessions.set(crypto.randomUUID(), v)`): no other request finds it. */
  freshKey?: boolean;
  /**
   * What is kept is the body of a response fetched with the parameter (`fetch(url + id)`, then
   * `cache.set(k, await r.json())`): the upstream's data, whatever a caller's request handed. (Only
   * ever beside the shape `data`.)
   */
  fetched?: boolean;
  /** What is kept is also put to a binding by the same function (`Sinks.mirroredToBinding`): a request's data in it is the service's. */
  mirrored?: boolean;
  /** The parameter is a rest parameter (`...args`): every argument from its position on is handed to it. */
  rest?: boolean;
  /**
   * Kept on the instance the method is called on (`this.d1 = d1` in `Db#init`): a store only where
   * the caller keeps that instance in module scope (`const db = new Db()` at the top of its module).
   */
  onInstance?: boolean;
  /**
   * An entry keyed by the parameter itself (`pools.set(url, new Pool(url))`): handed the env object
   * (or a request's I/O object), it is one entry per such object, as a cache keyed by env is.
   */
  keyedByArgument?: boolean;
  /**
   * An entry keyed by a member of the parameter (`dbs.set(bindings.DB, …)`): handed the env object, one entry per binding.
   * A name: the member keying an entry made of other members too (`set(o.STAGE, new Stripe(o.KEY))`), one per binding
   * only when that member is a binding (text, a var the next deploy may give again, spells no new key for a new secret).
   */
  keyedByMember?: true | string;
  /** The member whose text spells the entry's key and makes its value (`sets.set(issuer, jwks(issuer))`): the caller judges by its kind. */
  keyedByText?: string;
  /** The members of the parameter what is kept was read from, when several and none names it ({@link key}). */
  keys?: string[];
}

/** What the project knows of a callee: its stores by parameter, "unresolved" (a package), or null (unknown). */
export type CalleeParams = readonly (ParamStore | null)[] | "unresolved" | null;

export interface ProjectView {
  /** The absolute path of the file analysed. */
  readonly filename: string;
  /**
   * What an import names, cheaply (no summary is made): a package or missing file, a project
   * module that cannot keep anything (by its text and its imports'), or one that may. `instance`:
   * asked for a method of an instance the file keeps in module scope, where writing `this` keeps.
   */
  classify(specifier: string, instance?: boolean): "package" | "inert" | "may-keep";
  /** Whether an import names a module of the project (a resolution only, cached). */
  resolves(specifier: string): boolean;
  /**
   * Where the callee named by `key` keeps each argument. `alsoWanted`: other keys of the same
   * import the file asks about, summarised in the same look at the module.
   */
  calleeParams(specifier: string, key: string, alsoWanted?: readonly string[]): CalleeParams;
  /**
   * What {@link calleeParams} would answer from what is known already, without summarising any
   * module; undefined when that takes a summary not made yet.
   */
  knownParams?(specifier: string, key: string): CalleeParams | undefined;
  /** Whether the project module an import names exports an in-memory collection under `name`. */
  exportsCollection(specifier: string, name: string): boolean;
  /**
   * The module place an exported function returns on every path (`getStore` of
   * `export function getStore() { return store; }`), with where it returns it; null when it
   * returns anything else, or is not known.
   */
  returnedPlace?(specifier: string, key: string): ReturnedPlace | null;
  /** The Workers base (`Agent`, `DurableObject`, …) a class the project module exports is built on; null when none. */
  workersBase?(specifier: string, key: string): string | null;
  /** What an instance of a class the project module exports keeps of each constructor parameter; null when not known. */
  classKeeps?(specifier: string, key: string): readonly KeptParam[] | null;
  /** The package whose function or class made an export of the project module (`export const app = new Hono()`); null when none. */
  exportMaker?(specifier: string, key: string): string | null;
  /** The text of a type the project module exports (`{ url: string }` of `export interface ImageRequest`, `Context & { env: Env }`); null when none. */
  exportedType?(specifier: string, name: string): string | null;
  /**
   * What an exported function returns of the arguments it is handed; null when not known. With
   * `handed` false (nothing derived is handed), only what it reads of the live `env` itself is asked.
   */
  returnOf?(specifier: string, key: string, handed?: Handed): ReturnSummary | null;
  /** The parameters an exported function tests for absence or gives a default (`if (!tokens) …`); null when not known. */
  testedParams?(specifier: string, key: string): readonly number[] | null;
}

/** An import a call names, with the export key the project layer looks up. */
export interface ImportedCallee {
  specifier: string;
  /** `name`, `default`, `Class.method`, `instance.method`, `Class#new`, `Class#method` (an instance's) or `getter().method`. */
  key: string;
  /** How a message names the callee: `getDb`, `Database.get`, `new Client`. */
  label: string;
  /** The module-scope constant of this file the instance method is called on (`db` of `const db = new Db()`). */
  moduleInstance?: string;
  /**
   * The static method whose result the method is called on (`Config.getInstance` of
   * `Config.getInstance().load(…)`): a module-scope instance only when it returns a module place.
   */
  singleton?: string;
}

/** A call that hands values to a module of the project (or a package), with what it does with them. */
export interface ModuleCall {
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  callee: ImportedCallee;
  /** The call runs while the module is evaluated. */
  topLevel: boolean;
  /** "unresolved": a package or a missing file; "unknown": the summary could not be made. */
  resolution: "summarised" | "unresolved" | "unknown";
  /** Arguments with a derived value, each with where the callee keeps it (null: it does not). */
  args: { index: number; node: Node; value: Val; store: ParamStore | null }[];
}

/**
 * The name heuristic, for callees the project cannot show (a package, a missing file, no project):
 * a `set*`/`init*`-like function of a local-looking module, called for its effect.
 */
export function nameSaysItKeeps(node: TSESTree.CallExpression | TSESTree.NewExpression, callee: ImportedCallee): boolean {
  if (node.type !== "CallExpression") return false;
  const fn = unwrap(node.callee);
  if (fn.type !== "Identifier" || !SETTER_NAME.test(fn.name)) return false;
  const statement = node.parent?.type === "AwaitExpression" ? node.parent.parent : node.parent;
  return statement?.type === "ExpressionStatement" && LOCAL_LOOKING.test(callee.specifier);
}

/**
 * The names a file gives a new instance of an imported class (`db` of `const db = new Db()` or of
 * `db ??= new Db()`, `Db` imported) or what an imported function returns (`const db = getDb()`),
 * by their text alone: only a variable so named can be one ({@link madeInstance}), and most files
 * name none, so most method calls need no scope lookup.
 */
function instanceNames(facts: FileFacts, scopes: Scopes): ReadonlySet<string> {
  const names = new Set<string>();
  for (const site of facts.calls) {
    const node = site.node as TSESTree.CallExpression | TSESTree.NewExpression;
    // `getDb()`, and a static method of an imported class (`Registry.get()`).
    const callee = node.callee.type === "MemberExpression" && node.type === "CallExpression" ? node.callee.object : node.callee;
    if (callee.type !== "Identifier" || !scopes.mayBeImported(callee.name)) continue;
    const made = outermost(node);
    const p = made.parent;
    if (p?.type === "VariableDeclarator" && p.init === made && p.id.type === "Identifier") names.add(p.id.name);
    else if (node.type === "NewExpression" && p?.type === "AssignmentExpression" && p.right === made && p.left.type === "Identifier") names.add(p.left.name);
  }
  return names;
}

/** The imported class an expression is a new instance of (`new Db()`, a variable made so), or null. */
function instanceOfImport(scopes: Scopes, expr: Node, named: ReadonlySet<string>): { specifier: string; imported: string; name: string; moduleLevel: boolean } | null {
  let made = expr;
  let moduleLevel = false;
  if (made.type === "Identifier") {
    if (!named.has(made.name)) return null;
    const variable = scopes.variableOf(made);
    // An import itself is no instance; a local variable may be one.
    if (!variable || scopes.importOf(variable)) return null;
    const once = madeInstance(variable);
    if (!once) return null;
    made = once;
    moduleLevel = isModuleLevel(variable);
  }
  if (made.type !== "NewExpression") return null;
  const cls = unwrap(made.callee);
  if (cls.type !== "Identifier") return null;
  const info = scopes.importOfId(cls);
  if (!info || info.imported === "*") return null;
  return { specifier: info.source, imported: info.imported, name: cls.name, moduleLevel };
}

/**
 * `Config.getInstance().load(env)`: a method of the instance an imported class's static method
 * returns. When that method returns a module place of its module (`Config.instance`, asked only
 * once something derived is handed: {@link ImportedCallee.singleton}), that instance lives in
 * module scope, and what the method writes on `this` is kept.
 */
function singletonMethod(scopes: Scopes, object: Node, method: string): ImportedCallee | null {
  if (object.type !== "CallExpression") return null;
  const getter = unwrap(object.callee);
  if (getter.type !== "MemberExpression" || unwrap(getter.object).type !== "Identifier") return null;
  const cls = unwrap(getter.object) as TSESTree.Identifier;
  const name = memberName(getter);
  const info = scopes.importOfId(cls);
  if (!info || info.imported === "*" || name === null) return null;
  const label = `${cls.name}.${name}()`;
  return { specifier: info.source, key: `${info.imported}#${method}`, label: `${label}.${method}`, moduleInstance: label, singleton: `${info.imported}.${name}` };
}

/**
 * A method called on an instance of another module's class: one this file makes (`new
 * Db().connect(url)`, `db.connect(url)` with `const db = new Db()`, also a module variable made so
 * lazily), the singleton a static method returns (`Config.getInstance().load(…)`), or what an
 * imported function returns (`getDb().init(d1)`, followed when that is its module's instance).
 */
function instanceCallee(scopes: Scopes, object: Node, method: string, named: ReadonlySet<string>): ImportedCallee | null {
  const made = instanceOfImport(scopes, object, named);
  if (made) {
    const label = object.type === "Identifier" ? `${object.name}.${method}` : `new ${made.name}().${method}`;
    const moduleInstance = made.moduleLevel ? { moduleInstance: (object as TSESTree.Identifier).name } : {};
    return { specifier: made.specifier, key: `${made.imported}#${method}`, label, ...moduleInstance };
  }
  // What an imported function returns, also through a constant (`const db = getDb(); db.init(d1)`).
  const variable = object.type === "Identifier" && named.has(object.name) ? scopes.variableOf(object) : null;
  const init = variable ? constantInit(variable) : null;
  const got = init ? unwrap(init) : object;
  const singleton = singletonMethod(scopes, got, method);
  // Kept in a constant (`const registry = Registry.get()`): named by it.
  if (singleton && variable) return { ...singleton, label: `${variable.name}.${method}`, moduleInstance: variable.name };
  if (singleton) return singleton;
  const getter = got.type === "CallExpression" ? unwrap(got.callee) : null;
  const returned = getter?.type === "Identifier" ? scopes.importOfId(getter) : null;
  if (!returned || returned.imported === "*") return null;
  const label = object.type === "Identifier" ? `${object.name}.${method}` : `${(getter as TSESTree.Identifier).name}().${method}`;
  return { specifier: returned.source, key: `${returned.imported}().${method}`, label };
}

/**
 * What a name bound from a dynamic import names (`const { init } = await import("./db")`: `init`
 * of `./db`; `const db = await import("./db")`: the namespace), as a static import would.
 */
function dynamicImportOf(scopes: Scopes, id: Node): { source: string; imported: string } | null {
  if (id.type !== "Identifier") return null;
  const variable = scopes.variableOf(id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (def?.type !== "Variable" || !def.node.init || variable!.references.some((r) => r.isWrite() && !r.init)) return null;
  const init = unwrap(def.node.init as Node);
  const loaded = init.type === "AwaitExpression" ? unwrap(init.argument as Node) : null;
  if (loaded?.type !== "ImportExpression" || loaded.source.type !== "Literal" || typeof loaded.source.value !== "string") return null;
  const source = loaded.source.value;
  if (def.node.id.type === "Identifier") return { source, imported: "*" };
  if (def.node.id.type !== "ObjectPattern") return null;
  for (const p of def.node.id.properties) {
    if (p.type !== "Property" || p.computed || p.key.type !== "Identifier") continue;
    const local = p.value.type === "AssignmentPattern" ? p.value.left : p.value;
    if (local === def.name) return { source, imported: p.key.name };
  }
  return null;
}

/** The import a callee names (also through a dynamic import), or null. */
function importNamed(scopes: Scopes, id: Node): { source: string; imported: string } | null {
  return scopes.importOfId(id) ?? (scopes.hasDynamicImport() ? dynamicImportOf(scopes, id) : null);
}

/**
 * An imported function handed by name to an array's or a promise's callback method
 * (`[env.A, env.B].forEach(add)`, `load().then(keep)`): called with each element, or with what the
 * promise gives, as `add(element)` would be.
 */
function importedCallback(scopes: Scopes, trace: Trace, call: TSESTree.CallExpression | TSESTree.NewExpression): { callee: ImportedCallee; receiver: Node; value: Val } | null {
  const fn = call.arguments[0];
  if (call.type !== "CallExpression" || call.arguments.length !== 1 || fn?.type !== "Identifier" || !scopes.mayBeImported(fn.name)) return null;
  const method = unwrap(call.callee);
  const name = method.type === "MemberExpression" ? memberName(method) : null;
  const element = name === "forEach" || name === "map" || name === "flatMap" || name === "filter" || name === "some" || name === "every" || name === "find";
  if (!element && name !== "then") return null;
  const info = scopes.importOfId(fn);
  if (!info || info.imported === "*") return null;
  const receiver = (method as TSESTree.MemberExpression).object as Node;
  const list = unwrap(receiver);
  // The elements of an array literal are each what it is (`env.Q1`), not an index into the first.
  const value =
    element && list.type === "ArrayExpression"
      ? list.elements.reduce<Val>((v, e) => (e && e.type !== "SpreadElement" ? join(v, trace.valueAt(e as Node)) : v), EMPTY)
      : element
        ? member(trace.valueAt(receiver), null)
        : awaitedValue(trace.valueAt(receiver), true);
  return { callee: { specifier: info.source, key: info.imported, label: fn.name }, receiver, value };
}

/** What a field of an instance stands for when it only ever holds one imported name or one call of one (see {@link fieldAlias}). */
type FieldAlias = (node: Node) => TSESTree.Identifier | TSESTree.CallExpression | null;

/**
 * `this._hub` of a class whose field `_hub` only ever holds one name (`private _hub = hub`, `hub`
 * imported): that name, so that `this._hub.setConfig(…)` is `hub.setConfig(…)`. So is a call of no
 * arguments it holds (`this.metrics = getMetricsService()`): `this.metrics.record(…)` is `getMetricsService().record(…)`.
 */
export function fieldAlias(facts: FileFacts, functions: Functions, node: Node): TSESTree.Identifier | TSESTree.CallExpression | null {
  const self = node.type === "MemberExpression" ? unwrap(node.object) : null;
  const key = self?.type === "ThisExpression" ? memberName(node as TSESTree.MemberExpression) : null;
  const owner = key !== null ? functions.classOfThis(self as TSESTree.ThisExpression) : null;
  const info = owner && !owner.isStatic ? facts.classes.get(owner.cls) : undefined;
  if (!info) return null;
  const { writes, getter, parameter } = fieldInputs(info, key!, false);
  const only = writes.length === 1 && !getter && !parameter ? unwrap(writes[0]) : null;
  if (only?.type === "CallExpression" && only.arguments.length === 0 && unwrap(only.callee).type === "Identifier") return only;
  return only?.type === "Identifier" ? only : null;
}

/** The import a callee names and the export key it calls, or null when it is not an import. */
export function importedCallee(scopes: Scopes, call: TSESTree.CallExpression | TSESTree.NewExpression, instances: ReadonlySet<string>, alias?: FieldAlias): ImportedCallee | null {
  const callee = unwrap(call.callee);
  const isNew = call.type === "NewExpression";
  // `super(key)` in a constructor of a class that extends an imported one: that class's constructor.
  if (callee.type === "Super") {
    const base = superClassOf(call);
    const info = base && unwrap(base).type === "Identifier" ? importNamed(scopes, unwrap(base)) : null;
    return info && info.imported !== "*" ? { specifier: info.source, key: `${info.imported}#new`, label: "super" } : null;
  }
  if (callee.type === "Identifier") {
    const info = importNamed(scopes, callee);
    if (!info || info.imported === "*") return null;
    return { specifier: info.source, key: isNew ? `${info.imported}#new` : info.imported, label: isNew ? `new ${callee.name}` : callee.name };
  }
  if (callee.type !== "MemberExpression") return null;
  const method = memberName(callee);
  if (method === null) return null;
  const object = alias?.(unwrap(callee.object)) ?? unwrap(callee.object);
  const instance = isNew || method === "new" ? null : instanceCallee(scopes, object, method, instances);
  if (instance) return instance;
  let label = `${method}`;
  let key: string | null = null;
  let specifier: string | null = null;
  if (object.type === "Identifier") {
    const info = importNamed(scopes, object);
    if (!info) return null;
    specifier = info.source;
    key = info.imported === "*" ? method : `${info.imported}.${method}`;
    label = `${object.name}.${method}`;
  } else if (object.type === "MemberExpression" && unwrap(object.object).type === "Identifier") {
    // `ns.Database.get(d1)`
    const ns = unwrap(object.object) as TSESTree.Identifier;
    const info = scopes.importOfId(ns);
    const member = memberName(object);
    if (!info || info.imported !== "*" || member === null) return null;
    specifier = info.source;
    key = `${member}.${method}`;
    label = `${ns.name}.${member}.${method}`;
  }
  if (key === null || specifier === null) return null;
  return { specifier, key: isNew ? `${key}#new` : key, label: isNew ? `new ${label}` : label };
}

/**
 * The import a call can be about, by the names alone: the module an import declaration binding the
 * root of its callee imports from (`getDb` of `getDb(…)`, `db` of `db.users.insert(…)`, `Db` of
 * `new Db().connect(…)` or `getDb().init(…)`); "?" when a lookup must decide (an instance made of
 * an import, a name imported twice, `super(…)`, an imported function handed as a callback); null
 * when the call names no import at all.
 */
function rootImport(scopes: Scopes, call: TSESTree.CallExpression | TSESTree.NewExpression, instances: ReadonlySet<string>, alias: FieldAlias): string | "?" | null {
  const first = call.arguments.length === 1 ? call.arguments[0] : null;
  if (first?.type === "Identifier" && scopes.mayBeImported(first.name)) return "?";
  let root = chainRoot(call.callee as Node);
  if (root.type === "ThisExpression" && root.parent) root = alias(root.parent as Node) ?? root;
  if (root.type === "NewExpression" || root.type === "CallExpression") root = unwrap(root.callee as Node);
  if (root.type === "Super") return "?";
  if (root.type !== "Identifier") return null;
  if (instances.has(root.name)) return "?";
  const source = scopes.importSourceOf(root.name);
  return source === undefined ? null : (source ?? "?");
}

/**
 * How the calls into one import are judged: "project" (a project module that may keep something,
 * by its text and its imports'), "name" (a local-looking specifier no project file answers: by the
 * callee's name), or "none" (a package, or a project module that cannot keep anything).
 */
type Judged = "project" | "name" | "none";

function judge(specifier: string, project: ProjectView | null, instance: boolean): Judged {
  if (project?.resolves(specifier)) return project.classify(specifier, instance) === "inert" ? "none" : "project";
  return LOCAL_LOOKING.test(specifier) ? "name" : "none";
}

function keepsNone(params: CalleeParams | undefined): boolean {
  return Array.isArray(params) && params.every((p) => p === null);
}

/** Shapes a summary gives a member of its parameter kept as it was read (no client built from it). */
const KEPT_AS_READ: ReadonlySet<Shape> = new Set(["value", "binding", "secret"]);

/**
 * What a callee keeps of an object around env it is handed (Hono's `c`, Pages' `context`): the
 * binding the path it reads gives (`drizzle(c.env.DB)`); or, when it reads anything but env from a
 * request's context (`c.req.header(k)`) or keeps the context whole, the request's I/O object.
 * Null for anything else.
 */
function aroundEnv(value: Val, store: ParamStore): Val | null {
  if (store.path) {
    const read = store.path.reduce(member, value);
    if (read.env) return { env: read.env };
  }
  // Kept as it is, or a member of it that does not lead to env read (`c.req`); what a call makes of it (`peersOf(c)`) says nothing of which part it used.
  const read = store.path?.length === 0 ? null : (store.key ?? store.keys?.find((k) => !value.containers!.some((c) => c.envPaths.some((path) => path[0] === k))));
  if (read !== null && read !== undefined && value.containers!.some((c) => c.envPaths.some((path) => path[0] === read))) return null;
  // (A Workers instance handed as `this` carries its own I/O already.)
  if (value.req) return value;
  // Qwik's env getter handed whole (`orm(event.env)`, `this.env` of `server$`): env, read through it; none of it is the request's.
  const getter = value.containers!.find((c) => c.envPaths.length > 0 && c.envPaths.every((p) => p.length === 1 && p[0] === ENV_GETTER_STEP));
  if (getter) return { env: { origin: getter.label, envPath: [] } };
  const context = value.containers!.find((c) => c.request);
  if (!context || read === undefined) return null;
  return { req: { origin: context.label, envPath: null, io: true } };
}

/** A store a method makes on its instance, as the module-scope instance `name` holds it. */
export function onModuleInstance(store: ParamStore, name: string): ParamStore {
  return { ...store, onInstance: undefined, target: store.target.replace(CALLER_INSTANCE, `instance \`${name}\``) };
}

/** Whether a loader of the file returns only what the key it is handed with gives (`Sinks.loaderReturnsMemo`). */
export type LoaderMemo = (loader: FunctionNode, keyArg: Node, keyParams: readonly number[]) => boolean;

/**
 * What a callee that keeps a loader's result (`store.set(k, await load(k))`, see
 * {@link ParamStore.calledWith}) keeps of a function of this file handed as that loader: what it
 * returns for the arguments the callee passes, named by its return. Null when that is nothing derived.
 */
/** The one function a factory of the file returns, made by a call of it handed as a loader (`ensureDb(makerFor(env))`). */
function madeLoader(trace: Trace, arg: Node): FunctionNode | null {
  const call = unwrap(arg);
  const made = call.type === "CallExpression" ? trace.functions.factoryResult(call) : null;
  return made && isFunction(made) ? made : null;
}

function loaderResult(
  trace: Trace,
  facts: FileFacts,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  store: ParamStore,
  handed: { node: Node; loader: FunctionNode },
  returnsMemo: LoaderMemo | null,
): { value: Val; node: Node; store: ParamStore } | null {
  const { loader } = handed;
  // One key handed to the loader: whether what it returns is that key's alone.
  const loaderIsMemo = (passed: Node[]): boolean => {
    const keyParams = passed.flatMap((_, i) => (store.calledWith![i] === null ? [] : [i]));
    return !!returnsMemo && keyParams.length === 1 && returnsMemo(loader, passed[keyParams[0]], keyParams);
  };
  const passed = store.calledWith!.map((i) => (i === null ? undefined : call.arguments[i]));
  const known = passed.every((arg) => arg !== undefined && arg.type !== "SpreadElement");
  const result = trace.invokedValue(loader, known ? (passed as Node[]) : []);
  let value = store.awaited ? awaitedValue(result, true) : result;
  // Kept under the key it is handed, a result with no request state of its own but the key's, or
  // one computed from that key alone (what it reads through a binding by the key).
  if (value.req && known && store.keyedByCall && (!trace.invokedValue(loader, []).req || loaderIsMemo(passed as Node[]))) value = { ...value, req: undefined };
  if (isEmpty(value)) return null;
  const returns = facts.returns.get(loader) ?? [];
  return {
    value,
    node: returns.length === 1 ? returns[0] : handed.node,
    store: { ...store, shape: "env", calledWith: undefined, awaited: undefined, keyedByCall: undefined },
  };
}

/**
 * Every call of the file that hands a derived value to an imported function, with what the callee
 * does. Arguments are traced only where it can matter: calls into project modules, and calls into
 * other modules that the name heuristic may judge ({@link nameSaysItKeeps}).
 */
export function moduleCalls(
  facts: FileFacts,
  scopes: Scopes,
  trace: Trace,
  project: ProjectView | null,
  returnsMemo: LoaderMemo | null = null,
): ModuleCall[] {
  const out: ModuleCall[] = [];
  // Each import is judged once per file (the text check of a project module is kept for the whole
  // process), before any argument is traced: most modules called cannot keep anything.
  const judged = new Map<string, Judged>();
  const pending: { node: TSESTree.CallExpression | TSESTree.NewExpression; callee: ImportedCallee; topLevel: boolean; args: ModuleCall["args"]; passed: readonly Node[]; symbolic: Val[]; inProject: boolean }[] = [];
  let instances: ReadonlySet<string> | null = null;
  const judgedOf = (specifier: string, instance: boolean): Judged => {
    const key = instance ? `${specifier}\u0000this` : specifier;
    if (!judged.has(key)) judged.set(key, judge(specifier, project, instance));
    return judged.get(key)!;
  };
  // What a summary already says of a callee, peeked once per callee of the file (no summary is built in this loop).
  const known = new Map<string, CalleeParams | undefined>();
  const knownOf = (callee: ImportedCallee): CalleeParams | undefined => {
    const key = `${callee.specifier}\u0000${callee.key}`;
    if (!known.has(key)) known.set(key, project!.knownParams?.(callee.specifier, callee.key));
    return known.get(key);
  };
  // A name bound by a dynamic import is no import declaration's: every call is looked up.
  const dynamic = scopes.hasDynamicImport();
  const alias: FieldAlias = (node) => fieldAlias(facts, trace.functions, node);
  for (const site of facts.calls) {
    const node = site.node as TSESTree.CallExpression | TSESTree.NewExpression;
    // Nothing derived can be handed by constants alone (`t("title")`, `log({ level: "warn" })`): their import is not looked at.
    if (node.arguments.every(isConstant)) continue;
    instances ??= instanceNames(facts, scopes);
    // A call rooted in no import, or in one judged to keep nothing (a package): no callee is looked up (most calls of a file).
    if (!dynamic) {
      const root = rootImport(scopes, node, instances, alias);
      if (root === null) continue;
      if (root !== "?" && judgedOf(root, false) === "none" && judgedOf(root, true) === "none") continue;
    }
    const handed = importedCallback(scopes, trace, node);
    const callee = handed?.callee ?? importedCallee(scopes, node, instances, alias);
    if (!callee) continue;
    // A method of this module's own instance of an imported class: what it writes on `this` counts.
    const how = judgedOf(callee.specifier, callee.moduleInstance !== undefined);
    // A package (or no project): only the name can judge, and a call it does not flag needs no trace.
    if (how === "none" || (how === "name" && !nameSaysItKeeps(node, callee))) continue;
    // A callee already summarised as keeping none of its parameters: no argument needs a trace.
    if (how === "project" && keepsNone(knownOf(callee))) continue;
    // `register(this)`: the instance as a whole, as a store of it keeps it.
    // A list spread out in the call (`keep(...["k", env.X])`) hands each element to its parameter.
    const passed = argumentList(scopes, node.arguments as Node[]);
    const symbolic = handed ? [handed.value] : passed.map((arg) => (arg.type === "ThisExpression" ? trace.keptValue(arg) : trace.valueAt(arg.type === "SpreadElement" ? (arg.argument as Node) : arg)));
    if (symbolic.every(isEmpty)) continue;
    // `Config.getInstance().load(…)`: followed only when that instance is the module's own.
    if (callee.singleton && !project?.returnedPlace?.(callee.specifier, callee.singleton)) continue;
    const inProject = how === "project";
    const args: ModuleCall["args"] = [];
    symbolic.forEach((v, index) => {
      const value = concrete(v);
      const arg = handed ? handed.receiver : passed[index];
      // A function handed beside a derived value may be a loader the callee calls with it
      // (`read(env.URL, (url) => new Pool(url))`): what the summary says of it decides.
      if (!isEmpty(value) || (inProject && trace.localFunction(arg) !== null)) args.push({ index, node: arg, value, store: null });
    });
    // Judged by its name, a setter sets what it is handed last (`setApiKey(env.KEY)`,
    // `setItem(k, v)`): what comes before is what it works with (`setReleaseState(env, id, state)`).
    if (how === "name") args.splice(0, args.length, ...args.filter((a) => a.index === passed.length - 1));
    if (!args.some((a) => !isEmpty(a.value))) continue;
    pending.push({ node, callee, topLevel: site.fn === null, args, passed, symbolic, inProject });
  }
  // The keys asked of each module, so that one look at a module answers all of this file's calls.
  const keysOf = new Map<string, string[]>();
  for (const { callee, inProject } of pending) {
    if (!inProject) continue;
    const keys = keysOf.get(callee.specifier);
    if (!keys) keysOf.set(callee.specifier, [callee.key]);
    else if (!keys.includes(callee.key)) keys.push(callee.key);
  }
  for (const { node, callee, topLevel, args, passed, symbolic, inProject } of pending) {
    const params = inProject ? project!.calleeParams(callee.specifier, callee.key, keysOf.get(callee.specifier)) : "unresolved";
    if (params === "unresolved" || params === null) {
      out.push({ node, callee, topLevel, resolution: params === null ? "unknown" : "unresolved", args: args.filter((a) => !isEmpty(a.value)) });
      continue;
    }
    const kept: ModuleCall["args"] = [];
    for (const a of args) {
      // A spread hands its elements to the parameters from its position on.
      const spread = passed[a.index].type === "SpreadElement";
      const rest = params.length > 0 && params[params.length - 1]?.rest ? params[params.length - 1] : null;
      a.store = spread ? (params.slice(a.index).find((p) => p !== null) ?? rest) : (params[a.index] ?? (a.index >= params.length ? rest : null));
      // Handed only as an entry's key (`set(k, v)` running `m.set(k, v)`): keys are not what a store keeps, as in one file.
      if (a.store?.entry?.keyApart && a.store.entry.key === a.index) continue;
      // What the method keeps on its instance is kept in module scope only when this file's module does.
      if (a.store?.onInstance) a.store = callee.moduleInstance ? onModuleInstance(a.store, callee.moduleInstance) : null;
      // A function of this file handed as a loader (`read(k, async (id) => …)`): the callee keeps
      // what it returns, judged here as the value of its returns (nothing derived: nothing kept).
      const loader = a.store?.calledWith && !spread ? (trace.localFunction(passed[a.index]) ?? madeLoader(trace, passed[a.index])) : null;
      if (loader) {
        const handed = loaderResult(trace, facts, node, a.store!, { node: a.node, loader }, returnsMemo);
        if (handed) kept.push({ ...a, ...handed });
        continue;
      }
      if (isEmpty(a.value)) continue;
      // An object around env (`getDb(c)` reading `c.env.DB`): what the callee keeps is what the path it reads gives here.
      if (!a.value.env && a.value.containers && a.store && !spread) {
        const handed = aroundEnv(a.value, a.store);
        if (!handed) continue;
        a.value = handed;
        // The path read off the context names the member kept: no key of it is left to name, and
        // the env object itself kept as it was read (`bindings = c.env`) is env.
        if (handed.env && a.store.path) {
          const envKept = handed.env.envPath?.length === 0 && KEPT_AS_READ.has(a.store.shape);
          a.store = { ...a.store, key: undefined, ...(envKept ? { shape: "env" as const } : {}) };
        }
      }
      // An object of known properties (`{ env, name: body.name }`) hands the callee only the one
      // it keeps: what the other properties hold is not kept.
      const fields = (a.store?.member !== undefined || a.store?.members || a.store?.keys) && !spread ? fieldsOf(symbolic[a.index]) : undefined;
      // (Several of them kept in one place, `{ env, ctx }` for a client holding both, or read for what is kept, `now + opts.windowMs`: those, named by the request's one.)
      const names = a.store?.members ?? (a.store?.member === undefined ? a.store?.keys : undefined);
      if (fields && names) {
        const parts = names.flatMap((name) => (fields.has(name) ? [propertyValue(a.node, name)] : [])).flatMap((n) => (n ? [{ n, v: concrete(trace.valueAt(n)) }] : []));
        a.value = parts.reduce<Val>((v, part) => join(v, part.v), EMPTY);
        a.node = (parts.find((part) => part.v.req) ?? parts[0])?.n ?? a.node;
        a.store = { ...a.store!, key: undefined, path: undefined, members: undefined, keys: undefined };
        if (isEmpty(a.value)) continue;
      } else if (fields) {
        const name = a.store!.member!;
        const field = fields.get(name);
        // The property's own value where it is written (the object's field is a copy of it, which
        // no longer says it is env itself: `configure({ env })`).
        const node = field ? propertyValue(a.node, name) : null;
        const value = node ? concrete(trace.valueAt(node)) : field ? concrete(field) : EMPTY;
        if (isEmpty(value)) continue;
        // The property handed is what the callee keeps: its own value and node, and no member of it
        // left to name (the store's key was that property).
        a.value = value;
        a.node = node ?? a.node;
        // A member read off the parameter (`appEnv = opts.env`) keeps that property as it is handed.
        // (So is the path read off it: it starts at that property.)
        const path = a.store!.path?.[0] === name ? a.store!.path.slice(1) : undefined;
        a.store = { ...a.store!, key: undefined, member: undefined, path, ...(a.store!.shape === "value" ? { shape: "env" as const } : {}) };
      }
      kept.push(a);
    }
    out.push({ node, callee, topLevel, resolution: "summarised", args: kept });
  }
  return out;

  /** A traced value with what the file's callers pass looked up, only when it is not derived already. */
  function concrete(v: Val): Val {
    return v.env || v.req ? withoutParams(v) : trace.resolve(v);
  }
}
