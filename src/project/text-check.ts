/**
 * What a module's text says before it is parsed: whether it can keep a value handed to it, and
 * which modules it imports. The check may say yes for a module that keeps nothing, never no for one
 * that does; the places and writes it looks for are the engine's own tables (`builtins.ts`).
 */
import { ELEMENT_READERS, GLOBAL_OBJECTS, LISTENER_METHODS, MEMOIZERS, OBJECT_WRITERS, PATCHED_GLOBALS, STORING_METHODS } from "../engine/builtins";
import { LOCAL_LOOKING, escapeRegExp } from "../engine/sources";

/** An assignment operator (not `==`, `=>`). */
const ASSIGN = String.raw`(?:=(?![=>])|\?\?=|\|\|=|&&=|\+=|-=)`;
/** A call of a method that keeps its argument in its receiver (`.set(`, `.push(`, `.on(`, …). */
const KEEPING_CALL = String.raw`\.\s*(?:${[...STORING_METHODS.keys(), ...LISTENER_METHODS].join("|")})\s*\(`;
/** `Object.assign`, `Reflect.set`, …: the calls that write onto their first argument as a store. */
const OBJECT_WRITER_CALLS = [...OBJECT_WRITERS].flatMap(([object, methods]) =>
  [...methods].filter(([, written]) => written !== null).map(([method]) => `${object}\\.${method}`),
);
/** A member chain: `.a.b`, `?.a`, `["k"]`. */
const CHAIN = String.raw`(?:\s*\??\.\s*[\w$#]+|\s*\[[^\]\n]*\])*`;

/** An import of a memoizing package: a function it wraps keeps what it builds. */
const MEMOIZER_IMPORT = new RegExp(String.raw`\bfrom\s*["'](?:${[...MEMOIZERS.keys()].map((m) => m.replace(/[.]/g, "\\.")).join("|")})["']`);

/**
 * Module-level `let`/`var`: a place any function of the module may write, at a line's start or after
 * a statement on the same line (`import x from "y"; let db;`, a bundle's `}var t="";`). Group 1: the
 * rest of the line.
 */
const MODULE_LET = /(?:^|[;}][ \t]*)(?:export\s+)?(?:let|var)\s+(.*)$/gm;
/**
 * A static member, on its own line or after a class's `{`, a member's `;` or a decorator on the same
 * line. Groups: `readonly`, the method's kind (`async`, `get`, `set`, `*`), its name (`{` for a
 * static block), and the first character after the name.
 */
const STATIC_MEMBER = /(?:^\s+|[{;][ \t]*|\)[ \t]+|@[\w$.]+[ \t]+)(?:(?:public|private|protected|declare|override|accessor)\s+)*static\s+(readonly\s+)?((?:async|get|set)\s+|\*\s*)?([\w$#]+|\{)?\s*(\S)?/gm;
/** A value of plain data on one line: a string without escapes, a number or sum of numbers, `true`, `false`, `null`. */
const PLAIN_DATA = String.raw`(?:"[^"\\\n]*"|'[^'\\\n]*'|-?\d[\w.]*(?:\s*[-+*/]\s*\d[\w.]*)*|true|false|null)`;
/** One name declared with an optional type and an initialiser of plain data: `warned = false;`, `count: number = 0`, `ready;`. */
const PLAIN_LET = new RegExp(String.raw`^([\w$]+)\s*(?::[^=;,]*)?(?:=\s*${PLAIN_DATA})?\s*;?\s*$`);
/** An assignment operator and the spaces around it, at the start of a text. */
const ASSIGN_START = new RegExp(String.raw`^\s*${ASSIGN}\s*`);
/** Plain data (or `undefined`) as a whole expression: what follows it ends the expression. */
const PLAIN_VALUE = new RegExp(String.raw`^(?:${PLAIN_DATA}|undefined)\s*(?:[;,)}\]]|$)`);
/** The head of a `for` loop, up to where its variable goes (`for (x of …)` writes `x`). */
const LOOP_HEAD = /\bfor\s*\(\s*$/;
/**
 * What follows a name in a destructuring assignment (`[a, b] = …`, `({ a } = …)`), or may: the
 * first `=` or `;` after it is an assignment right after a closing bracket.
 */
const IN_PATTERN = /^[^=;]*?[\]}]\s*=(?![=>])/;
/** What follows a readonly static field of plain data: `= "x";`. */
const PRIMITIVE_INIT = new RegExp(String.raw`^\s*=\s*${PLAIN_DATA}\s*;?\s*$`);
const GLOBAL_NAME = new RegExp(String.raw`\b(?:${[...GLOBAL_OBJECTS, ...PATCHED_GLOBALS].join("|")})\b`, "g");
const MEMBER_CHAIN = new RegExp(`^${CHAIN}`);
/** The rest of a parenthesised cast of a plain type, to its closing parenthesis: ` as any)`. */
const PAREN_CAST = /^\s*(?:as|satisfies)\s+[^()\n;]*?\)/;
/** A write right after a member chain: an assignment, `++`, `--`. */
const WRITE_AFTER = new RegExp(String.raw`^\s*(?:${ASSIGN}|\+\+|--)`);
/** A write anywhere in a piece of code: an assignment (not a comparison), `++`, `--`, a keeping call. */
const WRITE_IN = new RegExp(String.raw`(?<![=!<>])${ASSIGN}|\+\+|--|${KEEPING_CALL}`);
/**
 * A declared name's optional type annotation and its `=`, up to the initialiser: the annotation may
 * hold function types (`: (() => string)[]`), whose `=>` is no initialiser.
 */
export const ANNOTATED_INIT = String.raw`\s*(?::(?:=>|[^=\n])+)?=(?!>)\s*`;
/** A module-level constant holding an object, array, instance (group 3: its class) or call result. */
const MODULE_CONSTANT = new RegExp(String.raw`^(?:export\s+)?const\s+([\w$]+)${ANNOTATED_INIT}(new\b\s*([\w$.]+)?|\[|\{|[\w$.]+\()`, "gm");
const CLASS_NAME = /\bclass\s+([\w$]+)/g;
/** A call of a method that keeps its argument in a collection (`.set(`, `.push(`, …). */
const STORING_CALL = String.raw`\.\s*(?:${[...STORING_METHODS.keys()].join("|")})\s*\(`;
/** The same, or a listener added (`.once(`, `.addEventListener(`), but not `.on(`: drizzle's `unique().on(t.id)`. */
const KEEPING_CALL_NOT_ON = String.raw`\.\s*(?:${[...STORING_METHODS.keys(), ...[...LISTENER_METHODS].filter((m) => m !== "on")].join("|")})\s*\(`;
/**
 * A write into what a plain function call returns (`getStore().key = …`, `getCache(k).set(…)`,
 * `getBus().once(…)`): the function may return module state, of this module or another. Not a
 * method's result, a `new` object, a capitalised factory's (`Array(n).fill(0)`), nor a listener
 * added on what a call with arguments builds, or by `.on(` (drizzle's `index("by_oid").on(t.oid)`,
 * `unique().on(t.id)`).
 */
function callResultWrite(text: string): boolean {
  // Found from the write after the call's closing parenthesis (far rarer than words), then checked
  // backwards: arguments on one line without parentheses, after a plain lower-case name.
  AFTER_CALL_WRITE.lastIndex = 0;
  for (let m = AFTER_CALL_WRITE.exec(text); m; m = AFTER_CALL_WRITE.exec(text)) {
    const close = m[0].startsWith("()") ? m.index + 1 : m.index;
    const open = text.lastIndexOf("(", close - 1);
    if (open < 0 || /[()\n]/.test(text.slice(open + 1, close))) continue;
    const callee = CALLEE_BEFORE.exec(text.slice(Math.max(0, open - 80), open));
    if (callee && !callee[1] && /^[a-z_$]/.test(callee[2])) return true;
  }
  return false;
}
/** After a call's closing parenthesis: a member written, or a storing method called; after `()`, a listener added too. */
const AFTER_CALL_WRITE = new RegExp(
  String.raw`\)${CHAIN}(?:\s*(?:\.[\w$#]+|\[[^\]\n]*\])\s*${ASSIGN}|${STORING_CALL})|\(\)${CHAIN}${KEEPING_CALL_NOT_ON}`,
  "g",
);
/** The name a call's parenthesis follows, and whether it is a method's or a `new`'s (group 1). */
const CALLEE_BEFORE = /(\.\s*|\bnew\s+)?\b([\w$]+)\s*$/;
/** `this.x = …` (a class writing its instance, or its static side). */
const THIS_WRITE = new RegExp(String.raw`\bthis\s*(?:\.[\w$#]+|\[[^\]]*\])\s*${ASSIGN}`);
/**
 * The end of a write into an object: a member assigned (`.b = …`, `[k] ??= …`) or a keeping method
 * called (`.push(…)`); {@link chainRoot} finds the object's root name before it.
 */
const MEMBER_WRITE = new RegExp(String.raw`(?:\.[\w$#]+|\[[^\]\n]*\])\s*${ASSIGN}|${KEEPING_CALL}`, "g");
/** `Object.assign(root, …)` and the other writers, with the root name. */
const WRITER_CALL = new RegExp(String.raw`\b(?:${OBJECT_WRITER_CALLS.join("|")})\s*\(\s*([\w$]+)`, "g");
const SPACE = /\s/;
/** A local given an element of a collection: `const inner = tenants.get(t)!` (group 1: the local, 2: the collection). */
const ELEMENT_ALIAS = new RegExp(String.raw`\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=\n]+)?=\s*([\w$]+)\s*\??\.\s*(?:${[...ELEMENT_READERS].join("|")})\s*\(`, "g");
/** An element reader's name and the dot before it, right before its call's parenthesis (`.get`, `?.at`). */
const ELEMENT_READ_BEFORE = new RegExp(String.raw`\??\.\s*(?:${[...ELEMENT_READERS].join("|")})\s*$`);
const NAME_CHAR = /[\w$#]/;

/**
 * The root name of the member chain that ends at `end` (`root` of `root.a[k]?.b`, across spaces and
 * lines), or its first name when something else comes before it (`a` of `f().a.b`); null when no
 * name does.
 */
function chainRoot(text: string, end: number): string | null {
  let root: string | null = null;
  let at = end;
  for (let steps = 0; steps < 64; steps++) {
    let j = at;
    while (j > 0 && SPACE.test(text[j - 1])) j--;
    // `m.get(k)!.add(v)`, `m.get(k)?.set(…)`: an element read out of a collection, written into.
    while (text[j - 1] === "!" || text[j - 1] === "?") j--;
    if (text[j - 1] === ")") {
      const open = text.lastIndexOf("(", j - 2);
      const reader = open < 0 || /[()\n]/.test(text.slice(open + 1, j - 1)) ? null : ELEMENT_READ_BEFORE.exec(text.slice(Math.max(0, open - 40), open));
      if (!reader) return root;
      at = open - reader[0].length;
      continue;
    }
    if (text[j - 1] === "]") {
      const open = text.lastIndexOf("[", j - 2);
      if (open < 0 || /[\]\n]/.test(text.slice(open + 1, j - 1))) return root;
      at = open;
      continue;
    }
    let k = j;
    while (k > 0 && NAME_CHAR.test(text[k - 1])) k--;
    if (k === j) return root;
    root = text.slice(k, j);
    let d = k;
    while (d > 0 && SPACE.test(text[d - 1])) d--;
    if (text[d - 1] !== ".") return root;
    at = text[d - 2] === "?" ? d - 2 : d - 1;
  }
  return root;
}

/** The root names of the objects a text writes into: `root.a.b = …`, `root[k] ??= …`, `root.items.push(…)`, `Object.assign(root, …)`. */
function writtenRoots(text: string): Set<string> {
  // Found from the writes (far rarer than the words a pattern from the root would try), then the
  // chain read backwards.
  const roots = new Set<string>();
  for (const m of text.matchAll(MEMBER_WRITE)) {
    const root = chainRoot(text, m.index);
    if (root !== null && !root.startsWith("#")) roots.add(root);
  }
  for (const m of text.matchAll(WRITER_CALL)) roots.add(m[1]);
  return roots;
}
/** A template literal without nested backticks (most are); its text is not code. */
const TEMPLATE_LITERAL = /`(?:\\[\s\S]|[^`\\])*`/g;
/**
 * A comment to the end of the line (`// …` at the start or after a space: not `https://` in a
 * string), or a line of a block comment (`/*`, ` * …`). The alternatives are written out, without
 * a group of `^` or a space first: the same matches, in about two thirds of the time.
 */
const COMMENT_LINE = /[ \t]\/\/.*|^\/\/.*|^[ \t]*(?:\/\*|\*(?=[ \t/]|$)).*/gm;
/**
 * Imports and re-exports of values (not `import type`): the keyword (group 1), what they name
 * (group 2) and their specifier (group 3).
 */
const IMPORT_FROM = /^(import|export)\s+(?!type\b)([^;]*?)\bfrom\s*["']([^"']+)["']/gm;
/** An import or re-export that names only members in braces: `{ a, type B, c as d }`. */
const NAMED_ONLY = /^\s*\{([^{}]*)\}\s*$/;
/** A name that cannot hold a value handed to it: a type, an interface. */
const TYPE_EXPORT = /^export\s+(?:declare\s+)?(?:interface|type)\s+([\w$]+)/gm;
/** A constant of plain data on one line: `export const LIMIT = 10 * 60 * 1000;`, `= "x"`, `= true`. */
const PRIMITIVE_EXPORT = new RegExp(String.raw`^export\s+const\s+([\w$]+)\s*(?::\s*[\w$.<>[\]| ]+)?=\s*${PLAIN_DATA}\s*(?:as\s+const\s*)?;?[ \t]*$`, "gm");

/** The text from `from` to the end of its line. */
function restOfLine(text: string, from: number): string {
  const end = text.indexOf("\n", from);
  return text.slice(from, end < 0 ? undefined : end);
}

/**
 * Whether the module-level `let`/`var` declarations can hold a value handed to the module: not
 * when each declares one name with plain data (or nothing), and every write of those names sets
 * plain data (`warned = true`, `count++`, `retries += 1`). Names reused by locals count as theirs
 * (a local's writes can only make the answer yes).
 */
function letsMayKeep(text: string): boolean {
  const names: string[] = [];
  for (const m of text.matchAll(MODULE_LET)) {
    const plain = PLAIN_LET.exec(m[1]);
    if (!plain) return true;
    names.push(plain[1]);
  }
  if (names.length === 0) return false;
  // Each use of the names that is not a member (`x.warned`): a loop's variable, a name in a
  // destructuring pattern, or an assignment of anything but plain data may keep a value.
  const uses = new RegExp(String.raw`(?<![\w$#.])(?:${names.map(escapeRegExp).join("|")})(?![\w$])`, "g");
  for (const m of text.matchAll(uses)) {
    if (LOOP_HEAD.test(text.slice(Math.max(0, m.index - 16), m.index))) return true;
    const end = m.index + m[0].length;
    if (IN_PATTERN.test(text.slice(end, end + 1000))) return true;
    const after = restOfLine(text, end);
    const assign = ASSIGN_START.exec(after);
    if (assign && !PLAIN_VALUE.test(after.slice(assign[0].length))) return true;
  }
  return false;
}

/**
 * Whether a static member can hold a value: any static field but a `readonly` one set to a literal,
 * and a method, accessor or block when the module writes through `this` somewhere.
 */
function staticMayKeep(text: string, writesThis: boolean): boolean {
  // The pattern tries every line's indentation: most modules never say `static`.
  if (!text.includes("static")) return false;
  for (const m of text.matchAll(STATIC_MEMBER)) {
    const [all, readonly, kind, name, next] = m;
    if (kind || name === "{" || next === "(" || next === "<") {
      if (writesThis) return true;
    } else if (!(readonly && next === "=" && PRIMITIVE_INIT.test(restOfLine(text, m.index + all.length - 1)))) {
      return true;
    }
  }
  return false;
}

/**
 * Whether the global object may be written or handed on: a member chain off it that is assigned,
 * or that ends in a keeping method (`globalThis.cache.set(…)`), a call whose line goes on to write
 * (`globalThis.store.get(k).push(v)`), a chain going on on the next line, or the global object used
 * as a value (`const g = globalThis`, `(window as any).x = …`). Reads (`globalThis.fetch(…)`,
 * `typeof window`, `window.location.href`) are not writes.
 */
function globalMayKeep(text: string): boolean {
  for (const m of text.matchAll(GLOBAL_NAME)) {
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    // A member of something else (`x.window`), or a type query or test (`typeof globalThis.fetch`).
    if (/\.\s*$|typeof\s+$/.test(before)) continue;
    let rest = text.slice(m.index + m[0].length, m.index + m[0].length + 400);
    // `(globalThis as any).x`: what follows the cast's parenthesis is what the object is used for.
    const cast = /\(\s*$/.test(before) ? PAREN_CAST.exec(rest) : null;
    if (cast) rest = rest.slice(cast[0].length);
    const chain = MEMBER_CHAIN.exec(rest)![0];
    // A patched global keeps only what is written onto it (`console.log = …`), not what it is handed.
    if (PATCHED_GLOBALS.has(m[0])) {
      if (chain.length > 0 && WRITE_AFTER.test(rest.slice(chain.length))) return true;
      continue;
    }
    if (chain.length === 0) {
      // The object itself (`= globalThis;`, `(window as any)`, `f(globalThis, …)`), not a word in
      // prose or a key (`"global"`, `{ self: 1 }`).
      if (/^[ \t]*(?:[),;}\]!?|&\n]|as\b|satisfies\b|$)/.test(rest) && !/["'`]$/.test(before)) return true;
      continue;
    }
    const after = rest.slice(chain.length);
    if (WRITE_AFTER.test(after) || /^\s*\n\s*(?:\??\.|\[)/.test(after)) return true;
    if (/^\s*\(/.test(after)) {
      // A method called on it: a keeping one (`globalThis.cache.set(…)`), or whatever the line
      // does after the call (`globalThis.store.get(k).push(v)`).
      const method = /\.\s*[\w$#]+\s*$/.exec(chain)?.[0] ?? "";
      if (WRITE_IN.test(method + restOfLine(after, 0))) return true;
    }
  }
  return false;
}

/**
 * Whether a module's own text can keep a value: module-level `let`/`var`, a static field (or a
 * static method where the module writes `this`), a write onto the global object, a module-level
 * constant that some code writes into (a member assignment, a keeping method, `Object.assign`), or
 * a module instance of its own class (or the default export object) whose code writes `this.x`.
 * Comments and template literals are left out.
 */
/**
 * A module's text without what is not code to these checks: template literals (they often hold
 * whole HTML pages with scripts, `var x` and `let y` at column 0) and comments.
 */
function codeText(source: string): string {
  return source.replace(TEMPLATE_LITERAL, "``").replace(COMMENT_LINE, "");
}

/** `inProject`: whether a package specifier names a workspace package of the project (a path always does). */
export function textMayKeep(source: string, seen?: { writesThis: boolean; madeInstance: boolean }, inProject?: (specifier: string) => boolean): boolean {
  const text = codeText(source);
  if (letsMayKeep(text) || MEMOIZER_IMPORT.test(text) || callResultWrite(text)) return true;
  // Roots written into: `root.a[k] = …`, `root.items.push(…)`, `Object.assign(root, …)`, and an
  // element read into a local first (`const admins = groups.get("admins")!; admins.push(v)`).
  const written = writtenRoots(text);
  if (written.size > 0) for (const m of text.matchAll(ELEMENT_ALIAS)) if (written.has(m[1])) written.add(m[2]);
  // Into an object or collection another module of the project exports (`import { cache } from
  // "./store"; cache.set(k, v)`): that module's scope keeps it.
  if (written.size > 0 && writesProjectImport(text, written, inProject)) return true;
  // The instance written: `this.x = …`, and into what it holds (`this.items.push(…)`,
  // `Object.assign(this.values, …)`, `this.cache[k] = …`).
  const writesThis = THIS_WRITE.test(text) || written.has("this");
  if (seen) seen.writesThis = writesThis;
  if (staticMayKeep(text, writesThis) || globalMayKeep(text)) return true;
  // The default export object, or an instance made there (`export default new Service()`); a
  // module object literal whose methods write `this` (`export const cfg = { set(v) { this.v = v } }`).
  if (writesThis && /^export\s+default\s+(?:\{|new\b)/m.test(text)) return true;
  if (writesThis && objectLiteralWritesThis(text)) return true;
  const constants = new Set<string>();
  const instancesOf = new Set<string>();
  let exportsInstance = false;
  for (const m of text.matchAll(MODULE_CONSTANT)) {
    // A WeakSet gives no member back: what it is handed stays with whoever holds that member.
    if (m[3] === "WeakSet") continue;
    constants.add(m[1]);
    if (m[3]) instancesOf.add(m[3]);
    exportsInstance ||= !!m[3] && m[0].startsWith("export");
  }
  // An exported instance (`export const db = new Database()`): its class may be another module's.
  if (seen) seen.madeInstance = exportsInstance;
  if (factoryMayKeep(text, written)) return true;
  if (constants.size === 0) return false;
  // A module instance of one of the module's own classes, whose code writes `this`. (An imported
  // class writes in its own module, which the imports' check looks at.)
  if (writesThis && instancesOf.size > 0) for (const m of text.matchAll(CLASS_NAME)) if (instancesOf.has(m[1])) return true;
  // One pass over the text for writes into some object: is its root one of the constants?
  for (const root of written) if (constants.has(root)) return true;
  return false;
}

/** A module-level constant given what a function expression called at once returns: `const getDb = (() => {`. */
const MODULE_IIFE = new RegExp(String.raw`^(?:export\s+)?const\s+[\w$]+${ANNOTATED_INIT}\(\s*(?:async\s+)?(?:function\b|\([^()]*\)\s*(?::[^=]*)?=>|[\w$]+\s*=>)`, "m");
/** A module-level function: `function name(`, `const name = (…) =>`, `const name = async …`, `const name = function`. */
const MODULE_FUNCTION = new RegExp(String.raw`^(?:export\s+)?(?:(?:async\s+)?function\s*\*?\s*([\w$]+)|const\s+([\w$]+)${ANNOTATED_INIT}(?:async\b|\(|function\b))`, "gm");
/** A bare name written, not declared: `current = v;`, `(db ??= make())` (also a default value: the check may say yes). */
const BARE_NAME_WRITE = /(?<!(?:\b(?:const|let|var)\s+|[.#]\s*))\b[\w$]+\s*(?:=(?![=>])|\?\?=|\|\|=)/;

/**
 * Whether a module constant is made by a factory of the module (`export const cache =
 * createCache()`, a function it declares, or a function expression called at once) whose closures
 * may write the factory's own variables: the text writes into some object or assigns a bare name
 * in a function body.
 */
function factoryMayKeep(text: string, written: ReadonlySet<string>): boolean {
  const writes = () => written.size > 0 || BARE_NAME_WRITE.test(text);
  if (MODULE_IIFE.test(text)) return writes();
  let declared: Set<string> | null = null;
  for (const m of text.matchAll(MADE_CONSTANT)) {
    if (m[0].includes("new ")) continue;
    // The module's top-level functions, read once: is the callee one of them?
    declared ??= new Set([...text.matchAll(MODULE_FUNCTION)].map((d) => d[1] ?? d[2]));
    if (declared.has(m[2])) return writes();
  }
  return false;
}

/** A module-level object literal: `export const cfg = {`, `const cache: Cache = {`. */
const MODULE_OBJECT_LITERAL = /^(?:export\s+)?(?:const|let|var)\s+[\w$]+\s*(?::[^=\n]+)?=\s*\{/gm;
/** An object literal is looked into this far at most. */
const MAX_LITERAL = 20_000;

/**
 * Whether a module-level object literal's own text writes `this` (`setKey(v) { this.key = v; }`,
 * `set(k, v) { this.store.set(k, v); }`): the literal runs from its `{` to the brace that closes it,
 * strings skipped (template literals are already empty here).
 */
function objectLiteralWritesThis(text: string): boolean {
  MODULE_OBJECT_LITERAL.lastIndex = 0;
  for (let m = MODULE_OBJECT_LITERAL.exec(text); m; m = MODULE_OBJECT_LITERAL.exec(text)) {
    const start = m.index + m[0].length - 1;
    let depth = 0;
    let end = -1;
    for (let i = start; i < text.length && i < start + MAX_LITERAL; i++) {
      const c = text[i];
      if (c === '"' || c === "'") {
        // A string, to its closing quote on the same line.
        while (++i < text.length && text[i] !== c && text[i] !== "\n") if (text[i] === "\\") i++;
      } else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) {
        end = i;
        break;
      }
    }
    // An unclosed literal (or one past the limit) may write `this` anywhere after it.
    const body = text.slice(start, end < 0 ? start + MAX_LITERAL : end);
    if (THIS_WRITE.test(body) || writtenRoots(body).has("this")) return true;
  }
  return false;
}

/** A module-level declaration's name: `const store = …`, `let db`, `class Registry` (group 1 or 2). */
const MODULE_NAME = /^(?:export\s+)?(?:(?:const|let|var)\s+([\w$]+)|class\s+([\w$]+))/gm;
/** The first name of what a `return` or an arrow's body gives: `return store;`, `=> (cache as X)`. */
const RETURNED_NAME = /(?:\breturn\s+|=>\s*)\(?\s*([\w$]+)/g;

/**
 * Whether a module's functions may return its own state, or the global object's: it forwards
 * exports, or some `return` or arrow body starts with a name it declares at the top level
 * (`return store;`, `=> cache`, `return registry.current`) or a global object. Comments and template
 * literals are not read. A module that cannot is not parsed to learn what its functions return.
 */
export function mayReturnModuleState(source: string): boolean {
  const text = codeText(source);
  // A value re-export (`export { x } from`, `export * from`): what it forwards is read from the tree.
  for (const m of text.matchAll(IMPORT_FROM)) if (m[1] === "export") return true;
  const names = new Set<string>(GLOBAL_OBJECTS);
  for (const m of text.matchAll(MODULE_NAME)) names.add(m[1] ?? m[2]);
  for (const m of text.matchAll(RETURNED_NAME)) if (names.has(m[1])) return true;
  return false;
}

/** A value import or re-export: its specifier, and the names it takes (null: a default, a namespace, `export *`). */
export interface ImportFacts {
  specifier: string;
  names: string[] | null;
  /** A re-export (`export … from`): the module forwards the other module's exports, runs none of their code. */
  forward?: true;
}

/**
 * Whether a root the module writes into is a value it imports from the project's own files: by a
 * path (`./cache`), or a workspace package of the project `inProject` finds (`@repo/utils/cache`).
 */
function writesProjectImport(text: string, written: ReadonlySet<string>, inProject?: (specifier: string) => boolean): boolean {
  for (const [local, specifier] of importBindings(text)) if (written.has(local) && (LOCAL_LOOKING.test(specifier) || !!inProject?.(specifier))) return true;
  return false;
}

/**
 * What each name a module's value imports binds comes from (`import Client, { make as build } from
 * "./x"`, `import * as ns from "./y"`): local name → specifier.
 */
function importBindings(text: string): Map<string, string> {
  const bound = new Map<string, string>();
  for (const [, keyword, clause, specifier] of text.matchAll(IMPORT_FROM)) {
    if (keyword !== "import") continue;
    const braces = /\{([^{}]*)\}/.exec(clause);
    for (const { local } of braces ? braceMembers(braces[1]) : []) bound.set(local, specifier);
    const head = /^\s*(?:\*\s*as\s+)?([\w$]+)\s*(?:,|$)/.exec(clause);
    if (head) bound.set(head[1], specifier);
  }
  return bound;
}

/**
 * The value members of an import's or re-export's braces (`a, type B, c as d`): the name taken, and
 * the name bound; with `types`, its type members too (`B`).
 */
export function braceMembers(inner: string, types = false): { name: string; local: string }[] {
  const out: { name: string; local: string }[] = [];
  for (const part of inner.split(",")) {
    let member = part.trim();
    if (/^type\s/.test(member)) {
      if (!types) continue;
      member = member.replace(/^type\s+/, "");
    }
    if (member === "") continue;
    const [name, local = name] = member.split(/\s+as\s+/);
    out.push({ name, local: local.trim() });
  }
  return out;
}

/** The value imports and re-exports of a module's text. */
export function importsOf(text: string): ImportFacts[] {
  return [...text.matchAll(IMPORT_FROM)].map((m) => {
    const clause = NAMED_ONLY.exec(m[2]);
    const names = clause ? braceMembers(clause[1]).map((member) => member.name) : null;
    return m[1] === "export" ? { specifier: m[3], names, forward: true } : { specifier: m[3], names };
  });
}

/**
 * The names a module exports that cannot keep anything an importer hands them, nor be called: its
 * types and interfaces, and constants of plain data written on one line.
 */
export function plainExports(text: string): string[] {
  return [...text.matchAll(TYPE_EXPORT), ...text.matchAll(PRIMITIVE_EXPORT)].map((m) => m[1]);
}

/** Whether the module's default export is written as an object literal (`export default { fetch… }`). */
export function defaultIsObject(text: string): boolean {
  return /^export\s+default\s+\{/m.test(text);
}

/** `export default app;` (group 1). */
const DEFAULT_NAME = /^export\s+default\s+([\w$]+)\s*;?\s*$/m;
/** A module-level constant made by a call or `new` of a plain name: its name (group 1) and the callee (group 2). */
/** An exported function's head, up to its body: `export function make(…) {`, `export const make = (…) =>` (group 1 or 2, its name). */
const EXPORTED_FACTORY = /^export\s+(?:async\s+)?function\s*([\w$]+)\s*(?:<[^>{]{0,200}>)?\([^)]{0,300}\)[^{;]{0,200}\{|^export\s+const\s+([\w$]+)\s*(?::[^=\n]{0,200})?=\s*(?:async\s+)?(?:<[^>{]{0,200}>)?\([^)]{0,300}\)[^=;{]{0,200}=>/gm;
const MADE_CONSTANT = new RegExp(String.raw`^(?:export\s+)?const\s+([\w$]+)${ANNOTATED_INIT}(?:new\s+)?([\w$]+)\s*[(<]`, "gm");

/**
 * The exports (`default` for the default export) whose value a function or class imported from
 * another module made (`const app = new Hono(); export default app`), with that import's
 * specifier: their methods are that module's code, not this one's.
 */
export function madeExports(text: string): { name: string; specifier: string }[] {
  const made = new Map<string, string>();
  for (const m of text.matchAll(MADE_CONSTANT)) made.set(m[1], m[2]);
  const factories = text.includes("new") ? [...text.matchAll(EXPORTED_FACTORY)] : [];
  if (made.size === 0 && factories.length === 0) return [];
  const importedFrom = importBindings(text);
  const out: { name: string; specifier: string }[] = [];
  // A factory's call (`makeApp()`, keyed `makeApp()`): the instance of an imported class its own text makes and returns.
  for (const m of factories) {
    const name = m[1] ?? m[2];
    const end = text.indexOf("\n}", m.index);
    const own = text.slice(m.index + m[0].length, end < 0 ? undefined : end);
    const instance = /\bnew\s+([\w$]+)\s*[(<]/.exec(own);
    const specifier = instance ? importedFrom.get(instance[1]) : undefined;
    if (specifier && (/\breturn\b/.test(own) || /^\s*new\b/.test(own))) out.push({ name: `${name}()`, specifier });
  }
  const defaultName = DEFAULT_NAME.exec(text)?.[1];
  for (const [name, callee] of made) {
    const specifier = importedFrom.get(callee);
    if (!specifier) continue;
    if (new RegExp(String.raw`^export\s+const\s+${escapeRegExp(name)}\b`, "m").test(text)) out.push({ name, specifier });
    if (name === defaultName) out.push({ name: "default", specifier });
  }
  return out;
}
