/**
 * TypeScript-only syntax through @typescript-eslint/parser, each form combined with Workers code
 * so the rules really run over it. Every case must lint without a rule exception, and the planted
 * escapes (lines ending in `// expect: <rule>`) must be exactly the reports. Then a corpus of real
 * declaration files.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectedFromMarkers, lintOutcome, reportsFor, reportsOf } from "./harness";

interface Case {
  name: string;
  filename?: string;
  code: string;
}

const ENV = "no-env-in-global-scope";
const REQ = "no-request-state-in-global-scope";
const TOP = "no-top-level-env-derivation";
const MUT = "no-env-mutation";

const cases: Case[] = [
  {
    name: "decorators on a Durable Object class, its methods, fields and parameters",
    code: `
function logged(target: any, _ctx?: any) { return target; }
function Route(path: string) { return (t: any, _k?: any) => t; }
let db: any;
@logged
@Route("/api")
export class Api extends DurableObject<Env> {
  @Route("/v") static readonly version = 1;
  @logged private client?: OpenAI;
  @logged
  async fetch(@Inject("req") request: Request): Promise<Response> {
    db ??= drizzle(this.env.DB); // expect: ${ENV}
    this.client ??= new OpenAI({ apiKey: this.env.KEY });
    return new Response("ok");
  }
}`,
  },
  {
    name: "enums and const enums beside a handler",
    code: `
const enum Kind { A = 1, B = A << 1, C = "c".length }
enum Color { Red = "r", Green = Red.length, Blue }
declare enum Ambient { X }
let last: any;
let kind = Kind.A;
export default {
  async fetch(req: Request, env: Env) {
    last = env.API_KEY + Kind.B + Color.Red; // expect: ${ENV}
    kind = Kind.C;
    return new Response(Color[Color.Green]);
  },
};`,
  },
  {
    name: "a namespace with code next to a module `let` singleton",
    code: `
namespace Util {
  export const prefix = "x";
  export function key(env: Env) { return prefix + env.KEY; }
}
let db: any;
export default {
  async fetch(req: Request, env: Env) {
    db ??= drizzle(env.DB); // expect: ${ENV}
    return new Response(Util.key(env));
  },
};`,
  },
  {
    name: "a namespace's own variables live as long as the module",
    code: `
namespace Store {
  let client: any;
  export let shared: string | undefined;
  export function init(env: Env) {
    client = new Client(env.KEY); // expect: ${ENV}
    shared = env.SECRET; // expect: ${ENV}
  }
}`,
  },
  {
    name: "nested and dotted namespaces, legacy `module` and ambient module declarations",
    code: `
declare module "foo" { export const x: number; }
module Legacy { export const y = 1; }
namespace A.B.C { export function f(env: Env) { return env.X; } }
let last: any;
export default {
  fetch(req: Request, env: Env) {
    last = A.B.C.f(env); // expect: ${ENV}
    return new Response(String(Legacy.y));
  },
};`,
  },
  {
    name: "abstract classes with abstract members",
    code: `
abstract class Base<T> {
  abstract run(env: Env): T;
  protected abstract readonly name: string;
  protected cache?: T;
}
let shared: string | undefined;
class Impl extends Base<string> {
  protected readonly name = "impl";
  run(env: Env) {
    shared = env.SECRET; // expect: ${ENV}
    this.cache = env.SECRET;
    return "";
  }
}`,
  },
  {
    name: "parameter properties keep env on the instance",
    code: `
class Svc {
  constructor(private readonly env: Env, public name = "x", protected readonly extra?: string) {}
  get key() { return this.env.KEY; }
}
let svc: Svc | undefined;
export default {
  fetch(req: Request, env: Env) {
    svc = new Svc(env); // expect: ${ENV}
    const local = new Svc(env);
    return new Response(local.key);
  },
};`,
  },
  {
    name: "`satisfies` on the default export and on values",
    code: `
let kv: KVNamespace | undefined;
const limits = { max: 10 } satisfies Record<string, number>;
export default {
  async fetch(req, env) {
    kv = env.KV satisfies KVNamespace; // expect: ${ENV}
    return new Response(String(limits.max));
  },
} satisfies ExportedHandler<Env>;`,
  },
  {
    name: "`accessor` fields, static and instance",
    code: `
class Holder {
  accessor value = 1;
  static accessor shared: string = "";
  private accessor secret?: string;
}
export class Room extends DurableObject<Env> {
  accessor token: string | undefined;
  async fetch() {
    this.token = this.env.TOKEN;
    Holder.shared = this.env.TOKEN; // expect: ${ENV}
    return new Response();
  }
}`,
  },
  {
    name: "`using` and `await using` declarations",
    code: `
let keep: any;
export default {
  async fetch(req: Request, env: Env) {
    using res = { [Symbol.dispose]() {} };
    await using conn = { async [Symbol.asyncDispose]() {}, db: env.DB };
    keep = conn; // expect: ${ENV}
    using _ = null;
    return new Response();
  },
};`,
  },
  {
    name: "function overloads and method overloads",
    code: `
function make(env: Env): string;
function make(env: Env, n: number): number;
function make(env: Env, n?: number): any { return n ?? env.KEY; }
class Factory {
  static build(env: Env): string;
  static build(env: Env, x: boolean): string;
  static build(env: Env, _x?: boolean) { return env.URL; }
}
let cached: any;
export default {
  async fetch(req: Request, env: Env) {
    cached = make(env); // expect: ${ENV}
    const url = Factory.build(env);
    return new Response(url);
  },
};`,
  },
  {
    name: "a declaration file: `declare module`, `declare global` and ambient functions",
    filename: "worker-configuration.d.ts",
    code: `
declare module "cloudflare:workers" { export const env: Env; }
declare global {
  var prisma: PrismaClient | undefined;
  interface Env { DB: D1Database; KEY: string }
  namespace NodeJS { interface ProcessEnv { KEY?: string } }
}
declare function drizzle(db: D1Database): unknown;
declare let counter: number;
declare class Thing { static make(env: Env): Thing }
export {};`,
  },
  {
    name: "`declare global { var prisma }` and the `globalThis.prisma ??=` singleton it types",
    code: `
import { PrismaClient } from "@prisma/client";
declare global {
  var prisma: PrismaClient | undefined;
}
export function getDb(env: Env) {
  globalThis.prisma ??= new PrismaClient({ datasourceUrl: env.DATABASE_URL }); // expect: ${ENV}
  return globalThis.prisma;
}`,
  },
  {
    name: "TSX: Hono JSX routes",
    filename: "app.tsx",
    code: `
import { Hono } from "hono";
const app = new Hono<{ Bindings: Env }>();
let lastAdmin: string | undefined;
const Page = ({ name }: { name: string }) => (
  <div class="x">
    {name}
    <>{[1, 2].map((n) => <span key={n}>{n}</span>)}</>
  </div>
);
app.get("/", (c) => {
  lastAdmin = c.env.ADMIN; // expect: ${ENV}
  return c.html(<Page name={c.req.query("n") ?? ""} />);
});
export default app;`,
  },
  {
    name: "TSX: generic arrow functions and components",
    filename: "view.tsx",
    code: `
const identity = <T,>(x: T): T => x;
function List<T extends { id: string }>({ items }: { items: T[] }) { return <ul>{items.map((i) => <li key={i.id} />)}</ul>; }
let lastKey: string | undefined;
export default {
  async fetch(req: Request, env: Env) {
    lastKey = identity<string>(env.KEY); // expect: ${ENV}
    return new Response(String(<List items={[]} />));
  },
};`,
  },
  {
    name: "JSX element built from env and kept in module scope",
    filename: "page.jsx",
    code: `
let cached;
export default {
  async fetch(request, env) {
    cached = <App token={env.TOKEN} />; // expect: ${ENV}
    return new Response("ok");
  },
};`,
  },
  {
    name: "generics, type arguments and instantiation expressions",
    code: `
function id<T>(x: T): T { return x; }
const store = new Map<string, Array<Promise<unknown>>>();
const makeBox = id<{ v: string }>;
export default {
  async fetch<R extends Request>(req: R, env: Env) {
    store.set("k", [id<string>(env.KEY) as any]); // expect: ${ENV}
    const box = makeBox({ v: "x" });
    return new Response(box.v);
  },
};`,
  },
  {
    name: "`import x = require()`, `import type` and `export import`",
    code: `
import fs = require("fs");
import Client = require("some-client");
import type { Env as E } from "./env";
namespace Inner { export const v = 1; }
export import Alias = Inner.v;
let c: any;
export function init(env: E) {
  c = new Client(env.URL); // expect: ${ENV}
  return fs;
}`,
  },
  {
    name: "`export =` of an object with a store inside",
    code: `
let c: any;
function init(env: Env) {
  c = env.DB; // expect: ${ENV}
}
export = { init };`,
  },
  {
    name: "`this` types and fluent builders",
    code: `
class Builder {
  private parts: string[] = [];
  add(this: Builder, s: string): this { this.parts.push(s); return this; }
  isEmpty(): this is Builder { return this.parts.length === 0; }
}
let b: Builder | undefined;
export default {
  fetch(req: Request, env: Env) {
    b = new Builder().add(env.A).add(env.B); // expect: ${ENV}
    return new Response();
  },
};`,
  },
  {
    name: "optional chaining and non-null assertions everywhere",
    code: `
let token: string | undefined;
let secret!: string;
export default {
  async fetch(req: Request, env?: Env) {
    // env and request state in one store: one rule reports it, the request rule
    token = env?.AUTH?.["token"]?.trim?.() ?? req?.headers?.get?.("x"); // expect: ${REQ}
    secret = env!.SECRET!; // expect: ${ENV}
    (globalThis as any).k = <string>env?.K; // expect: ${ENV}
    return new Response(env?.["DB"]?.prepare?.("select 1")?.toString());
  },
};`,
  },
  {
    name: "type-only code is ignored",
    code: `
import type { Env as E } from "./env";
export type Handler = (req: Request, env: E) => Promise<Response>;
export interface Store { db?: D1Database }
let x: typeof import("./foo");
type T = Parameters<Handler>[1]["DB"];
type Fn = { (env: Env): void; new (env: Env): object };
export abstract class Shape { abstract area(env: Env): number }`,
  },
  {
    name: "index signatures, definite assignment, `declare` fields and `override`",
    code: `
class Cache { [key: string]: unknown; declare readonly brand: "cache"; static items: Record<string, string> = {} }
export class Entry extends WorkerEntrypoint<Env> {
  declare foo: string;
  #secret?: string;
  override async fetch(request: Request): Promise<Response> {
    this.#secret = this.env.S;
    Cache.items["k"] = this.env.S; // expect: ${ENV}
    return new Response();
  }
}`,
  },
  {
    name: "the imported env at module top level, in an enum and a namespace",
    code: `
import { env } from "cloudflare:workers";
const KEY: string = env.API_KEY as string; // expect: ${TOP}
namespace Config { export const url = env.URL; } // expect: ${TOP}
export function handler() { return KEY + Config.url; }`,
  },
  {
    name: "writing onto env through type assertions",
    code: `
export default {
  async fetch(req: Request, env: Env) {
    (env as any).cache = new Map(); // expect: ${MUT}
    (<any>env).DB.extra = 1; // expect: ${MUT}
    env!.KV!.put("k", "v");
    return new Response();
  },
};`,
  },
  {
    name: "decorated class in a namespace file with a lazy singleton",
    code: `
namespace Services {
  export function Injectable() { return (t: any) => t; }
}
let db: ReturnType<typeof drizzle> | undefined;
@Services.Injectable()
export class Repo {
  constructor(private readonly env: Env) {}
  get db() {
    db ??= drizzle(this.env.DB); // expect: ${ENV}
    return db;
  }
}`,
  },
];

describe("TypeScript syntax with every rule on @typescript-eslint/parser", () => {
  for (const c of cases) {
    it(c.name, () => {
      const code = c.code.replace(/^\n/, "");
      const actual = reportsFor(code, { ts: true, filename: c.filename ?? "worker.ts" });
      expect(actual).toEqual(expectedFromMarkers(code));
    });
  }
});

describe("a declaration-file corpus: the TypeScript package's own lib/*.d.ts", () => {
  // Real declaration files: every rule must walk them without a rule exception, and there is no
  // runtime code in them to report. The few largest (lib.dom.d.ts is 1.8 MB) are left out: their
  // time goes to parsing, not to the plugin.
  const libDir = join(dirname(createRequire(__filename).resolve("typescript/package.json")), "lib");
  const files = readdirSync(libDir)
    .filter((f) => f.endsWith(".d.ts") && statSync(join(libDir, f)).size < 150_000)
    .sort();
  it("finds the corpus", () => {
    expect(files.length).toBeGreaterThan(80);
  });
  const BATCH = 40;
  for (let i = 0; i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH);
    it(`${batch[0]} … ${batch[batch.length - 1]}`, () => {
      const failures: string[] = [];
      for (const file of batch) {
        const outcome = lintOutcome(readFileSync(join(libDir, file), "utf8"), { ts: true, filename: file });
        if (outcome.kind !== "ok") failures.push(`${file}: ${outcome.kind === "exception" ? outcome.error : outcome.message}`);
        else if (reportsOf(outcome.messages).length) failures.push(`${file}: ${reportsOf(outcome.messages).join(", ")}`);
      }
      expect(failures).toEqual([]);
    });
  }
});
