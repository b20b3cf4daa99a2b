/**
 * One analysis per file, shared by every rule of the plugin: the walk, the evaluator and the
 * list of stores are computed once (per settings) and cached on the Program node.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { RuleContext, SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { readSettings, settingsKey, SettingsError, type Settings } from "../settings";
import { collect, type FileFacts } from "./collect";
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
  ) {
    const keys = (sourceCode.visitorKeys ?? {}) as Record<string, readonly string[]>;
    this.facts = collect(sourceCode.ast as TSESTree.Program, keys);
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

const cache = new WeakMap<object, Map<string, FileAnalysis>>();

/** Counts analyses built (not served from the cache); read by tests and the benchmark. */
export const analysisStats = { built: 0 };

export type AnalysisResult = { ok: true; analysis: FileAnalysis } | { ok: false; error: string };

/** The shared analysis of the file a rule is linting. */
export function getAnalysis(context: Readonly<RuleContext<string, readonly unknown[]>>): AnalysisResult {
  const sourceCode = (context.sourceCode ?? (context as any).getSourceCode()) as Readonly<SourceCode>;
  let settings: Settings;
  try {
    settings = readSettings(context.settings);
  } catch (e) {
    if (e instanceof SettingsError) return { ok: false, error: e.message };
    throw e;
  }
  const program = sourceCode.ast;
  let perProgram = cache.get(program);
  if (!perProgram) {
    perProgram = new Map();
    cache.set(program, perProgram);
  }
  const key = settingsKey(settings);
  let analysis = perProgram.get(key);
  if (!analysis) {
    analysis = new FileAnalysis(sourceCode, settings);
    analysisStats.built++;
    perProgram.set(key, analysis);
  }
  return { ok: true, analysis };
}
