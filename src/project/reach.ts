/**
 * What code an export of a module can run, read from the module's text and oxc-parser's export
 * spans before any tree is built: the words that code uses, and the exported functions no caller
 * asked about, which a large module is analysed without.
 */

export interface StaticExportName {
  kind: string;
  name: string | null;
}
export interface StaticExport {
  start: number;
  end: number;
  entries: readonly { moduleRequest: unknown; exportName: StaticExportName; localName: StaticExportName; isType: boolean }[];
}

/** Modules smaller than this are analysed whole: leaving exports out pays only on large ones. */
export const SLICE_MIN_CHARS = 8_000;
/** Exports are left out only when that leaves out at least this share of the text. */
export const SLICE_MIN_SHARE = 0.25;
/** A function as a value: `function`, `async (…) =>`, `x =>` (parameters without nested parentheses). */
const FUNCTION_VALUE = String.raw`(?:async\s+)?(?:function\b|[\w$]+\s*=>|\([^()]*\)\s*(?::[^=;]*)?=>)`;
/** An exported function: a declaration, a default export, or a constant whose value is a function. */
const EXPORTED_FUNCTION = new RegExp(String.raw`^export\s+(?:(?:async\s+)?function\b|default\s+${FUNCTION_VALUE}|const\s+[\w$]+\s*(?::[^=;]*)?=\s*${FUNCTION_VALUE})`);

/** A statement exporting what the module declares, with the names it binds and the words its code uses. */
interface Segment {
  start: number;
  end: number;
  /** Export names (`default` for the default export) and local names. */
  names: string[];
  /** The export key, when the statement exports one function. */
  fn: string | null;
  words: Set<string>;
}

/**
 * What the module's export statements say about the keys asked (`keep`: `name` or `name.member`):
 * - `left`: the exported functions no caller asked about and no other code of the module names,
 *   which can neither keep what the callables asked are handed nor be called by them;
 * - `reach`: the names used by the code the callables asked can run: the module's code outside
 *   its export statements, the statements of the keys asked, and of each export they name.
 */
export function readExports(text: string, exports: readonly StaticExport[], keep: ReadonlySet<string>, withReach: boolean): { left: Segment[]; reach: Set<string> } {
  const asked = new Set([...keep].map(keyHead));
  const segments: Segment[] = [];
  for (const statement of exports) {
    const names: string[] = [];
    for (const entry of statement.entries) {
      if (entry.moduleRequest || entry.isType) continue;
      const key = entry.exportName.kind === "Default" ? "default" : entry.exportName.name;
      if (key) names.push(key);
      if (entry.localName.name && entry.localName.name !== key) names.push(entry.localName.name);
    }
    if (names.length === 0) continue;
    const single = statement.entries.length === 1 && EXPORTED_FUNCTION.test(text.slice(statement.start, statement.start + 400));
    segments.push({ start: statement.start, end: statement.end, names, fn: single ? names[0] : null, words: wordsOf(text.slice(statement.start, statement.end)) });
  }
  // With the top-level declarations cut out too (when reach is asked), the code outside the
  // exports is those declarations and what is left: one pass over each.
  const declarations = withReach ? topLevelDeclarations(text, exports) : [];
  const all = declarations.length > 0 ? [...segments, ...declarations] : segments;
  const outside = wordsOf(keptText(text, all));
  const rest = new Set(outside);
  for (const declaration of declarations) for (const word of declaration.words) rest.add(word);
  const candidates = segments.filter((segment) => segment.fn !== null && !asked.has(segment.fn));
  // Left out: the candidates nothing else names (a function left in may name another).
  const candidate = new Set(candidates);
  for (const segment of segments) if (!candidate.has(segment)) for (const word of segment.words) rest.add(word);
  const left = [...drawIn(rest, candidates, () => false)];
  if (!withReach) return { left, reach: new Set() };
  // Reached: the statements of the keys asked, and each export or declaration the code reached
  // names. The module's other code (what runs when it loads) counts as reached.
  drawIn(outside, all, (segment) => segment.names.some((name) => asked.has(name)));
  return { left, reach: outside };
}

/** A declaration at the start of a line: a function, class, enum, or a variable of one name (groups 1–4). */
const TOP_DECLARATION = /^(?:(?:async\s+)?function\s*\*?\s*([\w$]+)|(?:const|let|var)\s+([\w$]+)\s*[:=;]|(?:abstract\s+)?class\s+([\w$]+)|(?:const\s+)?enum\s+([\w$]+))/;
/** Text whose brackets are not code: template literals, strings, comments. */
const NOT_BRACKETS = /`(?:\\[\s\S]|[^`\\])*`|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|\/\*[\s\S]*?\*\/|\/\/.*$/gm;

/**
 * The brackets of a text from `start` to `end`: the sum of the opening ones less the closing ones,
 * and whether a comma stands outside all of them (`<…>` counts as outside).
 */
function brackets(code: string, start: number, end: number): { depth: number; outerComma: boolean } {
  let depth = 0;
  let outerComma = false;
  for (let k = start; k < end; k++) {
    const c = code.charCodeAt(k);
    if (c === 123 || c === 40 || c === 91) depth++;
    else if (c === 125 || c === 41 || c === 93) depth--;
    else if (c === 44 && depth === 0) outerComma = true;
  }
  return { depth, outerComma };
}

/**
 * The module's top-level declarations outside its export statements, each from its first line to
 * the next line that starts at column 0 with code, with the name it declares and the words it uses.
 * Empty when that cut leaves some declaration's brackets unbalanced (code not indented the usual
 * way, a bracket in a regular expression): all the module's code then counts as reached.
 */
function topLevelDeclarations(text: string, exports: readonly StaticExport[]): Segment[] {
  // Brackets and line starts are read with strings, templates and comments blanked (offsets kept).
  const code = text.replace(NOT_BRACKETS, blankedText);
  const exported = [...exports].sort((a, b) => a.start - b.start);
  const starts: number[] = [];
  let e = 0;
  for (let at = 0; at < code.length; at = code.indexOf("\n", at) + 1 || code.length) {
    const c = code[at];
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "}" || c === ")" || c === "]") continue;
    while (e < exported.length && exported[e].end <= at) e++;
    if (e < exported.length && exported[e].start <= at) continue;
    starts.push(at);
  }
  const out: Segment[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const m = TOP_DECLARATION.exec(code.slice(start, start + 200));
    if (!m) continue;
    let end = i + 1 < starts.length ? starts[i + 1] : code.length;
    const next = exported.find((x) => x.start >= start);
    if (next && next.start < end) end = next.start;
    const { depth, outerComma } = brackets(code, start, end);
    if (depth !== 0) return [];
    // `const a = 1, b = f()` declares more than the name read: left in the code always reached.
    if (m[2] !== undefined && outerComma) continue;
    out.push({ start, end, names: [m[1] ?? m[2] ?? m[3] ?? m[4]], fn: null, words: wordsOf(text.slice(start, end)) });
  }
  return out;
}

/**
 * Adds to `words` the words of each segment that `start` picks or whose names `words` holds, to a
 * fixed point (each segment drawn in adds its words once); returns the segments never drawn in.
 */
function drawIn(words: Set<string>, segments: readonly Segment[], start: (segment: Segment) => boolean): Set<Segment> {
  const pending = new Set(segments);
  for (let grew = true; grew; ) {
    grew = false;
    for (const segment of pending) {
      if (!start(segment) && !segment.names.some((name) => name !== "default" && words.has(name))) continue;
      for (const word of segment.words) words.add(word);
      pending.delete(segment);
      grew = true;
    }
  }
  return pending;
}

/** The part of an export key that names the export: `Client` of `Client#new`, `config` of `config.merge`. */
export function keyHead(key: string): string {
  return key.split(/[.#]/, 1)[0];
}

/** The text with the given spans blanked: spaces for their characters, line breaks kept. */
export function blanked(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = "";
  let at = 0;
  for (const c of [...spans].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, c.start) + blankedText(text.slice(c.start, c.end));
    at = c.end;
  }
  return out + text.slice(at);
}

/** Spaces for a text's characters, its line breaks kept (so offsets and lines stay). */
function blankedText(text: string): string {
  let out = "";
  let at = 0;
  for (const m of text.matchAll(/[\n\r\u2028\u2029]/g)) {
    out += " ".repeat(m.index - at) + m[0];
    at = m.index + 1;
  }
  return out + " ".repeat(text.length - at);
}

/** The text without the given spans. */
function keptText(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = "";
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, span.start) + "\n";
    at = span.end;
  }
  return out + text.slice(at);
}

/**
 * What cannot name a function of the module: comments, and imports (a module cannot import a name it
 * declares; `import type { loader as … }` names another module's export).
 */
const NOT_CODE = /\/\*[\s\S]*?\*\/|(?:^|[ \t])\/\/.*$|^import\s[^;]*?\sfrom\s*["'][^"'\n]*["']/gm;

/**
 * A string literal on one line without escapes, brackets or semicolons: its words are no code. (A
 * quote in JSX text or a regular expression pairs with a later one; what lies between them then
 * has a bracket or `;` in most cases, and is kept.)
 */
const PLAIN_STRING = /"[^"\\\n{}()<>;]*"|'[^'\\\n{}()<>;]*'/g;

/**
 * The names code uses, outside comments, imports, strings, type queries (`typeof loader` runs
 * nothing) and member names (`row.action` names no binding `action`; a spread `...action` does).
 */
export function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  const code = text.replace(NOT_CODE, " ").replace(PLAIN_STRING, '""');
  // Whole words, left to right; a type query is read as one match and skipped.
  const word = /typeof\s+[\w$]+|[\w$]+/g;
  for (let m = word.exec(code); m; m = word.exec(code)) {
    const first = m[0].charCodeAt(0);
    if ((first >= 48 && first <= 57) || (first === 116 && /^typeof\s/.test(m[0]))) continue;
    if (m.index > 0 && code.charCodeAt(m.index - 1) === 46 && !code.startsWith("...", m.index - 3)) continue;
    words.add(m[0]);
  }
  return words;
}
