/**
 * Reads of one binding off the env object: `env.X`, `this.env.X`, `c.env.X`, `env["X"]`,
 * `const { X } = env`, from any env source the entry points know. Found from the references of the
 * file's variables (and its `this` expressions and globals), each climbed through the members of
 * a context that holds env (`c.env`, `locals.runtime.env`) until the env object itself.
 *
 * Each read says whether it tests for the binding's absence (`env.X ?? d`, `if (env.X)`,
 * `env.X?.y`, `typeof env.X`); names tested anywhere in the file (also `"X" in env`) are listed.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { callParams, chainLabel, isFunction, isNullish, isPlainDataType, isWrittenMember, keyName, memberName, outermost, paramAnnotation, unwrap, unwrapPattern } from "./ast";
import { fieldInputs, type FileFacts } from "./collect";
import { constantInit, parameterOf, type ImportInfo, type Reference, type Scopes, type Variable } from "./scope";
import type { EntryPoints } from "./entry-points";
import type { Functions } from "./functions";
import { ACCESSOR_SOURCES, ENV_GETTER_STEP, isProcessModule, WORKERS_INSTANCE_ENV, WORKERS_INSTANCE_IO } from "./sources";
import type { Settings } from "../settings";
import type { Trace } from "./trace";
import type { FunctionNode, Node, Val } from "./values";

export interface EnvRead {
  /** Where to report: the member expression, or the destructuring property. */
  node: Node;
  name: string;
  /** The read as a message names it: `env.BUCKET`, `c.env.BUCKET`. */
  origin: string;
}

export interface EnvReads {
  reads: EnvRead[];
  /** Names whose absence the file tests somewhere, or that it writes onto env. */
  tested: Set<string>;
}

/** Members every object has: reading them is not reading a binding. */
const OBJECT_MEMBERS = new Set(["hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toString", "toLocaleString", "valueOf", "constructor", "__proto__"]);
/** Calls that test a name on an object: `Object.hasOwn(env, "X")`, `Reflect.has(env, "X")`. */
const PRESENCE_TESTS = new Set(["hasOwn", "has", "hasOwnProperty", "call"]);
/** Containers are climbed this many members deep to reach env (`context.cloudflare.env`). */
const MAX_CLIMB = 6;
/**
 * Members that lead to env in the contexts the sources know (`c.env`, `locals.runtime.env`,
 * `context.cloudflare.env`): a chain that names only these and wanted-free names reads nothing of
 * interest. (A binding named `env` itself is not looked for.)
 */
const CONTEXT_STEPS = new Set(["env", "cloudflare", "runtime", "platform", "locals", "context", "ctx", "var", "event"]);

/**
 * Whether the expression chain starting at `id` names a wanted binding within the climb: a member
 * (`c.env.X`), through accessor calls and `await`, or a destructured key (`const { X } = env`).
 */
function mayNameWanted(id: Node, wanted: (name: string) => boolean): boolean {
  let outer = outermost(id);
  for (let i = 0; i <= MAX_CLIMB; i++) {
    const p = outer.parent;
    if (!p) return false;
    if (p.type === "MemberExpression" && p.object === outer) {
      const name = memberName(p);
      // (A key that may run over a list of names tested for absence: `required.filter((key) => !env[key])`.)
      if (name === null) return p.computed && p.property.type === "Identifier" && testsPresence(p);
      if (!CONTEXT_STEPS.has(name) && !OBJECT_MEMBERS.has(name) && wanted(name)) return true;
    } else if (p.type === "BinaryExpression") {
      // `"X" in env`: a test that keeps a read of `X` elsewhere from being reported.
      const key = p.operator === "in" && p.right === outer ? keyName(p.left as Node, true) : null;
      return key !== null && wanted(key);
    } else if (p.type === "CallExpression" && p.callee !== outer) {
      // `Object.hasOwn(env, "X")`, `Reflect.has(env, "X")`, `Object.assign(env, { X })`.
      if (p.arguments[0] !== outer) return false;
      const key = p.arguments[1] ? keyName(p.arguments[1] as Node, true) : null;
      return (key !== null && wanted(key)) || p.arguments.slice(1).some((a) => objectKeys(a as Node).some(wanted));
    } else if (!(p.type === "CallExpression" || p.type === "AwaitExpression")) {
      const pattern = destructuring(p, outer);
      if (pattern?.type !== "ObjectPattern") return false;
      return pattern.properties.some((prop) => {
        if (prop.type !== "Property") return false;
        const name = keyName(prop.key, prop.computed);
        return name !== null && wanted(name);
      });
    }
    outer = outermost(p);
  }
  return false;
}

/** The keys an object literal writes out (`{ tenant, "x-y": 1 }`); none for anything else. */
function objectKeys(node: Node): string[] {
  const e = unwrap(node);
  if (e.type !== "ObjectExpression") return [];
  const out: string[] = [];
  for (const prop of e.properties) {
    const name = prop.type === "Property" ? keyName(prop.key, prop.computed) : null;
    if (name !== null) out.push(name);
  }
  return out;
}

/** The pattern `outer` is destructured by, as `p` holds it (`const { X } = env`, `({ X } = env)`), or null. */
function destructuring(p: Node, outer: Node): Node | null {
  if (p.type === "VariableDeclarator" && p.init === outer) return p.id;
  if (p.type === "AssignmentExpression" && p.right === outer) return p.left;
  // `for (const { X } of [env])`: the loop's pattern takes each element of the list apart.
  const loop = p.parent;
  if (p.type === "ArrayExpression" && loop?.type === "ForOfStatement" && loop.right === p) {
    return loop.left.type === "VariableDeclaration" ? (loop.left.declarations[0]?.id ?? null) : loop.left;
  }
  return null;
}

function isEnvObject(v: Val): boolean {
  const env = v.env;
  // `process.env` is read by bundlers and Node scripts as well: not this question's. A parameter
  // taken for env by its name alone may be any object named so (a Node script's environment).
  return !!env && env.envPath?.length === 0 && !env.origin.startsWith("process.env") && !env.byName;
}

const NUMBER_PARSERS: ReadonlySet<string> = new Set(["parseInt", "parseFloat", "Number"]);

/** Whether a read of a binding is a test of its presence, or a value with a fallback. */
export function testsPresence(read: Node): boolean {
  let n = read;
  for (let i = 0; i < 8; i++) {
    const p = n.parent;
    if (!p) return false;
    switch (p.type) {
      case "ChainExpression":
      case "TSNonNullExpression":
      case "TSAsExpression":
        n = p;
        continue;
      case "MemberExpression":
        return p.object === n && p.optional;
      case "CallExpression": {
        const callee = unwrap(p.callee);
        const name = callee.type === "Identifier" ? callee.name : null;
        // (A number parsed from it with a fallback, `parseInt(env.LIMIT) || 10`: tested as the parse.)
        if (name !== null && NUMBER_PARSERS.has(name) && p.arguments[0] === n) {
          n = p;
          continue;
        }
        return p.callee === n ? p.optional : name === "Boolean";
      }
      case "LogicalExpression":
        if (p.left === n) return true;
        // `env.DB || env.mailer`: a fallback behind another member of the same env, the code takes either name.
        if (p.operator !== "&&" && p.right === n && read.type === "MemberExpression" && sameObject(unwrap(p.left as Node), read.object as Node)) return true;
        n = p;
        continue;
      case "UnaryExpression":
        return p.operator === "!" || p.operator === "typeof";
      case "BinaryExpression": {
        const other = unwrap((p.left === n ? p.right : p.left) as Node);
        // (Or to a flag's "off" spelling, `env.MODERATION !== "false"`: on by default, absent or not.)
        return ["===", "!==", "==", "!="].includes(p.operator) && (isNullish(other) || (other.type === "Literal" && typeof other.value === "string" && OFF_WORDS.has(other.value.toLowerCase())));
      }
      case "IfStatement":
      case "WhileStatement":
      case "DoWhileStatement":
      case "ForStatement":
      case "ConditionalExpression":
        return p.test === n;
      case "AssignmentExpression":
        return p.left === n && p.operator !== "=";
      default:
        return false;
    }
  }
  return false;
}

/** How a flag that is on by default is turned off: compared to one of these, an absent var is "on". */
const OFF_WORDS: ReadonlySet<string> = new Set(["false", "0", "off", "no", "disabled"]);

/** Whether a function tests parameter `index` for absence (`if (!tokens) return true`) or gives it a default (`rate = "1"`). */
export function testsParam(scopes: Scopes, fn: FunctionNode, index: number): boolean {
  const param = callParams(fn)[index];
  if (param?.type === "AssignmentPattern") return true;
  const variable = param?.type === "Identifier" ? scopes.declaredBy(fn).find((v) => v.name === param.name) : undefined;
  return !!variable?.references.some((ref) => !ref.init && testsPresence(ref.identifier as Node));
}

/** Whether `left` is a member of the object `object` names again (`env` of `env.DB`, `this.env` of `this.env.A`). */
function sameObject(left: Node, object: Node): boolean {
  if (left.type !== "MemberExpression") return false;
  const a = unwrap(left.object as Node);
  const b = unwrap(object);
  if (a.type === "Identifier" || b.type === "Identifier") return a.type === b.type && (a as TSESTree.Identifier).name === (b as TSESTree.Identifier).name;
  if (a.type === "ThisExpression" || b.type === "ThisExpression") return a.type === b.type;
  return a.type === "MemberExpression" && b.type === "MemberExpression" && memberName(a) !== null && memberName(a) === memberName(b) && sameObject(a, b.object as Node);
}

/**
 * Whether an identifier stands where a read of a binding, or a climb towards one, can start: the
 * object of a member, a call's callee or first argument, the value of a destructuring, the right
 * side of `in`. Every other use (an argument passed on, a returned value) is skipped untraced.
 */
function mayLeadToRead(id: Node, accessor: boolean): boolean {
  const outer = outermost(id);
  const p = outer.parent;
  if (!p) return false;
  switch (p.type) {
    case "MemberExpression": {
      if (p.object !== outer) return false;
      // `x.map(…)`, `console.log(…)`: a method called on it; no binding is read by a call.
      const member = outermost(p);
      return !(member.parent?.type === "CallExpression" && member.parent.callee === member);
    }
    case "CallExpression": {
      // An accessor's call (`getCloudflareContext().env`), or a test of a name on env.
      if (p.callee === outer) return accessor;
      const callee = unwrap(p.callee);
      const name = callee.type === "MemberExpression" ? memberName(callee) : callee.type === "Identifier" ? callee.name : null;
      return p.arguments[0] === outer && p.arguments.length > 1 && (PRESENCE_TESTS.has(name ?? "") || name === "assign");
    }
    case "VariableDeclarator":
    case "AssignmentExpression":
    case "ArrayExpression":
      return destructuring(p, outer)?.type === "ObjectPattern";
    case "BinaryExpression":
      return p.operator === "in" && p.right === outer;
    default:
      return false;
  }
}


/**
 * Which variables can hold env or a context around it, by their definitions alone: a parameter
 * something can reach (a source that is env or a context, a callback method's receiver, or an
 * argument of the file's calls that can hold one), an import of the live `env`, its namespace or
 * an accessor, a variable written after its declaration, and one initialised from any of these (or
 * from `this`, or a global), through members, accessor calls and `await`. A variable initialised
 * with a literal, a function, a class, `new`, a tagged template or a method's result cannot, nor
 * can a caught error, and their references are not traced.
 */
export interface EnvHolders {
  /** Whether a variable can hold env, a binding of it, or a context around it. */
  variable(variable: Variable): boolean;
  /** Whether an expression can: its value comes from such a variable, `this`, a global or an accessor. */
  expression(expr: Node): boolean;
}

export function envHolders(facts: FileFacts, scopes: Scopes, functions: Functions, trace: Trace, entry: EntryPoints, settings: Settings): EnvHolders {
  const returns = facts.returns;
  const userAccessors = callAccessors(settings);
  const memo = new Map<Variable, boolean>();
  // An import holds env only as the live `env`, a namespace around it, or an accessor to call.
  // (`import process from "node:process"`: its `env` where `process.env` is a source.)
  const importHolds = (info: ImportInfo | null, name: string) =>
    !info || userAccessors.has(name) || entry.importsEnv(info) || (settings.processEnv === true && isProcessModule(info.source));
  const fromExpression = (expr: Node | null | undefined, depth: number): boolean => {
    if (!expr || depth > 20) return true;
    const e = unwrap(expr);
    switch (e.type) {
      case "Identifier": {
        const v = scopes.variableOf(e);
        return v ? holds(v, depth + 1) : true;
      }
      case "ThisExpression":
        return thisHolds(e);
      case "MetaProperty":
        return true;
      case "MemberExpression": {
        const object = unwrap(e.object);
        return object.type === "ThisExpression" ? thisMemberHolds(e, object, depth) : fromExpression(object, depth + 1);
      }
      case "CallExpression": {
        const callee = unwrap(e.callee);
        // A method's result (`c.req.json()`, `env.DB.prepare()`) is data or a client, never env.
        if (callee.type === "MemberExpression") return false;
        // An immediately invoked function, a computed callee: the trace follows what it returns.
        if (callee.type !== "Identifier") return true;
        const v = scopes.variableOf(callee);
        // A global holds env only as a declared accessor.
        if (!v) return userAccessors.has(callee.name);
        // A call of an imported function holds env only when it is an accessor.
        const info = scopes.importOf(v);
        if (info) return ACCESSOR_SOURCES.has(info.source) || userAccessors.has(callee.name);
        // A function of the file (`const e = same(env)`): what it returns, with what its callers pass.
        const fn = trace.localFunction(callee);
        return !fn || (returns.get(fn) ?? []).some((r) => fromExpression(r, depth + 1));
      }
      case "AwaitExpression":
      case "ChainExpression":
        return fromExpression(e.type === "AwaitExpression" ? e.argument : e.expression, depth + 1);
      case "LogicalExpression":
        return fromExpression(e.left, depth + 1) || fromExpression(e.right, depth + 1);
      case "ConditionalExpression":
        return fromExpression(e.consequent, depth + 1) || fromExpression(e.alternate, depth + 1);
      case "SequenceExpression":
        return fromExpression(e.expressions[e.expressions.length - 1], depth + 1);
      case "ObjectExpression":
        return e.properties.some((p) => (p.type === "SpreadElement" ? fromExpression(p.argument, depth + 1) : fromExpression(p.value as Node, depth + 1)));
      // A list of envs or contexts (`[env]`, looped over or handed on): what its elements hold.
      case "ArrayExpression":
        return e.elements.some((el) => !!el && fromExpression(el.type === "SpreadElement" ? el.argument : el, depth + 1));
      case "Literal":
      case "TemplateLiteral":
      case "TaggedTemplateExpression":
      case "ArrowFunctionExpression":
      case "FunctionExpression":
      case "ClassExpression":
      case "NewExpression":
      case "BinaryExpression":
      case "UnaryExpression":
      case "UpdateExpression":
      case "JSXElement":
      case "JSXFragment":
        return false;
      default:
        return true;
    }
  };
  // `this` as the trace values it: a Workers class's instance is a context around env (`this.env`);
  // any other `this` holds nothing of itself, only what its class puts in its fields.
  const thisHolds = (self: TSESTree.ThisExpression): boolean => {
    const owner = functions.classOfThis(self);
    return !!owner && !owner.isStatic && entry.classKind(owner.cls) === "workers";
  };
  const fields = new Map<Node, Map<string, boolean>>();
  /** `this.x`: `this.env` of a Workers class, or what gives the field its value (a getter or a parameter property may hold anything). */
  const thisMemberHolds = (member: TSESTree.MemberExpression, self: TSESTree.ThisExpression, depth: number): boolean => {
    const owner = functions.classOfThis(self);
    const key = memberName(member);
    const info = owner && facts.classes.get(owner.cls);
    if (!owner || !info || key === null) return false;
    if (!owner.isStatic && entry.classKind(owner.cls) === "workers") {
      if (key === WORKERS_INSTANCE_ENV) return true;
      if (WORKERS_INSTANCE_IO.has(key)) return false;
    }
    // Once per field: a field written from itself (`this.x = this.x ?? y`) is a cycle, taken as may.
    let ofClass = fields.get(owner.cls);
    if (!ofClass) fields.set(owner.cls, (ofClass = new Map()));
    const field = `${owner.isStatic ? "static " : ""}${key}`;
    const known = ofClass.get(field);
    if (known !== undefined) return known;
    ofClass.set(field, true);
    const { writes, getter, parameter } = fieldInputs(info, key, owner.isStatic);
    const result = !!getter || !!parameter || writes.some((write) => fromExpression(write, depth + 1));
    ofClass.set(field, result);
    return result;
  };
  const holds = (variable: Variable, depth = 0): boolean => {
    const known = memo.get(variable);
    if (known !== undefined) return known;
    memo.set(variable, true); // a cycle: assume it may
    let result = true;
    const def = variable.defs[0];
    const writes = def && variable.defs.length === 1 ? variable.references.filter((r) => r.isWrite() && !r.init) : null;
    if (writes && writes.length > 0) {
      // Written after its declaration (`let x = …; x = …`): what each plain write puts there, when
      // every write is one; anything else may hold env.
      if (def.type === "Variable" && !inLoopHead(def.node as Node) && writes.every(isPlainWrite)) {
        result = (!!def.node.init && fromExpression(def.node.init as Node, depth)) || writes.some((w) => writeHolds(w, depth));
      }
    } else if (writes) {
      if (def.type === "FunctionName" || def.type === "ClassName" || def.type === "TSEnumName" || def.type === "Type") result = false;
      else if (def.type === "CatchClause") result = false;
      else if (def.type === "ImportBinding") result = importHolds(scopes.importOf(variable), variable.name);
      else if (def.type === "Parameter") {
        const param = parameterOf(variable);
        if (!param) result = true;
        // `id: string`, `items: string[]`: no env fits in it.
        else if (isPlainDataType(paramAnnotation(callParams(param.fn)[param.index] as Node))) result = false;
        else {
          // What can reach the parameter, as the trace sees it: a source that is env or a context
          // around it, the receiver of a callback method (`ctxPromise.then((c) => …)`), or what
          // the file's own calls pass.
          const { source, receiver, args } = trace.paramInputs(param.fn, param.index);
          result =
            (!!source && (!!source.env || !!source.containers?.length)) ||
            (receiver !== null && fromExpression(receiver, depth + 1)) ||
            args.some((arg) => fromExpression(arg, depth + 1));
        }
      }
      else if (def.type === "Variable" && def.node.init) result = fromExpression(def.node.init as Node, depth);
      else if (def.type === "Variable" && inLoopHead(def.node as Node)) result = loopHolds(def.node.parent!.parent as TSESTree.ForInStatement | TSESTree.ForOfStatement, depth);
    }
    memo.set(variable, result);
    return result;
  };
  /**
   * A loop's own variable: a `for … in` gives keys, a `for … of` what the iterated value holds (an
   * array literal: what its elements hold).
   */
  const loopHolds = (loop: TSESTree.ForInStatement | TSESTree.ForOfStatement, depth: number): boolean => {
    if (loop.type === "ForInStatement") return false;
    const iterated = unwrap(loop.right as Node);
    if (iterated.type === "ArrayExpression") return iterated.elements.some((e) => !!e && fromExpression((e.type === "SpreadElement" ? e.argument : e) as Node, depth + 1));
    return fromExpression(iterated, depth + 1);
  };
  /** What a plain write puts in the variable: the right side of `=`, `??=`, `||=`, `&&=`; a number or text for the others. */
  const writeHolds = (ref: Reference, depth: number): boolean => {
    const assignment = ref.identifier.parent as TSESTree.AssignmentExpression | TSESTree.UpdateExpression;
    if (assignment.type === "UpdateExpression") return false;
    return LOGICAL_OR_PLAIN.has(assignment.operator) && fromExpression(assignment.right as Node, depth + 1);
  };
  return { variable: (variable) => holds(variable), expression: (expr) => fromExpression(expr, 0) };
}

const LOGICAL_OR_PLAIN = new Set(["=", "??=", "||=", "&&="]);

/** A write that names the variable alone: `x = …`, `x += …`, `x++` (not a pattern or a loop head). */
function isPlainWrite(ref: Reference): boolean {
  const p = ref.identifier.parent;
  return (p?.type === "AssignmentExpression" && p.left === ref.identifier) || p?.type === "UpdateExpression";
}

/** A declarator of a `for … in` / `for … of` head: each turn writes it, with no initialiser. */
function inLoopHead(declarator: Node): boolean {
  const loop = declarator.parent?.parent;
  return loop?.type === "ForOfStatement" || loop?.type === "ForInStatement";
}

const callAccessorsMemo = new WeakMap<Settings, ReadonlySet<string>>();

/** Accessors whose call holds env, from the settings (`getEnv()`): one set per settings object. */
function callAccessors(settings: Settings): ReadonlySet<string> {
  let names = callAccessorsMemo.get(settings);
  if (!names) callAccessorsMemo.set(settings, (names = new Set(settings.envAccessors.filter((a) => a.call).map((a) => a.root))));
  return names;
}

/**
 * The file's reads of bindings. With `wanted`, a reference is traced only when the chain it starts
 * may read a wanted name ({@link mayNameWanted}): reads of other names may be left out, and so
 * may names tested for absence.
 */
export function envReads(
  facts: FileFacts,
  scopes: Scopes,
  trace: Trace,
  settings: Settings,
  holders: EnvHolders,
  entry: EntryPoints,
  wanted?: (name: string) => boolean,
  testedIn?: (call: TSESTree.CallExpression | TSESTree.NewExpression, index: number) => boolean,
): EnvReads {
  const reads: EnvRead[] = [];
  const tested = new Set<string>();
  const seen = new Set<Node>();

  const onEnv = (envNode: Node, origin: string) => {
    const outer = outermost(envNode);
    const p = outer.parent;
    if (!p) return;
    // `(env as { LOCAL_DEV?: string }).LOCAL_DEV`: the cast says what the author expects there. A
    // name written through a cast (`(env as any).tenant = t`) exists from then on.
    for (let n = envNode; n !== outer; n = n.parent!) {
      if (n.parent!.type !== "TSAsExpression" && n.parent!.type !== "TSTypeAssertion") continue;
      const name = p.type === "MemberExpression" && p.object === outer ? memberName(p) : null;
      if (name !== null && isWrittenMember(p)) tested.add(name);
      return;
    }
    if (p.type === "MemberExpression" && p.object === outer) {
      const name = memberName(p);
      // `required.filter((key) => !env[key])`, `for (const k of NEEDED) if (!env[k])`: each name of the constant list tested.
      if (name === null && p.computed && testsPresence(p)) for (const key of listedKeys(scopes, p.property as Node)) tested.add(key);
      if (name === null || OBJECT_MEMBERS.has(name) || seen.has(p)) return;
      seen.add(p);
      // A name the code itself puts on env (no-env-mutation's finding) exists from then on.
      if (isWrittenMember(p)) {
        tested.add(name);
        return;
      }
      if (testsPresence(p) || keptAndTested(p) || handedAndTested(p)) tested.add(name);
      else reads.push({ node: p, name, origin: `${origin}${p.computed ? `[${JSON.stringify(name)}]` : `.${name}`}` });
      return;
    }
    // `"X" in env`, `Object.hasOwn(env, "X")`, `Reflect.has(env, "X")`.
    if (p.type === "BinaryExpression" && p.operator === "in" && p.right === outer) {
      const key = keyName(p.left as Node, true);
      if (key !== null) tested.add(key);
      return;
    }
    if (p.type === "CallExpression" && p.arguments[0] === outer && p.arguments[1]) {
      const key = keyName(p.arguments[1] as Node, true);
      if (key !== null) tested.add(key);
      // `Object.assign(env, { tenant })`: the names it writes onto env exist from then on.
      for (const arg of p.arguments.slice(1)) for (const name of objectKeys(arg as Node)) tested.add(name);
      return;
    }
    // `const { X, Y: y } = env`, `({ X } = env)`.
    const pattern = destructuring(p, outer);
    if (pattern?.type !== "ObjectPattern") return;
    for (const prop of pattern.properties) {
      if (prop.type !== "Property" || seen.has(prop)) continue;
      const name = keyName(prop.key, prop.computed);
      if (name === null) continue;
      seen.add(prop);
      // `{ X = fallback }` gives a default: a test for absence.
      if (prop.value.type === "AssignmentPattern") tested.add(name);
      else reads.push({ node: prop.key, name, origin: `${origin}.${name}` });
    }
  };

  /** The names a pattern takes off env, as `const { X } = env` reads them (a default is a test). */
  const destructuredReads = (pattern: TSESTree.ObjectPattern) => {
    for (const prop of pattern.properties) {
      if (prop.type !== "Property" || seen.has(prop)) continue;
      const name = keyName(prop.key, prop.computed);
      if (name === null || (wanted && !wanted(name))) continue;
      seen.add(prop);
      if (prop.value.type === "AssignmentPattern") tested.add(name);
      else reads.push({ node: prop.key, name, origin: `env.${name}` });
    }
  };

  /** `const token = env.X; if (!token) …`: the copy is what the file tests. */
  const keptAndTested = (read: Node): boolean => {
    const outer = outermost(read);
    const decl = outer.parent;
    if (decl?.type !== "VariableDeclarator" || decl.init !== outer || decl.id.type !== "Identifier") return false;
    const variable = scopes.declaredBy(decl).find((v) => v.name === (decl.id as TSESTree.Identifier).name);
    return !!variable?.references.some((ref) => !ref.init && testsPresence(ref.identifier as Node));
  };

  /** `makeCheck(env.TOKENS)` of a function of the file (or, `testedIn`, of another module) that tests its parameter (`if (!tokens) return true`) or gives it a default. */
  const handedAndTested = (read: Node): boolean => {
    const outer = outermost(read);
    const call = outer.parent;
    if (call?.type !== "CallExpression" && call?.type !== "NewExpression") return false;
    const index = call.arguments.indexOf(outer as TSESTree.CallExpressionArgument);
    const fn = index >= 0 ? trace.localFunction(call.callee as Node) : null;
    return fn ? testsParam(scopes, fn, index) : index >= 0 && !!testedIn?.(call, index);
  };

  const onGetter = (member: TSESTree.MemberExpression) => {
    const call = member.parent;
    const key = call?.type === "CallExpression" && call.callee === member && call.arguments[0] ? keyName(unwrap(call.arguments[0] as Node), true) : null;
    if (key === null || seen.has(call as Node)) return;
    seen.add(call as Node);
    if (testsPresence(call as Node)) tested.add(key);
    else reads.push({ node: call as Node, name: key, origin: `${chainLabel(member) ?? "env.get"}(${JSON.stringify(key)})` });
  };

  /** Climbs from an expression through members of a context until env itself, or gives up. */
  /** `origin`: how a message names the env object when `start` itself is it (`this.bindings`), instead of where it came from. */
  const climb = (start: Node, accessor: boolean, first?: Val, origin?: string) => {
    let node = start;
    for (let i = 0; i < MAX_CLIMB; i++) {
      const v = i === 0 && first ? first : trace.concreteValue(node);
      if (isEnvObject(v)) return onEnv(node, (i === 0 && origin) || v.env!.origin);
      const outer = outermost(node);
      const p = outer.parent;
      // An imported or global accessor: its call holds env (`getCloudflareContext().env`).
      if (!v.containers?.length) {
        if (i === 0 && accessor && p?.type === "CallExpression" && p.callee === outer) {
          node = p;
          continue;
        }
        return;
      }
      if (p?.type === "MemberExpression" && p.object === outer) {
        // Only a member on the way to env is climbed (`c.env`, `this.env`), not `this.state`.
        const name = memberName(p);
        // Qwik City's getter (`requestEvent.env.get("KEY")`): a read of that name.
        if (name === "get" && v.containers.some((c) => c.envPaths.some((path) => path.length === 1 && path[0] === ENV_GETTER_STEP))) return onGetter(p);
        if (name === null || !v.containers.some((c) => c.envPaths.some((path) => path[0] === name))) return;
        node = p;
      } else if (p?.type === "CallExpression" && p.callee === outer) node = p;
      else if (p?.type === "AwaitExpression") node = p;
      else return;
    }
  };

  // Accessors whose call holds env: imports of the packages the tables know, and the settings' own.
  const userAccessors = callAccessors(settings);
  const worth = (id: Node) => !wanted || mayNameWanted(id, wanted);
  // Plain loops over the scope manager's arrays: this visits every reference of the file.
  for (const scope of scopes.scopes()) {
    for (const variable of scope.variables) {
      const refs = variable.references;
      if (refs.length === 0) continue;
      const info = scopes.importOf(variable);
      const accessor = (info !== null && ACCESSOR_SOURCES.has(info.source)) || userAccessors.has(variable.name);
      // The references that can start a read, before anything is traced: most variables have none.
      let starts: Node[] | null = null;
      for (const ref of refs) {
        const id = ref.identifier as Node;
        if (ref.isRead() && mayLeadToRead(id, accessor) && worth(id)) (starts ??= []).push(id);
      }
      if (starts === null || !holders.variable(variable) || castAway(variable)) continue;
      // One value per variable, not per reference: most are neither env nor a context around it.
      const value = trace.resolve(trace.variableValueAt(variable));
      if (!accessor && !isEnvObject(value) && !value.containers?.length) continue;
      for (const id of starts) climb(id, accessor, value);
    }
  }
  for (const ref of scopes.unresolvedReferences()) {
    const accessor = userAccessors.has(ref.identifier.name);
    if (mayLeadToRead(ref.identifier as Node, accessor) && worth(ref.identifier as Node)) climb(ref.identifier as Node, accessor);
  }
  // A source parameter destructured where it is declared: `fetch(request, { BUCKET }: Env)`, a
  // Pages Function's `({ env: { SESSIONS } })`.
  for (const scope of scopes.scopes()) {
    const fn = scope.block as Node;
    if (scope.type !== "function" || !isFunction(fn)) continue;
    callParams(fn).forEach((param, index) => {
      const pattern = unwrapPattern(param);
      if (pattern.type !== "ObjectPattern") return;
      const source = entry.sourceParams(fn).get(index);
      if (!source) return;
      if (isEnvObject(source)) destructuredReads(pattern);
      for (const path of source.containers?.flatMap((c) => c.envPaths) ?? []) {
        const inner = path.length === 1 ? propertyPattern(pattern, path[0]) : null;
        if (inner) destructuredReads(inner);
      }
    });
  }
  // `this` has one value per binder (method, constructor, field): traced once for all its uses.
  const thisValues = new Map<unknown, Val>();
  for (const [self, binder] of facts.thisBinder) {
    if (!worth(self)) continue;
    let value = thisValues.get(binder);
    if (!value) thisValues.set(binder, (value = trace.concreteValue(self)));
    if (isEnvObject(value) || value.containers?.length) {
      climb(self, false, value);
      continue;
    }
    // `this.bindings.X` where the class keeps env in a field (`this.bindings = env`): one value per
    // field and binder, traced only when what the class writes there can hold env.
    const field = outermost(self).parent;
    if (field?.type !== "MemberExpression" || field.object !== outermost(self) || !mayLeadToRead(field, false) || !holders.expression(field)) continue;
    // The trace keeps one value per field of a class: each read of it costs a lookup.
    const fieldValue = trace.concreteValue(field);
    if (isEnvObject(fieldValue) || fieldValue.containers?.length) climb(field, false, fieldValue, `this.${memberName(field)}`);
  }
  reads.sort((a, b) => a.node.range[0] - b.node.range[0]);
  return { reads, tested };
}

/**
 * A local given env cast to a type that admits any name (`const record = env as unknown as
 * Record<string, unknown>`, `<any>env`): the cast says any name may be there, as written in place.
 */
function castAway(variable: Variable): boolean {
  const def = variable.defs[0];
  const init = def?.type === "Variable" ? (def.node.init as Node | null) : null;
  return (init?.type === "TSAsExpression" || init?.type === "TSTypeAssertion") && admitsAnyName(init.typeAnnotation as Node);
}

/** `any`, `unknown`, `Record<string, …>` (also `Readonly<…>`), a literal with a string index signature. */
function admitsAnyName(type: Node): boolean {
  if (type.type === "TSAnyKeyword" || type.type === "TSUnknownKeyword") return true;
  if (type.type === "TSTypeLiteral") return type.members.some((m) => m.type === "TSIndexSignature");
  if (type.type !== "TSTypeReference" || type.typeName.type !== "Identifier") return false;
  const [first] = type.typeArguments?.params ?? [];
  if (type.typeName.name === "Readonly") return !!first && admitsAnyName(first as Node);
  return type.typeName.name === "Record" && first?.type === "TSStringKeyword";
}

/** The object pattern a pattern's property `key` is destructured into (`{ env: { DB } }`), if any. */
function propertyPattern(pattern: TSESTree.ObjectPattern, key: string): TSESTree.ObjectPattern | null {
  for (const prop of pattern.properties) {
    if (prop.type !== "Property" || keyName(prop.key, prop.computed) !== key) continue;
    const value = prop.value.type === "AssignmentPattern" ? prop.value.left : prop.value;
    return value.type === "ObjectPattern" ? value : null;
  }
  return null;
}

/** The names a key takes when it runs over a constant list of them: a callback's first parameter over it (`required.filter((key) => …)`), or a `for…of` variable. */
function listedKeys(scopes: Scopes, key: Node): string[] {
  const variable = unwrap(key).type === "Identifier" ? scopes.variableOf(unwrap(key)) : null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : null;
  let list: Node | null | undefined = null;
  if (def?.type === "Parameter" && isFunction(def.node as Node) && (def.node as FunctionNode).params[0] === def.name) {
    const call = (def.node as Node).parent;
    if (call?.type === "CallExpression" && call.arguments[0] === def.node && call.callee.type === "MemberExpression") list = call.callee.object as Node;
  } else if (def?.type === "Variable" && def.node.parent?.parent?.type === "ForOfStatement") list = def.node.parent.parent.right as Node;
  const held = list && unwrap(list).type === "Identifier" ? constantInit(scopes.variableOf(unwrap(list))) : list;
  const array = held ? unwrap(held) : null;
  if (array?.type !== "ArrayExpression") return [];
  return array.elements.flatMap((e) => (e?.type === "Literal" && typeof e.value === "string" ? [e.value] : []));
}
