/**
 * Binding names declared beside a Worker config: the keys of `.dev.vars` / `.env` files (names
 * only: a value is skipped as it is read and never kept), and the members of the `Env`
 * interface(s) of a generated `worker-configuration.d.ts`, with the kind their type names.
 */
import type { BindingKind } from "../engine/shape";
import { WORKERS_BASES } from "../engine/sources";
import { BINDING_TYPE_KINDS } from "../engine/shape";
import { braceMembers } from "./text-check";
import { UNKNOWN, VAR } from "./binding-kinds";

/**
 * `.dev.vars`, `.dev.vars.<env>`, `.env`, `.env.<env>`, `.env.local`, and the examples a project
 * ships for the secrets to set (`.dev.vars.example`, `example.dev.vars`, `.dev.example.vars`, `.env.sample`).
 */
export function isEnvFileName(name: string): boolean {
  // (An example named with a hyphen too: `.dev.vars-example`, `.env-sample`; or in the middle: `.dev.example.vars`; or with no dot first: `env.example`.)
  return /^(?:[\w-]+)?\.dev\.vars(?:[.-][\w.-]+)?$/.test(name) || /^\.dev\.(?:example|sample|template)\.vars$/.test(name) || /^\.env(?:[.-][\w.-]+)?$/.test(name) || /^env\.(?:example|sample|template)$/.test(name);
}

/** `NAME=value`, `export NAME=value`, and the `NAME: value` some examples write. */
const KEY_LINE = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*[=:]\s*(["'`]?)/;

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

/** A var a package script hands wrangler (`wrangler deploy --var VERSION:$(git rev-parse HEAD)`): group 1, its name. */
const SCRIPT_VAR = /--var[\s=]+\\?["']?([A-Za-z_]\w*):/g;

/** The names of the vars a `package.json`'s scripts hand wrangler with `--var NAME:value`. */
export function scriptVarNames(text: string): string[] {
  return [...text.matchAll(SCRIPT_VAR)].map((m) => m[1]);
}

/** Where a `wrangler types` command writes (group 1: the rest of the command, up to `&&`, `;`, `|` or the script's end). */
const TYPEGEN = /\bwrangler\s+types\b([^&;|"]*)/g;

/**
 * The files a package's scripts have `wrangler types` write the Worker's env types to, as written
 * (`wrangler types --env-interface CloudflareEnv ../../packages/config/dist/cloudflare-env.d.ts`): the
 * generated types at a path of the project's choosing.
 */
export function typegenOutputs(text: string): string[] {
  return [...text.matchAll(TYPEGEN)].flatMap((m) => m[1].split(/\s+/).filter((token) => /^[\w@$.\/-]+\.d\.ts$/.test(token)));
}

/** Programs that run the module a script names (`tsx lib/seed.ts`, `bun run scripts/x.ts`). */
const SCRIPT_RUNNERS: ReadonlySet<string> = new Set(["node", "tsx", "ts-node", "esno", "vite-node", "bun", "deno", "jiti"]);
const SCRIPT_MODULE = /^(?:\.\/)?[\w@$.\/-]+\.[cm]?[jt]sx?$/;
const LAUNCHERS: ReadonlySet<string | undefined> = new Set(["npx", "pnpx", "bunx"]);
const PACKAGE_MANAGERS: ReadonlySet<string | undefined> = new Set(["npm", "pnpm", "yarn"]);
const LAUNCH_VERBS: ReadonlySet<string | undefined> = new Set(["exec", "dlx", "x"]);

/**
 * The modules a package.json's scripts run with Node, Bun or Deno (`tsx lib/db/seed.ts`), or hand a
 * tool as its config (`@better-auth/cli generate --config ./src/auth.ts`), as paths relative to the
 * package: a tool's code, not the Worker's (wrangler's own commands name the Worker's entry).
 */
export function scriptModules(text: string): string[] {
  let scripts: unknown;
  try {
    scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
  } catch {
    return [];
  }
  if (typeof scripts !== "object" || scripts === null) return [];
  const out: string[] = [];
  for (const script of Object.values(scripts)) {
    if (typeof script !== "string") continue;
    for (const command of script.split(/&&|\|\||[;|]/)) {
      const words = command.trim().split(/\s+/).filter((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w));
      // (Past a package manager's launcher and its flags: `npx --yes tsx …`, `pnpm exec tsx …`.)
      let start = 0;
      for (;;) {
        if (LAUNCHERS.has(words[start]) || words[start]?.startsWith("-")) start++;
        else if (PACKAGE_MANAGERS.has(words[start]) && LAUNCH_VERBS.has(words[start + 1])) start += 2;
        else break;
      }
      const runner = words.slice(start);
      if (runner.some((w) => /(?:^|\/)wrangler(?:@|$)/.test(w))) continue;
      words.forEach((word, i) => {
        const config = word.startsWith("--config=") ? word.slice(9) : words[i - 1] === "--config" ? word : null;
        const ran = config === null && i > 0 && SCRIPT_RUNNERS.has(runner[0] ?? "") && !word.startsWith("-") ? word : null;
        const module = (config ?? ran)?.replace(/^["']|["']$/g, "");
        if (module && SCRIPT_MODULE.test(module)) out.push(module);
      });
    }
  }
  return out;
}

/**
 * The secrets a config's comments list for `wrangler secret put`: the names on the comment lines
 * right after one that speaks of secrets (`# Secrets (set with wrangler secret put):` then `# -
 * API_KEY`), and any `wrangler secret put API_KEY`. Set outside the file, they exist in the Worker.
 * (A commented-out assignment, `# MY_VAR = "x"`, is no name: it is not set.)
 */
export function commentedSecretNames(text: string): string[] {
  const secrets = (line: string) => {
    const header = COMMENT_LINE.exec(line);
    return !!header && /secret/i.test(header[1]) && !header[1].includes("://");
  };
  return [...new Set([...secretsNamedInPut(text), ...namesListedAfter(text, secrets, (line) => LISTED_NAME.exec(COMMENT_LINE.exec(line)?.[1] ?? "")?.[1] ?? null, false)])];
}

/**
 * The names listed on the lines right after each line `header` takes (`item` gives a line's name, or
 * null where the list ends); `skipBlank`: blank lines between the items (a Markdown list) do not end it.
 */
function namesListedAfter(text: string, header: (line: string) => boolean, item: (line: string) => string | null, skipBlank: boolean): string[] {
  const out: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!header(lines[i])) continue;
    for (let j = i + 1; j < lines.length; j++) {
      if (skipBlank && lines[j].trim() === "") continue;
      const name = item(lines[j]);
      if (name === null) break;
      out.push(name);
      i = j;
    }
  }
  return out;
}

const SECRET_PUT = /\bsecret\s+put\s+([A-Z][A-Z0-9_]{2,})\b/g;

/** The names of `wrangler secret put NAME` in a text. */
function secretsNamedInPut(text: string): string[] {
  return Array.from(text.matchAll(SECRET_PUT), (m) => m[1]);
}

/**
 * The names a text says to set with `wrangler secret put NAME` (a README's setup steps), and the
 * names a list gives right after a line that speaks of secrets ("set the secrets using `wrangler
 * secret put`", then `- LOKI_URL - the url`), blank lines between.
 */
export function secretsPut(text: string): string[] {
  const put = secretsNamedInPut(text);
  if (!/secret/i.test(text)) return put;
  return [...new Set([...put, ...namesListedAfter(text, (line) => /\bsecrets?\b/i.test(line), (line) => LISTED_ITEM.exec(line)?.[1] ?? null, true)])];
}

/** A Markdown table's header cell that says its rows name variables (`| Variable Name | Description |`). */
const VARIABLE_HEADER = /^\s*\|\s*(?:\*\*)?(?:env(?:ironment)?\s+)?(?:variables?|secrets?|names?|keys?|bindings?|vars?)(?:\s+names?)?(?:\*\*)?\s*\|/i;
/** A table row whose first cell is a name (`` | `PASSWORD` | Your login password | ``). */
const TABLE_ROW_NAME = /^\s*\|\s*(?:\*\*)?`?([A-Z][A-Z0-9_]{2,})`?(?:\*\*)?\s*\|/;

/** A Markdown table's row under its header: `| --- | :---: |`. */
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*\|/;

/**
 * The names the first column of a Markdown table lists, when its header (the row above `| --- |`)
 * says they are variables or secrets: `| Variable Name | Description |` then `` | `API_KEY` | … | ``.
 */
export function tableNames(text: string): string[] {
  if (!text.includes("|")) return [];
  const out: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!VARIABLE_HEADER.test(lines[i]) || !TABLE_SEPARATOR.test(lines[i + 1])) continue;
    for (let j = i + 2; j < lines.length && lines[j].trim().startsWith("|"); j++) {
      const name = TABLE_ROW_NAME.exec(lines[j])?.[1];
      if (name) out.push(name);
      i = j;
    }
  }
  return out;
}
/** A list item that names a binding first (`- API_KEY - the key`, `* \`API_KEY\`: …`, `1. API_KEY`). */
const LISTED_ITEM = /^\s*(?:[-*+]|\d+\.)\s+(?:\*\*)?`?([A-Z][A-Z0-9_]{2,})`?(?:\*\*)?\s*(?:$|[:(,]|\s[-–—]\s)/;
const COMMENT_LINE = /^\s*(?:#|\/\/)(.*)$/;
/** A name alone on a comment line, as a list item or with a description after it (`- API_KEY: the key`). */
const LISTED_NAME = /^\s*(?:[-*]\s*)?`?([A-Z][A-Z0-9_]{2,})`?\s*(?:$|[:(]|\s[-–]\s)/;

/** The generated types file wrangler writes next to the config. */
export const TYPES_FILE = "worker-configuration.d.ts";

/**
 * The start of a body of env members, up to its `{`: an interface or object type alias named one of
 * `names`, also intersected with other types (`type Bindings = Env & { OAUTH_PROVIDER: … }`), and a
 * member of that name typed so (`new Hono<{ Bindings: Env & { … } }>()`).
 */
function interfaceStart(names: readonly string[]): RegExp {
  const alt = names.map((n) => n.replace(/[$]/g, "\\$")).join("|");
  return new RegExp(
    String.raw`\b(?:interface\s+(${alt})\b\s*(?:<[^>{]*>)?\s*(?:extends\s+[^{]+)?|type\s+(${alt})\b\s*(?:<[^>=]*>)?\s*=\s*${INTERSECTED}|(${alt})\??\s*:\s*${INTERSECTED})\{`,
    "g",
  );
}

/** `Env & `, `Cloudflare.Env & `, `Omit<Env, "X"> & `: the types intersected before a type literal. */
const INTERSECTED = String.raw`(?:[\w$.]+(?:<[^>{};=]{0,200}>)?\s*&\s*){0,8}`;

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
    addMembers(text, start, out);
  }
  // An env type inferred from a schema (`type Env = z.infer<typeof envSchema>`): the keys of the
  // object schema it names (`const envSchema = z.object({ API_KEY: z.string() })`).
  if (text.includes("typeof")) {
    for (const m of text.matchAll(INFERRED_TYPE)) {
      if (!interfaceNames.has(m[1])) continue;
      const schema = new RegExp(String.raw`\b(?:const|let|var)\s+${m[2].replace(/\$/g, "\\$")}\s*(?::[^=;]{0,200})?=\s*(?:[\w$]+\s*\.\s*)?(?:object|strictObject|looseObject|Object)\s*\(\s*\{`).exec(text);
      if (schema) addMembers(text, schema.index + schema[0].length, out);
    }
  }
  return out;
}

/** A type inferred from a schema value (group 1 the type, group 2 the schema): zod's `z.infer<typeof s>`, valibot's `v.InferOutput<typeof s>`, TypeBox's `Static<typeof s>`. */
const INFERRED_TYPE = /\btype\s+([A-Za-z_$][\w$]*)\s*=\s*(?:[\w$]+\s*\.\s*)?(?:infer|input|output|TypeOf|Infer|InferOutput|InferInput|Static)\s*<\s*typeof\s+([A-Za-z_$][\w$]*)\s*>/g;

/**
 * The member an env type with an index signature is given (`[key: string]: unknown` beside its names):
 * any name may be there. No binding can be so named.
 */
export const OPEN_ENV_MEMBER = "[string]";

/** Adds the `name: Type` members of the body starting at `start` (just after its `{`), with the kind each type names. */
function addMembers(text: string, start: number, out: Map<string, BindingKind>): void {
  const lines = bodyAt(text, start);
  lines.forEach((line, i) => {
    // (An index signature reads `: unknown` at the body's depth, its brackets skipped.)
    if (/^\s*(?:readonly\s*)?:/.test(line)) return void out.set(OPEN_ENV_MEMBER, UNKNOWN);
    const member = MEMBER.exec(line);
    if (!member) return;
    const key = member[1] ?? member[2] ?? member[3];
    // (A union written one member a line, as Prettier does: `STAGE:` then `| "dev"` below.)
    const type = member[4].trim() || (lines[i + 1]?.trim().startsWith("|") ? lines[i + 1] : "");
    if (!out.has(key)) out.set(key, kindOfType(type));
  });
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
      // (A line ends at `\r\n` too: Windows line endings.)
      if (c === ";" || c === "\n" || c === "\r" || c === ",") flush();
      else line += c;
    }
  }
  flush();
  return lines;
}

function kindOfType(type: string): BindingKind {
  const t = type.trim().replace(/^\|\s*/, "");
  if (/^["'`]/.test(t) || /^(?:\d|true\b|false\b)/.test(t)) return VAR;
  const name = /^(?:[A-Za-z_$][\w$]*\.)*([A-Za-z_$][\w$]*)/.exec(t)?.[1];
  return (name && BINDING_TYPE_KINDS.get(name)) || UNKNOWN;
}

/**
 * A type name: a capitalised identifier (`env: production` in an object literal is a value), not a
 * generic's or a namespace's head (`Record<…>`, `NodeJS.ProcessEnv`).
 */
const TYPE_NAME = String.raw`([A-Z][\w$]*)\b(?!\s*[<.])`;
/** `env: X`, `env?: X` (a parameter or a member), `Bindings: X` (Hono's `{ Bindings: X }`): X is an env type. */
const TYPED_AS_ENV = new RegExp(String.raw`\b(?:env|Bindings)\s*\??\s*:\s*(?:Readonly\s*<\s*)?${TYPE_NAME}`, "g");
/** `& X` right after a type (sticky: each match starts where the last ended). */
const AND_TYPE = new RegExp(String.raw`\s*&\s*${TYPE_NAME}`, "y");
/**
 * A cast of something named for env, up to the type: `cloudflareEnv as `, `env as unknown as `. (Only
 * where a match ends matters: no word start is sought before `env`, which cost a backtrack through
 * every word of the text.)
 */
const CAST_OF_ENV = String.raw`[eE]nv\s+as\s+(?:unknown\s+as\s+)?`;
/** The type argument of an `env()` accessor (`env<TicketEnv>(c)` of `hono/adapter`). */
const ENV_TYPE_ARGUMENT = new RegExp(String.raw`\benv\s*<\s*${TYPE_NAME}\s*>\s*\(`, "g");
/** The same with a type literal (`env<{ WEBHOOK_URL: string }>(c)`), up to the literal's `{`. */
const ENV_LITERAL_ARGUMENT = /\benv\s*<\s*\{/g;
/** Such a cast to a named type: `cloudflareEnv as AuthEnv`. */
const CAST_AS_ENV = new RegExp(CAST_OF_ENV + TYPE_NAME, "g");
/**
 * Hono's first type argument is the env wrapper (`{ Bindings: …; Variables: … }`): `new Hono<AppEnv>()`,
 * `Context<AppEnv>`, `createMiddleware<AppEnv>(…)`. Looked for only in a text that imports Hono.
 */
const HONO_WRAPPER = new RegExp(String.raw`\b(?:Hono|OpenAPIHono|Context|MiddlewareHandler|ErrorHandler|NotFoundHandler|Handler|createMiddleware|createFactory|Factory)\s*<\s*${TYPE_NAME}\s*[,>]`, "g");
/**
 * The Workers handler types' env argument: `ExportedHandler<WorkerEnv>`, `satisfies
 * ExportedHandler<WorkerEnv>`, `ExportedHandlerFetchHandler<WorkerEnv>`, `PagesFunction<WorkerEnv>`.
 */
const HANDLER_WRAPPER = new RegExp(String.raw`\b(?:ExportedHandler(?:[A-Z]\w*Handler)?|PagesFunction|EventContext)\s*<\s*${TYPE_NAME}\s*[,>]`, "g");
const HONO_IMPORT = /\bfrom\s*["'](?:hono|@hono\/[\w.-]+)(?:\/[^"']*)?["']/;
/** A Workers base's first type argument is the env type of the class: `extends WorkflowEntrypoint<WorkflowEnv, Params>`. */
const BASE_WRAPPER = new RegExp(String.raw`\bextends\s+(?:[\w$]+\s*\.\s*)?(?:${[...WORKERS_BASES].join("|")})\s*<\s*${TYPE_NAME}\s*[,>]`, "g");
/**
 * `interface X extends A, B {`: group 1 the name, group 2 what it extends. (Bounded, as below, so
 * that a text with many unclosed heads is still scanned in linear time.)
 */
const INTERFACE_EXTENDS = /\binterface\s+([A-Za-z_$][\w$]*)\s*(?:<[^>{]{0,200}>)?\s*extends\s+([^{]{1,400})\{/g;
const WORD = /[A-Za-z_$][\w$]*/g;
/** `type X = A & B & {`, `type X = A;`: group 1 the name, group 2 the types before any literal. */
const TYPE_ALIAS = /\btype\s+([A-Za-z_$][\w$]*)\s*(?:<[^>=]{0,200}>)?\s*=\s*([^;{=]{0,400})/g;
/**
 * `type X = …;`, the whole of it: group 1 the name, group 2 what it is, its literals one level deep
 * included (`{ KV: KVNamespace; TOKEN: string } & OAuthConfig`), up to its `;` or, in code written
 * without them, the next declaration's line. (Bounded: a text with many unclosed heads is still
 * scanned in linear time.)
 */
const ALIAS_WHOLE = /\btype\s+([A-Za-z_$][\w$]*)\s*(?:<[^>=]{0,200}>)?\s*=\s*((?:\{[^{}]{0,2000}\}|[^;{\n]|\n(?!\s*(?:export|type|interface|declare|const|let|var|function|class|import)\b)){0,800})/g;
/** Types made from types made from env types…: this many steps are followed. */
const MAX_DERIVED_STEPS = 8;
/**
 * A cast of something named for env to a type literal, alone or intersected (`env as Cloudflare.Env
 * & { TEST_MIGRATIONS: D1Migration[] }`), up to the literal's `{`.
 */
const CAST_TO_LITERAL = new RegExp(String.raw`${CAST_OF_ENV}${INTERSECTED}\{`, "g");

/**
 * The members a text declares on env by casting it to a type literal (`const e = env as Env & {
 * EXTRA: string }`): the cast says what the author expects there, as an `Env` interface would.
 */
export function castMembers(text: string): Map<string, BindingKind> {
  const out = new Map<string, BindingKind>();
  for (const m of text.matchAll(CAST_TO_LITERAL)) addMembers(text, m.index + m[0].length, out);
  // So does a handler's `env` typed with a literal: `scheduled(c, env: { TARGET_URL: string })`.
  for (const m of text.matchAll(ENV_LITERAL)) addMembers(text, m.index + m[0].length, out);
  if (text.includes("env<")) for (const m of text.matchAll(ENV_LITERAL_ARGUMENT)) addMembers(text, m.index + m[0].length, out);
  return out;
}

/**
 * The members of an env type a JavaScript module declares in JSDoc: `@typedef {object} Env` then
 * `@prop {string} LOKI_URL` (or `@property`) lines in that comment, for the names in `names`.
 */
export function jsdocMembers(text: string, names: ReadonlySet<string>): Map<string, BindingKind> {
  const out = new Map<string, BindingKind>();
  if (!text.includes("@typedef")) return out;
  for (const m of text.matchAll(JSDOC_TYPEDEF)) {
    if (!names.has(m[1])) continue;
    const end = text.indexOf("*/", m.index);
    for (const line of text.slice(m.index + m[0].length, end < 0 ? undefined : end).split("\n")) {
      const prop = JSDOC_PROP.exec(line);
      if (prop && !out.has(prop[2])) out.set(prop[2], kindOfType(prop[1]));
    }
  }
  return out;
}
const JSDOC_TYPEDEF = /@typedef\s+\{\s*(?:object|Object)\s*\}\s+([A-Za-z_$][\w$]*)/g;
const JSDOC_PROP = /^\s*\*?\s*@prop(?:erty)?\s+\{([^}]*)\}\s+\[?([A-Za-z_$][\w$]*)/;

/**
 * The names of a text's env types: `names` (the settings'), and the types the text itself uses
 * for env under other names. A parameter or member `env: MyEnv`, Hono's `Bindings: MyEnv` or its
 * wrapper (`Hono<AppEnv>`), a cast of env (`base as AuthEnv`), and the interfaces and aliases that
 * extend one of these (`interface AuthEnv extends Env { … }`, `type B = Env & { … }`). Their members
 * declare bindings as the `Env` interface's do. `names` itself is returned when the text adds none.
 */
export function envTypeNamesIn(text: string, names: ReadonlySet<string>): ReadonlySet<string> {
  // Type names are capitalised: keywords (`env: any`, `env as unknown`) and values are not taken.
  const found = new Set(names);
  for (const m of text.matchAll(TYPED_AS_ENV)) {
    found.add(m[1]);
    // Intersected with more named types (`Bindings: Env & OAuthEnv`): each adds its members.
    AND_TYPE.lastIndex = m.index + m[0].length;
    for (let more = AND_TYPE.exec(text); more; more = AND_TYPE.exec(text)) found.add(more[1]);
  }
  for (const m of text.matchAll(CAST_AS_ENV)) found.add(m[1]);
  // Hono's adapter typed with the env the code expects: `env<TicketEnv>(c)`.
  if (text.includes("env<")) for (const m of text.matchAll(ENV_TYPE_ARGUMENT)) found.add(m[1]);
  if (HONO_IMPORT.test(text)) for (const m of text.matchAll(HONO_WRAPPER)) found.add(m[1]);
  if (text.includes("Handler<") || text.includes("Function<") || text.includes("Context<")) for (const m of text.matchAll(HANDLER_WRAPPER)) found.add(m[1]);
  if (text.includes("extends")) for (const m of text.matchAll(BASE_WRAPPER)) found.add(m[1]);
  // Types made from env types, to a fixed point (each round can only add names), a few steps deep.
  const heads: [string, string][] = [];
  for (const m of text.matchAll(INTERFACE_EXTENDS)) heads.push([m[1], m[2]]);
  const derived = [...heads];
  for (const m of text.matchAll(TYPE_ALIAS)) derived.push([m[1], m[2]]);
  // An env type that is an intersection of named types (`type Env = { KV: KVNamespace } & OAuthConfig`): each declares env's members.
  if (text.includes("&")) {
    for (const [, name, whole] of text.matchAll(ALIAS_WHOLE)) {
      if (!found.has(name)) continue;
      for (const part of whole.replace(/\{[^{}]*\}/g, "").split("&")) if (/^\s*[A-Za-z_$][\w$]*\s*$/.test(part)) found.add(part.trim());
    }
  }
  // An env type that is another's alias (`type Env = GatewayEnv`, of an import): that one declares env's members.
  for (const [name, from] of derived.slice(heads.length)) {
    const aliased = from.split("\n")[0].trim();
    if (found.has(name) && /^[A-Za-z_$][\w$]*$/.test(aliased)) found.add(aliased);
  }
  for (let grew = derived.length > 0, round = 0; grew && round < MAX_DERIVED_STEPS; round++) {
    grew = false;
    for (const [name, from] of derived) {
      if (found.has(name) || !(from.match(WORD) ?? []).some((w) => found.has(w))) continue;
      found.add(name);
      grew = true;
    }
  }
  return basesOf(heads, found.size === names.size ? names : found);
}

/**
 * `names` with the interfaces an env interface extends, a few steps up: their members are env's
 * (`interface Env extends __BaseEnv_Env {}`, as newer `wrangler types` writes it).
 */
export function withBaseInterfaces(text: string, names: ReadonlySet<string>): ReadonlySet<string> {
  return text.includes("extends") ? basesOf([...text.matchAll(INTERFACE_EXTENDS)].map((m) => [m[1], m[2]]), names) : names;
}

/** `names` with the plain bases of the interfaces named, from their heads (name, what it extends). */
function basesOf(heads: readonly (readonly [string, string])[], names: ReadonlySet<string>): ReadonlySet<string> {
  if (heads.length === 0) return names;
  const found = new Set(names);
  for (let grew = true, round = 0; grew && round < MAX_DERIVED_STEPS; round++) {
    grew = false;
    for (const [name, extended] of heads) {
      if (!found.has(name)) continue;
      // A plain name only (`Omit<Env, "A">` adds nothing: its members are those of a name already in).
      for (const part of extended.split(",")) {
        const base = part.trim();
        if (/^[A-Za-z_$][\w$]*$/.test(base) && !found.has(base)) found.add(base), (grew = true);
      }
    }
  }
  return found.size === names.size ? names : found;
}

/** A parameter or member `env` typed with a literal (`env: { API_URL: string }`), up to the literal's `{`. */
const ENV_LITERAL = new RegExp(String.raw`\benv\??\s*:\s*(?:Readonly\s*<\s*)?${INTERSECTED}\{`, "g");

const NAMED_IMPORT = /\bimport\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*["']([^"']+)["']/g;

/**
 * The modules a file imports one of `typeNames` from, each with the names the module has for them
 * (`import type { Env } from "./types"`; `import type { GatewayEnv as Env }` gives `GatewayEnv`).
 */
export function envTypeImports(text: string, typeNames: ReadonlySet<string>): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const m of text.matchAll(NAMED_IMPORT)) {
    const names = braceMembers(m[1], true).filter(({ name, local }) => typeNames.has(local) || typeNames.has(name)).map(({ name }) => name);
    if (names.length > 0) out.push([m[2], names]);
  }
  return out;
}
