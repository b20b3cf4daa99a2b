/**
 * Binding names declared beside a Worker config: the keys of `.dev.vars` / `.env` files (names
 * only: a value is skipped as it is read and never kept), and the members of the `Env`
 * interface(s) of a generated `worker-configuration.d.ts`, with the kind their type names.
 */
import type { BindingKind } from "../engine/shape";
import { TYPE_KINDS, UNKNOWN, VAR } from "./binding-kinds";

/** `.dev.vars`, `.dev.vars.<env>`, `.env`, `.env.<env>`, `.env.local`. */
export function isEnvFileName(name: string): boolean {
  return /^\.dev\.vars(\.[\w.-]+)?$/.test(name) || /^\.env(\.[\w.-]+)?$/.test(name);
}

const KEY_LINE = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(["'`]?)/;

/**
 * The variable names of a dotenv-style file. A quoted value that runs over several lines is
 * skipped to its closing quote, so that none of its lines is taken for a name.
 */
export function envFileNames(text: string): string[] {
  const names: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = KEY_LINE.exec(lines[i]);
    if (!m) continue;
    names.push(m[1]);
    const quote = m[2];
    if (!quote) continue;
    const rest = lines[i].slice(m[0].length);
    if (closes(rest, quote)) continue;
    while (i + 1 < lines.length && !closes(lines[i + 1], quote)) i++;
    i++;
  }
  return names;
}

function closes(text: string, quote: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return true;
  }
  return false;
}

/** The generated types file wrangler writes next to the config. */
export const TYPES_FILE = "worker-configuration.d.ts";

const INTERFACE_START = /\binterface\s+([A-Za-z_$][\w$]*)\s*(?:<[^>{]*>)?\s*(?:extends\s+[^{]+)?\{/g;
const MEMBER = /^\s*(?:readonly\s+)?(?:"([^"]+)"|'([^']+)'|([A-Za-z_$][\w$]*))\??\s*:\s*(.*)$/;

/**
 * The members of the interfaces named in `interfaceNames` (`Env`, also inside
 * `declare namespace Cloudflare`), with the kind of binding each one's type names. A scan of the
 * interface bodies only (the runtime types after them are not read): members are the
 * `name: Type` lines at the body's own brace depth.
 */
export function envInterfaceMembers(text: string, interfaceNames: ReadonlySet<string>): Map<string, BindingKind> {
  const out = new Map<string, BindingKind>();
  for (const m of text.matchAll(INTERFACE_START)) {
    if (!interfaceNames.has(m[1])) continue;
    const body = bodyAt(text, m.index + m[0].length);
    for (const line of body) {
      const member = MEMBER.exec(line);
      if (!member) continue;
      const name = member[1] ?? member[2] ?? member[3];
      if (!out.has(name)) out.set(name, kindOfType(member[4]));
    }
  }
  return out;
}

/**
 * The lines of an interface body at its own depth, from just after its `{`: nested braces, brackets
 * and parentheses are skipped, and a string literal type is kept as its opening quote only.
 */
function bodyAt(text: string, start: number): string[] {
  const lines: string[] = [];
  let depth = 1;
  let line = "";
  const flush = () => {
    if (line.trim()) lines.push(line);
    line = "";
  };
  for (let i = start; i < text.length && depth > 0; i++) {
    const c = text[i];
    if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) {
      const end = text[i + 1] === "/" ? text.indexOf("\n", i) : text.indexOf("*/", i + 2) + 1;
      i = end <= 0 ? text.length : end - (text[i + 1] === "/" ? 1 : 0);
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
      // A quoted member name is kept; a literal type only as its quote (a var's value is not kept).
      if (depth === 1) line += line.includes(":") ? c : text.slice(i, j + 1);
      i = j;
    } else if (c === "{" || c === "(" || c === "[") depth++;
    else if (c === "}" || c === ")" || c === "]") depth--;
    else if (depth === 1) {
      if (c === ";" || c === "\n" || c === ",") flush();
      else line += c;
    }
  }
  flush();
  return lines;
}

function kindOfType(type: string): BindingKind {
  const t = type.trim();
  if (/^["'`]/.test(t) || /^(?:\d|true\b|false\b)/.test(t)) return VAR;
  const name = /^(?:[A-Za-z_$][\w$]*\.)*([A-Za-z_$][\w$]*)/.exec(t)?.[1];
  return (name && TYPE_KINDS.get(name)) || UNKNOWN;
}
