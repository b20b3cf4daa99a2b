/**
 * Adversarial files, generated here: extreme size and the odd corners of the language (depth and
 * long chains are in adversarial-depth.test.ts). For each: no rule exception, the lint finishes,
 * and the reports are exactly the planted escapes (lines ending in `// expect: <rule>`), nothing
 * elsewhere.
 */
import { describe, expect, it } from "vitest";
import { fileGate } from "../../src/engine/file-gate";
import { DEFAULT_SETTINGS } from "../../src/settings";
import { ENV, TOP, REQ, Source, expectExactReports, handlerHead, handlerTail } from "./adversarial-kit";

describe("size", () => {
  it("the file gate reads text full of unclosed comment openers and type brackets in linear time", () => {
    // Each piece leaves a comment or `<` open to the end of the text: a gate pattern that searched
    // for its close from every opener would take tens of seconds on these 1–2 MB texts.
    const texts = [
      `const s = "${"x(/* ".repeat(200_000)}";`,
      `const s = "${"class A extends /* ".repeat(60_000)}";`,
      `const s = "${"export /* ".repeat(120_000)}";`,
      `export default 1;\nconst s = "${" queue < ".repeat(150_000)}";`,
    ];
    for (const text of texts) expect(fileGate(text, DEFAULT_SETTINGS).may).toBe(false);
  });
  it("300 mutually recursive helpers passing env around, one storing into module scope", () => {
    const N = 300;
    const STORE_AT = 150;
    const s = new Source().add("let store;").add("let cached;").add("let depthSeen = 0;");
    for (let i = 0; i < N; i++) {
      const next = `h${(i + 1) % N}`;
      if (i === STORE_AT) {
        s.add(`function h${i}(e, n) {`).add("  store = e.KEY;", ENV).add(`  return n > 0 ? ${next}(e, n - 1) : e.DB;`).add("}");
      } else if (i % 7 === 0) {
        // Also call back two steps, so the call graph has many cycles, not one ring.
        s.add(`function h${i}(e, n) {`).add("  depthSeen = n;").add(`  return n > 1 ? h${(i + N - 2) % N}(e, n - 2) : ${next}(e, n - 1);`).add("}");
      } else {
        s.add(`function h${i}(e, n) { return n > 0 ? ${next}(e, n - 1) : e.DB; }`);
      }
    }
    s.add(handlerHead).add("    cached = h0(env, 1000);", ENV).add("    const local = h5(env, 3);").add(handlerTail);
    expectExactReports(s.toString());
  });

  it("a chain of 1,000 helpers handing env down to a store in the last one", () => {
    const N = 1_000;
    const s = new Source().add("let store;");
    for (let i = 0; i < N - 1; i++) s.add(`function h${i}(e) { return h${i + 1}(e); }`);
    s.add(`function h${N - 1}(e) {`).add("  store = e.KEY;", ENV).add("}");
    s.add(handlerHead).add("    h0(env);").add(handlerTail);
    expectExactReports(s.toString());
  });

  it("a chain of 1,000 methods of a module-scope instance, the last storing its argument", () => {
    const N = 1_000;
    const s = new Source().add("let store;").add("class Pipeline {");
    for (let i = 0; i < N - 1; i++) s.add(`  step${i}(x) { return this.step${i + 1}(x); }`);
    s.add(`  step${N - 1}(x) {`).add("    store = x;", ENV).add("  }").add("}").add("const pipeline = new Pipeline();");
    s.add(handlerHead).add("    pipeline.step0(env.KEY);").add(handlerTail);
    expectExactReports(s.toString());
  });

  it("20,000 lines: 300 mutually recursive helpers and a long handler", () => {
    const s = new Source().add("let cacheA;").add("let cacheB;").add("let hits = 0;");
    for (let i = 0; i < 300; i++) {
      // Exported: their callers are not all in the file, so a parameter named env is env.
      s.add(`export function f${i}(env, n) {`);
      for (let j = 0; j < 30; j++) s.add(`  const t${j} = n * ${j} + ${i};`);
      if (i === 42) s.add("  cacheA ??= new Client(env.KEY);", ENV);
      s.add("  hits += 1;");
      s.add(`  return n > 0 ? f${(i * 7 + 3) % 300}(env, n - 1) : t0;`).add("}");
    }
    s.add(handlerHead);
    while (s.lineCount < 19_990) s.add(`    const x${s.lineCount} = ${s.lineCount} * 2;`);
    s.add("    cacheB = f0(env, 10) + env.B;", ENV).add(handlerTail);
    expect(s.lineCount).toBeGreaterThanOrEqual(19_990);
    expectExactReports(s.toString());
  });

  it("a 20,000-statement handler with three escapes among counters and locals", () => {
    const s = new Source().add("let cacheA;").add("let cacheB;").add("let cacheC;").add("let hits = 0;").add(handlerHead).add("    let local;");
    for (let i = 0; i < 20_000; i++) {
      if (i === 1_000) s.add("    cacheA = env.A;", ENV);
      else if (i === 10_000) s.add("    cacheB = new Client({ key: env.B });", ENV);
      else if (i === 19_990) s.add("    cacheC ??= `${env.C}/path`;", ENV);
      else if (i % 100 === 0) s.add("    hits++;");
      else if (i % 100 === 1) s.add(`    local = env.K${i};`);
      else s.add(`    const v${i} = ${i} * 2;`);
    }
    s.add(handlerTail);
    expectExactReports(s.toString());
  });

  it("a chain of 20,000 local aliases of env ending in a module store", () => {
    const N = 20_000;
    const s = new Source().add("let leak;").add(handlerHead).add("    const a0 = env.KEY;");
    for (let i = 1; i <= N; i++) s.add(`    const a${i} = a${i - 1};`);
    s.add(`    leak = a${N};`, ENV).add(handlerTail);
    expectExactReports(s.toString());
  });

  it("one local reassigned 20,000 times from itself, then stored", () => {
    const s = new Source().add("let leak;").add(handlerHead).add("    let x = env.KEY;");
    for (let i = 0; i < 20_000; i++) s.add(`    x = x + "${i % 10}";`);
    s.add("    leak = x;", ENV).add(handlerTail);
    expectExactReports(s.toString());
  });

  it("thousands of module variables, three of them written from env", () => {
    const N = 5_000;
    const planted = new Set([7, 2_500, 4_999]);
    const s = new Source();
    for (let i = 0; i < N; i++) s.add(`${i % 3 === 0 ? "export let" : "let"} m${i} = ${i};`);
    for (let i = 0; i < N; i++) s.add(`const c${i} = "constant ${i}";`);
    s.add(handlerHead);
    for (let i = 0; i < N; i++) {
      if (planted.has(i)) s.add(`    m${i} = env.K${i};`, ENV);
      else s.add(`    m${i} = m${i} + c${i}.length;`);
    }
    s.add(handlerTail);
    expectExactReports(s.toString());
  });

  it("thousands of Durable Object classes with per-instance caches", () => {
    const s = new Source().add("let shared;");
    for (let i = 0; i < 1_000; i++) {
      s.add(`export class Room${i} extends DurableObject {`)
        .add(`  #db; client${i};`)
        .add("  async fetch(request) {")
        .add("    this.#db ??= drizzle(this.env.DB);")
        .add(`    this.client${i} = new Client(this.env.KEY);`);
      if (i === 999) s.add("    shared = this.env.KEY;", ENV);
      s.add("    return new Response();").add("  }").add("}");
    }
    expectExactReports(s.toString());
  });
});

describe("language corners", () => {
  it("getters and setters", () => {
    const code = new Source()
      .add("let secret;")
      .add("let viaGetter;")
      .add("const holder = {")
      .add("  get value() { return secret; },")
      .add("  set value(v) { secret = v; },")
      .add("};")
      .add("class Config {")
      .add("  static #key;")
      .add("  static set key(v) { Config.#key = v; }")
      .add("  static get key() { return Config.#key; }")
      .add("}")
      .add("export class Room extends DurableObject {")
      .add("  get db() { return drizzle(this.env.DB); }")
      .add("  set note(v) { this._note = v; }")
      .add("  async fetch(request) {")
      .add("    this.note = this.env.NOTE;")
      .add("    const local = this.db;")
      .add("    viaGetter = this.db;", ENV)
      .add("    return new Response();")
      .add("  }")
      .add("}")
      .add(handlerHead)
      .add("    holder.value = env.KEY;", ENV)
      .add("    Config.key = env.KEY;", ENV)
      .add("    const read = holder.value + Config.key;")
      .add(handlerTail)
      .toString();
    expectExactReports(code);
  });

  it("Proxies", () => {
    const code = new Source()
      .add("const registry = new Proxy({}, { set(target, key, value) { target[key] = value; return true; } });")
      .add("let proxied;")
      .add("const logged = new Proxy(function () {}, { apply: (t, self, args) => Reflect.apply(t, self, args) });")
      .add(handlerHead)
      .add("    registry.db = env.DB;", ENV)
      .add("    proxied = new Proxy(env, { get: (t, k) => t[k] });", ENV)
      .add("    const local = new Proxy(env, {});")
      .add("    globalThis.envProxy = new Proxy({}, { get: (_t, k) => env[k] });", ENV)
      .add("    logged(local.X);")
      .add(handlerTail)
      .toString();
    expectExactReports(code);
  });

  it("`with` statements in a script", () => {
    const code = new Source()
      .add("var cache;")
      .add("var hits = 0;")
      .add("function handle(request, env) {")
      .add("  with (Math) { hits = max(hits, 1); }")
      .add("  with (env) { var local = DB; }")
      .add("  with ({}) { with ([]) { hits += 1; } }")
      .add("  cache = env.DB;", ENV)
      .add("  return local;")
      .add("}")
      // `handle` is also reachable from elsewhere (a global), so its `env` parameter is taken as env.
      .add("self.handle = handle;")
      .add("addEventListener('fetch', function (event) { event.respondWith(handle(event.request, {})); });")
      .toString();
    expectExactReports(code, { sourceType: "script" });
  });

  it("labels, including labels named like module variables", () => {
    const code = new Source()
      .add("let cache;")
      .add("let found = 0;")
      .add(handlerHead)
      .add('    cache: for (const k of ["A", "B"]) {')
      .add("      inner: for (const j of [1, 2]) {")
      .add("        if (j === 2) continue cache;")
      .add("        found: { if (j) break found; }")
      .add("        cache = env[k];", ENV)
      .add("        found++;")
      .add("        break inner;")
      .add("      }")
      .add("    }")
      .add("    env: { break env; }")
      .add(handlerTail)
      .toString();
    expectExactReports(code);
  });

  it("generators and async generators", () => {
    const code = new Source()
      .add("let last;")
      .add("let yielded;")
      .add("let gen;")
      .add("let count = 0;")
      .add("function* keys(env) { yield env.A; yield* ['x']; return env.B; }")
      .add("function* only(env) { yield env.A; }")
      .add("async function* pages(env) { for await (const p of env.LIST) yield p; }")
      .add("function* counter() { while (true) yield count++; }")
      .add(handlerHead)
      .add("    for (const k of keys(env)) last = k;", ENV)
      .add("    for (const k of only(env)) yielded = k;", ENV)
      .add("    gen = keys(env);", ENV)
      .add("    for await (const p of pages(env)) { const x = p; }")
      .add("    count = counter().next().value;")
      .add(handlerTail)
      .toString();
    expectExactReports(code);
  });

  it("private fields, private methods and static blocks", () => {
    const code = new Source()
      .add('import { env as liveEnv } from "cloudflare:workers";')
      .add("class Registry {")
      .add("  static #client;")
      .add("  static #count = 0;")
      .add("  #mine;")
      .add("  static { Registry.#count = 1; }")
      .add("  static { this.boot = liveEnv.BOOT; }", TOP)
      .add("  static get(env) { return (Registry.#client ??= new Client(env.KEY)); }", ENV)
      .add("  #remember(env) { this.#mine = env.KEY; }")
      .add("  static #has(o) { return #mine in o; }")
      .add("}")
      .add("export class Room extends DurableObject {")
      .add("  #db;")
      .add("  static #rooms = new Map();")
      .add("  async fetch(request) {")
      .add("    this.#db ??= drizzle(this.env.DB);")
      .add("    Room.#rooms.set('k', this.env.DB);", ENV)
      .add("    return new Response();")
      .add("  }")
      .add("}")
      .toString();
    expectExactReports(code);
  });

  it("computed keys", () => {
    const code = new Source()
      .add("const cache = {};")
      .add("let lastObject;")
      .add("class K { static [Symbol.iterator]() {} ['computed' + 1] = 2; }")
      .add(handlerHead)
      .add('    const k = "db";')
      .add("    cache[k] = env.DB;", ENV)
      .add("    cache[`${k}-2`] = env[k];", ENV)
      .add('    globalThis["x" + k] = env.DB;', ENV)
      .add("    const obj = { [k]: 1, [`${k}`]: env.DB };")
      .add("    lastObject = obj;", ENV)
      .add("    const local = { [env.NAME]: 1 };")
      .add(handlerTail)
      .toString();
    expectExactReports(code);
  });

  it("eval and new Function", () => {
    const code = new Source()
      .add("let compiled;")
      .add("let result;")
      .add("let fn;")
      .add(handlerHead)
      .add('    eval("compiled = env.KEY");')
      .add("    result = eval(env.SNIPPET);", ENV)
      .add('    fn = new Function("env", "return env.KEY");')
      .add('    const f2 = new Function("return " + env.KEY);')
      .add("    compiled = f2;", ENV)
      .add('    (0, eval)("1");')
      .add("    globalThis.run = Function(env.CODE);", ENV)
      .add(handlerTail)
      .toString();
    expectExactReports(code);
  });

  it("sloppy-mode scripts: `arguments`, function declarations in blocks, `var` redeclarations", () => {
    const code = new Source()
      .add("var store;")
      .add("function keep(request, env) {")
      .add("  var count = arguments.length;")
      .add("  if (count) {")
      .add("    function inner() { return env.KEY; }")
      .add("    store = inner;", ENV)
      .add("  }")
      .add("  var store2 = 1; var store2 = env.KEY;")
      .add("  return store;")
      .add("}")
      .toString();
    expectExactReports(code, { sourceType: "script" });
  });

  describe("names of Object.prototype members in every position", () => {
    // The plugin's lookup tables must not answer for `toString`, `constructor`, `__proto__`…
    const NAMES = ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__"];
    for (const name of NAMES) {
      it(`${name} as an undeclared global`, () => {
        // An undeclared global of that name (wasm-bindgen output calls `toString.call(val)`).
        const global = new Source()
          .add("let kept;")
          .add(handlerHead)
          .add(`    const tag = ${name}.call(null, 1);`)
          .add("    kept = tag;")
          .add(handlerTail);
        expectExactReports(global.toString());
      });

      it(`${name} as an import, a method and a key`, () => {
        // Imported functions of that name (`import { toString } from "uint8arrays"`).
        const imports = new Source()
          .add(`import { ${name} as imported } from "some-lib";`)
          .add(`import { ${name} } from "other-lib";`)
          .add(`import { ${name} as fromOpenNext } from "@opennextjs/cloudflare";`)
          .add(`import { ${name} as fromH3 } from "h3";`)
          .add("const cache = {};")
          .add("let kept;")
          .add("const atTop = imported(1);")
          .add("export const wrapped = fromH3((event) => event);")
          .add("export const context = fromOpenNext();")
          .add(handlerHead)
          .add(`    kept = ${name}(1);`)
          .add(`    if (cache.${name}(env.KEY)) return new Response("hit");`)
          .add(`    kept = env.${name};`, ENV)
          .add(`    kept = { ${name === "__proto__" ? '"__proto__"' : name}: env.KEY };`, ENV)
          .add(`    Object.${name}(cache, env.KEY);`)
          .add(`    Reflect.${name}(cache, env.KEY);`)
          .add(handlerTail);
        expectExactReports(imports.toString());
      });
    }

    it("as class, method, handler and function names", () => {
      const code = new Source()
        .add("let kept;")
        .add("export class toString extends DurableObject {")
        .add("  valueOf() { kept = this.env.KEY; }", ENV)
        .add("  hasOwnProperty(x) { return x; }")
        .add("}")
        .add("export function constructor(env) { kept = env.KEY; }", ENV)
        .add("export default {")
        .add("  async toString(request, env) { kept = env.A; },", ENV)
        .add("  async fetch(request, env) {")
        .add("    kept = env.B;", ENV)
        .add('    return new Response("ok");')
        .add("  },")
        .add("};")
        .toString();
      expectExactReports(code);
    });
  });

  it("request state in the same corners: with, labels, generators", () => {
    const code = new Source()
      .add("let lastUrl;")
      .add("let body;")
      .add(handlerHead)
      .add("    loop: for (const h of request.headers) { lastUrl = request.url; break loop; }", REQ)
      .add("    body = request.body;", REQ)
      .add(handlerTail)
      .toString();
    expectExactReports(code);
  });
});
