/**
 * Parsing another module of the project, for its summary.
 *
 * The fast path parses with oxc-parser (an ESTree AST with TypeScript nodes, at a fraction of
 * typescript-estree's cost) and runs typescript-eslint's scope manager on it, wrapped in a small
 * stand-in for ESLint's `SourceCode` that has what the engine reads. When oxc-parser cannot load
 * or reports an error, the module is parsed the way the linted file was: with the parser (and
 * parser options) from the rule's context, minus type-aware options (`project`,
 * `projectService`, `programs`), which are far slower and not needed here. Parsers that give a
 * scope manager are called directly; others go through ESLint's own `Linter` with a one-rule
 * probe, so that espree and typescript-eslint are handled alike on ESLint 8, 9 and 10. Only what
 * `visit` returns leaves this module: no AST is kept.
 */
import type { SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { extname } from "node:path";
import { blanked, readExports, SLICE_MIN_CHARS, SLICE_MIN_SHARE, wordsOf, type StaticExport } from "./reach";
import { textHash } from "./stamp";

/** How the linted file was parsed: language options for a flat config, and a key for caches. */
export interface ParserSpec {
  key: string;
  languageOptions: Record<string, unknown>;
}

interface LinterLike {
  verify(text: string, config: unknown, options: { filename: string }): { fatal?: boolean; message: string }[];
}
type LinterClass = new (options?: Record<string, unknown>) => LinterLike;

const TYPE_AWARE_OPTIONS = new Set(["project", "projectService", "programs", "EXPERIMENTAL_useProjectService", "EXPERIMENTAL_useSourceOfProjectReferenceRedirect"]);

let linterClass: LinterClass | null | undefined;

type SourceCodeClass = new (config: { text: string; ast: unknown; parserServices?: unknown; scopeManager: unknown; visitorKeys: unknown }) => SourceCode;
let sourceCodeClass: SourceCodeClass | null | undefined;

interface ParseResult {
  ast: { type: string } & Record<string, unknown>;
  scopeManager?: unknown;
  visitorKeys?: Record<string, readonly string[]>;
  services?: unknown;
}

/**
 * The fast path, for parsers that give a scope manager (typescript-eslint's): parse, link each
 * node to its parent, and wrap it in ESLint's `SourceCode`, without a lint run around it. Null to
 * take the `Linter` path instead (espree gives no scope manager), "failed" for a parse error.
 */
function parseDirectly(path: string, text: string, spec: ParserSpec): Readonly<SourceCode> | null | "failed" {
  const parser = spec.languageOptions.parser as { parseForESLint?: (text: string, options: object) => ParseResult } | undefined;
  if (typeof parser?.parseForESLint !== "function") return null;
  if (sourceCodeClass === undefined) {
    try {
      sourceCodeClass = (require("eslint") as { SourceCode: SourceCodeClass }).SourceCode;
    } catch {
      sourceCodeClass = null;
    }
  }
  if (!sourceCodeClass) return null;
  let result: ParseResult;
  try {
    result = parser.parseForESLint(text, {
      ...(spec.languageOptions.parserOptions as object),
      ecmaVersion: spec.languageOptions.ecmaVersion,
      sourceType: spec.languageOptions.sourceType,
      filePath: path,
      range: true,
      loc: true,
      tokens: true,
      comment: true,
    });
  } catch {
    return "failed";
  }
  if (!result.scopeManager || !result.visitorKeys) return null;
  linkParents(result.ast, result.visitorKeys);
  return new sourceCodeClass({ text, ast: result.ast, parserServices: result.services ?? {}, scopeManager: result.scopeManager, visitorKeys: result.visitorKeys });
}

interface StaticImport {
  moduleRequest: { value: string };
  entries: readonly { localName: { value: string }; importName: { kind: string; name: string | null }; isType: boolean }[];
}
interface FastResult {
  program: Record<string, unknown>;
  errors: readonly unknown[];
  module: { staticExports: readonly StaticExport[]; staticImports: readonly StaticImport[] };
}
interface FastParser {
  parseSync(filename: string, text: string, options: object): FastResult;
}
interface ScopeKit {
  analyze(ast: object, options: object): ScopeManagerLike;
  visitorKeys: Record<string, readonly string[]>;
}
interface ScopeManagerLike {
  scopes: { type: string; childScopes: unknown[] }[];
  acquire(node: object, inner?: boolean): { type: string; childScopes: unknown[] } | null;
}

let fastParser: FastParser | null | undefined;
let scopeKit: ScopeKit | null | undefined;

/** oxc-parser and the scope manager, or null when either cannot load (an unsupported platform). */
function fastTools(): { parser: FastParser; kit: ScopeKit } | null {
  if (fastParser === undefined) {
    try {
      fastParser = require("oxc-parser") as FastParser;
      const { analyze } = require("@typescript-eslint/scope-manager") as { analyze: ScopeKit["analyze"] };
      const { visitorKeys } = require("@typescript-eslint/visitor-keys") as { visitorKeys: ScopeKit["visitorKeys"] };
      scopeKit = { analyze, visitorKeys };
    } catch {
      fastParser = null;
      scopeKit = null;
    }
  }
  return fastParser && scopeKit ? { parser: fastParser, kit: scopeKit } : null;
}

/** What the engine reads of ESLint's `SourceCode`, for a module parsed on the fast path. */
class ModuleSource {
  constructor(
    readonly text: string,
    readonly ast: { type: string; range: [number, number] } & Record<string, unknown>,
    readonly scopeManager: ScopeManagerLike,
    readonly visitorKeys: Record<string, readonly string[]>,
  ) {}

  getText(node?: { range: [number, number] }): string {
    return node ? this.text.slice(node.range[0], node.range[1]) : this.text;
  }

  /** The innermost scope around a node, as ESLint's `getScope` finds it. */
  getScope(node: { type: string; parent?: unknown }): unknown {
    const inner = node.type !== "Program";
    for (let n: { type: string; parent?: unknown } | undefined = node; n; n = n.parent as typeof n) {
      const scope = this.scopeManager.acquire(n, inner);
      if (scope) return scope.type === "function-expression-name" ? scope.childScopes[0] : scope;
    }
    return this.scopeManager.scopes[0];
  }
}

/**
 * A module read by oxc-parser before it is analysed: what it imports and exports, and the text to
 * analyse (large modules without the exported functions no caller asked about, see {@link unasked}).
 * Nothing of it outlives the summary it is made for.
 */
export interface ModuleOutline {
  /** Names used by the code the keys asked about can run (all the module's, without keys); empty unless asked for. */
  words: ReadonlySet<string>;
  /**
   * Value imports: the names they bind, and the export each takes (`default` for a default import,
   * null for a namespace).
   */
  imports: { specifier: string; locals: string[]; imported: (string | null)[] }[];
  /** Names the module exports that it declares itself (`default` for its default export). */
  localExports: ReadonlySet<string>;
  /**
   * The text to analyse, the export keys of the functions left out of it, and its parse. A large
   * module's text without those functions is parsed only when asked for: an outline that answers
   * for the callables asked needs no tree.
   */
  source(): { text: string; dropped: string[]; parsed: FastResult };
}

const PARSE_OPTIONS = { range: true, preserveParens: false, astType: "ts" };

function sourceTypeOf(spec: ParserSpec): "script" | "module" {
  const lo = spec.languageOptions;
  return lo.sourceType === "script" || lo.sourceType === "commonjs" ? "script" : "module";
}

/** What oxc-parser read of a module's exports and imports: plain data, by parse options and path, with a hash of the text. */
type ModuleRecord = { hash: string } & ({ failed: true } | ReturnType<typeof moduleRecord>);
const records = new Map<string, ModuleRecord>();
/** Modules whose records are kept at most; past it, they are dropped and read again. */
const MAX_RECORDS = 10_000;

/** Drops the records (see `forgetModules`). */
export function forgetOutlines(): void {
  records.clear();
}

function moduleRecord(module: FastResult["module"]) {
  const { staticExports, staticImports } = module;
  const localExports = new Set<string>();
  for (const statement of staticExports) {
    for (const entry of statement.entries) {
      if (entry.moduleRequest || entry.isType) continue;
      const name = entry.exportName.kind === "Default" ? "default" : entry.exportName.name;
      if (name) localExports.add(name);
    }
  }
  const imports = staticImports.map((i) => {
    const entries = i.entries.filter((e) => !e.isType);
    const imported = entries.map((e) => (e.importName.kind === "Name" ? e.importName.name : e.importName.kind === "Default" ? "default" : null));
    return { specifier: i.moduleRequest.value, locals: entries.map((e) => e.localName.value), imported };
  });
  return { staticExports, localExports: localExports as ReadonlySet<string>, imports };
}

/**
 * Reads a module with oxc-parser for its summary (`withReach`: with the names the code asked about
 * uses). Null when oxc-parser cannot load or reports a syntax error (the linted file's parser then
 * decides).
 */
export function outlineModule(path: string, text: string, spec: ParserSpec, keep: ReadonlySet<string> | null, withReach = true): ModuleOutline | null {
  const tools = fastTools();
  if (!tools || isMinified(text)) return null;
  // The TS-ESTree shape for JavaScript too (the language still follows the extension): the scope
  // manager reads fields that only that shape has.
  const options = { ...PARSE_OPTIONS, sourceType: sourceTypeOf(spec) };
  // A module outlined before with the same text (another importer, other exports asked) is not
  // parsed again until its tree is needed.
  const key = `${options.sourceType}\u0000${path}`;
  const hash = textHash(text);
  let record = records.get(key);
  let parsed: FastResult | null = null;
  if (record?.hash !== hash) {
    try {
      parseStats.oxc++;
      parsed = tools.parser.parseSync(path, text, options);
    } catch {
      return null;
    }
    record = parsed.errors.length > 0 ? { hash, failed: true } : { hash, ...moduleRecord(parsed.module) };
    if (records.size >= MAX_RECORDS) records.clear();
    records.set(key, record);
  }
  if ("failed" in record) return null;
  const { staticExports, imports, localExports } = record;
  const large = text.length >= SLICE_MIN_CHARS;
  const { left, reach } =
    keep && (large || withReach) ? readExports(text, staticExports, keep, withReach) : { left: [], reach: withReach ? wordsOf(text) : new Set<string>() };
  const size = left.reduce((sum, c) => sum + c.end - c.start, 0);
  let wholeSource: ReturnType<ModuleOutline["source"]> | null = null;
  const reparse = () => {
    parseStats.oxc++;
    return tools.parser.parseSync(path, text, options);
  };
  const whole = () => (wholeSource ??= { text, dropped: [], parsed: parsed ?? reparse() });
  if (!(large && size >= text.length * SLICE_MIN_SHARE)) return { words: reach, imports, localExports, source: whole };
  let source: ReturnType<ModuleOutline["source"]> | null = null;
  const slice = () => {
    const sliced = blanked(text, left);
    try {
      parseStats.oxc++;
      const again = tools.parser.parseSync(path, sliced, options);
      if (again.errors.length === 0) return { text: sliced, dropped: left.map((c) => c.fn!), parsed: again };
    } catch {
      // The whole module, then.
    }
    return whole();
  };
  return { words: reach, imports, localExports, source: () => (source ??= slice()) };
}

/**
 * The fast path: oxc-parser (see {@link outlineModule}), then parent links and line/column
 * locations (which oxc does not give), then the scope manager. Null when the tools are missing or
 * the module has a syntax error oxc reports: the linted file's own parser then decides.
 */
function parseFast(outline: ModuleOutline, spec: ParserSpec): Readonly<SourceCode> | null {
  const tools = fastTools();
  if (!tools) return null;
  const options = (spec.languageOptions.parserOptions ?? {}) as Record<string, unknown>;
  const sourceType = sourceTypeOf(spec);
  try {
    const { text, parsed } = outline.source();
    const ast = parsed.program as ModuleSource["ast"];
    ast.sourceType = sourceType;
    linkParents(ast, tools.kit.visitorKeys, lineStarts(text));
    const features = (options.ecmaFeatures ?? {}) as Record<string, unknown>;
    const scopeManager = tools.kit.analyze(ast, {
      sourceType,
      globalReturn: features.globalReturn === true,
      jsxPragma: options.jsxPragma,
      jsxFragmentName: options.jsxFragmentName,
      lib: options.lib,
      childVisitorKeys: tools.kit.visitorKeys,
    });
    return new ModuleSource(text, ast, scopeManager, tools.kit.visitorKeys) as unknown as Readonly<SourceCode>;
  } catch {
    return null;
  }
}

/** Offsets where each line starts, for line/column locations. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 0x2028 || c === 0x2029) starts.push(i + 1);
  }
  return starts;
}

function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] };
}

/** Sets `parent` on every node, as ESLint's traversal would (the engine walks up through it). */
function linkParents(root: object, keys: Record<string, readonly string[]>, starts: readonly number[] | null = null): void {
  const stack: Record<string, unknown>[] = [root as Record<string, unknown>];
  while (stack.length) {
    const node = stack.pop()!;
    if (starts) {
      const range = node.range as [number, number];
      node.loc = { start: position(starts, range[0]), end: position(starts, range[1]) };
    }
    for (const key of keys[node.type as string] ?? []) {
      const child = node[key];
      const children = Array.isArray(child) ? child : [child];
      for (const c of children) {
        if (c && typeof c === "object" && typeof (c as { type?: unknown }).type === "string") {
          (c as { parent?: unknown }).parent = node;
          stack.push(c as Record<string, unknown>);
        }
      }
    }
  }
}

/** ESLint's `Linter`, from the ESLint that loaded the plugin; null when there is none (oxlint alone). */
function getLinterClass(): LinterClass | null {
  if (linterClass === undefined) {
    try {
      // eslint is a peer dependency: the copy the user's project runs.
      linterClass = (require("eslint") as { Linter: LinterClass }).Linter;
    } catch {
      linterClass = null;
    }
  }
  return linterClass;
}

const parserIds = new WeakMap<object, number>();
let nextParserId = 0;

function stableKey(parser: object | null, options: Record<string, unknown>): string {
  let id = "default";
  if (parser) {
    if (!parserIds.has(parser)) parserIds.set(parser, nextParserId++);
    id = `p${parserIds.get(parser)}`;
  }
  let text: string;
  try {
    text = JSON.stringify(options, (_k, v) => (typeof v === "function" ? "fn" : v));
  } catch {
    text = "?";
  }
  return `${id}:${text}`;
}

interface ContextLike {
  languageOptions?: object;
  parserPath?: string;
  parserOptions?: object;
}

function isParser(p: unknown): p is object {
  return !!p && typeof p === "object" && ("parse" in p || "parseForESLint" in p);
}

/**
 * The parser of the linted file, from a flat config's `languageOptions` or an `.eslintrc`'s
 * `parserPath`. When the runner gives neither (oxlint's JS plugins), modules are parsed by
 * oxc-parser alone; null only when that cannot load either: cross-module work is then off.
 */
export function parserSpecOf(context: ContextLike): ParserSpec | null {
  // Files linted under one config share its language options object: one spec (and key) for them.
  const shared = context.languageOptions;
  if (shared && typeof shared === "object") {
    if (!specs.has(shared)) specs.set(shared, readParserSpec(context));
    return specs.get(shared) ?? null;
  }
  return readParserSpec(context);
}

const specs = new WeakMap<object, ParserSpec | null>();

/** For runners that give no parser (oxlint's JS plugins): modules are parsed by oxc-parser alone. */
const OXC_ONLY: ParserSpec = { key: "oxc-only", languageOptions: { ecmaVersion: "latest", sourceType: "module", parserOptions: {} } };

function readParserSpec(context: ContextLike): ParserSpec | null {
  if (!getLinterClass()) return fastTools() ? OXC_ONLY : null;
  const lo = context.languageOptions as Record<string, unknown> | undefined;
  let parser: object | null = null;
  let parserOptions: Record<string, unknown> = {};
  let ecmaVersion: unknown = "latest";
  let sourceType: unknown = "module";
  if (lo && typeof lo === "object" && !(typeof context.parserPath === "string" && !isParser(lo.parser))) {
    const p = lo.parser;
    if (isParser(p)) parser = p;
    if (lo.parserOptions && typeof lo.parserOptions === "object") parserOptions = lo.parserOptions as Record<string, unknown>;
    if (lo.ecmaVersion !== undefined) ecmaVersion = lo.ecmaVersion;
    if (lo.sourceType !== undefined) sourceType = lo.sourceType;
  } else if (typeof context.parserPath === "string") {
    try {
      parser = require(context.parserPath) as object;
    } catch {
      return null;
    }
    if (context.parserOptions) parserOptions = context.parserOptions as Record<string, unknown>;
  } else {
    return fastTools() ? OXC_ONLY : null;
  }
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parserOptions)) if (!TYPE_AWARE_OPTIONS.has(k)) options[k] = v;
  const languageOptions: Record<string, unknown> = { ecmaVersion, sourceType, parserOptions: options };
  if (parser) languageOptions.parser = parser;
  return { key: stableKey(parser, { options, ecmaVersion, sourceType }), languageOptions };
}

/** Modules parsed on each path (and those analysed without some exports); read by tests and the benchmark. */
export const parseStats = { fast: 0, parser: 0, sliced: 0, oxc: 0 };

/**
 * Parses `text` (the module at `path`) and hands its SourceCode to `visit`; returns what `visit`
 * returns, or null when the module does not parse or the probe failed.
 */

/**
 * Whether a module's text is minified build output (a bundle's chunk committed beside the code):
 * lines of hundreds of characters on average. Such a module is not read for summaries (what it
 * keeps or returns is unknown): parsing and analysing a bundle of 100 KB took more than a second,
 * and nothing in it is code a finding could point the user to.
 */
export function isMinified(text: string): boolean {
  if (text.length < MINIFIED_MIN_LENGTH) return false;
  let lines = 1;
  for (let i = text.indexOf("\n"); i >= 0 && lines * MINIFIED_LINE_LENGTH <= text.length; i = text.indexOf("\n", i + 1)) lines++;
  return lines * MINIFIED_LINE_LENGTH <= text.length;
}
const MINIFIED_MIN_LENGTH = 20_000;
/** The average line length from which a text counts as minified (hand-written code averages 25–60). */
const MINIFIED_LINE_LENGTH = 250;

export function withParsedModule<T>(
  path: string,
  text: string,
  spec: ParserSpec,
  /** `dropped`: the export keys of functions left out of the module (see `keep`). */
  visit: (sourceCode: Readonly<SourceCode>, dropped: readonly string[]) => T,
  options: {
    /** Skip the fast path (tests compare the two). */
    parserOnly?: boolean;
    /** The export keys callers ask about: a large module may be analysed without other exported functions. */
    keep?: ReadonlySet<string> | null;
    /** The module as {@link outlineModule} read it already. */
    outline?: ModuleOutline | null;
  } = {},
): T | null {
  if (isMinified(text)) return null;
  const outline = options.parserOnly ? null : options.outline !== undefined ? options.outline : outlineModule(path, text, spec, options.keep ?? null);
  const fast = outline ? parseFast(outline, spec) : null;
  if (fast) parseStats.fast++;
  else parseStats.parser++;
  const dropped = fast ? outline!.source().dropped : [];
  if (dropped.length > 0) parseStats.sliced++;
  const direct = fast ?? parseDirectly(path, text, spec);
  if (direct === "failed") return null;
  if (direct) {
    try {
      return visit(direct, dropped);
    } catch (error) {
      if (process.env.CLOUDFLARE_WORKERS_LINT_STRICT) throw error;
      return null;
    }
  }
  const Linter = getLinterClass();
  if (!Linter) return null;
  let result: T | null = null;
  let failed = false;
  const probe = {
    meta: { type: "problem", schema: [] },
    create(context: { sourceCode?: Readonly<SourceCode>; getSourceCode?: () => Readonly<SourceCode> }) {
      return {
        "Program:exit"() {
          try {
            result = visit((context.sourceCode ?? context.getSourceCode!()) as Readonly<SourceCode>, []);
          } catch (error) {
            failed = true;
            if (process.env.CLOUDFLARE_WORKERS_LINT_STRICT) throw error;
          }
        },
      };
    },
  };
  // A relative name with the module's extension: the parser picks JSX and TypeScript by it, and a
  // flat config matches it wherever the module lives.
  const filename = `cf-workers-module${extname(path) || ".js"}`;
  const linter = new Linter({ configType: "flat" });
  try {
    const messages = linter.verify(
      text,
      [
        {
          files: [filename],
          languageOptions: spec.languageOptions,
          linterOptions: { noInlineConfig: true },
          plugins: { "cf-workers-module": { rules: { probe } } },
          rules: { "cf-workers-module/probe": "error" },
        },
      ],
      { filename },
    );
    if (messages.some((m) => m.fatal)) return null;
  } catch (error) {
    if (process.env.CLOUDFLARE_WORKERS_LINT_STRICT && !(error instanceof SyntaxError)) throw error;
    return null;
  }
  return failed ? null : result;
}
