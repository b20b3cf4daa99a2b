/**
 * Turns the shared analysis into findings for each rule. Rules stay thin: they pick their
 * options, call one function here, and report.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { isFunction, memberName, shortText, unwrap } from "./engine/ast";
import type { FileAnalysis } from "./engine/analysis";
import type { Store, Target } from "./engine/sinks";
import { ACCESSOR_CALLS, ACCESSOR_SOURCES } from "./engine/sources";
import type { Node, Taint, Val } from "./engine/values";

export interface Finding {
  loc: TSESTree.SourceLocation;
  messageId: string;
  data: Record<string, string>;
}

/** What kind of thing a derived value is, for the hazard named in a message. */
export type Shape = "env" | "closure" | "client" | "value";

export const HAZARD: Record<Shape, string> = {
  env: "it keeps the bindings of the request that stored it, stale after a bindings-only deploy",
  closure: "the closure keeps that request's `env` and is called by later requests with stale bindings",
  client:
    'a client built from it keeps a stale secret after a bindings-only deploy, and any I/O it holds fails on later requests with "Cannot perform I/O on behalf of a different request"',
  value: "it keeps a stale binding or secret after a bindings-only deploy",
};

export function fixFor(target: Pick<Target, "kind">): string {
  switch (target.kind) {
    case "static":
      return "Create it per request, or keep it on the instance (`this.…`) of the Durable Object";
    case "shared-object":
      return "Create it per request in the handler, or pass `env` down to where it is used";
    default:
      return "Create it per request inside the handler, or pass `env` down to where it is used";
  }
}

/** Follows a local constant to its initializer, a few steps, to see what was built. */
function definingExpression(analysis: FileAnalysis, node: Node): Node {
  let n = unwrap(node);
  for (let i = 0; i < 4; i++) {
    if (n.type === "AwaitExpression") {
      n = unwrap(n.argument);
      continue;
    }
    if (n.type !== "Identifier") break;
    const v = analysis.evaluator.variableOf(n);
    const def = v?.defs.length === 1 ? v.defs[0] : null;
    if (def?.type !== "Variable" || def.node.id.type !== "Identifier" || !def.node.init) break;
    n = unwrap(def.node.init);
  }
  return n;
}

export function shapeOf(analysis: FileAnalysis, valueNode: Node, taint: Taint): Shape {
  if (taint.closure) return "closure";
  if (taint.envPath && taint.envPath.length === 0) return "env";
  if (taint.bindingData) return "value";
  if (taint.built) return "client";
  const n = definingExpression(analysis, valueNode);
  if (isFunction(n)) return "closure";
  // `{ ...env }`: a copy of the bindings.
  if (n.type === "ObjectExpression" && n.properties.some((p) => p.type === "SpreadElement")) return "env";
  return "value";
}

/** How a message names an origin: in code quotes, unless it is a phrase ("a closure over `env`"). */
export function quote(origin: string): string {
  return origin.startsWith("a ") ? origin : `\`${origin}\``;
}

/**
 * A WeakMap or WeakSet entry lives only as long as its key: it escapes the request only when the
 * key itself is module state (a module-scope object or a constant).
 */
function weakEntryIsLocal(analysis: FileAnalysis, store: Store): boolean {
  if (!store.weak) return false;
  const key = store.keyNode ? unwrap(store.keyNode) : null;
  if (!key) return true;
  if (key.type === "Literal") return false;
  if (key.type === "Identifier") {
    const target = analysis.sinks.moduleTarget(key);
    return !target;
  }
  return true;
}

function isEnvObjectKey(analysis: FileAnalysis, key: Node | undefined, kind: "env" | "req"): boolean {
  if (!key) return false;
  const v = analysis.evaluator.concreteValue(key);
  if (kind === "env") return !!v.env && v.env.envPath?.length === 0;
  const k = unwrap(key);
  return !!v.req && v.req.io === true && (k.type === "Identifier" || k.type === "MemberExpression");
}

function targetRootName(target: Target): string {
  return target.label.split(/[.[\s(]/)[0].replace(/`/g, "");
}

// -----------------------------------------------------------------------------------------------
// no-env-in-global-scope

export interface EnvInGlobalScopeOptions {
  allow: string[];
  bindingDataIsDerived: boolean;
}

export function envInGlobalScope(analysis: FileAnalysis, options: EnvInGlobalScopeOptions): Finding[] {
  const out: Finding[] = [];
  const allow = new Set(options.allow);
  for (const store of analysis.stores()) {
    if (store.topLevel) continue;
    const env = store.value.env;
    if (!env || env.moduleState) continue;
    if (env.live && env.envPath?.length === 0) continue; // the imported `env` itself is live
    if (env.bindingData && !options.bindingDataIsDerived) continue;
    if (isEnvObjectKey(analysis, store.keyNode, "env")) continue; // a cache keyed by `env` itself
    if (weakEntryIsLocal(analysis, store)) continue;
    if (allow.has(targetRootName(store.target))) continue;
    out.push(envStoreFinding(analysis, store, env));
  }
  for (const call of analysis.sinks.setterCalls(analysis.facts.calls)) {
    const env = call.value.env!;
    if (env.bindingData && !options.bindingDataIsDerived) continue;
    if (allow.has(call.callee)) continue;
    out.push({
      loc: call.node.callee.loc,
      messageId: "handedToSetter",
      data: { callee: call.callee, source: call.source, origin: quote(env.origin) },
    });
  }
  return out;
}

function envStoreFinding(analysis: FileAnalysis, store: Store, env: Taint): Finding {
  const shape = shapeOf(analysis, store.valueNode, env);
  const data = {
    target: store.target.label,
    origin: quote(env.origin),
    hazard: HAZARD[shape],
    fix: fixFor(store.target),
  };
  if (store.how === "lazy") return { loc: store.loc, messageId: "lazySingleton", data };
  if (store.how === "collection" || store.how === "listener") return { loc: store.loc, messageId: "addedToCollection", data };
  return { loc: store.loc, messageId: "storedInModuleScope", data };
}

// -----------------------------------------------------------------------------------------------
// no-request-state-in-global-scope

export interface RequestStateOptions {
  allow: string[];
}

export function requestStateInGlobalScope(analysis: FileAnalysis, options: RequestStateOptions): Finding[] {
  const out: Finding[] = [];
  const allow = new Set(options.allow);
  for (const store of analysis.stores()) {
    if (store.topLevel) continue;
    const context = store.value.containers?.find((c) => c.request);
    const req = store.value.req ?? (context ? { origin: context.label, envPath: null, io: true } : undefined);
    if (!req || req.moduleState) continue;
    if (req.fetched && !req.io) continue; // data read from a fetch() response is upstream data
    if (isEnvObjectKey(analysis, store.keyNode, "req") && store.target.kind !== "global") continue;
    if (weakEntryIsLocal(analysis, store)) continue;
    if (allow.has(targetRootName(store.target))) continue;
    const io = req.io || req.closure;
    out.push({
      loc: store.loc,
      messageId: io ? "requestIoInModuleScope" : "requestDataInModuleScope",
      data: { target: store.target.label, origin: quote(req.origin) },
    });
  }
  return out;
}

// -----------------------------------------------------------------------------------------------
// no-top-level-env-derivation

export interface TopLevelOptions {
  allowPrimitives: boolean;
}

/** Whether anything in the file can reach env while the module is evaluated. */
function hasModuleTimeSource(analysis: FileAnalysis): boolean {
  const { settings } = analysis;
  if (settings.processEnv || settings.envAccessors.length > 0) return true;
  for (const source of analysis.facts.importsFrom) {
    if (source === "cloudflare:workers" || ACCESSOR_SOURCES.has(source)) return true;
  }
  return false;
}

export function topLevelEnvDerivation(analysis: FileAnalysis, options: TopLevelOptions): Finding[] {
  const out: Finding[] = [];
  if (!hasModuleTimeSource(analysis)) return out;
  const ev = analysis.evaluator;
  const consider = (loc: TSESTree.SourceLocation, target: string, valueNode: Node, value: Val) => {
    const env = value.env;
    if (!env) return;
    if (env.live && env.envPath?.length === 0) return; // an alias of the live `env` is still live
    if (env.bindingData) return;
    const shape = shapeOf(analysis, valueNode, env);
    if (options.allowPrimitives && shape === "value") return;
    out.push({
      loc,
      messageId: shape === "client" ? "topLevelClient" : "topLevelValue",
      data: { target, origin: quote(env.origin) },
    });
  };
  const contextCalls: [number, number][] = [];
  // getCloudflareContext() / getRequestContext() while the module is evaluated.
  for (const site of analysis.facts.calls) {
    if (site.fn !== null) continue;
    const call = site.node as TSESTree.CallExpression;
    const callee = unwrap(call.callee);
    if (callee.type !== "Identifier") continue;
    const info = ev.importOfId(callee);
    const spec = info ? ACCESSOR_CALLS.get(info.imported) : undefined;
    if (!spec?.requestContext || !spec.sources.includes(info!.source)) continue;
    if (isInsideClassOrFunction(call)) continue;
    out.push({ loc: call.loc, messageId: "topLevelContext", data: { callee: callee.name } });
    contextCalls.push(call.range);
  }
  for (const site of analysis.facts.declarators) {
    if (site.fn !== null) continue;
    const range = (site.node as TSESTree.VariableDeclarator).range;
    if (contextCalls.some(([a, b]) => a >= range[0] && b <= range[1])) continue; // reported as topLevelContext
    const decl = site.node as TSESTree.VariableDeclarator;
    if (!decl.init || isInsideClassOrFunction(decl)) continue;
    const init = unwrap(decl.init);
    if (isFunction(init) || init.type === "ClassExpression") continue;
    if (decl.id.type === "Identifier") {
      consider(nameLoc(decl.id), `\`${decl.id.name}\``, decl.init, ev.valueAt(decl.init));
      continue;
    }
    // `const { SECRET, DB } = env`: each destructured name is its own derivation.
    for (const variable of analysis.sourceCode.scopeManager?.getDeclaredVariables(decl) ?? []) {
      const id = variable.defs[0]?.name;
      if (id) consider(nameLoc(id as TSESTree.Identifier), `\`${variable.name}\``, decl.init, ev.variableValueAt(variable));
    }
  }
  for (const store of analysis.stores()) {
    if (!store.topLevel) continue;
    consider(store.loc, store.target.label, store.valueNode, store.value);
  }
  const storeNodes = new Set(analysis.stores().filter((st) => st.topLevel).map((st) => st.node));
  // `app.use(cors({ origin: env.ORIGIN }))`: a module object configured once with a snapshot.
  for (const site of analysis.facts.calls) {
    if (site.fn !== null || site.node.type !== "CallExpression" || site.node.parent?.type !== "ExpressionStatement") continue;
    const callee = unwrap(site.node.callee);
    if (callee.type !== "MemberExpression" || isInsideClassOrFunction(site.node)) continue;
    if (!analysis.sinks.moduleTarget(callee.object)) continue;
    if (storeNodes.has(site.node)) continue; // already reported as a store
    const target = `\`${shortText(analysis.text(callee), 40)}(…)\``;
    for (const arg of site.node.arguments) consider(arg.loc, target, arg, ev.valueAt(arg));
  }
  for (const decl of analysis.facts.exportDefaults) {
    const d = unwrap(decl.declaration as Node);
    if (isFunction(d) || d.type.startsWith("Class") || d.type === "ObjectExpression" || d.type === "Identifier") continue;
    consider(d.loc, "the default export", d, ev.valueAt(d));
  }
  for (const info of analysis.facts.classes.values()) {
    if (isInsideClassOrFunction(info.node)) continue;
    for (const member of info.node.body.body) {
      if ((member.type === "PropertyDefinition" || member.type === "AccessorProperty") && member.static && member.value) {
        const name = `\`${(info.node as TSESTree.ClassDeclaration).id?.name ?? "class"}.${analysis.text(member.key)}\``;
        consider(member.key.loc, name, member.value, ev.valueAt(member.value));
      }
    }
  }
  return dedupe(out);
}

/** The range of a declared name alone, without its type annotation (`apiKey` of `apiKey: string`). */
function nameLoc(id: TSESTree.Identifier): TSESTree.SourceLocation {
  const start = id.loc.start;
  return { start, end: { line: start.line, column: start.column + id.name.length } };
}

function isInsideClassOrFunction(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (isFunction(n) || n.type === "ClassBody") return true;
  }
  return false;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.loc.start.line}:${f.loc.start.column}:${f.messageId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// -----------------------------------------------------------------------------------------------
// no-env-mutation

const MUTATORS = new Map([
  ["Object", new Set(["assign", "defineProperty", "defineProperties", "setPrototypeOf"])],
  ["Reflect", new Set(["set", "defineProperty", "deleteProperty", "setPrototypeOf"])],
]);

export function envMutation(analysis: FileAnalysis): Finding[] {
  const out: Finding[] = [];
  const ev = analysis.evaluator;
  const envObject = (expr: Node): Taint | null => {
    const v = ev.concreteValue(expr);
    const env = v.env;
    if (!env || env.envPath === null || env.bindingData) return null;
    if (env.moduleState && !env.live) return null;
    return env;
  };
  const report = (loc: TSESTree.SourceLocation, target: Node, env: Taint) => {
    const binding = env.envPath && env.envPath.length > 0;
    out.push({
      loc,
      messageId: binding ? "bindingMutation" : "envMutation",
      data: { target: shortText(analysis.text(target)), origin: quote(env.origin) },
    });
  };
  const memberWrite = (target: Node, loc: TSESTree.SourceLocation) => {
    const t = unwrap(target);
    if (t.type !== "MemberExpression") return;
    // `this.x = …` writes an instance or a class, never env; `this.env.X = …` is checked.
    if (unwrap(t.object).type === "ThisExpression") return;
    const env = envObject(t.object);
    if (env) report(loc, t, env);
  };
  for (const site of analysis.facts.assignments) {
    const node = site.node as TSESTree.AssignmentExpression;
    const left = unwrap(node.left);
    if (left.type === "MemberExpression") memberWrite(left, left.loc);
    else if (left.type === "ObjectPattern" || left.type === "ArrayPattern") {
      for (const leaf of memberLeaves(left)) memberWrite(leaf, leaf.loc);
    }
  }
  for (const site of analysis.facts.updates) {
    const node = site.node as TSESTree.UpdateExpression;
    memberWrite(node.argument, node.argument.loc);
  }
  for (const site of analysis.facts.deletes) {
    const node = site.node as TSESTree.UnaryExpression;
    memberWrite(node.argument, node.loc);
  }
  for (const site of analysis.facts.calls) {
    const call = site.node as TSESTree.CallExpression;
    const callee = unwrap(call.callee);
    if (callee.type !== "MemberExpression" || !call.arguments[0]) continue;
    const object = unwrap(callee.object);
    if (object.type !== "Identifier" || (object.name !== "Object" && object.name !== "Reflect")) continue;
    const name = memberName(callee);
    if (!name || !MUTATORS.get(object.name)?.has(name) || !ev.isUnresolved(object)) continue;
    const env = envObject(call.arguments[0]);
    if (env) report(call.loc, call.arguments[0], env);
  }
  return out;
}

function memberLeaves(pattern: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [pattern];
  while (stack.length) {
    const n = unwrap(stack.pop()!);
    if (n.type === "ObjectPattern") for (const p of n.properties) stack.push(p.type === "RestElement" ? p.argument : p.value);
    else if (n.type === "ArrayPattern") for (const e of n.elements) e && stack.push(e.type === "RestElement" ? e.argument : e);
    else if (n.type === "AssignmentPattern") stack.push(n.left);
    else if (n.type === "MemberExpression") out.push(n);
  }
  return out;
}

