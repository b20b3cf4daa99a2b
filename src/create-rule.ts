/**
 * A small typed rule creator: docs URL from the rule name, options merged over
 * `meta.defaultOptions` (ESLint 8 does not apply them itself), settings errors reported once,
 * and the findings a rule's `check` returns reported through the context.
 */
import type { JSONSchema4 } from "@typescript-eslint/utils/json-schema";
import type { TSESTree } from "@typescript-eslint/utils";
import type { RuleContext, RuleListener, RuleModule, RuleMetaData, SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { claimCollector, fileMayHaveSources, finishCollector, getAnalysis, type AnalysisContext, type FileAnalysis } from "./engine/analysis";
import { COLLECTED_EXIT_TYPES, COLLECTED_TYPES } from "./engine/collect";
import { fitMessage } from "./messages";
import { readPackage } from "./package-info";
import { parserSpecOf } from "./project/parse";
import { projectFor } from "./project/project";
import { ownTypeKinds, workerFor } from "./project/workers";
import { claimSettingsReport } from "./settings";

const EXIT_SELECTORS = COLLECTED_EXIT_TYPES.map((type) => `${type}:exit`);

// The rule docs ship in the package and live in the repository that package.json names.
const REPO_URL = readPackage().repositoryUrl;

/** Whether the file is one of the static assets its Worker serves (an unreadable folder or config: no). */
function isStaticAsset(filename: string, settings: FileAnalysis["settings"]): boolean {
  try {
    return !!workerFor(filename, settings)?.staticAsset;
  } catch {
    return false;
  }
}

export function docsUrl(name: string): string | undefined {
  return REPO_URL === undefined ? undefined : `${REPO_URL}/blob/main/docs/rules/${name}.md`;
}

export interface RuleDocs {
  description: string;
  recommended: boolean;
  /** The severity the recommended configs give the rule (default `"error"`). */
  recommendedSeverity?: "warn" | "error";
}

/** The message id every rule has for malformed plugin settings. */
export type SettingsMessageId = "invalidSettings" | "invalidWorkerConfig";

export type Meta<M extends string> = Omit<RuleMetaData<M, RuleDocs>, "docs" | "messages"> & {
  docs: RuleDocs;
  messages: Record<M, string>;
};

/** One report of a rule: where, which message, and the message's data. */
export interface Finding<M extends string> {
  loc: TSESTree.SourceLocation;
  messageId: M;
  data: Record<string, string>;
}

export interface AnalysedRule<M extends string, O extends object> {
  name: string;
  meta: Meta<M>;
  defaultOptions: O;
  /** Called once per file with the shared analysis; returns what the rule reports. */
  check(analysis: FileAnalysis, options: O): Iterable<Finding<M>>;
}

/** A rule of this plugin as ESLint and the rule testers see it. */
export type PluginRule<M extends string = string, O extends object = Record<string, unknown>> = RuleModule<
  M | SettingsMessageId,
  [Partial<O>?],
  RuleDocs,
  RuleListener
>;

/** The schema of a rule's `allow` option: names whose findings are deliberate, each rule saying which. */
export function allowOption(description: string): JSONSchema4 {
  return { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true, description };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function mergeOptions<O extends object>(defaults: O, given: unknown): O {
  if (!isPlainObject(given)) return { ...defaults };
  return { ...defaults, ...given } as O;
}

/**
 * Builds a rule that runs on the shared analysis at `Program:exit` (facts are collected by the
 * analysis' own walk, so the rule needs no other visitor).
 */
export function createAnalysedRule<M extends string, O extends object>(rule: AnalysedRule<M, O>): PluginRule<M, O> {
  const hasOptions = Array.isArray(rule.meta.schema) && rule.meta.schema.length > 0;
  const defaultOptions: [Partial<O>?] = hasOptions ? [rule.defaultOptions] : [];
  const messages = {
    ...rule.meta.messages,
    invalidSettings: "Invalid plugin settings: {{error}} This file was linted with the default settings.",
    invalidWorkerConfig: "Worker config not read: {{error}} This file was linted without it.",
  } as Record<M | SettingsMessageId, string>;
  // The options of a configuration are one object for every file it lints: merged once.
  const merged = new WeakMap<object, O>();
  const optionsOf = (given: unknown): O => {
    if (typeof given !== "object" || given === null) return mergeOptions(rule.defaultOptions, given);
    let options = merged.get(given);
    if (!options) merged.set(given, (options = mergeOptions(rule.defaultOptions, given)));
    return options;
  };
  return {
    meta: {
      ...rule.meta,
      docs: { ...rule.meta.docs, url: docsUrl(rule.name) },
      messages,
      ...(hasOptions ? { defaultOptions } : {}),
    },
    defaultOptions,
    create(context: Readonly<RuleContext<M | SettingsMessageId, [Partial<O>?]>>): RuleListener {
      const options = context.options.length ? optionsOf(context.options[0]) : rule.defaultOptions;
      const sourceCode = (context.sourceCode ?? (context as { getSourceCode?: () => SourceCode }).getSourceCode?.()) as Readonly<SourceCode>;
      const file: AnalysisContext = {
        sourceCode,
        settings: context.settings,
        project: (settings) => projectFor(context.physicalFilename ?? context.filename, sourceCode.text, parserSpecOf(context), settings),
        worker: (settings) => {
          // An unreadable Worker folder must not cost the file its other findings.
          try {
            return workerFor(context.physicalFilename ?? context.filename, settings, sourceCode.text);
          } catch (error) {
            if (process.env.CLOUDFLARE_WORKERS_LINT_STRICT) throw error;
            return null;
          }
        },
        kinds: (settings) => {
          try {
            return ownTypeKinds(context.physicalFilename ?? context.filename, sourceCode.text, settings);
          } catch (error) {
            if (process.env.CLOUDFLARE_WORKERS_LINT_STRICT) throw error;
            return new Map();
          }
        },
      };
      // A file whose text names no source can hold no finding: nothing to collect or analyse.
      if (!fileMayHaveSources(file)) return {};
      // The first of the plugin's rules created for a file records the facts for all of them as
      // ESLint walks the file; the others register nothing but their Program:exit.
      const collector = claimCollector(file);
      const listeners: RuleListener = {
        "Program:exit"(node: TSESTree.Program) {
          if (collector) finishCollector(file, collector);
          try {
            const result = getAnalysis(file);
            // Malformed settings: one report per file, and the findings under the default settings.
            if (!result.ok && claimSettingsReport(node, context.id)) {
              const data = fitMessage(messages.invalidSettings, { error: result.error });
              context.report({ node, loc: { line: 1, column: 0 }, messageId: "invalidSettings", data });
            }
            // One line each: long names are shortened in the middle so the message fits. (None in a
            // static asset the Worker serves, a browser's bundle that it never runs: asked once a
            // finding is made, of the config alone.)
            let asset: boolean | undefined;
            for (const f of rule.check(result.analysis, options)) {
              asset ??= isStaticAsset(context.physicalFilename ?? context.filename, result.analysis.settings);
              if (asset) break;
              context.report({ loc: f.loc, messageId: f.messageId, data: fitMessage(messages[f.messageId], f.data) });
            }
            // A Worker config that does not parse, once the analysis has looked for it: one report
            // per file, and no other effect.
            const configError = result.analysis.knownWorkerError();
            if (configError && claimSettingsReport(node, context.id, "config")) {
              const data = fitMessage(messages.invalidWorkerConfig, { error: configError });
              context.report({ node, loc: { line: 1, column: 0 }, messageId: "invalidWorkerConfig", data });
            }
          } catch (error) {
            // Safety net: a lint run must never stop because of this plugin. Tests and the
            // real-code script set the variable below so that any such error surfaces there.
            if (process.env.CLOUDFLARE_WORKERS_LINT_STRICT) throw error;
          }
        },
      };
      if (collector) {
        // Plain node types (not a selector list): ESLint dispatches them without selector
        // matching, which also keeps its deep traversals free of esquery's regular expressions.
        // The collector's own functions (closures over its state), with no wrapper call per node.
        const on = listeners as Record<string, (node: TSESTree.Node) => void>;
        for (const type of COLLECTED_TYPES) on[type] = collector.enter;
        for (const type of EXIT_SELECTORS) on[type] = collector.leave;
      }
      return listeners;
    },
  };
}
