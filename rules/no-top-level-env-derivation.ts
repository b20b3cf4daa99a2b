/**
 * no-top-level-env-derivation: values derived from the imported `env` (or an accessor) while the
 * module is first evaluated, which stay a snapshot of that moment; and request-context accessors
 * called at module evaluation, outside any request.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { createAnalysedRule, type Finding } from "../src/create-rule";
import { isFunction, memberName, runsAtLoad, shortText, unwrap } from "../src/engine/ast";
import type { FileAnalysis } from "../src/engine/analysis";
import { callsProjectImportAtLoad } from "../src/engine/scope";
import type { Store } from "../src/engine/sinks";
import { ACCESSOR_CALLS, LOCAL_LOOKING } from "../src/engine/sources";
import { isEmpty, secretNamed, type Node, type Taint } from "../src/engine/values";
import { hazardOf, quote } from "../src/messages";

type MessageIds = "topLevelValue" | "topLevelChosen" | "topLevelClient" | "topLevelConfigured" | "topLevelHanded" | "topLevelContext" | "topLevelChoice";

interface Options {
  allowPrimitives: boolean;
}

/**
 * What in the file can reach env while the module is evaluated: its own source ("own": an accessor
 * package, or the live `env` itself imported by name or through a namespace, not merely another
 * export of its module such as `DurableObject`), a function of a project module it calls
 * ("project"), or nothing (null).
 */
function hasModuleTimeSource(analysis: FileAnalysis): "own" | "project" | null {
  const { settings, scopes, entry } = analysis;
  if (settings.processEnv || settings.envAccessors.length > 0) return "own";
  const imports = scopes.imports();
  if (imports.some((info) => entry.importsEnv(info))) return "own";
  // A function of a project module called now may read the live `env` it imports (`getDb()`): a
  // call at load of a name imported from a local-looking specifier.
  if (!analysis.project || !imports.some((info) => LOCAL_LOOKING.test(info.source))) return null;
  return callsProjectImportAtLoad(scopes, analysis.facts.calls) ? "project" : null;
}

/**
 * What a module object configured with a derived value is handed (`cors(…)` of
 * `app.use(cors({ origin: env.ORIGIN }))`): the thing that holds the value, named beside the call.
 */
function configuredWith(analysis: FileAnalysis, store: Store): string | null {
  const value = unwrap(store.valueNode);
  if (store.how !== "configure" || (value.type !== "CallExpression" && value.type !== "NewExpression")) return null;
  return `\`${value.type === "NewExpression" ? "new " : ""}${shortText(analysis.sourceCode.getText(value.callee), 32)}(…)\``;
}

/**
 * The env read a declared value is chosen by, when both of its branches are constants:
 * `const API = env.ENVIRONMENT === "production" ? "https://api.example.com" : "http://localhost"`.
 */
function chosenBy(analysis: FileAnalysis, store: Store): Taint | undefined {
  const value = unwrap(store.valueNode);
  const test = store.how === "declare" && value.type === "ConditionalExpression" ? (value.test as Node) : store.how === "assign" || store.how === "configure" ? branchTest(store.node) : null;
  const env = test ? analysis.reportedTaint(analysis.trace.valueAt(test).env) : undefined;
  return env && !(env.live && env.envPath?.length === 0) ? { ...env, scalar: true } : undefined;
}

/**
 * The test of the `if` or `switch` of the module's top level an assignment runs in (`switch
 * (env.ENVIRONMENT) { case "prod": base = "https://…" }`, `if (env.DEBUG) level = "debug"`).
 */
function branchTest(assignment: Node): Node | null {
  const branch = branchOf(assignment);
  return branch?.type === "IfStatement" ? (branch.test as Node) : branch?.type === "SwitchStatement" ? (branch.discriminant as Node) : null;
}

/** The outermost `if` (of an `else if` chain) or the `switch` of the module's top level an assignment runs in. */
function branchOf(assignment: Node): TSESTree.IfStatement | TSESTree.SwitchStatement | null {
  for (let n = assignment.parent; n && n.type !== "Program"; n = n.parent) {
    if (n.type === "IfStatement") {
      let outer: TSESTree.IfStatement = n;
      while (outer.parent?.type === "IfStatement" && outer.parent.alternate === outer) outer = outer.parent;
      return outer;
    }
    if (n.type === "SwitchStatement") return n;
    if (n.type !== "ExpressionStatement" && n.type !== "BlockStatement" && n.type !== "SwitchCase") return null;
  }
  return null;
}

/** What is handed at load of a secret or var: a copy, stale after a deploy (a binding's hazard is its kind's). */
const SNAPSHOT_SHAPES: ReadonlySet<string> = new Set(["value", "secret", "storeSecret", "env"]);
const SNAPSHOT = "what it keeps is a stale snapshot after a deploy";

function* check(analysis: FileAnalysis, options: Options): Iterable<Finding<MessageIds>> {
  // A chain of module constants, each built from the one before (`url` → `pool` → `db`): one
  // finding, at the last; the others are read only where the next one is made.
  const found = [...findings(analysis, options)];
  const stores = found.flatMap((f) => (f.store ? [f.store] : []));
  // (Also one destructured, `const { PG_URL } = process.env`; a guard that throws without it,
  // `if (!PG_URL) throw …`, uses it for no value of its own: one read only there keeps nothing.)
  const feedsAnother = (store: Store): boolean => {
    const decl = store.node;
    if (decl.type !== "VariableDeclarator" || (decl.id.type !== "Identifier" && decl.id.type !== "ObjectPattern") || decl.parent?.parent?.type === "ExportNamedDeclaration") return false;
    const variables = analysis.scopes.declaredBy(decl).filter((v) => (decl.id.type === "Identifier" ? v.name === decl.id.name : store.target.label === `\`${v.name}\``));
    const reads = variables.length === 1 ? variables[0].references.filter((r) => !r.init) : [];
    // (Nor does a read of a property that holds nothing of it, `mainnet.id` of `{ id: 4217, rpc: \`…${key}\` }`.)
    const constantPart = (id: Node) => id.parent?.type === "MemberExpression" && id.parent.object === id && isEmpty(analysis.trace.concreteValue(id.parent as Node));
    const used = reads.filter((r) => !inThrowingGuard(r.identifier as Node) && !inThrowingLoop(r.identifier as Node) && !constantPart(r.identifier as Node));
    return reads.length > 0 && used.every((r) => r.isReadOnly() && stores.some((other) => other !== store && within(r.identifier as Node, other.valueNode)));
  };
  // The names one top-level `if` or `switch` sets by its test: one finding, at the first.
  const chosen = new Map<Node, Finding<MessageIds>[]>();
  for (const f of found) if (f.branch) chosen.set(f.branch, [...(chosen.get(f.branch) ?? []), f.finding]);
  for (const f of found) {
    if (f.store?.how === "declare" && feedsAnother(f.store)) continue;
    const same = f.branch ? chosen.get(f.branch)! : [];
    if (same.length > 1 && same[0] !== f.finding) continue;
    yield same.length > 1 ? { ...f.finding, data: { ...f.finding.data, target: `${f.finding.data.target} and ${same.length - 1} more` } } : f.finding;
  }
}

/** Whether a read is in the test of an `if` whose branch only throws (`if (!url) throw new Error(…)`). */
function inThrowingGuard(node: Node): boolean {
  let child = node;
  for (let p = node.parent; p && p.type !== "Program" && !isFunction(p); child = p, p = p.parent) {
    if (p.type !== "IfStatement") continue;
    return child === p.test && onlyThrows(p.consequent as Node);
  }
  return false;
}

/** A statement that only throws, alone or as a block's one statement. */
function onlyThrows(statement: Node): boolean {
  const only = statement.type === "BlockStatement" && statement.body.length === 1 ? statement.body[0] : statement;
  return only.type === "ThrowStatement";
}

/**
 * Whether a read is the object a check of each of its entries goes over, whose body only throws
 * (`Object.entries(required).forEach(([k, v]) => { if (!v) throw … })`, also a `for … of` loop).
 */
function inThrowingLoop(node: Node): boolean {
  const call = node.parent;
  const callee = call?.type === "CallExpression" && call.arguments[0] === node ? unwrap(call.callee) : null;
  if (callee?.type !== "MemberExpression" || unwrap(callee.object).type !== "Identifier" || (unwrap(callee.object) as TSESTree.Identifier).name !== "Object") return false;
  if (!["entries", "values", "keys"].includes(memberName(callee) ?? "")) return false;
  const p = call!.parent;
  const each = p?.type === "MemberExpression" && p.object === call && memberName(p) === "forEach" && p.parent?.type === "CallExpression" ? p.parent.arguments[0] : null;
  const body = each && isFunction(each as Node) ? ((each as TSESTree.ArrowFunctionExpression).body as Node) : p?.type === "ForOfStatement" && p.right === call ? (p.body as Node) : null;
  const statements = body?.type === "BlockStatement" ? (body.body as Node[]) : body ? [body] : [];
  return statements.length > 0 && statements.every((s) => s.type === "IfStatement" && !s.alternate && onlyThrows(s.consequent as Node));
}

/**
 * Of the reads a call at load hands, one store each (`Client.init(env.URL, env.TOKEN)`), the one
 * named like a secret, which the call's one message names.
 */
function secretHanded(stores: readonly Store[], call: Node): string | null {
  const secret = stores.find((s) => s.node === call && s.how === "configure" && !!s.value.env && secretNamed(s.value.env));
  return secret?.value.env?.origin ?? null;
}

/**
 * A module constant the code names only in types (`const auth = createAuth({ ...env })` for `type
 * Auth = typeof auth`), not exported: nothing reads it while the Worker runs.
 */
function onlyTyped(analysis: FileAnalysis, node: Node): boolean {
  if (node.type !== "VariableDeclarator" || node.id.type !== "Identifier" || node.parent?.parent?.type === "ExportNamedDeclaration") return false;
  const variable = analysis.scopes.declaredBy(node).find((v) => v.name === (node.id as TSESTree.Identifier).name);
  const uses = variable?.references.filter((r) => !r.init) ?? [];
  return uses.length > 0 && uses.every((r) => inTypeQuery(r.identifier as Node));
}

function inTypeQuery(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "TSTypeQuery") return true;
    if (!p.type.startsWith("TS") && p.type !== "MemberExpression") return false;
  }
  return false;
}

function within(node: Node, outer: Node): boolean {
  return node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
}

function* findings(analysis: FileAnalysis, options: Options): Iterable<{ finding: Finding<MessageIds>; store?: Store; branch?: Node }> {
  const source = analysis.entry.mayHaveEnv() ? hasModuleTimeSource(analysis) : null;
  if (!source) return;
  // getCloudflareContext() / getRequestContext() while the module is evaluated.
  const contextCalls: [number, number][] = [];
  for (const site of analysis.facts.calls) {
    const call = site.node as TSESTree.CallExpression;
    // The callee first (an imported accessor, rare), then whether the call runs at load.
    const callee = unwrap(call.callee);
    if (callee.type !== "Identifier" || !analysis.scopes.mayBeImported(callee.name)) continue;
    const info = analysis.scopes.importOfId(callee);
    const spec = info ? ACCESSOR_CALLS.get(info.imported) : undefined;
    if (!spec?.requestContext || !spec.sources.includes(info!.source)) continue;
    if (site.fn !== null && !runsAtLoad(call)) continue;
    yield { finding: { loc: call.loc, messageId: "topLevelContext", data: { callee: callee.name } } };
    contextCalls.push(call.range);
  }
  // A module object's method called once with several derived arguments (`Client.init(env.URL,
  // env.KEY)`): one finding for the call.
  const configuredCalls = new Set<unknown>();
  // A pattern declared from one value (`export const { handlers, auth } = NextAuth(…)`): one finding, for the pattern.
  const patterns = new Set<unknown>();
  const stores = analysis.sinks.moduleEvaluationStores();
  for (const store of stores) {
    const id = store.how === "declare" && store.node.type === "VariableDeclarator" ? store.node.id : null;
    // (Of what a call makes: not of a literal or env itself, `[a, b] = [env.A, env.B]`, `{ A, B } = env`, each name its own value.)
    const init = id ? (store.node as TSESTree.VariableDeclarator).init : null;
    const made = init ? unwrap(init) : null;
    const one = made?.type === "CallExpression" || made?.type === "NewExpression" || (made?.type === "AwaitExpression" && unwrap(made.argument).type === "CallExpression");
    const decl = one && ((id?.type === "ObjectPattern" && id.properties.length > 1) || (id?.type === "ArrayPattern" && id.elements.length > 1)) ? (store.node as TSESTree.VariableDeclarator) : null;
    if (decl && patterns.has(decl)) continue;
    const own = analysis.reportedTaint(store.value.env);
    const env = own ?? chosenBy(analysis, store);
    if (!env) continue;
    // With no source of its own at module evaluation, only what a project module's function read.
    if (source === "project" && !env.viaModule) continue;
    if (store.how === "configure" && configuredCalls.has(store.node)) continue;
    if (env.live && env.envPath?.length === 0) continue; // an alias of the live `env` is still live
    if (env.bindingData) continue;
    if (store.how === "declare") {
      const [start, end] = store.node.range;
      if (contextCalls.some(([a, b]) => a >= start && b <= end)) continue; // reported as topLevelContext
      if (onlyTyped(analysis, store.node)) continue;
    }
    const { shape: found, kind } = analysis.shapeOf(store.valueNode, env);
    // At module evaluation no request is running: a read started there keeps the binding.
    const shape = found === "pending" ? "binding" : found;
    // (A flag or number computed from env, `hide: env.NODE_ENV === "production"`, keeps only that snapshot, whatever is built of it.)
    const client = !!env.built && !env.number && shape !== "closure" && shape !== "env";
    if (options.allowPrimitives && !client && (shape === "value" || shape === "secret" || shape === "storeSecret" || shape === "binding")) continue;
    const built = client ? configuredWith(analysis, store) : null;
    if (store.how === "configure") configuredCalls.add(store.node);
    // (Named by its first name: `{ handlers, … }`.)
    if (decl) patterns.add(decl);
    const brackets = decl?.id.type === "ArrayPattern" ? ["[", "]"] : ["{", "}"];
    const loc = decl ? decl.id.loc : store.loc;
    const target = decl ? `\`${brackets[0]} ${store.target.label.slice(1, -1)}, … ${brackets[1]}\`` : store.target.label;
    // `if (env.ENVIRONMENT !== "production") app.use(logger())`: registered, or not, for good.
    if (!own && store.how === "configure") {
      yield { store, finding: { loc, messageId: "topLevelChoice", data: { target, origin: quote(env.origin) } } };
      continue;
    }
    const finding: Finding<MessageIds> = built
      ? { loc, messageId: "topLevelConfigured", data: { built, target, origin: quote(env.origin), hazard: hazardOf(shape, kind) } }
      : client
      ? { loc, messageId: "topLevelClient", data: { target, origin: quote(env.origin), hazard: hazardOf(shape, kind) } }
      : store.how === "configure"
      ? { loc, messageId: "topLevelHanded", data: { target, origin: quote(secretHanded(stores, store.node) ?? env.origin), hazard: SNAPSHOT_SHAPES.has(shape) ? SNAPSHOT : hazardOf(shape, kind) } }
      : own
      ? { loc, messageId: "topLevelValue", data: { target, origin: quote(env.origin) } }
      : { loc, messageId: "topLevelChosen", data: { target, origin: quote(env.origin) } };
    yield { store, finding, branch: !own && store.how === "assign" ? (branchOf(store.node) ?? undefined) : undefined };
  }
}

export default createAnalysedRule<MessageIds, Options>({
  name: "no-top-level-env-derivation",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow deriving values from the imported `env` while the module is first evaluated",
      recommended: true,
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          allowPrimitives: {
            type: "boolean",
            description:
              "Allow top-level copies of plain values (`const KEY = env.API_KEY`) while still reporting clients built from `env`.",
          },
        },
      },
    ],
    messages: {
      topLevelValue: "{{target}} is read from {{origin}} once, when the module is first evaluated: a stale snapshot after a deploy.",
      topLevelChosen: "{{origin}} chooses {{target}} once, when the module is first evaluated: a stale choice after a deploy.",
      topLevelClient: "{{target}} is built from {{origin}} when the module is first evaluated: {{hazard}}.",
      topLevelConfigured: "{{built}} handed to {{target}} is built from {{origin}} when the module is first evaluated: {{hazard}}.",
      topLevelHanded: "{{origin}} is handed to {{target}} when the module is first evaluated: {{hazard}}.",
      topLevelChoice: "{{origin}} decides once, when the module is first evaluated, whether {{target}} runs: a stale choice after a deploy.",
      topLevelContext: "`{{callee}}()` runs while the module is evaluated, outside any request: its `env` and `ctx` are not those of later requests.",
    },
  },
  defaultOptions: { allowPrimitives: false },
  check,
});
