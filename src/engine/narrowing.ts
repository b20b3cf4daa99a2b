/**
 * What the guards around an expression say its value is: `typeof v === "number"` (a number, not
 * a request's data), `typeof v === "string"` (a string: data, not an I/O object), `v instanceof
 * Response` (an I/O object). Read from the enclosing `if`, conditional and `&&`/`||`, and from an
 * early exit before it in the same block (`if (typeof v !== "number") return;`). A guard decides
 * only by name: a reassignment between the guard and the use is not seen.
 *
 * Cheap by construction: asked only for an identifier or member chain whose value is derived, it
 * walks the parents up to the enclosing function and looks at a few statements before each.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { isFunction, isOrdering, memberName, returnedOnly, unwrap } from "./ast";
import { IO_CLASSES, NUMBER_CHECKS, TYPEOF_KINDS } from "./builtins";
import { callable, numeric, primitive, type FunctionNode, type Node, type Val } from "./values";

export type Narrowed = "number" | "string" | "io" | "function";

/** How many statements before a reference are searched for an early exit, per block. */
const EXIT_LOOKBACK = 8;

/** What the innermost guard around `node` says its value is, or null. */
export function narrowingAt(node: Node): Narrowed | null {
  let child: Node = node;
  for (let p = node.parent; p && !isFunction(p); child = p, p = p.parent) {
    let kind: Narrowed | null = null;
    switch (p.type) {
      case "IfStatement":
      case "ConditionalExpression":
        if (child === p.consequent) kind = when(p.test, node, true);
        else if (child === p.alternate) kind = when(p.test, node, false);
        break;
      case "LogicalExpression":
        if (child === p.right) kind = p.operator === "&&" ? when(p.left, node, true) : p.operator === "||" ? when(p.left, node, false) : null;
        break;
      case "BlockStatement":
      case "SwitchCase":
        kind = afterEarlyExit(p.type === "SwitchCase" ? p.consequent : p.body, child, node);
        break;
      default:
        break;
    }
    if (kind) return kind;
  }
  return null;
}

/** `if (typeof v !== "number") return;` before `child` in a statement list. */
function afterEarlyExit(body: readonly Node[], child: Node, target: Node): Narrowed | null {
  const i = indexIn(body, child);
  for (let j = i - 1; j >= 0 && j >= i - EXIT_LOOKBACK; j--) {
    const s = body[j];
    if (s.type === "IfStatement" && !s.alternate && exits(s.consequent)) {
      const kind = when(s.test, target, false);
      if (kind) return kind;
    }
  }
  return null;
}

/** The index of a statement in its list, by its position (the list is in source order). */
function indexIn(body: readonly Node[], child: Node): number {
  let lo = 0;
  let hi = body.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = body[mid].range[0];
    if (start === child.range[0]) return body[mid] === child ? mid : -1;
    if (start < child.range[0]) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function exits(s: Node): boolean {
  if (s.type === "BlockStatement") return s.body.length > 0 && exits(s.body[s.body.length - 1]);
  return s.type === "ReturnStatement" || s.type === "ThrowStatement" || s.type === "ContinueStatement" || s.type === "BreakStatement";
}

/** What `test` being `truth` says of `target`. */
function when(test: Node, target: Node, truth: boolean): Narrowed | null {
  const t = unwrap(test);
  switch (t.type) {
    case "UnaryExpression":
      return t.operator === "!" ? when(t.argument, target, !truth) : null;
    case "LogicalExpression":
      // `a && b` true, or `a || b` false, says what each side says.
      return t.operator === (truth ? "&&" : "||") ? (when(t.left, target, truth) ?? when(t.right, target, truth)) : null;
    case "BinaryExpression":
      if (t.operator === "instanceof") {
        const cls = unwrap(t.right);
        return truth && cls.type === "Identifier" && IO_CLASSES.has(cls.name) && sameReference(t.left, target) ? "io" : null;
      }
      return (truth ? t.operator === "===" || t.operator === "==" : t.operator === "!==" || t.operator === "!=") ? typeofKind(t, target) : null;
    case "CallExpression": {
      // Number.isInteger(v), Number.isFinite(v)
      const callee = unwrap(t.callee);
      if (!truth || callee.type !== "MemberExpression" || unwrap(callee.object).type !== "Identifier") return null;
      const object = unwrap(callee.object) as TSESTree.Identifier;
      const name = memberName(callee);
      return object.name === "Number" && name !== null && NUMBER_CHECKS.has(name) && t.arguments[0] && sameReference(t.arguments[0], target) ? "number" : null;
    }
    default:
      return null;
  }
}

/** `typeof target === "number"` (either side): the kind the literal names. */
function typeofKind(t: TSESTree.BinaryExpression, target: Node): Narrowed | null {
  const left = unwrap(t.left);
  const right = unwrap(t.right);
  const [op, lit] = left.type === "UnaryExpression" ? [left, right] : [right, left];
  if (op.type !== "UnaryExpression" || op.operator !== "typeof" || lit.type !== "Literal" || typeof lit.value !== "string") return null;
  const kind = TYPEOF_KINDS.get(lit.value);
  return kind && sameReference(op.argument, target) ? kind : null;
}

/** Whether two expressions name the same place: `v` and `v`, `body.count` and `body.count`. */
function sameReference(a: Node, b: Node): boolean {
  const x = unwrap(a);
  const y = unwrap(b);
  if (x.type === "Identifier") return y.type === "Identifier" && x.name === y.name;
  if (x.type === "ThisExpression") return y.type === "ThisExpression";
  if (x.type !== "MemberExpression" || y.type !== "MemberExpression") return false;
  const kx = memberName(x);
  return kx !== null && kx === memberName(y) && sameReference(x.object, y.object);
}

/** A derived value as the guards around `node` narrow it (looked up only for derived values). */
export function narrowed(node: Node, v: Val): Val {
  if (!v.req && !v.env && !v.params) return v;
  switch (narrowingAt(node)) {
    case "number":
      return numeric(v);
    case "string":
      return primitive(v);
    case "io":
      return v.req ? { ...v, req: { ...v.req, io: true } } : v;
    case "function":
      return callable(v);
    default:
      return v;
  }
}

/** Globals only the Workers runtime defines: `typeof WebSocketPair === "undefined"` holds anywhere else. */
const WORKERS_ONLY_GLOBALS: ReadonlySet<string> = new Set(["WebSocketPair", "HTMLRewriter"]);
/** Globals of a page the Workers runtime does not define: `typeof window !== "undefined"` holds only elsewhere. */
const PAGE_GLOBALS: ReadonlySet<string> = new Set(["window", "document"]);
/** Flags a framework exports that hold only outside the Worker: SvelteKit's `browser` (in the page) and `building` (prerendering). */
const OUTSIDE_FLAGS: ReadonlyMap<string, ReadonlySet<string>> = new Map([["$app/environment", new Set(["browser", "building"])]]);

/** Modes other than the deployed Worker's, as a bundler writes `process.env.NODE_ENV` in. */
const DEV_MODES: ReadonlySet<string> = new Set(["development", "test"]);

/** `process.env.NODE_ENV` (also `process.env["NODE_ENV"]`). */
function isNodeEnv(x: Node): boolean {
  if (x.type !== "MemberExpression" || memberName(x) !== "NODE_ENV") return false;
  const env = unwrap(x.object as Node);
  const processId = env.type === "MemberExpression" && memberName(env) === "env" ? unwrap(env.object as Node) : null;
  return processId?.type === "Identifier" && processId.name === "process";
}

/** `import.meta.env`. */
function isImportMetaEnv(x: Node): boolean {
  return x.type === "MemberExpression" && memberName(x) === "env" && unwrap(x.object as Node).type === "MetaProperty";
}

/** What the tests below ask of the file: the function a callee names, the import an identifier names. */
export interface TestLookups {
  resolve(callee: Node): FunctionNode | null;
  importOf(id: TSESTree.Identifier): { source: string; imported: string } | null;
  /** Whether an expression is a binding the Worker's config declares: never missing in the deployed Worker. */
  boundInDeploy(node: Node): boolean;
}

/**
 * What a test says of the runtime: true when it holds only outside Workers (`typeof WebSocketPair
 * === "undefined"`, `navigator.userAgent !== "Cloudflare-Workers"`, `typeof window !== "undefined"`,
 * SvelteKit's `browser`), false when only on Workers,
 * null when it says neither. A call of a function of the file that returns such a test (`isNode()`)
 * says what that test says.
 */
function saysOutsideWorkers(test: Node, lookups: TestLookups, depth = 0): boolean | null {
  const t = unwrap(test);
  if (t.type === "UnaryExpression" && t.operator === "!") {
    const inner = saysOutsideWorkers(t.argument as Node, lookups, depth);
    return inner === null ? null : !inner;
  }
  if (t.type === "LogicalExpression") {
    const [a, b] = [saysOutsideWorkers(t.left as Node, lookups, depth), saysOutsideWorkers(t.right as Node, lookups, depth)];
    // Both must hold for `&&`: one that holds only outside Workers makes the whole so (and the reverse).
    if (t.operator === "&&") return a ?? b;
    return t.operator === "||" && a !== null && a === b ? a : null;
  }
  if (t.type === "BinaryExpression" && (t.operator === "===" || t.operator === "==" || t.operator === "!==" || t.operator === "!=")) {
    const negated = t.operator.startsWith("!");
    for (const [x, y] of [[unwrap(t.left as Node), unwrap(t.right as Node)], [unwrap(t.right as Node), unwrap(t.left as Node)]]) {
      if (y.type !== "Literal") continue;
      if (x.type === "UnaryExpression" && x.operator === "typeof" && x.argument.type === "Identifier" && WORKERS_ONLY_GLOBALS.has(x.argument.name) && y.value === "undefined") return !negated;
      // (`typeof window === "undefined"` holds on Workers and in Node alike: it says nothing.)
      if (x.type === "UnaryExpression" && x.operator === "typeof" && x.argument.type === "Identifier" && PAGE_GLOBALS.has(x.argument.name) && y.value === "undefined") return negated ? true : null;
      const agent = x.type === "MemberExpression" && memberName(x) === "userAgent" && unwrap(x.object as Node).type === "Identifier" && (unwrap(x.object as Node) as TSESTree.Identifier).name === "navigator";
      if (agent && y.value === "Cloudflare-Workers") return negated;
      // The mode the bundler writes in (`"production"` in the deployed Worker): `!== "production"`,
      // `=== "development"` hold only in a dev server or a test run.
      if (isNodeEnv(x) && typeof y.value === "string") return y.value === "production" ? negated : DEV_MODES.has(y.value) ? !negated : null;
    }
    return null;
  }
  if (t.type === "CallExpression" && t.arguments.length === 0 && depth < 2) {
    const fn = lookups.resolve(t.callee as Node);
    const body = fn ? returnedOnly(fn) : null;
    return body ? saysOutsideWorkers(body, lookups, depth + 1) : null;
  }
  if (t.type === "Identifier") {
    const info = lookups.importOf(t);
    if (info && OUTSIDE_FLAGS.get(info.source)?.has(info.imported)) return true;
  }
  // Vite's mode flags, written in when it builds: `import.meta.env.DEV` holds only in its dev server.
  const viteFlag = t.type === "MemberExpression" ? memberName(t) : null;
  if ((viteFlag === "DEV" || viteFlag === "PROD") && isImportMetaEnv(unwrap((t as TSESTree.MemberExpression).object as Node))) return viteFlag === "DEV";
  // A binding the config declares is there in the deployed Worker: `if (!kv)` is a fallback for a
  // run without it (a local dev server), `if (kv)` what the Worker does.
  if ((t.type === "Identifier" || t.type === "MemberExpression" || t.type === "ChainExpression") && lookups.boundInDeploy(t)) return false;
  return null;
}

/**
 * Whether code runs only outside Workers: it sits in a branch whose test says so (`if
 * (typeof WebSocketPair === "undefined") cache = pool;`, the other branch of a test that holds
 * only on Workers), in its function.
 */
export function onlyOutsideWorkers(node: Node, lookups: TestLookups): boolean {
  let child: Node = node;
  for (let p = node.parent; p && !isFunction(p); child = p, p = p.parent) {
    const test = p.type === "IfStatement" || p.type === "ConditionalExpression" ? (p.test as Node) : p.type === "LogicalExpression" && p.operator === "&&" && child === p.right ? (p.left as Node) : null;
    if (!test || child === test) continue;
    const says = saysOutsideWorkers(test, lookups);
    if (says === null) continue;
    if (p.type === "LogicalExpression" ? says : child === (p as TSESTree.IfStatement | TSESTree.ConditionalExpression).consequent ? says : !says) return true;
  }
  return false;
}

/**
 * A write guarded by a test that the place is empty: `x ??= …`, `if (!x) x = …`, `x = x ?? …`,
 * `x ?? (x = …)`, `if (x) return x; x = …`, also inside a `try` of the guarded block.
 */
export function isGuardedWrite(sourceCode: Readonly<SourceCode>, node: TSESTree.AssignmentExpression, left: Node): boolean {
  if (node.operator === "??=" || node.operator === "||=") return true;
  const plain = (n: Node) => plainText(sourceCode, n);
  const text = plain(left);
  const same = samePlace(sourceCode, left);
  const right = unwrap(node.right);
  if (right.type === "LogicalExpression" && (right.operator === "??" || right.operator === "||") && same(right.left)) return true;
  const parent = node.parent;
  if (parent?.type === "LogicalExpression" && parent.right === node && (parent.operator === "??" || parent.operator === "||") && same(parent.left)) return true;
  let stmt: Node | undefined = parent?.type === "ExpressionStatement" ? parent : undefined;
  while (stmt?.parent?.type === "BlockStatement" && stmt.parent.parent?.type === "TryStatement") stmt = stmt.parent.parent;
  if (!stmt) return false;
  const container = stmt.parent;
  // (The test may read a local given the place just before it: `let reg = env[KEY]; if (!reg) { reg = new Map(); env[KEY] = reg; }`.)
  const guard = container?.type === "IfStatement" ? container : container?.type === "BlockStatement" && container.parent?.type === "IfStatement" ? container.parent : null;
  if (guard && testsMissing(guard.test, (n) => same(n) || readJustBefore(guard, n, same) !== null)) return true;
  // (A guard further up, the write nested in its branch: `if (!instance && !err) { if (!c.env.DB) err = e; else try { instance = … } catch … }`.)
  for (let at: Node = stmt, depth = 0; at.parent && !isFunction(at.parent) && depth < 8; at = at.parent, depth++) {
    if (at.parent.type === "IfStatement" && at.parent.consequent === at && at.parent !== guard && testsMissing(at.parent.test, same)) return true;
  }
  if (container?.type === "BlockStatement" || container?.type === "Program") {
    const body = container.body as Node[];
    const i = body.indexOf(stmt);
    // (`if (client) return client;` above, with other steps between: `const url = …; if (!url) throw …`.)
    // (Also through a local read of it, first of the test: `const cur = env.ASSETS; if (cur && cur.fetch) return;`.)
    // (Read only once an `if` before the write is found: most writes have none.)
    let read: Set<string> | undefined;
    const aliases = (): Set<string> => (read ??= new Set(body.slice(0, i).flatMap((prev) => (prev.type === "VariableDeclaration" && prev.kind === "const" ? prev.declarations.flatMap((d) => (d.id.type === "Identifier" && same(d.init) ? [d.id.name] : [])) : []))));
    // (Each step of such a test asks about it: `cur && cur.fetch`, not a cache's age `cur && now - cur.at < TTL`, which rebuilds it.)
    const about = (n: Node) => [text, ...aliases()].some((a) => new RegExp(`(?<![\\w$.])${a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w$])`).test(plain(n)));
    const present = (test: Node): boolean => (test.type === "LogicalExpression" && test.operator === "&&" ? present(unwrap(test.left)) && about(test.right as Node) && !isOrdering(test.right as Node) : same(test) || (test.type === "Identifier" && aliases().has(test.name)));
    for (let j = i - 1; j >= 0; j--) {
      const prev = body[j];
      if (prev.type === "IfStatement" && present(unwrap(prev.test))) return true;
    }
  }
  return false;
}

/** Whether an expression is written as the place is (with optional chaining read as plain: `if (!c.env?.KV) c.env.KV = stub`). */
function samePlace(sourceCode: Readonly<SourceCode>, place: Node): (n: Node | null | undefined) => boolean {
  const text = plainText(sourceCode, place);
  return (n) => !!n && plainText(sourceCode, n) === text;
}

function plainText(sourceCode: Readonly<SourceCode>, n: Node): string {
  return sourceCode.getText(unwrap(n)).replace(/\?\.(?!\d)/g, ".");
}

/**
 * What a guarded write of a local back to its place gives it: `let reg = env[KEY]; if (!reg) { reg =
 * new Map(); env[KEY] = reg; }` writes what the block gave the local before (`new Map()`), not what
 * the place held. Null for any other write.
 */
export function refilledValues(sourceCode: Readonly<SourceCode>, node: TSESTree.AssignmentExpression, left: Node): Node[] | null {
  const right = unwrap(node.right);
  const stmt = node.parent?.type === "ExpressionStatement" ? node.parent : null;
  const block = stmt?.parent;
  const guard = block?.type === "BlockStatement" && block.parent?.type === "IfStatement" ? block.parent : null;
  if (right.type !== "Identifier" || !guard || !readJustBefore(guard, right, samePlace(sourceCode, left))) return null;
  const body = (block as TSESTree.BlockStatement).body;
  const given = body.slice(0, body.indexOf(stmt!)).flatMap((st) => {
    const e = st.type === "ExpressionStatement" ? st.expression : null;
    return e?.type === "AssignmentExpression" && e.operator === "=" && e.left.type === "Identifier" && e.left.name === right.name ? [e.right as Node] : [];
  });
  return given.length > 0 ? given : null;
}

/** Whether `id` names a local declared, in the statement just before `statement`, with what `same` says is the place. */
export function readJustBefore(statement: Node, id: Node, same: (n: Node | null | undefined) => boolean): TSESTree.Identifier | null {
  const block = statement.parent;
  if (id.type !== "Identifier" || (block?.type !== "BlockStatement" && block?.type !== "Program")) return null;
  const body = block.body as Node[];
  const previous = body[body.indexOf(statement) - 1];
  const declared = previous?.type === "VariableDeclaration" ? previous.declarations.find((d) => d.id.type === "Identifier" && d.id.name === id.name && same(d.init)) : undefined;
  return declared ? (declared.id as TSESTree.Identifier) : null;
}

export function testsMissing(test: Node, same: (n: Node) => boolean): boolean {
  const t = unwrap(test);
  if (t.type === "UnaryExpression" && t.operator === "!") return same(t.argument);
  if (t.type === "BinaryExpression" && ["==", "===", "!=", "!=="].includes(t.operator)) {
    if (same(t.left) || same(t.right)) return true;
    const typeofSide = [t.left, t.right].find((s) => s.type === "UnaryExpression" && s.operator === "typeof") as TSESTree.UnaryExpression | undefined;
    return !!typeofSide && same(typeofSide.argument);
  }
  if (t.type === "LogicalExpression") return testsMissing(t.left, same) || testsMissing(t.right, same);
  return false;
}
