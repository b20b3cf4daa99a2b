/**
 * Values around promises: what awaiting a value gives (a binding's pending read resolves to data
 * read through it), what an async function's call gives before it is awaited, and what of a value
 * is a read still pending.
 */
import { EMPTY, fieldsOf, join, withFields, type Val } from "./values";

/** Marks the parameter dependencies of a value whose pending binding read was awaited. */
export function awaitedParams(v: Val): Val {
  if (!v.params?.some((d) => d.bindingChain || d.pending)) return v;
  // (Another module's promise of work that gives back nothing derived: settled, nothing is left of it.)
  const params = v.params.filter((d) => !d.pending || d.bindingChain).map((d) => (d.bindingChain ? { ...d, bindingChain: false, bindingData: true, pending: undefined } : d));
  if (params.length > 0) return { ...v, params };
  const { params: _, ...rest } = v;
  return rest;
}

/**
 * What awaiting a value gives: a binding's pending read (`env.KV.get(k)`) resolves to data read
 * through it, and with `ofCall` (the awaited expression is a call, not `fetch()`) a request's I/O
 * object to data (`await readBody(event)`); an object literal keeps its properties.
 */
export function awaitedValue(value: Val, ofCall: boolean): Val {
  // An object literal an async function gives is no promise: what its properties hold stays as it is.
  const literal = fieldsOf(value);
  if (literal) return withFields([...literal.values()].reduce(join, EMPTY), literal);
  let v = value;
  // (A closure a call gives, awaited, is that closure: what it holds stays I/O.)
  if (ofCall && v.req?.io && !v.req.fetched && !v.req.closure) v = { ...v, req: { ...v.req, io: false } };
  const fields = fieldsOf(v);
  v = awaitedParams(v);
  // Another module's promise of work that gives back nothing derived: settled, nothing is left.
  if (v.env?.pending && !v.env.bindingChain) {
    const { env: _, ...rest } = v;
    v = rest;
  } else if (v.env?.bindingChain && !v.env.live && v.env.envPath === null) {
    v = { ...v, env: { ...v.env, bindingChain: false, bindingData: true, built: false, pending: undefined } };
  }
  return fields ? withFields(v, fields) : v;
}

/**
 * What of an awaited value is a read through a binding still pending (`db.exec(q)` on a binding, or
 * on a parameter that may be one): the promise of an async function that awaits it is pending on
 * that read too, until the function returns.
 */
export function pendingPart(v: Val): Val {
  const read = asPromise(v);
  const env = read.env?.bindingChain && !read.env.live ? read.env : undefined;
  const params = read.params?.filter((d) => d.bindingChain);
  return { ...(env ? { env } : {}), ...(params?.length ? { params } : {}) };
}

/**
 * What an async function's call gives before it is awaited: a promise, pending on the read through
 * a binding its result is data of (`await` gives that data back).
 */
export function asPromise(v: Val): Val {
  let out = v;
  // (What it settles to may be a closure over that data: the promise is pending on the read all the same.)
  if (out.env?.bindingData && !out.env.live) out = { ...out, env: { ...out.env, bindingData: false, bindingChain: true, closure: false } };
  if (out.params?.some((d) => d.bindingData)) out = { ...out, params: out.params.map((d) => (d.bindingData ? { ...d, bindingData: false, bindingChain: true, closure: false, whole: false } : d)) };
  const fields = out !== v ? fieldsOf(v) : undefined;
  return fields ? withFields(out, fields) : out;
}
