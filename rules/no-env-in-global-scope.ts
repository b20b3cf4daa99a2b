/**
 * no-env-in-global-scope: a value derived from a Worker's `env` stored in module scope while a
 * request runs (a variable, a module object or collection, `globalThis`, a class static, a lazy
 * singleton), or handed to a setter-like function of a local module.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { allowOption, createAnalysedRule, type Finding } from "../src/create-rule";
import type { FileAnalysis } from "../src/engine/analysis";
import type { ParamStore } from "../src/engine/module-calls";
import { CONNECTED_SHAPES, FAIL_LATER_SHAPES, bindingKindOf, configuredShape, getStartsRead, pendingCall } from "../src/engine/shape";
import type { Store } from "../src/engine/sinks";
import { statementKey, targetRootName } from "../src/engine/targets";
import { chainRoot, enclosingFunction, isFunction, isNullish, memberName, unwrap } from "../src/engine/ast";
import { madeBy, madeValues, parameterOf } from "../src/engine/scope";
import { applyPath, member, secretNamed, type Node, type Taint, type Val } from "../src/engine/values";
import { judgedByName, keptRequestState, oncePerPlace, samePlace, storeLocation, storedArgument } from "../src/handoffs";
import { hazardOf, originOf, quote } from "../src/messages";

type MessageIds = "storedInModuleScope" | "lazySingleton" | "addedToCollection" | "handedToModuleStore" | "handedToSetter";

interface Options {
  allow: string[];
  bindingDataIsDerived: boolean;
}

/** Whether what a store keeps fails in a later request whatever its key; an instance of a class of the file holds what it is built from. */
function failsLater(analysis: FileAnalysis, store: Store, env: Taint): boolean {
  const shape = analysis.shapeOf(store.valueNode, env).shape;
  if (shape !== "client") return FAIL_LATER_SHAPES.has(shape);
  // What is made there: the value, or every value a local written lazily is given (`c ??= new KVCache(kv)`).
  const value = unwrap(madeBy(analysis.scopes, store.valueNode).made);
  const variable = value.type === "Identifier" ? analysis.scopes.variableOf(value) : null;
  const made = (variable ? (madeValues(variable) ?? []) : [value]).map(unwrap).filter((v) => v.type === "NewExpression");
  return !(made.length > 0 && made.every((v) => analysis.functions.localClass((v as TSESTree.NewExpression).callee)));
}

/**
 * Whether a store keeps a parameter of a function the file calls only at its top level
 * (`static init(url) { Client.url = url; }` of `Client.init(env.URL)`): the call hands it as the
 * module is evaluated. (What the function reads of env itself, a lazy getter's, stays its own finding.)
 */
function calledAtLoad(analysis: FileAnalysis, store: Store): boolean {
  const fn = enclosingFunction(store.node);
  const root = chainRoot(unwrap(store.valueNode));
  const param = root.type === "Identifier" ? parameterOf(analysis.scopes.variableOf(root)) : null;
  return !!fn && param?.fn === fn && enclosingFunction(fn) === null && analysis.functions.calledOnlyAtLoad(fn);
}

/** Whether a number computed from what a taint came from keeps nothing of it: a secret's (its length), or a binding's. */
function keepsNoSecret(analysis: FileAnalysis, env: Taint): boolean {
  const kind = bindingKindOf(env, analysis.bindingKinds);
  // A name the config declares as a var is one, whatever it looks like (`KEY_PREFIX`).
  return kind ? kind.label !== "var" : secretNamed(env);
}

/** Whether the variable a store writes is emptied in a `finally` callback (`p.finally(() => { refreshing = null })`): a single flight. */
function clearedWhenSettled(analysis: FileAnalysis, store: Store): boolean {
  const left = store.node.type === "AssignmentExpression" ? unwrap(store.node.left as Node) : null;
  const variable = left?.type === "Identifier" ? analysis.scopes.variableOf(left) : null;
  // (Or a member written as it is, `Tokens.inFlight = null`.)
  const text = left?.type === "MemberExpression" ? analysis.sourceCode.getText(left) : null;
  const writes = variable ? variable.references.filter((ref) => ref.isWrite()).map((ref) => ref.identifier.parent) : text ? analysis.facts.assignments.map((site) => site.node).filter((n) => n.type === "AssignmentExpression" && analysis.sourceCode.getText(n.left) === text) : [];
  return writes.some((write) => {
    if (write?.type !== "AssignmentExpression" || !isNullish(unwrap(write.right as Node))) return false;
    for (let n: Node | undefined = write as Node; n; n = n.parent) {
      const call = n.parent;
      if (isFunction(n) && call?.type === "CallExpression" && call.arguments.includes(n as never)) {
        const callee = unwrap(call.callee as Node);
        return callee.type === "MemberExpression" && memberName(callee) === "finally";
      }
    }
    return false;
  });
}

/** Whether a store writes a member of `process.env` (also through `import * as proc from "node:process"`). */
function ontoProcessEnv(analysis: FileAnalysis, store: Store): boolean {
  if (store.target.label.startsWith("`process.env")) return true;
  const left = store.node.type === "AssignmentExpression" ? unwrap(store.node.left as Node) : null;
  return left?.type === "MemberExpression" && analysis.trace.concreteValue(left.object as Node).env?.origin === "process.env";
}

function storeFinding(analysis: FileAnalysis, store: Store, env: Taint): Finding<MessageIds> {
  const found = analysis.shapeOf(store.valueNode, env);
  // (The promise of an async function of the file, kept while it runs: a single flight other requests wait on.)
  const inFlight = found.shape !== "pending" && !!pendingCall(analysis.functions, store.valueNode) && clearedWhenSettled(analysis, store);
  const { shape, kind } = inFlight ? { shape: "pending" as const, kind: found.kind } : found;
  const data = { target: store.target.label, origin: originOf(env), hazard: hazardOf(shape, kind) };
  // (A pending promise kept only while it runs, cleared in its `finally`, is not built once.)
  const messageId: MessageIds =
    store.how === "lazy" && !(shape === "pending" && clearedWhenSettled(analysis, store)) ? "lazySingleton" : store.how === "collection" || store.how === "listener" ? "addedToCollection" : "storedInModuleScope";
  return { loc: store.loc, messageId, data };
}

function* check(analysis: FileAnalysis, options: Options): Iterable<Finding<MessageIds>> {
  if (!analysis.entry.mayHaveEnv()) return;
  const allow = new Set(options.allow);
  const { sinks } = analysis;
  const reported = new Set<string>();
  for (const store of sinks.stores()) {
    // At the top level, or in a function only the top level calls (`Client.init(env.URL)` as the module loads): no-top-level-env-derivation's.
    if (store.topLevel || calledAtLoad(analysis, store)) continue;
    // What needs no trace first: a place already reported, an allowed place.
    if (reported.has(statementKey(store))) continue;
    if (allow.size > 0 && allow.has(targetRootName(store.target))) continue;
    const env = analysis.reportedTaint(store.value.env);
    // (What is built from a module variable holding env, `client ??= new OpenAI({ apiKey: current.KEY })`, keeps the first value it held.)
    if (!env || (env.moduleState && !(env.moduleState === "holder" && (env.built || env.envPath === null) && !env.bindingData))) continue;
    // A weak entry that dies with its key (under an object the function makes, or any other that is
    // not env or a binding). (Its key is traced only for a value that holds env: a key may cost more.)
    if (sinks.weakEntryIsLocal(store)) continue;
    // (What the holder makes of itself, put back there, `sub = sub.split("//")[1]`: the holder's own finding.)
    if (env.moduleState === "holder" && store.target.label === `\`${env.origin.split(/[.[(]/)[0]}\``) continue;
    if (env.live && env.envPath?.length === 0) continue; // the imported `env` itself is live
    // A write onto `process.env`: where it is env (`nodejs_compat`, the setting), no-env-mutation's; of a
    // value read from it (`process.env[k] = saved`), put back where it came from, nothing new kept.
    if ((analysis.settings.processEnv || env.origin.startsWith("process.env")) && ontoProcessEnv(analysis, store)) continue;
    if (env.bindingData && !options.bindingDataIsDerived) continue;
    // (A module copy of what the same function puts to a binding mirrors that binding's data: `cache = { at, index }` beside `put(KEY, JSON.stringify(index))`.)
    if (!options.bindingDataIsDerived && sinks.mirrorsEnv(store, env)) continue;
    // A number or flag computed from a secret (its length) keeps none of it; one from a var is its snapshot.
    if (env.number && keepsNoSecret(analysis, env)) continue;
    // Keyed by env or a binding (or a secret) itself, an entry is found only with that env or
    // binding: what it holds goes stale with it, unless it holds a connection or a stub, which
    // fail in the next request (under a binding, a client that may hold one too).
    if (sinks.keyedBy(store, "env") && !CONNECTED_SHAPES.has(analysis.shapeOf(store.valueNode, env).shape)) continue;
    if (sinks.keyedBy(store, "binding", (key) => bindingKindOf(key, analysis.bindingKinds)?.shape !== "binding") && !failsLater(analysis, store, env)) continue;
    if (sinks.memoOfKey(store, env)) continue; // `cache.set(k, build(k))`: what `k` always gives
    // Under an id made fresh for it (`codes.set(crypto.randomUUID(), token)`), an entry is found only by
    // whoever is handed that id, as a request's state is: unless it holds a connection or a stub.
    if (sinks.freshKey(store) && !CONNECTED_SHAPES.has(analysis.shapeOf(store.valueNode, env).shape)) continue;
    // A store that also keeps request state is no-request-state-in-global-scope's: one rule per store.
    if (sinks.requestStateOf(store)) continue;
    reported.add(statementKey(store)); // one finding per statement and place: `[cache.a, cache.b] = [env.A, env.B]`
    yield storeFinding(analysis, store, env);
  }
  // The same value kept in one place of another module: once per file, at its first call.
  const firstAtPlace = oncePerPlace(analysis);
  // (At load, a module object configured by a call, `Sentry.init({ dsn: env.DSN })`, is no-top-level-env-derivation's.)
  let configuredAtLoad: ReadonlySet<Node> | null = null;
  for (const call of analysis.moduleCalls()) {
    // At load, only a call of a project function that keeps what it is handed in its module
    // (`initDb(env.DB)` at the top of the entry): nothing judged by its name.
    if (call.topLevel) {
      configuredAtLoad ??= new Set(analysis.sinks.moduleEvaluationStores().flatMap((s) => (s.how === "configure" ? [s.node] : [])));
      if (judgedByName(call) || configuredAtLoad.has(call.node)) continue;
    }
    // What the callee keeps of the argument may be only data it reads through it (`await kv.get(k)`):
    // as in this file, that is reported only where data read through a binding counts as derived.
    const reportable = (v: Val, store: ParamStore) => {
      const env = analysis.reportedTaint(v.env);
      const data = !!env?.bindingData || store.shape === "data";
      // An entry keyed by what it is handed, handed the env object: one entry per env, as a cache
      // keyed by env; unless it holds a connection or a stub, which fail in the next request.
      // (So is one under a binding of the env object handed: `dbs.set(bindings.DB, drizzle(bindings.DB))`.)
      const byMember = store.keyedByMember === true || (store.keyedByMember !== undefined && analysis.bindingKinds.get(store.keyedByMember)?.shape === "binding");
      // (Made of that member alone, `sets.set(cfg.domain, jwks(cfg.domain))`, it is a memo of the member whatever else is handed.)
      const keyedByEnv = (!!store.keyedByArgument || byMember) && (env?.envPath?.length === 0 || store.keyedByMember === true) && !CONNECTED_SHAPES.has(store.shape);
      // (Under text spelled from a member and made of it, `sets.set(issuer, jwks(issuer))`: a new var or secret is a new entry.)
      const keyedByText = store.keyedByText !== undefined && !CONNECTED_SHAPES.has(store.shape) && bindingKindOf(member(v, store.keyedByText).env ?? env!, analysis.bindingKinds)?.shape !== "binding";
      // An entry whose value is computed from its key (`remember(name, buildFrom(name))`): a memo.
      const memo = !!env && !!store.entry && sinks.handedEntryIsMemo(call.node, store.entry, env, "env");
      // Only a number computed from it is kept (`sizes.set(k, key.length)`): no binding, no secret.
      // A number or flag the callee computes from a var (`isProd = e.ENVIRONMENT === "production"`) is
      // that var's snapshot, as in one file; one computed from a secret (its length) keeps no secret.
      // So is a number or flag the caller computes and hands (`{ hasBucket: !!env.R2 }`), as one kept in this file.
      // (A flag of the one member the callee reads off env, `!!config.r2Bucket` of `{ r2Bucket: env.R2 }`: that member's kind says.)
      const readKey = store.key ?? store.path?.[0];
      const read = env?.envPath?.length === 0 && readKey !== undefined ? (member(v, readKey).env ?? env) : env;
      const number = (store.number || !!env?.number) && (!read || keepsNoSecret(analysis, read));
      // A promise of the callee's work made from a var is judged as in one file: by its key (no-request-state-in-global-scope's hazard).
      if (store.promise) return false;
      return !!env && !env.moduleState && !number && !(env.live && env.envPath?.length === 0) && (!data || options.bindingDataIsDerived) && !keyedByEnv && !keyedByText && !memo && !(store.mirrored && !options.bindingDataIsDerived);
    };
    const stored = storedArgument(call, reportable);
    if (stored) {
      if (allow.has(call.callee.label)) continue;
      // A place that also keeps the request's state the call hands is no-request-state-in-global-scope's: one rule per store.
      const request = keptRequestState(call, sinks);
      if (request && samePlace(request.store, stored.store)) continue;
      // The env object handed whole, of which the callee keeps one binding (`getDb(c.env)` keeping
      // `drizzle(env.DB)`): the message names that binding, as the caller reads it.
      const handed = analysis.reportedTaint(stored.value.env!);
      // (Handed inside an object literal, `getResponse({ prompt, env })` keeping `env.ANALYTICS`: the binding that path reads.)
      // (Its first step only: the path a summary composes through object literals may run on past the binding.)
      const read = handed.envPath?.length === 0 && stored.store.path?.length ? applyPath(analysis.trace.valueAt(stored.node), stored.store.path.slice(0, 1)).env : undefined;
      const env = read?.envPath?.length ? read : handed.envPath?.length === 0 && stored.store.key !== undefined ? member(stored.value, stored.store.key).env! : handed;
      if (!firstAtPlace(originOf(env), stored.store)) continue;
      const kind = bindingKindOf(env, analysis.bindingKinds);
      // A binding's `get` the callee keeps not awaited: a pending read of a KV namespace or an R2 bucket.
      const pending = stored.store.pendingGet && (env.envPath?.length ?? 0) >= 1 && getStartsRead(kind);
      const shape = pending ? "pending" : configuredShape(stored.store.shape === "env" ? analysis.shapeOf(stored.node, env).shape : stored.store.shape, env, kind);
      yield {
        loc: call.node.callee.loc,
        messageId: "handedToModuleStore",
        data: { origin: originOf(env), callee: call.callee.label, target: stored.store.target, ...storeLocation(analysis, stored.store), hazard: hazardOf(shape, kind) },
      };
      continue;
    }
    if (!judgedByName(call)) continue;
    const arg = call.args.find((a) => a.value.env);
    const env = analysis.reportedTaint(arg?.value.env);
    if (!env || (env.bindingData && !options.bindingDataIsDerived) || allow.has(call.callee.label)) continue;
    yield {
      loc: call.node.callee.loc,
      messageId: "handedToSetter",
      data: { callee: call.callee.label, source: call.callee.specifier, origin: quote(env.origin) },
    };
  }
}

export default createAnalysedRule<MessageIds, Options>({
  name: "no-env-in-global-scope",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow storing values derived from a Worker's `env` in module scope",
      recommended: true,
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          allow: allowOption("Module-scope names (or imported setter names) whose stores are deliberate and not reported."),
          bindingDataIsDerived: {
            type: "boolean",
            description:
              "Also report data read through a binding and awaited (`await env.KV.get(k)`), which is plain data by default.",
          },
        },
      },
    ],
    messages: {
      storedInModuleScope: "{{origin}} is stored in module-scope {{target}}: {{hazard}}.",
      lazySingleton: "Lazy singleton {{target}} is built once from {{origin}}: {{hazard}}.",
      addedToCollection: "{{origin}} is added to module-scope {{target}}: {{hazard}}.",
      handedToModuleStore: "{{origin}} is kept by `{{callee}}` in module-scope {{target}} ({{where}}): {{hazard}}.",
      handedToSetter: '{{origin}} is handed to `{{callee}}` ("{{source}}"), whose name says it keeps it beyond this request.',
    },
  },
  defaultOptions: { allow: [], bindingDataIsDerived: false },
  check,
});
