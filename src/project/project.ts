/**
 * The project around a linted file, as the engine sees it through {@link ProjectView}: imports
 * resolved to files, and each file's summary, made at most once per process.
 *
 * The cache holds plain data only (no AST, no rule context), keyed by parser, settings and path.
 * Each entry records the files it was built from with their mtime and size (the linted file: a
 * hash of its text, so an unsaved editor buffer counts), checked on every use (a file's stamp is
 * taken from the disk at most once a second, see `stamp.ts`). A summary requested
 * while it is being built (a cycle), past the depth limit, or past the per-file budget is
 * "unknown": nothing is reported from it.
 */
import { readFileSync } from "node:fs";
import { isAbsolute } from "node:path";
import { FileAnalysis } from "../engine/analysis";
import { onModuleInstance, type CalleeParams, type ParamStore, type ProjectView } from "../engine/module-calls";
import type { KeptParam } from "../engine/shape";
import type { ReturnedPlace } from "../engine/targets";
import type { Handed, ReturnSummary } from "../engine/values";
import { escapeRegExp } from "../engine/sources";
import { settingsKey, withProcessEnv, type Settings } from "../settings";
import { exportedClassKeeps, exportedWorkersBase, forgetBases } from "./bases";
import { exportedTypeText, exportTable, forwarded, isInstanceKey, isPackageMethod, isRuntimeHandler, textAnswer, typeAliasSource, type ExportFacts } from "./exports";
import { exportReturns, forgetReturns } from "./returns";
import { exportTestedParams, forgetTestedParams } from "./tested";
import { forgetOutlines, outlineModule, withParsedModule, type ModuleOutline, type ParserSpec } from "./parse";
import { keyHead } from "./reach";
import { resolveImport, shownPath } from "./resolve";
import { fileStamp, stampExpiry, textHash as hash } from "./stamp";
import { INERT, summarize, type ModuleSummary } from "./summaries";
import { building, charge, closeFrame, noteCut, noteSpent, noteUsed, noteVolatile, openFrame, type Budget } from "./limits";
import { ANNOTATED_INIT, defaultIsObject, importsOf, madeExports, mayReturnModuleState, plainExports, textMayKeep, type ImportFacts } from "./text-check";

/**
 * Modules summarised for one linted file at most, each counted once, and a summary reused from an
 * earlier file counted with those it used (so that the order ESLint lints files in changes no
 * finding). A file of a 700-file application can ask for 30: the budget bounds an editor's
 * keystroke, it is not a cut that real code should meet.
 */
const MAX_SUMMARIES_PER_FILE = 64;
/** Files larger than this are not summarised (unknown). */
const MAX_BYTES = 256_000;
/** A module this small, with this few callables, asked again is summarised for all of them (see `summaryOf`). */
const WIDEN_MAX_CHARS = 32_000;
const WIDEN_MAX_KEYS = 16;
/** Forwarding hops (`export … from`) followed to find an export. */
const MAX_HOPS = 8;
/** What a module whose text can keep nothing answers for any key, whether it exports that key or not. */
const NOTHING_KEPT: readonly (ParamStore | null)[] = Object.freeze([]);

/** Answers built from files on disk: the files with their stamps, and until when they were last found to hold. */
interface Stamped {
  stamps: Map<string, string | null>;
  /** When the stamps were last checked, and until when none of them can be taken from the disk again. */
  checked: number;
  until: number;
}

interface Entry extends Stamped {
  summary: ModuleSummary | null;
  /** Whether the depth limit cut some answer it was built from (kept per depth left: a summary extending it learns its answers were cut). */
  cut: boolean;
  /** Whether no module read for it names `process`: then whether `process.env` is a source cannot change it. */
  processFree: boolean;
  /**
   * The summaries its building used (itself, those it made and those it reused, with theirs): a
   * file that reuses it is charged those it has not used yet, so that its budget runs out where it
   * would have, had no earlier file made them.
   */
  used: readonly string[];
}

const cache = new Map<string, Entry>();
/** Thrown by a lookup that only peeks ({@link ProjectNode.knownParams}) when it would have to summarise. */
const NOT_KNOWN = Symbol("not known");
interface TextFacts {
  stamp: string;
  hash: string;
  keeps: boolean;
  /** The module writes `this` (keeping nothing itself): an instance a caller keeps in its own module scope may hold what a method is handed. */
  writesThis: boolean;
  /** The module exports an instance (`export const db = new Database()`): its class may be another module's. */
  madeInstance: boolean;
  imports: ImportFacts[];
  /** Exported names that cannot keep anything (types, plain constants). */
  plain: string[];
  process: boolean;
  /** What is known of how the exports are made: read from the text when first asked (few modules are). */
  exports?: ExportFacts;
}

/**
 * What a module's exported functions return when that is one module place of its own
 * (`getStore` returning `store`), by export key, with the exports it forwards: plain data, by
 * parser, settings and path, with the module's stamp.
 */
interface ModulePlaces {
  stamp: string;
  places: Record<string, { target: string; line: number } | null>;
  forwards: Record<string, { specifier: string; name: string }>;
  stars: string[];
  /** The budget keys its making used (its own, when it took a parse), charged to a file that reuses it. */
  used: readonly string[];
}
const placeCache = new Map<string, ModulePlaces>();

/** What the text check found in each file, by path, with the file's stamp and its text's hash. */
const textFacts = new Map<string, TextFacts>();
/** The text check's answer for a module and the depth left, with the stamps of every module it read. */
const keepAnswers = new Map<string, Stamped & { keeps: boolean; cut: boolean }>();
/**
 * Drops what the process remembers of the project's modules (summaries, text checks, what their
 * functions return, outlines), as in a new process: the benchmark's cold rounds start from it.
 */
export function forgetModules(): void {
  cache.clear();
  textFacts.clear();
  keepAnswers.clear();
  placeCache.clear();
  forgetBases();
  forgetReturns();
  forgetTestedParams();
  forgetOutlines();
}

/** Counts summaries built, for tests and the benchmark. */
export const projectStats = { summaries: 0, parses: 0, textChecks: 0, outlined: 0, stampChecks: 0, known: 0 };

interface Root {
  file: string;
  text: string;
  spec: ParserSpec;
  settings: Settings;
  settingsKey: string;
  /** The settings' key with `process.env` not a source, where that differs (summaries of modules that never name `process` are shared). */
  processFreeKey: string | null;
  /** What is left of the file's budget, and the keys charged to it ({@link charge}). */
  budget: Budget;
  /** Summaries that depend on this file's order of work ({@link noteVolatile}): kept for its lint only. */
  volatile: Map<string, ModuleSummary | null>;
  /** Stamps read while linting this file. */
  stamps: Map<string, string | null>;
}

class ProjectNode implements ProjectView {
  private readonly classified = new Map<string, "package" | "inert" | "may-keep">();
  /** The project module each specifier names (null: none), asked once per node (a file calls most imports many times). */
  private readonly paths = new Map<string, string | null>();
  /** While set, a summary not made yet is not made: the lookup stops with {@link NOT_KNOWN}. */
  private peeking = false;

  constructor(
    readonly filename: string,
    private readonly root: Root,
    private readonly depth: number,
    /** Files this node's answers were built from, with their stamps (null for the linted file's own node). */
    private readonly stamps: Map<string, string | null> | null,
  ) {}

  classify(specifier: string, instance = false): "package" | "inert" | "may-keep" {
    const asked = instance ? `${specifier}\u0000this` : specifier;
    const known = this.classified.get(asked);
    if (known) return known;
    const path = this.pathOf(specifier);
    const kind = !path ? "package" : this.mayKeepFrom(path, this.depth, instance) ? "may-keep" : "inert";
    this.classified.set(asked, kind);
    return kind;
  }

  resolves(specifier: string): boolean {
    return this.pathOf(specifier) !== null;
  }

  private pathOf(specifier: string): string | null {
    let path = this.paths.get(specifier);
    if (path === undefined) this.paths.set(specifier, (path = resolveImport(this.filename, specifier)));
    return path;
  }

  exportsCollection(specifier: string, name: string): boolean {
    const path = this.pathOf(specifier);
    const stamp = path ? this.stampOf(path) : null;
    if (!path || stamp === null) return false;
    const exported = name === "default" ? String.raw`export\s+default\s+` : String.raw`export\s+(?:const|let|var)\s+${escapeRegExp(name)}${ANNOTATED_INIT}`;
    return textAnswer(path, `collection\u0000${name}`, stamp, () => this.textOf(path), (text) => new RegExp(String.raw`^${exported}(?:new\s+(?:Map|Set|WeakMap|WeakSet|Array)\b|\[)`, "m").test(text), false);
  }

  exportedType(specifier: string, name: string): string | null {
    const path = this.pathOf(specifier);
    const stamp = path ? this.stampOf(path) : null;
    return path && stamp !== null ? textAnswer(path, `type\u0000${name}`, stamp, () => this.textOf(path), (text) => exportedTypeText(text, name), null) : null;
  }

  exportMaker(specifier: string, key: string): string | null {
    const path = this.pathOf(specifier);
    const facts = path ? this.dependentFacts(path) : null;
    const made = facts && this.exportFacts(path!, facts).made.find((m) => m.name === key);
    if (made) return made.specifier;
    // A type the module names for a package's (`export type App = Hono<{ Bindings: Env }>`): that package's.
    const stamp = path ? this.stampOf(path) : null;
    return path && stamp !== null ? typeAliasSource(path, key, stamp, () => this.textOf(path)) : null;
  }

  workersBase(specifier: string, key: string): string | null {
    return this.fromModule(specifier, (path, read) => exportedWorkersBase(path, key, this.root.spec, this.depth, read));
  }

  classKeeps(specifier: string, key: string): readonly KeptParam[] | null {
    return this.fromModule(specifier, (path, read) => exportedClassKeeps(path, key, this.root.spec, this.depth, read));
  }

  returnOf(specifier: string, key: string, handed: Handed = true): ReturnSummary | null {
    return this.fromModule(specifier, (path, read) => exportReturns(path, key, this.root.spec, { value: this.root.settings, key: this.root.settingsKey }, this.depth, read, handed));
  }

  testedParams(specifier: string, key: string): readonly number[] | null {
    return this.fromModule(specifier, (path, read) => exportTestedParams(path, key, this.root.spec, this.root.settings, read));
  }

  /** An answer read from the module an import names: the modules it read count for the summary being built, as the text check's do. */
  private fromModule<T>(specifier: string, answer: (path: string, read: Map<string, string>) => T | null): T | null {
    const path = this.pathOf(specifier);
    if (!path) return null;
    const read = new Map<string, string>();
    const result = answer(path, read);
    this.dependOn(read);
    return result;
  }

  returnedPlace(specifier: string, key: string): ReturnedPlace | null {
    const path = this.pathOf(specifier);
    return path ? this.placeIn(path, key, 0) : null;
  }

  /** The module place export `key` of a module returns, following its forwards. */
  private placeIn(path: string, key: string, hops: number): ReturnedPlace | null {
    const places = hops > MAX_HOPS ? null : this.placesOf(path);
    if (!places) return null;
    const own = places.places[key];
    if (own !== undefined) {
      if (!own) return null;
      return { target: own.target, where: `${shownPath(this.filename, path)}:${own.line}` };
    }
    return forwarded(path, key, places, (target, next) => this.placeIn(target, next, hops + 1));
  }

  /**
   * What a module's exported functions return ({@link ModulePlaces}), from one analysis of it made
   * when a linted file first stores through a call of one of them (`getStore().x = …`).
   */
  private placesOf(path: string): ModulePlaces | null {
    const stamp = this.stampOf(path);
    if (stamp === null) return null;
    this.dependOn(new Map([[path, stamp]]));
    const key = `${this.root.spec.key}\u0000${this.root.settingsKey}\u0000${path}`;
    const hit = placeCache.get(key);
    if (hit?.stamp === stamp && charge(this.root.budget, hit.used)) {
      noteUsed(hit.used);
      return hit;
    }
    const text = this.textOf(path);
    if (text === null) return null;
    if (!mayReturnModuleState(text)) {
      const none: ModulePlaces = { stamp, places: {}, forwards: {}, stars: [], used: [] };
      placeCache.set(key, none);
      return none;
    }
    const budgetKey = `places\u0000${key}`;
    if (!charge(this.root.budget, [budgetKey])) {
      noteSpent();
      return null;
    }
    noteUsed([budgetKey]);
    projectStats.parses++;
    const read = withParsedModule(path, text, this.root.spec, (sourceCode) => {
      const analysis = new FileAnalysis(sourceCode, this.root.settings, { typedParams: false });
      const table = exportTable(analysis);
      const places: ModulePlaces["places"] = {};
      for (const [name, fn] of table.callables) {
        const place = analysis.targets.returnedPlace(fn);
        places[name] = place && { target: place.label, line: place.at.loc.start.line };
      }
      return { stamp, places, forwards: Object.fromEntries(table.forwards), stars: table.stars, used: [budgetKey] };
    });
    if (read) placeCache.set(key, read);
    return read;
  }

  calleeParams(specifier: string, key: string, alsoWanted: readonly string[] = []): CalleeParams {
    const path = this.pathOf(specifier);
    if (!path) return "unresolved";
    return this.lookup(path, key, 0, alsoWanted);
  }

  knownParams(specifier: string, key: string): CalleeParams | undefined {
    const path = this.pathOf(specifier);
    if (!path) return "unresolved";
    this.peeking = true;
    try {
      const params = this.lookup(path, key, 0);
      projectStats.known++;
      return params;
    } catch (error) {
      if (error === NOT_KNOWN) return undefined;
      throw error;
    } finally {
      this.peeking = false;
    }
  }

  /** `alsoWanted`: other keys of the first module looked in, summarised with `key` (not followed through re-exports). */
  private lookup(path: string, key: string, hops: number, alsoWanted: readonly string[] = []): readonly (ParamStore | null)[] | null {
    if (hops > MAX_HOPS) return null;
    // A method of an export (`default.fetch`, `app.fetch`) may be answered by the module's text alone.
    const head = keyHead(key);
    if (head !== key && !key.endsWith("#new")) {
      const facts = this.dependentFacts(path);
      const made = facts && this.exportFacts(path, facts);
      if (made && isRuntimeHandler(made, key)) return [];
      if (made && isPackageMethod(made, path, head)) return null;
    }
    // A method of an instance the caller makes (`Db#init`) is summarised apart: what it writes on
    // `this` counts there, and a module that keeps nothing else is still read for it.
    const instance = isInstanceKey(key);
    const wanted = new Set([key, ...alsoWanted.filter((k) => isInstanceKey(k) === instance)]);
    let summary = this.summaryOf(path, wanted, null, instance);
    if (!summary) return null;
    if (summary === INERT) return NOTHING_KEPT;
    if (!(key in summary.callables) && !summary.complete && (summary.outlined || summary.ownKeys.includes(key))) summary = this.summaryOf(path, wanted, summary, instance);
    if (!summary) return null;
    const direct = summary.callables[key];
    if (direct) return direct;
    const made = head !== key ? summary.instances?.[head] : undefined;
    if (made) return this.instanceMethod(path, made, head, key.slice(head.length + 1), hops);
    // A method the class inherits from another module's class (`class Db extends Base`).
    const base = head !== key ? summary.bases?.[head] : undefined;
    const baseModule = base ? resolveImport(path, base.specifier) : null;
    if (baseModule) return this.lookup(baseModule, `${base!.name}${key.slice(head.length)}`, hops + 1);
    return forwarded(path, key, summary, (target, next) => this.lookup(target, next, hops + 1), NOTHING_KEPT);
  }

  /**
   * A method of a module-level instance of a class another module exports (`db.init` of
   * `export const db = new Database()`): that class's summary for the method, where what it writes
   * on `this` is kept by this module's instance.
   */
  private instanceMethod(path: string, made: { specifier: string; name: string }, instance: string, method: string, hops: number): readonly (ParamStore | null)[] | null {
    const target = resolveImport(path, made.specifier);
    const params = target ? this.lookup(target, `${made.name}#${method}`, hops + 1) : null;
    return params && params.map((p) => (p?.onInstance ? onModuleInstance(p, instance) : p));
  }

  /** What the text check found in a module, recorded as read for the summary being built. */
  private dependentFacts(path: string): TextFacts | null {
    const read = new Map<string, string | null>();
    const facts = this.factsOf(path, read);
    this.dependOn(read);
    return facts;
  }

  /**
   * Whether a module, or a project module it imports (within the depth left), can keep a value:
   * a text check, so that modules that cannot are never parsed. `instance`: for a method called on
   * an instance the caller keeps in its module scope, a module that writes `this` can.
   */
  mayKeepFrom(path: string, depth: number, instance = false): boolean {
    const key = `${depth}\u0000${instance ? "this\u0000" : ""}${path}`;
    const hit = keepAnswers.get(key);
    if (hit && this.holds(hit)) {
      this.dependOn(hit.stamps);
      if (hit.cut) noteCut();
      return hit.keeps;
    }
    const read = new Map<string, string | null>();
    const limit = { cut: false };
    const keeps = this.mayKeep(path, depth, read, new Set(), limit, instance);
    // A "yes" stays a yes with more depth; a "no" that left a module unread may not.
    const cut = !keeps && limit.cut;
    keepAnswers.set(key, { keeps, cut, stamps: read, checked: 0, until: 0 });
    this.dependOn(read);
    if (cut) noteCut();
    return keeps;
  }

  /**
   * The walk behind {@link mayKeepFrom}; `read` gathers each module read, with its stamp. An import
   * that takes only names its module declares as types or plain constants is not followed.
   */
  private mayKeep(path: string, depth: number, read: Map<string, string | null>, visited: Set<string>, limit: { cut: boolean }, instance: boolean): boolean {
    if (visited.has(path)) return false;
    if (depth <= 0) {
      limit.cut = true;
      return false;
    }
    visited.add(path);
    const facts = this.factsOf(path, read);
    if (!facts) return false;
    if (facts.keeps || (instance && facts.writesThis)) return true;
    for (const { specifier, names, forward } of facts.imports) {
      const target = resolveImport(path, specifier);
      if (!target || visited.has(target)) continue;
      if (names && depth > 1) {
        const plain = this.factsOf(target, read)?.plain;
        if (plain && names.every((name) => plain.includes(name))) continue;
      }
      // An instance this module makes of an imported class holds what that class writes on `this`.
      // A re-export (a barrel) is no hop: the code that runs is the other module's.
      if (this.mayKeep(target, forward ? depth : depth - 1, read, visited, limit, instance || facts.madeInstance)) return true;
    }
    return false;
  }

  /**
   * How a module's exports are made, read from its text on first ask: only a method of an export
   * asks (`default.fetch`, `app.fetch`). A text that is no longer the one checked (a change within
   * the stamp's resolution) tells nothing: no handler, no package method, and the module is analysed.
   */
  private exportFacts(path: string, facts: TextFacts): ExportFacts {
    if (!facts.exports) {
      const text = this.textOf(path);
      facts.exports = text !== null && hash(text) === facts.hash ? { made: madeExports(text), defaultObject: defaultIsObject(text) } : { made: [], defaultObject: false };
    }
    return facts.exports;
  }

  /** What the text check found in a module (checked again when its stamp changed), recorded in `read`; null when unreadable. */
  private factsOf(path: string, read: Map<string, string | null>): TextFacts | null {
    const stamp = this.stampOf(path);
    read.set(path, stamp);
    if (stamp === null) return null;
    let facts = textFacts.get(path);
    if (!facts || facts.stamp !== stamp) {
      const source = this.textOf(path);
      if (source === null) return null;
      projectStats.textChecks++;
      const seen = { writesThis: false, madeInstance: false };
      facts = {
        stamp,
        hash: hash(source),
        keeps: textMayKeep(source, seen, (specifier) => resolveImport(path, specifier) !== null),
        writesThis: seen.writesThis,
        madeInstance: seen.madeInstance,
        imports: importsOf(source),
        plain: plainExports(source),
        process: /\bprocess\b/.test(source),
      };
      textFacts.set(path, facts);
    }
    return facts;
  }

  /**
   * The summary of a module that keeps nothing itself (by its text check; the caller makes sure)
   * for the keys `wanted`, from its outline alone, when those callables cannot keep anything: they
   * are its own exports, and the code they can run uses nothing imported from a module that may
   * keep, or only exports of such a module that cannot keep anything either (by the same look at
   * that module, within the depth left). Null when the module must be analysed.
   */
  keepsNothingFor(outline: ModuleOutline, wanted: ReadonlySet<string>, known: ModuleSummary | null): ModuleSummary | null {
    const keys = [...wanted];
    if (!this.outlineKeepsNothing(outline, keys)) return null;
    projectStats.outlined++;
    return {
      callables: { ...known?.callables, ...Object.fromEntries(keys.map((key) => [key, []])) },
      forwards: {},
      stars: [],
      ownKeys: keys,
      complete: false,
      outlined: true,
    };
  }

  /** Whether the callables `keys` of a module that keeps nothing itself cannot keep anything, by its outline. */
  private outlineKeepsNothing(outline: ModuleOutline, keys: readonly string[]): boolean {
    if (!keys.every((key) => outline.localExports.has(keyHead(key)))) return false;
    for (const { specifier, locals, imported } of outline.imports) {
      const used = locals.flatMap((name, i) => (outline.words.has(name) ? [imported[i]] : []));
      if (used.length === 0 || this.classify(specifier) !== "may-keep") continue;
      if (!this.exportsKeepNothing(specifier, used) && !this.functionsKeepNoArgument(specifier, used, imported)) return false;
    }
    return true;
  }

  /**
   * Whether the exports `names` of a module that may keep are functions whose summaries keep none
   * of their arguments (`checkRateLimit` of a module with a limiter of its own): the module is
   * summarised once and serves every importer, where each importer would otherwise be parsed only
   * to hand its values to them. A class, an instance, a collection or a namespace is not known
   * this way. The other names the import takes (`imported`) are summarised in the same look.
   */
  private functionsKeepNoArgument(specifier: string, names: readonly (string | null)[], imported: readonly (string | null)[]): boolean {
    if (names.includes(null)) return false;
    const wanted = [...new Set(names as string[])];
    const also = [...new Set(imported.filter((name): name is string => name !== null))];
    return wanted.every((name) => {
      const params = this.calleeParams(specifier, name, also);
      return Array.isArray(params) && params.every((p) => p === null);
    });
  }

  /**
   * Whether the exports `names` of the module an import names cannot keep anything: the module
   * keeps nothing itself (by its text), and its outline says so of those exports, within the depth
   * left. A namespace import (null), or no depth left, is not known to keep nothing.
   */
  private exportsKeepNothing(specifier: string, names: readonly (string | null)[]): boolean {
    if (this.depth <= 1 || names.includes(null)) return false;
    const path = this.pathOf(specifier);
    if (!path) return false;
    const facts = this.dependentFacts(path);
    const text = facts && !facts.keeps ? this.textOf(path) : null;
    if (text === null) return false;
    const wanted = new Set(names as string[]);
    const outline = outlineModule(path, text, this.root.spec, wanted, true);
    return outline !== null && new ProjectNode(path, this.root, this.depth - 1, this.stamps).outlineKeepsNothing(outline, [...wanted]);
  }

  /**
   * Whether every file an answer was built from still has the stamp it had. A check that found so
   * holds until the first of those stamps may be taken from the disk again, unless the answer read
   * the linted file (whose stamp is its buffer's).
   */
  private holds(answer: Stamped): boolean {
    const now = Date.now();
    if (answer.checked <= now && now < answer.until && !answer.stamps.has(this.root.file)) return true;
    projectStats.stampChecks++;
    let until = Infinity;
    for (const [p, s] of answer.stamps) {
      if (this.stampOf(p) !== s) return false;
      until = Math.min(until, stampExpiry(p));
    }
    answer.checked = now;
    answer.until = until;
    return true;
  }

  /** Records the files an answer this node uses was built from, for the summary being built. */
  private dependOn(stamps: ReadonlyMap<string, string | null>): void {
    if (this.stamps) for (const [p, s] of stamps) if (s !== null) this.stamps.set(p, s);
  }

  /** A module's text: the linted file's from the editor buffer, others from disk; null when unreadable. */
  private textOf(path: string): string | null {
    if (path === this.root.file) return this.root.text;
    try {
      return readFileSync(path, "utf8");
    } catch {
      return null;
    }
  }

  /**
   * A file's stamp, read once per linted file (a lint of one file sees one state of the disk). The
   * linted file's is a hash of its text; when that text is the one the text check read from disk
   * under the disk's current stamp, it is the disk's stamp, so that the answers built while other files
   * imported it still hold while it is linted, and the other way round.
   */
  private stampOf(path: string): string | null {
    const known = this.root.stamps.get(path);
    if (known !== undefined) return known;
    let stamp: string | null = null;
    if (path === this.root.file) {
      const own = hash(this.root.text);
      const read = textFacts.get(path);
      const disk = fileStamp(path, MAX_BYTES);
      if (disk !== null && read?.stamp === disk) stamp = read.hash === own ? disk : `text:${own}`;
      else {
        // Not read as a module yet under this stamp (a file linted before any file imports it, in
        // an import cycle back to itself): the disk copy, read once, says whether the buffer is saved.
        let saved = false;
        try {
          saved = disk !== null && readFileSync(path, "utf8") === this.root.text;
        } catch {
          saved = false;
        }
        stamp = saved ? disk : `text:${own}`;
      }
    } else stamp = fileStamp(path, MAX_BYTES);
    this.root.stamps.set(path, stamp);
    return stamp;
  }

  /** The summary of a module, made for the keys `wanted` (and extending `known`, a partial one) if not cached. */
  private summaryOf(path: string, wanted: ReadonlySet<string>, known: ModuleSummary | null = null, instance = false): ModuleSummary | null {
    // Kept by the depth left too, so that a file's findings do not depend on which file made the
    // summary first: one made with more depth may find a store a request with less would not, and
    // one the limit cut may miss what more depth finds. One no limit cut serves any greater depth.
    const keyAt = (depth: number, settingsKey: string) => `${this.root.spec.key}\u0000${settingsKey}\u0000${depth}\u0000${instance ? "this\u0000" : ""}${path}`;
    const at = (depth: number): Entry | undefined => {
      const own = cache.get(keyAt(depth, this.root.settingsKey));
      if (own || this.root.processFreeKey === null) return own;
      const shared = cache.get(keyAt(depth, this.root.processFreeKey));
      return shared?.processFree ? shared : undefined;
    };
    const key = keyAt(this.depth, this.root.settingsKey);
    const sharedKey = this.root.processFreeKey === null ? null : keyAt(this.depth, this.root.processFreeKey);
    // A module being built further up, at any depth: an import cycle.
    const moduleKey = `${this.root.spec.key}\u0000${this.root.settingsKey}\u0000${instance ? "this\u0000" : ""}${path}`;
    let hit = at(this.depth);
    for (let depth = this.depth - 1; !hit && depth >= 1; depth--) {
      const shallower = at(depth);
      if (shallower && !shallower.cut) hit = shallower;
    }
    // A peek is charged nothing: the lookup that follows it (if any) is.
    if (!known && hit && this.holds(hit) && (this.peeking || charge(this.root.budget, hit.used))) {
      if (!this.peeking) noteUsed(hit.used);
      this.dependOn(hit.stamps);
      if (hit.cut) noteCut();
      return hit.summary;
    }
    if (!known && this.root.volatile.has(key)) {
      noteVolatile();
      return this.root.volatile.get(key)!;
    }
    if (this.peeking) throw NOT_KNOWN;
    if (building.has(moduleKey)) {
      noteVolatile();
      return null;
    }
    if (this.depth <= 0) {
      noteCut();
      return null;
    }
    const stamp = this.stampOf(path);
    if (stamp === null) return null;
    if (!charge(this.root.budget, [key])) {
      noteSpent();
      return null;
    }
    building.add(moduleKey);
    // Extending a partial summary: what it already held was built under its own limits.
    const frame = openFrame(known !== null && (hit?.cut ?? true), [key, ...(known && hit ? hit.used : [])]);
    const stamps = new Map<string, string | null>([[path, stamp]]);
    let summary: ModuleSummary | null = null;
    try {
      const child = new ProjectNode(path, this.root, this.depth - 1, stamps);
      // The text check's facts are cached by stamp: a module known to keep nothing is not read again.
      if (!child.mayKeepFrom(path, this.depth, instance)) summary = INERT;
      else {
        const text = this.textOf(path);
        const facts = textFacts.get(path);
        // A module instance of an imported class keeps what that class's methods write on it.
        const keepsItself = facts?.keeps !== false || facts.madeInstance || (instance && facts.writesThis);
        // A module analysed before and now asked about a callable it left for later is likely to
        // be asked again: its other callables are summarised in this look, not one parse each.
        const widen = known && !known.outlined && text !== null && text.length < WIDEN_MAX_CHARS && known.ownKeys.length <= WIDEN_MAX_KEYS;
        const asked = widen ? new Set([...wanted, ...known.ownKeys]) : wanted;
        const outline = text === null ? null : outlineModule(path, text, this.root.spec, asked, !keepsItself);
        // (An instance's method may write `this` in a class another module defines: not answered by the outline.)
        summary = outline && !keepsItself && !instance ? child.keepsNothingFor(outline, asked, known) : null;
        if (!summary && text !== null) {
          projectStats.parses++;
          summary = withParsedModule(path, text, this.root.spec, (sourceCode, dropped) => summarize(sourceCode, path, this.root.settings, child, asked, known, dropped), { keep: asked, outline });
        }
      }
    } catch {
      summary = null;
    } finally {
      building.delete(moduleKey);
      closeFrame();
    }
    projectStats.summaries++;
    if (frame.volatile) {
      this.root.volatile.set(key, summary);
      return summary;
    }
    const processFree = [...stamps].every(([p, s]) => {
      const facts = textFacts.get(p);
      return facts?.stamp === s && !facts.process;
    });
    const entry: Entry = { stamps, checked: 0, until: 0, summary, cut: frame.cut, processFree, used: [...frame.used] };
    cache.set(key, entry);
    if (sharedKey !== null && processFree) cache.set(sharedKey, entry);
    this.dependOn(stamps);
    return summary;
  }
}

/**
 * The project view for one linted file, or null when calls cannot be followed: no real file name
 * (text linted without a path), no parser from the runner, or cross-module work turned off.
 */
export function projectFor(filename: string | undefined, text: string, spec: ParserSpec | null, settings: Settings): ProjectView | null {
  if (!filename || !isAbsolute(filename) || !spec || settings.crossModuleDepth <= 0) return null;
  const root: Root = {
    file: filename,
    text,
    spec,
    settings,
    settingsKey: settingsKey(settings),
    processFreeKey: settings.processEnv ? settingsKey(withProcessEnv(settings, false)) : null,
    budget: { left: MAX_SUMMARIES_PER_FILE, charged: new Set() },
    volatile: new Map(),
    stamps: new Map(),
  };
  return new ProjectNode(filename, root, settings.crossModuleDepth, null);
}
