/**
 * Function resolution: which function of this file a callee names, what a call passes to it,
 * which class a `this` belongs to, and the file's call graph.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { callParams, forwardedArguments, isFunction, memberName, outermost, paramName, propertyName, propertyValue, unwrap } from "./ast";
import type { Binder, ClassFacts, FileFacts, Site } from "./collect";
import { constantInit, isModuleLevel, madeBy, moduleHolder, madeInstance, parameterOf, type Scopes, type Variable } from "./scope";
import type { FunctionNode, Node } from "./values";

/** The class a method, constructor, field or static block belongs to. */
export function classOfBinder(binder: Binder | null | undefined): { cls: Node; isStatic: boolean; owner: Node } | null {
  if (!binder) return null;
  const owner: Node | undefined = isFunction(binder) ? binder.parent : binder;
  if (!owner) return null;
  if (owner.type === "StaticBlock") return { cls: owner.parent!.parent!, isStatic: true, owner };
  if (owner.type === "MethodDefinition" || owner.type === "PropertyDefinition" || owner.type === "AccessorProperty") {
    return { cls: owner.parent!.parent!, isStatic: !!owner.static, owner };
  }
  return null;
}

/** How a message names a function's parameter: its name, or a phrase. */
export function paramLabel(fn: FunctionNode, index: number): string {
  const p = callParams(fn)[index];
  return (p && paramName(p)) ?? "its argument";
}

const NO_SITES: readonly (readonly Node[])[] = [];

/**
 * Whether a function is an argument of a call (`list.map((x) => …)`, `app.get("/", (c) => …)`):
 * no callee of the file can name it, so none of the file's calls targets it.
 */
function isArgument(fn: FunctionNode): boolean {
  const outer = outermost(fn);
  const p = outer.parent;
  return (p?.type === "CallExpression" || p?.type === "NewExpression") && p.callee !== outer && (p.arguments as Node[]).includes(outer);
}

export class Functions {
  /** Callees already resolved (null: not a function of this file). */
  private readonly resolved = new Map<Node, FunctionNode | null>();
  /** Each class's static member keeping its one instance (see {@link staticSingleton}), once asked. */
  private readonly singletons = new Map<Node, { key: string; made: Node } | null>();
  private classNameWritesMemo: readonly { object: TSESTree.Identifier; key: string; value: Node }[] | null = null;
  private lazyNames: ReadonlySet<string> | null = null;
  private localCallsMemo: { fn: FunctionNode; args: readonly Node[]; site: Site }[] | null = null;
  private sitesByFn: Map<Node, (readonly Node[])[]> | null = null;
  private atLoadOnly: Set<Node> | null = null;
  /** Call sites found without the table ({@link directCallSites}); null: the table is needed. */
  private readonly directSites = new Map<Node, readonly (readonly Node[])[] | null>();
  /** Factories and the module variable that keeps what they return ({@link keptFactoryResult}). */
  private readonly keptResults = new Map<Node, string | null>();

  constructor(
    readonly scopes: Scopes,
    readonly facts: FileFacts,
  ) {}

  /** The class facts of the class a `this` belongs to, with whether it is the static side. */
  classOfThis(node: TSESTree.ThisExpression) {
    return classOfBinder(this.facts.thisBinder.get(node));
  }

  /** Resolves the function a callee refers to, within this file. */
  resolveFunction(callee: Node): FunctionNode | null {
    let fn = this.resolved.get(callee);
    if (fn === undefined) {
      fn = this.resolveAt(callee, 0);
      this.resolved.set(callee, fn);
    }
    return fn;
  }

  private resolveAt(callee: Node, depth: number): FunctionNode | null {
    const c = unwrap(callee);
    if (isFunction(c)) return c;
    if (depth > 3) return null;
    // `keep.bind(null)`, `obj.m.bind(obj)`: the function itself, called with the same arguments.
    // (Arguments bound ahead, `keep.bind(null, x)`, would shift them: not followed.)
    const bound = boundFunction(c);
    if (bound) return this.resolveAt(bound, depth + 1);
    if (c.type === "Identifier") {
      const v = this.scopes.callableVariable(c);
      if (!v || v.defs.length !== 1) return null;
      const def = v.defs[0];
      if (def.type === "FunctionName" && isFunction(def.node as Node)) return def.node as FunctionNode;
      const init = constantInit(v);
      // `const getSql = makeGetter()` at the top of the module: the closure it returns.
      if (init && unwrap(init).type === "CallExpression" && !boundFunction(unwrap(init))) {
        const made = isModuleLevel(v) ? this.factoryResult(unwrap(init) as TSESTree.CallExpression, depth) : null;
        return made && isFunction(made) ? made : null;
      }
      return init ? this.resolveAt(init, depth + 1) : null;
    }
    if (c.type === "MemberExpression") {
      const key = memberName(c);
      if (key === null) return null;
      const object = unwrap(c.object);
      // `new Helper(c).read(k)`: a method of a class of this file, on the instance made there.
      if (object.type === "NewExpression") {
        const cls = this.localClass(object.callee);
        return cls ? (this.facts.classes.get(cls)?.methods.get(key) ?? null) : null;
      }
      // `Settings.current().use(t)`: a method of the instance a factory of this file gives.
      if (object.type === "CallExpression") {
        const made = this.factoryResult(object, depth + 1);
        const cls = made?.type === "NewExpression" ? this.localClass(made.callee) : null;
        return cls ? (this.facts.classes.get(cls)?.methods.get(key) ?? null) : null;
      }
      if (object.type === "ThisExpression") {
        const owner = this.classOfThis(object);
        const info = owner && this.facts.classes.get(owner.cls);
        return (owner?.isStatic ? info?.staticMethods : info?.methods)?.get(key) ?? (owner ? null : this.siblingMethod(object, key, depth));
      }
      if (object.type === "Identifier") {
        const v = this.scopes.callableVariable(object);
        if (!v) return this.lazyInstanceMethod(object, key);
        const def = v?.defs[0];
        if (def?.type === "ClassName") return this.facts.classes.get(def.node as Node)?.staticMethods.get(key) ?? null;
        // `const config = new Config(); config.load(env)`: a method of a class of this file.
        const init = def?.type === "Variable" && def.node.init ? unwrap(def.node.init) : null;
        if (init?.type === "NewExpression") {
          const cls = this.localClass(init.callee);
          return cls ? (this.facts.classes.get(cls)?.methods.get(key) ?? null) : null;
        }
        // `const cache = createCache()` at the top of the module: a method of what the factory returns.
        const made = init?.type === "CallExpression" && isModuleLevel(v) ? this.factoryResult(init, depth) : init;
        if (made?.type === "NewExpression") {
          const cls = this.localClass(made.callee);
          return cls ? (this.facts.classes.get(cls)?.methods.get(key) ?? null) : null;
        }
        // `const page = pages.home; page.head(…)`, `const m = mail`: an object literal of a module constant, aliased.
        const literal = made?.type === "ObjectExpression" ? made : (made?.type === "MemberExpression" || made?.type === "Identifier") && constantInit(v) ? this.literalAt(made, depth + 1) : null;
        // `const notify = Object.assign(send, { setup(t) { … } })`: a method the literals give the function.
        const member = literal ? propertyValue(literal, key) : init?.type === "CallExpression" && constantInit(v) ? assignedMember(this.scopes, init, key) : null;
        if (member) return this.resolveAt(member, depth + 1);
      }
      // `Registry.shared.register(k, v)`: a method of the one instance a static member of a class of the file keeps.
      const owner = object.type === "MemberExpression" ? this.localClass(object.object as Node) : null;
      if (owner && this.staticSingleton(owner)?.key === memberName(object as TSESTree.MemberExpression)) return this.facts.classes.get(owner)?.methods.get(key) ?? null;
      // `services.mail.configure(key)`: a method of an object literal nested in a module constant.
      const nested = object.type === "MemberExpression" ? this.literalAt(object, depth + 1) : null;
      const member = nested ? propertyValue(nested, key) : null;
      if (member) return this.resolveAt(member, depth + 1);
    }
    return null;
  }

  /** The object literal a constant, or a member of one nested in it, is (`services`, `services.mail`). */
  private literalAt(expr: Node, depth: number): TSESTree.ObjectExpression | null {
    const e = unwrap(expr);
    if (depth > 3) return null;
    let found: Node | null = null;
    if (e.type === "Identifier") found = constantInit(this.scopes.variableOf(e));
    else if (e.type === "MemberExpression") {
      const key = memberName(e);
      const outer = key === null ? null : this.literalAt(e.object as Node, depth + 1);
      found = outer ? propertyValue(outer, key!) : null;
    }
    const literal = found ? unwrap(found) : null;
    return literal?.type === "ObjectExpression" ? literal : null;
  }

  /**
   * `store.setEnv(env)` with `let store; … store ??= new Store()`: a method of the class of this
   * file that a module variable is only ever made an instance of, lazily (see `lazyInstances`).
   */
  private lazyInstanceMethod(object: TSESTree.Identifier, key: string): FunctionNode | null {
    // Only names a function makes an instance in are looked up (most member calls are of others).
    this.lazyNames ??= new Set([...this.facts.classes.values()].flatMap((info) => info.lazyInstances.map((id) => id.name)));
    if (!this.lazyNames.has(object.name)) return null;
    const variable = this.scopes.variableOf(object);
    const made = variable ? madeInstance(variable) : null;
    const cls = made ? this.localClass(made.callee) : null;
    return cls ? (this.facts.classes.get(cls)?.methods.get(key) ?? null) : null;
  }

  /**
   * What a call of a factory of this file gives back (`createCache()`, an IIFE): the object
   * literal, function or instance of a class of the file its one return gives (also through a
   * constant it names: `const api = { … }; return api;`). Null for anything else, and for an async
   * factory (its call gives a promise).
   */
  factoryResult(call: TSESTree.CallExpression, depth = 0): Node | null {
    const callee = unwrap(call.callee);
    const fn = isFunction(callee) ? callee : callee.type === "Identifier" || callee.type === "MemberExpression" ? this.resolveAt(callee, depth + 1) : null;
    if (!fn || fn.async || fn.generator) return null;
    const returns = this.facts.returns.get(fn);
    if (returns?.length !== 1) return null;
    let made = unwrap(returns[0]);
    // `static get() { Registry.shared ??= new Registry(); return Registry.shared; }`: the one instance it keeps.
    if (made.type === "MemberExpression") return this.staticInstance(fn, made);
    if (made.type === "Identifier") {
      // (Or the one instance a module variable is filled with: `if (!instance) instance = new Registry(); return instance`.)
      const variable = this.scopes.variableOf(made);
      const init = constantInit(variable) ?? (variable && isModuleLevel(variable) ? madeInstance(variable) : null);
      if (!init) return null;
      made = unwrap(init);
    }
    return made.type === "ObjectExpression" || made.type === "NewExpression" || isFunction(made) ? made : null;
  }

  /**
   * What a static member of a class of the file that its static method returns holds (`return
   * Registry.shared`, `return this.shared`): the instance of that class kept there (see
   * {@link staticSingleton}).
   */
  private staticInstance(fn: FunctionNode, member: TSESTree.MemberExpression): Node | null {
    const method = fn.parent;
    const cls = method?.type === "MethodDefinition" && method.static ? method.parent?.parent : null;
    const object = unwrap(member.object);
    if (!cls || (object.type !== "ThisExpression" && !(object.type === "Identifier" && this.localClass(object) === cls))) return null;
    const singleton = this.staticSingleton(cls);
    return singleton && singleton.key === memberName(member) ? singleton.made : null;
  }

  /**
   * The static member of a class of the file that keeps the class's one instance, with where it is
   * made: `static shared = new Registry()`, or `Registry.shared ??= new Registry()` (`this.shared`
   * in a static method), every write of that member giving one. Its instance lives as long as the
   * module, and so does what its methods write on `this`.
   */
  staticSingleton(cls: Node): { key: string; made: Node } | null {
    if (this.singletons.has(cls)) return this.singletons.get(cls)!;
    const info = this.facts.classes.get(cls);
    const writes = new Map<string, Node[]>();
    for (const [key, values] of info?.staticWrites ?? []) writes.set(key, [...values]);
    for (const { object, key, value } of this.classNameWrites()) {
      if (this.localClass(object) !== cls) continue;
      const list = writes.get(key);
      if (list) list.push(value);
      else writes.set(key, [value]);
    }
    let found: { key: string; made: Node } | null = null;
    for (const [key, values] of writes) {
      const made = values.map(unwrap);
      if (made.every((m) => m.type === "NewExpression" && this.localClass(m.callee) === cls)) {
        found = { key, made: made[0] };
        break;
      }
    }
    this.singletons.set(cls, found);
    return found;
  }

  /**
   * Writes of a member through a name a class of the file is declared with (`Registry.shared =
   * …`), found in one pass over the file's assignments for every class asked.
   */
  private classNameWrites(): readonly { object: TSESTree.Identifier; key: string; value: Node }[] {
    if (this.classNameWritesMemo) return this.classNameWritesMemo;
    const names = new Set<string>();
    for (const cls of this.facts.classes.keys()) if ("id" in cls && cls.id) names.add((cls.id as TSESTree.Identifier).name);
    const out: { object: TSESTree.Identifier; key: string; value: Node }[] = [];
    for (const site of names.size ? this.facts.assignments : []) {
      const { left, right } = site.node as TSESTree.AssignmentExpression;
      const object = left.type === "MemberExpression" ? unwrap(left.object as Node) : null;
      const key = left.type === "MemberExpression" ? memberName(left) : null;
      if (key !== null && object?.type === "Identifier" && names.has(object.name)) out.push({ object, key, value: right as Node });
    }
    return (this.classNameWritesMemo = out);
  }

  /**
   * The module-scope variable that keeps what a factory of this file returns (`cache` of `const
   * cache = createCache()` at the top of the module, or "default" of `export default createApp()`), called by its name; null when no call's
   * result is kept so. A closure of the factory then runs on variables that live as
   * long as the module: those of the call made while the module was evaluated.
   */
  keptFactoryResult(fn: FunctionNode): string | null {
    let kept = this.keptResults.get(fn);
    if (kept === undefined) {
      kept = null;
      for (const call of this.ownCalls(fn, true) ?? []) {
        const made = outermost(call);
        const decl = made.parent;
        // (`export default makeApp()`: the default export keeps it.)
        if (call.type === "CallExpression" && decl?.type === "ExportDefaultDeclaration") {
          kept = "default";
          break;
        }
        if (call.type !== "CallExpression" || decl?.type !== "VariableDeclarator" || decl.init !== made || decl.id.type !== "Identifier") continue;
        const name = decl.id.name;
        const variable = this.scopes.declaredBy(decl).find((v) => v.name === name);
        if (variable && isModuleLevel(variable)) {
          kept = name;
          break;
        }
      }
      this.keptResults.set(fn, kept);
    }
    return kept;
  }

  /** What a call of a generator of the file is handed (`paginate(env.DB, "orders")`): its iterator holds that until it is done. */
  generatorArguments(node: Node): readonly Node[] {
    const { made, awaited } = madeBy(this.scopes, node);
    const fn = made.type === "CallExpression" && !awaited ? this.resolveFunction(made.callee) : null;
    return fn?.generator ? (made as TSESTree.CallExpression).arguments.filter((a) => a.type !== "SpreadElement") : [];
  }

  /** Whether a function reads `this` in its own body (arrow functions in it included): what the collector bound. */
  readsThis(fn: FunctionNode): boolean {
    for (const binder of this.facts.thisBinder.values()) if (binder === fn) return true;
    return false;
  }

  /** The arguments of the `super(…)` calls of a class's own constructor (`super({ apiKey })` of `extends OpenAI`). */
  superArguments(cls: Node): Node[] {
    const ctor = this.facts.classes.get(cls)?.methods.get("constructor");
    if (!ctor) return [];
    return this.facts.calls.flatMap((site) => {
      const call = site.node as TSESTree.CallExpression;
      return site.fn === ctor && call.type === "CallExpression" && call.callee.type === "Super" ? (call.arguments as Node[]) : [];
    });
  }

  /**
   * A class of the file and the classes of the file it extends (`class Db extends Base`), own
   * first: a method is looked up in that order, as the instance finds it.
   */
  classChain(cls: Node): ClassFacts[] {
    const chain: ClassFacts[] = [];
    for (let at: Node | null = cls; at && chain.length < 4; ) {
      const info = this.facts.classes.get(at);
      if (!info || chain.includes(info)) break;
      chain.push(info);
      const sup: TSESTree.Expression | null = (at as TSESTree.ClassDeclaration).superClass;
      at = sup ? this.localClass(sup as Node) : null;
    }
    return chain;
  }

  /**
   * What every call of the file hands a parameter (`cache` of `put(cache, k, v)`), in source
   * order; null when the variable is no parameter, is written again, or no call of the file hands
   * it anything.
   */
  /** Whether the module keeps an instance of a class of the file: a module constant made of it, or a module variable a function fills with one. */
  hasModuleInstance(cls: Node): boolean {
    let known = this.moduleInstanceMemo.get(cls);
    if (known === undefined) {
      const info = this.facts.classes.get(cls);
      known = !!info && (info.moduleInstances.length > 0 || info.lazyInstances.some((id) => { const v = this.scopes.variableOf(id); return !!v && (isModuleLevel(v) || !!moduleHolder(v)); }));
      this.moduleInstanceMemo.set(cls, known);
    }
    return known;
  }
  /** {@link hasModuleInstance} per class: asked at every read of a field in its methods. */
  private readonly moduleInstanceMemo = new Map<Node, boolean>();

  argumentsOf(variable: Variable): Node[] | null {
    // Most variables asked are no parameter: that test first, the walk of the references after.
    const param = parameterOf(variable);
    if (!param || variable.references.some((r) => r.isWrite() && !r.init)) return null;
    const args: Node[] = [];
    for (const site of this.callSitesOf(param.fn)) {
      const arg = site[param.index];
      if (!arg || arg.type === "SpreadElement") return null;
      args.push(arg);
    }
    return args.length > 0 ? args : null;
  }

  /** A class declared in this file that an expression names. */
  localClass(expr: Node): Node | null {
    const e = unwrap(expr);
    if (e.type === "ClassExpression") return e;
    const def = e.type === "Identifier" ? this.scopes.callableVariable(e)?.defs[0] : undefined;
    if (def?.type === "ClassName") return def.node as Node;
    if (def?.type === "Variable" && def.node.init && unwrap(def.node.init).type === "ClassExpression") return unwrap(def.node.init);
    return null;
  }

  /** The function of this file a call invokes, with its arguments in parameter order. */
  callTarget(call: TSESTree.CallExpression | TSESTree.NewExpression): { fn: FunctionNode | null; args: readonly Node[] } {
    const callee = unwrap(call.callee);
    if (call.type === "NewExpression") {
      const cls = this.localClass(callee);
      return { fn: cls ? (this.facts.classes.get(cls)?.methods.get("constructor") ?? null) : null, args: argumentList(this.scopes, call.arguments as Node[]) };
    }
    // `super(key)` in a constructor: the constructor of the class it extends, when the file declares it.
    if (callee.type === "Super") {
      const base = superClassOf(call);
      const cls = base ? this.localClass(base) : null;
      return { fn: cls ? (this.facts.classes.get(cls)?.methods.get("constructor") ?? null) : null, args: call.arguments as Node[] };
    }
    if (callee.type === "MemberExpression") {
      const name = memberName(callee);
      if (name === "call" || name === "apply") {
        const fn = this.resolveFunction(callee.object);
        if (fn) return { fn, args: forwardedArguments(name, call.arguments as Node[]) };
      }
    }
    const fn = this.resolveFunction(callee);
    return { fn, args: fn ? argumentList(this.scopes, call.arguments as Node[]) : call.arguments };
  }

  /**
   * `this.getConfig(…)` in a method of an object literal (`const api = { handle() { return
   * this.getConfig(…) }, getConfig(…) {…} }`): the literal's own member, called as its method.
   */
  private siblingMethod(self: TSESTree.ThisExpression, key: string, depth: number): FunctionNode | null {
    const binder = this.facts.thisBinder.get(self);
    const property = binder && isFunction(binder as Node) ? binder.parent : null;
    if (property?.type !== "Property" || property.value !== binder || property.parent?.type !== "ObjectExpression") return null;
    for (const p of property.parent.properties) {
      if (p.type === "Property" && !p.computed && p.kind === "init" && propertyName(p) === key) return this.resolveAt(p.value as Node, depth + 1);
    }
    return null;
  }

  /** The file's calls that target one of its functions, in source order, each resolved once. */
  private localCalls(): readonly { fn: FunctionNode; args: readonly Node[]; site: Site }[] {
    if (!this.localCallsMemo) {
      this.localCallsMemo = [];
      for (const site of this.facts.calls) {
        const { fn, args } = this.callTarget(site.node as TSESTree.CallExpression);
        if (fn) this.localCallsMemo.push({ fn, args, site });
        else for (const method of this.tableMethods(site.node)) this.localCallsMemo.push({ fn: method, args: argumentList(this.scopes, args as Node[]), site });
      }
    }
    return this.localCallsMemo;
  }

  /**
   * A table of functions called by a computed key (`METHODS[data.method](params, { env })`, `METHODS`
   * a constant given an object literal): the call may be of any of its functions.
   */
  private tableMethods(call: Node): FunctionNode[] {
    const callee = call.type === "CallExpression" ? unwrap(call.callee) : null;
    const table = callee?.type === "MemberExpression" && callee.computed && unwrap(callee.object).type === "Identifier" ? constantInit(this.scopes.variableOf(unwrap(callee.object))) : null;
    if (table?.type !== "ObjectExpression") return [];
    return table.properties.flatMap((p) => (p.type === "Property" && isFunction(unwrap(p.value as Node)) ? [unwrap(p.value as Node) as FunctionNode] : []));
  }

  /**
   * Whether the file calls `fn` only while the module is evaluated (every call at its top level),
   * and uses its name for nothing else: what it stores then is the module's first evaluation's.
   */
  calledOnlyAtLoad(fn: FunctionNode): boolean {
    // (The functions called at the top level and nowhere else, found in one pass over the file's calls.)
    if (!this.atLoadOnly) {
      const inside = new Set<Node>();
      const atLoad = new Set<Node>();
      for (const c of this.localCalls()) (c.site.fn === null ? atLoad : inside).add(c.fn);
      this.atLoadOnly = new Set([...atLoad].filter((f) => !inside.has(f)));
    }
    if (!this.atLoadOnly.has(fn)) return false;
    return fn.type === "FunctionExpression" && fn.parent?.type === "MethodDefinition" ? true : this.ownCalls(fn) !== null;
  }

  /** What each call of `fn` in the file passes, argument lists in parameter order. */
  callSitesOf(fn: FunctionNode): readonly (readonly Node[])[] {
    if (this.sitesByFn) return this.sitesByFn.get(fn) ?? NO_SITES;
    // A function handed to a call (`list.map((x) => …)`) is called by no call of the file; one
    // used only by calls of its own name needs no table of every call in the file either.
    let direct = this.directSites.get(fn);
    if (direct === undefined) {
      direct = isArgument(fn) ? NO_SITES : this.directCallSites(fn);
      this.directSites.set(fn, direct);
    }
    if (direct) return direct;
    this.sitesByFn = new Map();
    for (const { fn: target, args } of this.localCalls()) {
      const list = this.sitesByFn.get(target);
      if (list) list.push(args);
      else this.sitesByFn.set(target, [args]);
    }
    return this.sitesByFn.get(fn) ?? NO_SITES;
  }

  /**
   * The calls of `fn`, in source order, when every use of it is a plain call of its name
   * (`helper(x)`); null otherwise (also for `new helper()`, which the table resolves as a class).
   */
  private directCallSites(fn: FunctionNode): readonly (readonly Node[])[] | null {
    const calls = this.ownCalls(fn);
    if (!calls || calls.some((call) => call.type !== "CallExpression")) return null;
    return calls.sort((a, b) => a.range[0] - b.range[0]).map((call) => argumentList(this.scopes, call.arguments as Node[]));
  }

  /**
   * The calls (and `new`s) of the name a function is declared by (a function declaration, or a
   * function a `const` names), when the file uses that name only to call it. Null when it has no
   * such name (a method, a callback, a named function expression) or the name is used in any other
   * way (aliased, passed on, exported by reference, put in an object, written again), unless
   * `anyUse`: then the calls among its uses.
   */
  ownCalls(fn: FunctionNode, anyUse = false): (TSESTree.CallExpression | TSESTree.NewExpression)[] | null {
    let variable = null;
    if (fn.type === "FunctionDeclaration") {
      if (!fn.id) return null;
      variable = this.scopes.declaredBy(fn).find((v) => v.defs.length === 1 && v.defs[0].type === "FunctionName") ?? null;
    } else if (!fn.id && fn.parent?.type === "VariableDeclarator" && fn.parent.init === fn && fn.parent.id.type === "Identifier") {
      const name = fn.parent.id.name;
      variable = this.scopes.declaredBy(fn.parent).find((v) => v.name === name) ?? null;
      if (constantInit(variable) !== fn) return null;
    }
    if (!variable) return null;
    const calls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
    for (const ref of variable.references) {
      if (ref.init) continue;
      const p = ref.identifier.parent;
      if ((p?.type !== "CallExpression" && p?.type !== "NewExpression") || p.callee !== ref.identifier) {
        if (anyUse) continue;
        return null;
      }
      calls.push(p);
    }
    return calls;
  }

  /** The file's functions in depth-first post-order of the call graph (callees before callers). */
  calleesFirst(): FunctionNode[] {
    const callees = new Map<Node, FunctionNode[]>();
    const roots: FunctionNode[] = [];
    for (const { fn, site } of this.localCalls()) {
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
}

/** What the class around a node extends (`Base` of `class Child extends Base`), if anything. */
export function superClassOf(node: Node): Node | null {
  for (let n = node.parent as Node | undefined; n; n = n.parent as Node | undefined) {
    if (n.type === "ClassBody") return (n.parent as TSESTree.ClassDeclaration | TSESTree.ClassExpression).superClass as Node | null;
  }
  return null;
}

/** The function a `bind` with no argument bound ahead makes (`keep` of `keep.bind(null)`), if the call is one. */
function boundFunction(call: Node): Node | null {
  if (call.type !== "CallExpression" || call.arguments.length > 1) return null;
  const callee = unwrap(call.callee);
  return callee.type === "MemberExpression" && memberName(callee) === "bind" ? (callee.object as Node) : null;
}

/**
 * A call's arguments in parameter order, with the spread of a list written out in the code
 * (`f(...[a, env.KEY])`, or a `const` such list read only by spreads) replaced by its elements.
 * Any other spread stays: it stands for its elements from its position on.
 */
export function argumentList(scopes: Scopes, args: readonly Node[], depth = 0): readonly Node[] {
  if (depth > 2 || !args.some((a) => a.type === "SpreadElement")) return args;
  const out: Node[] = [];
  for (const arg of args) {
    const list = arg.type === "SpreadElement" ? writtenList(scopes, arg.argument as Node) : null;
    if (list) out.push(...argumentList(scopes, list, depth + 1));
    else out.push(arg);
  }
  return out;
}

/** The elements of a list the code writes out, when nothing else can add to it or reorder it. */
function writtenList(scopes: Scopes, expr: Node): Node[] | null {
  let e = unwrap(expr);
  if (e.type === "Identifier") {
    const v = scopes.variableOf(e);
    const def = v?.defs.length === 1 ? v.defs[0] : undefined;
    if (def?.type !== "Variable" || def.parent?.kind !== "const" || !def.node.init) return null;
    if (!v!.references.every((r) => r.init || r.identifier.parent?.type === "SpreadElement")) return null;
    e = unwrap(def.node.init as Node);
  }
  if (e.type !== "ArrayExpression" || e.elements.some((x) => x === null)) return null;
  return e.elements as Node[];
}

/** What `Object.assign(target, { key … }, …)` gives its target under `key`: the last literal's that has it. */
function assignedMember(scopes: Scopes, call: TSESTree.CallExpression, key: string): Node | null {
  const sources = assignedSources(scopes, call);
  for (let i = sources.length - 1; i >= 0; i--) {
    const member = propertyValue(sources[i], key);
    if (member) return member;
  }
  return null;
}

/** The objects `Object.assign(target, a, b)` copies onto its target (`a`, `b`); none for any other call. */
export function assignedSources(scopes: Scopes, call: TSESTree.CallExpression): Node[] {
  const callee = unwrap(call.callee);
  if (callee.type !== "MemberExpression" || memberName(callee) !== "assign") return [];
  const object = unwrap(callee.object);
  if (object.type !== "Identifier" || object.name !== "Object" || !scopes.isUnresolved(object)) return [];
  return call.arguments.slice(1).map((a) => unwrap(a as Node));
}
