import { describe, expect, it } from "vitest";
import { gitignoreToIgnores } from "../../src/gitignore";

describe("gitignoreToIgnores", () => {
  it.each([
    // why: a bare name matches at any depth, as a file or a folder
    ["node_modules", ["**/node_modules"]],
    // why: a glob without a slash matches at any depth too
    ["*.log", ["**/*.log"]],
    // why: a trailing slash keeps "folders only", which flat config understands as is
    ["coverage/", ["**/coverage/"]],
    // why: a leading slash anchors to the .gitignore's folder
    ["/build", ["build"]],
    ["/out/", ["out/"]],
    // why: a slash in the middle anchors as well
    ["src/gen/*.ts", ["src/gen/*.ts"]],
    ["a/**/b", ["a/**/b"]],
    // why: `!` re-includes, keeping the anchoring rules
    ["!keep.log", ["!**/keep.log"]],
    ["!/lib/keep.ts", ["!lib/keep.ts"]],
    // why: a backslash escapes a leading # or !, which are then plain characters
    ["\\#notes", ["**/#notes"]],
    ["\\!bang", ["**/!bang"]],
    // why: trailing spaces are dropped, an escaped one is kept
    ["tmp   ", ["**/tmp"]],
    ["odd\\ ", ["**/odd\\ "]],
  ])("%j → %j", (line, expected) => {
    expect(gitignoreToIgnores(line)).toEqual(expected);
  });

  it("skips comments and blank lines, and reads CRLF files", () => {
    expect(gitignoreToIgnores("# deps\r\nnode_modules/\r\n\r\n  \r\n/dist\r\n")).toEqual(["**/node_modules/", "dist"]);
  });

  it("drops lines that name nothing", () => {
    expect(gitignoreToIgnores("/\n!\n")).toEqual([]);
  });
});
