import { describe, expect, it } from "vitest";
import { analyse, find } from "./probe";

describe("function summaries", () => {
  const code = `
    function getDb(d1) { return drizzle(d1); }
    function label(x) { return "static"; }
    export default {
      async fetch(request, env) {
        const a = getDb(env.DB);
        const b = getDb("memory");
        const c = label(env.KEY);
        return new Response("ok");
      },
    };
  `;

  it("summarises what a function returns in terms of its parameters", () => {
    const analysis = analyse(code);
    const fn = find(analysis, "FunctionDeclaration", "function getDb(d1) { return drizzle(d1); }");
    const summary = analysis.trace.returnValue(fn);
    // why: the return depends on parameter 0 only, and holds no env by itself
    expect(summary.env).toBeUndefined();
    expect(summary.params?.map((d) => [d.fn === fn, d.index, d.path])).toEqual([[true, 0, null]]);
  });

  it("reuses one summary at every call site", () => {
    const analysis = analyse(code);
    const fn = find(analysis, "FunctionDeclaration", "function getDb(d1) { return drizzle(d1); }");
    const first = analysis.trace.returnValue(fn);
    const a = analysis.trace.concreteValue(find(analysis, "CallExpression", "getDb(env.DB)"));
    const b = analysis.trace.concreteValue(find(analysis, "CallExpression", 'getDb("memory")'));
    // why: the memo hands back the very same summary object after both call sites used it
    expect(analysis.trace.returnValue(fn)).toBe(first);
    expect(a.env?.origin).toBe("env.DB");
    expect(a.env?.built).toBe(true);
    expect(b.env).toBeUndefined();
  });

  it("drops arguments a function does not return", () => {
    const analysis = analyse(code);
    expect(analysis.trace.concreteValue(find(analysis, "CallExpression", "label(env.KEY)")).env).toBeUndefined();
  });

  it("resolves parameters from the file's call sites through several functions", () => {
    const analysis = analyse(`
      function c(x) { return x; }
      function b(y) { return c(y); }
      function a(z) { return b(z); }
      export default { async fetch(req, env) { return a(env.SECRET); } };
    `);
    const fn = find(analysis, "FunctionDeclaration", "function c(x) { return x; }");
    expect(analysis.trace.paramValue(fn, 0).env?.origin).toBe("env.SECRET");
  });

  it("terminates on mutual recursion and still finds the derived parameter", () => {
    const analysis = analyse(`
      function even(n, v) { return n === 0 ? v : odd(n - 1, v); }
      function odd(n, v) { return n === 0 ? null : even(n - 1, v); }
      export default { async fetch(req, env) { return even(4, env.TOKEN); } };
    `);
    const odd = find(analysis, "FunctionDeclaration", "function odd(n, v) { return n === 0 ? null : even(n - 1, v); }");
    expect(analysis.trace.paramValue(odd, 1).env?.origin).toBe("env.TOKEN");
    expect(analysis.trace.concreteValue(find(analysis, "CallExpression", "even(4, env.TOKEN)")).env?.origin).toBe("env.TOKEN");
  });

  it("treats a closure over a derived local as derived", () => {
    const analysis = analyse(`
      export default { async fetch(req, env) { const k = env.KEY; const f = () => k; return f; } };
    `);
    const v = analysis.trace.valueOf(find(analysis, "ArrowFunctionExpression", "() => k"));
    expect(v.env?.closure).toBe(true);
    expect(v.env?.origin).toBe("a closure over `env.KEY`");
  });
});

describe("sources", () => {
  it("marks the handler's second parameter as env, first and third as request state", () => {
    const analysis = analyse(`export default { async fetch(req, bindings, ctx) { return [req, bindings, ctx]; } };`);
    const fn = find(analysis, "FunctionExpression", "(req, bindings, ctx) { return [req, bindings, ctx]; }");
    const params = analysis.entry.sourceParams(fn);
    expect(params.get(0)?.req?.io).toBe(true);
    expect(params.get(1)?.env?.origin).toBe("bindings");
    expect(params.get(1)?.env?.envPath).toEqual([]);
    expect(params.get(2)?.req?.origin).toBe("ctx");
  });

  it("gives a Hono callback a context whose env path leads to env", () => {
    const analysis = analyse(`import { Hono } from "hono"; const app = new Hono(); app.get("/", (c) => c.env.DB);`);
    const fn = find(analysis, "ArrowFunctionExpression", "(c) => c.env.DB");
    expect(analysis.entry.sourceParams(fn).get(0)?.containers?.[0].envPaths).toEqual([["env"]]);
    expect(analysis.trace.valueOf(find(analysis, "MemberExpression", "c.env.DB")).env?.origin).toBe("c.env.DB");
  });

  it("does not treat a look-alike as a source without the import", () => {
    const analysis = analyse(`const app = express(); app.get("/", (c) => c.env.DB);`);
    expect(analysis.trace.valueOf(find(analysis, "MemberExpression", "c.env.DB")).env).toBeUndefined();
  });
});

describe("object literals", () => {
  const value = (analysis: ReturnType<typeof analyse>, type: string, text: string) => analysis.trace.concreteValue(find(analysis, type, text));

  it("gives a property its own value, not what its siblings hold", () => {
    const analysis = analyse(`
      export default {
        async fetch(req, env) {
          const pair = { client: new Client(env.KEY), count: 1 };
          return [pair.count, pair.client];
        },
      };
    `);
    // why: `count` is a number written in the literal; `client` is built from the secret
    expect(value(analysis, "MemberExpression", "pair.count").env).toBeUndefined();
    const client = value(analysis, "MemberExpression", "pair.client");
    expect(client.env?.origin).toBe("env.KEY");
    expect(client.env?.built).toBe(true);
  });

  it("keeps each property through a call and an await, and joins two returned literals key by key", () => {
    const analysis = analyse(`
      async function read(db, id) {
        if (!id) return { ok: false, error: "missing" };
        const row = await db.prepare("SELECT 1").first();
        return { ok: true, row, db };
      }
      export default {
        async fetch(req, env) {
          const result = await read(env.DB, "a");
          const row = result.row;
          const error = result.error;
          const db = result.db;
          return [row, error, db];
        },
      };
    `);
    // why: `row` is data read through the binding, `error` a string, `db` the binding itself
    expect(value(analysis, "MemberExpression", "result.row").env?.bindingData).toBe(true);
    expect(value(analysis, "MemberExpression", "result.error").env).toBeUndefined();
    const db = value(analysis, "MemberExpression", "result.db").env;
    expect(db?.origin).toBe("env.DB");
    expect(db?.bindingData).toBeFalsy();
  });

  it("reads the join of all properties when a key is computed or spread in", () => {
    const analysis = analyse(`
      export default {
        async fetch(req, env) {
          const key = "a";
          const computed = { [key]: env.SECRET, count: 1 };
          const spread = { ...env, count: 1 };
          const known = { ...{ token: env.SECRET }, count: 1 };
          return [computed.count, spread.count, known.count, known.token];
        },
      };
    `);
    // why: with a computed key or a spread of keys not known, which property holds the value is not known
    expect(value(analysis, "MemberExpression", "computed.count").env?.origin).toBe("env.SECRET");
    expect(value(analysis, "MemberExpression", "spread.count").env?.origin).toBe("env");
    // why: a spread of a literal gives its keys, and a property written after them is its own
    expect(value(analysis, "MemberExpression", "known.count").env).toBeUndefined();
    expect(value(analysis, "MemberExpression", "known.token").env?.origin).toBe("env.SECRET");
  });

  it("carries data read through a binding across two helpers that hand the binding on", () => {
    const analysis = analyse(`
      import { send } from "./transport";
      async function call(stub, path) {
        const res = await send(stub, path);
        const data = await res.json();
        return { status: res.status, data };
      }
      async function claim(stub) {
        const { data } = await call(stub, "/claim");
        return data.id;
      }
      export default {
        async fetch(req, env) {
          return claim(env.COORDINATOR.get(env.COORDINATOR.idFromName("x")));
        },
      };
    `);
    // why: the body of a response fetched through the stub is data, not the stub or a client of it
    const id = value(analysis, "MemberExpression", "data.id").env;
    expect(id?.origin).toBe("env.COORDINATOR");
    expect(id?.bindingData).toBe(true);
  });
});

describe("call sites of a function of the file", () => {
  const sitesOf = (code: string, fnText: string, type = "FunctionDeclaration") => {
    const analysis = analyse(code);
    const fn = find(analysis, type, fnText) as never;
    return analysis.functions.callSitesOf(fn).map((args) => args.map((a) => analysis.text(a)).join(", "));
  };

  it("lists the calls of a declaration's name, in source order", () => {
    const code = `
      const b = () => first(2);
      function first(x) { return x; }
      first(1);
      first(3, 4);
    `;
    expect(sitesOf(code, "function first(x) { return x; }")).toEqual(["2", "1", "3, 4"]);
  });

  it("lists the calls of a function a const names", () => {
    const code = `const pick = (e) => e.DB; pick(env); other(pick(env2));`;
    expect(sitesOf(code, "(e) => e.DB", "ArrowFunctionExpression")).toEqual(["env", "env2"]);
  });

  it("gives a callback handed to a call no call site, and an immediately invoked function its call", () => {
    const code = `list.map((item) => item.id); ((x) => x)(env);`;
    expect(sitesOf(code, "(item) => item.id", "ArrowFunctionExpression")).toEqual([]);
    expect(sitesOf(code, "(x) => x", "ArrowFunctionExpression")).toEqual(["env"]);
  });

  it("still finds calls through an alias, an object, .call and .apply", () => {
    const code = `
      function pick(e) { return e; }
      const alias = pick;
      const api = { pick };
      alias(a); api.pick(b); pick.call(null, c); pick.apply(null, [d]); pick(e);
    `;
    // why: a name used other than as a callee sends the question to the table of every call
    expect(sitesOf(code, "function pick(e) { return e; }")).toEqual(["a", "b", "c", "d", "e"]);
  });
});
