/**
 * Turns the lines of a `.gitignore` into flat-config `ignores` patterns (minimatch, relative to
 * the folder that holds the `.gitignore`). Used by the CLI only.
 *
 * gitignore → flat config:
 * - a pattern with no slash but a trailing one matches at any depth: `*.log` → `**\/*.log`;
 * - a leading or middle slash anchors it to the folder: `/build` → `build`, `a/b` → `a/b`;
 * - a trailing slash matches folders only, as it does in flat config: `out/` → `**\/out/`;
 * - `!` re-includes, `\#` and `\!` escape a leading `#` or `!`, trailing spaces are dropped
 *   unless escaped with a backslash.
 */
export function gitignoreToIgnores(text: string): string[] {
  const patterns: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const pattern = convertLine(raw);
    if (pattern !== undefined) patterns.push(pattern);
  }
  return patterns;
}

function convertLine(raw: string): string | undefined {
  let line = trimTrailingSpaces(raw);
  if (line === "" || line.startsWith("#")) return undefined;

  const negated = line.startsWith("!");
  if (negated) line = line.slice(1);
  if (line.startsWith("\\#") || line.startsWith("\\!")) line = line.slice(1);

  const dirOnly = line.endsWith("/");
  let body = dirOnly ? line.slice(0, -1) : line;
  if (body === "") return undefined;

  const anchored = body.includes("/");
  if (body.startsWith("/")) body = body.slice(1);
  if (!anchored) body = `**/${body}`;

  return `${negated ? "!" : ""}${body}${dirOnly ? "/" : ""}`;
}

/** Drops trailing spaces and tabs, keeping a space escaped as `\ `. */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === " " || line[end - 1] === "\t")) {
    if (line[end - 1] === " " && end >= 2 && line[end - 2] === "\\") break;
    end--;
  }
  return line.slice(0, end);
}
