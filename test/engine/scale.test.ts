/**
 * A generated 20,000-line file with 300 mutually recursive helpers: the trace terminates and
 * finds exactly the planted escapes (this checks results, not time; speed is the benchmark's).
 */
import { describe, expect, it } from "vitest";
import { lint } from "./lint";

const HELPERS = 300;

function generate(): { code: string; expected: number[] } {
  const lines: string[] = [];
  const expected: number[] = [];
  const planted = new Set([17, 150, 299]);
  lines.push("let sink17;", "let sink150;", "let sink299;", "let quiet;");
  for (let i = 0; i < HELPERS; i++) {
    const next = (i + 1) % HELPERS;
    const jump = (i * 7 + 3) % HELPERS;
    lines.push(`function helper${i}(e, n) {`);
    lines.push(`  if (n <= 0) return e;`);
    if (planted.has(i)) {
      lines.push(`  sink${i} = new Client(e.KEY_${i});`);
      expected.push(lines.length);
    }
    // Plain work that keeps the file realistic in size.
    for (let k = 0; k < 20; k++) lines.push(`  const v${k} = n * ${k} + ${i};`);
    lines.push(`  return n % 2 ? helper${next}(e, n - 1) : helper${jump}(e, n - 2);`);
    lines.push(`}`);
    // A twin chain that only ever receives constants: its store must stay silent.
    lines.push(`function twin${i}(x) { if (${i} === 0) quiet = x; return ${i} < ${HELPERS - 1} ? twin${next}(x) : x; }`);
  }
  lines.push("export default {", "  async fetch(request, env) {", "    helper0(env, 10);", '    twin0("constant");', "    return new Response('ok');", "  },", "};");
  while (lines.length < 20_000) lines.push(`export const filler${lines.length} = ${lines.length};`);
  return { code: lines.join("\n"), expected };
}

describe("scale", () => {
  it("finds the planted escapes in a 20,000-line file of mutually recursive helpers", () => {
    const { code, expected } = generate();
    expect(code.split("\n").length).toBeGreaterThanOrEqual(20_000);
    const messages = lint(code, { "cloudflare-workers/no-env-in-global-scope": "error" });
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    expect(messages.map((m) => m.line)).toEqual(expected);
    expect(messages.every((m) => m.ruleId === "cloudflare-workers/no-env-in-global-scope")).toBe(true);
  });
});
