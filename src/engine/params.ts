/**
 * The parameter fixpoint: what the file's call sites pass to a parameter of a function of the
 * file, solved on demand.
 *
 * Asked for one parameter (a slot), the solver gathers the slots it depends on: the call sites of
 * its function pass either concrete values or values that depend on parameters of the enclosing
 * functions, whose call sites are followed in turn. Only those call sites' arguments are traced.
 * A worklist then propagates values along the gathered edges until nothing changes, and every
 * gathered slot is final from then on. Recursion, direct or mutual, only adds edges; each slot
 * waits in the queue at most once and is queued again only after it changed, so the work stays
 * linear in the number of call sites involved. Most slots of a file are never asked for.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { callParams, isWrittenMember, memberName, type NodeIds } from "./ast";
import { OBJECT_WRITERS } from "./builtins";
import { constantInit, isModuleLevel } from "./scope";
import { paramLabel, type Functions } from "./functions";
import { EMPTY, applyDep, fieldsOf, isEmpty, join, transformed, withFields, withoutParams, type FunctionNode, type Node, type ParamDep, type Val } from "./values";

/** A step bound: far past what any file needs, it keeps a pathological one from running away. */
const MAX_STEPS = 1_000_000;
/** Slots per function in a numeric key; a parameter past this many is not followed. */
const SLOTS = 1024;

interface Slot {
  fn: FunctionNode;
  index: number;
  /** What the call sites pass directly, then the solution. */
  value: Val;
  /** What the call sites pass directly. */
  direct?: Val;
  /** Slots this one receives from, with how. */
  deps: ParamDep[];
  /**
   * The properties of the object literal each call site passes (`new Router({ bucket: env.R2,
   * fallback: true })`), as traced there; null once a site passes anything else.
   */
  fields: (ReadonlyMap<string, Val> | ParamDep)[] | null;
}

export class ParamSolver {
  private readonly solved = new Map<number, Val>();

  constructor(
    private readonly functions: Functions,
    private readonly valueAt: (node: Node) => Val,
    private readonly ids: NodeIds,
  ) {}

  /** What the file's call sites pass to parameter `index` of `fn` (concrete, no dependencies left). */
  value(fn: FunctionNode, index: number): Val {
    if (index >= SLOTS) return EMPTY;
    const wanted = this.key(fn, index);
    const done = this.solved.get(wanted);
    if (done) return done;
    const slots = this.gather(fn, index);
    for (const slot of slots.values()) slot.direct = slot.value;
    this.propagate(slots);
    for (const [k, slot] of slots) this.solved.set(k, slot.value);
    // Handed only object literals, a parameter keeps each property's own value (`config.fallback`
    // is `true`, not `env.R2` beside it), each resolved as the parameter is.
    // (A site that hands on a parameter of its own whole, `new Router(config)`, hands what that one
    // is handed: such slots wait for theirs, a few rounds at most.)
    const open = new Map<number, Slot>();
    for (const [k, slot] of slots) if (slot.fields?.length) open.set(k, slot);
    for (let round = 0; round < 4 && open.size > 0; round++) {
      for (const [k, slot] of open) {
        // (A literal's property given a parameter of another open slot, `{ env }` in a function handed `{ env, server }`, waits for that one's properties.)
        const waits = (v: Val) => !!v.params?.some((d) => this.key(d.fn, d.index) !== k && open.has(this.key(d.fn, d.index)));
        if (round < 3 && slot.fields!.some((site) => site instanceof Map && [...site.values()].some(waits))) continue;
        const sites = slot.fields!.map((site) => (site instanceof Map ? { own: site } : { handed: fieldsOf(this.value((site as ParamDep).fn, (site as ParamDep).index)) }));
        if (sites.some((site) => !site.own && !site.handed)) continue;
        const merged = new Map<string, Val>();
        // (A key some site leaves out is what the others give: no key is dropped.)
        for (const site of sites) for (const [key, v] of (site.own ?? site.handed)!) merged.set(key, join(merged.get(key) ?? EMPTY, site.own ? this.concrete(v) : v));
        this.solved.set(k, withFields(slot.value, merged));
        open.delete(k);
      }
    }
    this.throughFields(slots);
    return this.solved.get(wanted) ?? EMPTY;
  }

  /**
   * A slot given a property of a parameter handed only object literals (`request.env.KEY` of
   * `introspect({ env: c.env, method: c.req.method })`) is given that property's value, not the
   * literal's as a whole: the fixpoint ran before the literals' properties were known.
   */
  private throughFields(slots: Map<number, Slot>): void {
    const read = (dep: ParamDep) => this.solved.get(this.key(dep.fn, dep.index)) ?? EMPTY;
    for (let round = 0, changed = true; round < 4 && changed; round++) {
      changed = false;
      for (const [k, slot] of slots) {
        if (!slot.deps.some((dep) => dep.path?.length && fieldsOf(read(dep)))) continue;
        const before = this.solved.get(k)!;
        let v = slot.direct ?? EMPTY;
        for (const dep of slot.deps) v = join(v, applyDep(read(dep), dep, paramLabel(dep.fn, dep.index)));
        const fields = fieldsOf(before);
        this.solved.set(k, fields ? withFields(v, fields) : v);
        changed ||= !sameFacts(v, before);
      }
    }
  }

  /** A value with its parameter dependencies resolved from the file's call sites. */
  private concrete(v: Val, depth = 0): Val {
    let out = withoutParams(v);
    for (const dep of v.params ?? []) out = join(out, applyDep(this.value(dep.fn, dep.index), dep, paramLabel(dep.fn, dep.index)));
    // (A literal's own literals keep their properties: `{ user: { id } }` hands `user.id` as `id` is.)
    const fields = out !== v && depth < 3 ? fieldsOf(v) : undefined;
    if (fields && !fieldsOf(out)) out = withFields(out, new Map([...fields].map(([key, field]) => [key, this.concrete(field, depth + 1)])));
    return out;
  }

  private key(fn: Node, index: number): number {
    return this.ids.of(fn) * SLOTS + index;
  }

  /** The unsolved slots `fn`'s parameter `index` depends on (itself included), with what they are passed directly. */
  private gather(fn: FunctionNode, index: number): Map<number, Slot> {
    const slots = new Map<number, Slot>();
    const stack: [FunctionNode, number][] = [[fn, index]];
    while (stack.length) {
      const [f, i] = stack.pop()!;
      const k = this.key(f, i);
      if (i >= SLOTS || slots.has(k) || this.solved.has(k)) continue;
      const slot: Slot = { fn: f, index: i, value: EMPTY, deps: [], fields: [] };
      slots.set(k, slot);
      const params = callParams(f);
      if (i >= params.length) continue;
      // A rest parameter (`...vals`) is handed every argument from its position on.
      const rest = params[i].type === "RestElement";
      for (const args of this.functions.callSitesOf(f)) for (const arg of rest ? args.slice(i) : [args[i]]) {
        if (!arg) continue;
        const v = arg.type === "SpreadElement" ? transformed(this.valueAt((arg as TSESTree.SpreadElement).argument)) : this.valueAt(arg);
        const fields = rest ? undefined : arg.type === "ObjectExpression" || this.unchangedLiteral(arg) ? fieldsOf(v) : handedWhole(arg, v);
        if (!fields) slot.fields = null;
        else slot.fields?.push(fields);
        if (isEmpty(v)) continue;
        const concrete = withoutParams(v);
        if (!isEmpty(concrete)) slot.value = join(slot.value, concrete);
        for (const dep of v.params ?? []) {
          slot.deps.push(dep);
          stack.push([dep.fn, dep.index]);
        }
      }
    }
    return slots;
  }

  /**
   * A local constant given an object literal that nothing writes after (`const context = { user:
   * { id } }; register(context)`): its properties are the literal's, as the literal's own would be
   * handed. Each other use reads it or hands it to a call, never as what `Object.assign` writes.
   */
  private unchangedLiteral(arg: Node): boolean {
    const variable = arg.type === "Identifier" ? this.functions.scopes.variableOf(arg) : null;
    const init = constantInit(variable);
    if (init?.type !== "ObjectExpression" || isModuleLevel(variable!)) return false;
    return variable!.references.every((ref) => {
      const id = ref.identifier as Node;
      const p = id.parent;
      if (ref.init) return true;
      if (p?.type === "MemberExpression") return !isWrittenMember(p as Node);
      if (p?.type === "NewExpression") return true;
      // (Not what `Object.assign(o, …)`, `Reflect.set(o, …)` write into.)
      const callee = p?.type === "CallExpression" && p.arguments[0] === id && p.callee.type === "MemberExpression" ? p.callee : null;
      return p?.type === "CallExpression" && !(callee?.object.type === "Identifier" && OBJECT_WRITERS.get(callee.object.name)?.has(memberName(callee) ?? ""));
    });
  }

  /** The fixpoint over the gathered slots; slots solved earlier feed in as they are. */
  private propagate(slots: Map<number, Slot>): void {
    const edges = new Map<number, { to: Slot; dep: ParamDep }[]>();
    const work: number[] = [];
    for (const [k, slot] of slots) {
      for (const dep of slot.deps) {
        const from = this.key(dep.fn, dep.index);
        const solved = this.solved.get(from);
        if (solved !== undefined) {
          slot.value = join(slot.value, applyDep(solved, dep, paramLabel(dep.fn, dep.index)));
          continue;
        }
        if (!slots.has(from)) continue; // past the slot bound
        const list = edges.get(from);
        if (list) list.push({ to: slot, dep });
        else edges.set(from, [{ to: slot, dep }]);
      }
      work.push(k);
    }
    const queued = new Set(work);
    let steps = 0;
    while (work.length > 0 && steps++ < MAX_STEPS) {
      const k = work.pop()!;
      queued.delete(k);
      const from = slots.get(k)!;
      for (const edge of edges.get(k) ?? []) {
        const before = edge.to.value;
        const after = join(before, applyDep(from.value, edge.dep, paramLabel(from.fn, from.index)));
        if (!sameFacts(after, before)) {
          edge.to.value = after;
          const to = this.key(edge.to.fn, edge.to.index);
          if (!queued.has(to)) {
            queued.add(to);
            work.push(to);
          }
        }
      }
    }
  }
}

/** Whether two values are alike for the fixpoint: presence and flags, not the first origin. */
function sameFacts(a: Val, b: Val): boolean {
  if (a === b) return true;
  const ea = a.env;
  const eb = b.env;
  if (!ea !== !eb) return false;
  if (ea && eb) {
    // (Taken for env by a parameter's name alone, or handed env by a caller: a caller found later makes it env.)
    if (!!ea.bindingData !== !!eb.bindingData || !!ea.moduleState !== !!eb.moduleState || !!ea.closure !== !!eb.closure || !!ea.built !== !!eb.built || !!ea.byName !== !!eb.byName) return false;
    if ((ea.envPath === null) !== (eb.envPath === null)) return false;
    if (ea.envPath && eb.envPath && ea.envPath.join(".") !== eb.envPath.join(".")) return false;
  }
  const ra = a.req;
  const rb = b.req;
  if (!ra !== !rb) return false;
  if (ra && rb && (!!ra.io !== !!rb.io || !!ra.closure !== !!rb.closure || !!ra.fetched !== !!rb.fetched || !!ra.moduleState !== !!rb.moduleState)) return false;
  return (a.containers?.length ?? 0) === (b.containers?.length ?? 0);
}

/** The parameter an argument hands on whole (`config` of `new Router(config)` in `make(config)`), as its only value. */
function handedWhole(arg: Node, v: Val): ParamDep | undefined {
  const dep = arg.type === "Identifier" && !v.env && !v.req && !v.containers && v.params?.length === 1 ? v.params[0] : undefined;
  return dep && dep.path?.length === 0 && !dep.via?.length && !dep.callable && !dep.numeric && !dep.sent ? dep : undefined;
}
