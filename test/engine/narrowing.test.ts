/** The guards that say what a value is, read by `narrowingAt` for the use marked `USE`. */
import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { narrowingAt } from "../../src/engine/narrowing";
import { registers } from "../../src/engine/receivers";

/** Parses `code` and returns the argument of the call `USE(…)`. */
function useIn(code: string): TSESTree.Node {
  const linter = new Linter({ configType: "flat" });
  let found: TSESTree.Node | null = null;
  const probe = {
    meta: { type: "problem", schema: [], messages: {} },
    create: () => ({
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type === "Identifier" && node.callee.name === "USE") found = node.arguments[0];
      },
    }),
  };
  const messages = linter.verify(code, [
    {
      files: ["**/*.ts"],
      languageOptions: { parser: tsParser as never, sourceType: "module" },
      plugins: { probe: { rules: { probe } } as never },
      rules: { "probe/probe": "error" },
    },
  ], "file.ts");
  if (messages.some((m) => m.fatal)) throw new Error(messages[0].message);
  if (!found) throw new Error("no USE(…)");
  return found;
}

const wrap = (body: string) => `function f(v, o) { ${body} }`;

describe("narrowingAt", () => {
  it.each([
    ['if (typeof v === "number") USE(v);', "number"],
    ['if ("number" == typeof v) { USE(v); }', "number"],
    ['if (typeof v === "bigint" && v > 0n) USE(v);', "number"],
    ['if (typeof v !== "number") {} else USE(v);', "number"],
    ['if (!(typeof v === "number")) return; USE(v);', "number"],
    ['if (typeof v !== "number" || v < 0) { throw new Error("bad"); } USE(v);', "number"],
    ['const n = typeof v === "number" ? USE(v) : 0;', "number"],
    ['typeof v === "boolean" && USE(v);', "number"],
    ['typeof v !== "string" || USE(v);', "string"],
    ["if (Number.isInteger(v)) USE(v);", "number"],
    ['if (typeof o.size === "number") USE(o.size);', "number"],
    ["if (v instanceof Response) USE(v);", "io"],
    ['if (typeof v === "string") USE(v);', "string"],
    ['switch (k) { case 1: if (typeof v !== "string") break; USE(v); }', "string"],
  ])("%s", (body, expected) => {
    expect(narrowingAt(useIn(wrap(body)))).toBe(expected);
  });

  it.each([
    ['if (typeof v === "object") USE(v);'],
    ['if (typeof v === "number") {} else USE(v);'],
    ['if (typeof v !== "number") USE(v);'],
    ['if (typeof o === "number") USE(v);'],
    ['if (typeof o.size === "number") USE(o.count);'],
    ["if (v instanceof Map) USE(v);"],
    ['if (typeof v === "number" || o) USE(v);'],
    ['if (typeof v !== "number") log(v); USE(v);'],
    ['if (typeof v === "number") setTimeout(() => USE(v));'],
  ])("nothing from %s", (body) => {
    expect(narrowingAt(useIn(wrap(body)))).toBeNull();
  });
});

describe("registers", () => {
  const fn = { type: "ArrowFunctionExpression" } as TSESTree.Node;
  const str = { type: "Literal", value: "/" } as TSESTree.Node;
  it.each([
    ["use", [str], true],
    ["route", [str, str], true],
    ["get", [str, fn], true],
    ["get", [str], false],
    ["delete", [str], false],
    ["post", [str, str], false],
    ["set", [str, fn], false],
    [null, [fn], false],
  ])("%s with %j", (name, args, expected) => {
    expect(registers(name as string | null, args as TSESTree.Node[])).toBe(expected);
  });
});
