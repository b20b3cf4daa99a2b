import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "../../src/cli/args";

const defaults = { paths: ["."], format: "stylish", outputFile: undefined, quiet: false, includeTests: false, maxWarnings: -1, engine: "eslint", help: false, version: false };

function usageError(argv: string[]): { message: string; showUsage: boolean } {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return { message: (error as UsageError).message, showUsage: (error as UsageError).showUsage };
  }
  throw new Error(`expected a usage error for ${JSON.stringify(argv)}`);
}

describe("parseArgs", () => {
  it("lints the current folder by default", () => {
    expect(parseArgs([])).toEqual(defaults);
  });

  it("reads every option, in both spellings, with its value next or after =", () => {
    expect(parseArgs(["-f", "json", "-o", "out/report.json", "--quiet", "--include-tests", "--max-warnings", "3", "--engine", "oxlint", "src", "lib"])).toEqual({
      ...defaults,
      paths: ["src", "lib"],
      format: "json",
      outputFile: "out/report.json",
      quiet: true,
      includeTests: true,
      maxWarnings: 3,
      engine: "oxlint",
    });
    expect(parseArgs(["--format=sarif", "--output-file=r.sarif", "--max-warnings=0", "--engine=eslint"])).toMatchObject({
      format: "sarif",
      outputFile: "r.sarif",
      maxWarnings: 0,
      engine: "eslint",
    });
    expect(parseArgs(["-h"]).help).toBe(true);
    expect(parseArgs(["--version"]).version).toBe(true);
  });

  it("takes everything after -- as a path", () => {
    expect(parseArgs(["--", "--quiet", "src"]).paths).toEqual(["--quiet", "src"]);
  });

  it.each([
    [["--fix"], "unknown option --fix"],
    [["-x", "src"], "unknown option -x"],
    [["--no-ignore=true"], "unknown option --no-ignore"],
    [["--format"], "option --format needs a value"],
    [["-f", "--quiet"], "option -f needs a value"],
    [["--format", "xml"], 'unknown format "xml" (use stylish, json, sarif)'],
    [["--engine", "biome"], 'unknown engine "biome" (use eslint, oxlint)'],
    [["--max-warnings", "-1"], "option --max-warnings needs a value"],
    [["--max-warnings", "many"], 'option --max-warnings needs a whole number, not "many"'],
    [["--max-warnings=1.5"], 'option --max-warnings needs a whole number, not "1.5"'],
    [["--output-file="], "option --output-file needs a file name"],
    [["--quiet=yes"], "option --quiet takes no value"],
  ])("%j is a usage error: %s", (argv, message) => {
    expect(usageError(argv)).toEqual({ message, showUsage: true });
  });
});
