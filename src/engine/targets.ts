/**
 * Module-scope places: which place an expression designates (a module variable, a member of a
 * module object, `globalThis`, a class's static side, `this` of a shared object or module-level
 * instance), and how a message names it.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { chainRoot, chainText, isFunction, isNullish, isWrittenMember, memberName, propertyName, shortText, unwrap } from "./ast";
import { isLiveRequest } from "./sources";
import { COLLECTION_CONSTRUCTORS, ELEMENT_READERS, GLOBAL_OBJECTS, IN_MEMORY_CACHES, PATCHED_GLOBALS, WEAK_COLLECTIONS } from "./builtins";
import { fieldInputs, type FileFacts } from "./collect";
import type { EntryPoints } from "./entry-points";
import type { Functions } from "./functions";
import { assignedValues, constantInit, isModuleLevel, madeInstance, moduleHolder, oneClassMade, type Scopes, type Variable } from "./scope";
import type { FunctionNode, Node } from "./values";

export type TargetKind = "variable" | "object" | "global" | "static" | "shared-object" | "module-instance" | "caller-instance";

/** How a summary names the instance a caller makes of a class (see `callerInstances`): the caller names its own. */
export const CALLER_INSTANCE = "the caller's instance";

export interface Target {
  /** How the message names the place: `client`, `cache.db`, `globalThis.prisma`, `MyClass.instance`. */
  label: string;
  kind: TargetKind;
  /** Which place of another module it is, and where (`` `store`, ./store.ts:3 ``), for the labels of its members. */
  where?: string;
  /** The class whose static side `this` is (`Logger` of `this.env` in a static method), for the labels of its members. */
  owner?: string;
}

/** A module place another module's function returns. */
export interface ReturnedPlace {
  /** The place, as messages name it in its own module (`` `store` ``). */
  target: string;
  /** Where the function returns it, from the asking file (`./store.ts:3`). */
  where: string;
}

/** What the targets ask of the project (see `ProjectView`). */
export interface PlaceView {
  exportsCollection(specifier: string, name: string): boolean;
  returnedPlace?(specifier: string, key: string): ReturnedPlace | null;
  resolves?(specifier: string): boolean;
  exportMaker?(specifier: string, key: string): string | null;
}

function code(text: string): string {
  return `\`${text}\``;
}

/** The module-scope name a target starts from (`cache` of `cache.db`), as `allow` options list them. */
export function targetRootName(target: Target): string {
  return target.label.split(/[.[\s(']/)[0].replace(/`/g, "");
}

/** One key per statement and module place: several leaves of one destructuring into one object are one finding. */
export function statementKey(store: { node: Node; target: Target }): string {
  return `${store.node.range[0]}:${targetRootName(store.target)}`;
}

/** The name of a module-level object literal (`export const store = { … }`), if it is one. */
export function moduleLevelObjectName(obj: Node): string | null {
  let n: Node = obj;
  while (n.parent && n.parent.type.startsWith("TS")) n = n.parent;
  const decl = n.parent;
  if (decl?.type === "ExportDefaultDeclaration") return "default";
  // An object nested in one (`services.mail` of `const services = { mail: { … } }`).
  if (decl?.type === "Property" && decl.value === n && decl.parent?.type === "ObjectExpression") {
    const key = decl.computed ? null : propertyName(decl);
    const outer = key === null ? null : moduleLevelObjectName(decl.parent as Node);
    return outer && outer !== "default" ? `${outer}.${key}` : null;
  }
  if (decl?.type !== "VariableDeclarator" || decl.id.type !== "Identifier") return null;
  const stmt = decl.parent?.parent;
  if (stmt?.type === "Program" || (stmt?.type === "ExportNamedDeclaration" && stmt.parent?.type === "Program")) return decl.id.name;
  return null;
}

/** `new Map()`, `[]`, `Array.from(…)`: an in-memory collection. */
function isCollectionExpression(v: Node): boolean {
  if (v.type === "ArrayExpression") return true;
  if (v.type === "NewExpression") return v.callee.type === "Identifier" && COLLECTION_CONSTRUCTORS.has(v.callee.name);
  if (v.type === "CallExpression") {
    const callee = unwrap(v.callee);
    return callee.type === "MemberExpression" && unwrap(callee.object).type === "Identifier" && (unwrap(callee.object) as TSESTree.Identifier).name === "Array";
  }
  return false;
}

/** A new collection: `new Set()`, `[]`, `Array.from(…)`, an empty `{}`. */
export function isFreshCollection(expr: Node): boolean {
  const e = unwrap(expr);
  return isCollectionExpression(e) || (e.type === "ObjectExpression" && e.properties.length === 0);
}

/** Writes that put a value in a local: `x = …`, and the guarded `x ??= …`, `x ||= …`. */
const FILLING_WRITES: ReadonlySet<string> = new Set(["=", "??=", "||="]);

export class Targets {
  /** Methods whose every call of the file is on an instance its caller makes (see {@link calledOnOwnInstances}). */
  private readonly ownInstanceMethods = new Map<Node, FunctionNode | null>();
  /** Per class, the module-scope instance its methods' `this` is (see {@link instancePlace}). */
  private readonly instancePlaces = new Map<Node, Target | null>();
  constructor(
    private readonly sourceCode: Readonly<SourceCode>,
    private readonly facts: FileFacts,
    private readonly scopes: Scopes,
    private readonly functions: Functions,
    private readonly entry: EntryPoints,
    /** Whether an import of the project names an in-memory collection (absent: no project). */
    private readonly project: PlaceView | null,
    /**
     * Classes whose instance methods a summary asks about for a caller's instance (`new Db().init(d1)`,
     * `db.init(d1)`): `this` there is that instance, a place only where the caller keeps it.
     */
    private readonly callerInstances: ReadonlySet<Node> | null = null,
  ) {}

  /** The module-scope place an expression designates, or null when it is local. */
  moduleTarget(expr: Node, depth = 0, assigned = false): Target | null {
    const e = unwrap(expr);
    if (depth > 8) return null;
    switch (e.type) {
      case "Identifier": {
        const v = this.scopes.variableOf(e);
        if (!v) return GLOBAL_OBJECTS.has(e.name) ? { label: code(e.name), kind: "global" } : null;
        if (isModuleLevel(v)) {
          // Writes onto the imported `env` are no-env-mutation's, not module stores; a live view of
          // the running request (rwsdk's `requestInfo.response.headers`) is that request's own.
          if (this.entry.isLiveEnv(v) || isLiveRequest(this.scopes.importOf(v))) return null;
          return { label: code(e.name), kind: "variable" };
        }
        const closed = this.factoryPlace(v, e) ?? this.handedPlace(v, depth);
        if (closed) return closed;
        // A local alias of module state: `const g = globalThis`, `const store = moduleCache`.
        const init = constantInit(v);
        const t = init ? this.moduleTarget(init, depth + 1) : this.elementOrFresh(v, depth);
        return t ? { label: t.label, kind: t.kind === "variable" ? "object" : t.kind } : null;
      }
      case "LogicalExpression":
        // `rooms.get(id) ?? new Set()`: the entry of module state, or a new collection put there.
        return (e.operator === "??" || e.operator === "||") && isFreshCollection(unwrap(e.right)) && !this.isWeakEntry(e.left) ? this.moduleTarget(e.left, depth + 1) : null;
      case "ThisExpression":
        return this.thisTarget(e);
      case "MemberExpression": {
        const object = unwrap(e.object);
        if (memberName(e) === "env" && this.scopes.isGlobalProcess(object)) {
          return { label: code("process.env"), kind: "global" };
        }
        const t = this.moduleTarget(object, depth + 1);
        // (A member as the object written into, not as the place an assignment replaces: `this.config.set(k, v)`, not `this.config = v`.)
        if (!t) return assigned ? null : object.type === "ThisExpression" ? this.fieldPlace(e, object, depth) : object.type === "Identifier" ? this.copiedMember(e, object, depth) : null;
        // Through a local that holds a module place (`const target = prefs()`): named by that place (`globalThis.__PREFS__[k]`).
        const [own, written] = [chainText(this.sourceCode, object), chainText(this.sourceCode, e)];
        const local = chainRoot(object);
        // (Each of the places a parameter is handed: `ENV[key]` or `ENV.USER_CONFIG[key]`.)
        const places = t.label.split(" or ");
        const via = local.type === "Identifier" && places.every((p) => /^`[^`\s]+`$/.test(p)) && t.label !== code(own) && written.startsWith(own) ? places.map((p) => p.slice(1, -1)) : null;
        const text = via ? via.map((v) => code(shortText(v + written.slice(own.length)))).join(" or ") : code(shortText(written));
        // `this.items` of instance `registry`: the message already says "module-scope".
        // (`this.current` of a static method: the class's own member, `Environments.current`.)
        const label = object.type === "ThisExpression" && t.owner ? code(shortText(t.owner + written.slice(own.length))) : object.type === "ThisExpression" ? `${text} of ${t.label.replace(/^module-scope /, "")}` : text;
        return { label: t.where ? `${label} (${t.where})` : label, kind: t.kind === "variable" ? "object" : t.kind, where: t.where };
      }
      case "AssignmentExpression":
        // `(globalThis.cache ??= new Map()).set(k, v)`: the object now at that place.
        return e.operator === "=" || e.operator === "??=" || e.operator === "||=" ? this.moduleTarget(e.left, depth + 1) : null;
      case "CallExpression": {
        // `cache.get(key).push(v)`: an element read from module state is module state; the
        // result of any other call (`readline.createInterface()`) is a new object.
        const callee = unwrap(e.callee);
        // (An entry of a WeakMap lives as long as its key, as the map's own entries do.)
        if (callee.type === "MemberExpression" && ELEMENT_READERS.has(memberName(callee) ?? "")) return this.isWeakEntry(e) ? null : this.moduleTarget(callee.object, depth + 1);
        // `getStore().client = …`: a function of the file whose every return is one module place,
        // or an imported one whose module says so.
        return this.returnedTarget(callee, depth) ?? this.importedPlace(e, callee);
      }
      default:
        return null;
    }
  }

  /**
   * A local written only with an entry of module state and with new collections: `let members =
   * rooms.get(id); if (!members) { members = new Set(); rooms.set(id, members); }`. What is put into
   * it is put into module state (the new collection is one when it is stored there, as is usual).
   */
  private elementOrFresh(variable: Variable, depth: number): Target | null {
    let found: Target | null = null;
    for (const w of assignedValues(variable, FILLING_WRITES) ?? []) {
      const e = unwrap(w);
      if (isFreshCollection(e)) continue;
      // An entry of a WeakMap lives as long as its key, as the map's own entries do.
      if (this.isWeakEntry(e)) return null;
      const t = this.moduleTarget(e, depth + 1);
      if (!t || (found && found.label !== t.label)) return null;
      found = t;
    }
    return found;
  }

  /** `registry.get(key)` of a `WeakMap`. */
  private isWeakEntry(expr: Node): boolean {
    const e = unwrap(expr);
    if (e.type !== "CallExpression") return false;
    const callee = unwrap(e.callee);
    return callee.type === "MemberExpression" && this.isWeakCollection(callee.object);
  }

  /**
   * The module place a function of the file returns on every path (`function getStore() { return
   * store; }`, `const state = () => registry.current`), as its call designates it; null when some
   * return is anything else.
   */
  private returnedTarget(callee: Node, depth: number): Target | null {
    if (callee.type !== "Identifier") return null;
    const fn = this.functions.resolveFunction(callee);
    return fn ? this.returnedPlace(fn, depth) : null;
  }

  /** The module place a function returns on every path, with its first return; null when some return is anything else. */
  returnedPlace(fn: FunctionNode, depth = 0): (Target & { at: Node }) | null {
    const returns = this.facts.returns.get(fn);
    if (!returns || returns.length === 0) return null;
    let found: Target | null = null;
    for (const r of returns) {
      const t = this.moduleTarget(r, depth + 1) ?? this.keptAndReturned(r);
      if (!t || (found && found.label !== t.label)) return null;
      found = t;
    }
    return found && { label: found.label, kind: found.kind === "variable" ? "object" : found.kind, at: returns[0] };
  }

  /** A local the function also puts in a module variable (`const r = new Registry(); shared = r; return r;`): that variable. */
  private keptAndReturned(returned: Node): Target | null {
    const id = unwrap(returned);
    const holder = id.type === "Identifier" ? moduleHolder(this.scopes.variableOf(id)) : null;
    return holder && !this.scopes.importOf(holder) ? { label: code(holder.name), kind: "variable" } : null;
  }

  /**
   * `getStore()` of `import { getStore } from "./store"`, when the project says that function
   * returns a module place of its own module: that place, named by the call, with where it is.
   */
  private importedPlace(call: TSESTree.CallExpression, callee: Node): Target | null {
    if (callee.type !== "Identifier" || !this.project?.returnedPlace) return null;
    const info = this.scopes.importOfId(callee);
    if (!info || info.imported === "*") return null;
    const place = this.project.returnedPlace(info.source, info.imported);
    if (!place) return null;
    const where = `${place.target}, ${place.where}`;
    return { label: `${code(shortText(this.sourceCode.getText(call)))} (${where})`, kind: "object", where };
  }

  /**
   * A member of a global object patched in place (`console.log = …`), written: every request of
   * the isolate calls what is put there. (Only as a write: a call of it keeps nothing.)
   */
  patchedGlobal(left: Node): Target | null {
    const e = unwrap(left);
    const root = e.type === "MemberExpression" ? unwrap(e.object) : null;
    return root?.type === "Identifier" && PATCHED_GLOBALS.has(root.name) && this.scopes.isUnresolved(root) ? { label: code(shortText(chainText(this.sourceCode, e))), kind: "global" } : null;
  }

  /** A bare identifier assigned: a module variable, or an undeclared global. */
  identifierTarget(id: TSESTree.Identifier): Target | null {
    const v = this.scopes.variableOf(id);
    if (!v) return { label: code(id.name), kind: "global" };
    return isModuleLevel(v) ? { label: code(id.name), kind: "variable" } : this.factoryPlace(v, id);
  }

  /**
   * A parameter every call of the file hands one module place (`put(cache, k, v)` with `function
   * put(m, k, v) { m.set(k, v) }`, `cache` a module Map), or one of two places of one module object
   * (`merge(ENV, env)` and `merge(ENV.USER, env)`): those places, as the calls name them.
   */
  /**
   * The module place an assignment writes (`M.k = v`). The member of an object that is no place is
   * none, though the object it holds may be: `copy.k = v` writes a shallow copy, `copy.k.x = v` the
   * module's object it shares ({@link copiedMember}); `this.config = v` sets a field, `this.config.x =
   * v` writes what the field holds ({@link fieldPlace}).
   */
  assignedTarget(left: TSESTree.MemberExpression): Target | null {
    return this.moduleTarget(left, 0, true);
  }

  /**
   * `copy.k` of a local made as a shallow copy of module state (`const copy = { ...DEFAULTS }`): the
   * object at `DEFAULTS.k`, shared by every copy, when the literal has no `k` of its own.
   */
  private copiedMember(member: TSESTree.MemberExpression, local: TSESTree.Identifier, depth: number): Target | null {
    const key = memberName(member);
    const v = key === null ? null : this.scopes.variableOf(local);
    const init = v && !isModuleLevel(v) ? constantInit(v) : null;
    const literal = init ? unwrap(init) : null;
    if (literal?.type !== "ObjectExpression") return null;
    const spreads = literal.properties.filter((p): p is TSESTree.SpreadElement => p.type === "SpreadElement");
    if (spreads.length !== 1 || literal.properties.some((p) => p.type === "Property" && (p.computed || propertyName(p) === key))) return null;
    // (A copy given its own `k` later, `config.headers = new Headers(config.headers)`, holds that one.)
    if (v!.references.some((ref) => ref.identifier.parent?.type === "MemberExpression" && memberName(ref.identifier.parent) === key && isWrittenMember(ref.identifier.parent as Node))) return null;
    const from = this.moduleTarget(spreads[0].argument as Node, depth + 1);
    if (!from) return null;
    const label = /^`[^`\s]+`$/.test(from.label) ? code(shortText(`${from.label.slice(1, -1)}.${key}`)) : code(shortText(chainText(this.sourceCode, member)));
    return { label, kind: "object", where: from.where };
  }

  /**
   * `this.config` of an instance the file makes with a module place (`new Command(configValues)`,
   * the constructor keeping it as `this.config = config`): the field is that place, whatever the
   * instance's life. Every write of the field must give one place (a parameter property counts as
   * the write of its argument); a getter, or any other write, makes it the instance's own.
   */
  private fieldPlace(field: TSESTree.MemberExpression, self: TSESTree.ThisExpression, depth: number): Target | null {
    const inputs = this.fieldInputsOf(field, self);
    if (!inputs) return null;
    if (inputs.parameter) return this.handedPlace(inputs.parameter, depth + 1);
    let found: Target | null = null;
    for (const w of inputs.writes) {
      const t = this.moduleTarget(w, depth + 1);
      if (!t || (found && found.label !== t.label)) return null;
      found = t;
    }
    return found && { label: found.label, kind: found.kind === "variable" ? "object" : found.kind, where: found.where };
  }

  /** What gives a plain class's field its value: the constructor's parameter property (its variable), or the writes of it; null with a getter. */
  private fieldInputsOf(field: TSESTree.MemberExpression, self: TSESTree.ThisExpression): { parameter: Variable | null; writes: readonly Node[] } | null {
    const key = memberName(field);
    const owner = key === null ? null : this.functions.classOfThis(self);
    const info = owner && !owner.isStatic ? this.facts.classes.get(owner.cls) : undefined;
    if (!info || this.entry.classKind(owner!.cls) !== "plain") return null;
    const { writes, getter, parameter } = fieldInputs(info, key!, false);
    if (getter || (writes.length === 0) === !parameter) return null;
    if (!parameter) return { parameter: null, writes };
    const id = parameter.parameter.type === "AssignmentPattern" ? parameter.parameter.left : parameter.parameter;
    const v = id.type === "Identifier" ? this.scopes.declaredIn(parameter.parent as Node, id.name) : null;
    return v ? { parameter: v, writes: [] } : null;
  }

  /** What a field is given: the arguments its instances are made with (through a parameter kept there), or what is written to it. */
  private fieldGiven(field: TSESTree.MemberExpression): Node[] | null {
    const inputs = this.fieldInputsOf(field, unwrap(field.object) as TSESTree.ThisExpression);
    if (!inputs) return null;
    if (inputs.parameter) return this.functions.argumentsOf(inputs.parameter);
    const given: Node[] = [];
    for (const w of inputs.writes) {
      const v = unwrap(w).type === "Identifier" ? this.scopes.variableOf(unwrap(w)) : null;
      const handed = v ? this.functions.argumentsOf(v) : null;
      given.push(...(handed ?? [w]));
    }
    return given;
  }

  private handedPlace(variable: Variable, depth: number): Target | null {
    const found: Target[] = [];
    for (const arg of this.functions.argumentsOf(variable) ?? []) {
      const t = this.moduleTarget(arg, depth + 1);
      if (!t) return null;
      if (!found.some((f) => f.label === t.label)) found.push(t);
    }
    const root = (t: Target) => /^`([\w$]+)/.exec(t.label)?.[1];
    const one = found.length === 1 || (found.length === 2 && root(found[0]) !== undefined && root(found[0]) === root(found[1]));
    return one ? { label: found.map((f) => f.label).join(" or "), kind: found[0].kind === "variable" ? "object" : found[0].kind } : null;
  }

  /**
   * A variable of a factory whose result the module keeps (`entries` of `createCache`, with `const
   * cache = createCache()` at the top), written by a closure the factory made (`set(k, v) {
   * entries.set(k, v) }`): the closure of the module's call keeps it as long as the module lives.
   * Not a write in the factory's own body, which runs with each call's own arguments.
   */
  private factoryPlace(variable: Variable, at: Node): Target | null {
    const scope = variable.scope;
    if (scope.type !== "function" || !isFunction(scope.block as Node)) return null;
    const factory = scope.block as FunctionNode;
    // Most functions are no kept factory: that answer is remembered, and asked before any walk.
    const kept = this.functions.keptFactoryResult(factory);
    if (!kept) return null;
    let writer = at.parent;
    while (writer && !isFunction(writer)) writer = writer.parent;
    return writer && writer !== factory ? { label: `${code(variable.name)} (closed over by ${kept === "default" ? "the default export" : code(kept)})`, kind: "variable" } : null;
  }

  /** `this` that designates module state: a static method's class, a shared object literal, a module instance. */
  private thisTarget(node: TSESTree.ThisExpression): Target | null {
    const binder = this.facts.thisBinder.get(node);
    if (!binder) return null;
    const owner = this.functions.classOfThis(node);
    if (owner) {
      const cls = owner.cls as TSESTree.ClassDeclaration;
      const name = cls.id?.name ?? "the class";
      if (owner.isStatic) return { label: `class \`${name}\``, kind: "static", owner: name };
      if (owner.owner.type === "MethodDefinition" && owner.owner.kind === "constructor") return null;
      // Summarised for an instance a caller makes: `this` is that instance, not one of this module's.
      if (this.callerInstances?.has(cls)) return { label: CALLER_INSTANCE, kind: "caller-instance" };
      // (Asked once per class: every `this.x = …` of its methods is the same question.)
      if (!this.instancePlaces.has(cls)) this.instancePlaces.set(cls, this.instancePlace(cls, name));
      return this.instancePlaces.get(cls)!;
    }
    if (!isFunction(binder)) return null;
    const prop = binder.parent;
    if (prop?.type !== "Property" || prop.parent.type !== "ObjectExpression") return null;
    const obj = prop.parent;
    if (this.entry.sharedObjects.has(obj)) return { label: "the default export", kind: "shared-object" };
    const name = moduleLevelObjectName(obj);
    return name ? { label: `module-scope object \`${name}\``, kind: "shared-object" } : null;
  }

  /** The module-scope instance a class's instance methods write on through `this`, or null: see {@link thisTarget}. */
  private instancePlace(cls: TSESTree.ClassDeclaration, name: string): Target | null {
    const info = this.facts.classes.get(cls);
    // (The one instance a static member keeps, asked only when no module variable holds one.)
    const singleton = () => (this.functions.staticSingleton(cls) ? `${name}.${this.functions.staticSingleton(cls)!.key}` : undefined);
    const instance = info && (this.moduleInstanceOf(info) ?? this.subclassInstance(cls) ?? this.factoryInstance(cls) ?? singleton());
    if (instance && this.entry.classKind(cls) === "plain") {
      const label = instance === "default" ? "the default export" : `module-scope instance \`${instance}\``;
      return { label, kind: "module-instance" };
    }
    // (An instance a kept factory makes, closed over by what it returns: `const chunker = new Chunker(); return (r) => chunker.push(r)`.)
    const closed = info && this.entry.classKind(cls) === "plain" ? this.closedInstance(info.lazyInstances) : null;
    if (closed) return { label: closed, kind: "module-instance" };
    return null;
  }

  /**
   * The instance method `fn` when every call of the file to a method of its name is on an instance
   * the caller makes for itself (`const api = new Api(); api.setAuth(h)`, `new Api().setAuth(h)`)
   * and no other module's caller is followed into it: what those calls hand it stays with that
   * instance, though the class has one in module scope. Null otherwise.
   */
  calledOnOwnInstances(fn: Node | null): FunctionNode | null {
    if (!fn) return null;
    let own = this.ownInstanceMethods.get(fn);
    if (own === undefined) this.ownInstanceMethods.set(fn, (own = this.onOwnInstancesOnly(fn)));
    return own;
  }

  private onOwnInstancesOnly(fn: Node): FunctionNode | null {
    const method = fn.parent;
    if (method?.type !== "MethodDefinition" || method.static || method.kind !== "method" || this.entry.isSeeded(fn as FunctionNode)) return null;
    const name = propertyName(method);
    const cls = (method.parent.parent as TSESTree.ClassDeclaration).id?.name;
    if (name === null || !cls) return null;
    let calls = 0;
    for (const site of this.facts.calls) {
      const callee = unwrap((site.node as TSESTree.CallExpression).callee);
      if (callee.type !== "MemberExpression" || memberName(callee) !== name) continue;
      const receiver = unwrap(callee.object);
      const variable = receiver.type === "Identifier" ? this.scopes.variableOf(receiver) : null;
      const made = receiver.type === "NewExpression" ? receiver : variable && !isModuleLevel(variable) ? madeInstance(variable) : null;
      const ctor = made ? unwrap(made.callee) : null;
      if (ctor?.type !== "Identifier" || ctor.name !== cls) return null;
      calls++;
    }
    return calls > 0 ? (fn as FunctionNode) : null;
  }

  /** The module-scope instance of a class of the file: a module constant, or a variable filled lazily. */
  private moduleInstanceOf(info: { moduleInstances: readonly string[]; lazyInstances: readonly TSESTree.Identifier[] }): string | undefined {
    return info.moduleInstances[0] ?? this.lazyModuleInstance(info.lazyInstances);
  }

  /**
   * A module-level constant a factory of the file makes (`const router = createRouter()` with
   * `createRouter = () => new Router()`): the instance every request shares, as `new Router()` there.
   */
  private factoryInstance(cls: Node): string | undefined {
    const name = (cls as TSESTree.ClassDeclaration).id?.name;
    if (!name) return undefined;
    // Found once per file: the module-level constants given a call of a function of the file.
    if (!this.factoryMade) {
      this.factoryMade = new Map();
      for (const site of this.facts.declarators) {
        const decl = site.node as TSESTree.VariableDeclarator;
        const init = site.fn === null && decl.id.type === "Identifier" && decl.init ? unwrap(decl.init) : null;
        const factory = init?.type === "CallExpression" ? this.functions.resolveFunction(init.callee as Node) : null;
        const made = factory ? oneClassMade(this.facts.returns.get(factory) ?? []) : null;
        const cls = made?.callee.type === "Identifier" ? made.callee.name : null;
        if (cls && !this.factoryMade.has(cls)) this.factoryMade.set(cls, (decl.id as TSESTree.Identifier).name);
      }
    }
    return this.factoryMade.get(name);
  }
  /** Module-level constants a factory of the file makes, by the class of what it makes (see {@link factoryInstance}). */
  private factoryMade: Map<string, string> | null = null;

  /**
   * A module-scope instance of a class of the file built on `cls` (`export const users = new
   * UserRepo()` with `class UserRepo extends Base`): the methods it inherits write `this` of that instance.
   */
  private subclassInstance(cls: Node): string | undefined {
    for (const [sub, info] of this.facts.classes) {
      const instance = sub === cls ? undefined : this.moduleInstanceOf(info);
      if (instance && this.functions.classChain(sub).some((base) => base.node === cls)) return instance;
    }
    return undefined;
  }

  /** The instance a factory whose result the module keeps makes in a constant of its own, named with what keeps it; null for none. */
  private closedInstance(made: readonly TSESTree.Identifier[]): string | null {
    for (const id of made) {
      const variable = this.scopes.variableOf(id);
      const factory = variable && !isModuleLevel(variable) && variable.scope.type === "function" && isFunction(variable.scope.block as Node) ? (variable.scope.block as FunctionNode) : null;
      const kept = factory ? this.functions.keptFactoryResult(factory) : null;
      if (kept) return `instance \`${id.name}\` closed over by ${kept === "default" ? "the default export" : code(kept)}`;
    }
    return null;
  }

  /** The first module variable a function makes an instance in lazily (`db ??= new Db()`), if any. */
  private lazyModuleInstance(assigned: readonly TSESTree.Identifier[]): string | undefined {
    for (const id of assigned) {
      const variable = this.scopes.variableOf(id);
      if (variable && isModuleLevel(variable)) return id.name;
      const holder = variable && moduleHolder(variable);
      if (holder) return holder.name;
    }
    return undefined;
  }

  /**
   * Whether an expression names another module's own object (`import { repo } from "./repo"`, a
   * file of the project), not one a package made there (`new Hono()`, `mitt()`): its methods are
   * that module's code, which the summaries follow, so `repo.use(env.DB)` is no registration.
   */
  isProjectObject(expr: Node): boolean {
    const e = unwrap(expr);
    const variable = e.type === "Identifier" ? this.scopes.variableOf(e) : null;
    const info = this.scopes.importOf(variable);
    // A module instance this file makes of a class another module of the project exports
    // (`const i18n = new I18n()`, `repo ??= new Repo()`): that class's code is followed as well.
    if (!info) {
      const made = variable && madeInstance(variable);
      const callee = made ? unwrap(made.callee) : null;
      const cls = callee?.type === "Identifier" ? this.scopes.importOfId(callee) : null;
      return !!cls && cls.imported !== "*" && !!this.project?.resolves?.(cls.source);
    }
    if (info.imported === "*" || !this.project?.resolves?.(info.source)) return false;
    const maker = this.project.exportMaker?.(info.source, info.imported) ?? null;
    return maker === null || maker.startsWith(".");
  }

  /**
   * Whether the receiver of a `.set`/`.add`/`.push` may be an in-memory collection. Not when it is
   * known to be something else: an import from a package (a KV or Redis client), a module constant
   * built by another call (`createStorage()`, `new Redis()`), an object literal. An import of the
   * project counts when its module exports a collection of that name.
   */
  mayBeCollection(expr: Node, depth = 0): boolean {
    const e = unwrap(expr);
    // A field that holds what the instance is made with (see {@link fieldPlace}): what it is given.
    if (e.type === "MemberExpression" && unwrap(e.object).type === "ThisExpression" && depth < 3 && !this.thisTarget(unwrap(e.object) as TSESTree.ThisExpression)) {
      const given = this.fieldGiven(e);
      return !given || given.some((g) => this.mayBeCollection(g, depth + 1));
    }
    if (e.type !== "Identifier") return true;
    const variable = this.scopes.variableOf(e);
    if (!variable) return true;
    const info = this.scopes.importOf(variable);
    if (info) return info.imported !== "*" && !!this.project?.exportsCollection(info.source, info.imported);
    const values: Node[] = [];
    for (const def of variable.defs) if (def.type === "Variable" && def.node.init) values.push(def.node.init);
    for (const ref of variable.references) if (ref.isWrite() && !ref.init && ref.writeExpr) values.push(ref.writeExpr as Node);
    const known = values.map(unwrap).filter((v) => !isNullish(v));
    return (
      known.length === 0 ||
      known.some(
        (v) =>
          isCollectionExpression(v) ||
          this.isInMemoryCache(v) ||
          (v.type !== "CallExpression" && v.type !== "NewExpression" && v.type !== "ObjectExpression") ||
          // An element read from module state (`const list = groups.get(k)!`): a collection kept there.
          // (A function of the file that returns a module variable, `getRedisClient()`: what that variable holds.)
          (v.type === "CallExpression" && this.moduleTarget(v) !== null && !this.returnsNoCollection(v, depth)),
      )
    );
  }

  /** Whether a call of a function of the file gives only variables that hold no collection (`return redis` of `redis = new Redis(url)`). */
  private returnsNoCollection(call: TSESTree.CallExpression, depth: number): boolean {
    const fn = depth < 3 ? this.functions.resolveFunction(unwrap(call.callee)) : null;
    const returns = fn ? this.facts.returns.get(fn) : undefined;
    return !!returns && returns.length > 0 && returns.every((r) => unwrap(r).type === "Identifier" && !this.mayBeCollection(r, depth + 1));
  }

  /** `new LRUCache({ max })`, `lru(100)`: an instance of a package's in-memory cache. */
  private isInMemoryCache(v: Node): boolean {
    if (v.type !== "NewExpression" && v.type !== "CallExpression") return false;
    const callee = unwrap(v.callee);
    const info = callee.type === "Identifier" ? this.scopes.importOfId(callee) : null;
    return !!info && !!IN_MEMORY_CACHES.get(info.source)?.has(info.imported);
  }

  /** Whether an expression holds a `new WeakMap()` / `new WeakSet()` created in this file. */
  isWeakCollection(expr: Node): boolean {
    const e = unwrap(expr);
    let init: Node | null | undefined = null;
    if (e.type === "Identifier") {
      const def = this.scopes.variableOf(e)?.defs[0];
      // (Or declared so, however it is filled: `const store: WeakMap<Ctx, Cache> = g[KEY] ?? make()`.)
      let type = def?.type === "Variable" && def.node.id.type === "Identifier" ? def.node.id.typeAnnotation?.typeAnnotation : undefined;
      // (Also through a type alias of the module: `type CacheStore = WeakMap<Ctx, Cache>`.)
      const named = type?.type === "TSTypeReference" && type.typeName.type === "Identifier" ? type.typeName.name : null;
      if (named && !WEAK_COLLECTIONS.has(named)) type = (this.entry.typeAliases().get(named) as typeof type) ?? type;
      if (type?.type === "TSTypeReference" && type.typeName.type === "Identifier" && WEAK_COLLECTIONS.has(type.typeName.name)) return true;
      if (def?.type === "Variable") init = def.node.init;
    } else if (e.type === "MemberExpression" && unwrap(e.object).type === "ThisExpression") {
      const owner = this.functions.classOfThis(unwrap(e.object) as TSESTree.ThisExpression);
      const info = owner && this.facts.classes.get(owner.cls);
      const name = memberName(e);
      if (info && name) init = (owner.isStatic ? info.staticWrites : info.fieldWrites).get(name)?.[0];
    } else if (e.type === "AssignmentExpression") {
      init = e.right;
    }
    if (!init) return false;
    const n = unwrap(init);
    return n.type === "NewExpression" && n.callee.type === "Identifier" && WEAK_COLLECTIONS.has(n.callee.name);
  }
}

/** Packages whose functions make a fresh random id (`nanoid()`, `v4()` of `uuid`, `createId()`, `ulid()`). */
const FRESH_ID_PACKAGES: ReadonlySet<string> = new Set(["nanoid", "uuid", "@paralleldrive/cuid2", "ulid", "ulidx"]);
/** Uses of a collection that reach one entry by its key, or none. */
const BY_KEY: ReadonlySet<string> = new Set(["get", "set", "has", "delete", "add", "size", "clear"]);

/**
 * Whether a collection store (`store`, the call) keeps its entry under an id made fresh for it
 * (`sessions.set(crypto.randomUUID(), v)`), in a collection of the module that is only ever reached
 * by key: no other request finds that entry. A collection read out whole (`for (const ws of
 * sockets.values())`, a spread, handed on, exported) hands every entry to whoever reads it.
 */
export function freshEntry(scopes: Scopes, sourceCode: Readonly<SourceCode>, store: Node, keyNode: Node | undefined): boolean {
  const key = keyNode ? unwrap(keyNode) : null;
  const local = key?.type === "Identifier" ? scopes.variableOf(key) : null;
  const fresh = !!key && freshId(scopes, sourceCode, ((local && !isModuleLevel(local) ? constantInit(local) : key) ?? key) as Node);
  if (!fresh) return false;
  const target = store.type === "CallExpression" ? unwrap(store.callee) : null;
  const object = target?.type === "MemberExpression" ? unwrap(target.object) : null;
  const variable = object?.type === "Identifier" ? scopes.variableOf(object) : null;
  if (!variable || !isModuleLevel(variable)) return true;
  if (variable.defs[0]?.node.parent?.parent?.type === "ExportNamedDeclaration") return false;
  return variable.references.every((ref) => {
    if (ref.init) return true;
    const use = ref.identifier.parent;
    const name = use?.type === "MemberExpression" && use.object === ref.identifier ? memberName(use) : null;
    return (name !== null && BY_KEY.has(name)) || expirySweep(scopes, ref.identifier, variable);
  });
}

/** Methods that make text of text (`.toString(36)`, `.slice(2)`): what they give is as fresh as what they are called on. */
const TEXT_METHODS: ReadonlySet<string> = new Set(["toString", "slice", "substring", "substr", "replace", "replaceAll", "padStart", "padEnd", "toUpperCase", "toLowerCase"]);

/**
 * An id made fresh where it is made: `crypto.randomUUID()`, random bytes (`randomBytes(32)` of
 * `node:crypto`), a package's id (`nanoid()`), `Math.random()`, also spelled as text
 * (`.toString(36).slice(2)`) or as a part of text (`` `${name}_${crypto.randomUUID()}` ``, `"job-" + nanoid()`).
 */
function freshId(scopes: Scopes, sourceCode: Readonly<SourceCode>, expr: Node, depth = 0): boolean {
  let e = unwrap(expr);
  if (depth > 4) return false;
  if (e.type === "TemplateLiteral") return e.expressions.some((part) => freshId(scopes, sourceCode, part as Node, depth + 1));
  if (e.type === "BinaryExpression" && e.operator === "+") return freshId(scopes, sourceCode, e.left as Node, depth + 1) || freshId(scopes, sourceCode, e.right as Node, depth + 1);
  while (e.type === "CallExpression" && e.callee.type === "MemberExpression" && TEXT_METHODS.has(memberName(e.callee) ?? "")) e = unwrap(e.callee.object);
  const callee = e.type === "CallExpression" ? unwrap(e.callee) : null;
  if (callee?.type === "MemberExpression") {
    const [owner, name] = [sourceCode.getText(unwrap(callee.object)), memberName(callee)];
    return (owner === "crypto" && (name === "randomUUID" || name === "randomBytes")) || (owner === "Math" && name === "random");
  }
  if (callee?.type !== "Identifier") return false;
  const info = scopes.importOfId(callee);
  return FRESH_ID_PACKAGES.has(info?.source ?? "") || ((info?.imported === "randomBytes" || info?.imported === "randomUUID") && (info.source === "node:crypto" || info.source === "crypto"));
}

const COMPARISONS: ReadonlySet<string> = new Set(["<", "<=", ">", ">=", "===", "!==", "==", "!="]);
const ITERATORS: ReadonlySet<string> = new Set(["entries", "values", "keys"]);

/**
 * A loop over a collection that only sweeps it (`for (const [k, v] of codes) if (v.expiresAt <= now)
 * codes.delete(k)`): its variables are only compared (or their members are) and handed to the
 * collection's `delete`. It hands no entry to anyone.
 */
function expirySweep(scopes: Scopes, ref: Node, collection: Variable): boolean {
  let iterated: Node = ref;
  const use = ref.parent as Node | undefined;
  if (use?.type === "MemberExpression" && use.object === ref && ITERATORS.has(memberName(use) ?? "") && use.parent?.type === "CallExpression" && use.parent.callee === use) iterated = use.parent as Node;
  const loop = iterated.parent;
  if (loop?.type !== "ForOfStatement" || loop.right !== iterated || loop.left.type !== "VariableDeclaration") return false;
  const declared = loop.left.declarations.flatMap((d) => scopes.declaredBy(d));
  return declared.length > 0 && declared.every((v) => v.references.every((r) => {
    if (r.init) return true;
    let n = r.identifier as Node;
    if (n.parent?.type === "MemberExpression" && n.parent.object === n) n = n.parent as Node;
    const p = n.parent;
    if (p?.type === "BinaryExpression" && COMPARISONS.has(p.operator)) return true;
    const callee = p?.type === "CallExpression" && p.arguments[0] === n ? unwrap(p.callee) : null;
    return callee?.type === "MemberExpression" && memberName(callee) === "delete" && unwrap(callee.object).type === "Identifier" && scopes.variableOf(unwrap(callee.object) as TSESTree.Identifier) === collection;
  }));
}
