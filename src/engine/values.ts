/**
 * The abstract values the trace computes for an expression.
 *
 * A value is the join of:
 * - `env`: it derives from the Workers env object (a binding, a secret, a client built from one);
 * - `req`: it derives from one request (the request, its data, its I/O objects, `ctx`);
 * - `containers`: it is an object from which a member path leads to env (Hono's `c`, Pages'
 *   `context`, `getCloudflareContext()`), so reading that path yields an env value;
 * - `params`: it depends on a parameter of a function of this file, resolved later from the   call sites (this is what makes function summaries reusable across calls).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { CLIENT_DATA_MEMBERS, IO_MEMBERS, MOUNT_MEMBERS } from "./builtins";

export type Node = TSESTree.Node;
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export interface Taint {
  /** Human-readable origin, e.g. `env.OPENAI_API_KEY`, `this.env.DB`, `a closure over \`env\``. */
  origin: string;
  /** Member path from the env object when the value is a pure member chain of it, else null. */
  envPath: string[] | null;
  /** Taken for env by its parameter's name alone (`function f(env)`, untyped, callers unseen). */
  byName?: boolean;
  /**
   * The parameter of a function of the file this env stands for, when the entry points seeded it
   * (`createAuth(env?: Env)`, callers unseen): the function's start and the parameter's index. A call of the file that hands nothing there hands no env.
   */
  seed?: { readonly start: number; readonly index: number };
  /**
   * A parameter seeded as whatever a caller of another module hands it (a summary's seed): env, a
   * binding, a client, a secret or a request. What a method of it gives is read through it.
   */
  argument?: boolean;
  /** The binding (the member of the env object) the value was read from, while that is one. */
  key?: string;
  /** The binding type of the parameter the value came from (`db: D1Database`), which names its kind. */
  typeName?: string;
  /** Taken for a binding by its parameter's type alone (`constructor(private d1: D1Database)`): named by the parameter. */
  byType?: boolean;
  /** Read of the live `env` by a function of another module of the project, when it was called (`getDb()`). */
  viaModule?: boolean;
  /**
   * Read out of the body of a fetch() response (`await r.json()`) that forwarded no parameter of a
   * summary's function whole: the upstream's data, whatever a caller hands.
   */
  fetchedBody?: boolean;
  /** A fetch() response to a request that forwarded a summary's parameter (`fetch(req)`): personal to whoever hands it. */
  forwarded?: boolean;
  /** A binding or a member/method chain read from one, not yet awaited (`env.KV.get(k)`). */
  bindingChain?: boolean;
  /** A Durable Object stub another module's function got from the namespace it was handed. */
  stub?: boolean;
  /**
   * Read by a method of a binding or of a summary's seed (`env.DB.prepare(q)`, `r.headers.get(k)`),
   * and since only wrapped (`{ ua: r.headers.get(k) }`), not built into anything: unlike {@link bindingChain}, an object or array literal keeps it.
   */
  readThrough?: boolean;
  /** Data read through a binding and awaited (`await env.KV.get(k)`). */
  bindingData?: boolean;
  /**
   * The promise of another module's function, not awaited: pending on a read through what it was
   * handed (with {@link bindingChain}), or on work that gives back nothing derived (without).
   */
  pending?: boolean;
  /** A Secrets Store binding, or a read through one: what its `get()` gives is a secret, not data. */
  secretStore?: boolean;
  /** The value is a function that closes over a derived value. */
  closure?: boolean;
  /** The value came from a module-scope variable (already module state; "holder": one holding the env object whole); `instanceField`: from a field of the module's own instance, read in its methods. */
  moduleState?: boolean | "holder";
  instanceField?: boolean;
  /** Request kind: an I/O object bound to the request (stream, socket, ctx, Response). */
  io?: boolean;
  /** Request kind: a `fetch()` response whose own data is not request state. */
  fetched?: boolean;
  /** Request kind: a Response the code made (`new Response(body)`), whose body read back is what it was made from. */
  made?: boolean;
  /** The imported, live `env` of `cloudflare:workers` (or `process.env`) itself. */
  live?: boolean;
  /** Built by a call or `new` from a derived value: a client or other object. */
  built?: boolean;
  /** The package whose function or class built it (`postgres`, `stripe`, `drizzle-orm/d1`). */
  maker?: string;
  /** Of a value made of reads of several bindings (`{ level: env.LOG_LEVEL, style: env.LOG_STYLE }`): their names, for the kind they share. */
  keys?: string[];
  /** A string or number computed from it (a secret or var, not a binding). */
  scalar?: boolean;
  /** A number or boolean computed from it (`v.length`, a count, a comparison): no request's data is left in it (a summary's seed says so to its callers). */
  number?: boolean;
  /** Known to be a binding (a parameter typed `D1Database`, a member whose methods are called). */
  binding?: boolean;
  /** Request kind: the invocation it belongs to, as messages name it ("queue batch"); default "request". */
  event?: string;
}

export interface Container {
  /** Member paths that lead to the env object; whether other members are request state. */
  envPaths: string[][];
  request: boolean;
  label: string;
  /** Its env is the live env (a namespace import of `cloudflare:workers`). */
  live?: boolean;
  /** Its `env` is so by the app's own convention (an RPC context's): perhaps another object of that name. */
  byName?: boolean;
}

export interface ParamDep {
  fn: FunctionNode;
  index: number;
  /** Member path applied to the argument, or null when the argument was transformed. */
  path: string[] | null;
  /** Member keys read on the way, kept for the message even after a transformation. */
  via?: string[];
  /** The dependency reaches the value through a closure. */
  closure?: boolean;
  /**
   * With {@link closure}: the closure holds the argument itself, and reads its members only when
   * it is called (`(o) => o === e.ORIGIN`), not a value read from it before (`const o = e.ORIGIN`).
   */
  whole?: boolean;
  /** The value was built (a call or `new`) from the argument. */
  built?: boolean;
  /** The package that built it, as {@link Taint.maker}. */
  maker?: string;
  /** A method was called on a member of the argument (`d.KV.get(k)`): on a binding, a pending read. */
  bindingChain?: boolean;
  /** That read was awaited (`await d.KV.get(k)`): on a binding, the data read through it. */
  bindingData?: boolean;
  /** Handed to another module's function whose promise is not awaited: see {@link Taint.pending}. */
  pending?: boolean;
  /** A string or number was computed from the argument (a template, an operator): see {@link Taint.scalar}. */
  scalar?: boolean;
  /** A number or boolean was computed from the argument (`v.length`, `typeof v === "number"`). */
  numeric?: boolean;
  /** A guard says the value is a function (`typeof v === "function"`): see {@link callable}. */
  callable?: boolean;
  /**
   * With {@link bindingChain}: the method called hands out no I/O object (`r.headers.get(k)`, not
   * `r.body.getReader()`), so what it gives of a request is the request's data; the members read on the way to the method, which name it (`headers`).
   */
  dataMethod?: string[];
  /** With {@link dataMethod}: the call itself as a message names it (`get("x-user")`). */
  dataCall?: string;
  /** Sent by a `fetch()` whose response this is: a caller's request reaches it only as its I/O, or as data sent in its headers or body (`personal`); env never. */
  sent?: boolean;
  personal?: boolean;
}

/** What a call hands a function of another module: something derived or not, only the live `env` whole, or which arguments are derived (`"01"`). */
export type Handed = boolean | "live" | `${"0" | "1"}${string}`;

/** What a function of another module returns of its arguments: nothing of them (`none`), or what it reads through them (`read`), once settled if `async`. */
export interface ReturnSummary {
  /**
   * `stub`: a Durable Object stub it gets from the namespace it is handed (`ns.get(ns.idFromName(n))`);
   * `response`: a Response it makes (`return new Response(…)`), I/O of the request it runs for;
   * `closure`: functions over its parameters, which read them only when called (no snapshot);
   * `argument`: the argument at `argument` handed back as it is (`return json as Config` of a validator);
   * `number`: a number or a flag, as its declared return type says (`isBot(ua: string): boolean`).
   */
  derived: "none" | "read" | "stub" | "response" | "closure" | "argument" | "number";
  async: boolean;
  argument?: number;
  /**
   * What it returns of the live `env` its module imports and reads when called (`drizzle(env.DB)`
   * of `getDb()`), named as that read (origin: a label of the code, never a value).
   */
  live?: Taint;
  /** What it returns of env read off the framework context handed at `index` (`getEnv(c, k)` of `env(c)[k]`, `getDb(c)`), named as read there. */
  context?: { index: number; env: Taint; copy?: boolean };
  /** The context a framework's accessor gives, handed back whole (`cfContext()` returning `getCloudflareContext()`). */
  container?: Container;
}

export interface Val {
  env?: Taint;
  req?: Taint;
  containers?: Container[];
  params?: ParamDep[];
}

export const EMPTY: Val = Object.freeze({}) as Val;

const MAX_LABEL = 80;

/** Whether a taint is a value's own state: not module state, not data a `fetch()` answered. */
export function ownState(t: Taint | undefined): t is Taint {
  return !!t && !t.moduleState && !(t.fetched && !t.io);
}

export function isEmpty(v: Val): boolean {
  return !v.env && !v.req && !v.containers && !v.params;
}

function pickTaint(a: Taint | undefined, b: Taint | undefined, preferSecret = false, ofRequest = false): Taint | undefined {
  if (!a) return b;
  if (!b) return a;
  // A direct derivation is stronger than data read through a binding or module state; a value read of env than a number or flag computed from it (`!!env.R2`).
  const weak = (t: Taint) => (t.bindingData ? 4 : 0) + (t.moduleState ? 2 : 0) + (t.number ? 1 : 0);
  if (weak(a) !== weak(b)) return weak(b) < weak(a) ? b : a;
  // A parameter taken for a binding by its type, also handed a read by a caller of the file (`new Db(env.DB)`): named as the caller reads it, of the kind the type says.
  if (!a.byType !== !b.byType) {
    const [typed, read] = a.byType ? [a, b] : [b, a];
    return { ...read, binding: read.binding || typed.binding, typeName: read.typeName ?? typed.typeName, secretStore: read.secretStore || typed.secretStore };
  }
  // Of a request's state, an I/O object first (`{ cf: req.cf, req }` holds the request); of its data, its headers or body (a cookie, a token, what a user sent) before its method or URL.
  if (ofRequest) return (!a.io && b.io) || (!a.io && !b.io && a.origin !== b.origin && PERSONAL_PART.test(b.origin) && !PERSONAL_PART.test(a.origin)) ? b : a;
  if (!preferSecret) return a;
  // Of two reads of env, the one named like a secret is what a message should name: a client
  // built from `{ origin: env.APP_URL, secret: env.AUTH_SECRET }` keeps the secret.
  const secretB = secretNamed(b);
  if (secretB && !secretNamed(a)) return b;
  // Else a binding, or something built from env, before a plain read: `betterAuth({ baseURL:
  // env.APP_URL, database: drizzle(env.DB) })` keeps the database. The flags first: most joins keep the first read, and end here without a second name test.
  if (!holdsMore(b) || holdsMore(a)) return a;
  return secretB || !secretNamed(a) ? b : a;
}

const PERSONAL_PART = /(?:headers|cookie|authorization|\.(?:json|text|formData|arrayBuffer|body))\b(?!.*\.has\()/i;

function holdsMore(t: Taint): boolean {
  return !!(t.binding || t.bindingChain || t.built);
}

/** Names of secrets by convention: `API_KEY`, `AUTH_SECRET`, `cookie_secret`, `DB_PASSWORD`, a list `GEMINI_API_KEYS`; `apiToken` (camel case). */
const SECRET_NAME = /(?:^|_)(?:SECRETS?|TOKENS?|KEYS?|PASSWORDS?|PASS|PRIVATE|CREDENTIALS?)(?:_|$)/i, SECRET_CAMEL_NAME = /(?:Secret|Token|Key|Password)s?$/;

const isSecretName = (name: string | undefined) => name !== undefined && (SECRET_NAME.test(name) || SECRET_CAMEL_NAME.test(name));

/** Whether a read of env is named like a secret: its binding's name, or the last member its origin names. */
export const secretNamed = (t: Taint): boolean => isSecretName(readName(t));
/** The binding a value is named by: its own, or of several reads made into it, the one named like a secret. */
export const namingKey = (t: Taint): string | undefined => t.key ?? (t.keys && secretNamed(t) ? readName(t) : undefined);

/**
 * The name of what a read of env reads: its binding's name, or the last member its origin names.
 * Of a parameter seeded as what a caller hands (a summary's), the last member: its key is the first
 * step off the parameter, which may be a context's (`env` of `c.env.STORE_PRIVATE_KEY`).
 */
export function readName(t: Taint): string | undefined {
  const last = /\.([A-Za-z_$][\w$]*)$/.exec(t.origin)?.[1];
  return t.argument ? (last ?? t.key ?? (/^[A-Za-z_$][\w$]*$/.test(t.origin) ? t.origin : undefined)) : (t.key ?? last);
}

/**
 * The value of each property of an object literal whose keys are all written out (no spread, no
 * computed key), beside the object's own value (the join of them all). Reading one of them gives
 * that property's value alone (`const { data } = await load()`). Kept outside the value, by
 * identity: an operation that makes a new value leaves them behind, and a read gets the join.
 */
const FIELDS = new WeakMap<Val, ReadonlyMap<string, Val>>();

/** The key under which an array literal's fields hold the join of its elements as each is (`[env]` iterated gives env); its indexes hold each element. */
export const ELEMENTS = "\u0000[]";

/** An array literal's value: its elements transformed and joined, with each as it is by index until a spread, and all joined under {@link ELEMENTS}. */
export function listValue(elements: readonly ({ own: Val; spread: boolean } | null)[]): Val {
  let v = EMPTY;
  let all = EMPTY;
  let indexed: Map<string, Val> | null = new Map();
  elements.forEach((e, index) => {
    if (!e) return;
    v = join(v, transformed(e.own));
    const element = e.spread ? member(e.own, null) : e.own;
    all = join(all, element);
    if (e.spread) indexed = null;
    indexed?.set(String(index), element);
  });
  return isEmpty(all) ? v : withFields(v, new Map([...(indexed ?? []), [ELEMENTS, all]]));
}

/** `v` with the values of its properties by key (an object literal's), unless it is empty. */
export function withFields(v: Val, fields: ReadonlyMap<string, Val>): Val {
  // A copy: the same value may stand for other expressions too. An empty one too: a literal of
  // plain data (`{ ok: false, error: "missing" }`) says which keys hold nothing, when joined with another (`{ ok: true, data }`).
  const out = { ...v };
  FIELDS.set(out, fields);
  return out;
}

/** The values of an object's properties by key, when it is known to be an object literal. */
export function fieldsOf(v: Val): ReadonlyMap<string, Val> | undefined {
  return FIELDS.get(v);
}

/**
 * `v` without what a summary's seeds gave it (env taints marked `argument`), in its properties too: a
 * seeded function called by another function of its module returns to it, not to the seed's caller.
 */
export function withoutSeeds(v: Val, depth = 0): Val {
  const fields = FIELDS.get(v);
  if (!v.env?.argument && !fields) return v;
  const out: Val = { ...v };
  if (v.env?.argument) delete out.env;
  if (fields && depth < 4) FIELDS.set(out, new Map([...fields].map(([key, field]) => [key, withoutSeeds(field, depth + 1)])));
  else if (fields) FIELDS.set(out, fields);
  return out;
}

function joinFields(a: ReadonlyMap<string, Val>, b: ReadonlyMap<string, Val>): ReadonlyMap<string, Val> {
  const out = new Map(a);
  for (const [key, v] of b) out.set(key, join(out.get(key) ?? EMPTY, v));
  return out;
}

/** Joins two values; the first origin found is kept for messages. */
export function join(a: Val, b: Val): Val {
  // Two object literals (`return { ok: true, data }` and `return { ok: false, error }`): each key holds what either gives it.
  const fa = FIELDS.get(a);
  const fb = fa && FIELDS.get(b);
  if (isEmpty(a) || isEmpty(b)) {
    if (!fa || !fb) return isEmpty(a) ? b : a;
    return withFields(isEmpty(a) ? b : a, joinFields(fa, fb));
  }
  const out: Val = {};
  if (fa && fb) FIELDS.set(out, joinFields(fa, fb));
  const env = pickTaint(a.env, b.env, true);
  if (env && a.env && b.env && a.env !== b.env) {
    // Two reads of the same member path (the env object from two sources, `env.DB` from two) are
    // still that path; any other pair is a mix of env. Taken for env by a parameter's name, and also handed env by a caller, it is env.
    // (So is a read beside a flag of another, `{ has: !!env.R2, id: env.ID }`: the flag holds none of it.)
    const beside = !a.env.number !== !b.env.number;
    // (One binding or another, `env.CONFIG ?? env.KV`: a member of env still, named by the one picked, so that a read through it is the binding's data.)
    const either = !!a.env.envPath?.length && a.env.envPath.length === b.env.envPath?.length;
    const envPath = samePath(a.env.envPath, b.env.envPath) || either || !a.env.byType !== !b.env.byType || beside ? env.envPath : null;
    const key = a.env.key === b.env.key || beside ? env.key : undefined;
    const keys = key === undefined ? [...new Set([...(a.env.keys ?? [a.env.key]), ...(b.env.keys ?? [b.env.key])])].slice(0, 4) : undefined;
    out.env = { ...env, envPath, key, keys: keys?.every((k) => k !== undefined) ? (keys as string[]) : undefined, byName: a.env.byName && b.env.byName ? true : undefined, number: a.env.number && b.env.number ? true : undefined };
  } else if (env) out.env = env;
  const req = pickTaint(a.req, b.req, false, true);
  if (req) out.req = req;
  if (a.containers || b.containers) out.containers = mergeContainers(a.containers, b.containers);
  if (a.params || b.params) out.params = mergeParams(a.params, b.params);
  return out;
}

const MAX_PARAMS = 32;
const MAX_CONTAINERS = 8;

function containerKey(c: Container): string {
  return `${c.request ? 1 : 0}${JSON.stringify(c.envPaths)}`;
}

function mergeContainers(a: Container[] | undefined, b: Container[] | undefined): Container[] {
  if (!a) return b!;
  if (!b) return a;
  const out = a.slice();
  const seen = new Set(out.map(containerKey));
  for (const c of b) {
    if (out.length >= MAX_CONTAINERS) break;
    const k = containerKey(c);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(c);
    }
  }
  return out;
}

function mergeParams(a: ParamDep[] | undefined, b: ParamDep[] | undefined): ParamDep[] {
  if (!a) return b!;
  if (!b) return a;
  const out = a.slice();
  for (const dep of b) {
    if (out.length >= MAX_PARAMS) break;
    const same = out.findIndex((d) => d.fn === dep.fn && d.index === dep.index && !d.numeric === !dep.numeric && !d.sent === !dep.sent && samePath(d.path, dep.path));
    if (same < 0) out.push(dep);
    else if (secretVia(dep) && !secretVia(out[same])) out[same] = dep; // (the read named like a secret names the value; an upstream's answer to what was sent stays apart from a read beside it)
  }
  return out;
}

const secretVia = (d: ParamDep) => isSecretName(d.via?.[d.via.length - 1]);

function samePath(a: string[] | null, b: string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

export function extendLabel(label: string, key: string | null): string {
  if (label.length > MAX_LABEL || label.startsWith("a ") || label.startsWith("`")) return label;
  // A destructured parameter has no name of its own: what it binds is named by its key.
  if (label === "" && key !== null && /^[A-Za-z_$#][\w$]*$/.test(key)) return key;
  if (key === null) return `${label}[…]`;
  if (/^\d+$/.test(key)) return `${label}[${key}]`;
  return /^[A-Za-z_$#][\w$]*$/.test(key) ? `${label}.${key}` : `${label}[${JSON.stringify(key)}]`;
}

/** Whether reading member `key` of a request-state value yields an I/O object. */
function ioMember(parentIo: boolean | undefined, key: string | null): boolean {
  if (key === null || /^\d+$/.test(key)) return !!parentIo; // an element of a holder of I/O objects
  // `request.body` is a stream; `message.body` of plain request data is data.
  return !!parentIo && IO_MEMBERS.has(key);
}

const INDEX = /^\d+$/;

/** Reads member `key` (null: unknown computed key) of a value. */
/** A name bindings go by: `SESSION_SECRET`, `DB`, `API_KEY`. */
export const BINDING_NAME = /^[A-Z][A-Z0-9_]*$/;
/**
 * A step of a container's path to env that any binding-like name takes (`SESSION_SECRET`): a load
 * context the Worker's env is spread into (`getLoadContext: (c) => c.env`) reads its bindings so.
 */
export const BINDING_NAMED_STEP = "[BINDING]";
/** How a message names the env object itself: `env`, `c.env`, `this.env`, `locals.runtime.env`. */
const ENV_OBJECT_LABEL = /(?:^|\.)env$/;

export function member(v: Val, key: string | null): Val {
  // A property of an object literal, an element of an array literal: its own value.
  const fields = FIELDS.get(v);
  const field = fields?.get(key ?? ELEMENTS);
  if (field) return field;
  // A property an object literal has not (`opts.now` of `{ key, max }`): undefined, none of the others.
  if (fields && key !== null && !fields.has(ELEMENTS)) return EMPTY;
  if (isEmpty(v)) return EMPTY;
  const out: Val = {};
  if (v.env) {
    // `Schema.parse(env).SESSION_SECRET`, `readEnv(env).API_KEY`: a binding's name read off what was
    // made from the env object whole (a validated env, a copy) is that binding, named as one.
    const named = v.env.envPath === null && v.env.key === undefined && !v.env.closure && key !== null && BINDING_NAME.test(key) && ENV_OBJECT_LABEL.test(v.env.origin);
    if (named) {
      out.env = { ...v.env, origin: extendLabel(v.env.origin, key), key, built: false, maker: undefined, live: false, closure: false };
      return v.req || v.containers ? { ...member({ req: v.req, containers: v.containers }, key), env: out.env } : out;
    }
    out.env = {
      ...v.env,
      // A member of something built from env (`[env.A, env.B][1]`, `makeConfig(env).url`) is named
      // by what it was built from: its own key would name a binding that does not exist.
      origin: v.env.envPath === null && key !== null ? v.env.origin : extendLabel(v.env.origin, key),
      envPath: v.env.envPath && key !== null ? [...v.env.envPath, key] : null,
      key: v.env.envPath?.length === 0 ? (key ?? undefined) : v.env.key,
      live: false,
      closure: false,
      // An element of what a call built from env gives (`(await listUsers(env.DB))[0]`): a list's item, data read through it, not a client.
      ...(v.env.built && !v.env.bindingChain && key !== null && INDEX.test(key) ? { built: false, maker: undefined, bindingData: true } : {}),
      // A member of a client that holds what it read (`bot.botInfo`): data, not the client.
      ...(v.env.built && key !== null && CLIENT_DATA_MEMBERS.get(v.env.maker?.split("#")[0] ?? "")?.has(key) ? { built: false, maker: undefined, bindingData: true } : {}),
    };
  }
  if (v.req) {
    out.req = { ...v.req, origin: extendLabel(v.req.origin, key), io: ioMember(v.req.io, key) };
  }
  if (v.containers) {
    const next: Container[] = [];
    for (const c of v.containers) {
      let matched = false;
      // The paths that go on through this member: one container still, and as much the request's (`event.locals`, `context.cloudflare`: per-request objects around env).
      const rest: string[][] = [];
      for (const p of c.envPaths) {
        if (p.length === 1 && p[0] === BINDING_NAMED_STEP && key !== null && BINDING_NAME.test(key)) {
          matched = true;
          out.env ??= { origin: extendLabel(c.label, key), envPath: [key], key };
          continue;
        }
        if (p[0] !== key) continue;
        matched = true;
        if (p.length === 1) {
          if (!out.env) out.env = { origin: extendLabel(c.label, key), envPath: [], ...(c.live ? { live: true } : {}), ...(c.byName ? { byName: true } : {}) };
        } else {
          rest.push(p.slice(1));
        }
      }
      if (rest.length > 0) next.push({ envPaths: rest, request: c.request, label: extendLabel(c.label, key), ...(c.byName ? { byName: true } : {}) });
      if (!matched && c.request && !out.req && !(key !== null && MOUNT_MEMBERS.has(key))) {
        out.req = { origin: extendLabel(c.label, key), envPath: null, io: ioMember(true, key) };
      }
    }
    if (next.length) out.containers = next;
  }
  if (v.params) {
    out.params = v.params.map((d) => ({
      ...d,
      path: d.path && key !== null ? [...d.path, key] : null,
      via: key !== null && (d.via?.length ?? 0) < 4 ? [...(d.via ?? []), key] : d.via,
    }));
  }
  return out;
}

/** Applies a member path (or "any transformation" for null) to a value. */
export function applyPath(v: Val, path: string[] | null): Val {
  if (path === null) return transformed(v);
  let out = v;
  for (const key of path) out = member(out, key);
  return out;
}

/** A label with the call made on it (`request.headers` and `get("x")`), when it is short enough. */
function callLabel(label: string, call: string | undefined): string {
  return call && label.length <= MAX_LABEL && !label.startsWith("a ") && !label.startsWith("`") ? `${label}.${call}` : label;
}

/** What a parameter dependency becomes once the argument's value is known. */
export function applyDep(arg: Val, dep: ParamDep, closureName: string): Val {
  if (dep.sent) {
    // (A summary's seed, which may stand for a caller's request, stays, as the upstream's answer once only data of
    // it is sent; of a request, only its I/O: data sent, its URL or a field, is no part of the answer.)
    const { req, env, params } = applyDep(arg, { ...dep, sent: undefined }, closureName);
    return { ...(req?.io || (req && dep.personal) ? { req } : {}), ...(env?.argument ? { env: (env.envPath?.length ?? 2) <= 1 ? env : { ...env, fetchedBody: true } } : {}), ...(params ? { params: params.map((d) => ({ ...d, sent: true })) } : {}) };
  }
  if (dep.path !== null) return dep.callable ? callable(applyPath(arg, dep.path)) : dep.numeric ? numeric(applyPath(arg, dep.path)) : applyPath(arg, dep.path);
  let v = arg;
  let via = dep.via;
  let dataMethod = dep.dataMethod;
  // A context handed whole (`c`) whose env or request the function read before transforming it
  // (`drizzle(c.env.DB)`, `c.req.header(k)`): what was read of it, not the context.
  if (arg.containers?.length && !arg.env && !arg.req && via?.length) {
    let read = arg;
    let used = 0;
    while (used < via.length && read.containers?.length && !read.env && !read.req) read = member(read, via[used++]);
    // Env itself (`c.env`): the binding read off it too, which the config names (`c.env.DB`).
    if (read.env?.envPath?.length === 0 && used < via.length) read = member(read, via[used++]);
    const named = dataMethod ?? via;
    if (read.req && !read.req.io && (named.length > used || dep.dataCall)) {
      let origin = read.req.origin;
      for (const key of named.slice(used)) origin = extendLabel(origin, key);
      read = { ...read, req: { ...read.req, origin: callLabel(origin, dep.dataCall) } };
    }
    if (read.env || read.req) {
      v = read;
      via = via.slice(used);
      dataMethod = dataMethod?.slice(used);
    }
  }
  // An object literal handed, of which a property was read before the transformation (`{ on:
  // config.fallback }` of `{ fallback: true, bucket: env.R2 }`): that property's own value.
  while (via?.length && FIELDS.get(v)?.has(via[0])) [v, via, dataMethod] = [member(v, via[0]), via.slice(1), dataMethod?.slice(1)];
  if (via?.length && FIELDS.get(v) && !FIELDS.get(v)!.has(ELEMENTS)) return EMPTY; // (a property it has not: undefined)
  // The env object handed, of which one binding was read before the transformation (`drizzle(e.DB)`): that binding, whose kind the config says.
  if (v.env?.envPath?.length === 0 && !v.env.live && !v.containers?.length && via?.length) {
    v = member(v, via[0]);
    via = via.slice(1);
  }
  // Name the members read on the way (`env.DB`), though the value was transformed since.
  if (v.env && via && v.env.envPath !== null) {
    let origin = v.env.origin;
    for (const key of via) origin = extendLabel(origin, key);
    v = { ...v, env: { ...v.env, origin } };
  }
  // `r.headers.get(k)` of the request handed: the request's data, named by the members read.
  if (dataMethod && v.req?.io && !v.req.closure) {
    let origin = v.req.origin;
    for (const key of dataMethod) origin = extendLabel(origin, key);
    origin = callLabel(origin, dep.dataCall);
    v = { ...v, req: { ...v.req, io: false, origin } };
  } else if (via?.length && v.req?.io && (!v.req.closure || dep.built)) {
    // `new URL(r.url)` of the request handed: what was read off it before (`request.url`), its data. (Off what a closure of I/O gives when called, `(await op()).status`: the answer's own, no request's.)
    const read = via.reduce(member, { req: v.req } as Val).req;
    if (read && !read.io) v = v.req.closure ? withoutRequest(v) : { ...v, req: read };
  }
  const innerClosure = arg.env?.closure ? arg.env.origin : null;
  const handed = v.params;
  v = transformed(v);
  // A parameter of the caller handed on whole: the members read off it here name it there too (`env.KV`).
  if (via?.length && handed) v = { ...v, params: v.params!.map((d, i) => (handed[i].path?.length === 0 ? { ...d, via } : d)) };
  if (dep.built && v.env) v = { ...v, env: { ...v.env, built: true, readThrough: undefined, maker: makerAfter(v.env.maker, dep.maker) } };
  // A read through a binding the argument holds: pending (a chain), or awaited (data).
  if ((dep.bindingChain || dep.bindingData) && v.env && !arg.env?.live) {
    // (Of data read through a binding and awaited, any method gives that data: `rows.find(cb)`.)
    const data = !!dep.bindingData || !!arg.env?.bindingData;
    v = { ...v, env: { ...v.env, bindingChain: !data, bindingData: data, built: !data } };
  }
  if (dep.pending && v.env) v = { ...v, env: { ...v.env, pending: true, built: false, maker: undefined } };
  if (dep.scalar && v.env && !v.env.closure) v = { ...v, env: { ...v.env, scalar: true, built: false, maker: undefined } };
  if (dep.scalar && v.req?.io && !v.req.closure) v = { ...v, req: { ...v.req, io: false } }; // text made of an I/O object: data
  // The argument is a parameter of the caller in turn: what was done to it carries over to the
  // caller's own argument (`res.json()` in a helper given a stub by a helper given a stub); data it already reads through one stays data.
  if (v.params && (dep.bindingChain || dep.bindingData) && !arg.env?.live) {
    v = { ...v, params: v.params.map((d) => ((d.bindingData && !dep.bindingData) ? d : { ...d, bindingChain: !!dep.bindingChain, bindingData: !!dep.bindingData, built: !dep.bindingData && !!d.built })) };
  }
  if (dep.closure) {
    // Named by what the caller handed (`a closure over \`this.env.AUTH_SECRET\``), when a read names it.
    const over = (t: Taint | undefined) => `a closure over \`${t && !t.origin.startsWith("a ") && !t.origin.startsWith("`") && t.origin.length <= 40 ? t.origin : closureName}\``;
    // A closure over the live `env` itself reads it when called: it stays as live as `env`.
    if (dep.whole && arg.env?.live && arg.env.envPath?.length === 0) v = { ...v, env: { ...arg.env, origin: over(arg.env), closure: true, built: false } };
    else if (v.env) v = { ...v, env: { ...v.env, origin: innerClosure ?? over(arg.env), closure: true, built: false } };
    if (v.req) v = { ...v, req: { ...v.req, origin: over(arg.req), closure: true } };
  }
  return dep.numeric ? numeric(v) : dep.callable ? callable(v) : v;
}

/** A value a guard says is a function (`typeof v === "function"`): a request's data never is one, an I/O object's method may be. */
export function callable(v: Val): Val {
  const { req, ...rest } = v.params ? { ...v, params: v.params.map((d) => ({ ...d, callable: true })) } : v;
  return req && !req.io ? rest : { ...rest, ...(req ? { req } : {}) };
}

/** The value of an operator with a primitive result (template, arithmetic, comparison). */
export function primitive(v: Val): Val {
  let out = transformed(v);
  if (out.env) out = { ...out, env: { ...out.env, built: false, maker: undefined, scalar: true } };
  if (out.params) out = { ...out, params: out.params.map((d) => ({ ...d, built: false, scalar: true })) };
  return out.req?.io ? { ...out, req: { ...out.req, io: false, closure: false } } : out;
}

/** A number or boolean computed from a value (a length, a count, a comparison): a snapshot of env, no request's data. */
export function numeric(v: Val): Val {
  let out = primitive(v);
  if (out.env && !out.env.number) out = { ...out, env: { ...out.env, number: true } };
  // A parameter's number stays a number once the argument is known (`total = v.length` in a helper).
  if (out.params) out = { ...out, params: out.params.map((d) => ({ ...d, numeric: true })) };
  return withoutRequest(out);
}

function withoutRequest(v: Val): Val {
  const { req: _, ...rest } = v;
  return rest;
}

/** Which package a value built in two steps counts as made by: the first (`drizzle(postgres(url))` keeps the socket's kind). */
export function makerAfter(inner: string | undefined, outer: string | undefined): string | undefined {
  return inner ?? outer;
}

/** Marks a derived value as built from its inputs (a client, an instance), by `maker` when known. */
export function built(v: Val, maker?: string): Val {
  if (!v.env && !v.params) return v;
  const out: Val = { ...v };
  if (v.env) out.env = { ...v.env, built: true, scalar: false, readThrough: undefined, maker: makerAfter(v.env.maker, maker) };
  if (v.params) out.params = v.params.map((d) => ({ ...d, built: true, scalar: false, maker: makerAfter(d.maker, maker) }));
  return out;
}

/** What a loop's variable gets of what it goes over: an element (`for … of`), or a key (`for … in`), none of env (a request's keys are its own). */
export function loopValue(loop: { type: "ForOfStatement" | "ForInStatement" }, iterated: Val): Val {
  if (loop.type === "ForOfStatement") return member(iterated, null);
  const keys = transformed(iterated);
  return keys.req ? { req: keys.req } : EMPTY;
}

/** The value after an operation that is not a member read (a call, an operator): derived, no longer env itself nor a container. */
export function transformed(v: Val): Val {
  if (isEmpty(v)) return v;
  const out: Val = {};
  if (v.env) out.env = { ...v.env, envPath: null, live: false, closure: false, bindingChain: false };
  // A call or literal holding an I/O object still holds it; primitive operators use `primitive()`.
  if (v.req) out.req = v.req;
  if (v.containers) {
    // A framework context passed through an unknown operation: still the request's context.
    for (const c of v.containers) {
      if (c.request && !out.req) out.req = { origin: c.label, envPath: null, io: true };
    }
  }
  if (v.params) out.params = v.params.map((d) => ({ ...d, path: null }));
  return out;
}

/** The value of a function that closes over a variable of this value, named `name`. */
export function asClosure(v: Val, name: string): Val {
  if (isEmpty(v)) return v;
  const out: Val = {};
  // Named by the read the variable holds when one names it (`process.env.MAIL_API_KEY`, not the local `client`).
  const read = name !== "this" && v.env && (v.env.key !== undefined || !!v.env.envPath?.length) && !v.env.origin.startsWith("a ") && !v.env.origin.includes("`") && v.env.origin.length <= 40 ? v.env.origin : null;
  const origin = `a closure over \`${read ?? name}\``;
  if (v.env && !v.env.moduleState) out.env = { ...v.env, origin, envPath: null, closure: true, live: false, bindingChain: false, built: false };
  if (v.req && !v.req.moduleState) out.req = { ...v.req, origin, closure: true };
  if (v.params) out.params = v.params.map((d) => ({ ...d, path: null, closure: true, ...(!d.closure && d.path?.length === 0 ? { whole: true } : {}) }));
  if (v.containers) {
    for (const c of v.containers) {
      if (c.envPaths.length && !out.env) out.env = { origin, envPath: null, closure: true };
      if (c.request && !out.req) out.req = { origin, envPath: null, closure: true, io: true };
    }
  }
  return out;
}

/** Marks what a module-scope variable (or a field of the module's own instance) holds as module state (the live env import stays live). */
export function markModuleState(v: Val, field = false): Val {
  if (isEmpty(v)) return v;
  const out: Val = {};
  if (v.env) out.env = v.env.live && v.env.envPath?.length === 0 ? v.env : { ...v.env, moduleState: v.env.moduleState === "holder" ? "holder" : true, ...(field ? { instanceField: true } : {}) };
  if (v.req) out.req = { ...v.req, moduleState: true };
  if (v.containers) out.containers = v.containers;
  const fields = fieldsOf(v); // (A module literal keeps its properties: `mainnet.id` of `{ ...devnet, id: 4217, rpc }` is the id's.)
  return fields ? withFields(out, new Map([...fields].map(([key, f]) => [key, markModuleState(f, field)]))) : out;
}

/** A value without the parts that are already module state. */
export function withoutModuleState(v: Val): Val {
  const out: Val = { ...v };
  if (out.env?.moduleState) delete out.env;
  if (out.req?.moduleState) delete out.req;
  return out;
}

/** A value without its parameter dependencies (what is known without the call sites). */
export function withoutParams(v: Val): Val {
  if (!v.params) return v;
  const out: Val = { ...v };
  delete out.params;
  return out;
}

/** A value without what it takes from `fn`'s parameters. */
export function withoutParamsOf(v: Val, fn: FunctionNode): Val {
  const params = v.params?.filter((d) => d.fn !== fn);
  return params?.length ? { ...v, params } : withoutParams(v);
}
