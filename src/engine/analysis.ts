/**
 * One analysis per file, shared by every rule of the plugin: the facts, the scope lookups, the
 * entry points, the trace and the sinks are built once (per settings) and cached on the Program
 * node, so several rules share one pass.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { RuleContext, SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { DEFAULT_SETTINGS, readSettings, SETTINGS_KEY, settingsKey, SettingsError, withProcessEnv, type Settings } from "../settings";
import { collect, createCollector, type Collector, type FileFacts } from "./collect";
import { EntryPoints, type ParamSeed, type ProjectImports } from "./entry-points";
import { envHolders, envReads, type EnvHolders, type EnvReads } from "./env-reads";
import { fileGate } from "./file-gate";
import { Functions } from "./functions";
import { moduleCalls, type ModuleCall, type ProjectView } from "./module-calls";
import { Scopes } from "./scope";
import { bindingKindOf, shapeOf, type BindingKind, type ImportedKeeps, type Shape } from "./shape";
import { Sinks } from "./sinks";
import type { TextWords } from "./sources";
import { Targets } from "./targets";
import { Trace } from "./trace";
import type { Node, Taint } from "./values";

/**
 * What the Worker's own config (found by the project layer) says about the file's Worker: its
 * name, every binding name it declares with its kind, and whether `process.env` holds its text
 * bindings. `error`: the config does not parse, and says nothing.
 */
export interface WorkerView {
  /** The config file's name, for messages (`wrangler.toml`). */
  configFile: string;
  name: string | null;
  bindings: ReadonlyMap<string, BindingKind>;
  /**
   * The names declared outside the file's own env types (the config, `.dev.vars`, generated
   * types): part of `bindings`, known without reading the file's types. Absent: `bindings`.
   */
  configBindings?: ReadonlyMap<string, BindingKind>;
  processEnv: boolean;
  /** The config keeps vars set in the dashboard (`keep_vars`): a name declared nowhere may still exist. */
  keepVars?: boolean;
  /** The config names no Worker (no name, no `main`): a tool's, declaring only what the tool needs. */
  toolOnly?: boolean;
  /**
   * The file is outside the Worker's own code (its entry module's folder): a script, a test, or an
   * example beside it ({@link workerFor}).
   */
  outsideCode?: boolean;
  /** The file is one of the static assets the Worker serves (under its config's `assets.directory`): browsers run it, the Worker never does. */
  staticAsset?: boolean;
  error: string | null;
}

/** How an analysis is built: facts already collected, a parameter seeded as env, a project to follow imports into. */
export interface AnalysisOptions {
  facts?: FileFacts;
  /** Treat these parameters as env (the project layer's question "where does a caller's value go?"). */
  seeds?: readonly ParamSeed[];
  project?: ProjectView | null;
  /** Without a project: what the functions of other modules return (a summary asks it of the modules its module imports). */
  returns?: ProjectImports["returns"];
  /**
   * Whether parameters named `env` or typed as env, a binding or a request count as sources
   * (default). Off when the project layer asks what a function does with what its callers pass.
   */
  typedParams?: boolean;
  /**
   * The Worker the file belongs to, from its config (absent: none found), or how to look it up when
   * first asked (a file whose text names no source word does not need it to pick its settings).
   */
  worker?: WorkerView | null | (() => WorkerView | null);
  /** The file gate's words ({@link fileGate}): a word it found absent need not be searched again. */
  words?: TextWords;
  /** With no Worker config, the kinds the file's own env types give its bindings (`type Bindings = { DB: D1Database }`). */
  kinds?: () => ReadonlyMap<string, BindingKind>;
  /** Classes whose `this`, in instance methods, is an instance a caller makes (see `Targets`). */
  callerInstances?: ReadonlySet<Node>;
}

export class FileAnalysis {
  readonly facts: FileFacts;
  readonly scopes: Scopes;
  readonly functions: Functions;
  readonly entry: EntryPoints;
  readonly trace: Trace;
  readonly targets: Targets;
  readonly sinks: Sinks;
  readonly project: ProjectView | null;
  private workerView: WorkerView | null | undefined;
  private readonly lookUpWorker: (() => WorkerView | null) | null;
  private readonly lookUpKinds: (() => ReadonlyMap<string, BindingKind>) | undefined;
  private kindsMemo: ReadonlyMap<string, BindingKind> | null = null;
  private moduleCallsMemo: ModuleCall[] | null = null;
  private holdersMemo: EnvHolders | null = null;

  constructor(
    readonly sourceCode: Readonly<SourceCode>,
    readonly settings: Settings,
    options: AnalysisOptions = {},
  ) {
    const keys = (sourceCode.visitorKeys ?? {}) as Record<string, readonly string[]>;
    this.facts = options.facts ?? collect(sourceCode.ast as TSESTree.Program, keys);
    this.project = settings.crossModuleDepth > 0 ? (options.project ?? null) : null;
    this.lookUpKinds = options.kinds;
    if (typeof options.worker === "function") {
      this.lookUpWorker = options.worker;
    } else {
      this.lookUpWorker = null;
      this.workerView = options.worker ?? null;
    }
    this.scopes = new Scopes(sourceCode, this.facts.dynamicImport);
    this.functions = new Functions(this.scopes, this.facts);
    const project = this.project;
    const imports: ProjectImports | undefined = project
      ? {
          base: (i) => project.workersBase?.(i.source, i.imported) ?? null,
          maker: (i) => project.exportMaker?.(i.source, i.imported) ?? null,
          typeText: (i) => project.exportedType?.(i.source, i.imported) ?? null,
          returns: (i, handed) => project.returnOf?.(i.source, i.imported, handed) ?? null,
        }
      : options.returns
        ? { base: () => null, maker: () => null, typeText: () => null, returns: options.returns }
        : undefined;
    this.entry = new EntryPoints(sourceCode, this.scopes, this.functions, this.facts, settings, options.seeds ?? [], options.typedParams ?? true, options.words, imports);
    this.trace = new Trace(sourceCode, this.facts, settings, this.scopes, this.functions, this.entry);
    this.targets = new Targets(sourceCode, this.facts, this.scopes, this.functions, this.entry, this.project, options.callerInstances ?? null);
    this.sinks = new Sinks(sourceCode, this.facts, this.scopes, this.functions, this.targets, this.trace, (node) => this.boundInDeploy(node));
  }

  /** The file's Worker config, when one was found and parses (looked up on first use if it was not yet). */
  get worker(): WorkerView | null {
    if (this.workerView === undefined) this.workerView = this.lookUpWorker?.() ?? null;
    return this.workerView && !this.workerView.error ? this.workerView : null;
  }

  /** What each binding is: as the Worker's config (and the file's types) say, or with no config, as the file's own env types say. */
  get bindingKinds(): ReadonlyMap<string, BindingKind> {
    return this.worker?.bindings ?? (this.kindsMemo ??= this.lookUpKinds?.() ?? NO_KINDS);
  }

  /** Why the file's Worker config was not read, if it was looked up and does not parse. */
  knownWorkerError(): string | null {
    return this.workerView?.error ?? null;
  }

  /** Calls that hand derived values to imported functions, with what each callee does with them. */
  moduleCalls(): ModuleCall[] {
    this.moduleCallsMemo ??= moduleCalls(this.facts, this.scopes, this.trace, this.project, (loader, key, params) => this.sinks.loaderReturnsMemo(loader, key, params));
    return this.moduleCallsMemo;
  }

  /**
   * Reads of single bindings off the env object, and the names the file tests for absence. With
   * `wanted`, only expressions that may read a wanted name are traced (the others may be missing
   * from the result).
   */
  envReads(wanted?: (name: string) => boolean): EnvReads {
    // (A read handed to an imported function of the project: whether that function tests its parameter for absence.)
    const testedIn = (call: TSESTree.CallExpression | TSESTree.NewExpression, index: number) => {
      const callee = call.callee.type === "Identifier" ? this.scopes.importOfId(call.callee) : null;
      return !!callee && callee.imported !== "*" && !!this.project?.testedParams?.(callee.source, callee.imported)?.includes(index);
    };
    return envReads(this.facts, this.scopes, this.trace, this.settings, this.envHolders(), this.entry, wanted, testedIn);
  }

  /**
   * Which variables and expressions can hold env, a binding or a context around it, by their
   * definitions alone (no value traced): a cheap test before a trace that looks for env.
   */
  envHolders(): EnvHolders {
    this.holdersMemo ??= envHolders(this.facts, this.scopes, this.functions, this.trace, this.entry, this.settings);
    return this.holdersMemo;
  }

  /** Whether an expression is a binding the config declares (`env.KV`, a parameter handed it): there in the deployed Worker. */
  private boundInDeploy(node: Node): boolean {
    const kinds = this.worker?.configBindings;
    const env = kinds ? this.trace.concreteValue(node).env : undefined;
    return !!env && env.envPath?.length === 1 && !env.bindingData && !env.moduleState && kinds!.get(env.envPath[0])?.shape === "binding";
  }

  /** The shape of a derived value, and the kind the Worker's config gives the binding it came from. */
  shapeOf(valueNode: Node, taint: Taint): { shape: Shape; kind: BindingKind | undefined } {
    const kinds = this.bindingKinds;
    return { shape: shapeOf(this.functions, valueNode, taint, this.settings.clientPackages, kinds, this.importedKeeps), kind: bindingKindOf(taint, kinds) };
  }

  /** The shape of a value in a summary: the caller's config names the kinds, not this module's. */
  summaryShape(valueNode: Node, taint: Taint): Shape {
    return shapeOf(this.functions, valueNode, taint, this.settings.clientPackages, NO_KINDS, this.importedKeeps);
  }

  /**
   * A taint as the env rules report it: data read through a binding, unless the binding is a
   * Secrets Store secret (by the config's kind or a parameter's type), whose `get()` gives the
   * secret itself (`await env.API_KEY.get()`).
   */
  reportedTaint(taint: Taint): Taint;
  reportedTaint(taint: Taint | undefined): Taint | undefined;
  reportedTaint(taint: Taint | undefined): Taint | undefined {
    if (!taint?.bindingData) return taint;
    if (!taint.secretStore && !bindingKindOf(taint, this.bindingKinds)?.secretStore) return taint;
    return { ...taint, bindingData: false, binding: false, bindingChain: false, built: false, scalar: true, secretStore: true, origin: `${taint.origin}.get()` };
  }

  /** `new Bot(env)` of a class another module of the project exports: what its instance keeps of each argument. */
  private readonly importedKeeps: ImportedKeeps = (made) => {
    const callee = made.callee.type === "Identifier" ? this.scopes.importOfId(made.callee) : null;
    return callee && callee.imported !== "*" ? (this.project?.classKeeps?.(callee.source, callee.imported) ?? null) : null;
  };

  /** Source text for messages. */
  text(node: Node): string {
    return this.sourceCode.getText(node);
  }
}

const NO_KINDS: ReadonlyMap<string, BindingKind> = new Map();

interface PerFile {
  /** Facts gathered during ESLint's own traversal by the first rule created for the file. */
  collector: Collector | null;
  facts: FileFacts | null;
  analyses: Map<string, FileAnalysis>;
  /** The text gate's answer ({@link fileMayHaveSources}), once known. */
  gate?: boolean;
  /** The gate's source and env words, `process.env` counted (the entry points search only for the others). */
  words?: TextWords;
}

const cache = new WeakMap<object, PerFile>();
const settingsCache = new WeakMap<object, { settings: Settings; key: string } | { error: string }>();

/** Counts analyses built (not served from the cache); read by tests and the benchmark. */
export const analysisStats = { built: 0 };

/** With malformed settings (`ok: false`), the analysis uses the default settings. */
export type AnalysisResult = { ok: true; analysis: FileAnalysis } | { ok: false; error: string; analysis: FileAnalysis };

/** What the analysis needs of a rule's context: the file and the shared settings. */
export type AnalysisContext = Pick<Readonly<RuleContext<string, readonly unknown[]>>, "settings"> & {
  readonly sourceCode: Readonly<SourceCode>;
  /** The project around the file, for following calls into its other modules (absent: none). */
  readonly project?: (settings: Settings) => ProjectView | null;
  /** The Worker config of the file (absent: none looked for). */
  readonly worker?: (settings: Settings) => WorkerView | null;
  /** The kinds the file's own env types give bindings, asked when it has no Worker config. */
  readonly kinds?: (settings: Settings) => ReadonlyMap<string, BindingKind>;
};

function perFile(program: object): PerFile {
  let entry = cache.get(program);
  if (!entry) {
    entry = { collector: null, facts: null, analyses: new Map() };
    cache.set(program, entry);
  }
  return entry;
}

/**
 * The collector a rule should feed from its listeners, or null when another rule of the plugin
 * already does for this file: ESLint walks the file once, and one rule records for all.
 */
export function claimCollector(context: AnalysisContext): Collector | null {
  const entry = perFile(context.sourceCode.ast);
  if (entry.collector || entry.facts) return null;
  entry.collector = createCollector();
  return entry.collector;
}

/**
 * Whether the file can hold a finding of any rule: false when its text names no source of env or
 * request state ({@link fileGate}). Asked by each rule before ESLint's walk; a file that
 * cannot is left there, with no facts collected, no analysis and no Worker config looked for.
 * Malformed settings are reported in every file, so such a file always takes the full path.
 */
export function fileMayHaveSources(context: AnalysisContext): boolean {
  const entry = perFile(context.sourceCode.ast);
  if (entry.gate === undefined) {
    const parsed = settingsOf(context);
    const gate = fileGate(context.sourceCode.text, "error" in parsed ? DEFAULT_SETTINGS : parsed.settings);
    entry.gate = "error" in parsed || gate.may;
    entry.words = gate.words;
  }
  return entry.gate;
}

/** Called by the collecting rule once the traversal is over. */
export function finishCollector(context: AnalysisContext, collector: Collector): void {
  const entry = perFile(context.sourceCode.ast);
  if (entry.collector === collector && !entry.facts) entry.facts = collector.finish();
}

const DEFAULTS = { settings: DEFAULT_SETTINGS, key: "default" };

function settingsOf(context: AnalysisContext): { settings: Settings; key: string } | { error: string } {
  const raw = (context.settings ?? {}) as Record<string, unknown>;
  if (raw[SETTINGS_KEY] === undefined) return DEFAULTS;
  let hit = settingsCache.get(raw);
  if (!hit) {
    try {
      const settings = readSettings(raw);
      hit = { settings, key: settingsKey(settings) };
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e;
      hit = { error: e.message };
    }
    settingsCache.set(raw, hit);
  }
  return hit;
}

/**
 * The settings an analysis runs with: `processEnv` not set means what the Worker's config says
 * (its text bindings are in `process.env`, or not).
 */
export function effectiveSettings(settings: Settings, worker: WorkerView | null): Settings {
  if (settings.processEnv !== null) return settings;
  return withProcessEnv(settings, !!worker && !worker.error && worker.processEnv);
}

/** The shared analysis of the file a rule is linting. */
export function getAnalysis(context: AnalysisContext): AnalysisResult {
  const sourceCode = context.sourceCode;
  const parsed = settingsOf(context);
  const { settings: given, key: givenKey } = "error" in parsed ? DEFAULTS : parsed;
  const entry = perFile(sourceCode.ast);
  let analysis = entry.analyses.get(givenKey);
  if (!analysis) {
    // The Worker's config picks `processEnv` when the settings leave it open, which matters only to
    // a text that names `env` as a word (`process.env`, `c.env`, an import of `env`); any other file
    // (one that only calls `fetch()`, say) looks its Worker up when a rule asks.
    const lookUp = () => context.worker?.(given) ?? null;
    const now = given.processEnv === null && entry.words?.env !== false ? lookUp() : undefined;
    // (Not looked up, it stays open: a module another module's function reads `process.env` in is judged by its own config.)
    const settings = now === undefined ? given : effectiveSettings(given, now);
    // Facts from ESLint's traversal when a rule of the plugin collected them; else a walk of our own.
    analysis = new FileAnalysis(sourceCode, settings, {
      facts: entry.facts ?? undefined,
      project: context.project?.(settings) ?? null,
      worker: now === undefined ? lookUp : now,
      words: entry.words,
      kinds: context.kinds && (() => context.kinds!(settings)),
    });
    analysisStats.built++;
    entry.analyses.set(givenKey, analysis);
  }
  return "error" in parsed ? { ok: false, error: parsed.error, analysis } : { ok: true, analysis };
}
