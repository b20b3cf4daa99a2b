import type { ESLint, Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { formatStylish, wrap } from "../../src/cli/stylish";

const LONG =
  "Lazy singleton `db` is built from `env.DB` on the first request and reused by every later one: it keeps a stale binding or secret after a bindings-only deploy. Create it per request inside the handler, or pass `env` down to where it is used.";

function result(filePath: string, messages: Partial<Linter.LintMessage>[]): ESLint.LintResult {
  const full = messages.map((m) => ({ ruleId: null, severity: 2, message: "", line: 1, column: 1, ...m }) as Linter.LintMessage);
  return {
    filePath,
    messages: full,
    suppressedMessages: [],
    errorCount: full.filter((m) => m.severity === 2).length,
    fatalErrorCount: full.filter((m) => m.fatal).length,
    warningCount: full.filter((m) => m.severity === 1).length,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
}

describe("wrap", () => {
  it("breaks at spaces within the width, and keeps a longer word whole", () => {
    expect(wrap("aa bb cc dd", 5)).toEqual(["aa bb", "cc dd"]);
    expect(wrap("a averyveryverylongword b", 6)).toEqual(["a", "averyveryverylongword", "b"]);
    expect(wrap("", 10)).toEqual([""]);
  });
});

describe("formatStylish", () => {
  it("groups by file, wraps long messages under their column, and sums up like ESLint", () => {
    const output = formatStylish(
      [
        result("/p/src/worker.ts", [
          { line: 14, column: 5, message: LONG, ruleId: "cloudflare-workers/no-env-in-global-scope" },
          { line: 3, column: 7, message: "Short message.", ruleId: "cloudflare-workers/no-env-mutation" },
        ]),
        result("/p/src/clean.ts", []),
        result("/p/dist/x.js", [{ line: 0, column: 0, severity: 1, message: "File ignored: reasons." }]),
      ],
      { cwd: "/p", width: 80, color: false },
    );
    expect(output).toBe(
      [
        "",
        "src/worker.ts",
        "  14:5  error  Lazy singleton `db` is built from `env.DB` on the first request",
        "               and reused by every later one: it keeps a stale binding or secret",
        "               after a bindings-only deploy. Create it per request inside the",
        "               handler, or pass `env` down to where it is used",
        "               cloudflare-workers/no-env-in-global-scope",
        "   3:7  error  Short message  cloudflare-workers/no-env-mutation",
        "",
        "dist/x.js",
        "  0:0  warning  File ignored: reasons",
        "",
        "✖ 3 problems (2 errors, 1 warning)",
        "",
      ].join("\n"),
    );
    for (const line of output.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("never narrows a message below 40 columns", () => {
    const output = formatStylish([result("/p/a.js", [{ message: LONG, ruleId: "r" }])], { cwd: "/p", width: 20, color: false });
    const lines = output.split("\n").slice(2, -3);
    // "  1:1  error  " then at most 40 columns of text
    expect(lines[0].startsWith("  1:1  error  ")).toBe(true);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(14 + 40);
    expect(Math.max(...lines.map((l) => l.length))).toBeGreaterThan(20);
  });

  it("prints nothing when there is nothing to report", () => {
    expect(formatStylish([result("/p/a.js", [])], { cwd: "/p", width: 80, color: false })).toBe("");
  });

  it("counts in the singular, and names a parse error without a rule", () => {
    const output = formatStylish([result("/p/a.ts", [{ line: 2, column: 9, fatal: true, message: "Parsing error: Unexpected token" }])], { cwd: "/p", width: 80, color: false });
    expect(output).toBe(["", "a.ts", "  2:9  error  Parsing error: Unexpected token", "", "✖ 1 problem (1 error, 0 warnings)", ""].join("\n"));
  });

  it("colours for a terminal", () => {
    const output = formatStylish([result("/p/a.js", [{ message: "Bad.", ruleId: "r" }])], { cwd: "/p", width: 80, color: true });
    expect(output).toContain("\x1b[4ma.js\x1b[0m");
    expect(output).toContain("\x1b[31merror\x1b[0m");
    expect(output).toContain("\x1b[2mr\x1b[0m");
  });
});
