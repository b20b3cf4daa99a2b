import { createAnalysedRule } from "../src/create-rule";
import { envMutation } from "../src/findings";

type MessageIds = "envMutation" | "bindingMutation";

export default createAnalysedRule<MessageIds, Record<string, unknown>>({
  name: "no-env-mutation",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow writing onto the `env` object or its bindings, which every request of the isolate shares",
      recommended: true,
    },
    schema: [],
    messages: {
      envMutation:
        "`{{target}}` writes onto {{origin}}, the env object every request of this isolate shares: the value leaks to other requests and survives until the isolate ends. Keep per-request values in locals, or cache in a `WeakMap` keyed by `env`.",
      bindingMutation:
        "`{{target}}` writes onto binding {{origin}}, which every request of this isolate shares: the value leaks to other requests. Keep per-request values in locals; call the binding's methods to store data.",
    },
  },
  defaultOptions: {},
  check(analysis, _options, context) {
    for (const f of envMutation(analysis)) {
      context.report({ loc: f.loc, messageId: f.messageId as MessageIds, data: f.data });
    }
  },
});
