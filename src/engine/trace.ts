/**
 * The trace: what an expression's value derives from.
 *
 * Values are computed on demand and memoised per variable, per function (closure, return summary) and per class field, with the cycle and depth guards of `guard.ts`. A value that
 * depends on a parameter carries a {@link ParamDep}; {@link Trace.resolve} later replaces it by
 * what the file's call sites pass (`params.ts`), so one summary per function serves every call.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { callbackReceiver, callParams, chainRoot, declaredPart, declaresNumber, endsWithMembers, isFetchCall, isFunction, isNumericType, isPatternStep, holderRead, isShortChain, isTextOrNumber, keyName, memberName, NodeIds, paramAnnotation, paramName, patternLeaves, seedArgument, shortText, unwrap, unwrapType } from "./ast";
import { HANDED_OUT_METHODS, NUMERIC_MEMBERS, NUMERIC_OPERATORS, NUMERIC_UNARY, PROMISE_CALLBACK_METHODS } from "./builtins";
import { ContextVariables } from "./context-vars";
import { CallValues, accessorRoot } from "./calls";
import { fieldInputs, type FileFacts } from "./collect";
import type { EntryPoints } from "./entry-points";
import { paramLabel, type Functions } from "./functions";
import { DepthGuard, memoised, type Warmer } from "./guard";
import { ParamSolver } from "./params";
import { castTo } from "./shape";
import { configuringChain, keptByCall, madeHow } from "./receivers";
import { thisContextPaths } from "./framework-callbacks";
import { narrowed } from "./narrowing";
import { constantInit, isMadeCollection, isModuleLevel, type Reference, type Scopes, type Variable } from "./scope";
import { DURABLE_OBJECT_EVENT, ENV_NAMESPACES, bundlerDefined, EVENT_CONFIG_MEMBERS, GLOBAL_CONTEXTS, GLOBAL_ENV_MEMBERS, isLiveRequest, isProcessModule, STATE_DATA_BASES, STRUCTURAL_ENV_HOLDERS, WORKERS_INSTANCE_ENV, WORKERS_INSTANCE_IO } from "./sources";
import type { Settings } from "../settings";
import { asPromise, awaitedParams, awaitedValue, pendingPart } from "./promises";
import { EMPTY, applyDep, asClosure, built, fieldsOf, isEmpty, join, listValue, loopValue, markModuleState, member, numeric, primitive, transformed } from "./values";
import { withFields, withoutParams, withoutSeeds, type FunctionNode, type Node, type ParamDep, type Val } from "./values";

/** Object literals nested this deep in a return value keep their properties' values through a call. */
const MAX_FIELD_DEPTH = 3;

export class Trace implements Warmer {
  private readonly calls: CallValues;
  private readonly guard: DepthGuard;
  private readonly ids = new NodeIds();
  private readonly varMemo = new Map<Variable, Val>();
  private readonly closureMemo = new Map<Node, Val>();
  private readonly returnMemo = new Map<Node, Val>();
  private readonly fieldMemo = new Map<string, Val>();
  private readonly params: ParamSolver;
  /** Hono's context variables, as the file's middleware sets them (`c.get("db")`, `c.var.db`). */
  readonly contextVariables: ContextVariables;
  /** While warming, the one function whose return summary may be computed. */
  private warming: FunctionNode | null = null;

  constructor(
    private readonly sourceCode: Readonly<SourceCode>,
    private readonly facts: FileFacts,
    private readonly settings: Settings,
    private readonly scopes: Scopes,
    readonly functions: Functions,
    private readonly entry: EntryPoints,
  ) {
    this.calls = new CallValues(this, scopes, functions, entry, settings);
    this.guard = new DepthGuard(this, sourceCode.text.length);
    this.params = new ParamSolver(functions, (n) => this.valueAt(n), this.ids);
    this.contextVariables = new ContextVariables(facts, this);
  }

  // Entry points of the trace (each recovers from too-deep traces) --------------------------------

  /** The value of an expression, from an entry point. */
  valueAt(node: Node): Val {
    return this.guard.run(() => this.valueOf(node), node);
  }

  /** The value of a variable, from an entry point. */
  variableValueAt(variable: Variable): Val {
    return this.guard.run(() => this.variableValue(variable), variable.defs[0]?.node ?? null);
  }

  /** The concrete value of an expression: its trace with parameters resolved from call sites. */
  concreteValue(node: Node): Val {
    return this.resolve(this.valueAt(node));
  }

  /** Replaces parameter dependencies by what the call sites pass. */
  resolve(v: Val, depth = 0): Val {
    if (!v.params) return v;
    let out = withoutParams(v);
    for (const dep of v.params) {
      out = join(out, applyDep(this.paramValue(dep.fn, dep.index), dep, paramLabel(dep.fn, dep.index)));
    }
    // An object literal's properties are resolved each on its own (`checks.platform.status` of `{ platform: { status, details } }`).
    const fields = depth < MAX_FIELD_DEPTH ? fieldsOf(v) : undefined;
    return fields ? withFields(out, new Map([...fields].map(([key, field]) => [key, this.resolve(field, depth + 1)]))) : out;
  }

  /** What the file's call sites pass to parameter `index` of `fn` (concrete, no dependencies left). */
  paramValue(fn: FunctionNode, index: number): Val {
    return this.params.value(fn, index);
  }

  /** What calling a function of the file with these arguments gives, with every parameter resolved. */
  invokedValue(fn: FunctionNode, args: readonly Node[]): Val {
    return this.guard.run(() => this.resolve(this.invoke(fn, args)), fn);
  }

  /** The function of the file a callee names, if the trace can tell (its calls are valued by its returns). */
  localFunction(callee: Node): FunctionNode | null {
    return this.functions.resolveFunction(callee);
  }

  /**
   * Everything parameter `index` of `fn` can take its value from, as {@link parameterValue} sees
   * it: its source value (a handler's env, a typed context, a seed), the receiver of the callback
   * method `fn` is handed to (`p.then(fn)`, `list.map(fn)`), and the arguments the file's calls
   * pass at that position (a spread at or before it stands for its elements). With none of these, the parameter's value is empty.
   */
  paramInputs(fn: FunctionNode, index: number): { source: Val | undefined; receiver: Node | null; args: Node[] } {
    const source = this.entry.sourceParams(fn).get(index);
    const receiver = callbackReceiver(fn)?.object ?? null;
    const args: Node[] = [];
    const rest = callParams(fn)[index]?.type === "RestElement";
    for (const site of this.functions.callSitesOf(fn)) {
      for (let i = 0; (i <= index || rest) && i < site.length; i++) {
        const arg = site[i];
        if (arg.type === "SpreadElement") args.push((arg as TSESTree.SpreadElement).argument);
        else if (i === index || (rest && i > index)) args.push(arg);
      }
    }
    // Defaults count as passed: `function pick(e = live)`, `({ db = env.DB })`.
    const param = callParams(fn)[index] as Node | undefined;
    if (param) patternLeaves(param.type === "TSParameterProperty" ? param.parameter : param, args);
    return { source, receiver, args };
  }

  // Warming (see guard.ts) ------------------------------------------------------------------------

  warmFile(attempt: (f: () => unknown) => void): void {
    // Return summaries callees first, each computed alone: a callee not yet summarised counts as returning nothing (as a recursive call does), so no summary recurses into another.
    for (const fn of this.functions.calleesFirst()) {
      this.warming = fn;
      attempt(() => this.returnValue(fn));
    }
    this.warming = null;
    for (const v of this.scopes.allVariables()) attempt(() => this.variableValue(v));
  }

  postOrder(node: Node): Node[] {
    const order: Node[] = [];
    const stack: Node[] = [node];
    const keys = (this.sourceCode.visitorKeys ?? {}) as Record<string, readonly string[]>;
    while (stack.length) {
      const n = stack.pop()!;
      order.push(n);
      if (isFunction(n)) continue;
      for (const key of keys[n.type] ?? []) {
        const child = (n as never)[key] as unknown;
        if (Array.isArray(child)) for (const c of child) c && typeof c.type === "string" && stack.push(c);
        else if (child && typeof (child as Node).type === "string") stack.push(child as Node);
      }
    }
    return order.reverse();
  }

  // Expressions -----------------------------------------------------------------------------------

  valueOf(node: Node | null | undefined): Val {
    if (!node) return EMPTY;
    return this.guard.step(node, () => this.compute(node));
  }

  private compute(node: Node): Val {
    switch (node.type) {
      case "Identifier":
        return narrowed(node, this.identifierValue(node));
      case "MemberExpression":
        return narrowed(node, this.memberValue(node));
      case "ThisExpression":
        return this.thisValue(node);
      case "TemplateLiteral":
        return primitive(this.joinValues(node.expressions));
      case "TaggedTemplateExpression":
        return transformed(join(this.valueOf(node.tag), this.joinValues(node.quasi.expressions)));
      case "BinaryExpression": {
        // A clock reading moved by a duration (`now + windowMs`, `Date.now() + env.TTL * 1000`): a deadline, which passes by itself.
        if ((node.operator === "+" || node.operator === "-") && (this.scopes.isClockReading(node.left) || this.scopes.isClockReading(node.right))) return EMPTY;
        const v = join(this.valueOf(node.left), this.valueOf(node.right));
        return NUMERIC_OPERATORS.has(node.operator) ? numeric(v) : primitive(v);
      }
      case "LogicalExpression":
        // `a && b` gives `a` only when it is falsy (`""`, `0`, `null`…): no one's data, no object.
        // `env.LEVEL || "info"`: with text or a number in its place, a string or a number (a var's or a secret's).
        if (node.operator === "&&") return this.valueOf(node.right);
        return isTextOrNumber(node.left) || isTextOrNumber(node.right) ? primitive(join(this.valueOf(node.left), this.valueOf(node.right))) : join(this.valueOf(node.left), this.valueOf(node.right));
      case "ConditionalExpression":
        if (isTextOrNumber(node.consequent) || isTextOrNumber(node.alternate)) return primitive(join(this.valueOf(node.consequent), this.valueOf(node.alternate)));
        return join(this.valueOf(node.consequent), this.valueOf(node.alternate));
      case "UnaryExpression":
        if (node.operator === "void" || node.operator === "delete") return EMPTY;
        return NUMERIC_UNARY.has(node.operator) ? numeric(this.valueOf(node.argument)) : primitive(this.valueOf(node.argument));
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
        // Each property's value by key, while every key is written out.
        let fields: Map<string, Val> | null = new Map();
        const spreadKeys = new Set<string>(); // (keys a spread gave, which a property written after it overrides)
        for (const p of node.properties) {
          if (p.type === "SpreadElement") {
            // (A spread of nothing derived, `{ ...devnet, rpc }` of a constant, hides no key; one of a literal of known keys gives those.)
            const spread = this.valueOf(p.argument), known = fieldsOf(spread);
            v = join(v, transformed(spread));
            for (const [key, field] of known ?? []) if (fields?.set(key, field)) spreadKeys.add(key);
            if (!known && !isEmpty(spread)) fields = null;
            continue;
          }
          const own = this.valueOf(p.value as Node);
          // (A nested literal keeps its own properties: `{ platform: { status: "pass", details } }`.)
          const inner = p.computed ? undefined : fieldsOf(own);
          const value = inner ? withFields(transformed(own), inner) : join(transformed(own), p.computed ? transformed(this.valueOf(p.key)) : EMPTY);
          v = join(v, value);
          const key = p.kind === "init" && !p.computed ? keyName(p.key, false) : null;
          // (One of no derived value, or under a symbol (`[Symbol.asyncDispose]`), hides no written key.)
          const symbol = p.computed && /^Symbol\.\w+$/.test(this.sourceCode.getText(p.key));
          if (key === null ? !isEmpty(value) && !symbol : fields?.has(key) && !spreadKeys.delete(key)) fields = null;
          else if (key !== null) fields?.set(key, inner ? value : own);
        }
        return fields ? withFields(v, fields) : v;
      }
      case "ArrayExpression":
        return listValue(node.elements.map((e) => (e ? { own: this.valueOf(e.type === "SpreadElement" ? e.argument : e), spread: e.type === "SpreadElement" } : null)));
      case "CallExpression":
      case "NewExpression":
        return this.calls.callValue(node);
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        return this.closureValue(node);
      case "ClassExpression":
        return EMPTY;
      case "TSAsExpression":
      case "TSTypeAssertion":
        return castTo(this.valueOf(node.expression), node.typeAnnotation);
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
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
    return nodes.reduce<Val>((v, n) => join(v, this.valueOf(n)), EMPTY);
  }

  private awaitValue(node: TSESTree.AwaitExpression): Val {
    // An awaited call resolves to data, except a Response: of `fetch()`, or of an app's, a stub's or a service's `fetch` (`await app.fetch(request, env, ctx)`).
    const arg = unwrap(node.argument);
    const value = this.valueOf(node.argument);
    // (`await env.DB.prepare(q)` gives the statement itself: no read was made.)
    if (value.env?.bindingChain && arg.type === "CallExpression" && arg.callee.type === "MemberExpression" && HANDED_OUT_METHODS.has(memberName(arg.callee) ?? "")) return value;
    return awaitedValue(value, arg.type === "CallExpression" && !isFetchCall(arg));
  }

  private identifierValue(id: TSESTree.Identifier): Val {
    const variable = this.scopes.variableOf(id);
    if (!variable) {
      const context = GLOBAL_CONTEXTS.get(id.name);
      if (context) return { containers: [context] };
      return accessorRoot(this.settings, id.name, false, id.name);
    }
    return this.variableValue(variable);
  }

  private memberValue(node: TSESTree.MemberExpression): Val {
    const key = memberName(node) ?? this.scopes.staticKey(node);
    const object = unwrap(node.object);
    // `process.env` where enabled.
    if (key === "env" && this.settings.processEnv) {
      const info = object.type === "Identifier" ? this.scopes.importOfId(object) : null;
      if (this.scopes.isGlobalProcess(object) || (info && isProcessModule(info.source))) {
        return { env: { origin: "process.env", envPath: [], live: true } };
      }
    }
    if (object.type === "ThisExpression") {
      const v = this.thisMemberValue(node);
      if (v) return v;
    }
    // Nitro's Cloudflare preset: `globalThis.__env__` is the current request's env.
    if (key !== null && GLOBAL_ENV_MEMBERS.has(key) && object.type === "Identifier" && object.name === "globalThis" && this.scopes.isUnresolved(object)) {
      return { env: { origin: `globalThis.${key}`, envPath: [] } };
    }
    if (key === "env") {
      const structural = this.structuralEnv(node, object);
      if (structural) return structural;
    }
    // The count of a list or set the code made (`parts.length`): none of what was put in it.
    if ((key === "length" || key === "size") && object.type === "Identifier" && isMadeCollection(this.scopes.variableOf(object))) return EMPTY;
    // Hono's `c.var.db`: what the file's middleware set there (see `ContextVariables`).
    if (key !== null && object.type === "MemberExpression" && memberName(object) === "var") {
      const set = this.contextVariables.read(this.valueOf(unwrap(object.object as Node)), key, `.var.${key}`);
      if (set) return set;
    }
    // (Through a cast of the object, `(env as { DB: D1Database }).DB`: what the cast says of its members.)
    const base = this.valueOf(node.object.type === "TSAsExpression" || node.object.type === "TSTypeAssertion" ? (node.object as Node) : object);
    // `process.env.NODE_ENV`: Wrangler's bundler writes the mode in when it builds; no binding or secret.
    if (bundlerDefined(key) && base.env?.live && base.env.origin === "process.env") return EMPTY;
    if (key !== null && base.req && !base.req.origin.includes(".") && EVENT_CONFIG_MEMBERS.get(base.req.event ?? "")?.has(key)) return EMPTY;
    const v = member(base, key);
    return key !== null && NUMERIC_MEMBERS.has(key) ? numeric(v) : v;
  }

  /** `x.cloudflare.env`, `x.platform.env`, `x.locals.runtime.env` on a parameter or a call result: shapes only a framework's context has. */
  private structuralEnv(node: TSESTree.MemberExpression, object: Node): Val | null {
    if (!STRUCTURAL_ENV_HOLDERS.some((path) => endsWithMembers(object, path))) return null;
    let root = chainRoot(object);
    if (root.type === "AwaitExpression") root = chainRoot(root.argument);
    let fromParam = root.type === "CallExpression";
    if (root.type === "Identifier") {
      const v = this.scopes.variableOf(root);
      fromParam = !v || v.defs.some((d) => d.type === "Parameter");
    }
    if (!fromParam) return null;
    return { env: { origin: shortText(this.sourceCode.getText(node)), envPath: [] } };
  }

  private thisValue(node: TSESTree.ThisExpression): Val {
    const owner = this.functions.classOfThis(node);
    // `server$(function () { this.platform.env… })` of Qwik City: `this` is the request's event.
    const binder = owner ? null : this.facts.thisBinder.get(node);
    const paths = binder && isFunction(binder) ? thisContextPaths(this.scopes, binder) : null;
    if (paths) return { containers: [{ envPaths: paths, request: true, label: "this" }] };
    if (!owner || owner.isStatic) return EMPTY;
    if (this.entry.classKind(owner.cls) === "workers") {
      return { containers: [{ envPaths: [[WORKERS_INSTANCE_ENV]], request: false, label: "this" }] };
    }
    return EMPTY;
  }

  /**
   * The value a store keeps, or a call hands on: its concrete value, and for `this` of a class of
   * the file (`Client.current = this`, `sessions.push(this)`, `register(this)`) the instance as a
   * whole, built from what its fields hold, as `new Client(…)` is built from its arguments. (Only there: everywhere else `this` is read through its members, `this.x`.)
   */
  keptValue(node: Node): Val {
    const e = unwrap(node);
    const owner = e.type === "ThisExpression" ? this.functions.classOfThis(e) : null;
    if (!owner || owner.isStatic) return this.concreteValue(node);
    // A Workers instance holds its `ctx`: I/O of its object (a Durable Object's) or of its request.
    const event = this.entry.isDurableObject(owner.cls) ? { event: DURABLE_OBJECT_EVENT } : {};
    if (this.entry.classKind(owner.cls) === "workers") return join(this.concreteValue(node), { req: { origin: "this", envPath: null, io: true, ...event } });
    return this.resolve(this.instanceValue(owner.cls));
  }

  private instanceValue(cls: Node): Val {
    const info = this.facts.classes.get(cls);
    if (!info) return EMPTY;
    return memoised(this.fieldMemo, `${this.ids.of(cls)}\u0000this`, () => {
      let v: Val = EMPTY;
      for (const key of info.fieldWrites.keys()) v = join(v, this.fieldValue(cls, key, false));
      for (const p of info.methods.get("constructor")?.params ?? []) {
        const name = p.type === "TSParameterProperty" ? paramName(p) : null;
        if (name !== null && !info.fieldWrites.has(name)) v = join(v, this.fieldValue(cls, name, false));
      }
      // What it hands the class it extends (`super({ apiKey })`): built by that class's package.
      const base = (cls as TSESTree.ClassDeclaration).superClass;
      if (base) v = join(v, built(transformed(this.joinValues(this.functions.superArguments(cls))), this.scopes.makerOf(base as Node)));
      return built(transformed(v));
    });
  }

  /** `this.x` inside a class: `this.env` of Workers classes, else what the class writes to `x`. */
  private thisMemberValue(node: TSESTree.MemberExpression): Val | null {
    const object = unwrap(node.object);
    if (object.type !== "ThisExpression") return null;
    const owner = this.functions.classOfThis(object);
    if (!owner) return null;
    const key = memberName(node);
    if (key === null) return EMPTY;
    const kind = this.entry.classKind(owner.cls);
    if (!owner.isStatic && kind === "workers") {
      if (key === WORKERS_INSTANCE_ENV) return { env: { origin: `this.${key}`, envPath: [] } };
      if (WORKERS_INSTANCE_IO.has(key)) {
        const event = this.entry.isDurableObject(owner.cls) ? { event: DURABLE_OBJECT_EVENT } : {};
        return { req: { origin: `this.${key}`, envPath: null, io: !(key === "state" && STATE_DATA_BASES.has(this.entry.workersBase(owner.cls) ?? "")), ...event } };
      }
    }
    // A field of the module's own instance (`pool` of `if (!pool) pool = new KeyPool(env.KEYS)`), read in
    // its methods: module state, which the store of the instance (or of the field) already reports.
    const v = this.fieldValue(owner.cls, key, owner.isStatic);
    return !owner.isStatic && this.functions.hasModuleInstance(owner.cls) ? markModuleState(v, true) : v;
  }

  private fieldValue(cls: Node, key: string, isStatic: boolean): Val {
    const info = this.facts.classes.get(cls);
    if (!info) return EMPTY;
    const memoKey = `${this.ids.of(cls)}\u0000${isStatic ? "s" : "i"}:${key}`;
    return memoised(this.fieldMemo, memoKey, () => {
      const { writes, getter, parameter } = fieldInputs(info, key, isStatic);
      let v = this.joinValues(writes);
      // A getter's value is what it returns: `get db() { return drizzle(this.env.DB); }`.
      if (getter) v = join(v, this.returnValue(getter));
      // A constructor parameter property: `constructor(private env: Env)`.
      if (parameter) {
        const id = parameter.parameter.type === "AssignmentPattern" ? parameter.parameter.left : parameter.parameter;
        const variable = this.scopes.declaredIn(parameter.parent as Node, (id as TSESTree.Identifier).name);
        if (variable) v = join(v, this.variableValue(variable));
      }
      return v;
    });
  }

  // Variables -------------------------------------------------------------------------------------

  variableValue(variable: Variable): Val {
    return memoised(this.varMemo, variable, () =>
      isModuleLevel(variable) ? this.moduleVariableValue(variable) : this.localVariableValue(variable),
    );
  }

  private moduleVariableValue(variable: Variable): Val {
    const info = this.scopes.importOf(variable);
    if (info) {
      const live = this.entry.liveEnvImport(info);
      if (live) return { env: { origin: live.label, envPath: [], live: true } };
      if (ENV_NAMESPACES.has(info.source) && info.imported === "*") {
        return { containers: [{ envPaths: [["env"]], request: false, label: variable.name, live: true }] };
      }
      if (isLiveRequest(info)) {
        return { containers: [{ envPaths: [], request: true, label: variable.name }] };
      }
      return EMPTY;
    }
    // Module state: the initializer and writes made while the module is evaluated.
    let v = EMPTY;
    for (const def of variable.defs) {
      const part = def.type === "Variable" ? declaredPart(def.name, def.node) : null;
      if (def.type === "Variable") v = join(v, part ? this.valueOf(part) : this.patternValue(def.name, def.node.id, this.declaratorInit(def.node)));
    }
    for (const ref of variable.references) {
      if (!ref.isWrite() || ref.init || !ref.writeExpr) continue;
      if (!runsAfterModuleEvaluation(ref.identifier)) v = join(v, this.writeValue(ref));
      // Written later, by a handler, it counts only as a holder of what it reads of env (`current = env`, `token = env.TOKEN`): what is made of it keeps the first it held.
      else {
        const read = holderRead(ref.writeExpr as Node);
        const env = isShortChain(read) ? this.concreteValue(read).env : undefined;
        if (env?.envPath && !env.built && !env.live && !env.moduleState && !env.bindingData) v = join(v, { env: { origin: variable.name, envPath: env.envPath.length === 0 ? [] : [variable.name], moduleState: "holder", ...(env.envPath.length > 0 ? { key: env.key ?? env.envPath[env.envPath.length - 1] } : {}) } });
      }
    }
    return markModuleState(v);
  }

  private declaratorInit(decl: TSESTree.VariableDeclarator): Val {
    if (decl.init) return this.valueOf(decl.init);
    const stmt = decl.parent?.parent;
    if (stmt && (stmt.type === "ForOfStatement" || stmt.type === "ForInStatement") && stmt.left === decl.parent) {
      return loopValue(stmt, this.valueOf(stmt.right));
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
        case "Variable": {
          const part = declaredPart(def.name, def.node); // `const [a, b] = [x, y]`: each its own element
          v = join(v, part ? this.valueOf(part) : this.patternValue(def.name, def.node.id, this.declaratorInit(def.node)));
          break;
        }
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
    // A local object filled after it is made holds what was put in it (`cfg.key = env.KEY`, `clients.set(k, client)`, `list.push(v)`, `app.get("/", handler)`): kept as a whole, it keeps that.
    const made = variable.defs.length === 1 ? madeHow(variable.defs[0].node as Node) : null;
    if (made) v = join(v, this.filledValue(variable, made === "call"));
    return v;
  }

  /**
   * What the code writes into the object a local variable holds: members assigned, collection entries, handlers registered, what its configuring methods hand it (only these for an object a
   * call gives, with `configuredOnly`: it may live elsewhere, where what is put in it is seen).
   */
  private filledValue(variable: Variable, configuredOnly: boolean, depth = 0): Val {
    let v = EMPTY;
    const argValue = (arg: TSESTree.CallExpressionArgument) => this.valueOf((arg.type === "SpreadElement" ? arg.argument : arg) as Node);
    for (const ref of variable.references) {
      const id = ref.identifier as Node;
      const holder = id.parent;
      // A local alias of it (`const d = c; d.setToken(…)`) writes into the same object.
      const alias = holder?.type === "VariableDeclarator" && holder.init === id && depth < 2 ? this.scopes.declaredBy(holder)[0] : undefined;
      if (alias && constantInit(alias) === id) v = join(v, this.filledValue(alias, configuredOnly, depth + 1));
      if (!ref.isRead() || holder?.type !== "MemberExpression" || holder.object !== id) continue;
      const use = holder.parent;
      if (use?.type === "AssignmentExpression" && use.left === holder) {
        if (!configuredOnly) v = join(v, transformed(this.valueOf(use.right)));
        continue;
      }
      if (use?.type !== "CallExpression" || use.callee !== holder) continue;
      const name = memberName(holder);
      const kept = configuredOnly || name === null ? null : keptByCall(name, use.arguments as Node[]);
      // A handler keeps its closure; anything else is only part of the container.
      for (const arg of kept?.values ?? []) v = join(v, isFunction(unwrap(arg)) ? argValue(arg as TSESTree.CallExpressionArgument) : transformed(argValue(arg as TSESTree.CallExpressionArgument)));
      // What configuring methods hand it (`c.setToken(env.TOKEN)`, also down a chain of them: `c.setRegion("eu").setToken(…)`) builds it, as the same arguments to its constructor would.
      // (A function handed is a handler registered, not a value it is built with: it keeps its closure, `server.registerTool("t", () => env.API_TOKEN)`.)
      if (kept) continue;
      for (const call of configuringChain(use)) for (const arg of call.arguments) v = join(v, isFunction(unwrap(arg as Node)) ? argValue(arg) : built(argValue(arg)));
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
      value = loopValue(holder, value);
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
            v = bundlerDefined(key) && v.env?.live && v.env.origin === "process.env" ? EMPTY : member(v, key);
            // Name what is destructured from a framework context as written in the pattern: `({ platform }) => platform.env.KV`, `({ env }) => env.SESSIONS`.
            const local = child.type === "Identifier" ? child.name : key;
            if (v.containers && local !== null) v = { ...v, containers: v.containers.map((c) => ({ ...c, label: local })) };
            if (!hadEnv && v.env && v.env.envPath?.length === 0 && local !== null) v = { ...v, env: { ...v.env, origin: local } };
          }
          break;
        case "ArrayPattern":
          v = member(v, String(parent.elements.indexOf(child as never)));
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
    const params = callParams(fn);
    const index = params.indexOf(root as never);
    if (index < 0) return EMPTY;
    let base: Val = join(this.entry.sourceParams(fn).get(index) ?? EMPTY, this.callbackParam(fn));
    const param = params[index];
    // A rest parameter: an array of what the call sites hand from its position on.
    if (param.type === "RestElement") return transformed(join(base, { params: [{ fn, index, path: [] }] }));
    const inner = param.type === "TSParameterProperty" ? param.parameter : param;
    // Typed as a number or a flag (`take(who: string, rate: number)`): what callers hand is that.
    base = join(base, { params: [{ fn, index, path: [], ...(isNumericType(unwrapType(paramAnnotation(param))) ? { numeric: true } : {}) }] });
    return this.patternValue(name, inner, base);
  }

  /**
   * A callback handed to a method of a derived value receives its elements or its result: `Object.entries(env).forEach(([k, v]) => …)`, `env.KV.get(k).then((v) => …)`.
   */
  private callbackParam(fn: FunctionNode): Val {
    const method = callbackReceiver(fn);
    if (!method) return EMPTY;
    let receiver = this.valueOf(method.object);
    if (isEmpty(receiver)) return EMPTY;
    if (PROMISE_CALLBACK_METHODS.has(method.name)) {
      receiver = awaitedParams(receiver);
      const env = receiver.env;
      if (env?.bindingChain && !env.live) return { ...transformed(receiver), env: { ...env, envPath: null, bindingChain: false, bindingData: true, built: false } };
      return receiver;
    }
    return member(receiver, null);
  }

  // Functions: closures, return summaries, calls --------------------------------------------------

  /** A function value: derived when it closes over a derived local or reads an outer `this.env`. */
  closureValue(fn: FunctionNode): Val {
    return memoised(this.closureMemo, fn, () => {
      let v = EMPTY;
      for (const ref of this.scopes.scopeOf(fn)?.through ?? []) {
        const variable = ref.resolved;
        if (!variable || isModuleLevel(variable)) continue;
        v = join(v, asClosure(this.variableValue(variable), variable.name));
      }
      for (const read of this.facts.arrowThisReads.get(fn) ?? []) {
        v = join(v, asClosure(this.valueOf(read), "this"));
      }
      return v;
    });
  }

  /** What a function returns, in terms of its own parameters (a summary reused by every call); a number when declared `: boolean`. */
  returnValue(fn: FunctionNode): Val {
    if (this.warming && this.warming !== fn && !this.returnMemo.has(fn)) return EMPTY;
    return memoised(this.returnMemo, fn, () => {
      const returned = this.joinValues(this.facts.returns.get(fn) ?? []);
      const own = declaresNumber(fn) ? numeric(returned) : returned;
      if (!fn.async || fn.generator) return own; // (an async generator gives an iterator, its items awaited as they come)
      // An async function's promise is pending on the read its result is data of, or, giving nothing derived (`migrate(db)`), on the reads through a binding it awaits.
      return isEmpty(own) && !fieldsOf(own) ? pendingPart(this.joinValues(this.facts.awaits.get(fn) ?? [])) : asPromise(own);
    });
  }

  /** The value of calling a function of this file: its return summary with the arguments substituted. */
  invoke(fn: FunctionNode, args: readonly Node[]): Val {
    // A summary's seeded function called within its module: what the seed gives its result is not this call's (the seed stands for another module's caller, to whom the function returns).
    const summary = this.entry.isSeeded(fn) ? withoutSeeds(this.returnValue(fn)) : this.returnValue(fn);
    return this.withArguments(summary, fn, args, 0);
  }

  /** A value in terms of `fn`'s parameters, with the arguments substituted (in each property of an object literal too). */
  private withArguments(summary: Val, fn: FunctionNode, args: readonly Node[], depth: number): Val {
    // The env a seeded parameter stands for (callers unseen) is, in a call of the file, what that call
    // hands there: none (`createAuth()` for a tool at load), or the caller's read (`createAuth(env)`). (Handed something the trace cannot see into, the parameter's type still says it is env.)
    const handed = summary.env?.seed ? seedArgument(fn, args, summary.env.seed) : false;
    const unseeded = handed === null || (handed !== false && !!this.valueOf(handed).env);
    if (!summary.params && !unseeded) return summary;
    let v = withoutParams(summary);
    if (unseeded) {
      const { env: _seeded, ...rest } = v;
      v = rest;
    }
    const kept: ParamDep[] = [];
    for (const dep of summary.params ?? []) {
      if (dep.fn !== fn) {
        kept.push(dep);
        continue;
      }
      const arg = args[dep.index];
      if (!arg) continue;
      const argValue = arg.type === "SpreadElement" ? transformed(this.valueOf(arg.argument)) : this.valueOf(arg);
      v = join(v, applyDep(argValue, dep, paramLabel(fn, dep.index)));
    }
    if (kept.length) v = join(v, { params: kept });
    const fields = fieldsOf(summary);
    if (fields && depth < MAX_FIELD_DEPTH) {
      v = withFields(v, new Map([...fields].map(([key, field]) => [key, this.withArguments(field, fn, args, depth + 1)])));
    }
    return v;
  }
}

/** Code inside a function or an instance field initializer runs later, not while the module is evaluated. */
function runsAfterModuleEvaluation(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (isFunction(n)) return true;
    if ((n.type === "PropertyDefinition" || n.type === "AccessorProperty") && !n.static) return true;
  }
  return false;
}
