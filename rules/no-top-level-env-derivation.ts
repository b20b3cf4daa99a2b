/**
 * no-top-level-env-derivation: values derived from the imported `env` (or an accessor) while the
 * module is first evaluated, which stay a snapshot of that moment; and request-context accessors
 * called at module evaluation, outside any request.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { createAnalysedRule, type Finding } from "../src/create-rule";
import { unwrap } from "../src/engine/ast";
import type { FileAnalysis } from "../src/engine/analysis";
import { shapeOf } from "../src/engine/shape";
import { isInsideClassOrFunction } from "../src/engine/sinks";
import { ACCESSOR_CALLS, ACCESSOR_SOURCES, LIVE_ENV_IMPORTS } from "../src/engine/sources";
import { quote } from "../src/messages";

type MessageIds = "topLevelValue" | "topLevelClient" | "topLevelContext";

interface Options {
  allowPrimitives: boolean;
}

/** Whether anything in the file can reach env while the module is evaluated. */
function hasModuleTimeSource(analysis: FileAnalysis): boolean {
  const { settings } = analysis;
  if (settings.processEnv || settings.envAccessors.length > 0) return true;
  for (const source of analysis.facts.importsFrom) {
    if (ACCESSOR_SOURCES.has(source) || LIVE_ENV_IMPORTS.some((l) => !l.processEnv && l.source === source)) return true;
  }
  return false;
}

function* check(analysis: FileAnalysis, options: Options): Iterable<Finding<MessageIds>> {
  if (!hasModuleTimeSource(analysis)) return;
  // getCloudflareContext() / getRequestContext() while the module is evaluated.
  const contextCalls: [number, number][] = [];
  for (const site of analysis.facts.calls) {
    if (site.fn !== null) continue;
    const call = site.node as TSESTree.CallExpression;
    const callee = unwrap(call.callee);
    if (callee.type !== "Identifier") continue;
    const info = analysis.scopes.importOfId(callee);
    const spec = info ? ACCESSOR_CALLS.get(info.imported) : undefined;
    if (!spec?.requestContext || !spec.sources.includes(info!.source)) continue;
    if (isInsideClassOrFunction(call)) continue;
    yield { loc: call.loc, messageId: "topLevelContext", data: { callee: callee.name } };
    contextCalls.push(call.range);
  }
  for (const store of analysis.sinks.moduleEvaluationStores()) {
    const env = store.value.env;
    if (!env) continue;
    if (env.live && env.envPath?.length === 0) continue; // an alias of the live `env` is still live
    if (env.bindingData) continue;
    if (store.how === "declare") {
      const [start, end] = store.node.range;
      if (contextCalls.some(([a, b]) => a >= start && b <= end)) continue; // reported as topLevelContext
    }
    const shape = shapeOf(analysis.scopes, store.valueNode, env);
    if (options.allowPrimitives && shape === "value") continue;
    yield {
      loc: store.loc,
      messageId: shape === "client" ? "topLevelClient" : "topLevelValue",
      data: { target: store.target.label, origin: quote(env.origin) },
    };
  }
}

export default createAnalysedRule<MessageIds, Options>({
  name: "no-top-level-env-derivation",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow deriving values from the imported `env` while the module is first evaluated",
      recommended: true,
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          allowPrimitives: {
            type: "boolean",
            description:
              "Allow top-level copies of plain values (`const KEY = env.API_KEY`) while still reporting clients built from `env`.",
          },
        },
      },
    ],
    messages: {
      topLevelValue:
        "{{target}} is derived from {{origin}} once, when the isolate first evaluates this module: it stays a stale snapshot after a bindings-only deploy. Read `env` inside the handler or a function it calls.",
      topLevelClient:
        "{{target}} is built from {{origin}} once, when the isolate first evaluates this module: it keeps stale bindings after a bindings-only deploy, and a client holding connections fails on later requests with \"Cannot perform I/O on behalf of a different request\". Create it inside the handler or a function it calls.",
      topLevelContext:
        "`{{callee}}()` runs while the module is evaluated, outside any request: its `env` and `ctx` are not that of the requests that follow. Call it inside the handler or a function it calls.",
    },
  },
  defaultOptions: { allowPrimitives: false },
  check,
});
