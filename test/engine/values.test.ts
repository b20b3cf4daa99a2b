import { describe, expect, it } from "vitest";
import { EMPTY, applyDep, isEmpty, join, member, primitive, transformed, type Val } from "../../src/engine/values";

const env: Val = { env: { origin: "env", envPath: [] } };
const hono: Val = { containers: [{ envPaths: [["env"]], request: true, label: "c" }] };
const request: Val = { req: { origin: "request", envPath: null, io: true } };

describe("member", () => {
  it.each([
    ["env.DB", member(env, "DB").env, { origin: "env.DB", envPath: ["DB"] }],
    ["env[…]", member(env, null).env, { origin: "env[…]", envPath: null }],
    ["c.env", member(hono, "env").env, { origin: "c.env", envPath: [] }],
  ])("reads %s", (_label, actual, expected) => {
    expect(actual).toMatchObject(expected);
  });

  it("reads request members as data or I/O", () => {
    expect(member(request, "headers").req?.io).toBe(false);
    expect(member(request, "body").req?.io).toBe(true);
    expect(member(hono, "req").req?.io).toBe(true);
    expect(member(hono, "req").env).toBeUndefined();
  });

  it("keeps I/O through array elements", () => {
    expect(member(request, "0").req?.io).toBe(true);
  });

  it("extends parameter paths", () => {
    const v: Val = { params: [{ fn: null as never, index: 0, path: [] }] };
    expect(member(member(v, "env"), "DB").params?.[0]).toMatchObject({ path: ["env", "DB"], via: ["env", "DB"] });
  });
});

describe("join", () => {
  it("is the identity on empty values", () => {
    expect(join(EMPTY, env)).toBe(env);
    expect(join(env, EMPTY)).toBe(env);
    expect(isEmpty(join(EMPTY, EMPTY))).toBe(true);
  });

  it("prefers a direct derivation over binding data", () => {
    const data: Val = { env: { origin: "env.KV", envPath: null, bindingData: true } };
    expect(join(data, member(env, "KEY")).env?.origin).toBe("env.KEY");
  });
});

describe("transformations", () => {
  it("loses the env path but keeps the derivation", () => {
    expect(transformed(member(env, "DB")).env).toMatchObject({ origin: "env.DB", envPath: null });
  });

  it("turns request I/O into data for primitive results", () => {
    expect(primitive(request).req?.io).toBe(false);
    expect(transformed(request).req?.io).toBe(true);
  });
});

describe("applyDep", () => {
  it("substitutes an argument through a member path", () => {
    expect(applyDep(env, { fn: null as never, index: 0, path: ["DB"] }, "x").env?.origin).toBe("env.DB");
  });

  it("names members read before a transformation", () => {
    expect(applyDep(env, { fn: null as never, index: 0, path: null, via: ["DB"] }, "x").env?.origin).toBe("env.DB");
  });

  it("marks a closure dependency, named by what the caller handed", () => {
    expect(applyDep(env, { fn: null as never, index: 0, path: null, closure: true }, "d1").env).toMatchObject({
      origin: "a closure over `env`",
      closure: true,
    });
    // why: an argument with no read to name it (itself a closure) is named by the parameter
    const unnamed: Val = { env: { origin: "a copy of env", envPath: null } };
    expect(applyDep(unnamed, { fn: null as never, index: 0, path: null, closure: true }, "d1").env?.origin).toBe("a closure over `d1`");
  });
});
