/**
 * A syntax corpus no one here wrote: every program of test262-parser-tests' `pass/` folder,
 * linted with every rule of the plugin. A rule may report or not; it must never throw.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintOutcome, type LintOptions } from "./harness";

const require = createRequire(__filename);
const PASS_DIR = join(dirname(require.resolve("test262-parser-tests/package.json")), "pass");
const FILES = readdirSync(PASS_DIR)
  .filter((f) => f.endsWith(".js"))
  .sort();
const BATCH = 500;

interface Failure {
  file: string;
  error: string;
}

function sourceTypeOf(file: string): "module" | "script" {
  return file.endsWith(".module.js") ? "module" : "script";
}

/** Lints each file of a batch; returns rule exceptions and counts parse errors and reports. */
function lintBatch(files: string[], prepare: (code: string, file: string) => { code: string; options: LintOptions } | null) {
  const failures: Failure[] = [];
  let parseErrors = 0;
  let linted = 0;
  let withReports = 0;
  for (const file of files) {
    const prepared = prepare(readFileSync(join(PASS_DIR, file), "utf8"), file);
    if (!prepared) continue;
    const outcome = lintOutcome(prepared.code, prepared.options);
    linted++;
    if (outcome.kind === "exception") failures.push({ file, error: outcome.error });
    else if (outcome.kind === "parse-error") parseErrors++;
    else if (outcome.messages.length > 0) withReports++;
  }
  return { failures, parseErrors, linted, withReports };
}

function batches(): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < FILES.length; i += BATCH) out.push(FILES.slice(i, i + BATCH));
  return out;
}

describe("test262-parser-tests pass/ with every rule on espree", () => {
  it("finds the corpus", () => {
    expect(FILES.length).toBeGreaterThan(1900);
    expect(FILES.some((f) => f.endsWith(".module.js"))).toBe(true);
  });

  for (const files of batches()) {
    it(`files ${files[0]} … ${files[files.length - 1]}: no rule exception`, () => {
      const { failures, parseErrors, linted } = lintBatch(files, (code, file) => ({
        code,
        options: { sourceType: sourceTypeOf(file) },
      }));
      expect(failures).toEqual([]);
      expect(linted).toBe(files.length);
      // Every `pass/` program is valid ECMAScript, and espree at "latest" parses all of them.
      expect(parseErrors).toBe(0);
    });
  }
});

describe("test262 scripts inside a function whose parameter is `env` (the trace runs on every value)", () => {
  // A parameter named `env` is a source, so the evaluator follows every expression of the program;
  // a few programs are not valid as a function body and are filtered as parse errors.
  for (const files of batches()) {
    it(`files ${files[0]} … ${files[files.length - 1]}: no rule exception`, () => {
      const { failures, linted, parseErrors, withReports } = lintBatch(files, (code, file) =>
        sourceTypeOf(file) === "script"
          ? { code: `var cfStore;\nfunction handler(request, env) {\ncfStore = env.KEY;\n${code}\n}`, options: { sourceType: "script" } }
          : null,
      );
      expect(failures).toEqual([]);
      // The planted `cfStore = env.KEY` proves the rules ran; a program that redeclares the names may hide it.
      expect(withReports).toBeGreaterThan(0.9 * (linted - parseErrors));
    });
  }
});

describe("test262 pass/ through @typescript-eslint/parser", () => {
  // The TypeScript parser rejects a few programs espree accepts; those are parse errors, not failures.
  for (const files of batches()) {
    it(`files ${files[0]} … ${files[files.length - 1]}: no rule exception`, () => {
      const { failures } = lintBatch(files, (code, file) => ({
        code,
        options: { sourceType: sourceTypeOf(file), ts: true, filename: "test262.js" },
      }));
      expect(failures).toEqual([]);
    });
  }
});
