/**
 * The README shows real output and the CLI's real options: its first example prints exactly what
 * `cf-workers-lint` prints for it (at 100 columns), and its usage block is the `--help` text's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { HELP } from "../../src/cli/args";
import { withMessages } from "../../src/cli/results";
import { formatStylish } from "../../src/cli/stylish";
import { lint } from "../engine/lint";

const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((b) => ({ lang: b[1], text: b[2] }));

describe("README", () => {
  it("prints the finding its first example really produces, as the CLI prints it", () => {
    const example = blocks.find((b) => b.lang === "ts")!.text;
    const output = blocks.find((b) => b.lang === "")!.text;
    const messages = lint(example);
    expect(messages).toHaveLength(1);
    const result: ESLint.LintResult = withMessages({ filePath: "/project/src/index.ts", messages: [], suppressedMessages: [], usedDeprecatedRules: [] }, messages);
    expect(output).toBe(formatStylish([result], { cwd: "/project", width: 100, color: false }).trimStart());
  });

  it("shows the CLI's usage and options as --help prints them", () => {
    const usage = blocks.find((b) => b.lang === "text" && b.text.startsWith("Usage: cf-workers-lint"))!.text;
    const help = HELP.split("\n");
    const options = help.slice(help.indexOf("Options:"), help.findIndex((l, i) => i > help.indexOf("Options:") && l === ""));
    expect(usage).toBe(`${help[0]}\n\n${options.join("\n")}\n`);
  });

  it("names the two commands of a fresh clone", () => {
    expect(readme).toContain("npm ci && npm run example");
    expect(readme).toContain("npm test");
  });
});
