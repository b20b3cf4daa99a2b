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

/**
 * The start of a body of env members, up to its `{`: an interface or object type alias named one of
 * `names`, also intersected with other types (`type Bindings = Env & { OAUTH_PROVIDER: … }`), and a
 * member of that name typed so (`new Hono<{ Bindings: Env & { … } }>()`).
 */
function interfaceStart(names: readonly string[]): RegExp {
  const alt = names.map((n) => n.replace(/[$]/g, "\\$")).join("|");
  // `Env & `, `Cloudflare.Env & `, `Omit<Env, "X"> & `: the types intersected before the literal.
  const intersected = String.raw`(?:[\w$.]+(?:<[^>{};=]*>)?\s*&\s*)*`;
  return new RegExp(
    String.raw`\b(?:interface\s+(${alt})\b\s*(?:<[^>{]*>)?\s*(?:extends\s+[^{]+)?|type\s+(${alt})\b\s*(?:<[^>=]*>)?\s*=\s*${intersected}|(${alt})\??\s*:\s*${intersected})\{`,
    "g",
  );
}

/** One pattern per set of names: a generated types file runs to 15,000 lines, and only these are looked for. */
const startPatterns = new WeakMap<ReadonlySet<string>, RegExp>();
const MEMBER = /^\s*(?:readonly\s+)?(?:"([^"]+)"|'([^']+)'|([A-Za-z_$][\w$]*))\??\s*:\s*(.*)$/;

/**
 * The members of the interfaces (or object type aliases) named in `interfaceNames` (`Env`, also
 * inside `declare namespace Cloudflare`; `type Bindings = { … }`), with the kind of binding each
 * one's type names. A scan of those bodies only (the runtime types around them are not read):
 * members are the `name: Type` lines at the body's own brace depth.
 */
export function envInterfaceMembers(text: string, interfaceNames: ReadonlySet<string>): Map<string, BindingKind> {
  const out = new Map<string, BindingKind>();
  let pattern = startPatterns.get(interfaceNames);
  if (!pattern) {
    const names = [...new Set([...interfaceNames, PLATFORM])].filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
    startPatterns.set(interfaceNames, (pattern = interfaceStart(names)));
  }
  // A fresh copy: `matchAll` keeps its own `lastIndex`, but the pattern is shared.
  for (const m of text.matchAll(new RegExp(pattern))) {
    const name = m[1] ?? m[2] ?? m[3];
    let start = m.index + m[0].length;
    if (name === PLATFORM && !interfaceNames.has(name)) {
      // SvelteKit's `App.Platform`: its `env: { … }` member is the Worker's env.
      const env = PLATFORM_ENV.exec(bodyText(text, start));
      if (!env) continue;
      start += env.index + env[0].length;
    } else if (!interfaceNames.has(name)) continue;
    const body = bodyAt(text, start);
    for (const line of body) {
      const member = MEMBER.exec(line);
      if (!member) continue;
      const key = member[1] ?? member[2] ?? member[3];
      if (!out.has(key)) out.set(key, kindOfType(member[4]));
    }
  }
  return out;
}

const PLATFORM = "Platform";
const PLATFORM_ENV = /^\s*(?:readonly\s+)?env\??\s*:\s*\{/m;

/** The text of a body from just after its `{` to its closing brace (or the end). */
function bodyText(text: string, start: number): string {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(start, i);
  }
  return text.slice(start);
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

const NAMED_IMPORT = /\bimport\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*["']([^"']+)["']/g;

/** The modules a file imports one of `typeNames` from (`import type { Env } from "./types"`). */
export function envTypeImports(text: string, typeNames: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(NAMED_IMPORT)) {
    const names = m[1].split(",").map((part) => part.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]);
    if (names.some((n) => typeNames.has(n))) out.push(m[2]);
  }
  return out;
}
