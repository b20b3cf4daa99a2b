/** The README's first screen shows real output: its example reports exactly the message it prints. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../engine/lint";

const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");

describe("README", () => {
  it("prints the finding its first example really produces", () => {
    const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)];
    const example = blocks.find((b) => b[1] === "ts")![2];
    const output = blocks.find((b) => b[1] === "")![2].replace(/\s+/g, " ").trim();
    const messages = lint(example);
    expect(messages).toHaveLength(1);
    const m = messages[0];
    // ESLint's stylish output drops the message's final period.
    expect(output).toBe(`${m.line}:${m.column} error ${m.message.replace(/\.$/, "")} ${m.ruleId}`);
  });

  it("names the two commands of a fresh clone", () => {
    expect(readme).toContain("npm ci && npm run example");
    expect(readme).toContain("npm test");
  });
});
