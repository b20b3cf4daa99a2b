/**
 * One analysis per file, shared by every rule of the plugin: the walk, the evaluator and the
 * list of stores are computed once (per settings) and cached on the Program node.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { RuleContext, SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { DEFAULT_SETTINGS, readSettings, SETTINGS_KEY, settingsKey, SettingsError, type Settings } from "../settings";
import { collect, createCollector, type Collector, type FileFacts } from "./collect";
import { Evaluator } from "./evaluate";
import { Sinks, type Store } from "./sinks";
import type { Node } from "./values";

export class FileAnalysis {
  readonly facts: FileFacts;
  readonly evaluator: Evaluator;
  readonly sinks: Sinks;
  private storesMemo: Store[] | null = null;

  constructor(
    readonly sourceCode: Readonly<SourceCode>,
    readonly settings: Settings,
    facts?: FileFacts,
  ) {
    const keys = (sourceCode.visitorKeys ?? {}) as Record<string, readonly string[]>;
    this.facts = facts ?? collect(sourceCode.ast as TSESTree.Program, keys);
    this.evaluator = new Evaluator(sourceCode, this.facts, settings);
    this.sinks = new Sinks(this.evaluator);
  }

  /** Every store into module scope, with its traced value; computed once for all rules. */
  stores(): Store[] {
    if (!this.storesMemo) this.storesMemo = this.sinks.stores(this.facts.assignments, this.facts.calls);
    return this.storesMemo;
  }

  /** Source text for messages. */
  text(node: Node): string {
    return this.sourceCode.getText(node);
  }
}

interface PerFile {
  /** Facts gathered during ESLint's own traversal by the first rule created for the file. */
  collector: Collector | null;
  facts: FileFacts | null;
  analyses: Map<string, FileAnalysis>;
}

const cache = new WeakMap<object, PerFile>();
const settingsCache = new WeakMap<object, { settings: Settings; key: string } | { error: string }>();

/** Counts analyses built (not served from the cache); read by tests and the benchmark. */
export const analysisStats = { built: 0 };

/** With malformed settings (`ok: false`), the analysis uses the default settings. */
export type AnalysisResult = { ok: true; analysis: FileAnalysis } | { ok: false; error: string; analysis: FileAnalysis };

type AnyContext = Readonly<RuleContext<string, readonly unknown[]>>;

function sourceCodeOf(context: AnyContext): Readonly<SourceCode> {
  return (context.sourceCode ?? (context as any).getSourceCode()) as Readonly<SourceCode>;
}

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
export function claimCollector(context: AnyContext): Collector | null {
  const entry = perFile(sourceCodeOf(context).ast);
  if (entry.collector || entry.facts) return null;
  entry.collector = createCollector();
  return entry.collector;
}

/** Called by the collecting rule once the traversal is over. */
export function finishCollector(context: AnyContext, collector: Collector): void {
  const entry = perFile(sourceCodeOf(context).ast);
  if (entry.collector === collector && !entry.facts) entry.facts = collector.finish();
}

const DEFAULTS = { settings: DEFAULT_SETTINGS, key: "default" };

function settingsOf(context: AnyContext): { settings: Settings; key: string } | { error: string } {
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

/** The shared analysis of the file a rule is linting. */
export function getAnalysis(context: AnyContext): AnalysisResult {
  const sourceCode = sourceCodeOf(context);
  const parsed = settingsOf(context);
  const { settings, key } = "error" in parsed ? DEFAULTS : parsed;
  const entry = perFile(sourceCode.ast);
  let analysis = entry.analyses.get(key);
  if (!analysis) {
    // Facts from ESLint's traversal when a rule of the plugin collected them; else a walk of our own.
    analysis = new FileAnalysis(sourceCode, settings, entry.facts ?? undefined);
    analysisStats.built++;
    entry.analyses.set(key, analysis);
  }
  return "error" in parsed ? { ok: false, error: parsed.error, analysis } : { ok: true, analysis };
}
