/** The text check that keeps modules which cannot keep anything from being parsed. */
import { describe, expect, it } from "vitest";
import { importsOf, madeExports, mayReturnModuleState, plainExports, textMayKeep } from "../../src/project/text-check";

const cases: [string, string, boolean][] = [
  // why: a module that writes into what it imports from the project's files keeps in that module's scope
  ["a write into a collection imported from the project", 'import { cache } from "./store";\nexport function f(x) { cache.set("k", x); }', true],
  ["a member write on a namespace import of the project", 'import * as st from "@/state";\nexport function f(x) { st.current = x; }', true],
  // why: a package's object written into is that package's (a client, a header bag), and no file of the project
  ["a write into a package's import", 'import { kv } from "kv-client";\nexport function f(x) { kv.set("k", x); }', false],
  ["a module-level let", "let db;\nexport function f(x) { db = x; }", true],
  ["a module-level var", "export var cache = {};", true],
  ["a module-level let set to null, then to a value handed in", "let db = null;\nexport function f(x) { if (!db) db = x; }", true],
  ["a flag whose value is also set from an argument", "let debug = false;\nexport function f(opts) { debug = opts.debug; }", true],
  ["a counter summed with an argument", "let total = 0;\nexport function f(n) { total += n; }", true],
  ["a flag written by a destructuring assignment", "let a = 1;\nexport function f(x) { [a] = x; }", true],
  ["a flag written by an object pattern over lines", "let a = 1;\nexport function f(x) {\n  ({\n    k: a,\n  } = x);\n}", true],
  ["a flag that is a loop's variable", "let a = 1;\nexport function f(xs) { for (a of xs) g(a); }", true],
  ["two names in one declaration", "let a = 1, b;\nexport function f(x) { return a; }", true],
  ["a let holding an object written through a member", "let state = {};\nexport function f(v) { state.client = v; }", true],
  ["a static member", "export class A {\n  static instance;\n}", true],
  ["a write onto the global object", "export function f(x) { globalThis.kept = x; }", true],
  ["a module Map written through set()", "const cache = new Map();\nexport function f(k, v) { cache.set(k, v); }", true],
  ["a module object written through a member", "const state = { a: 1 };\nexport function f(v) { state.client = v; }", true],
  ["a module array pushed into", "export const list = [];\nexport function f(v) { list.push(v); }", true],
  ["a function wrapped by a memoizing package", 'import memoize from "lodash/memoize";\nconst get = memoize((u) => connect(u));\nexport function f(u) { return get(u); }', true],
  ["Object.assign onto a module object", "const cfg = {};\nexport function f(v) { Object.assign(cfg, v); }", true],
  // why: an element read out of a module collection and written into stays in that collection
  ["an element of a module Map written into", "const rooms = new Map([[\"a\", new Set()]]);\nexport function f(k, ws) { rooms.get(k)!.add(ws); }", true],
  ["an element of a module Map written through ?.", "const tenants = new Map();\nexport function f(t, d1) { tenants.get(t)?.set(\"db\", d1); }", true],
  ["an element of a module Map given a member", "const tenants = new Map();\nexport function f(t, d1) { tenants.get(t)!.db = d1; }", true],
  ["an element of a module Map read into a local first", "const groups = new Map();\nexport function f(v) { const admins = groups.get(\"admins\")!; admins.push(v); }", true],
  // why: a store need not start a line: one-line classes, a decorator on the member's line, a
  // statement after an import, a bundle's output
  ["a one-line class with a static field", "export class Db { static d; static init(d) { Db.d = d; } }", true],
  ["a decorated static field on one line", "export class Store {\n  @tracked static current = null;\n}", true],
  ["a module let after an import on the same line", 'import x from "y"; let sql;\nexport function f(u) { sql = u; }', true],
  ["a bundle's var after a function on the same line", 'function r(e){t=e}var t="";export{r as setKey};', true],
  ["a local let after a brace on the next line", "export function f(a) {\n  if (a) {\n  }\n  let x = 1;\n  return x;\n}", false],
  ["a local's element written into", "const LIMIT = 3;\nexport function f(v) { const m = new Map(); m.get(\"a\")!.push(v); return LIMIT; }", false],
  ["an instance whose class writes this", "class C { set(v) { this.v = v; } }\nexport const c = new C();", true],
  // why: nothing module-level is ever written
  ["a warned-once flag and a counter, written with plain data only", "let warned = false;\nlet calls: number = 0;\nlet last: string | null = null;\nexport function f(x) {\n  calls++;\n  calls += 1;\n  if (!warned) { warned = true; last = \"f\"; console.warn(x); }\n  last = undefined;\n  const o = {};\n  o[x] = 1;\n  return warned;\n}", false],
  ["only functions and locals", "export function f(x) {\n  let y = x;\n  const o = {};\n  o.a = y;\n  return o;\n}", false],
  ["a module constant only read", "const LIMITS = { max: 3 };\nexport function f() { return LIMITS.max; }", false],
  ["a comparison, not a write", "const state = {};\nexport function f(v) { return state.a == v || state.b === v; }", false],
  ["scripts inside a template literal", "export function page() {\n  return `<script>\nlet count = 0;\nvar x = 1;\n</script>`;\n}", false],
  ["a local shadowing a constant's name, written", "const cache = 1;\nexport function f() { const m = new Map(); m.set(1, 2); return cache; }", false],
  // Modules that can keep a value beside look-alikes that cannot (those are left unparsed).
  ["the global object written through a member chain", "export function f(v) { globalThis.cache.set('k', v); }", true],
  ["a method of the console patched", "export function capture(sink) { console.log = (...a) => sink.put(a.join(' ')); }", true],
  ["the console only called, or handed on", "export function f(v) { console.log(v); logWith(console, v); cache.push; }", false],
  ["the global object written after a call on it", "export function f(k, v) { globalThis.store.get(k).push(v); }", true],
  ["the global object aliased", "const g = globalThis as any;\nexport function f(v) { g.kept = v; }", true],
  ["the global object cast, then written", "export function f(v) { (window as any).kept = v; }", true],
  ["the global object cast, then used as a value", "const g = (globalThis as any);\nexport function f(v) { g.kept = v; }", true],
  // why: a member of the global object read and called through a cast writes nothing
  ["the global object cast, then read", "export function f(s) { const buf = (globalThis as any).Buffer?.from?.(s, 'base64'); return buf; }", false],
  ["the global object handed to Object.assign", "export function f(v) { Object.assign(globalThis, { v }); }", true],
  ["a global chain going on on the next line", "export function f(v) {\n  globalThis.cache\n    .set('k', v);\n}", true],
  // why: reads of the global object keep nothing
  ["the global fetch read and called", "const fetchImpl: typeof globalThis.fetch = globalThis.fetch;\nexport function f(u) { return globalThis.fetch(u); }", false],
  ["the word global in a comment and a string", "// kept in the global scope\n/**\n * the window. of time\n */\nexport function f() { return { scope: 'global', html: '<script>window.close()</script>' }; }", false],
  ["typeof window", "export const isBrowser = typeof window !== 'undefined';", false],
  ["the word global in a string, a closing bracket lines later", "export const steps = [\n  'git config --global user.name bot',\n  'git status'\n].join(' && ');", false],
  ["a static field set later", "export class Pool {\n  static #queues = new WeakMap();\n}", true],
  ["a static method writing the class through this", "export class Registry {\n  static register(v) { this.latest = v; }\n}", true],
  // why: a static method that writes nothing, and a readonly static string, hold nothing
  ["a static method only", "export class Lifecycle {\n  static install<T>(x: T) { return [x]; }\n}", false],
  ["a readonly static string", "export class Keys {\n  private static readonly PREFIX = \"__k__:\";\n}", false],
  ["the default export object written through this", "export default {\n  async fetch(req, env) { this.client = env.KEY; }\n};", true],
  // why: a built-in instance is written only through its methods, which this module never calls
  ["a TextEncoder constant beside a class writing its own instances", "const enc = new TextEncoder();\nexport class Conn {\n  constructor(ws) { this.ws = ws; }\n  send(s) { this.ws.send(enc.encode(s)); }\n}", false],
  ["a module instance of the module's own class", "class Config { merge(v) { this.v = v; } }\nexport const config = new Config();", true],
  // why: the class is imported; what its methods write is in its own module, checked with the imports
  ["an instance of an imported class beside a local class writing this", "import { Client } from './client';\nconst client = new Client();\nexport class Conn { constructor(ws) { this.ws = ws; } }", false],
  ["a trailing comment naming the window", "export type Phase =\n  | 'executing' // not yet recorded (crash window)\n  | 'done';", false],
  ["an instance whose class writes into a field by Object.assign", "class Config {\n  values = {};\n  merge(v) { Object.assign(this.values, v); }\n}\nexport const config = new Config();", true],
  ["an instance whose class pushes into a field", "class Registry {\n  items = [];\n  add(v) { this.items.push(v); }\n}\nexport const registry = new Registry();", true],
  ["an instance whose class writes an element of a field", "class Store {\n  data = {};\n  put(k, v) { this.data[k] = v; }\n}\nexport default new Store();", true],
  // why: a WeakSet gives none of its members back, so adding to it keeps nothing a caller can reach again
  ["a module WeakSet of objects warned about", "const warned = new WeakSet<object>();\nexport function f(source: object) {\n  if (warned.has(source)) return;\n  warned.add(source);\n}", false],
  ["a module WeakMap written through set()", "const byStub = new WeakMap<object, string>();\nexport function f(stub: object, name: string) { byStub.set(stub, name); }", true],
  // why: the class only reads its fields
  ["an instance whose class only reads its fields", "class Limits {\n  values = { max: 3 };\n  get(k) { return this.values[k] ?? this.values.max; }\n}\nexport const limits = new Limits();", false],
  ["a default export instance whose class writes this", "class Service { configure(t) { this.token = t; } }\nexport default new Service();", true],
  ["a named module object whose methods write this", "export const cfg: Cfg = {\n  key: '',\n  setKey(v: string) { this.key = v; },\n};", true],
  ["a named module object whose method adds to what this holds", "const cache = {\n  store: new Map(),\n  set(k: string, v: unknown) { this.store.set(k, v); },\n};\nexport { cache };", true],
  // why: the module writes this in a class; its object literal is a table of constants ("}" in a string does not end it)
  ["a class writing this beside a constant object literal", "export const STATE = { open: '}', closed: 'closed' };\nexport class Conn {\n  state = STATE.closed;\n  open() { this.state = STATE.open; }\n}", false],
  // why: an object literal whose methods only read this keeps nothing
  ["a named module object whose methods only read this", "export const fmt = { prefix: '>', print(v: string) { return this.prefix + v; } };", false],
  ["a module array typed with a function type", "const hooks: (() => string)[] = [];\nexport function f(k: string) { hooks.push(() => k); }", true],
  ["a module Map typed with a callback value", "export const handlers: Map<string, (e: Event) => void> = new Map();\nexport function on(n: string, h: (e: Event) => void) { handlers.set(n, h); }", true],
  // why: the constant is typed with a function type and only read
  ["a module constant of a function type, only read", "const noop: () => void = () => {};\nexport function f() { return noop(); }", false],
  ["a URL in a string is not a comment", "export const cache = new Map();\nexport function f(v) { const u = 'https://x.dev'; cache.set(u, v); }", true],
  ["a member of what a function returns, written", "import { getStore } from './store';\nexport function f(v) { getStore().client = v; }", true],
  ["what a function returns, added to", "import { getCache } from './cache';\nexport function f(k, v) { getCache(k)[k] = v; getCache().set(k, v); }", true],
  // why: a new object, or what a method returns, is no module state of a function's own
  ["a new URL's parameters and a response's headers, written", "export function f(u, v) {\n  const url = new URL(u).searchParams.set('k', v);\n  return Response.json({}).headers.set('x', v);\n}", false],
  ["what a function returns, only read", "import { getStore } from './store';\nexport function f(v) { return getStore().client === v; }", false],
  ["a listener added on what a getter returns", "import { getBus } from './bus';\nexport function f(v) { getBus().once('e', () => v); }", true],
  // why: a schema's index built by a call, and an array a factory fills, are no module state
  ["a drizzle table's index and a filled array", "export const t = table('t', { oid: text() }, (t) => [index('by_oid').on(t.oid), unique().on(t.oid)]);\nexport function f() { return Array(3).fill(0); }", false],
];

describe("mayReturnModuleState", () => {
  it.each([
    ["a function returning a module object", "const store = {};\nexport function getStore() {\n  return store;\n}", true],
    ["an arrow returning a module collection, cast", "const cache = new Map();\nexport const getCache = () => (cache as Map<string, unknown>);", true],
    ["a function returning a member of the global object", "export function shared() { return globalThis.__shared; }", true],
    ["a barrel", "export * from './store';\nexport { getCache } from './cache';", true],
    // why: fresh objects, locals and call results are no module state; a name in a comment runs nothing
    ["fresh objects, locals and call results", "const LIMIT = 3;\nexport function make() {\n  const store = {};\n  // return LIMIT;\n  return { store };\n}\nexport const current = () => als.getStore();\nexport function local(store) { return store; }", false],
  ] as [string, string, boolean][])("%s", (_what, text, expected) => {
    expect(mayReturnModuleState(text)).toBe(expected);
  });
});

describe("textMayKeep", () => {
  it.each(cases)("%s", (_what, text, expected) => {
    expect(textMayKeep(text)).toBe(expected);
  });
});

describe("importsOf", () => {
  it("gives the names an import takes only when it takes named members", () => {
    const text = [
      `import { DEFAULT_TTL, type Store, load as read } from "./a";`,
      `import Client from "./b";`,
      `import * as util from "./c";`,
      `import Default, { named } from "./d";`,
      `import type { Only } from "./e";`,
      `export { helper } from "./f";`,
      `export * from "./g";`,
      `import {\n  one,\n  two,\n} from "./h";`,
    ].join("\n");
    expect(importsOf(text)).toEqual([
      { specifier: "./a", names: ["DEFAULT_TTL", "load"] },
      { specifier: "./b", names: null },
      { specifier: "./c", names: null },
      { specifier: "./d", names: null },
      { specifier: "./f", names: ["helper"], forward: true },
      { specifier: "./g", names: null, forward: true },
      { specifier: "./h", names: ["one", "two"] },
    ]);
  });
});

describe("plainExports", () => {
  it("names the exported types and one-line constants of plain data, not what can hold or do something", () => {
    const text = [
      `export interface Session { id: string }`,
      `export type Phase = "a" | "b";`,
      `export const DEFAULT_SWEEP_IDLE_MS = 10 * 60 * 1000;`,
      `export const PREFIX: string = "__k__:";`,
      `export const ENABLED = true as const;`,
      `export const cache = new Map();`,
      `export const config = { ttl: 1 };`,
      `export const make = () => 1;`,
      `export const TEMPLATE = \`\${x}\`;`,
      `export function keep(v) { return v; }`,
      `export enum Kind { A }`,
    ].join("\n");
    expect(plainExports(text).sort()).toEqual(["DEFAULT_SWEEP_IDLE_MS", "ENABLED", "PREFIX", "Phase", "Session"]);
  });
});

describe("madeExports", () => {
  it("names the exports another module's function or class made, with that module's specifier", () => {
    const text = [
      `import { Hono } from "hono";`,
      `import type { Env } from "./env";`,
      `import Client, { make as build } from "./client";`,
      `const app = new Hono<{ Bindings: Env }>();`,
      `export const api = new Hono().basePath("/api");`,
      `export const client = build(1);`,
      `const local = helper();`,
      `export const own = new Local();`,
      `function helper() { return 1; }`,
      `class Local {}`,
      `export default app;`,
    ].join("\n");
    expect(madeExports(text)).toEqual([
      { name: "default", specifier: "hono" },
      { name: "api", specifier: "hono" },
      { name: "client", specifier: "./client" },
    ]);
  });
});
