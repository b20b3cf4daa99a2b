/** Small AST helpers, one idea each. */
import type { TSESTree } from "@typescript-eslint/utils";
import { CALLBACK_METHODS, LISTENER_METHODS } from "./builtins";
import type { FunctionNode, Node } from "./values";

const TS_WRAPPERS = new Set([
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
  "TSInstantiationExpression",
  "ChainExpression",
  "ParenthesizedExpression",
]);

/** Strips `as`, `satisfies`, `!`, `<T>x`, `x<T>` and optional-chain wrappers. */
export function unwrap(node: Node): Node {
  let n: any = node;
  while (n && TS_WRAPPERS.has(n.type)) n = n.expression;
  return n;
}

/** The outermost of the wrappers {@link unwrap} strips that enclose `node` (or `node` itself). */
export function outermost(node: Node): Node {
  let n = node;
  while (n.parent && TS_WRAPPERS.has(n.parent.type)) n = n.parent;
  return n;
}

export function isFunction(node: Node | null | undefined): node is FunctionNode {
  return (
    !!node &&
    (node.type === "FunctionDeclaration" ||
      node.type === "FunctionExpression" ||
      node.type === "ArrowFunctionExpression")
  );
}

/** The static name of a member or property key, or null when it is computed and not constant. */
export function keyName(key: Node, computed: boolean): string | null {
  if (!computed) {
    if (key.type === "Identifier") return key.name;
    if (key.type === "PrivateIdentifier") return `#${key.name}`;
  }
  if (key.type === "Literal") {
    const v = (key as TSESTree.Literal).value;
    return typeof v === "string" || typeof v === "number" ? String(v) : null;
  }
  if (key.type === "TemplateLiteral" && key.expressions.length === 0) return key.quasis[0].value.cooked ?? null;
  return null;
}

export function memberName(node: TSESTree.MemberExpression): string | null {
  return keyName(node.property, node.computed);
}

export function propertyName(node: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | null {
  return keyName(node.key, node.computed);
}

/** The value of property `name` of an object literal (`{ name: v }`, `{ name }`), or null. */
export function propertyValue(node: Node, name: string): Node | null {
  const literal = unwrap(node);
  if (literal.type !== "ObjectExpression") return null;
  for (const p of literal.properties) {
    if (p.type === "Property" && p.kind === "init" && propertyName(p) === name) return p.value as Node;
  }
  return null;
}

/** The innermost object of a chain of members and calls: `a` of `a.b.c()[d].e`. */
export function chainRoot(node: Node): Node {
  let n = unwrap(node);
  for (let i = 0; i < 10_000; i++) {
    if (n.type === "MemberExpression") n = unwrap(n.object);
    else if (n.type === "CallExpression" && unwrap(n.callee).type === "MemberExpression") {
      n = unwrap((unwrap(n.callee) as TSESTree.MemberExpression).object);
    } else break;
  }
  return n;
}

/** The name a type annotation refers to: `Env`, `Cloudflare.Env` → `Env`, `Context<…>` → `Context`. */
export function typeName(annotation: Node | undefined | null): string | null {
  if (!annotation) return null;
  let t: any = annotation;
  if (t.type === "TSTypeAnnotation") t = t.typeAnnotation;
  if (t?.type !== "TSTypeReference") return null;
  const name = t.typeName;
  if (name.type === "Identifier") return name.name;
  if (name.type === "TSQualifiedName") return name.right.name;
  return null;
}

/** The full dotted name of a type reference (`Route.LoaderArgs`). */
export function typeFullName(annotation: Node | undefined | null): string | null {
  if (!annotation) return null;
  let t: any = annotation;
  if (t.type === "TSTypeAnnotation") t = t.typeAnnotation;
  if (t?.type !== "TSTypeReference") return null;
  const parts: string[] = [];
  let name = t.typeName;
  while (name.type === "TSQualifiedName") {
    parts.unshift(name.right.name);
    name = name.left;
  }
  if (name.type === "Identifier") parts.unshift(name.name);
  return parts.join(".");
}

/** A parameter's type annotation, through parameter properties and defaults. */
export function paramAnnotation(param: Node): Node | null {
  let p: any = param;
  if (p.type === "TSParameterProperty") p = p.parameter;
  if (p.type === "AssignmentPattern") p = p.left;
  return p.typeAnnotation ?? null;
}

/** The member a type's text holds env in (`env` of `Context & { env: Env }`; not in a type argument, `Context<{ Bindings: Env }>`), as a name `envType` takes says. */
export function envMemberIn(typeText: string, envType: (name: string) => boolean): string | undefined {
  let text = typeText;
  for (let i = 0; i < 4 && text.includes("<"); i++) text = text.replace(/<[^<>]*>/g, "");
  for (const m of text.matchAll(/[{;,]\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*:\s*(?:Readonly\s*<\s*)?([A-Za-z_$][\w$]*)/g)) if (envType(m[2])) return m[1];
  return undefined;
}

/**
 * An env type (a name `envType` takes) in an intersection (`Env & { … }`), and the member of an object
 * type that has one (`env` of `{ env: Env }`, also intersected: `Context & { env: Env }`). A name of
 * the file's own types (`declared`: an alias, or an interface, `interface BotContext extends Context
 * { env: Env }`) is looked through once.
 */
export function envTypeParts(type: Node | null, envType: (name: string) => boolean, declared?: (name: string) => Node | undefined): [boolean, string | undefined] {
  const isEnv = (t: Node | null) => envType((t && typeName(t)) ?? "");
  const own = declared && type?.type === "TSTypeReference" && type.typeName.type === "Identifier" && !type.typeArguments ? declared(type.typeName.name) : undefined;
  if (own) return envTypeParts(own.type === "TSInterfaceDeclaration" ? own.body : own, envType);
  if (type?.type === "TSIntersectionType") return type.types.some((t) => isEnv(t as Node)) ? [true, undefined] : [false, type.types.map((t) => envTypeParts(t as Node, envType)[1]).find((m) => m !== undefined)];
  const members = type?.type === "TSTypeLiteral" ? type.members : type?.type === "TSInterfaceBody" ? type.body : null;
  const m = members?.find((m) => m.type === "TSPropertySignature" && !m.computed && m.key.type === "Identifier" && isEnv(unwrapType(paramAnnotation(m as never))));
  return [false, ((m as TSESTree.TSPropertySignature | undefined)?.key as TSESTree.Identifier | undefined)?.name];
}

export function paramTypeName(param: Node): string | null {
  return typeName(unwrapType(paramAnnotation(param)));
}

/** The names of a union's members that are named types (`APIContext | ActionAPIContext | undefined`): none for any other type. */
export function unionTypeNames(annotation: Node | null | undefined): string[] {
  const t = unwrapType(annotation);
  return t?.type === "TSUnionType" ? t.types.map((member) => typeName(unwrapType(member as Node))).filter((n): n is string => n !== null) : [];
}

/** A callback an emitter's `on("event", cb)` registers (`page.on("requestfailed", (request) => …)`): its arguments are that emitter's. */
export function isEmitterListener(fn: Node): boolean {
  const call = fn.parent;
  if (call?.type !== "CallExpression" || call.arguments[0] === fn || !call.arguments.includes(fn as never)) return false;
  const callee = unwrap(call.callee as Node);
  const first = call.arguments[0];
  return callee.type === "MemberExpression" && LISTENER_METHODS.has(memberName(callee) ?? "") && first.type === "Literal" && typeof first.value === "string";
}

/** `null` or `undefined` written out. */
export function isNullish(node: Node): boolean {
  return (node.type === "Literal" && node.value === null) || (node.type === "Identifier" && node.name === "undefined");
}

/** The one expression a function returns: an arrow's expression body, or a body of one `return`. */
export function returnedOnly(fn: FunctionNode): Node | null {
  if (fn.body.type !== "BlockStatement") return fn.body as Node;
  return fn.body.body.length === 1 && fn.body.body[0].type === "ReturnStatement" ? (fn.body.body[0].argument as Node | null) : null;
}

/** The function a node runs in (an arrow too), or null at the top of the module. */
export function enclosingFunction(node: Node): FunctionNode | null {
  for (let n = node.parent; n; n = n.parent) if (isFunction(n)) return n;
  return null;
}

/** Type wrappers that leave the wrapped type's members in place: `Readonly<Env>`, `NonNullable<…>`. */
const TYPE_WRAPPERS = new Set(["Readonly", "NonNullable", "Required", "Partial"]);

/** A type annotation without its wrappers (`Readonly<Env>` is `Env`) and without `TSTypeAnnotation`. */
export function unwrapType(annotation: Node | null | undefined): Node | null {
  let t: any = annotation ?? null;
  if (t?.type === "TSTypeAnnotation") t = t.typeAnnotation;
  for (let i = 0; i < 4 && t?.type === "TSTypeReference"; i++) {
    const args = (t.typeArguments ?? t.typeParameters)?.params;
    if (t.typeName.type !== "Identifier" || !TYPE_WRAPPERS.has(t.typeName.name) || args?.length !== 1) break;
    t = args[0];
  }
  return t;
}

/**
 * A function's parameters as its callers fill them: without TypeScript's leading `this`
 * parameter (`function f(this: Foo, env: Env)` is called `f(env)`), so that an argument's position
 * is its parameter's.
 */
export function callParams<F extends { params: TSESTree.Parameter[] }>(fn: F): F["params"] {
  const first = fn.params[0];
  return first?.type === "Identifier" && first.name === "this" ? fn.params.slice(1) : fn.params;
}

export function paramName(param: Node): string | null {
  let p: any = param;
  if (p.type === "TSParameterProperty") p = p.parameter;
  if (p.type === "AssignmentPattern") p = p.left;
  return p.type === "Identifier" ? p.name : null;
}

/**
 * A member chain's text as a message names it, without TypeScript's casts and assertions:
 * `globalThis[key]` for `(globalThis as unknown as { [key]?: Bus })[key]`, `cache.items` for
 * `cache!.items`. Anything else is its source text.
 */
export function chainText(sourceCode: { getText(node: Node): string }, node: Node): string {
  const e = unwrap(node);
  if (e.type === "ChainExpression") return chainText(sourceCode, e.expression as Node);
  if (e.type !== "MemberExpression") return sourceCode.getText(e);
  // (An object that is no name, member or call keeps its parentheses: `(cache.clients ??= {}).stripe`.)
  const inner = unwrap(e.object as Node).type;
  const bare = chainText(sourceCode, e.object as Node);
  const object = /^(?:Identifier|ThisExpression|Super|MemberExpression|ChainExpression|CallExpression|NewExpression|MetaProperty|Literal|TemplateLiteral|ArrayExpression)$/.test(inner) ? bare : `(${bare})`;
  if (e.computed) return `${object}${e.optional ? "?." : ""}[${chainText(sourceCode, e.property as Node)}]`;
  return `${object}${e.optional ? "?." : "."}${sourceCode.getText(e.property as Node)}`;
}

/** Short source text for messages. */
/**
 * A chain of names and calls as a message names it (`c.env`, `this.env`, `new Hono(…).use`): each
 * call's arguments left out, none shown as `()`; null for anything else.
 */
export function chainLabel(node: Node, depth = 0): string | null {
  const e = unwrap(node);
  if (depth > 8) return null;
  if (e.type === "Identifier") return e.name;
  if (e.type === "ThisExpression") return "this";
  if (e.type === "MemberExpression") {
    const object = chainLabel(e.object as Node, depth + 1);
    const key = memberName(e);
    return object === null || key === null ? null : `${object}.${key}`;
  }
  if (e.type === "CallExpression" || e.type === "NewExpression") {
    const callee = chainLabel(e.callee as Node, depth + 1);
    if (callee === null) return null;
    return `${e.type === "NewExpression" ? "new " : ""}${callee}${e.arguments.length ? "(…)" : "()"}`;
  }
  return null;
}

export function shortText(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/**
 * The leaves of a destructuring pattern with the keys that lead to each: `{ a, b: [c] }` gives
 * `a` (["a"]) and `c` (["b", "0"]). A computed key is null; rest elements and defaults add no key.
 * With `defaults`, the default values met on the way (`e = live`, `{ db = env.DB }`) are added to it.
 */
/**
 * What an object or array literal is made of: each property's value and each element, a spread's
 * argument marked `spread`. Null for anything but such a literal.
 */
export function literalParts(node: Node): { node: Node; spread: boolean }[] | null {
  const n = unwrap(node);
  if (n.type !== "ObjectExpression" && n.type !== "ArrayExpression") return null;
  const members = n.type === "ObjectExpression" ? n.properties : n.elements.filter((e) => e !== null);
  return members.map((m) => (m!.type === "SpreadElement" ? { node: m!.argument as Node, spread: true } : { node: (m!.type === "Property" ? m!.value : m) as Node, spread: false }));
}

/**
 * The part of an object or array literal a destructuring key path takes (`b` of `[a, b]` for `1`,
 * `x` of `{ k: x }` for `k`): null where a spread, a computed key or anything but a literal stands.
 */
export function literalPart(expr: Node, keys: readonly (string | null)[]): Node | null {
  let n = unwrap(expr);
  for (const key of keys) {
    if (key === null) return null;
    if (n.type === "ArrayExpression") {
      const index = Number(key);
      const before = n.elements.slice(0, index + 1);
      if (!Number.isInteger(index) || before.some((e) => e?.type === "SpreadElement")) return null;
      const el = n.elements[index];
      if (!el) return null;
      n = unwrap(el as Node);
    } else if (n.type === "ObjectExpression") {
      if (n.properties.some((p) => p.type === "SpreadElement" || p.computed)) return null;
      // The last property of the name is the one that stands.
      const prop = [...n.properties].reverse().find((p) => p.type === "Property" && keyName(p.key, false) === key) as TSESTree.Property | undefined;
      if (!prop) return null;
      n = unwrap(prop.value as Node);
    } else return null;
  }
  return n;
}

/**
 * The part of a declarator's literal a destructured name takes (`appName` of `const [key, appName]
 * = [env.KEY, env.APP]`): null when the name is the whole, or no literal part is found.
 */
export function declaredPart(id: Node, decl: TSESTree.VariableDeclarator): Node | null {
  if (!decl.init || id === decl.id) return null;
  const keys: string[] = [];
  for (let n: Node = id; n !== decl.id; n = n.parent!) {
    const parent = n.parent;
    if (parent?.type === "Property" && parent.value === n && !parent.computed) keys.unshift(keyName(parent.key, false) ?? "");
    else if (parent?.type === "ArrayPattern") keys.unshift(String(parent.elements.indexOf(n as never)));
    else if (parent?.type !== "ObjectPattern") return null; // a default, a rest: the literal alone does not say
  }
  return literalPart(decl.init as Node, keys);
}

export function patternLeaves(pattern: Node, defaults?: Node[]): { leaf: Node; keys: (string | null)[] }[] {
  const out: { leaf: Node; keys: (string | null)[] }[] = [];
  const stack: { node: Node; keys: (string | null)[] }[] = [{ node: pattern, keys: [] }];
  while (stack.length) {
    const { node, keys } = stack.pop()!;
    const n = unwrap(node);
    switch (n.type) {
      // Children are pushed last first, so that the leaves come out in the order of the source.
      case "ObjectPattern":
        for (const p of [...n.properties].reverse()) {
          if (p.type === "RestElement") stack.push({ node: p.argument, keys });
          else stack.push({ node: p.value, keys: [...keys, p.computed ? null : keyName(p.key, false)] });
        }
        break;
      case "ArrayPattern":
        for (let i = n.elements.length - 1; i >= 0; i--) {
          const el = n.elements[i];
          // A rest element takes the elements from its position on: no one key.
          if (el) stack.push({ node: el.type === "RestElement" ? el.argument : el, keys: [...keys, el.type === "RestElement" ? null : String(i)] });
        }
        break;
      case "AssignmentPattern":
        defaults?.push(n.right);
        stack.push({ node: n.left, keys });
        break;
      case "RestElement":
        stack.push({ node: n.argument, keys });
        break;
      case "Identifier":
      case "MemberExpression":
        out.push({ leaf: n, keys });
        break;
      default:
        break;
    }
  }
  return out;
}

/** Whether `child` is one step of a destructuring pattern inside `parent` (walking up from a leaf). */
export function isPatternStep(parent: Node, child: Node): boolean {
  switch (parent.type) {
    case "Property":
      return parent.value === child && parent.parent?.type === "ObjectPattern";
    case "ObjectPattern":
    case "ArrayPattern":
    case "RestElement":
      return true;
    case "AssignmentPattern":
      return parent.left === child;
    default:
      return false;
  }
}

/**
 * The arguments a `.call(thisArg, …)` or `.apply(thisArg, [...])` passes, in parameter order
 * (an `apply` whose array is not written out passes nothing the file can see).
 */
export function forwardedArguments(method: "call" | "apply", args: readonly Node[]): Node[] {
  const rest = args.slice(1);
  if (method === "call") return rest;
  const list = rest[0];
  return list?.type === "ArrayExpression" ? (list.elements.filter(Boolean) as Node[]) : [];
}

/** Small stable numbers for nodes, for memo keys that combine a node with something else. */
export class NodeIds {
  private readonly ids = new Map<Node, number>();
  of(node: Node): number {
    let id = this.ids.get(node);
    if (id === undefined) this.ids.set(node, (id = this.ids.size));
    return id;
  }
}

/** Type annotations no env object fits: primitives, literals, arrays and tuples, and unions of these. */
const PLAIN_DATA_TYPES = new Set(["TSStringKeyword", "TSNumberKeyword", "TSBooleanKeyword", "TSBigIntKeyword", "TSSymbolKeyword", "TSLiteralType", "TSArrayType", "TSTupleType", "TSNullKeyword", "TSUndefinedKeyword", "TSVoidKeyword", "TSTemplateLiteralType"]);

export function isPlainDataType(annotation: Node | null): boolean {
  if (!annotation) return false;
  const t = (annotation.type === "TSTypeAnnotation" ? annotation.typeAnnotation : annotation) as Node;
  if (t.type === "TSUnionType") return t.types.every((member) => isPlainDataType(member as Node));
  return PLAIN_DATA_TYPES.has(t.type);
}

/** Number and boolean types, their literals, and unions of these with `null`/`undefined`. */
const NUMERIC_TYPES = new Set(["TSNumberKeyword", "TSBooleanKeyword", "TSBigIntKeyword"]);

/**
 * Whether a type annotation says a number or a flag (`rate: number`, `n?: number | null`,
 * `on: boolean`): no value of that type is a request's data or holds a binding.
 */
export function isNumericType(annotation: Node | null | undefined): boolean {
  if (!annotation) return false;
  const t = (annotation.type === "TSTypeAnnotation" ? annotation.typeAnnotation : annotation) as Node;
  if (t.type === "TSUnionType") {
    const members = t.types as Node[];
    return members.some((m) => m.type !== "TSNullKeyword" && m.type !== "TSUndefinedKeyword") && members.every((m) => m.type === "TSNullKeyword" || m.type === "TSUndefinedKeyword" || isNumericType(m));
  }
  if (t.type === "TSLiteralType") return typeof (t.literal as { value?: unknown }).value === "number" || typeof (t.literal as { value?: unknown }).value === "boolean";
  return NUMERIC_TYPES.has(t.type);
}

/** Whether a function is declared to give a number or a flag (`: boolean`; an async one `: Promise<number>`). */
export function declaresNumber(fn: FunctionNode): boolean {
  return isNumericType(declaredResult(fn));
}

/** Whether a function is declared to give text, numbers or lists of them (`: string`; an async one `: Promise<string>`): no client. */
export function declaresPlainData(fn: FunctionNode): boolean {
  return isPlainDataType(declaredResult(fn) ?? null);
}

/** The type a function is declared to give (of an async one, what its promise settles to). */
function declaredResult(fn: FunctionNode): Node | undefined {
  let t = fn.returnType as Node | undefined;
  if (fn.async) {
    const r = t?.type === "TSTypeAnnotation" ? (t.typeAnnotation as Node) : t;
    t = r?.type === "TSTypeReference" && r.typeName.type === "Identifier" && r.typeName.name === "Promise" ? (r.typeArguments?.params[0] as Node | undefined) : undefined;
  }
  return t;
}

/**
 * What a text is spelled from by a template or `+` (`` `v1:${id}` ``, `"p:" + a + b`): its parts
 * that are neither, nested ones followed a few levels; null for a node that is neither.
 */
export function spelledParts(node: Node, depth = 0): Node[] | null {
  const n = unwrap(node);
  const parts = n.type === "TemplateLiteral" ? (n.expressions as Node[]) : n.type === "BinaryExpression" && n.operator === "+" ? [n.left as Node, n.right as Node] : null;
  if (!parts || depth > 8) return null;
  // (A part with a fallback to text, `${site || ""}`, is spelled from that part; one chosen between
  // spellings, `${filters ? JSON.stringify(filters) : ""}`, from each that is not text alone.)
  const text = (p: Node) => p.type === "Literal" || (p.type === "TemplateLiteral" && p.expressions.length === 0);
  const named = (part: Node): Node[] => {
    const p = unwrap(part);
    if (p.type === "LogicalExpression" && p.operator !== "&&" && text(p.right as Node)) return [p.left as Node];
    return p.type === "ConditionalExpression" ? [p.consequent as Node, p.alternate as Node].filter((b) => !text(b)) : [part];
  };
  return parts.flatMap(named).flatMap((part) => spelledParts(part, depth + 1) ?? [part]);
}

/**
 * Whether a node follows an unconditional `return` or `throw` of its own function (or of the
 * module's top level): a statement list it stands in has one before it. Such code never runs. The
 * search stops at the node's function: a declaration after its parent's `return` is still hoisted.
 */
export function afterExit(node: Node): boolean {
  for (let n: Node = node; n.parent && !isFunction(n); n = n.parent) {
    const p = n.parent as Node;
    const list = p.type === "BlockStatement" || p.type === "Program" || p.type === "StaticBlock" ? p.body : p.type === "SwitchCase" ? p.consequent : null;
    if (!list) continue;
    for (const s of list as readonly Node[]) {
      if (s === n) break;
      if (s.type === "ReturnStatement" || s.type === "ThrowStatement") return true;
    }
  }
  return false;
}

/**
 * Whether a write goes into an entry its function got from a collection (`const m = trackers.get(id)`,
 * then `m.extra = …`) and takes out of it again (`trackers.delete(id)`) later in the same block,
 * with no `await` between: no other request can see what the write put there.
 */
export function deletedInCall(sourceCode: { getText(node: Node): string }, node: Node, variableInit: (id: TSESTree.Identifier) => Node | null): boolean {
  const left = node.type === "AssignmentExpression" ? unwrap(node.left as Node) : null;
  const root = left?.type === "MemberExpression" ? chainRoot(left) : null;
  const init = root?.type === "Identifier" ? variableInit(root) : null;
  const got = init && unwrap(init).type === "CallExpression" ? (unwrap(init) as TSESTree.CallExpression) : null;
  if (!got || got.callee.type !== "MemberExpression" || memberName(got.callee) !== "get" || got.arguments.length !== 1) return false;
  const removal = `${chainText(sourceCode, got.callee.object as Node)}.delete(${sourceCode.getText(got.arguments[0] as Node)})`;
  // The statements after it, in its block and in each enclosing one up to its function's body.
  for (let n: Node = node; n.parent && !isFunction(n); n = n.parent as Node) {
    if (n.parent.type !== "BlockStatement") continue;
    const body = n.parent.body as Node[];
    for (const later of body.slice(body.indexOf(n) + 1)) {
      const text = sourceCode.getText(later);
      if (text.includes(removal)) return later.type === "ExpressionStatement";
      if (/\bawait\b|\breturn\b|\bthrow\b/.test(text)) return false;
    }
  }
  return false;
}

/**
 * Whether code runs while the module is evaluated: at its top level, or in a function called
 * there at once (`const get = (() => { const c = new OpenAI(…); return () => c; })()`).
 */
export function runsAtLoad(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === "ClassBody") return false;
    if (!isFunction(n)) continue;
    let call: Node = n;
    while (call.parent && (call.parent.type === "TSAsExpression" || call.parent.type === "TSNonNullExpression" || call.parent.type === "TSSatisfiesExpression")) call = call.parent;
    if (call.parent?.type !== "CallExpression" || call.parent.callee !== call) return false;
    n = call.parent;
  }
  return true;
}

/** Whether a program or a function body starts with the `"use server"` directive. */
export function hasUseServer(body: Node | null | undefined): boolean {
  const first = body && (body.type === "Program" || body.type === "BlockStatement") ? body.body[0] : undefined;
  return first?.type === "ExpressionStatement" && first.directive === "use server";
}

/** A parameter whose default value is a string or number (`env = "production"`). */
export function literalDefault(param: Node): boolean {
  return param.type === "AssignmentPattern" && param.right.type === "Literal" && (typeof param.right.value === "string" || typeof param.right.value === "number");
}

/** A parameter without its default value (`{ env } = {}`). */
export function unwrapPattern(param: Node): Node {
  return param.type === "AssignmentPattern" ? (param.left as Node) : param;
}

/** Whether a member chain ends with these keys: `a.locals.runtime` ends with `locals`, `runtime`. */
export function endsWithMembers(node: Node, path: readonly string[]): boolean {
  let n = node;
  for (let i = path.length - 1; i >= 0; i--) {
    if (n.type !== "MemberExpression" || memberName(n) !== path[i]) return false;
    n = unwrap(n.object);
  }
  return true;
}

/**
 * What a call handing `args` fills a seed (a parameter of `fn`, by the function's start and the
 * parameter's index) with: nothing (`null`: the argument left out, `undefined`, `void 0`), the
 * argument it hands, or `false` when it is another function's seed or a spread before it leaves the
 * position in doubt.
 */
export function seedArgument(fn: FunctionNode, args: readonly Node[], { start, index }: { start: number; index: number }): Node | null | false {
  if (start !== fn.range[0] || args.slice(0, index + 1).some((a) => a.type === "SpreadElement")) return false;
  const arg = args[index] ? unwrap(args[index]) : null;
  return !arg || (arg.type === "Identifier" && arg.name === "undefined") || (arg.type === "UnaryExpression" && arg.operator === "void") ? null : args[index];
}

/**
 * The receiver and name of the callback method `fn` is handed to (`list.map(fn)`, `p.then(fn)`),
 * whose elements or result its parameters receive; null when it is handed to anything else.
 */
export function callbackReceiver(fn: FunctionNode): { object: Node; name: string } | null {
  const call = fn.parent;
  if (call?.type !== "CallExpression" || !call.arguments.includes(fn as never)) return null;
  const callee = unwrap(call.callee);
  if (callee.type !== "MemberExpression") return null;
  const name = memberName(callee);
  return name && CALLBACK_METHODS.has(name) ? { object: callee.object, name } : null;
}

/** A call of `fetch()` or of a `fetch` method: what it resolves to is a Response. */
export function isFetchCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === "Identifier") return callee.name === "fetch" || isFetchParameter(call, callee.name);
  return callee.type === "MemberExpression" && memberName(callee) === "fetch";
}

/** A parameter of an enclosing function that stands for `fetch`: its default (`fetcher = fetch`) or its type (`fetcher: typeof fetch`) says so. */
function isFetchParameter(from: Node, name: string): boolean {
  for (let n: Node | undefined = from.parent; n; n = n.parent) {
    if (!isFunction(n)) continue;
    for (const param of n.params) {
      const id = param.type === "AssignmentPattern" ? param.left : param;
      if (id.type !== "Identifier" || id.name !== name) continue;
      const annotation = id.typeAnnotation?.typeAnnotation;
      const typed = annotation?.type === "TSTypeQuery" && annotation.exprName.type === "Identifier" && annotation.exprName.name === "fetch";
      return typed || (param.type === "AssignmentPattern" && param.right.type === "Identifier" && param.right.name === "fetch");
    }
  }
  return false;
}

/** A string or number literal, or a template: `"info"`, `60_000`, `\`${a}\``. */
export function isTextOrNumber(node: Node): boolean {
  const n = unwrap(node);
  return (n.type === "Literal" && (typeof n.value === "string" || typeof n.value === "number")) || n.type === "TemplateLiteral";
}

/** A comparison of order (`now - at < ttl`, `v >= 2`): a test of a value's age or version, not of its presence. */
export function isOrdering(node: Node): boolean {
  const n = unwrap(node);
  return n.type === "BinaryExpression" && (n.operator === "<" || n.operator === ">" || n.operator === "<=" || n.operator === ">=");
}

/** Whether a member expression is written, not read (`env.X = v`, `delete env.X`, `env.X++`, `[env.X] = list`). */
export function isWrittenMember(member: Node): boolean {
  const p = outermost(member).parent;
  if (!p) return false;
  if (p.type === "AssignmentExpression" && p.left === outermost(member)) return true;
  if (p.type === "UpdateExpression") return true;
  // A target of a destructuring assignment: `[env.USER] = …`, `({ tenant: env.TENANT } = …)`.
  if (p.type === "ArrayPattern" || p.type === "RestElement" || (p.type === "AssignmentPattern" && p.left === outermost(member))) return true;
  if (p.type === "Property" && p.value === outermost(member) && p.parent?.type === "ObjectPattern") return true;
  return p.type === "UnaryExpression" && p.operator === "delete";
}

/** What a write reads, its fallback aside (`env.TOKEN || token`, `env.TOKEN ?? ""`: `env.TOKEN`). */
export function holderRead(node: Node): Node {
  const e = unwrap(node);
  return e.type === "LogicalExpression" && e.operator !== "&&" ? unwrap(e.left as Node) : e;
}

/** A name, or a chain of at most four member reads off one (`env`, `c.env`, `event.context.cloudflare.env`). */
export function isShortChain(node: Node): boolean {
  let e = node;
  for (let i = 0; i < 4 && e.type === "MemberExpression"; i++) e = unwrap(e.object as Node);
  return e.type === "Identifier";
}

/** A literal, or an array or object of literals: a constant no caller's state is in. */
export function isConstant(node: Node): boolean {
  switch (node.type) {
    case "Literal":
      return true;
    case "TemplateLiteral":
      return node.expressions.length === 0;
    case "UnaryExpression":
      return (node.operator === "-" || node.operator === "+") && node.argument.type === "Literal";
    case "ArrayExpression":
      return node.elements.every((e) => e !== null && isConstant(e));
    case "ObjectExpression":
      return node.properties.every((p) => p.type === "Property" && !p.computed && isConstant(p.value));
    default:
      return false;
  }
}
