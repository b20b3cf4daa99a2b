/**
 * Parsing another module of the project the way the linted file was parsed: with the parser
 * (and parser options) from the rule's context, minus type-aware options (`project`,
 * `projectService`, `programs`), which are far slower and not needed here.
 *
 * The module goes through ESLint's own `Linter` with a one-rule probe, so that parsers that give
 * only an AST (espree) and those that give a scope manager (typescript-eslint) are handled alike,
 * on ESLint 8, 9 and 10. Only what the probe returns leaves this function: no AST is kept.
 */
import type { SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { extname } from "node:path";

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

/** Sets `parent` on every node, as ESLint's traversal would (the engine walks up through it). */
function linkParents(root: object, keys: Record<string, readonly string[]>): void {
  const stack: Record<string, unknown>[] = [root as Record<string, unknown>];
  while (stack.length) {
    const node = stack.pop()!;
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
 * `parserPath`. Null when the runner gives neither (oxlint's JS plugins): cross-module work is
 * then off.
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

function readParserSpec(context: ContextLike): ParserSpec | null {
  if (!getLinterClass()) return null;
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
    return null;
  }
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parserOptions)) if (!TYPE_AWARE_OPTIONS.has(k)) options[k] = v;
  const languageOptions: Record<string, unknown> = { ecmaVersion, sourceType, parserOptions: options };
  if (parser) languageOptions.parser = parser;
  return { key: stableKey(parser, { options, ecmaVersion, sourceType }), languageOptions };
}

/**
 * Parses `text` (the module at `path`) and hands its SourceCode to `visit`; returns what `visit`
 * returns, or null when the module does not parse or the probe failed.
 */
export function withParsedModule<T>(path: string, text: string, spec: ParserSpec, visit: (sourceCode: Readonly<SourceCode>) => T): T | null {
  const direct = parseDirectly(path, text, spec);
  if (direct === "failed") return null;
  if (direct) {
    try {
      return visit(direct);
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
            result = visit((context.sourceCode ?? context.getSourceCode!()) as Readonly<SourceCode>);
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
