/** The text check that keeps modules which cannot keep anything from being parsed. */
import { describe, expect, it } from "vitest";
import { textMayKeep } from "../../src/project/project";

const cases: [string, string, boolean][] = [
  ["a module-level let", "let db;\nexport function f(x) { db = x; }", true],
  ["a module-level var", "export var cache = {};", true],
  ["a static member", "export class A {\n  static instance;\n}", true],
  ["a write onto the global object", "export function f(x) { globalThis.kept = x; }", true],
  ["a module Map written through set()", "const cache = new Map();\nexport function f(k, v) { cache.set(k, v); }", true],
  ["a module object written through a member", "const state = { a: 1 };\nexport function f(v) { state.client = v; }", true],
  ["a module array pushed into", "export const list = [];\nexport function f(v) { list.push(v); }", true],
  ["Object.assign onto a module object", "const cfg = {};\nexport function f(v) { Object.assign(cfg, v); }", true],
  ["an instance whose class writes this", "class C { set(v) { this.v = v; } }\nexport const c = new C();", true],
  // why: nothing module-level is ever written
  ["only functions and locals", "export function f(x) {\n  let y = x;\n  const o = {};\n  o.a = y;\n  return o;\n}", false],
  ["a module constant only read", "const LIMITS = { max: 3 };\nexport function f() { return LIMITS.max; }", false],
  ["a comparison, not a write", "const state = {};\nexport function f(v) { return state.a == v || state.b === v; }", false],
  ["scripts inside a template literal", "export function page() {\n  return `<script>\nlet count = 0;\nvar x = 1;\n</script>`;\n}", false],
  ["a local shadowing a constant's name, written", "const cache = 1;\nexport function f() { const m = new Map(); m.set(1, 2); return cache; }", false],
];

describe("textMayKeep", () => {
  it.each(cases)("%s", (_what, text, expected) => {
    expect(textMayKeep(text)).toBe(expected);
  });
});
