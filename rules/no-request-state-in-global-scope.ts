/**
 * no-request-state-in-global-scope: a request's data or I/O objects (the request, its body and
 * headers, `ctx`, sockets, responses) stored in module scope, where other requests reach them.
 */
import { allowOption, createAnalysedRule, type Finding } from "../src/create-rule";
import type { FileAnalysis } from "../src/engine/analysis";
import { statementKey, targetRootName } from "../src/engine/targets";
import { keptRequestState, oncePerPlace, storeLocation } from "../src/handoffs";
import { pendingCall, type Shape } from "../src/engine/shape";
import { isFunction, propertyValue, shortText, unwrap } from "../src/engine/ast";
import { extendLabel, type Node } from "../src/engine/values";
import { quote } from "../src/messages";

type MessageIds =
  | "requestIoInModuleScope"
  | "requestDataInModuleScope"
  | "eventDataInModuleScope"
  | "requestPromiseInModuleScope"
  | "requestHandedToModuleStore"
  | "requestPromiseHandedToModuleStore"
  | "requestDataReadByModuleStore";

/**
 * The shapes of what a callee keeps that were read from its parameter (a member, a method's
 * result), not the parameter itself or something built around it (`env`, `closure`, `client`, …).
 */
const READ_FROM_PARAMETER: ReadonlySet<Shape> = new Set<Shape>(["value", "data", "secret", "storeSecret", "binding"]);

interface Options {
  allow: string[];
}

/**
 * The member of the handed argument the callee reads (`req.url` of `keep(req)`), as the message
 * extends the origin with it. Handed an object literal (`{ env: c.env, req: c.req.raw }`), the
 * origin is already a property's own value: that member names nothing more when it is the property
 * holding the request's state (`undefined`), and the state reaches the store through another
 * property when it holds none ("elsewhere").
 */
function readMember(analysis: FileAnalysis, argument: Node, member: string | undefined): string | undefined | "elsewhere" {
  if (member === undefined || unwrap(argument).type !== "ObjectExpression") return member;
  const property = propertyValue(argument, member);
  return property && analysis.trace.valueAt(property).req ? undefined : "elsewhere";
}

/** The call a pending promise is of, as written; a function called in place by its shape (`(async () => …)()`). */
function pendingLabel(analysis: FileAnalysis, call: Node): string {
  const callee = call.type === "CallExpression" ? unwrap(call.callee as Node) : null;
  if (!callee || !isFunction(callee)) return shortText(analysis.text(call));
  return `(${callee.async ? "async " : ""}${callee.type === "ArrowFunctionExpression" ? "() => …" : "function () { … }"})()`;
}

function* check(analysis: FileAnalysis, options: Options): Iterable<Finding<MessageIds>> {
  if (!analysis.entry.mayHaveSources()) return;
  const allow = new Set(options.allow);
  const { sinks } = analysis;
  const reported = new Set<string>();
  for (const store of sinks.stores()) {
    if (store.topLevel || reported.has(statementKey(store)) || (allow.size > 0 && allow.has(targetRootName(store.target)))) continue;
    const req = sinks.requestStateOf(store);
    if (!req) continue;
    reported.add(statementKey(store)); // one finding per statement and place: `[last.user, last.ip] = [user, ip]`
    const event = req.event ?? "request";
    // The promise of an async function of the file made from it: I/O this request started, which
    // another request that awaits it may wait on for ever.
    const pending = pendingCall(analysis.functions, store.valueNode);
    if (pending) {
      yield { loc: store.loc, messageId: "requestPromiseInModuleScope", data: { target: store.target.label, origin: quote(pendingLabel(analysis, pending)), event } };
      continue;
    }
    yield {
      loc: store.loc,
      // (Data of a queue batch, an email, a tail event: every later one of that kind sees it.)
      messageId: req.io ? "requestIoInModuleScope" : event === "request" ? "requestDataInModuleScope" : "eventDataInModuleScope",
      data: { target: store.target.label, origin: quote(req.origin), event },
    };
  }
  // A request's state handed to a function of another module that keeps it: the same state kept
  // in one place, once per file, at its first call.
  const firstAtPlace = oncePerPlace(analysis);
  for (const call of analysis.moduleCalls()) {
    if (call.topLevel) continue;
    const stored = keptRequestState(call, sinks);
    if (!stored || allow.has(call.callee.label)) continue;
    const req = stored.value.req!;
    const store = stored.store;
    const loc = call.node.callee.loc;
    if (!firstAtPlace(req.origin, store)) continue;
    const where = { event: req.event ?? "request", callee: call.callee.label, target: store.target, ...storeLocation(analysis, store) };
    // What the callee keeps: the promise of its work made from it, the argument itself, a member
    // of it (`req.url`), or something else it reads from it (`await req.json()`).
    // (Or the promise of a function of this file handed to it: `lru.set(key, render(request))`.)
    const handed = pendingCall(analysis.functions, stored.node);
    if (store.promise || handed) {
      yield { loc, messageId: "requestPromiseHandedToModuleStore", data: { origin: quote(handed ? shortText(analysis.text(handed)) : req.origin), ...where } };
      continue;
    }
    // Built from a member of it (`new URL(request.url).pathname`), it keeps that member's data, not the I/O object.
    const member = READ_FROM_PARAMETER.has(store.shape) ? store.key : req.io ? (store.key ?? store.path?.[0]) : undefined;
    const read = readMember(analysis, stored.node, member);
    if (read === "elsewhere") {
      yield { loc, messageId: "requestDataReadByModuleStore", data: { origin: quote(req.origin), ...where } };
    } else if (!READ_FROM_PARAMETER.has(store.shape) || (member !== undefined && read === undefined)) {
      yield { loc, messageId: "requestHandedToModuleStore", data: { origin: quote(read === undefined ? req.origin : extendLabel(req.origin, read)), kind: req.io && read === undefined ? "an I/O object" : "data", ...where } };
    } else if (read !== undefined) {
      yield { loc, messageId: "requestHandedToModuleStore", data: { origin: quote(extendLabel(req.origin, read)), kind: "data", ...where } };
    } else if (req.io && store.shape === "value" && store.key === undefined && !store.path?.length) {
      // The I/O object kept as it is handed, also inside what the callee builds (`{ promise, at }` of a pending `fetch()`): no data read off it.
      yield { loc, messageId: "requestHandedToModuleStore", data: { origin: quote(req.origin), kind: "an I/O object", ...where } };
    } else if (!req.io && (store.shape === "value" || store.shape === "secret")) {
      // Data handed, kept as it is or made into text (`{ at, payload }`, `locale.split(",")[0]`): that data, which the callee does not read.
      yield { loc, messageId: "requestHandedToModuleStore", data: { origin: quote(req.origin), kind: "data", ...where } };
    } else {
      yield { loc, messageId: "requestDataReadByModuleStore", data: { origin: quote(req.origin), ...where } };
    }
  }
}

export default createAnalysedRule<MessageIds, Options>({
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
          allow: allowOption("Module-scope names whose stores are deliberate per-isolate caches and not reported."),
        },
      },
    ],
    messages: {
      requestHandedToModuleStore: "{{origin}}, {{kind}} of one {{event}}, is kept by `{{callee}}` in module-scope {{target}} ({{where}}).",
      requestDataReadByModuleStore: "Data `{{callee}}` reads from {{origin}} of one {{event}} is kept in module-scope {{target}} ({{where}}).",
      requestPromiseHandedToModuleStore:
        "{{origin}} of one {{event}}: `{{callee}}` keeps a promise of its I/O in module-scope {{target}} ({{where}}); requests that await it can hang.",
      requestIoInModuleScope:
        '{{origin}}, I/O of one {{event}}, is kept in module-scope {{target}}: others get "Cannot perform I/O on behalf of a different request".',
      requestDataInModuleScope: "{{origin}} is data of one {{event}}, kept in module-scope {{target}}: other users' requests see it.",
      eventDataInModuleScope: "{{origin}} is data of one {{event}}, kept in module-scope {{target}}: every later {{event}} of the isolate sees it.",
      requestPromiseInModuleScope: "The promise of {{origin}}, I/O one {{event}} started, is kept in module-scope {{target}}: requests that await it can hang or fail.",
    },
  },
  defaultOptions: { allow: [] },
  check,
});
