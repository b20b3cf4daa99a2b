/**
 * The value of a call: a function of this file (its summary), an accessor or an imported call
 * the tables know, `fetch()`, a method of a derived value, or a constructor fed derived values.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { chainLabel, chainRoot, enclosingFunction, forwardedArguments, isFetchCall, isFunction, keyName, memberName, outermost, propertyName, unwrap } from "./ast";
import { ARRAY_CALLBACK_METHODS, BODY_READERS, CONNECTION_METHODS, DATA_CONSTRUCTORS, DATA_HELPERS, DO_ID_METHODS, IO_METHODS, NUMERIC_FUNCTIONS, NUMERIC_STATIC_METHODS, PICKING_METHODS, PRIMITIVE_FUNCTIONS, PROMISE_COMBINATORS, READING_METHODS, RUNTIME_CONFIG_CALLS, RUNTIME_CONFIG_SOURCES, TIMER_FUNCTIONS, VALIDATING_IMPORTS, VALIDATING_METHODS, VALUE_METHODS } from "./builtins";
import { fieldInputs } from "./collect";
import type { EntryPoints } from "./entry-points";
import { argumentList, type Functions } from "./functions";
import { asPromise } from "./promises";
import { returnsReceiver } from "./receivers";
import { constantInit, isModuleLevel, madeInstance, madeValues, oneClassMade, type ImportInfo, type Scopes, type Variable } from "./scope";
import type { ContextVariables } from "./context-vars";
import { ACCESSOR_CALLS, ENV_GETTER_STEP, IMPORTED_CALLS, IO_CONSTRUCTORS, IO_STATIC_CALLS } from "./sources";
import { isFreshCollection } from "./targets";
import type { Settings } from "../settings";
import {
  BINDING_NAME,
  EMPTY,
  built,
  extendLabel,
  isEmpty,
  join,
  member,
  numeric,
  primitive,
  transformed,
  withoutModuleState,
  type FunctionNode,
  type Node,
  type ParamDep,
  type Taint,
  type Handed,
  type Val,
} from "./values";

/** A call's result is named after the call (`getUser(request)`) up to this length. */
const MAX_CALL_LABEL = 48;

/** What a call's value needs from the trace. */
export interface CallTracer {
  valueOf(node: Node | null | undefined): Val;
  /** The value of calling a function of this file with these arguments. */
  invoke(fn: FunctionNode, args: readonly Node[]): Val;
  readonly contextVariables: ContextVariables;
}

/** User-declared accessors (`settings.envAccessors`) rooted at this name. */
export function accessorRoot(settings: Settings, name: string, call: boolean, label: string): Val {
  const paths = settings.envAccessors.filter((a) => a.root === name && a.call === call).map((a) => a.path);
  if (paths.length === 0) return EMPTY;
  if (paths.some((p) => p.length === 0)) return { env: { origin: label, envPath: [] } };
  return { containers: [{ envPaths: paths, request: false, label }] };
}

/** The name of a wrapper of `fetch` another module exports: `fetchWithTimeout`, `fetchWithRetry`, `safeFetch`. */
const FETCH_WRAPPER = /^(?:fetchWith[A-Z]\w*|(?:safe|retry|timed|cached)Fetch|fetchRetry|fetchTimeout)$/;

/** A callee's label short enough to name a call's result alone, never cut in a message. */
const SHORT_CALLEE = 24;
/** Calls that list an object's own keys, not its values. */
const KEY_LISTS: ReadonlySet<string> = new Set(["Object.keys", "Object.getOwnPropertyNames", "Reflect.ownKeys"]);

export class CallValues {
  constructor(
    private readonly tracer: CallTracer,
    private readonly scopes: Scopes,
    private readonly functions: Functions,
    private readonly entry: EntryPoints,
    private readonly settings: Settings,
  ) {}

  callValue(node: TSESTree.CallExpression | TSESTree.NewExpression): Val {
    const callee = unwrap(node.callee);
    const args = node.arguments as Node[];
    if (node.type === "NewExpression") {
      if (callee.type === "Identifier" && IO_CONSTRUCTORS.has(callee.name) && this.scopes.isUnresolved(callee)) {
        // (A browser's module makes the page's: see below. A test module is no Worker's code at all: `EntryPoints.mayHaveSources`.)
        if (this.entry.isClientModule()) return EMPTY;
        return { req: { origin: `new ${callee.name}()`, envPath: null, io: true, ...(callee.name === "Response" ? { made: true } : {}) } };
      }
      // `new Proxy(env, handler)`: a view of its target, whose reads reach it (the live `env` stays live), and of
      // what its handler closes over (`{ get: (_t, k) => env[k] }`).
      if (callee.type === "Identifier" && callee.name === "Proxy" && args[0] && this.scopes.isUnresolved(callee)) return join(this.tracer.valueOf(args[0]), args[1] ? this.tracer.valueOf(args[1]) : EMPTY);
      // `new URL(env.API_URL)`, `new Intl.NumberFormat(env.LOCALE)`: data made from the arguments.
      const global = callee.type === "MemberExpression" ? unwrap(callee.object) : callee;
      if (global.type === "Identifier" && DATA_CONSTRUCTORS.has(global.name) && (global === callee || global.name === "Intl") && this.scopes.isUnresolved(global)) {
        return this.namedResult(transformed(this.argsValue(args)), callee, args, "new ");
      }
      const made = this.namedResult(built(transformed(join(this.tracer.valueOf(callee), this.argsValue(args))), this.scopes.makerOf(callee)), callee, args, "new ");
      // A class of the file whose fields read env themselves (`this.kv = env.CACHE` of the imported
      // `env`, `getKV()`): its instance holds what they read, whatever it is handed.
      const cls = this.functions.localClass(callee);
      return cls && !made.env ? join(made, this.ownFieldsValue(cls)) : made;
    }
    if (callee.type === "Identifier") {
      const imported = this.importedCall(callee, args);
      if (imported) return imported;
      // A validated copy of what it is handed (`createEnv({ runtimeEnv: process.env })`).
      const info = this.scopes.mayBeImported(callee.name) ? this.scopes.importOfId(callee) : null;
      if (info && VALIDATING_IMPORTS.some((v) => info.source.startsWith(v.source) && info.imported === v.imported)) return transformed(this.argsValue(args));
      if (callee.name === "fetch" && this.scopes.isUnresolved(callee)) return this.entry.isClientModule() ? transformed(this.argsValue(args)) : this.fetchValue(args);
      // A parameter that stands for `fetch` (`fetcher: typeof fetch = fetch`): its answer is fetch()'s.
      if (callee.name !== "fetch" && isFetchCall(node)) return this.fetchValue(args, callee.name);
      // Another module's wrapper of `fetch` (`fetchWithTimeout(url, init)`, `safeFetch(url)`): its
      // answer is a response, as fetch()'s, sent with what it is handed.
      if (FETCH_WRAPPER.test(callee.name) && this.scopes.importOfId(callee)) return this.fetchValue(args, callee.name);
    }
    const fn = this.functions.resolveFunction(callee);
    if (callee.type === "MemberExpression" && returnsReceiver(callee, args, fn, this.functions.facts)) {
      const same = this.receiverValue(callee, args);
      if (same) return same;
    }
    if (fn) return this.tracer.invoke(fn, argumentList(this.scopes, args));
    if (callee.type === "MemberExpression") {
      const value = this.withResponse(callee, args, this.methodCallValue(callee, args));
      // (`data.getDb()` of a namespace import of a project module, a method of an instance of a
      // project class made here: see below.) Asked only where nothing derived says to look.
      const local = () => this.scopes.localImportOfId(unwrap(callee.object))?.imported === "*" || (!!value.req && this.importedInstanceMethod(callee) !== null);
      return ((value.env || value.params || local()) && this.projectReturn(node, callee, value)) || value;
    }
    // `setTimeout(() => …, ms)`: the callback goes to the runtime; the call gives a number.
    if (callee.type === "Identifier" && TIMER_FUNCTIONS.has(callee.name) && this.scopes.isUnresolved(callee)) return EMPTY;
    // `useRuntimeConfig(event)`: the deploy's config, no data of the request it is handed.
    if (callee.type === "Identifier" && RUNTIME_CONFIG_CALLS.has(callee.name) && (this.scopes.isUnresolved(callee) || RUNTIME_CONFIG_SOURCES.test(this.scopes.importOfId(callee)?.source ?? ""))) return EMPTY;
    if (callee.type === "Identifier" && PRIMITIVE_FUNCTIONS.has(callee.name) && this.scopes.isUnresolved(callee)) {
      return NUMERIC_FUNCTIONS.has(callee.name) ? numeric(this.argsValue(args)) : primitive(this.argsValue(args));
    }
    // Awaited, a function handed a callback runs it (`await withTimeout(() => env.DB.prepare(q).first())`):
    // what the callback returns is part of the result, not the closure.
    const awaited = outermost(node).parent?.type === "AwaitExpression";
    const { plain, ran } = awaited ? this.callbacksRun(args, this.argsValue(args)) : { plain: this.argsValue(args), ran: EMPTY };
    const made = join(this.namedResult(built(transformed(join(this.tracer.valueOf(callee), plain)), this.scopes.makerOf(callee)), callee, args, ""), ran);
    // (A function of a project module may read the live `env` itself: `getDb()` handed nothing.)
    const local = () => {
      const info = callee.type === "Identifier" ? this.scopes.localImportOfId(callee) : null;
      return !!info && info.imported !== "*";
    };
    return ((made.env || made.params || local()) && this.projectReturn(node, callee, made)) || made;
  }

  /** Whether an expression is a literal array or string, or a variable only ever given such literals. */
  private literalValue(expr: Node): boolean {
    const isLiteral = (n: Node) => n.type === "ArrayExpression" || n.type === "Literal" || n.type === "TemplateLiteral";
    if (isLiteral(expr)) return true;
    const variable = expr.type === "Identifier" ? this.scopes.variableOf(expr) : null;
    const given = variable ? madeValues(variable) : null;
    // (Or a value method of itself, `list = list.concat(more)`: still the language's own list.)
    const ofItself = (n: Node) => {
      const callee = n.type === "CallExpression" ? unwrap(n.callee as Node) : null;
      const object = callee?.type === "MemberExpression" ? unwrap(callee.object) : null;
      return object?.type === "Identifier" && this.scopes.variableOf(object) === variable && VALUE_METHODS.has(memberName(callee as TSESTree.MemberExpression) ?? "");
    };
    return !!given && given.some((v) => isLiteral(unwrap(v))) && given.every((v) => isLiteral(unwrap(v)) || ofItself(unwrap(v)));
  }

  /**
   * A call of another module's function whose summary says what it returns of its arguments
   * (`ProjectView.returnOf`): nothing of them, or only what it reads through them, a read pending
   * until it is awaited (`rows` of `await listRows(env.DB)` is data read through the binding). The
   * promise of an async function that returns nothing of them is pending on its work until it settles (`ready ??= migrate(env.DB)`). Null when not known.
   */
  private projectReturn(node: TSESTree.CallExpression, callee: Node, made: Val): Val | null {
    const returns = this.entry.imports?.returns;
    if (!returns) return null;
    // `listRows(…)` of a named import, or `q.listRows(…)` of a namespace import.
    const object = callee.type === "MemberExpression" ? unwrap(callee.object) : null;
    const imported = callee.type === "Identifier" ? this.scopes.importOfId(callee) : object?.type === "Identifier" ? this.scopes.importOfId(object) : null;
    // Or a method of an imported class, on an instance made here (`new Helper(c).read(k)`).
    const instance = imported ? null : this.importedInstanceMethod(callee);
    const info = imported ?? instance?.info;
    const key = instance ? instance.key : callee.type === "MemberExpression" ? (info?.imported === "*" ? memberName(callee) : null) : info?.imported !== "*" ? info?.imported : null;
    if (!info || !key) return null;
    // Handed only the live `env` whole (`policy(env)` at load), or something derived, or nothing.
    const wholeLive = (v: Val) => !!v.env?.live && v.env.envPath?.length === 0 && !v.req;
    const handedValues = node.arguments.map((a) => (a.type === "SpreadElement" ? made : this.tracer.valueOf(a as Node)));
    const liveOnly = handedValues.some(wholeLive) && handedValues.every((v) => isEmpty(v) || wholeLive(v));
    const mask = handedValues.map((v) => (isEmpty(v) ? "0" : "1")).join("");
    const summary = returns({ ...info, imported: key }, liveOnly ? "live" : !(made.env || made.params || made.req) ? false : mask.includes("1") ? (mask as Handed) : true);
    if (!summary) return null;
    // What it reads of env itself, named as that read through the call (`` `env.DB` via `getDb()` ``):
    // off the framework context handed (`getEnv(c, "KEY")`), not the request's state; or of the live
    // `env` it imports (`getDb()` making `drizzle(env.DB)`). It returns nothing of what it is handed.
    const name = () => `${callee.type === "Identifier" ? callee.name : instance ? instance.label : `${(object as TSESTree.Identifier).name}.${key}`}()`;
    const via = (read: Taint): Val => ({ env: { ...read, origin: `${read.origin.startsWith("a ") ? read.origin : `\`${read.origin}\``} via \`${name()}\`` } });
    if (summary.context) {
      const handed = node.arguments[summary.context.index];
      const context = handed && handed.type !== "SpreadElement" ? this.tracer.valueOf(handed as Node) : EMPTY;
      if (context.containers?.length && !context.env) return via(summary.context.env);
      // (Handed a parameter of the caller's own, `getAppEnv(c)` in a helper given `c`, or a summary's seed: that read, once the callers say what `c` is.)
      const key = summary.context.env.key;
      if (!key || (context.env && !context.env.argument) || context.req || context.containers || !(context.params || context.env)) return null;
      const read = summary.context.copy ? member(context, "env") : member(member(context, "env"), key);
      return summary.context.env.built ? { ...read, params: read.params?.map((d) => ({ ...d, built: true })) } : read;
    }
    // (A framework's context handed back, named by the call: `cfContext().env.DB`.)
    if (summary.container) return { containers: [{ ...summary.container, label: name() }] };
    // (The live `env` handed back is named by the call, so that a read off it names its binding: `getEnv().DB`.)
    if (summary.live) return summary.live.live ? { env: { ...summary.live, origin: name() } } : via(summary.live);
    // What the call gives, as env read here and as what the file's callers hand a parameter of its function (decided when they are known) alike.
    const mark = (fields: Partial<Taint & ParamDep>): Val => ({
      ...made,
      ...(made.env ? { env: { ...made.env, ...fields } } : {}),
      ...(made.params ? { params: made.params.map((d) => ({ ...d, ...fields })) } : {}),
    });
    // A response it makes: I/O of the request it runs for (awaited too, as a fetch() response is), nothing of what it was handed.
    if (summary.derived === "response") return { req: { origin: `a response of \`${name()}\``, envPath: null, io: true, fetched: true } };
    // Functions over what it is handed, read when called: over the live `env`, they read it then.
    if (summary.derived === "closure") return liveOnly ? EMPTY : null;
    // Declared to give a number or a flag: a snapshot of a var, no request's data.
    if (summary.derived === "number") return numeric(made);
    // A validator's `return json`: the argument handed back as it is (from an async function, a promise of it).
    if (summary.derived === "argument") {
      const arg = node.arguments[summary.argument ?? 0];
      return arg && arg.type !== "SpreadElement" ? (summary.async ? asPromise(this.tracer.valueOf(arg as Node)) : this.tracer.valueOf(arg as Node)) : null;
    }
    // A stub, awaited or not: what the caller keeps is that object of the namespace's.
    if (summary.derived === "stub") return made.env ? { ...made, env: { ...made.env, built: true, maker: undefined, stub: true } } : null;
    if (summary.derived === "none") {
      if (!summary.async || outermost(node).parent?.type === "AwaitExpression") return EMPTY;
      return mark({ built: false, maker: undefined, pending: true });
    }
    return mark({ built: false, maker: undefined, binding: false, readThrough: undefined, scalar: false, bindingChain: true, bindingData: false, pending: true });
  }

  /**
   * A method called on an instance of a class a project module exports, made in the call or kept
   * by a local (`new CacheHelper(c).matchJson(k)`, `helper.matchJson(k)`): its export key (`CacheHelper#matchJson`) and how the call names it.
   */
  private importedInstanceMethod(callee: Node): { info: ImportInfo; key: string; label: string } | null {
    const method = callee.type === "MemberExpression" ? memberName(callee) : null;
    if (method === null) return null;
    const object = unwrap((callee as TSESTree.MemberExpression).object);
    // (A parameter, `env` of `env.KV.get(k)`, is no instance made here: most calls end there.)
    const variable = object.type === "Identifier" ? this.scopes.variableOf(object) : null;
    const made = object.type === "NewExpression" ? object : variable?.defs[0]?.type === "Variable" && !isModuleLevel(variable) ? madeInstance(variable) : object.type === "MemberExpression" ? this.fieldInstance(object) : null;
    const cls = made ? unwrap(made.callee) : null;
    const info = cls?.type === "Identifier" ? this.scopes.localImportOfId(cls) : null;
    if (!info || info.imported === "*") return null;
    return { info, key: `${info.imported}#${method}`, label: `${object.type === "Identifier" ? object.name : `new ${(cls as TSESTree.Identifier).name}()`}.${method}` };
  }

  /**
   * What the instance fields of a class of the file read of env by themselves as it is made (its
   * field initializers and constructor), not from the constructor's parameters.
   */
  private ownFieldsValue(cls: Node): Val {
    const info = this.functions.facts.classes.get(cls);
    const ctor = info?.methods.get("constructor");
    const made = (write: Node) => write.parent?.type === "PropertyDefinition" || (!!ctor && enclosingFunction(write) === ctor);
    let v = EMPTY;
    for (const writes of info?.fieldWrites.values() ?? []) {
      for (const write of writes) {
        if (!made(write)) continue;
        // (Not what a parameter is taken for by its type or name: the `new` hands that, named as it does.)
        const env = this.tracer.valueOf(write).env;
        if (env && !env.argument && !env.byType && !env.byName) v = join(v, { env: { ...env, built: true } });
      }
    }
    return v;
  }

  /** A module collection (or one a helper's parameter is always handed, or a local one) read by a method of it. */
  private readsModuleCollection(root: Node, object: Node, receiver: Val): boolean {
    const v = root.type === "Identifier" ? this.scopes.variableOf(root) : null;
    return !!v && !this.scopes.importOf(v) && ((isModuleLevel(v) && isEmpty(withoutModuleState(receiver))) || this.handedModuleState(v) || (root === object && isLocalCollection(v)));
  }

  /** `this.store` read by a method of it, of a class whose field is only ever given a new collection. */
  private readsOwnCollection(root: Node, object: Node): boolean {
    const field = root.type === "ThisExpression" && object.type === "MemberExpression" && unwrap(object.object) === root ? this.fieldOf(object) : null;
    return !!field?.writes.length && !field.getter && !field.parameter && field.writes.every((w) => isFreshCollection(w as Node));
  }

  /** What gives `this.x` its value in its class (its writes, a getter, a parameter property), when `member` is such a field. */
  private fieldOf(member: TSESTree.MemberExpression): ReturnType<typeof fieldInputs> | null {
    const self = unwrap(member.object);
    const key = memberName(member);
    const owner = self.type === "ThisExpression" && key !== null ? this.functions.classOfThis(self) : null;
    const info = owner && this.functions.facts.classes.get(owner.cls);
    return info ? fieldInputs(info, key!, owner!.isStatic) : null;
  }

  /** `this.keyword` of a class whose field is only ever made one class's instance (`keyword = new KeywordEngine()`). */
  private fieldInstance(member: TSESTree.MemberExpression): TSESTree.NewExpression | null {
    const field = this.fieldOf(member);
    return field ? oneClassMade(field.writes) : null;
  }

  /**
   * What a call the trace cannot see into makes of request state, named as that call
   * (`getUser(request)`, `new Parser(request.body)`): it is not the request itself.
   */
  private namedResult(v: Val, callee: Node, args: readonly Node[], prefix: string): Val {
    const req = v.req;
    // (A method of an object holding nothing derived, `auth.api.getSession({ headers })`, by its chain.)
    const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" ? chainLabel(callee) : null;
    if (!req || name === null || req.origin.startsWith("a ") || req.moduleState) return v;
    // The other arguments are left out: `new Logger(…, request.url)`.
    const at = args.length > 1 ? args.findIndex((a) => hasRequest(this.tracer.valueOf(a.type === "SpreadElement" ? a.argument : a))) : 0;
    // A short string written in the code is shown (`getCookie(c, "theme")`): it says what is read.
    const shown = args.length > 1 && at >= 0 ? args.map((a, i) => (i === at ? req.origin : textArgument(a as Node) || "…")).join(", ") : req.origin;
    // (Too long with its arguments, a short call alone (`this.env.AI.run(…)`); a `new`, or a long callee, keeps naming what it was handed.)
    // (What another call already names, `withCloudflare(…)`, stays so named.)
    const origin = `${prefix}${name}(${shown})`.length <= MAX_CALL_LABEL || prefix || name.length > SHORT_CALLEE || req.origin.endsWith(")") ? `${prefix}${name}(${shown})` : `${name}(…)`;
    // A getter's result (`getCookie(c, "theme")`, `getUser(request)`) is what it read, not the I/O object.
    const io = req.io && !(prefix === "" && GETTER_NAME.test(name.slice(name.lastIndexOf(".") + 1))) ? req.io : false;
    return origin.length > MAX_CALL_LABEL ? (io === req.io ? v : { ...v, req: { ...req, io } }) : { ...v, req: { ...req, origin, io } };
  }

  /**
   * A call that returns its receiver (`app.use(…)`, a builder's `return this`) is that object, not
   * a new one: a module object stays module state (the call itself is the store, see the sinks); a
   * local one now holds what it was handed. A binding's own methods are not this (null).
   */
  private receiverValue(callee: TSESTree.MemberExpression, args: readonly Node[]): Val | null {
    const object = unwrap(callee.object);
    const receiver = this.tracer.valueOf(object);
    const env = receiver.env;
    if (env && !env.moduleState && (env.bindingChain || env.envPath !== null)) return null;
    if (receiver.req?.io && !receiver.req.moduleState) return null;
    if (env?.moduleState || receiver.req?.moduleState) return receiver;
    const root = chainRoot(object);
    const variable = root.type === "Identifier" ? this.scopes.variableOf(root) : null;
    if (variable && isModuleLevel(variable)) return receiver;
    return join(receiver, transformed(this.argsValue(args)));
  }

  /** The package a callee comes from (`postgres`, `stripe`), through members of an import. */
  /**
   * An awaited method's arguments, with each callback it is handed (`limiter.run("get", () =>
   * bucket.get(k))`, `mutex.runExclusive(load)`) standing for what it returns (`ran`): such a
   * method runs it, and gives what it returns, not something built over the closure. A method of
   * something not derived builds from the other arguments (`plain`): `crypto.subtle.importKey("raw", secret, …)`, `Stripe.create(key)`.
   */
  private callbacksRun(args: readonly Node[], argv: Val): { plain: Val; ran: Val } {
    const callbacks = args.map((a) => {
      const arg = unwrap(a.type === "SpreadElement" ? a.argument : a);
      return isFunction(arg) ? arg : arg.type === "Identifier" ? this.functions.resolveFunction(arg) : null;
    });
    // Most awaited calls hand no callback (`await c.req.json()`): their arguments' value is `argv`.
    if (callbacks.every((fn) => fn === null)) return { plain: argv, ran: EMPTY };
    let plain = EMPTY;
    let ran = EMPTY;
    args.forEach((a, i) => {
      const fn = callbacks[i];
      if (fn) ran = join(ran, this.tracer.invoke(fn, []));
      else plain = join(plain, this.tracer.valueOf(a.type === "SpreadElement" ? a.argument : a));
    });
    return { plain, ran };
  }

  /**
   * What the file puts in a module `AsyncLocalStorage` (`als.run(store, fn)`, `als.enterWith(store)`):
   * each run's store, which `getStore()` gives within it. Null for anything but such a storage.
   */
  private asyncLocalStores(storage: TSESTree.Identifier): Val | null {
    const variable = this.scopes.variableOf(storage);
    const made = variable && isModuleLevel(variable) ? madeInstance(variable) : null;
    if (!made || (made.callee as TSESTree.Identifier).name !== "AsyncLocalStorage") return null;
    let v = EMPTY;
    for (const ref of variable!.references) {
      const member = ref.identifier.parent;
      const call = member?.type === "MemberExpression" && member.object === ref.identifier ? member.parent : null;
      const method = member?.type === "MemberExpression" ? memberName(member) : null;
      if (call?.type === "CallExpression" && call.callee === member && (method === "run" || method === "enterWith") && call.arguments[0]) v = join(v, this.tracer.valueOf(call.arguments[0] as Node));
    }
    return v;
  }

  argsValue(args: readonly Node[]): Val {
    let v = EMPTY;
    for (const a of args) v = join(v, this.tracer.valueOf(a.type === "SpreadElement" ? a.argument : a));
    return v;
  }

  /** A call of an accessor or of an imported function the tables know. */
  private importedCall(callee: TSESTree.Identifier, args: readonly Node[]): Val | null {
    const info = this.entry.callImports ? this.scopes.importOfId(callee) : null;
    if (info) {
      const known = IMPORTED_CALLS.find((c) => c.source === info.source && c.imported === info.imported);
      if (known?.result === "io") {
        return { ...transformed(this.argsValue(args)), req: { origin: `${callee.name}(${known.arguments})`, envPath: null, io: true } };
      }
      // (Named by the context as the code names it: `env(context)`.)
      const first = args[0] ? unwrap(args[0]) : null;
      if (known?.result === "env") return { env: { origin: `${callee.name}(${first?.type === "Identifier" ? first.name : known.arguments})`, envPath: [] } };
      const name = known?.result === "binding" && first?.type === "Literal" && typeof first.value === "string" ? first.value : null;
      if (name !== null) return { env: { origin: `${callee.name}("${name}")`, envPath: [name], key: name } };
      if (known?.result === "data") return { req: { origin: `${callee.name}(${known.arguments === "*" ? nameArgument(callee.parent as Node) : known.arguments})`, envPath: null } };
      const spec = ACCESSOR_CALLS.get(info.imported);
      if (spec && spec.sources.includes(info.source)) return { containers: [spec.container(`${callee.name}()`)] };
    }
    if (this.settings.envAccessors.length === 0) return null;
    const user = accessorRoot(this.settings, callee.name, true, `${callee.name}()`);
    return isEmpty(user) ? null : user;
  }

  /**
   * A `fetch()` response is an I/O object. The data read from it is upstream data, not request
   * state, unless the call forwards the request itself or its headers (the user's credentials).
   */
  private fetchValue(args: readonly Node[], callee = "fetch"): Val {
    // A URL spelled from what the call is handed (`${base}/records/${id}`) is sent, and none of it
    // is kept in the response: what a parameter there stands for stays out of it too.
    const url = args[0] ? unwrap(args[0]).type : null;
    const a = transformed(this.argsValue(url === "TemplateLiteral" || url === "BinaryExpression" ? args.slice(1) : args));
    const first = args[0] ? this.tracer.valueOf(args[0]) : EMPTY;
    let personal = !!first.req?.io;
    // In a summary, the parameter handed on as it is, or its headers (`fetch(req)`, `{ headers:
    // req.headers }`): a caller that hands its request has it forwarded.
    const seed = (v: Val) => !!v.env?.argument && (v.env.envPath?.length ?? 2) <= 1;
    // (The parameter itself: a URL read off it, `fetch(env.API_URL)`, forwards nothing of it.)
    let forwarded = !!first.env?.argument && first.env.envPath?.length === 0;
    const init = args[1] ? unwrap(args[1]) : null;
    const sentPersonal: ParamDep[] = [];
    if (init?.type === "ObjectExpression") {
      for (const p of init.properties) {
        const name = p.type === "Property" ? propertyName(p) : null;
        if (name !== "headers" && name !== "body") continue;
        // (Its headers, or its body handed on: `{ body: req.body }`.)
        const value = this.tracer.valueOf((p as TSESTree.Property).value as Node);
        if (seed(value)) forwarded = true;
        // (The user's data sent in its body, a prompt or a form, makes the answer that user's too.)
        if (value.req) personal = true;
        for (const d of value.params ?? []) sentPersonal.push(d);
      }
    } else if (init && this.tracer.valueOf(init).req) personal = true;
    // Named as the response it is: `fetch(request)`, or what the call sent of the request.
    const sent = first.req?.io ? `${callee}(${first.req.origin})` : a.req ? `a ${callee}() response sent with \`${a.req.origin}\`` : null;
    const origin = personal && sent ? sent : `a ${callee}() response`;
    // The response holds the upstream's answer, nothing of the secrets or bindings the call was
    // made with (a URL or header spelled from them is sent, not kept). (A summary's seed handed on
    // as it is stays: it stands for what a caller hands, which may be its request.)
    const { env: _env, ...rest } = a;
    const personalDep = (d: ParamDep) => sentPersonal.some((p) => p.fn === d.fn && p.index === d.index);
    const kept = a.env?.argument && forwarded ? a : rest.params ? { ...rest, params: rest.params.map((d) => ({ ...d, sent: true, ...(personalDep(d) ? { personal: true } : {}) })) } : rest;
    return { ...kept, req: { origin, envPath: null, io: true, fetched: !personal, ...(forwarded ? { forwarded } : {}) } };
  }

  /**
   * A Response a binding's `fetch` answers with (a service, a Durable Object stub, the assets) or
   * the Cache API gives (`caches.default.match(k)`): I/O of the request that awaits it, beside what the call reads through the binding.
   */
  private withResponse(callee: TSESTree.MemberExpression, args: readonly Node[], v: Val): Val {
    const name = memberName(callee);
    // What the call gives is the Response, not the request it was handed (nor the headers sent with it).
    if (name === "fetch" && v.env?.bindingChain && !v.env.live) {
      const sent = this.fetchValue(args.slice(0, 2), `${v.env.origin}.fetch`).req!;
      // (`a response from \`env.SVC\``: a service's, the assets', a Durable Object stub's.)
      return { ...v, req: { ...sent, origin: sent.origin.replace(`a ${v.env.origin}.fetch() response`, `a response from \`${v.env.origin}\``) } };
    }
    const root = name === "match" ? chainRoot(callee.object) : null;
    // (It holds what was put under the key, nothing of the key it was looked up by.)
    if (root?.type === "Identifier" && root.name === "caches" && this.scopes.isUnresolved(root)) {
      return { req: { origin: "a Cache API response", envPath: null, io: true, fetched: true } };
    }
    return v;
  }

  /**
   * What reading the body of a Response the code made gives: the data of what it was made from
   * when the receiver is its construction (`new Response(body)`), or nothing derived.
   */
  private madeBody(object: Node): Val {
    const init = object.type === "Identifier" ? constantInit(this.scopes.variableOf(object)) : null;
    // (`new Response(body)`, or `Response.json(body)`.)
    const m = object.type === "Identifier" ? (init && unwrap(init)) : object;
    const made = m?.type === "NewExpression" || m?.type === "CallExpression" ? m : null;
    const body = made?.arguments[0];
    if (!body || body.type === "SpreadElement") return EMPTY;
    const v = transformed(this.tracer.valueOf(body as Node));
    return v.req?.io ? { ...v, req: { ...v.req, io: false, made: undefined } } : v;
  }

  /** A parameter that every call of the file hands a module variable (not an import). */
  private handedModuleState(variable: Variable): boolean {
    return !!this.functions.argumentsOf(variable)?.every((arg) => {
      const a = unwrap(arg);
      const v = a.type === "Identifier" ? this.scopes.variableOf(a) : null;
      return !!v && isModuleLevel(v) && !this.scopes.importOf(v);
    });
  }

  private methodCallValue(callee: TSESTree.MemberExpression, args: readonly Node[]): Val {
    const name = memberName(callee);
    const object = unwrap(callee.object);
    if (name === "call" || name === "apply") {
      const fn = this.functions.resolveFunction(object);
      if (fn) return this.tracer.invoke(fn, forwardedArguments(name, args));
    }
    if (name && object.type === "Identifier" && IO_STATIC_CALLS.get(object.name)?.has(name) && (object.name !== "Response" || this.scopes.isUnresolved(object))) {
      if (this.entry.isClientModule()) return EMPTY;
      return { req: { origin: `${object.name}.${name}()`, envPath: null, io: true, ...(object.name === "Response" ? { made: true } : {}) } };
    }
    const receiver = this.tracer.valueOf(object);
    // Qwik City's `requestEvent.env.get("API_KEY")`: one of the Worker's bindings, as `env.API_KEY`.
    const getter = name === "get" ? receiver.containers?.find((c) => c.envPaths.some((p) => p.length === 1 && p[0] === ENV_GETTER_STEP)) : undefined;
    if (getter) {
      const key = args[0] ? keyName(unwrap(args[0] as Node), true) : null;
      return { env: { origin: `${getter.label}.get(${nameArgument(callee.parent as Node)})`, envPath: key === null ? null : [key], ...(key === null ? { scalar: true } : { key }) } };
    }
    // The getter handed on as env (`(env: RequestEventBase["env"]) => env.get("DB_TOKEN")`): that binding, named so.
    if (name === "get" && receiver.env?.envPath?.length === 0 && !receiver.env.built && args.length === 1) {
      const key = keyName(unwrap(args[0] as Node), true);
      // (A parameter's part stays, for what a call of the file hands there: `_lucia(env)`.)
      if (key !== null && BINDING_NAME.test(key)) return { env: { ...receiver.env, origin: `${receiver.env.origin}.get(${nameArgument(callee.parent as Node)})`, envPath: [key], key }, ...(receiver.params ? { params: receiver.params } : {}) };
    }
    // React Router's `context.get(cloudflareContext)`: what the Worker's entry set there, env under its `env`.
    const through = name === "get" ? receiver.containers?.filter((c) => c.envPaths.some((p) => p.length > 1 && p[0] === ENV_GETTER_STEP)) : undefined;
    if (through?.length) {
      const key = args[0] ? unwrap(args[0] as Node) : null;
      const label = `${through[0].label}.get(${key?.type === "Identifier" ? key.name : nameArgument(callee.parent as Node)})`;
      return { containers: through.map((c) => ({ envPaths: c.envPaths.filter((p) => p.length > 1 && p[0] === ENV_GETTER_STEP).map((p) => p.slice(1)), request: c.request, label })) };
    }
    // The next handler of a Pages chain (`await context.next()`): a Response, this request's I/O.
    if (name === "next" && args.length === 0 && receiver.containers?.some((c) => c.request) && !receiver.req) return { req: { origin: `${receiver.containers[0].label}.next()`, envPath: null, io: true, fetched: true } };
    // Hono's `c.get("db")`: what the file's middleware set under that name (see `ContextVariables`).
    const set = name === "get" && args.length === 1 ? this.tracer.contextVariables.read(receiver, keyName(unwrap(args[0] as Node), true), `.get(${nameArgument(callee.parent as Node)})`) : null;
    if (set) return set;
    // (The predicate of `list.find((d) => d.id === id)` picks among the receiver's elements.)
    const picks = name !== null && PICKING_METHODS.has(name) && args.length > 0 && isFunction(unwrap(args[0]));
    const argv = this.argsValue(picks ? args.slice(1) : args);
    // An app's or a router's own `fetch` (`app.fetch(request, env, ctx)`) answers with a Response,
    // as `fetch()` does: it holds the request's I/O, not the env it was handed.
    if (name === "fetch" && isEmpty(receiver) && argv.env) return this.fetchValue(args.slice(0, 1), object.type === "Identifier" ? `${object.name}.fetch` : "fetch");
    // Reading a module-scope collection or object returns module state, not its arguments; so does
    // reading an instance's own collection (`this.store.get(ip)` of `this.store = new Map()`).
    const root = chainRoot(object);
    if (name && READING_METHODS.has(name) && (this.readsModuleCollection(root, object, receiver) || this.readsOwnCollection(root, object))) {
      // A test of what it holds (`LEVELS.indexOf(level)`, `seen.has(k)`) is a number or a boolean of the argument.
      return TESTS_OF_ARGUMENT.has(name) ? join(transformed(receiver), numeric(argv)) : transformed(receiver);
    }
    // `als.getStore()` of a module's `AsyncLocalStorage`: what the file's `als.run(store, …)` calls hand it.
    if (name === "getStore" && object.type === "Identifier") {
      const stored = this.asyncLocalStores(object);
      if (stored) return stored;
    }
    // A promise's `finally` settles as the promise does; `catch` as it does or as its handler
    // returns; `then` as its handler returns, still pending on a read through a binding it waits for.
    if (name === "finally") return receiver;
    if (name === "then" || name === "catch") {
      const handler = args[0] ? unwrap(args[0]) : null;
      const fn = handler && (isFunction(handler) ? handler : this.functions.resolveFunction(handler));
      if (fn) {
        const result = this.tracer.invoke(fn, []);
        // (Another module's promise still pending on its work stays so: `migrate(env.DB).then(() => true)`.)
        return name === "catch" ? join(receiver, result) : join(receiver.env?.bindingChain || receiver.env?.pending ? { env: receiver.env } : EMPTY, result);
      }
    }
    // D1's `stmt.bind(…)` of a statement a binding prepares: its arguments are the query's, read through the binding.
    // (Not a method of one bound to its object, `env.KV.get.bind(env.KV)`.)
    const statementBind = name === "bind" && object.type !== "MemberExpression" && (!!receiver.env?.bindingChain || !!receiver.params?.some((d) => d.bindingChain));
    if (name === "bind" && !statementBind) {
      // A bound function keeps its receiver and bound arguments: ctx.waitUntil.bind(ctx).
      const v = join(receiver, argv);
      return { ...transformed(v), req: v.req ? { ...v.req, io: v.req.io } : undefined, env: v.env ? { ...v.env, envPath: null, closure: true } : undefined };
    }
    // The body of a Response the code made, read back (`await new Response(stream).text()`): what it
    // was made from, as data; of one made elsewhere, nothing of a request's.
    if (receiver.req?.made && name && BODY_READERS.has(name)) return this.madeBody(object);
    // The result of a method holds the receiver's I/O only for I/O methods (`clone`, `tee`, …).
    let recv = transformed(receiver);
    const bindingMethod = statementBind || !(name && VALUE_METHODS.has(name));
    // A method of a client that reads through it (`openai.models.list()`, `sql.query(q)`), not one
    // that hands out a connection of the client's (`pool.connect()`): awaited, it gives data.
    const readsThroughClient = bindingMethod && !(name && CONNECTION_METHODS.has(name));
    if (bindingMethod && recv.params && receiver.params) {
      // A method of a parameter or of a member of one (`db.prepare(q)` in a helper given
      // `env.DB`, `d.KV.get(k)` in one given `env`) is a read through a binding if the argument turns out to be one, or env: decided once it is known.
      const deps = receiver.params;
      // So is a method of a client built from it (`const db = wrap(d); await db.query(q)`).
      recv = {
        ...recv,
        params: recv.params.map((d, i) =>
          deps[i].bindingChain || deps[i].path !== null || (readsThroughClient && deps[i].built) ? { ...d, bindingChain: true, ...(name && IO_METHODS.has(name) ? {} : { dataMethod: d.via ?? [], dataCall: name ? `${name}(${nameArgument(callee.parent as Node)})` : undefined }) } : d,
        ),
      };
      // A Durable Object id a namespace it is handed makes (`ns.idFromName(n)`): data, as where the namespace is read.
      if (name && DO_ID_METHODS.has(name)) recv = { ...recv, params: recv.params!.map((d) => (d.bindingChain ? { ...d, bindingChain: false, bindingData: true } : d)) };
    }
    if (recv.req?.io && !(name && IO_METHODS.has(name))) recv = { ...recv, req: { ...recv.req, io: false } };
    if (recv.req && name && !recv.req.origin.startsWith("a ")) recv = { ...recv, req: { ...recv.req, origin: `${extendLabel(recv.req.origin, name)}(${nameArgument(callee.parent as Node)})` } };
    // A method of something not derived, fed derived arguments, builds from them
    // (`crypto.subtle.importKey("raw", secret, …)`, `Stripe.create(key)`); data helpers do not.
    const dataHelper = object.type === "Identifier" && DATA_HELPERS.has(object.name) && this.scopes.isUnresolved(object);
    if (dataHelper && (object.name === "Math" || NUMERIC_STATIC_METHODS.has(`${object.name}.${name}`))) return numeric(argv);
    if (dataHelper && object.name === "String") return primitive(argv); // `String.fromCharCode(...bytes)`: text
    // An entry read from another module's object (`digests.get(key)` of an exported Map): what was put there, nothing
    // built from the key's secret; read by a request's key (`kv.get(\`user:${id}\`)`), still that request's data.
    if (name === "get" && isEmpty(receiver) && object.type === "Identifier" && this.scopes.mayBeImported(object.name) && this.scopes.importOfId(object)) {
      const { env: _env, ...rest } = transformed(argv);
      return this.namedResult(rest, callee, args, "");
    }
    // `envSchema.parse(env)`: what a schema checks and gives back is a copy of its input.
    if (name && VALIDATING_METHODS.has(name) && isEmpty(receiver) && object.type !== "ThisExpression") return transformed(argv);
    // `Promise.all([env.KV.get(a), db.first()])`: a promise of what it is handed, pending while they are.
    if (object.type === "Identifier" && object.name === "Promise" && name && PROMISE_COMBINATORS.has(name) && this.scopes.isUnresolved(object)) {
      const list = args[0] ? unwrap(args[0]) : null;
      if (list?.type !== "ArrayExpression") return argv;
      return list.elements.reduce<Val>((out, el) => (el ? join(out, this.tracer.valueOf(el.type === "SpreadElement" ? el.argument : el)) : out), EMPTY);
    }
    // `Object.keys(env)`: the names of the bindings, none of their values.
    if (dataHelper && name && KEY_LISTS.has(`${object.name}.${name}`) && argv.env && !argv.req) return EMPTY;
    // `Reflect.get(env, "KEY")`: that member, as `env.KEY` is.
    const key = dataHelper && object.name === "Reflect" && name === "get" && args[0] && args[1] ? unwrap(args[1]) : null;
    if (key?.type === "Literal" && typeof key.value === "string") return member(this.tracer.valueOf(args[0]), key.value);
    // Awaited, a method handed a callback runs it (`await limiter.run("get", fn)`); not awaited, it
    // may wrap it (`vi.fn(impl)`, `debounce(fn)`): the result is then built over the closure.
    // An array's `map`, `reduce`, … runs its callback at once: its returns make the result, not the closure.
    const call = callee.parent as Node;
    // (A picking method's callback only tests or orders the receiver's elements: what it returns is no part of the result.)
    const runsNow = !picks && (outermost(call).parent?.type === "AwaitExpression" || (name !== null && ARRAY_CALLBACK_METHODS.has(name)));
    let { plain, ran } = runsNow ? this.callbacksRun(args, argv) : { plain: argv, ran: EMPTY };
    // What a read through a parameter that may be a binding is handed (`kv.get(key)`, its key) is
    // read through it too, as the key of `env.KV.get(key)` is: awaited, data of the binding.
    if (plain.params && bindingMethod && recv.params?.some((d) => d.bindingChain)) {
      plain = { ...plain, params: plain.params.map((d) => (d.bindingChain || d.bindingData ? d : { ...d, bindingChain: true })) };
    }
    // A method of a literal (`["1", "true"].includes(env.DEBUG)`, `"a,b".split(sep)`) is the language's own: it builds nothing.
    // (Also a variable only ever given such literals: `let list = ["a"]; … list.concat(more)`.)
    if (name && isEmpty(recv) && !isEmpty(plain) && this.literalValue(object)) return TESTS_OF_ARGUMENT.has(name) ? numeric(plain) : transformed(plain);
    // A value method of what a parameter gives (`[...new Uint8Array(buf)].map(hex).join("")` in a
    // helper): text or a list of it, nothing built any more (as `env.KEY.trim()` below).
    if (recv.params && !bindingMethod) recv = { ...recv, params: recv.params.map((d) => (d.bindingChain || d.bindingData ? d : { ...d, built: false, scalar: true })) };
    // A list mapped by a callback holds what the callback returns (`creds.map((c) => new Client(env, c))`):
    // that names the env it holds, not the receiver's elements it was handed.
    const mapped = (name === "map" || name === "flatMap") && !!ran.env;
    if (mapped && recv.env) recv = { ...recv, env: undefined };
    let out = join(recv, join(isEmpty(recv) && !dataHelper ? built(transformed(plain), this.scopes.makerOf(object)) : transformed(plain), ran));
    // What a method of an object holding no request state makes of a request's data is named by the
    // call (`auth.api.getSession(…)`, `auth(…).isAuthenticated(request)`).
    if (!receiver.req && !receiver.containers && !receiver.params && !dataHelper && plain.req && !ran.req) out = this.namedResult(out, callee, args, "");
    // `env.KEY.trim()`, `hash.slice(0, 8)`: a string or number of the value, nothing built any more.
    if (out.env && receiver.env && !bindingMethod && !mapped) out = { ...out, env: { ...out.env, scalar: true, built: false, maker: undefined } };
    const env = receiver.env;
    // A method of a summary's seeded argument itself (`kv.get(k)`, `db.prepare(q)`, `req.json()`)
    // reads through it, as through a binding; one that hands out a connection (`pool.connect()`) does not.
    const argumentRead = !!env?.argument && env.envPath?.length === 0 && readsThroughClient;
    if (env && !env.live && (env.bindingChain || (env.envPath?.length ?? 0) >= 1 || argumentRead) && bindingMethod) {
      // A method of a binding (`env.KV.get(k)`, `env.DB.prepare(q).bind(x)`): awaiting it reads data.
      out = { ...out, env: { ...env, envPath: null, closure: false, bindingChain: true, readThrough: true, built: true } };
      // A Durable Object id the namespace makes (`env.ROOMS.idFromName(n)`) is data: no stub, no I/O.
      if (name && DO_ID_METHODS.has(name) && env.envPath?.length === 1) out = { ...out, env: { ...out.env!, bindingChain: false, bindingData: true, built: false } };
    }
    if (receiver.req?.fetched && name && BODY_READERS.has(name) && !argv.req) {
      const rest = { ...out };
      delete rest.req;
      // A body fetched with a secret (an API key in its headers) is the upstream's data, read once awaited: the secret is not in it.
      if (rest.env && !rest.env.live) rest.env = { ...rest.env, envPath: null, bindingChain: true, built: true, ...(receiver.req.forwarded ? {} : { fetchedBody: true }) };
      // The same when the request was made with a parameter (`fetch(url)` in a helper): whatever a caller hands it, the body is the upstream's data.
      if (rest.params) rest.params = rest.params.map((d) => ({ ...d, path: null, bindingChain: true, built: true }));
      return rest;
    }
    // The same on a client built from env: read through it as through a binding.
    if (readsThroughClient && out.env && env?.built && !env.live && env.envPath === null && !env.bindingChain && !env.bindingData && !env.closure) {
      out = { ...out, env: { ...out.env, bindingChain: true } };
    }
    return out;
  }
}

/**
 * A call's first argument as a label names it: a short string written in the code
 * (`request.headers.get("authorization")`, `c.req.param("id")`: which part of the request is read),
 * a number as written (`slice(1)`); anything else as `…` (`get(…)`), never as no argument.
 */
function nameArgument(call: Node): string {
  if (call.type !== "CallExpression" || !call.arguments[0]) return "";
  const first = call.arguments[0] as Node;
  return textArgument(first) || (first.type === "Literal" && typeof first.value === "number" ? String(first.value) : "…");
}

/** An argument as a label shows it: a short string written in the code, or nothing. */
function textArgument(arg: Node): string {
  return arg.type === "Literal" && typeof arg.value === "string" && arg.value.length <= 32 && !/[\n`]/.test(arg.value) ? JSON.stringify(arg.value) : "";
}

/** Whether a value holds a request's state, or a context around one (`c`). */
function hasRequest(v: Val): boolean {
  return !!v.req || !!v.containers?.some((c) => c.request);
}

/** Reading methods whose result is computed from the argument: a position or a yes/no. */
const TESTS_OF_ARGUMENT: ReadonlySet<string> = new Set(["indexOf", "includes", "has", "test"]);

/** A function named as a getter (`getCookie`, `getUser`): what it gives is what it read. */
const GETTER_NAME = /^get[A-Z]/;

/**
 * A local made a new collection once and never reassigned (`const m = new Map()`, a factory's
 * entries): what a read of it gives is what was put in it (its value), not the key it is read by.
 */
function isLocalCollection(variable: Variable): boolean {
  const def = variable.defs.length === 1 ? variable.defs[0] : null;
  if (def?.type !== "Variable" || def.node.id.type !== "Identifier" || !def.node.init) return false;
  return isFreshCollection(def.node.init as Node) && variable.references.every((ref) => ref.init || !ref.isWrite());
}
