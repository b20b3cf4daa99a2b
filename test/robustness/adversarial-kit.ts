/** What the adversarial tests share: a source builder and the exact-report check. */
import { expect } from "vitest";
import { eslintDepthLimit, expectedFromMarkers, lintOutcome, reportsOf, type LintOptions } from "./harness";

export const ENV = "no-env-in-global-scope";
export const TOP = "no-top-level-env-derivation";
export const MUT = "no-env-mutation";
export const REQ = "no-request-state-in-global-scope";

/** A source file built line by line; `add(text, ...rules)` marks the line as an expected report. */
export class Source {
  private readonly lines: string[] = [];
  add(text: string, ...expected: string[]): this {
    this.lines.push(expected.length ? `${text} // expect: ${expected.join(", ")}` : text);
    return this;
  }
  get lineCount(): number {
    return this.lines.length;
  }
  toString(): string {
    return this.lines.join("\n");
  }
}

/** Lints with every rule and checks: no exception, no parse error, exactly the marked reports. */
export function expectExactReports(code: string, options: LintOptions = {}): number {
  const start = performance.now();
  const outcome = lintOutcome(code, options);
  const ms = performance.now() - start;
  if (outcome.kind === "exception") throw new Error(`rule exception: ${outcome.error}`);
  if (outcome.kind === "parse-error") throw new Error(`unexpected parse error: ${outcome.message}`);
  expect(reportsOf(outcome.messages)).toEqual(expectedFromMarkers(code));
  // Generous: only catches runaway (super-linear) work, not normal variance.
  expect(ms).toBeLessThan(30_000);
  return ms;
}

/** 90% of the deepest input ESLint itself accepts, capped; fails if ESLint's limit is too shallow to test. */
export function testableDepth(generate: (n: number) => string, cap: number, options: LintOptions = {}): number {
  const limit = eslintDepthLimit(generate, options, cap);
  expect(limit).toBeGreaterThan(200);
  return limit === cap ? cap : Math.floor(limit * 0.9);
}

export const handlerHead = "export default {\n  async fetch(request, env) {";
export const handlerTail = '    return new Response("ok");\n  },\n};';

