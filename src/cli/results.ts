/** Lint results as the CLI reports them, whichever engine produced them. */
import type { ESLint, Linter } from "eslint";

/** The warning on a file given by name that the ignore patterns skip. */
export const IGNORED_NOTICE =
  "File ignored: cf-workers-lint skips node_modules, dist, .wrangler and what the .gitignore of the current folder lists.";

/** The warning on a file given by name that is not JavaScript or TypeScript. */
export const NOT_SOURCE_NOTICE = "File ignored: cf-workers-lint lints .js .mjs .cjs .jsx .ts .tsx .mts .cts files only.";

export const SOURCE_EXTENSION = /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/;

/** The result for a file given by name and ignored. */
export function ignoredResult(filePath: string): ESLint.LintResult {
  const notice = SOURCE_EXTENSION.test(filePath) ? IGNORED_NOTICE : NOT_SOURCE_NOTICE;
  const message: Linter.LintMessage = { ruleId: null, severity: 1, message: notice, line: 0, column: 0 };
  return withMessages({ filePath, messages: [], suppressedMessages: [], usedDeprecatedRules: [] }, [message]);
}

/** A result for `messages`, with every count computed from them. */
export function withMessages(result: Omit<ESLint.LintResult, "errorCount" | "fatalErrorCount" | "warningCount" | "fixableErrorCount" | "fixableWarningCount">, messages: Linter.LintMessage[]): ESLint.LintResult {
  const count = (pick: (m: Linter.LintMessage) => boolean): number => messages.filter(pick).length;
  return {
    ...result,
    messages,
    errorCount: count((m) => m.severity === 2),
    fatalErrorCount: count((m) => m.fatal === true),
    warningCount: count((m) => m.severity === 1),
    fixableErrorCount: count((m) => m.severity === 2 && m.fix !== undefined),
    fixableWarningCount: count((m) => m.severity === 1 && m.fix !== undefined),
  };
}

/** `--quiet`: errors only. */
export function errorsOnly(results: readonly ESLint.LintResult[]): ESLint.LintResult[] {
  return results.map((r) => withMessages(r, r.messages.filter((m) => m.severity === 2)));
}

export function totals(results: readonly ESLint.LintResult[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    errors += r.errorCount;
    warnings += r.warningCount;
  }
  return { errors, warnings };
}
