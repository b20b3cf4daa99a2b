/**
 * Adversarial files, generated here: extreme depth and long chains. For each: no rule exception,
 * the lint finishes, and the reports are exactly the planted escapes. Depths are not hard-coded:
 * each case lints at 90% of the deepest input ESLint itself accepts (see adversarial-kit.ts),
 * capped well past the engine's own depth limit.
 */
import { describe, it } from "vitest";
import { ENV, MUT, Source, expectExactReports, testableDepth, handlerHead, handlerTail } from "./adversarial-kit";

describe("deep nesting", () => {
  it("closures nested as deep as the parser accepts, with a store in the innermost", () => {
    const generate = (depth: number) => {
      const s = new Source().add("let leak;").add("let calls = 0;").add(handlerHead).add("    const key = env.KEY;").add("    const run =");
      for (let i = 0; i < depth; i++) s.add(`(a${i}) =>`);
      s.add("{").add("  leak = key;", ENV).add("  calls++;").add("};");
      return s.add("    run(1);").add(handlerTail).toString();
    };
    expectExactReports(generate(testableDepth(generate, 5000)));
  });

  it("a derived value handed down through every level of nested closures", () => {
    // Each level aliases the previous level's value: the trace follows a chain as deep as the nesting.
    const generate = (depth: number) => {
      const s = new Source().add("let leak;").add(handlerHead).add("    const v0 = env.KEY;").add("    const run =");
      for (let i = 1; i <= depth; i++) s.add(`() => { const v${i} = v${i - 1};`).add("return ");
      s.add("() => {").add(`  leak = v${depth};`, ENV).add("};");
      for (let i = 1; i <= depth; i++) s.add("};");
      return s.add("    run();").add(handlerTail).toString();
    };
    expectExactReports(generate(testableDepth(generate, 5000)));
  });

  it("blocks and ifs nested as deep as the parser accepts", () => {
    const generate = (depth: number) =>
      new Source()
        .add("let leak;")
        .add(handlerHead)
        .add(`    ${"if (request) {".repeat(depth)}`)
        .add("      leak = env.KEY;", ENV)
        .add(`    ${"}".repeat(depth)}`)
        .add(handlerTail)
        .toString();
    expectExactReports(generate(testableDepth(generate, 5000)));
  });

  it("parenthesised and nested array values around env", () => {
    const generate = (depth: number) =>
      new Source()
        .add("let leak;")
        .add("let list;")
        .add(handlerHead)
        .add(`    leak = ${"(".repeat(depth)}env.KEY${")".repeat(depth)};`, ENV)
        .add(`    list = ${"[".repeat(depth)}env.KEY${"]".repeat(depth)};`, ENV)
        .add(handlerTail)
        .toString();
    expectExactReports(generate(testableDepth(generate, 5000)));
  });
});

describe("long chains", () => {
  it("a member chain env.a.a.a… (up to 3,000 links)", () => {
    const generate = (n: number) =>
      new Source()
        .add("let leak;")
        .add(handlerHead)
        .add(`    leak = env${".a".repeat(n)};`, ENV)
        .add(`    const local = env${".b".repeat(n)};`)
        .add(handlerTail)
        .toString();
    expectExactReports(generate(testableDepth(generate, 3_000)));
  });

  it("a write at the end of a long member chain of env is a mutation of a binding", () => {
    const generate = (n: number) =>
      new Source()
        .add(handlerHead)
        .add(`    env.DB${".a".repeat(n)} = 1;`, MUT)
        .add(handlerTail)
        .toString();
    expectExactReports(generate(testableDepth(generate, 3_000)));
  });

  it("a call chain env.DB.f().f()… (non-awaited method calls stay derived)", () => {
    const generate = (n: number) =>
      new Source()
        .add("let leak;")
        .add("let plain;")
        .add(handlerHead)
        .add(`    leak = env.DB${".f()".repeat(n)};`, ENV)
        .add(`    plain = Promise.resolve(1)${".then(String)".repeat(n)};`)
        .add(handlerTail)
        .toString();
    expectExactReports(generate(testableDepth(generate, 3_000)));
  });

  it("binary chains (up to 5,000 terms) with env in every term, only the first, only the last, or none", () => {
    const generate = (n: number) =>
      new Source()
        .add("let every;")
        .add("let first;")
        .add("let last;")
        .add("let none = 0;")
        .add(handlerHead)
        .add(`    every = ${Array(n).fill("env.X").join(" + ")};`, ENV)
        .add(`    first = env.X${" + 1".repeat(n - 1)};`, ENV)
        .add(`    last = ${"1 + ".repeat(n - 1)}env.X;`, ENV)
        .add(`    none = ${Array(n).fill("none").join(" + ")};`)
        .add(handlerTail)
        .toString();
    expectExactReports(generate(testableDepth(generate, 5_000)));
  });
});

