/**
 * Findings for calls that hand a derived value to another module: shared by the rules that
 * report them (env values, request state), so both word the other file's store alike.
 */
import type { FileAnalysis } from "./engine/analysis";
import { CLIENT_VARIABLE } from "./engine/context-vars";
import { nameSaysItKeeps, type ModuleCall, type ParamStore } from "./engine/module-calls";
import type { Sinks } from "./engine/sinks";
import { secretNamed, type Node, type Taint, type Val } from "./engine/values";
import { shownPath } from "./project/resolve";

/**
 * The first argument a picker accepts (with what the callee keeps of it) whose parameter the callee
 * keeps, with where: one kept itself (or a member of it, or what is built from it) before one of
 * which the callee keeps only data it reads through it, which a message names less closely; of
 * several kept, the first with a secret-like name.
 */
export function storedArgument(call: ModuleCall, accepts: (value: Val, store: ParamStore) => boolean): { node: Node; value: Val; store: ParamStore } | null {
  if (call.resolution !== "summarised") return null;
  let data: { node: Node; value: Val; store: ParamStore } | null = null;
  let kept: { node: Node; value: Val; store: ParamStore } | null = null;
  for (const arg of call.args) {
    if (!arg.store || !accepts(arg.value, arg.store)) continue;
    const found = { node: arg.node, value: arg.value, store: arg.store };
    if (arg.store.shape === "data") data ??= found;
    // Of several kept, a secret-like one is what a message names (`getClient(env.URL, env.KEY)`: the key),
    // and a pending call or a request's I/O object before its data (`lru.set(path, job)`: the job).
    else if (!kept || (weight(found) > weight(kept))) kept = found;
    else if (arg.value.env && secretNamed(arg.value.env) && !(kept.value.env && secretNamed(kept.value.env))) kept = found;
  }
  return kept ?? data;
}

/** How much a kept argument says of the hazard: a promise kept, then a request's I/O object, then anything else. */
function weight(kept: { value: Val; store: ParamStore }): number {
  return kept.store.promise ? 2 : kept.value.req?.io ? 1 : 0;
}

/**
 * The argument carrying a request's state that the callee keeps, as no-request-state-in-global-scope
 * reports it. Not: a number the callee computes from it (`count = items.length`); an entry keyed by
 * the request's own I/O object handed (`perRequest.set(req, …)`); what an entry computed from its key
 * alone holds (a memo; a key that is the request's own I/O object is found by that request alone);
 * what the callee reads out of a fetched response (the upstream's data).
 */
export function keptRequestState(call: ModuleCall, sinks: Sinks): { node: Node; value: Val; store: ParamStore } | null {
  return storedArgument(call, (v, store) => !!v.req && !v.req.moduleState && (!!store.promise || keptAsRequestState(v.req, store, call, sinks)));
}

/**
 * Whether what a store keeps of a request's state handed to it is that state (the checks above). (A
 * promise of the callee's own work made from it is I/O of this request whatever its key: not asked.)
 */
function keptAsRequestState(req: Taint, store: ParamStore, call: ModuleCall, sinks: Sinks): boolean {
  return (
    !(req.fetched && !req.io) &&
    !(req.fetched && store.shape === "data") &&
    // Rows read through a database client a request's context carries (`locals.app.db` handed): the database's data, as a binding's.
    !(store.shape === "data" && !req.io && CLIENT_VARIABLE.test(req.origin.replace(/`/g, "").split(".").pop() ?? "")) &&
    !store.number &&
    !(store.keyedByArgument && req.io) &&
    !store.entryOfKey &&
    !(store.keySet && !req.io) &&
    !store.freshKey &&
    !store.fetched &&
    !(store.mirrored && !req.io) &&
    // An entry whose value is computed from its key (`remember(id, await env.KV.get(id))`): a memo.
    !(store.entry && !req.io && sinks.handedEntryIsMemo(call.node, store.entry, req, "req"))
  );
}

/** Whether two stores a call's arguments reach are the same place of the other module. */
export function samePlace(a: ParamStore, b: ParamStore): boolean {
  return a.file === b.file && a.line === b.line && a.target === b.target;
}

/** Where a store of another file is, as a message says it: `./db/client.ts:10`. */
export function storeLocation(analysis: FileAnalysis, store: ParamStore): { where: string; file: string; line: string } {
  const file = shownPath(analysis.project?.filename ?? null, store.file);
  return { where: `${file}:${store.line}`, file, line: String(store.line) };
}

/**
 * A test that passes once per value kept in one place of another module, for one file's calls:
 * every call that reaches the place says the same, and the fix is there.
 */
export function oncePerPlace(analysis: FileAnalysis): (origin: string, store: ParamStore) => boolean {
  const seen = new Set<string>();
  return (origin, store) => {
    const place = `${origin}\u0000${store.target}\u0000${storeLocation(analysis, store).where}`;
    if (seen.has(place)) return false;
    seen.add(place);
    return true;
  };
}

/** A call judged by the callee's name alone: unresolved, at request time, named like a setter. */
export function judgedByName(call: ModuleCall): boolean {
  return call.resolution === "unresolved" && !call.topLevel && nameSaysItKeeps(call.node, call.callee);
}
