/**
 * What kind of thing a derived value is, for the hazard a message names: the env object (or a
 * copy of it), a closure over env, a client built from it, a plain value, or data read through a
 * binding.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { chainLabel, declaresPlainData, isFunction, keyName, memberName, paramTypeName, typeName, unwrap, unwrapType } from "./ast";
import { DO_ID_METHODS, PROMISE_CALLBACK_METHODS, PROMISE_COMBINATORS } from "./builtins";
import type { Functions } from "./functions";
import { constantInit, madeValues, type Scopes } from "./scope";
import { clientKind, type ClientKind } from "./clients";
import { SECRETS_STORE_TYPE } from "./sources";
import { member, readName, secretNamed, withFields, type FunctionNode, type Node, type Taint, type Val } from "./values";

/**
 * - `env`: the env object or a copy; `closure`: a function over a request's env;
 * - `socket`, `http`, `client`: built by a package whose clients hold a connection, call over
 *   HTTP, or by an unknown construction;
 * - `binding`: a binding, or a wrapper built over one (`drizzle(env.DB)`); `stub`: a Durable
 *   Object stub got from a namespace binding (`env.ROOM.getByName(n)`, `env.ROOM.get(id)`);
 * - `secret`: a string or number read from env (a secret or var); `storeSecret`: a secret read
 *   from a Secrets Store binding (`await env.API_KEY.get()`); `value`: a member of env not
 *   known to be either; `data`: data read through a binding; `pending`: a read through a binding
 *   not awaited (`env.KV.get(k)`, `env.DB.prepare(q).all()`), the promise of one request's I/O.
 */
export type Shape = "env" | "closure" | "client" | "socket" | "http" | "binding" | "stub" | "secret" | "storeSecret" | "value" | "data" | "pending";

/**
 * Methods of bindings that start I/O and return its promise: D1's statements and database, KV, R2,
 * queues, Workers AI, Vectorize, a service's or a stub's `fetch`. `get` of a KV namespace or an R2
 * bucket as well, by the config's kind: a Durable Object namespace's `get` gives a stub at once.
 */
const PENDING_METHODS = new Set(["first", "all", "run", "raw", "batch", "exec", "dump", "getWithMetadata", "list", "put", "delete", "head", "send", "sendBatch", "query", "insert", "upsert", "fetch"]);
const PENDING_GET_KINDS = new Set(["KV namespace", "R2 bucket"]);

/**
 * Whether a binding of this kind starts a read with `get(key)` (a KV namespace, an R2 bucket: not a
 * Durable Object namespace, whose `get` gives a stub at once). With no kind known, a binding's
 * `get` of a key is taken for a read, as in one file.
 */
export function getStartsRead(kind: BindingKind | undefined): boolean {
  return kind?.label ? PENDING_GET_KINDS.has(kind.label) : true;
}

/** Whether an expression is a call of a binding's method that starts I/O (`env.KV.list()`). */
function pendingRead(n: Node, kind: BindingKind | undefined, argument: boolean): boolean {
  if (n.type !== "CallExpression") return false;
  const callee = unwrap(n.callee);
  const name = callee.type === "MemberExpression" ? memberName(callee) : null;
  if (name === null) return false;
  // Any method of a service binding not awaited is an RPC call left pending (a JsRpcPromise).
  if (PENDING_METHODS.has(name) || kind?.label === "service") return true;
  if (name !== "get") return false;
  if (kind?.label) return PENDING_GET_KINDS.has(kind.label);
  // With no kind known: a string key (`get("config")`, `get(\`user:\${id}\`)`) is a KV or R2 read; a
  // Durable Object namespace's `get` takes an id object. Not on what a caller hands a summary's
  // seed, which may as well be a request (`r.headers.get("x-user")`).
  if (argument) return false;
  const key = n.arguments[0] ? unwrap(n.arguments[0] as Node) : null;
  return key?.type === "TemplateLiteral" || (key?.type === "Literal" && typeof key.value === "string");
}

/**
 * Whether an expression (awaited or not, behind `then`/`catch`/`finally`) is a call of a method
 * that reads through its receiver (`kv.get(k)`, `stmt.first()`, `bucket.list()`), not one that
 * hands out an object of the receiver's (`db.prepare(q)`, `db.withSession()`, `ns.get(id)`'s stub).
 */
export function readsThrough(node: Node): boolean {
  let n = unwrap(node);
  if (n.type === "AwaitExpression") n = unwrap(n.argument);
  n = promised(n);
  const callee = n.type === "CallExpression" ? unwrap(n.callee) : null;
  const name = callee?.type === "MemberExpression" ? memberName(callee) : null;
  // (A `fetch` of a stub or a service answers with a Response: I/O, not data.)
  return name !== null && name !== "fetch" && (PENDING_METHODS.has(name) || name === "get");
}

/** The promise a chain of `then`/`catch`/`finally` starts from (`load().catch(reset)`: `load()`). */
function promised(n: Node): Node {
  let e = n;
  while (e.type === "CallExpression") {
    const callee = unwrap(e.callee);
    const name = callee.type === "MemberExpression" ? memberName(callee) : null;
    if (!name || !PROMISE_CALLBACK_METHODS.has(name)) break;
    e = unwrap((callee as TSESTree.MemberExpression).object);
  }
  return e;
}

/**
 * Whether a call gives a promise pending on what it awaits: an async function of the file (also
 * one called at once), or `Promise.all` of reads.
 */
function pendingPromise(functions: Functions, n: Node): boolean {
  if (n.type !== "CallExpression") return false;
  const callee = unwrap(n.callee);
  if (isFunction(callee)) return callee.async;
  const fn = functions.resolveFunction(callee);
  // (Or one that says it returns a promise: `fetchToken(): Promise<Token> { return withRetry(…) }`.)
  const returned = fn?.returnType?.typeAnnotation;
  if (fn) return fn.async || (returned?.type === "TSTypeReference" && returned.typeName.type === "Identifier" && returned.typeName.name === "Promise");
  const object = callee.type === "MemberExpression" ? unwrap(callee.object) : null;
  return object?.type === "Identifier" && object.name === "Promise" && functions.scopes.isUnresolved(object) && PROMISE_COMBINATORS.has(memberName(callee as TSESTree.MemberExpression) ?? "");
}

/**
 * The call whose promise a kept value is, before it settles, when that is an async function of the
 * file (`load(id)`, also behind `.then`/`.finally`, and among the values a variable is given:
 * `p = load(id).finally(…)`): its work runs as I/O of the request that called it. Null otherwise.
 */
export function pendingCall(functions: Functions, node: Node): Node | null {
  const n = unwrap(node);
  const variable = n.type === "Identifier" ? functions.scopes.variableOf(n) : null;
  const values = variable ? (madeValues(variable) ?? []) : [n];
  for (const value of values) {
    const call = promised(unwrap(value));
    if (call.type === "CallExpression" && !isPromiseCombinator(functions, call) && pendingPromise(functions, call)) return call;
  }
  return null;
}

function isPromiseCombinator(functions: Functions, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const object = callee.type === "MemberExpression" ? unwrap(callee.object) : null;
  return object?.type === "Identifier" && object.name === "Promise" && functions.scopes.isUnresolved(object);
}

const DO_NAMESPACE = "Durable Object namespace";
/** Functions of packages that get a stub from a namespace binding they are handed (`getAgentByName(env.Chat, id)`). */
const STUB_FACTORIES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["agents", new Set(["getAgentByName"])],
  ["partyserver", new Set(["getServerByName"])],
]);

/**
 * Whether an expression gets a Durable Object stub from a namespace binding: `getByName(n)`, or
 * `get(id)` of an id one of the namespace's methods made (directly or through a constant), or
 * `get` of a namespace the config (or the `Env` type) says is one.
 */
function stubCall(scopes: Scopes, n: Node, kind: BindingKind | undefined, maker: string | undefined): boolean {
  if (n.type !== "CallExpression") return false;
  const callee = unwrap(n.callee);
  if (maker !== undefined) return callee.type === "Identifier" && !!STUB_FACTORIES.get(maker)?.has(callee.name);
  const name = callee.type === "MemberExpression" ? memberName(callee) : null;
  if (name === "getByName") return true;
  if (name !== "get") return false;
  if (kind?.label === DO_NAMESPACE) return true;
  const id = n.arguments[0] ? definingExpression(scopes, n.arguments[0] as Node) : null;
  const made = id?.type === "CallExpression" ? unwrap(id.callee) : null;
  return made?.type === "MemberExpression" && DO_ID_METHODS.has(memberName(made) ?? "");
}

/**
 * What fails in a later request whatever key it is kept under: a connection, and a stub that one
 * failed call breaks for good. An entry keyed by what it is built from is a finding only for these.
 */
export const CONNECTED_SHAPES: ReadonlySet<Shape> = new Set<Shape>(["socket", "stub"]);
/** What may fail in a later request whatever key it is kept under: a connection, a stub, a client of unknown make. */
export const FAIL_LATER_SHAPES: ReadonlySet<Shape> = new Set<Shape>([...CONNECTED_SHAPES, "client"]);

/**
 * What a value is made by where it is made: its defining expression, or, for a local filled on a
 * miss (`let key = keys.get(k); if (!key) key = await crypto.subtle…`), each value it is given.
 */
function madeExpressions(scopes: Scopes, n: Node): Node[] {
  const variable = n.type === "Identifier" ? scopes.variableOf(n) : null;
  const given = variable ? madeValues(variable) : null;
  return given ? given.map((v) => definingExpression(scopes, v)) : [n];
}

/** A call of the Web Crypto API (`crypto.subtle.importKey(…)`, `crypto.subtle.digest(…)`), or a local given one. */
function isWebCrypto(scopes: Scopes, n: Node): boolean {
  return madeExpressions(scopes, n).some((m) => {
    if (m.type !== "CallExpression") return false;
    const callee = unwrap(m.callee);
    // jose's key imports (`importPKCS8(pem, alg)`, `jose.importJWK(jwk)`) give a CryptoKey too.
    const named = callee.type === "Identifier" ? scopes.importOfId(callee) : null;
    const spaced = callee.type === "MemberExpression" && unwrap(callee.object).type === "Identifier" ? scopes.importOfId(unwrap(callee.object) as TSESTree.Identifier) : null;
    const imported = named?.imported ?? (spaced?.imported === "*" ? memberName(callee as TSESTree.MemberExpression) : null);
    if ((named ?? spaced)?.source === "jose" && JOSE_KEY_IMPORTS.has(imported ?? "")) return true;
    const subtle = callee.type === "MemberExpression" ? unwrap(callee.object) : null;
    const root = subtle?.type === "MemberExpression" && memberName(subtle) === "subtle" ? unwrap(subtle.object) : null;
    return root?.type === "Identifier" && root.name === "crypto" && scopes.isUnresolved(root);
  });
}

/** A call of a function of the file declared to give text, numbers or lists of them. */
function declaredText(functions: Functions, n: Node): boolean {
  const fn = n.type === "CallExpression" ? functions.resolveFunction(unwrap(n.callee)) : null;
  return !!fn && declaresPlainData(fn);
}

/** jose's functions that make a CryptoKey of key material. */
const JOSE_KEY_IMPORTS: ReadonlySet<string> = new Set(["importPKCS8", "importSPKI", "importJWK", "importX509"]);

/** Global classes whose instances' methods give their input's bytes or text (a collection's `get` gives what was put in it: not one). */
const TRANSFORMERS: ReadonlySet<string> = new Set(["TextEncoder", "TextDecoder", "URL", "URLSearchParams"]);

/** A name of a var or secret holding a URL or a connection string (`DATABASE_URL`, `MONGODB_URI`, `PG_DSN`). */
const URL_NAME = /(?:^|_)(?:URL|URI|DSN)$|CONNECTION_STRING$/i;

/**
 * A method of a global encoder's or URL's instance (`new TextEncoder().encode(secret)`, also through
 * a constant: `const enc = new TextEncoder(); enc.encode(secret)`): what it gives is its input's
 * bytes or text, no client.
 */
function isDataTransform(scopes: Scopes, n: Node): boolean {
  return madeExpressions(scopes, n).some((m) => {
    const callee = m.type === "CallExpression" ? unwrap(m.callee) : null;
    let object = callee?.type === "MemberExpression" ? unwrap(callee.object) : null;
    if (object?.type === "Identifier") object = constantInit(scopes.variableOf(object)) ?? object;
    const made = object?.type === "NewExpression" ? unwrap(object.callee) : null;
    return made?.type === "Identifier" && TRANSFORMERS.has(made.name) && scopes.isUnresolved(made);
  });
}

/**
 * Whether a value is a stub where it is made: the call itself, what a local written lazily is
 * given (`let s = stubs.get(k); if (!s) { s = env.ROOMS.getByName(k); … }`), or what a function of
 * the file returns (`stub ??= roomStub(env)`).
 */
function madeStub(functions: Functions, n: Node, kind: BindingKind | undefined, maker: string | undefined, depth = 0): boolean {
  const { scopes } = functions;
  if (stubCall(scopes, n, kind, maker)) return true;
  if (depth > 2) return false;
  if (n.type === "Identifier") return madeExpressions(scopes, n).some((m) => m !== n && madeStub(functions, m, kind, maker, depth + 1));
  const fn = n.type === "CallExpression" ? functions.resolveFunction(unwrap(n.callee)) : null;
  return !!fn && (functions.facts.returns.get(fn) ?? []).some((r) => madeStub(functions, definingExpression(scopes, r), kind, maker, depth + 1));
}

/**
 * Whether an object literal holds a Durable Object stub among its properties (`{ stub, last }`), or a
 * function of the file closes over a local that holds one.
 */
function heldStub(functions: Functions, n: Node, kind: BindingKind | undefined, maker: string | undefined, depth = 0): boolean {
  const { scopes } = functions;
  if (n.type === "ObjectExpression") {
    const values = n.properties.flatMap((p) => (p.type === "Property" ? [definingExpression(scopes, p.value as Node)] : []));
    return values.some((v) => madeStub(functions, v, kind, maker) || (depth < 2 && heldStub(functions, v, kind, maker, depth + 1)));
  }
  if (!isFunction(n)) return false;
  return (scopes.scopeOf(n)?.through ?? []).some((ref) => {
    const def = ref.resolved?.defs[0];
    return def?.type === "Variable" && ref.resolved!.scope.type !== "module" && madeStub(functions, ref.identifier as Node, kind, maker);
  });
}

/** An object or array literal, as written or through a constant that holds one (`const defaults = { … }`). */
function isConstantObject(scopes: Scopes, node: Node): boolean {
  const n = definingExpression(scopes, node);
  return n.type === "ObjectExpression" || n.type === "ArrayExpression";
}

/**
 * What the Worker's own config says a binding is: a binding object (`binding`, with the kind a
 * message names, `label`), a text var or secret (`secret`), or a name of no known kind (`value`).
 * `socket`: a client built from it holds a connection (Hyperdrive). `secretStore`: what its `get()`
 * gives is a secret (a Secrets Store secret), not data read through a binding.
 */
export interface BindingKind {
  shape: "binding" | "secret" | "value";
  label: string | null;
  socket?: boolean;
  secretStore?: boolean;
}

/** A binding's kind as messages name it (`binding("D1 database")`). */
export const binding = (label: string, extra: Partial<BindingKind> = {}): BindingKind => ({ shape: "binding", label, ...extra });

/**
 * The kind of binding a binding type names (`D1Database`, `KVNamespace`, …): of a member of the
 * generated `Env` interface, or of a parameter annotated with one (`db: D1Database`).
 */
export const BINDING_TYPE_KINDS: ReadonlyMap<string, BindingKind> = new Map([
  ["KVNamespace", binding("KV namespace")],
  ["D1Database", binding("D1 database")],
  ["R2Bucket", binding("R2 bucket")],
  ["DurableObjectNamespace", binding("Durable Object namespace")],
  ["Fetcher", binding("service")],
  ["Service", binding("service")],
  ["Queue", binding("queue")],
  ["Hyperdrive", binding("Hyperdrive", { socket: true })],
  ["Ai", binding("Workers AI")],
  ["VectorizeIndex", binding("Vectorize index")],
  ["Vectorize", binding("Vectorize index")],
  ["AnalyticsEngineDataset", binding("Analytics Engine dataset")],
  [SECRETS_STORE_TYPE, binding("Secrets Store secret", { secretStore: true })],
  ["Workflow", binding("Workflow")],
  ["ImagesBinding", binding("Images")],
  ["DispatchNamespace", binding("dispatch namespace")],
  ["SendEmail", binding("send email")],
  ["WorkerVersionMetadata", binding("version metadata")],
  ["RateLimit", binding("rate limit")],
  ["AutoRAG", binding("AutoRAG")],
  ["string", { shape: "secret", label: "secret" }],
]);

/** A value cast to a binding type (`env[name] as KVNamespace`): read from env, that binding's kind names it. */
export function castTo(v: Val, annotation: Node): Val {
  // The env object cast to a type literal (`env as { DB: D1Database }`): each member it declares a
  // binding type reads as that binding.
  const literal = v.env?.envPath?.length === 0 ? unwrapType(annotation) : null;
  if (literal?.type === "TSTypeLiteral") {
    const fields = new Map<string, Val>();
    for (const m of literal.members) {
      const key = m.type === "TSPropertySignature" && m.typeAnnotation ? keyName(m.key as Node, m.computed) : null;
      if (key !== null) fields.set(key, castTo(member(v, key), (m as TSESTree.TSPropertySignature).typeAnnotation!.typeAnnotation as Node));
    }
    return fields.size > 0 ? withFields(v, fields) : v;
  }
  const type = v.env && v.env.typeName === undefined ? typeName(unwrapType(annotation)) : null;
  return type !== null && BINDING_TYPE_KINDS.has(type) ? { ...v, env: { ...v.env!, typeName: type } } : v;
}

/**
 * The config's kind of the binding a value was read from, if the config names it; else the kind of
 * the binding type of the parameter it came from (`db: D1Database`).
 */
export function bindingKindOf(taint: Taint, kinds: ReadonlyMap<string, BindingKind>): BindingKind | undefined {
  // (Several reads of one kind, two vars: that kind.)
  const several = taint.key === undefined && taint.keys ? taint.keys.map((k) => kinds.get(k)) : undefined;
  if (several?.every((k) => k && k.shape === several[0]!.shape && k.label === several[0]!.label)) return several[0];
  const configured = taint.key === undefined ? undefined : kinds.get(taint.key);
  // (Declared nowhere the plugin reads, a deployment's mode by its name is a var: `env.ENVIRONMENT`.)
  return configured ?? (taint.typeName === undefined ? undefined : BINDING_TYPE_KINDS.get(taint.typeName)) ?? (taint.key !== undefined && MODE_NAME.test(taint.key) ? VAR_KIND : undefined);
}

/** Names of a deployment's mode, a var wherever it is declared. */
const MODE_NAME = /^(?:ENVIRONMENT|ENV|NODE_ENV|APP_ENV|DEPLOY_ENV|WORKER_ENV|RUNTIME_ENV|STAGE|APP_STAGE|MODE|APP_MODE)$/;
/** A text binding: a var of the config. */
export const VAR_KIND: BindingKind = { shape: "secret", label: "var" };

/**
 * A shape the value alone leaves open, as the config's kind of the binding it came from decides it:
 * a `client` built by a function no table knows keeps that binding, var or secret
 * (`new Repo(env.DB)`, `cors({ origin: env.ALLOWED_ORIGIN })`), or its socket; a `value` around one
 * read of a binding (`{ db: env.DB }`) is what the config says that binding is. Any other shape
 * stays. Also for a value another module keeps: that module sees only its parameter, and the caller
 * knows which binding it handed over (`Database.get(env.DB)`, `settings.load({ url: env.API_URL })`).
 */
export function configuredShape(shape: Shape, taint: Taint, kind: BindingKind | undefined): Shape {
  if (!kind || kind.shape === "value") return shape;
  if (shape === "client") return kind.socket ? "socket" : kind.shape;
  return shape === "value" && namesItsBinding(taint) ? kind.shape : shape;
}

/**
 * Whether the read a message names is the binding itself (`env.DB`, `{ db: env.DB }`), not a member
 * of it (`env.HYPERDRIVE.connectionString`): then the config's kind of the binding is what is kept.
 */
function namesItsBinding(taint: Taint): boolean {
  const key = taint.key;
  return key !== undefined && (taint.origin.endsWith(`.${key}`) || taint.origin.endsWith(`[${JSON.stringify(key)}]`));
}

/** Follows a local constant to its initializer (and an `await` to what it awaits, unless not `throughAwait`), a few steps, to see what was built. */
function definingExpression(scopes: Scopes, node: Node, throughAwait = true): Node {
  let n = unwrap(node);
  for (let i = 0; i < 4; i++) {
    if (n.type === "AwaitExpression" && throughAwait) {
      n = unwrap(n.argument);
      continue;
    }
    if (n.type !== "Identifier") break;
    const init = constantInit(scopes.variableOf(n));
    if (!init) break;
    n = unwrap(init);
  }
  return n;
}

/**
 * The kind of client a property of an object literal holds when a known package's function or
 * class built it (directly, or through a local constant): a connection before an HTTP client.
 */
function heldClient(scopes: Scopes, literal: TSESTree.ObjectExpression, clientPackages: ReadonlyMap<string, ClientKind>): "socket" | "http" | null {
  const values = literal.properties.flatMap((p) => (p.type === "Property" ? [definingExpression(scopes, p.value as Node)] : []));
  return strongestClient(scopes, values, clientPackages);
}

/** Of the values a package's function or class made, the kind of client that names the hazard: a connection before an HTTP client. */
function strongestClient(scopes: Scopes, values: readonly Node[], clientPackages: ReadonlyMap<string, ClientKind>): "socket" | "http" | null {
  let found: "socket" | "http" | null = null;
  for (const written of values) {
    // A member of what a package made (`new Octokit(…).rest`) is that client's.
    let value = written;
    while (value.type === "MemberExpression") value = unwrap(value.object);
    if (value.type !== "CallExpression" && value.type !== "NewExpression") continue;
    const source = scopes.makerOf(value.callee);
    const kind = source === undefined ? null : clientKind(source, clientPackages);
    if (kind === "socket") return kind;
    if (kind === "http") found = kind;
  }
  return found;
}

/**
 * The kind of client an instance of a class of the file holds, when its constructor builds one with
 * a known package (`this.client = new OpenAI({ apiKey })`): a connection before an HTTP client.
 */
function heldByClass(functions: Functions, made: TSESTree.NewExpression, clientPackages: ReadonlyMap<string, ClientKind>): "socket" | "http" | null {
  return strongestClient(functions.scopes, constructorWrites(functions, made).values, clientPackages);
}

/**
 * The constructor of the class of the file `made` instantiates, and what the statements of its
 * body put on `this` (`this.client = new OpenAI(…)`: the right sides, unwrapped).
 */
function constructorWrites(functions: Functions, made: TSESTree.NewExpression): { ctor: FunctionNode | undefined; values: Node[] } {
  const cls = functions.localClass(made.callee as Node);
  const ctor = cls ? functions.facts.classes.get(cls)?.methods.get("constructor") : undefined;
  return { ctor, values: thisWrites(ctor) };
}

/** The right sides (unwrapped) of the `this.x = …` statements of a constructor's body. */
export function thisWrites(ctor: FunctionNode | undefined): Node[] {
  const values: Node[] = [];
  for (const statement of ctor?.body?.type === "BlockStatement" ? ctor.body.body : []) {
    const e = statement.type === "ExpressionStatement" ? unwrap(statement.expression as Node) : null;
    if (e?.type === "AssignmentExpression" && e.left.type === "MemberExpression" && e.left.object.type === "ThisExpression") values.push(unwrap(e.right as Node));
  }
  return values;
}

/** Text a constructor may write: a literal, a template, a concatenation, or a text function's result. */
const TEXT_CALLS: ReadonlySet<string> = new Set(["btoa", "String", "encodeURIComponent", "encodeURI"]);
function isText(e: Node): boolean {
  if (e.type === "Literal" || e.type === "TemplateLiteral") return true;
  if (e.type === "BinaryExpression") return e.operator === "+" && (isText(unwrap(e.left as Node)) || isText(unwrap(e.right as Node)));
  if (e.type === "CallExpression") return e.callee.type === "Identifier" ? TEXT_CALLS.has(e.callee.name) : e.callee.type === "MemberExpression" && memberName(e.callee) === "stringify";
  return false;
}

/** Whether a class of the file keeps only text on its instances as it is made (its constructor's `this.x = …`). */
function keepsOnlyText(functions: Functions, made: TSESTree.NewExpression): boolean {
  const { ctor, values } = constructorWrites(functions, made);
  return !!ctor && values.length > 0 && values.every(isText);
}

/** What an instance keeps of one constructor parameter as it was handed: a binding (by its type), whatever it is, or none of it. */
export type KeptParam = "binding" | "whole" | null;

/**
 * Which parameters of a constructor its instance keeps whole (`this.env = env`, a parameter
 * property), by position: "binding" when typed with a binding type (`readonly d1: D1Database`).
 */
export function keptParams(ctor: FunctionNode | undefined, values: readonly Node[]): KeptParam[] {
  return (ctor?.params ?? []).map((param) => {
    const kept = param.type === "TSParameterProperty" || (param.type === "Identifier" && values.some((v) => v.type === "Identifier" && v.name === param.name));
    if (!kept) return null;
    const type = paramTypeName(param as Node);
    return type !== null && BINDING_TYPE_KINDS.get(type)?.shape === "binding" ? "binding" : "whole";
  });
}

/** The one `new` a list is made of: `[new C(a)]`, or what a `map` callback returns (`xs.map((x) => new C(a, x))`). */
function listedInstance(n: Node): TSESTree.NewExpression | null {
  if (n.type === "ArrayExpression") {
    const first = n.elements[0] ? unwrap(n.elements[0] as Node) : null;
    return n.elements.length === 1 && first?.type === "NewExpression" ? first : null;
  }
  const callee = n.type === "CallExpression" ? unwrap(n.callee) : null;
  const fn = callee?.type === "MemberExpression" && memberName(callee) === "map" && n.type === "CallExpression" ? unwrap(n.arguments[0] as Node) : null;
  if (fn?.type !== "ArrowFunctionExpression") return null;
  const body = fn.body.type === "BlockStatement" ? null : unwrap(fn.body as Node);
  return body?.type === "NewExpression" ? body : null;
}

/**
 * Hono's own middleware, whose function keeps the options it is built with and holds no client:
 * what it keeps is the secret or var it was given.
 */
const HONO_MIDDLEWARE = /^hono\/(?:cors|bearer-auth|basic-auth|jwt|jwk|csrf|secure-headers|ip-restriction|body-limit|cache|etag|logger|timeout|timing|request-id|language|trailing-slash|compress|method-override|powered-by|pretty-json)(?:#|$)/;

/**
 * `new Gallery(env)` of a class whose constructor keeps the parameter whole (`this.env = env`, or a
 * parameter property): the instance holds what it was handed, named as the value's origin (`env`,
 * `c.env`): the env object, or a binding when the parameter is typed with a binding type
 * (`readonly d1: D1Database`) or the value is one. A class of the file is read here; one another
 * module exports, through `imported` (the project's answer, null when not known).
 */
function keptWhole(functions: Functions, made: TSESTree.NewExpression, taint: Taint, imported?: ImportedKeeps): "env" | "binding" | null {
  if (taint.key !== undefined) return null;
  const at = made.arguments.findIndex((arg) => chainLabel(arg as Node) === taint.origin);
  if (at < 0) return null;
  const { ctor, values } = constructorWrites(functions, made);
  const kept = ctor ? keptParams(ctor, values)[at] : (imported?.(made)?.[at] ?? null);
  if (!kept) return null;
  return taint.binding || kept === "binding" ? "binding" : "env";
}

/** What an instance of a class another module exports keeps of each constructor parameter (null: not known). */
export type ImportedKeeps = (made: TSESTree.NewExpression) => readonly KeptParam[] | null;

/**
 * The shape of a derived value. `kinds` (from the Worker's config, when there is one) tells what
 * the binding it was read from is: `env.DB` of `d1_databases` is a binding, a `[vars]` name a
 * var, and a client built from a Hyperdrive binding holds a socket.
 */
export function shapeOf(
  functions: Functions,
  valueNode: Node,
  taint: Taint,
  clientPackages: ReadonlyMap<string, ClientKind> = new Map(),
  kinds: ReadonlyMap<string, BindingKind> = new Map(),
  imported?: ImportedKeeps,
): Shape {
  const { scopes } = functions;
  // What holds a stub (`{ stub, last }`, a closure over one) fails with it once it breaks.
  if (!taint.bindingData && heldStub(functions, definingExpression(scopes, valueNode), bindingKindOf(taint, kinds), taint.maker)) return "stub";
  if (taint.closure) return "closure";
  if (taint.envPath && taint.envPath.length === 0) return "env";
  if (taint.bindingData) return "data";
  if (taint.pending) return "pending";
  if (taint.stub) return "stub";
  const configured = bindingKindOf(taint, kinds);
  if (taint.bindingChain && !taint.maker && pendingRead(promised(unwrap(valueNode)), configured, !!taint.argument)) return "pending";
  const n = definingExpression(scopes, valueNode);
  // (Also the promise a local is given among other values: `pending = shared; if (!pending) pending = load(env)`.)
  // (Not through an `await`: what an awaited object literal holds is no pending promise.)
  const kept = definingExpression(scopes, valueNode, false);
  if (taint.bindingChain && (pendingPromise(functions, promised(kept)) || (n !== promised(n) && pendingRead(promised(n), configured, !!taint.argument)) || pendingCall(functions, valueNode) !== null)) return "pending";
  if ((taint.bindingChain || taint.built) && madeStub(functions, n, configured, taint.maker)) return "stub";
  if (taint.built) {
    // A key or a digest made from a secret (`crypto.subtle.importKey("raw", secret, …)`): the secret's.
    // (So is what a function of the file declared to give text makes of it: `decode(s): Promise<string>`.)
    if (isWebCrypto(scopes, n) || isDataTransform(scopes, n) || declaredText(functions, n)) return "secret";
    // An object around clients (`{ ai: new OpenAI(…), sql: postgres(…) }`): the strongest it holds.
    const around = n.type === "ObjectExpression" ? heldClient(scopes, n, clientPackages) : null;
    if (around) return around;
    // Hono's own middleware (`cors({ origin })`, `bearerAuth({ token })`): a function that keeps the options it was given.
    if (taint.maker && HONO_MIDDLEWARE.test(taint.maker)) return "secret";
    const kind = taint.maker ? clientKind(taint.maker, clientPackages) : null;
    if (kind === "socket" || kind === "http") return kind;
    // A wrapper (an ORM, an auth library) holds a binding when it is given one; given a secret
    // (`betterAuth({ secret: env.AUTH_SECRET, … })`), what it keeps is the secret.
    // (So is a connection string: `new PrismaClient({ datasourceUrl: env.DATABASE_URL })` of the edge client.)
    if (kind === "wrapper") return secretNamed(taint) || URL_NAME.test(readName(taint) ?? "") ? "http" : "binding";
    // An instance of a class of the file (or a list of them: `[new Client(env)]`, `ids.map((id) =>
    // new Client(env, id))`): what its constructor builds (`this.client = new OpenAI(…)`).
    // (Also what a function of the file returns made so: `createHelpers(env) { return new Helpers(env, this) }`.)
    const returned = n.type === "CallExpression" ? functions.factoryResult(n) : null;
    const made = n.type === "NewExpression" ? n : returned?.type === "NewExpression" ? returned : listedInstance(n);
    const held = made ? heldByClass(functions, made, clientPackages) : null;
    if (held) return held;
    // One whose constructor keeps only text (`this.basic = btoa(\`${KEY}:${SECRET}\`)`): that secret's text.
    if (made && keepsOnlyText(functions, made)) return "secret";
    // One that keeps the env object it is handed (`this.env = env`): that request's bindings.
    const whole = made ? keptWhole(functions, made, taint, imported) : null;
    if (whole) return whole;
    return configuredShape("client", taint, configured);
  }
  if (isFunction(n)) return "closure";
  // `{ ...env }`: a copy of the bindings.
  // (A spread of a constant object, `{ ...defaults, url: env.URL }`, copies no binding.)
  // (A spread of one member, `{ ...DEFAULTS, ...routes }` of `env.ROUTES`, copies that member: its kind says.)
  if (n.type === "ObjectExpression" && !taint.envPath?.length && taint.key === undefined && n.properties.some((p) => p.type === "SpreadElement" && !isConstantObject(scopes, p.argument as Node))) return "env";
  // An object around a client a known package built (`{ url, sql }` with `sql = postgres(url)`):
  // what the client holds is the hazard.
  const held = n.type === "ObjectExpression" ? heldClient(scopes, n, clientPackages) : null;
  if (held) return held;
  if (taint.binding || taint.bindingChain) return "binding";
  // `env.DB` itself (or cast to a binding type: `env[name] as KVNamespace`): the config says what it is.
  if (configured && configured.shape !== "value" && (taint.envPath?.length === 1 || (taint.typeName !== undefined && !taint.byType))) return configured.shape;
  // Text or a number made of a binding (a D1 database's rows mapped and joined) is what was read through it.
  if (taint.scalar && !taint.secretStore && configured?.shape === "binding" && !configured.secretStore) return "data";
  if (taint.scalar) return taint.secretStore ? "storeSecret" : "secret";
  // An object or array around one such read (`{ db: env.DB }`, `[env.API_URL]`): the same.
  return configuredShape("value", taint, configured);
}
