/**
 * A small typed rule creator: docs URL from the rule name, options merged over
 * `meta.defaultOptions` (ESLint 8 does not apply them itself), settings errors reported once.
 */
import type { RuleContext, RuleListener, RuleModule, RuleMetaData } from "@typescript-eslint/utils/ts-eslint";
import { claimCollector, finishCollector, getAnalysis, type FileAnalysis } from "./engine/analysis";
import { COLLECTED_EXIT_TYPES, COLLECTED_TYPES } from "./engine/collect";
import { readPackage } from "./package-info";
import { claimSettingsReport } from "./settings";

const EXIT_SELECTORS = COLLECTED_EXIT_TYPES.map((type) => `${type}:exit`);

// The rule docs ship in the package and live in the repository that package.json names.
const REPO_URL = readPackage().repositoryUrl;

export function docsUrl(name: string): string | undefined {
  return REPO_URL === undefined ? undefined : `${REPO_URL}/blob/main/docs/rules/${name}.md`;
}

export interface RuleDocs {
  description: string;
  recommended: boolean;
}

export type Meta<M extends string> = Omit<RuleMetaData<M, RuleDocs>, "docs" | "messages"> & {
  docs: Omit<RuleDocs, never>;
  messages: Record<M, string>;
};

export interface AnalysedRule<M extends string, O extends Record<string, unknown>> {
  name: string;
  meta: Meta<M>;
  defaultOptions: O;
  /** Called once per file with the shared analysis; reports through `context`. */
  check(analysis: FileAnalysis, options: O, context: Readonly<RuleContext<M | "invalidSettings", [Partial<O>?]>>): void;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function mergeOptions<O extends Record<string, unknown>>(defaults: O, given: unknown): O {
  if (!isPlainObject(given)) return { ...defaults };
  return { ...defaults, ...given } as O;
}

export type PluginRule = RuleModule<string, [Record<string, unknown>?], RuleDocs, RuleListener> & {
  meta: { defaultOptions?: unknown[] };
};

/**
 * Builds a rule that runs on the shared analysis at `Program:exit` (facts are collected by the
 * analysis' own walk, so the rule needs no other visitor).
 */
export function createAnalysedRule<M extends string, O extends Record<string, unknown>>(rule: AnalysedRule<M, O>): PluginRule {
  const hasOptions = Array.isArray(rule.meta.schema) && rule.meta.schema.length > 0;
  const meta = {
    ...rule.meta,
    docs: { ...rule.meta.docs, url: docsUrl(rule.name) },
    messages: {
      ...rule.meta.messages,
      invalidSettings: "Invalid plugin settings: {{error}} This file was linted with the default settings.",
    },
    ...(hasOptions ? { defaultOptions: [rule.defaultOptions] } : {}),
  };
  return {
    meta,
    defaultOptions: hasOptions ? [rule.defaultOptions] : [],
    create(context: Readonly<RuleContext<string, [Record<string, unknown>?]>>): RuleListener {
      const options = context.options.length ? mergeOptions(rule.defaultOptions, context.options[0]) : rule.defaultOptions;
      // The first of the plugin's rules created for a file records the facts for all of them as
      // ESLint walks the file; the others register nothing but their Program:exit.
      const collector = claimCollector(context as never);
      const listeners: Record<string, (node: never) => void> = {
        "Program:exit"(node: never) {
          if (collector) finishCollector(context as never, collector);
          try {
            const result = getAnalysis(context as never);
            // Malformed settings: one report per file, and the findings under the default settings.
            if (!result.ok && claimSettingsReport(node, context.id)) {
              context.report({ node, loc: { line: 1, column: 0 }, messageId: "invalidSettings", data: { error: result.error } });
            }
            rule.check(result.analysis, options, context as never);
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
        const enter = (node: never) => collector.enter(node);
        const leave = (node: never) => collector.leave(node);
        for (const type of COLLECTED_TYPES) listeners[type] = enter;
        for (const type of EXIT_SELECTORS) listeners[type] = leave;
      }
      return listeners;
    },
  } as unknown as PluginRule;
}
