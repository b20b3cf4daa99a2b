/**
 * One walk over the file (explicit stack, no recursion) that records the facts the trace needs:
 * returns per function, the binder of each `this`, class facts, and every candidate store.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { isFunction, memberName, paramName, unwrap } from "./ast";
import type { FunctionNode, Node } from "./values";

/** TypeScript nodes whose children hold runtime code; every other `TS*` node is type-only. */
const TS_RUNTIME = new Set([
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
  "TSInstantiationExpression",
  "TSParameterProperty",
  "TSModuleDeclaration",
  "TSModuleBlock",
  "TSExportAssignment",
  "TSEnumDeclaration",
  "TSEnumBody",
  "TSEnumMember",
]);

/** Keys never walked: type annotations and decorators' types carry no runtime values. */
const SKIP_KEYS = new Set(["typeAnnotation", "typeParameters", "typeArguments", "returnType", "superTypeArguments", "superTypeParameters", "implements"]);

export interface ClassFacts {
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  /** `this.x = v` inside instance methods, constructors and instance field initializers. */
  fieldWrites: Map<string, Node[]>;
  /** `static x = v` and `this.x = v` in static methods/blocks. */
  staticWrites: Map<string, Node[]>;
  methods: Map<string, FunctionNode>;
  staticMethods: Map<string, FunctionNode>;
  getters: Map<string, FunctionNode>;
  staticGetters: Map<string, FunctionNode>;
  /** Names of module-scope variables holding an instance created at module evaluation. */
  moduleInstances: string[];
  /**
   * Variables a function assigns an instance to (`db ??= new Db()`, `if (!db) db = new Db()`): a
   * module-scope instance made lazily when the variable is a module's (the targets check).
   */
  lazyInstances: TSESTree.Identifier[];
}

/**
 * What gives a field of a class its value: the writes to it (`this.x = v`, `x = v`), its getter,
 * and on the instance side the constructor's parameter property of that name
 * (`constructor(private x: T)`).
 */
export function fieldInputs(
  info: ClassFacts,
  key: string,
  isStatic: boolean,
): { writes: readonly Node[]; getter: FunctionNode | undefined; parameter: TSESTree.TSParameterProperty | undefined } {
  const ctor = isStatic ? undefined : info.methods.get("constructor");
  return {
    writes: (isStatic ? info.staticWrites : info.fieldWrites).get(key) ?? [],
    getter: (isStatic ? info.staticGetters : info.getters).get(key),
    parameter: ctor?.params.find((p): p is TSESTree.TSParameterProperty => p.type === "TSParameterProperty" && paramName(p) === key),
  };
}

/** A `this` binder: a non-arrow function, a class field initializer or a static block. */
export type Binder = FunctionNode | TSESTree.PropertyDefinition | TSESTree.StaticBlock;

export interface Site {
  node: Node;
  /** The innermost function (or instance field initializer) running it; null for module evaluation. */
  fn: Node | null;
}

export interface FileFacts {
  returns: Map<Node, Node[]>;
  /** For an async function, what it awaits in its own body (the promise it gives is pending on those). */
  awaits: Map<Node, Node[]>;
  thisBinder: Map<TSESTree.ThisExpression, Binder | null>;
  /** For an arrow function, the `this.x` reads inside it whose `this` is bound outside. */
  arrowThisReads: Map<Node, TSESTree.MemberExpression[]>;
  classes: Map<Node, ClassFacts>;
  assignments: Site[];
  calls: Site[];
  deletes: Site[];
  updates: Site[];
  declarators: Site[];
  exportDefaults: TSESTree.ExportDefaultDeclaration[];
  importsFrom: Set<string>;
  /** Whether the module loads one with `import(…)`. */
  dynamicImport: boolean;
}

function isModuleLevelNew(node: TSESTree.NewExpression): string | null {
  // `export const config = new Config()` / `const x = new X()` at module level.
  const parent = node.parent;
  if (parent?.type === "VariableDeclarator" && parent.init === node && parent.id.type === "Identifier") {
    return parent.id.name;
  }
  if (parent?.type === "ExportDefaultDeclaration") return "default";
  return null;
}

/** The variable a `new` is assigned to in a function (`db = new Db()`, `db ??= new Db()`), if it is. */
function lazilyAssigned(node: TSESTree.NewExpression): TSESTree.Identifier | null {
  const parent = node.parent;
  // (Or a local constant, which the function may put in a module variable: `const r = new Registry(); shared = r`.)
  if (parent?.type === "VariableDeclarator" && parent.init === node && parent.id.type === "Identifier" && (parent.parent as TSESTree.VariableDeclaration).kind === "const") return parent.id;
  if (parent?.type !== "AssignmentExpression" || parent.right !== node || parent.left.type !== "Identifier") return null;
  return parent.operator === "=" || parent.operator === "??=" || parent.operator === "||=" ? parent.left : null;
}

/**
 * Records facts as the AST is entered and left, in traversal order. Driven either by ESLint's own
 * traversal (listeners of the first rule that runs, see {@link COLLECTED_TYPES}) or, when no rule
 * listened, by {@link collect}'s own walk.
 */
export interface Collector {
  enter(node: Node): void;
  leave(node: Node): void;
  /** Completes the facts; called once, after the whole file was traversed. */
  finish(): FileFacts;
}

export function createCollector(): Collector {
  const facts: FileFacts = {
    returns: new Map(),
    awaits: new Map(),
    thisBinder: new Map(),
    arrowThisReads: new Map(),
    classes: new Map(),
    assignments: [],
    calls: [],
    deletes: [],
    updates: [],
    declarators: [],
    exportDefaults: [],
    importsFrom: new Set(),
    dynamicImport: false,
  };
  // Runtime stack: functions and instance field initializers (code that runs after module evaluation).
  const runtime: Node[] = [];
  // `this` binders (arrows excluded) and the arrows opened since the innermost binder.
  const binders: (Binder | null)[] = [null];
  const arrows: Node[][] = [[]];
  const classStack: ClassFacts[] = [];
  const pendingNews: { cls: string; instance: string }[] = [];
  const pendingLazy: { cls: string; id: TSESTree.Identifier }[] = [];

  return {
    enter,
    leave,
    finish() {
      for (const { cls, instance } of pendingNews) {
        for (const info of facts.classes.values()) {
          const id = (info.node as TSESTree.ClassDeclaration).id;
          if (id?.name === cls) info.moduleInstances.push(instance);
        }
      }
      pendingNews.length = 0;
      for (const { cls, id } of pendingLazy) {
        for (const info of facts.classes.values()) if ((info.node as TSESTree.ClassDeclaration).id?.name === cls) info.lazyInstances.push(id);
      }
      pendingLazy.length = 0;
      return facts;
    },
  };

  function currentFn(): Node | null {
    return runtime.length ? runtime[runtime.length - 1] : null;
  }

  function classOfMember(member: Node | undefined): ClassFacts | undefined {
    const body = member?.parent;
    const cls = body?.parent;
    return cls ? facts.classes.get(cls) : undefined;
  }

  function push(map: Map<string, Node[]>, key: string, value: Node) {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }

  function recordThisWrite(binder: Binder | null, name: string | null, value: Node) {
    if (!binder || name === null) return;
    // The binder is a method's function, a field, or a static block of some class.
    let owner: Node | undefined = binder;
    if (isFunction(binder)) owner = binder.parent;
    if (!owner) return;
    const info = owner.type === "StaticBlock" ? facts.classes.get(owner.parent!.parent!) : classOfMember(owner);
    if (!info) return;
    const isStatic = owner.type === "StaticBlock" || (owner as any).static === true;
    push(isStatic ? info.staticWrites : info.fieldWrites, name, value);
  }

  function enter(node: any) {
    switch (node.type) {
      case "FunctionDeclaration":
      case "FunctionExpression":
        runtime.push(node);
        binders.push(node);
        arrows.push([]);
        return;
      case "ArrowFunctionExpression":
        runtime.push(node);
        arrows[arrows.length - 1].push(node);
        if (node.expression) facts.returns.set(node, [node.body]);
        return;
      case "PropertyDefinition":
      case "AccessorProperty":
        if (!node.static) runtime.push(node);
        binders.push(node);
        arrows.push([]);
        {
          const info = classStack[classStack.length - 1];
          const name = node.computed ? null : node.key?.type === "PrivateIdentifier" ? `#${node.key.name}` : node.key?.name;
          if (info && name && node.value) push(node.static ? info.staticWrites : info.fieldWrites, name, node.value);
        }
        return;
      case "StaticBlock":
        binders.push(node);
        arrows.push([]);
        return;
      case "ClassDeclaration":
      case "ClassExpression": {
        const info: ClassFacts = {
          node,
          fieldWrites: new Map(),
          staticWrites: new Map(),
          methods: new Map(),
          staticMethods: new Map(),
          getters: new Map(),
          staticGetters: new Map(),
          moduleInstances: [],
          lazyInstances: [],
        };
        for (const m of node.body.body) {
          if (m.type === "MethodDefinition" && !m.computed && (m.key.type === "Identifier" || m.key.type === "PrivateIdentifier")) {
            const name = m.key.type === "PrivateIdentifier" ? `#${m.key.name}` : m.key.name;
            if (m.kind === "get") (m.static ? info.staticGetters : info.getters).set(name, m.value);
            else if (m.kind === "method" || m.kind === "constructor") (m.static ? info.staticMethods : info.methods).set(name, m.value);
          }
        }
        facts.classes.set(node, info);
        classStack.push(info);
        return;
      }
      case "YieldExpression": // what a generator yields is what iterating it gives
      case "ReturnStatement": {
        const fn = innermostFunction();
        if (fn && node.argument) {
          const list = facts.returns.get(fn);
          if (list) list.push(node.argument);
          else facts.returns.set(fn, [node.argument]);
        }
        return;
      }
      case "AwaitExpression": {
        const fn = innermostFunction();
        if (fn && (fn as FunctionNode).async) {
          const list = facts.awaits.get(fn);
          if (list) list.push(node.argument);
          else facts.awaits.set(fn, [node.argument]);
        }
        return;
      }
      case "ThisExpression": {
        const binder = binders[binders.length - 1];
        facts.thisBinder.set(node, binder);
        const parent = node.parent;
        if (parent?.type === "MemberExpression" && parent.object === node) {
          for (const arrow of arrows[arrows.length - 1]) {
            const list = facts.arrowThisReads.get(arrow);
            if (list) list.push(parent);
            else facts.arrowThisReads.set(arrow, [parent]);
          }
        }
        return;
      }
      case "AssignmentExpression": {
        facts.assignments.push({ node, fn: currentFn() });
        const left = unwrap(node.left);
        if (left.type === "MemberExpression" && unwrap(left.object).type === "ThisExpression") {
          recordThisWrite(binders[binders.length - 1], memberName(left), node.right);
        }
        return;
      }
      case "CallExpression":
        facts.calls.push({ node, fn: currentFn() });
        return;
      case "NewExpression":
        facts.calls.push({ node, fn: currentFn() });
        if (!currentFn() && node.callee.type === "Identifier") {
          const instance = isModuleLevelNew(node);
          if (instance) pendingNews.push({ cls: node.callee.name, instance });
        } else if (node.callee.type === "Identifier") {
          const id = lazilyAssigned(node);
          if (id) pendingLazy.push({ cls: node.callee.name, id });
        }
        return;
      case "UnaryExpression":
        if (node.operator === "delete") facts.deletes.push({ node, fn: currentFn() });
        return;
      case "UpdateExpression":
        facts.updates.push({ node, fn: currentFn() });
        return;
      case "VariableDeclarator":
        facts.declarators.push({ node, fn: currentFn() });
        return;
      case "ExportDefaultDeclaration":
        facts.exportDefaults.push(node);
        return;
      case "ImportDeclaration":
        if (typeof node.source?.value === "string") facts.importsFrom.add(node.source.value);
        return;
      case "ImportExpression":
        facts.dynamicImport = true;
        return;
      default:
        return;
    }
  }

  function innermostFunction(): Node | null {
    for (let i = runtime.length - 1; i >= 0; i--) {
      if (isFunction(runtime[i])) return runtime[i];
    }
    return null;
  }

  function leave(node: any) {
    switch (node.type) {
      case "FunctionDeclaration":
      case "FunctionExpression":
        runtime.pop();
        binders.pop();
        arrows.pop();
        return;
      case "ArrowFunctionExpression": {
        runtime.pop();
        const open = arrows[arrows.length - 1];
        const i = open.lastIndexOf(node);
        if (i >= 0) open.splice(i, 1);
        return;
      }
      case "PropertyDefinition":
      case "AccessorProperty":
        if (!node.static) runtime.pop();
        binders.pop();
        arrows.pop();
        return;
      case "StaticBlock":
        binders.pop();
        arrows.pop();
        return;
      case "ClassDeclaration":
      case "ClassExpression":
        classStack.pop();
        return;
      default:
        return;
    }
  }
}

/** Node types that open a `this` binder or a runtime frame: the collector enters and leaves them. */
export const COLLECTED_EXIT_TYPES = [
  "FunctionDeclaration",
  "FunctionExpression",
  "ArrowFunctionExpression",
  "PropertyDefinition",
  "AccessorProperty",
  "StaticBlock",
  "ClassDeclaration",
  "ClassExpression",
] as const;

/** Node types the collector acts on when entered. */
export const COLLECTED_TYPES = [
  ...COLLECTED_EXIT_TYPES,
  "ReturnStatement",
  "YieldExpression",
  "AwaitExpression",
  "ThisExpression",
  "AssignmentExpression",
  "CallExpression",
  "NewExpression",
  "UnaryExpression",
  "UpdateExpression",
  "VariableDeclarator",
  "ExportDefaultDeclaration",
  "ImportDeclaration",
  "ImportExpression",
] as const;

const ENTERED = new Set<string>(COLLECTED_TYPES);

/** Collects the facts with a walk of its own (explicit stack), for callers outside a lint run. */
export function collect(program: TSESTree.Program, visitorKeys: Record<string, readonly string[] | undefined>): FileFacts {
  const collector = createCollector();
  const stack: (Node | { exit: Node })[] = [program];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ("exit" in item) {
      collector.leave(item.exit);
      continue;
    }
    const node = item as any;
    if (ENTERED.has(node.type)) {
      collector.enter(node);
      stack.push({ exit: node });
    }
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k];
      if (SKIP_KEYS.has(key)) continue;
      const child = node[key];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const c = child[i];
          if (c && typeof c.type === "string" && (!c.type.startsWith("TS") || TS_RUNTIME.has(c.type))) stack.push(c);
        }
      } else if (child && typeof child.type === "string" && (!child.type.startsWith("TS") || TS_RUNTIME.has(child.type))) {
        stack.push(child);
      }
    }
  }
  return collector.finish();
}
