import { createAnalysedRule } from "../src/create-rule";
import { envInGlobalScope, type EnvInGlobalScopeOptions } from "../src/findings";

type MessageIds = "storedInModuleScope" | "lazySingleton" | "addedToCollection" | "handedToSetter";

export default createAnalysedRule<MessageIds, EnvInGlobalScopeOptions & Record<string, unknown>>({
  name: "no-env-in-global-scope",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow storing values derived from a Worker's `env` in module scope",
      recommended: true,
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          allow: {
            type: "array",
            items: { type: "string", minLength: 1 },
            uniqueItems: true,
            description: "Module-scope names (or imported setter names) whose stores are deliberate and not reported.",
          },
          bindingDataIsDerived: {
            type: "boolean",
            description:
              "Also report data read through a binding and awaited (`await env.KV.get(k)`), which is plain data by default.",
          },
        },
      },
    ],
    messages: {
      storedInModuleScope:
        "{{origin}} is stored in module-scope {{target}}, which outlives the request: {{hazard}}. {{fix}}.",
      lazySingleton:
        "Lazy singleton {{target}} is built from {{origin}} on the first request and reused by every later one: {{hazard}}. {{fix}}.",
      addedToCollection:
        "{{origin}} is added to module-scope {{target}}, which outlives the request: {{hazard}}. {{fix}}.",
      handedToSetter:
        "{{origin}} is handed to `{{callee}}` from \"{{source}}\", which by its name keeps it in that module's scope beyond this request. Pass `env` to the code that needs it on each request instead.",
    },
  },
  defaultOptions: { allow: [], bindingDataIsDerived: false },
  check(analysis, options, context) {
    for (const f of envInGlobalScope(analysis, options)) {
      context.report({ loc: f.loc, messageId: f.messageId as MessageIds, data: f.data });
    }
  },
});
