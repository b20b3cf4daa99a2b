/**
 * The project around a linted file, as the engine sees it through {@link ProjectView}: imports
 * resolved to files, and each file's summary, made at most once per process.
 *
 * The cache holds plain data only (no AST, no rule context), keyed by parser, settings and path.
 * Each entry records the files it was built from with their mtime and size (the linted file: a
 * hash of its text, so an unsaved editor buffer counts), checked on every use. A summary requested
 * while it is being built (a cycle), past the depth limit, or past the per-file budget is
 * "unknown": nothing is reported from it.
 */
import { readFileSync, statSync } from "node:fs";
import { isAbsolute } from "node:path";
import type { CalleeParams, ParamStore, ProjectView } from "../engine/module-calls";
import { settingsKey, type Settings } from "../settings";
import { withParsedModule, type ParserSpec } from "./parse";
import { resolveImport } from "./resolve";
import { INERT, summarize, type ModuleSummary } from "./summaries";

/** Modules summarised (cache misses) for one linted file at most. */
const MAX_SUMMARIES_PER_FILE = 24;
/** Files larger than this are not summarised (unknown). */
const MAX_BYTES = 1_000_000;
/** Forwarding hops (`export … from`) followed to find an export. */
const MAX_HOPS = 8;

interface Entry {
  stamps: Map<string, string>;
  depth: number;
  summary: ModuleSummary | null;
}

const cache = new Map<string, Entry>();
const building = new Set<string>();

/** Counts summaries built, for tests and the benchmark. */
export const projectStats = { summaries: 0, parses: 0 };

/** Empties the process cache (tests). */
export function clearProjectCache(): void {
  cache.clear();
}

/**
 * Whether a module's text can keep anything or hand it on: module-level `let`/`var`, a
 * collection, object or instance at the top, `static`, the global object, or an import or
 * re-export of another module. A module without any is not parsed.
 */
const MAY_STORE = /^\s*(?:export\s+)?(?:let|var)\s|^\s*(?:export\s+)?const\s+[\w$]+\s*(?::[^=\n]+)?=\s*(?:new\b|\[|\{|[\w$.]+\()|\bstatic\b|\b(?:globalThis|self|global|window)\b|^\s*(?:import|export)\b[^;]*\bfrom\b|\brequire\(/m;

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36) + ":" + text.length;
}

interface Root {
  file: string;
  text: string;
  spec: ParserSpec;
  settings: Settings;
  settingsKey: string;
  budget: number;
}

class ProjectNode implements ProjectView {
  constructor(
    readonly filename: string,
    private readonly root: Root,
    private readonly depth: number,
    /** Files this node's answers were built from, with their stamps. */
    private readonly stamps: Map<string, string>,
  ) {}

  calleeParams(specifier: string, key: string): CalleeParams {
    const path = resolveImport(this.filename, specifier);
    if (!path) return "unresolved";
    return this.lookup(path, key, 0);
  }

  private lookup(path: string, key: string, hops: number): readonly (ParamStore | null)[] | null {
    if (hops > MAX_HOPS) return null;
    const summary = this.summaryOf(path);
    if (!summary) return null;
    if (summary === INERT) return [];
    const direct = summary.callables[key];
    if (direct) return direct;
    const cut = key.search(/[.#]/);
    const head = cut < 0 ? key : key.slice(0, cut);
    const rest = cut < 0 ? "" : key.slice(cut);
    const forward = summary.forwards[head];
    if (forward) {
      const target = resolveImport(path, forward.specifier);
      if (!target) return null;
      const next = forward.name === "*" ? rest.replace(/^\./, "") : `${forward.name}${rest}`;
      return next ? this.lookup(target, next, hops + 1) : null;
    }
    for (const star of summary.stars) {
      const target = resolveImport(path, star);
      const found = target ? this.lookup(target, key, hops + 1) : null;
      if (found) return found;
    }
    return null;
  }

  private stampOf(path: string): string | null {
    if (path === this.root.file) return `text:${hash(this.root.text)}`;
    try {
      const st = statSync(path);
      return st.size > MAX_BYTES ? null : `${st.mtimeMs}:${st.size}`;
    } catch {
      return null;
    }
  }

  private summaryOf(path: string): ModuleSummary | null {
    const key = `${this.root.spec.key}\u0000${this.root.settingsKey}\u0000${path}`;
    const hit = cache.get(key);
    if (hit && hit.depth >= this.depth && [...hit.stamps].every(([p, s]) => this.stampOf(p) === s)) {
      for (const [p, s] of hit.stamps) this.stamps.set(p, s);
      return hit.summary;
    }
    if (building.has(key) || this.depth <= 0 || this.root.budget <= 0) return null;
    const stamp = this.stampOf(path);
    if (stamp === null) return null;
    this.root.budget--;
    building.add(key);
    const stamps = new Map([[path, stamp]]);
    let summary: ModuleSummary | null = null;
    try {
      const text = path === this.root.file ? this.root.text : readFileSync(path, "utf8");
      if (!MAY_STORE.test(text)) summary = INERT;
      else {
        projectStats.parses++;
        const child = new ProjectNode(path, this.root, this.depth - 1, stamps);
        summary = withParsedModule(path, text, this.root.spec, (sourceCode) => summarize(sourceCode, path, this.root.settings, child));
      }
    } catch {
      summary = null;
    } finally {
      building.delete(key);
    }
    projectStats.summaries++;
    cache.set(key, { stamps, depth: this.depth, summary });
    for (const [p, s] of stamps) this.stamps.set(p, s);
    return summary;
  }
}

/**
 * The project view for one linted file, or null when calls cannot be followed: no real file name
 * (text linted without a path), no parser from the runner, or cross-module work turned off.
 */
export function projectFor(filename: string | undefined, text: string, spec: ParserSpec | null, settings: Settings): ProjectView | null {
  if (!filename || !isAbsolute(filename) || !spec || settings.crossModuleDepth <= 0) return null;
  const root: Root = { file: filename, text, spec, settings, settingsKey: settingsKey(settings), budget: MAX_SUMMARIES_PER_FILE };
  return new ProjectNode(filename, root, settings.crossModuleDepth, new Map());
}
