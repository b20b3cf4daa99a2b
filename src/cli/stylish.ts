/**
 * The CLI's default output: ESLint's "stylish" layout (findings grouped under each file, then a
 * `✖ N problems (E errors, W warnings)` summary), with long messages wrapped to the terminal's
 * width under their own column, and the rule id beside a message that fits on one line or on a
 * line of its own under a longer one.
 */
import { relative } from "node:path";
import type { ESLint, Linter } from "eslint";

export interface StylishOptions {
  /** File paths are shown relative to this folder. */
  cwd: string;
  /** Columns to fit in. */
  width: number;
  /** ANSI colours. */
  color: boolean;
}

/** Message text never gets narrower than this, however narrow the terminal. */
const MIN_TEXT_WIDTH = 40;

const paint = (code: string) => (on: boolean, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);
const dim = paint("2");
const red = paint("31");
const yellow = paint("33");
const underline = paint("4");
const bold = paint("1");

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** Splits `text` into lines of at most `width` characters at spaces (a longer word gets its own line). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  return lines.length > 0 ? lines : [""];
}

function severityText(m: Linter.LintMessage): string {
  return m.fatal || m.severity === 2 ? "error" : "warning";
}

export function formatStylish(results: readonly ESLint.LintResult[], options: StylishOptions): string {
  const { color } = options;
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    out.push("", underline(color, relative(options.cwd, result.filePath) || result.filePath));
    const positions = result.messages.map((m) => `${m.line ?? 0}:${m.column ?? 0}`);
    const positionWidth = Math.max(...positions.map((p) => p.length));
    const severityWidth = Math.max(...result.messages.map((m) => severityText(m).length));
    // "  12:5  error    " then the message
    const indent = 2 + positionWidth + 2 + severityWidth + 2;
    const textWidth = Math.max(MIN_TEXT_WIDTH, options.width - indent);
    result.messages.forEach((m, i) => {
      const severity = severityText(m);
      const head =
        `  ${dim(color, positions[i].padStart(positionWidth))}  ` +
        `${(severity === "error" ? red : yellow)(color, severity)}${" ".repeat(severityWidth - severity.length)}  `;
      // like ESLint's stylish, without the message's final period
      const text = m.message.replace(/([^ ])\.$/u, "$1");
      const lines = wrap(text, textWidth);
      const ruleId = m.ruleId ?? "";
      const last = lines[lines.length - 1];
      // beside a one-line message when it fits, else on a line of its own
      if (ruleId !== "" && lines.length === 1 && last.length + 2 + ruleId.length <= textWidth) lines[0] = `${last}  ${dim(color, ruleId)}`;
      else if (ruleId !== "") lines.push(dim(color, ruleId));
      out.push(head + lines[0], ...lines.slice(1).map((line) => " ".repeat(indent) + line));
    });
  }
  if (errors + warnings === 0) return "";
  const summary = `✖ ${plural(errors + warnings, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`;
  out.push("", bold(color, (errors > 0 ? red : yellow)(color, summary)), "");
  return out.join("\n");
}
