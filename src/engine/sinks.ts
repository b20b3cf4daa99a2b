/**
 * Where a value escapes into module scope: module variables, module objects and collections,
 * `globalThis`, class statics, shared `this` of module-level objects and instances.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { isFunction, memberName, shortText, unwrap } from "./ast";
import type { Site } from "./collect";
import { isModuleLevel, type Evaluator } from "./evaluate";
import { LISTENER_METHODS, SETTER_NAME, STORING_METHODS } from "./sources";
import { EMPTY, join, member, type Node, type Val } from "./values";

export type TargetKind = "variable" | "object" | "global" | "static" | "shared-object" | "module-instance";

export interface Target {
  /** How the message names the place: `client`, `cache.db`, `globalThis.prisma`, `MyClass.instance`. */
  label: string;
  kind: TargetKind;
}

export type StoreHow = "assign" | "lazy" | "collection" | "listener";

/** A write of some value into module scope. */
export interface Store {
  node: Node;
  loc: TSESTree.SourceLocation;
  target: Target;
  how: StoreHow;
  /** The expression whose value is stored (for messages and shape). */
  valueNode: Node;
  value: Val;
  /** The key of a collection store (`cache.set(key, value)`), if any. */
  keyNode?: Node;
  /** The collection is a WeakMap or WeakSet: an entry lives only as long as its key. */
  weak?: boolean;
  /** Whether the store runs at module evaluation (top-level code, static initializers). */
  topLevel: boolean;
}

function code(text: string): string {
  return `\`${text}\``;
}

/** `Object.assign`, `Reflect.set`, `Object.defineProperty`, `Object.defineProperties`. */
const OBJECT_WRITERS = new Set(["assign", "set", "defineProperty", "defineProperties"]);

/** Methods that hand back an element of a collection (not a new object). */
const ELEMENT_READERS = new Set(["get", "at", "find", "findLast", "deref"]);

const GLOBAL_OBJECTS = new Set(["globalThis", "self", "global", "window"]);

export class Sinks {
  constructor(private readonly ev: Evaluator) {}

  /** The module-scope place an expression designates, or null when it is local. */
  moduleTarget(expr: Node, depth = 0): Target | null {
    const e = unwrap(expr);
    if (depth > 8) return null;
    switch (e.type) {
      case "Identifier": {
        const v = this.ev.variableOf(e);
        if (!v) return GLOBAL_OBJECTS.has(e.name) ? { label: code(e.name), kind: "global" } : null;
        if (isModuleLevel(v)) {
          // Writes onto the imported `env` are no-env-mutation's, not module stores.
          if (this.ev.isLiveEnv(v)) return null;
          return { label: code(e.name), kind: "variable" };
        }
        // A local alias of module state: `const g = globalThis`, `const store = moduleCache`.
        const def = v.defs[0];
        if (v.defs.length === 1 && def.type === "Variable" && def.node.id.type === "Identifier" && def.node.init) {
          if (v.references.some((r) => r.isWrite() && !r.init)) return null;
          const t = this.moduleTarget(def.node.init, depth + 1);
          return t ? { label: t.label, kind: t.kind === "variable" ? "object" : t.kind } : null;
        }
        return null;
      }
      case "ThisExpression":
        return this.thisTarget(e);
      case "MemberExpression": {
        const object = unwrap(e.object);
        if (object.type === "Identifier" && object.name === "process" && memberName(e) === "env" && this.ev.isUnresolved(object)) {
          return { label: code("process.env"), kind: "global" };
        }
        const t = this.moduleTarget(object, depth + 1);
        if (!t) return null;
        const text = code(shortText(this.ev.sourceCode.getText(e)));
        const label = object.type === "ThisExpression" ? `${text} (\`this\` is ${t.label})` : text;
        return { label, kind: t.kind === "variable" ? "object" : t.kind };
      }
      case "CallExpression": {
        // `cache.get(key).push(v)`: an element read from module state is module state; the
        // result of any other call (`readline.createInterface()`) is a new object.
        const callee = unwrap(e.callee);
        if (callee.type !== "MemberExpression" || !ELEMENT_READERS.has(memberName(callee) ?? "")) return null;
        return this.moduleTarget(callee.object, depth + 1);
      }
      default:
        return null;
    }
  }

  /** `this` that designates module state: a static method's class, a shared object literal, a module instance. */
  private thisTarget(node: TSESTree.ThisExpression): Target | null {
    const binder = this.ev.facts.thisBinder.get(node);
    if (!binder) return null;
    const owner = this.ev.classOfBinder(binder);
    if (owner) {
      const cls = owner.cls as TSESTree.ClassDeclaration;
      const name = cls.id?.name ?? "the class";
      if (owner.isStatic) return { label: `class \`${name}\``, kind: "static" };
      if (owner.owner.type === "MethodDefinition" && owner.owner.kind === "constructor") return null;
      const info = this.ev.facts.classes.get(cls);
      if (info && info.moduleInstances.length > 0 && this.ev.classKind(cls) === "plain") {
        return { label: `module-scope instance \`${info.moduleInstances[0]}\``, kind: "module-instance" };
      }
      return null;
    }
    if (!isFunction(binder)) return null;
    const prop = binder.parent;
    if (prop?.type !== "Property" || prop.parent.type !== "ObjectExpression") return null;
    const obj = prop.parent;
    if (this.ev.sharedObjects.has(obj)) return { label: "the default export object", kind: "shared-object" };
    const name = moduleLevelObjectName(obj);
    return name ? { label: `module-scope object \`${name}\``, kind: "shared-object" } : null;
  }

  /** Every store into module scope in the file, runtime and module-evaluation alike. */
  stores(assignments: Site[], calls: Site[]): Store[] {
    const out: Store[] = [];
    for (const site of assignments) this.assignmentStores(site, out);
    for (const site of calls) this.callStores(site, out);
    return out;
  }

  private assignmentStores(site: Site, out: Store[]) {
    const node = site.node as TSESTree.AssignmentExpression;
    const left = unwrap(node.left);
    if (left.type === "Identifier" || left.type === "MemberExpression") {
      const target = left.type === "Identifier" ? this.identifierTarget(left) : this.moduleTarget(left);
      if (!target) return;
      const lazy = node.operator === "??=" || node.operator === "||=" || isLazyGuarded(this.ev, node, left);
      out.push({
        node,
        loc: left.loc,
        target,
        how: lazy ? "lazy" : "assign",
        valueNode: node.right,
        value: this.ev.concreteValue(node.right),
        topLevel: site.fn === null,
      });
      return;
    }
    if (left.type === "ObjectPattern" || left.type === "ArrayPattern") {
      const rootValue = this.ev.valueAt(node.right);
      for (const { leaf, value } of patternLeaves(left, rootValue)) {
        const target = leaf.type === "Identifier" ? this.identifierTarget(leaf) : this.moduleTarget(leaf);
        if (!target) continue;
        out.push({ node, loc: leaf.loc, target, how: "assign", valueNode: node.right, value: this.ev.resolve(value), topLevel: site.fn === null });
      }
    }
  }

  /** A bare identifier assigned: a module variable, or an undeclared global. */
  private identifierTarget(id: TSESTree.Identifier): Target | null {
    const v = this.ev.variableOf(id);
    if (!v) return { label: code(id.name), kind: "global" };
    return isModuleLevel(v) ? { label: code(id.name), kind: "variable" } : null;
  }

  private callStores(site: Site, out: Store[]) {
    const node = site.node as TSESTree.CallExpression;
    if (node.type !== "CallExpression") return;
    const callee = unwrap(node.callee);
    if (callee.type !== "MemberExpression") return;
    const name = memberName(callee);
    if (name === null || !(STORING_METHODS.has(name) || LISTENER_METHODS.has(name) || OBJECT_WRITERS.has(name))) return;
    const object = unwrap(callee.object);
    const args = node.arguments as Node[];
    const push = (target: Target | null, how: StoreHow, values: Node[], keyNode?: Node) => {
      if (!target || values.length === 0) return;
      let value = EMPTY;
      for (const a of values) value = join(value, this.ev.concreteValue(a.type === "SpreadElement" ? (a as TSESTree.SpreadElement).argument : a));
      out.push({ node, loc: callee.loc, target, how, valueNode: values[0], value, keyNode, topLevel: site.fn === null });
    };
    // Object.assign(target, …), Reflect.set(target, k, v), Object.defineProperty(target, k, d).
    if (object.type === "Identifier" && (object.name === "Object" || object.name === "Reflect") && this.ev.isUnresolved(object)) {
      const target = args[0] ? this.moduleTarget(args[0]) : null;
      if (name === "assign") push(target, "assign", args.slice(1));
      else if (name === "set" || name === "defineProperty") push(target, "assign", args.slice(2, 3));
      else if (name === "defineProperties") push(target, "assign", args.slice(1, 2));
      return;
    }
    const first = STORING_METHODS.get(name);
    // A method of a class of this file (`cache.set(k, v)` on `new AttachmentCache()`) is followed
    // into its body instead: what it stores, and where, is seen there.
    if (first !== undefined && !this.ev.resolveFunction(callee)) {
      const target = this.moduleTarget(object);
      if (!target) return;
      const before = out.length;
      push(target, "collection", args.slice(first), name === "set" ? args[0] : name === "add" ? args[0] : undefined);
      if (out.length > before && (name === "set" || name === "add") && this.isWeakCollection(object)) out[out.length - 1].weak = true;
      return;
    }
    if (LISTENER_METHODS.has(name)) {
      const target = this.moduleTarget(object);
      push(target, "listener", args.filter((a) => isFunction(unwrap(a)) || unwrap(a).type === "Identifier"));
    }
  }

  /** Whether an expression holds a `new WeakMap()` / `new WeakSet()` created in this file. */
  private isWeakCollection(expr: Node): boolean {
    const e = unwrap(expr);
    let init: Node | null | undefined = null;
    if (e.type === "Identifier") {
      const def = this.ev.variableOf(e)?.defs[0];
      if (def?.type === "Variable") init = def.node.init;
    } else if (e.type === "MemberExpression" && unwrap(e.object).type === "ThisExpression") {
      const owner = this.ev.classOfBinder(this.ev.facts.thisBinder.get(unwrap(e.object) as TSESTree.ThisExpression));
      const info = owner && this.ev.facts.classes.get(owner.cls);
      const name = memberName(e);
      if (info && name) init = (owner!.isStatic ? info.staticWrites : info.fieldWrites).get(name)?.[0];
    }
    if (!init) return false;
    const n = unwrap(init);
    return n.type === "NewExpression" && n.callee.type === "Identifier" && (n.callee.name === "WeakMap" || n.callee.name === "WeakSet");
  }

  /** Calls that hand a derived value to a setter imported from a local module: `setEnv(env)`. */
  setterCalls(calls: Site[]): { node: TSESTree.CallExpression; callee: string; source: string; arg: Node; value: Val }[] {
    const out = [];
    for (const site of calls) {
      if (site.fn === null) continue;
      const node = site.node as TSESTree.CallExpression;
      const callee = unwrap(node.callee);
      if (callee.type !== "Identifier" || !SETTER_NAME.test(callee.name)) continue;
      // The result is discarded: `setEnv(env);` or `await initDb(url);`.
      const statement = node.parent?.type === "AwaitExpression" ? node.parent.parent : node.parent;
      if (statement?.type !== "ExpressionStatement") continue;
      const info = this.ev.importOfId(callee);
      if (!info || !/^(\.|~\/|@\/|#)/.test(info.source)) continue;
      for (const arg of node.arguments) {
        const value = this.ev.concreteValue(arg);
        if (value.env) {
          out.push({ node, callee: callee.name, source: info.source, arg: arg as Node, value });
          break;
        }
      }
    }
    return out;
  }
}

/** The leaves of a destructuring assignment target with the value each receives. */
function patternLeaves(pattern: Node, value: Val): { leaf: Node; value: Val }[] {
  const out: { leaf: Node; value: Val }[] = [];
  const stack: { node: Node; value: Val }[] = [{ node: pattern, value }];
  while (stack.length) {
    const { node, value: v } = stack.pop()!;
    const n = unwrap(node);
    switch (n.type) {
      case "ObjectPattern":
        for (const p of n.properties) {
          if (p.type === "RestElement") stack.push({ node: p.argument, value: v });
          else stack.push({ node: p.value, value: member(v, p.computed ? null : p.key.type === "Identifier" ? p.key.name : String((p.key as TSESTree.Literal).value)) });
        }
        break;
      case "ArrayPattern":
        n.elements.forEach((el, i) => {
          if (el) stack.push({ node: el.type === "RestElement" ? el.argument : el, value: member(v, String(i)) });
        });
        break;
      case "AssignmentPattern":
        stack.push({ node: n.left, value: v });
        break;
      case "Identifier":
      case "MemberExpression":
        out.push({ leaf: n, value: v });
        break;
      default:
        break;
    }
  }
  return out;
}

/** The name of a module-level object literal (`export const store = { … }`), if it is one. */
export function moduleLevelObjectName(obj: Node): string | null {
  let n: Node = obj;
  while (n.parent && n.parent.type.startsWith("TS")) n = n.parent;
  const decl = n.parent;
  if (decl?.type === "ExportDefaultDeclaration") return "default";
  if (decl?.type !== "VariableDeclarator" || decl.id.type !== "Identifier") return null;
  const stmt = decl.parent?.parent;
  if (stmt?.type === "Program" || (stmt?.type === "ExportNamedDeclaration" && stmt.parent?.type === "Program")) return decl.id.name;
  return null;
}

/** `if (!x) x = …`, `x = x ?? …`, `x ?? (x = …)`, `if (x) return x; x = …`. */
function isLazyGuarded(ev: Evaluator, node: TSESTree.AssignmentExpression, left: Node): boolean {
  const text = ev.sourceCode.getText(left);
  const same = (n: Node | null | undefined) => !!n && ev.sourceCode.getText(unwrap(n)) === text;
  const right = unwrap(node.right);
  if (right.type === "LogicalExpression" && (right.operator === "??" || right.operator === "||") && same(right.left)) return true;
  const parent = node.parent;
  if (parent?.type === "LogicalExpression" && parent.right === node && (parent.operator === "??" || parent.operator === "||") && same(parent.left)) return true;
  let stmt: Node | undefined = parent;
  if (stmt?.type !== "ExpressionStatement") return false;
  const container = stmt.parent;
  if (container?.type === "IfStatement" && testsMissing(ev, container.test, same)) return true;
  if (container?.type === "BlockStatement" || container?.type === "Program") {
    const body = container.body as Node[];
    const i = body.indexOf(stmt);
    if (container.type === "BlockStatement" && container.parent?.type === "IfStatement" && testsMissing(ev, container.parent.test, same)) return true;
    for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
      const prev = body[j];
      if (prev.type === "IfStatement" && same(prev.test)) return true;
    }
  }
  return false;
}

function testsMissing(ev: Evaluator, test: Node, same: (n: Node) => boolean): boolean {
  const t = unwrap(test);
  if (t.type === "UnaryExpression" && t.operator === "!") return same(t.argument);
  if (t.type === "BinaryExpression" && ["==", "===", "!=", "!=="].includes(t.operator)) {
    if (same(t.left) || same(t.right)) return true;
    const typeofSide = [t.left, t.right].find((s) => s.type === "UnaryExpression" && s.operator === "typeof") as TSESTree.UnaryExpression | undefined;
    return !!typeofSide && same(typeofSide.argument);
  }
  if (t.type === "LogicalExpression") return testsMissing(ev, t.left, same) || testsMissing(ev, t.right, same);
  return false;
}

