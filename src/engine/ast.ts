/** Small AST helpers, one idea each. */
import type { TSESTree } from "@typescript-eslint/utils";
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

export function paramTypeName(param: Node): string | null {
  let p: any = param;
  if (p.type === "TSParameterProperty") p = p.parameter;
  if (p.type === "AssignmentPattern") p = p.left;
  return typeName(p.typeAnnotation);
}

export function paramName(param: Node): string | null {
  let p: any = param;
  if (p.type === "TSParameterProperty") p = p.parameter;
  if (p.type === "AssignmentPattern") p = p.left;
  return p.type === "Identifier" ? p.name : null;
}

/** Short source text for messages. */
export function shortText(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
