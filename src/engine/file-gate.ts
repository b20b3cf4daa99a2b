/**
 * The file gate, on the text alone: whether a file can hold any source of env or request state,
 * decided before ESLint walks it. A file that cannot (a UI component, a test helper, a type
 * module) costs the rules one scan of its text: no facts are collected, no analysis is built and
 * no Worker config is looked for.
 *
 * The answer must never be "no" where the entry points would find a source: every source they
 * know is reached through a word of the text (below), or an import of a package the tables know.
 * The words are taken from the same tables as the entry points, so a new entry there is a new word
 * here.
 */
import type { Settings } from "../settings";
import { HONO_HANDLER_TYPES } from "./hono-handlers";
import {
  AUTO_IMPORTED_CALLBACKS,
  CONTEXT_WORDS,
  GLOBAL_CONTEXT_WORDS,
  HANDLER_NAMES,
  LEGACY_DO_HANDLERS,
  LOCAL_LOOKING,
  LEGACY_DO_STATE_PARAMS,
  REQUEST_TYPES,
  SOURCE_WORDS_WITH_PROCESS,
  OTHER_RUNTIME_PATTERN,
  TEST_PACKAGES,
  TOOL_PACKAGES,
  UI_PACKAGES,
  WORKERS_BASES,
  escapeRegExp,
  isSourcePackage,
  textWords,
  wordsOf,
  type TextWords,
} from "./sources";

/**
 * Space and comments between two tokens. A comment counts up to 200 characters, so that text with
 * many unclosed comment openers (in strings) is still scanned in linear time.
 */
const GAP_ITEM = String.raw`\s|/\*[\s\S]{0,200}?\*/|//[^\n]{0,200}\n`;
const GAP = `(?:${GAP_ITEM})*`;

/**
 * Words that make a source wherever they are: the context types of the frameworks, request types,
 * auto-imported callbacks, the handler types (`ExportedHandler<Env>`, `ExportedHandlerFetchHandler`,
 * Hono's `MiddlewareHandler`, also a project module's alias of it) and Astro's `APIRoute`.
 */
const ANYWHERE = new RegExp(
  [wordsOf([...CONTEXT_WORDS.typed, ...REQUEST_TYPES, ...AUTO_IMPORTED_CALLBACKS, "APIRoute", ...[...HONO_HANDLER_TYPES.keys()].filter((t) => t !== "Handler")]), String.raw`\bExportedHandler`].join("|"),
);
/**
 * `request` where a parameter the entry points name can be: after `(`, `,`, a decorator or a
 * parameter property's modifier (comments between), and before `)`, `,`, `:`, `=` or `?`
 * (`(request, env)`, `request?: Request`, `private request`), or an arrow's single parameter
 * (`request =>`). The word in prose, as a property name or after a rest's `...` does not.
 */
const REQUEST_PARAM = new RegExp(String.raw`(?:[(,)]|\b(?:private|public|protected|readonly|override))${GAP}request\s*[),:=?]|\brequest\s*=>`);
/**
 * A Workers base class makes a source only as a class's superclass (`extends Agent<Env>`,
 * `extends workers.DurableObject`, `extends (Server as typeof X)`): the word alone (an
 * `Agent` type, `import type { Agent }`) does not.
 */
const BASE_CLASS = new RegExp(
  String.raw`\bextends(?:\(|${GAP_ITEM})*(?:[\w$]+\s*\??\.\s*)*(?:${[...WORKERS_BASES].join("|")})\b`,
);
/**
 * Handler names count only in a file with a default export (or a declared `ExportedHandler`,
 * above), and only as the key of an object member that can be a function: `fetch(`,
 * `async fetch<T>(`, `fetch: handler`, `"fetch": async (…) =>`, `["fetch"]: h`, a shorthand
 * `{ fetch, … }` (not `test: { … }` of a test runner's config).
 */
const HANDLERS = new RegExp(
  String.raw`(?:^|[\s{,*\[])["']?(?:${[...HANDLER_NAMES].join("|")})["']?\s*\]?\s*(?:<[^>]{0,200}>\s*)?(?:[(,}]|:(?!\s*[{\["'\`\d]))`,
  "m",
);
/** `export default …`, `export { x as default }` (with the name written as a string too). */
const DEFAULT_EXPORT = new RegExp(String.raw`\bexport${GAP}default\b|\bas\s+(?:default\b|["']default["'])`);
/**
 * Framework functions count only when exported, and only where an export can name them: after
 * `function`, `const`/`let`/`var`, `as`, or in a list (`export { handler as GET }`,
 * `export const GET = h, POST = h`).
 */
const EXPORTED = new RegExp(String.raw`(?:\bfunction\s*\*?\s*|\b(?:const|let|var)\s+|\bas\s+["']?|[{,]\s*)(?:${CONTEXT_WORDS.exported.join("|")})\b`);
const EXPORT = /\bexport\b/;
/**
 * A Durable Object of the older style: a constructor whose first parameter is untyped (a name, a
 * parameter property's, a pattern; `DurableObjectState` typed is a word of {@link ANYWHERE}), and a
 * state-like name or a handler method somewhere in the text. (The entry points ask more: two
 * parameters, an exported class, the name or the method in that class.)
 */
const LEGACY_DO = new RegExp(wordsOf([...LEGACY_DO_STATE_PARAMS, ...LEGACY_DO_HANDLERS]));
const UNTYPED_CONSTRUCTOR = new RegExp(String.raw`\bconstructor${GAP}\(${GAP}(?:(?:private|public|protected|readonly|override)\s+)*(?:[{\[]|[A-Za-z_$][\w$]*${GAP}[,)=])`);
/**
 * Listeners registered by an event's name, whose callback gets one invocation's state with no
 * source word in sight: a service worker's `addEventListener("scheduled", …)`, a Nitro plugin's
 * `nitroApp.hooks.hook("request", …)`.
 */
const EVENT_LISTENERS = /\baddEventListener\s*\(\s*["']scheduled["']|\.hooks\s*\.\s*hook\s*\(/;
/** A server action's directive: its arguments are a request's data. */
const USE_SERVER = /["']use server["']/;
/** A class's head, from `class` to its body's brace (group 1): what it extends is named there. */
const CLASS_HEAD = /\bclass\b([^{;]{0,300})\{/g;
const EXTENDS_NAME = /\bextends\s+([A-Za-z_$][\w$]*)/g;
/** A name the file declares as a class or a variable (group 1). */
const DECLARED_NAME = /\b(?:class|const|let|var)\s+([A-Za-z_$][\w$]*)/g;
/** What an import binds (group 1: the clause). A package's class counts too: a project's alias may look like one. */
const NAMED_IMPORT = /\bimport\s([^;]{0,500}?)\bfrom\s*["']/g;
const NAME = /[A-Za-z_$][\w$]*/g;
/** Module specifiers of imports and exports (`from "x"`, `import "x"`). */
const SPECIFIERS = /\b(?:from|import)\s*\(?\s*["'`]([^"'`\n]+)["'`]/g;

/**
 * What makes a source wherever it is, in one expression per settings object (one scan of the text
 * instead of one per kind): {@link ANYWHERE}'s words, the settings' own type names, a Workers base
 * class, a server action's directive and an event listener's registration.
 */
const anywhereWords = new WeakMap<Settings, RegExp>();

function wordsAnywhere(settings: Settings): RegExp {
  let re = anywhereWords.get(settings);
  if (!re) {
    const typeNames = wordsOf([...settings.envTypeNames, ...settings.bindingTypeNames]);
    re = new RegExp([ANYWHERE, BASE_CLASS, USE_SERVER, EVENT_LISTENERS].map((r) => r.source).concat(typeNames).join("|"));
    anywhereWords.set(settings, re);
  }
  return re;
}

function importsSourcePackage(text: string): boolean {
  SPECIFIERS.lastIndex = 0;
  for (let m = SPECIFIERS.exec(text); m; m = SPECIFIERS.exec(text)) {
    const source = m[1];
    if (isSourcePackage(source) || source.startsWith("itty-router")) return true;
  }
  return false;
}

/**
 * Whether the file's text may hold a source of env or request state (`may`: false only when the
 * entry points could find none, under any Worker config, `process.env` counted as a source), and
 * its source and env words with `process.env` counted (`words`). A word found absent there is
 * absent under any settings: the entry points need not search again, and a text with no env word
 * has sources that no Worker config can change.
 */
export function fileGate(text: string, settings: Settings): { may: boolean; words: TextWords } {
  // A test module (one importing a test runner), one of a Bun or Node server, or a script run from the shell (`#!`) is no Worker's code: the rules leave it (see `EntryPoints.mayHaveSources`).
  if (text.startsWith("#!") || TEST_IMPORT.test(text)) return { may: false, words: { source: false, env: false } };
  const words = textWords(text, SOURCE_WORDS_WITH_PROCESS);
  return { may: (words.source && (words.env || !isPageModule(text))) || mayWithoutWords(text, settings), words };
}

/** `"use client"` as the module's first statement. */
const USE_CLIENT = /^(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*\n)*["']use client["']/;

/**
 * A browser's module by its text (a UI package imported, or `"use client"`) that names no framework
 * global: its source words (`fetch()`, `new WebSocket()`) are the page's I/O, as the entry points
 * take them (`EntryPoints.isClientModule`), so only what {@link mayWithoutWords} looks for can be a source.
 */
function isPageModule(text: string): boolean {
  if (GLOBAL_CONTEXT_WORDS.test(text)) return false;
  if (USE_CLIENT.test(text)) return true;
  SPECIFIERS.lastIndex = 0;
  for (let m = SPECIFIERS.exec(text); m; m = SPECIFIERS.exec(text)) if (UI_PACKAGES.has(m[1])) return true;
  return false;
}

/** An import of a test runner (`from "vitest"`, `import "node:test"`), or of another runtime's adapter (`from "hono/bun"`). */
const TEST_IMPORT = new RegExp(String.raw`\b(?:from|import)\s*\(?\s*["'](?:${[...TEST_PACKAGES].map(escapeRegExp).join("|")}|${OTHER_RUNTIME_PATTERN})["']`);

function mayWithoutWords(text: string, settings: Settings): boolean {
  if (settings.envAccessors.length > 0) return true;
  // The parameter's pattern tries every bracket and comma of the text: most texts never name `request`.
  if (wordsAnywhere(settings).test(text) || (text.includes("request") && REQUEST_PARAM.test(text))) return true;
  if (DEFAULT_EXPORT.test(text) && HANDLERS.test(text)) return true;
  if (EXPORT.test(text) && EXPORTED.test(text)) return true;
  if (text.includes("constructor") && UNTYPED_CONSTRUCTOR.test(text) && LEGACY_DO.test(text)) return true;
  if (importsSourcePackage(text) || (text.includes("extends") && extendsOwnClass(text))) return true;
  return callsProjectImportAtLoad(text) || toolsBesideModuleState(text);
}

/**
 * A module of an AI app's tools (the AI SDK's `tool({ execute })`, an MCP server's handlers) beside
 * module state: the tools get one user's data. (Most modules that import those packages keep no
 * state of their own: they are not analysed for it.)
 */
function toolsBesideModuleState(text: string): boolean {
  if (!(text.includes('"ai"') || text.includes("'ai'") || text.includes("modelcontextprotocol") || text.includes("agents/mcp")) || !MODULE_STATE.test(text)) return false;
  SPECIFIERS.lastIndex = 0;
  for (let m = SPECIFIERS.exec(text); m; m = SPECIFIERS.exec(text)) if (TOOL_PACKAGES.test(m[1])) return true;
  return false;
}

/** Module state by its declaration: a module `let`/`var`, a module `Map`/`Set`/array/object, a `globalThis` member. */
const MODULE_STATE = /^(?:export\s+)?(?:let|var)\s|^(?:export\s+)?const\s+[\w$]+\s*(?::[^=\n]+)?=\s*(?:new\s+(?:Map|Set)\b|\[|\{)|\bglobalThis\s*[.[]/m;

/**
 * A module-level declaration given a call (`export const auth = betterAuth(authOptions())`), with
 * the lines it goes on over (indented, or closing a bracket: `DrizzleAdapter(\n  getDB(),\n)`).
 */
const DECLARED_BY_CALL = /\n(?:export\s+)?(?:const|let|var)\s+[^=\n]+=[^\n]*(?:\n[ \t)}\]][^\n]*)*/g;
/** The same on the text's first line. (Led by the newline, the one above is searched for it alone, not tried at every character as `^` with the `m` flag is.) */
const FIRST_DECLARED_BY_CALL = new RegExp(DECLARED_BY_CALL.source.slice(2), "y");
/** A value import (group 1: the clause, group 2: the specifier). */
const VALUE_IMPORT = /\bimport\s+(?!type\s)([^;]{0,500}?)\s+from\s*["']([^"'\n]+)["']/g;

/**
 * Whether a module-level declaration calls a name imported from a project module: that function
 * may read the live `env` it imports (`sessionOptions()` of `./options`), a source no word of this
 * text shows.
 */
function callsProjectImportAtLoad(text: string): boolean {
  // (The imports first: a text with no project import needs no look at its declarations.)
  const names = new Set<string>();
  for (const m of text.matchAll(VALUE_IMPORT)) if (LOCAL_LOOKING.test(m[2])) for (const name of m[1].match(NAME) ?? []) names.add(name);
  if (names.size === 0) return false;
  FIRST_DECLARED_BY_CALL.lastIndex = 0;
  const lines = [...(FIRST_DECLARED_BY_CALL.exec(text) ?? []), ...(text.match(DECLARED_BY_CALL) ?? [])];
  return lines.some((line) => Array.from(line.matchAll(CALLED), (m) => m[1]).some((name) => names.has(name)));
}
/** A name called (group 1), or the root of a member chain called (`data.getDb(`). */
const CALLED = /([A-Za-z_$][\w$]*)\s*(?:\.\s*[A-Za-z_$][\w$]*\s*)*\(/g;

/**
 * Whether a class extends a class the file declares or imports, which may be built on a Workers
 * base (`extends BaseAgent` of another module, `extends VoiceAgent` of `withVoice(Agent)`).
 */
function extendsOwnClass(text: string): boolean {
  const bases = new Set<string>();
  for (const head of text.matchAll(CLASS_HEAD)) for (const m of head[1].matchAll(EXTENDS_NAME)) bases.add(m[1]);
  if (bases.size === 0) return false;
  for (const m of text.matchAll(DECLARED_NAME)) if (bases.has(m[1])) return true;
  for (const m of text.matchAll(NAMED_IMPORT)) for (const name of m[1].match(NAME) ?? []) if (bases.has(name)) return true;
  return false;
}
