import { createAnalysedRule } from "../src/create-rule";
import { topLevelEnvDerivation, type TopLevelOptions } from "../src/findings";

type MessageIds = "topLevelValue" | "topLevelClient" | "topLevelContext";

export default createAnalysedRule<MessageIds, TopLevelOptions & Record<string, unknown>>({
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
  check(analysis, options, context) {
    for (const f of topLevelEnvDerivation(analysis, options)) {
      context.report({ loc: f.loc, messageId: f.messageId as MessageIds, data: f.data });
    }
  },
});
