/** The engine's small AST and scope helpers, each on its own. */
import type { TSESTree } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { forwardedArguments, patternLeaves, NodeIds } from "../../src/engine/ast";
import { constantInit } from "../../src/engine/scope";
import { DepthGuard, MIN_STEPS, memoised } from "../../src/engine/guard";
import { EMPTY, type Val } from "../../src/engine/values";
import { analyse, find } from "./probe";

describe("patternLeaves", () => {
  const cases: [string, [string, (string | null)[]][]][] = [
    // why: nested objects and arrays give the key path to each leaf
    ["({ a, b: [c, d], ...rest } = x)", [["a", ["a"]], ["c", ["b", "0"]], ["d", ["b", "1"]], ["rest", []]]],
    // why: a default adds no key; a computed key is unknown (null)
    ["({ a = 1, [k]: e } = x)", [["a", ["a"]], ["e", [null]]]],
    // why: member targets are leaves too (writes onto objects)
    ["[obj.p, ...others] = x", [["obj.p", ["0"]], ["others", [null]]]],
  ];
  it.each(cases)("%s", (text, expected) => {
    const analysis = analyse(`let a, c, d, rest, e, k, obj, others, x; ${text};`);
    const assignment = find(analysis, "AssignmentExpression", text.replace(/^\(|\)$/g, ""));
    const leaves = patternLeaves(assignment.left).map(({ leaf, keys }) => [analysis.sourceCode.getText(leaf), keys]);
    expect(leaves.sort()).toEqual([...expected].sort());
  });
});

describe("forwardedArguments", () => {
  it("unpacks .call and a written-out .apply array, and nothing else", () => {
    const analysis = analyse("f.call(t, a, b); f.apply(t, [c, d]); f.apply(t, list);");
    const args = (text: string) => find(analysis, "CallExpression", text).arguments;
    const names = (nodes: readonly TSESTree.Node[]) => nodes.map((n) => analysis.sourceCode.getText(n));
    expect(names(forwardedArguments("call", args("f.call(t, a, b)")))).toEqual(["a", "b"]);
    expect(names(forwardedArguments("apply", args("f.apply(t, [c, d])")))).toEqual(["c", "d"]);
    // why: an array the file does not write out passes nothing the trace can see
    expect(forwardedArguments("apply", args("f.apply(t, list)"))).toEqual([]);
  });
});

describe("constantInit", () => {
  it("follows a declared-once, never-reassigned alias only", () => {
    const analysis = analyse("const a = x; let b = y; b = z; let c = w; var d = 1; var d = 2; a; b; c; d;");
    const init = (name: string) => {
      const id = find(analysis, "ExpressionStatement", `${name};`).expression;
      const found = constantInit(analysis.scopes.variableOf(id));
      return found ? analysis.sourceCode.getText(found) : null;
    };
    expect(init("a")).toBe("x");
    expect(init("b")).toBeNull(); // reassigned
    expect(init("c")).toBe("w"); // a let never written again is a constant too
    expect(init("d")).toBeNull(); // declared twice
  });
});

describe("NodeIds and memoised", () => {
  it("gives each node one stable number", () => {
    const ids = new NodeIds();
    const a = { type: "Identifier" } as never;
    const b = { type: "Identifier" } as never;
    expect([ids.of(a), ids.of(b), ids.of(a)]).toEqual([0, 1, 0]);
  });

  it("answers a recursive use with nothing, and forgets an entry whose computation threw", () => {
    const memo = new Map<string, Val>();
    const derived: Val = { env: { origin: "env", envPath: [] } };
    let inner: Val | null = null;
    expect(memoised(memo, "k", () => ((inner = memoised(memo, "k", () => derived)), derived))).toBe(derived);
    expect(inner).toBe(EMPTY);
    expect(() => memoised(memo, "boom", () => { throw new Error("x"); })).toThrow("x");
    expect(memo.has("boom")).toBe(false);
  });
});

describe("the trace's budget", () => {
  const derived: Val = { env: { origin: "env", envPath: [] } };
  const warmer = { warmFile: () => {}, postOrder: () => [], valueOf: () => EMPTY };
  const node = { type: "Identifier" } as never;

  it("answers unknown once a file's steps are spent, and computes nothing more", () => {
    const guard = new DepthGuard(warmer, 0);
    let computed = 0;
    const spend = (n: number) => () => {
      for (let i = 0; i < n; i++) guard.step(node, () => ((computed++), derived));
      return derived;
    };
    // why: under the budget, the value is what the trace computed
    expect(guard.run(spend(MIN_STEPS - 1), null)).toBe(derived);
    // why: the step past the budget unwinds the whole trace to "unknown"
    expect(guard.run(spend(10), null)).toBe(EMPTY);
    const before = computed;
    expect(guard.run(spend(1), null)).toBe(EMPTY);
    expect(computed).toBe(before);
  });

  it("grows with the text: a long file gets half a step per character", () => {
    const guard = new DepthGuard(warmer, 4 * MIN_STEPS);
    let steps = 0;
    // why: twice the minimum is within the budget of a text of four times as many characters
    expect(guard.run(() => { for (let i = 0; i < 2 * MIN_STEPS - 1; i++) guard.step(node, () => ((steps++), derived)); return derived; }, null)).toBe(derived);
    expect(steps).toBe(2 * MIN_STEPS - 1);
  });
});
