import { createAnalysedRule } from "../src/create-rule";
import { requestStateInGlobalScope, type RequestStateOptions } from "../src/findings";

type MessageIds = "requestIoInModuleScope" | "requestDataInModuleScope";

export default createAnalysedRule<MessageIds, RequestStateOptions & Record<string, unknown>>({
  name: "no-request-state-in-global-scope",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow storing a request's data or I/O objects in module scope",
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
            description: "Module-scope names whose stores are deliberate per-isolate caches and not reported.",
          },
        },
      },
    ],
    messages: {
      requestIoInModuleScope:
        "{{origin}} is an I/O object of one request, stored in module-scope {{target}}: used from another request it throws \"Cannot perform I/O on behalf of a different request\". Keep it inside the request that created it (pass it down, or use `ctx.waitUntil`).",
      requestDataInModuleScope:
        "{{origin}} is data of one request, stored in module-scope {{target}}: the isolate serves other requests concurrently, so it leaks to them (another user may see it). Keep it in a local, or pass it down.",
    },
  },
  defaultOptions: { allow: [] },
  check(analysis, options, context) {
    for (const f of requestStateInGlobalScope(analysis, options)) {
      context.report({ loc: f.loc, messageId: f.messageId as MessageIds, data: f.data });
    }
  },
});
