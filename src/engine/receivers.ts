/**
 * Calls that return their receiver: the registering methods of apps and routers (`app.use(…)`,
 * `app.route(…)`, `router.get("/", handler)`) and builder methods of this file that end with
 * `return this`. Their value is that same object, not a new one built from the arguments; what the
 * arguments leave behind is kept by the receiver. So do configuring methods (`c.setToken(t)`, also
 * chained), whose arguments build the object they configure.
 */
import { builtinModules } from "node:module";
import type { TSESTree } from "@typescript-eslint/utils";
import { isFunction, memberName, outermost, propertyName, unwrap } from "./ast";
import { CONFIGURING_METHOD, HANDLER_REGISTRATIONS, LISTENER_METHODS, RETURNS_RECEIVER, STORING_METHODS } from "./builtins";
import type { FileFacts } from "./collect";
import type { FunctionNode, Node } from "./values";

/**
 * Names of {@link RETURNS_RECEIVER} that are also common methods of collections and clients
 * (`map.get(k)`, `api.post(url, body)`, `kv.delete(k)`): they register, and return the app, only
 * when handed a handler (`app.get("/", (c) => …)`).
 */
const VERBS: ReadonlySet<string> = new Set(["get", "post", "put", "delete", "patch", "all", "on", "options", "head"]);

const NODE_BUILTINS: ReadonlySet<string> = new Set(builtinModules);

/**
 * Whether an import specifier names a module of Node itself (`node:http`, `https`), other than
 * `process`, an emitter whose listeners stay for the isolate's life.
 */
export function isNodeBuiltin(specifier: string | undefined): boolean {
  if (specifier === undefined) return false;
  const name = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
  return name !== "process" && NODE_BUILTINS.has(name);
}

/** Whether a call of method `name` with these arguments registers on its receiver and returns it. */
export function registers(name: string | null, args: readonly Node[]): boolean {
  if (name === null || !RETURNS_RECEIVER.has(name)) return false;
  // (A router's `route(req.method, url.pathname)` of computed text is a lookup: Hono's mounts an app at a path, `route("/api", api)`.)
  if (name === "route" && args.length > 0 && !args.some((a) => isFunction(unwrap(a)) || unwrap(a).type === "Identifier" || isTextLiteral(unwrap(a)))) return false;
  return !VERBS.has(name) || args.some((a) => isFunction(unwrap(a)));
}

function isTextLiteral(node: Node): boolean {
  return (node.type === "Literal" && typeof node.value === "string") || (node.type === "TemplateLiteral" && node.expressions.length === 0);
}

/**
 * What a method call leaves in its receiver, by the method's name: an entry of a collection
 * (`set`, `add`, `push`, …: the arguments from the kept one on, and the key of `set`/`add`), the
 * handlers of a listener (`on`, `addEventListener`, a bot's `command("start", (ctx) => …)`), or what a registration hands an app (`use`,
 * `route`, `get("/", handler)`: every argument but a literal). Null when it keeps nothing. Shared by
 * module places (the stores) and local containers (what their value holds).
 */
export function keptByCall(
  name: string,
  args: readonly Node[],
): { kind: "entry"; values: Node[]; key: Node | undefined } | { kind: "listener" | "registration"; values: Node[] } | null {
  const storing = STORING_METHODS.get(name);
  // A set's `add` takes one value: `filters.add(ctx, rule)` is some other object's method.
  if (name === "add" && args.length !== 1) return null;
  if (storing !== undefined) return { kind: "entry", values: args.slice(storing), key: name === "set" || name === "add" ? args[0] : undefined };
  if (LISTENER_METHODS.has(name)) return { kind: "listener", values: args.filter((a) => isFunction(unwrap(a)) || unwrap(a).type === "Identifier") };
  if (HANDLER_REGISTRATIONS.has(name) && args.some((a) => isFunction(unwrap(a)))) return { kind: "listener", values: args.filter((a) => isFunction(unwrap(a))) };
  if (registers(name, args)) return { kind: "registration", values: args.filter((a) => unwrap(a).type !== "Literal") };
  return null;
}

/** Whether every return of a function gives back `this` (a builder method: `add(x) { …; return this; }`). */
export function returnsThis(fn: FunctionNode, facts: FileFacts): boolean {
  if (fn.type === "ArrowFunctionExpression") return false;
  const returns = facts.returns.get(fn);
  return !!returns && returns.length > 0 && returns.every((r) => unwrap(r).type === "ThisExpression");
}

const builderNames = new WeakMap<FileFacts, ReadonlySet<string>>();

/**
 * Names of the methods of this file's classes and object literals that return `this`, computed
 * once per file: a call whose receiver the trace cannot resolve is matched by name.
 */
export function builderMethodNames(facts: FileFacts): ReadonlySet<string> {
  let names = builderNames.get(facts);
  if (names) return names;
  const found = new Set<string>();
  for (const fn of facts.returns.keys()) {
    if (!isFunction(fn) || !returnsThis(fn, facts)) continue;
    const owner = fn.parent;
    let name: string | null = null;
    if (owner?.type === "MethodDefinition" && !owner.static && owner.kind === "method") name = propertyName(owner);
    else if (owner?.type === "Property" && owner.value === fn && owner.parent.type === "ObjectExpression") name = propertyName(owner);
    if (name !== null) found.add(name);
  }
  names = found;
  builderNames.set(facts, names);
  return names;
}

/**
 * Whether the call `callee(args)` gives back its receiver: a registering method, a resolved method
 * of this file that returns `this`, or, unresolved, a method named like one of those.
 */
export function returnsReceiver(callee: TSESTree.MemberExpression, args: readonly Node[], resolved: FunctionNode | null, facts: FileFacts): boolean {
  if (resolved) return returnsThis(resolved, facts);
  const name = memberName(callee);
  return registers(name, args) || (name !== null && builderMethodNames(facts).has(name));
}

/**
 * How a declarator gets its object: "new", an object it makes (`{}`, `[]`, `new Map()`, `new
 * Hono()`), which code then fills; "call", what a call gives (`createClient()`, `await connect()`),
 * a new object or one that lives elsewhere (`rooms.get(id)`), whose configuring methods count (what
 * it is built with) but not what is put in it; null for anything else.
 */
export function madeHow(declarator: Node): "new" | "call" | null {
  if (declarator.type !== "VariableDeclarator" || !declarator.init) return null;
  const init = unwrap(declarator.init);
  if (init.type === "ObjectExpression" || init.type === "ArrayExpression" || init.type === "NewExpression") return "new";
  const called = init.type === "AwaitExpression" ? unwrap(init.argument) : init;
  return called.type === "CallExpression" ? "call" : null;
}

/** The member a call configures its receiver through (`c.setToken` of `c.setToken(t)`), or null. */
function configuringCallee(node: Node): TSESTree.MemberExpression | null {
  if (node.type !== "CallExpression") return null;
  const callee = unwrap(node.callee as Node);
  return callee.type === "MemberExpression" && CONFIGURING_METHOD.test(memberName(callee) ?? "") ? callee : null;
}

/**
 * The object a chain of configuring calls starts from (`root`: `client` of `client.setRegion("eu")`),
 * with those calls (`chain`, innermost first); the node itself, with none, when it is no such call.
 */
export function chainedReceiver(object: Node): { root: Node; chain: TSESTree.CallExpression[] } {
  let n = unwrap(object);
  const chain: TSESTree.CallExpression[] = [];
  for (let callee = configuringCallee(n); callee && chain.length < 50; callee = configuringCallee(n)) {
    chain.unshift(n as TSESTree.CallExpression);
    n = unwrap(callee.object as Node);
  }
  return { root: n, chain };
}

/**
 * The configuring method calls a call starts (`c.setRegion("eu").setToken(t)` from its first
 * link, outward): each returns its receiver, so all configure the same object. Empty when the
 * call's method does not configure.
 */
export function configuringChain(call: TSESTree.CallExpression): TSESTree.CallExpression[] {
  const out: TSESTree.CallExpression[] = [];
  for (let c: Node | undefined = call; c && configuringCallee(c); c = outerCall(c)) out.push(c as TSESTree.CallExpression);
  return out;
}

/** The call a call's result is the receiver of (`x.b()` around `x`, when `x` is a call), or undefined. */
export function outerCall(call: Node): TSESTree.CallExpression | undefined {
  const inner = outermost(call);
  const member = inner.parent;
  if (member?.type !== "MemberExpression" || member.object !== inner) return undefined;
  return member.parent?.type === "CallExpression" && member.parent.callee === member ? member.parent : undefined;
}
