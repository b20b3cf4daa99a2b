/**
 * The parameter fixpoint: what the file's call sites pass to each parameter of each function of
 * the file, computed once for the whole file.
 *
 * Each argument's value is traced once (symbolically); a worklist then propagates concrete values
 * along parameter-to-parameter edges until nothing changes. Recursion, direct or mutual, only adds
 * edges; each slot waits in the queue at most once and is queued again only after it changed, so
 * the work stays linear in the number of call sites.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { NodeIds } from "./ast";
import type { Site } from "./collect";
import { paramLabel, type Functions } from "./functions";
import { EMPTY, applyDep, isEmpty, join, transformed, type FunctionNode, type Node, type ParamDep, type Val } from "./values";

/** A step bound: far past what any file needs, it keeps a pathological one from running away. */
const MAX_STEPS = 1_000_000;

export function solveParams(calls: readonly Site[], functions: Functions, valueAt: (node: Node) => Val, ids: NodeIds): Map<Node, Val[]> {
  const solution = new Map<Node, Val[]>();
  type Edge = { to: FunctionNode; index: number; dep: ParamDep };
  const edges = new Map<string, Edge[]>();
  const key = (fn: Node, index: number) => `${ids.of(fn)}:${index}`;
  const get = (fn: Node, index: number) => solution.get(fn)?.[index] ?? EMPTY;
  const set = (fn: Node, index: number, v: Val) => {
    let slots = solution.get(fn);
    if (!slots) solution.set(fn, (slots = []));
    slots[index] = v;
  };
  const work: [FunctionNode, number][] = [];
  const queued = new Set<string>();
  const enqueue = (fn: FunctionNode, index: number) => {
    const k = key(fn, index);
    if (queued.has(k)) return;
    queued.add(k);
    work.push([fn, index]);
  };
  for (const site of calls) {
    const { fn, args } = functions.callTarget(site.node as TSESTree.CallExpression);
    if (!fn) continue;
    const count = Math.min(args.length, fn.params.length);
    for (let i = 0; i < count; i++) {
      const arg = args[i];
      const v = arg.type === "SpreadElement" ? transformed(valueAt(arg.argument)) : valueAt(arg);
      if (isEmpty(v)) continue;
      const concrete: Val = { ...v };
      delete concrete.params;
      if (!isEmpty(concrete)) {
        set(fn, i, join(get(fn, i), concrete));
        enqueue(fn, i);
      }
      for (const dep of v.params ?? []) {
        const k = key(dep.fn, dep.index);
        const list = edges.get(k);
        const edge = { to: fn, index: i, dep };
        if (list) list.push(edge);
        else edges.set(k, [edge]);
      }
    }
  }
  let steps = 0;
  while (work.length > 0 && steps++ < MAX_STEPS) {
    const [fn, index] = work.pop()!;
    queued.delete(key(fn, index));
    const value = get(fn, index);
    for (const edge of edges.get(key(fn, index)) ?? []) {
      const before = get(edge.to, edge.index);
      const after = join(before, applyDep(value, edge.dep, paramLabel(fn, index)));
      if (signature(after) !== signature(before)) {
        set(edge.to, edge.index, after);
        enqueue(edge.to, edge.index);
      }
    }
  }
  return solution;
}

/** What distinguishes two values for the fixpoint: presence and flags, not the first origin. */
function signature(v: Val): string {
  const e = v.env;
  const r = v.req;
  return [
    e ? `e${+!!e.bindingData}${+!!e.moduleState}${+!!e.closure}${+!!e.built}${e.envPath === null ? "-" : e.envPath.join(".")}` : "",
    r ? `r${+!!r.io}${+!!r.closure}${+!!r.fetched}${+!!r.moduleState}` : "",
    v.containers ? `c${v.containers.length}` : "",
  ].join("|");
}
