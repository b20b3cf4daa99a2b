/**
 * no-env-mutation: writes onto the env object or one of its bindings (assignments, `delete`,
 * `++`, `Object.assign`/`defineProperty`/…, `Reflect.set`/…), which every request of the isolate
 * shares.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { createAnalysedRule, type Finding } from "../src/create-rule";
import { isConstant, isFunction, memberName, patternLeaves, shortText, unwrap } from "../src/engine/ast";
import { fieldInputs } from "../src/engine/collect";
import type { FileAnalysis } from "../src/engine/analysis";
import { OBJECT_WRITERS, STORING_METHODS } from "../src/engine/builtins";
import { isGuardedWrite, refilledValues } from "../src/engine/narrowing";
import { isFreshCollection } from "../src/engine/targets";
import { isEmpty, ownState, type Node, type Taint, type Val } from "../src/engine/values";
import { constantInit, type Variable } from "../src/engine/scope";
import { hazardOf, quote } from "../src/messages";

type MessageIds = "envMutation" | "envMutationHolding" | "bindingMutation";

/**
 * What a value put on env holds that names the hazard better than a leak: a connection (also one
 * an unknown client may hold), a pending read, a stub. Not an HTTP client's secret: a deploy hands
 * the isolate a new env, and what was put on the old one goes with it.
 */
const HELD_SHAPES: ReadonlySet<string> = new Set(["socket", "client", "pending", "stub"]);

/** An unknown client's hazard on env: only a connection it may hold (its secret goes with the old env). */
const UNKNOWN_CLIENT_ON_ENV = "any connection it holds fails in other requests";

/** A value that carries something of a request or of env (not a constant, not a fresh default). */
function derived(v: Val): boolean {
  return !isEmpty(v) && !!(v.env || v.req || v.containers?.length);
}

/** Whether a node runs in the `finally` block of a `try` (in the same function). */
function inFinally(node: Node): boolean {
  for (let n: Node = node; n.parent && !isFunction(n); n = n.parent) {
    const p = n.parent;
    if (p.type === "TryStatement" && p.finalizer === n) return true;
  }
  return false;
}

/**
 * Whether an expression names the rest of an object pattern (`const { MAIN, ...others } = env`), or a
 * constant given one: a new object holding env's other members, not env itself.
 */
function restCopy(analysis: FileAnalysis, expr: Node): boolean {
  let node = unwrap(expr);
  // (Also a field every write of which gives one: `this.namespaces = namespaces`.)
  const self = node.type === "MemberExpression" && !node.computed ? unwrap(node.object) : null;
  if (self?.type === "ThisExpression") {
    const owner = analysis.functions.classOfThis(self);
    const info = owner && analysis.facts.classes.get(owner.cls);
    const { writes, getter, parameter } = info ? fieldInputs(info, memberName(node as TSESTree.MemberExpression) ?? "", owner!.isStatic) : { writes: [], getter: undefined, parameter: undefined };
    return writes.length > 0 && !getter && !parameter && writes.every((w) => unwrap(w).type === "Identifier" && restCopy(analysis, w));
  }
  for (let hops = 0; hops < 4 && node.type === "Identifier"; hops++) {
    const variable = analysis.scopes.variableOf(node);
    const name = variable?.defs.length === 1 ? (variable.defs[0].name as Node) : null;
    if (name?.parent?.type === "RestElement" && name.parent.parent?.type === "ObjectPattern") return true;
    const init = constantInit(variable);
    if (!init) return false;
    node = unwrap(init);
  }
  return false;
}

/**
 * Whether a default is made of env alone and holds nothing that fails in another request
 * (`env.OAUTH_PROVIDER ??= createHelpers(env)`): every request would make the same of the same env,
 * one memo per env. A connection, a pending read or a stub (`postgres(env.URL)`) is shared I/O.
 */
function ofEnvAlone(analysis: FileAnalysis, value: Node): boolean {
  const v = analysis.trace.concreteValue(value);
  if (!v.env || v.req || v.containers?.some((c) => c.request)) return false;
  return !HELD_SHAPES.has(analysis.shapeOf(value, v.env).shape);
}

/** Whether a written value is a read of a Worker's env as it is (`env[k]`, `env.API_BASE`), nothing built of it, no request's. */
function copiesOwnEnv(value: Val): boolean {
  const env = value.env;
  return !!env && !value.req && !value.containers?.length && !env.built && !env.closure && !env.bindingData && !env.origin.startsWith("process.env");
}

/** Whether a written value is a member read off the env object it is written onto (a value saved from there). */
function putsBack(value: Val, target: Taint | null): boolean {
  const env = value.env;
  return !!target && !!env && !value.req && target.envPath?.length === 0 && !env.built && !env.closure && env.origin.startsWith(target.origin);
}

function* check(analysis: FileAnalysis): Iterable<Finding<MessageIds>> {
  if (!analysis.entry.mayHaveEnv()) return;
  const { trace, facts } = analysis;
  /** The env object (or a binding of it) an expression designates, if it does. */
  const holders = analysis.envHolders();
  const envObject = (expr: Node): Taint | null => {
    // Most written objects cannot be env by their definitions: no trace for them.
    if (!holders.expression(expr) || restCopy(analysis, expr)) return null;
    const env = trace.concreteValue(expr).env;
    if (!env || env.envPath === null || env.bindingData) return null;
    // (Env kept in a field of the module's own instance is env still: `this.env.X = v` writes onto it.)
    if (env.moduleState && !env.live && !env.instanceField) return null;
    return env;
  };
  /** `target`: what writes, as the message names it (`env.X`, `Object.assign(env, …)`). */
  const finding = (loc: TSESTree.SourceLocation, target: string, env: Taint, value?: Node): Finding<MessageIds> => {
    const data = { target, origin: quote(env.origin) };
    if (env.envPath && env.envPath.length > 0) return { loc, messageId: "bindingMutation", data };
    // A client built from env put on it (`env.sql ??= postgres(…)`): what it holds is the hazard.
    // Anything of a request in it (a user's record) leaks to other requests: that is said first.
    const written = value ? trace.concreteValue(value) : undefined;
    const held = written && !written.req ? written.env : undefined;
    const { shape, kind } = held && value ? analysis.shapeOf(value, held) : { shape: null, kind: undefined };
    if (shape && HELD_SHAPES.has(shape)) return { loc, messageId: "envMutationHolding", data: { ...data, hazard: shape === "client" ? UNKNOWN_CLIENT_ON_ENV : hazardOf(shape, kind) } };
    return { loc, messageId: "envMutation", data };
  };
  const memberWrite = (target: Node, loc: TSESTree.SourceLocation, value?: Node): Finding<MessageIds> | null => {
    const t = unwrap(target);
    if (t.type !== "MemberExpression") return null;
    // `this.x = …` writes an instance or a class, never env; `this.env.X = …` is checked.
    if (unwrap(t.object).type === "ThisExpression") return null;
    const env = envObject(t.object);
    if (!env) return null;
    // A write through a cast is named without it: `(env as AppEnv).cache` is `env.cache`.
    const object = unwrap(t.object);
    const name = t.computed ? null : memberName(t);
    return finding(loc, shortText(object !== t.object && name !== null ? `${analysis.text(object)}.${name}` : analysis.text(t)), env, value);
  };
  const written: Node[] = [];
  const values = new Map<Node, Node>();
  // Members of env given a new collection as a default (`env.cache ??= new Map()`), by name:
  // what is put into them later is shared by every request.
  const defaultCollections = new Set<string>();
  // Locals written back there as such a default (`reg = new Map(); env[KEY] = reg`), with the place.
  const defaultLocals = new Map<Variable, { env: Taint | null; label: string }>();
  for (const site of facts.assignments) {
    const node = site.node as TSESTree.AssignmentExpression;
    const left = unwrap(node.left);
    if (left.type === "MemberExpression") {
      // Most written objects cannot be env: no guard to look for, no value to trace.
      const object = unwrap(left.object);
      if (object.type === "ThisExpression" || !holders.expression(object)) continue;
      // `env.X = env.X` (and `??=`, `||=` of it) puts back what was there: nothing is written.
      if (analysis.text(unwrap(node.right as Node)) === analysis.text(left)) continue;
      // The env object written onto, traced once for the tests below.
      let onto: Taint | null | undefined;
      const target = () => (onto === undefined ? (onto = envObject(object)) : onto);
      const onProcessEnv = () => target()?.origin === "process.env";
      // A constant set on `process.env` as the module loads (`process.env.AWS_SDK_LOAD_CONFIG = "0"`): a library's setting, no request's.
      if (site.fn === null && isConstant(unwrap(node.right as Node)) && onProcessEnv()) continue;
      const guarded = isGuardedWrite(analysis.sourceCode, node, left);
      // A request's own env copied onto `process.env` as it is (`process.env[k] = env[k]` for each text
      // binding, on every request, no guard): each request writes what its env holds, for libraries
      // that read `process.env`; nothing of one request reaches another, and none stays stale.
      if (site.fn !== null && !guarded && copiesOwnEnv(trace.concreteValue(node.right as Node)) && onProcessEnv()) continue;
      // `process.env[k] = saved[k]` in a `finally`: what the function read there before its own write, put back.
      if (inFinally(node) && putsBack(trace.concreteValue(node.right as Node), target())) continue;
      // A default put in place of a missing binding (`env.X ??= noop()`): every request writes the
      // same kind of thing, and nothing of one request reaches another.
      // (What a local tested there is given in the guarded block, when that local is written back: `reg = new Map(); env[KEY] = reg`.)
      const refilled = guarded ? refilledValues(analysis.sourceCode, node, left) : undefined;
      const given = refilled ?? [node.right as Node];
      // (Made of env alone, on that env: one memo per env. On `process.env`, which outlives it, a stale copy.)
      if (refilled !== undefined && given.every((v) => !derived(trace.concreteValue(v)) || (ofEnvAlone(analysis, v) && !onProcessEnv()))) {
        const name = memberName(left);
        if (name !== null && isFreshCollection(node.right as Node)) defaultCollections.add(name);
        // (Filled through the local then: a request's state put there is shared by every request.)
        const local = refilled && given.every(isFreshCollection) ? analysis.scopes.variableOf(unwrap(node.right as Node)) : null;
        if (local) defaultLocals.set(local, { env: target(), label: analysis.text(left) });
        continue;
      }
      written.push(left);
      values.set(left, node.right as Node);
    } else if (left.type === "ObjectPattern" || left.type === "ArrayPattern") {
      for (const { leaf } of patternLeaves(left)) written.push(leaf);
    }
  }
  for (const site of facts.updates) written.push((site.node as TSESTree.UpdateExpression).argument);
  for (const target of written) {
    const value = values.get(target);
    // A request's state written onto `process.env`, a module-scope object too: no-request-state-in-global-scope's (one rule per store).
    const member = unwrap(target);
    if (value && member.type === "MemberExpression" && ownState(trace.concreteValue(value).req) && envObject(member.object)?.origin === "process.env") continue;
    const f = memberWrite(target, target.loc, value);
    if (f) yield f;
  }
  for (const site of facts.deletes) {
    const node = site.node as TSESTree.UnaryExpression;
    // A key removed in a `finally` (`delete process.env[k]` after the function's own write): its cleanup.
    if (inFinally(node)) continue;
    const f = memberWrite(node.argument, node.loc);
    if (f) yield f;
  }
  // Object.assign(env, …), Object.defineProperty(env, …), Reflect.set(env, …), …
  for (const site of facts.calls) {
    const call = site.node as TSESTree.CallExpression;
    const callee = unwrap(call.callee);
    if (callee.type !== "MemberExpression" || !call.arguments[0]) continue;
    const object = unwrap(callee.object);
    // `env.cache.set(k, v)` into a default collection the file puts on env, with a derived value.
    if (defaultCollections.size > 0 && object.type === "MemberExpression") {
      const method = memberName(callee);
      const key = memberName(object);
      if (method !== null && STORING_METHODS.has(method) && key !== null && defaultCollections.has(key) && call.arguments.some((a) => derived(trace.concreteValue(a as Node)))) {
        const env = envObject(object.object as Node);
        if (env && env.envPath?.length === 0) yield finding(call.loc, `${shortText(analysis.text(object), 40)}.${method}(…)`, { ...env, envPath: [key], origin: `${env.origin}.${key}` });
        continue;
      }
    }
    if (object.type !== "Identifier") continue;
    const local = defaultLocals.size > 0 ? defaultLocals.get(analysis.scopes.variableOf(object)!) : undefined;
    const method = memberName(callee);
    // (What the env object's own data makes there, `reg.set(k, init(env))`, is a memo per env: only a request's state counts.)
    if (local?.env && method !== null && STORING_METHODS.has(method) && call.arguments.some((a) => trace.concreteValue(a as Node).req)) {
      yield finding(call.loc, `${object.name}.${method}(…)`, { ...local.env, origin: local.label, envPath: [local.label] });
      continue;
    }
    const name = method;
    if (!name || !OBJECT_WRITERS.get(object.name)?.has(name) || !analysis.scopes.isUnresolved(object)) continue;
    const env = envObject(call.arguments[0]);
    if (site.fn === null && env?.origin === "process.env" && call.arguments.slice(1).every((a) => isConstant(unwrap(a as Node)))) continue;
    const rest = call.arguments.length > 1 ? ", …" : "";
    if (env) yield finding(call.loc, `${object.name}.${name}(${shortText(analysis.text(call.arguments[0]), 40)}${rest})`, env);
  }
}

export default createAnalysedRule<MessageIds, Record<string, never>>({
  name: "no-env-mutation",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow writing onto the `env` object or its bindings, which every request of the isolate shares",
      recommended: true,
    },
    schema: [],
    messages: {
      envMutation: "`{{target}}` writes onto {{origin}}, the env object every request of this isolate shares: the value leaks to other requests.",
      envMutationHolding: "`{{target}}` writes onto {{origin}}, the env object every request of this isolate shares: {{hazard}}.",
      bindingMutation: "`{{target}}` writes onto binding {{origin}}, shared by every request of this isolate: the value leaks to other requests.",
    },
  },
  defaultOptions: {},
  check,
});
